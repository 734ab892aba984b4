"""The production chart: QA accuracy per batch (with its 95% CI) and per annotator, against the threshold."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ui.charts import FONT
from ui.i18n import t

# Annotator lines: no red, which marks a batch below the threshold.
ANNOTATOR_COLORS = ["#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f", "#aec7e8"]


def accuracy_chart(report: Any) -> alt.LayerChart | alt.FacetChart | None:
    order = list(report.batches)
    batch_rows: list[dict[str, Any]] = [
        {
            "batch": row.name,
            "accuracy": row.accuracy,
            "low": row.ci_low,
            "high": row.ci_high,
            "reviewed": row.n_reviewed,
            "below": bool(row.below_threshold),
        }
        for row in report.rows
        if row.accuracy is not None
    ]
    if not batch_rows:
        return None
    annotator_rows = [
        {"batch": batch, "annotator": trend.name, "accuracy": cell.accuracy, "n": cell.n, "correct": cell.correct}
        for trend in report.per_annotator
        for batch, cell in zip(order, trend.cells)
        if cell is not None and cell.accuracy is not None
    ]
    values = [r["accuracy"] for r in batch_rows] + [r["low"] for r in batch_rows if r["low"] is not None]
    values += [r["accuracy"] for r in annotator_rows] + [report.threshold]
    low = max(0.0, min(values) - 0.05)
    y_scale = alt.Scale(domain=[low, 1.02], nice=False, clamp=True)
    x = alt.X("batch:N", sort=order, title=None, axis=alt.Axis(labelAngle=0 if len(order) <= 6 else -30, labelFont=FONT))
    percent = alt.Axis(format="%", title=None)  # the heading above the chart names the measure
    batches_data = pd.DataFrame(batch_rows)
    y = alt.Y("accuracy:Q", scale=y_scale, axis=percent)
    threshold = pd.DataFrame([{"threshold": report.threshold}])
    layers = [
        alt.Chart(threshold)
        .mark_rule(color="#d62728", strokeDash=[6, 4], strokeWidth=1.5)
        .encode(y=alt.Y("threshold:Q", scale=y_scale), tooltip=[alt.Tooltip("threshold:Q", format=".0%", title=t("ui.production.threshold"))]),
        alt.Chart(batches_data).mark_rule(color="#31333F", strokeWidth=2).encode(x=x, y=alt.Y("low:Q", scale=y_scale, axis=percent), y2="high:Q"),
        alt.Chart(batches_data).mark_line(color="#31333F", strokeWidth=3).encode(x=x, y=y),
    ]
    if annotator_rows:  # drawn over the batch's CI bar, so each annotator's point stays visible
        people = alt.Chart(pd.DataFrame(annotator_rows)).encode(
            x=x,
            y=y,
            color=alt.Color(
                "annotator:N",
                scale=alt.Scale(range=ANNOTATOR_COLORS),
                legend=alt.Legend(title=t("ui.production.annotator_2"), orient="right", labelFont=FONT, titleFont=FONT, labelLimit=260),
            ),
            tooltip=[
                alt.Tooltip("annotator:N", title=t("ui.production.annotator_2")),
                alt.Tooltip("batch:N", title=t("ui.production.batch")),
                alt.Tooltip("accuracy:Q", format=".1%", title=t("ui.production.accuracy")),
                alt.Tooltip("correct:Q", title=t("ui.production.correct")),
                alt.Tooltip("n:Q", title=t("ui.production.reviewed_3")),
            ],
        )
        layers.append(people.mark_line(strokeWidth=1.8, opacity=0.85))
        layers.append(people.mark_point(filled=True, size=90, opacity=1, stroke="white", strokeWidth=1))
    batch_tooltip = [
        alt.Tooltip("batch:N", title=t("ui.production.batch")),
        alt.Tooltip("accuracy:Q", format=".1%", title=t("ui.production.accuracy")),
        alt.Tooltip("low:Q", format=".1%", title=t("ui.production.95_ci_from")),
        alt.Tooltip("high:Q", format=".1%", title=t("ui.production.95_ci_to")),
        alt.Tooltip("reviewed:Q", title=t("ui.production.reviewed")),
    ]
    for below, color in ((False, "#31333F"), (True, "#d62728")):  # fixed colours: the colour scale is the annotators'
        subset = batches_data[batches_data["below"] == below]
        if len(subset):
            layers.append(
                alt.Chart(subset)
                .mark_point(filled=True, size=130, opacity=1, color=color, stroke="white", strokeWidth=1)
                .encode(x=x, y=y, tooltip=batch_tooltip)
            )
    return alt.layer(*layers).properties(height=340)
