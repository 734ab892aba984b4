"""The whole path of a project in the browser, and what comes next.

request → answers → draft → edits → quiz → pre-labels → agreement → QA sample → deliver. Each
page that works on a project shows the step after the one the project has reached, with a link.
Sample data lives only in the demo project (DEMO_NAME), created on demand, never in a real one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui.i18n import t

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
    from pathlib import Path

    from assistant.service.projects import save_rulebook
    from assistant.rulebook.export import load_rulebook

    row = ws.store.create_project(DEMO_NAME, DEMO_REQUEST, language="zh", meta=dict(DEMO_META))
    example = Path(__file__).resolve().parents[1] / "tests" / "data" / "rulebook_complaints_zh.json"
    if example.exists():
        save_rulebook(ws, row.id, load_rulebook(example), note="demo rulebook")
        ws.store.set_status(row.id, "rulebook")
    return row.id


def _step(ws: "Workspace", project_id: str) -> tuple[str, str, str]:
    """(message, page, link text) of the next step for the project."""
    row = ws.store.project(project_id)
    if row.status == "delivered":
        return (
            t("Delivered: the project is read-only and part of the knowledge base. Reopen it on the Projects page to change it.",
              "已交付：项目只读，并已加入知识库。如需修改，请在“项目”页面重新打开。"),
            "ui/pages/projects.py", t("Projects", "项目"),
        )
    if not ws.store.artifacts(project_id, "breakdown"):
        return t("Next: break the request down in the assistant.", "下一步：在需求助手中拆解需求。"), "ui/pages/assistant.py", t("Assistant", "需求助手")
    if not ws.store.artifacts(project_id, "rulebook"):
        return (
            t("Next: answer the open questions, then draft the rulebook in the assistant.", "下一步：回答待确认问题，然后在需求助手中起草规则书。"),
            "ui/pages/assistant.py", t("Assistant", "需求助手"),
        )
    from assistant.service.projects import rulebook_version
    from assistant.rulebook.check import check_rulebook

    report = check_rulebook(rulebook_version(ws, project_id), ws.settings)
    if not report.ok:
        return (
            t("Next: fix the rulebook check's {n} error(s) in the editor (define every label, add examples).",
              "下一步：在编辑器中修正规则书检查的 {n} 个错误（给每个标签写定义、补充示例）。", n=len(report.errors)),
            "ui/pages/projects.py", t("Edit the rulebook", "编辑规则书"),
        )
    if not ws.store.artifacts(project_id, "quiz"):
        return (
            t("Next: train the annotators: the training pack and a qualification quiz.", "下一步：培训标注员：培训材料和资格测验。"),
            "ui/pages/trial.py", t("Trial", "试标"),
        )
    if not ws.store.artifacts(project_id, "agreement"):
        return (
            t("Next: pre-label a trial batch, then compare the annotators' files with it and record the round.",
              "下一步：对试标数据做预标注，再上传标注员的结果计算一致性并记录本轮。"),
            "ui/pages/prelabel.py", t("Pre-label", "预标注"),
        )
    if not ws.store.artifacts(project_id, "batch"):
        return (
            t("Next: draw the QA sample of a production batch and record the reviewed batch.", "下一步：为正式标注批次抽取质检样本，并记录质检后的批次。"),
            "ui/pages/production.py", t("Production", "正式标注"),
        )
    return (
        t("Next: deliver the project with its lessons (it becomes knowledge for the next one).", "下一步：填写经验教训并交付项目（它会成为下一个项目的参考）。"),
        "ui/pages/knowledge.py", t("Deliver", "交付"),
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
