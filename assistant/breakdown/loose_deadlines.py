"""Deadlines written without a deadline word, read when no cued reading found one.

The deadline readers (`deadlines`, `more_dates`, `relative_dates`) need a cue: "前", "by", "截止",
"交付". People also write a time on its own and let the place say it is the deadline:

- after a label: "Deadline 下周五", "DDL: next Wed", "交付时间 12月20日", "Timeline: two weeks";
- a duration that is a clause of its own: "…，两周。", "About 5k postings, two weeks, 3 reviewers";
- a day of the month: "Could we have it by the 15th?", "before the 3rd";
- a weekday with what happens then: "下周一法务要看结果", "周五开会要用".

Each form is rewritten into the cued form the readers know ("下周五" -> "下周五前", "two weeks" ->
"within two weeks") and resolved by them, so the calendar rules live in one place; the evidence is
the request's own words.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.breakdown.deadlines import extract_deadline
from assistant.breakdown.facts import Fact, _make
from assistant.breakdown.relative_dates import _day_of

__all__ = ["loose_deadlines"]

_STOP = r"[，,。.;；!！?？\n（(]"
_LABELLED = re.compile(r"\b(?:deadline|ddl|due(?: date)?|timeline|turnaround|timeframe|time frame)\b\s*(?:is|:|：|=|是|为|在)?\s*(?P<x>(?:[^，,。.;；!！?？\n（(]|\.(?!\s|$)){1,24})|(?:截止(?:时间|日期)?|交付(?:时间|日期)|交期)\s*(?:是|为|在|:|：)?\s*(?P<zx>[^，,。;；!！?？\n（(]{1,16})", re.I)
_NUM_EN = r"\d{1,2}|one|two|three|four|five|six|a"
_NUM_ZH = r"\d{1,2}|[一两二三四五六]"
_BARE_DURATION = re.compile(
    rf"(?:^|(?<={_STOP}))\s*(?:(?:ideally|preferably|roughly|about|maybe|最好|大概|大约|争取)\s*)?(?P<en>(?:in\s+|within\s+)?(?:{_NUM_EN})\s+(?:weeks?|days?|months?))\s*(?={_STOP}|$)"
    rf"|(?:^|(?<={_STOP}))\s*(?:(?:最好|大概|大约|争取)\s*)?(?P<zh>(?:{_NUM_ZH})\s*(?:个)?\s*(?:周|星期|礼拜|天|个月|工作日))\s*(?:内|之内|以内)?\s*(?={_STOP}|$)",
    re.I,
)
# "by the 15th", "before our editorial away-day which is the 10th" (the day of the event the labels are needed before)
_DAY_OF_MONTH = re.compile(
    r"\b(?:by|before|until|till|no later than|on|ahead of|in time for)\s+(?:(?:our|the|your)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]*,?\s*(?:which|that)(?:\s+is|'s)\s+(?:on\s+)?)?"
    r"the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\s+[A-Za-z])",
    re.I,
)
_WEEKDAY_EVENT = re.compile(
    r"(?P<w>(?:下下|下个?|这个?|本)?(?:周|星期|礼拜)[一二三四五六日天])(?:[^，,。.;；!！?？\n]{0,8}?)(?:要看|要用|要结果|要数据|要交|要汇报|汇报|开会|上线|验收|评审|过会|看结果)"
)


def _resolve(phrase: str, today: date, zh: bool) -> str | None:
    """The date a cued reader gives the phrase once the cue is added."""
    for cued in ((f"{phrase}前", f"{phrase}内") if zh else (f"by {phrase}", f"within {phrase}", f"due {phrase}")):
        found = extract_deadline(cued, today)
        if found:
            return str(found[0].value)
    return None


def _fact(text: str, start: int, end: int, value: str) -> Fact:
    return _make("deadline", value, text, start, end, relative=True)


def loose_deadlines(text: str, today: date) -> list[Fact]:
    """Deadlines in the forms of the module doc, in order of appearance, each resolved against `today`."""
    found: list[Fact] = []
    for m in _LABELLED.finditer(text):
        group = "x" if m.group("x") else "zx"
        phrase = m.group(group).strip()
        value = _resolve(phrase, today, bool(re.search(r"[\u4e00-\u9fff]", phrase)))
        if value:
            found.append(_fact(text, m.start(), m.end(group), value))
    for m in _BARE_DURATION.finditer(text):
        group = "en" if m.group("en") else "zh"
        phrase = re.sub(r"^(?:in|within)\s+", "", m.group(group).strip(), flags=re.I)
        value = _resolve(phrase, today, group == "zh")
        if value:
            found.append(_fact(text, m.start(group), m.end(group), value))
    for m in _DAY_OF_MONTH.finditer(text):
        day = int(m.group("d"))
        resolved = _day_of(today, 0, day) if 1 <= day <= 31 else None
        if resolved is not None and resolved <= today:
            resolved = _day_of(today, 1, day)
        if resolved is not None:
            found.append(_fact(text, m.start(), m.end(), resolved.isoformat()))
    for m in _WEEKDAY_EVENT.finditer(text):
        value = _resolve(m.group("w"), today, True)
        if value:
            found.append(_fact(text, m.start("w"), m.end(), value))
    return sorted(found, key=lambda fact: fact.start)
