"""`rulebook prelabel`: label every item of a data file by a rulebook (the pre-annotation job).

Registered in the CLI as `app.command("prelabel")(prelabel_command)`. Heavy imports happen inside
the function so `rulebook --help` stays fast. Errors are the typed errors of `assistant.core.errors`
(the CLI prints them as one line); Ctrl-C leaves every finished record on disk.
"""

from __future__ import annotations

from contextlib import nullcontext

import inspect
import types
import typing
from pathlib import Path
from typing import Any, Optional, Union

import typer

from assistant.prelabel.options import PrelabelOptions, bounds, extra
from assistant.cli.jobs import report, run_batch_prelabel
from assistant.core.errors import InputError
from assistant.core.language import project_language
from assistant.core.messages import Message, text
from assistant.core.settings import get_settings
from assistant.prelabel.constants import FORMATS
from assistant.prelabel.exports import journal_path
from assistant.prelabel.guard import output_lock
from assistant.prelabel.job import run_job
from assistant.prelabel.prelabeler import Prelabeler
from assistant.prelabel.stream import count_journal
from assistant.rulebook.export import load_rulebook

CLI_OPTIONS = tuple(name for name in PrelabelOptions.model_fields if extra(name).get("flags"))  # shots, logprobs: Python only


def cli_type(name: str) -> Any:
    """The type typer parses option `name` as: the field's type, Optional kept, a file for a union with a Path."""
    annotation = PrelabelOptions.model_fields[name].annotation
    if typing.get_origin(annotation) in (Union, types.UnionType):
        kinds = [kind for kind in typing.get_args(annotation) if kind is not type(None)]
        kind = kinds[0] if len(kinds) == 1 else Path if Path in kinds else str
        return Optional[kind] if len(kinds) < len(typing.get_args(annotation)) else kind
    return annotation


def negated(name: str) -> bool:
    """A boolean whose CLI flag negates the field (`cache` → `--no-cache`)."""
    return isinstance(PrelabelOptions.model_fields[name].default, bool) and extra(name)["flags"][0].startswith("--no-")


def cli_option(name: str) -> Any:
    """The typer option of `PrelabelOptions.<name>`: its flags, default, bounds and help come from the model.

    A boolean whose flag negates the field (`cache` → `--no-cache`) defaults to False and takes its help
    from the field's `cli_help`.
    """
    field = PrelabelOptions.model_fields[name]
    more = extra(name)
    kwargs: dict[str, Any] = {"help": more.get("cli_help") or field.description}
    low, high = bounds(name)
    if low is not None:
        kwargs["min"] = more.get("cli_min", low)
    if high is not None:
        kwargs["max"] = high
    return typer.Option(not field.default if negated(name) else field.default, *more["flags"], **kwargs)


def to_options(values: dict[str, Any]) -> PrelabelOptions:
    """The parsed flags mapped back onto the model (a negated flag flipped)."""
    return PrelabelOptions(**{name: (not values[name]) if negated(name) else values[name] for name in CLI_OPTIONS})


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _command_signature() -> inspect.Signature:
    """--rulebook, --input, --out, then one typer option per field of PrelabelOptions that has flags."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    fixed = [
        inspect.Parameter("rulebook", keyword, annotation=Path, default=typer.Option(
            ..., "--rulebook", "-r", help="the rulebook JSON (`rulebook export PROJECT --format json --out RB.json`)")),
        inspect.Parameter("input", keyword, annotation=Path, default=typer.Option(
            ..., "--input", "-i", help="items to label: .csv, .jsonl, .json or .xlsx")),
        inspect.Parameter("out", keyword, annotation=Path, default=typer.Option(..., "--out", "-o", help="where the pre-labels go")),
    ]  # fmt: skip
    options = [
        inspect.Parameter(name, keyword, annotation=bool if negated(name) else cli_type(name), default=cli_option(name))
        for name in CLI_OPTIONS
    ]
    return inspect.Signature([*fixed, *options], return_annotation=None)


def prelabel_command(*, rulebook: Path, input: Path, out: Path, **flags: Any) -> None:  # noqa: A002
    """Pre-label every item of a data file with the rulebook's labels (LLM, or offline without one)."""

    options = to_options(flags)
    fmt, dry_run = options.fmt, options.dry_run
    if fmt not in FORMATS:
        raise InputError(Message("error.prelabel.bad_format", formats=', '.join(FORMATS), fmt=fmt))
    book = load_rulebook(rulebook)
    language = project_language(book)  # the run's lines read in the rulebook's language
    settings = get_settings()
    if options.batch_api and not dry_run:  # a Batch API job (assistant.prelabel.batch_jobs): same requests, sent as a batch

        if options.offline:
            raise InputError(Message("error.prelabel.batch_api_offline"))
        report(run_batch_prelabel(book, settings, input_path=input, out_path=out, options=options), language)
        return
    labeler = Prelabeler(book, options, settings=settings)
    _err(f"[{labeler.describe_engine(language)}]")

    try:
        with nullcontext() if dry_run else output_lock(out):
            summary = run_job(book, input, out, options, labeler=labeler)
    except KeyboardInterrupt:
        journal = journal_path(out, fmt)
        saved = count_journal(journal)
        _err(text("prelabel.cli.interrupted", language, saved=saved, journal=journal))
        raise
    if dry_run:
        typer.echo(summary.describe(language))
        if options.batch_api:
            typer.echo(text("prelabel.cli.batch_api_hint", language))
        return
    report(summary, language, batch_api=False)  # an honest exit code: not every item got a pre-label


prelabel_command.__signature__ = _command_signature()  # type: ignore[attr-defined]  # typer reads the options from it
