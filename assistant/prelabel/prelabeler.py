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
token bucket, applied to every HTTP request including retries), and the seam's bounded retries of
429/5xx/timeouts (the one retry layer). A response cache (SQLite under data_dir/cache) makes
re-runs free; `run_job` appends each result to the output as it completes, resumes from it, and
rewrites it atomically in input order at the end.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import math
import os
import queue
import re
import sqlite3
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence

from pydantic import BaseModel, Field, ValidationError, field_validator

from assistant.core.errors import ConfigurationError, ContextLengthError, InputError, LLMError, StructuredOutputError
from assistant.core.language import project_language
from assistant.core.messages import text as message_text
from assistant.prelabel.items import DEFAULT_TEXT_FIELD, Item, ItemSet, coerce_items, load_items
from assistant.core.models import ABSTAIN, Polarity, Prediction, Rulebook, Span, TaskType
from assistant.rulebook.draft import label_key, prompt_prefix

if TYPE_CHECKING:
    import numpy as np

    from assistant.llm.embeddings import Embedder
    from assistant.llm.chat import ChatLLM
    from assistant.llm.prompts import Prompt
    from assistant.core.settings import Settings

PROMPT_NAME = "prelabel"
ITEM_TOKEN_BUDGET = 3000  # prompt tokens of items per request, beyond the rulebook prefix
MAX_BATCH_SIZE = 25
VERBAL_SHRINK = 0.6  # confidence = 0.5 + VERBAL_SHRINK * (verbal - 0.5)
DEFAULT_SHOTS = 4  # few-shot examples per request
OFFLINE_K = 5  # neighbours that vote
OFFLINE_MIN_SIMILARITY = 0.15  # below this best similarity the offline engine abstains
CUE_WEIGHT = 0.5  # a label's cue phrase votes with half the weight of an example
MULTI_LABEL_SHARE = 0.3  # offline multi-label: labels with at least this vote share apply
SPAN_CONFIDENCE_CAP = 0.8  # offline spans: a dictionary match cannot see context
EST_ANSWER_PROSE_TOKENS = 45  # rationale + rule per item, for dry-run completion estimates
FORMATS = ("jsonl", "csv", "label-studio")
STATUSES = ("labeled", "abstain", "error")
_ABSTAIN_WORDS = {"abstain", "abstained", "abstention", "弃权", "存疑", "无法判断", "不确定"}
_LABEL_TRIM = " \t\"'`「」『』“”‘’[]()（）《》<>.。:："


# =============================================================================================
# The structured answer
# =============================================================================================
class ItemAnswer(BaseModel):
    """The model's answer for one item."""

    id: str
    label: str = ""
    confidence: float = Field(default=0.5, description="probability 0-1 that the label is right")
    rationale: str = ""
    rule: str = ""

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @field_validator("label", "rationale", "rule", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, list):  # a label given as a one-element list
            return str(value[0]) if len(value) == 1 else json.dumps(value, ensure_ascii=False)
        return value

    @field_validator("confidence", mode="before")
    @classmethod
    def _probability(cls, value: Any) -> Any:
        """Lenient: "0.8", "80%", 80 and None are understood; the result is clamped to [0, 1]."""
        if value is None or value == "":
            return 0.5
        if isinstance(value, str):
            text = value.strip()
            percent = text.endswith("%")
            try:
                value = float(text.rstrip("%").strip())
            except ValueError:
                return 0.5
            if percent:
                value /= 100
        if isinstance(value, (int, float)):
            value = float(value)
            if value != value:
                return 0.5
            if 1 < value <= 100:
                value /= 100
            return min(1.0, max(0.0, value))
        return value


class MultiItemAnswer(ItemAnswer):
    labels: list[str] = Field(default_factory=list)

    @field_validator("labels", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return [part for part in re.split(r"[|,;，；、]", value) if part.strip()]
        return value


class SpanAnswer(BaseModel):
    start: int | None = None
    end: int | None = None
    text: str = ""
    label: str = ""

    @field_validator("text", "label", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return "" if value is None else value


class SpanItemAnswer(ItemAnswer):
    spans: list[SpanAnswer] = Field(default_factory=list)


class BatchAnswer(BaseModel):
    """The answer to one request: one entry per item id."""

    items: list[ItemAnswer]


class MultiBatchAnswer(BaseModel):
    items: list[MultiItemAnswer]


class SpanBatchAnswer(BaseModel):
    items: list[SpanItemAnswer]


ANSWER_MODELS: dict[str, type[BaseModel]] = {"single": BatchAnswer, "multi": MultiBatchAnswer, "spans": SpanBatchAnswer}


# =============================================================================================
# Labels
# =============================================================================================
class LabelSet:
    """Normalises answers to the rulebook's labels: case, width, spacing, quotes and aliases."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.names = rulebook.label_names
        self.order = {name: index for index, name in enumerate(self.names)}
        self._lookup: dict[str, str] = {}
        for label in rulebook.labels:
            self._add(label.name, label.name)
        for label in rulebook.labels:
            for alias in label.aliases:
                self._add(alias, label.name)

    def _add(self, text: str, name: str) -> None:
        key = self._key(text)
        self._lookup.setdefault(key, name)
        self._lookup.setdefault(re.sub(r"[\s_-]+", "", key), name)

    @staticmethod
    def _key(text: str) -> str:
        return re.sub(r"\s+", " ", label_key(text).strip(_LABEL_TRIM)).strip()

    def normalize(self, raw: Any) -> str | None:
        """The rulebook label `raw` means, ABSTAIN, or None when it matches nothing."""
        if raw is None:
            return None
        key = self._key(str(raw))
        if not key:
            return None
        if key == ABSTAIN:
            return ABSTAIN
        found = self._lookup.get(key) or self._lookup.get(re.sub(r"[\s_-]+", "", key))
        if found is None and key in _ABSTAIN_WORDS:
            return ABSTAIN
        return found

    def listing(self) -> str:
        return json.dumps(self.names, ensure_ascii=False)

    def sort(self, names: Iterable[str]) -> list[str]:
        return sorted(dict.fromkeys(names), key=lambda name: self.order.get(name, len(self.order)))


# =============================================================================================
# References: rulebook examples, cues and gold items (few-shot and offline neighbours)
# =============================================================================================
@dataclass(frozen=True)
class Reference:
    text: str
    label: str | None  # the label it votes for / shows; None: shown nowhere, votes for nothing
    weight: float = 1.0
    kind: str = "example"  # example | negative | cue | gold
    explanation: str = ""
    rule: str = ""
    labels: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def rulebook_references(rulebook: Rulebook, *, cues: bool = False) -> list[Reference]:
    refs: list[Reference] = []
    for label in rulebook.labels:
        for example in label.examples:
            if example.polarity == Polarity.positive:
                refs.append(
                    Reference(
                        text=example.text,
                        label=label.name,
                        kind="example",
                        explanation=example.explanation,
                        rule=f"example «{_short(example.text)}» → {label.name}",
                        labels=(label.name,),
                        spans=tuple(example.spans),
                    )
                )
            elif example.correct_label:
                refs.append(
                    Reference(
                        text=example.text,
                        label=example.correct_label,
                        kind="negative",
                        explanation=example.explanation,
                        rule=f"negative example «{_short(example.text)}»: not {label.name} → {example.correct_label}",
                        labels=(example.correct_label,),
                        spans=tuple(example.spans),
                    )
                )
        if cues:
            for cue in label.cues:
                refs.append(
                    Reference(text=cue, label=label.name, weight=CUE_WEIGHT, kind="cue", rule=f"cue of {label.name}: {cue}", labels=(label.name,))
                )
    return refs


def load_gold(
    gold: "str | Path | Iterable[Mapping[str, Any]] | None",
    rulebook: Rulebook,
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    label_field: str = "label",
    id_field: str = "id",
) -> list[Reference]:
    """Gold labeled items (a file or records with text and label; `labels`/`spans` for other tasks)."""
    if gold is None:
        return []
    labels = LabelSet(rulebook)
    if isinstance(gold, (str, Path)):
        from assistant.integrations.datafiles import read_records

        source = str(gold)
        records = read_records(Path(gold))
    else:
        source = "gold"
        records = [dict(record) for record in gold]
    if not records:
        raise InputError(f"{source}: no gold records")
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    spans_task = rulebook.task_type == TaskType.ner
    wanted = "spans" if spans_task else label_field
    if text_field not in columns or (wanted not in columns and "labels" not in columns):
        raise InputError(
            f"{source}: gold items need columns {text_field!r} and {wanted!r}; the file has {list(columns)}"
        )
    refs = []
    for row, record in enumerate(records, 1):
        text = str(record.get(text_field) or "").strip()
        if not text:
            continue
        ident = str(record.get(id_field) or f"row {row}")
        if spans_task:
            raw = record.get("spans")
            try:
                data = json.loads(raw) if isinstance(raw, str) else (raw or [])
                spans = tuple(Span.model_validate(span) for span in data)
            except (ValueError, ValidationError) as error:
                raise InputError(f"{source}: row {row}: spans must be a JSON list of {{start, end, label}}: {error}") from error
            for span in spans:
                if labels.normalize(span.label) in (None, ABSTAIN):
                    raise InputError(f"{source}: row {row}: span label {span.label!r} is not one of {labels.names}")
            spans = tuple(span.model_copy(update={"label": labels.normalize(span.label), "text": text[span.start : span.end]}) for span in spans)
            refs.append(Reference(text=text, label=None, kind="gold", rule=f"gold item {ident}", spans=spans))
            continue
        raw_labels = record.get("labels") if record.get("labels") not in (None, "") else record.get(label_field)
        if isinstance(raw_labels, str):
            try:
                parsed = json.loads(raw_labels) if raw_labels.strip().startswith("[") else None
            except ValueError:
                parsed = None
            raw_labels = parsed if isinstance(parsed, list) else [part for part in re.split(r"[|;]", raw_labels) if part.strip()]
        elif raw_labels is None:
            raw_labels = []
        elif not isinstance(raw_labels, list):
            raw_labels = [raw_labels]
        names = []
        for value in raw_labels:
            name = labels.normalize(value)
            if name is None or name == ABSTAIN:
                raise InputError(f"{source}: row {row}: gold label {value!r} is not one of the rulebook's labels {labels.names}")
            names.append(name)
        if not names:
            continue
        names = labels.sort(names)
        refs.append(Reference(text=text, label=names[0], kind="gold", rule=f"gold item {ident} → {', '.join(names)}", labels=tuple(names)))
    return refs


# =============================================================================================
# Response cache
# =============================================================================================
def rulebook_fingerprint(rulebook: Rulebook) -> str:
    """Version plus a hash of the content (a rulebook edited without a version bump still differs)."""
    content = rulebook.model_dump_json(exclude={"token_count"})
    return f"v{rulebook.version}:{hashlib.sha256(content.encode('utf-8')).hexdigest()[:16]}"


def cache_key(model: str, fingerprint: str, prompt_version: str, text: str) -> str:
    payload = json.dumps([model, fingerprint, prompt_version, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def cache_path(settings: "Settings") -> Path:
    return settings.data_dir / "cache" / "prelabel.sqlite"


class ResponseCache:
    """Validated per-item answers in SQLite, keyed by `cache_key`. Errors are never cached."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)")
        self._db.commit()

    @classmethod
    def open(cls, settings: "Settings", *, create: bool = True) -> "ResponseCache | None":
        path = cache_path(settings)
        if not create and not path.exists():
            return None
        try:
            return cls(path, create=create)
        except sqlite3.Error as error:
            print(f"warning: response cache {path} unusable ({error}); running without it", file=sys.stderr)
            return None

    def get_many(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for key, value in self._db.execute(f"SELECT key, value FROM answers WHERE key IN ({marks})", chunk):
                try:
                    found[key] = json.loads(value)
                except ValueError:
                    continue
        return found

    def put_many(self, entries: Mapping[str, Mapping[str, Any]]) -> None:
        if not entries:
            return
        now = time.time()
        self._db.executemany(
            "INSERT OR REPLACE INTO answers (key, value, created) VALUES (?, ?, ?)",
            [(key, json.dumps(value, ensure_ascii=False), now) for key, value in entries.items()],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


# =============================================================================================
# Rate limit
# =============================================================================================
class TokenBucket:
    """At most `rpm` requests per minute, spread evenly (burst of `burst`).

    `clock` and `sleep` are injectable so the spacing can be checked without waiting.
    """

    def __init__(
        self,
        rpm: float,
        *,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Any] = asyncio.sleep,
    ) -> None:
        if rpm <= 0:
            raise InputError(f"rpm must be positive, got {rpm}")
        self.rate = rpm / 60.0
        self.capacity = float(max(1, burst))
        self.tokens = self.capacity
        self.clock, self.sleep = clock, sleep
        self.updated = clock()
        self._lock: asyncio.Lock | None = None

    async def acquire(self) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # waiters are served in order
            while True:
                now = self.clock()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await self.sleep((1 - self.tokens) / self.rate)


# =============================================================================================
# Log-probabilities
# =============================================================================================
_LABEL_VALUE = re.compile(r'"label"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _token_spans(raw_bytes: bytes, logprobs: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, float]] | None:
    """Byte span of each token inside `raw_bytes` (the answer), or None when the tokens do not spell it.

    Servers that send no `bytes` give a token's text, which is empty (llama-cpp-python) or a
    replacement character when the token is part of a multi-byte character (a Chinese label).
    Such tokens get the span of the bytes between their neighbours that do spell the answer.
    """
    spans: list[tuple[int, int, float]] = []
    pending: list[float] = []  # tokens that spell nothing readable, waiting for the next anchor
    position = 0
    for entry in logprobs:
        try:
            logprob = float(entry.get("logprob"))
        except (TypeError, ValueError):
            return None
        token_bytes = entry.get("bytes")
        if token_bytes is not None:
            data = bytes(token_bytes)
        else:
            text = str(entry.get("token", ""))
            data = b"" if "\ufffd" in text else text.encode("utf-8")
        if not data:
            pending.append(logprob)
            continue
        found = raw_bytes.find(data, position)
        if found < 0 or (found > position and not pending and spans):
            if not spans and found >= 0:  # text before the answer (e.g. a prefix the server added)
                position = found
            else:
                return None
        if pending:
            spans += [(position, found, lp) for lp in pending]
            pending = []
        spans.append((found, found + len(data), logprob))
        position = found + len(data)
    if pending:
        spans += [(position, len(raw_bytes), lp) for lp in pending]
    elif raw_bytes[position:].strip():
        return None  # the tokens stop before the answer does
    return spans


def label_probabilities(raw: str, logprobs: Sequence[Mapping[str, Any]] | None, expected: int) -> list[float | None]:
    """Per answered item (in answer order): exp(sum of the log-probabilities of the tokens that
    spell its "label" value). Empty when the tokens do not spell `raw` or the count is off."""
    if not logprobs:
        return []
    raw_bytes = raw.encode("utf-8")
    spans = _token_spans(raw_bytes, logprobs)
    if spans is None:
        return []
    values: list[float | None] = []
    for match in _LABEL_VALUE.finditer(raw):
        start_char, end_char = match.start(1), match.end(1)
        if end_char == start_char:
            values.append(None)
            continue
        start = len(raw[:start_char].encode("utf-8"))
        end = len(raw[:end_char].encode("utf-8"))
        covering = [lp for a, b, lp in spans if (a < end and b > start) or (a == b and start <= a <= end)]
        if not covering:
            values.append(None)
            continue
        values.append(min(1.0, math.exp(sum(covering))))
    return values if len(values) == expected else []


def verbal_confidence(verbal: float, shrink: float = VERBAL_SHRINK) -> float:
    """The verbal score shrunk toward 0.5: 0.5 + shrink × (verbal − 0.5)."""
    return min(1.0, max(0.0, 0.5 + shrink * (float(verbal) - 0.5)))


# =============================================================================================
# Plans and summaries
# =============================================================================================
@dataclass
class Plan:
    """What a run would do, without calling the LLM."""

    engine: str
    model: str | None
    items: int
    to_label: int
    input_errors: int = 0
    resumed: int = 0
    cached: int = 0
    batch_size: int | None = None
    requests: int = 0
    prefix_tokens: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    pii_masking: str = ""  # "on (why)" / "off (why)" (assistant.llm.pii)
    pii_counts: dict[str, int] = field(default_factory=dict)  # personal values in the items and examples sent, by kind
    pii_prefix_counts: dict[str, int] = field(default_factory=dict)  # in the rulebook prefix of every request

    @property
    def prompt_tokens_per_item(self) -> float:
        return self.prompt_tokens / self.to_label if self.to_label else 0.0

    def describe(self) -> str:
        lines = [
            f"items: {self.items} ({self.input_errors} input errors, {self.resumed} already done, "
            f"{self.cached} in the response cache) → {self.to_label} to label",
        ]
        if self.engine == "offline":
            lines.append("engine: offline — no requests, no cost")
        else:
            lines += [
                f"requests: {self.requests} (batch size {self.batch_size}; rulebook prefix {self.prefix_tokens:,} tokens)",
                f"prompt tokens: {self.prompt_tokens:,} ({self.prompt_tokens_per_item:,.0f} per item)",
                f"completion tokens (estimate): {self.completion_tokens:,}",
                f"estimated cost: ${self.cost:.4f} at the configured prices (before any provider prompt-cache discount)",
            ]
            if self.pii_masking:
                from assistant.llm.pii import describe_counts

                lines.append(describe_counts(self.pii_masking, self.pii_counts, self.pii_prefix_counts))
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "prompt_tokens_per_item": round(self.prompt_tokens_per_item, 1)}


def _masking_line(llm: Any, state: Any) -> str:
    """The masking state of the LLM that would be used: the settings' reason, unless the LLM was built otherwise."""
    on = getattr(llm, "pii", None) is not None
    return state.describe() if state.on == on else ("on" if on else "off") + " (as the given LLM was built)"


@dataclass
class RunStats:
    requests: int = 0  # HTTP requests sent, retries included
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: int = 0
    reasked: int = 0
    estimated_tokens: int = 0  # part of the tokens that is an estimate (requests given up on, no usage sent)
    abandoned: int = 0  # requests given up on (timeouts): the server may still have run (and billed) them
    notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if len(self.notes) < 200:
            self.notes.append(message)


@dataclass
class JobSummary:
    """What `run_job` did."""

    total: int
    counts: dict[str, int]
    output: Path | None
    journal: Path | None
    fmt: str
    engine: str
    model: str | None
    elapsed: float
    resumed: int = 0
    cached: int = 0
    input_errors: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    estimated_tokens: int = 0
    abandoned: int = 0
    batch_size: int | None = None
    dry_run: bool = False
    plan: Plan | None = None
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.dry_run and self.plan is not None:
            return "dry run (nothing sent, nothing written)\n" + self.plan.describe()
        counts = ", ".join(f"{status} {self.counts.get(status, 0)}" for status in STATUSES)
        lines = [f"{self.total} items: {counts} in {self.elapsed:.1f} s"]
        extra = []
        if self.resumed:
            extra.append(f"{self.resumed} kept from the previous run")
        if self.cached:
            extra.append(f"{self.cached} from the response cache")
        if self.input_errors:
            extra.append(f"{self.input_errors} input errors (empty text or duplicate id)")
        if extra:
            lines.append("; ".join(extra))
        if self.engine == "llm":
            lines.append(
                f"requests {self.requests}, tokens {self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion, "
                f"estimated cost ${self.cost:.4f}"
            )
            if self.estimated_tokens:
                lines.append(
                    f"of those tokens ~{self.estimated_tokens:,} are estimated: {self.abandoned} request(s) given up on "
                    "(the server may still run and bill them) or answers without usage figures"
                )
        lines.append(f"output: {self.output}" + (f" (records: {self.journal})" if self.journal and self.journal != self.output else ""))
        if self.counts.get("error"):
            lines.append("error records are retried by running again with --resume")
        return "\n".join(lines)


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
        batch_size: int | None = None,
        concurrency: int = 4,
        rpm: float | None = None,
        min_confidence: float = 0.0,
        gold: "str | Path | Iterable[Mapping[str, Any]] | None" = None,
        shots: int = DEFAULT_SHOTS,
        cache: bool = True,
        logprobs: bool = True,
        verbal_shrink: float = VERBAL_SHRINK,
        embedder: "Embedder | None" = None,
    ) -> None:
        from assistant.core.settings import get_settings

        if batch_size is not None and not 1 <= batch_size <= 500:
            raise InputError(f"batch size must be between 1 and 500, got {batch_size}")
        if concurrency < 1:
            raise InputError(f"concurrency must be at least 1, got {concurrency}")
        if rpm is not None and rpm <= 0:
            raise InputError(f"rpm must be positive, got {rpm}")
        if not 0.0 <= min_confidence <= 1.0:
            raise InputError(f"min confidence must be between 0 and 1, got {min_confidence}")
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
            from assistant.llm.factory import get_llm

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

    def say(self, message_id: str, **values: Any) -> str:
        """A rationale in the project's language (the rulebook's; docs/messages.md)."""
        return message_text(message_id, project_language(self.rulebook), **values)

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
            rationale = self.say(
                "rationale.below_min_confidence",
                minimum=f"{self.min_confidence:.2f}",
                label=guess,
                confidence=f"{confidence:.2f}",
                rationale=rationale,
            ).strip()
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
                entry["rationale"] = self.say("rationale.no_span")
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
            limiter = TokenBucket(self.rpm) if self.rpm else None

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
                from assistant.llm.factory import server_slots

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


# =============================================================================================
# Offline engine
# =============================================================================================
class OfflineLabeler:
    """k-nearest neighbours over rulebook examples, cues and gold items (numpy, batched)."""

    def __init__(self, owner: Prelabeler, *, k: int = OFFLINE_K, min_similarity: float = OFFLINE_MIN_SIMILARITY) -> None:
        import numpy as np

        self.owner = owner
        self.k = k
        self.min_similarity = min_similarity
        names = owner.labels.names
        self.refs = [ref for ref in rulebook_references(owner.rulebook, cues=True) + owner.gold if ref.label or ref.spans]
        self.by_text: dict[str, list[int]] = {}
        for index, ref in enumerate(self.refs):
            if ref.kind == "gold":
                self.by_text.setdefault(ref.text, []).append(index)
        voting = [ref for ref in self.refs]
        self.matrix = owner.embedder.embed([ref.text for ref in voting]) if voting else None
        self.votes = np.zeros((len(voting), len(names)), dtype=np.float32)
        for row, ref in enumerate(voting):
            for name in ref.labels or ((ref.label,) if ref.label else ()):
                if name in owner.labels.order:
                    self.votes[row, owner.labels.order[name]] = ref.weight
        self._gazetteer: tuple[Any, dict[str, Counter]] | None = None

    def label(self, items: Sequence[Item]) -> list[Prediction]:
        if self.owner.mode == "spans":
            return [self._spans(item) for item in items]
        return self._knn(items)

    def _knn(self, items: Sequence[Item]) -> list[Prediction]:
        import numpy as np

        owner = self.owner
        if self.matrix is None or not len(self.refs):
            return [owner.prediction(item, {"label": ABSTAIN, "confidence": 0.0, "rationale": owner.say("rationale.no_examples")}) for item in items]
        scores = owner.embedder.embed([item.text for item in items]) @ self.matrix.T
        if self.by_text:
            for row, item in enumerate(items):
                for column in self.by_text.get(item.text, ()):
                    scores[row, column] = -1.0  # a gold item never votes for itself
        k = min(self.k, scores.shape[1])
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        sims = np.take_along_axis(scores, top, axis=1).clip(min=0.0)
        votes = np.einsum("nk,nkl->nl", sims, self.votes[top])
        totals = votes.sum(axis=1)
        best = votes.argmax(axis=1)
        shares = votes[np.arange(len(items)), best] / np.where(totals > 0, totals, 1.0)
        best_sim = sims.max(axis=1)
        names = owner.labels.names
        out = []
        for row, item in enumerate(items):
            if best_sim[row] < self.min_similarity or totals[row] <= 0:
                out.append(
                    owner.prediction(
                        item,
                        {
                            "label": ABSTAIN,
                            "confidence": 0.0,
                            "rationale": owner.say(
                                "rationale.not_similar", similarity=f"{best_sim[row]:.2f}", minimum=f"{self.min_similarity}"
                            ),
                        },
                    )
                )
                continue
            label = names[best[row]]
            share = float(shares[row])
            supporters = [int(top[row, j]) for j in np.argsort(-sims[row]) if self.votes[top[row, j], best[row]] > 0]
            rule = self.refs[supporters[0]].rule if supporters else None
            labels: list[str] = []
            if owner.mode == "multi":
                labels = [names[j] for j in np.argsort(-votes[row]) if totals[row] > 0 and votes[row, j] / totals[row] >= MULTI_LABEL_SHARE]
                labels = owner.labels.sort(labels) or [label]
            out.append(
                owner.prediction(
                    item,
                    {
                        "label": label,
                        "labels": labels,
                        "confidence": share,
                        "rationale": owner.say(
                            "rationale.vote", share=f"{share:.0%}", k=k, label=label, similarity=f"{best_sim[row]:.2f}"
                        ),
                        "rule": rule,
                    },
                )
            )
        return out

    def _spans(self, item: Item) -> Prediction:
        """Offline spans: surface forms labeled in the rulebook's (and gold) examples, longest first."""
        if self._gazetteer is None:
            surfaces: dict[str, Counter] = {}
            for ref in self.refs:
                for span in ref.spans:
                    surface = span.text or ref.text[span.start : span.end]
                    if len(surface) >= 2:
                        surfaces.setdefault(surface, Counter())[span.label] += 1
            pattern = (
                re.compile("|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))) if surfaces else None
            )
            self._gazetteer = (pattern, surfaces)
        pattern, surfaces = self._gazetteer
        spans, shares = [], []
        if pattern is not None:
            for match in pattern.finditer(item.text):
                counts = surfaces[match.group()]
                label, count = counts.most_common(1)[0]
                spans.append({"start": match.start(), "end": match.end(), "label": label, "text": match.group()})
                shares.append(count / sum(counts.values()))
        if not spans:
            return self.owner.prediction(item, {"label": ABSTAIN, "confidence": 0.0, "rationale": self.owner.say("rationale.no_span_in_text")})
        counts = Counter(span["label"] for span in spans)
        label = max(counts, key=lambda name: (counts[name], -self.owner.labels.order.get(name, 0)))
        confidence = SPAN_CONFIDENCE_CAP * sum(shares) / len(shares)
        return self.owner.prediction(
            item,
            {
                "label": label,
                "spans": spans,
                "confidence": confidence,
                "rationale": self.owner.say("rationale.spans_matched", count=len(spans)),
                "rule": "dictionary of the examples' spans",
            },
        )


# =============================================================================================
# Python API
# =============================================================================================
def _as_rulebook(rulebook: "Rulebook | str | Path") -> Rulebook:
    from assistant.rulebook.export import load_rulebook

    return rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook)


_ENGINE_OPTIONS = (
    "settings", "llm", "engine", "batch_size", "concurrency", "rpm", "min_confidence", "gold", "shots", "cache", "logprobs",
    "verbal_shrink", "embedder",
)  # fmt: skip


async def aprelabel(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str = "id",
    **options: Any,
) -> AsyncIterator[Prediction]:
    """`prelabel` for code already running an event loop: an async iterator, in completion order."""
    unknown = set(options) - set(_ENGINE_OPTIONS)
    if unknown:
        raise TypeError(f"unknown options {sorted(unknown)}")
    labeler = Prelabeler(_as_rulebook(rulebook), **options)
    item_set = coerce_items(items, text_field=text_field, id_field=id_field)
    async for prediction in labeler.stream(item_set.items):
        yield prediction


def prelabel(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    *,
    settings: "Settings | None" = None,
    llm: "ChatLLM | None" = None,
    batch_size: int | None = None,
    concurrency: int = 4,
    rpm: float | None = None,
    min_confidence: float = 0.0,
    gold: "str | Path | Iterable[Mapping[str, Any]] | None" = None,
    engine: str | None = None,
    shots: int = DEFAULT_SHOTS,
    cache: bool = True,
    logprobs: bool = True,
    ordered: bool = False,
    progress: bool = False,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str = "id",
) -> Iterator[Prediction]:
    """Label items; yields one Prediction per item (completion order, or input order if `ordered`).

    Items are strings (ids generated from the text), (id, text) pairs, dicts with `text_field`
    and `id_field`, or `Item`s (all held in memory), or an `item_stream.open_items(path)` stream
    (read and labelled chunk by chunk, in bounded memory). The LLM engine runs when `llm` is given or an endpoint is
    configured (`engine="offline"` forces the offline one). Stopping the iteration early cancels
    the requests in flight.
    """
    labeler = Prelabeler(
        _as_rulebook(rulebook),
        settings=settings,
        llm=llm,
        engine=engine,
        batch_size=batch_size,
        concurrency=concurrency,
        rpm=rpm,
        min_confidence=min_confidence,
        gold=gold,
        shots=shots,
        cache=cache,
        logprobs=logprobs,
    )
    from assistant.prelabel.item_stream import ItemStream

    if isinstance(items, ItemStream):  # a large file (`item_stream.open_items`): labelled chunk by chunk
        from assistant.prelabel.stream import predict_stream

        return predict_stream(labeler, items, ordered=ordered, progress=progress)
    item_set = coerce_items(items, text_field=text_field, id_field=id_field)
    order = [item.id for item in item_set.items]

    def generate() -> Iterator[Prediction]:
        with _ProgressBar(len(order), progress) as bar:
            if not ordered:
                for prediction in _iterate_in_thread(lambda: labeler.stream(item_set.items)):
                    bar.advance()
                    yield prediction
                return
            waiting: dict[str, Prediction] = {}
            position = 0
            for prediction in _iterate_in_thread(lambda: labeler.stream(item_set.items)):
                bar.advance()
                waiting[prediction.id] = prediction
                while position < len(order) and order[position] in waiting:
                    yield waiting.pop(order[position])
                    position += 1

    return generate()


def plan(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str = "id",
    **options: Any,
) -> Plan:
    """Items, requests, prompt and completion tokens and estimated cost; nothing is sent."""
    labeler = Prelabeler(_as_rulebook(rulebook), **options)
    return labeler.plan(coerce_items(items, text_field=text_field, id_field=id_field).items)


def _iterate_in_thread(make: Callable[[], AsyncIterator[Prediction]]) -> Iterator[Prediction]:
    """Drive an async iterator on a private event loop in a thread; yield its values here."""
    channel: queue.Queue = queue.Queue()
    state: dict[str, Any] = {}
    stop = threading.Event()

    async def main() -> None:
        state["loop"], state["task"] = asyncio.get_running_loop(), asyncio.current_task()
        try:
            async for value in make():
                channel.put(("item", value))
                if stop.is_set():
                    break
        except asyncio.CancelledError:
            pass
        except BaseException as error:  # noqa: BLE001 - re-raised in the consumer
            channel.put(("error", error))
            return
        channel.put(("done", None))

    def run() -> None:
        try:
            asyncio.run(main())
        except BaseException as error:  # noqa: BLE001
            channel.put(("error", error))
        channel.put(("done", None))

    thread = threading.Thread(target=run, name="prelabel", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = channel.get()
            if kind == "item":
                yield value
            elif kind == "done":
                return
            else:
                raise value
    finally:
        stop.set()
        loop, task = state.get("loop"), state.get("task")
        if thread.is_alive() and loop is not None and task is not None:
            try:
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:  # the loop already closed
                pass
        thread.join()


def _run(coroutine_factory: Callable[[], Any]) -> Any:
    """asyncio.run, or a helper thread when this thread already runs an event loop (notebooks)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine_factory())
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = asyncio.run(coroutine_factory())
        except BaseException as error:  # noqa: BLE001
            result["error"] = error

    thread = threading.Thread(target=run, name="prelabel-job")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


# =============================================================================================
# Progress
# =============================================================================================
class _ProgressBar:
    """A rich progress bar on stderr (items, rate, elapsed, ETA); a no-op when disabled."""

    def __init__(self, total: int, enabled: bool | None, description: str = "pre-labeling") -> None:
        if enabled is None:
            enabled = total >= 100 and sys.stderr.isatty()
        self.enabled = bool(enabled) and total > 0
        self.total = total
        self.description = description
        self._progress = None
        self._task = None

    def __enter__(self) -> "_ProgressBar":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                ProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.text import Text

            class RateColumn(ProgressColumn):
                def render(self, task: Any) -> Text:
                    speed = task.finished_speed or task.speed
                    return Text(f"{speed:,.1f} items/s" if speed else "– items/s")

            self._progress = Progress(
                TextColumn(self.description),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total)
        return self

    def advance(self, count: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, count)

    def __exit__(self, *exc: Any) -> None:
        if self._progress is not None:
            self._progress.stop()


# =============================================================================================
# Files: the journal, resume, exports
# =============================================================================================
def journal_path(out_path: Path | str, fmt: str = "jsonl") -> Path:
    """Where records are appended as they complete: the output itself for JSONL, else a sidecar."""
    out_path = Path(out_path)
    return out_path if fmt == "jsonl" else out_path.with_name(out_path.name + ".records.jsonl")


def read_journal(path: Path) -> tuple[dict[str, Prediction], int]:
    """Records of an output JSONL by id (the last one wins) and the number of unreadable lines."""
    records: dict[str, Prediction] = {}
    bad = 0
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return records, 0
    with handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                prediction = Prediction.model_validate_json(line)
            except ValidationError:
                bad += 1  # e.g. the torn last line of a killed run
                continue
            previous = records.get(prediction.id)
            if previous is None or previous.status == "error" or prediction.status != "error":
                records[prediction.id] = prediction
    return records, bad


def write_jsonl(path: Path, predictions: Iterable[Prediction]) -> None:
    from assistant.integrations.datafiles import atomic_writer

    with atomic_writer(path) as stream:
        for prediction in predictions:
            stream.write(prediction.model_dump_json() + "\n")


def label_studio_tasks(
    items: Sequence[Item], predictions: Mapping[str, Prediction], rulebook: Rulebook, *, start: int = 1
) -> list[dict[str, Any]]:
    """Label Studio import tasks; labeled items carry one prediction, abstain and error ones none.

    Tasks are numbered from `start` (a streamed export numbers each item by its row).

    A preference item's prompt, answer_a and answer_b go into the task data as separate fields (the
    pairwise layout of the exported config shows them), beside the combined text.
    """
    from assistant.integrations.label_studio import FROM_NAME, TEXT_KEY, TO_NAME, choice_target, model_version

    target = choice_target(rulebook)
    tasks = []
    for number, item in enumerate(items, start):
        data = {TEXT_KEY: item.text, "item_id": item.id, **item.fields}
        task: dict[str, Any] = {"id": number, "data": data, "predictions": []}
        prediction = predictions.get(item.id)
        if prediction is not None and prediction.status == "labeled":
            if prediction.spans:
                result = [
                    {
                        "id": f"{number}-{index}",
                        "from_name": FROM_NAME,
                        "to_name": TO_NAME,
                        "type": "labels",
                        "value": {"start": span.start, "end": span.end, "text": span.text or item.text[span.start : span.end], "labels": [span.label]},
                    }
                    for index, span in enumerate(prediction.spans)
                ]
            else:
                choices = prediction.labels or [prediction.label]
                result = [{"from_name": FROM_NAME, "to_name": target, "type": "choices", "value": {"choices": choices}}]
            version = model_version(prediction.model or prediction.engine, prediction.rulebook_version or rulebook.version)
            task["predictions"] = [{"model_version": version, "score": prediction.confidence, "result": result}]
        tasks.append(task)
    return tasks


def _csv_rows(items: Sequence[Item], predictions: Mapping[str, Prediction]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        prediction = predictions[item.id]
        row = prediction.model_dump(mode="json")
        row = {"id": row.pop("id"), "text": item.text, **row}
        row["labels"] = "|".join(prediction.labels)
        row["spans"] = json.dumps(row["spans"], ensure_ascii=False) if prediction.spans else ""
        rows.append(row)
    return rows


def export(items: Sequence[Item], predictions: Mapping[str, Prediction], out_path: Path, fmt: str, rulebook: Rulebook) -> Path:
    """Write the final output in `fmt` (JSONL in input order, CSV, or Label Studio tasks), atomically."""
    from assistant.integrations.datafiles import atomic_writer, write_records

    if fmt == "jsonl":
        write_jsonl(out_path, (predictions[item.id] for item in items))
    elif fmt == "csv":
        write_records(out_path, _csv_rows(items, predictions), fmt="csv")
    elif fmt == "label-studio":
        with atomic_writer(out_path) as stream:
            json.dump(label_studio_tasks(items, predictions, rulebook), stream, ensure_ascii=False, indent=1)
    else:
        raise InputError(f"unknown output format {fmt!r}; one of {', '.join(FORMATS)}")
    return out_path


# =============================================================================================
# The job
# =============================================================================================
def run_job(
    rulebook: "Rulebook | str | Path",
    input_path: Path | str,
    out_path: Path | str,
    *,
    fmt: str = "jsonl",
    resume: bool = False,
    dry_run: bool = False,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    settings: "Settings | None" = None,
    llm: "ChatLLM | None" = None,
    engine: str | None = None,
    batch_size: int | None = None,
    concurrency: int = 4,
    rpm: float | None = None,
    min_confidence: float = 0.0,
    gold: "str | Path | Iterable[Mapping[str, Any]] | None" = None,
    shots: int = DEFAULT_SHOTS,
    cache: bool = True,
    logprobs: bool = True,
    progress: bool | None = None,
    on_prediction: Callable[[Prediction], None] | None = None,
    labeler: Prelabeler | None = None,
) -> JobSummary:
    """Label a data file into `out_path`; resumable, append-as-you-go, atomic final rewrite, in bounded memory.

    `id_field=None` uses the "id" column when present and generates ids from the text otherwise;
    naming a column makes it required. `sheet` and `header_row` choose a spreadsheet's sheet and row of
    column names (default: detected, see :mod:`assistant.integrations.spreadsheets`). `on_prediction` is called after each record is on disk.
    CSV/TSV/JSONL inputs are streamed (see :mod:`assistant.prelabel.stream`; .xlsx and .json are read whole).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown output format {fmt!r}; one of {', '.join(FORMATS)}")
    started = time.perf_counter()
    rulebook = _as_rulebook(rulebook)
    input_path, out_path = Path(input_path), Path(out_path)
    if out_path.exists() and out_path.is_dir():
        raise InputError(f"{out_path}: is a directory; give an output file name")
    if out_path.resolve() == input_path.resolve():
        raise InputError(f"{out_path}: the output would overwrite the input file; choose another output path")
    from assistant.prelabel.item_stream import open_items
    from assistant.prelabel.stream import run_streamed

    items = open_items(  # scanned once here (count, columns, malformed lines); read again as a stream below
        input_path, text_field=text_field, id_field=id_field or "id", require_id=id_field is not None, sheet=sheet, header_row=header_row
    )
    if labeler is None:
        labeler = Prelabeler(
            rulebook,
            settings=settings,
            llm=llm,
            engine=engine,
            batch_size=batch_size,
            concurrency=concurrency,
            rpm=rpm,
            min_confidence=min_confidence,
            gold=gold,
            shots=shots,
            cache=cache,
            logprobs=logprobs,
        )
    from assistant.prelabel.guard import check_job

    check_job(rulebook, labeler)  # reserved label names, token budget (issue 14)
    return run_streamed(
        rulebook, labeler, items, out_path, fmt=fmt, resume=resume, dry_run=dry_run, progress=progress,
        on_prediction=on_prediction, started=started,
    )  # fmt: skip
