"""The job runner: label a data file into an output file, resumable, in bounded memory."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import Prediction, Rulebook
from assistant.prelabel.api import _as_rulebook
from assistant.prelabel.constants import FORMATS
from assistant.prelabel.options import ENGINE, FILE, ITEMS, PrelabelOptions, resolve, takes_options
from assistant.prelabel.prelabeler import Prelabeler
from assistant.prelabel.guard import check_job
from assistant.prelabel.item_stream import open_items
from assistant.prelabel.stream import run_streamed

if TYPE_CHECKING:
    from assistant.core.settings import Settings
    from assistant.llm.chat import ChatLLM
    from assistant.llm.embeddings import Embedder
    from assistant.prelabel.summary import JobSummary


# =============================================================================================
# The job
# =============================================================================================
@takes_options(*FILE, *ITEMS, *ENGINE)
def run_job(
    rulebook: "Rulebook | str | Path",
    input_path: Path | str,
    out_path: Path | str,
    options: PrelabelOptions | None = None,
    *,
    settings: "Settings | None" = None,
    llm: "ChatLLM | None" = None,
    engine: str | None = None,
    embedder: "Embedder | None" = None,
    on_prediction: Callable[[Prediction], None] | None = None,
    labeler: Prelabeler | None = None,
    **overrides: Any,
) -> JobSummary:
    """Label a data file into `out_path`; resumable, append-as-you-go, atomic final rewrite, in bounded memory.

    `options` (a PrelabelOptions) and keyword overrides of its fields (`resume=True`, `concurrency=8`, ...)
    configure the job. `id_field=None` uses the "id" column when present and generates ids from the text
    otherwise; naming a column makes it required. `sheet` and `header_row` choose a spreadsheet's sheet and row of
    column names (default: detected, see :mod:`assistant.integrations.spreadsheets`). `on_prediction` is called after each record is on disk.
    A `labeler` given runs with its own engine options. CSV/TSV/JSONL inputs are streamed (see
    :mod:`assistant.prelabel.stream`; .xlsx and .json are read whole).
    """
    options = resolve(options, overrides, uses=(*FILE, *ITEMS, *ENGINE), where="run_job(): ")
    fmt = options.fmt
    if fmt not in FORMATS:
        raise InputError(Message("error.exports.unknown_format", fmt=fmt, formats=", ".join(FORMATS)))
    started = time.perf_counter()
    rulebook = _as_rulebook(rulebook)
    input_path, out_path = Path(input_path), Path(out_path)
    if out_path.exists() and out_path.is_dir():
        raise InputError(Message("error.job.output_is_directory", path=str(out_path)))
    if out_path.resolve() == input_path.resolve():
        raise InputError(Message("error.job.output_overwrites_input", path=str(out_path)))

    id_field = options.id_field
    items = open_items(  # scanned once here (count, columns, malformed lines); read again as a stream below
        input_path, text_field=options.text_field, id_field=id_field or "id", require_id=id_field is not None,
        sheet=options.sheet, header_row=options.header_row,
    )  # fmt: skip
    if labeler is None:
        labeler = Prelabeler(rulebook, options, settings=settings, llm=llm, engine=engine, embedder=embedder)

    check_job(rulebook, labeler)  # reserved label names, token budget (issue 14)
    return run_streamed(
        rulebook, labeler, items, out_path, fmt=fmt, resume=options.resume, dry_run=options.dry_run, progress=options.progress,
        on_prediction=on_prediction, started=started,
    )  # fmt: skip
