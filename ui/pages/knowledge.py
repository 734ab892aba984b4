"""Knowledge base: search past projects, rules and examples; browse a project; import; deliver."""

from __future__ import annotations


import pandas as pd
import streamlit as st

from assistant.delivery.past_project import lessons_from_markdown
from assistant.service.delivery import deliver
from assistant.core.errors import error_text
from assistant.core.models import Language, TaskType
from knowledge.base import KINDS
from knowledge.doc_ids import check_free
from knowledge.documents import default_document_id, past_project_from_document
from knowledge.loader import import_project_files, seed, store_and_index
from ui.components import (
    attempt,
    badge,
    call_on_upload,
    escape_md,
    guard,
    page_header,
    project_label,
    save_upload,
    staging_dir,
    select,
)
from ui.i18n import kind_name, language_name, t, task_type_name
from ui.i18n import language as ui_language
from ui.state import current_project, workspace
from ui.auth import page_requires
from assistant.service.access import can, require
from ui.workflow import is_demo, render_next_step

ANY = "__any__"
KIND_COLORS = {"project": "blue", "rule": "violet", "example": "green"}

page_header(
    t("ui.knowledge.knowledge_base"),
    t(
        "ui.knowledge.past_projects_with_their_rules_and",
    ),
)

user = page_requires("search_knowledge")  # trainers and admins; changes to it: admins only
may_change = can(user, "manage_knowledge")
ws = attempt(workspace)
if ws is None:
    st.stop()

stats = attempt(ws.kb.stats) or {"documents": 0, "by_kind": {}, "projects_by_task_type": {}}
count = attempt(ws.store.count_past_projects) or 0
cols = st.columns(4)
cols[0].metric(t("ui.knowledge.past_projects"), count)
cols[1].metric(t("ui.knowledge.rules"), stats["by_kind"].get("rule", 0))
cols[2].metric(t("ui.knowledge.examples"), stats["by_kind"].get("example", 0))
cols[3].metric(t("ui.knowledge.task_types"), len(stats["projects_by_task_type"]))

if count == 0:
    st.warning(
        t(
            "ui.knowledge.the_knowledge_base_is_empty_seed",
        ),
        icon=":material/inventory_2:",
    )
    if not may_change:
        st.caption(t("ui.knowledge.an_admin_seeds_and_imports_the"))
    elif st.button(t("ui.knowledge.seed_the_knowledge_base"), type="primary", icon=":material/download:"):
        with guard():
            require(user, "manage_knowledge")
            with st.spinner(t("ui.knowledge.indexing_the_bundled_past_projects")):
                report = seed(ws.store, ws.kb)
            st.toast(t("ui.knowledge.seeded_projects", n=report.projects), icon="✅")
            st.rerun()

tab_search, tab_browse, tab_import, tab_deliver = st.tabs(
    [t("ui.knowledge.search"), t("ui.knowledge.browse_a_project"), t("ui.knowledge.import"), t("ui.knowledge.deliver_a_project")]
)

# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------
with tab_search:
    with st.form("kb_search", border=False):
        query = st.text_input(
            t("ui.knowledge.search_by_meaning_in_chinese_or"),
            placeholder=t("ui.knowledge.e_g_customer_wants_a_refund"),
            key="kb_query",
        )
        f1, f2, f3, f4 = st.columns([2, 1, 1, 1])
        task_type = select(f1.selectbox,
            t("ui.knowledge.task_type"), [ANY, *(tt.value for tt in TaskType)],
            format_func=lambda v: t("ui.knowledge.any") if v == ANY else task_type_name(v), key="kb_task_type",
        )
        language = select(f2.selectbox,
            t("ui.knowledge.language"), [ANY, *(lang.value for lang in Language)],
            format_func=lambda v: t("ui.knowledge.any") if v == ANY else language_name(v), key="kb_language",
        )
        kind = select(f3.selectbox,
            t("ui.knowledge.kind"), [ANY, *KINDS], format_func=lambda v: t("ui.knowledge.any") if v == ANY else kind_name(v), key="kb_kind",
        )
        k = f4.number_input(t("ui.knowledge.results"), 1, 50, 8, key="kb_k")
        searched = st.form_submit_button(t("ui.knowledge.search"), type="primary", icon=":material/search:")
    if searched or st.session_state.get("kb_last_query"):
        if searched:
            st.session_state["kb_last_query"] = (query, task_type, language, kind, int(k))
        query, task_type, language, kind, k = st.session_state["kb_last_query"]
        with guard():
            hits = ws.kb.search(
                query, int(k),
                task_type=None if task_type == ANY else task_type,
                language=None if language == ANY else language,
                kind=None if kind == ANY else kind,
            )
            if not hits:
                st.info(t("ui.knowledge.no_hits_is_the_knowledge_base"))
            for rank, hit in enumerate(hits, 1):
                with st.container(border=True):
                    head = f"**{rank}.** {badge(kind_name(hit.kind), KIND_COLORS.get(hit.kind, 'gray'))} "
                    head += f"**{escape_md(hit.project_name)}** :gray[`{hit.project}` · {task_type_name(hit.task_type)} · {hit.language}]"
                    if hit.label:
                        head += " " + badge(hit.label + (f" · {hit.polarity}" if hit.polarity else ""), "orange" if hit.polarity == "negative" else "gray")
                    score, body = st.columns([1, 9])
                    score.metric(t("ui.knowledge.score"), f"{hit.score:.2f}", label_visibility="visible")
                    body.markdown(head)
                    text = hit.text if len(hit.text) <= 260 else hit.text[:260] + "…"
                    body.markdown(escape_md(text).replace("\\n", "  \n"))

# ---------------------------------------------------------------------------------------------
# Browse
# ---------------------------------------------------------------------------------------------
with tab_browse:
    past = attempt(lambda: list(ws.store.past_projects())) or []
    if not past:
        st.info(t("ui.knowledge.no_past_projects_yet"))
    else:
        by_id = {p.id: p for p in past}
        chosen = select(st.selectbox,
            t("ui.knowledge.past_project"), list(by_id),
            format_func=lambda key, by_id=by_id: f"{by_id[key].name} · {key} · {task_type_name(by_id[key].task_type.value)}", key="kb_browse",
        )
        project = by_id[chosen]
        st.markdown(f"### {escape_md(project.name)}")
        st.markdown(
            " ".join(
                [
                    badge(task_type_name(project.task_type.value), "blue"),
                    badge(language_name(project.language.value), "gray"),
                    badge(project.domain, "gray"),
                    *(badge(tag, "gray") for tag in project.tags[:6]),
                ]
            )
        )
        st.markdown(escape_md(project.summary))
        st.markdown(f"**{t('ui.knowledge.task_definition')}**: {escape_md(project.rules.task_definition)}")
        st.markdown(f"**{t('ui.knowledge.labels')}**")
        label_columns = st.columns(2)
        for index, label in enumerate(project.rules.labels):
            positives = sum(1 for e in project.examples if e.label == label.name and e.polarity.value == "positive")
            negatives = sum(1 for e in project.examples if e.label == label.name and e.polarity.value == "negative")
            with label_columns[index % 2].container(border=True):
                st.markdown(
                    f"**{escape_md(label.name)}** "
                    + badge(t("ui.knowledge.examples_3", n=positives), "green")
                    + " "
                    + badge(t("ui.knowledge.look_alikes", n=negatives), "orange")
                )
                st.markdown(escape_md(label.definition))
                if label.criteria:
                    st.markdown("\n".join(f"- {escape_md(criterion)}" for criterion in label.criteria))
                if label.aliases:
                    st.caption(t("ui.knowledge.also_called", a=", ".join(label.aliases)))
        with st.expander(t("ui.knowledge.examples_2", n=len(project.examples)), icon=":material/format_quote:"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "": "✓" if e.polarity.value == "positive" else "✗",
                            "label": e.label + (f" → {e.correct_label}" if e.correct_label else ""),
                            "text": e.text,
                            "why": e.explanation,
                        }
                        for e in project.examples
                    ]
                ),
                hide_index=True,
                width="stretch",
                column_config={
                    "": st.column_config.TextColumn("", width=40),
                    "label": st.column_config.TextColumn(t("ui.knowledge.label"), width="small"),
                    "text": st.column_config.TextColumn(t("ui.knowledge.text"), width="large"),
                    "why": st.column_config.TextColumn(t("ui.knowledge.why"), width="large"),
                },
            )
        if project.rules.decision_procedure:
            with st.expander(t("ui.knowledge.decision_procedure"), icon=":material/account_tree:"):
                st.markdown("\n".join(f"{i}. {escape_md(step)}" for i, step in enumerate(project.rules.decision_procedure, 1)))
        if project.rules.edge_cases:
            with st.expander(t("ui.knowledge.edge_cases", n=len(project.rules.edge_cases)), icon=":material/call_split:"):
                st.dataframe(
                    pd.DataFrame([{"case": e.case, "resolution": e.resolution} for e in project.rules.edge_cases]),
                    hide_index=True, width="stretch",
                    column_config={
                        "case": st.column_config.TextColumn(t("ui.knowledge.case"), width="large"),
                        "resolution": st.column_config.TextColumn(t("ui.knowledge.resolution"), width="large"),
                    },
                )
        if project.agreement or project.lessons:
            with st.expander(t("ui.knowledge.agreement_and_lessons"), icon=":material/school:"):
                for result in project.agreement:
                    st.markdown(f"- **{escape_md(result.round)}**: {escape_md(result.metric)} {result.value:.2f} {escape_md(result.note)}")
                for lesson in project.lessons:
                    st.markdown(f"- 💡 {escape_md(lesson)}")

# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------
with tab_import:
    if not may_change:
        st.info(
            t("ui.knowledge.importing_into_the_knowledge_base_is"), icon=":material/block:"
        )
    else:
        st.markdown(f"**{t('ui.knowledge.past_project_files_yaml_or_json')}**")
        st.caption(
            t(
                "ui.knowledge.the_same_shape_as_the_bundled",
            )
        )
        project_files = st.file_uploader(
            t("ui.knowledge.project_files"), type=["yaml", "yml", "json"], accept_multiple_files=True, key="kb_project_files"
        )
        if st.button(t("ui.knowledge.import_the_files"), disabled=not project_files, icon=":material/upload:"):
            with guard():
                require(user, "manage_knowledge")
                folder = ("_incoming", staging_dir(ws), "knowledge")
                paths = [save_upload(ws, f, *folder) for f in project_files]
                try:
                    report = import_project_files(paths, ws.store, ws.kb)
                except Exception as error:  # name the uploads, not the server paths
                    message = error_text(error, ui_language())
                    for path, f in zip(paths, project_files):
                        message = message.replace(str(path), f.name)
                    raise type(error)(message) from None
                st.success(
                    t(
                        "ui.knowledge.imported_project_s_added_updated_unchanged",
                        n=report.projects, a=len(report.added), u=len(report.updated), s=len(report.unchanged), d=report.documents,
                    )
                )

        st.divider()
        st.markdown(f"**{t('ui.knowledge.a_rule_document_markdown_or_word')}**")
        st.caption(
            t(
                "ui.knowledge.a_guideline_written_elsewhere_its_labels",
            )
        )
        document = st.file_uploader(t("ui.knowledge.rule_document"), type=["md", "markdown", "txt", "docx"], key="kb_document")
        d1, d2, d3 = st.columns(3)
        doc_task = select(d1.selectbox, t("ui.knowledge.task_type"), [tt.value for tt in TaskType], format_func=task_type_name, key="kb_doc_task")
        doc_language = select(d2.selectbox,
            t("ui.knowledge.language"), [lang.value for lang in Language], format_func=language_name, key="kb_doc_language"
        )
        doc_domain = d3.text_input(t("ui.knowledge.domain"), value="general", key="kb_doc_domain")
        default_id = default_document_id(document.name) if document else ""
        e1, e2 = st.columns(2)
        doc_id = e1.text_input(t("ui.knowledge.id_lowercase_letters_digits"), value=default_id, key=f"kb_doc_id_{default_id}")
        doc_name = e2.text_input(t("ui.knowledge.name_default_the_document_title"), key="kb_doc_name")
        doc_replace = st.checkbox(
            t("ui.knowledge.replace_a_past_project_that_already"), key="kb_doc_replace"
        )
        if st.button(t("ui.knowledge.import_the_document"), disabled=document is None, icon=":material/upload_file:"):
            with guard():
                require(user, "manage_knowledge")
                path = save_upload(ws, document, "_incoming", staging_dir(ws), "documents")
                project = call_on_upload(
                    path, document.name, past_project_from_document, path,
                    project_id=doc_id.strip() or "imported-doc", task_type=doc_task, language=doc_language,
                    name=doc_name.strip() or None, domain=doc_domain.strip() or "general",
                )
                check_free(
                    ws.store, project.id, replace=doc_replace, source=document.name,
                    how=t("ui.knowledge.tick_replace_to_replace_it_or"),
                )
                report = store_and_index([(project, f"document:{document.name}")], ws.store, ws.kb)
                st.success(
                    t(
                        "ui.knowledge.imported_as_past_project_labels_examples",
                        f=document.name, p=project.id, l=len(project.rules.labels), e=len(project.examples),
                        c=len(project.rules.edge_cases), how=t("ui.knowledge.added") if report.added else t("ui.knowledge.updated"),
                    )
                )

# ---------------------------------------------------------------------------------------------
# Deliver
# ---------------------------------------------------------------------------------------------
with tab_deliver:
    st.caption(
        t(
            "ui.knowledge.delivering_a_finished_project_adds_its",
        )
    )
    ready = [  # the demo project's sample data never becomes knowledge
        row for row in (attempt(ws.store.projects) or []) if ws.store.artifacts(row.id, "rulebook") and not is_demo(row)
    ]
    if not ready:
        st.info(t("ui.knowledge.no_project_has_a_rulebook_yet"))
    else:
        by_id = {row.id: row for row in ready}
        current = current_project()
        with st.form("kb_deliver", border=False):
            chosen = select(st.selectbox,
                t("ui.knowledge.project"), list(by_id), index=list(by_id).index(current) if current in by_id else 0,
                format_func=lambda key, by_id=by_id: project_label(by_id[key]), key="kb_deliver_project",
            )
            lessons_text = st.text_area(
                t("ui.knowledge.lessons_learned_one_per_line_or"),
                placeholder=t(
                    "ui.knowledge.sarcasm_was_the_main_source_of",
                ),
                height=120,
            )
            delivered = st.form_submit_button(t("ui.knowledge.deliver"), type="primary", icon=":material/local_shipping:")
        if delivered:
            with guard():
                require(user, "deliver", by_id[chosen])
                past = deliver(ws, chosen, lessons=lessons_from_markdown(lessons_text or ""))
                rounds = len(ws.store.artifacts(chosen, "agreement"))
                st.success(
                    t(
                        "ui.knowledge.delivered_project_is_now_a_past",
                        p=past.id, l=len(past.rules.labels), e=len(past.examples), r=rounds, n=len(past.lessons),
                    ),
                    icon=":material/local_shipping:",
                )
                render_next_step(ws, chosen)
