"""A volume, budget or deadline an English thread revises in so many words: the revised value wins.

- a change from one value to another: "the budget has been raised from $2,000 to $3,000", "volume went from 800 to
  1,500 items", "the deadline moved from Dec 20 to Dec 18";
- a later message that settles it: "Let's make it 2,500 posts and Dec 22 instead";
- the field named with its new value: "Update: volume is now 1,500", "the deadline moves to Dec 18", "due date is now
  January 8".

Not a revision: a range of values ("from 2,000 to 3,000 tickets a month" with no change verb), a change of something
else ("prices went from $5 to $7"), a date the data covers ("comments from March to June").
"""

from __future__ import annotations

import re
from datetime import date

from assistant.breakdown.deadline_shapes import _day_of_month
from assistant.breakdown.deadline_en import _DATE as _DATE_EN, _WEEKDAY
from assistant.breakdown.deadlines import extract_deadline
from assistant.breakdown.field_values import settle_deadline, stated
from assistant.breakdown.money import currency_code
from assistant.breakdown.numbers import parse_en_number
from assistant.core.models import BreakdownDraft

__all__ = ["apply_revisions"]

_DATE = rf"(?:{_DATE_EN}|(?:next\s+|this\s+)?(?:{_WEEKDAY})\b|the\s+\d{{1,2}}(?:st|nd|rd|th)\b)"
_AMOUNT = r"(?P<cur>US\$|C\$|A\$|S\$|\$|€|£|₹)?\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<k>k\b)?"
_CHANGE = r"(?:raised|increased|bumped(?:\s+up)?|cut|reduced|lowered|dropped|changed|moved|pushed(?:\s+back)?|brought\s+forward|revised|updated|went|gone|grown|grew)"
_BUDGET = re.compile(rf"\bbudget\b[^.;!?\n]{{0,30}}?\b{_CHANGE}\s+from\s+[^.;!?\n]{{1,20}}?\s+to\s+{_AMOUNT}", re.I)
_VOLUME = re.compile(
    rf"\b(?:volume|count|scope|total|number\s+of\s+(?:items|records|rows))\b[^.;!?\n]{{0,20}}?\b(?:{_CHANGE}\s+from\s+[^.;!?\n]{{1,20}}?\s+to|is\s+now|now)\s+(?:~|about\s+|around\s+)?{_AMOUNT}",
    re.I,
)
_DEADLINE = re.compile(
    rf"\b(?:deadline|due\s+date|delivery(?:\s+date)?)\b[^.;!?\n]{{0,20}}?\b(?:{_CHANGE}\s+(?:from\s+[^.;!?\n]{{1,20}}?\s+)?to|moves\s+to|shifts?\s+to|is\s+now|now)\s+(?P<d>{_DATE})",
    re.I,
)

# "Let's make it 2,500 posts and Dec 22 instead": a later message settles both
_MAKE_IT = re.compile(rf"\bmake\s+(?:it|that)\s+{_AMOUNT}\s+(?P<noun>[A-Za-z]+s)\b", re.I)
_INSTEAD = re.compile(rf"\b(?:make\s+(?:it|that)\s+|and\s+|by\s+)(?P<d>{_DATE})\s+instead\b", re.I)
_NOT_ITEMS = re.compile(r"^(?:hours|days|weeks|months|minutes|seconds|people|dollars|bucks|percent|annotators|reviewers|raters)$", re.I)


def _amount(m: re.Match[str]) -> float | None:
    value = float(m.group("n").replace(",", "")) if m.group("n")[0].isdigit() else parse_en_number(m.group("n"))
    return None if value is None else value * (1000 if m.group("k") else 1)


def apply_revisions(draft: BreakdownDraft, text: str, today: date) -> None:
    """The last revision of each field the request states in so many words wins."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return
    budgets = list(_BUDGET.finditer(text))
    if budgets and (value := _amount(budgets[-1])):
        previous = draft.how_much.budget.value
        currency = currency_code(budgets[-1].group("cur")) or (previous.get("currency") if isinstance(previous, dict) else None)
        draft.how_much.budget = stated({"amount": value, "currency": currency}, budgets[-1].group(0), 0.8)
    volumes = [m for m in _VOLUME.finditer(text) if not m.group("cur")]
    volumes += [m for m in _MAKE_IT.finditer(text) if not m.group("cur") and not _NOT_ITEMS.match(m.group("noun"))]
    volumes.sort(key=lambda m: m.start())
    if volumes and (value := _amount(volumes[-1])) and value.is_integer() and value >= 10:
        draft.how_much.volume = stated(int(value), volumes[-1].group(0), 0.8)
        draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
    deadlines = sorted([*_DEADLINE.finditer(text), *_INSTEAD.finditer(text)], key=lambda m: m.start())
    if deadlines:
        phrase = deadlines[-1].group("d")
        nth = re.fullmatch(r"the\s+(\d{1,2})(?:st|nd|rd|th)", phrase, re.I)
        day = _day_of_month(today, int(nth.group(1))) if nth else None
        found = day.isoformat() if day else next((f.value for f in extract_deadline(f"by {phrase}", today)), None)
        if found:
            settle_deadline(draft, stated(found, deadlines[-1].group(0), 0.85))
