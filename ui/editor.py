"""The rulebook editor of the Projects page: labels, examples, edge cases, procedure, scope and purpose.

Tables are `st.data_editor`s keyed by project and version, so a saved version starts a fresh
editor. Save = `assistant.service.rulebook_edit.save_edited`: the next version, a change-log line in the
rulebook's language, the diff and the check, whose findings sit beside the labels and sections they
concern. A delivered project shows the editor read-only, with a button to reopen it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from assistant.integrations.cells import cell_text
from assistant.service.rulebook_edit import (
    apply_edge_cases,
    apply_examples,
    apply_label_table,
    apply_sections,
    import_rulebook,
    reopen_project,
    save_edited,
)

from ui.components import badge, escape_md, guard, render_check, render_diff
from ui.i18n import language, separator, t

if TYPE_CHECKING:
    from assistant.core.models import Rulebook
    from assistant.rulebook.check import CheckIssue, CheckReport
    from assistant.service.workspace import Workspace

FOCUS_KEY = "editor_focus"  # {"project": id, "label": name or None, "section": "definition" | "examples" | …}
POLARITY = {"positive": ("positive", "正例"), "negative": ("near miss", "反例")}
NONE = "—"  # the correct-label cell of a positive (an empty select cell would read "None")
SOURCES = {"new": ("new", "新增"), "request sample": ("request sample", "需求样例")}
SECTION_OF_CODE = {"no-decision-procedure": "decision_procedure", "over-token-budget": "size"}


def _sep() -> str:
    return separator(parts=True)


def _join(items: list[str]) -> str:
    return _sep().join(items)


def _split(cell: Any) -> list[str]:
    if cell is None or (isinstance(cell, float) and cell != cell):
        return []
    return [part.strip() for part in re.split(r"[;；\n]", str(cell)) if part.strip()]


def _cell(value: Any) -> str:
    return cell_text(value) or ""  # None/NaN of an empty table cell -> ""


def open_editor_at(project_id: str, label: str | None = None, section: str = "definition") -> None:
    """Ask the Projects page to open the editor of PROJECT at LABEL's SECTION (used by the chat)."""
    st.session_state[FOCUS_KEY] = {"project": project_id, "label": label, "section": section}


def _issue_line(issue: "CheckIssue") -> str:
    color = "red" if issue.severity == "error" else "orange"
    name = t("ui.editor.error") if issue.severity == "error" else t("ui.editor.warning")
    return f"{badge(name, color)} {escape_md(issue.text(language()))}"


def _issues_by_place(rulebook: "Rulebook", report: "CheckReport") -> tuple[dict[str, list], dict[str, list]]:
    by_label: dict[str, list] = {}
    by_section: dict[str, list] = {}
    names = set(rulebook.label_names)
    for issue in report.issues:
        if issue.label in names:
            by_label.setdefault(issue.label, []).append(issue)
        else:
            by_section.setdefault(SECTION_OF_CODE.get(issue.code, "general"), []).append(issue)
    return by_label, by_section


def _marks(issues: list) -> str:
    errors = sum(1 for issue in issues if issue.severity == "error")
    warnings = len(issues) - errors
    parts = ([f"✗ {errors}"] if errors else []) + ([f"⚠ {warnings}"] if warnings else [])
    return " ".join(parts) or "✓"


# ---------------------------------------------------------------------------------------------
# Reading the editors back
# ---------------------------------------------------------------------------------------------
def _label_rows(edited: pd.DataFrame) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for position, (_, row) in enumerate(edited.iterrows()):
        order = row.get("order")
        rows.append(
            {
                "key": _cell(row.get("key")) or None,
                "name": _cell(row.get("name")),
                "definition": _cell(row.get("definition")),
                "criteria": _split(row.get("criteria")),
                "cues": _split(row.get("cues")),
                "counter_cues": _split(row.get("counter_cues")),
                "aliases": _split(row.get("aliases")),
                "_order": (float(order) if order is not None and order == order else 1e9, position),
            }
        )
    rows.sort(key=lambda row: row.pop("_order"))
    return rows


def _example_rows(edited: pd.DataFrame) -> list[dict[str, Any]]:
    back = {t(*pair): key for key, pair in POLARITY.items()}
    sources = {t(*pair): key for key, pair in SOURCES.items()}
    return [
        {
            "polarity": back.get(_cell(row.get("polarity")), _cell(row.get("polarity")) or "positive"),
            "text": _cell(row.get("text")),
            "explanation": _cell(row.get("explanation")),
            "correct_label": "" if _cell(row.get("correct_label")) == NONE else _cell(row.get("correct_label")),
            "source": sources.get(_cell(row.get("source")), _cell(row.get("source"))),
        }
        for _, row in edited.iterrows()
    ]


# ---------------------------------------------------------------------------------------------
# The editor
# ---------------------------------------------------------------------------------------------
def render_editor(ws: "Workspace", project_id: str, rulebook: "Rulebook", report: "CheckReport", *, status: str) -> None:
    """The whole editor for the latest version RULEBOOK of PROJECT (REPORT is its check)."""
    read_only = status == "delivered"
    prefix = f"ed_{project_id}_{rulebook.version}"
    focus = st.session_state.get(FOCUS_KEY) or {}
    if focus.get("project") != project_id:
        focus = {}
    by_label, by_section = _issues_by_place(rulebook, report)

    if read_only:
        box, button = st.columns([4, 1], vertical_alignment="center")
        box.info(
            t(
                "ui.editor.this_project_is_delivered_so_its",
            ),
            icon=":material/lock:",
        )
        if button.button(t("ui.editor.reopen_the_project"), icon=":material/lock_open:", key=f"{prefix}_reopen", width="stretch"):
            with guard():
                reopen_project(ws, project_id)
                st.rerun()
    if focus:
        where = focus.get("label")
        section = focus.get("section") or "definition"
        section_names = {
            "definition": t("ui.editor.definition"), "examples": t("ui.editor.examples"), "edge_cases": t("ui.editor.edge_cases"),
            "decision_procedure": t("ui.editor.decision_procedure"), "scope": t("ui.editor.scope"), "purpose": t("ui.editor.purpose"),
            "labels": t("ui.editor.labels"),
        }
        st.info(
            t("ui.editor.edit_here_save_when_done_the",
              what=(f"{where} · " if where else "") + section_names.get(section, section)),
            icon=":material/edit:",
        )

    # -- labels --------------------------------------------------------------------------------
    st.markdown(f"##### {t('ui.editor.labels_2')}")
    st.caption(
        t(
            "ui.editor.one_row_per_label_criteria_cues",
        )
    )
    table = pd.DataFrame(
        [
            {
                "key": label.name,
                "order": index + 1,
                "name": label.name,
                "definition": label.definition,
                "criteria": _join(label.criteria),
                "cues": _join(label.cues),
                "counter_cues": _join(label.counter_cues),
                "aliases": _join(label.aliases),
                "check": _marks(by_label.get(label.name, [])),
            }
            for index, label in enumerate(rulebook.labels)
        ]
    )
    edited_labels = st.data_editor(
        table,
        placeholder="",
        key=f"{prefix}_labels",
        num_rows="fixed" if read_only else "dynamic",
        disabled=True if read_only else ["key", "check"],
        hide_index=True,
        width="stretch",
        column_order=["order", "name", "definition", "criteria", "cues", "counter_cues", "aliases", "check"],
        column_config={
            "order": st.column_config.NumberColumn(t("ui.editor.order"), min_value=1, step=1, width="small"),
            "name": st.column_config.TextColumn(t("ui.editor.name"), width="small", required=True),
            "definition": st.column_config.TextColumn(t("ui.editor.definition"), width="large"),
            "criteria": st.column_config.TextColumn(t("ui.editor.criteria"), width="medium"),
            "cues": st.column_config.TextColumn(t("ui.editor.cues"), width="medium"),
            "counter_cues": st.column_config.TextColumn(t("ui.editor.counter_cues"), width="medium"),
            "aliases": st.column_config.TextColumn(t("ui.editor.aliases"), width="small"),
            "check": st.column_config.TextColumn(t("ui.editor.check"), width="small", help=t("ui.editor.errors_warnings_of_the_check")),
        },
    )
    label_issues = [issue for name in rulebook.label_names for issue in by_label.get(name, [])]
    if label_issues:
        with st.container(border=True):
            for name in rulebook.label_names:
                for issue in by_label.get(name, []):
                    st.markdown(f"**{escape_md(name)}** · " + _issue_line(issue))

    # -- examples ------------------------------------------------------------------------------
    st.markdown(f"##### {t('ui.editor.examples_2')}")
    st.caption(
        t(
            "ui.editor.per_label_positives_and_near_misses",
        )
    )
    polarity_options = [t(*POLARITY["positive"]), t(*POLARITY["negative"])]
    example_frames: dict[str, pd.DataFrame] = {}
    for index, label in enumerate(rulebook.labels):
        issues = by_label.get(label.name, [])
        positives = sum(1 for e in label.examples if e.polarity.value == "positive")
        negatives = len(label.examples) - positives
        title = t("ui.editor.positive_negative", l=escape_md(label.name), p=positives, n=negatives, c=_marks(issues))
        expanded = focus.get("label") == label.name and focus.get("section") in ("examples", "definition")
        with st.expander(title, expanded=expanded):
            for issue in issues:
                st.markdown(_issue_line(issue))
            frame = pd.DataFrame(
                [
                    {
                        "polarity": t(*POLARITY[e.polarity.value]),
                        "text": e.text,
                        "explanation": e.explanation,
                        "correct_label": e.correct_label or NONE,
                        "source": t(*SOURCES[e.source]) if e.source in SOURCES else e.source,
                    }
                    for e in label.examples
                ],
                columns=["polarity", "text", "explanation", "correct_label", "source"],
            )
            if read_only and frame.empty:
                st.caption(t("ui.editor.no_examples"))
                continue
            example_frames[label.name] = st.data_editor(
                frame,
                placeholder="",
                key=f"{prefix}_examples_{index}",
                num_rows="fixed" if read_only else "dynamic",
                disabled=True if read_only else ["source"],
                hide_index=True,
                width="stretch",
                column_config={
                    "polarity": st.column_config.SelectboxColumn(t("ui.editor.kind"), options=polarity_options, required=True, default=polarity_options[0], width=90),
                    "text": st.column_config.TextColumn(t("ui.editor.text"), width="large", required=True),
                    "explanation": st.column_config.TextColumn(t("ui.editor.explanation"), width="medium", required=True),
                    "correct_label": st.column_config.SelectboxColumn(
                        t("ui.editor.correct_label_near_misses"), options=[NONE, *[n for n in rulebook.label_names if n != label.name]], default=NONE, width="small"
                    ),
                    "source": st.column_config.TextColumn(t("ui.editor.source"), width="small"),
                },
            )

    # -- edge cases, procedure, scope, purpose -------------------------------------------------
    st.markdown(f"##### {t('ui.editor.edge_cases_2')}")
    edges = pd.DataFrame(
        [{"case": e.case, "resolution": e.resolution, "labels": _join(e.labels)} for e in rulebook.edge_cases],
        columns=["case", "resolution", "labels"],
    )
    if read_only and edges.empty:  # an empty read-only grid would say "empty" in English
        st.caption(t("ui.editor.none"))
    edited_edges = edges if read_only and edges.empty else st.data_editor(
        edges,
        placeholder="",
        key=f"{prefix}_edges",
        num_rows="fixed" if read_only else "dynamic",
        disabled=read_only,
        hide_index=True,
        width="stretch",
        column_config={
            "case": st.column_config.TextColumn(t("ui.editor.case"), width="large"),
            "resolution": st.column_config.TextColumn(t("ui.editor.resolution"), width="large"),
            "labels": st.column_config.TextColumn(t("ui.editor.labels_it_concerns"), width="small"),
        },
    )
    left, right = st.columns(2)
    with left:
        st.markdown(f"##### {t('ui.editor.decision_procedure_2')}")
        for issue in by_section.get("decision_procedure", []):
            st.markdown(_issue_line(issue))
        procedure = st.text_area(
            t("ui.editor.one_step_per_line_in_the"),
            value="\n".join(rulebook.decision_procedure), height=160, key=f"{prefix}_procedure", disabled=read_only,
        )
    with right:
        st.markdown(f"##### {t('ui.editor.purpose_and_task')}")
        task_definition = st.text_area(t("ui.editor.task_definition"), value=rulebook.task_definition, height=68, key=f"{prefix}_task", disabled=read_only)
        purpose = st.text_area(t("ui.editor.purpose_2"), value=rulebook.purpose, height=68, key=f"{prefix}_purpose", disabled=read_only)
    s1, s2 = st.columns(2)
    scope_in = s1.text_area(t("ui.editor.in_scope_one_per_line"), value="\n".join(rulebook.scope_in), height=100, key=f"{prefix}_scope_in", disabled=read_only)
    scope_out = s2.text_area(t("ui.editor.out_of_scope_one_per_line"), value="\n".join(rulebook.scope_out), height=100, key=f"{prefix}_scope_out", disabled=read_only)
    for issue in by_section.get("size", []) + by_section.get("general", []):
        st.markdown(_issue_line(issue))

    if read_only:
        return

    # -- save ------------------------------------------------------------------------------------
    if st.button(
        t("ui.editor.save_as_version", v=rulebook.version + 1), type="primary", icon=":material/save:", key=f"{prefix}_save"
    ):
        with guard():
            rows = _label_rows(edited_labels)
            edited = apply_label_table(rulebook, rows)
            renamed = {row["key"]: row["name"] for row in rows if row["key"]}
            for name, frame in example_frames.items():
                new_name = renamed.get(name)
                if new_name and new_name in edited.label_names:
                    examples = _example_rows(frame)
                    for example in examples:  # near misses follow renamed labels; a removed label leaves them open
                        if example["correct_label"] in rulebook.label_names:
                            example["correct_label"] = renamed.get(example["correct_label"], "")
                    edited = apply_examples(edited, new_name, examples)
            edited = apply_edge_cases(
                edited, [{"case": _cell(r.get("case")), "resolution": _cell(r.get("resolution")), "labels": _split(r.get("labels"))} for _, r in edited_edges.iterrows()]
            )
            edited = apply_sections(
                edited, decision_procedure=procedure, task_definition=task_definition, purpose=purpose, scope_in=scope_in, scope_out=scope_out
            )
            saved = save_edited(ws, project_id, edited)
            st.session_state[f"ed_saved_{project_id}"] = {"version": saved.new.version, "change": saved.new.changelog[-1].change, "diff": saved.diff}
            st.session_state.pop(FOCUS_KEY, None)
            st.session_state.pop(f"rb_version_{project_id}", None)  # the versions tab opens on the new one
            st.rerun()
    _render_last_save(project_id, rulebook, report)

    # -- import a hand-edited JSON ---------------------------------------------------------------
    with st.expander(t("ui.editor.import_a_rulebook_json_edited_by"), icon=":material/upload_file:"):
        st.caption(
            t(
                "ui.editor.export_the_json_export_tab_edit",
            )
        )
        upload = st.file_uploader(t("ui.editor.rulebook_json"), type=["json"], key=f"{prefix}_import")
        if upload is not None and st.button(t("ui.editor.import_as_version", v=rulebook.version + 1), key=f"{prefix}_import_go", icon=":material/upload:"):
            with guard():
                saved = import_rulebook(ws, project_id, upload.getvalue(), name=upload.name)
                st.session_state[f"ed_saved_{project_id}"] = {"version": saved.new.version, "change": saved.new.changelog[-1].change, "diff": saved.diff}
                st.session_state.pop(f"rb_version_{project_id}", None)
                st.rerun()


def _render_last_save(project_id: str, rulebook: "Rulebook", report: "CheckReport") -> None:
    saved = st.session_state.get(f"ed_saved_{project_id}")
    if not saved or saved["version"] != rulebook.version:
        return
    st.success(t("ui.editor.saved_as_version", v=saved["version"], c=saved["change"]), icon=":material/task_alt:")
    with st.expander(t("ui.editor.changes_from_version_to", a=saved["version"] - 1, b=saved["version"]), icon=":material/difference:"):
        render_diff(saved["diff"])
    with st.expander(t("ui.editor.check_of_version", v=saved["version"]), expanded=not report.ok, icon=":material/rule:"):
        render_check(report)
