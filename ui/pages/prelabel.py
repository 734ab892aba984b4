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
from assistant.prelabel.options import bounds, default, extra, help_text
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
from ui.i18n import is_zh, localize_rationale, t
from ui.state import current_project, workspace
from ui.auth import page_requires
from ui.workflow import render_next_step

APP_MAX_CONCURRENCY = 32  # the app's own cap on requests in flight (the CLI and API have none)

GENERATE = "__generate__"
STATUS_ICON = {"labeled": "✅", "abstain": "🤔", "error": "⚠️"}
STATUS_TEXT = {"labeled": ("labeled", "已标注"), "abstain": ("abstained", "弃权"), "error": ("error", "错误")}

page_header(
    t("Pre-label", "预标注"),
    t(
        "Label a trial batch with the rulebook before people do: upload the items, pick the text column and the rulebook, "
        "check the plan (requests, tokens, cost), run it, and download the results for review or Label Studio.",
        "在人工标注前先用规则书给试标数据打上预标签：上传数据，选择文本列和规则书，确认计划（请求数、tokens、费用），运行后下载结果供审核或导入 Label Studio。",
    ),
)

page_requires("work")  # trainers and admins; checked here, not only hidden in the menu
ws = attempt(workspace)
if ws is None:
    st.stop()

# ---------------------------------------------------------------------------------------------
# 1. The items
# ---------------------------------------------------------------------------------------------
st.subheader(t("1 · Items", "1 · 数据"))
upload = st.file_uploader(
    t("Items to label: CSV, JSONL, JSON or XLSX with a text column", "待标注数据：CSV、JSONL、JSON 或 XLSX，需包含文本列"),
    type=DATA_TYPES,
    key="prelabel_items",
)
if upload is None:
    st.caption(t("For a try, use evaluation/samples/items.csv from the repository.", "想试一试，可以上传仓库中的 evaluation/samples/items.csv。"))
    st.stop()

loaded = attempt(read_upload, ws, upload, "_incoming", staging_dir(ws), "prelabel")
if loaded is None:
    st.stop()
input_path, records = loaded
columns = list(dict.fromkeys(key for record in records for key in record))
st.caption(t("{n} rows · columns: {c}", "{n} 行 · 列：{c}", n=len(records), c=", ".join(columns)))
with st.expander(t("Preview", "预览"), expanded=False):
    st.dataframe(pd.DataFrame(records[:10]), hide_index=True, width="stretch")

left, right = st.columns(2)
text_default = columns.index("text") if "text" in columns else 0
text_field = select(left.selectbox, t("Text column", "文本列"), columns, index=text_default, key="prelabel_text_field")
id_options = [GENERATE, *[c for c in columns if c != text_field]]
id_default = id_options.index("id") if "id" in id_options else 0
id_choice = select(right.selectbox,
    t("Id column", "ID 列"),
    id_options,
    index=id_default,
    format_func=lambda c: t("(generate ids from the text)", "（根据文本生成 ID）") if c == GENERATE else c,
    key="prelabel_id_field",
)
id_field = None if id_choice == GENERATE else id_choice

# ---------------------------------------------------------------------------------------------
# 2. The rulebook
# ---------------------------------------------------------------------------------------------
st.subheader(t("2 · Rulebook", "2 · 规则书"))
projects = [row for row in (attempt(ws.store.projects) or []) if ws.store.artifacts(row.id, "rulebook")]
sources = (["project"] if projects else []) + ["file"]
source = select(st.radio,
    t("Rulebook from", "规则书来源"),
    sources,
    format_func=lambda s: t("a project", "项目") if s == "project" else t("a rulebook JSON file", "规则书 JSON 文件"),
    horizontal=True,
    key="prelabel_rulebook_source",
)
rulebook = None
if source == "project":
    by_id = {row.id: row for row in projects}
    current = current_project()
    pcol, vcol = st.columns([3, 1])
    project_id = select(pcol.selectbox,
        t("Project", "项目"),
        list(by_id),
        index=list(by_id).index(current) if current in by_id else 0,
        format_func=lambda key, by_id=by_id: project_label(by_id[key]),
        key="prelabel_project",
    )
    versions = [a.version for a in ws.store.artifacts(project_id, "rulebook")]
    version = select(vcol.selectbox, t("Version", "版本"), sorted(versions, reverse=True), key=f"prelabel_version_{project_id}")
    rulebook = attempt(rulebook_version, ws, project_id, version)
    render_next_step(ws, project_id)
else:
    rulebook_file = st.file_uploader(t("Rulebook JSON", "规则书 JSON"), type=["json"], key="prelabel_rulebook_file")
    if rulebook_file is not None:
        rulebook = attempt(from_json, rulebook_file.getvalue(), name=rulebook_file.name)
if rulebook is None:
    st.stop()
st.markdown(f"**{escape_md(rulebook.title)}** · v{rulebook.version} · " + rulebook_stats(rulebook))

# ---------------------------------------------------------------------------------------------
# 3. The plan (dry run)
# ---------------------------------------------------------------------------------------------
st.subheader(t("3 · Plan", "3 · 计划"))
with st.expander(t("Options", "选项"), expanded=False):
    low, high = bounds("min_confidence")  # defaults, bounds and help: assistant.prelabel.options
    min_confidence = st.slider(
        t("Abstain below this confidence (the item goes to a person)", "置信度低于此值时弃权（交给人工）"),
        float(low), float(high), float(default("min_confidence")), float(extra("min_confidence")["step"]),
        key="prelabel_min_confidence", help=None if is_zh() else help_text("min_confidence"),  # the model's help is English
    )
    concurrency = st.number_input(
        t("Requests in flight (LLM)", "并发请求数（大模型）"), int(bounds("concurrency")[0]), APP_MAX_CONCURRENCY, int(default("concurrency")),
        key="prelabel_concurrency", help=None if is_zh() else help_text("concurrency"),
    )  # fmt: skip

with guard():
    items = items_from_records(records, source=upload.name, text_field=text_field, id_field=id_field or "id", require_id=id_field is not None)
    the_plan = plan(
        rulebook, items, settings=ws.settings, llm=ws.llm, embedder=ws.embedder, min_confidence=min_confidence, concurrency=int(concurrency)
    )
    cols = st.columns(5)
    cols[0].metric(t("Items", "数据条数"), f"{the_plan.items:,}")
    cols[1].metric(t("To label", "待标注"), f"{the_plan.to_label:,}", help=t("Items with text and a unique id.", "有文本且 ID 唯一的数据。"))
    if the_plan.engine == "offline":
        cols[2].metric(t("Requests", "请求数"), "0")
        cols[3].metric(t("Tokens", "Tokens"), "0")
        cols[4].metric(t("Cost", "费用"), "$0")
        st.caption(
            t(
                "Offline engine: nearest rulebook examples vote for each item; no requests, no cost.",
                "离线引擎：由最相近的规则书示例为每条数据投票；不发请求，没有费用。",
            )
        )
    else:
        cols[2].metric(t("Requests", "请求数"), f"{the_plan.requests:,}", help=t("batch size {b}", "每批 {b} 条", b=the_plan.batch_size))
        cols[3].metric(
            t("Tokens", "Tokens"),
            f"{the_plan.prompt_tokens + the_plan.completion_tokens:,}",
            help=t("{p:,} prompt + {c:,} completion (estimate)", "提示 {p:,} + 生成 {c:,}（估计）", p=the_plan.prompt_tokens, c=the_plan.completion_tokens),
        )
        cols[4].metric(t("Estimated cost", "预计费用"), f"${the_plan.cost:.4f}")
    if the_plan.input_errors:
        st.warning(
            t(
                "{n} row(s) cannot be labeled (empty text or a repeated id); they are written as error records.",
                "{n} 行无法标注（文本为空或 ID 重复），将作为错误记录输出。",
                n=the_plan.input_errors,
            )
        )
        bad = [{"id": item.id, "row": item.row, "problem": item.error} for item in items.errors][:50]
        st.dataframe(pd.DataFrame(bad), hide_index=True, width="stretch")

# ---------------------------------------------------------------------------------------------
# 4. Run
# ---------------------------------------------------------------------------------------------
st.subheader(t("4 · Run", "4 · 运行"))
signature = (upload.name, upload.size, text_field, id_field, rulebook.title, rulebook.version, rulebook.project_id, min_confidence)
if st.button(t("Run pre-labeling", "开始预标注"), type="primary", icon=":material/play_arrow:"):
    with guard():
        run_dir = ws.settings.data_dir / "prelabel" / f"{time.strftime('%Y%m%d-%H%M%S')}-{staging_dir(ws)[:6]}"
        out_path = run_dir / "predictions.jsonl"
        total = max(1, sum(1 for item in items.items if item.ok))
        bar = st.progress(0.0, text=t("Labeling…", "正在标注……"))
        done = {"n": 0, "shown": -1}

        def advance(_prediction) -> None:
            done["n"] += 1
            percent = int(100 * done["n"] / total)
            if percent != done["shown"]:
                done["shown"] = percent
                bar.progress(min(1.0, done["n"] / total), text=t("Labeled {d} of {n}", "已标注 {d} / {n}", d=done["n"], n=total))

        summary = run_job(
            rulebook,
            input_path,
            out_path,
            fmt="jsonl",
            text_field=text_field,
            id_field=id_field,
            settings=ws.settings,
            llm=ws.llm,
            min_confidence=min_confidence,
            concurrency=int(concurrency),
            progress=False,
            on_prediction=advance,
        )
        bar.progress(1.0, text=t("Done: {n} items in {s:.1f} s", "完成：{n} 条，用时 {s:.1f} 秒", n=summary.total, s=summary.elapsed))
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
    cols[0].metric(t("Labeled", "已标注"), counts.get("labeled", 0))
    cols[1].metric(t("Abstained", "弃权"), counts.get("abstain", 0), help=t("For a person to decide.", "交给人工判断。"))
    cols[2].metric(t("Errors", "错误"), counts.get("error", 0))
    cols[3].metric(t("Time", "用时"), f"{result['elapsed']:.1f} s")
    if not is_zh():  # the engine's notes are English; the Chinese screen shows the counts above
        for note in result["notes"][:5]:
            st.caption(note)
    frame = pd.DataFrame(result["rows"])
    frame["status"] = frame["status"].map(lambda s: f"{STATUS_ICON.get(s, '')} {t(*STATUS_TEXT.get(s, (s, s)))}")
    frame["rationale"] = frame["rationale"].map(localize_rationale)
    frame["label"] = frame["label"].map(lambda label: t("abstain", "弃权") if label == "abstain" else label)
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "id": st.column_config.TextColumn("id", width="small"),
            "text": st.column_config.TextColumn(t("Text", "文本"), width="large"),
            "label": st.column_config.TextColumn(t("Label", "标签"), width="small"),
            "confidence": st.column_config.ProgressColumn(t("Confidence", "置信度"), min_value=0.0, max_value=1.0, format="%.2f", width="small"),
            "status": st.column_config.TextColumn(t("Status", "状态"), width="small"),
            "rationale": st.column_config.TextColumn(t("Rationale", "理由"), width="medium"),
        },
    )
    downloads = st.columns(3)
    for column, key, label, name, mime in (
        (downloads[0], "jsonl", "JSONL", "predictions.jsonl", "application/jsonl"),
        (downloads[1], "csv", "CSV", "predictions.csv", "text/csv"),
        (downloads[2], "label_studio", t("Label Studio tasks", "Label Studio 任务"), "label_studio_tasks.json", "application/json"),
    ):
        with guard():
            column.download_button(
                label, Path(result[key]).read_bytes(), file_name=name, mime=mime, icon=":material/download:",
                on_click="ignore", width="stretch",
            )
    st.caption(
        t(
            "Label Studio tasks carry each labeled item's prediction; import them with the rulebook's Label Studio config (Projects → Export).",
            "Label Studio 任务带有每条已标注数据的预测结果；请配合规则书的 Label Studio 配置导入（项目 → 导出）。",
        )
    )
