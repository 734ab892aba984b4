"""Deadline and team shapes of requests relayed by a middle person (deadline_relayed.py, team_en.py, team_zh.py,
deadlines.py, deadline_choice.py), on sentences written for these tests. The request date is Tuesday 2026-12-08."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

TODAY = date(2026, 12, 8)


def _draft(text):
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our dean wants 700 essays marked pass or fail. Could we have them back next Thursday? He travels after that.", "2026-12-17"),
        ("Forwarding for the shop owner: 300 receipts, budget $400, end of the month. Thanks!", "2026-12-31"),
        ("The harbour master asks for 900 log lines tagged. He'd like this the Monday after Christmas.", "2026-12-28"),
        ("Our director wants 500 tickets sorted by topic and she'd like it done by Friday week.", "2026-12-18"),
        ("馆长要把两千条留言分成表扬、投诉、建议三类，本周末前要。", "2026-12-13"),
        ("主任想看看这些意见是好评还是差评，大概一千条。下周三他要去局里汇报，最好周一之前给他。", "2026-12-14"),
    ],
)
def test_relayed_deadlines(text: str, expected: str) -> None:
    deadline = _draft(text).when.deadline
    assert deadline.status == FieldStatus.stated
    assert deadline.value == expected


def test_a_plain_weekday_is_not_moved_a_week() -> None:
    deadline = _draft("Our director wants 500 tickets sorted by topic, done by Friday. The week after is busy.").when.deadline
    assert deadline.value == "2026-12-11"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Please check 2,000 subtitle lines for timing errors. Checkers must be native speakers of Korean — we have 4 lined up already.", 4),
        ("一共八千条客服对话，要懂保险的标注员，经理说3个人就够了。下周五交。", 3),
    ],
)
def test_relayed_team(text: str, count: int) -> None:
    team = _draft(text).who.annotator_profile
    assert team.status == FieldStatus.stated
    assert team.value["count"] == count


def test_a_count_lined_up_with_no_people_named_is_no_team() -> None:
    team = _draft("Please sort 2,000 support emails by topic. We have 4 lined up for the demo on Monday.").who.annotator_profile
    assert team.status != FieldStatus.stated or team.value.get("count") != 4
