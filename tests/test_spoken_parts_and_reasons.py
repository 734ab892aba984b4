"""Shapes found by trying new requests by hand after the round of 2026-12-02 (none of them from a data set):
a part named with a bare number after a pool ("let's start with 1,200 — …"), a correction in Chinese whose numbers
are written right after a character ("先标3000条吧，不对，先标5000条"), and a reason given as "so <someone> can …"."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import break_down
from assistant.core.models import FieldStatus


class _NoPastProjects:
    def search(self, *args, **kwargs):
        return []


def _breakdown(text: str):
    return break_down(text, _NoPastProjects(), {}, None, today=date(2026, 12, 2))


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("We've got roughly 9,000 messages from the summer season but let's start with 1,200.", 1200),
        ("There are about 20,000 call notes; begin with 800, then we'll see.", 800),
        ("We have 9,000 messages but let's start with 1,200 — actually make that 1,500, the board wants more.", 1500),
        ("我们有两万条，先标3000条吧，不对，先标5000条。", 5000),
        ("数据量3000条，说错了，是4500条。", 4500),
        ("一共标2000条，哦不是，2500条。", 2500),
    ],
)
def test_the_part_to_label_and_its_correction(text, volume):
    field = _breakdown(text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == volume, field


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("We have 3,000 reviews and want to start with the worst ones.", 3000),  # no number after 'start with'
        ("Label 4,000 tickets; start with 2 annotators, add more later.", 4000),  # people, not items
        ("先标3000条，不对，是6月的数据。", 3000),  # a month after the correction word, not a count
    ],
)
def test_near_misses_keep_the_volume(text, volume):
    field = _breakdown(text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == volume, field


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Need 2,000 messages labelled by Jan 8 so ops can plan the winter timetable.", "ops can plan the winter timetable"),
        ("Label 2,000 tickets so the night shift could triage faster.", "the night shift could triage faster"),
    ],
)
def test_a_reason_given_as_so_someone_can(text, goal):
    field = _breakdown(text).why.business_goal
    assert field.value == goal and field.status == FieldStatus.stated, field


@pytest.mark.parametrize("text", ["We need this done so much faster than last time, 2,000 items.", "So far we can't keep up: 2,000 tickets."])
def test_so_far_and_so_much_are_no_reason(text):
    assert _breakdown(text).why.business_goal.value is None


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("标签：满意 / 不满意\n数量：3000条\n背景：明年要做服务质量考核，需要一个基线。", "明年要做服务质量考核，需要一个基线"),
        ("Labels: happy / unhappy\nVolume: 3,000\nBackground: service reviews start next year, so we need a baseline first.",
         "we need a baseline first"),  # read by the 'so we …' reason before the background
    ],
)
def test_a_background_whose_reason_is_in_its_second_clause(text, goal):
    assert _breakdown(text).why.business_goal.value == goal


def test_a_background_that_gives_no_reason_is_no_purpose():
    text = "标签：满意 / 不满意\n数量：3000条\n背景：门店有28家，分布在三个城市。"
    assert _breakdown(text).why.business_goal.value is None


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("现在积压了差不多一万五的评论，这个月25号前弄完行吗？三个人标，抽10%质检。", 15000),
        ("一共8000条对话，两个人标，抽5%复核。", 8000),
        ("We have 12,000 reviews to tag; sample 5% for QA at the end.", 12000),
    ],
)
def test_a_share_for_the_quality_check_leaves_the_whole_as_the_job(text, volume):
    field = _breakdown(text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == volume, field


def test_a_share_to_label_is_still_the_job():
    field = _breakdown("全量30万条，抽样比例2%，下周五前交。").how_much.volume
    assert field.status == FieldStatus.inferred and field.value["low"] == 6000, field
