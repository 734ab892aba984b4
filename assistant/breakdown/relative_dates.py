"""Relative deadlines in the forms people type quickly, and a deadline that has already passed.

- a day of a named relative month: "下个月10号前要", "本月25日之前", "这个月底" is read elsewhere;
  "by the 10th of next month", "next month's 10th";
- durations with the units abbreviated: "in 2 wks", "within 3 wks", "in 10 d", "in 2 mos";
- a deadline that falls on or before today ("月底前" written on the last day of the month) is not
  usable when the request gives another date after it ("月底前……哦今天就月底了，那就12月20号前吧").

Each reader returns :class:`Fact` objects quoting the request, as the other deadline readers do.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.breakdown.deadlines import _add_months, _resolve_duration
from assistant.breakdown.extract import Fact

__all__ = ["relative_deadlines", "passed"]

_ZH_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_MONTH_DAY = re.compile(
    rf"(?P<rel>下下个?月|下个?月|本月|这个?月|当月)\s*{_ZH_DAY}\s*(?:号|日)(?P<cue>\s*(?:之前|以前|前|截止|为止|之内|以内)|(?=\s*(?:要|交|给|完成|出|上线|搞定|弄完|做完)))"
)
_EN_MONTH_DAY = re.compile(
    r"\b(?:by|before|until|due|on)\s+(?:the\s+)?(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\s+(?:of\s+)?(?P<rel>next|this)\s+month\b"
    r"|\b(?:by|before|until|due)\s+(?P<rel2>next|this)\s+month'?s\s+(?P<d2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b",
    re.I,
)
_EN_SHORT_DURATION = re.compile(
    r"\b(?:in|within|inside(?:\s+of)?|next)\s+(?P<n>\d{1,2})\s*(?P<u>wks?|w|days?|d|mos?|mths?|bdays?|business\s+days?|hrs?)\b(?!\s*(?:ago|of|per|each))",
    re.I,
)
_UNITS = {"wk": "weeks", "wks": "weeks", "w": "weeks", "d": "days", "day": "days", "days": "days", "mo": "months", "mos": "months",
          "mth": "months", "mths": "months", "bday": "business days", "bdays": "business days", "hr": "hours", "hrs": "hours"}
_CN_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _zh_day(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return (_CN_SMALL.get(tens, 1) if tens else 1) * 10 + (_CN_SMALL.get(ones, 0) if ones else 0)
    return _CN_SMALL.get(token)


def _day_of(today: date, months_ahead: int, day: int) -> date | None:
    first = _add_months(today.replace(day=1), months_ahead)
    try:
        return first.replace(day=day)
    except ValueError:
        return None


def _fact(text: str, m: re.Match[str], resolved: date) -> Fact:
    quote = m.group(0).strip()
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return Fact(kind="deadline", value=resolved.isoformat(), evidence=quote, start=start, end=start + len(quote), raw=quote, relative=True)


def relative_deadlines(text: str, today: date) -> list[Fact]:
    """Deadlines in the forms of the module doc, in order of appearance."""
    found: list[Fact] = []
    for m in _ZH_MONTH_DAY.finditer(text):
        rel = m.group("rel")
        ahead = 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
        day = _zh_day(m.group("d"))
        resolved = _day_of(today, ahead, day) if day else None
        if resolved and resolved >= today:
            found.append(_fact(text, m, resolved))
    for m in _EN_MONTH_DAY.finditer(text):
        rel = (m.group("rel") or m.group("rel2")).lower()
        day = int(m.group("d") or m.group("d2"))
        resolved = _day_of(today, 1 if rel == "next" else 0, day)
        if resolved and resolved >= today:
            found.append(_fact(text, m, resolved))
    for m in _EN_SHORT_DURATION.finditer(text):
        unit = _UNITS.get(re.sub(r"\s+", " ", m.group("u").lower()), m.group("u").lower())
        resolved = _resolve_duration(today, float(m.group("n")), unit)
        if resolved:
            found.append(_fact(text, m, resolved))
    return sorted(found, key=lambda f: f.start)


def passed(value: object, today: date) -> bool:
    """A deadline on or before today ("月底前" written on the last day of the month) cannot be met."""
    try:
        return date.fromisoformat(str(value)) <= today
    except ValueError:
        return False
