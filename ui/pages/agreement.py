"""Agreement: a trial round's label files against the rulebook: PASS/FAIL, charts, disagreements, suggestions."""

from __future__ import annotations

import json

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
from ui.i18n import language, t
from ui.state import current_project, workspace
from ui.auth import page_requires
from ui.workflow import render_next_step

EXAMPLE_FILES = [SAMPLES_DIR / "human_a.csv", SAMPLES_DIR / "human_b.csv"]
EXAMPLE_TEXTS = SAMPLES_DIR / "items.csv"
EXAMPLE_RULEBOOK = SAMPLES_DIR / "rulebook_complaints_zh.json"

page_header(
    t("ui.agreement.agreement"),
    t(
        "ui.agreement.upload_a_trial_round_s_labels",
    ),
)

page_requires("work")  # trainers and admins; checked here, not only hidden in the menu
ws = attempt(workspace)
if ws is None:
    st.stop()

# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.agreement.1_label_files"))
files = st.file_uploader(
    t(
        "ui.agreement.one_file_per_annotator_id_label",
    ),
    type=DATA_TYPES,
    accept_multiple_files=True,
    key="agree_files",
)
texts_file = st.file_uploader(
    t("ui.agreement.item_texts_optional_id_text_so"),
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
            "ui.agreement.using_the_bundled_example_two_annotators",
        ),
        icon=":material/science:",
    )
    stop.button(t("ui.agreement.clear"), on_click=_stop_example, width="stretch")
elif not files:
    st.button(t("ui.agreement.use_the_example_files"), icon=":material/science:", on_click=_use_example)

st.subheader(t("ui.agreement.2_rulebook"))
projects = [row for row in (attempt(ws.store.projects) or []) if ws.store.artifacts(row.id, "rulebook")]
sources = (["example"] if use_example and EXAMPLE_RULEBOOK.exists() else []) + (["project"] if projects else []) + ["file", "none"]
if st.session_state.get("agree_rulebook_source") not in sources:
    st.session_state["agree_rulebook_source"] = sources[0]
source = select(st.radio,
    t("ui.agreement.rulebook_from"),
    sources,
    format_func=lambda s: {
        "example": t("ui.agreement.the_example_rulebook"),
        "project": t("ui.agreement.a_project"),
        "file": t("ui.agreement.a_rulebook_json_file"),
        "none": t("ui.agreement.none_labels_are_not_checked"),
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
        t("ui.agreement.project"),
        list(by_id),
        index=list(by_id).index(current) if current in by_id else 0,
        format_func=lambda key, by_id=by_id: project_label(by_id[key]),
        key="agree_project",
    )
    versions = sorted((a.version for a in ws.store.artifacts(project_id, "rulebook")), reverse=True)
    version = select(vcol.selectbox, t("ui.agreement.version"), versions, key=f"agree_version_{project_id}")
    rulebook = attempt(rulebook_version, ws, project_id, version)
    rulebook_origin = ("project", project_id, version)
elif source == "file":
    rulebook_file = st.file_uploader(t("ui.agreement.rulebook_json"), type=["json"], key="agree_rulebook_file")
    if rulebook_file is not None:
        rulebook = attempt(from_json, rulebook_file.getvalue(), name=rulebook_file.name)
        rulebook_origin = ("file", rulebook_file.name)
if rulebook is not None:
    target = rulebook.quality.target_agreement
    st.caption(
        f"**{escape_md(rulebook.title)}** · v{rulebook.version} · "
        + rulebook_stats(rulebook)
        + " · "
        + t("ui.agreement.target", m=metric_name(rulebook.quality.agreement_metric, language()), v=target)
    )

with st.expander(t("ui.agreement.options")):
    normalise = st.checkbox(
        t("ui.agreement.merge_spelling_variants_and_aliases_of"),
        value=False,
        help=t("ui.agreement.off_by_default_variants_are_reported"),
        key="agree_normalise",
    )
    c1, c2 = st.columns(2)
    label_field = c1.text_input(t("ui.agreement.label_column"), value="label", key="agree_label_field").strip() or "label"
    id_field = c2.text_input(t("ui.agreement.id_column"), value="id", key="agree_id_field").strip() or "id"
    bootstrap = st.select_slider(
        t("ui.agreement.bootstrap_resamples_for_the_95_intervals"), [0, 200, 500, 1000, 2000], value=1000, key="agree_bootstrap"
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
    t("ui.agreement.compute_agreement"), type="primary", icon=":material/analytics:", disabled=not (files or use_example)
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
    except RulebookError as error:  # in the page's language, naming the uploads and the page's fields
        message = error.render(language())
        for path, name in names.items():
            message = message.replace(path, name)
        message = message.replace("--label-field", t("ui.agreement.options_label_column"))
        message = message.replace("--id-field", t("ui.agreement.options_id_column"))
        message = message.replace("--normalise", t("ui.agreement.options_merge_spelling_variants"))
        raise type(error)(message) from None


if run:
    with guard():
        with st.spinner(t("ui.agreement.computing_agreement_the_disagreement_review_and")):
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
    st.info(t("ui.agreement.the_inputs_changed_compute_again_to"), icon=":material/refresh:")
    st.stop()

result = state["result"]
report, review, suggestions = result.report, result.review, result.suggestions
lang = language()  # the report writers and offline suggestions write any catalogue language
used_rulebook = state["rulebook"]
if used_rulebook is not None and suggestions and all(s.engine != "llm" for s in suggestions) and used_rulebook.language != lang:
    # offline suggestions are templates: write them in the screen's language (they quote the rulebook as it is)
    from evaluation.review import suggestions_offline

    suggestions = suggestions_offline(review, used_rulebook.model_copy(update={"language": lang}))

# ---------------------------------------------------------------------------------------------
# The verdict and the figures
# ---------------------------------------------------------------------------------------------
st.divider()
st.subheader(t("ui.agreement.3_result"))
verdict = report.verdict
verdict_text = verdict.verdict_text(language())
if verdict.passed:
    st.success(f"### {t('ui.agreement.pass')}\n{verdict_text}", icon=":material/check_circle:")
elif verdict.passed is False:
    st.error(f"### {t('ui.agreement.fail')}\n{verdict_text}", icon=":material/cancel:")
else:
    st.warning(verdict_text, icon=":material/help:")
for note in verdict.notes_text(language()):
    st.caption(note)

st.caption(
    t(
        "ui.agreement.sets_items_labeled_by_every_set",
        s=", ".join(f"{name}{' (' + t('ui.agreement.reference') + ')' if name == report.reference else ''}" for name in report.sets),
        n=report.n_items,
        c=report.n_complete,
        m=report.missing_share,
    )
)
metrics = list(report.metrics.items())
columns = st.columns(min(4, len(metrics)) or 1)
for index, (key, metric) in enumerate(metrics):
    name = metric_name(key, lang)
    value = f"{metric.value:.3f}" if metric.defined and metric.value is not None else t("ui.agreement.undefined")
    band = metric.band_text(language()) or ""
    if key.startswith("percent_agreement"):
        band = t("ui.agreement.raw_not_chance_corrected")
    ci = f"95% CI {metric.ci_low:.3f}–{metric.ci_high:.3f}" if metric.ci_low is not None else ""
    label = ("★ " if key == verdict.metric else "") + name
    explanation = metric.explanation if lang == "en" else ""  # the metrics' own explanation is English
    columns[index % len(columns)].metric(label, value, help=" · ".join(part for part in (band, ci, explanation) if part) or None)

read_notes = result.notes_in(language())
if read_notes:
    with st.expander(t("ui.agreement.what_was_read_from_the_files"), icon=":material/description:"):
        st.markdown("\n".join(f"- {escape_md(note)}" for note in read_notes))
comparisons = getattr(result, "comparisons", [])
if comparisons:
    st.markdown(f"**{t('ui.agreement.the_reference_and_the_model_one')}**")
    st.dataframe(
        pd.DataFrame(
            [
                {t("ui.agreement.set"): row["set"], t("ui.agreement.against"): row["against"], t("ui.agreement.items"): row["n"],
                 t("ui.agreement.agree"): row["agree"], t("ui.agreement.share"): row["share"]}
                for row in comparisons
            ]
        ),
        hide_index=True,
        width="stretch",
    )

problems = [
    message.replace("--normalise", t("ui.agreement.options_merge_spelling_variants_2")).replace(
        "(normalise)", t("ui.agreement.merged_options_merge_spelling_variants")
    )
    for message in report.problems.messages(lang)
]
unknown = {label for s in report.problems.sets for label in s.unknown_labels}
if unknown:
    st.error(
        t(
            "ui.agreement.labels_outside_the_rulebook_fix_them",
            l=", ".join(sorted(unknown)),
        ),
        icon=":material/error:",
    )
if problems:
    with st.expander(t("ui.agreement.data_problems", n=len(problems)), expanded=not unknown, icon=":material/warning:"):
        st.markdown("\n".join(f"- {escape_md(message)}" for message in problems))

left, right = st.columns(2)
metric_names = {"precision": t("ui.agreement.precision"), "recall": t("ui.agreement.recall"), "f1": "F1"}
with left:
    if report.confusion is not None and report.confusion.labels:
        st.markdown(f"**{t('ui.agreement.confusion_matrix')}**")
        st.altair_chart(confusion_chart(report.confusion, report.reference or "", report.compared or ""), width="stretch")
    elif report.pairwise:
        st.markdown(f"**{t('ui.agreement.pairwise_agreement')}**")
        st.dataframe(
            pd.DataFrame(
                [{"a": p.a, "b": p.b, metric_name("percent_agreement", lang): p.percent_agreement.value, "kappa": p.cohen_kappa.value} for p in report.pairwise]
            ),
            hide_index=True,
            width="stretch",
        )
with right:
    if report.per_label:
        st.markdown(f"**{t('ui.agreement.per_label_against', c=escape_md(report.compared), r=escape_md(report.reference))}**")
        st.altair_chart(per_label_chart(report.per_label, metric_names=metric_names, order=[str(label) for label in report.label_order]), width="stretch")
    elif report.label_agreement:
        st.markdown(f"**{t('ui.agreement.specific_agreement_per_label')}**")
        st.altair_chart(
            agreement_bars(report.label_agreement, rulebook.quality.target_agreement if rulebook else None, title=""),
            width="stretch",
        )

# ---------------------------------------------------------------------------------------------
# Disagreements
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.agreement.where_people_disagree"))
if not review.groups:
    st.success(t("ui.agreement.no_disagreements_every_item_got_the"))
st.caption(
    t(
        "ui.agreement.of_compared_items_disagree_grouped_by",
        d=review.n_disagreements,
        n=review.n_compared,
    )
)
for number, group in enumerate(review.groups, 1):
    a, b = group.pair
    title = t(
        "ui.agreement.item_s_of_disagreements",
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
                    st.markdown(f"**{escape_md(definition.label)}** " + badge(t("ui.agreement.variant_of", x=definition.rulebook_label), "orange"))
                else:
                    st.markdown(f"**{escape_md(definition.label)}** " + badge(t("ui.agreement.not_in_the_rulebook"), "red"))
                if definition.definition:
                    st.markdown(escape_md(definition.definition))
                if definition.criteria:
                    st.markdown("\n".join(f"- {escape_md(c)}" for c in definition.criteria))
                if not definition.definition and not definition.criteria:
                    st.caption(t("ui.agreement.no_definition_in_the_rulebook"))
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
            column_config={"id": st.column_config.TextColumn("id", width="small"), "text": st.column_config.TextColumn(t("ui.agreement.text"), width="large")},
        )

# ---------------------------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.agreement.suggested_rule_changes"))
if not suggestions:
    st.caption(t("ui.agreement.no_suggestions_there_were_no_disagreements"))
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
        head += " " + badge("LLM" if suggestion.engine == "llm" else t("ui.agreement.offline"), "blue" if suggestion.engine == "llm" else "gray")
        st.markdown(head)
        st.markdown(escape_md(suggestion.message.replace("--normalise", t("ui.agreement.options_merge_spelling_variants_2"))))
        if suggestion.examples:
            with st.expander(t("ui.agreement.examples_on_the_boundary", n=len(suggestion.examples))):
                for example in suggestion.examples:
                    mark = "✓" if example.polarity == "positive" else "✗"
                    actually = f" → {example.correct_label}" if example.correct_label else ""
                    st.markdown(f"- {mark} **{escape_md(example.label)}{escape_md(actually)}** «{escape_md(example.text)}» :gray[{escape_md(example.explanation)}]")
        if suggestion.proposed_edits:
            st.markdown("\n".join(f"- {escape_md(edit)}" for edit in suggestion.proposed_edits))
        if suggestion.edits:
            accepted = state["accepted"].get(number)
            if accepted is None:
                if st.button(t("ui.agreement.accept_make_a_new_rulebook_version"), key=f"accept_{number}", icon=":material/done:"):
                    with guard():
                        _accept(number)
                        st.rerun()
            else:
                new = accepted["new"]
                if origin[0] == "project":
                    st.success(t("ui.agreement.saved_as_version_of_project", v=new.version, p=origin[1]))
                else:
                    st.success(t("ui.agreement.version_is_ready_to_download", v=new.version))
                    st.download_button(
                        t("ui.agreement.download_the_new_rulebook_json"),
                        to_json(new).encode("utf-8"),
                        file_name=f"rulebook_v{new.version}.json",
                        mime="application/json",
                        on_click="ignore",
                        key=f"accepted_download_{number}",
                    )
                with st.expander(t("ui.agreement.changes"), expanded=True):
                    render_diff(diff_text(accepted["previous"], new))
        elif suggestion.engine != "llm":
            st.caption(
                t(
                    "ui.agreement.offline_suggestions_point_at_the_confused",
                )
            )

# ---------------------------------------------------------------------------------------------
# Keep the round
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.agreement.keep_this_round"))
downloads = st.columns(2)
with guard():
    downloads[0].download_button(
        t("ui.agreement.report_markdown"),
        report_markdown(report, review, lang, suggestions=suggestions).encode("utf-8"),
        file_name="agreement_report.md",
        mime="text/markdown",
        icon=":material/description:",
        on_click="ignore",
        width="stretch",
    )
    downloads[1].download_button(
        t("ui.agreement.report_json"),
        json.dumps(result.to_json(), ensure_ascii=False, indent=2).encode("utf-8"),
        file_name="agreement_report.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        width="stretch",
    )
if origin[0] == "project":
    if state["recorded"] is None:
        round_name = st.text_input(t("ui.agreement.round_name"), placeholder=t("ui.agreement.trial_1"), key="agree_round_name")
        if st.button(
            t("ui.agreement.record_this_round_with_project", p=origin[1]),
            icon=":material/save:",
            help=t("ui.agreement.delivery_uses_the_recorded_rounds_for"),
            disabled=ws.store.project(origin[1]).status == "delivered",  # read-only until reopened
        ):
            with guard():
                record_agreement(ws, origin[1], result.to_json(), round_name=round_name.strip() or None)
                state["recorded"] = ws.store.artifacts(origin[1], "agreement")[-1].version
                st.toast(t("ui.agreement.recorded_as_agreement_round", n=state["recorded"]), icon="✅")
                st.rerun()
    else:
        st.success(t("ui.agreement.recorded_as_agreement_round_of_project", n=state["recorded"], p=origin[1]))
        render_next_step(ws, origin[1])
else:
    st.caption(t("ui.agreement.pick_the_rulebook_from_a_project"))
