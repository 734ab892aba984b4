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
    t("ui.trial.trial"),
    t(
        "ui.trial.get_annotators_ready_for_the_trial",
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
    t("ui.trial.rulebook_version"),
    versions,
    format_func=lambda v: t("ui.trial.version", v=v),
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
        t("ui.trial.training_pack"),
        t("ui.trial.quiz"),
        t("ui.trial.scores"),
        t("ui.trial.plan"),
    ]
)

# ---------------------------------------------------------------------------------------------
# 1. Training pack
# ---------------------------------------------------------------------------------------------
with tab_pack:
    st.caption(
        t(
            "ui.trial.in_the_rulebook_s_language_in",
        )
    )
    with guard():
        pack = training_pack(rulebook)
        stem = safe_name(f"{rulebook.title}_v{rulebook.version}_training")
        buttons = st.columns([1, 1, 2])
        buttons[0].download_button(
            t("ui.trial.pack_markdown"), pack.encode("utf-8"), file_name=f"{stem}.md", mime="text/markdown",
            icon=":material/description:", on_click="ignore", width="stretch",
        )
        buttons[1].download_button(
            t("ui.trial.pack_word"), _file_bytes(lambda p: training_pack_docx(rulebook, p), "pack.docx"),
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
        "ui.trial.quiz_rulebook_v_items_seed",
        n=artifact.version, v=quiz.rulebook_version, k=len(quiz.items), s=quiz.seed,
    )
    if gold:
        text += " · " + t("ui.trial.gold", g=gold)
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
            "ui.trial.same_inputs_same_quiz_this_is", n=same.version
        )
        return
    note = f"rulebook v{rulebook.version}, {len(quiz.items)} items, seed {seed}" + (f", gold {gold_name}" if gold_name else "")
    row = ws.store.add_artifact(
        project_id, QUIZ_KIND, {"quiz": quiz.model_dump(mode="json"), "gold_file": gold_name}, note=note
    )
    st.session_state["trial_quiz_note"] = t("ui.trial.quiz_is_saved_with_the_project", n=row.version)


def _balance_chart(quiz: Quiz) -> alt.LayerChart:
    extra, plain = t("ui.trial.weighted_up_easily_confused"), t("ui.trial.balanced_share")
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
            alt.Tooltip("label:N", title=t("ui.trial.label")),
            alt.Tooltip("items:Q", title=t("ui.trial.in_the_quiz")),
            alt.Tooltip("available:Q", title=t("ui.trial.available")),
        ],
    )
    text = base.mark_text(dy=-8, font=FONT).encode(y="items:Q", text="items:Q")
    return (bars + text).properties(height=240)


def _quiz_notes(quiz: Quiz) -> list[str]:
    """What the builder noted, in the UI language (the pipeline writes its notes in the rulebook's language)."""
    notes = []
    if len(quiz.items) < quiz.size_requested:
        notes.append(t(
            "ui.trial.asked_for_items_but_the_rulebook",
            s=quiz.size_requested, n=len(quiz.items),
        ))
    untested = [label for label in quiz.labels if not quiz.available.get(label)]
    if untested:
        notes.append(t(
            "ui.trial.not_tested_no_example_with_a",
            l=", ".join(escape_md(label) for label in untested),
        ))
    skipped = len([
        example for example in rulebook.examples() if example.polarity.value == "negative" and not (example.correct_label or "").strip()
    ])
    if skipped:
        notes.append(t(
            "ui.trial.negative_example_s_have_no_correct",
            n=skipped,
        ))
    return notes


with tab_quiz:
    st.caption(
        t(
            "ui.trial.items_with_known_answers_from_the",
        )
    )
    c1, c2, c3 = st.columns([1, 1, 3])
    size = c1.number_input(t("ui.trial.items"), min_value=1, max_value=500, value=20, step=5, key="trial_quiz_size")
    seed = c2.number_input(t("ui.trial.seed"), min_value=0, value=0, step=1, key="trial_quiz_seed")
    gold_upload = c3.file_uploader(
        t("ui.trial.gold_items_optional_id_text_label"),
        type=DATA_TYPES,
        key="trial_gold",
    )
    if st.button(t("ui.trial.build_the_quiz"), type="primary", icon=":material/quiz:", key="trial_build"):
        with guard():
            _build_quiz(size, seed, gold_upload)
    if st.session_state.get("trial_quiz_note"):
        st.success(st.session_state.pop("trial_quiz_note"), icon=":material/check_circle:")

    for_version = [a for a in _saved_quizzes() if _quiz_of(a).rulebook_version == rulebook.version]
    if not for_version:
        st.info(
            t("ui.trial.no_quiz_for_rulebook_version_yet", v=rulebook.version),
            icon=":material/info:",
        )
    else:
        artifact = for_version[-1]
        quiz = _quiz_of(artifact)
        st.markdown(f"##### {escape_md(_quiz_label(artifact))}")
        with guard():
            left, right = st.columns([3, 2], gap="large")
            with left:
                st.markdown(f"**{t('ui.trial.label_balance')}**")
                st.altair_chart(_balance_chart(quiz), width="stretch")
            with right:
                metrics = st.columns(2)
                metrics[0].metric(t("ui.trial.items"), len(quiz.items))
                metrics[1].metric(t("ui.trial.labels_tested"), sum(1 for c in quiz.label_counts.values() if c))
                if quiz.confusable_pairs:
                    st.markdown(
                        f"**{t('ui.trial.most_easily_confused')}** "
                        + f":gray[{t('ui.trial.similarity_the_top_pairs_get_extra')}]"
                    )
                    st.markdown(
                        "\n".join(
                            f"- {escape_md(pair.labels[0])} ↔ {escape_md(pair.labels[1])} :gray[({pair.similarity:.2f})]"
                            for pair in quiz.confusable_pairs[:3]
                        )
                    )
                for note in _quiz_notes(quiz):
                    st.caption("ℹ️ " + note)

            st.markdown(f"**{t('ui.trial.for_annotators_no_answers')}**")
            stem = safe_name(f"quiz{artifact.version}_v{quiz.rulebook_version}")
            row1 = st.columns(3)
            row1[0].download_button(
                t("ui.trial.quiz_sheet_csv"), _file_bytes(lambda p: export_quiz(quiz, p, "csv"), "quiz.csv"),
                file_name=f"{stem}.csv", mime="text/csv", icon=":material/table:", on_click="ignore", width="stretch",
            )
            row1[1].download_button(
                t("ui.trial.quiz_sheet_xlsx"), _file_bytes(lambda p: export_quiz(quiz, p, "xlsx"), "quiz.xlsx"),
                file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/grid_on:", on_click="ignore", width="stretch",
            )
            row1[2].download_button(
                t("ui.trial.label_studio_tasks"),
                _file_bytes(lambda p: export_quiz(quiz, p, "label-studio"), "quiz.json"),
                file_name=f"{stem}_label_studio.json", mime="application/json", icon=":material/label:",
                on_click="ignore", width="stretch",
            )
            st.markdown(f"**{t('ui.trial.for_you_keep_it_from_annotators')}**")
            row2 = st.columns(3)
            row2[0].download_button(
                t("ui.trial.answer_key_csv"), _file_bytes(lambda p: export_answer_key(quiz, p), "key.csv"),
                file_name=f"{stem}_key.csv", mime="text/csv", icon=":material/key:", on_click="ignore", width="stretch",
            )
            st.caption(
                t(
                    "ui.trial.the_sheet_has_id_text_and",
                )
            )
            with st.expander(t("ui.trial.the_answer_key"), icon=":material/visibility:"):
                st.dataframe(
                    pd.DataFrame(quiz.key())[["id", "text", "answer", "rule", "source"]],
                    hide_index=True,
                    width="stretch",
                    column_config={
                        "id": st.column_config.TextColumn("id", width="small"),
                        "text": st.column_config.TextColumn(t("ui.trial.text"), width="large"),
                        "answer": st.column_config.TextColumn(t("ui.trial.answer"), width="small"),
                        "rule": st.column_config.TextColumn(t("ui.trial.deciding_rule"), width="large"),
                        "source": st.column_config.TextColumn(t("ui.trial.source"), width="small"),
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
    return badge(t("ui.trial.pass"), "green") if passed else badge(t("ui.trial.fail"), "red")


with tab_scores:
    st.caption(
        t(
            "ui.trial.upload_the_filled_in_quiz_sheets",
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
        t("ui.trial.score_against"),
        options,
        format_func=lambda v: t("ui.trial.an_answer_key_file") if v == KEY_FILE else labels_by_version[v],
        key=f"trial_score_key_{project_id}",
    )
    threshold_pct = k2.number_input(
        t("ui.trial.pass_mark"), min_value=0, max_value=100, value=80, step=5, key="trial_threshold",
        help=t("ui.trial.an_annotator_passes_with_accuracy_the"),
    )
    key_source: Any = None
    score_rulebook = rulebook
    if key_choice == KEY_FILE:
        key_upload = st.file_uploader(
            t("ui.trial.answer_key_the_key_csv_the"),
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
        t("ui.trial.answers_csv_jsonl_json_or_xlsx"),
        type=DATA_TYPES,
        accept_multiple_files=True,
        key="trial_answers",
    )
    scores = None
    if key_source is None:
        st.info(
            t("ui.trial.build_a_quiz_in_the_quiz"),
            icon=":material/info:",
        )
    elif not answer_uploads:
        st.info(t("ui.trial.upload_the_annotators_answers_to_score"), icon=":material/upload_file:")
    else:
        with guard():
            scores = _score(key_source, list(answer_uploads), threshold_pct / 100)

    if scores is not None:
        n_pass, n_fail = len(scores.passed), len(scores.failed)
        summary = t(
            "ui.trial.annotator_s_on_a_quiz_of",
            n=len(scores.annotators), k=scores.items, p=_pct(scores.threshold), a=n_pass, b=n_fail,
        )
        (st.success if not n_fail else st.warning)(summary, icon=":material/check_circle:" if not n_fail else ":material/warning:")

        rows = [
            f"| {t('ui.trial.annotator')} | {t('ui.trial.result')} | {t('ui.trial.correct')} | {t('ui.trial.accuracy')} | "
            f"{t('ui.trial.answered')} | {t('ui.trial.errors_by_correct_label')} |",
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
            st.markdown(f"**{t('ui.trial.errors_per_label')}**")
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
                    "label": st.column_config.TextColumn(t("ui.trial.correct_label")),
                    "errors": st.column_config.NumberColumn(t("ui.trial.errors")),
                    "answers": st.column_config.NumberColumn(t("ui.trial.answers")),
                    "rate": st.column_config.ProgressColumn(t("ui.trial.error_rate"), format="percent", min_value=0, max_value=1),
                },
            )
        with right:
            st.markdown(f"**{t('ui.trial.confused_correct_given')}**")
            if scores.confusions:
                st.markdown("\n".join(f"- {escape_md(pair)}: **{count}**" for pair, count in list(scores.confusions.items())[:8]))
            else:
                st.caption(t("ui.trial.no_confusions_every_answered_item_was"))
            if scores.unknown_ids:
                st.caption(
                    t("ui.trial.ids_not_in_the_quiz_reported", ids=", ".join(scores.unknown_ids))
                )

        st.markdown(f"**{t('ui.trial.rules_each_annotator_got_wrong')}**")
        missed = [(score.annotator, rule) for score in scores.annotators for rule in score.rules_missed]
        if missed:
            lines = [
                f"| {t('ui.trial.annotator')} | {t('ui.trial.correct_label')} | {t('ui.trial.the_rule')} | {t('ui.trial.items_2')} |",
                "| --- | --- | --- | --- |",
            ]
            previous = None
            for annotator, rule in missed:
                who = f"**{escape_md(annotator)}**" if annotator != previous else ""
                previous = annotator
                lines.append(f"| {who} | {escape_md(rule.label)} | {escape_md(rule.rule) or '—'} | {', '.join(rule.items)} |")
            st.markdown("\n".join(lines))
        else:
            st.caption(t("ui.trial.nobody_got_a_rule_wrong"))

        st.markdown(f"**{t('ui.trial.feedback_sheets')}**")
        st.caption(
            t(
                "ui.trial.one_sheet_per_annotator_the_score",
            )
        )
        use_llm = False
        if ws.llm is not None:
            use_llm = st.toggle(
                t("ui.trial.let_the_llm_explain_each_mistake"),
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
                    with st.spinner(t("ui.trial.writing_the_feedback_for", a=score.annotator)):
                        cache[cache_key] = feedback_sheet(scores, score.annotator, score_rulebook, llm=ws.llm if use_llm else None)
                sheets[score.annotator] = cache[cache_key]
        if sheets:
            archive = io.BytesIO()
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
                taken: set[str] = set()  # look-alike names ('a b', 'a/b') get distinct files
                for name, sheet in sheets.items():
                    bundle.writestr(f"{safe_filename(name, taken)}.md", sheet)
            st.download_button(
                t("ui.trial.all_feedback_sheets_zip"), archive.getvalue(), file_name="quiz_feedback.zip",
                mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
            )
            for score in scores.annotators:
                sheet = sheets.get(score.annotator)
                if sheet is None:
                    continue
                mark = "✅" if score.passed else "❌"
                with st.expander(f"{mark} {escape_md(score.annotator)} · {score.correct}/{score.total} ({_pct(score.accuracy)})"):
                    st.download_button(
                        t("ui.trial.download_this_sheet_markdown"), sheet.encode("utf-8"),
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
        return t("ui.trial.not_given")
    return _input_text(key, item.value)


def _why_not(plan: Any, fix: Any) -> str:
    """Why a fix cannot work, in the UI language (the plan's own detail is English)."""
    hours = {"l": _num(plan.labeling_hours), "r": _num(plan.review_hours), "k": _num(plan.capacity_hours)}
    if fix.kind == "annotators":
        return t("ui.trial.no_working_day_is_left_before")
    if fix.kind == "prelabel_acceptance":
        accuracy = plan.inputs.get("prelabel_accuracy")
        if accuracy is None or not accuracy.value:
            return t("ui.trial.it_needs_the_pre_labels_accuracy")
        if fix.value is not None and fix.value > 1:
            return t("ui.trial.it_would_take_more_than_every", v=_pct(fix.value))
        return t("ui.trial.review_alone_needs_person_hours_capacity", **hours)
    if plan.labeling_hours is not None and plan.capacity_hours is not None and plan.labeling_hours > plan.capacity_hours:
        return t("ui.trial.labeling_alone_needs_person_hours_capacity", **hours)
    return t("ui.trial.there_is_no_review_to_cut")


def _fix_text(plan: Any, fix: Any) -> str:
    if not fix.feasible:
        what = {
            "annotators": t("ui.trial.more_annotators"),
            "prelabel_acceptance": t("ui.trial.accepting_more_pre_labels"),
            "review_rate": t("ui.trial.reviewing_less"),
        }[fix.kind]
        return f"{what}: :gray[{t('ui.trial.not_possible')}, {escape_md(_why_not(plan, fix))}]"
    if fix.kind == "annotators":
        return t("ui.trial.annotators_instead_of", v=fix.value, n=plan.inputs["annotators"].value)
    if fix.kind == "prelabel_acceptance":
        now = plan.inputs.get("prelabel_share")
        return t(
            "ui.trial.accept_pre_labels_on_at_least",
            v=_pct(fix.value), n=_pct(now.value) if now else t("ui.trial.none"),
        )
    text = t("ui.trial.review_at_most_of_items", v=_pct(fix.value))
    if fix.value is not None and fix.value < 0.05:
        text += " " + t("ui.trial.orange_qa_would_see_too_few")
    return text


with tab_plan:
    breakdown = None
    if ws.store.artifacts(project_id, "breakdown"):
        breakdown = attempt(latest_breakdown, ws, project_id)
    st.caption(
        t(
            "ui.trial.every_input_comes_from_the_project",
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
        deadline_label += t("ui.trial.breakdown", d=_input_text("deadline", stated_deadline.value))
    deadline = r2[3].date_input(deadline_label, value=None, key="plan_deadline")
    r3 = st.columns(4)
    share_pct = r3[0].number_input(
        _name("prelabel_share") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f",
        placeholder=t("ui.trial.no_pre_labels"), key="plan_share",
        help=t("ui.trial.share_of_items_whose_pre_label"),
    )
    accuracy_pct = r3[1].number_input(
        _name("prelabel_accuracy") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f",
        placeholder=t("ui.trial.from_the_trial_round"), key="plan_accuracy",
        help=t("ui.trial.accuracy_of_those_pre_labels_measured"),
    )
    r3[2].date_input(t("ui.trial.start_date"), value=date.today(), key="plan_today",
                     help=t("ui.trial.working_days_are_counted_from_this"))
    r3[3].caption(t("ui.trial.weekends_are_skipped_public_holidays_are"))

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
            return f"- **{_name(item.name)}**: " + t("ui.trial.needed_for", w=t(english, chinese))

        if required:
            st.warning(
                t("ui.trial.missing_inputs_not_guessed_give_them")
                + "\n" + "\n".join(_missing_line(m) for m in required),
                icon=":material/edit_note:",
            )

        if plan.person_hours is not None:
            currency_text = f" {plan.currency}" if plan.currency else ""
            metrics = st.columns([1, 1, 1.3, 1.3])
            metrics[0].metric(
                t("ui.trial.person_days"), _num(plan.person_days),
                help=t("ui.trial.person_hours_at_h_a_day", p=_num(plan.person_hours), h=_num(float(hours))),
            )
            metrics[1].metric(
                t("ui.trial.working_days"), plan.working_days if plan.working_days is not None else "–",
                help=t("ui.trial.with_annotators_in_parallel", n=plan.inputs["annotators"].value) if plan.working_days is not None else None,
            )
            metrics[2].metric(t("ui.trial.finish"), plan.finish_date.isoformat() if plan.finish_date else "–")
            metrics[3].metric(
                t("ui.trial.cost"), f"{_num(plan.cost)}{currency_text}" if plan.cost is not None else "–",
                help=t("ui.trial.person_hours_hourly_rate"),
            )
            saved_text = (
                t("ui.trial.of_items_pre_labeled_correctly_and", s=_pct(plan.saved_share))
                if plan.saved_share else ""
            )
            st.caption(
                t("ui.trial.labeling_h_review_h_person_hours",
                  l=_num(plan.labeling_hours), s=saved_text, r=_num(plan.review_hours), p=_num(plan.person_hours))
            )
            if plan.budget_total is not None and plan.within_budget is not None:
                budget = f"{_num(plan.budget_total)}{currency_text}"
                if plan.within_budget:
                    st.caption("✅ " + t("ui.trial.within_the_budget_of", b=budget))
                else:
                    st.error(t("ui.trial.over_the_budget_of", b=budget), icon=":material/payments:")

        if plan.deadline is not None and plan.working_days_available is not None:
            if plan.deadline_holds:
                st.success(
                    t(
                        "ui.trial.the_deadline_holds_working_days_give",
                        d=plan.deadline.isoformat(), w=plan.working_days_available, k=_num(plan.capacity_hours), p=_num(plan.person_hours),
                    ),
                    icon=":material/event_available:",
                )
            elif plan.deadline_holds is False:
                st.error(
                    t(
                        "ui.trial.the_deadline_does_not_hold_working",
                        d=plan.deadline.isoformat(), w=plan.working_days_available, k=_num(plan.capacity_hours), p=_num(plan.person_hours),
                    )
                    + "\n\n"
                    + t("ui.trial.any_one_of_these_makes_it")
                    + "\n"
                    + "\n".join(f"- {_fix_text(plan, fix)}" for fix in plan.fixes),
                    icon=":material/event_busy:",
                )
            elif plan.annotators_needed is not None:
                st.info(
                    t("ui.trial.deadline_working_days_it_needs_annotators",
                      d=plan.deadline.isoformat(), w=plan.working_days_available, n=plan.annotators_needed),
                    icon=":material/event:",
                )

        with st.expander(t("ui.trial.inputs_and_where_they_come_from"), icon=":material/input:", expanded=bool(required)):
            lines = [f"| {t('ui.trial.input')} | {t('ui.trial.value')} | {t('ui.trial.source')} |", "| --- | ---: | --- |"]
            for key, item in plan.inputs.items():
                if item.source == "missing" and key not in {m.name for m in plan.missing}:
                    continue
                (english, chinese), color = SOURCE_BADGES.get(item.source, ((item.source, item.source), "gray"))
                lines.append(f"| {_name(key)} | {escape_md(_input_text(key, item.value))} | {badge(t(english, chinese), color)} |")
            st.markdown("\n".join(lines))
            for item in optional:
                st.caption(_missing_line(item).lstrip("- ") + t("ui.trial.optional"))
            for note in plan.notes:
                st.caption("ℹ️ " + escape_md(NOTE_TEXT[lang][note.code].format(**note.values)))
        text = format_plan(plan, lang)
        with st.expander(t("ui.trial.the_plan_as_text"), icon=":material/description:"):
            st.code(text, language=None, wrap_lines=True)
            st.download_button(
                t("ui.trial.download_txt"), text.encode("utf-8"), file_name=safe_name(f"{project_id}_plan.txt"),
                mime="text/plain", icon=":material/download:", on_click="ignore",
            )
