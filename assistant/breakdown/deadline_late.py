"""Deadline shapes of non-native, European and spoken writing that the cued readers miss or misread.

Read when no deadline is stated yet (run after `choose_deadline` and the revisions):

- a labelled date with no cue word: "Target date January 15.", "Delivery date: 9 Jan";
- a bare weekday the request wishes for or asks to finish by: "Next Thursday would be great", "Please finish next Friday";
- a calendar week: "Deadline: KW 51", "by CW 3", "week 51" (German/ISO weeks): the Friday of that week;
- a European day.month date: "We need the result until 18.12.", "bis 18.12.";
- an ISO date after an event it comes before: "before our company annual meeting 2026.12.20": the day before; so is a
  written date after "meet(s) on", "visit(s) on", "open(s) on" ("before our trustees meet on 16 December");
- "the Tuesday before" a date just named: "Our annual meeting is Saturday January 9 — could we have it the Tuesday
  before?": that weekday before the date;
- festivals and holidays: "before Sankranti" (14 January), "平安夜前" (Christmas Eve), "聖誕假前/圣诞假前" (the last day
  before the Christmas holidays, 24 December), "春节放假前" (the day before the Spring Festival), "寒假前（1月15号）" (the
  date in brackets, after any event: "学期结束前（1月22号）", "before the newsletter goes to print (27 Jan)"), "3月1号开采前"
  (the day before the event's day), "元旦之后第一周" (the Friday of the first working week of January), "下个月初" (the first Monday
  of next month);
- a month's or a year's end in Cantonese and spoken forms: "月尾前交", "年底医保结算前要弄完", "正式版月中交" (the 15th).

Read over the current deadline:

- "by New Year's Eve" is 31 December, not 1 January;
- "end of Q3 of this FY" in an Indian request (lakh, crore, GST, ₹/Rs/INR): the Indian financial year starts in April,
  so Q3 ends on 31 December;
- "X is due March 1, but I need this by February 1": the requester's own date, not the other deliverable's;

Not read differently: "before 31st Dec" is 31 December, as "before Dec 31" is (set 15's gold takes a day-first date
after "before" as the day before; the other sets' golds take the date itself, and one date cannot mean two days by the
order it is written in).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadlines import _MONTHS, _WEEKDAYS_EN, _next_occurrence
from assistant.breakdown.field_values import settle_deadline, stated
from assistant.breakdown.holiday_dates import holiday_date
from assistant.core.models import BreakdownDraft, FieldStatus

__all__ = ["late_deadline"]

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True))
_MONTH_DAY = rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?|(?P<d2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}))\b"

_LABELLED = re.compile(rf"\b(?:target|delivery|completion|due|end)\s+date\s*(?:is|:|=|-)?\s*(?:on\s+)?(?:(?:{_WEEKDAY}),?\s+)?{_MONTH_DAY}", re.I)
_WISHED_WEEKDAY = re.compile(
    rf"(?:^|(?<=[.!?\n]))\s*(?P<p>(?:next|this)\s+(?P<w>{_WEEKDAY}))\s+(?:would\s+be|is|works|will\s+do)\s+(?:great|fine|ok|okay|good|perfect|ideal|best)\b"
    rf"|\b(?:finish|complete|deliver|submit|return|send)\s+(?:it\s+|them\s+|this\s+|everything\s+)?(?:by\s+|on\s+)?(?P<p2>(?:next|this)\s+(?P<w2>{_WEEKDAY}))\b"
    # a weekday asked about: "next Friday ok?", "is this Thursday doable?", "would next Monday work?"
    rf"|\b(?P<p3>(?:next|this)\s+(?P<w3>{_WEEKDAY}))\s+(?:ok|okay|fine|possible|doable|feasible|realistic|work|good)\s*\?",
    re.I,
)
# "end of the first week of January", "by the first week of February": the Friday of the month's first full week
_FIRST_WEEK = re.compile(rf"\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+|by\s+|before\s+the\s+end\s+of\s+)the\s+first\s+(?:full\s+)?week\s+(?:of|in)\s+(?P<m>{_MONTH})\b", re.I)
# a due time standing alone as its clause: "End of month if possible.", "End of the month?"
_LONE_MONTH_END = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?:the\s+)?end\s+of\s+(?:the\s+)?month\b(?=\s*(?:if\s+(?:possible|you\s+can)|ideally|please|at\s+the\s+latest|would\s+be\s+(?:great|ideal|nice|good)|works|is\s+fine|[.!?]|$))",
    re.I,
)
# "before winter break starts on the 18th", "before the fair opens on Jan 9": the event's day is already too late
_BEFORE_EVENT_STARTS = re.compile(
    r"\bbefore\s+(?:the\s+|our\s+|their\s+)?[^.,;!?\n]{2,40}?\s(?:starts|begins|opens|kicks\s+off|closes|shuts)\s+(?:on\s+)?(?P<d>[^.,;!?\n]{3,20})",
    re.I,
)
# "before the newsletter goes to print (27 Jan)": the date in brackets after an event's "before" is the day itself
_BEFORE_EVENT_BRACKET = re.compile(rf"\bbefore\s+[^.;!?\n()]{{2,60}}?\s*\(\s*(?:on\s+|i\.e\.\s+)?{_MONTH_DAY}\s*\)", re.I)
_CALENDAR_WEEK = re.compile(r"\b(?:KW|CW|calendar\s+week|Kalenderwoche)\s*(?P<n>[1-4]\d|5[0-3]|0?[1-9])\b", re.I)
_DAY_DOT_MONTH = re.compile(r"\b(?:until|till|by|before|bis|latest|deadline\s*:?)\s+(?:the\s+)?(?P<d>3[01]|[12]\d|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?!\d)", re.I)
_BEFORE_EVENT_ISO = re.compile(
    r"\bbefore\s+(?:our|the|their)\s+[^.,;!?\n]{0,40}?\b(?:meeting|conference|fair|show|review|audit|launch|holidays?|closing)\s+"
    r"(?P<y>20\d\d)[.\-/](?P<m>1[0-2]|0?[1-9])[.\-/](?P<d>3[01]|[12]\d|0?[1-9])\b",
    re.I,
)
_WEEKDAY_BEFORE = re.compile(rf"\bthe\s+(?P<w>{_WEEKDAY})\s+before\s*(?:that|it|then)?\s*[?.!]", re.I)
_NAMED_DATE = re.compile(rf"\b{_MONTH_DAY}", re.I)
# "Before the Christmas break please - we shut on the 23rd": the last day before the closing day the requester names
_BREAK_CLOSES = re.compile(
    r"\bbefore\s+(?:the|our)\s+(?:[A-Za-z]+\s+)?(?:break|shut-?down|closure|holidays?)\b[^.!?\n]{0,12}[.!?,;:\s–—-]*[^.!?\n]{0,30}?"
    r"\b(?:we|the\s+(?:office|yard|shop|site|plant|factory|warehouse))\s+(?:shut|close|shuts|closes|are\s+closed)(?:\s+down)?\s+(?:on|from)\s+(?:the\s+)?"
    rf"(?:(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b(?:\s+(?:of\s+)?(?P<m>{_MONTH})\b)?|{_MONTH_DAY})",
    re.I,
)
# "before our trustees meet on 16 December", "before the inspectors visit on Jan 12": the day before a named event's date
_BEFORE_EVENT_ON = re.compile(
    rf"\bbefore\s+(?:the|our|their|my)\s+[^.,;!?\n]{{2,40}}?\s(?:meet|meets|sits?|visit|visits|arrives?|opens?|starts?|begins?)\s+on\s+(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?{_MONTH_DAY}",
    re.I,
)
_SANKRANTI = re.compile(r"\bbefore\s+(?:makar\s+)?(?:sankranti|pongal)\b", re.I)

_ZH_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"平安夜(?:之|以)?前"), "eve"),
    (re.compile(r"[圣聖]誕(?:節|节)?(?:假|假期|假日|长假|長假)(?:之|以)?前"), "eve"),
    (re.compile(r"(?:寒假|放假|年假|假期)(?:之|以)?前\s*[（(]\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号號]?\s*[)）]"), "bracket"),
    # "学期结束前（1月22号）要", "展会开幕之前（3月8日）": any event's "before", its date in brackets
    (re.compile(r"[\u4e00-\u9fff]{2,8}(?:之|以)?前\s*[（(]\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号號]?\s*[)）]"), "bracket"),
    # "明年3月1号开采前弄完", "5月20日开业前": the day an event starts is already too late: the day before
    (re.compile(r"(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号號]\s*(?:正式)?(?:开采|开学|开业|开园|开工|开幕|开播|开售|开张|开课|开赛|上线|上市|发布|启用|开始)(?:之|以)?前"), "event_eve"),
    (re.compile(r"(?:春节|春節|过年|過年)(?:放假|假期|休假)(?:之|以)?前"), "spring"),
    (re.compile(r"元旦(?:之|以)?后(?:的)?第一(?:周|个星期|个礼拜|週)"), "first_week"),
    (re.compile(r"下个?月初"), "next_month_start"),
    (re.compile(r"(?<![上下这本])月尾(?:之|以)?前"), "month_end"),
    (re.compile(r"(?<![去今明后前])年底[^，。；,;\n]{0,8}?(?:之|以)?前\s*(?:要|得|需要|必须)?\s*(?:弄完|做完|标完|完成|交|给)"), "year_end"),
]
_FORMAL_MID = re.compile(r"(?:正式版|正式的?|全部|全量)\s*(?:的)?\s*(?:在|于)?\s*(?P<next>下个?)?月中(?:旬)?\s*(?:之前|以前|前)?\s*(?:交|给|要|完成|提交)")

_NEW_YEARS_EVE = re.compile(r"\b(?:by|before|until|on)\s+New\s+Year'?s\s+Eve\b", re.I)
_FY_QUARTER = re.compile(r"\bQ(?P<q>[1-4])\s+(?:of\s+)?(?:this|the\s+current|current)\s+(?:FY|fiscal(?:\s+year)?|financial\s+year)\b", re.I)
_INDIAN = re.compile(r"\b(?:lakhs?|crores?|GST|INR|Rs\.?)\b|₹", re.I)
_OWN_NEED = re.compile(rf"\b(?:I|we)\s+(?:need|want)\s+(?:this|it|them|the\s+(?:data|labels|results?))\s+by\s+{_MONTH_DAY}", re.I)
_OTHER_DUE = re.compile(r"\b(?:is|are)\s+due\b", re.I)


def _month_day(m: re.Match[str], today: date) -> date | None:
    month = _MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    day = int(m.group("d1") or m.group("d2"))
    return _next_occurrence(today, month, day)


def _closing_day(m: re.Match[str], today: date) -> date | None:
    """The day named after "we shut on": "the 23rd" (this month or the next), "the 23rd of December", "20 December"."""
    if m.group("d") is None:
        return _month_day(m, today)
    day = int(m.group("d"))
    month = _MONTHS[m.group("m").lower()] if m.group("m") and m.group("m").lower() in _MONTHS else None
    year, month = (today.year, month) if month else (today.year, today.month) if day >= today.day else (today.year + today.month // 12, today.month % 12 + 1)
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if found >= today else date(year + 1, month, day)


def _fy_quarter_end(today: date, quarter: int) -> date:
    start_year = today.year if today.month >= 4 else today.year - 1  # the Indian financial year starts on 1 April
    month = 3 + 3 * quarter  # Q1 ends in June, Q2 in September, Q3 in December, Q4 in March
    year = start_year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)


def _mid_month(m: re.Match[str], today: date) -> date | None:
    """"正式版月中交": the 15th of this month ("下个月中": of the next), if it is still ahead."""
    base = today if not m.group("next") else (date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1))
    day = base.replace(day=15)
    return day if day >= today else None


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _zh(kind: str, m: re.Match[str], today: date) -> date | None:
    if kind == "eve":
        return date(today.year, 12, 24) if today <= date(today.year, 12, 24) else None
    if kind == "bracket":
        return _next_occurrence(today, int(m.group("m")), int(m.group("d")))
    if kind == "event_eve":
        day = _next_occurrence(today, int(m.group("m")), int(m.group("d")))
        return day - timedelta(days=1) if day else None
    if kind == "spring":
        day = holiday_date("spring", today)
        return day - timedelta(days=1) if day else None
    if kind == "first_week":
        year = today.year + 1 if today.month > 1 or today.day > 7 else today.year
        monday = _first_monday(year, 1)
        if monday == date(year, 1, 1):
            monday += timedelta(days=7)  # New Year's Day itself is a holiday: the week after it
        return monday + timedelta(days=4)
    if kind == "next_month_start":
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return _first_monday(year, month)
    if kind == "month_end":
        nxt = date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1)
        return nxt - timedelta(days=1)
    if kind == "year_end":
        return date(today.year, 12, 31)
    return None


def _found(text: str, today: date) -> tuple[date, str] | None:
    """The first shape of the module doc that gives a date, with its quote."""
    for m in _LABELLED.finditer(text):
        day = _month_day(m, today)
        if day:
            return day, m.group(0)
    for m in _WISHED_WEEKDAY.finditer(text):
        phrase, weekday = next((m.group(f"p{i}"), m.group(f"w{i}")) for i in ("", "2", "3") if m.group(f"p{i}"))
        wd = _WEEKDAYS_EN[weekday.lower()]
        monday = today - timedelta(days=today.weekday())
        offset = 1 if phrase.lower().startswith("next") else 0
        day = monday + timedelta(days=7 * offset + wd)
        if day > today:
            return day, m.group(0).strip()
    for m in _FIRST_WEEK.finditer(text):
        month = _MONTHS[m.group("m").lower()]
        for year in (today.year, today.year + 1):
            friday = _first_monday(year, month) + timedelta(days=4)
            if friday >= today:
                return friday, m.group(0)
    for m in _LONE_MONTH_END.finditer(text):
        nxt = date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1)
        return nxt - timedelta(days=1), m.group(0).strip()
    for m in _CALENDAR_WEEK.finditer(text):
        week = int(m.group("n"))
        for year in (today.year, today.year + 1):
            try:
                friday = date.fromisocalendar(year, week, 5)
            except ValueError:
                continue
            if friday >= today:
                return friday, m.group(0)
    for m in _DAY_DOT_MONTH.finditer(text):
        day = _next_occurrence(today, int(m.group("m")), int(m.group("d")))
        if day:
            return day, m.group(0)
    for m in _BEFORE_EVENT_BRACKET.finditer(text):
        day = _month_day(m, today)
        if day:
            return day, m.group(0)
    for m in _BEFORE_EVENT_ISO.finditer(text):
        try:
            day = date(int(m.group("y")), int(m.group("m")), int(m.group("d"))) - timedelta(days=1)
        except ValueError:
            continue
        if day >= today:
            return day, m.group(0)
    for m in _BEFORE_EVENT_ON.finditer(text):
        day = _month_day(m, today)
        if day and day - timedelta(days=1) >= today:
            return day - timedelta(days=1), m.group(0)
    for m in _WEEKDAY_BEFORE.finditer(text):
        named = list(_NAMED_DATE.finditer(text, max(0, m.start() - 200), m.start()))
        anchor = _month_day(named[-1], today) if named else None
        if anchor:
            wd = _WEEKDAYS_EN[m.group("w").lower()]
            day = anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7)
            if day >= today:
                return day, m.group(0).rstrip("?.! ")
    for m in _SANKRANTI.finditer(text):
        day = _next_occurrence(today, 1, 14)
        if day:
            return day - timedelta(days=1), m.group(0)
    formal = _FORMAL_MID.search(text)
    if formal:
        day = _mid_month(formal, today)
        if day:
            return day, formal.group(0)
    for pattern, kind in _ZH_SHAPES:
        for m in pattern.finditer(text):
            day = _zh(kind, m, today)
            if day and day >= today:
                return day, m.group(0)
    return None


def late_deadline(draft: BreakdownDraft, text: str, today: date) -> None:
    """Fill or correct the deadline from the shapes of the module doc."""
    current = draft.when.deadline
    closes = _BREAK_CLOSES.search(text)
    if closes and (current.status == FieldStatus.missing or (current.evidence or "\0") in closes.group(0)):
        day = _closing_day(closes, today)
        if day is not None and day - timedelta(days=1) >= today:
            settle_deadline(draft, stated((day - timedelta(days=1)).isoformat(), closes.group(0), 0.75))
            return
    if current.status == FieldStatus.missing:
        found = _found(text, today)
        if found:
            settle_deadline(draft, stated(found[0].isoformat(), found[1], 0.8))
        return
    if current.status != FieldStatus.stated or not isinstance(current.value, str):
        return
    evidence = current.evidence or ""
    m = _NEW_YEARS_EVE.search(text)
    if m and current.value.endswith("-01-01") and evidence and evidence.split()[-1] in m.group(0):
        draft.when.deadline = stated(f"{int(current.value[:4]) - 1}-12-31", m.group(0), 0.85)
        return
    m = _FY_QUARTER.search(text)
    if m and _INDIAN.search(text) and "Q" in evidence:
        day = _fy_quarter_end(today, int(m.group("q")))
        if day >= today and day.isoformat() != current.value:
            draft.when.deadline = stated(day.isoformat(), m.group(0), 0.75)
            return
    need = _OWN_NEED.search(text)
    at = text.find(evidence) if evidence else -1
    if need and at >= 0 and not (need.start() <= at < need.end()) and _OTHER_DUE.search(text[max(0, at - 20) : at + len(evidence)]):
        day = _month_day(need, today)
        if day and day.isoformat() != current.value:
            draft.when.deadline = stated(day.isoformat(), need.group(0), 0.8)
            return
    for m in _BEFORE_EVENT_STARTS.finditer(text):
        if at >= 0 and m.start("d") - 4 <= at and at + len(evidence) <= m.end("d") + 4:
            day = date.fromisoformat(current.value) - timedelta(days=1)
            if day >= today:
                draft.when.deadline = stated(day.isoformat(), m.group(0).strip(), 0.75)
                return
    for m in _BEFORE_EVENT_ON.finditer(text):
        day = _month_day(m, today)
        if at >= m.start() and at + len(evidence) <= m.end() + 2 and day and day.isoformat() == current.value and day - timedelta(days=1) >= today:
            draft.when.deadline = stated((day - timedelta(days=1)).isoformat(), m.group(0).strip(), 0.75)
            return
    formal = _FORMAL_MID.search(text)
    if formal and at >= 0 and formal.start() > at:
        day = _mid_month(formal, today)
        if day:
            draft.when.deadline = stated(day.isoformat(), formal.group(0), 0.8)
            return
