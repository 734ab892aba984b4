"""Deadline: absolute and relative dates a request gives as a due date ("下个月底前", "by Dec 15", "in 10 days").

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta
from typing import Callable

from assistant.breakdown.deadline_chat import chat_deadline_cues
from assistant.breakdown.facts import (
    Fact,
    _clause_before,
    _dedupe,
    _ends_with,
    _make,
    _trim,
)
from assistant.breakdown.numbers import (
    _AR,
    _CN_CHARS,
    _CN_DIGITS,
    _EN_WORDS,
    _NUM_ZH,
    _normalise,
    _parse_number,
    _rx,
    parse_cn_number,
    parse_en_number,
)

# --------------------------------------------------------------------------------------------
# Deadline
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_RE = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"


def month_number(token: str) -> int | None:
    """1-12 for an English month name or its abbreviation ("January", "jan", "Sept."), else None."""
    token = token.lower().rstrip(".")
    return _MONTHS.get(token) or _MONTHS.get(token[:3])

_WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
                "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                "sun": 6}
_WEEKDAY_EN_RE = "(?:" + "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True)) + ")"
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6,
                "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}

# "前" may follow a time of day: "下周三中午前", "周五下班前"
_ZH_DL_AFTER = r"(?:(?:上午|中午|下午|傍晚|晚上|早上|下班|午饭|\d{1,2}\s*点)?(?:之前|以前|前)|截止|为止|之内|以内|内)"
_ZH_DL_VERB = r"(?=\s*(?P<verb>要(?!求)|交付|交|完成|上线|提交|给到|给我|拿到|搞定|准备好|到位|截止|出结果|出数据|验收|出(?=\s*(?:[，,。；;！!？?\n]|$))|给(?=\s*(?:[，,。；;！!？?\n]|$|吧|哈|啊))))"
_ZH_DL_CUE_BEFORE = (
    r"(?:截止到|截止|截至|最晚|最迟|不晚于|不迟于|deadline|ddl|DDL|截止日期|截止时间|交付日期|交付时间|期限|时限)"
    r"[\s:：是为在到]*$"
)
_EN_CUE = (
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|due(?:\s+(?:on|by|date))?|"
    r"deadline|ddl|ready\s+by|done\s+by|(?:target|timeline|timing|need(?:ed)?|delivery)(?=\s*:))\b(?:\s*(?:is|of|on|at|:|-))?\s*(?:the\s+)?"
)
_ZH_CN_SMALLNUM = "[一二三四五六七八九十]{1,3}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_business_days(day: date, count: int) -> date:
    current = day
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


def _next_occurrence(today: date, month: int, day: int) -> date | None:
    try:
        candidate = date(today.year, month, day)
    except ValueError:
        try:
            return date(today.year + 1, month, day)
        except ValueError:
            return None
    if candidate < today and (today - candidate).days <= 45:
        return candidate  # "时间：12月1日" in minutes typed up on Dec 3: the meeting's day, gone by, not next year's
    if candidate < today:
        try:
            candidate = date(today.year + 1, month, day)
        except ValueError:
            return None
    return candidate


def _quarter_end(today: date, quarter: int, year: int | None) -> date:
    if year is not None:
        return _month_end(year, quarter * 3)
    end = _month_end(today.year, quarter * 3)
    return end if end >= today else _month_end(today.year + 1, quarter * 3)


def _small_int(token: str | None) -> int | None:
    if token is None:
        return None
    value = parse_cn_number(token)
    if value is None:
        value = parse_en_number(token)
    if value is None or not float(value).is_integer():
        return None
    return int(value)


_MAX_SPAN_DAYS = 5 * 366  # a span longer than five years is not a deadline


def _resolve_duration(today: date, amount: float, unit: str) -> date | None:
    try:
        resolved = _resolve_duration_unchecked(today, amount, unit)
    except (OverflowError, ValueError):
        return None
    if resolved is None or (resolved - today).days > _MAX_SPAN_DAYS:
        return None
    return resolved


def _resolve_duration_unchecked(today: date, amount: float, unit: str) -> date | None:
    unit = unit.lower()
    if amount <= 0 or amount > _MAX_SPAN_DAYS:
        return None
    if "business" in unit or "working" in unit or "工作日" in unit:
        if not float(amount).is_integer():
            return None
        return _add_business_days(today, int(amount))
    if unit.startswith(("day", "天", "日")):
        return today + timedelta(days=math.ceil(amount))
    if unit.startswith(("week", "周", "星期", "礼拜")):
        return today + timedelta(days=math.ceil(amount * 7))
    if unit.startswith(("month", "月")):
        if float(amount).is_integer():
            return _add_months(today, int(amount))
        return today + timedelta(days=math.ceil(amount * 30))
    if unit.startswith(("hour", "小时")):
        return today + timedelta(days=math.ceil(amount / 24))
    return None


def _week_day(today: date, weekday: int, week_offset: int | None) -> date:
    """week_offset None: the next such day on or after today; 0 this week; 1 next week."""
    if week_offset is None:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(days=7 * week_offset + weekday)


def _work_week_end(today: date, week_offset: int) -> date:
    """"end of next week", "EOW": the Friday that ends the working week (its Sunday once that Friday has passed)."""
    friday = _week_day(today, 4, week_offset)
    return friday if friday >= today else _week_day(today, 6, week_offset)


def _year_token(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    digits = "".join(str(_CN_DIGITS.get(ch, "")) for ch in token)
    return int(digits) if len(digits) == 4 else None


DeadlineResolver = Callable[[re.Match[str], date], "tuple[date, bool] | None"]


def _zh_duration(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    token = m.group("n")
    amount = 0.5 if token == "半" else parse_cn_number(token)
    if amount is None:
        return None
    resolved = _resolve_duration(today, float(amount), m.group("u"))
    return (resolved, True) if resolved else None


def _zh_month_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = m.group("rel") or ""
    offset = 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
    target = _add_months(today.replace(day=1), offset)
    return _month_end(target.year, target.month), True


def _zh_named_month_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month = _small_int(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    year = _year_token(m.group("y"))
    if year is None:
        end = _month_end(today.year, month)
        if end < today:
            end = _month_end(today.year + 1, month)
        return end, False
    return _month_end(year, month), False


def _zh_date(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month, day = _small_int(m.group("m")), _small_int(m.group("d"))
    if month is None or day is None:
        return None
    year = _year_token(m.group("y"))
    try:
        resolved = date(year, month, day) if year else _next_occurrence(today, month, day)
    except ValueError:
        return None
    return (resolved, False) if resolved else None


def _iso_date(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), False
    except ValueError:
        return None


def _zh_year_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    year = _year_token(m.group("y"))
    if year is not None:
        return date(year, 12, 31), False
    offset = 1 if (m.group("rel") or "") == "明" else 0
    return date(today.year + offset, 12, 31), True


def _zh_weekday(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = m.group("rel")
    offset = None if rel is None else 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
    return _week_day(today, _WEEKDAYS_ZH[m.group("wd")], offset), True


def _zh_week_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    offset = 1 if m.group("rel").startswith("下") else 0
    return _week_day(today, 6, offset), True


def _zh_today(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    word = m.group("w")
    offset = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2}[word]
    return today + timedelta(days=offset), True


def _quarter(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    q = m.group("q1") or m.group("q2") or m.group("q3")
    quarter = _small_int(q)
    if quarter is None or not 1 <= quarter <= 4:
        return None
    year = _year_token(m.group("y") or m.group("y2"))
    return _quarter_end(today, quarter, year), False


def _en_duration(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    token = m.group("n").strip().lower()
    amount = 1 if token in {"a", "an", "one"} else _parse_number(token)
    if amount is None:
        return None
    resolved = _resolve_duration(today, float(amount), m.group("u"))
    return (resolved, True) if resolved else None


def _en_period_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = (m.group("rel") or "this").lower()
    offset = 1 if rel == "next" else 0
    period = m.group("per").lower()
    if period == "week":
        return _work_week_end(today, offset), True
    if period == "month":
        target = _add_months(today.replace(day=1), offset)
        return _month_end(target.year, target.month), True
    if period == "quarter":
        quarter = (today.month - 1) // 3 + 1 + offset
        year = today.year + (quarter - 1) // 4
        quarter = (quarter - 1) % 4 + 1
        return _month_end(year, quarter * 3), True
    if period == "year":
        return date(today.year + offset, 12, 31), True
    return None


def _en_short_period_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    word = m.group("w").lower().replace("-", " ")
    if word in {"eom", "month end", "end of month"}:
        return _month_end(today.year, today.month), True
    if word in {"eow", "end of week"}:
        return _work_week_end(today, 0), True
    if word in {"eoy", "year end", "end of year"}:
        return date(today.year, 12, 31), True
    return None


def _en_month_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month = _MONTHS[m.group("mon").lower()]
    year = int(m.group("y")) if m.group("y") else None
    if year is None:
        end = _month_end(today.year, month)
        return (end if end >= today else _month_end(today.year + 1, month)), False
    return _month_end(year, month), False


def _en_date(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month = _MONTHS[m.group("mon").lower()]
    day = int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else None
    try:
        resolved = date(year, month, day) if year else _next_occurrence(today, month, day)
    except ValueError:
        return None
    return (resolved, False) if resolved else None


def _en_weekday(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = (m.group("rel") or "").lower()
    # "by Friday", "this Friday": the coming one; "by next Friday", "by Friday next week": next week's
    offset = 1 if rel == "next" or m.group("nw") else None
    return _week_day(today, _WEEKDAYS_EN[m.group("wd").lower()], offset), True


def _en_today(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    word = m.group("w").lower()
    offset = 1 if "tomorrow" in word else 0
    return today + timedelta(days=offset), True


_ZH_DUR_UNIT = r"(?P<u>个?工作日|天|日|周|个?星期|个?礼拜|个?月)"
_DEADLINE_PATTERNS: list[tuple[re.Pattern[str], DeadlineResolver, str]] = [
    # 两周内 / 3天内 / 半个月内 / 5个工作日内 / 一个月之内
    (_rx.compile(
        rf"(?<![月每第])(?:(?<=[^{_CN_CHARS}0-9])|^)(?P<n>{_NUM_ZH}|半)\s*个?\s*{_ZH_DUR_UNIT}\s*"
        rf"(?:之内|以内|内(?!容|部|存|测|地)|(?:后|之后){_ZH_DL_VERB})"
    ), _zh_duration, "zh_duration"),
    # 月底前 / 下个月底前 / 本月内
    (_rx.compile(
        rf"(?<![上每0-9{_CN_CHARS}个])(?P<rel>本|这个?|当|下个?|下下个?)?月(?:底|末)(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_month_end, "zh_month_end"),
    (_rx.compile(r"(?<![上每0-9])(?P<rel>本|这个?|当|下个?)月(?P<cue>之内|以内|内)"), _zh_month_end, "zh_month_end"),
    # 12月底前 / 2026年12月底
    (_rx.compile(
        rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?<![0-9])(?P<m>\d{{1,2}}|{_ZH_CN_SMALLNUM})\s*月份?\s*(?:底|末)"
        rf"(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_named_month_end, "zh_named_month_end"),
    # 12月15日前 / 2026年1月10日之前
    (_rx.compile(
        rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?<![0-9])(?P<m>\d{{1,2}}|{_ZH_CN_SMALLNUM})\s*月\s*"
        rf"(?P<d>\d{{1,2}}|{_ZH_CN_SMALLNUM})\s*(?:日|号)(?:\s*[(（][^)）]{{1,4}}[)）])?(?P<cue>\s*{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_date, "zh_date"),
    # 2027-01-10前 / before 2027-01-10
    (_rx.compile(
        rf"(?P<encue>{_EN_CUE})?(?<![0-9])(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?![0-9])"
        rf"(?P<cue>\s*{_ZH_DL_AFTER}|{_ZH_DL_VERB})?",
        re.I,
    ), _iso_date, "iso_date"),
    # 年底前 / 今年底 / 2026年底
    (_rx.compile(
        rf"(?<![去前每上])(?:(?P<y>\d{{4}})|(?P<rel>今|明|本))?年(?:底|末)(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_year_end, "zh_year_end"),
    # 本周五前 / 下周三 / 周五之前
    (_rx.compile(
        rf"(?<![上每])(?P<rel>本|这个?|下个?|下下个?)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])(?![一二三四五六七八九十0-9])"
        rf"(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_weekday, "zh_weekday"),
    # 本周内 / 下周之内
    (_rx.compile(r"(?<![上每])(?P<rel>本|这个?|下个?)(?:周|星期|礼拜)(?P<cue>之内|以内|内|末(?:之|以)?前)"), _zh_week_end, "zh_week_end"),
    # 今天之内 / 明天前 / 后天要
    (_rx.compile(rf"(?P<w>今天|今日|明天|明日|后天)(?P<cue>之内|以内|内|之前|以前|前|下班前|结束前|{_ZH_DL_VERB})"),
     _zh_today, "zh_today"),
    # Q1 / 2027年Q1 / 第一季度 / Q1 2027 / end of Q2 (a run of quarters, "Q3–Q4", is the data's period, no date)
    (_rx.compile(
        rf"(?P<encue>(?:{_EN_CUE})?(?:end\s+of\s+)?)(?<![A-Za-z0-9])(?:(?P<y>\d{{4}})\s*年?\s*)?"
        rf"(?:第?(?P<q1>[一二三四])季度|(?P<q2>[1-4])季度|(?<![Qq][1-4][-–—~])(?<![Qq][1-4]\s[-–—~]\s)[Qq](?P<q3>[1-4])(?!\s?[-–—~]\s?[Qq][1-4]))(?![0-9A-Za-z])"
        rf"(?:\s*,?\s*(?:of\s+)?(?P<y2>(?:19|20)\d\d)(?![0-9]))?(?:末|底)?(?P<cue>{_ZH_DL_AFTER})?",
        re.I,
    ), _quarter, "quarter"),
    # within two weeks / in 10 days / in the next 3 business days
    (_rx.compile(
        rf"\b(?:within|in|inside\s+of|in\s+the\s+next|within\s+the\s+next|over\s+the\s+next|during\s+the\s+next)\s+"
        rf"(?P<n>{_AR}|{_EN_WORDS}|a|an)\s+(?P<u>business\s+days?|working\s+days?|days?|weeks?|months?)\b"
        rf"(?:'s?\s+time)?",
        re.I,
    ), _en_duration, "en_duration"),
    (_rx.compile(
        rf"\b(?P<n>{_AR}|{_EN_WORDS}|a|an)\s+(?P<u>business\s+days?|working\s+days?|days?|weeks?|months?)\s+from\s+(?:now|today)\b",
        re.I,
    ), _en_duration, "en_duration"),
    # by the end of next month / end of this week / by end of the year
    (_rx.compile(
        rf"(?P<cue>{_EN_CUE})?\bend\s+of\s+(?:the\s+)?(?P<rel>this|next|current|coming)?\s*(?P<per>week|month|quarter|year)\b",
        re.I,
    ), _en_period_end, "en_period_end"),
    (_rx.compile(rf"(?P<cue>{_EN_CUE})(?P<w>EOM|EOW|EOY|month[- ]end|year[- ]end)\b", re.I), _en_short_period_end,
     "en_short"),
    # by the end of December
    (_rx.compile(rf"(?P<cue>{_EN_CUE})?\bend\s+of\s+(?P<mon>{_MONTH_RE})\.?(?:,?\s+(?P<y>\d{{4}}))?\b", re.I),
     _en_month_end, "en_month_end"),
    # by 15 December / by Dec 15 / due December 15th, 2026
    (_rx.compile(
        rf"(?P<cue>{_EN_CUE})(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b\.?(?:,?\s+(?P<y>\d{{4}}))?",
        re.I,
    ), _en_date, "en_date"),
    (_rx.compile(
        rf"(?P<cue>{_EN_CUE})(?P<mon>{_MONTH_RE})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?",
        re.I,
    ), _en_date, "en_date"),
    # by Friday / by next Friday / before this Wednesday
    (_rx.compile(rf"(?P<cue>{_EN_CUE})(?:(?P<rel>this|next|coming)\s+)?(?P<wd>{_WEEKDAY_EN_RE})\b(?P<nw>,?\s+(?:of\s+)?next\s+week\b)?", re.I), _en_weekday,
     "en_weekday"),
    (_rx.compile(rf"(?P<cue>{_EN_CUE})(?P<w>tomorrow|today|tonight|end\s+of\s+(?:the\s+)?day|EOD|end\s+of\s+tomorrow)\b",
                re.I), _en_today, "en_today"),
]

def _quarter_over(m: re.Match[str], today: date) -> bool:
    """The quarter just closed, named without a year or a cue ("Q3 的全部工单" said in November), is the period
    of the data, not a due date a year away."""
    quarter = _small_int(m.group("q1") or m.group("q2") or m.group("q3"))
    if quarter is None or m.group("y") or m.group("y2") or not 1 <= quarter <= 4:
        return False
    current = (today.month - 1) // 3 + 1
    return quarter == (current - 2) % 4 + 1


_QUARTER_NOT_DEADLINE_BEFORE = r"(?:上|去年|前年|每|last|previous|prior|from|during|since|of)\s*$"
_QUARTER_NOT_DEADLINE_AFTER = (
    r"^\s*(?:的(?!时候)|data\b|reviews?\b|sales\b|results?\b|reports?\b|numbers\b|earnings\b|logs?\b|tickets?\b|"
    r"traffic\b|revenue\b|campaign\b|数据|评论|销售|财报)"
)


def _in_tuple(norm: str, start: int, end: int) -> bool:
    """The match sits in a bracketed list of names with commas: "(q1, q2)", "（Q1，Q2，Q3）"."""
    opened = max(norm.rfind("(", max(0, start - 30), start), norm.rfind("（", max(0, start - 30), start))
    if opened < 0 or any(ch in norm[opened + 1 : start] for ch in ")）"):
        return False
    closes = [i for i in (norm.find(")", end, end + 30), norm.find("）", end, end + 30)) if i >= 0]
    if not closes:
        return False
    inside = norm[opened + 1 : min(closes)]
    return bool(re.search(r"[,，、]", inside)) and len(re.findall(r"(?<![A-Za-z0-9])[Qq][1-4](?![0-9A-Za-z])", inside)) >= 2


def extract_deadline(text: str, today: date) -> list[Fact]:
    """When the request wants the data, resolved against the explicit `today`."""
    if isinstance(today, datetime):
        today = today.date()
    if not isinstance(today, date):
        raise TypeError("today must be a datetime.date")
    norm = chat_deadline_cues(_normalise(text))  # "by EOD next tue", "下周五 deadline"
    facts: list[Fact] = []
    for regex, resolver, name in _DEADLINE_PATTERNS:
        for m in regex.finditer(norm):
            start, end = m.start(), m.end()
            groups = m.groupdict()
            has_cue = bool(groups.get("cue") or groups.get("encue") or groups.get("verb"))
            clause = _clause_before(norm, start, 16)
            cue_match = _rx.search(_ZH_DL_CUE_BEFORE, clause)
            cue_before = cue_match is not None
            if name in {"zh_month_end", "zh_named_month_end", "zh_date", "iso_date", "zh_year_end", "zh_weekday"}:
                if not has_cue and not cue_before:
                    continue
            if name == "en_period_end" and not has_cue and (groups.get("rel") or "").lower() != "next":
                continue
            if name == "en_month_end" and not has_cue:
                continue
            if name == "quarter":
                before = norm[max(0, start - 12):start]
                if _ends_with(_QUARTER_NOT_DEADLINE_BEFORE, before, re.I) and not has_cue:
                    continue
                if _rx.match(_QUARTER_NOT_DEADLINE_AFTER, norm[end:end + 12], re.I) and not groups.get("cue"):
                    continue
                if not has_cue and _in_tuple(norm, start, end):
                    continue  # "给问句对 (q1, q2) 判是否同义": names in a tuple, not quarters
                if not has_cue and not cue_before and _quarter_over(m, today):
                    continue  # "数据量：12.5K 条（Q3 全部已关闭工单）" said in November: a period of the data
            if name in {"zh_duration", "en_duration"}:
                # "每3天" is a cadence, "第3天内" is not a span, "最近两周内" / "过去3天内" look back
                if _rx.search(r"(?:[每第]|最近|过去|近|以往)\s*$", norm[max(0, start - 3):start]):
                    continue
            resolved = resolver(m, today)
            if resolved is None:
                continue
            day, relative = resolved
            if cue_match is not None and not has_cue:
                start -= len(clause) - cue_match.start()  # "截止到12月20日" keeps its cue
            s, e = _trim(norm, start, end)
            facts.append(_make("deadline", day.isoformat(), text, s, e, relative=relative))
    return _dedupe(facts)
