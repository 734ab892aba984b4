"""Write a trial's agreement report: the Markdown file with its PNG charts beside it."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

from assistant.core.messages import text
from assistant.integrations.datafiles import atomic_writer
from evaluation.report import to_markdown

__all__ = ["write_report"]


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def write_report(trial: Any, path: Path, *, language: str) -> dict[str, str]:
    """The Markdown report of a trial with its PNG charts beside it; returns {kind: path} written."""
    charts = _write_charts(trial.report, path, language)
    markdown = to_markdown(trial.report, trial.review, language, suggestions=trial.suggestions, charts=charts)
    with atomic_writer(path) as stream:
        stream.write(markdown)
    return {"report": str(path), **{kind: str(path.with_name(name)) for kind, name in charts.items()}}


def _write_charts(report: Any, markdown_path: Path, language: str = "en") -> dict[str, str]:
    """PNG charts beside the Markdown report, titled in `language`; returns {kind: file name} of what was written."""
    def words(key: str, **values: Any) -> str:
        return text(f"agreement.chart.{key}", language, **values)

    try:
        from evaluation.plots import CJKFontWarning, confusion_heatmap, per_label_bars
    except ImportError as error:  # matplotlib missing: the report is still useful without charts
        _say(f"note: no charts ({error}); install matplotlib to get them")
        return {}
    stem = markdown_path.stem
    written: dict[str, str] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CJKFontWarning)
        if report.confusion is not None and report.confusion.labels:
            path = markdown_path.with_name(f"{stem}-confusion.png")
            title = words("confusion_title", reference=report.reference, compared=report.compared)
            confusion_heatmap(
                report.confusion, path, title, reference_name=report.reference, compared_name=report.compared
            )
            written["confusion"] = path.name
        path = markdown_path.with_name(f"{stem}-per-label.png")
        if report.per_label:
            title = words("per_label_title", reference=report.reference, compared=report.compared)
            per_label_bars(report.per_label, path, title, language=language)
            written["per_label"] = path.name
        elif report.label_agreement:
            per_label_bars(
                report.label_agreement, path, words("specific_title"), value_name=words("specific"), language=language
            )
            written["per_label"] = path.name
    for warning in caught:
        if issubclass(warning.category, CJKFontWarning):
            _say(f"warning: {warning.message}")
            break
    return written
