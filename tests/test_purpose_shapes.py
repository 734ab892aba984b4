"""The request's own reason for the work, in the shapes purpose_more.py reads, and what is never a reason.

Sentences written for these tests (none from a development set): a purpose found is quoted from the request; the
ask to the labellers, a deadline or a figure never becomes the purpose.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import break_down
from assistant.breakdown.purpose_more import more_purpose
from assistant.core.models import FieldStatus


@pytest.mark.parametrize(
    ("request_text", "reason"),
    [
        ("The goal is to cut chargebacks. Mark each dispute as friendly fraud, true fraud or merchant error.", "cut chargebacks"),
        ("Our main aim here is to find which bus routes get the most complaints. Tag the feedback by route type.", "find which bus routes get the most complaints"),
        ("It's for our pricing team to spot underpriced listings. Rate each listing 1-3.", "for our pricing team to spot underpriced listings"),
        ("We want them routed to the right clinic automatically. Sort the referral letters into cardiology, ortho, other.", "them routed to the right clinic automatically"),
        ("We'd like a model to suggest the tariff code. Pull the product name and material out of each invoice line.", "a model to suggest the tariff code"),
        ("Our compliance lead wants to know if the call notes can be trusted. Judge each note: accurate, minor errors, wrong.", "know if the call notes can be trusted"),
        ("Please label the wine reviews as positive or negative, since the new vintage is launching in March.", "the new vintage is launching in March"),
        ("## Goal\nDecide whether the new search ranker ships.\n\n## Labels\nrelevant / partly / not relevant", "Decide whether the new search ranker ships"),
        ("店长想知道顾客最不满意的是哪道菜。评论分成好评、中评、差评。", "知道顾客最不满意的是哪道菜"),
        ("为改进站内检索排序，现需对查询和结果的相关性进行标注，分为相关、部分相关、不相关。", "为改进站内检索排序"),
        ("由于人手有限，拟引入智能初筛，现需贵方先对历史投诉进行人工标注。", "拟引入智能初筛"),
        ("想做个自动回复的小工具 需要先标一批数据 类别：报价、售后、其他", "做个自动回复的小工具"),
        ("物业群的消息分一下类，报修、投诉、缴费、其他，方便后面按类派单。", "方便后面按类派单"),
    ],
)
def test_a_reason_in_the_request_is_read(request_text: str, reason: str) -> None:
    found = more_purpose(request_text)
    assert found is not None, request_text
    goal, quote = found
    assert goal == reason and goal in request_text and quote in request_text


@pytest.mark.parametrize(
    "request_text",
    [
        "We need it by the end of next week. Tag each review as positive or negative.",
        "We want them labelled by Friday: spam or not spam.",
        "I'd like to label our support calls: billing, outage, other.",
        "想把这些评论分一下类：好评、差评、其他，下周五前要。",
        "想知道，能不能两个人一起标？分成正面、负面。",
        "想请你们帮忙标一下，分成咨询、投诉、其他。",
        "想做个违规识别，分成广告、辱骂、正常三类。",
        "Do you want to see a sample first? Labels: relevant, not relevant.",
    ],
)
def test_the_ask_a_time_or_a_question_is_no_reason(request_text: str) -> None:
    assert more_purpose(request_text) is None


def test_the_breakdown_states_the_reason_and_drafts_keep_it_missing_otherwise(seeded_workspace) -> None:
    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    text = "The goal is to reduce refund fraud. Mark each refund request as legit, suspicious or fraud. 10,000 requests."
    breakdown = break_down(text, seeded_workspace.kb, past, None, today=date(2026, 12, 3))
    goal = breakdown.why.business_goal
    assert goal.status == FieldStatus.stated and goal.value == "reduce refund fraud" and goal.evidence in text
    plain = break_down("Mark each refund request as legit, suspicious or fraud. 10,000 requests.", seeded_workspace.kb, past, None, today=date(2026, 12, 3))
    assert plain.why.business_goal.status == FieldStatus.missing
    assert any(q.field == "why.business_goal" for q in plain.questions)


def test_a_reason_ends_where_the_list_it_introduces_begins(seeded_workspace) -> None:
    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    text = "Guests review our hostels and we want to know what they complain about most — noise, beds, staff, or other. 900 reviews."
    goal = break_down(text, seeded_workspace.kb, past, None, today=date(2026, 12, 3)).why.business_goal
    assert goal.status == FieldStatus.stated and goal.value == "know what they complain about most"
