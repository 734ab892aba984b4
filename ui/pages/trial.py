"""Trial: before the trial round, train annotators (pack, quiz, scores) and plan the effort and schedule."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant.integrations.datafiles import require_columns
from assistant.planning.plan import NOTE_TEXT, effort_plan, format_plan
from assistant.service.projects import latest_breakdown, rulebook_version
from assistant.training.materials import (
    Quiz,
    export_answer_key,
    export_quiz,
    feedback_sheet,
    make_quiz,
    safe_filename,
    score_quiz,
    training_pack,
    training_pack_docx,
)
from ui.charts import FONT
from ui.components import (
    DATA_TYPES,
    attempt,
    badge,
    call_on_upload,
    escape_md,
    guard,
    page_header,
    project_picker,
    require_projects,
    read_upload,
    rulebook_stats,
    safe_name,
    save_upload,
    select,
    staging_dir,
)
from ui.i18n import is_zh, t
from ui.state import workspace
from ui.auth import page_requires
from ui.workflow import render_next_step

QUIZ_KIND = "quiz"  # saved quizzes: a project artifact, so scoring works days later, after a reload
KEY_FILE = "__key_file__"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

page_header(
    t("Trial", "试标"),
    t(
        "Get annotators ready for the trial round: a training pack to read, a qualification quiz with known answers, "
        "their scores with feedback per person, and the effort and schedule plan.",
        "为试标做准备：给标注员的培训材料、带标准答案的资格测验、逐人打分与反馈，以及工作量与排期计划。",
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
require_projects(
    projects,
    "No project has a rulebook yet. Draft one in the assistant first: the training pack and the quiz are made from it.",
    "还没有项目起草了规则书。请先在需求助手中起草：培训材料和测验都由规则书生成。",
)
pcol, vcol = st.columns([4, 1])
project_id = project_picker(projects, key="trial_project", widget=pcol.selectbox)
versions = sorted((a.version for a in ws.store.artifacts(project_id, "rulebook")), reverse=True)
version = select(
    vcol.selectbox,
    t("Rulebook version", "规则书版本"),
    versions,
    format_func=lambda v: t("version {v}", "第 {v} 版", v=v),
    key=f"trial_version_{project_id}",
)
rulebook = attempt(rulebook_version, ws, project_id, version)
if rulebook is None:
    st.stop()
st.caption(f"**{escape_md(rulebook.title)}** · v{rulebook.version} · " + rulebook_stats(rulebook))
render_next_step(ws, project_id)
folder = ("_incoming", staging_dir(ws), "trial")
lang = "zh" if is_zh() else "en"


def _demote(markdown: str) -> str:
    """A document's Markdown shown inside the page: headings two levels down, no raw HTML."""
    text = re.sub(r"<div[^>]*page-break[^>]*></div>", "", markdown)
    text = re.sub(r"</?sub>", "", text)
    return re.sub(r"(?m)^(#{1,4}) ", lambda m: "#" * min(6, len(m.group(1)) + 2) + " ", text)


def _file_bytes(write, name: str) -> bytes:
    """What a pipeline writer puts in a file, as bytes (written in a temporary folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        return Path(write(Path(tmp) / name)).read_bytes()


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{int(value):,}" if float(value) == int(value) else f"{value:,.1f}"


tab_pack, tab_quiz, tab_scores, tab_plan = st.tabs(
    [
        t("Training pack", "培训材料"),
        t("Quiz", "资格测验"),
        t("Scores", "测验评分"),
        t("Plan", "工作量与排期"),
    ]
)

# ---------------------------------------------------------------------------------------------
# 1. Training pack
# ---------------------------------------------------------------------------------------------
with tab_pack:
    st.caption(
        t(
            "In the rulebook's language, in the order an annotator needs it: the task, each label with its clearest example "
            "and its most confusable one, how to decide, the edge cases, and a one-page cheat sheet.",
            "使用规则书的语言，按标注员需要的顺序编排：任务说明、每个标签（含最典型的正例和最易混淆的反例）、判定步骤、边界情况，以及一页速查表。",
        )
    )
    with guard():
        pack = training_pack(rulebook)
        stem = safe_name(f"{rulebook.title}_v{rulebook.version}_training")
        buttons = st.columns([1, 1, 2])
        buttons[0].download_button(
            t("Pack (Markdown)", "培训材料（Markdown）"), pack.encode("utf-8"), file_name=f"{stem}.md", mime="text/markdown",
            icon=":material/description:", on_click="ignore", width="stretch",
        )
        buttons[1].download_button(
            t("Pack (Word)", "培训材料（Word）"), _file_bytes(lambda p: training_pack_docx(rulebook, p), "pack.docx"),
            file_name=f"{stem}.docx", mime=DOCX_MIME, icon=":material/article:", on_click="ignore", width="stretch",
        )
        with st.container(border=True, height=640):
            st.markdown(_demote(pack))


# ---------------------------------------------------------------------------------------------
# 2. Quiz
# ---------------------------------------------------------------------------------------------
def _saved_quizzes() -> list[Any]:
    return list(attempt(ws.store.artifacts, project_id, QUIZ_KIND) or [])


def _quiz_of(artifact: Any) -> Quiz:
    return Quiz.model_validate(artifact.payload["quiz"])


def _quiz_label(artifact: Any) -> str:
    quiz = _quiz_of(artifact)
    when = artifact.created_at.strftime("%Y-%m-%d %H:%M") if artifact.created_at else ""
    gold = artifact.payload.get("gold_file")
    text = t(
        "Quiz {n} · rulebook v{v} · {k} items · seed {s}",
        "测验 {n} · 规则书第 {v} 版 · {k} 题 · 种子 {s}",
        n=artifact.version, v=quiz.rulebook_version, k=len(quiz.items), s=quiz.seed,
    )
    if gold:
        text += " · " + t("gold {g}", "金标 {g}", g=gold)
    return f"{text} · {when}"


def _build_quiz(size: int, seed: int, gold_upload: Any) -> None:
    gold = None
    gold_name = None
    if gold_upload is not None:
        path, gold = read_upload(ws, gold_upload, *folder, "gold")
        call_on_upload(path, gold_upload.name, require_columns, path, gold, "text", "label")
        gold_name = gold_upload.name
    quiz = make_quiz(rulebook, gold=gold, size=int(size), seed=int(seed))
    same = next(
        (a for a in reversed(_saved_quizzes())
         if _quiz_of(a).model_dump() == quiz.model_dump() and a.payload.get("gold_file") == gold_name),
        None,
    )
    if same is not None:
        st.session_state["trial_quiz_note"] = t(
            "Same inputs, same quiz: this is quiz {n}, built before.", "输入相同，测验也相同：即之前生成的测验 {n}。", n=same.version
        )
        return
    note = f"rulebook v{rulebook.version}, {len(quiz.items)} items, seed {seed}" + (f", gold {gold_name}" if gold_name else "")
    row = ws.store.add_artifact(
        project_id, QUIZ_KIND, {"quiz": quiz.model_dump(mode="json"), "gold_file": gold_name}, note=note
    )
    st.session_state["trial_quiz_note"] = t("Quiz {n} is saved with the project.", "测验 {n} 已保存到项目。", n=row.version)


def _balance_chart(quiz: Quiz) -> alt.LayerChart:
    extra, plain = t("weighted up: easily confused", "加权：易混淆"), t("balanced share", "均衡分配")
    data = pd.DataFrame(
        [
            {
                "label": label,
                "items": quiz.label_counts.get(label, 0),
                "available": quiz.available.get(label, 0),
                "weight": extra if quiz.weights.get(label, 1.0) > 1 else plain,
            }
            for label in quiz.labels
        ]
    )
    base = alt.Chart(data).encode(
        x=alt.X("label:N", sort=quiz.labels, title=None, axis=alt.Axis(labelAngle=0, labelFont=FONT)),
    )
    bars = base.mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        y=alt.Y("items:Q", title=None, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color(
            "weight:N", scale=alt.Scale(domain=[extra, plain], range=["#08519c", "#9ecae1"]),
            legend=alt.Legend(title=None, orient="top", labelFont=FONT, labelLimit=400),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=t("label", "标签")),
            alt.Tooltip("items:Q", title=t("in the quiz", "入选")),
            alt.Tooltip("available:Q", title=t("available", "可用")),
        ],
    )
    text = base.mark_text(dy=-8, font=FONT).encode(y="items:Q", text="items:Q")
    return (bars + text).properties(height=240)


def _quiz_notes(quiz: Quiz) -> list[str]:
    """What the builder noted, in the UI language (the pipeline writes its notes in the rulebook's language)."""
    notes = []
    if len(quiz.items) < quiz.size_requested:
        notes.append(t(
            "Asked for {s} items, but the rulebook has only {n} with a known answer. Upload gold items for a longer quiz.",
            "要求 {s} 题，但规则书中只有 {n} 条已知答案的示例。上传金标数据可以出更多题。",
            s=quiz.size_requested, n=len(quiz.items),
        ))
    untested = [label for label in quiz.labels if not quiz.available.get(label)]
    if untested:
        notes.append(t(
            "Not tested (no example with a known answer): {l}. Add examples or gold items for them.",
            "以下标签没有已知答案的示例，未被考到：{l}。请补充示例或金标数据。",
            l=", ".join(escape_md(label) for label in untested),
        ))
    skipped = len([
        example for example in rulebook.examples() if example.polarity.value == "negative" and not (example.correct_label or "").strip()
    ])
    if skipped:
        notes.append(t(
            "{n} negative example(s) have no correct label, so they are not used.",
            "{n} 条反例没有写明正确标签，未用于测验。",
            n=skipped,
        ))
    return notes


with tab_quiz:
    st.caption(
        t(
            "Items with known answers from the rulebook's examples (and your gold items), balanced across labels and weighted "
            "toward the labels that are easily confused. The same rulebook, gold file and seed always give the same quiz.",
            "题目取自规则书示例（以及你上传的金标数据），答案已知；各标签尽量均衡，并向易混淆的标签倾斜。规则书、金标文件和随机种子相同，测验就完全相同。",
        )
    )
    c1, c2, c3 = st.columns([1, 1, 3])
    size = c1.number_input(t("Items", "题数"), min_value=1, max_value=500, value=20, step=5, key="trial_quiz_size")
    seed = c2.number_input(t("Seed", "随机种子"), min_value=0, value=0, step=1, key="trial_quiz_seed")
    gold_upload = c3.file_uploader(
        t("Gold items (optional): id, text, label", "金标数据（可选）：id、text、label 三列"),
        type=DATA_TYPES,
        key="trial_gold",
    )
    if st.button(t("Build the quiz", "生成测验"), type="primary", icon=":material/quiz:", key="trial_build"):
        with guard():
            _build_quiz(size, seed, gold_upload)
    if st.session_state.get("trial_quiz_note"):
        st.success(st.session_state.pop("trial_quiz_note"), icon=":material/check_circle:")

    for_version = [a for a in _saved_quizzes() if _quiz_of(a).rulebook_version == rulebook.version]
    if not for_version:
        st.info(
            t("No quiz for rulebook version {v} yet: set the size and build it.", "规则书第 {v} 版还没有测验：设置题数后点击生成。", v=rulebook.version),
            icon=":material/info:",
        )
    else:
        artifact = for_version[-1]
        quiz = _quiz_of(artifact)
        st.markdown(f"##### {escape_md(_quiz_label(artifact))}")
        with guard():
            left, right = st.columns([3, 2], gap="large")
            with left:
                st.markdown(f"**{t('Label balance', '标签分布')}**")
                st.altair_chart(_balance_chart(quiz), width="stretch")
            with right:
                metrics = st.columns(2)
                metrics[0].metric(t("Items", "题数"), len(quiz.items))
                metrics[1].metric(t("Labels tested", "覆盖标签"), sum(1 for c in quiz.label_counts.values() if c))
                if quiz.confusable_pairs:
                    st.markdown(
                        f"**{t('Most easily confused', '最易混淆的标签对')}** "
                        + f":gray[{t('(similarity; the top pairs get extra items)', '（相似度；最相似的标签对加题）')}]"
                    )
                    st.markdown(
                        "\n".join(
                            f"- {escape_md(pair.labels[0])} ↔ {escape_md(pair.labels[1])} :gray[({pair.similarity:.2f})]"
                            for pair in quiz.confusable_pairs[:3]
                        )
                    )
                for note in _quiz_notes(quiz):
                    st.caption("ℹ️ " + note)

            st.markdown(f"**{t('For annotators (no answers)', '发给标注员（不含答案）')}**")
            stem = safe_name(f"quiz{artifact.version}_v{quiz.rulebook_version}")
            row1 = st.columns(3)
            row1[0].download_button(
                t("Quiz sheet (CSV)", "测验表（CSV）"), _file_bytes(lambda p: export_quiz(quiz, p, "csv"), "quiz.csv"),
                file_name=f"{stem}.csv", mime="text/csv", icon=":material/table:", on_click="ignore", width="stretch",
            )
            row1[1].download_button(
                t("Quiz sheet (XLSX)", "测验表（XLSX）"), _file_bytes(lambda p: export_quiz(quiz, p, "xlsx"), "quiz.xlsx"),
                file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/grid_on:", on_click="ignore", width="stretch",
            )
            row1[2].download_button(
                t("Label Studio tasks", "Label Studio 任务"),
                _file_bytes(lambda p: export_quiz(quiz, p, "label-studio"), "quiz.json"),
                file_name=f"{stem}_label_studio.json", mime="application/json", icon=":material/label:",
                on_click="ignore", width="stretch",
            )
            st.markdown(f"**{t('For you (keep it from annotators)', '自己留存（不要发给标注员）')}**")
            row2 = st.columns(3)
            row2[0].download_button(
                t("Answer key (CSV)", "答案（CSV）"), _file_bytes(lambda p: export_answer_key(quiz, p), "key.csv"),
                file_name=f"{stem}_key.csv", mime="text/csv", icon=":material/key:", on_click="ignore", width="stretch",
            )
            st.caption(
                t(
                    "The sheet has id, text and an empty answer column (the XLSX has a drop-down of the labels). "
                    "The answer key gives each item its answer and the rule that decides it; keep it away from annotators. "
                    "The quiz is saved with the project, so the Scores tab can score it later.",
                    "测验表包含 id、text 和空的 answer 列（XLSX 版答案列为标签下拉框）。答案文件给出每题的答案及判定依据，请勿发给标注员。"
                    "测验已保存到项目，之后可在“测验评分”中直接评分。",
                )
            )
            with st.expander(t("The answer key", "查看答案"), icon=":material/visibility:"):
                st.dataframe(
                    pd.DataFrame(quiz.key())[["id", "text", "answer", "rule", "source"]],
                    hide_index=True,
                    width="stretch",
                    column_config={
                        "id": st.column_config.TextColumn("id", width="small"),
                        "text": st.column_config.TextColumn(t("Text", "文本"), width="large"),
                        "answer": st.column_config.TextColumn(t("Answer", "答案"), width="small"),
                        "rule": st.column_config.TextColumn(t("Deciding rule", "判定依据"), width="large"),
                        "source": st.column_config.TextColumn(t("Source", "来源"), width="small"),
                    },
                )


# ---------------------------------------------------------------------------------------------
# 3. Scores
# ---------------------------------------------------------------------------------------------
def _answer_records(uploads: list[Any]) -> list[dict[str, Any]]:
    """Every upload's rows with an annotator (the file name when the file has no annotator column)."""
    records: list[dict[str, Any]] = []
    for upload in uploads:
        path, rows = read_upload(ws, upload, *folder, "answers")
        call_on_upload(path, upload.name, require_columns, path, rows, "id", "answer")
        for row in rows:
            if not str(row.get("annotator") or "").strip():
                row = {**row, "annotator": Path(upload.name).stem}
            records.append(row)
    return records


def _score(key_source: Any, uploads: list[Any], threshold: float):
    records = _answer_records(uploads)
    if isinstance(key_source, tuple):  # an uploaded answer key file
        path, name = key_source
        return call_on_upload(path, name, score_quiz, path, records, threshold=threshold)
    return score_quiz(key_source, records, threshold=threshold)


def _verdict_badge(passed: bool) -> str:
    return badge(t("PASS", "通过"), "green") if passed else badge(t("FAIL", "未通过"), "red")


with tab_scores:
    st.caption(
        t(
            "Upload the filled-in quiz sheets: one file per annotator (the file name is the annotator), or one file with an "
            "annotator column. Each needs id and answer. Accuracy counts a blank answer as wrong.",
            "上传填好的测验表：每位标注员一个文件（文件名即标注员），或一个带 annotator 列的文件。需要 id 和 answer 两列。空白答案按答错计。",
        )
    )
    saved = _saved_quizzes()
    options = [a.version for a in reversed(saved)] + [KEY_FILE]
    labels_by_version = {a.version: _quiz_label(a) for a in saved}
    newest = options[0]
    if st.session_state.get(f"trial_score_newest_{project_id}") != newest:  # a new quiz was built: score that one
        st.session_state[f"trial_score_newest_{project_id}"] = newest
        st.session_state[f"trial_score_key_{project_id}"] = newest
    k1, k2 = st.columns([3, 1])
    key_choice = select(
        k1.selectbox,
        t("Score against", "评分依据"),
        options,
        format_func=lambda v: t("an answer key file", "上传的答案文件") if v == KEY_FILE else labels_by_version[v],
        key=f"trial_score_key_{project_id}",
    )
    threshold_pct = k2.number_input(
        t("Pass mark (%)", "及格线（%）"), min_value=0, max_value=100, value=80, step=5, key="trial_threshold",
        help=t("An annotator passes with accuracy ≥ the pass mark (80% = 16 of 20).", "准确率 ≥ 及格线即通过（80% 即 20 题答对 16 题）。"),
    )
    key_source: Any = None
    score_rulebook = rulebook
    if key_choice == KEY_FILE:
        key_upload = st.file_uploader(
            t("Answer key (the _key.csv the Quiz tab gives you)", "答案文件（“资格测验”中下载的 _key.csv）"),
            type=DATA_TYPES,
            key="trial_key_file",
        )
        if key_upload is not None:
            with guard():
                key_source = (save_upload(ws, key_upload, *folder, "key"), key_upload.name)
    else:
        quiz_artifact = next(a for a in saved if a.version == key_choice)
        key_source = _quiz_of(quiz_artifact)
        if key_source.rulebook_version != rulebook.version:
            score_rulebook = attempt(rulebook_version, ws, project_id, key_source.rulebook_version) or rulebook
    answer_uploads = st.file_uploader(
        t("Answers: CSV, JSONL, JSON or XLSX with id, answer (and optionally annotator)", "答题文件：CSV、JSONL、JSON 或 XLSX，包含 id、answer（可选 annotator）"),
        type=DATA_TYPES,
        accept_multiple_files=True,
        key="trial_answers",
    )
    scores = None
    if key_source is None:
        st.info(
            t("Build a quiz in the Quiz tab, or upload its answer key, to score answers.", "请先在“资格测验”中生成测验，或上传答案文件，再评分。"),
            icon=":material/info:",
        )
    elif not answer_uploads:
        st.info(t("Upload the annotators' answers to score them.", "上传标注员的答题文件即可评分。"), icon=":material/upload_file:")
    else:
        with guard():
            scores = _score(key_source, list(answer_uploads), threshold_pct / 100)

    if scores is not None:
        n_pass, n_fail = len(scores.passed), len(scores.failed)
        summary = t(
            "{n} annotator(s) on a quiz of {k} items, pass mark {p}: {a} passed, {b} did not.",
            "{n} 位标注员参加 {k} 题测验，及格线 {p}：{a} 人通过，{b} 人未通过。",
            n=len(scores.annotators), k=scores.items, p=_pct(scores.threshold), a=n_pass, b=n_fail,
        )
        (st.success if not n_fail else st.warning)(summary, icon=":material/check_circle:" if not n_fail else ":material/warning:")

        rows = [
            f"| {t('Annotator', '标注员')} | {t('Result', '结果')} | {t('Correct', '答对')} | {t('Accuracy', '准确率')} | "
            f"{t('Answered', '已作答')} | {t('Errors by correct label', '按正确标签的错误数')} |",
            "| --- | --- | ---: | ---: | ---: | --- |",
        ]
        for score in scores.annotators:
            errors = ", ".join(f"{escape_md(label)} {count}" for label, count in score.errors_by_label.items()) or "—"
            rows.append(
                f"| **{escape_md(score.annotator)}** | {_verdict_badge(score.passed)} | {score.correct}/{score.total} | "
                f"{_pct(score.accuracy)} | {score.answered}/{score.total} | {errors} |"
            )
        st.markdown("\n".join(rows))

        left, right = st.columns(2, gap="large")
        with left:
            st.markdown(f"**{t('Errors per label', '各标签错误数')}**")
            answered = len(scores.annotators)
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "label": label,
                            "errors": scores.errors_by_label.get(label, 0),
                            "answers": scores.items_by_label.get(label, 0) * answered,
                            "rate": (scores.errors_by_label.get(label, 0) / (scores.items_by_label.get(label, 0) * answered))
                            if scores.items_by_label.get(label, 0) and answered else 0.0,
                        }
                        for label in scores.labels
                    ]
                ),
                hide_index=True,
                width="stretch",
                column_config={
                    "label": st.column_config.TextColumn(t("Correct label", "正确标签")),
                    "errors": st.column_config.NumberColumn(t("Errors", "错误数")),
                    "answers": st.column_config.NumberColumn(t("Answers", "作答数")),
                    "rate": st.column_config.ProgressColumn(t("Error rate", "错误率"), format="percent", min_value=0, max_value=1),
                },
            )
        with right:
            st.markdown(f"**{t('Confused (correct → given)', '混淆情况（正确 → 实际作答）')}**")
            if scores.confusions:
                st.markdown("\n".join(f"- {escape_md(pair)}: **{count}**" for pair, count in list(scores.confusions.items())[:8]))
            else:
                st.caption(t("No confusions: every answered item was right.", "没有混淆：作答的题目全部正确。"))
            if scores.unknown_ids:
                st.caption(
                    t("Ids not in the quiz (reported, not scored): {ids}", "测验中没有的题号（仅报告，不计分）：{ids}", ids=", ".join(scores.unknown_ids))
                )

        st.markdown(f"**{t('Rules each annotator got wrong', '每位标注员答错的规则')}**")
        missed = [(score.annotator, rule) for score in scores.annotators for rule in score.rules_missed]
        if missed:
            lines = [
                f"| {t('Annotator', '标注员')} | {t('Correct label', '正确标签')} | {t('The rule', '规则')} | {t('Items', '题号')} |",
                "| --- | --- | --- | --- |",
            ]
            previous = None
            for annotator, rule in missed:
                who = f"**{escape_md(annotator)}**" if annotator != previous else ""
                previous = annotator
                lines.append(f"| {who} | {escape_md(rule.label)} | {escape_md(rule.rule) or '—'} | {', '.join(rule.items)} |")
            st.markdown("\n".join(lines))
        else:
            st.caption(t("Nobody got a rule wrong.", "没有人答错规则。"))

        st.markdown(f"**{t('Feedback sheets', '反馈单')}**")
        st.caption(
            t(
                "One sheet per annotator: the score and, for each mistake, the item, their answer, the correct answer and the rule quoted.",
                "每位标注员一份：得分，以及每道错题的原文、其答案、正确答案和引用的规则。",
            )
        )
        use_llm = False
        if ws.llm is not None:
            use_llm = st.toggle(
                t("Let the LLM explain each mistake (one request per annotator with mistakes)", "让大模型讲解每道错题（每位有错题的标注员一次请求）"),
                key="trial_feedback_llm",
            )
        cache = st.session_state.setdefault("trial_feedback_cache", {})
        if len(cache) > 200:
            cache.clear()
        sheets: dict[str, str] = {}
        with guard():
            for score in scores.annotators:
                cache_key = (project_id, scores.model_dump_json(), score.annotator, use_llm)
                if cache_key not in cache:
                    with st.spinner(t("Writing the feedback for {a}…", "正在为 {a} 生成反馈……", a=score.annotator)):
                        cache[cache_key] = feedback_sheet(scores, score.annotator, score_rulebook, llm=ws.llm if use_llm else None)
                sheets[score.annotator] = cache[cache_key]
        if sheets:
            archive = io.BytesIO()
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
                taken: set[str] = set()  # look-alike names ('a b', 'a/b') get distinct files
                for name, sheet in sheets.items():
                    bundle.writestr(f"{safe_filename(name, taken)}.md", sheet)
            st.download_button(
                t("All feedback sheets (.zip)", "全部反馈单（.zip）"), archive.getvalue(), file_name="quiz_feedback.zip",
                mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
            )
            for score in scores.annotators:
                sheet = sheets.get(score.annotator)
                if sheet is None:
                    continue
                mark = "✅" if score.passed else "❌"
                with st.expander(f"{mark} {escape_md(score.annotator)} · {score.correct}/{score.total} ({_pct(score.accuracy)})"):
                    st.download_button(
                        t("Download this sheet (Markdown)", "下载该反馈单（Markdown）"), sheet.encode("utf-8"),
                        file_name=f"{safe_filename(score.annotator)}.md", mime="text/markdown",
                        icon=":material/download:", on_click="ignore", key=f"trial_sheet_{score.annotator}",
                    )
                    st.markdown(_demote(sheet))


# ---------------------------------------------------------------------------------------------
# 4. Plan
# ---------------------------------------------------------------------------------------------
INPUT_NAMES = {
    "volume": ("Volume (items)", "数据量（条）"),
    "seconds_per_item": ("Seconds per item", "单条耗时（秒）"),
    "annotators": ("Annotators", "标注人数"),
    "hours_per_day": ("Hours per day", "每人每天工时"),
    "review_rate": ("Review rate", "质检抽检比例"),
    "review_seconds_per_item": ("Review seconds per item", "质检单条耗时（秒）"),
    "deadline": ("Deadline", "截止日期"),
    "hourly_rate": ("Hourly rate", "时薪"),
    "currency": ("Currency", "币种"),
    "prelabel_share": ("Pre-label share accepted", "采纳预标注的比例"),
    "prelabel_accuracy": ("Pre-label accuracy", "预标注准确率"),
    "accept_prelabels_above": ("Accept pre-labels at confidence ≥", "预标注采纳置信度阈值"),
}
SOURCE_BADGES = {
    "argument": (("given here", "本页输入"), "blue"),
    "breakdown": (("from the breakdown", "来自需求拆解"), "green"),
    "trial": (("from the trial", "来自试标"), "green"),
    "default": (("default", "默认"), "gray"),
    "assumed": (("assumed", "假设"), "gray"),
    "missing": (("missing", "缺失"), "orange"),
}
NEEDED_FOR = {
    "effort, calendar and cost": ("effort, calendar and cost", "工作量、排期和费用"),
    "effort, calendar and cost (or give trial durations)": ("effort, calendar and cost", "工作量、排期和费用"),
    "calendar days, finish date and the deadline check": ("working days, finish date and the deadline check", "工作日数、完成日期和截止检查"),
    "the deadline check": ("the deadline check", "截止检查"),
    "cost": ("cost", "费用"),
    "the effort pre-labels save (not applied)": ("what pre-labels save (not applied until both are given)", "预标注节省的工作量（两项都给出才计入）"),
    "the pre-label fix": ("the pre-label fix", "用预标注赶工期的测算"),
}


def _name(key: str) -> str:
    english, chinese = INPUT_NAMES.get(key, (key, key))
    return t(english, chinese)


def _input_text(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if key in ("review_rate", "prelabel_share", "prelabel_accuracy", "accept_prelabels_above"):
        return _pct(float(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _num(float(value))
    return str(value)


def _hint(base: Any, key: str) -> str:
    """The placeholder of an empty input: what the plan uses without it."""
    item = base.inputs.get(key) if base is not None else None
    if item is None or item.source == "missing" or item.value is None:
        return t("not given", "未提供")
    return _input_text(key, item.value)


def _why_not(plan: Any, fix: Any) -> str:
    """Why a fix cannot work, in the UI language (the plan's own detail is English)."""
    hours = {"l": _num(plan.labeling_hours), "r": _num(plan.review_hours), "k": _num(plan.capacity_hours)}
    if fix.kind == "annotators":
        return t("no working day is left before the deadline", "截止日期前已没有工作日")
    if fix.kind == "prelabel_acceptance":
        accuracy = plan.inputs.get("prelabel_accuracy")
        if accuracy is None or not accuracy.value:
            return t("it needs the pre-labels' accuracy from a trial round", "需要试标测得的预标注准确率")
        if fix.value is not None and fix.value > 1:
            return t("it would take more than every item ({v})", "需要超过全部条目（{v}）", v=_pct(fix.value))
        return t("review alone needs {r} person-hours; capacity is {k}", "仅质检就需要 {r} 人时，而产能只有 {k} 人时", **hours)
    if plan.labeling_hours is not None and plan.capacity_hours is not None and plan.labeling_hours > plan.capacity_hours:
        return t("labeling alone needs {l} person-hours; capacity is {k}", "仅标注就需要 {l} 人时，而产能只有 {k} 人时", **hours)
    return t("there is no review to cut", "没有可削减的质检")


def _fix_text(plan: Any, fix: Any) -> str:
    if not fix.feasible:
        what = {
            "annotators": t("More annotators", "增加标注员"),
            "prelabel_acceptance": t("Accepting more pre-labels", "多采纳预标注"),
            "review_rate": t("Reviewing less", "降低质检比例"),
        }[fix.kind]
        return f"{what}: :gray[{t('not possible', '不可行')}, {escape_md(_why_not(plan, fix))}]"
    if fix.kind == "annotators":
        return t("**{v} annotators** instead of {n}", "**{v} 名标注员**（现为 {n} 名）", v=fix.value, n=plan.inputs["annotators"].value)
    if fix.kind == "prelabel_acceptance":
        now = plan.inputs.get("prelabel_share")
        return t(
            "**Accept pre-labels on at least {v} of items** (now {n}); lower the acceptance threshold and re-measure the accuracy there",
            "**至少 {v} 的条目采纳预标注**（当前 {n}）；需降低采纳阈值，并在新阈值下重新测准确率",
            v=_pct(fix.value), n=_pct(now.value) if now else t("none", "无"),
        )
    text = t("**Review at most {v} of items**", "**质检抽检比例降到 {v} 以下**", v=_pct(fix.value))
    if fix.value is not None and fix.value < 0.05:
        text += " " + t(":orange[(QA would see too few items to catch drift)]", ":orange[（质检样本太少，难以发现漂移）]")
    return text


with tab_plan:
    breakdown = None
    if ws.store.artifacts(project_id, "breakdown"):
        breakdown = attempt(latest_breakdown, ws, project_id)
    st.caption(
        t(
            "Every input comes from the project's latest breakdown unless you give it here. An empty box uses the value shown "
            "in grey (from the breakdown, or the default); an input nobody gave is listed as missing, never guessed.",
            "所有输入默认取自项目最新的需求拆解，在此填写即可覆盖。空白时使用框中灰色显示的值（来自需求拆解或默认值）；没有人给出的输入会列为缺失，不做猜测。",
        )
    )
    today_value = st.session_state.get("plan_today") or date.today()
    try:  # what the plan uses without overrides, for the grey hints (an error shows once, below, from the real plan)
        base = effort_plan(breakdown, today=today_value)
    except Exception:  # noqa: BLE001
        base = None

    r1 = st.columns(4)
    volume = r1[0].number_input(_name("volume"), min_value=0, value=None, step=1000, placeholder=_hint(base, "volume"), key="plan_volume")
    seconds = r1[1].number_input(
        _name("seconds_per_item"), min_value=0.1, value=None, step=5.0, format="%.1f", placeholder=_hint(base, "seconds_per_item"), key="plan_seconds"
    )
    people = r1[2].number_input(_name("annotators"), min_value=1, value=None, step=1, placeholder=_hint(base, "annotators"), key="plan_annotators")
    hours = r1[3].number_input(_name("hours_per_day"), min_value=0.5, max_value=24.0, value=6.0, step=0.5, format="%.1f", key="plan_hours")
    r2 = st.columns(4)
    review_pct = r2[0].number_input(
        _name("review_rate") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f", placeholder=_hint(base, "review_rate"),
        key="plan_review",
    )
    rate = r2[1].number_input(_name("hourly_rate"), min_value=0.0, value=None, step=5.0, placeholder=_hint(base, "hourly_rate"), key="plan_rate")
    currency = r2[2].text_input(_name("currency"), value="", placeholder=_hint(base, "currency"), key="plan_currency").strip() or None
    stated_deadline = base.inputs.get("deadline") if base is not None else None
    deadline_label = _name("deadline")
    if stated_deadline is not None and stated_deadline.value is not None:
        deadline_label += t(" (breakdown: {d})", "（需求拆解：{d}）", d=_input_text("deadline", stated_deadline.value))
    deadline = r2[3].date_input(deadline_label, value=None, key="plan_deadline")
    r3 = st.columns(4)
    share_pct = r3[0].number_input(
        _name("prelabel_share") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f",
        placeholder=t("no pre-labels", "不使用预标注"), key="plan_share",
        help=t("Share of items whose pre-label is at or above the acceptance threshold and is accepted.", "预标注置信度达到采纳阈值并被采纳的条目比例。"),
    )
    accuracy_pct = r3[1].number_input(
        _name("prelabel_accuracy") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f",
        placeholder=t("from the trial round", "来自试标"), key="plan_accuracy",
        help=t("Accuracy of those pre-labels, measured in the trial round.", "这些预标注在试标中测得的准确率。"),
    )
    r3[2].date_input(t("Start date", "开始日期"), value=date.today(), key="plan_today",
                     help=t("Working days are counted from this day.", "从这一天起计算工作日。"))
    r3[3].caption(t("Weekends are skipped; public holidays are not. Leave room for them.", "跳过周末，但未扣除法定节假日，请自行留出余量。"))

    plan = None
    with guard():
        plan = effort_plan(
            breakdown,
            volume=int(volume) if volume is not None else None,
            seconds_per_item=seconds,
            annotators=int(people) if people is not None else None,
            hours_per_day=float(hours),
            review_rate=review_pct / 100 if review_pct is not None else None,
            deadline=deadline,
            today=st.session_state.get("plan_today") or date.today(),
            hourly_rate=rate,
            currency=currency,
            prelabel_share=share_pct / 100 if share_pct is not None else None,
            prelabel_accuracy=accuracy_pct / 100 if accuracy_pct is not None else None,
        )
    if plan is not None:
        required = [m for m in plan.missing if not m.optional]
        optional = [m for m in plan.missing if m.optional]

        def _missing_line(item: Any) -> str:
            english, chinese = NEEDED_FOR.get(item.needed_for, (item.needed_for, item.needed_for))
            return f"- **{_name(item.name)}**: " + t("needed for {w}", "用于{w}", w=t(english, chinese))

        if required:
            st.warning(
                t("**Missing inputs (not guessed).** Give them above:", "**缺少输入（不做猜测）**，请在上方填写：")
                + "\n" + "\n".join(_missing_line(m) for m in required),
                icon=":material/edit_note:",
            )

        if plan.person_hours is not None:
            currency_text = f" {plan.currency}" if plan.currency else ""
            metrics = st.columns([1, 1, 1.3, 1.3])
            metrics[0].metric(
                t("Person-days", "人天"), _num(plan.person_days),
                help=t("{p} person-hours at {h} h a day", "{p} 人时，按每天 {h} 小时", p=_num(plan.person_hours), h=_num(float(hours))),
            )
            metrics[1].metric(
                t("Working days", "工作日"), plan.working_days if plan.working_days is not None else "–",
                help=t("with {n} annotators in parallel", "{n} 名标注员并行", n=plan.inputs["annotators"].value) if plan.working_days is not None else None,
            )
            metrics[2].metric(t("Finish", "完成日期"), plan.finish_date.isoformat() if plan.finish_date else "–")
            metrics[3].metric(
                t("Cost", "费用"), f"{_num(plan.cost)}{currency_text}" if plan.cost is not None else "–",
                help=t("person-hours × hourly rate", "人时 × 时薪"),
            )
            saved_text = (
                t(" ({s} of items pre-labeled correctly and accepted)", "（{s} 的条目预标注正确并被采纳）", s=_pct(plan.saved_share))
                if plan.saved_share else ""
            )
            st.caption(
                t("Labeling {l} h{s} + review {r} h = {p} person-hours.", "标注 {l} 小时{s} + 质检 {r} 小时 = {p} 人时。",
                  l=_num(plan.labeling_hours), s=saved_text, r=_num(plan.review_hours), p=_num(plan.person_hours))
            )
            if plan.budget_total is not None and plan.within_budget is not None:
                budget = f"{_num(plan.budget_total)}{currency_text}"
                if plan.within_budget:
                    st.caption("✅ " + t("Within the budget of {b}.", "未超出预算 {b}。", b=budget))
                else:
                    st.error(t("Over the budget of {b}.", "超出预算 {b}。", b=budget), icon=":material/payments:")

        if plan.deadline is not None and plan.working_days_available is not None:
            if plan.deadline_holds:
                st.success(
                    t(
                        "**The deadline {d} holds**: {w} working days give {k} person-hours of capacity for {p} needed.",
                        "**可以在 {d} 前完成**：{w} 个工作日的产能为 {k} 人时，需要 {p} 人时。",
                        d=plan.deadline.isoformat(), w=plan.working_days_available, k=_num(plan.capacity_hours), p=_num(plan.person_hours),
                    ),
                    icon=":material/event_available:",
                )
            elif plan.deadline_holds is False:
                st.error(
                    t(
                        "**The deadline {d} does not hold**: {w} working days give {k} person-hours of capacity, but the work needs {p}.",
                        "**无法在 {d} 前完成**：{w} 个工作日的产能只有 {k} 人时，而工作量需要 {p} 人时。",
                        d=plan.deadline.isoformat(), w=plan.working_days_available, k=_num(plan.capacity_hours), p=_num(plan.person_hours),
                    )
                    + "\n\n"
                    + t("Any one of these makes it hold:", "以下任一项即可按期完成：")
                    + "\n"
                    + "\n".join(f"- {_fix_text(plan, fix)}" for fix in plan.fixes),
                    icon=":material/event_busy:",
                )
            elif plan.annotators_needed is not None:
                st.info(
                    t("Deadline {d}: {w} working days; it needs {n} annotators.", "截止 {d}：{w} 个工作日，需要 {n} 名标注员。",
                      d=plan.deadline.isoformat(), w=plan.working_days_available, n=plan.annotators_needed),
                    icon=":material/event:",
                )

        with st.expander(t("Inputs and where they come from", "输入及其来源"), icon=":material/input:", expanded=bool(required)):
            lines = [f"| {t('Input', '输入')} | {t('Value', '取值')} | {t('Source', '来源')} |", "| --- | ---: | --- |"]
            for key, item in plan.inputs.items():
                if item.source == "missing" and key not in {m.name for m in plan.missing}:
                    continue
                (english, chinese), color = SOURCE_BADGES.get(item.source, ((item.source, item.source), "gray"))
                lines.append(f"| {_name(key)} | {escape_md(_input_text(key, item.value))} | {badge(t(english, chinese), color)} |")
            st.markdown("\n".join(lines))
            for item in optional:
                st.caption(_missing_line(item).lstrip("- ") + t(" (optional)", "（可选）"))
            for note in plan.notes:
                st.caption("ℹ️ " + escape_md(NOTE_TEXT[lang][note.code].format(**note.values)))
        text = format_plan(plan, lang)
        with st.expander(t("The plan as text", "计划全文"), icon=":material/description:"):
            st.code(text, language=None, wrap_lines=True)
            st.download_button(
                t("Download (.txt)", "下载（.txt）"), text.encode("utf-8"), file_name=safe_name(f"{project_id}_plan.txt"),
                mime="text/plain", icon=":material/download:", on_click="ignore",
            )
