"""Trial tab 3: score the annotators' answers against a quiz or a key file, with per-annotator feedback sheets."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from assistant.integrations.datafiles import require_columns
from assistant.service.projects import rulebook_version
from assistant.training.materials import feedback_sheet, safe_filename, score_quiz
from ui.components import DATA_TYPES, attempt, badge, call_on_upload, escape_md, guard, read_upload, save_upload, select
from ui.i18n import t
from ui.trial.common import KEY_FILE, demote, pct, quiz_label, quiz_of, saved_quizzes


def _answer_records(ws: Any, folder: tuple[str, ...], uploads: list[Any]) -> list[dict[str, Any]]:
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


def _score(ws: Any, folder: tuple[str, ...], key_source: Any, uploads: list[Any], threshold: float):
    records = _answer_records(ws, folder, uploads)
    if isinstance(key_source, tuple):  # an uploaded answer key file
        path, name = key_source
        return call_on_upload(path, name, score_quiz, path, records, threshold=threshold)
    return score_quiz(key_source, records, threshold=threshold)


def _verdict_badge(passed: bool) -> str:
    return badge(t("ui.trial.pass"), "green") if passed else badge(t("ui.trial.fail"), "red")


def render_scores(ws: Any, project_id: str, rulebook: Any, folder: tuple[str, ...]) -> None:
    """The scores tab. `folder` is where uploads are staged (the page's `("_incoming", staging dir, "trial")`)."""
    st.caption(
        t(
            "ui.trial.upload_the_filled_in_quiz_sheets",
        )
    )
    saved = saved_quizzes(ws, project_id)
    options = [a.version for a in reversed(saved)] + [KEY_FILE]
    labels_by_version = {a.version: quiz_label(a) for a in saved}
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
        key_source = quiz_of(quiz_artifact)
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
            scores = _score(ws, folder, key_source, list(answer_uploads), threshold_pct / 100)

    if scores is not None:
        n_pass, n_fail = len(scores.passed), len(scores.failed)
        summary = t(
            "ui.trial.annotator_s_on_a_quiz_of",
            n=len(scores.annotators), k=scores.items, p=pct(scores.threshold), a=n_pass, b=n_fail,
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
                f"{pct(score.accuracy)} | {score.answered}/{score.total} | {errors} |"
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
                with st.expander(f"{mark} {escape_md(score.annotator)} · {score.correct}/{score.total} ({pct(score.accuracy)})"):
                    st.download_button(
                        t("ui.trial.download_this_sheet_markdown"), sheet.encode("utf-8"),
                        file_name=f"{safe_filename(score.annotator)}.md", mime="text/markdown",
                        icon=":material/download:", on_click="ignore", key=f"trial_sheet_{score.annotator}",
                    )
                    st.markdown(demote(sheet))
