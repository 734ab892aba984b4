"""Production section 2: record a delivered batch (labels, reviewed QA sample, pre-labels) or the bundled example."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import streamlit as st

from assistant.core.errors import RulebookError
from assistant.rulebook.export import load_rulebook
from evaluation import SAMPLES_DIR
from evaluation.batches import BatchRecord, record_batch
from ui.components import DATA_TYPES, escape_md, guard, safe_name, save_upload, staging_dir
from ui.i18n import language, t
from ui.production.common import pct
from ui.state import current_project, set_current_project
from ui.workflow import DEMO_NAMES, demo_project

EXAMPLE_EXPORT = SAMPLES_DIR / "label_studio_export.json"
EXAMPLE_RULEBOOK = SAMPLES_DIR / "rulebook_complaints_zh.json"
# A reviewer's QA check of 6 of the example export's annotations (the README's `batches add` example):
# li.na labeled c005 一般不满 where the rulebook says 愤怒投诉 (an escalation threat).
EXAMPLE_REVIEW = [
    ("c001", "zhang.wei@example.com", "yes", ""),
    ("c005", "li.na@example.com", "no", "愤怒投诉"),
    ("c006", "zhang.wei@example.com", "yes", ""),
    ("c008", "li.na@example.com", "yes", ""),
    ("c009", "zhang.wei@example.com", "yes", ""),
    ("c010", "li.na@example.com", "yes", ""),
]


def _record(ws: Any, project_id: str, labels: Any, reviewed: Any, prelabels: Any, name: str, label_field: str, correct_field: str) -> BatchRecord:
    """Save the uploads and record the batch; errors name the user's files and the page's options."""
    folder = ("_incoming", staging_dir(ws), "production")
    names: dict[str, str] = {}

    def keep(upload: Any, sub: str) -> Path | None:
        if upload is None:
            return None
        path = save_upload(ws, upload, *folder, sub)
        names[str(path)] = upload.name
        return path

    labels_path = save_upload(ws, labels, *folder, "labels")  # always given: the record button is disabled without it
    names[str(labels_path)] = labels.name
    try:
        return record_batch(
            ws, project_id, labels_path, name=name or None, reviewed_path=keep(reviewed, "reviewed"),
            prelabels_path=keep(prelabels, "prelabels"), label_field=label_field, correct_field=correct_field,
        )
    except RulebookError as error:  # in the page's language, naming the uploads and the page's fields
        message = error.render(language())
        for path, shown in names.items():
            message = message.replace(path, shown)
        message = message.replace("--label-field", t("ui.production.options_label_column"))
        message = message.replace("--reviewed", t("ui.production.the_reviewed_sample"))
        raise type(error)(message) from None


def _record_example(ws) -> BatchRecord:
    folder = ws.settings.data_dir / "uploads" / "_incoming" / safe_name(staging_dir(ws)) / "production" / "example"
    folder.mkdir(parents=True, exist_ok=True)
    review = folder / "example_reviewed.csv"
    with review.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "annotator", "correct", "reviewed_label"])
        writer.writerows(EXAMPLE_REVIEW)
    rulebook = load_rulebook(EXAMPLE_RULEBOOK) if EXAMPLE_RULEBOOK.exists() else None
    demo = demo_project(ws)  # sample data goes into the demo project only, never into the trainer's project
    record = record_batch(ws, demo, EXAMPLE_EXPORT, name=t("ui.production.example_batch_name"), reviewed_path=review, rulebook=rulebook)
    set_current_project(demo)
    return record


def _recorded(project_id: str, round_key: int, record: BatchRecord) -> None:
    st.session_state["prod_last"] = {"project": current_project() or project_id, "record": record.model_dump(mode="json")}
    st.session_state["prod_upload_round"] = round_key + 1



def render_record(ws: Any, project_id: str, delivered: bool) -> None:
    """The upload form, its buttons, and what the last recorded batch holds."""
    round_key = st.session_state.setdefault("prod_upload_round", 0)  # a new round empties the uploaders after a record

    with st.container(border=True):
        up1, up2 = st.columns(2)
        labels_file = up1.file_uploader(
            t(
                "ui.production.the_batch_s_labels_csv_jsonl",
            ),
            type=DATA_TYPES,
            key=f"prod_labels_{round_key}",
        )
        reviewed_file = up2.file_uploader(
            t(
                "ui.production.reviewed_qa_sample_optional_id_correct",
            ),
            type=DATA_TYPES,
            key=f"prod_reviewed_{round_key}",
        )
        up3, up4 = st.columns(2)
        prelabels_file = up3.file_uploader(
            t("ui.production.the_model_s_pre_labels_optional"),
            type=DATA_TYPES,
            key=f"prod_prelabels_{round_key}",
        )
        with up4:
            batch_name = st.text_input(
                t("ui.production.batch_name"), placeholder=t("ui.production.e_g_week_3_default_the"),
                key=f"prod_name_{round_key}",
                help=t("ui.production.recording_again_under_an_existing_name"),
            ).strip()
            with st.expander(t("ui.production.options")):
                o1, o2 = st.columns(2)
                label_field = o1.text_input(t("ui.production.label_column"), value="label", key="prod_label_field").strip() or "label"
                correct_field = o2.text_input(t("ui.production.correct_column"), value="correct", key="prod_correct_field").strip() or "correct"
        b1, b2, _ = st.columns([1.3, 1.6, 3])
        if b1.button(
            t("ui.production.record_the_batch"), type="primary", icon=":material/add_task:", disabled=labels_file is None or delivered, width="stretch",
            help=t("ui.production.the_project_is_delivered_and_read") if delivered else None,
        ):
            with guard():
                _recorded(project_id, round_key, _record(ws, project_id, labels_file, reviewed_file, prelabels_file, batch_name, label_field, correct_field))
                st.rerun()
        if b2.button(
            t("ui.production.use_the_example_export"), icon=":material/science:", width="stretch",
            help=t(
                "ui.production.records_the_bundled_example_export_10",
                n=t("ui.production.example_batch_name"), d=t(*DEMO_NAMES),
            ),
        ):
            with guard():
                _recorded(project_id, round_key, _record_example(ws))
                st.rerun()

    last = st.session_state.get("prod_last")
    if last and last["project"] == project_id:
        record = BatchRecord.model_validate(last["record"])
        lines = [
            t(
                "ui.production.recorded_batch_version_items_annotations_by",
                n=escape_md(record.name), v=record.version, i=record.n_items, a=record.n_annotations, k=len(record.annotators),
            )
        ]
        if record.label_distribution:
            lines.append(
                t("ui.production.labels") + ", ".join(f"{escape_md(label)} {pct(share)}" for label, share in record.label_distribution.items())
            )
        if record.lead_time_median is not None:
            lines.append(t("ui.production.lead_time_median_s_mean_s", m=record.lead_time_median, a=record.lead_time_mean))
        if record.qa is not None:
            lines.append(t("ui.production.qa") + escape_md(record.qa.verdict_text(language())))
        if record.model_agreement is not None and record.model_agreement.percent_agreement is not None:
            agreement = record.model_agreement
            kappa = f", Cohen's κ {agreement.cohen_kappa:.2f}" if agreement.cohen_kappa is not None else ""
            lines.append(t("ui.production.model_vs_human_agreement", p=pct(agreement.percent_agreement), k=kappa))
        notes = record.notes_text(language())
        if record.qa is not None:
            notes = notes + record.qa.notes_text(language())
        lines += [f":gray[{escape_md(note)}]" for note in notes]
        st.success("  \n".join(lines), icon=":material/task_alt:")
