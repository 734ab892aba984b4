"""The batch report's chart: QA accuracy per batch (with its CI) and per annotator against the threshold, as PNG."""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.core.errors import InputError
from assistant.core.language import reader_language
from assistant.core.messages import Message, text
from evaluation.batch_format import _below, _language, _pct
from evaluation.batch_models import BatchReport
from assistant.integrations.datafiles import atomic_writer
from evaluation.plots import CJKFontWarning, _CJK, find_cjk_font

__all__ = ["trend_chart"]


def _chart_rc(texts: Sequence[str]) -> dict[Any, Any]:
    font = find_cjk_font()
    rc: dict[str, Any] = {"font.family": "sans-serif", "axes.unicode_minus": False}
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    elif any(_CJK.search(t or "") for t in texts):
        warnings.warn(
            text("chart.no_cjk_font", reader_language()),
            CJKFontWarning,
            stacklevel=3,
        )
    return rc



def trend_chart(
    report: BatchReport, path: Path | str, *, title: str | None = None, language: str = "en", annotators: bool = True
) -> Path:
    """A PNG line chart of QA accuracy per batch (with its CI), per annotator, and the threshold; written atomically."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if not any(row.accuracy is not None for row in report.rows):
        raise InputError(Message("error.batch_chart.nothing_to_chart"))
    language = _language(language)

    def words(key: str, **values: Any) -> str:
        return text(f"batches.chart.{key}", language, **values)

    nan = float("nan")
    x = list(range(len(report.batches)))
    title = title or words("title")
    texts = [title, words("x"), *report.batches, *(row.name for row in report.per_annotator)]
    with rc_context(_chart_rc(texts)):
        figure = Figure(figsize=(min(4.0 + 1.1 * len(x), 16.0), 4.6))
        FigureCanvasAgg(figure)
        ax = figure.add_subplot(1, 1, 1)
        values: list[float] = []
        if annotators:
            for row in report.per_annotator:
                ys = [cell.accuracy if cell is not None and cell.accuracy is not None else nan for cell in row.cells]
                values += [y for y in ys if not math.isnan(y)]
                ax.plot(x, ys, marker="o", markersize=3, linewidth=1, alpha=0.6, label=row.name)
        ys = [row.accuracy if row.accuracy is not None else nan for row in report.rows]
        lows = [row.accuracy - row.ci_low if row.accuracy is not None and row.ci_low is not None else 0 for row in report.rows]
        highs = [row.ci_high - row.accuracy if row.accuracy is not None and row.ci_high is not None else 0 for row in report.rows]
        values += [y for y in ys if not math.isnan(y)]
        values += [row.ci_low for row in report.rows if row.ci_low is not None]
        ax.errorbar(x, ys, yerr=[lows, highs], color="black", linewidth=2.2, marker="o", capsize=4, label=words("batch"), zorder=3)
        below = [(i, y) for i, y in zip(x, ys) if not math.isnan(y) and _below(y, report.threshold)]
        if below:
            ax.scatter([i for i, _ in below], [y for _, y in below], color="red", s=70, zorder=4, label=words("below"))
        ax.axhline(report.threshold, color="red", linestyle="--", linewidth=1.2, label=words("threshold", thr=_pct(report.threshold)))
        low = min([*values, report.threshold]) if values else report.threshold
        ax.set_ylim(max(0.0, low - 0.05), 1.02)
        ax.set_xticks(x, report.batches, rotation=30 if len(x) > 6 else 0, ha="right" if len(x) > 6 else "center")
        ax.set_xlim(-0.5, len(x) - 0.5)
        ax.set_ylabel(words("y"))
        ax.set_xlabel(words("x"))
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
            figure.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    path = Path(path)
    with atomic_writer(path, "wb") as stream:
        stream.write(buffer.getvalue())
    return path
