"""Deadline forms the extractor's cue rules miss, read with the same care.

- "End of January (would be great)", "by the end of March": the last day of that month, its next
  occurrence on or after today;
- "deadline是12/18", "due 12/18", "12/25前要": month/day with a deadline word or 前/之前 —
  a bare "12/18" elsewhere is not a deadline.
"""

from __future__ import annotations

import re
from datetime import date

from .extract import _MONTHS, Fact, _month_end, _next_occurrence

__all__ = ["more_deadlines"]

_MONTH_NAMES = "|".join(sorted((m for m in _MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_END_OF_MONTH = re.compile(rf"\b(?:by\s+|before\s+|until\s+)?(?:the\s+)?end\s+of\s+(?P<month>{_MONTH_NAMES})\b", re.I)
_SLASH_DATE = re.compile(
    r"(?:(?P<cue>deadline|due(?:\s+date)?|by|before|until|no later than|截止(?:日期|时间)?|交付(?:日期|时间)?|交期)\s*(?:是|为|:|：|=|on|by)?\s*)?"
    r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/])\s*(?P<before>前|之前|以前|截止|deadline\b)?",
    re.I,
)


_MONTH_DAY_DEADLINE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES}|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:deadline|due)\b",
    re.I,
)


def more_deadlines(text: str, today: date) -> list[Fact]:
    facts: list[Fact] = []
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
