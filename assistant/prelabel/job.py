"""The job runner: label a data file into an output file, resumable, in bounded memory."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from assistant.core.errors import InputError
from assistant.core.models import Prediction, Rulebook
from assistant.prelabel.api import _as_rulebook
from assistant.prelabel.constants import FORMATS
from assistant.prelabel.options import default
from assistant.prelabel.prelabeler import Prelabeler

if TYPE_CHECKING:
    from assistant.core.settings import Settings
    from assistant.llm.chat import ChatLLM
    from assistant.prelabel.summary import JobSummary


# =============================================================================================
# The job
# =============================================================================================
def run_job(
    rulebook: "Rulebook | str | Path",
    input_path: Path | str,
    out_path: Path | str,
    *,
    fmt: str = default("fmt"),
    resume: bool = default("resume"),
    dry_run: bool = default("dry_run"),
    text_field: str = default("text_field"),
    id_field: str | None = None,
    sheet: str | None = default("sheet"),
    header_row: int | None = default("header_row"),
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
