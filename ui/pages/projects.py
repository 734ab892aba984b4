"""Projects: status and versions; breakdowns, rulebook versions with diffs, restore, export, check."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from assistant.service.projects import latest_breakdown, restore_rulebook, rulebook_version
from assistant.rulebook.check import check_rulebook
from assistant.rulebook.export import diff_text, to_docx, to_json, to_label_studio_config, to_markdown
from ui.components import (
    escape_md,
    render_label_overview,
    select,
    attempt,
    badge,
    guard,
    lifecycle_badge,
    lifecycle_line,
    page_header,
    project_picker,
    require_projects,
    render_breakdown,
    render_check,
    render_diff,
    rulebook_markdown,
    rulebook_stats,
    safe_name,
)
from ui.editor import render_editor
from ui.i18n import localize_note, t
from ui.workflow import is_demo, render_next_step
from ui.state import workspace
from ui.auth import page_requires

page_header(
    t("Projects", "项目"),
    t(
        "Every request and what was made from it: breakdown versions, rulebook versions and their changes, "
        "exports for annotators and Label Studio, and the rulebook check.",
        "每个需求及其产出：拆解的各个版本、规则书的各个版本及改动、给标注员和 Label Studio 的导出文件，以及规则书检查。",
    ),
)

page_requires("work")  # trainers and admins; checked here, not only hidden in the menu
ws = attempt(workspace)
if ws is None:
    st.stop()

rows = attempt(ws.store.projects) or []
require_projects(
    rows,
    "No projects yet. Start one on the Assistant page, or submit a request.",
    "还没有项目。请在“需求助手”页面开始，或提交一个需求。",
)

def _table() -> str:
    """The projects as a Markdown table (shown at once, without the grid's loading skeleton)."""
    lines = [
        f"| id | {t('Name', '名称')} | {t('Status', '状态')} | {t('Rulebook', '规则书')} | {t('Trial rounds', '试标轮次')} | "
        f"{t('Contact', '联系人')} | {t('Created', '创建时间')} |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        rulebooks = ws.store.artifacts(row.id, "rulebook")
        rounds = ws.store.artifacts(row.id, "agreement")
        name = escape_md(row.name) + (" " + badge(t("demo", "演示"), "gray") if is_demo(row) else "")
        created = row.created_at.strftime("%Y-%m-%d %H:%M") if row.created_at else ""
        lines.append(
            f"| `{row.id}` | {name} | {lifecycle_badge(row.status)} | "
            f"{t('v{v}', '第 {v} 版', v=len(rulebooks)) if rulebooks else '—'} | {len(rounds)} | "
            f"{escape_md((row.meta or {}).get('contact', ''))} | {created} |"
        )
    return "\n".join(lines)


with guard():
    st.markdown(_table())

by_id = {row.id: row for row in rows}
project_id = project_picker(rows, key="projects_picker")
row = by_id[project_id]

with st.container(border=True):
    st.markdown(f"##### {escape_md(row.name)}")
    st.markdown(lifecycle_line(row.status))
    st.caption(t("Request", "需求") + ": " + escape_md(row.request[:400]))
    st.page_link("ui/pages/assistant.py", label=t("Open its conversation", "打开该项目的对话"), icon=":material/chat:")
render_next_step(ws, project_id)

breakdowns = attempt(ws.store.artifacts, project_id, "breakdown") or []
rulebooks = attempt(ws.store.artifacts, project_id, "rulebook") or []

tab_edit, tab_rulebook, tab_export, tab_check, tab_breakdown, tab_rounds = st.tabs(
    [
        t("Edit the rulebook", "编辑规则书"),
        t("Rulebook versions", "规则书版本"),
        t("Export", "导出"),
        t("Check", "检查"),
        t("Breakdown versions", "拆解版本"),
        t("Trial rounds", "试标轮次"),
    ]
)


def _version_label(artifact) -> str:
    when = artifact.created_at.strftime("%Y-%m-%d %H:%M") if artifact.created_at else ""
    note = localize_note(artifact.note)[:60]
    who = artifact.actor or t("unknown", "未知")
    return t("version {v} · {w} · by {a} · {n}", "第 {v} 版 · {w} · {a} · {n}", v=artifact.version, w=when, a=who, n=note)


with tab_edit:
    if not rulebooks:
        st.info(
            t("No rulebook yet: draft one in the assistant, then edit it here.", "还没有规则书：请先在需求助手中起草，再在这里编辑。"),
            icon=":material/info:",
        )
    else:
        with guard():
            latest_rb = rulebook_version(ws, project_id)
            st.markdown(f"**{escape_md(latest_rb.title)}** · " + t("version {v}", "第 {v} 版", v=latest_rb.version) + " · " + rulebook_stats(latest_rb))
            render_editor(ws, project_id, latest_rb, check_rulebook(latest_rb, ws.settings), status=row.status)

selected_rulebook = None
with tab_rulebook:
    if not rulebooks:
        st.info(
            t("No rulebook yet: draft one in the assistant.", "还没有规则书：请在需求助手中起草。"), icon=":material/info:"
        )
    else:
        rb_versions = {a.version: a for a in rulebooks}
        version = select(st.selectbox,
            t("Version", "版本"),
            options=sorted(rb_versions, reverse=True),
            format_func=lambda v, m=rb_versions: _version_label(m[v]),
            key=f"rb_version_{project_id}",
        )
        with guard():
            selected_rulebook = rulebook_version(ws, project_id, version)
            st.markdown(f"**{escape_md(selected_rulebook.title)}** · " + rulebook_stats(selected_rulebook))
            render_label_overview(selected_rulebook)
            if version > 1:
                previous = rulebook_version(ws, project_id, version - 1)
                with st.expander(
                    t("Changes from version {a} to {b}", "第 {a} 版 → 第 {b} 版的改动", a=version - 1, b=version),
                    expanded=False,
                    icon=":material/difference:",
                ):
                    render_diff(diff_text(previous, selected_rulebook))
            latest = max(rb_versions)
            if version != latest and row.status != "delivered":
                if st.button(
                    t("Restore version {v} as the current version", "将第 {v} 版恢复为当前版本", v=version),
                    icon=":material/history:",
                    help=t("History is kept: the restore is saved as a new version.", "历史不会被改写：恢复会保存为一个新版本。"),
                ):
                    restored = restore_rulebook(ws, project_id, version)
                    st.session_state[f"rb_version_{project_id}"] = restored.version
                    st.toast(t("Restored as version {v}", "已恢复为第 {v} 版", v=restored.version), icon="✅")
                    st.rerun()
            with st.expander(t("The whole rulebook", "规则书全文"), expanded=False, icon=":material/menu_book:"):
                st.markdown(rulebook_markdown(selected_rulebook))

with tab_export:
    if selected_rulebook is None:
        st.info(t("Export needs a rulebook version.", "导出需要先有规则书。"), icon=":material/info:")
    else:
        rb = selected_rulebook
        st.caption(
            t(
                "Version {v} of “{title}”, as a document for annotators and as files for tools.",
                "《{title}》第 {v} 版：给标注员的文档，以及给工具使用的文件。",
                v=rb.version,
                title=rb.title,
            )
        )
        stem = safe_name(f"{rb.title}_v{rb.version}")
        with guard():
            with tempfile.TemporaryDirectory() as folder:
                docx_bytes = to_docx(rb, Path(folder) / "rulebook.docx").read_bytes()
            columns = st.columns(4)
            columns[0].download_button(
                t("Markdown", "Markdown"), to_markdown(rb).encode("utf-8"), file_name=f"{stem}.md", mime="text/markdown",
                icon=":material/description:", on_click="ignore", width="stretch",
            )
            columns[1].download_button(
                t("Word", "Word 文档"), docx_bytes, file_name=f"{stem}.docx",
                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                icon=":material/article:", on_click="ignore", width="stretch",
            )
            columns[2].download_button(
                "JSON", to_json(rb).encode("utf-8"), file_name=f"{stem}.json", mime="application/json",
                icon=":material/data_object:", on_click="ignore", width="stretch",
            )
            columns[3].download_button(
                t("Label Studio config", "Label Studio 配置"), to_label_studio_config(rb).encode("utf-8"),
                file_name=f"{stem}_label_studio.xml", mime="application/xml",
                icon=":material/label:", on_click="ignore", width="stretch",
            )
            st.caption(
                t(
                    "JSON is the rulebook contract: the input of the check, pre-labeling and agreement. "
                    "The Label Studio file is a labeling config (Settings → Labeling Interface → Code).",
                    "JSON 是规则书的标准格式，可用于检查、预标注和一致性评估。Label Studio 文件是标注界面配置（设置 → 标注界面 → 代码）。",
                )
            )

with tab_check:
    if selected_rulebook is None:
        st.info(t("The check needs a rulebook version.", "检查需要先有规则书。"), icon=":material/info:")
    else:
        with guard():
            render_check(check_rulebook(selected_rulebook, ws.settings))

with tab_breakdown:
    if not breakdowns:
        st.info(t("No breakdown yet.", "还没有拆解。"), icon=":material/info:")
    else:
        bd_versions = {a.version: a for a in breakdowns}
        version = select(st.selectbox,
            t("Version", "版本"),
            options=sorted(bd_versions, reverse=True),
            format_func=lambda v, m=bd_versions: _version_label(m[v]),
            key=f"bd_version_{project_id}",
        )
        with guard():
            render_breakdown(latest_breakdown(ws, project_id, version), questions=10)

with tab_rounds:
    rounds = attempt(ws.store.artifacts, project_id, "agreement") or []
    if not rounds:
        st.info(
            t("No trial round recorded yet: record one on the Agreement page.", "还没有记录试标轮次：可在“一致性”页面记录。"),
            icon=":material/info:",
        )
    for artifact in rounds:
        verdict = (artifact.payload or {}).get("verdict") or {}
        passed = verdict.get("passed")
        icon = "✅" if passed else "❌" if passed is False else "•"
        text = verdict.get("text_zh") if t("en", "zh") == "zh" else verdict.get("text")
        st.markdown(f"{icon} **{escape_md(artifact.payload.get('round', artifact.version))}** — {escape_md(text or artifact.note)}")
