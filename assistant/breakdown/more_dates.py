"""Deadline forms the extractor's cue rules miss, read with the same care.

- "End of January (would be great)", "by the end of March": the last day of that month, its next
  occurrence on or after today;
- "deadline是12/18", "due 12/18", "12/25前要", "最晚12/16交": month/day with a deadline word or 前/之前/交 —
  a bare "12/18" elsewhere is not a deadline.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadlines import (
    _MONTHS,
    _WEEKDAYS_EN,
    _month_end,
    _next_occurrence,
)
from assistant.breakdown.extract import Fact

__all__ = ["more_deadlines", "more_explicit"]

_MONTH_NAMES = "|".join(sorted((m for m in _MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_END_OF_MONTH = re.compile(rf"\b(?:by\s+|before\s+|until\s+)?(?:the\s+)?end\s+of\s+(?P<month>{_MONTH_NAMES})\b", re.I)
_SLASH_DATE = re.compile(
    r"(?:(?P<cue>deadline|due(?:\s+date)?|by|before|until|no later than|截止(?:日期|时间)?|交付(?:日期|时间)?|交期|最晚|最迟|不晚于|时效|时限)\s*(?:是|为|:|：|=|on|by)?\s*)?"
    r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/])\s*(?P<before>前|之前|以前|截止|deadline\b|交(?:付|稿|数据|结果)?(?![通流])|给(?:我|到)|要(?!求))?",
    re.I,
)


_MONTH_DAY_DEADLINE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES}|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:deadline|due)\b",
    re.I,
)


_WEEKDAY_NAMES = "|".join(sorted((w for w in _WEEKDAYS_EN if len(w) > 3), key=len, reverse=True))
# "Friday 18 December", "Fri, 18 Dec": the date wins over the weekday
_DAY_MONTH = re.compile(
    rf"(?:\b(?:{_WEEKDAY_NAMES}|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)?(?<![\d/])(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_NAMES}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
    re.I,
)
_DEADLINE_CUE = re.compile(r"(?:by|before|until|due|deadline|done|deliver(?:ed)?|no later than|latest|截止|交付|之前|前)\W{0,3}(?:\w+\W+){0,2}$", re.I)
_EOD_WEEKDAY = re.compile(rf"\b(?:EOD|COB|end of (?:the )?day)\s+(?:on\s+)?(?P<w>{_WEEKDAY_NAMES})\b(?P<nw>,?\s+(?:of\s+)?next\s+week\b)?", re.I)
# "时间：12月18日", "截止：12月18号", "时效：12月10号"
_ZH_KEYED_DATE = re.compile(r"(?:时间|截止|截止时间|交付时间|交付|交期|时效|时限|期限|工期|完成时间|deadline|due)\s*[:：]\s*(?:(?P<y>20\d\d)年)?(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])[日号]?", re.I)
# "月中", "下个月中" (holidays such as "元旦前" are read by holiday_dates)
_MID_MONTH = re.compile(r"(?P<next>下个?月)?月?中(?:旬)?(?:之前|以前|前|左右)")
# "全部做完最好在12月中", "1月中旬前": the middle (the 15th) of a numbered month, closing its clause or before 前
_MID_NUMBERED = re.compile(r"(?<![\d.一二三四五六七八九十])(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:中旬|中)(?=\s*(?:之前|以前|前|左右|吧|交|完成|[，,。；;！!？?\n]|$))")
# a duration standing alone as an item of a terse request: "3 annotators, 10 days."
_BARE_DAYS = re.compile(r"(?:^|(?<=[,，;；.。:：\n]))\s*(?:within\s+|in\s+)?(?P<n>\d{1,2})\s*(?:days|天)\s*(?=[,，;；.。\n]|$)", re.I)


# "Jan 12", "January 12th"
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH_NAMES}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:\d])", re.I)
# "31/01": a day first when it cannot be a month
_DAY_SLASH = re.compile(r"(?<![\d/])(?P<d>1[3-9]|2\d|3[01])/(?P<m>0?[1-9]|1[0-2])(?![\d/])")
# "mid-January", "by mid January", "say by the middle of January"
_MID_NAMED = re.compile(rf"\b(?:mid[- ]|the\s+middle\s+of\s+)(?P<month>{_MONTH_NAMES}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b", re.I)
# a deadline word earlier in the same clause: "before our PC meeting on Jan 12", "Deadline 31/01", "By mid-January?"
_CLAUSE_CUE = re.compile(r"\b(?:by|before|until|till|due|deadline|no later than|need(?:ed)? (?:it|them|this|the \w+) (?:by|before|done)|done by|deliver(?:ed)? by)\b", re.I)
_PAST_CLAUSE = re.compile(r"\b(?:last|ago|since|from|previous|previously|was|were|had)\b", re.I)


_ZH_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}


def _month_number(token: str) -> int:
    """"1", "12", "一", "十二": the month written in digits or Chinese numerals ("一月中旬")."""
    return int(token) if token.isdigit() else _ZH_MONTHS[token]


def _clause_before(text: str, start: int) -> str:
    cut = max(text.rfind(c, 0, start) for c in ".;!?。；！？\n")
    return text[cut + 1 : start]


def _cued_dates(text: str, today: date) -> list[Fact]:
    """A date with a deadline word earlier in its clause, however many words sit between."""
    facts: list[Fact] = []
    for regex in (_MONTH_DAY, _DAY_SLASH, _MID_NAMED):
        for m in regex.finditer(text):
            clause = _clause_before(text, m.start())
            if not _CLAUSE_CUE.search(clause) or _PAST_CLAUSE.search(clause):
                continue
            month = int(m.group("m")) if regex is _DAY_SLASH else _MONTHS[m.group("month").lower()]
            day = 15 if regex is _MID_NAMED else int(m.group("d"))
            found = _next_occurrence(today, month, day)
            if found:
                facts.append(Fact(kind="deadline", value=found.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    return facts


def more_explicit(text: str, today: date) -> list[Fact]:
    """Deadlines whose date is written out; they win over a weekday or "EOD" read elsewhere."""
    facts: list[Fact] = _cued_dates(text, today)
    for m in _DAY_MONTH.finditer(text):
        if not _DEADLINE_CUE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        found = _next_occurrence(today, _MONTHS[m.group("month").lower()], int(m.group("d")))
        if found:
            facts.append(Fact(kind="deadline", value=found.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    for m in _EOD_WEEKDAY.finditer(text):
        ahead = (_WEEKDAYS_EN[m.group("w").lower()] - today.weekday()) % 7 or 7
        value = today + timedelta(days=ahead)
        if m.group("nw"):  # "EOD Friday next week": that weekday of next week
            monday = today - timedelta(days=today.weekday())
            value = monday + timedelta(days=7 + _WEEKDAYS_EN[m.group("w").lower()])
        facts.append(Fact(kind="deadline", value=value.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0), relative=True))
    for m in _ZH_KEYED_DATE.finditer(text):
        found = date(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if m.group("y") else _next_occurrence(today, int(m.group("m")), int(m.group("d")))
        if found:
            facts.append(Fact(kind="deadline", value=found.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    return sorted(facts, key=lambda fact: fact.start)


def more_deadlines(text: str, today: date) -> list[Fact]:
    facts: list[Fact] = more_explicit(text, today)
    for m in _MID_MONTH.finditer(text):
        month, year = today.month, today.year
        if m.group("next") or today.day > 15:
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        facts.append(Fact(kind="deadline", value=date(year, month, 15).isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0), relative=True))
    for m in _MID_NUMBERED.finditer(text):
        if re.search(r"(?:去年|上次|以前|之前的|从|自)\s*$", text[max(0, m.start() - 6) : m.start()]):
            continue  # "从10月中开始": a start, not a deadline
        found = _next_occurrence(today, _month_number(m.group("m")), 15)
        if found:
            facts.append(Fact(kind="deadline", value=found.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    for m in _BARE_DAYS.finditer(text):
        if re.search(r"(?:last|past|previous|per|each|every|最近|过去|每)\W*$", text[max(0, m.start() - 10) : m.start()], re.I):
            continue
        value = today + timedelta(days=int(m.group("n")))
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        facts.append(Fact(kind="deadline", value=value.isoformat(), evidence=text[start : m.end()], start=start, end=m.end(), raw=text[start : m.end()], relative=True))
    for m in _MONTH_DAY_DEADLINE.finditer(text):
        found = _next_occurrence(today, _MONTHS[m.group("month").lower()], int(m.group("d")))
        if found:
            facts.append(Fact(kind="deadline", value=found.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    for m in _END_OF_MONTH.finditer(text):
        if re.search(r"\b(?:from|since|after|during|in|of|at|between)\s+$", text[max(0, m.start() - 12) : m.start()], re.I):
            continue  # "data from the end of January" is not a deadline
        month = _MONTHS[m.group("month").lower()]
        year = today.year if month >= today.month else today.year + 1
        value = _month_end(year, month)
        facts.append(Fact(kind="deadline", value=value.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    for m in _SLASH_DATE.finditer(text):
        if not (m.group("cue") or m.group("before")):
            continue
        found = _next_occurrence(today, int(m.group("m")), int(m.group("d")))
        if found:
            end = m.end() if m.group("before") else m.end("d")
            facts.append(Fact(kind="deadline", value=found.isoformat(), evidence=text[m.start():end], start=m.start(), end=end, raw=text[m.start():end]))
    return sorted(facts, key=lambda fact: fact.start)
