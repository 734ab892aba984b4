"""Production: record each delivered batch, then watch QA accuracy and drift batch by batch, flags first."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from assistant.service.projects import rulebook_version
from evaluation.batches import batch_report, project_batches, report_markdown, trend_chart
from ui.components import (
    attempt,
    guard,
    lifecycle_line,
    page_header,
    project_picker,
    require_projects,
    safe_name,
)
from ui.i18n import language, t
from ui.state import workspace
from ui.auth import page_requires
from ui.production.chart import accuracy_chart
from ui.production.common import pct
from ui.production.flags import render_flags
from ui.production.record import render_record
from ui.production.tables import render_tables
from ui.qa_sample import render_qa_sample
from ui.workflow import is_demo, render_next_step

DEFAULT_THRESHOLD = 0.95


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
require_projects(rows, "ui.production.no_projects_yet")
project_id = project_picker(rows, key="prod_project")
project_row = ws.store.project(project_id)
st.markdown(lifecycle_line(project_row.status))
if is_demo(project_row):
    st.caption(t("ui.production.this_is_the_demo_project_it"))
render_next_step(ws, project_id)
delivered = project_row.status == "delivered"
lang = language()

# ---------------------------------------------------------------------------------------------
# 1. Record a batch
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.production.1_qa_sample"))
render_qa_sample(ws, project_id)

st.subheader(t("ui.production.2_record_a_batch"))
render_record(ws, project_id, delivered)

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

render_flags(report)

latest = report.rows[-1]
with_agreement = [row for row in report.rows if row.model_agreement is not None]
metrics = st.columns(4)
metrics[0].metric(t("ui.production.batches"), len(report.rows))
metrics[1].metric(
    t("ui.production.latest_batch_accuracy"), pct(latest.accuracy),
    help=t("ui.production.batch_on_its_reviewed_sample", n=latest.name),
)
metrics[2].metric(t("ui.production.flags"), len(report.flags))
metrics[3].metric(
    t("ui.production.model_vs_human"), pct(with_agreement[-1].model_agreement) if with_agreement else "—",
    help=t("ui.production.latest_batch_with_pre_labels", n=with_agreement[-1].name)
    if with_agreement else t("ui.production.no_batch_has_pre_labels"),
)

st.markdown(
    f"**{t('ui.production.qa_accuracy_per_batch_and_per')}** "
    f":gray[{t('ui.production.threshold_dashed', p=pct(report.threshold))}]"
)
chart = None
with guard():
    chart = accuracy_chart(report)
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

render_tables(report)

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
