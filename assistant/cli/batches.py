"""CLI commands for quality over time (`rulebook batches add|report`). Register them in the main CLI:

    from assistant.cli.batches import batches_app
    app.add_typer(batches_app, name="batches")

Module-level imports stay light (typer, pathlib, typing); everything else is imported inside the
commands so `rulebook --help` starts fast. User mistakes raise
:class:`assistant.core.errors.InputError` (the main CLI prints it as one line). Status lines go to
stderr, results to stdout, so ``--json`` output can be piped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from assistant.core.text_table import text_table

__all__ = ["add_command", "batches_app", "report_command"]

batches_app = typer.Typer(
    help="Production batches: record each batch's quality, then watch accuracy and drift batch by batch.",
    no_args_is_help=True,
)


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _print_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _language(value: Optional[str], project: Any) -> str:
    from assistant.core.errors import InputError

    if value is None:
        return "zh" if str(getattr(project, "language", "") or "").startswith("zh") else "en"
    if value not in ("en", "zh"):
        raise InputError(f"--language must be en or zh, got {value!r}")
    return value


def _default_threshold(ws: Any, project_id: str) -> tuple[float, str]:
    """The rulebook's acceptance accuracy when the project has a rulebook, else 0.95."""
    from assistant.core.models import Rulebook

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
        typer.echo("✓ no flags" if language == "en" else "✓ 无预警")
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
    from assistant.service.workspace import Workspace
    from evaluation.batches import batch_report, project_batches, record_batch

    from assistant.core.errors import InputError

    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1 (e.g. 0.95), got {threshold}")
    if not 0.0 <= tolerance <= 1.0:
        raise InputError(f"--tolerance must be between 0 and 1 (e.g. 0.1), got {tolerance}")
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
        en = lang == "en"

        def say(english: str, chinese: str) -> None:
            typer.echo(english if en else chinese)

        cancelled = record.n_cancelled
        say(
            f"recorded batch {record.name!r} (version {record.version}) of project {project}: {record.n_items} items, "
            f"{record.n_annotations} annotations by {len(record.annotators)} annotator(s)"
            + (f", {cancelled} cancelled left out" if cancelled else ""),
            f"已记录项目 {project} 的批次「{record.name}」（第 {record.version} 版）：{record.n_items} 条，"
            f"{len(record.annotators)} 位标注员共 {record.n_annotations} 条标注"
            + (f"，跳过 {cancelled} 条已取消的标注" if cancelled else ""),
        )
        say(f"  labels: {distribution or '—'}", f"  标签分布：{distribution or '—'}")
        if record.lead_time_median is not None:
            median, mean = record.lead_time_median, record.lead_time_mean
            say(f"  lead time: median {median:.1f} s, mean {mean:.1f} s", f"  用时：中位数 {median:.1f} 秒，平均 {mean:.1f} 秒")
        if record.qa is not None:
            say(f"  QA: {record.qa.verdict}", f"  抽检：{record.qa.verdict_zh}")
            for group in record.qa.per_annotator:
                shown = f"{_pct(group.accuracy)} ({group.correct}/{group.n})"
                say(f"    {group.name}: {shown}", f"    {group.name}：{shown.replace(' (', '（').replace(')', '）')}")
        if record.model_agreement is not None:
            agreement = record.model_agreement
            kappa = "—" if agreement.cohen_kappa is None else f"{agreement.cohen_kappa:.2f}"
            share = _pct(agreement.percent_agreement)
            say(
                f"  model vs human: agreement {share}, Cohen's kappa {kappa} ({agreement.n_pairs} annotations on {agreement.n_items} items)",
                f"  模型与人工：一致率 {share}，Cohen's kappa {kappa}（{agreement.n_items} 个条目上的 {agreement.n_pairs} 条标注）",
            )
        qa_notes = (record.qa.notes, record.qa.notes_zh) if record.qa is not None else ([], [])
        for note in (record.notes + qa_notes[0]) if en else (record.notes_zh + qa_notes[1]):
            typer.echo(f"  note: {note}" if en else f"  注：{note}")
        _print_flags(flags, lang, "flag(s) for this batch" if lang == "en" else "条本批次预警")
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
    import warnings

    from assistant.integrations.datafiles import atomic_writer
    from assistant.core.errors import InputError
    from assistant.service.workspace import Workspace
    from evaluation.batches import batch_report, project_batches, report_markdown, trend_chart

    ws = Workspace()
    row = ws.store.project(project)
    lang = _language(language, row)
    records = project_batches(ws, project)
    if not records:
        raise InputError(f"project {project} has no batches yet; record one with `rulebook batches add --project {project} --file labels.csv`")
    if threshold is None:
        threshold, why = _default_threshold(ws, project)
        _say(f"threshold {_pct(threshold)} ({why}); tolerance {tolerance:.2f}")
    report = batch_report(records, threshold=threshold, tolerance=tolerance)

    if chart is not None:
        if any(r.accuracy is not None for r in report.rows):
            from evaluation.plots import CJKFontWarning

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
    _print_flags(report.flags, lang, "flag(s)" if lang == "en" else "条预警")
    typer.echo("")
    if lang == "en":
        typer.echo(f"{len(report.batches)} batch(es) · threshold {_pct(report.threshold)} · tolerance {report.tolerance:.2f}")
        heads = ["batch", "items", "reviewed", "accuracy", "drift", "model"]
    else:
        typer.echo(f"共 {len(report.batches)} 个批次 · 阈值 {_pct(report.threshold)} · 容差 {report.tolerance:.2f}")
        heads = ["批次", "条目", "抽检", "准确率", "漂移", "模型一致率"]
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
        typer.echo("per annotator:" if lang == "en" else "各标注员：")
        for trend in report.per_annotator:
            cells = " → ".join(_pct(c.accuracy) if c is not None else "—" for c in trend.cells)
            typer.echo(f"  {trend.name}: {cells}")
