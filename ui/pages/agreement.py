"""Agreement: a trial round's label files against the rulebook: PASS/FAIL, charts, disagreements, suggestions."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import streamlit as st

from assistant.core.errors import RulebookError
from assistant.service.projects import accept_recorded_suggestion, record_agreement, rulebook_version
from assistant.rulebook.export import diff_text, from_json, load_rulebook, to_json
from evaluation.suggestions import accept_suggestion
from evaluation import SAMPLES_DIR
from evaluation.agreement import metric_name
from evaluation.report import to_markdown as report_markdown
from evaluation.trial import evaluate_files
from ui.charts import agreement_bars, confusion_chart, per_label_chart
from ui.components import (
    select,
    DATA_TYPES,
    attempt,
    badge,
    escape_md,
    guard,
    page_header,
    project_label,
    render_diff,
    rulebook_stats,
    save_upload,
    staging_dir,
)
from ui.i18n import is_zh, t
from ui.state import current_project, workspace
from ui.workflow import render_next_step

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_FILES = [SAMPLES_DIR / "human_a.csv", SAMPLES_DIR / "human_b.csv"]
EXAMPLE_TEXTS = SAMPLES_DIR / "items.csv"
EXAMPLE_RULEBOOK = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"

page_header(
    t("Agreement", "一致性评估"),
    t(
        "Upload a trial round's labels (two or more annotators, or the model's pre-labels) and check them against the rulebook: "
        "PASS or FAIL against its target, where people disagree and why, and what to change in the rules.",
        "上传一轮试标的标注结果（两位及以上标注员，或模型预标注），对照规则书检查：是否达到一致率目标、在哪里出现分歧以及原因、规则该怎么改。",
    ),
)

ws = attempt(workspace)
if ws is None:
    st.stop()

# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------
st.subheader(t("1 · Label files", "1 · 标注文件"))
files = st.file_uploader(
    t(
        "One file per annotator (id, label), or one file with an annotator column. CSV, JSONL, JSON or XLSX; pre-label output works too.",
        "每位标注员一个文件（id、label 两列），或一个带 annotator 列的文件。支持 CSV、JSONL、JSON、XLSX，也可直接用预标注输出。",
    ),
    type=DATA_TYPES,
    accept_multiple_files=True,
    key="agree_files",
)
texts_file = st.file_uploader(
    t("Item texts (optional: id, text), so the review shows what was labeled", "数据文本（可选：id、text 两列），用于在分歧中显示原文"),
    type=DATA_TYPES,
    key="agree_texts",
)


def _use_example() -> None:
    st.session_state["agree_example"] = True
    st.session_state["agree_run"] = True
    st.session_state["agree_rulebook_source"] = "example"


def _stop_example() -> None:
    st.session_state["agree_example"] = False
    st.session_state.pop("agree_result", None)


use_example = bool(st.session_state.get("agree_example")) and not files
if use_example:
    info, stop = st.columns([5, 1], vertical_alignment="center")
    info.info(
        t(
            "Using the bundled example: two annotators (human_a.csv, human_b.csv) on 40 customer-service messages (items.csv), "
            "with the complaint-sentiment rulebook.",
            "正在使用内置示例：两位标注员（human_a.csv、human_b.csv）对 40 条客服消息（items.csv）的标注，以及客服投诉情绪规则书。",
        ),
        icon=":material/science:",
    )
    stop.button(t("Clear", "清除"), on_click=_stop_example, width="stretch")
elif not files:
    st.button(t("Use the example files", "使用示例文件"), icon=":material/science:", on_click=_use_example)

st.subheader(t("2 · Rulebook", "2 · 规则书"))
projects = [row for row in (attempt(ws.store.projects) or []) if ws.store.artifacts(row.id, "rulebook")]
sources = (["example"] if use_example and EXAMPLE_RULEBOOK.exists() else []) + (["project"] if projects else []) + ["file", "none"]
if st.session_state.get("agree_rulebook_source") not in sources:
    st.session_state["agree_rulebook_source"] = sources[0]
source = select(st.radio,
    t("Rulebook from", "规则书来源"),
    sources,
    format_func=lambda s: {
        "example": t("the example rulebook", "示例规则书"),
        "project": t("a project", "项目"),
        "file": t("a rulebook JSON file", "规则书 JSON 文件"),
        "none": t("none (labels are not checked)", "不使用（不检查标签）"),
    }[s],
    horizontal=True,
    key="agree_rulebook_source",
)
rulebook = None
rulebook_origin: tuple = ("none",)
if source == "example":
    rulebook = attempt(load_rulebook, EXAMPLE_RULEBOOK)
    rulebook_origin = ("file", EXAMPLE_RULEBOOK.name)
elif source == "project":
    by_id = {row.id: row for row in projects}
    current = current_project()
    pcol, vcol = st.columns([3, 1])
    project_id = select(pcol.selectbox,
        t("Project", "项目"),
        list(by_id),
        index=list(by_id).index(current) if current in by_id else 0,
        format_func=lambda key, by_id=by_id: project_label(by_id[key]),
        key="agree_project",
    )
    versions = sorted((a.version for a in ws.store.artifacts(project_id, "rulebook")), reverse=True)
    version = select(vcol.selectbox, t("Version", "版本"), versions, key=f"agree_version_{project_id}")
    rulebook = attempt(rulebook_version, ws, project_id, version)
    rulebook_origin = ("project", project_id, version)
elif source == "file":
    rulebook_file = st.file_uploader(t("Rulebook JSON", "规则书 JSON"), type=["json"], key="agree_rulebook_file")
    if rulebook_file is not None:
        rulebook = attempt(from_json, rulebook_file.getvalue(), name=rulebook_file.name)
        rulebook_origin = ("file", rulebook_file.name)
if rulebook is not None:
    target = rulebook.quality.target_agreement
    st.caption(
        f"**{escape_md(rulebook.title)}** · v{rulebook.version} · "
        + rulebook_stats(rulebook)
        + " · "
        + t("target: {m} ≥ {v:.0%}", "目标：{m} ≥ {v:.0%}", m=metric_name(rulebook.quality.agreement_metric, "zh" if is_zh() else "en"), v=target)
    )

with st.expander(t("Options", "选项")):
    normalise = st.checkbox(
        t("Merge spelling variants and aliases of rulebook labels", "合并规则书标签的写法变体和别名"),
        value=False,
        help=t("Off by default: variants are reported, not silently merged.", "默认关闭：写法变体会被报告，而不会被悄悄合并。"),
        key="agree_normalise",
    )
    c1, c2 = st.columns(2)
    label_field = c1.text_input(t("Label column", "标签列"), value="label", key="agree_label_field").strip() or "label"
    id_field = c2.text_input(t("Id column", "ID 列"), value="id", key="agree_id_field").strip() or "id"
    bootstrap = st.select_slider(
        t("Bootstrap resamples for the 95% intervals", "95% 置信区间的自助抽样次数"), [0, 200, 500, 1000, 2000], value=1000, key="agree_bootstrap"
    )

# ---------------------------------------------------------------------------------------------
# Compute
# ---------------------------------------------------------------------------------------------
signature = (
    tuple((f.name, f.size) for f in files or []) if not use_example else ("example",),
    (texts_file.name, texts_file.size) if texts_file else None,
    rulebook_origin,
    normalise,
    bootstrap,
    label_field,
    id_field,
)
run = st.button(
    t("Compute agreement", "计算一致性"), type="primary", icon=":material/analytics:", disabled=not (files or use_example)
)
if st.session_state.pop("agree_run", False):
    run = True


def _evaluate():
    if use_example:
        paths, names, texts_path = EXAMPLE_FILES, {}, EXAMPLE_TEXTS
    else:
        folder = ("_incoming", staging_dir(ws), "agreement")
        paths = [save_upload(ws, f, *folder) for f in files]
        names = {str(path): f.name for path, f in zip(paths, files)}
        texts_path = save_upload(ws, texts_file, *folder, "texts") if texts_file else None
        if texts_path is not None:
            names[str(texts_path)] = texts_file.name
    try:
        return evaluate_files(
            list(paths), rulebook, texts_path=texts_path, label_field=label_field, id_field=id_field,
            normalise=normalise, bootstrap=int(bootstrap), llm=ws.llm,
        )
    except RulebookError as error:
        message = str(error)
        for path, name in names.items():
            message = message.replace(path, name)
        message = message.replace("--label-field", t("Options → Label column", "选项 → 标签列"))
        message = message.replace("--id-field", t("Options → Id column", "选项 → ID 列"))
        message = message.replace("--normalise", t("Options → Merge spelling variants", "选项 → 合并写法变体"))
        raise type(error)(message) from None


if run:
    with guard():
        with st.spinner(t("Computing agreement, the disagreement review and suggestions…", "正在计算一致性、分歧和改进建议……")):
            st.session_state["agree_result"] = {
                "signature": signature,
                "result": _evaluate(),
                "rulebook": rulebook,
                "origin": rulebook_origin,
                "recorded": None,
                "accepted": {},
            }

state = st.session_state.get("agree_result")
if not state:
    st.stop()
if state["signature"] != signature:
    st.info(t("The inputs changed: compute again to update the report.", "输入已改变：请重新计算以更新报告。"), icon=":material/refresh:")
    st.stop()

result = state["result"]
report, review, suggestions = result.report, result.review, result.suggestions
zh = is_zh()
lang = "zh" if zh else "en"
used_rulebook = state["rulebook"]
if used_rulebook is not None and suggestions and all(s.engine != "llm" for s in suggestions) and used_rulebook.language != lang:
    # offline suggestions are templates: write them in the screen's language (they quote the rulebook as it is)
    from evaluation.review import suggestions_offline

    suggestions = suggestions_offline(review, used_rulebook.model_copy(update={"language": lang}))

# ---------------------------------------------------------------------------------------------
# The verdict and the figures
# ---------------------------------------------------------------------------------------------
st.divider()
st.subheader(t("3 · Result", "3 · 结果"))
verdict = report.verdict
verdict_text = verdict.text_zh if zh else verdict.text
if verdict.passed:
    st.success(f"### {t('PASS', '通过')}\n{verdict_text}", icon=":material/check_circle:")
elif verdict.passed is False:
    st.error(f"### {t('FAIL', '未通过')}\n{verdict_text}", icon=":material/cancel:")
else:
    st.warning(verdict_text, icon=":material/help:")
for note in verdict.notes_zh if zh else verdict.notes:
    st.caption(note)

st.caption(
    t(
        "Sets: {s} · {n} items, {c} labeled by every set · missing {m:.1%}",
        "标注集：{s} · 共 {n} 条，其中 {c} 条所有标注集都有标注 · 缺失 {m:.1%}",
        s=", ".join(f"{name}{' (' + t('reference', '参照') + ')' if name == report.reference else ''}" for name in report.sets),
        n=report.n_items,
        c=report.n_complete,
        m=report.missing_share,
    )
)
metrics = list(report.metrics.items())
columns = st.columns(min(4, len(metrics)) or 1)
for index, (key, metric) in enumerate(metrics):
    name = metric_name(key, lang)
    value = f"{metric.value:.3f}" if metric.defined and metric.value is not None else t("undefined", "无定义")
    band = (metric.band_zh if zh else metric.band) or ""
    if key.startswith("percent_agreement"):
        band = t("raw, not chance-corrected", "原始一致率，未做机会校正")
    ci = f"95% CI {metric.ci_low:.3f}–{metric.ci_high:.3f}" if metric.ci_low is not None else ""
    label = ("★ " if key == verdict.metric else "") + name
    explanation = metric.explanation if not zh else ""  # the metrics' own explanation is English only
    columns[index % len(columns)].metric(label, value, help=" · ".join(part for part in (band, ci, explanation) if part) or None)

read_notes = getattr(result, "notes_zh" if zh else "notes", [])
if read_notes:
    with st.expander(t("What was read from the files", "从文件中读到的内容"), icon=":material/description:"):
        st.markdown("\n".join(f"- {escape_md(note)}" for note in read_notes))
comparisons = getattr(result, "comparisons", [])
if comparisons:
    st.markdown(f"**{t('The reference and the model, one by one', '参照和模型，逐一比较')}**")
    st.dataframe(
        pd.DataFrame(
            [
                {t("set", "标注集"): row["set"], t("against", "对照"): row["against"], t("items", "条数"): row["n"],
                 t("agree", "一致"): row["agree"], t("share", "一致率"): row["share"]}
                for row in comparisons
            ]
        ),
        hide_index=True,
        width="stretch",
    )

problems = [
    message.replace("--normalise", t("Options → Merge spelling variants", "“选项 → 合并写法变体”")).replace(
        "(normalise)", t("(merged: Options → Merge spelling variants)", "（已合并）")
    )
    for message in report.problems.messages(lang)
]
unknown = {label for s in report.problems.sets for label in s.unknown_labels}
if unknown:
    st.error(
        t(
            "Labels outside the rulebook: {l}. Fix them in the files (or choose the rulebook these labels come from); they count as different labels.",
            "出现了规则书以外的标签：{l}。请在文件中改正（或选择这些标签所属的规则书）；它们会被当作不同的标签计算。",
            l=", ".join(sorted(unknown)),
        ),
        icon=":material/error:",
    )
if problems:
    with st.expander(t("Data problems ({n})", "数据问题（{n}）", n=len(problems)), expanded=not unknown, icon=":material/warning:"):
        st.markdown("\n".join(f"- {escape_md(message)}" for message in problems))

left, right = st.columns(2)
metric_names = {"precision": t("precision", "精确率"), "recall": t("recall", "召回率"), "f1": "F1"}
with left:
    if report.confusion is not None and report.confusion.labels:
        st.markdown(f"**{t('Confusion matrix', '混淆矩阵')}**")
        st.altair_chart(confusion_chart(report.confusion, report.reference or "", report.compared or ""), width="stretch")
    elif report.pairwise:
        st.markdown(f"**{t('Pairwise agreement', '两两一致率')}**")
        st.dataframe(
            pd.DataFrame(
                [{"a": p.a, "b": p.b, metric_name("percent_agreement", lang): p.percent_agreement.value, "kappa": p.cohen_kappa.value} for p in report.pairwise]
            ),
            hide_index=True,
            width="stretch",
        )
with right:
    if report.per_label:
        st.markdown(f"**{t('Per label, {c} against {r}', '各标签：{c} 对照 {r}', c=escape_md(report.compared), r=escape_md(report.reference))}**")
        st.altair_chart(per_label_chart(report.per_label, metric_names=metric_names, order=[str(label) for label in report.label_order]), width="stretch")
    elif report.label_agreement:
        st.markdown(f"**{t('Specific agreement per label', '各标签的特定一致率')}**")
        st.altair_chart(
            agreement_bars(report.label_agreement, rulebook.quality.target_agreement if rulebook else None, title=""),
            width="stretch",
        )

# ---------------------------------------------------------------------------------------------
# Disagreements
# ---------------------------------------------------------------------------------------------
st.subheader(t("Where people disagree", "分歧在哪里"))
if not review.groups:
    st.success(t("No disagreements: every item got the same label.", "没有分歧：每条数据的标签都一致。"))
st.caption(
    t(
        "{d} of {n} compared items disagree, grouped by label pair (most frequent first).",
        "{n} 条可比较的数据中有 {d} 条存在分歧，按标签对分组（最多的在前）。",
        d=review.n_disagreements,
        n=review.n_compared,
    )
)
for number, group in enumerate(review.groups, 1):
    a, b = group.pair
    title = t(
        "{a} ↔ {b} · {n} item(s), {s:.0%} of disagreements",
        "{a} ↔ {b} · {n} 条，占分歧的 {s:.0%}",
        a=a,
        b=b,
        n=group.count,
        s=group.share,
    )
    with st.expander(title, expanded=number == 1, icon=":material/compare_arrows:"):
        definition_columns = st.columns(len(group.definitions) or 1)
        for column, definition in zip(definition_columns, group.definitions):
            with column.container(border=True):
                if definition.in_rulebook:
                    st.markdown(f"**{escape_md(definition.label)}**")
                elif definition.rulebook_label:
                    st.markdown(f"**{escape_md(definition.label)}** " + badge(t("variant of {x}", "{x} 的变体", x=definition.rulebook_label), "orange"))
                else:
                    st.markdown(f"**{escape_md(definition.label)}** " + badge(t("not in the rulebook", "不在规则书中"), "red"))
                if definition.definition:
                    st.markdown(escape_md(definition.definition))
                if definition.criteria:
                    st.markdown("\n".join(f"- {escape_md(c)}" for c in definition.criteria))
                if not definition.definition and not definition.criteria:
                    st.caption(t("No definition in the rulebook.", "规则书中没有定义。"))
        table = []
        for item in group.items:
            row = {"id": item.id, "text": item.text or ""}
            row.update({name: label or "—" for name, label in item.labels.items()})
            if item.rationale:
                row["rationale"] = item.rationale
            table.append(row)
        st.dataframe(
            pd.DataFrame(table),
            hide_index=True,
            width="stretch",
            column_config={"id": st.column_config.TextColumn("id", width="small"), "text": st.column_config.TextColumn(t("Text", "文本"), width="large")},
        )

# ---------------------------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------------------------
st.subheader(t("Suggested rule changes", "规则修改建议"))
if not suggestions:
    st.caption(t("No suggestions: there were no disagreements to learn from.", "没有建议：没有可供分析的分歧。"))
origin = state["origin"]


def _accept(number: int) -> None:
    """Apply suggestion NUMBER as a new rulebook version (a project's, or a downloadable file)."""
    suggestion = suggestions[number - 1]
    if origin[0] == "project":
        project_id = origin[1]
        if state["recorded"] is None:
            record_agreement(ws, project_id, result.to_json())
            state["recorded"] = ws.store.artifacts(project_id, "agreement")[-1].version
        previous, new = accept_recorded_suggestion(ws, project_id, number, round_number=state["recorded"])
    else:
        previous = state["rulebook"]
        new = accept_suggestion(previous, suggestion).model_copy(update={"project_id": None})
    state["accepted"][number] = {"previous": previous, "new": new}


for number, suggestion in enumerate(suggestions, 1):
    with st.container(border=True):
        head = f"**{number}. {escape_md(suggestion.pair[0])} ↔ {escape_md(suggestion.pair[1])}**"
        head += " " + badge("LLM" if suggestion.engine == "llm" else t("offline", "离线"), "blue" if suggestion.engine == "llm" else "gray")
        st.markdown(head)
        st.markdown(escape_md(suggestion.message.replace("--normalise", t("Options → Merge spelling variants", "“选项 → 合并写法变体”"))))
        if suggestion.examples:
            with st.expander(t("Examples on the boundary ({n})", "边界示例（{n}）", n=len(suggestion.examples))):
                for example in suggestion.examples:
                    mark = "✓" if example.polarity == "positive" else "✗"
                    actually = f" → {example.correct_label}" if example.correct_label else ""
                    st.markdown(f"- {mark} **{escape_md(example.label)}{escape_md(actually)}** «{escape_md(example.text)}» :gray[{escape_md(example.explanation)}]")
        if suggestion.proposed_edits:
            st.markdown("\n".join(f"- {escape_md(edit)}" for edit in suggestion.proposed_edits))
        if suggestion.edits:
            accepted = state["accepted"].get(number)
            if accepted is None:
                if st.button(t("Accept: make a new rulebook version", "采纳：生成新版本规则书"), key=f"accept_{number}", icon=":material/done:"):
                    with guard():
                        _accept(number)
                        st.rerun()
            else:
                new = accepted["new"]
                if origin[0] == "project":
                    st.success(t("Saved as version {v} of project {p}.", "已保存为项目 {p} 的第 {v} 版。", v=new.version, p=origin[1]))
                else:
                    st.success(t("Version {v} is ready to download.", "第 {v} 版可以下载了。", v=new.version))
                    st.download_button(
                        t("Download the new rulebook (JSON)", "下载新版规则书（JSON）"),
                        to_json(new).encode("utf-8"),
                        file_name=f"rulebook_v{new.version}.json",
                        mime="application/json",
                        on_click="ignore",
                        key=f"accepted_download_{number}",
                    )
                with st.expander(t("Changes", "改动"), expanded=True):
                    render_diff(diff_text(accepted["previous"], new))
        elif suggestion.engine != "llm":
            st.caption(
                t(
                    "Offline suggestions point at the confused labels; revise the rulebook in the assistant, or configure an LLM for concrete edits you can accept here.",
                    "离线建议只指出容易混淆的标签；请在需求助手中修订规则书，或配置大模型以获得可在此直接采纳的具体修改。",
                )
            )

# ---------------------------------------------------------------------------------------------
# Keep the round
# ---------------------------------------------------------------------------------------------
st.subheader(t("Keep this round", "保存本轮结果"))
downloads = st.columns(2)
with guard():
    downloads[0].download_button(
        t("Report (Markdown)", "报告（Markdown）"),
        report_markdown(report, review, lang, suggestions=suggestions).encode("utf-8"),
        file_name="agreement_report.md",
        mime="text/markdown",
        icon=":material/description:",
        on_click="ignore",
        width="stretch",
    )
    downloads[1].download_button(
        t("Report (JSON)", "报告（JSON）"),
        json.dumps(result.to_json(), ensure_ascii=False, indent=2).encode("utf-8"),
        file_name="agreement_report.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        width="stretch",
    )
if origin[0] == "project":
    if state["recorded"] is None:
        round_name = st.text_input(t("Round name", "轮次名称"), placeholder=t("trial 1", "第 1 轮试标"), key="agree_round_name")
        if st.button(
            t("Record this round with project {p}", "将本轮结果记录到项目 {p}", p=origin[1]),
            icon=":material/save:",
            help=t("Delivery uses the recorded rounds for the retrospective.", "交付时会用记录的轮次生成复盘。"),
            disabled=ws.store.project(origin[1]).status == "delivered",  # read-only until reopened
        ):
            with guard():
                record_agreement(ws, origin[1], result.to_json(), round_name=round_name.strip() or None)
                state["recorded"] = ws.store.artifacts(origin[1], "agreement")[-1].version
                st.toast(t("Recorded as agreement round {n}", "已记录为第 {n} 轮", n=state["recorded"]), icon="✅")
                st.rerun()
    else:
        st.success(t("Recorded as agreement round {n} of project {p}.", "已记录为项目 {p} 的第 {n} 轮。", n=state["recorded"], p=origin[1]))
        render_next_step(ws, origin[1])
else:
    st.caption(t("Pick the rulebook from a project to record the round with it.", "从项目中选择规则书，即可把本轮结果记录到该项目。"))
