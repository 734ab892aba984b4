"""Pre-annotation: label every item with the rulebook's labels, for the trial round and at scale.

Two engines, one output contract (`Prediction`, one per input item):

- **LLM** (an endpoint is configured, or `llm=` is given). Items are sent in batches (`batch_size`;
  by default as many as fit ~3,000 prompt tokens of items, between 1 and 25). The system message is
  the rulebook (`prompt_prefix`) plus fixed instructions, byte-identical for every request so the
  provider's prompt caching applies; the user message holds few-shot examples picked per batch by
  embedding similarity (rulebook examples, and gold items when given) and the items, each inside
  `<item id="...">...</item>` with its text escaped so an item cannot close its own tag. The answer
  is a `BatchAnswer` validated through the LLM seam. Answers are mapped back by id: unknown or
  repeated ids are ignored (and noted); missing ids and labels outside the rulebook are re-asked
  once in a smaller batch, then written as error records — a label is never forced.
- **offline** (no endpoint). k-nearest neighbours over the embedded rulebook examples (positives
  vote for their label, negatives for their `correct_label`), the labels' cues (half weight) and
  gold items; confidence is the similarity-weighted vote share.

Confidence (LLM): the probability of the label's tokens when the endpoint returns log-probabilities
(`exp` of the summed log-probabilities of the tokens that spell the label value in the JSON answer;
for a one-token label this is the label's first-token probability); otherwise the model's verbal
score shrunk toward 0.5: `confidence = 0.5 + 0.6 × (verbal − 0.5)` (verbal 1.0 → 0.8, 0.9 → 0.74,
0.5 → 0.5), because verbal scores of LLMs are over-confident. Below `min_confidence` an item becomes
`abstain` for human review, with the model's best label kept in the rationale.

At scale: asyncio with `concurrency` requests in flight, an optional client-side rate limit (`rpm`,
aiolimiter, applied to every HTTP request including retries), and the seam's bounded retries of
429/5xx/timeouts (the one retry layer). A response cache (SQLite under data_dir/cache) makes
re-runs free; `run_job` appends each result to the output as it completes, resumes from it, and
rewrites it atomically in input order at the end.
"""

from __future__ import annotations

import asyncio
import html
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, AsyncIterator, Callable, Iterable, Mapping, Sequence

from pydantic import BaseModel, ValidationError

from assistant.core.errors import ConfigurationError, ContextLengthError, InputError, LLMError, StructuredOutputError
from assistant.core.models import ABSTAIN, Prediction, Rulebook, Span, TaskType
from assistant.prelabel.answers import ANSWER_MODELS, LabelSet
from assistant.prelabel.cache import ResponseCache, cache_key, rulebook_fingerprint
from assistant.prelabel.confidence import label_probabilities, verbal_confidence
from assistant.prelabel.constants import EST_ANSWER_PROSE_TOKENS, ITEM_TOKEN_BUDGET, MAX_BATCH_SIZE, PROMPT_NAME, VERBAL_SHRINK
from assistant.prelabel.gold import load_gold, rulebook_references
from assistant.prelabel.items import Item
from assistant.prelabel.offline import OfflineLabeler
from assistant.prelabel.options import check as check_options
from assistant.prelabel.options import default
from assistant.prelabel.ratelimit import RequestRate
from assistant.prelabel.summary import Plan, RunStats, _masking_line
from assistant.rulebook.draft import prompt_prefix

if TYPE_CHECKING:
    from assistant.core.settings import Settings
    from assistant.llm.chat import ChatLLM
    from assistant.llm.embeddings import Embedder
    from assistant.llm.prompts import Prompt
    from assistant.prelabel.answers import ItemAnswer, SpanAnswer
    from assistant.prelabel.gold import Reference


# =============================================================================================
# The engine
# =============================================================================================
def _compiled_prompt(prompt: "Prompt") -> "Prompt":
    """The same prompt, rendering with templates compiled once instead of on every request."""
    from functools import lru_cache

    from assistant.core.errors import ConfigurationError as _ConfigurationError
    from assistant.llm.prompts import Prompt, _environment

    @lru_cache(maxsize=8)
    def compiled(template: str):
        return _environment().from_string(template)

    class CompiledPrompt(Prompt):
        def render(self, values: dict[str, Any]) -> list[tuple[str, str]]:
            missing = [name for name in self.variables if name not in values]
            if missing:
                raise _ConfigurationError(f"prompt {self.id} needs variables {missing}")
            return [
                ("system", compiled(self.system).render(**values).strip()),
                ("user", compiled(self.user).render(**values).strip()),
            ]

    return CompiledPrompt.model_validate(prompt.model_dump())


def _escape_text(text: str) -> str:
    return html.escape(text, quote=False)


def _escape_attr(text: str) -> str:
    return html.escape(text, quote=True)


class Prelabeler:
    """One configured pre-labeling engine; `stream(items)` yields one Prediction per item."""

    def __init__(
        self,
        rulebook: Rulebook,
        *,
        settings: "Settings | None" = None,
        llm: "ChatLLM | None" = None,
        engine: str | None = None,
        batch_size: int | None = default("batch_size"),
        concurrency: int = default("concurrency"),
        rpm: float | None = default("rpm"),
        min_confidence: float = default("min_confidence"),
        gold: "str | Path | Iterable[Mapping[str, Any]] | None" = None,
        shots: int = default("shots"),
        cache: bool = default("cache"),
        logprobs: bool = default("logprobs"),
        verbal_shrink: float = VERBAL_SHRINK,
        embedder: "Embedder | None" = None,
    ) -> None:
        from assistant.core.settings import get_settings

        check_options(batch_size=batch_size, concurrency=concurrency, rpm=rpm, min_confidence=min_confidence)  # the bounds of PrelabelOptions
        if engine not in (None, "llm", "offline"):
            raise InputError(f"engine must be 'llm' or 'offline', got {engine!r}")
        self.rulebook = rulebook
        self.settings = settings or get_settings()
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.rpm = rpm
        self.min_confidence = min_confidence
        self.shots = max(0, shots)
        self.use_cache = cache
        self.logprobs = logprobs
        self.verbal_shrink = verbal_shrink
        self.mode = "spans" if rulebook.task_type == TaskType.ner else "multi" if rulebook.multi_label else "single"
        self.labels = LabelSet(rulebook)
        self.gold = load_gold(gold, rulebook)
        self.stats = RunStats()
        if engine == "offline":
            llm = None
        elif llm is None and (engine == "llm" or (engine is None and self.settings.llm_configured)):
            from assistant.llm.chat import get_llm

            llm = get_llm(self.settings)
            if llm is None:
                raise ConfigurationError(
                    "the LLM engine needs an endpoint: set OPENAI_API_KEY and/or OPENAI_BASE_URL"
                )
        self.llm = llm
        self._embedder = embedder
        self._prompt = None
        self._refs: list[Reference] | None = None
        self._ref_matrix = None
        self._offline: OfflineLabeler | None = None
        self._fingerprint = rulebook_fingerprint(rulebook)

    # -- identity ---------------------------------------------------------------------------
    @property
    def engine(self) -> str:
        return "llm" if self.llm is not None else "offline"

    @property
    def model(self) -> str | None:
        if self.llm is not None:
            return self.llm.model
        return f"knn/{self.embedder.name}"

    def describe_engine(self) -> str:
        if self.llm is not None:
            masked = "; personal data masked before sending" if getattr(self.llm, "pii", None) is not None else ""
            return f"prelabel engine: LLM {self.llm.model}@{getattr(self.llm, 'host', 'local')}{masked}"
        return (
            f"prelabel engine: offline (k-nearest rulebook examples{' and gold items' if self.gold else ''}, "
            f"embedder {self.embedder.name}; set OPENAI_API_KEY/OPENAI_BASE_URL to use an LLM)"
        )

    @property
    def embedder(self) -> "Embedder":
        if self._embedder is None:
            from assistant.llm.embeddings import get_embedder

            self._embedder = get_embedder(self.settings)
        return self._embedder

    @property
    def prompt(self) -> "Prompt":
        if self._prompt is None:
            from assistant.llm.prompts import load_prompt

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
        from assistant.llm.tokens import get_encoding

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

    # -- predictions ------------------------------------------------------------------------
    def confidence(self, entry: Mapping[str, Any]) -> float:
        if entry.get("confidence") is not None:
            return float(entry["confidence"])
        if entry.get("logprob") is not None:
            return float(entry["logprob"])
        return verbal_confidence(entry.get("verbal", 0.5), self.verbal_shrink)

    def prediction(self, item: Item, entry: Mapping[str, Any]) -> Prediction:
        """A Prediction from a validated answer entry (fresh, cached or offline)."""
        label = entry["label"]
        labels = list(entry.get("labels") or [])
        spans = [Span.model_validate(span) for span in entry.get("spans") or []]
        confidence = round(min(1.0, max(0.0, self.confidence(entry))), 4)
        rationale = entry.get("rationale") or ""
        status = "labeled"
        if label == ABSTAIN:
            status, labels, spans = "abstain", [], []
        elif confidence < self.min_confidence:
            guess = label
            if self.mode == "multi" and labels:
                guess = ", ".join(labels)
            elif self.mode == "spans":
                guess = "; ".join(f"{s.text}/{s.label}" for s in spans) or label
            rationale = f"below min confidence {self.min_confidence:.2f}: best label {guess} ({confidence:.2f}). {rationale}".strip()
            label, status, labels, spans = ABSTAIN, "abstain", [], []
        return Prediction(
            id=item.id,
            label=label,
            labels=labels,
            spans=spans,
            confidence=confidence,
            rationale=rationale,
            rule=entry.get("rule") or None,
            status=status,
            engine=self.engine,
            model=self.model,
            rulebook_version=self.rulebook.version,
        )

    def error(self, item: Item, message: str) -> Prediction:
        return Prediction(
            id=item.id,
            label=None,
            confidence=0.0,
            status="error",
            error=message,
            engine=self.engine,
            model=self.model,
            rulebook_version=self.rulebook.version,
        )

    def key(self, item: Item) -> str:
        return cache_key(self.model or "", self._fingerprint, self.prompt.version, item.text)

    # -- interpreting an answer -------------------------------------------------------------
    def interpret(self, item: Item, answer: ItemAnswer, logprob: float | None) -> dict[str, Any] | str:
        """A cacheable entry for a valid answer, or the problem (a string) that makes it invalid."""
        entry: dict[str, Any] = {
            "verbal": answer.confidence,
            "logprob": logprob,
            "rationale": answer.rationale.strip(),
            "rule": answer.rule.strip(),
            "labels": [],
            "spans": [],
        }
        allowed = f"not one of the labels {self.labels.listing()} or \"abstain\""
        if self.mode == "single":
            label = self.labels.normalize(answer.label)
            if label is None:
                return f"label {answer.label!r} is {allowed}"
            entry["label"] = label
            return entry
        if self.mode == "multi":
            main = self.labels.normalize(answer.label) if answer.label else None
            raw = list(getattr(answer, "labels", []) or [])
            if not raw and answer.label:
                raw = [answer.label]
            names, bad = [], []
            for value in raw:
                name = self.labels.normalize(value)
                if name is None:
                    bad.append(value)
                elif name != ABSTAIN:
                    names.append(name)
            if bad:
                return f"labels {bad!r} are {allowed}"
            if answer.label and main is None:
                return f"label {answer.label!r} is {allowed}"
            if main == ABSTAIN and not names:
                entry["label"] = ABSTAIN
                return entry
            names = self.labels.sort(names + ([main] if main and main != ABSTAIN else []))
            if not names:
                return "no label was given (use \"abstain\" when the rules do not decide)"
            entry["labels"] = names
            entry["label"] = main if main in names else names[0]
            entry["logprob"] = None  # the label probability is only read for single-label answers
            return entry
        spans, problems = self.check_spans(item.text, getattr(answer, "spans", []) or [])
        if problems:
            return "; ".join(problems)
        entry["logprob"] = None
        entry["spans"] = [span.model_dump() for span in spans]
        if not spans:
            entry["label"] = ABSTAIN
            if not entry["rationale"]:
                entry["rationale"] = "no span found"
            return entry
        counts = Counter(span.label for span in spans)
        entry["label"] = max(counts, key=lambda name: (counts[name], -self.labels.order.get(name, 0)))
        return entry

    def check_spans(self, text: str, answers: Sequence[SpanAnswer]) -> tuple[list[Span], list[str]]:
        """Spans checked against the text: offsets repaired from the span text when they are off."""
        spans: list[Span] = []
        problems: list[str] = []
        for answer in answers:
            label = self.labels.normalize(answer.label)
            if label is None or label == ABSTAIN:
                problems.append(f"span label {answer.label!r} is not one of {self.labels.listing()}")
                continue
            surface = html.unescape(answer.text or "")
            start, end = answer.start, answer.end
            offsets_ok = start is not None and end is not None and 0 <= start < end <= len(text)
            if surface:
                if not (offsets_ok and text[start:end] == surface):
                    positions = [m.start() for m in re.finditer(re.escape(surface), text)]
                    if not positions:
                        problems.append(f"span text {surface!r} does not occur in the item text")
                        continue
                    taken = [(s.start, s.end) for s in spans]
                    free = [p for p in positions if not any(p < e and p + len(surface) > s for s, e in taken)] or positions
                    anchor = start if start is not None else 0
                    start = min(free, key=lambda p: abs(p - anchor))
                    end = start + len(surface)
            elif offsets_ok:
                surface = text[start:end]
            else:
                problems.append(f"span {answer.start}-{answer.end} is outside the text (length {len(text)})")
                continue
            spans.append(Span(start=start, end=end, label=label, text=surface))
        # one label per character: keep the longer of overlapping spans, drop exact repeats
        kept: list[Span] = []
        for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
            if kept and span.start < kept[-1].end:
                if (span.end - span.start) > (kept[-1].end - kept[-1].start):
                    kept[-1] = span
                continue
            kept.append(span)
        return kept, problems

    # -- offline ----------------------------------------------------------------------------
    def offline(self) -> "OfflineLabeler":
        if self._offline is None:
            self._offline = OfflineLabeler(self)
        return self._offline

    # -- dry run ----------------------------------------------------------------------------
    def plan(self, items: Sequence[Item], *, resumed: int = 0) -> Plan:
        valid = [item for item in items if item.ok]
        errors = len(items) - len(valid)
        if self.llm is None:
            return Plan(engine="offline", model=self.model, items=len(items) + resumed, to_label=len(valid), input_errors=errors, resumed=resumed)
        from assistant.llm.tokens import TOKENS_PER_MESSAGE, count_message_tokens, count_tokens, estimate_cost

        todo, cached = valid, 0
        if self.use_cache and valid:
            cache = ResponseCache.open(self.settings, create=False)
            if cache is not None:
                try:
                    hits = cache.get_many([self.key(item) for item in valid])
                finally:
                    cache.close()
                todo = [item for item in valid if self.key(item) not in hits]
                cached = len(valid) - len(todo)
        batches = self.pack(todo)
        shots = self.shots_for(batches)
        system = self.prompt.render({**self._system_vars(), "examples": "", "items": "", "note": ""})[0]
        system_tokens = count_message_tokens([system], self.settings)
        schema_tokens = count_tokens(json.dumps(self.answer_model.model_json_schema(), ensure_ascii=False), self.settings)
        user_overhead = TOKENS_PER_MESSAGE + count_tokens("user", self.settings)
        prompt_tokens = 0
        from assistant.llm.pii import detector_for, masking_state

        detector = getattr(self.llm, "pii", None) or detector_for(self.settings)
        pii_counts: Counter[str] = Counter()
        for batch, refs in zip(batches, shots):
            user = self.messages(batch, refs)[1][1]
            prompt_tokens += system_tokens + schema_tokens + user_overhead + count_tokens(user, self.settings)
            pii_counts.update(detector.count([user]))
        longest = max(self.labels.names, key=len)
        skeleton = {"id": "", "label": longest, "confidence": 0.85, "rationale": "", "rule": ""}
        if self.mode == "spans":
            skeleton["spans"] = [{"start": 10, "end": 14, "text": "xxxx", "label": longest}] * 2
        if self.mode == "multi":
            skeleton["labels"] = [longest]
        per_item = count_tokens(json.dumps(skeleton, ensure_ascii=False), self.settings) + EST_ANSWER_PROSE_TOKENS
        completion = sum(
            8 + sum(per_item + count_tokens(item.id, self.settings) for item in batch) for batch in batches
        )
        return Plan(
            engine="llm",
            model=self.model,
            items=len(items) + resumed,
            to_label=len(todo),
            input_errors=errors,
            resumed=resumed,
            cached=cached,
            batch_size=self.batch_size or (max(len(b) for b in batches) if batches else None),
            requests=len(batches),
            prefix_tokens=system_tokens,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion,
            cost=estimate_cost(prompt_tokens, completion, self.settings),
            pii_masking=_masking_line(self.llm, masking_state(self.settings)),
            pii_counts=dict(pii_counts.most_common()),
            pii_prefix_counts=dict(detector.count([system[1]]).most_common()),
        )

    # -- the run ----------------------------------------------------------------------------
    async def stream(self, items: Sequence[Item]) -> AsyncIterator[Prediction]:
        """One Prediction per item, in completion order (input errors and cache hits first)."""
        for item in items:
            if not item.ok:
                yield self.error(item, item.error or "invalid item")
        valid = [item for item in items if item.ok]
        if not valid:
            return
        if self.llm is None:
            offline = self.offline()
            for start in range(0, len(valid), 2048):
                for prediction in offline.label(valid[start : start + 2048]):
                    yield prediction
                await asyncio.sleep(0)
            return
        async for prediction in self._stream_llm(valid):
            yield prediction

    async def _stream_llm(self, items: Sequence[Item]) -> AsyncIterator[Prediction]:
        cache = ResponseCache.open(self.settings) if self.use_cache else None
        tasks: list[asyncio.Task] = []
        try:
            todo = list(items)
            if cache is not None:
                keys = {item.id: self.key(item) for item in items}
                hits = cache.get_many(list(keys.values()))
                todo = []
                for item in items:
                    entry = hits.get(keys[item.id])
                    if entry is not None:
                        try:
                            prediction = self.prediction(item, entry)
                        except (KeyError, TypeError, ValueError, ValidationError):
                            todo.append(item)
                            continue
                        self.stats.cached += 1
                        yield prediction
                    else:
                        todo.append(item)
            if not todo:
                return
            batches = self.pack(todo)
            shots = self.shots_for(batches)
            out: asyncio.Queue = asyncio.Queue()
            work: asyncio.Queue = asyncio.Queue()
            for index in range(len(batches)):
                work.put_nowait(index)
            limiter = RequestRate(self.rpm) if self.rpm else None

            async def before_request() -> None:
                if limiter is not None:
                    await limiter.acquire()
                self.stats.requests += 1

            delivered: set[str] = set()

            def deliver(entries: list[tuple[Item, dict[str, Any]]], errors: list[tuple[Item, str]]) -> None:
                """Cache valid answers, then hand every item's record over; an id only ever once."""
                ready: list[Prediction] = []
                cacheable: dict[str, dict[str, Any]] = {}
                for item, entry in entries:
                    if item.id in delivered:
                        continue
                    try:
                        ready.append(self.prediction(item, entry))
                    except (KeyError, TypeError, ValueError, ValidationError) as error:
                        ready.append(self.error(item, f"unusable answer: {error}"))
                        delivered.add(item.id)
                        continue
                    cacheable[self.key(item)] = entry
                    delivered.add(item.id)
                for item, message in errors:
                    if item.id not in delivered:
                        ready.append(self.error(item, message))
                        delivered.add(item.id)
                if cache is not None and cacheable:
                    cache.put_many(cacheable)
                for prediction in ready:
                    out.put_nowait(prediction)

            workers = min(self.concurrency, len(batches))
            if workers > 1 and self.settings.llm_configured:
                from assistant.llm.chat import server_slots

                slots, how = await asyncio.to_thread(server_slots, self.settings)
                if slots is not None and slots < workers:
                    self.stats.note(
                        f"concurrency {workers} → {slots}: the server handles {slots} request(s) at once ({how}); "
                        "more would only queue and time out (set RULEBOOK_SERVER_SLOTS to override)"
                    )
                    workers = slots

            async with self.llm.async_session() as llm:

                async def worker() -> None:
                    while True:
                        try:
                            index = work.get_nowait()
                        except asyncio.QueueEmpty:
                            return
                        batch = batches[index]
                        try:
                            await self._label_batch(llm, batch, shots[index], deliver, before_request, round_=0)
                        except ConfigurationError:
                            raise
                        except Exception as error:  # noqa: BLE001 - a bug must not lose the batch
                            deliver([], [(item, f"pre-labeling failed: {type(error).__name__}: {error}") for item in batch])

                async def run_all() -> None:
                    try:
                        running = [asyncio.create_task(worker()) for _ in range(workers)]
                        tasks.extend(running)
                        await asyncio.gather(*running)
                        out.put_nowait(_DONE)
                    except BaseException as error:  # noqa: BLE001 - handed to the consumer
                        out.put_nowait(error if isinstance(error, Exception) else _DONE)
                        raise

                supervisor = asyncio.create_task(run_all())
                tasks.append(supervisor)
                while True:
                    value = await out.get()
                    if value is _DONE:
                        break
                    if isinstance(value, BaseException):
                        raise value
                    yield value
                self.stats.prompt_tokens += llm.usage.prompt_tokens
                self.stats.completion_tokens += llm.usage.completion_tokens
                self.stats.estimated_tokens += llm.usage.estimated_tokens
                self.stats.abandoned += llm.usage.abandoned
        finally:
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
            if cache is not None:
                cache.close()

    def request_args(self, batch: Sequence[Item], shots: Sequence[Reference], note: str = "") -> dict[str, Any]:
        """What one request for `batch` asks (prompt, variables, answer model, schema, bound): the one
        place the online path and the Batch API (`assistant.prelabel.batch_jobs`) build a request from."""
        from assistant.prelabel.answer_schema import answer_bound, batch_answer_schema, described_schema

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

    def map_answers(
        self,
        batch: Sequence[Item],
        answers: Sequence[ItemAnswer],
        raw: str,
        logprobs: Sequence[Mapping[str, Any]] | None,
        masking: Any = None,
    ) -> tuple[list[tuple[Item, dict[str, Any]]], list[tuple[Item, str]]]:
        """An answer mapped back to the batch's items by id: (valid entries, (item, problem) to re-ask).
        Unknown and repeated ids are ignored (and noted); missing ids and invalid labels are problems."""
        probabilities = label_probabilities(raw, logprobs, len(answers)) if logprobs else []
        wanted = {item.id for item in batch}
        by_id: dict[str, tuple[ItemAnswer, float | None]] = {}
        for index, answer in enumerate(answers):
            if answer.id not in wanted and html.unescape(answer.id) in wanted:
                answer.id = html.unescape(answer.id)  # echoed as escaped in the prompt
            if answer.id not in wanted:
                self.stats.note(f"ignored an answer for unknown id {answer.id!r}")
                continue
            if answer.id in by_id:
                self.stats.note(f"ignored a repeated answer for id {answer.id!r}")
                continue
            by_id[answer.id] = (answer, probabilities[index] if index < len(probabilities) else None)
        good: list[tuple[Item, dict[str, Any]]] = []
        again: list[tuple[Item, str]] = []
        for item in batch:
            if item.id not in by_id:
                again.append((item, "the answer had no entry for this id"))
                continue
            answer, probability = by_id[item.id]
            if masking is not None and getattr(answer, "spans", None):
                from assistant.llm.pii import restore_offsets  # the model's offsets count placeholders, not the values

                restore_offsets(masking, item.text, answer.spans)
            outcome = self.interpret(item, answer, probability)
            if isinstance(outcome, str):
                again.append((item, outcome))
            else:
                good.append((item, outcome))
        return good, again

    @staticmethod
    def reask_note(problems: Sequence[tuple[Item, str]]) -> str:
        """The feedback that re-asks items whose previous answer was not usable (online and Batch API)."""
        lines = "\n".join(f'- item "{item.id}": {problem}' for item, problem in problems)
        return (
            "Your previous answer for these items was not usable:\n"
            f"{lines}\nAnswer again for every item below, with labels from the rulebook only."
        )

    async def _label_batch(
        self,
        llm: "ChatLLM",
        batch: Sequence[Item],
        shots: Sequence[Reference],
        deliver: Callable[[list[tuple[Item, dict[str, Any]]], list[tuple[Item, str]]], None],
        before_request: Callable[[], Any],
        *,
        round_: int,
        note: str = "",
    ) -> None:
        """Ask once; valid answers are delivered, the rest re-asked once (smaller), then errors."""
        try:
            result = await llm.astructured(**self.request_args(batch, shots, note), before_request=before_request)
        except ConfigurationError:
            raise
        except ContextLengthError as error:
            if len(batch) > 1:  # a smaller batch may fit; a single item that does not is an error record
                half = math.ceil(len(batch) / 2)
                self.stats.note(f"a batch of {len(batch)} items was too long for the model's context; split in two")
                for part in (batch[:half], batch[half:]):
                    await self._label_batch(llm, part, shots, deliver, before_request, round_=round_, note=note)
                return
            deliver([], [(item, str(error)) for item in batch])
            return
        except StructuredOutputError as error:
            if round_ == 0 and len(batch) > 1:
                self.stats.reasked += len(batch)
                half = math.ceil(len(batch) / 2)
                for part in (batch[:half], batch[half:]):
                    await self._label_batch(llm, part, shots, deliver, before_request, round_=1)
                return
            deliver([], [(item, f"no valid answer from the LLM: {error}") for item in batch])
            return
        except LLMError as error:
            deliver([], [(item, str(error)) for item in batch])
            return
        good, again = self.map_answers(batch, result.value.items, result.raw, result.logprobs, result.masking)
        if round_ > 0 or not again:
            deliver(good, [(item, f"{problem} (after one re-ask)" if round_ else problem) for item, problem in again])
            return
        deliver(good, [])
        self.stats.reasked += len(again)
        size = max(1, min(len(again), math.ceil(len(batch) / 2)))
        for start in range(0, len(again), size):
            part = again[start : start + size]
            await self._label_batch(llm, [item for item, _ in part], shots, deliver, before_request, round_=1, note=self.reask_note(part))


_DONE = object()
