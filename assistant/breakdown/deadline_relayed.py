"""English deadline shapes of requests relayed by a middle person, read after the other deadline readers.

Read when no deadline is stated yet:

- a weekday asked for: "Could we have results next Friday?", "can you get it to us this Thursday?";
- the month's end as one item of a run of facts: "400 summaries, budget $3k, end of the month.";
- a weekday after a holiday: "He'd like this the Tuesday after New Year's." (the first such weekday after the holiday).

Read over the current deadline:

- the British "Monday week": "She'd like it done by Monday week" is a week after the coming Monday, not that Monday.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadlines import _WEEKDAYS_EN
from assistant.breakdown.field_values import settle_deadline, stated
from assistant.breakdown.holiday_dates import holiday_date
from assistant.core.models import BreakdownDraft, FieldStatus

__all__ = ["relayed_deadline"]

_WEEKDAY = "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True))
_ASKED_WEEKDAY = re.compile(
    r"\b(?:could|can|may)\s+(?:we|you|I|she|he|they)\s+(?:have|get|see|receive)\s+"
    r"(?:(?:it|them|this|that|everything|(?:the\s+)?(?:results?|data|labels?|output|file|sheet))\s+)?(?:back\s+)?(?:to\s+(?:us|me|her|him)\s+)?(?:by\s+|on\s+)?"
    rf"(?P<p>(?:next|this)\s+(?P<w>{_WEEKDAY}))\b",
    re.I,
)
_LISTED_MONTH_END = re.compile(r",\s*(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?month\s*(?=[.!]|$)", re.I | re.M)
_AFTER_HOLIDAY = re.compile(rf"\bthe\s+(?P<w>{_WEEKDAY})\s+after\s+(?:the\s+)?(?P<h>New\s+Year(?:'?s)?(?:\s+Day)?|Christmas|Xmas)\b", re.I)
_WEEKDAY_WEEK = re.compile(rf"\b(?:by|on|for|until|till)\s+(?P<w>{_WEEKDAY})\s+week\b", re.I)


def _found(text: str, today: date) -> tuple[date, str] | None:
    for m in _ASKED_WEEKDAY.finditer(text):
        monday = today - timedelta(days=today.weekday())
        offset = 1 if m.group("p").lower().startswith("next") else 0
        day = monday + timedelta(days=7 * offset + _WEEKDAYS_EN[m.group("w").lower()])
        if day > today:
            return day, m.group("p")
    for m in _LISTED_MONTH_END.finditer(text):
        nxt = date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1)
        return nxt - timedelta(days=1), m.group(0).strip(" ,.")
    for m in _AFTER_HOLIDAY.finditer(text):
        holiday = holiday_date("new_year" if m.group("h").lower().startswith("new") else "christmas", today)
        if holiday:
            wd = _WEEKDAYS_EN[m.group("w").lower()]
            return holiday + timedelta(days=(wd - holiday.weekday()) % 7 or 7), m.group(0)
    return None


def relayed_deadline(draft: BreakdownDraft, text: str, today: date) -> None:
    """Fill or correct the deadline from the shapes of the module doc."""
    current = draft.when.deadline
    if current.status == FieldStatus.missing:
        found = _found(text, today)
        if found:
            settle_deadline(draft, stated(found[0].isoformat(), found[1], 0.75))
        return
    if current.status != FieldStatus.stated or not isinstance(current.value, str):
        return
    for m in _WEEKDAY_WEEK.finditer(text):
        coming = today + timedelta(days=(_WEEKDAYS_EN[m.group("w").lower()] - today.weekday()) % 7 or 7)
        if current.value == coming.isoformat():
            draft.when.deadline = stated((coming + timedelta(days=7)).isoformat(), m.group(0), 0.75)
            return
