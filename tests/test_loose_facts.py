"""Facts written without the usual cue words: a deadline on its own, a team named before its size,
minutes per item in other measure words, a total worked out with no noun.

Requests written for these tests, in other domains than any dev set.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.loose_deadlines import loose_deadlines
from assistant.core.models import FieldStatus

MONDAY = date(2026, 11, 30)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, MONDAY)
    return draft


@pytest.mark.parametrize(
    "request_text,deadline",
    [
        ("Please tag 3,000 hotel reviews as positive/negative. Could we have it by the 20th?", "2026-12-20"),
        ("Tag 900 invoices as paid / unpaid, before the 3rd please.", "2026-12-03"),
        ("想把2000条快递工单分类：丢件、破损、延误。Deadline 下周三。", "2026-12-09"),
        ("DDL: next Wednesday. 1,000 resumes to screen as fit / maybe / no.", "2026-12-09"),
        ("把三千条菜谱分成家常菜、甜点、饮品，下周二老板要看结果。", "2026-12-08"),
        ("Tag 5k job ads as remote / hybrid / onsite, two weeks, 3 reviewers on our side.", "2026-12-14"),
        ("4000条商品标题抽取品牌，两周。", "2026-12-14"),
    ],
)
def test_a_deadline_without_a_deadline_word(request_text: str, deadline: str) -> None:
    field = draft_of(request_text).when.deadline
    assert field.status == FieldStatus.stated
    assert field.value == deadline
    assert field.evidence and field.evidence in request_text


@pytest.mark.parametrize(
    "request_text",
    [
        "We collected tweets for 3 months. Tag 2k of them as pro / anti.",
        "Each clip is two seconds long; tag 500 clips as bark / other.",
        "我们做这个业务三年了，想把1000条留言分成咨询和投诉。",
    ],
)
def test_a_time_span_that_is_not_a_deadline_stays_missing(request_text: str) -> None:
    assert loose_deadlines(request_text, MONDAY) == []
    assert draft_of(request_text).when.deadline.status == FieldStatus.missing


@pytest.mark.parametrize(
    "request_text,count",
    [
        ("Classify 2,000 bug reports as crash / ui / perf. 4 QA engineers can help part-time.", 4),
        ("Rate 800 translations good/ok/bad. Two native speakers available.", 2),
        ("把1500份合同的甲方乙方抽出来，法务实习生3个人，估计一份要10分钟。", 3),
        ("客服质检：3000通录音打合格/不合格，质检员两位。", 2),
    ],
)
def test_the_team_named_before_or_beside_its_size(request_text: str, count: int) -> None:
    assert draft_of(request_text).who.annotator_profile.value == {"count": count}


def test_overlap_per_item_is_the_least_team_when_no_headcount_is_given() -> None:
    # sets 8-10 read the people per item as the team when the request gives no other headcount (team_more.py)
    field = draft_of("每条标注员2人背靠背，一共800条评论分正负面。").who.annotator_profile
    assert field.value == {"count": 2}


@pytest.mark.parametrize(
    "request_text,seconds",
    [
        ("把1500份合同的甲方乙方抽出来，估计一份要10分钟。", 600),
        ("第一期标3万章小说，每章给4分钟，分正常、违规。", 240),
    ],
)
def test_minutes_per_item_in_other_measure_words(request_text: str, seconds: int) -> None:
    assert draft_of(request_text).how_much.time_per_item.value == seconds


def test_a_total_worked_out_without_a_noun() -> None:
    field = draft_of("We publish ~50 recipes a week; let's check the last 8 weeks, so about 400. Grade 1-5.").how_much.volume
    assert field.value == 400
    assert field.status == FieldStatus.stated


@pytest.mark.parametrize(
    "request_text,volume",
    [
        # a handling verb, a determiner, then the count of what was counted before
        ("We run 9 bakeries with ~20,000 loyalty members. I'd like someone to go through 2,500 of them and tag the mood: happy, unhappy, neutral.", 2500),
        ("Export has 48,200 rows since March; label a random 4,000 as refund / delay / other.", 4000),
        # a count given as the value of a size field
        ("- source: 2018-2025 inspection notes (about 30k)\n- want extracted: valve type, size\n- sample: 1,800\n- due Friday", 1800),
        # "start with" a part of the collection
        ("Our museum has roughly 7,000 scanned posters. Start with the 900 posters in the 'Circus' folder and write a description of each.", 900),
    ],
)
def test_the_part_to_label_in_more_forms(request_text: str, volume: int) -> None:
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.stated
    assert field.value == volume


def test_a_count_of_places_is_never_the_volume() -> None:
    field = draft_of("12个校区、36个班级的家长反馈，先看个几百份，分表扬、建议、投诉。").how_much.volume
    assert field.status != FieldStatus.stated
    assert isinstance(field.value, dict) and field.value.get("vague") == "几百份"


def test_work_done_before_is_not_the_part_to_label() -> None:
    text = "Roughly 3,000 tickets since 2019. A vendor ran a pilot on 150 of them last year. Tag each as bug / question / other."
    assert draft_of(text).how_much.volume.value != 150
