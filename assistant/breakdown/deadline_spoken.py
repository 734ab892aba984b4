"""Deadline shapes of dictated requests, chat threads and forms (issue 11, development sets 9 and 10).

Read (each a :class:`Fact` quoting the request, for `deadline_choice` to weigh with the others):

- numeric dates the cued readers miss: `12/23`, `1/29/2027`, `2027-01-15`, `交付：12.18`, `（12/9）前交`, `12.15 review`
  (a month/day needs a date word beside it: `by`, `due`, `on`, `前`, `交`, a field's colon);
- Chinese-numeral dates: `十二月二十五号以前`, `十五号吧`, `二十号交`;
- English ordinals in words: `Monday the fourteenth`, `January eighth`, `by the twentieth`;
- a span before another date: `a week before January eighth`, `two days before that`, `1月8号前一周`;
- the answer to a question about time in a thread (`啥时候要` / `下周三 …`, `deadline?` / `… starts the 15th`);
- a Chinese weekday with a time of day or a question of finishing: `下周一上午要`, `这周五能弄完吗`; the whole job's date
  after a first batch's: `下周一要先给一千条，全部是下周五`.

Roles (`spoken_role`): a form's date field (`Due:`, `By when?:`, `完成时间：`, `Timeline:`, `Due | 1/29/2027`) is the
delivery; a launch on a date (`月底要上自动审核模型`) is not.

Never the deadline (`spoken_not_deadline`): a quarter naming a project (`– Q1 project`, `our Q1 kickoff`), a quarter that
is the data's period (`we only need Q4`, `2026年Q3 空值工单`), a date things come after (`way more coming after the count
on the 19th`), and a weekday read without the date written after it (`Due: Friday Dec 18` is Dec 18).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.deadline_shapes import _EN_EVENT_DATE, _ZH_EVENT_DATE, _day_of_month, _resolve_en, _resolve_zh
from assistant.breakdown.deadlines import _MONTH_RE, _WEEKDAYS_EN
from assistant.breakdown.facts import Fact, _make
from assistant.breakdown.relative_dates import _zh_day

__all__ = ["spoken_deadlines", "spoken_not_deadline", "spoken_role", "drop_overread", "form_row"]

_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"

# a date word beside a bare numeric date
_CUE_BEFORE = re.compile(
    r"(?:\b(?:by|due|on|before|until|till|deadline|latest|when|timeline|delivery|deliver(?:ed)?)\b|截止|交付?|完成|要|给)[^\n\d]{0,6}$", re.I
)
_CUE_AFTER = re.compile(r"^\s*(?:[)）]\s*)?(?:前|之前|以前|交|截止|要|给|latest|at the latest|deadline|review|meeting|会|评审)", re.I)

_ISO = re.compile(r"(?<![\d./-])(?P<y>20\d\d)[-/.年](?P<m>1[0-2]|0?[1-9])[-/.月](?P<d>3[01]|[12]\d|0?[1-9])(?![\d])")
_US_YEAR = re.compile(r"(?<![\d./-])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>20\d\d)(?![\d/])")
_MONTH_DAY = re.compile(r"(?<![\d./\-:$€£¥])(?P<m>1[0-2]|0?[1-9])(?P<sep>[/.])(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/%万千kKwW.a-zA-Z]|\s*(?:元|块|分|小时|秒|个|条|%|percent\b|cups?\b|of\b))")
_CN_DATE = re.compile(rf"(?<![\d年])(?P<m>{_CN_MONTH})月(?P<d>{_CN_DAY})[号日](?:以前|之前|前)?")
_CN_DAY_ONLY = re.compile(
    rf"(?<![月\d一二三四五六七八九十第])(?P<d>{_CN_DAY})[号日](?![楼线店门床位机柜台房车院厅馆号码字元])(?P<cue>\s*(?:以前|之前|前|吧|要|交|给|截止|完成|之内))"
)

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_ORD_WORD = r"(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True))
_ORD_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH_RE})\.?\s+(?:the\s+)?(?P<o1>{_ORD_WORD})|(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+the\s+(?P<o2>{_ORD_WORD})|"
    rf"(?:by|before|on|until|till|due)\s+the\s+(?P<o3>{_ORD_WORD})(?!\s+(?:day|week|batch|round|time|one|pass|half|item|part|stage|phase|of\s+(?:them|those|these)))(?:\s+of\s+(?P<month2>{_MONTH_RE}))?)\b",
    re.I,
)

_SPAN_BEFORE_EN = re.compile(
    r"\b(?P<n>a|one|two|three|four|\d)\s+(?P<u>weeks?|days?)\s+(?:before|ahead of|prior to)\s+(?:that|then|it|the\s+(?:\w+\s+){0,2}\w+)\b", re.I
)
_SPAN_BEFORE_ZH = re.compile(r"(?:之前|前)(?:提前)?(?P<n>一|两|二|三|四|\d)(?P<u>周|个星期|个礼拜|天)")
_WORD_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4}

# a question about time in a thread, and its answer
_WHEN_ASKED = re.compile(
    r"(?:啥时候|什么时候|几号|时间呢|时间？|时间\?|要多久|多久要|哪天要|截止[呢？?])[^\n]{0,8}|"
    r"\b(?:when do you need|when is it due|deadline|by when|timeline|ETA|due date)\b\s*\?",
    re.I,
)
_SPEAKER = re.compile(r"^\s*(?:[A-Za-z\u4e00-\u9fff][\w\u4e00-\u9fff\-· ]{0,15}[:：])?\s*")
_ZH_WEEKDAY = r"(?:下下|下个?|本|这个?)?(?:周|星期|礼拜)[一二三四五六日天]"
_ANSWER_DATE = re.compile(rf"(?P<zh>{_ZH_WEEKDAY})|\bthe\s+(?P<nth>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b", re.I)

_ZH_WEEKDAY_DUE = re.compile(
    rf"(?P<t>{_ZH_WEEKDAY})(?:上午|下午|中午|早上|晚上)?\s*(?:要(?!求)|交|给我|(?:能不能|能)[^，。？?！!\n]{{0,4}}(?:完|好|交|给)|弄完|做完|标完|搞定)"
)
_WHOLE_AFTER_FIRST = re.compile(rf"(?:全部|全量|剩下的|其余的?|整体)(?:的)?(?:是|在|要|)\s*(?P<t>{_ZH_WEEKDAY}|(?:1[0-2]|0?[1-9])月(?:3[01]|[12]\d|0?[1-9])[号日])")

# "年前给就行（阳历年）", "公历年底前": the end of the calendar year (a bare 年前 is the lunar new year's, not read here)
_SOLAR_YEAR_END = re.compile(r"(?<![去今明后前过\d])年(?:底)?(?:之|以)?前(?=[^。\n]{0,12}(?:阳历|公历|新历))|(?:阳历|公历|新历)年(?:底)?(?:之|以)?前")

# a form's date field
_FIELD = re.compile(
    r"(?im)^[ \t>|]*(?:[-*•]\s*)?(?:\*\*)?(?:due(?:\s+date)?|deadline|ddl|timeline|by\s+when\??|when\??|delivery(?:\s+date)?|final\s+delivery|"
    r"完成时间|交付(?:时间|日期)?|截止(?:时间|日期)?|时间|期限)(?:\*\*)?\s*[:：|\t][^\n|\t]*\|?[ \t]*$"
)
_LAUNCH_ZH = re.compile(r"^\s*(?:就)?要?上(?:线|[^，。；！？\n]{0,8}(?:模型|系统|功能|版本))")
_QUARTER_PROJECT = re.compile(r"^\s*(?:project|kick-?off|planning|plan|roadmap|report|review|launch|OKR|campaign|sprint|release|program(?:me)?)s?\b", re.I)
_QUARTER_DATA = re.compile(r"(?:\b(?:only|just)\s+(?:need\s+)?(?:the\s+)?$)", re.I)
_QUARTER_DATA_AFTER = re.compile(r"^\s*(?:only\b|(?:的)?(?:空值)?(?:数据|工单|订单|评论|记录|通话|邮件)|\s*(?:data|tickets|calls|orders|reviews|records|emails)\b)", re.I)
_AFTER_BEFORE = re.compile(r"\b(?:after|since|from)\b[^,.;!?\n]{0,30}$", re.I)


def _ymd(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_less(month: int, day: int, today: date) -> date | None:
    """This year's date, or next year's when it is months behind; a date just passed is none."""
    this = _ymd(today.year, month, day)
    if this is None:
        return None
    if this >= today:
        return this
    if (today.month - month) % 12 >= 3 or month < today.month - 2:
        return _ymd(today.year + 1, month, day)
    return None


def _ordinal(word: str) -> int | None:
    word = word.lower().replace(" ", "-")
    if word in _ORDINALS:
        return _ORDINALS[word]
    tens, _, ones = word.partition("-")
    return {"twenty": 20, "thirty": 30}.get(tens, 0) + _ORDINALS.get(ones, 0) if ones else None


def _cued(text: str, start: int, end: int) -> bool:
    """A date word beside the date, or the date is the value of a form's date field."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_CUE_BEFORE.search(text[max(line_start, start - 16) : start]) or _CUE_AFTER.match(text[end : end + 14]) or form_row(text, start))


def _numeric(text: str, today: date) -> list[Fact]:
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_ISO, _US_YEAR):
        for m in pattern.finditer(text):
            day = _ymd(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if day is not None and day > today and _cued(text, m.start(), m.end()):
                found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=False))
            taken.append(m.span())
    for m in _MONTH_DAY.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or not _cued(text, m.start(), m.end()):
            continue
        if m.group("sep") == "." and int(m.group("m")) < 10 and not _CUE_AFTER.match(text[m.end() : m.end() + 6]):
            continue  # "1.5" is an amount; "12.18", "1.15前" are dates
        day = _year_less(int(m.group("m")), int(m.group("d")), today)
        if day is not None:
            found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=False))
    return found


def _chinese(text: str, today: date) -> list[Fact]:
    found: list[Fact] = []
    for m in _CN_DATE.finditer(text):
        month, day_no = _zh_day(m.group("m")), _zh_day(m.group("d"))
        day = _year_less(month, day_no, today) if month and day_no else None
        if day is not None:
            found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=False))
    for m in _CN_DAY_ONLY.finditer(text):
        day_no = _zh_day(m.group("d"))
        day = _day_of_month(today, day_no) if day_no else None
        if day is not None:
            found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=True))
    return found


def _ordinals(text: str, today: date) -> list[Fact]:
    found: list[Fact] = []
    for m in _ORD_DATE.finditer(text):
        number = _ordinal(m.group("o1") or m.group("o2") or m.group("o3"))
        if not number or number > 31:
            continue
        month = m.group("month") or m.group("month2")
        if month:
            fact = _resolve_en(f"{month} {number}", today)
            value = fact.value if fact else None
        elif m.group("wd"):
            value = None
            for ahead in range(0, 120):
                day = today + timedelta(days=ahead)
                if day.day == number and day.weekday() == _WEEKDAYS_EN[m.group("wd").lower()]:
                    value = day.isoformat()
                    break
        else:
            resolved = _day_of_month(today, number)
            value = resolved.isoformat() if resolved else None
        if value:
            found.append(_make("deadline", value, text, m.start(), m.end(), relative=not (month or m.group("wd"))))
    return found


def _span_before(text: str, others: list[Fact]) -> list[Fact]:
    """"a week before January eighth", "we need this a week before that": the date before the one named."""
    found: list[Fact] = []
    for pattern in (_SPAN_BEFORE_EN, _SPAN_BEFORE_ZH):
        for m in pattern.finditer(text):
            earlier = [f for f in others if f.end <= m.start() + 2 and m.start() - f.end < 120 and not f.relative]
            if not earlier:
                continue
            ref = earlier[-1]
            count = _WORD_NUM.get(m.group("n").lower()) or (int(m.group("n")) if m.group("n").isdigit() else 0)
            days = count * (7 if m.group("u").startswith(("week", "周", "个")) else 1)
            try:
                value = date.fromisoformat(str(ref.value)) - timedelta(days=days)
            except ValueError:
                continue
            found.append(_make("deadline", value.isoformat(), text, m.start(), m.end(), relative=False))
    return found


def _answers(text: str, today: date) -> list[Fact]:
    """The date at the head of the answer to a question about time."""
    found: list[Fact] = []
    for asked in _WHEN_ASKED.finditer(text):
        line_end = text.find("\n", asked.end())
        start = line_end + 1 if line_end >= 0 and line_end - asked.end() < 10 else asked.end()
        head = _SPEAKER.match(text, start)
        begin = head.end() if head else start
        window = text[begin : begin + 80]
        m = _ANSWER_DATE.search(window)
        if not m:
            continue
        if m.group("zh"):
            fact = _resolve_zh(m.group("zh"), today)
            value = fact.value if fact else None
        else:
            resolved = _day_of_month(today, int(m.group("nth")))
            value = resolved.isoformat() if resolved else None
        if value:
            found.append(_make("deadline", value, text, begin + m.start(), begin + m.end(), relative=True))
    return found


def spoken_deadlines(text: str, today: date, others: list[Fact] | None = None) -> list[Fact]:
    """The forms of the module doc, in order of appearance."""
    found = [*_numeric(text, today), *_chinese(text, today), *_ordinals(text, today), *_answers(text, today)]
    for pattern in (_ZH_WEEKDAY_DUE, _WHOLE_AFTER_FIRST):
        for m in pattern.finditer(text):
            fact = _resolve_zh(m.group("t"), today)
            if fact is not None:
                found.append(_make("deadline", fact.value, text, m.start("t"), m.end(), relative=True))
    for m in _SOLAR_YEAR_END.finditer(text):
        found.append(_make("deadline", date(today.year, 12, 31).isoformat(), text, m.start(), m.end(), relative=True))
    named = []  # dates an event is named by ("The board meets on Jan 20"), to count back from
    for pattern, resolve in ((_EN_EVENT_DATE, _resolve_en), (_ZH_EVENT_DATE, _resolve_zh)):
        for m in pattern.finditer(text):
            fact = resolve(re.sub(r"\s+", " ", m.group(0)), today)
            if fact is not None:
                named.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=False))
    found += _span_before(text, sorted([*(others or []), *found, *named], key=lambda f: f.end))
    return sorted(found, key=lambda fact: fact.start)


def form_row(text: str, start: int) -> bool:
    """The date sits on a form's date field line (`Due: …`, `By when?: …`, `完成时间：…`, `Due | 1/29/2027`)."""
    return any(m.start() <= start < m.end() for m in _FIELD.finditer(text))


def spoken_role(text: str, start: int, end: int) -> str | None:
    """"delivery" for a form's date field, the answer to a question about time and a whole job's date after a first
    batch's; "not" for a launch on that day; None when these shapes say nothing."""
    if _LAUNCH_ZH.match(text[end : end + 30]):
        return "not"  # "月底要上自动审核模型": the launch's own day
    after = re.split(r"[.。!?！？\n]", text[end : end + 60])[0]
    if _SPAN_BEFORE_EN.search(after) or _SPAN_BEFORE_ZH.match(text[max(0, end - 2) : end + 12]):
        return "not"  # "January twelfth and we need this a week before that": the date counted back from
    line_end = text.find("\n", end)
    line = text[text.rfind("\n", 0, start) + 1 : line_end if line_end >= 0 else len(text)]
    if form_row(text, start) and not re.search(r"[，,;；]", line.rstrip("。. ")):
        return "delivery"  # a field of one clause: "Due: Friday Dec 18", "完成时间：12月20号。"
    if _WHOLE_AFTER_FIRST.search(text[max(0, start - 8) : end + 2]):
        return "delivery"
    for asked in _WHEN_ASKED.finditer(text, max(0, start - 120), start):
        if 0 <= start - asked.end() <= 40:
            return "delivery"
    return None


def spoken_not_deadline(text: str, fact: Fact, today: date) -> bool:
    """A quarter naming a project or the data's period, or a date things come after."""
    quote = text[fact.start : fact.end]
    if re.search(r"(?:Q[1-4]|[1-4]Q)\s*$", quote):
        if _QUARTER_PROJECT.match(text[fact.end : fact.end + 30]) or _QUARTER_DATA.search(text[max(0, fact.start - 16) : fact.start]):
            return True  # "– Q1 project", "our Q1 kickoff", "we only need Q4"
        if _QUARTER_DATA_AFTER.match(text[fact.end : fact.end + 12]):
            return True  # "2026年Q3 空值工单": the data's period
    return bool(_AFTER_BEFORE.search(text[max(0, fact.start - 40) : fact.start]))


def drop_overread(facts: list[Fact]) -> list[Fact]:
    """"Due: Friday Dec 18": a weekday reading that takes in a written date of another day gives way to the date."""
    kept = []
    for fact in facts:
        inner = [o for o in facts if o is not fact and not o.relative and fact.start <= o.start and o.end <= fact.end and o.value != fact.value]
        if fact.relative and inner:
            continue
        kept.append(fact)
    return kept
