"""The team size in the forms `team_size` leaves open, read only when nothing else gave it.

- a form or spreadsheet row: "Annotators: 2", "Annotators | 4 (bipartisan pairs)", "人数：3人，每对三人都标",
  "人员：2 人交叉", "**人员**：3名评测员", "Annotator: native English speaker preferred, 4 people", "Raters: 3 per item";
- the people who label each item, when the request gives no other headcount: "每条两个人背靠背标", "双人背靠背",
  "每组3人独立打分", "每份由2名具有法律背景的人员独立评估", "两个人同时看", "3 annotators per item, majority vote" —
  so many people must label, so the team is at least that (an assumption says so);
- a count of people asked for: "两个人就行", "请三个人看", "5 人固定人员", "Three of your people is fine",
  "Ideally 2 people so we can see where they disagree", "6 persons", "Each review 1 people label is ok".

Not a team: people of another job ("3 engineers maintain the tool", "有分歧的我们技术员来定", "QA will spot check"),
one group's count ("2 per language", "每5个人一组"), person-days (人天, 人次), a part of the data labelled by more
people than the rest ("其中2000对需要三人标注，其余单人": no one headcount).
"""

from __future__ import annotations

import re

from assistant.breakdown.field_values import stated as _stated
from assistant.breakdown.numbers import parse_cn_number, parse_en_number
from assistant.breakdown.team_zh import least_team, zh_team
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["more_team"]

_NUM = r"\d{1,3}|[一二两三四五六七八九十]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
_ROW_NAME = re.compile(
    r"^[\s*#>|\-•·]*(?:annotators?|raters?|labell?ers?|taggers?|headcount|team size|staffing|人数|人员|人力|标注人员|标注员|评测员|评估人员|标注人数)"
    r"[\s*]*(?:[:：|]|\t)\s*(?P<rest>[^\n]*)",
    re.I | re.M,
)
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:个人|人|名|位|people|persons|annotators?|raters?|labell?ers?)?\s*(?:$|[(（,，;；.。、]|per\s+(?:item|pair|query|review|image|post|text|sample|record)|"
    r"each|on each|交叉|背靠背|独立|同时|固定|标注|评测员|评估|每)",
    re.I,
)
_NOT_PEOPLE = re.compile(r"^\s*(?:人天|人日|人次|人/天|天|日|周|小时|分钟|秒|%|％|元|块|条|次|days?|hours?|weeks?|minutes?|seconds?|percent|items?)", re.I)
_PER_GROUP = re.compile(r"^\s*(?:个人|人|名|位|people|persons|annotators?|raters?)?\s*(?:per|for each|each|/)\s*(?:language|region|country|locale|team|shift|site|city|语种|语言|地区|城市)|^\s*(?:个人|人)?\s*一组", re.I)
_ITEM_MW = r"条|组|对|份|段|张|篇|个|句|通|幅|帧|道|题"
_ITEM_EN = r"item|pair|query|review|image|post|text|sample|record|email|message|ticket|comparison|clip|document|doc|transcript|call|script"
# people who judge each item, after the count of items: "600 explanations, 2 reviewers each", "450 reports, 3 graders each"
_JUDGES_EN = r"reviewers?|judges?|graders?|scorers?|evaluators?|assessors?|markers?|coders?"
_WORK_ZH = r"标注|标|看|评估|评测|评|打分|审|判断|背靠背|交叉|独立|同时|做"
# "每条两个人背靠背标", "每组3人独立打分", "每份由2名具有法律背景的人员独立评估", "两个人同时看", "双人背靠背", "2 人交叉"
_PER_ITEM_ZH = re.compile(
    rf"(?:每(?:一)?(?:{_ITEM_MW})[\u4e00-\u9fff]{{0,2}}?(?:都|需要|要|由|给)?\s*)?(?P<n>{_NUM}|双)\s*(?:个人|人|名|位)(?:[\u4e00-\u9fff]{{0,10}}?人员)?\s*(?:都|来|需|要|会)?\s*(?:{_WORK_ZH})"
    # "每道题给两位律师看", "每段录音由三名医生听": so many people of a profession on each item
    rf"|每(?:一)?(?:{_ITEM_MW})[\u4e00-\u9fff]{{0,3}}?(?:都|需要|要)?(?:由|给|请|找|让)\s*(?P<n2>{_NUM})\s*(?:个|名|位)\s*[\u4e00-\u9fff]{{0,4}}?(?:师|员|家|生|士|者|人员|同事|编辑|客服)\s*(?:都|来|分别|各自|独立)?\s*(?:审核|评审|听|读|{_WORK_ZH})"
)
_PER_ITEM_EN = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:(?:annotators?|raters?|labell?ers?|judges?|graders?|assessors?|evaluators?|people|persons|independent\s+(?:reviewers?|raters?|annotators?))\s+(?:per|on each|for each|each)\s+(?:{_ITEM_EN}|summary|answer|response|case|note|report|letter|file)\b"
    rf"|(?:annotators?|raters?|labell?ers?|people|persons)\s+(?:each|per item|on every one|on each(?=\s*(?:[,.;:!?)\n]|$|and\b)))"
    rf"|(?:{_JUDGES_EN})\s+each(?!\s+(?:day|week|month|year|shift|hour|time|batch|round|of)\b))",
    re.I,
)
# a count of people asked for: "两个人就行", "请三个人看", "5 人固定人员", "Three of your people is fine", "Ideally 2 people"
_ASKED_ZH = re.compile(rf"(?:请|找|安排|派|出|需要|要)?\s*(?P<n>{_NUM})\s*(?:个人|人|名|位)\s*(?P<tail>就行|就够|就可以|即可|足够|固定人员|来看|看(?!到|过|了)|来做|做(?!过)|来标|标(?!过|了|签)|标注)")
# "要3个人 这个月20号之前吧": a count of people asked for, standing alone
_ASKED_ZH_BARE = re.compile(rf"(?:需要|要|请|找|安排|派)\s*(?P<n>{_NUM})\s*(?:个人|人|名|位)(?![\u4e00-\u9fffA-Za-z])")
_ASKED_EN = re.compile(
    rf"\b(?:(?P<lead>ideally|please|need|want|we'd like|use|get)\s+)?(?P<n>{_NUM})\s+(?P<of>of\s+your\s+)?(?:people|persons|annotators|raters|labell?ers)"
    rf"(?P<tail>\s+(?:is|are|would be|will be)\s+(?:fine|ok|okay|enough|good)|\s+label\b|\s*(?:so|to)\s+(?:we|label|annotate|rate|tag|check)|\s*[.,;]|\s*$)",
    re.I | re.M,
)
# a terse reply of spaced fields: "八千条 两个人 月底给我", "量：3000条，2人，下周五"
_TERSE_ZH = re.compile(rf"(?:^|(?<=[\s，,：:]))(?P<n>{_NUM})\s*(?:个人|人)(?=[\s，,。；;]|$)", re.M)
_DATA_COUNT = re.compile(r"(?:\d[\d,.]*|[一二两三四五六七八九十百千万]+)\s*(?:万|千)?\s*(?:条|份|张|段|篇|组|对|通|句|题)")
_OTHER_JOB = re.compile(r"技术员|仲裁|复核|质检|抽检|组长|主管|QA\b|spot[- ]?check|adjudicat|maintain|engineers?|review meeting", re.I)
_SOME_ONLY = re.compile(r"其余|其中|the rest|for the eval|评测集|a subset", re.I)


_RANGE_BEFORE = re.compile(r"(?:\d|[一二两三四五六七八九十]|\b(?:one|two|three|four|five|six|seven|eight))\s*(?:or|或者?|/|-|–|—|~|到|至|to)\s*$", re.I)


def _ranged(text: str, start: int) -> bool:
    """"2 or 3 annotators", "3–5 people", "两到三人": a range is never its upper end."""
    return bool(_RANGE_BEFORE.search(text[max(0, start - 12) : start]))


def _value(token: str) -> int | None:
    if token == "双":
        return 2
    if token.isdigit():
        return int(token)
    number = parse_cn_number(token) if re.search(r"[一二两三四五六七八九十]", token) else parse_en_number(token)
    return int(number) if number else None


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in "。；;!！?？\n") + 1
    rights = [i for i in (text.find(c, end) for c in "。；;!！?？\n") if i >= 0]
    return text[left : min(rights) if rights else len(text)]


def _from_row(text: str) -> tuple[int, str] | None:
    for row in _ROW_NAME.finditer(text):
        rest = row.group("rest")
        for m in re.finditer(rf"(?<![A-Za-z0-9.])(?P<n>{_NUM})(?![A-Za-z0-9.])", rest, re.I):
            after = rest[m.end() :]
            if _NOT_PEOPLE.match(after) or _PER_GROUP.match(after) or not _PEOPLE_AFTER.match(after) or _ranged(rest, m.start()):
                continue
            value = _value(m.group("n"))
            if value and 1 <= value <= 500:
                cut = re.search(r"[,，;；。]", rest[m.end() :])
                quote = row.group(0)[: row.start("rest") - row.start() + m.end() + (cut.start() if cut else len(rest) - m.end())]
                return value, quote.strip().lstrip("*#>|-•· ").strip() or row.group(0).strip()
    return None


def _per_item(text: str) -> tuple[int, str] | None:
    for regex in (_PER_ITEM_ZH, _PER_ITEM_EN):
        for m in regex.finditer(text):
            sentence = _sentence(text, m.start(), m.end())
            n = "n" if m.group("n") else "n2"
            if _SOME_ONLY.search(sentence) or _OTHER_JOB.search(text[max(0, m.start() - 8) : m.end()]) or _ranged(text, m.start(n)):
                continue
            if _NOT_PEOPLE.match(text[m.end(n) :]) or _PER_GROUP.match(text[m.end(n) :]):
                continue
            value = _value(m.group(n))
            if value and 1 <= value <= 20:
                return value, m.group(0).strip()
    return None


def _asked(text: str) -> tuple[int, str] | None:
    for regex in (_ASKED_ZH, _ASKED_ZH_BARE, _ASKED_EN):
        for m in regex.finditer(text):
            sentence = _sentence(text, m.start(), m.end())
            if _ranged(text, m.start("n")) or _OTHER_JOB.search(text[max(0, m.start() - 10) : m.end() + 6]) or re.match(r"\s*(?:人天|人次|per\b|each\b)", text[m.end("n") :], re.I):
                continue
            if regex is _ASKED_EN and not (m.group("lead") or m.group("of") or re.search(r"annotat|label|rat(?:e|er|ing)|review|tag", sentence, re.I)):
                continue  # "4 people joined last week": no word of the work
            value = _value(m.group("n").lower())
            if value and 1 <= value <= 100:
                return value, m.group(0).strip().rstrip(".,;")
    return None


def _terse(text: str) -> tuple[int, str] | None:
    for m in _TERSE_ZH.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : (text.find("\n", m.end()) + 1 or len(text) + 1) - 1]
        if not _DATA_COUNT.search(line) or _ranged(text, m.start("n")) or re.search(r"(?:有|共|一共|总共)\s*$", text[max(0, m.start() - 3) : m.start()]):
            continue
        value = _value(m.group("n"))
        if value and 1 <= value <= 50:
            return value, m.group(0).strip()
    return None


def more_team(draft: BreakdownDraft, text: str) -> None:
    """Read the team size from a row, the people per item or a count asked for, when nothing else gave it."""
    current = draft.who.annotator_profile
    if current.status == FieldStatus.stated and current.evidence and (at := text.find(current.evidence)) >= 0:
        first = re.search(rf"{_NUM}|双", current.evidence, re.I)
        if first and _ranged(text, at + first.start()):
            draft.who.annotator_profile = BreakdownField()  # "需要3-5个人来标": a range, asked, never its upper end
    least = least_team(text)  # "标注人员不少于3人": the team asked for, over what one person does per item
    current = draft.who.annotator_profile
    if least and not (current.status == FieldStatus.stated and current.evidence and current.evidence in least[1]):
        draft.who.annotator_profile = _stated({"count": least[0]}, least[1], 0.7)
        return
    current = draft.who.annotator_profile
    row = _from_row(text)
    if row and current.status == FieldStatus.stated and current.evidence and current.evidence not in row[1]:
        if re.search(r"每|\b(?:per|each)\b", current.evidence, re.I):
            current = draft.who.annotator_profile = BreakdownField()  # "人数：4人，每份两人都标": the row is the team
    if current.status == FieldStatus.stated:
        return
    found = row or _asked(text) or _per_item(text) or zh_team(text) or _terse(text)
    if found:
        draft.who.annotator_profile = _stated({"count": found[0]}, found[1], 0.7)
