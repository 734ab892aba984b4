"""The report over batches as Markdown (template ``evaluation/templates/batch_report.md.j2``, words from the catalogue)."""

from __future__ import annotations

from typing import Any

from assistant.core.markdown_safe import safe_markdown
from assistant.core.messages import text
from evaluation.batch_format import _below, _beyond, _language, _pct, _short
from evaluation.batch_models import BatchReport
from evaluation.qa import GroupAccuracy
from evaluation.templating import render

__all__ = ["report_markdown"]

COLUMNS = (
    "batch", "recorded", "items", "annotations", "reviewed", "accuracy", "ci", "label_drift", "model_agreement",
    "model_kappa", "lead_time",
)
RULE_COLUMNS = ("batch", "should_have_been", "rule", "times", "given_instead")


def _acc_cell(cell: GroupAccuracy | None) -> str:
    if cell is None or cell.accuracy is None:
        return "—"
    return f"{_pct(cell.accuracy)} ({cell.correct}/{cell.n})"


def _batch_row(row: Any, tolerance: float) -> list[Any]:
    accuracy = _pct(row.accuracy) + (" ⚠" if row.below_threshold else "") if row.accuracy is not None else "—"
    ci = f"{_pct(row.ci_low)}–{_pct(row.ci_high)}" if row.ci_low is not None else "—"
    drift = "—" if row.label_drift is None else f"{row.label_drift:.2f}" + (" ⚠" if _beyond(row.label_drift, tolerance) else "")
    kappa = "—" if row.model_kappa is None else f"{row.model_kappa:.2f}"
    lead = "—" if row.lead_time_median is None else f"{row.lead_time_median:.1f}"
    return [
        row.name, row.recorded_at[:16].replace("T", " "), row.n_items, row.n_annotations,
        row.n_reviewed if row.n_reviewed is not None else "—", accuracy, ci, drift, _pct(row.model_agreement), kappa, lead,
    ]


def _trend_cell(cell: GroupAccuracy | None, threshold: float) -> str:
    shown = _acc_cell(cell)
    if cell is not None and cell.accuracy is not None and _below(cell.accuracy, threshold):
        shown += " ⚠"
    return shown


def report_markdown(report: BatchReport, language: str = "en") -> str:
    """The report as Markdown in `language` (``en``, ``zh`` or any language with a catalogue)."""
    language = _language(language)

    def t(key: str, **values: Any) -> str:
        return text(f"batches.md.{key}", language, **values)

    trends = [
        {
            "title": t(title),
            "header": [t(head), *report.batches],
            "rows": [[trend.name, *(_trend_cell(cell, report.threshold) for cell in trend.cells)] for trend in rows],
        }
        for title, head, rows in (("annotators", "annotator", report.per_annotator), ("labels", "label", report.per_label))
    ]
    rules = [
        [
            batch,
            rule.label,
            _short(rule.rule, 120) if rule.rule else ("—" if rule.in_rulebook else t("not_in_rulebook")),
            rule.count,
            ", ".join(f"{label} ×{count}" for label, count in rule.given.items()),
        ]
        for batch, batch_rules in report.broken_rules.items()
        for rule in batch_rules[:5]
    ]
    markdown = render(
        "batch_report.md.j2",
        t=t,
        n_batches=len(report.batches),
        threshold=_pct(report.threshold),
        tolerance=f"{report.tolerance:.2f}",
        flags=[(flag.kind, flag.text(language)) for flag in report.flags],
        columns=[t(f"col.{key}") for key in COLUMNS],
        rows=[_batch_row(row, report.tolerance) for row in report.rows],
        trends=trends,
        distribution_header=[t("label"), *report.batches],
        distribution=[[row.label, *(_pct(share) for share in row.shares)] for row in report.distribution],
        rule_columns=[t(f"rule_col.{key}") for key in RULE_COLUMNS],
        rules=rules,
    )
    return safe_markdown(markdown)  # user text stays text (issue 14)
