"""Submit a request (product owners): the request, sample data, deadline, volume and contact."""

from __future__ import annotations

import shutil
from typing import Any

import pandas as pd
import streamlit as st

from assistant.service.projects import answer_project, project_summary, start_project
from ui.components import (
    DATA_TYPES,
    similar_suggestions,
    attempt,
    escape_md,
    guard,
    lifecycle_badge,
    lifecycle_line,
    page_header,
    read_upload,
    staging_dir,
)
from ui.i18n import is_zh, lifecycle_name, t
from ui.state import workspace
from ui.auth import page_requires
from assistant.service.access import PRODUCT_OWNER, owner_meta, visible_projects

page_header(
    t("Submit a request", "提交标注需求"),
    t(
        "For product owners: describe the data you need labeled. An annotation lead turns it into a rulebook; "
        "come back here to follow its status.",
        "面向产品负责人：描述需要标注的数据。标注负责人会把它整理成标注规则书；之后可以在这里查看进度。",
    ),
)

user = page_requires("submit")
ws = attempt(workspace)
if ws is None:
    st.stop()

with st.form("submit_request", clear_on_submit=False, border=True):
    request = st.text_area(
        t("What do you need? *", "需要什么数据？*"),
        height=140,
        placeholder=t(
            "e.g. We want our support bot to tell angry complaints from mild ones; angry ones go to a person.",
            "例如：我们想让客服机器人能分清用户是真的很生气还是只是有点不满，生气的要尽快转人工。",
        ),
    )
    name = st.text_input(t("Project name (optional)", "项目名称（可选）"), max_chars=120)
    left, middle, right = st.columns(3)
    deadline = left.date_input(t("Deadline (optional)", "截止日期（可选）"), value=None, format="YYYY-MM-DD")
    volume = middle.number_input(t("Volume, items (optional)", "数据量，条（可选）"), min_value=0, value=None, step=1000)
    contact = right.text_input(t("Your contact *", "联系人 *"), placeholder=t("name or e-mail", "姓名或邮箱"), max_chars=200)
    sample = st.file_uploader(
        t("Sample data (optional): CSV, JSONL, JSON or XLSX", "样例数据（可选）：CSV、JSONL、JSON 或 XLSX"),
        type=DATA_TYPES,
        help=t("20–50 typical items help most.", "提供 20–50 条典型数据最有帮助。"),
    )
    submitted = st.form_submit_button(t("Submit request", "提交需求"), type="primary", icon=":material/send:")

if submitted:
    problems = []
    if not request or not request.strip():
        problems.append(t("Describe what you need in the request box.", "请在需求框中描述需要什么数据。"))
    if not contact or not contact.strip():
        problems.append(t("Give a contact so the annotation lead can reach you.", "请填写联系人，方便标注负责人联系你。"))
    for problem in problems:
        st.error(problem, icon=":material/error:")
    fingerprint = (request.strip(), (contact or "").strip(), str(deadline), volume, sample.name if sample else None)
    already = st.session_state.get("submitted_fingerprint")
    if not problems and already and already[0] == fingerprint:
        st.info(
            t(
                "This request was already submitted as project {p}; change it to submit another one.",
                "这个需求已经提交过，项目编号 {p}；修改内容后才能再次提交。",
                p=already[1],
            ),
            icon=":material/info:",
        )
        problems.append("duplicate")
    if not problems:
        with guard():
            staged = None
            records = None
            if sample is not None:  # a bad file is reported before anything is created
                staged, records = read_upload(ws, sample, "_incoming", staging_dir(ws))
            meta = owner_meta(user, {"contact": contact.strip(), "submitted_via": "app"})  # the project is the submitter's
            if sample is not None:
                meta["sample_file"] = sample.name
                meta["sample_records"] = len(records or [])
            with st.spinner(t("Creating the project and breaking the request down…", "正在创建项目并拆解需求……")):
                breakdown = start_project(ws, request, name=name.strip() or None, meta=meta)
                project_id = breakdown.project_id
                answers: dict[str, Any] = {}
                if deadline:
                    answers["when.deadline"] = deadline.isoformat()
                if volume:
                    answers["how_much.volume"] = int(volume)
                if answers:
                    breakdown = answer_project(ws, project_id, answers)
            if staged is not None:
                target = ws.settings.data_dir / "uploads" / project_id
                target.mkdir(parents=True, exist_ok=True)
                shutil.move(str(staged), target / staged.name)
            st.session_state["my_contact"] = contact.strip()
            st.session_state["submitted_fingerprint"] = (fingerprint, project_id)
            st.success(
                t(
                    "Request received. Your project id is **{p}**; its status is {s}. Keep the id to follow it below.",
                    "需求已收到。项目编号 **{p}**，当前状态：{s}。请记下编号，可在下方查看进度。",
                    p=project_id,
                    s=lifecycle_badge(ws.store.project(project_id).status),
                ),
                icon=":material/task_alt:",
            )
            suggestions = similar_suggestions(breakdown.similar_projects)
            if suggestions:
                st.caption(
                    t("Similar past projects the annotation lead may start from (suggestions): {p}", "标注负责人可以参考的相似历史项目（仅为建议）：{p}",
                      p=("、" if is_zh() else ", ").join(p.name for p in suggestions))
                )
            if breakdown.questions:
                st.markdown(t("The annotation lead will likely ask:", "标注负责人可能会问："))
                st.markdown("\n".join(f"{q.rank}. {q.question}" for q in breakdown.questions[:3]))

st.divider()
st.subheader(t("My requests", "我的需求"))
own_only = user.role == PRODUCT_OWNER  # a product owner sees the requests they submitted, and no one else's
if own_only:
    who = user.name
    st.caption(t("The requests you submitted as {n}, and where each one is.", "你以 {n} 身份提交的需求及其进度。", n=user.name))
else:
    who = st.text_input(
        t("Show the requests of contact", "按联系人查看需求"),
        value=st.session_state.get("my_contact", ""),
        placeholder=t("the contact you gave", "提交时填写的联系人"),
    )
if who.strip():
    with guard():
        visible = visible_projects(ws, user)
        mine = visible if own_only else [row for row in visible if (row.meta or {}).get("contact", "").strip().lower() == who.strip().lower()]
        if not mine:
            st.info(t("No requests from {c} yet.", "{c} 还没有提交过需求。", c=who.strip()))
        for row in mine:
            summary = project_summary(ws, row)
            with st.container(border=True):
                top, when = st.columns([4, 1])
                top.markdown(f"**{escape_md(row.name)}** · `{row.id}`")
                when.caption((summary["created"] or "")[:16].replace("T", " "))
                st.markdown(lifecycle_line(row.status))
                rulebooks = len(ws.store.artifacts(row.id, "rulebook"))
                st.caption(
                    t(
                        "{b} breakdown version(s) · {r} rulebook version(s) · {q} open question(s)",
                        "拆解 {b} 版 · 规则书 {r} 版 · 待确认问题 {q} 个",
                        b=summary["breakdown_versions"],
                        r=rulebooks,
                        q=summary["open_questions"] if summary["open_questions"] is not None else "—",
                    )
                )
        if mine:
            table = pd.DataFrame(
                [{"id": row.id, t("name", "名称"): row.name, t("status", "状态"): lifecycle_name(row.status)} for row in mine]
            )
            st.download_button(
                t("Download the list (CSV)", "下载列表（CSV）"),
                table.to_csv(index=False).encode("utf-8-sig"),
                file_name="my_requests.csv",
                mime="text/csv",
                on_click="ignore",
            )
else:
    st.caption(t("Enter your contact to see your requests and their status.", "输入联系人即可查看你提交的需求及其状态。"))
