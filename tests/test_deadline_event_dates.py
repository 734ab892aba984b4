"""Deadlines given against the date of an event (deadline_late.py, deadline_said.py, holiday_dates.py), on sentences
written for these tests, with near-misses that must not be read. The request date is Thursday 2026-12-03."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft

TODAY = date(2026, 12, 3)


def _deadline(text):
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft.when.deadline.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the date in brackets after an event's "before" is the day itself
        ("Please sort 500 tickets into billing, shipping or returns. No rush - before the quarterly report goes out (12 Mar).", "2027-03-12"),
        ("我们是民宿，想把评论分成好评和差评，大概两千条。学期结束前（1月22号）要。", "2027-01-22"),
        # the day an event starts is too late: the day before
        ("社区活动报名表，想把里面的姓名、电话、地址抽出来。5月20日开业前弄完就行。", "2027-05-19"),
        ("We run a bakery. Please tag 800 reviews as happy or unhappy. The new menu goes live 14 Feb so before then please.", "2027-02-13"),
        # counted back from an event's day by the need
        ("Please label 300 emails by topic. The report goes to committee on 14 January so we'd need it the week before.", "2027-01-07"),
        ("Please tag 400 photos. The show opens on March 3rd so we need them the day before.", "2027-03-02"),
        # Easter Sunday, computed
        ("Please tag 800 reviews as happy or unhappy. Ideally done by Easter.", "2027-03-28"),
        ("Please tag 800 reviews as happy or unhappy, before Easter if you can.", "2027-03-27"),
    ],
)
def test_a_date_given_against_an_event(text, expected):
    assert _deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please tag 400 photos by 20 March. We met the week before.", "2027-03-20"),  # no need counted back: history
        ("Please tag 800 reviews as happy or unhappy. Our Easter egg campaign data is attached.", None),
        ("3月1号前弄完就行，一共八百条。", "2027-03-01"),  # no event between the date and 前: the date itself
    ],
)
def test_near_misses_keep_their_reading(text, expected):
    assert _deadline(text) == expected
