"""`rulebook prelabel`: label every item of a data file by a rulebook (the pre-annotation job).

Registered in the CLI as `app.command("prelabel")(prelabel_command)`. Heavy imports happen inside
the function so `rulebook --help` stays fast. Errors are the typed errors of `assistant.core.errors`
(the CLI prints them as one line); Ctrl-C leaves every finished record on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from assistant.cli.options import HEADER_ROW_OPTION, SHEET_OPTION

FORMAT_CHOICES = ("jsonl", "csv", "label-studio")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def prelabel_command(
    rulebook: Path = typer.Option(..., "--rulebook", "-r", help="the rulebook JSON (`rulebook export PROJECT --format json --out RB.json`)"),
    input: Path = typer.Option(..., "--input", "-i", help="items to label: .csv, .jsonl, .json or .xlsx"),  # noqa: A002
    out: Path = typer.Option(..., "--out", "-o", help="where the pre-labels go"),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (records), csv, or label-studio (import tasks)"),
    text_field: str = typer.Option("text", "--text-field", help="column holding the text to label"),
    id_field: Optional[str] = typer.Option(
        None, "--id-field", help="column holding item ids (default: id, or ids generated from the text when absent)"
    ),
    sheet: Optional[str] = SHEET_OPTION,
    header_row: Optional[int] = HEADER_ROW_OPTION,
    concurrency: int = typer.Option(4, "--concurrency", "-c", min=1, help="LLM requests in flight"),
    batch_size: Optional[int] = typer.Option(
        None, "--batch-size", "-b", min=1, help="items per LLM request (default: as many as fit ~3,000 tokens of items, 1-25)"
    ),
    rpm: Optional[float] = typer.Option(None, "--rpm", min=0.001, help="client-side limit of LLM requests per minute"),
    min_confidence: float = typer.Option(
        0.0, "--min-confidence", min=0.0, max=1.0, help="below this confidence an item is 'abstain' (for human review)"
    ),
    resume: bool = typer.Option(False, "--resume", help="keep finished records of --out and label only what is missing or failed"),
    dry_run: bool = typer.Option(False, "--dry-run", help="show items, requests, tokens and estimated cost; send nothing"),
    gold: Optional[Path] = typer.Option(None, "--gold", help="gold labeled items (text,label) used as neighbours and few-shot examples"),
    offline: bool = typer.Option(False, "--offline", help="use the offline engine even when an LLM is configured"),
    no_cache: bool = typer.Option(False, "--no-cache", help="do not read or write the response cache"),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="progress bar on stderr (default: on when stderr is a terminal and there are 100+ items)"),
    batch_api: bool = typer.Option(False, "--batch-api", help="run as an OpenAI Batch API job (half price, within 24 h); see `rulebook jobs`"),
    poll_interval: float = typer.Option(30.0, "--poll-interval", min=0.0, help="--batch-api: seconds between checks of a batch"),
    batch_rounds: int = typer.Option(3, "--batch-rounds", min=1, help="--batch-api: rounds at most (failed and unusable answers are submitted again)"),
) -> None:
    """Pre-label every item of a data file with the rulebook's labels (LLM, or offline without one)."""
    from assistant.core.errors import InputError
    from assistant.prelabel.constants import FORMATS
    from assistant.prelabel.exports import journal_path
    from assistant.prelabel.job import run_job
    from assistant.prelabel.prelabeler import Prelabeler
    from assistant.rulebook.export import load_rulebook
    from assistant.core.settings import get_settings

    if fmt not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    book = load_rulebook(rulebook)
    settings = get_settings()
    if batch_api and not dry_run:  # a Batch API job (assistant.prelabel.batch_jobs): same requests, sent as a batch
        from assistant.cli.jobs import report, run_batch_prelabel

        if offline:
            raise InputError("--batch-api and --offline: the offline engine has no batch API; drop one of them")
        report(run_batch_prelabel(
            book, settings, input_path=input, out_path=out, fmt=fmt, resume=resume, text_field=text_field, id_field=id_field,
            sheet=sheet, header_row=header_row, batch_size=batch_size, min_confidence=min_confidence, gold=gold,
            cache=not no_cache, max_rounds=batch_rounds, poll_interval=poll_interval,
        ))  # fmt: skip
        return
    labeler = Prelabeler(
        book,
        settings=settings,
        engine="offline" if offline else None,
        batch_size=batch_size,
        concurrency=concurrency,
        rpm=rpm,
        min_confidence=min_confidence,
        gold=gold,
        cache=not no_cache,
    )
    _err(f"[{labeler.describe_engine()}]")
    from contextlib import nullcontext

    from assistant.prelabel.guard import error_summary, output_lock

    try:
        with nullcontext() if dry_run else output_lock(out):
            summary = run_job(
                book,
                input,
                out,
                fmt=fmt,
                resume=resume,
                dry_run=dry_run,
                text_field=text_field,
                id_field=id_field,
                sheet=sheet,
                header_row=header_row,
                progress=progress,
                labeler=labeler,
            )
    except KeyboardInterrupt:
        journal = journal_path(out, fmt)
        from assistant.prelabel.stream import count_journal  # counts ids, never holds the records

        saved = count_journal(journal)
        _err(f"interrupted: {saved} finished record(s) are saved in {journal}; run again with --resume to finish")
        raise
    if dry_run:
        typer.echo(summary.describe())
        if batch_api:
            typer.echo("with --batch-api the same requests go as one Batch API job, at about half the estimated cost")
        return
    for note in summary.notes[:10]:
        _err(f"note: {note}")
    if len(summary.notes) > 10:
        _err(f"note: ... and {len(summary.notes) - 10} more")
    typer.echo(summary.describe())
    failed = error_summary(summary.counts, summary.total)
    if failed:  # an honest exit code: not every item got a pre-label
        _err(f"error: {failed}")
        raise typer.Exit(1)
