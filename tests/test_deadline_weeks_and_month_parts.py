"""Deadline shapes of practitioners' requests (set 17/18 round two), with sentences of our own:

- a weekday with "next week" after it: "EOD Thursday next week", "By Monday next week please";
- a weekday asked about: "next Wednesday ok?";
- the end of a month's first week: "end of the first week of March" (the Friday of its first full week);
- the month's end as a clause of its own: "End of month if possible.";
- "before <event> starts on <date>": the day before;
- a Chinese month in numerals with 中旬: "目标三月中旬";
- names in a bracketed tuple are not quarters: "(q1, q2)".
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.offline import read_figures
from assistant.core.models import BreakdownDraft, FieldStatus

TODAY = date(2026, 12, 3)  # a Thursday


def _deadline(text: str) -> str | None:
    draft = BreakdownDraft()
    read_figures(draft, text, TODAY, "en")
    field = draft.when.deadline
    return field.value if field.status == FieldStatus.stated else None


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Tag 900 invoices by vendor type. EOD Thursday next week if you can.", "2026-12-10", id="eod-weekday-next-week"),
        pytest.param("Please rate 400 chatbot answers as good or bad. By Monday next week please.", "2026-12-07", id="by-weekday-next-week"),
        pytest.param("Sort 700 forum posts into question / praise / bug. next Wednesday ok?", "2026-12-09", id="weekday-asked"),
        pytest.param("Label 2k receipts as food / travel / other.\nDeadline: end of the first week of March.", "2027-03-05", id="first-week-of-month"),
        pytest.param("We have 800 emails to sort into sales / support / spam. End of month if possible.", "2026-12-31", id="lone-month-end"),
        pytest.param("Mark 300 menus as vegan or not. Please finish before the fair opens on the 12th.", "2026-12-11", id="before-event-starts"),
        pytest.param("两千条评论，分正面/负面。目标三月中旬。", "2027-03-15", id="zh-numeral-month-mid"),
        pytest.param("给问答对 (q1, q2) 判断是否重复：重复 / 不重复。共五千对，二月底前。", "2027-02-28", id="tuple-not-quarter"),
    ],
)
def test_deadline_shapes(text: str, expected: str) -> None:
    assert _deadline(text) == expected


def test_a_plain_weekday_is_still_the_coming_one() -> None:
    assert _deadline("Tag 900 invoices by vendor type, by Friday.") == "2026-12-04"


def test_a_quarter_after_by_is_still_a_quarter() -> None:
    assert _deadline("Sort 3,000 tickets into billing / tech / other by Q1 (or Q2, if it slips).") == "2027-03-31"
