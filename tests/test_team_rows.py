"""The team size from a form row, from the people per item, or as a count asked for (sentences written for these
checks, in no dev set), with near-misses that are not a team."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

TODAY = date(2026, 12, 2)


def _team(text: str) -> object:
    field = offline_draft(text, [], {}, TODAY)[0].who.annotator_profile
    return field.value["count"] if field.status == FieldStatus.stated and isinstance(field.value, dict) else None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a form or spreadsheet row; the number on the line above is never the team
        ("Project: ferry complaints\nDeadline: Tuesday Dec 15\nAnnotators: 3\nNotes: route 4 only", 3),
        ("Task | tag gym reviews\nVolume | 7,400 reviews\nLabelers | 5 (two shifts)\nDue | 1/8/2027", 5),
        ("Sample: 250 essays\nRaters: 2 per item, target kappa 0.7", 2),
        ("需求方：社区医院\n数据：随访记录 3000 份\n人数：4人，每份两人都标", 4),
        ("**人员**：6名标注员，需先培训。", 6),
        ("Annotator: bilingual Spanish speaker preferred, 2 people.", 2),
        # the people who label each item, when no other headcount is given
        ("宠物店评价要分好评差评，每条两个人背靠背标，一致率90%以上。", 2),
        ("- 双人背靠背，不一致的组长定", 2),
        ("两款模型的回答对比，每组3人独立打分。", 3),
        ("每份合同由2名有法律背景的人员独立审阅评估。", 2),
        ("Label 600 podcast clips as ad or content, 3 raters per clip, majority vote.", 3),
        ("Tag each post as spam or fine, two people per post. 4 engineers maintain the tool.", 2),
        # a count of people asked for
        ("量的话八百条，两个人就行，下周给我。", 2),
        ("请四个人看，元旦前要结果。", 4),
        ("标注员需要培训，3 人固定人员。", 3),
        ("Two of your people is fine for this.", 2),
        ("Ideally 4 people so we can compare their answers.", 4),
        ("Labeler need basic Japanese, 5 persons.", 5),
    ],
)
def test_team_sizes_read(text: str, count: int) -> None:
    assert _team(text) == count


@pytest.mark.parametrize(
    "text",
    [
        "Deadline: Dec 18\nNotes: 40 stores, call Kim",  # a number above, no team row
        "Tag 2,000 memos. 2 or 3 annotators is fine.",  # a range is never its upper end
        "需要3-5个人来标，下周开始。",
        "有分歧的我们两个技术员来定，标注请你们安排。",  # adjudicators
        "我们门店的30个员工都很忙，评价大概两千条。",  # a headcount of the business
        "Our 3 engineers maintain the tool; please label 900 tickets.",
        "这个项目投入了5人天。",  # person-days
        "其中 2000 对作为评测集需要两人复核，其余单人标。",  # only a part is labelled twice
    ],
)
def test_not_a_team(text: str) -> None:
    assert _team(text) is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("经理：八千条 两个人 月底给我", 2), ("量：3000条，3人，下周五", 3)],
)
def test_a_terse_reply_of_spaced_fields(text: str, count: int) -> None:
    assert _team(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Double-annotate everything, 2 people each. We need it before the spring term.", 2),
        ("We would need two independent reviewers per report and a kappa of 0.6.", 2),
        ("一共3千张 要2个人 这个月底之前吧", 2),
    ],
)
def test_people_each_and_a_bare_count_asked_for(text: str, count: int) -> None:
    assert _team(text) == count


def test_reviewers_per_item_without_independent_stay_open() -> None:
    assert _team("Ideally two reviewers per item.") is None
