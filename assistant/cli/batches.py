"""CLI commands for quality over time (`rulebook batches add|report`): `batches_app`,
listed in `assistant.cli.registry` and imported only when one of them runs. User mistakes raise
:class:`assistant.core.errors.InputError` (the main CLI prints it as one line). Status lines go to
stderr, results to stdout, so ``--json`` output can be piped.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Optional

import typer

from assistant.cli.common import catalogue_language
from assistant.core.errors import InputError
from assistant.core.models import Rulebook
from assistant.core.messages import Message, normalize, text
from assistant.core.text_table import text_table
from assistant.integrations.datafiles import atomic_writer
from assistant.service.workspace import Workspace
from evaluation.batches import (
    batch_report,
    project_batches,
    record_batch,
    report_markdown,
    trend_chart,
)
from evaluation.plots import CJKFontWarning

__all__ = ["add_command", "batches_app", "report_command"]

batches_app = typer.Typer(
    help="Production batches: quality over time, drift and flags.",
    no_args_is_help=True,
)


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _language(value: Optional[str], project: Any) -> str:
    """--language: a language with a message catalogue (default: the project's language, else English)."""
    if value is None:
        return normalize(str(getattr(project, "language", "") or ""))
    return catalogue_language(value)


def _default_threshold(ws: Any, project_id: str) -> tuple[float, str]:
    """The rulebook's acceptance accuracy when the project has a rulebook, else 0.95."""

    rows = ws.store.artifacts(project_id, "rulebook")
    if rows:
        try:
            rulebook = Rulebook.model_validate(rows[-1].payload)
            return rulebook.quality.acceptance_accuracy, f"the rulebook's acceptance accuracy (v{rows[-1].version})"
        except Exception:  # noqa: BLE001 - an outdated stored rulebook: fall back to the default
            pass
    return 0.95, "default"


def _pct(value: Optional[float]) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


def _print_flags(flags: list[Any], language: str, title: str) -> None:
    if not flags:
        typer.echo(text("cli.batches.no_flags", language))
        return
    bar = "=" * 72
    typer.echo(bar)
    typer.echo(f"⚠ {len(flags)} {title}")
    typer.echo(bar)
    for flag in flags:
        typer.echo(f"⚠ [{flag.kind}] {flag.text(language)}")
    typer.echo(bar)


@batches_app.command("add")
def add_command(
    project: str = typer.Option(..., "--project", help="the project id (`rulebook projects list`)"),
    file: Path = typer.Option(..., "--file", help="the batch's labels: CSV, JSONL, XLSX, or a Label Studio JSON export"),
    name: Optional[str] = typer.Option(None, "--name", help="batch name (default: the file name; an existing name is replaced in reports)"),
    reviewed: Optional[Path] = typer.Option(None, "--reviewed", help="the reviewed QA sample: id, annotator, label and correct (yes/no) or reviewed_label"),
    prelabels: Optional[Path] = typer.Option(None, "--prelabels", help="the model's pre-labels (JSONL from pre-labeling) for model-vs-human agreement"),
    rulebook: Optional[Path] = typer.Option(None, "--rulebook", help="rulebook JSON naming the rules broken (default: the project's latest rulebook)"),
    label_field: str = typer.Option("label", "--label-field", help="the column holding the label"),
    correct_field: str = typer.Option("correct", "--correct-field", help="the review column holding yes/no"),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="QA acceptance threshold (default: the rulebook's, else 0.95)"),
    tolerance: float = typer.Option(0.1, "--tolerance", help="drift tolerance for the flags shown after recording"),
    language: Optional[str] = typer.Option(None, "--language", help="en or zh for messages (default: the project's language)"),
    as_json: bool = typer.Option(False, "--json", help="print the batch record as JSON"),
) -> None:
    """Record one production batch: size, label distribution, annotators, lead time, QA and model agreement."""

    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(Message("error.batches.bad_threshold", threshold=threshold))
    if not 0.0 <= tolerance <= 1.0:
        raise InputError(Message("error.batches.bad_tolerance", tolerance=tolerance))
    ws = Workspace()
    row = ws.store.project(project)
    lang = _language(language, row)
    before = row.status
    record = record_batch(
        ws,
        project,
        file,
        name=name,
        reviewed_path=reviewed,
        prelabels_path=prelabels,
        rulebook=rulebook,
        label_field=label_field,
        correct_field=correct_field,
        threshold=threshold,
    )
    after = ws.store.project(project).status
    report_threshold = record.qa.threshold if record.qa is not None else (threshold if threshold is not None else _default_threshold(ws, project)[0])
    report = batch_report(project_batches(ws, project), threshold=report_threshold, tolerance=tolerance)
    flags = [flag for flag in report.flags if flag.batch == record.name]
    if as_json:
        _print_json({**record.model_dump(mode="json"), "flags": [flag.model_dump(mode="json") for flag in flags]})
        if flags:
            _say(f"⚠ {len(flags)} flag(s) for this batch; see \"flags\"")
    else:
        distribution = ", ".join(f"{label} {_pct(share)}" for label, share in record.label_distribution.items())

        def say(message_id: str, indent: str = "  ", **values: Any) -> None:
            typer.echo(indent + text(message_id, lang, **values))

        cancelled = record.n_cancelled
        say(
            "cli.batches.recorded", "", name=record.name, version=record.version, project=project, items=record.n_items,
            annotations=record.n_annotations, annotators=len(record.annotators),
            cancelled=text("cli.batches.cancelled_left_out", lang, count=cancelled) if cancelled else "",
        )
        say("cli.batches.labels", distribution=distribution or "—")
        if record.lead_time_median is not None:
            say("cli.batches.lead_time", median=record.lead_time_median, mean=record.lead_time_mean)
        if record.qa is not None:
            say("cli.batches.qa", verdict=record.qa.verdict_text(lang))
            for group in record.qa.per_annotator:
                say("cli.batches.annotator_accuracy", "    ", name=group.name, accuracy=_pct(group.accuracy),
                    correct=group.correct, n=group.n)
        if record.model_agreement is not None:
            agreement = record.model_agreement
            say(
                "cli.batches.model_agreement", share=_pct(agreement.percent_agreement),
                kappa="—" if agreement.cohen_kappa is None else f"{agreement.cohen_kappa:.2f}",
                pairs=agreement.n_pairs, items=agreement.n_items,
            )
        qa_notes = record.qa.notes_text(lang) if record.qa is not None else []
        for note in record.notes_text(lang) + qa_notes:
            say("cli.batches.note", note=note)
        _print_flags(flags, lang, text("cli.batches.flags_for_batch", lang))
    if before != after:
        _say(f"project {project}: status {before} → {after}")


@batches_app.command("report")
def report_command(
    project: str = typer.Option(..., "--project", help="the project id (`rulebook projects list`)"),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="QA accuracy a batch and an annotator must reach (default: the rulebook's acceptance accuracy, else 0.95)"),
    tolerance: float = typer.Option(0.1, "--tolerance", help="largest label-distribution move (total variation distance) and model-agreement move between consecutive batches before a flag"),
    chart: Optional[Path] = typer.Option(None, "--chart", help="write a PNG trend chart of accuracy per batch and annotator"),
    out: Optional[Path] = typer.Option(None, "--out", help="write the Markdown report here"),
    as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
    language: Optional[str] = typer.Option(None, "--language", help="en or zh (default: the project's language)"),
) -> None:
    """Quality over time: accuracy per batch, annotator and label, and flags for low accuracy and drift.

    Always exits 0 when the report is made; flags are printed first, prominently.
    """


    ws = Workspace()
    row = ws.store.project(project)
    lang = _language(language, row)
    records = project_batches(ws, project)
    if not records:
        raise InputError(Message("error.batches.no_batches", project=project))
    if threshold is None:
        threshold, why = _default_threshold(ws, project)
        _say(f"threshold {_pct(threshold)} ({why}); tolerance {tolerance:.2f}")
    report = batch_report(records, threshold=threshold, tolerance=tolerance)

    if chart is not None:
        if any(r.accuracy is not None for r in report.rows):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", CJKFontWarning)
                trend_chart(report, chart, language=lang)
            for warning in caught:
                if issubclass(warning.category, CJKFontWarning):
                    _say(f"warning: {warning.message}")
                    break
            _say(f"wrote {chart}")
        else:
            _say("note: no chart: no batch has a reviewed QA sample (record batches with --reviewed)")
    if out is not None:
        with atomic_writer(out) as stream:
            stream.write(report_markdown(report, lang))
        _say(f"wrote {out}")

    if as_json:
        _print_json(report.model_dump(mode="json"))
        if report.flags:
            _say(f"⚠ {len(report.flags)} flag(s); see \"flags\"")
        return
    _print_flags(report.flags, lang, text("cli.batches.flags", lang))
    typer.echo("")
    typer.echo(text("cli.batches.summary", lang, batches=len(report.batches), threshold=_pct(report.threshold),
                    tolerance=report.tolerance))
    heads = [text(f"cli.batches.head.{column}", lang) for column in ("batch", "items", "reviewed", "accuracy", "drift", "model")]
    table = []
    for r in report.rows:
        table.append(
            [
                r.name,
                str(r.n_items),
                "—" if r.n_reviewed is None else str(r.n_reviewed),
                _pct(r.accuracy) + (" ⚠" if r.below_threshold else ""),
                "—" if r.label_drift is None else f"{r.label_drift:.2f}" + (" ⚠" if r.label_drift > report.tolerance + 1e-10 else ""),
                _pct(r.model_agreement),
            ]
        )
    typer.echo(text_table(table, headers=heads, justify="l" + "r" * (len(heads) - 1)))
    if report.per_annotator:
        typer.echo("")
        typer.echo(text("cli.batches.per_annotator", lang))
        for trend in report.per_annotator:
            cells = " → ".join(_pct(c.accuracy) if c is not None else "—" for c in trend.cells)
            typer.echo(f"  {trend.name}: {cells}")
