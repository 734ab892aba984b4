"""How the LLM engine builds its requests: the prompt, items and few-shot examples, batch packing.

`RequestBuilder` is a part of `Prelabeler` (assistant/prelabel/prelabeler.py); it reads the engine's
settings (`mode`, `labels`, `shots`, ...) from it.
"""

from __future__ import annotations

from functools import lru_cache

import html
import json
from typing import TYPE_CHECKING, Any, Sequence

from pydantic import BaseModel

from assistant.prelabel.answers import ANSWER_MODELS
from assistant.prelabel.constants import ITEM_TOKEN_BUDGET, MAX_BATCH_SIZE, PROMPT_NAME
from assistant.prelabel.gold import rulebook_references
from assistant.prelabel.items import Item
from assistant.rulebook.prefix import prompt_prefix
from assistant.core.errors import ConfigurationError as _ConfigurationError
from assistant.core.messages import Message
from assistant.llm.prompts import Prompt, _environment, load_prompt
from assistant.llm.tokens import get_encoding
from assistant.prelabel.answer_schema import answer_bound, batch_answer_schema, described_schema

if TYPE_CHECKING:
    from assistant.llm.prompts import Prompt
    from assistant.prelabel.gold import Reference


def _compiled_prompt(prompt: "Prompt") -> "Prompt":
    """The same prompt, rendering with templates compiled once instead of on every request."""

    @lru_cache(maxsize=8)
    def compiled(template: str):
        return _environment().from_string(template)

    class CompiledPrompt(Prompt):
        def render(self, values: dict[str, Any]) -> list[tuple[str, str]]:
            missing = [name for name in self.variables if name not in values]
            if missing:
                raise _ConfigurationError(Message("error.requests.prompt_needs_variables", prompt=self.id, missing=str(missing)))
            return [
                ("system", compiled(self.system).render(**values).strip()),
                ("user", compiled(self.user).render(**values).strip()),
            ]

    return CompiledPrompt.model_validate(prompt.model_dump())


def _escape_text(text: str) -> str:
    return html.escape(text, quote=False)


def _escape_attr(text: str) -> str:
    return html.escape(text, quote=True)


class RequestBuilder:
    """The request side of `Prelabeler`: prompt, rendering, token counts, packing, few-shot choice."""

    if TYPE_CHECKING:  # state that lives on Prelabeler (assistant/prelabel/prelabeler.py)
        rulebook: Any
        settings: Any
        batch_size: int | None
        embedder: Any
        gold: Any
        labels: Any
        logprobs: bool
        mode: str
        shots: int
        _prompt: Any
        _refs: Any

    @property
    def prompt(self) -> "Prompt":
        if self._prompt is None:

            self._prompt = _compiled_prompt(load_prompt(PROMPT_NAME))
        return self._prompt

    @property
    def answer_model(self) -> type[BaseModel]:
        return ANSWER_MODELS[self.mode]

    # -- prompt pieces ----------------------------------------------------------------------
    def system_variables(self) -> dict[str, Any]:
        return {"rulebook": prompt_prefix(self.rulebook), "mode": self.mode, "label_list": self.labels.listing()}

    @staticmethod
    def render_item(item: Item) -> str:
        return f'<item id="{_escape_attr(item.id)}">{_escape_text(item.text)}</item>'

    def render_items(self, items: Sequence[Item]) -> str:
        return "\n".join(self.render_item(item) for item in items)

    def render_examples(self, refs: Sequence[Reference]) -> str:
        lines = []
        for ref in refs:
            if self.mode == "spans":
                spans = json.dumps(
                    [{"start": s.start, "end": s.end, "text": s.text or ref.text[s.start : s.end], "label": s.label} for s in ref.spans],
                    ensure_ascii=False,
                )
                line = f"<example>{_escape_text(ref.text)}</example> spans: {spans}"
            else:
                shown = ", ".join(ref.labels) if self.mode == "multi" else ref.label
                line = f'<example label="{_escape_attr(shown or "")}">{_escape_text(ref.text)}</example>'
            if ref.explanation:
                line += f" — {' '.join(ref.explanation.split())}"
            lines.append(line)
        return "\n".join(lines)

    def variables(self, batch: Sequence[Item], shots: Sequence[Reference], note: str = "") -> dict[str, Any]:
        return {**self._system_vars(), "examples": self.render_examples(shots), "items": self.render_items(batch), "note": note}

    def _system_vars(self) -> dict[str, Any]:
        cached = getattr(self, "_sysvars", None)
        if cached is None:
            cached = self._sysvars = self.system_variables()
        return cached

    def messages(self, batch: Sequence[Item], shots: Sequence[Reference], note: str = "") -> list[tuple[str, str]]:
        return self.prompt.render(self.variables(batch, shots, note))

    # -- batching ---------------------------------------------------------------------------
    def item_tokens(self, items: Sequence[Item]) -> list[int]:
        encoding = get_encoding(self.settings)
        rendered = [self.render_item(item) + "\n" for item in items]
        return [len(tokens) for tokens in encoding.encode_batch(rendered, disallowed_special=())] if rendered else []

    def auto_batch_size(self, tokens: Sequence[int]) -> int:
        if not tokens:
            return 1
        mean = max(1.0, sum(tokens) / len(tokens))
        return int(min(MAX_BATCH_SIZE, max(1, ITEM_TOKEN_BUDGET // mean)))

    def pack(self, items: Sequence[Item]) -> list[list[Item]]:
        """Batches in input order: `batch_size` items, or (default) as many as fit the token budget."""
        if not items:
            return []
        if self.batch_size is not None:
            return [list(items[start : start + self.batch_size]) for start in range(0, len(items), self.batch_size)]
        tokens = self.item_tokens(items)
        size = self.auto_batch_size(tokens)
        batches: list[list[Item]] = []
        current: list[Item] = []
        used = 0
        for item, count in zip(items, tokens):
            if current and (len(current) >= size or used + count > ITEM_TOKEN_BUDGET):
                batches.append(current)
                current, used = [], 0
            current.append(item)
            used += count
        if current:
            batches.append(current)
        return batches

    # -- few-shot examples ------------------------------------------------------------------
    def references(self) -> list[Reference]:
        if self._refs is None:
            refs = rulebook_references(self.rulebook) + self.gold
            if self.mode == "spans":
                refs = [ref for ref in refs if ref.spans or ref.kind == "gold"]
            self._refs = refs
        return self._refs

    def _references_matrix(self):
        if self._ref_matrix is None:
            self._ref_matrix = self.embedder.embed([ref.text for ref in self.references()])
        return self._ref_matrix

    def shots_for(self, batches: Sequence[Sequence[Item]]) -> list[list[Reference]]:
        """Per batch, the references most similar to any of its items (never the item itself)."""
        refs = self.references()
        if not self.shots or not refs or not batches:
            return [[] for _ in batches]
        import numpy as np

        matrix = self._references_matrix()
        by_text: dict[str, list[int]] = {}
        for index, ref in enumerate(refs):
            by_text.setdefault(ref.text, []).append(index)
        flat = [item for batch in batches for item in batch]
        scores = np.concatenate(
            [self.embedder.embed([item.text for item in flat[start : start + 4096]]) @ matrix.T for start in range(0, len(flat), 4096)]
        )
        out: list[list[Reference]] = []
        row = 0
        for batch in batches:
            block = scores[row : row + len(batch)].copy()
            for offset, item in enumerate(batch):
                for index in by_text.get(item.text, ()):
                    block[offset, index] = -1.0
            row += len(batch)
            best = block.max(axis=0)
            chosen = [int(i) for i in np.argsort(-best)[: self.shots] if best[i] > 0]
            out.append([refs[i] for i in chosen])
        return out

    def request_args(self, batch: Sequence[Item], shots: Sequence[Reference], note: str = "") -> dict[str, Any]:
        """What one request for `batch` asks (prompt, variables, answer model, schema, bound): the one
        place the online path and the Batch API (`assistant.prelabel.batch_jobs`) build a request from."""

        ids = [item.id for item in batch]
        return {
            "prompt": self.prompt,
            "variables": self.variables(batch, shots, note),
            "output": self.answer_model,
            "step": "prelabel",
            "logprobs": self.logprobs and self.mode == "single",
            "max_tokens": answer_bound(self.mode, len(batch), sum(len(i) for i in ids) // 2),
            "schema": batch_answer_schema(self.mode, self.labels.names, ids),
            "described_schema": described_schema(self.mode, self.labels.names),
        }
