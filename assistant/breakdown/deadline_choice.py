"""Which of the dates a request gives is the delivery date of the labels.

A request often names several dates: a meeting, a go-live, the day a spec or a proposal is due, a
date it rules out, and the day the labels are due. The readers (`deadlines`, `more_dates`,
`relative_dates`, `loose_deadlines`, `holiday_dates`) find dates; this module reads what each date
is for, from the words of its own stretch of the clause:

- the labels' delivery ("最晚12/16交", "下个月底交结论", "coding done by Dec 14", "Dec 11 latest"): first choice;
- a plain date with nothing said about it: kept;
- the day the requester hands the data over ("12月1日前把数据发给你们", "we'll send the data by Dec 3"): never;
- an event the labels are needed for ("before our Dec 15 steering committee", "周五开会要用"): only when no
  delivery date is given; the day of an event itself ("the meet-and-confer is Dec 16", "12/18 上线", "Q1上线")
  is never the deadline;
- another deliverable or a date ruled out ("周四之前先给我个方案", "本周五前出标注规范", "rubric draft Wed",
  "这个月底前肯定来不及"): never the deadline; the field stays open (a question) when nothing else is left.

It also reads three forms the cued readers miss: a date with "latest" after it ("Dec 11 latest"),
a weekday with its day of the month ("Friday the 18th"), and a time standing alone as a clause
("要快，本周五", "下个月底吧").
"""

from __future__ import annotations

import re
from datetime import date

from assistant.breakdown.deadline_en import english_deadlines
from assistant.breakdown.deadline_shapes import not_a_deadline, restated, role_hint, shape_deadlines
from assistant.breakdown.deadline_zh import zh_deadlines, zh_not_deadline, zh_settle
from assistant.breakdown.deadline_spoken import drop_overread, form_row, spoken_deadlines, spoken_not_deadline, spoken_role
from assistant.breakdown.deadlines import _MONTHS, _WEEKDAYS_EN, extract_deadline
from assistant.breakdown.facts import Fact, _make
from assistant.breakdown.field_values import inferred, settle_deadline, stated
from assistant.breakdown.holiday_dates import corrected, holiday_deadlines
from assistant.breakdown.loose_deadlines import loose_deadlines
from assistant.breakdown.more_dates import more_deadlines
from assistant.breakdown.relative_dates import passed, relative_deadlines
from assistant.breakdown.request_facts import table_rows
from assistant.core.messages import text as message_text
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus, Question

__all__ = ["choose_deadline", "date_role", "extra_deadlines"]

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True))
_DATE_EN = rf"(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b|\d{{1,2}}/\d{{1,2}}|(?:next\s+|this\s+)?(?:{_WEEKDAY}))"
# "Dec 11 latest", "12/20 at the latest", "Friday max"
_LATEST = re.compile(rf"(?<![\w/])(?P<d>{_DATE_EN})\s*(?:,\s*)?(?:at\s+the\s+(?:very\s+)?latest|latest|max|tops|at\s+the\s+outside)\b", re.I)
# "Friday the 18th", "Fri 18th": the day of the month whose weekday it is
_WEEKDAY_NTH = re.compile(rf"\b(?P<w>{_WEEKDAY})\.?,?\s+(?:the\s+)?(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{_MONTH})\b)", re.I)
_ZH_TIME = (
    r"(?:下下个?|下个?|本|这个?)?月(?:底|末)|(?:今|明)?年(?:底|末)|(?:下下|下个?|本|这个?)?(?:周|星期|礼拜)[一二三四五六日天]"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}/\d{1,2}|明天|后天"
)
# a time standing alone as a clause: "要快，本周五", "时间的话……下个月底吧"
_BARE_ZH = re.compile(
    rf"(?:^|(?<=[，,。；;！!？?\n：:]))\s*(?:那就|那|就|最好|争取|最晚|最迟|要快)?\s*(?P<t>{_ZH_TIME})\s*(?:吧|啊|呗|哈|就行|就好|可以吗|行吗|行不行|好了|也行)?\s*(?=[，,。；;！!？?\n]|$)"
)

# "全部做完最好在12月底", "标完争取在下周五": the time the work is finished in, closing its clause
_DONE_AT_ZH = re.compile(
    rf"(?:做完|完成|标完|弄完|交付|结束|搞定)(?:最好|争取|尽量|大概|希望)?(?:能)?在\s*(?P<t>{_ZH_TIME}|\d{{1,2}}\s*月\s*(?:底|末))\s*(?:之前|以前|前|左右)?\s*(?:吧|就行|就好)?\s*(?=[，,。；;！!？?\n]|$)"
)
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]|\.(?=\s|$)")
# the labels themselves: these words say the date is theirs
_LABELS_DUE = re.compile(
    r"标完|标注结果|结果|结论|交付|交数据|数据|全部|\b(?:labels?|labell?ing|annotations?|coding|coded|tagging|results?|the (?:full )?(?:set|batch|data))\b",
    re.I,
)
# the requester handing the data over
_HANDOVER = re.compile(
    r"发给你们|给到你们|交给你们|提供给你们|传给你们|发你们|(?:数据|样本)[^，。；]{0,16}(?:准备好|到位|就绪|导出来|导出给)|"
    r"\b(?:we(?:'ll| will)? (?:send|share|upload|deliver|provide|hand over|get you)|you(?:'ll| will) (?:get|receive|have) (?:the )?(?:data|files|items)|"
    r"(?:data|files|items|export) (?:will be|is|are) (?:ready|available|sent|shared|uploaded))\b",
    re.I,
)
# minutes' action items: someone exports the data or hands it to the vendor, right beside the date ("小孙：周五前把8000条
# 数据脱敏后给到供应商", "本周五前导出 378 份", "Jen: de-identify + export the 600 by Dec 7")
_EXPORT_AFTER = re.compile(r"^\s*(?:之?前|以前)?\s*(?:把[^，。；\n]{0,20}?(?:数据|材料|文件|样本)[^，。；\n]{0,12}?(?:给到|发给|交给|提供给|传给)|导出|脱敏)")
_EXPORT_BEFORE = re.compile(r"\b(?:export(?:s|ed|ing)?|de-?identif(?:y|ies|ied)|anonymi[sz]e[ds]?)\b[^.;\n]{0,24}?\b(?:by|before|on)?\s*$", re.I)
# another deliverable: a spec, a proposal, a quote, a sample to look at ("先给我看个样例")
_OTHER_DELIVERABLE = re.compile(r"方案|规范|报价|样例|\b(?:rubric|specs?|specification|guidelines?|proposal|quote|drafts?|sample batch)\b", re.I)
# a first part of the labels: a pilot, a first batch, a first draft or preliminary results; kept only when no date is
# given for the whole ("最好年底前有个初稿" alone is the deadline; "先试标…，月底前全部标完" is not)
_INTERIM = re.compile(
    r"试标|初稿|初步|第一批|首批|\b(?:pilot|first (?:draft|batch|look|pass|cut)|preliminary|initial (?:results?|findings|read|numbers))\b",
    re.I,
)
# a date for the whole job written as a wish: "全部做完最好在12月中", "everything ideally by mid-December"
_HEDGED = re.compile(r"最好|争取|尽量|尽可能|希望|如果可以|\b(?:ideally|hopefully|if possible|would be (?:great|nice|ideal)|preferably)\b", re.I)
# a date ruled out: "这个月底前肯定来不及", "Friday is too soon"
_RULED_OUT = re.compile(r"来不及|赶不上|(?<!行)不行(?!不)|不够|太赶|太紧|不可能|\b(?:too (?:soon|early|tight)|won'?t work|not (?:possible|realistic|doable)|impossible)\b", re.I)
# an event on that date
_EVENT = re.compile(
    r"会议|开会|周会|例会|评审会|汇报|述职|检查|视察|巡查|上线|发布|发版|开幕|开业|开展|印刷|直播|大促|答辩|\b(?:kick-?off|kicks?\s+off|meetings?|meet-and-confer|committee|hearing|go(?:es)?[- ]live|launch(?:es)?|release|print(?:ing)?|opening|opens|board|offsite|conference|summit|webinar|demo day|inspection|audit visit)\b",
    re.I,
)
_NEEDED_FOR = re.compile(r"前|要用|要看|需要|用到|\b(?:before|ahead of|prior to|in time for|for (?:the|our)|need(?:ed|s)?)\b", re.I)
# a plain delivery word
_DUE = re.compile(r"最晚|最迟|交|给我|给到|要(?!求)|截止|弄完|做完|标完|完成|搞定|deadline|\b(?:by|until|no later than|due|done|finish(?:ed)?|deliver(?:ed|y)?|latest|need(?:ed)?|ready|back)\b", re.I)

DELIVERY, PLAIN, INTERIM, EVENT, NOT_DEADLINE = 3, 2, 1, 0, -1


def _resolve(phrase: str, today: date, zh: bool) -> Fact | None:
    for cued in ((f"{phrase}前",) if zh else (f"by {phrase}", f"due {phrase}")):
        found = extract_deadline(cued, today)
        if found:
            return found[0]
    return None


def _weekday_nth(m: re.Match[str], today: date) -> date | None:
    """The next day-of-month `d` on or after today that falls on the weekday written."""
    weekday, day = _WEEKDAYS_EN[m.group("w").lower()], int(m.group("d"))
    first = today.replace(day=1)
    fallback = None
    for ahead in range(14):
        year, month = first.year + (first.month - 1 + ahead) // 12, (first.month - 1 + ahead) % 12 + 1
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate < today:
            continue
        if candidate.weekday() == weekday:
            return candidate
        fallback = fallback or candidate
    return fallback


# "Friday Dec 11", "Fri, 11 December": a weekday with its date; "w/c 14 Dec": the week that starts on the date
_WEEKDAY_DATE = re.compile(
    rf"\b(?:(?P<w>{_WEEKDAY})\.?,?|w/c|week\s+(?:of|commencing|beginning|starting))\s+(?:the\s+)?"
    rf"(?P<d>(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b)",
    re.I,
)


def extra_deadlines(text: str, today: date) -> list[Fact]:
    """The forms of the module doc the cued readers miss, each quoting the request."""
    found: list[Fact] = []
    for m in _WEEKDAY_DATE.finditer(text):
        fact = _resolve(m.group("d"), today, False)
        if fact is not None:
            found.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=False))
    for m in _LATEST.finditer(text):
        fact = _resolve(m.group("d"), today, False)
        if fact is not None:
            found.append(_make("deadline", fact.value, text, m.start(), m.end(), relative=fact.relative))
    for m in _WEEKDAY_NTH.finditer(text):
        day = _weekday_nth(m, today)
        if day is not None:
            found.append(_make("deadline", day.isoformat(), text, m.start(), m.end(), relative=False))
    for m in _DONE_AT_ZH.finditer(text):
        fact = _resolve(re.sub(r"\s+", "", m.group("t")), today, True)
        if fact is not None:
            found.append(_make("deadline", fact.value, text, m.start("t"), m.end("t"), relative=fact.relative))
    for m in _BARE_ZH.finditer(text):
        fact = _resolve(re.sub(r"\s+", "", m.group("t")), today, True)
        if fact is not None:
            found.append(_make("deadline", fact.value, text, m.start("t"), m.end(), relative=fact.relative))
    return sorted(found, key=lambda fact: fact.start)


def _candidates(text: str, today: date) -> list[Fact]:
    every = [
        *extract_deadline(text, today), *more_deadlines(text, today), *holiday_deadlines(text, today),
        *relative_deadlines(text, today), *loose_deadlines(text, today), *extra_deadlines(text, today),
        *shape_deadlines(text, today), *zh_deadlines(text, today), *english_deadlines(text, today),
    ]
    every += spoken_deadlines(text, today, every)  # "12/23", "十五号吧", "a week before January eighth" (deadline_spoken.py)
    # a mail header's date, a named quarter, a quarter that is the data's period, a date things come after
    every = [f for f in every if not not_a_deadline(text, f, today) and not spoken_not_deadline(text, f, today) and not zh_not_deadline(text, f, today)]
    rows = [span for span, _ in table_rows(text)]
    # a date in a pasted table row is data, unless the row is the request's own date field ("Due | 1/29/2027")
    every = [f for f in every if not any(a <= f.start < b for a, b in rows) or form_row(text, f.start)]
    every = drop_overread(every)  # "Due: Friday Dec 18" is Dec 18
    every = [f for f in every if not in_sample(text, f.start, f.end)]
    unique: dict[tuple[int, int], Fact] = {}
    for fact in sorted(every, key=lambda f: (f.start, f.end - f.start)):
        unique.setdefault((fact.start, fact.end), fact)
    return list(unique.values())


# quoted text: "像“名片 300g铜版纸 5盒 明天要”这种", "e.g. \"need it Friday, 200 copies\""
_QUOTED = re.compile(r"“[^”\n]*”|「[^」\n]*」|『[^』\n]*』|\"[^\"\n]*\"")


def in_sample(text: str, start: int, end: int) -> bool:
    """The date sits inside a quoted sample of the data: a quote that holds more than the date itself
    (`"名片 … 明天要"`), not a quoted date alone (`截止写的是"12月20日"`)."""
    for m in _QUOTED.finditer(text):
        if m.start() < start and end < m.end():
            # a quote of a whole message ("他发的语音，我转成文字了：“……十二月二十五号以前要结果……”") is the request
            return len(m.group(0)) - (end - start) > 6 and len(m.group(0)) < 150
    return False


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


# a turn in the clause: what comes before it is about something else
_TURN = re.compile(r"\b(?:but|however|whereas|although|though)\b|但是|不过|可是", re.I)


def _words(text: str, start: int, end: int, others: list[tuple[int, int]]) -> tuple[str, str]:
    clause_start, clause_end = _clause(text, start, end)
    previous = max([e for s, e in others if e <= start and s >= clause_start], default=clause_start)
    turns = list(_TURN.finditer(text, previous, start))
    if turns:
        previous = turns[-1].start()  # "The spring drive kicks off Feb 22 but we have to pick a vendor by January 15th"
    following = min([s for s, e in others if s >= end and s < clause_end], default=clause_end)
    words = text[previous:start] + " | " + text[start:end] + " | " + text[end : min(following, end + 20)]
    return words, text[end : min(clause_end, end + 20)]


def date_role(text: str, start: int, end: int, others: list[tuple[int, int]]) -> int:
    """What the date at text[start:end] is for (DELIVERY, PLAIN, EVENT or NOT_DEADLINE), from its stretch of the clause."""
    words, after = _words(text, start, end, others)
    if _RULED_OUT.search(after):
        return NOT_DEADLINE
    spoken = spoken_role(text, start, end)
    if spoken == "not":
        return NOT_DEADLINE  # "月底要上自动审核模型": a launch's own day
    if role_hint(text, start, end) or spoken == "delivery":
        # "周四先给500条试标，正式的下周三前": the real job's date, whatever the pilot's words; a form's date field;
        # the answer to "啥时候要"
        return DELIVERY
    if _HANDOVER.search(words) or _EXPORT_AFTER.match(text[end : end + 30]) or _EXPORT_BEFORE.search(text[max(0, start - 40) : start]):
        return NOT_DEADLINE  # "12月1日前把数据发给你们", "we'll send the data by Dec 3": when the data arrives
    if _INTERIM.search(words):
        return INTERIM  # "下周一之前要初步结论", "the pilot batch of 200 by Dec 4"
    if _LABELS_DUE.search(words):
        return DELIVERY
    if _OTHER_DELIVERABLE.search(words):
        return NOT_DEADLINE
    if _EVENT.search(words):
        # "before our Dec 15 steering committee", "周五开会要用": the labels are needed by then; "Q1上线",
        # "the meet-and-confer is Dec 16": the event's own day says nothing of when the labels are due
        return EVENT if _NEEDED_FOR.search(words) else NOT_DEADLINE
    return DELIVERY if _DUE.search(words) else PLAIN


def choose_deadline(draft: BreakdownDraft, text: str, today: date) -> None:
    """Keep the delivery date of the labels as the deadline: the chosen date gives way to one that is more
    surely the delivery, and a date for something else is dropped when no other is left."""
    _choose(draft, text, today)
    zh_settle(draft, text, today)  # "会前两天", "预留三个工作日", "日期往后推到12月25号" (deadline_zh.py)
    _interim_then_wish(draft, text, today)
    current = draft.when.deadline
    if current.status == FieldStatus.stated and passed(current.value, today):
        draft.when.deadline = BreakdownField()  # "2026年Q3 空值工单" said in December: a day gone by is never the deadline


def _interim_then_wish(draft: BreakdownDraft, text: str, today: date) -> None:
    """"下周一之前要初步结论，全部做完最好在12月中": a firm date for preliminary results and only a wish for the whole is
    no single deadline: the span between them is recorded as vague, with a question."""
    current = draft.when.deadline
    if current.status != FieldStatus.stated or not current.evidence or not isinstance(current.value, str):
        return
    at = text.find(current.evidence)
    candidates = _candidates(text, today)
    spans = [(f.start, f.end) for f in candidates]
    line_start = text.rfind("\n", 0, at) + 1
    interim = [
        f for f in candidates
        if line_start <= f.start < at and str(f.value) < current.value and not passed(f.value, today)
        and date_role(text, f.start, f.end, [s for s in spans if s != (f.start, f.end)]) == INTERIM
    ]
    if at < 0 or not interim or not _HEDGED.search(text[interim[-1].end : at + len(current.evidence)]):
        return
    first = interim[-1]
    end = _CLAUSE_END.search(text, at + len(current.evidence))
    quote = text[first.start : end.start() if end else len(text)].strip()
    language = "zh" if re.search(r"[\u4e00-\u9fff]", quote) else "en"
    settle_deadline(draft, inferred({"vague": quote, "low": first.value, "high": current.value}, quote, 0.3))
    draft.questions.append(
        Question(rank=1, field="when.deadline", question=message_text("breakdown.deadline.interim_question", language, quote=quote),
                 reason=message_text("breakdown.deadline.interim_reason", language))
    )


def _choose(draft: BreakdownDraft, text: str, today: date) -> None:
    candidates = _candidates(text, today)
    fix = corrected(candidates, text)
    if fix is not None:  # "deadline is Friday, actually make that by 18 December": the corrected dates are out
        candidates = [f for f in candidates if f.start >= fix.start or f.value == fix.value]
    spans = [(f.start, f.end) for f in candidates]
    roles = {(f.start, f.end): date_role(text, f.start, f.end, [s for s in spans if s != (f.start, f.end)]) for f in candidates}
    current = draft.when.deadline
    current_role, current_span = None, None
    if current.status == FieldStatus.stated and current.evidence:
        at = text.find(current.evidence)
        if at >= 0:
            current_span = (at, at + len(current.evidence))
            current_role = date_role(text, at, current_span[1], [s for s in spans if s != current_span and not _overlap(s, current_span)])
            if in_sample(text, *current_span):
                current_role = NOT_DEADLINE  # a date inside quoted sample data ("“…5盒 明天要”") is the data's
            elif (
                not_a_deadline(text, fact := _make("deadline", current.value, text, at, current_span[1]), today)
                or spoken_not_deadline(text, fact, today) or zh_not_deadline(text, fact, today)
            ):
                current_role = NOT_DEADLINE  # the date of a forwarded mail's header, a quarter naming a project
    usable = [f for f in candidates if roles[(f.start, f.end)] >= INTERIM and not passed(f.value, today)]
    if current_span is not None:
        # "Deadline Friday the 18th": the reading with the day of the month wins over the weekday alone
        sharper = [f for f in usable if _overlap((f.start, f.end), current_span) and not f.relative and f.value != current.value]
        if sharper and current.value is not None and _relative_weekday(current.evidence or ""):
            draft.when.deadline = stated(sharper[0].value, sharper[0], 0.85)
            return
    if current_span is not None and current_role is not None and current_role >= PLAIN:
        # "by EOW next week" read over "by EOW"; "元旦前出结果" over "一季度要给…打分": the longer reading of the same
        # words, or a date the labels' own words are due by, wins over a bare "要"
        better = _better_delivery(text, usable, roles, current_span, current.value, spans, current_role)
        if better is not None:
            draft.when.deadline = stated(better.value, better, 0.8)
            return
    if current_role is not None and current_role >= DELIVERY and not passed(current.value, today):
        return
    # "by EOW next week": a reading inside a longer one of the same words gives way to it
    usable = [f for f in usable if not any(o is not f and _longer(o, (f.start, f.end)) and roles[(o.start, o.end)] >= roles[(f.start, f.end)]
                                           for o in usable)]
    best = max((roles[(f.start, f.end)] for f in usable), default=None)
    if best is None:
        if current_role == NOT_DEADLINE:
            draft.when.deadline = BreakdownField()  # "周四之前先给我个方案": the proposal's date, not the labels'
        return
    ruled = current_role is None or current_role == NOT_DEADLINE or passed(current.value, today)
    if ruled or best > (current_role if current_role is not None else NOT_DEADLINE):
        # "by Friday Dec 11": the delivery reading that gives the same day as the current one is that day
        pick = next((f for f in usable if roles[(f.start, f.end)] == best and f.value == current.value), None) or next(
            f for f in usable if roles[(f.start, f.end)] == best
        )
        draft.when.deadline = stated(pick.value, pick, 0.8 if best >= DELIVERY else 0.7)


def _better_delivery(
    text: str, usable: list[Fact], roles: dict[tuple[int, int], int], span: tuple[int, int], value: object,
    spans: list[tuple[int, int]], role: int,
) -> Fact | None:
    for fact in usable:
        if fact.value != value and roles[(fact.start, fact.end)] >= role and (
            _longer(fact, span) or (fact.start > span[1] and restated(text, fact.start))
        ):
            return fact  # "start Monday and be done in 2 weeks" over "in 2 weeks"; "春节前…，就是1月25号吧"
    if role < DELIVERY:
        return None
    delivery = [f for f in usable if roles[(f.start, f.end)] >= DELIVERY and f.value != value]
    def labels_word(start: int, end: int) -> bool:
        return bool(_LABELS_DUE.search(_words(text, start, end, [s for s in spans if not _overlap(s, (start, end))])[0]))
    if labels_word(*span):
        return None
    strong = [f for f in delivery if labels_word(f.start, f.end) and not _overlap((f.start, f.end), span)]
    return strong[0] if len(strong) == 1 else None


def _longer(fact: Fact, span: tuple[int, int]) -> bool:
    """A longer reading that takes in the start of the words of `span` ("start Monday and be done in 2 weeks")."""
    return fact.start <= span[0] < fact.end and (fact.end - fact.start) > (span[1] - span[0])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _relative_weekday(evidence: str) -> bool:
    return bool(re.search(rf"\b(?:{'|'.join(_WEEKDAYS_EN)})\b", evidence, re.I))

