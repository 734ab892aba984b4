"""`rulebook jobs status|resume|cancel`, and the `prelabel --batch-api` entry point.

Registered in the CLI as `app.add_typer(jobs_app, name="jobs")`. Heavy imports happen inside the
commands. Batch API jobs live in `DATA_DIR/jobs/` (see `assistant.prelabel.batch_jobs`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Optional

import typer

from assistant.prelabel.options import bounds, default
from assistant.core.errors import ConfigurationError, InputError, LLMError, RulebookError
from assistant.core.settings import get_settings
from assistant.llm.batch_api import BatchClient, BatchProgress
from assistant.prelabel.batch_jobs import BatchJob, cancel_job, list_jobs, load, save, say, start_job
from assistant.core.messages import Message, localize, text
from assistant.prelabel.guard import error_summary, output_lock

if TYPE_CHECKING:
    from assistant.prelabel.summary import JobSummary
    from assistant.core.settings import Settings

jobs_app = typer.Typer(help="Batch API pre-labeling jobs: status, resume after the process stopped, cancel.", no_args_is_help=True)

POLL_OPTION = typer.Option(  # the bound and the default from PrelabelOptions.poll_interval
    None, "--poll-interval", min=bounds("poll_interval")[0], help=f"seconds between checks of a batch (default: the job's, {default('poll_interval'):g})"
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def run_job_to_end(state: Any, settings: "Settings", *, poll_interval: float | None = None) -> "JobSummary":
    """Run a job (new or resumed) while holding its output's lock; Ctrl-C leaves it resumable."""

    if poll_interval is not None:
        state.poll_interval = poll_interval
        save(state, settings)
    with output_lock(state.out):
        return _run(state, settings)


def _run(state: Any, settings: "Settings", *, engine_line: bool = False) -> "JobSummary":
    try:
        job = BatchJob(state, settings, echo=_err)
    except RulebookError as error:  # refused before anything was sent (rulebook, items, endpoint)
        state.status, state.message = "failed", str(error)
        save(state, settings)
        raise
    if engine_line:
        _err(text("prelabel.engine.batch_api", state.language, engine=job.labeler.describe_engine(state.language)))
    try:
        return job.run()
    except (ConfigurationError, LLMError) as error:
        if state.status == "failed":  # a failed batch: its message says what to do
            raise
        kind = ConfigurationError if isinstance(error, ConfigurationError) else LLMError
        raise kind(Message("error.jobs.saved_resume", error=error.message or str(error), job_id=state.id)) from error
    except KeyboardInterrupt:
        _err(
            say("batch.interrupted", state.language, job=state.id)
        )
        raise


def run_batch_prelabel(book: Any, settings: "Settings", **options: Any) -> "JobSummary":
    """`rulebook prelabel --batch-api`: start a job and run it to its end."""

    with output_lock(options["out_path"]):
        state = start_job(book, settings=settings, **options)
        _err(say("batch.job_started", state.language, job=state.id, folder=f"{settings.data_dir}/jobs/{state.id}"))
        return _run(state, settings, engine_line=True)


def print_notes(notes: list[str], language: str) -> None:
    """A run's notes on stderr (at most 10), in `language`: they are stored in English (`prelabel.note.*`)."""
    for note in notes[:10]:
        _err(text("prelabel.cli.note", language, note=localize(note, language, "prelabel.note.", "\n")))
    if len(notes) > 10:
        _err(text("prelabel.cli.more_notes", language, count=len(notes) - 10))


def report(summary: "JobSummary", language: str, *, batch_api: bool = True) -> None:
    """Print a job's summary (`rulebook prelabel`, with or without the Batch API) in `language`; exit 1 when
    records ended in error."""

    if summary.output is None:  # cancelled: the finished records are kept, the rest can be submitted again
        done = text("list.separator", language).join(
            text("prelabel.summary.count", language, status=text(f"prelabel.status.{name}", language), count=summary.counts.get(name, 0))
            for name in ("labeled", "abstain", "error")
        )
        typer.echo(text("prelabel.cli.so_far", language, total=summary.total, done=done))
        _err(text("prelabel.cli.error", language, problem=localize(summary.notes[-1], language, "prelabel.note.", "\n")))
        raise typer.Exit(1)
    print_notes(summary.notes, language)
    typer.echo(summary.describe(language) + ("\n" + text("prelabel.cli.batch_cost", language) if batch_api else ""))
    failed = error_summary(summary.counts, summary.total, language)
    if failed:
        _err(text("prelabel.cli.error", language, problem=failed))
        raise typer.Exit(1)


def _when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


@jobs_app.command("status")
def status_command(
    job_id: Optional[str] = typer.Argument(None, help="a job id (default: list every job)"),
    refresh: bool = typer.Option(True, "--refresh/--no-refresh", help="ask the server for the progress of batches in flight"),
) -> None:
    """Show a job's state, progress and counts (or list every job)."""

    settings = get_settings()
    if job_id is None:
        states = list_jobs(settings)
        if not states:
            typer.echo(text("cli.jobs.none", None, folder=f"{settings.data_dir}/jobs"))
            return
        for state in states:
            typer.echo(
                f"{state.id}  {state.status:<9}  {state.done}/{state.total} done  round {len(state.rounds)}/{state.max_rounds}  "
                f"{_when(state.created)}  → {state.out}"
            )
        return
    state = load(settings, job_id)
    if refresh and state.in_flight() and settings.llm_configured:

        client = BatchClient(settings)
        for part in state.in_flight():
            assert part.batch_id is not None  # in_flight() keeps the submitted parts
            progress = BatchProgress.of(client.retrieve(part.batch_id))
            part.status, part.total, part.completed, part.failed = progress.status, progress.total, progress.completed, progress.failed
        save(state, settings)
    counts = ", ".join(f"{name} {state.counts.get(name, 0)}" for name in ("labeled", "abstain", "error"))
    lines = [
        f"job {state.id}: {state.status}" + (f" — {state.message}" if state.message else ""),
        f"input {state.input} → {state.out} ({state.fmt}); model {state.model or '?'}",
        f"items {state.total}: {counts}; {state.done}/{state.total} done",
        f"round {len(state.rounds)} of at most {state.max_rounds}; {state.requests} request(s) submitted; "
        f"tokens {state.prompt_tokens:,} prompt + {state.completion_tokens:,} completion",
        f"created {_when(state.created)}, updated {_when(state.updated)}",
    ]
    for round_ in state.rounds:
        for part in round_.parts:
            where = f"batch {part.batch_id}" if part.batch_id else f"file {part.file} (not submitted)"
            status = part.batch_status or part.status
            lines.append(
                f"  round {round_.number + 1}: {where}: {status}, {len(part.requests)} request(s)"
                + (f", {part.completed}/{part.total} done, {part.failed} failed" if part.total else "")
            )
    typer.echo("\n".join(lines))


@jobs_app.command("resume")
def resume_command(
    job_id: str = typer.Argument(..., help="the job id (see `rulebook jobs status`)"),
    poll_interval: Optional[float] = POLL_OPTION,
) -> None:
    """Pick a job up by its batch ids after the process stopped; nothing is submitted twice."""

    settings = get_settings()
    state = load(settings, job_id)
    if state.status == "completed":
        raise InputError(Message("error.jobs.already_completed", job_id=job_id, out=str(state.out)))
    report(run_job_to_end(state, settings, poll_interval=poll_interval), state.language)


@jobs_app.command("cancel")
def cancel_command(job_id: str = typer.Argument(..., help="the job id (see `rulebook jobs status`)")) -> None:
    """Cancel a job's batches on the server; finished records stay, `jobs resume` submits the rest."""

    settings = get_settings()
    state = load(settings, job_id)
    cancelled = cancel_job(state, settings)
    typer.echo(
        say("batch.job_cancelled", state.language, job=state.id, batches=", ".join(cancelled) or say("batch.no_batch_in_flight", state.language), out=state.out)
    )
