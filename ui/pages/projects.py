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
from ui.i18n import is_zh, localize_note, t
from ui.workflow import is_demo, render_next_step
from ui.state import workspace
from ui.auth import page_requires

page_header(
    t("ui.projects.projects"),
    t(
        "ui.projects.every_request_and_what_was_made",
    ),
)

page_requires("work")  # trainers and admins; checked here, not only hidden in the menu
ws = attempt(workspace)
if ws is None:
    st.stop()

rows = attempt(ws.store.projects) or []
require_projects(rows, "ui.projects.no_projects_yet")

def _table() -> str:
    """The projects as a Markdown table (shown at once, without the grid's loading skeleton)."""
    lines = [
        f"| id | {t('ui.projects.name')} | {t('ui.projects.status')} | {t('ui.projects.rulebook')} | {t('ui.projects.trial_rounds')} | "
        f"{t('ui.projects.contact')} | {t('ui.projects.created')} |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        rulebooks = ws.store.artifacts(row.id, "rulebook")
        rounds = ws.store.artifacts(row.id, "agreement")
        name = escape_md(row.name) + (" " + badge(t("ui.projects.demo"), "gray") if is_demo(row) else "")
        created = row.created_at.strftime("%Y-%m-%d %H:%M") if row.created_at else ""
        lines.append(
            f"| `{row.id}` | {name} | {lifecycle_badge(row.status)} | "
            f"{t('ui.projects.v', v=len(rulebooks)) if rulebooks else '—'} | {len(rounds)} | "
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
    st.caption(t("ui.projects.request") + ": " + escape_md(row.request[:400]))
    st.page_link("ui/pages/assistant.py", label=t("ui.projects.open_its_conversation"), icon=":material/chat:")
render_next_step(ws, project_id)

breakdowns = attempt(ws.store.artifacts, project_id, "breakdown") or []
rulebooks = attempt(ws.store.artifacts, project_id, "rulebook") or []

tab_edit, tab_rulebook, tab_export, tab_check, tab_breakdown, tab_rounds = st.tabs(
    [
        t("ui.projects.edit_the_rulebook"),
        t("ui.projects.rulebook_versions"),
        t("ui.projects.export"),
        t("ui.projects.check"),
        t("ui.projects.breakdown_versions"),
        t("ui.projects.trial_rounds"),
    ]
)


def _version_label(artifact) -> str:
    when = artifact.created_at.strftime("%Y-%m-%d %H:%M") if artifact.created_at else ""
    note = localize_note(artifact.note)[:60]
    who = artifact.actor or t("ui.projects.unknown")
    return t("ui.projects.version_by", v=artifact.version, w=when, a=who, n=note)


with tab_edit:
    if not rulebooks:
        st.info(
            t("ui.projects.no_rulebook_yet_draft_one_in"),
            icon=":material/info:",
        )
    else:
        with guard():
            latest_rb = rulebook_version(ws, project_id)
            st.markdown(f"**{escape_md(latest_rb.title)}** · " + t("ui.projects.version_3", v=latest_rb.version) + " · " + rulebook_stats(latest_rb))
            render_editor(ws, project_id, latest_rb, check_rulebook(latest_rb, ws.settings), status=row.status)

selected_rulebook = None
with tab_rulebook:
    if not rulebooks:
        st.info(
            t("ui.projects.no_rulebook_yet_draft_one_in_2"), icon=":material/info:"
        )
    else:
        rb_versions = {a.version: a for a in rulebooks}
        version = select(st.selectbox,
            t("ui.projects.version_2"),
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
                    t("ui.projects.changes_from_version_to", a=version - 1, b=version),
                    expanded=False,
                    icon=":material/difference:",
                ):
                    render_diff(diff_text(previous, selected_rulebook))
            latest = max(rb_versions)
            if version != latest and row.status != "delivered":
                if st.button(
                    t("ui.projects.restore_version_as_the_current_version", v=version),
                    icon=":material/history:",
                    help=t("ui.projects.history_is_kept_the_restore_is"),
                ):
                    restored = restore_rulebook(ws, project_id, version)
                    st.session_state[f"rb_version_{project_id}"] = restored.version
                    st.toast(t("ui.projects.restored_as_version", v=restored.version), icon="✅")
                    st.rerun()
            with st.expander(t("ui.projects.the_whole_rulebook"), expanded=False, icon=":material/menu_book:"):
                st.markdown(rulebook_markdown(selected_rulebook))

with tab_export:
    if selected_rulebook is None:
        st.info(t("ui.projects.export_needs_a_rulebook_version"), icon=":material/info:")
    else:
        rb = selected_rulebook
        st.caption(
            t(
                "ui.projects.version_of_as_a_document_for",
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
                t("ui.projects.markdown"), to_markdown(rb).encode("utf-8"), file_name=f"{stem}.md", mime="text/markdown",
                icon=":material/description:", on_click="ignore", width="stretch",
            )
            columns[1].download_button(
                t("ui.projects.word"), docx_bytes, file_name=f"{stem}.docx",
                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                icon=":material/article:", on_click="ignore", width="stretch",
            )
            columns[2].download_button(
                "JSON", to_json(rb).encode("utf-8"), file_name=f"{stem}.json", mime="application/json",
                icon=":material/data_object:", on_click="ignore", width="stretch",
            )
            columns[3].download_button(
                t("ui.projects.label_studio_config"), to_label_studio_config(rb).encode("utf-8"),
                file_name=f"{stem}_label_studio.xml", mime="application/xml",
                icon=":material/label:", on_click="ignore", width="stretch",
            )
            st.caption(
                t(
                    "ui.projects.json_is_the_rulebook_contract_the",
                )
            )

with tab_check:
    if selected_rulebook is None:
        st.info(t("ui.projects.the_check_needs_a_rulebook_version"), icon=":material/info:")
    else:
        with guard():
            render_check(check_rulebook(selected_rulebook, ws.settings))

with tab_breakdown:
    if not breakdowns:
        st.info(t("ui.projects.no_breakdown_yet"), icon=":material/info:")
    else:
        bd_versions = {a.version: a for a in breakdowns}
        version = select(st.selectbox,
            t("ui.projects.version_2"),
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
            t("ui.projects.no_trial_round_recorded_yet_record"),
            icon=":material/info:",
        )
    for artifact in rounds:
        verdict = (artifact.payload or {}).get("verdict") or {}
        passed = verdict.get("passed")
        icon = "✅" if passed else "❌" if passed is False else "•"
        text = verdict.get("text_zh") if is_zh() else verdict.get("text")  # a stored round keeps its verdict in both languages
        st.markdown(f"{icon} **{escape_md(artifact.payload.get('round', artifact.version))}** — {escape_md(text or artifact.note)}")
