"""Deadline shapes read since development set 8, and dates that are never the deadline.

Read (each a :class:`Fact` quoting the request, for `deadline_choice` to weigh with the others):

- a day of the month alone with a cue: "最好15号前搞定", "20号之前交" (this month's, or next month's once passed);
- the end of next week written with a short form: "by EOW next week", "EOD next Friday" is read elsewhere;
- a start and a duration: "start Monday and be done in 2 weeks", "下周一开始，两周内完成" (the duration runs
  from the start, not from today);
- an event's date and "before it" in the next clause: "1月22号模型要封版，之前要弄完", "the launch is Jan 22,
  we need it done before then";
- a date restated after "就是": "寒假前能弄完吗，就是1月15号吧".

Never the deadline:

- the dates of a forwarded mail's header ("Date: Mon, Nov 30, 2026", "Sent: Thursday, November 26, 2026",
  "日期：2026年11月27日", "On Fri, Nov 27, 2026 at 4:50 PM … wrote:");
- a date whose written year has passed (", 2026" after "Nov 30" said on Dec 1): never moved a year on;
- a quarter naming a thing ("Q1 Transparency Report drafts"), a season before a holiday ("过年前是旺季").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadlines import _WEEKDAYS_EN, _add_months, _resolve_duration, _week_day, extract_deadline
from assistant.breakdown.facts import Fact, _make
from assistant.breakdown.relative_dates import _zh_day

__all__ = ["header_spans", "not_a_deadline", "restated", "role_hint", "shape_deadlines"]

_WEEKDAY = "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True))
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_UNITS = {"天": "days", "日": "days", "周": "weeks", "星期": "weeks", "礼拜": "weeks", "个月": "months", "月": "months"}
_ZH_NUMS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# a header line of a forwarded or quoted mail (with its clock time: "时间：12月23日前" is a deadline)
_HEADER_LINE = re.compile(
    r"^[ \t>]*(?:date|sent|发件时间|发送时间|日期|时间)\s*[:：](?=[^\n]*\d{1,2}:\d{2})[^\n]*$"
    r"|^[ \t>]*on\s+[^\n]{4,80}\bwrote:[ \t]*$"
    r"|^[ \t>]*在\s*\d{4}[^\n]{0,60}写道[:：]?[ \t]*$",
    re.I | re.M,
)
_DAY_ONLY_ZH = re.compile(
    r"(?<![月\d一二三四五六七八九十/\-.])(?P<d>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[号日]"
    r"\s*(?:之前|以前|前|截止|为止)"
)
_EOW_NEXT = re.compile(r"\b(?:by\s+|before\s+)?(?:EOW|end\s+of\s+(?:the\s+)?week)\s*,?\s+next\s+week\b", re.I)
_START_THEN = re.compile(
    rf"\bstart(?:ing)?\s+(?:on\s+)?(?P<rel>this\s+|next\s+|coming\s+)?(?P<wd>{_WEEKDAY})\b[^.?!\n]{{0,30}}?"
    rf"\b(?:be\s+)?(?:done|finished|finish|complete|completed|wrap(?:ped)?\s+up)\s+(?:with)?\s*(?:it\s+|in|within)\s*(?P<n>\d{{1,2}}|one|two|three|four|a)\s+(?P<u>days?|weeks?|months?)\b",
    re.I,
)
_START_THEN_ZH = re.compile(
    r"(?P<rel>下下|下个?|本|这个?)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])\s*开始[^。？?！!\n]{0,8}?"
    r"(?P<n>\d{1,2}|[一两二三四五六七八九十])\s*(?P<u>个月|天|周|个?星期|个?礼拜)(?:之内|以内|内)"
)
_ZH_EVENT_DATE = re.compile(r"(?<![\d年])(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]")
_EN_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_EN_EVENT_DATE = re.compile(rf"\b(?:(?:{_EN_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTHS}))\b", re.I)
# "…，之前要弄完", "…, we need it done before then"
_BEFORE_IT_ZH = re.compile(r"[^。！？?!\n]{0,16}?[，,；;]\s*(?:在|那|这)?(?:之前|以前)\s*(?:要|得|需要|必须|就要|要求)?\s*(?:弄完|做完|标完|完成|交付?|搞定|给到?|出结果)")
_BEFORE_IT_EN = re.compile(
    r"[^.!?\n]{0,40}?[,;—–-]\s*(?:so\s+)?(?:we\s+|i\s+)?(?:need|want|must\s+have|have\s+to\s+have)\s+(?:it|them|the\s+\w+)?\s*(?:done|finished|back|labell?ed|ready)?\s*(?:before|by)\s+(?:then|that|it)\b",
    re.I,
)
_RESTATED_ZH = re.compile(r"[，,]\s*(?:就是|也就是)\s*(?P<t>(?:1[0-2]|0?[1-9])\s*月\s*(?:3[01]|[12]\d|0?[1-9])\s*[日号])\s*(?:吧|啊|哈|前|之前)?\s*(?=[，,。；;！!？?\n]|$)")
# a quarter naming a thing: "Q1 Transparency Report", "Q3 Earnings Call"
_QUARTER_NAME = re.compile(r"^\s*[A-Z][a-z]+")
_SEASON_AFTER = re.compile(r"\s*(?:是|为|属于)[^，。,\n]{0,6}(?:旺季|淡季|高峰期?|忙季|黄金期|销售季)")
_FORMAL = re.compile(r"(?:正式的?|正式版|正式批|大批量?的?|全量的?)\s*$|\b(?:the\s+(?:real|full|main)\s+(?:one|batch|run|job|set)|the\s+rest)\s*(?:by|before|due)?\s*$", re.I)


def header_spans(text: str) -> list[tuple[int, int]]:
    """The spans of header lines of forwarded or quoted mail."""
    return [(m.start(), m.end()) for m in _HEADER_LINE.finditer(text)]


def _resolve_en(phrase: str, today: date) -> Fact | None:
    found = extract_deadline(f"by {phrase}", today)
    return found[0] if found else None


def _resolve_zh(phrase: str, today: date) -> Fact | None:
    found = extract_deadline(f"{phrase}前", today)
    return found[0] if found else None


def _day_of_month(today: date, day: int) -> date | None:
    for ahead in range(3):
        first = _add_months(today.replace(day=1), ahead)
        try:
            candidate = first.replace(day=day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _count(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4}.get(token.lower()) or _ZH_NUMS.get(token)


def _start_day(rel: str, weekday: int, today: date) -> date:
    rel = rel.strip().lower()
    if rel.startswith("下下"):
        return _week_day(today, weekday, 2)
    if rel.startswith("next") or rel.startswith("下"):
        return _week_day(today, weekday, 1)
    if rel.startswith(("本", "这", "this")):
        return _week_day(today, weekday, 0)
    day = _week_day(today, weekday, None)
    return day if day > today else day + timedelta(days=7)


def shape_deadlines(text: str, today: date) -> list[Fact]:
    """The deadline forms of the module doc, in order of appearance."""
    found: list[Fact] = []
    for m in _DAY_ONLY_ZH.finditer(text):
        day = _zh_day(m.group("d"))
        resolved = _day_of_month(today, day) if day else None
        if resolved is not None:
            found.append(_make("deadline", resolved.isoformat(), text, m.start(), m.end(), relative=True))
    for m in _EOW_NEXT.finditer(text):
        friday = _week_day(today, 4, 1)
        found.append(_make("deadline", friday.isoformat(), text, m.start(), m.end(), relative=True))
    for m in _START_THEN.finditer(text):
        amount = _count(m.group("n"))
        unit = m.group("u").lower().rstrip("s") + "s"
        start = _start_day(m.group("rel") or "", _WEEKDAYS_EN[m.group("wd").lower()], today)
        resolved = _resolve_duration(start, float(amount), unit) if amount else None
        if resolved is not None:
            found.append(_make("deadline", resolved.isoformat(), text, m.start(), m.end(), relative=True))
    for m in _START_THEN_ZH.finditer(text):
        amount = _count(m.group("n"))
        unit = _ZH_UNITS.get(m.group("u").lstrip("个"), "days") if m.group("u") != "个月" else "months"
        start = _start_day(m.group("rel") or "", _ZH_WEEKDAYS[m.group("wd")], today)
        resolved = _resolve_duration(start, float(amount), unit) if amount else None
        if resolved is not None:
            found.append(_make("deadline", resolved.isoformat(), text, m.start(), m.end(), relative=True))
    for m in _ZH_EVENT_DATE.finditer(text):
        if _BEFORE_IT_ZH.match(text, m.end()):
            fact = _resolve_zh(re.sub(r"\s+", "", m.group(0)), today)
            if fact is not None:
                found.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=False))
    for m in _EN_EVENT_DATE.finditer(text):
        if _BEFORE_IT_EN.match(text, m.end()):
            fact = _resolve_en(m.group(0), today)
            if fact is not None:
                found.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=False))
    for m in _RESTATED_ZH.finditer(text):
        fact = _resolve_zh(re.sub(r"\s+", "", m.group("t")), today)
        if fact is not None:
            found.append(_make("deadline", fact.value, text, m.start("t"), m.end(), relative=False))
    return sorted(found, key=lambda fact: fact.start)


def not_a_deadline(text: str, fact: Fact, today: date) -> bool:
    """A date of the module doc's second list: a header's, a past year's, a named quarter, a season."""
    if any(a <= fact.start < b for a, b in header_spans(text)):
        return True
    year = re.match(r"\s*,?\s*((?:19|20)\d\d)\b", text[fact.end : fact.end + 8])
    if year and str(fact.value)[:4] != year.group(1) and int(year.group(1)) <= today.year:
        return True  # "Nov 30, 2026" said on Dec 1 2026 is not Nov 30 2027
    quote = text[fact.start : fact.end]
    if re.fullmatch(r"\s*(?:Q[1-4]|[1-4]Q)\s*", quote) and _QUARTER_NAME.match(text[fact.end : fact.end + 20]):
        return True  # "Q1 Transparency Report drafts": a name, not a due date
    return bool(_SEASON_AFTER.match(text, fact.end))


def role_hint(text: str, start: int, end: int) -> bool:
    """True when the words around the date say the labels are due by it: "正式的下周三前", "the full batch by",
    "1月22号模型要封版，之前要弄完", "就是1月15号吧"."""
    return bool(
        _FORMAL.search(text[max(0, start - 16) : start]) or _BEFORE_IT_ZH.match(text, end) or _BEFORE_IT_EN.match(text, end)
        or restated(text, start)
    )


def restated(text: str, start: int) -> bool:
    """The date restates one given just before it: "寒假前能弄完吗，就是1月15号吧"."""
    return bool(re.search(r"[，,]\s*(?:就是|也就是)\s*$", text[max(0, start - 8) : start]))
