"""English delivery dates in forms the cued readers miss, and a date that restates the one just given.

Candidates for `deadline_choice` (which still decides what each date is for):
- a day of the month alone after a delivery word: "Deadline's the 11th", "Due the 21st", "needed by the 3rd";
- a date right after "delivery": "final delivery Dec 16", "delivery date 18 December";
- a weekday right after "need": "need Monday, $400 budget", "need it Thursday";
- a count of weeks standing as its own clause: "2 wks", "turnaround 3 weeks"; days after a turnaround word: "tat 5 days";
- the end of the calendar year: "completed by the end of the calendar year";
- a span counted back from a date: "a week before the February 3 board meeting", "two working days prior to 18
  December"; the last working day of a month: "no later than the last working day of January";
- British forms: "within a fortnight", "a fortnight from today", "by close of play Thursday";
- a funding period that closes: "the grant period closes on December 31" (the money must be spent by then).

Read after the choice (`restate_deadline`):
- a date that restates a period or another date in the same sentence wins over it: "by the end of our fiscal
  quarter, which is December 31", "at the end of the fall term, December 18", "due to the agency on January 6th
  and our review needs a week, so December 30th", "the last business day before we close, which is December 23rd";
- when no date is chosen, a meeting's date the results are brought to: "the committee meets January 12 and I
  would like to bring results with me".

Not a deadline: a day of the month with nothing due ("we met on the 11th"), a weekday without "need" ("Monday we
start"), a count of weeks inside a sentence ("the pilot ran 2 weeks"), a restated date of something else ("the
audit begins on 11 January, which is a Monday").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadline_shapes import _day_of_month
from assistant.breakdown.deadlines import _MONTHS, _WEEKDAYS_EN, extract_deadline
from assistant.breakdown.facts import Fact, _make
from assistant.breakdown.field_values import stated
from assistant.core.models import BreakdownDraft, FieldStatus

__all__ = ["english_deadlines", "restate_deadline"]

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True))
_NTH = re.compile(
    rf"\b(?:deadline(?:'s|\s+is)?|due(?:\s+on)?|needed\s+by|need(?:\s+it)?\s+by|done\s+by|ready\s+by|finished\s+by)\s+the\s+"
    rf"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{_MONTH})\b)",
    re.I,
)
_NEED_WEEKDAY = re.compile(rf"\bneed(?:ed)?\s+(?:it\s+|them\s+|this\s+|these\s+)?(?P<w>(?:next\s+|this\s+)?(?:{_WEEKDAY}))\b", re.I)
_BARE_WEEKS = re.compile(
    r"(?:^|(?<=[.;,\n])|(?<=\.\s))\s*(?:(?:turnaround|tat|timeline|need(?:ed)?\s+(?:it\s+)?(?:in|within))\s*:?\s*)?"
    r"(?P<n>\d{1,2}|one|two|three|four|six)\s*(?:wks?|weeks?)\s*(?:max|tops)?\s*(?=[.;,!?\n]|$)",
    re.I | re.M,
)
# "tat 5 days", "turnaround: 10 working days": days only after a turnaround word
_TAT_DAYS = re.compile(r"\b(?:turnaround(?:\s+time)?|tat)\s*(?:is|of|:|=|-)?\s*(?P<n>\d{1,2})\s*(?P<u>(?:working\s+|business\s+)?days?)\b", re.I)
# British: "within a fortnight", "a fortnight from today", "in a fortnight's time"; "by close of play Friday"
_FORTNIGHT = re.compile(r"\b(?:(?:within|in|inside(?:\s+of)?)\s+(?:a|one)\s+fortnight|a\s+fortnight\s+(?:from\s+(?:now|today)|hence))\b", re.I)
_CLOSE_OF_PLAY = re.compile(rf"\bclose\s+of\s+play\s+(?:on\s+)?(?P<w>(?:next\s+|this\s+)?(?:{_WEEKDAY}))\b", re.I)
# "a week before the February 3 board meeting", "two working days prior to 18 December": counted back from the date
_SPAN_BEFORE = re.compile(
    rf"\b(?P<n>a|one|two|three|four|\d)\s+(?P<u>weeks?|days?|working\s+days?|business\s+days?)\s+(?:before|ahead\s+of|prior\s+to)\s+"
    rf"(?:the\s+|our\s+|their\s+)?(?P<d>(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b)",
    re.I,
)
# "final delivery Dec 16", "delivery date 18 December", "hand-off on Jan 8"
_DELIVERY_DATE = re.compile(
    rf"\b(?:(?:final\s+)?delivery(?:\s+date)?|hand-?off|handover\s+of\s+(?:the\s+)?(?:labels|results))\s+(?:is\s+|on\s+|by\s+)?"
    rf"(?P<d>(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b)",
    re.I,
)
# "the last working day of January"
_LAST_WORKING_DAY = re.compile(rf"\b(?:the\s+)?last\s+(?:working|business)\s+day\s+of\s+(?P<m>{_MONTH})\b", re.I)
_CALENDAR_YEAR = re.compile(r"\b(?:by|before|until|completed\s+by|done\s+by)\s+the\s+end\s+of\s+(?:the|this)\s+calendar\s+year\b", re.I)
_FUNDS_CLOSE = re.compile(
    rf"\b(?:grant|funding|budget|contract)\s+(?:period|year|window)?\s*(?:closes|ends|expires|runs\s+out)\s+(?:on\s+)?"
    rf"(?P<d>(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH}))\b",
    re.I,
)
_DATE = rf"(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b)"
# "…, which is December 31", "…, so December 30th", "the end of the fall term, December 18"
_RESTATING = re.compile(
    rf"(?:,\s*(?:which\s+is|which\s+will\s+be|i\.e\.|that\s+is|so)|\bso|\b(?:term|quarter|semester|year|month|period|holidays?)\s*,)\s+(?:on\s+)?(?P<d>{_DATE})"
    rf"(?:\s*(?:at\s+the\s+latest|latest))?(?=\s*[.;!?\n]|\s*$)",
    re.I,
)
_DELIVERY_WORDS = re.compile(
    r"\b(?:deadline|due|need(?:s|ed)?|wants?|complete[ds]?|finish(?:ed)?|deliver\w*|ready|report|results?|findings|done|by|"
    r"submi\w+|fil(?:e|ing)|go(?:es)?\s+to)\b",
    re.I,
)
_BRING_RESULTS = re.compile(r"\b(?:bring|present|take|show|have)\b[^.;!?\n]{0,20}\b(?:results?|findings|the labels)\b", re.I)
_MEETS = re.compile(rf"\b(?:meets|meeting|convenes|sits)\s+(?:on\s+)?(?P<d>{_DATE})", re.I)


def _cued(phrase: str, today: date) -> Fact | None:
    found = extract_deadline(f"by {phrase}", today)
    return found[0] if found else None


def english_deadlines(text: str, today: date) -> list[Fact]:
    """The candidate dates of the module doc, each quoting the request."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return []
    found: list[Fact] = []
    for m in _NTH.finditer(text):
        if (day := _day_of_month(today, int(m.group("d")))) is not None:
            found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=False))
    for m in _NEED_WEEKDAY.finditer(text):
        if (fact := _cued(m.group("w"), today)) is not None:
            found.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=True))
    for m in _TAT_DAYS.finditer(text):
        if (fact := extract_deadline(f"within {m.group('n')} {m.group('u')}", today)):
            found.append(_make("deadline", fact[0].value, text, m.start(), m.end(), relative=True))
    for m in _BARE_WEEKS.finditer(text):
        if (fact := extract_deadline(f"within {m.group('n')} weeks", today)):
            found.append(_make("deadline", fact[0].value, text, m.start("n"), m.end(), relative=True))
    for m in _SPAN_BEFORE.finditer(text):
        if (fact := _cued(m.group("d"), today)) is not None:
            count = 1 if m.group("n").lower() in {"a", "one"} else {"two": 2, "three": 3, "four": 4}.get(m.group("n").lower()) or int(m.group("n"))
            day = date.fromisoformat(str(fact.value))
            if m.group("u").lower().startswith(("working", "business")):
                while count:
                    day -= timedelta(days=1)
                    count -= day.weekday() < 5
            else:
                day -= timedelta(days=count * (7 if m.group("u").lower().startswith("week") else 1))
            if day >= today:
                found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=False))
    for m in _DELIVERY_DATE.finditer(text):
        if (fact := _cued(m.group("d"), today)) is not None:
            found.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=False))
    for m in _LAST_WORKING_DAY.finditer(text):
        month = _MONTHS[m.group("m").lower()]
        year = today.year + (month < today.month)
        day = date(year + (month == 12), 1, 1) - timedelta(days=1) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=False))
    for m in _FORTNIGHT.finditer(text):
        found.append(_make("deadline", (today + timedelta(days=14)).isoformat(), text, m.start(), m.end(), relative=True))
    for m in _CLOSE_OF_PLAY.finditer(text):
        if (fact := _cued(m.group("w"), today)) is not None:
            found.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=True))
    for m in _CALENDAR_YEAR.finditer(text):
        found.append(_make("deadline", date(today.year, 12, 31).isoformat(), text, m.start(), m.end(), relative=True))
    for m in _FUNDS_CLOSE.finditer(text):
        if (fact := _cued(m.group("d"), today)) is not None:  # the date alone: "from the grant—and…" is not "after"
            found.append(_make("deadline", fact.value, text, m.start("d"), m.end(), relative=False))
    return found


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, at) for c in "!?\n") if i >= 0]
    dot = re.compile(r"\.(?=\s|$)").search(text, at)
    if dot:
        ends.append(dot.start())
    return start, min(ends) if ends else len(text)


def restate_deadline(draft: BreakdownDraft, text: str, today: date) -> None:
    """A date restating the chosen one (or a period) in its sentence wins; a meeting the results are brought to
    fills an empty deadline."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return
    current = draft.when.deadline
    at = text.find(current.evidence) if current.status == FieldStatus.stated and current.evidence else -1
    for m in _RESTATING.finditer(text):
        start, end = _sentence(text, m.start("d"))
        if at >= 0 and not (start <= at < m.start("d")):
            continue  # the chosen date is elsewhere: this one restates something else
        if at < 0 and (current.status == FieldStatus.stated or not _DELIVERY_WORDS.search(text[start : m.start("d")])):
            continue
        fact = _cued(m.group("d"), today)
        if fact is not None and fact.value != current.value and date.fromisoformat(str(fact.value)) >= today:
            draft.when.deadline = stated(fact.value, m.group(0).lstrip(", "), 0.8)
            return
    if current.status == FieldStatus.stated:
        return
    for m in _MEETS.finditer(text):
        start, end = _sentence(text, m.start())
        if _BRING_RESULTS.search(text[m.end() : end]) and (fact := _cued(m.group("d"), today)) is not None:
            if date.fromisoformat(str(fact.value)) >= today + timedelta(days=1):
                draft.when.deadline = stated(fact.value, m.group(0), 0.7)
                return
