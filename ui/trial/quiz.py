"""Trial tab 2: build a quiz from the rulebook (and gold items), show its balance, download sheets and key."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant.integrations.datafiles import require_columns
from assistant.training.materials import Quiz, export_answer_key, export_quiz, make_quiz
from ui.charts import FONT
from ui.components import DATA_TYPES, call_on_upload, escape_md, guard, read_upload, safe_name
from ui.i18n import t
from ui.trial.common import QUIZ_KIND, XLSX_MIME, file_bytes, quiz_label, quiz_of, saved_quizzes


def _build_quiz(ws: Any, project_id: str, rulebook: Any, folder: tuple[str, ...], size: int, seed: int, gold_upload: Any) -> None:
    gold = None
    gold_name = None
    if gold_upload is not None:
        path, gold = read_upload(ws, gold_upload, *folder, "gold")
        call_on_upload(path, gold_upload.name, require_columns, path, gold, "text", "label")
        gold_name = gold_upload.name
    quiz = make_quiz(rulebook, gold=gold, size=int(size), seed=int(seed))
    same = next(
        (a for a in reversed(saved_quizzes(ws, project_id))
         if quiz_of(a).model_dump() == quiz.model_dump() and a.payload.get("gold_file") == gold_name),
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


def _quiz_notes(quiz: Quiz, rulebook: Any) -> list[str]:
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


def render_quiz(ws: Any, project_id: str, rulebook: Any, folder: tuple[str, ...]) -> None:
    """The quiz tab. `folder` is where uploads are staged (the page's `("_incoming", staging dir, "trial")`)."""
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
            _build_quiz(ws, project_id, rulebook, folder, size, seed, gold_upload)
    if st.session_state.get("trial_quiz_note"):
        st.success(st.session_state.pop("trial_quiz_note"), icon=":material/check_circle:")

    for_version = [a for a in saved_quizzes(ws, project_id) if quiz_of(a).rulebook_version == rulebook.version]
    if not for_version:
        st.info(
            t("ui.trial.no_quiz_for_rulebook_version_yet", v=rulebook.version),
            icon=":material/info:",
        )
    else:
        artifact = for_version[-1]
        quiz = quiz_of(artifact)
        st.markdown(f"##### {escape_md(quiz_label(artifact))}")
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
                for note in _quiz_notes(quiz, rulebook):
                    st.caption("ℹ️ " + note)

            st.markdown(f"**{t('ui.trial.for_annotators_no_answers')}**")
            stem = safe_name(f"quiz{artifact.version}_v{quiz.rulebook_version}")
            row1 = st.columns(3)
            row1[0].download_button(
                t("ui.trial.quiz_sheet_csv"), file_bytes(lambda p: export_quiz(quiz, p, "csv"), "quiz.csv"),
                file_name=f"{stem}.csv", mime="text/csv", icon=":material/table:", on_click="ignore", width="stretch",
            )
            row1[1].download_button(
                t("ui.trial.quiz_sheet_xlsx"), file_bytes(lambda p: export_quiz(quiz, p, "xlsx"), "quiz.xlsx"),
                file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/grid_on:", on_click="ignore", width="stretch",
            )
            row1[2].download_button(
                t("ui.trial.label_studio_tasks"),
                file_bytes(lambda p: export_quiz(quiz, p, "label-studio"), "quiz.json"),
                file_name=f"{stem}_label_studio.json", mime="application/json", icon=":material/label:",
                on_click="ignore", width="stretch",
            )
            st.markdown(f"**{t('ui.trial.for_you_keep_it_from_annotators')}**")
            row2 = st.columns(3)
            row2[0].download_button(
                t("ui.trial.answer_key_csv"), file_bytes(lambda p: export_answer_key(quiz, p), "key.csv"),
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
