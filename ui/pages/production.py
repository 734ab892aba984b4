"""Production: record each delivered batch, then watch QA accuracy and drift batch by batch, flags first."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant.core.errors import RulebookError
from assistant.service.projects import rulebook_version
from assistant.rulebook.export import load_rulebook
from evaluation import SAMPLES_DIR
from evaluation.batches import BatchRecord, batch_report, project_batches, record_batch, report_markdown, trend_chart
from ui.charts import FONT
from ui.components import (
    DATA_TYPES,
    attempt,
    escape_md,
    guard,
    lifecycle_line,
    page_header,
    project_picker,
    require_projects,
    safe_name,
    save_upload,
    staging_dir,
)
from ui.i18n import is_zh, language, t
from ui.state import current_project, set_current_project, workspace
from ui.auth import page_requires
from ui.qa_sample import render_qa_sample
from ui.workflow import DEMO_NAMES, demo_project, is_demo, render_next_step

EXAMPLE_EXPORT = SAMPLES_DIR / "label_studio_export.json"
EXAMPLE_RULEBOOK = SAMPLES_DIR / "rulebook_complaints_zh.json"
EXAMPLE_NAMES = ("example week 1", "示例第 1 周")
# A reviewer's QA check of 6 of the example export's annotations (the README's `batches add` example):
# li.na labeled c005 一般不满 where the rulebook says 愤怒投诉 (an escalation threat).
EXAMPLE_REVIEW = [
    ("c001", "zhang.wei@example.com", "yes", ""),
    ("c005", "li.na@example.com", "no", "愤怒投诉"),
    ("c006", "zhang.wei@example.com", "yes", ""),
    ("c008", "li.na@example.com", "yes", ""),
    ("c009", "zhang.wei@example.com", "yes", ""),
    ("c010", "li.na@example.com", "yes", ""),
]
DEFAULT_THRESHOLD = 0.95
# Annotator lines: no red, which marks a batch below the threshold.
ANNOTATOR_COLORS = ["#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f", "#aec7e8"]
FLAG_TITLES = {
    "batch_below_threshold": ("Batch below the threshold", "批次低于验收阈值"),
    "annotator_below_threshold": ("Annotator below the threshold", "标注员低于验收阈值"),
    "label_drift": ("Label drift", "标签分布漂移"),
    "agreement_drift": ("Model-vs-human agreement drift", "模型与人工一致率漂移"),
}
FLAG_ICONS = {
    "batch_below_threshold": ":material/report:",
    "annotator_below_threshold": ":material/person_alert:",
    "label_drift": ":material/trending_up:",
    "agreement_drift": ":material/compare_arrows:",
}

page_header(
    t("ui.production.production"),
    t(
        "ui.production.record_each_batch_the_team_delivers",
    ),
)

page_requires("work")  # trainers and admins; checked here, not only hidden in the menu
ws = attempt(workspace)
if ws is None:
    st.stop()

rows = attempt(ws.store.projects) or []
require_projects(
    rows,
    "No projects yet. Start one on the Assistant page; batches are recorded per project.",
    "还没有项目。请先在“需求助手”页面开始一个项目；批次按项目记录。",
)
project_id = project_picker(rows, key="prod_project")
project_row = ws.store.project(project_id)
st.markdown(lifecycle_line(project_row.status))
if is_demo(project_row):
    st.caption(t("ui.production.this_is_the_demo_project_it"))
render_next_step(ws, project_id)
delivered = project_row.status == "delivered"
lang = "zh" if is_zh() else "en"


def _pct(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


# ---------------------------------------------------------------------------------------------
# 1. Record a batch
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.production.1_qa_sample"))
render_qa_sample(ws, project_id)

st.subheader(t("ui.production.2_record_a_batch"))
round_key = st.session_state.setdefault("prod_upload_round", 0)  # a new round empties the uploaders after a record


def _record(labels: Any, reviewed: Any, prelabels: Any, name: str, label_field: str, correct_field: str) -> BatchRecord:
    """Save the uploads and record the batch; errors name the user's files and the page's options."""
    folder = ("_incoming", staging_dir(ws), "production")
    names: dict[str, str] = {}

    def keep(upload: Any, sub: str) -> Path | None:
        if upload is None:
            return None
        path = save_upload(ws, upload, *folder, sub)
        names[str(path)] = upload.name
        return path

    labels_path = keep(labels, "labels")
    try:
        return record_batch(
            ws, project_id, labels_path, name=name or None, reviewed_path=keep(reviewed, "reviewed"),
            prelabels_path=keep(prelabels, "prelabels"), label_field=label_field, correct_field=correct_field,
        )
    except RulebookError as error:
        message = str(error)
        for path, shown in names.items():
            message = message.replace(path, shown)
        message = message.replace("--label-field", t("ui.production.options_label_column"))
        message = message.replace("--reviewed", t("ui.production.the_reviewed_sample"))
        raise type(error)(message) from None


def _record_example() -> BatchRecord:
    folder = ws.settings.data_dir / "uploads" / "_incoming" / safe_name(staging_dir(ws)) / "production" / "example"
    folder.mkdir(parents=True, exist_ok=True)
    review = folder / "example_reviewed.csv"
    with review.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "annotator", "correct", "reviewed_label"])
        writer.writerows(EXAMPLE_REVIEW)
    rulebook = load_rulebook(EXAMPLE_RULEBOOK) if EXAMPLE_RULEBOOK.exists() else None
    demo = demo_project(ws)  # sample data goes into the demo project only, never into the trainer's project
    record = record_batch(ws, demo, EXAMPLE_EXPORT, name=t(*EXAMPLE_NAMES), reviewed_path=review, rulebook=rulebook)
    set_current_project(demo)
    return record


def _recorded(record: BatchRecord) -> None:
    st.session_state["prod_last"] = {"project": current_project() or project_id, "record": record.model_dump(mode="json")}
    st.session_state["prod_upload_round"] = round_key + 1


with st.container(border=True):
    up1, up2 = st.columns(2)
    labels_file = up1.file_uploader(
        t(
            "ui.production.the_batch_s_labels_csv_jsonl",
        ),
        type=DATA_TYPES,
        key=f"prod_labels_{round_key}",
    )
    reviewed_file = up2.file_uploader(
        t(
            "ui.production.reviewed_qa_sample_optional_id_correct",
        ),
        type=DATA_TYPES,
        key=f"prod_reviewed_{round_key}",
    )
    up3, up4 = st.columns(2)
    prelabels_file = up3.file_uploader(
        t("ui.production.the_model_s_pre_labels_optional"),
        type=DATA_TYPES,
        key=f"prod_prelabels_{round_key}",
    )
    with up4:
        batch_name = st.text_input(
            t("ui.production.batch_name"), placeholder=t("ui.production.e_g_week_3_default_the"),
            key=f"prod_name_{round_key}",
            help=t("ui.production.recording_again_under_an_existing_name"),
        ).strip()
        with st.expander(t("ui.production.options")):
            o1, o2 = st.columns(2)
            label_field = o1.text_input(t("ui.production.label_column"), value="label", key="prod_label_field").strip() or "label"
            correct_field = o2.text_input(t("ui.production.correct_column"), value="correct", key="prod_correct_field").strip() or "correct"
    b1, b2, _ = st.columns([1.3, 1.6, 3])
    if b1.button(
        t("ui.production.record_the_batch"), type="primary", icon=":material/add_task:", disabled=labels_file is None or delivered, width="stretch",
        help=t("ui.production.the_project_is_delivered_and_read") if delivered else None,
    ):
        with guard():
            _recorded(_record(labels_file, reviewed_file, prelabels_file, batch_name, label_field, correct_field))
            st.rerun()
    if b2.button(
        t("ui.production.use_the_example_export"), icon=":material/science:", width="stretch",
        help=t(
            "ui.production.records_the_bundled_example_export_10",
            n=t(*EXAMPLE_NAMES), d=t(*DEMO_NAMES),
        ),
    ):
        with guard():
            _recorded(_record_example())
            st.rerun()

last = st.session_state.get("prod_last")
if last and last["project"] == project_id:
    record = BatchRecord.model_validate(last["record"])
    lines = [
        t(
            "ui.production.recorded_batch_version_items_annotations_by",
            n=escape_md(record.name), v=record.version, i=record.n_items, a=record.n_annotations, k=len(record.annotators),
        )
    ]
    if record.label_distribution:
        lines.append(
            t("ui.production.labels") + ", ".join(f"{escape_md(label)} {_pct(share)}" for label, share in record.label_distribution.items())
        )
    if record.lead_time_median is not None:
        lines.append(t("ui.production.lead_time_median_s_mean_s", m=record.lead_time_median, a=record.lead_time_mean))
    if record.qa is not None:
        lines.append(t("ui.production.qa") + escape_md(record.qa.verdict_zh if is_zh() else record.qa.verdict))
    if record.model_agreement is not None and record.model_agreement.percent_agreement is not None:
        agreement = record.model_agreement
        kappa = f", Cohen's κ {agreement.cohen_kappa:.2f}" if agreement.cohen_kappa is not None else ""
        lines.append(t("ui.production.model_vs_human_agreement", p=_pct(agreement.percent_agreement), k=kappa))
    notes = record.notes_zh if is_zh() else record.notes
    if record.qa is not None:
        notes = notes + (record.qa.notes_zh if is_zh() else record.qa.notes)
    lines += [f":gray[{escape_md(note)}]" for note in notes]
    st.success("  \n".join(lines), icon=":material/task_alt:")

# ---------------------------------------------------------------------------------------------
# 2. The report
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.production.3_quality_over_time"))
batches = attempt(project_batches, ws, project_id)
if batches is None:
    st.stop()
if not batches:
    st.info(
        t(
            "ui.production.no_batch_recorded_for_this_project",
        ),
        icon=":material/info:",
    )
    st.stop()

default_threshold = DEFAULT_THRESHOLD
if ws.store.artifacts(project_id, "rulebook"):
    latest_rulebook = attempt(rulebook_version, ws, project_id)
    if latest_rulebook is not None:
        default_threshold = latest_rulebook.quality.acceptance_accuracy
c1, c2, _ = st.columns([1, 1, 2])
threshold_pct = c1.number_input(
    t("ui.production.acceptance_threshold"), min_value=0.0, max_value=100.0, value=round(default_threshold * 100, 1), step=1.0, format="%.1f",
    key=f"prod_threshold_{project_id}",
    help=t("ui.production.a_batch_or_annotator_with_qa"),
)
tolerance_pts = c2.number_input(
    t("ui.production.drift_tolerance_points"), min_value=0.0, max_value=100.0, value=10.0, step=1.0, format="%.1f",
    key=f"prod_tolerance_{project_id}",
    help=t(
        "ui.production.label_drift_the_label_distribution_moving",
    ),
)
report = None
with guard():
    report = batch_report(batches, threshold=threshold_pct / 100, tolerance=tolerance_pts / 100)
if report is None:
    st.stop()

# Flags first: the newest batch's stand out, earlier batches' are a click away
def _show_flag(flag: Any) -> None:
    english, chinese = FLAG_TITLES[flag.kind]
    message = flag.text(language())
    st.warning(f"**{t(english, chinese)}** · {escape_md(message)}", icon=FLAG_ICONS[flag.kind])


if report.flags:
    newest = report.batches[-1]
    current = [flag for flag in report.flags if flag.batch == newest]
    rank = {name: index for index, name in enumerate(reversed(report.batches))}
    earlier = sorted((flag for flag in report.flags if flag.batch != newest), key=lambda f: rank.get(f.batch, 0))
    st.markdown(f"##### ⚠️ {t('ui.production.flag_s', n=len(report.flags))}")
    if current:
        st.caption(t("ui.production.newest_batch", b=newest))
        for flag in current:
            _show_flag(flag)
    else:
        st.success(t("ui.production.no_flags_on_the_newest_batch", b=newest), icon=":material/verified:")
    if earlier:
        with st.expander(t("ui.production.flag_s_on_earlier_batches", n=len(earlier)), icon=":material/history:"):
            for flag in earlier:
                _show_flag(flag)
else:
    st.success(
        t(
            "ui.production.no_flags_every_reviewed_batch_and",
        ),
        icon=":material/verified:",
    )


def _trend_chart() -> alt.LayerChart | alt.FacetChart | None:
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


latest = report.rows[-1]
with_agreement = [row for row in report.rows if row.model_agreement is not None]
metrics = st.columns(4)
metrics[0].metric(t("ui.production.batches"), len(report.rows))
metrics[1].metric(
    t("ui.production.latest_batch_accuracy"), _pct(latest.accuracy),
    help=t("ui.production.batch_on_its_reviewed_sample", n=latest.name),
)
metrics[2].metric(t("ui.production.flags"), len(report.flags))
metrics[3].metric(
    t("ui.production.model_vs_human"), _pct(with_agreement[-1].model_agreement) if with_agreement else "—",
    help=t("ui.production.latest_batch_with_pre_labels", n=with_agreement[-1].name)
    if with_agreement else t("ui.production.no_batch_has_pre_labels"),
)

st.markdown(
    f"**{t('ui.production.qa_accuracy_per_batch_and_per')}** "
    f":gray[{t('ui.production.threshold_dashed', p=_pct(report.threshold))}]"
)
chart = None
with guard():
    chart = _trend_chart()
if chart is not None:
    st.altair_chart(chart, width="stretch")
    st.caption(
        t(
            "ui.production.dark_line_the_batch_s_accuracy",
        )
    )
else:
    st.info(
        t(
            "ui.production.no_batch_has_a_reviewed_qa",
        ),
        icon=":material/show_chart:",
    )

# Tables
tab_batches, tab_annotators, tab_labels, tab_distribution, tab_rules = st.tabs(
    [
        t("ui.production.per_batch"),
        t("ui.production.per_annotator"),
        t("ui.production.per_label"),
        t("ui.production.label_distribution"),
        t("ui.production.rules_broken"),
    ]
)


def _cell(cell: Any) -> str:
    if cell is None or cell.accuracy is None:
        return "—"
    text = f"{_pct(cell.accuracy)} ({cell.correct}/{cell.n})"
    return text + (" ⚠" if cell.accuracy < report.threshold - 1e-9 else "")


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
                    "accuracy": (_pct(row.accuracy) + (" ⚠" if row.below_threshold else "")) if row.accuracy is not None else "—",
                    "ci": f"{_pct(row.ci_low)}–{_pct(row.ci_high)}" if row.ci_low is not None else "—",
                    "drift": "—" if row.label_drift is None
                    else f"{row.label_drift:.2f}" + (" ⚠" if row.label_drift > report.tolerance + 1e-9 else ""),
                    "agreement": _pct(row.model_agreement),
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


def _trend_table(trends: list[Any], head: str, empty: str) -> None:
    if not trends:
        st.caption(empty)
        return
    data = pd.DataFrame([{head: trend.name, **{batch: _cell(cell) for batch, cell in zip(report.batches, trend.cells)}} for trend in trends])
    st.dataframe(data, hide_index=True, width="stretch")
    st.caption(t("ui.production.marks_a_value_below_the_threshold"))


no_review = t("ui.production.no_reviewed_qa_sample_recorded_yet")
with tab_annotators:
    _trend_table(report.per_annotator, t("ui.production.annotator"), no_review)
with tab_labels:
    st.caption(t("ui.production.by_the_label_the_annotator_gave"))
    _trend_table(report.per_label, t("ui.production.label"), no_review)
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

# Downloads
with guard():
    downloads = st.columns([1, 1, 2])
    stem = safe_name(f"{project_id}_quality")
    downloads[0].download_button(
        t("ui.production.report_markdown"), report_markdown(report, lang).encode("utf-8"), file_name=f"{stem}.md",
        mime="text/markdown", icon=":material/description:", on_click="ignore", width="stretch",
    )
    if chart is not None:
        with tempfile.TemporaryDirectory() as tmp:
            png = trend_chart(report, Path(tmp) / "trend.png", language=lang).read_bytes()
        downloads[1].download_button(
            t("ui.production.trend_chart_png"), png, file_name=f"{stem}_trend.png", mime="image/png",
            icon=":material/image:", on_click="ignore", width="stretch",
        )
