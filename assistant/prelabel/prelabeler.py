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
import json
import math
from collections import Counter
from typing import TYPE_CHECKING, Any, AsyncIterator, Callable, Sequence

from pydantic import ValidationError

from assistant.core.messages import text as message_text
from assistant.core.errors import ConfigurationError, ContextLengthError, InputError, LLMError, StructuredOutputError
from assistant.core.messages import Message
from assistant.core.models import Prediction, Rulebook, TaskType
from assistant.prelabel.answers import LabelSet
from assistant.prelabel.cache import ResponseCache, rulebook_fingerprint
from assistant.prelabel.constants import EST_ANSWER_PROSE_TOKENS, VERBAL_SHRINK
from assistant.prelabel.gold import load_gold
from assistant.prelabel.items import Item
from assistant.prelabel.offline import OfflineLabeler
from assistant.prelabel.options import ENGINE, PrelabelOptions, resolve, takes_options
from assistant.prelabel.ratelimit import RequestRate
from assistant.prelabel.reading import AnswerReader
from assistant.prelabel.requests import RequestBuilder
from assistant.prelabel.summary import Plan, RunStats, _masking_line
from assistant.core.settings import get_settings
from assistant.llm.embeddings import get_embedder
from assistant.llm.factory import get_llm, server_slots
from assistant.llm.pii import detector_for, masking_state
from assistant.llm.tokens import TOKENS_PER_MESSAGE, count_message_tokens, count_tokens, estimate_cost

if TYPE_CHECKING:
    from assistant.core.settings import Settings
    from assistant.llm.chat import ChatLLM
    from assistant.llm.embeddings import Embedder
    from assistant.prelabel.gold import Reference


# =============================================================================================
# The engine
# =============================================================================================
class Prelabeler(RequestBuilder, AnswerReader):
    """One configured pre-labeling engine; `stream(items)` yields one Prediction per item.

    `options` (a PrelabelOptions) and keyword overrides of its engine options (`batch_size`, `concurrency`,
    `rpm`, `min_confidence`, `gold`, `shots`, `cache`, `logprobs`, `offline`) configure it.
    """

    @takes_options(*ENGINE)
    def __init__(
        self,
        rulebook: Rulebook,
        options: PrelabelOptions | None = None,
        *,
        settings: "Settings | None" = None,
        llm: "ChatLLM | None" = None,
        engine: str | None = None,
        verbal_shrink: float = VERBAL_SHRINK,
        embedder: "Embedder | None" = None,
        **overrides: Any,
    ) -> None:

        options = resolve(options, overrides, uses=ENGINE, where="Prelabeler: ")  # the model's defaults and bounds
        if engine not in (None, "llm", "offline"):
            raise InputError(Message("error.prelabeler.bad_engine", engine=repr(engine)))
        if options.offline:
            if engine == "llm":
                raise InputError(Message("error.prelabeler.engine_and_offline"))
            engine = "offline"
        self.options = options
        self.rulebook = rulebook
        self.settings = settings or get_settings()
        self.batch_size = options.batch_size
        self.concurrency = options.concurrency
        self.rpm = options.rpm
        self.min_confidence = options.min_confidence
        self.shots = max(0, options.shots)
        self.use_cache = options.cache
        self.logprobs = options.logprobs
        self.verbal_shrink = verbal_shrink
        self.mode = "spans" if rulebook.task_type == TaskType.ner else "multi" if rulebook.multi_label else "single"
        self.labels = LabelSet(rulebook)
        self.gold = load_gold(options.gold, rulebook)
        self.stats = RunStats()
        if engine == "offline":
            llm = None
        elif llm is None and (engine == "llm" or (engine is None and self.settings.llm_configured)):

            llm = get_llm(self.settings)
            if llm is None:
                raise ConfigurationError(Message("error.prelabeler.no_endpoint"))
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

    def describe_engine(self, language: str = "en") -> str:
        """The engine line of a run (catalogue ids prelabel.engine.*), in `language`."""
        if self.llm is not None:
            masked = message_text("prelabel.engine.masked", language) if getattr(self.llm, "pii", None) is not None else ""
            return message_text("prelabel.engine.llm", language, model=self.llm.model, host=getattr(self.llm, "host", "local"), masked=masked)
        return message_text(
            "prelabel.engine.offline_gold" if self.gold else "prelabel.engine.offline", language, embedder=self.embedder.name
        )

    @property
    def embedder(self) -> "Embedder":
        if self._embedder is None:

            self._embedder = get_embedder(self.settings)
        return self._embedder

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
        masking_line = _masking_line(self.llm, masking_state(self.settings))
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
            pii_masking=masking_line.render("en"),
            pii_masking_ref=masking_line.to_dict(),
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
                slots, how = await asyncio.to_thread(server_slots, self.settings)
                if slots is not None and slots < workers:
                    self.stats.note(message_text("prelabel.note.concurrency", "en", workers=workers, slots=slots, how=how))
                    workers = slots

            assert self.llm is not None  # the LLM engine runs only with an LLM
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
                self.stats.note(message_text("prelabel.note.split", "en", count=len(batch)))
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
