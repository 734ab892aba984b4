"""Chinese deadline forms the other date readers leave open or misread.

Read here:
- a date worked back from an event: "委员会定于本月十七日召开，请于会前两天提交结果" (two days before the meeting),
  "统稿会一月八日召开，请于统稿会前完成" (the day before), "省厅要求十二月二十五日前报送，我办需预留三个工作日审核"
  (three working days before the date the results go on to);
- a date moved by a later word: "12月18日前报到局里 … 另外日期往后推到12月25号" (the new date wins);
- a day said with a delivery word and nothing else: "正式15号交", "下周五能出就行";
- traditional characters: "下個禮拜五前要" reads as "下个礼拜五前要" (one character for one, so quotes still match).

Not a deadline: the date a count is taken at ("截至十一月底累计两千五百余条"), the period results will be used in
("拟用于明年一季度窗口人员配置的调整"), a day just gone that the weekday written beside it pins to this year
("时间：12月1日（周二）": a meeting's own date in minutes written the next day, not December next year).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadlines import _WEEKDAYS_ZH, extract_deadline
from assistant.breakdown.facts import Fact, _make
from assistant.breakdown.field_values import stated
from assistant.breakdown.numbers import parse_cn_number
from assistant.core.models import BreakdownDraft

__all__ = ["simplified", "zh_deadlines", "zh_not_deadline", "zh_settle"]

# one traditional character for one simplified, so positions in the text stay the same
_TRADITIONAL = str.maketrans(dict(zip("個禮週號後內兩萬條則題時間這須於與為會議貳", "个礼周号后内两万条则题时间这须于与为会议贰")))

_N = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DAY = rf"(?:(?:本月|这个月|下个?月|(?:明年)?(?:{_N})\s*月)\s*)?(?:{_N})\s*[日号]"
# "本月十七日召开", "一月八日召开", "定于12月17日举行"
_EVENT_ON = re.compile(rf"(?P<d>{_DAY})\s*(?:上午|下午|晚上)?\s*(?:召开|开会|举行|举办)")
# "…会前两天", "统稿会前", "会议召开前三天"
_BEFORE_EVENT = re.compile(rf"(?:会议?|会议召开|召开)(?:之)?前\s*(?P<n>{_N}|两)?\s*(?P<unit>个工作日|天|日)?")
# "十二月二十五日前报送…，我办需预留三个工作日审核"
_SENT_ON = re.compile(rf"(?P<d>{_DAY})\s*(?:之)?前?\s*(?:报送|上报|报到|提交|交)")
_RESERVE = re.compile(rf"预留\s*(?P<n>{_N}|两)\s*(?P<unit>个工作日|天|日)")
# "日期往后推到12月25号", "截止改到下周五", "延期至12月20日"
_MOVED = re.compile(rf"(?:往后|向后|再)?(?:推到|推迟到|推迟至|延到|延后到|延期到|延期至|延至|顺延到|顺延至|改到|改成|改为|放宽到|放宽至)\s*(?P<d>{_DAY}|(?:下下|下个?|本|这个?)?(?:周|星期|礼拜)[一二三四五六日天]|(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*(?:底|末))")
# "正式15号交～", "下周五能出就行", "20号交结果"
_DAY_DUE = re.compile(
    rf"(?P<d>(?<![月\d一二三四五六七八九十])(?:{_N})\s*号|(?:下下|下个?|本|这个?)(?:周|星期|礼拜)[一二三四五六日天])\s*(?:能|可以)?\s*(?:交|出|给)(?:结果|数据)?\s*(?:就行|就好|即可|吧|～|~|[，,。；;！!\n]|$)"
)
# the date a count is taken at: "截至十一月底累计…", "截止到12月1日共收到…"
_AS_OF = re.compile(r"(?:截至|截止到|截止至|截止)\s*$")
_COUNT_AFTER = re.compile(r"^\s*[，,]?\s*(?:已经?|累计|共计|一共|总共|共|合计|全市|全区|平台|系统)?[^，。；\n]{0,6}?(?:累计|共|收到|受理|有|已)")
_USED_IN = re.compile(r"(?:用于|用在|作为)[^，。；\n]{0,6}$")
_WEEKDAY_AFTER = re.compile(r"^\s*[（(]\s*(?:周|星期|礼拜)(?P<w>[一二三四五六日天])\s*[)）]")


def simplified(text: str) -> str:
    """The text with the traditional characters of dates and counts in their simplified form (same length)."""
    return text.translate(_TRADITIONAL)


def _count(token: str | None, default: int) -> int:
    if not token:
        return default
    if token == "两":
        return 2
    value = int(token) if token.isdigit() else parse_cn_number(token)
    return int(value) if value else default


def _day(phrase: str, today: date) -> date | None:
    """"本月十七日", "一月八日", "15号", "下周五": the day meant, never one gone by."""
    phrase = re.sub(r"\s+", "", phrase)
    m = re.fullmatch(rf"(?:本月|这个月)?(?P<d>{_N})[日号]", phrase)
    if m:
        day = _count(m.group("d"), 0)
        for months in (0, 1):
            year, month = today.year + (today.month - 1 + months) // 12, (today.month - 1 + months) % 12 + 1
            try:
                candidate = date(year, month, day)
            except ValueError:
                return None
            if candidate >= today:
                return candidate
        return None
    found = extract_deadline(f"{phrase}前", today)
    return date.fromisoformat(found[0].value) if found and isinstance(found[0].value, str) else None


def _back(day: date, count: int, unit: str | None) -> date:
    if unit and "工作日" in unit:
        while count:
            day -= timedelta(days=1)
            if day.weekday() < 5:
                count -= 1
        return day
    return day - timedelta(days=count)


def _worked_back(text: str, today: date) -> list[Fact]:
    """Dates worked back from a meeting ("会前两天") or from the date results go on to ("预留三个工作日")."""
    found: list[Fact] = []
    for anchor, offset in ((_EVENT_ON, _BEFORE_EVENT), (_SENT_ON, _RESERVE)):
        for m in anchor.finditer(text):
            back = offset.search(text, m.end(), m.end() + 40)
            day = _day(m.group("d"), today)
            if back is None or day is None:
                continue
            due = _back(day, _count(back.group("n"), 1), back.group("unit"))
            found.append(_make("deadline", due.isoformat(), text, m.start("d"), back.end(), relative=False))
    return found


# what is moved: a meeting or a launch moved ("周会改到12月20日") is not the deadline moved
_EVENT_MOVED = re.compile(r"会|上线|发布|汇报|演示|培训|活动")
_DUE_MOVED = re.compile(r"日期|时间|截止|交付|期限|交期|deadline|ddl", re.I)


def _moved(text: str, today: date) -> list[Fact]:
    found: list[Fact] = []
    for m in _MOVED.finditer(text):
        clause = re.split(r"[，,。；;！!？?\n]", text[max(0, m.start() - 16) : m.start()])[-1]
        if _EVENT_MOVED.search(clause) and not _DUE_MOVED.search(clause):
            continue
        day = _day(m.group("d"), today)
        if day is not None:
            found.append(_make("deadline", day.isoformat(), text, m.start("d"), m.end("d"), relative=False))
    return found


def zh_deadlines(text: str, today: date) -> list[Fact]:
    """Candidate deadlines in the forms of the module doc."""
    found = [*_worked_back(text, today), *_moved(text, today)]
    for m in _DAY_DUE.finditer(text):
        day = _day(m.group("d"), today)
        if day is not None:
            found.append(_make("deadline", day.isoformat(), text, m.start("d"), m.end("d"), relative=True))
    plain = simplified(text)
    if plain != text:
        for fact in extract_deadline(plain, today):
            found.append(_make("deadline", fact.value, text, fact.start, fact.end, relative=fact.relative))
    return found


def zh_not_deadline(text: str, fact: Fact, today: date) -> bool:
    """The date is when a count was taken, a period the results are used in, or a day gone by (module doc)."""
    before = text[max(0, fact.start - 8) : fact.start]
    after = text[fact.end : fact.end + 16]
    as_of = _AS_OF.search(before) or re.match(r"(?:截至|截止到|截止至|截止)", fact.evidence)
    if as_of and _COUNT_AFTER.match(after) or _USED_IN.search(text[max(0, fact.start - 12) : fact.start]):
        return True
    weekday = _WEEKDAY_AFTER.match(after)
    m = re.search(rf"(?P<m>{_N})\s*月\s*(?P<d>{_N})\s*[日号]", fact.evidence)
    if weekday and m:
        try:
            this_year = date(today.year, _count(m.group("m"), 0), _count(m.group("d"), 0))
        except ValueError:
            return False
        return this_year < today and this_year.weekday() == _WEEKDAYS_ZH[weekday.group("w")]
    return False


def zh_settle(draft: BreakdownDraft, text: str, today: date) -> None:
    """A date worked back from an event or moved by a later word is the deadline, over the date it comes from."""
    from_words = [*_worked_back(text, today), *_moved(text, today)]
    if not from_words:
        return
    last = max(from_words, key=lambda fact: fact.start)
    draft.when.deadline = stated(last.value, last, 0.8)
