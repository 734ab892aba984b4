"""The production tables: per batch, per annotator, per label, the label distribution and the rules broken."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.production.common import pct


def _cell(report: Any, cell: Any) -> str:
    if cell is None or cell.accuracy is None:
        return "—"
    text = f"{pct(cell.accuracy)} ({cell.correct}/{cell.n})"
    return text + (" ⚠" if cell.accuracy < report.threshold - 1e-9 else "")


def _trend_table(report: Any, trends: list[Any], head: str, empty: str) -> None:
    if not trends:
        st.caption(empty)
        return
    data = pd.DataFrame([{head: trend.name, **{batch: _cell(report, cell) for batch, cell in zip(report.batches, trend.cells)}} for trend in trends])
    st.dataframe(data, hide_index=True, width="stretch")
    st.caption(t("ui.production.marks_a_value_below_the_threshold"))



def render_tables(report: Any) -> None:
    """The report's tables, one tab each."""
    tab_batches, tab_annotators, tab_labels, tab_distribution, tab_rules = st.tabs(
        [
            t("ui.production.per_batch"),
            t("ui.production.per_annotator"),
            t("ui.production.per_label"),
            t("ui.production.label_distribution"),
            t("ui.production.rules_broken"),
        ]
    )


    with tab_batches:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "batch": row.name,
                        "recorded": row.recorded_at[:16].replace("T", " "),
                        "items": row.n_items,
                        "annotations": row.n_annotations,
                        "reviewed": row.n_reviewed,
                        "accuracy": (pct(row.accuracy) + (" ⚠" if row.below_threshold else "")) if row.accuracy is not None else "—",
                        "ci": f"{pct(row.ci_low)}–{pct(row.ci_high)}" if row.ci_low is not None else "—",
                        "drift": "—" if row.label_drift is None
                        else f"{row.label_drift:.2f}" + (" ⚠" if row.label_drift > report.tolerance + 1e-9 else ""),
                        "agreement": pct(row.model_agreement),
                        "kappa": "—" if row.model_kappa is None else f"{row.model_kappa:.2f}",
                        "lead": "—" if row.lead_time_median is None else f"{row.lead_time_median:.1f}",
                    }
                    for row in report.rows
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config={
                "batch": st.column_config.TextColumn(t("ui.production.batch_2")),
                "recorded": st.column_config.TextColumn(t("ui.production.recorded_utc")),
                "items": st.column_config.NumberColumn(t("ui.production.items")),
                "annotations": st.column_config.NumberColumn(t("ui.production.annotations")),
                "reviewed": st.column_config.NumberColumn(t("ui.production.reviewed_2")),
                "accuracy": st.column_config.TextColumn(t("ui.production.accuracy_2")),
                "ci": st.column_config.TextColumn("95% CI"),
                "drift": st.column_config.TextColumn(t("ui.production.label_drift_tvd")),
                "agreement": st.column_config.TextColumn(t("ui.production.model_agreement")),
                "kappa": st.column_config.TextColumn(t("ui.production.model")),
                "lead": st.column_config.TextColumn(t("ui.production.median_lead_time_s")),
            },
        )

    no_review = t("ui.production.no_reviewed_qa_sample_recorded_yet")
    with tab_annotators:
        _trend_table(report, report.per_annotator, t("ui.production.annotator"), no_review)
    with tab_labels:
        st.caption(t("ui.production.by_the_label_the_annotator_gave"))
        _trend_table(report, report.per_label, t("ui.production.label"), no_review)
    with tab_distribution:
        if report.distribution:
            st.dataframe(
                pd.DataFrame([{t("ui.production.label"): row.label, **dict(zip(report.batches, row.shares))} for row in report.distribution]),
                hide_index=True,
                width="stretch",
                column_config={batch: st.column_config.NumberColumn(batch, format="percent") for batch in report.batches},
            )
        else:
            st.caption("—")
    with tab_rules:
        rules = [
            {
                "batch": batch,
                "label": rule.label,
                "rule": rule.rule or (t("ui.production.not_a_rulebook_label") if not rule.in_rulebook else "—"),
                "count": rule.count,
                "given": ", ".join(f"{label} ×{count}" for label, count in rule.given.items()),
                "ids": ", ".join(rule.ids),
            }
            for batch, batch_rules in report.broken_rules.items()
            for rule in batch_rules
        ]
        if rules:
            st.dataframe(
                pd.DataFrame(rules),
                hide_index=True,
                width="stretch",
                column_config={
                    "batch": st.column_config.TextColumn(t("ui.production.batch_2"), width="small"),
                    "label": st.column_config.TextColumn(t("ui.production.should_have_been"), width="small"),
                    "rule": st.column_config.TextColumn(t("ui.production.the_rule"), width="large"),
                    "count": st.column_config.NumberColumn(t("ui.production.times"), width="small"),
                    "given": st.column_config.TextColumn(t("ui.production.given_instead"), width="small"),
                    "ids": st.column_config.TextColumn(t("ui.production.items"), width="small"),
                },
            )
        else:
            st.caption(
                t(
                    "ui.production.no_broken_rule_known_no_wrong",
                )
            )
