"""Altair charts for the agreement report: the confusion-matrix heat map and per-label bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

if TYPE_CHECKING:
    from evaluation.metrics import ConfusionMatrix, LabelScores

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, Source Sans Pro, sans-serif"
WRAP_AT = 6  # characters per line of an axis label (Chinese labels are short lines of 6)


def wrap_label(text: str, width: int = WRAP_AT) -> str:
    """An axis label broken into lines of at most WIDTH characters (words kept whole in English)."""
    text = str(text)
    if len(text) <= width:
        return text
    if " " in text:
        lines, line = [], ""
        for word in text.split():
            if line and len(line) + 1 + len(word) > width * 2:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        return "\n".join(lines)
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def _axis(title: str | None, **extra) -> alt.Axis:
    """Every label shown (no overlap hiding), wrapped at newlines, in the CJK font."""
    return alt.Axis(
        labelOverlap=False, labelFont=FONT, titleFont=FONT, labelLimit=0,
        labelExpr="split(datum.label, '\\n')", title=title, **extra,
    )


def confusion_chart(matrix: "ConfusionMatrix", reference: str, compared: str) -> alt.LayerChart:
    labels = [wrap_label(label) for label in matrix.labels]
    rows = [
        {"reference": labels[i], "compared": labels[j], "count": int(count)}
        for i, line in enumerate(matrix.matrix)
        for j, count in enumerate(line)
    ]
    data = pd.DataFrame(rows)
    top = max(1, int(data["count"].max()) if len(data) else 1)
    data["diagonal"] = data["reference"] == data["compared"]
    base = alt.Chart(data).encode(
        x=alt.X("compared:N", sort=labels, axis=_axis(compared, labelAngle=0, orient="bottom")),
        y=alt.Y("reference:N", sort=labels, axis=_axis(reference)),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("count:Q", scale=alt.Scale(scheme="blues", domain=[0, top]), legend=None),
        tooltip=[alt.Tooltip("reference:N", title=reference), alt.Tooltip("compared:N", title=compared), "count:Q"],
    )
    text = base.mark_text(fontSize=15, fontWeight="bold", font=FONT).encode(
        text="count:Q",
        color=alt.condition(alt.datum.count > top / 2, alt.value("white"), alt.value("#31333F")),
    )
    size = max(220, 56 * len(labels))
    return (heat + text).properties(height=size).configure(font=FONT)


def per_label_chart(scores: list["LabelScores"], *, metric_names: dict[str, str], order: list[str] | None = None) -> alt.Chart:
    label_order = [wrap_label(label) for label in (order or [score.label for score in scores])]
    rows = []
    for score in scores:
        for key in ("precision", "recall", "f1"):
            rows.append({"label": wrap_label(score.label), "metric": metric_names[key], "value": float(getattr(score, key)), "support": score.support})
    data = pd.DataFrame(rows)
    order = [metric_names[key] for key in ("precision", "recall", "f1")]
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3)
        .encode(
            x=alt.X("label:N", sort=label_order, axis=_axis(None, labelAngle=0)),
            xOffset=alt.XOffset("metric:N", sort=order),
            y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), title=None, axis=alt.Axis(format="%")),
            color=alt.Color("metric:N", sort=order, scale=alt.Scale(range=["#9ecae1", "#4292c6", "#08519c"]), legend=alt.Legend(title=None, orient="top", labelFont=FONT)),
            tooltip=["label:N", "metric:N", alt.Tooltip("value:Q", format=".2f"), "support:Q"],
        )
        .properties(height=280)
        .configure(font=FONT)
    )


def agreement_bars(values: dict[str, float | None], target: float | None, *, title: str) -> alt.LayerChart:
    data = pd.DataFrame([{"label": wrap_label(label), "value": value} for label, value in values.items() if value is not None])
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3, color="#4292c6")
        .encode(
            x=alt.X("label:N", sort=[wrap_label(label) for label in values], axis=_axis(None, labelAngle=0)),
            y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), title=title, axis=alt.Axis(format="%", titleFont=FONT)),
            tooltip=["label:N", alt.Tooltip("value:Q", format=".2f")],
        )
    )
    if target is None:
        return bars.properties(height=260).configure(font=FONT)
    rule = alt.Chart(pd.DataFrame([{"target": target}])).mark_rule(color="#d62728", strokeDash=[6, 4]).encode(y="target:Q")
    return (bars + rule).properties(height=260).configure(font=FONT)
