"""Assistant: from a vague request to a 5W2H breakdown, answers, a drafted rulebook and its revisions."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import knowledge.samples
from assistant.service.conversation import has_rulebook, messages, next_step, reply_stream, respond, save_message
from assistant.core.errors import RulebookError
from assistant.core.markdown_safe import safe_markdown
from assistant.service.rulebook_edit import NeedsEditor
from assistant.service.projects import latest_breakdown, rulebook_version
from assistant.rulebook.check import check_rulebook
from assistant.rulebook.export import diff_text
from ui.components import (
    select,
    attempt,
    guard,
    lifecycle_badge,
    page_header,
    project_label,
    render_breakdown,
    render_check,
    render_diff,
    render_rulebook,
    show_error,
)
from ui.editor import open_editor_at
from ui.i18n import language, t
from ui.workflow import render_next_step
from ui.state import current_project, set_current_project, workspace
from ui.auth import denied_text, page_requires
from assistant.service.access import PRODUCT_OWNER, AccessDenied, open_project, require, visible_projects

NEW = "__new__"
SAMPLE_REQUEST = Path(knowledge.samples.__file__).resolve().parent / "complaints" / "request.txt"

page_header(
    t("ui.assistant.assistant"),
    t(
        "ui.assistant.paste_a_vague_annotation_request_the",
    ),
)

user = page_requires("submit")  # every role; a product owner only on their own projects (checked below)
owner_view = user.role == PRODUCT_OWNER  # submits, answers the questions; the trainers draft and revise
ws = attempt(workspace)
if ws is None:
    st.stop()

# ---------------------------------------------------------------------------------------------
# Which project
# ---------------------------------------------------------------------------------------------
rows = attempt(visible_projects, ws, user) or []
by_id = {row.id: row for row in rows}
project_id = current_project()
if project_id and project_id not in by_id:
    try:
        open_project(ws, user, project_id)  # refused for someone else's project: said so, nothing of it shown
        refused = None
    except AccessDenied as error:
        refused = error
    except RulebookError:
        refused = None
    if refused is not None:
        st.error(denied_text(refused), icon=":material/block:")
    else:
        st.warning(
            t(
                "ui.assistant.project_from_the_link_is_not",
                p=project_id,
            )
        )
    set_current_project(None)
    project_id = None


def _picked() -> None:
    choice = st.session_state.get("project_picker")
    set_current_project(choice if choice in by_id else None)


def _new_conversation() -> None:
    set_current_project(None)


if st.session_state.get("project_picker") != (project_id or NEW):
    st.session_state["project_picker"] = project_id or NEW

picker, new_button = st.columns([5, 1], vertical_alignment="bottom")
select(picker.selectbox,
    t("ui.assistant.conversation"),
    options=[NEW, *by_id],
    format_func=lambda key, by_id=by_id: t("ui.assistant.new_request_2") if key == NEW else project_label(by_id[key]),
    key="project_picker",
    on_change=_picked,
    help=t("ui.assistant.reopen_any_project_s_conversation"),
)
new_button.button(
    t("ui.assistant.new_request"), icon=":material/add:", on_click=_new_conversation, width="stretch", disabled=project_id is None
)

if project_id is None and not attempt(ws.store.count_past_projects):
    st.info(
        t(
            "ui.assistant.the_knowledge_base_has_no_past",
        ),
        icon=":material/info:",
    )

# ---------------------------------------------------------------------------------------------
# The conversation so far
# ---------------------------------------------------------------------------------------------
history = (attempt(messages, ws, project_id) or []) if project_id else []
latest_number = {}
for message in history:
    if message["role"] == "assistant":
        kind = "breakdown" if message.get("type") in ("breakdown", "answer") else message.get("type")
        latest_number[kind] = message["number"]
latest_rulebook = max((m["number"] for m in history if m.get("type") in ("draft", "revision")), default=None)


def render_result(project: str, kind: str, ref: int | None, *, latest: bool, rulebook_latest: bool) -> None:
    """The structured part of an assistant message: the breakdown, the rulebook, or the diff."""
    if ref is None:
        return
    with guard():
        if kind in ("breakdown", "answer"):
            breakdown = latest_breakdown(ws, project, ref)
            if latest:
                render_breakdown(breakdown)
            else:
                with st.expander(t("ui.assistant.5w2h_breakdown_version", v=ref), icon=":material/table_view:"):
                    render_breakdown(breakdown)
        elif kind == "draft":
            rulebook = rulebook_version(ws, project, ref)
            render_rulebook(rulebook, overview=rulebook_latest)
            with st.expander(t("ui.assistant.check_results"), icon=":material/rule:", expanded=False):
                render_check(check_rulebook(rulebook, ws.settings))
        elif kind == "revision":
            new = rulebook_version(ws, project, ref)
            previous = rulebook_version(ws, project, ref - 1) if ref > 1 else None
            if previous is not None:
                with st.expander(
                    t("ui.assistant.changes_from_version_to", a=previous.version, b=new.version),
                    expanded=rulebook_latest,
                    icon=":material/difference:",
                ):
                    render_diff(diff_text(previous, new))
            render_rulebook(new, overview=rulebook_latest)


last_editor_message = max((m["number"] for m in history if m.get("type") == "editor"), default=None)
if last_editor_message is not None and any(m.get("type") in ("draft", "revision") and m["number"] > last_editor_message for m in history):
    last_editor_message = None  # a later version was saved: the pointer has done its job
history_box = st.container()
with history_box:
    if not history:
        with st.chat_message("assistant"):
            st.markdown(
                t(
                    "ui.assistant.hello_describe_the_data_you_need",
                )
            )
    for message in history:
        with st.chat_message(message["role"]):
            if message.get("type") == "error":
                st.error(message["content"], icon=":material/error:")
                continue
            if message.get("type") == "editor":
                st.markdown(safe_markdown(message["content"]))  # user text stays text: no remote images, no HTML
                if message["number"] == last_editor_message:
                    hint = st.session_state.get("editor_hint") or {}
                    where = hint.get("label")
                    if st.button(
                        t("ui.assistant.open_the_rulebook_editor_at", w=where) if where else t("ui.assistant.open_the_rulebook_editor"),
                        type="primary", icon=":material/edit_note:", key=f"open_editor_{message['number']}",
                    ):
                        open_editor_at(project_id, where, hint.get("section") or "definition")
                        st.switch_page("ui/pages/projects.py")
                continue
            st.markdown(safe_markdown(message["content"]))  # user text stays text: no remote images, no HTML
            if message["role"] == "assistant":
                kind = message.get("type") or "text"
                group = "breakdown" if kind in ("breakdown", "answer") else kind
                render_result(
                    project_id,
                    kind,
                    message.get("ref"),
                    latest=latest_number.get(group) == message["number"],
                    rulebook_latest=latest_rulebook == message["number"],
                )

# ---------------------------------------------------------------------------------------------
# What the trainer can do next
# ---------------------------------------------------------------------------------------------
incoming: str | None = None
mode = "auto"
if project_id is None:
    if st.button(t("ui.assistant.try_the_example_request"), icon=":material/lightbulb:"):
        incoming = SAMPLE_REQUEST.read_text(encoding="utf-8").strip()
else:
    row = by_id[project_id]
    rulebook_exists = bool(attempt(has_rulebook, ws, project_id))
    status_col, action_col, mode_col = st.columns([1.3, 1.7, 4], vertical_alignment="center")
    status_col.markdown(t("ui.assistant.status") + ": " + lifecycle_badge(row.status))
    if owner_view:  # answers; a "draft the rulebook" is recognised and refused on the server
        mode = "answer" if rulebook_exists else "auto"
        mode_col.caption(
            t("ui.assistant.the_annotation_lead_drafts_and_revises")
        )
    elif not rulebook_exists:
        if action_col.button(t("ui.assistant.draft_the_rulebook"), type="primary", icon=":material/edit_document:"):
            incoming, mode = t("ui.assistant.draft_the_rulebook"), "draft"
    else:
        action_col.page_link("ui/pages/projects.py", label=t("ui.assistant.edit_versions_export"), icon=":material/edit_note:")
        choice = select(mode_col.radio,
            t("ui.assistant.my_next_message_is"),
            options=["revise", "answer"],
            format_func=lambda key: t("ui.assistant.a_revision_instruction") if key == "revise" else t("ui.assistant.an_answer_to_the_questions"),
            horizontal=True,
            key=f"chat_mode_{project_id}",
        )
        mode = "revise" if choice == "revise" else "answer"
    if not owner_view:  # the next step is a trainer's page
        render_next_step(ws, project_id)

delivered = project_id is not None and by_id[project_id].status == "delivered"
if project_id is None:
    placeholder = t("ui.assistant.paste_a_vague_annotation_request")
elif mode == "answer" or not attempt(has_rulebook, ws, project_id):
    placeholder = t("ui.assistant.answer_the_questions_in_your_own")
else:
    placeholder = t("ui.assistant.a_revision_e_g_merge_a")
if delivered:
    placeholder = t("ui.assistant.this_project_is_delivered_and_read")
typed = st.chat_input(placeholder, disabled=delivered)
if typed:
    incoming = typed

# ---------------------------------------------------------------------------------------------
# One turn: the pipeline step, the streamed reply, the result
# ---------------------------------------------------------------------------------------------
WORKING = {
    "breakdown": ("Breaking the request down (5W2H) and searching past projects…", "正在按 5W2H 拆解需求并检索历史项目……"),
    "answer": ("Applying your answer to the breakdown…", "正在把你的回答写入拆解……"),
    "draft": ("Drafting the rulebook from the breakdown and past projects…", "正在根据拆解和历史项目起草规则书……"),
    "revision": ("Revising the rulebook…", "正在修订规则书……"),
}
DONE = {
    "breakdown": ("Breakdown saved", "拆解已保存"),
    "answer": ("Answer applied", "回答已写入"),
    "draft": ("Rulebook drafted", "规则书已起草"),
    "revision": ("Revision saved", "修订已保存"),
}

STEP_ACTIONS = {"breakdown": "submit", "answer": "answer", "draft": "work", "revision": "work"}

if incoming:
    lang = language()
    with history_box:
        with st.chat_message("user"):
            st.markdown(safe_markdown(incoming))
        with st.chat_message("assistant"):
            turn = None
            needs_editor = None
            try:
                step = next_step(ws, project_id, incoming, mode=mode)
                if project_id is None:  # checked on the server before anything is written
                    require(user, STEP_ACTIONS[step])
                else:
                    open_project(ws, user, project_id, STEP_ACTIONS[step])
                with st.status(t(*WORKING[step]), expanded=False) as status:
                    try:
                        turn = respond(ws, project_id, incoming, mode=mode, language=lang)
                        status.update(label=t(*DONE[step]), state="complete")
                    except NeedsEditor as error:  # offline: the editor is where this change is made
                        needs_editor = error
                        status.update(label=t("ui.assistant.not_applied_this_change_is_made"), state="complete")
                if needs_editor is not None:
                    with guard():
                        save_message(ws, project_id, "user", incoming)
                        save_message(
                            ws, project_id, "assistant", str(needs_editor), type="editor",
                            ref=None,
                        )
                        st.session_state["editor_hint"] = {"label": needs_editor.label, "section": needs_editor.section}
                        st.rerun()
            except AccessDenied as error:  # refused: shown, nothing saved
                show_error(error)
            except Exception as error:  # noqa: BLE001 - shown in the chat, never as a traceback
                show_error(error)
                if project_id is not None:
                    with guard():
                        save_message(ws, project_id, "user", incoming)
                        text = error.render(lang) if isinstance(error, RulebookError) else f"{type(error).__name__}: {error}"
                        save_message(ws, project_id, "assistant", text, type="error")
            if turn is not None:
                try:
                    reply = st.write_stream(reply_stream(ws, turn, incoming, language=lang))
                except RulebookError as error:
                    st.warning(
                        t("ui.assistant.the_llm_could_not_write_the", e=error.render(lang))
                    )
                    st.markdown(turn.summary)
                    reply = turn.summary
                reply = reply if isinstance(reply, str) else "".join(str(part) for part in reply)
                render_result(turn.project_id, turn.kind, turn.ref, latest=True, rulebook_latest=True)
                with guard():
                    save_message(ws, turn.project_id, "user", incoming)
                    save_message(ws, turn.project_id, "assistant", reply or turn.summary, type=turn.kind, ref=turn.ref)
                    set_current_project(turn.project_id)
                    st.rerun()
