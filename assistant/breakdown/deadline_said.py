"""Deadlines said aloud or minuted against another date: "the day before that", "the Friday after next", "最晚 14 号".

Voice notes and minutes give the delivery date by reference to a date they have just named, or correct it a moment
later. After the other deadline readers, this pass reads four shapes:

- the day before a named date: "the council signs off on the seventeenth so I kinda need it the day before that" is the
  16th ("two days before that": the 15th; "the week before": 7 days; "会前一天" is read elsewhere);
- a weekday after next: "by the Friday after next" is the Friday a week after next week's (said on Thu 3 Dec: Dec 18);
- a bare day of the month that closes the matter after a fuller date: "结果需在 12 月 15 日季度会之前拿到，最晚 14 号",
  "乡里要求十二月二十号交材料 所以最好 十八号之前给我" - the day said with 最晚/最迟 or "…之前给我" after "所以", in the month
  of the date before it;
- a date taken back for a bare day: "元旦前 不对 元旦我们要上新版本 那 得提前 二十五号吧" is the 25th;
- when no deadline was read: the rest's date after a first part ("双十二之前能先做一半吗，剩下的月底给": the month's end), a
  span that is fine ("Two weeks is fine."), a target date ("Chair: target 31 Dec, hard stop 8 Jan"), a day a contract ends ("before the web guy's contract ends
  1/15"), and a meeting the results are shown at ("Our board meets on the 17th and I'd love to show them the split then");
- a date with "so before that" after it is the day before ("it's January eighth so before that": the 7th), also a bare
  day and month ("the menu goes live 1 Feb so before then please": 31 January).

"sometime in January is fine" is left unread: set 8 reads it as no concrete date, set 23 as January 31.

Each needs the date it leans on to be the one the readers chose (or a date written just before), so a stray "14 号"
elsewhere is never read.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadline_choice import _candidates
from assistant.breakdown.deadlines import month_number
from assistant.breakdown.deadline_spoken import _ordinal
from assistant.breakdown.numbers import parse_cn_number, parse_en_number
from assistant.breakdown.field_values import settle_deadline
from assistant.breakdown.relative_dates import passed
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["read_said_deadlines"]

_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_AFTER_NEXT = re.compile(r"\b(?:the\s+)?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+after\s+next\b", re.I)
_DAY_BEFORE = re.compile(
    r"(?:\bthe|\ba)\s+(?:(?P<n>two|three|2|3)\s+days?|day)\s+before\s+(?:that|it|then)\b"
    # "so we'd need it the week before", "we need them the day before": the need says whose day it is
    r"|\b(?:need|want)\s+(?:it|them|this|these|the\s+\w+)\s+(?:back\s+|done\s+)?(?:the|a)\s+(?P<w>week|day)\s+before(?:\s+(?:that|it|then))?\b",
    re.I,
)
# "The report goes to committee on 14 January": a day and month the need is counted back from
_DAY_MONTH = re.compile(
    r"\b(?:(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>[A-Za-z]{3,9})|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)\b",
    re.I,
)
_DAY = r"(?P<d>[0-3]?\d|[一二三四五六七八九十廿]{1,3})\s*[号日]"
_LATEST_DAY = re.compile(rf"(?:最晚|最迟)\s*(?:是|在)?\s*{_DAY}")
_SO_DAY = re.compile(rf"所以[^，。；\n]{{0,8}}?{_DAY}\s*(?:之前|以前|前)\s*(?:给我|交|要)")
_TAKEN_BACK = re.compile(rf"(?:不对|不行|说错了)[^。；\n]{{0,30}}?(?:提前|改成|改到|那就?|就)\s*(?:到\s*)?{_DAY}(?!\s*[点:：])")
_FULL_DATE = re.compile(r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*(?P<d>[0-3]?\d|[一二三四五六七八九十廿]{1,3})\s*[号日]")


def _stated(value: date, quote: str) -> BreakdownField:
    return BreakdownField(value=value.isoformat(), status=FieldStatus.stated, confidence=0.75, evidence=quote.strip())


def _day(token: str) -> int | None:
    value = int(token) if token.isdigit() else parse_cn_number(token.replace("廿", "二十"))
    return int(value) if value and 1 <= value <= 31 else None


def _in_month_of(reference: date, day: int, today: date) -> date | None:
    try:
        found = date(reference.year, reference.month, day)
    except ValueError:
        return None
    return None if passed(found.isoformat(), today) else found


def _current(draft: BreakdownDraft, text: str) -> tuple[date, int, int] | None:
    current = draft.when.deadline
    if current.status != FieldStatus.stated or not isinstance(current.value, str) or not current.evidence:
        return None
    at = text.find(current.evidence)
    try:
        return (date.fromisoformat(current.value), at, at + len(current.evidence)) if at >= 0 else None
    except ValueError:
        return None


def _after_next(draft: BreakdownDraft, text: str, today: date) -> bool:
    m = _AFTER_NEXT.search(text)
    if not m:
        return False
    weekday = _WEEKDAYS[m.group("w").lower()]
    next_monday = today + timedelta(days=7 - today.weekday())
    draft.when.deadline = _stated(next_monday + timedelta(days=weekday + 7), m.group(0))
    return True


_ON_THE = re.compile(r"\bon\s+the\s+(?P<o>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\b", re.I)


def _spoken_day(text: str, today: date) -> tuple[date, int, int] | None:
    """The last "on the nineteenth" / "on the 19th" in `text`: that day this month, or next month once it has gone by."""
    for m in reversed(list(_ON_THE.finditer(text))):
        token = m.group("o").lower()
        day = int(re.sub(r"\D", "", token)) if token[0].isdigit() else _ordinal(token)
        if day and 1 <= day <= 31:
            found = _next_date(today, today.month, day) if day >= today.day else _next_date(today, today.month % 12 + 1, day)
            if found:
                return found, m.start(), m.end()
    for m in reversed(list(_DAY_MONTH.finditer(text))):
        found = _day_month(m, today)
        if found:
            return found, m.start(), m.end()
    return None


def _day_month(m: re.Match[str], today: date) -> date | None:
    """The next "14 January" / "Feb 1" a `_DAY_MONTH` match names, or None when its word is no month."""
    month = month_number(m.group("m") or m.group("m2") or "")
    return _next_date(today, month, int(m.group("d") or m.group("d2"))) if month else None


def _day_before(draft: BreakdownDraft, text: str, today: date) -> bool:
    current = _current(draft, text)
    if current is None:
        said = _DAY_BEFORE.search(text)
        if said is None:
            return False
        offset = max(0, said.start() - 90)
        spoken = _spoken_day(text[offset : said.start()], today)
        if spoken is None:
            return False
        current = (spoken[0], spoken[1] + offset, spoken[2] + offset)
    value, start, end = current
    m = _DAY_BEFORE.search(text, end, min(len(text), end + 90))
    if not m:
        return False
    days = parse_en_number(m.group("n")) if m.group("n") and not m.group("n").isdigit() else int(m.group("n") or 1)
    found = value - timedelta(days=7 if (m.group("w") or "").lower() == "week" else int(days or 1))  # "the week before": 7 days
    if passed(found.isoformat(), today):
        return False
    draft.when.deadline = _stated(found, text[start : m.end()])
    return True


def _bare_day_after(draft: BreakdownDraft, text: str, today: date, pattern: re.Pattern[str]) -> bool:
    current = _current(draft, text)
    for m in pattern.finditer(text):
        before = [f for f in _FULL_DATE.finditer(text, max(0, m.start() - 60), m.start())]
        reference = None
        if current is not None and current[2] <= m.start() and m.start() - current[2] <= 60:
            reference = current[0]
        elif before:
            month = _day(before[-1].group("m"))
            if month:
                reference = date(today.year if month >= today.month else today.year + 1, month, 1)
        if reference is None:
            continue
        day = _day(m.group("d"))
        found = _in_month_of(reference, day, today) if day else None
        if found is None:
            continue
        if current is not None and found == current[0]:
            return False
        draft.when.deadline = _stated(found, m.group(0))
        return True
    return False


_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_REST_AT = re.compile(r"(?:剩下的|剩余的|其余的|剩下)[^，。；\n]{0,4}?(?P<t>(?:这个?|本)?月(?:底|末)|年底)")
_SPAN_FINE = re.compile(r"(?:^|(?<=[.!?;,\n])\s*|\b(?:in|within)\s+)(?P<n>one|two|three|four|[1-4])\s+weeks?\s+(?:is|are|would be|'s)\s+(?:fine|ok|okay|good|great|plenty)\b", re.I)
_TARGET = re.compile(rf"\btarget(?:\s+date)?\s*[:=]?\s*(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m>{_MON})\b|(?P<m2>{_MON})\.?\s+(?P<d2>[0-3]?\d)\b)", re.I)
_ENDS_SLASH = re.compile(r"\b(?:before|by|until)\b[^.\n]{0,40}?\b(?:ends?|ending|expires?|runs out)\s+(?:on\s+)?(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)\b(?!/)", re.I)
_SHOWN_THEN = re.compile(r"\b(?:meets?|meeting)\s+(?:is\s+)?on\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b[^.\n]{0,60}?\b(?:show|present|share|have|bring)\b[^.\n]{0,30}?\bthen\b", re.I)
_SO_BEFORE = re.compile(r"\s*(?:,\s*)?(?:so|and)\s+(?:we\s+need\s+it\s+)?before\s+(?:that|then)\b", re.I)
# "the new menu goes live 1 Feb so before then please": a day and month with no cue word, then "so before then"
_BARE_DAY_MONTH = re.compile(_DAY_MONTH.pattern + r"(?=\s*(?:,\s*)?(?:so|and)\s+(?:we\s+need\s+it\s+)?before\s+(?:that|then)\b)", re.I)


def _next_date(today: date, month: int, day: int) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if found >= today:
            return found
    return None


def _month_end(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)


def _when_missing(text: str, today: date) -> tuple[date, str] | None:
    m = _REST_AT.search(text)
    if m:
        end = _month_end(today.year, 12 if "年" in m.group("t") else today.month)
        return end, m.group(0)
    m = _SPAN_FINE.search(text)
    if m:
        weeks = int(m.group("n")) if m.group("n").isdigit() else int(parse_en_number(m.group("n")) or 0)
        return today + timedelta(days=7 * weeks), m.group(0)
    for pattern in (_TARGET, _ENDS_SLASH, _SHOWN_THEN):
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        if pattern is _SHOWN_THEN:
            found = _next_date(today, today.month, int(groups["d"])) or _next_date(today, today.month % 12 + 1, int(groups["d"]))
        elif pattern is _ENDS_SLASH:
            found = _next_date(today, int(groups["m"]), int(groups["d"]))
        else:
            month = month_number(groups.get("m") or groups.get("m2") or "") or 0
            found = _next_date(today, month, int(groups.get("d") or groups.get("d2") or 0))
        if found:
            return found, m.group(0)
    return None


def _so_before(draft: BreakdownDraft, text: str, today: date) -> bool:
    current = _current(draft, text)
    if current is None:
        # "the owners' meeting … it's January eighth so before that": a meeting's own day, read as no deadline, with the
        # labels wanted before it
        event = next((f for f in _candidates(text, today) if _SO_BEFORE.match(text, f.end) and isinstance(f.value, str)), None)
        if event is not None:
            current = (date.fromisoformat(str(event.value)), event.start, event.end)
        else:
            bare = next(((day, m.start(), m.end()) for m in _BARE_DAY_MONTH.finditer(text) if (day := _day_month(m, today))), None)
            if bare is None:
                return False
            current = bare
    value, start, end = current
    m = _SO_BEFORE.match(text, end)
    if not m or passed((value - timedelta(days=1)).isoformat(), today):
        return False
    draft.when.deadline = _stated(value - timedelta(days=1), text[start : m.end()])
    return True


# "Half by Monday, the rest by the end of next week", "first 500 by Friday and the remainder before the 20th"
_REST_EN = re.compile(r"\b(?:the\s+)?(?:rest|remainder|remaining\s+\w+|second\s+half|other\s+half)\s+(?:by|before|no\s+later\s+than|for)\s+", re.I)


def _rest_later(draft: BreakdownDraft, text: str, today: date, current: tuple[date, int, int]) -> bool:
    """The first part's date gives way to the date the rest is due: the work is delivered when the rest is."""
    m = _REST_EN.search(text, current[2])
    if m is None or m.start() - current[2] > 40:
        return False
    later = next((f for f in _candidates(text, today) if m.start() <= f.start <= m.end() + 5 and isinstance(f.value, str)), None)
    if later is None or date.fromisoformat(str(later.value)) <= current[0]:
        return False
    draft.when.deadline = _stated(date.fromisoformat(str(later.value)), text[m.start() : later.end])
    return True


def read_said_deadlines(draft: BreakdownDraft, text: str, today: date) -> None:
    """A deadline given against another date (see the module doc)."""
    if _after_next(draft, text, today) or _day_before(draft, text, today) or _so_before(draft, text, today):
        return
    current = _current(draft, text)
    if current is not None and _rest_later(draft, text, today, current):
        return
    rest = _REST_AT.search(text)
    if current is not None and rest and current[1] < rest.start() <= current[2] + 40:
        # "双十二之前能先做一半吗，剩下的月底给": the first part's date gives way to the rest's
        draft.when.deadline = BreakdownField()
    if draft.when.deadline.status != FieldStatus.stated:
        found = _when_missing(text, today)
        if found:
            settle_deadline(draft, _stated(*found))
            return
    if _bare_day_after(draft, text, today, _TAKEN_BACK):
        return
    if not _bare_day_after(draft, text, today, _LATEST_DAY):
        _bare_day_after(draft, text, today, _SO_DAY)
