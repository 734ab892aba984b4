"""The QA sample of a production batch, drawn in the app: a review sheet WITH the texts, so a reviewer can work from it.

The size is Cochran's with the finite-population correction (`evaluation.qa.sample_size`), the
draw is `evaluation.qa.draw_sample` (stratified by label, reproducible by seed). Texts come from the
batch file's text column or from an uploaded items file (id, text).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd
import streamlit as st

from assistant.core.errors import InputError
from assistant.core.messages import Message

from ui.components import DATA_TYPES, guard, read_upload, staging_dir
from ui.i18n import t
from evaluation.qa import draw_sample, sample_size

if TYPE_CHECKING:
    from assistant.service.workspace import Workspace

SHEET_COLUMNS = ["id", "text", "label", "annotator", "correct", "reviewed_label", "review_note"]


def review_sheet(records: list[dict[str, Any]], texts: dict[str, str] | None, *, margin: float, seed: int,
                 label_field: str = "label", name: str = "batch") -> tuple[pd.DataFrame, int]:
    """The sample as a review sheet (id, text, label, annotator, empty review columns); returns (sheet, population)."""

    if not records:
        raise InputError(Message("ui.qa_sample.no_rows_to_sample", f=name))
    missing = [column for column in ("id", label_field) if not any(column in record for record in records)]
    if missing:
        raise InputError(Message("ui.qa_sample.missing_column_s_the_batch_needs", f=name, m=missing, l=label_field))
    n = sample_size(len(records), margin=margin)
    stratify: Literal["label"] | None = "label" if label_field == "label" else None
    sample = draw_sample(records, n, stratify, seed, label_field=label_field)
    rows = []
    without_text = []
    for record in sample:
        item_id = str(record.get("id", "")).strip()
        text = str(record.get("text") or "").strip() or (texts or {}).get(item_id, "")
        if not text:
            without_text.append(item_id)
        rows.append(
            {"id": item_id, "text": text, "label": record.get(label_field, ""), "annotator": record.get("annotator", ""),
             "correct": "", "reviewed_label": "", "review_note": ""}
        )
    if without_text:
        shown = ", ".join(without_text[:5]) + ("…" if len(without_text) > 5 else "")
        raise InputError(Message("ui.qa_sample.sampled_item_s_have_no_text", n=len(without_text), s=shown))
    return pd.DataFrame(rows, columns=SHEET_COLUMNS), len(records)


def render_qa_sample(ws: "Workspace", project_id: str) -> None:
    st.caption(
        t(
            "ui.qa_sample.upload_a_finished_batch_s_labels",
        )
    )
    left, right = st.columns(2)
    batch = left.file_uploader(
        t("ui.qa_sample.batch_labels_id_label_annotator_text"), type=DATA_TYPES, key=f"qa_batch_{project_id}"
    )
    items = right.file_uploader(
        t("ui.qa_sample.item_texts_id_text_when_the"),
        type=DATA_TYPES, key=f"qa_items_{project_id}",
    )
    c1, c2 = st.columns(2)
    margin_pct = c1.number_input(t("ui.qa_sample.margin_of_error"), min_value=1.0, max_value=20.0, value=5.0, step=1.0, key="qa_margin")
    seed = c2.number_input(t("ui.qa_sample.seed"), min_value=0, value=0, step=1, key="qa_seed")
    if batch is None:
        return
    with guard():
        folder = ("_incoming", staging_dir(ws), "qa")
        _, records = read_upload(ws, batch, *folder)
        texts = None
        if items is not None:
            _, item_rows = read_upload(ws, items, *folder, "items")
            texts = {str(row.get("id", "")).strip(): str(row.get("text") or "") for row in item_rows}
        sheet, population = review_sheet(records, texts, margin=margin_pct / 100, seed=int(seed), name=batch.name)
        st.success(
            t("ui.qa_sample.of_items_to_review_at_95",
              n=len(sheet), p=population, m=margin_pct),
            icon=":material/fact_check:",
        )
        st.dataframe(sheet, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(sheet)))
        buffer = io.StringIO()
        sheet.to_csv(buffer, index=False)
        st.download_button(
            t("ui.qa_sample.download_the_review_sheet_csv"), buffer.getvalue().encode("utf-8-sig"),
            file_name=f"qa_sample_{project_id}.csv", mime="text/csv", icon=":material/download:", on_click="ignore",
        )
