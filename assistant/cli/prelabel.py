"""`rulebook prelabel`: label every item of a data file by a rulebook (the pre-annotation job).

Registered in the CLI as `app.command("prelabel")(prelabel_command)`. Heavy imports happen inside
the function so `rulebook --help` stays fast. Errors are the typed errors of `assistant.core.errors`
(the CLI prints them as one line); Ctrl-C leaves every finished record on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from assistant.prelabel.options import PrelabelOptions, bounds, extra

FORMAT_CHOICES = ("jsonl", "csv", "label-studio")


def cli_option(name: str) -> Any:
    """The typer option of `PrelabelOptions.<name>`: its flags, default, bounds and help come from the model.

    A boolean whose flag negates the field (`cache` → `--no-cache`) defaults to False and takes its help
    from the field's `cli_help`.
    """
    field = PrelabelOptions.model_fields[name]
    more = extra(name)
    flags = more["flags"]
    negated = isinstance(field.default, bool) and flags[0].startswith("--no-")
    kwargs: dict[str, Any] = {"help": more.get("cli_help") or field.description}
    low, high = bounds(name)
    if low is not None:
        kwargs["min"] = more.get("cli_min", low)
    if high is not None:
        kwargs["max"] = high
    return typer.Option(not field.default if negated else field.default, *flags, **kwargs)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def prelabel_command(
    rulebook: Path = typer.Option(..., "--rulebook", "-r", help="the rulebook JSON (`rulebook export PROJECT --format json --out RB.json`)"),
    input: Path = typer.Option(..., "--input", "-i", help="items to label: .csv, .jsonl, .json or .xlsx"),  # noqa: A002
    out: Path = typer.Option(..., "--out", "-o", help="where the pre-labels go"),
    fmt: str = cli_option("fmt"),
    text_field: str = cli_option("text_field"),
    id_field: Optional[str] = cli_option("id_field"),
    sheet: Optional[str] = cli_option("sheet"),
    header_row: Optional[int] = cli_option("header_row"),
    concurrency: int = cli_option("concurrency"),
    batch_size: Optional[int] = cli_option("batch_size"),
    rpm: Optional[float] = cli_option("rpm"),
    min_confidence: float = cli_option("min_confidence"),
    resume: bool = cli_option("resume"),
    dry_run: bool = cli_option("dry_run"),
    gold: Optional[Path] = cli_option("gold"),
    offline: bool = cli_option("offline"),
    no_cache: bool = cli_option("cache"),
    progress: Optional[bool] = cli_option("progress"),
    batch_api: bool = cli_option("batch_api"),
    poll_interval: float = cli_option("poll_interval"),
    batch_rounds: int = cli_option("max_rounds"),
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
