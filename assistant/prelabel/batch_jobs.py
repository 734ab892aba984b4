"""Pre-labeling jobs through the OpenAI Batch API: request files, polling, result mapping.

A job's state lives on disk (`assistant.prelabel.batch_state`). Records go to the same output
(or records sidecar) the online path writes, appended as results are mapped, and the output is
rewritten atomically in input order when the job finishes — so `prelabel --resume` and a Batch
API job read and write the same files.

A round is one or more batches (one per request file; a file holds at most `MAX_REQUESTS` lines /
`MAX_FILE_BYTES`). Every line asks for one pack of items exactly as the online path would
(`Prelabeler.request_args` → `ChatLLM.request_body`); its `custom_id` names the job, round and
line, and the state maps it to the item ids. After a batch ends, its output lines are read like an
online answer (`ChatLLM.read_body`, `Prelabeler.map_answers`): valid answers become records;
unknown ids are ignored, missing ids and invalid labels are re-asked with the same feedback the
online path gives; lines of the error file, and lines an expired or cancelled batch never ran, are
re-submitted as they were. After `max_rounds` rounds what is left becomes error records.
"""

from __future__ import annotations

from contextlib import ExitStack
import os

import math
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from assistant.core.messages import text as message_text
from assistant.llm.batch_api import BatchClient, BatchProgress, failure_message, request_line
from assistant.prelabel.batch_state import (
    BatchPart,
    JobState,
    Round,
    cancel_job,  # noqa: F401 - re-exported: the job API
    job_dir,
    list_jobs,  # noqa: F401 - re-exported: the job API
    load,  # noqa: F401 - re-exported: the job API
    save,
    say,
    start_job,  # noqa: F401 - re-exported: the job API
)
from assistant.core.errors import InputError, LLMError
from assistant.core.messages import Message
from assistant.core.safe_paths import atomic_writer
from assistant.llm.answers import excerpt
from assistant.llm.tokens import estimate_cost
from assistant.prelabel.cache import ResponseCache
from assistant.prelabel.constants import STATUSES
from assistant.prelabel.exports import export, journal_path, read_journal, write_jsonl
from assistant.prelabel.guard import check_job
from assistant.prelabel.items import load_items
from assistant.prelabel.prelabeler import Prelabeler
from assistant.prelabel.summary import JobSummary
from assistant.rulebook.export import load_rulebook

if TYPE_CHECKING:
    from assistant.prelabel.items import Item
    from assistant.core.models import Prediction, Rulebook
    from assistant.prelabel.prelabeler import Prelabeler
    from assistant.prelabel.summary import JobSummary
    from assistant.core.settings import Settings

MAX_REQUESTS = 50_000  # lines per batch (OpenAI's limit)
MAX_FILE_BYTES = 190 * 1024 * 1024  # under OpenAI's 200 MB per input file
BATCH_DISCOUNT = 0.5  # the Batch API costs half the online price


# =============================================================================================
# Running a job
# =============================================================================================
class BatchJob:
    """Runs (or resumes) one job until it is completed, failed or cancelled."""

    def __init__(
        self,
        state: JobState,
        settings: "Settings",
        *,
        client: BatchClient | None = None,
        echo: Callable[[str], None] | None = None,
        sleep: Callable[[float], Any] = time.sleep,
    ) -> None:

        self.state = state
        self.settings = settings
        self.folder = job_dir(settings, state.id)
        self.rulebook: "Rulebook" = load_rulebook(self.folder / "rulebook.json")
        self.client = client or BatchClient(settings)
        self.echo = echo or (lambda _line: None)
        self.sleep = sleep
        self.labeler: "Prelabeler" = Prelabeler(
            self.rulebook,
            settings=settings,
            engine="llm",
            batch_size=state.batch_size,
            min_confidence=state.min_confidence,
            gold=state.gold,
            cache=state.cache,
        )
        check_job(self.rulebook, self.labeler)
        self.state.model = self.labeler.model or ""
        self.notes: list[str] = []
        self.cached = 0

    # -- items and records ----------------------------------------------------------------------
    def _items(self) -> list["Item"]:
        state = self.state
        item_set = load_items(
            state.input, text_field=state.text_field, id_field=state.id_field or "id", require_id=state.id_field is not None,
            sheet=state.sheet, header_row=state.header_row,
        )  # fmt: skip
        self.notes.extend(item_set.notes)
        return item_set.items

    def _say(self, message_id: str, **values: Any) -> None:
        """A status line in the rulebook's language (Chinese rulebooks get Chinese lines)."""
        self.echo(say(message_id, self.state.language, **values))

    # -- the loop -------------------------------------------------------------------------------
    def run(self) -> "JobSummary":
        started = time.perf_counter()
        state = self.state
        items = self._items()
        self.items = {item.id: item for item in items}
        state.total = len(items)
        self.continue_cancelled = state.status == "cancelled"  # resuming a cancelled job submits the rest
        if state.status == "failed":  # resuming a failed job creates its failed batches again (same uploaded files)
            for part in (part for r in state.rounds for part in r.parts if part.status == "failed"):
                part.batch_id, part.status = None, "uploaded" if part.input_file_id else "prepared"
        state.status, state.message = "running", ""
        save(state, self.settings)
        journal = journal_path(state.out, state.fmt)
        if not state.output_started:  # only now that every check passed is the output touched
            self._start_output(journal)
        self.records, _ = read_journal(journal)
        self.records = {key: value for key, value in self.records.items() if key in self.items}
        with journal.open("a", encoding="utf-8") as self.stream:
            self._record([self.labeler.error(item, item.error or "invalid item") for item in items if not item.ok and item.id not in self.records])
            while True:
                current = state.rounds[-1] if state.rounds and not state.rounds[-1].collected else None
                if current is not None:
                    ended = self._finish_round(current)
                    if ended is not None:
                        return self._summary(items, journal, started, final=False)
                    continue
                todo = [item for item in items if item.ok and not self._done(item.id)]
                if todo and not state.rounds:
                    todo = self._from_cache(todo)
                if not todo or len(state.rounds) >= state.max_rounds:
                    return self._finish(items, journal, started)
                self._prepare(todo)

    def _start_output(self, journal: Path) -> None:
        """Start the output from the finished records kept by `--resume` (like `prelabel --resume`), else empty."""

        kept: dict[str, "Prediction"] = {}
        if self.state.keep_previous:
            previous, bad = read_journal(journal)
            if bad and not previous:
                raise InputError(Message("error.stream.not_prelabel_records", path=str(journal), bad=bad))
            version = self.rulebook.version
            kept = {key: r for key, r in previous.items() if key in self.items and r.status != "error" and r.rulebook_version == version}
        write_jsonl(journal, kept.values())
        self.state.output_started = True
        save(self.state, self.settings)

    def _done(self, item_id: str) -> bool:
        record = self.records.get(item_id)
        return record is not None and record.status != "error"

    def _record(self, predictions: list["Prediction"]) -> None:

        written = False
        for prediction in predictions:
            previous = self.records.get(prediction.id)
            if previous is not None and previous.status != "error":
                continue  # a result mapped twice (a resumed collect) is written once
            self.stream.write(prediction.model_dump_json() + "\n")
            self.records[prediction.id] = prediction
            written = True
        if written:
            self.stream.flush()
            os.fsync(self.stream.fileno())
        self.state.counts = dict(Counter(record.status for record in self.records.values()))

    def _from_cache(self, todo: list["Item"]) -> list["Item"]:
        if not self.state.cache:
            return todo
        cache = ResponseCache.open(self.settings)
        if cache is None:
            return todo
        try:
            hits = cache.get_many([self.labeler.key(item) for item in todo])
        finally:
            cache.close()
        found, rest = [], []
        for item in todo:
            entry = hits.get(self.labeler.key(item))
            if entry is None:
                rest.append(item)
                continue
            try:
                found.append(self.labeler.prediction(item, entry))
            except (KeyError, TypeError, ValueError):
                rest.append(item)
        self.cached += len(found)
        self._record(found)
        return rest

    # -- a new round: request files -------------------------------------------------------------
    def _packs(self, todo: list["Item"]) -> list[tuple[list["Item"], str]]:
        """Packs of items with the note each is asked with: the online path's re-ask feedback for
        items whose last answer was not usable (in half-size packs), none for the rest."""
        labeler, problems = self.labeler, self.state.problems
        plain = [item for item in todo if item.id not in problems]
        again = [item for item in todo if item.id in problems]
        packs = [(pack, "") for pack in labeler.pack(plain)]
        if again:
            size = max(1, math.ceil((labeler.batch_size or max((len(p) for p, _ in packs), default=2)) / 2))
            for start in range(0, len(again), size):
                part = again[start : start + size]
                packs.append((part, labeler.reask_note([(item, problems[item.id]) for item in part])))
        return packs

    def _prepare(self, todo: list["Item"]) -> None:
        """Write the round's request files (atomically: all or none) and record the round."""

        state, labeler = self.state, self.labeler
        number = len(state.rounds)
        packs = self._packs(todo)
        shots = labeler.shots_for([pack for pack, _ in packs])
        round_ = Round(number=number)
        part: BatchPart | None = None
        stream: Any = None
        size = 0
        with ExitStack() as files:
            llm = labeler.llm
            assert llm is not None  # the labeler is built with engine="llm"
            for index, ((pack, note), refs) in enumerate(zip(packs, shots)):
                masking = llm.new_masking()
                body = llm.request_body(**labeler.request_args(pack, refs, note), masking=masking)
                custom_id = f"{state.id}-r{number}-{index}"
                line = request_line(custom_id, body) + "\n"
                length = len(line.encode("utf-8"))
                if part is None or len(part.requests) >= MAX_REQUESTS or (part.requests and size + length > MAX_FILE_BYTES):
                    part = BatchPart(file=f"requests-r{number}-{len(round_.parts)}.jsonl", requests={})
                    round_.parts.append(part)
                    stream = files.enter_context(atomic_writer(self.folder / part.file))
                    size = 0
                stream.write(line)
                size += length
                part.requests[custom_id] = [item.id for item in pack]
                if masking is not None and masking.by_placeholder:
                    part.masks[custom_id] = dict(masking.by_placeholder)
        state.rounds.append(round_)
        save(state, self.settings)
        items = sum(len(ids) for p in round_.parts for ids in p.requests.values())
        self._say(
            "batch.round_prepared", round=number + 1, items=items, requests=sum(len(p.requests) for p in round_.parts), files=len(round_.parts)
        )

    # -- a round in flight -----------------------------------------------------------------------
    def _submit(self, part: BatchPart) -> None:
        state = self.state
        batch = None
        if part.input_file_id is None:
            part.input_file_id = self.client.upload((self.folder / part.file).read_bytes(), name=part.file)
            part.status = "uploaded"
            save(state, self.settings)
        else:  # uploaded before the process stopped: it may have created the batch, too
            batch = self.client.find(part.input_file_id)
        if batch is None:
            batch = self.client.create(part.input_file_id, {"rulebook_job": state.id, "file": part.file})
        part.batch_id = str(batch["id"])
        part.status = str(batch.get("status") or "validating")
        state.requests += len(part.requests)
        save(state, self.settings)
        self._say("batch.submitted", batch=part.batch_id, requests=len(part.requests), job=state.id)

    def _progress(self, part: BatchPart) -> Callable[[BatchProgress], None]:
        def report(progress: BatchProgress) -> None:
            part.status, part.total, part.completed, part.failed = progress.status, progress.total, progress.completed, progress.failed
            save(self.state, self.settings)
            self._say(
                "batch.progress", batch=progress.id, status=progress.status, completed=progress.completed, total=progress.total or "?",
                failed=progress.failed,
            )  # fmt: skip

        return report

    def _finish_round(self, round_: Round) -> str | None:
        """Submit what is not submitted, wait for every batch and collect it; the job's end status
        when the round ended it (failed raises), else None."""
        for part in round_.parts:
            if part.status != "collected" and part.batch_id is None:
                self._submit(part)
        ended = None
        for part in round_.parts:
            if part.status == "collected":
                continue
            assert part.batch_id is not None  # submitted just above
            batch = self.client.wait(part.batch_id, interval=self.state.poll_interval, on_progress=self._progress(part), sleep=self.sleep)
            status = str(batch.get("status"))
            if status == "failed":
                failed = Message("error.batch_jobs.batch_failed", batch=str(part.batch_id), job=self.state.id, reason=failure_message(batch))
                self.state.status, self.state.message = "failed", failed.render("en")  # the job state keeps English
                part.status = part.batch_status = status
                save(self.state, self.settings)
                raise LLMError(failed)
            self._collect(part, batch)
            if status == "cancelled" and not self.continue_cancelled:
                ended = "cancelled"
            elif status == "expired":
                self._say("batch.expired", batch=part.batch_id)
        if ended:
            self.state.status = "cancelled"
            self.state.message = self.state.message or "a batch was cancelled"
            save(self.state, self.settings)
        return ended

    def _collect(self, part: BatchPart, batch: dict[str, Any]) -> None:
        labeler, state = self.labeler, self.state
        answered: set[str] = set()
        entries: list[tuple["Item", dict[str, Any]]] = []
        for line in self.client.content_lines(batch.get("output_file_id")):
            custom_id = str(line.get("custom_id"))
            ids = part.requests.get(custom_id)
            if ids is None:
                self.notes.append(message_text("prelabel.note.unknown_custom_id", "en", item=custom_id))
                continue
            answered.add(custom_id)
            pack = [self.items[i] for i in ids if i in self.items]
            response = line.get("response") or {}
            body = response.get("body")
            if line.get("error") or response.get("status_code") != 200 or not isinstance(body, dict):
                self._failed(pack, _line_error(line))
                continue
            llm = labeler.llm
            assert llm is not None  # the labeler is built with engine="llm"
            masking = llm.new_masking(part.masks.get(custom_id)) if part.masks.get(custom_id) else None
            raw, value, logprobs, finish = llm.read_body(body, labeler.answer_model, masking)
            usage = body.get("usage") or {}
            state.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            state.completion_tokens += int(usage.get("completion_tokens") or 0)
            if isinstance(value, Exception):
                if finish == "length":
                    problem = "the answer was cut off at its length bound before it was complete; answer shorter"
                else:
                    problem = f"the answer was not valid JSON of the schema: {str(value).splitlines()[0][:200]} (answer began {excerpt(raw, 120)!r})"
                for item in pack:
                    state.problems[item.id] = problem
                continue
            good, again = labeler.map_answers(pack, value.items, raw, logprobs, masking)  # type: ignore[attr-defined]  # the answer model has items
            entries += good
            for item, problem in again:
                state.problems[item.id] = problem
        for line in self.client.content_lines(batch.get("error_file_id")):
            custom_id = str(line.get("custom_id"))
            ids = part.requests.get(custom_id)
            if ids is None or custom_id in answered:
                continue
            answered.add(custom_id)
            self._failed([self.items[i] for i in ids if i in self.items], _line_error(line))
        unanswered = [custom_id for custom_id in part.requests if custom_id not in answered]
        for custom_id in unanswered:
            self._failed(
                [self.items[i] for i in part.requests[custom_id] if i in self.items],
                f"the batch ended {batch.get('status')} before this request ran",
            )
        self._deliver(entries)
        self.notes.extend(labeler.stats.notes)
        labeler.stats.notes.clear()
        part.status, part.batch_status = "collected", str(batch.get("status"))
        save(state, self.settings)
        if unanswered:
            self._say("batch.collected_unanswered", batch=part.batch_id, done=state.done, total=state.total, unanswered=len(unanswered))
        else:
            self._say("batch.collected", batch=part.batch_id, done=state.done, total=state.total)

    def _failed(self, pack: list["Item"], message: str) -> None:
        for item in pack:
            self.state.failures[item.id] = message
            self.state.problems.pop(item.id, None)  # sent again as it was: the model did not answer

    def _deliver(self, entries: list[tuple["Item", dict[str, Any]]]) -> None:
        labeler, state = self.labeler, self.state
        predictions, cacheable = [], {}
        for item, entry in entries:
            try:
                predictions.append(labeler.prediction(item, entry))
            except (KeyError, TypeError, ValueError) as error:
                state.problems[item.id] = f"unusable answer: {error}"
                continue
            cacheable[labeler.key(item)] = entry
            state.problems.pop(item.id, None)
            state.failures.pop(item.id, None)
        self._record(predictions)
        if state.cache and cacheable:
            cache = ResponseCache.open(self.settings)
            if cache is not None:
                try:
                    cache.put_many(cacheable)
                finally:
                    cache.close()

    # -- the end ----------------------------------------------------------------------------------
    def _finish(self, items: list["Item"], journal: Path, started: float) -> "JobSummary":
        state, labeler = self.state, self.labeler
        rounds = len(state.rounds)
        leftovers = []
        for item in items:
            if item.ok and not self._done(item.id):
                if item.id in state.problems:
                    message = f"{state.problems[item.id]} (after {rounds} Batch API round(s))"
                else:
                    message = f"no answer from the Batch API after {rounds} round(s): {state.failures.get(item.id, 'not run')}"
                leftovers.append(labeler.error(item, message))
        self._record(leftovers)
        self.stream.flush()
        results = {item.id: self.records.get(item.id) or labeler.error(item, "no result was produced for this item") for item in items}
        write_jsonl(journal, (results[item.id] for item in items))
        if state.fmt != "jsonl":
            export(items, results, Path(state.out), state.fmt, self.rulebook)
        state.counts = dict(Counter(results[item.id].status for item in items))
        state.status = "completed"
        save(state, self.settings)
        return self._summary(items, journal, started, final=True)

    def _summary(self, items: list["Item"], journal: Path, started: float, *, final: bool) -> "JobSummary":
        state = self.state
        notes = list(self.notes)
        if not final:
            notes.append(
                say("batch.job_cancelled_note", state.language, job=state.id, done=state.done, journal=journal)
            )
        return JobSummary(
            total=len(items),
            counts={status: state.counts.get(status, 0) for status in STATUSES},
            output=Path(state.out) if final else None,
            journal=journal,
            fmt=state.fmt,
            engine="llm",
            model=state.model,
            elapsed=time.perf_counter() - started,
            cached=self.cached,
            input_errors=sum(1 for item in items if not item.ok),
            requests=state.requests,
            prompt_tokens=state.prompt_tokens,
            completion_tokens=state.completion_tokens,
            cost=BATCH_DISCOUNT * estimate_cost(state.prompt_tokens, state.completion_tokens, self.settings),
            batch_size=state.batch_size,
            notes=notes,
        )


def _line_error(line: dict[str, Any]) -> str:
    """The reason in an error-file line (OpenAI puts it in `error` or in the response body)."""
    error = line.get("error")
    if isinstance(error, dict) and (error.get("message") or error.get("code")):
        return f"{error.get('code') or 'error'}: {error.get('message') or ''}".strip()
    response = line.get("response") or {}
    body = response.get("body") if isinstance(response, dict) else None
    inner = body.get("error") if isinstance(body, dict) else None
    if isinstance(inner, dict) and inner.get("message"):
        return f"HTTP {response.get('status_code')}: {inner['message']}"
    return f"HTTP {response.get('status_code')}" if isinstance(response, dict) and response.get("status_code") else "failed request"
