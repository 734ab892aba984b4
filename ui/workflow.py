"""The whole path of a project in the browser, and what comes next.

request → answers → draft → edits → quiz → pre-labels → agreement → QA sample → deliver. Each
page that works on a project shows the step after the one the project has reached, with a link.
Sample data lives only in the demo project (DEMO_NAME), created on demand, never in a real one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assistant.core import messages
from ui.i18n import t
from assistant.rulebook.check import check_rulebook
from assistant.rulebook.export import load_rulebook
from assistant.service.projects import rulebook_version, save_rulebook
from evaluation import SAMPLES_DIR

if TYPE_CHECKING:
    from assistant.service.workspace import Workspace

DEMO_NAME = "示例项目（演示数据） / Demo project (sample data)"  # stored once, for both languages
DEMO_NAMES = ("Demo project (sample data)", "示例项目（演示数据）")  # how app texts name it
DEMO_META = {"demo": True}
DEMO_REQUEST = "演示项目：内置的客服投诉情绪示例数据。Demo project: the bundled customer-service complaint samples."


def is_demo(row) -> bool:
    return bool((row.meta or {}).get("demo"))


def demo_project(ws: "Workspace") -> str:
    """The demo project's id, created (with the bundled example rulebook) the first time it is needed."""
    for row in ws.store.projects():
        if is_demo(row):
            return row.id

    row = ws.store.create_project(DEMO_NAME, DEMO_REQUEST, language="zh", meta=dict(DEMO_META))
    example = SAMPLES_DIR / "rulebook_complaints_zh.json"
    if example.exists():
        save_rulebook(ws, row.id, load_rulebook(example), note=messages.text("note.demo_rulebook", "en"))
        ws.store.set_status(row.id, "rulebook")
    return row.id


def _step(ws: "Workspace", project_id: str) -> tuple[str, str, str]:
    """(message, page, link text) of the next step for the project."""
    row = ws.store.project(project_id)
    if row.status == "delivered":
        return (
            t("ui.workflow.delivered_the_project_is_read_only"),
            "ui/pages/projects.py", t("ui.workflow.projects"),
        )
    if not ws.store.artifacts(project_id, "breakdown"):
        return t("ui.workflow.next_break_the_request_down_in"), "ui/pages/assistant.py", t("ui.workflow.assistant")
    if not ws.store.artifacts(project_id, "rulebook"):
        return (
            t("ui.workflow.next_answer_the_open_questions_then"),
            "ui/pages/assistant.py", t("ui.workflow.assistant"),
        )

    report = check_rulebook(rulebook_version(ws, project_id), ws.settings)
    if not report.ok:
        return (
            t("ui.workflow.next_fix_the_rulebook_check_s", n=len(report.errors)),
            "ui/pages/projects.py", t("ui.workflow.edit_the_rulebook"),
        )
    if not ws.store.artifacts(project_id, "quiz"):
        return (
            t("ui.workflow.next_train_the_annotators_the_training"),
            "ui/pages/trial.py", t("ui.workflow.trial"),
        )
    if not ws.store.artifacts(project_id, "agreement"):
        return (
            t("ui.workflow.next_pre_label_a_trial_batch"),
            "ui/pages/prelabel.py", t("ui.workflow.pre_label"),
        )
    if not ws.store.artifacts(project_id, "batch"):
        return (
            t("ui.workflow.next_draw_the_qa_sample_of"),
            "ui/pages/production.py", t("ui.workflow.production"),
        )
    return (
        t("ui.workflow.next_deliver_the_project_with_its"),
        "ui/pages/knowledge.py", t("ui.workflow.deliver"),
    )


def render_next_step(ws: "Workspace", project_id: str | None) -> None:
    """One line under a page's header: what the project needs next, with a link."""
    if not project_id:
        return
    try:
        message, page, link = _step(ws, project_id)
    except Exception:  # noqa: BLE001 - a hint must never break a page
        return
    text, go = st.columns([5, 1], vertical_alignment="center")
    text.info(message, icon=":material/arrow_forward:")
    go.page_link(page, label=link, icon=":material/east:")
