"""Trial: before the trial round, train annotators (pack, quiz, scores) and plan the effort and schedule."""

from __future__ import annotations

import streamlit as st

from assistant.service.projects import rulebook_version
from ui.components import (
    attempt,
    escape_md,
    page_header,
    project_picker,
    require_projects,
    rulebook_stats,
    select,
    staging_dir,
)
from ui.i18n import language, t
from ui.state import workspace
from ui.auth import page_requires
from ui.trial.pack import render_pack
from ui.trial.plan import render_plan
from ui.trial.quiz import render_quiz
from ui.trial.scores import render_scores
from ui.workflow import render_next_step

page_header(
    t("ui.trial.trial"),
    t(
        "ui.trial.get_annotators_ready_for_the_trial",
    ),
)

page_requires("work")  # trainers and admins; checked here, not only hidden in the menu
ws = attempt(workspace)
if ws is None:
    st.stop()


# ---------------------------------------------------------------------------------------------
# The project and its rulebook version
# ---------------------------------------------------------------------------------------------
projects = [row for row in (attempt(ws.store.projects) or []) if ws.store.artifacts(row.id, "rulebook")]
require_projects(projects, "ui.trial.no_rulebook_yet")
pcol, vcol = st.columns([4, 1])
project_id = project_picker(projects, key="trial_project", widget=pcol.selectbox)
versions = sorted((a.version for a in ws.store.artifacts(project_id, "rulebook")), reverse=True)
version = select(
    vcol.selectbox,
    t("ui.trial.rulebook_version"),
    versions,
    format_func=lambda v: t("ui.trial.version", v=v),
    key=f"trial_version_{project_id}",
)
rulebook = attempt(rulebook_version, ws, project_id, version)
if rulebook is None:
    st.stop()
st.caption(f"**{escape_md(rulebook.title)}** · v{rulebook.version} · " + rulebook_stats(rulebook))
render_next_step(ws, project_id)
folder = ("_incoming", staging_dir(ws), "trial")
lang = language()

tab_pack, tab_quiz, tab_scores, tab_plan = st.tabs(
    [
        t("ui.trial.training_pack"),
        t("ui.trial.quiz"),
        t("ui.trial.scores"),
        t("ui.trial.plan"),
    ]
)

with tab_pack:
    render_pack(rulebook)
with tab_quiz:
    render_quiz(ws, project_id, rulebook, folder)
with tab_scores:
    render_scores(ws, project_id, rulebook, folder)
with tab_plan:
    render_plan(ws, project_id, lang)
