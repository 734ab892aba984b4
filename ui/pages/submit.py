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
from ui.i18n import joined, lifecycle_name, t
from ui.state import workspace
from ui.auth import page_requires
from assistant.service.access import PRODUCT_OWNER, owner_meta, visible_projects

page_header(
    t("ui.submit.submit_a_request"),
    t(
        "ui.submit.for_product_owners_describe_the_data",
    ),
)

user = page_requires("submit")
ws = attempt(workspace)
if ws is None:
    st.stop()

with st.form("submit_request", clear_on_submit=False, border=True):
    request = st.text_area(
        t("ui.submit.what_do_you_need"),
        height=140,
        placeholder=t(
            "ui.submit.e_g_we_want_our_support",
        ),
    )
    name = st.text_input(t("ui.submit.project_name_optional"), max_chars=120)
    left, middle, right = st.columns(3)
    deadline = left.date_input(t("ui.submit.deadline_optional"), value=None, format="YYYY-MM-DD")
    volume = middle.number_input(t("ui.submit.volume_items_optional"), min_value=0, value=None, step=1000)
    contact = right.text_input(t("ui.submit.your_contact"), placeholder=t("ui.submit.name_or_e_mail"), max_chars=200)
    sample = st.file_uploader(
        t("ui.submit.sample_data_optional_csv_jsonl_json"),
        type=DATA_TYPES,
        help=t("ui.submit.20_50_typical_items_help_most"),
    )
    submitted = st.form_submit_button(t("ui.submit.submit_request"), type="primary", icon=":material/send:")

if submitted:
    problems = []
    if not request or not request.strip():
        problems.append(t("ui.submit.describe_what_you_need_in_the"))
    if not contact or not contact.strip():
        problems.append(t("ui.submit.give_a_contact_so_the_annotation"))
    for problem in problems:
        st.error(problem, icon=":material/error:")
    fingerprint = (request.strip(), (contact or "").strip(), str(deadline), volume, sample.name if sample else None)
    already = st.session_state.get("submitted_fingerprint")
    if not problems and already and already[0] == fingerprint:
        st.info(
            t(
                "ui.submit.this_request_was_already_submitted_as",
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
            with st.spinner(t("ui.submit.creating_the_project_and_breaking_the")):
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
                    "ui.submit.request_received_your_project_id_is",
                    p=project_id,
                    s=lifecycle_badge(ws.store.project(project_id).status),
                ),
                icon=":material/task_alt:",
            )
            suggestions = similar_suggestions(breakdown.similar_projects)
            if suggestions:
                st.caption(
                    t("ui.submit.similar_past_projects_the_annotation_lead",
                      p=joined(p.name for p in suggestions))
                )
            if breakdown.questions:
                st.markdown(t("ui.submit.the_annotation_lead_will_likely_ask"))
                st.markdown("\n".join(f"{q.rank}. {q.question}" for q in breakdown.questions[:3]))

st.divider()
st.subheader(t("ui.submit.my_requests"))
own_only = user.role == PRODUCT_OWNER  # a product owner sees the requests they submitted, and no one else's
if own_only:
    who = user.name
    st.caption(t("ui.submit.the_requests_you_submitted_as_and", n=user.name))
else:
    who = st.text_input(
        t("ui.submit.show_the_requests_of_contact"),
        value=st.session_state.get("my_contact", ""),
        placeholder=t("ui.submit.the_contact_you_gave"),
    )
if who.strip():
    with guard():
        visible = visible_projects(ws, user)
        mine = visible if own_only else [row for row in visible if (row.meta or {}).get("contact", "").strip().lower() == who.strip().lower()]
        if not mine:
            st.info(t("ui.submit.no_requests_from_yet", c=who.strip()))
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
                        "ui.submit.breakdown_version_s_rulebook_version_s",
                        b=summary["breakdown_versions"],
                        r=rulebooks,
                        q=summary["open_questions"] if summary["open_questions"] is not None else "—",
                    )
                )
        if mine:
            table = pd.DataFrame(
                [{"id": row.id, t("ui.submit.name"): row.name, t("ui.submit.status"): lifecycle_name(row.status)} for row in mine]
            )
            st.download_button(
                t("ui.submit.download_the_list_csv"),
                table.to_csv(index=False).encode("utf-8-sig"),
                file_name="my_requests.csv",
                mime="text/csv",
                on_click="ignore",
            )
else:
    st.caption(t("ui.submit.enter_your_contact_to_see_your"))
