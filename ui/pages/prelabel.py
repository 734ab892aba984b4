"""Pre-label: a data file and a rulebook in; a dry-run plan, a run with progress, results to download."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import streamlit as st

from assistant.prelabel.items import items_from_records, load_items
from assistant.prelabel.api import plan
from assistant.prelabel.exports import export, read_journal
from assistant.prelabel.job import run_job
from assistant.service.projects import rulebook_version
from assistant.rulebook.export import from_json
from ui.components import (
    DATA_TYPES,
    attempt,
    escape_md,
    guard,
    page_header,
    project_label,
    read_upload,
    rulebook_stats,
    staging_dir,
    select,
)
from assistant.core.messages import localize
from ui.i18n import language, localize_rationale, t
from ui.options import option_widgets
from ui.state import current_project, workspace
from ui.auth import page_requires
from ui.workflow import render_next_step

APP_MAX_CONCURRENCY = 32  # the app's own cap on requests in flight (the CLI and API have none)

GENERATE = "__generate__"
STATUS_ICON = {"labeled": "✅", "abstain": "🤔", "error": "⚠️"}

page_header(
    t("ui.prelabel.pre_label"),
    t(
        "ui.prelabel.label_a_trial_batch_with_the",
    ),
)

page_requires("work")  # trainers and admins; checked here, not only hidden in the menu
ws = attempt(workspace)
if ws is None:
    st.stop()

# ---------------------------------------------------------------------------------------------
# 1. The items
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.prelabel.1_items"))
upload = st.file_uploader(
    t("ui.prelabel.items_to_label_csv_jsonl_json"),
    type=DATA_TYPES,
    key="prelabel_items",
)
if upload is None:
    st.caption(t("ui.prelabel.for_a_try_use_evaluation_samples"))
    st.stop()

loaded = attempt(read_upload, ws, upload, "_incoming", staging_dir(ws), "prelabel")
if loaded is None:
    st.stop()
input_path, records = loaded
columns = list(dict.fromkeys(key for record in records for key in record))
st.caption(t("ui.prelabel.rows_columns", n=len(records), c=", ".join(columns)))
with st.expander(t("ui.prelabel.preview"), expanded=False):
    st.dataframe(pd.DataFrame(records[:10]), hide_index=True, width="stretch")

left, right = st.columns(2)
text_default = columns.index("text") if "text" in columns else 0
text_field = select(left.selectbox, t("ui.prelabel.text_column"), columns, index=text_default, key="prelabel_text_field")
id_options = [GENERATE, *[c for c in columns if c != text_field]]
id_default = id_options.index("id") if "id" in id_options else 0
id_choice = select(right.selectbox,
    t("ui.prelabel.id_column"),
    id_options,
    index=id_default,
    format_func=lambda c: t("ui.prelabel.generate_ids_from_the_text") if c == GENERATE else c,
    key="prelabel_id_field",
)
id_field = None if id_choice == GENERATE else id_choice

# ---------------------------------------------------------------------------------------------
# 2. The rulebook
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.prelabel.2_rulebook"))
projects = [row for row in (attempt(ws.store.projects) or []) if ws.store.artifacts(row.id, "rulebook")]
sources = (["project"] if projects else []) + ["file"]
source = select(st.radio,
    t("ui.prelabel.rulebook_from"),
    sources,
    format_func=lambda s: t("ui.prelabel.a_project") if s == "project" else t("ui.prelabel.a_rulebook_json_file"),
    horizontal=True,
    key="prelabel_rulebook_source",
)
rulebook = None
if source == "project":
    by_id = {row.id: row for row in projects}
    current = current_project()
    pcol, vcol = st.columns([3, 1])
    project_id = select(pcol.selectbox,
        t("ui.prelabel.project"),
        list(by_id),
        index=list(by_id).index(current) if current in by_id else 0,
        format_func=lambda key, by_id=by_id: project_label(by_id[key]),
        key="prelabel_project",
    )
    versions = [a.version for a in ws.store.artifacts(project_id, "rulebook")]
    version = select(vcol.selectbox, t("ui.prelabel.version"), sorted(versions, reverse=True), key=f"prelabel_version_{project_id}")
    rulebook = attempt(rulebook_version, ws, project_id, version)
    render_next_step(ws, project_id)
else:
    rulebook_file = st.file_uploader(t("ui.prelabel.rulebook_json"), type=["json"], key="prelabel_rulebook_file")
    if rulebook_file is not None:
        rulebook = attempt(from_json, rulebook_file.getvalue(), name=rulebook_file.name)
if rulebook is None:
    st.stop()
st.markdown(f"**{escape_md(rulebook.title)}** · v{rulebook.version} · " + rulebook_stats(rulebook))

# ---------------------------------------------------------------------------------------------
# 3. The plan (dry run)
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.prelabel.3_plan"))
with st.expander(t("ui.prelabel.options"), expanded=False):
    options = option_widgets(caps={"concurrency": APP_MAX_CONCURRENCY})  # widgets built from PrelabelOptions (ui/options.py)

with guard():
    items = items_from_records(records, source=upload.name, text_field=text_field, id_field=id_field or "id", require_id=id_field is not None)
    the_plan = plan(rulebook, items, options, settings=ws.settings, llm=ws.llm, embedder=ws.embedder)
    cols = st.columns(5)
    cols[0].metric(t("ui.prelabel.items"), f"{the_plan.items:,}")
    cols[1].metric(t("ui.prelabel.to_label"), f"{the_plan.to_label:,}", help=t("ui.prelabel.items_with_text_and_a_unique"))
    if the_plan.engine == "offline":
        cols[2].metric(t("ui.prelabel.requests"), "0")
        cols[3].metric(t("ui.prelabel.tokens"), "0")
        cols[4].metric(t("ui.prelabel.cost"), "$0")
        st.caption(
            t(
                "ui.prelabel.offline_engine_nearest_rulebook_examples_vote",
            )
        )
    else:
        cols[2].metric(t("ui.prelabel.requests"), f"{the_plan.requests:,}", help=t("ui.prelabel.batch_size", b=the_plan.batch_size))
        cols[3].metric(
            t("ui.prelabel.tokens"),
            f"{the_plan.prompt_tokens + the_plan.completion_tokens:,}",
            help=t("ui.prelabel.prompt_completion_estimate", p=the_plan.prompt_tokens, c=the_plan.completion_tokens),
        )
        cols[4].metric(t("ui.prelabel.estimated_cost"), f"${the_plan.cost:.4f}")
    if the_plan.input_errors:
        st.warning(
            t(
                "ui.prelabel.row_s_cannot_be_labeled_empty",
                n=the_plan.input_errors,
            )
        )
        bad = [{"id": item.id, "row": item.row, "problem": item.error} for item in items.errors][:50]
        st.dataframe(pd.DataFrame(bad), hide_index=True, width="stretch")

# ---------------------------------------------------------------------------------------------
# 4. Run
# ---------------------------------------------------------------------------------------------
st.subheader(t("ui.prelabel.4_run"))
signature = (upload.name, upload.size, text_field, id_field, rulebook.title, rulebook.version, rulebook.project_id, options)
if st.button(t("ui.prelabel.run_pre_labeling"), type="primary", icon=":material/play_arrow:"):
    with guard():
        run_dir = ws.settings.data_dir / "prelabel" / f"{time.strftime('%Y%m%d-%H%M%S')}-{staging_dir(ws)[:6]}"
        out_path = run_dir / "predictions.jsonl"
        total = max(1, sum(1 for item in items.items if item.ok))
        bar = st.progress(0.0, text=t("ui.prelabel.labeling"))
        done = {"n": 0, "shown": -1}

        def advance(_prediction) -> None:
            done["n"] += 1
            percent = int(100 * done["n"] / total)
            if percent != done["shown"]:
                done["shown"] = percent
                bar.progress(min(1.0, done["n"] / total), text=t("ui.prelabel.labeled_of", d=done["n"], n=total))

        summary = run_job(
            rulebook,
            input_path,
            out_path,
            options.model_copy(update={"fmt": "jsonl", "text_field": text_field, "id_field": id_field, "progress": False}),
            settings=ws.settings,
            llm=ws.llm,
            on_prediction=advance,
        )
        bar.progress(1.0, text=t("ui.prelabel.done_items_in_s", n=summary.total, s=summary.elapsed))
        final_items = load_items(input_path, text_field=text_field, id_field=id_field or "id", require_id=id_field is not None).items
        predictions, _ = read_journal(out_path)
        csv_path = export(final_items, predictions, run_dir / "predictions.csv", "csv", rulebook)
        ls_path = export(final_items, predictions, run_dir / "label_studio_tasks.json", "label-studio", rulebook)
        st.session_state["prelabel_result"] = {
            "signature": signature,
            "jsonl": str(out_path),
            "csv": str(csv_path),
            "label_studio": str(ls_path),
            "counts": summary.counts,
            "elapsed": summary.elapsed,
            "cost": summary.cost,
            "engine": summary.engine,
            "notes": summary.notes,
            "rows": [
                {
                    "id": item.id,
                    "text": item.text,
                    "label": predictions[item.id].label if item.id in predictions else None,
                    "confidence": predictions[item.id].confidence if item.id in predictions else None,
                    "status": predictions[item.id].status if item.id in predictions else "error",
                    "rationale": (predictions[item.id].rationale or predictions[item.id].error or "") if item.id in predictions else "",
                }
                for item in final_items
            ],
        }

result = st.session_state.get("prelabel_result")
if result and result["signature"] == signature:
    counts = result["counts"]
    cols = st.columns(4)
    cols[0].metric(t("ui.prelabel.labeled"), counts.get("labeled", 0))
    cols[1].metric(t("ui.prelabel.abstained"), counts.get("abstain", 0), help=t("ui.prelabel.for_a_person_to_decide"))
    cols[2].metric(t("ui.prelabel.errors"), counts.get("error", 0))
    cols[3].metric(t("ui.prelabel.time"), f"{result['elapsed']:.1f} s")
    for note in result["notes"][:5]:  # stored in English (prelabel.note.*), shown in the UI language
        st.caption(localize(note, language(), "prelabel.note.", "\n"))
    frame = pd.DataFrame(result["rows"])
    frame["status"] = frame["status"].map(lambda s: f"{STATUS_ICON.get(s, '')} {t(f'ui.prelabel.status.{s}') if s in STATUS_ICON else s}")
    frame["rationale"] = frame["rationale"].map(localize_rationale)
    frame["label"] = frame["label"].map(lambda label: t("ui.prelabel.abstain") if label == "abstain" else label)
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "id": st.column_config.TextColumn("id", width="small"),
            "text": st.column_config.TextColumn(t("ui.prelabel.text"), width="large"),
            "label": st.column_config.TextColumn(t("ui.prelabel.label"), width="small"),
            "confidence": st.column_config.ProgressColumn(t("ui.prelabel.confidence"), min_value=0.0, max_value=1.0, format="%.2f", width="small"),
            "status": st.column_config.TextColumn(t("ui.prelabel.status"), width="small"),
            "rationale": st.column_config.TextColumn(t("ui.prelabel.rationale"), width="medium"),
        },
    )
    downloads = st.columns(3)
    for column, key, label, name, mime in (
        (downloads[0], "jsonl", "JSONL", "predictions.jsonl", "application/jsonl"),
        (downloads[1], "csv", "CSV", "predictions.csv", "text/csv"),
        (downloads[2], "label_studio", t("ui.prelabel.label_studio_tasks"), "label_studio_tasks.json", "application/json"),
    ):
        with guard():
            column.download_button(
                label, Path(result[key]).read_bytes(), file_name=name, mime=mime, icon=":material/download:",
                on_click="ignore", width="stretch",
            )
    st.caption(
        t(
            "ui.prelabel.label_studio_tasks_carry_each_labeled",
        )
    )
