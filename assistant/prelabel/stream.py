"""The pre-label job in bounded memory: items are read as a stream, labelled in chunks, written as they finish.

`prelabel.run_job` calls `run_streamed`. The memory a job holds does not grow with the rows:

- items come from `item_stream.open_items` (CSV/TSV/JSONL are parsed lazily; .xlsx and .json are
  read whole) and are labelled `CHUNK` at a time (one chunk in flight; the LLM engine runs its
  concurrent requests inside the chunk);
- each result is appended to the journal (the JSONL output, or the `.records.jsonl` sidecar) as it
  completes; what is remembered per row is its byte offset in the journal and its status (9 bytes a
  row in two numpy arrays), plus the ids seen (duplicate-id detection) -- never the rows;
- at the end the journal is rewritten atomically in input order by copying lines by offset, and the
  CSV or Label Studio output is written from a second pass over the input beside it.

Resume (`--resume`) appends to the existing journal: the records already there are indexed
(id -> offset), kept when their id is a valid input item of the same rulebook version, and only the
rest is labelled. A crash keeps every record written so far; the final rewrite drops stale and
superseded records and a torn last line.
"""

from __future__ import annotations

import asyncio

import csv
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from assistant.core.messages import text as message_text
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import Prediction
from assistant.core.safe_paths import atomic_writer
from assistant.integrations.datafiles import _flat
from assistant.integrations.label_studio import PAIRWISE_KEYS, is_pairwise
from assistant.llm.tokens import estimate_cost
from assistant.prelabel.bridges import _iterate_in_thread, _run
from assistant.prelabel.constants import STATUSES
from assistant.prelabel.exports import _csv_rows, journal_path, label_studio_tasks, write_jsonl
from assistant.prelabel.progress import _ProgressBar
from assistant.prelabel.summary import JobSummary, Plan

if TYPE_CHECKING:
    from assistant.prelabel.item_stream import ItemStream
    from assistant.prelabel.items import Item
    from assistant.core.models import Rulebook
    from assistant.prelabel.prelabeler import Prelabeler
    from assistant.prelabel.summary import JobSummary, Plan

CHUNK = 2048  # items labelled together (and held in memory) at a time
STATUS_CODES = {"labeled": 0, "abstain": 1, "error": 2}
_STALE = 4  # flag beside the status code in a journal index entry: another rulebook version


def index_journal(path: Path, version: int | None) -> tuple[dict[str, int], int]:
    """The records of a journal as id -> (offset << 3 | status code | stale flag), and unreadable lines.

    The rule of `prelabel.read_journal`: the last record of an id wins, except that an error record
    never replaces a finished one. Only the index is kept, not the records.
    """
    index: dict[str, int] = {}
    bad = 0
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return index, 0
    with handle:
        offset = 0
        for line in handle:
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                record_id, status = record["id"], record["status"]
                code = STATUS_CODES[status]
                if not isinstance(record_id, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                bad += 1  # e.g. the torn last line of a killed run
                continue
            if record.get("rulebook_version") != version:
                code |= _STALE
            previous = index.get(record_id)
            if previous is None or (previous & 3) == STATUS_CODES["error"] or code & 3 != STATUS_CODES["error"]:
                index[record_id] = start << 3 | code
    return index, bad


def _usable(index: dict[str, int]) -> int:
    return sum(1 for entry in index.values() if not entry & _STALE and entry & 3 != STATUS_CODES["error"])


def count_journal(path: Path) -> int:
    """Finished (non-error) records in a journal, one per id (for the message after an interruption)."""
    index, _ = index_journal(path, None)
    return sum(1 for entry in index.values() if entry & 3 != STATUS_CODES["error"])


def _chunks(items: Iterator["Item"], size: int) -> Iterator[list["Item"]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _merge_plans(plans: list["Plan"], engine: str, model: str | None, resumed: int, items: int, batch_size: int | None) -> "Plan":
    merged = Plan(engine=engine, model=model, items=items, to_label=0, resumed=resumed, batch_size=batch_size)
    for part in plans:
        merged.to_label += part.to_label
        merged.input_errors += part.input_errors
        merged.cached += part.cached
        merged.requests += part.requests
        merged.prefix_tokens = max(merged.prefix_tokens, part.prefix_tokens)
        merged.prompt_tokens += part.prompt_tokens
        merged.completion_tokens += part.completion_tokens
        merged.cost += part.cost
        if batch_size is None and part.batch_size is not None:
            merged.batch_size = max(merged.batch_size or 0, part.batch_size)
        # personal data: the masking state is the same for every chunk; values add up, the prefix is one
        merged.pii_masking = merged.pii_masking or part.pii_masking
        merged.pii_masking_ref = merged.pii_masking_ref or part.pii_masking_ref
        for kind, count in part.pii_counts.items():
            merged.pii_counts[kind] = merged.pii_counts.get(kind, 0) + count
        merged.pii_prefix_counts = part.pii_prefix_counts or merged.pii_prefix_counts
    return merged


def _ordered_lines(journal: Path, offsets: Any, total: int) -> Iterator[bytes]:
    """The journal's lines in row order (by offset; sequential reads when they already are in order)."""
    with journal.open("rb") as source:
        position = -1
        for row in range(1, total + 1):
            offset = int(offsets[row])
            if offset != position:
                source.seek(offset)
            line = source.readline()
            position = offset + len(line)
            yield line if line.endswith(b"\n") else line + b"\n"


def _export_streamed(stream: "ItemStream", journal: Path, out_path: Path, fmt: str, rulebook: "Rulebook") -> None:
    """CSV or Label Studio output from the input (read again) beside the ordered journal."""

    with journal.open("rb") as records, atomic_writer(out_path) as out:
        writer = None
        number = 0
        if fmt == "label-studio":
            out.write("[")
        for number, (item, line) in enumerate(zip(stream, records), 1):
            prediction = Prediction.model_validate_json(line)
            if prediction.id != item.id:
                raise InputError(Message("error.stream.file_changed", path=str(stream.path), row=item.row))
            if fmt == "csv":
                row = _csv_rows([item], {item.id: prediction})[0]
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow({column: _flat(value) for column, value in row.items()})
            else:
                task = label_studio_tasks([item], {item.id: prediction}, rulebook, start=number)[0]
                text = json.dumps(task, ensure_ascii=False, indent=1)
                out.write(("\n" if number == 1 else ",\n") + "\n".join(" " + part for part in text.split("\n")))
        if fmt == "label-studio":
            out.write("\n]" if number else "]")  # as json.dump(tasks, indent=1) writes it


def run_streamed(
    rulebook: "Rulebook",
    labeler: "Prelabeler",
    stream: "ItemStream",
    out_path: Path,
    *,
    fmt: str,
    resume: bool,
    dry_run: bool,
    progress: bool | None,
    on_prediction: Callable[[Prediction], None] | None,
    started: float,
    chunk_size: int = CHUNK,
) -> "JobSummary":
    """Label `stream` into `out_path` (see the module docstring); the checks of `run_job` are done."""
    import numpy as np

    journal = journal_path(out_path, fmt)
    notes = list(stream.notes)

    if fmt == "label-studio" and is_pairwise(rulebook) and not stream.pairwise:
        notes.append(message_text("prelabel.note.pairwise_missing", "en", path=stream.path, keys=", ".join(PAIRWISE_KEYS)))
    previous: dict[str, int] = {}
    if resume:
        previous, bad = index_journal(journal, rulebook.version)
        if bad and not previous:
            raise InputError(Message("error.stream.not_prelabel_records", path=str(journal), bad=bad))
        if bad:
            notes.append(message_text("prelabel.note.unreadable_skipped", "en", count=bad, journal=journal))

    total = stream.total
    offsets = np.full(total + 2, -1, dtype=np.int64)  # by row (1-based): where its record is in the journal
    statuses = np.full(total + 2, -1, dtype=np.int8)
    tally = {"kept": 0, "stale": 0, "matched": 0, "errors": 0, "rows": 0, "cached": 0}

    def todo_chunks() -> Iterator[list["Item"]]:
        """The items to label, chunk by chunk; kept records are indexed on the way."""

        def todo() -> Iterator["Item"]:
            for item in stream:
                if item.row > total:
                    raise InputError(Message("error.stream.file_grew", path=str(stream.path)))
                tally["rows"] = item.row
                if not item.ok:
                    tally["errors"] += 1
                else:
                    entry = previous.get(item.id)
                    if entry is not None:
                        tally["matched"] += 1
                        if entry & _STALE:
                            tally["stale"] += 1
                        elif entry & 3 != STATUS_CODES["error"]:
                            offsets[item.row], statuses[item.row] = entry >> 3, entry & 3
                            tally["kept"] += 1
                            continue
                yield item

        return _chunks(todo(), chunk_size)

    def finish_notes() -> None:
        notes.extend(note for note in stream.notes if note not in notes)  # e.g. "N rows ... got ids generated"
        if tally["stale"]:
            notes.append(message_text("prelabel.note.stale", "en", count=tally["stale"]))
        dropped = len(previous) - tally["matched"]
        if dropped:
            notes.append(message_text("prelabel.note.dropped", "en", count=dropped))

    if dry_run:
        plans = [labeler.plan(chunk) for chunk in todo_chunks()]
        finish_notes()
        the_plan = _merge_plans(
            plans, labeler.engine, labeler.model, tally["kept"], tally["rows"], labeler.batch_size
        )
        return JobSummary(
            total=tally["rows"], counts={}, output=None, journal=None, fmt=fmt, engine=labeler.engine, model=labeler.model,
            elapsed=time.perf_counter() - started, resumed=tally["kept"], input_errors=tally["errors"], dry_run=True,
            plan=the_plan, notes=notes,
        )  # fmt: skip

    if not resume or not journal.exists():
        write_jsonl(journal, [])  # start over (atomically): a previous output is replaced only now
    last_sync = time.monotonic()
    with journal.open("ab") as out, _ProgressBar(total - _usable(previous), progress) as bar:
        if out.tell() > 0:
            with journal.open("rb") as check:
                check.seek(out.tell() - 1)
                if check.read(1) != b"\n":
                    out.write(b"\n")  # a torn last line stays a line of its own (and unreadable)

        def record(prediction: Prediction, pending: dict[str, int]) -> None:
            nonlocal last_sync
            row = pending.pop(prediction.id, None)
            if row is None:
                notes.append(message_text("prelabel.note.second_result", "en", item=prediction.id))
                return
            offsets[row] = out.tell()
            statuses[row] = STATUS_CODES[prediction.status]
            out.write(prediction.model_dump_json().encode("utf-8") + b"\n")
            out.flush()
            if time.monotonic() - last_sync > 1.0:
                os.fsync(out.fileno())
                last_sync = time.monotonic()
            bar.advance()
            if on_prediction is not None:
                on_prediction(prediction)

        async def main() -> None:
            for chunk in todo_chunks():
                pending = {item.id: item.row for item in chunk}
                async for prediction in labeler.stream(chunk):
                    record(prediction, pending)
                for item in chunk:  # defensive: every item has exactly one record
                    if item.id in pending:
                        record(labeler.error(item, "no result was produced for this item"), pending)

        try:
            _run(main)
        finally:
            out.flush()
            os.fsync(out.fileno())

    finish_notes()
    rows = tally["rows"]
    if rows < total or (offsets[1 : rows + 1] < 0).any():
        raise InputError(Message("error.stream.file_shrank", path=str(stream.path)))

    with atomic_writer(journal, "wb") as ordered:
        for line in _ordered_lines(journal, offsets, rows):
            ordered.write(line)
    if fmt != "jsonl":
        _export_streamed(stream, journal, out_path, fmt, rulebook)
    counts = np.bincount(statuses[1 : rows + 1], minlength=3)
    stats = labeler.stats

    notes.extend(stats.notes)
    return JobSummary(
        total=rows,
        counts={status: int(counts[STATUS_CODES[status]]) for status in STATUSES},
        output=out_path,
        journal=journal,
        fmt=fmt,
        engine=labeler.engine,
        model=labeler.model,
        elapsed=time.perf_counter() - started,
        resumed=tally["kept"],
        cached=stats.cached,
        input_errors=tally["errors"],
        requests=stats.requests,
        prompt_tokens=stats.prompt_tokens,
        completion_tokens=stats.completion_tokens,
        cost=estimate_cost(stats.prompt_tokens, stats.completion_tokens, labeler.settings),
        estimated_tokens=stats.estimated_tokens,
        abandoned=stats.abandoned,
        batch_size=labeler.batch_size,
        notes=notes,
    )


def predict_stream(
    labeler: "Prelabeler", items: "ItemStream", *, ordered: bool, progress: bool | None, chunk_size: int = CHUNK
) -> Iterator[Prediction]:
    """`prelabel.prelabel` over an `ItemStream`: chunk by chunk, at most about two chunks ahead of the caller.

    Completion order, or input order when `ordered` (each chunk is put in order before it is given out).
    """

    taken = [0]  # predictions the caller has taken

    async def run():
        made = 0
        for chunk in _chunks(iter(items), chunk_size):
            while made - taken[0] > chunk_size:  # the caller is behind: wait instead of queueing more
                await asyncio.sleep(0.005)
            if not ordered:
                async for prediction in labeler.stream(chunk):
                    made += 1
                    yield prediction
                continue
            waiting: dict[str, Prediction] = {}
            async for prediction in labeler.stream(chunk):
                waiting[prediction.id] = prediction
            for item in chunk:
                if item.id in waiting:
                    made += 1
                    yield waiting.pop(item.id)

    def generate() -> Iterator[Prediction]:
        with _ProgressBar(len(items), progress) as bar:
            for prediction in _iterate_in_thread(run):
                taken[0] += 1
                bar.advance()
                yield prediction

    return generate()
