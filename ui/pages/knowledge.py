"""Knowledge base: search past projects, rules and examples; browse a project; import; deliver."""

from __future__ import annotations


import pandas as pd
import streamlit as st

from assistant.delivery.past_project import deliver, lessons_from_markdown
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
from ui.i18n import KIND_NAMES, LANGUAGE_NAMES, pick, t, task_type_name
from ui.state import current_project, workspace
from ui.workflow import is_demo, render_next_step

ANY = "__any__"
KIND_COLORS = {"project": "blue", "rule": "violet", "example": "green"}

page_header(
    t("Knowledge base", "知识库"),
    t(
        "Past projects with their rules and examples. The assistant borrows from them; delivering a project adds it here, "
        "so the next similar request starts from what was learned.",
        "历史项目及其规则和示例。需求助手会参考它们；项目交付后会加入这里，下一个相似需求就能从已有经验出发。",
    ),
)

ws = attempt(workspace)
if ws is None:
    st.stop()

stats = attempt(ws.kb.stats) or {"documents": 0, "by_kind": {}, "projects_by_task_type": {}}
count = attempt(ws.store.count_past_projects) or 0
cols = st.columns(4)
cols[0].metric(t("Past projects", "历史项目"), count)
cols[1].metric(t("Rules", "规则"), stats["by_kind"].get("rule", 0))
cols[2].metric(t("Examples", "示例"), stats["by_kind"].get("example", 0))
cols[3].metric(t("Task types", "任务类型"), len(stats["projects_by_task_type"]))

if count == 0:
    st.warning(
        t(
            "The knowledge base is empty. Seed it with the 10 bundled past projects to get started.",
            "知识库是空的。导入 10 个内置的历史项目即可开始使用。",
        ),
        icon=":material/inventory_2:",
    )
    if st.button(t("Seed the knowledge base", "导入内置历史项目"), type="primary", icon=":material/download:"):
        with guard():
            with st.spinner(t("Indexing the bundled past projects…", "正在为内置历史项目建立索引……")):
                report = seed(ws.store, ws.kb)
            st.toast(t("Seeded {n} projects", "已导入 {n} 个项目", n=report.projects), icon="✅")
            st.rerun()

tab_search, tab_browse, tab_import, tab_deliver = st.tabs(
    [t("Search", "搜索"), t("Browse a project", "浏览项目"), t("Import", "导入"), t("Deliver a project", "交付项目")]
)

# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------
with tab_search:
    with st.form("kb_search", border=False):
        query = st.text_input(
            t("Search by meaning, in Chinese or English", "按语义搜索，中英文均可"),
            placeholder=t("e.g. customer wants a refund, angry complaint", "例如：用户投诉 情绪识别、要求退款"),
            key="kb_query",
        )
        f1, f2, f3, f4 = st.columns([2, 1, 1, 1])
        task_type = select(f1.selectbox,
            t("Task type", "任务类型"), [ANY, *(tt.value for tt in TaskType)],
            format_func=lambda v: t("any", "全部") if v == ANY else task_type_name(v), key="kb_task_type",
        )
        language = select(f2.selectbox,
            t("Language", "语言"), [ANY, *(lang.value for lang in Language)],
            format_func=lambda v: t("any", "全部") if v == ANY else pick(LANGUAGE_NAMES[v]), key="kb_language",
        )
        kind = select(f3.selectbox,
            t("Kind", "类型"), [ANY, *KINDS], format_func=lambda v: t("any", "全部") if v == ANY else pick(KIND_NAMES[v]), key="kb_kind",
        )
        k = f4.number_input(t("Results", "结果数"), 1, 50, 8, key="kb_k")
        searched = st.form_submit_button(t("Search", "搜索"), type="primary", icon=":material/search:")
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
                st.info(t("No hits. Is the knowledge base seeded? Try fewer filters.", "没有结果。知识库是否已导入？试试减少筛选条件。"))
            for rank, hit in enumerate(hits, 1):
                with st.container(border=True):
                    head = f"**{rank}.** {badge(pick(KIND_NAMES[hit.kind]), KIND_COLORS.get(hit.kind, 'gray'))} "
                    head += f"**{escape_md(hit.project_name)}** :gray[`{hit.project}` · {task_type_name(hit.task_type)} · {hit.language}]"
                    if hit.label:
                        head += " " + badge(hit.label + (f" · {hit.polarity}" if hit.polarity else ""), "orange" if hit.polarity == "negative" else "gray")
                    score, body = st.columns([1, 9])
                    score.metric(t("score", "相似度"), f"{hit.score:.2f}", label_visibility="visible")
                    body.markdown(head)
                    text = hit.text if len(hit.text) <= 260 else hit.text[:260] + "…"
                    body.markdown(escape_md(text).replace("\\n", "  \n"))

# ---------------------------------------------------------------------------------------------
# Browse
# ---------------------------------------------------------------------------------------------
with tab_browse:
    past = attempt(lambda: list(ws.store.past_projects())) or []
    if not past:
        st.info(t("No past projects yet.", "还没有历史项目。"))
    else:
        by_id = {p.id: p for p in past}
        chosen = select(st.selectbox,
            t("Past project", "历史项目"), list(by_id),
            format_func=lambda key, by_id=by_id: f"{by_id[key].name} · {key} · {task_type_name(by_id[key].task_type.value)}", key="kb_browse",
        )
        project = by_id[chosen]
        st.markdown(f"### {escape_md(project.name)}")
        st.markdown(
            " ".join(
                [
                    badge(task_type_name(project.task_type.value), "blue"),
                    badge(pick(LANGUAGE_NAMES.get(project.language.value, (project.language.value,) * 2)), "gray"),
                    badge(project.domain, "gray"),
                    *(badge(tag, "gray") for tag in project.tags[:6]),
                ]
            )
        )
        st.markdown(escape_md(project.summary))
        st.markdown(f"**{t('Task definition', '任务定义')}**: {escape_md(project.rules.task_definition)}")
        st.markdown(f"**{t('Labels', '标签')}**")
        label_columns = st.columns(2)
        for index, label in enumerate(project.rules.labels):
            positives = sum(1 for e in project.examples if e.label == label.name and e.polarity.value == "positive")
            negatives = sum(1 for e in project.examples if e.label == label.name and e.polarity.value == "negative")
            with label_columns[index % 2].container(border=True):
                st.markdown(
                    f"**{escape_md(label.name)}** "
                    + badge(t("✓ {n} examples", "✓ {n} 个正例", n=positives), "green")
                    + " "
                    + badge(t("✗ {n} look-alikes", "✗ {n} 个反例", n=negatives), "orange")
                )
                st.markdown(escape_md(label.definition))
                if label.criteria:
                    st.markdown("\n".join(f"- {escape_md(criterion)}" for criterion in label.criteria))
                if label.aliases:
                    st.caption(t("Also called: {a}", "别名：{a}", a=", ".join(label.aliases)))
        with st.expander(t("Examples ({n})", "示例（{n}）", n=len(project.examples)), icon=":material/format_quote:"):
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
                    "label": st.column_config.TextColumn(t("Label", "标签"), width="small"),
                    "text": st.column_config.TextColumn(t("Text", "文本"), width="large"),
                    "why": st.column_config.TextColumn(t("Why", "理由"), width="large"),
                },
            )
        if project.rules.decision_procedure:
            with st.expander(t("Decision procedure", "判定流程"), icon=":material/account_tree:"):
                st.markdown("\n".join(f"{i}. {escape_md(step)}" for i, step in enumerate(project.rules.decision_procedure, 1)))
        if project.rules.edge_cases:
            with st.expander(t("Edge cases ({n})", "边界情况（{n}）", n=len(project.rules.edge_cases)), icon=":material/call_split:"):
                st.dataframe(
                    pd.DataFrame([{"case": e.case, "resolution": e.resolution} for e in project.rules.edge_cases]),
                    hide_index=True, width="stretch",
                    column_config={
                        "case": st.column_config.TextColumn(t("Case", "情况"), width="large"),
                        "resolution": st.column_config.TextColumn(t("Resolution", "处理方式"), width="large"),
                    },
                )
        if project.agreement or project.lessons:
            with st.expander(t("Agreement and lessons", "一致性与经验"), icon=":material/school:"):
                for result in project.agreement:
                    st.markdown(f"- **{escape_md(result.round)}**: {escape_md(result.metric)} {result.value:.2f} {escape_md(result.note)}")
                for lesson in project.lessons:
                    st.markdown(f"- 💡 {escape_md(lesson)}")

# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------
with tab_import:
    st.markdown(f"**{t('Past-project files (YAML or JSON)', '历史项目文件（YAML 或 JSON）')}**")
    st.caption(
        t(
            "The same shape as the bundled seed files (knowledge/seed/*.yaml). Every file is checked first; nothing is written unless all are valid.",
            "格式与内置种子文件（knowledge/seed/*.yaml）相同。所有文件会先校验，全部有效才会写入。",
        )
    )
    project_files = st.file_uploader(
        t("Project files", "项目文件"), type=["yaml", "yml", "json"], accept_multiple_files=True, key="kb_project_files"
    )
    if st.button(t("Import the files", "导入文件"), disabled=not project_files, icon=":material/upload:"):
        with guard():
            folder = ("_incoming", staging_dir(ws), "knowledge")
            paths = [save_upload(ws, f, *folder) for f in project_files]
            try:
                report = import_project_files(paths, ws.store, ws.kb)
            except Exception as error:  # name the uploads, not the server paths
                message = str(error)
                for path, f in zip(paths, project_files):
                    message = message.replace(str(path), f.name)
                raise type(error)(message) from None
            st.success(
                t(
                    "Imported {n} project(s): {a} added, {u} updated, {s} unchanged; {d} documents indexed.",
                    "已导入 {n} 个项目：新增 {a}，更新 {u}，未变 {s}；索引了 {d} 个文档。",
                    n=report.projects, a=len(report.added), u=len(report.updated), s=len(report.unchanged), d=report.documents,
                )
            )

    st.divider()
    st.markdown(f"**{t('A rule document (Markdown or Word)', '规则文档（Markdown 或 Word）')}**")
    st.caption(
        t(
            "A guideline written elsewhere: its labels section (a “Labels” heading) with one heading per label, examples as «text» → label, and an edge-case table.",
            "在其他地方写好的标注规范：需要有标签章节（“标签定义”标题），每个标签一个小标题，示例写成 «文本» → 标签，边界情况用表格。",
        )
    )
    document = st.file_uploader(t("Rule document", "规则文档"), type=["md", "markdown", "txt", "docx"], key="kb_document")
    d1, d2, d3 = st.columns(3)
    doc_task = select(d1.selectbox, t("Task type", "任务类型"), [tt.value for tt in TaskType], format_func=task_type_name, key="kb_doc_task")
    doc_language = select(d2.selectbox,
        t("Language", "语言"), [lang.value for lang in Language], format_func=lambda v: pick(LANGUAGE_NAMES[v]), key="kb_doc_language"
    )
    doc_domain = d3.text_input(t("Domain", "业务领域"), value="general", key="kb_doc_domain")
    default_id = default_document_id(document.name) if document else ""
    e1, e2 = st.columns(2)
    doc_id = e1.text_input(t("Id (lowercase letters, digits, -)", "编号（小写字母、数字、-）"), value=default_id, key=f"kb_doc_id_{default_id}")
    doc_name = e2.text_input(t("Name (default: the document title)", "名称（默认使用文档标题）"), key="kb_doc_name")
    doc_replace = st.checkbox(
        t("Replace a past project that already has this id", "替换编号相同的已有历史项目"), key="kb_doc_replace"
    )
    if st.button(t("Import the document", "导入文档"), disabled=document is None, icon=":material/upload_file:"):
        with guard():
            path = save_upload(ws, document, "_incoming", staging_dir(ws), "documents")
            project = call_on_upload(
                path, document.name, past_project_from_document, path,
                project_id=doc_id.strip() or "imported-doc", task_type=doc_task, language=doc_language,
                name=doc_name.strip() or None, domain=doc_domain.strip() or "general",
            )
            check_free(
                ws.store, project.id, replace=doc_replace, source=document.name,
                how=t("tick 'Replace …' to replace it, or give another id", "勾选“替换……”以替换它，或换一个编号"),
            )
            report = store_and_index([(project, f"document:{document.name}")], ws.store, ws.kb)
            st.success(
                t(
                    "Imported {f} as past project {p}: {l} labels, {e} examples, {c} edge cases ({how}).",
                    "已将 {f} 导入为历史项目 {p}：{l} 个标签，{e} 个示例，{c} 个边界情况（{how}）。",
                    f=document.name, p=project.id, l=len(project.rules.labels), e=len(project.examples),
                    c=len(project.rules.edge_cases), how=t("added", "新增") if report.added else t("updated", "更新"),
                )
            )

# ---------------------------------------------------------------------------------------------
# Deliver
# ---------------------------------------------------------------------------------------------
with tab_deliver:
    st.caption(
        t(
            "Delivering a finished project adds its latest rulebook, its recorded trial rounds and your lessons to the knowledge base, "
            "and marks it delivered. A label that still needs a definition blocks delivery.",
            "交付一个已完成的项目：把它最新的规则书、已记录的试标轮次和你的经验加入知识库，并标记为“已交付”。仍有待定义的标签时无法交付。",
        )
    )
    ready = [  # the demo project's sample data never becomes knowledge
        row for row in (attempt(ws.store.projects) or []) if ws.store.artifacts(row.id, "rulebook") and not is_demo(row)
    ]
    if not ready:
        st.info(t("No project has a rulebook yet.", "还没有项目生成规则书。"))
    else:
        by_id = {row.id: row for row in ready}
        current = current_project()
        with st.form("kb_deliver", border=False):
            chosen = select(st.selectbox,
                t("Project", "项目"), list(by_id), index=list(by_id).index(current) if current in by_id else 0,
                format_func=lambda key, by_id=by_id: project_label(by_id[key]), key="kb_deliver_project",
            )
            lessons_text = st.text_area(
                t("Lessons learned (one per line or bullet)", "经验教训（每行或每个要点一条）"),
                placeholder=t(
                    "- Sarcasm was the main source of disagreement; an edge case fixed it\n- Annotators needed the refund policy",
                    "- 反讽是主要分歧来源，加了边界情况后解决\n- 标注员需要先了解退款政策",
                ),
                height=120,
            )
            delivered = st.form_submit_button(t("Deliver", "交付"), type="primary", icon=":material/local_shipping:")
        if delivered:
            with guard():
                past = deliver(ws, chosen, lessons=lessons_from_markdown(lessons_text or ""))
                rounds = len(ws.store.artifacts(chosen, "agreement"))
                st.success(
                    t(
                        "Delivered: project {p} is now a past project with {l} labels, {e} examples, {r} trial round(s) and {n} lesson(s).",
                        "已交付：项目 {p} 已成为历史项目，包含 {l} 个标签、{e} 个示例、{r} 轮试标和 {n} 条经验。",
                        p=past.id, l=len(past.rules.labels), e=len(past.examples), r=rounds, n=len(past.lessons),
                    ),
                    icon=":material/local_shipping:",
                )
                render_next_step(ws, chosen)
