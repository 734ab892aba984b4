"""Figures a requirement document states in its own field sections ("**Budget:** $6,000 total", "Volume: ~12,000",
"## Timeline\\nEnd of next week.", "DDL：1 月 15 日", "case 数：5k", "Budget：3 万").

A document puts each figure under its field's heading; the value there is the document's answer, and it wins over
a figure read from the whole text (a background count, a draft value in another section, a pilot date). Each field
section is read on its own with the same readers as the whole request (its title and body only), so a sentence in
the background ("日均审 4 万条") or a number on the next line ("our 2 ops leads") cannot reach it. A section that reads
no figure ("Volume: see Scope", "TBD") changes nothing. In a Chinese document a bare amount ("Budget：3 万") is yuan.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable

from assistant.breakdown.doc_sections import Section, known, sections
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["document_figures"]

_FIELDS = {
    "volume": ("how_much", "volume"),
    "deadline": ("when", "deadline"),
    "budget": ("how_much", "budget"),
    "people": ("who", "annotator_profile"),
}
Reader = Callable[[BreakdownDraft, str, date, str], None]


def _get(draft: BreakdownDraft, path: tuple[str, str]) -> BreakdownField:
    return getattr(getattr(draft, path[0]), path[1])


def _set(draft: BreakdownDraft, path: tuple[str, str], value: BreakdownField) -> None:
    setattr(getattr(draft, path[0]), path[1], value)


def _zh_document(text: str) -> bool:
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 40


def _budget_currency(field: BreakdownField, text: str) -> None:
    value = field.value
    if isinstance(value, dict) and value.get("currency") is None and _zh_document(text):
        value = dict(value)
        value["currency"] = "CNY"
        field.value = value


# a clause about a part delivered early, a check-in or a wish: not the delivery date of the whole job
_EARLY = re.compile(
    r"\b(?:pilot|first\s+(?:\d[\d,.]*\s*k?|batch|\w+\s+items?)|sync|check-?in|progress|review\s+meeting|kick-?off|offsite|"
    r"would\s+be\s+(?:amazing|great|nice|ideal)|if\s+possible)\b|第一批|首批|先交|先给|先出|试标|进度|同步|周会|评审会",
    re.I,
)
_REST = re.compile(r"\b(?:the\s+rest|remaining|full\s+(?:set|delivery)|all\s+of\s+it|everything|final|realistically)\b|剩下|剩余|全部|其余|最终|整体", re.I)
_NO_DATE = re.compile(r"^\s*(?:no\s+(?:hard|fixed|firm|set)\s+(?:date|deadline)|no\s+deadline|not\s+urgent|没有硬性|不着急|不急|没有截止)", re.I)
_RANGE = re.compile(r"\d[\d.,]*\s*(?:-|–|—|~|～|到|至)\s*\d[\d.,]*\s*(?:k|K|万|千|thousand)?")
_MINIMUM = re.compile(r"\b(?:at\s+least|minimum|min\.?|no\s+fewer\s+than)\b|至少|不少于|最少|以上|per\s+(?:clip|item|message)|每条|每个", re.I)
_SOFT = re.compile(r"最好|尽量|争取|ideally|if\s+possible|hopefully|月中|中旬|上旬|下旬|\bmid[- ]|\b(?:early|late)\s+[A-Z]", re.I)
_PARTS = re.compile(r"[，,;；]?\s*(?:其中|of\s+which|including|incl\.)")


def _clauses(body: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;；。\n]|[，,](?=\s*(?:剩下|剩余|全部|其余|the\s+rest|remaining|full))|\.\s|\s+but\s+|但是?|不过", body) if part.strip()]


def _deadline_text(section: Section) -> str | None:
    """The part of a timeline section that dates the whole delivery; None when it names no date for it."""
    body = section.text
    if _NO_DATE.match(body):
        return None
    clauses = _clauses(body)
    if len(clauses) <= 1:
        return body
    pending = r"\b(?:TBD|TBC|TBA)\b|待定|未定|再定"
    if any(_REST.search(clause) and re.search(pending, clause) for clause in clauses):
        return None  # "pilot by Wednesday; full set TBD": the whole delivery has no date yet
    rest = [clause for clause in clauses if _REST.search(clause) and not _EARLY.search(clause)]
    if rest:
        return None if re.search(r"\b(?:TBD|TBC|TBA)\b|待定|未定|再定", rest[-1]) else rest[-1]
    kept = [clause for clause in clauses if not _EARLY.search(clause)]
    return "; ".join(kept) if kept and len(kept) < len(clauses) else body


def _read(read: Reader, snippet: str, today: date, language: str) -> BreakdownDraft | None:
    local = BreakdownDraft()
    try:
        read(local, snippet, today, language)
    except Exception:  # noqa: BLE001 - a section the readers cannot parse keeps the whole text's reading
        return None
    return local


_SEE = re.compile(r"^\s*(?:see|cf\.?|refer\s+to|as\s+in|per)\s+(?:section\s+|§\s*)?(?P<ref>\d{1,2}|[A-Za-z]+)\b|^\s*(?:见|详见|参见|同)\s*(?:第)?(?P<zh>[一二三四五六七八九十\d]{1,3}|[\u4e00-\u9fff]{2,4})", re.I)


def _referred(section: Section, found: list[Section]) -> Section | None:
    """"Volume: see Scope", "6. Volume — see 3", "数量：见三": the section the field points to."""
    m = _SEE.match(section.text)
    if not m or len(section.text) > 40:
        return None
    ref = (m.group("ref") or m.group("zh") or "").strip()
    for other in found:
        if other is not section and (other.number == ref or other.title.casefold().startswith(ref.casefold())) and ref:
            return other
    return None


def _section_value(kind: str, section: Section, text: str, today: date, language: str, read: Reader, current: BreakdownField) -> BreakdownField | None:
    path = _FIELDS[kind]
    body = section.text
    if kind == "volume":
        target = _referred(section, sections(text))
        if target is not None:
            if current.status == FieldStatus.stated:
                return None  # the whole text read the section it points to, with its context
            body = target.text
    if kind == "volume":
        if _RANGE.search(body):
            return None  # "15–20k dishes": a range is no stated volume
        body = _PARTS.split(body, maxsplit=1)[0]  # "3 万条，其中 1 万条评论、2 万条帖子": the total before its parts
    if kind == "people" and _MINIMUM.search(body):
        return None  # "至少 5 人", "8 listeners per clip": a floor or an overlap, not the team
    if kind == "deadline":
        part = _deadline_text(section)
        if part is None:
            return BreakdownField()
        # "Tue 12/15": the date itself, not the weekday before it
        after = _business_day_after(part, today, language, read)
        if after is not None:
            return after
        body = re.sub(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+(?=\d{1,2}/\d{1,2})", "", part, flags=re.I)
    zh = bool(re.search(r"[\u4e00-\u9fff]", text))
    titles = {"volume": ("数量", "Volume"), "deadline": ("截止日期", "Deadline"), "budget": ("预算", "Budget"), "people": ("人员", "People")}
    title = titles[kind][0] if zh else titles[kind][1]
    local = _read(read, f"{title}：{body}" if zh else f"{title}: {body}", today, language)
    if local is None:
        return None
    field = _get(local, path)
    if field.status != FieldStatus.stated or field.value in (None, "", {}):
        return None
    if kind == "people" and not (isinstance(field.value, dict) and field.value.get("count")):
        return None
    field.evidence = _quote(field.evidence or "", f"{title}：" if zh else f"{title}: ", body, text)
    return field


def _quote(evidence: str, prefix: str, body: str, text: str) -> str:
    """The reading's evidence as a quote from the request (the section was read behind a title of our own)."""
    if evidence.startswith(prefix):
        evidence = evidence[len(prefix) :]
    evidence = evidence.strip()
    if evidence and evidence in text:
        return evidence
    line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return line if line and line in text else body.strip()


_WORD_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_TEAM = re.compile(
    r"\bwe(?:'ll|\s+will|\s+can|'ve|\s+have)?\s+(?:use|have|got|provide|assign|bring|put)\s+(?:in\s+)?(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:[a-z-]+\s+)?(?P<noun>techs?|technicians|engineers|staff|people|raters|annotators|reviewers|labell?ers|experts|analysts|nurses|linguists|volunteers|folks)\b",
    re.I,
)
_NOT_TEAM = re.compile(r"adjudicat|disputes?|spot-?check|\bQA\b|仲裁|抽检", re.I)
_COUNT_FIELD = re.compile(r"(?:case\s*数|条数|样本量|数据量|标注量)\s*[:：]?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<mag>[kK]|[wW]|万|千)?(?![\d.%])")
_MAG = {"k": 1000, "K": 1000, "w": 10000, "W": 10000, "万": 10000, "千": 1000}


def _team_sentence(found: list[Section], text: str) -> BreakdownField | None:
    """"Who: … we have 3 techs who can help", "Budget: internal — we'll use 4 staff engineers": the team in a field."""
    for section in found:
        if section.kind not in ("people", "budget", "quality"):
            continue
        for m in _TEAM.finditer(section.text):
            sentence = re.split(r"(?<=[.;!?])\s", section.text[m.start() :], maxsplit=1)[0]
            if _NOT_TEAM.search(sentence):
                continue
            n = m.group("n").lower()
            count = int(n) if n.isdigit() else _WORD_NUM[n]
            return BreakdownField(value={"count": count}, status=FieldStatus.stated, confidence=0.7, evidence=m.group(0))
    return None


_MEASURED = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<mag>万|千)?\s*(?:场|部|集|份|张|条|个|篇|段|组|对|套|页|道|首|局|盘|张图|小时)(?![\u4e00-\u9fff]*(?:前|后|内|以内))")


def _measured(section: Section) -> BreakdownField | None:
    """"## 数量\n本赛季 150 场（全场录像）": the one count with a measure word a volume section gives."""
    body = _NOTE_RE.sub("", section.text)
    if _RANGE.search(body) or re.search(r"约|大概|大约|左右|多|余|approx|about|roughly|~", body, re.I):
        return None
    found = list(_MEASURED.finditer(body))
    if len(found) != 1:
        return None
    m = found[0]
    value = int(m.group("num").replace(",", "")) * _MAG.get(m.group("mag") or "", 1)
    return BreakdownField(value=value, status=FieldStatus.stated, confidence=0.7, evidence=m.group(0)) if value >= 10 else None


# "Acceptance: we spot-check 100 posts; we should agree with ≥90% of them"
_AGREE = re.compile(r"\bagree(?:s|d)?\s+(?:with\s+|on\s+)?(?:≥|>=|at\s+least|over|above|on)?\s*(?P<pct>\d{2,3})\s*%", re.I)
_NOTE_RE = re.compile(r"[（(][^()（）\n]*[)）]")


def _count_field(found: list[Section]) -> BreakdownField | None:
    """"- case 数 5k" under Scope: a count named by its field word, with no colon."""
    for section in found:
        if section.kind not in ("other", "volume"):
            continue
        m = _COUNT_FIELD.search(section.text)
        if m:
            value = float(m.group("num")) * _MAG.get(m.group("mag") or "", 1)
            if value.is_integer() and value >= 10:
                return BreakdownField(value=int(value), status=FieldStatus.stated, confidence=0.7, evidence=m.group(0).strip())
    return None


_AFTER_DAY = re.compile(r"first\s+(?:business|working|work)\s+day\s+(?:after|following)\s+(?P<what>[^.;,\n]{2,40}?)(?=\s+(?:so|to|because|as|and)\b|[.;,\n]|$)", re.I)


def _business_day_after(body: str, today: date, language: str, read: Reader) -> BreakdownField | None:
    """"the first business day after New Year's": the weekday after the day named."""
    m = _AFTER_DAY.search(body)
    if not m:
        return None
    local = _read(read, f"Deadline: by {m.group('what')}", today, language)
    field = _get(local, _FIELDS["deadline"]) if local else None
    if field is None or field.status != FieldStatus.stated:
        return None
    try:
        day = date.fromisoformat(str(field.value))
    except ValueError:
        return None
    day = date.fromordinal(day.toordinal() + 1)
    while day.weekday() >= 5:
        day = date.fromordinal(day.toordinal() + 1)
    return BreakdownField(value=day.isoformat(), status=FieldStatus.stated, confidence=0.8, evidence=m.group(0).strip())


def document_figures(draft: BreakdownDraft, text: str, today: date, language: str, read: Reader) -> None:
    """Each field section's own figure replaces the whole text's reading of that field."""
    found = sections(text)
    if known(found) >= 3:
        for kind, path in _FIELDS.items():
            mine = [section for section in found if section.kind == kind]
            if not mine:
                continue
            current = _get(draft, path)
            if all(section.pending for section in mine):
                if kind in ("deadline", "budget") and current.status == FieldStatus.stated:
                    _set(draft, path, BreakdownField())  # "Budget: TBD": a figure elsewhere is not the budget
                continue
            # "## 数量\ncase 数：3k": a field line under its heading is one section; its readings must agree
            readings = [_section_value(kind, section, text, today, language, read, current) for section in mine if not section.pending]
            readings = [field for field in readings if field is not None]
            if len({repr(field.value) for field in readings}) != 1:
                continue
            field = readings[0]
            if field.status == FieldStatus.missing:
                if current.status == FieldStatus.stated:
                    _set(draft, path, field)  # "No hard date, Q1 sometime", "pilot by Wed; full set TBD"
                continue
            if current.status == FieldStatus.stated and current.value == field.value:
                continue
            if kind == "people" and current.status == FieldStatus.stated:
                continue  # "6 人，每份 2 人": the whole text's reading of the team stands
            if kind == "deadline" and current.status != FieldStatus.stated and _SOFT.search(field.evidence or ""):
                continue  # "全部做完最好在12月中": a wish for a vague time is no deadline
            if kind == "people" and isinstance(current.value, dict) and isinstance(field.value, dict) and current.status == FieldStatus.stated:
                merged = dict(current.value)
                merged.update({key: value for key, value in field.value.items() if value is not None})
                field.value = merged
            _set(draft, path, field)
        if _get(draft, _FIELDS["people"]).status != FieldStatus.stated:
            team = _team_sentence(found, text)
            if team is not None:
                _set(draft, _FIELDS["people"], team)
        if _get(draft, _FIELDS["volume"]).status != FieldStatus.stated and not any(section.kind == "volume" for section in found):
            scope = [section for section in found if re.fullmatch(r"scope|data|数据|范围|样本", section.title.strip(), re.I)]
            readings = [_section_value("volume", section, text, today, language, read, _get(draft, _FIELDS["volume"])) for section in scope]
            readings = [field for field in readings if field is not None and field.status == FieldStatus.stated]
            if len(readings) == 1:
                _set(draft, _FIELDS["volume"], readings[0])  # "Scope: 600 developer questions sampled from …"
        if _get(draft, _FIELDS["volume"]).status != FieldStatus.stated:
            counted = [_measured(section) for section in found if section.kind == "volume" and not section.pending]
            counted = [field for field in counted if field is not None]
            if len(counted) == 1:
                _set(draft, _FIELDS["volume"], counted[0])  # "## 数量\n本赛季 150 场"
        if _get(draft, _FIELDS["volume"]).status != FieldStatus.stated:
            count = _count_field(found)
            if count is not None:
                _set(draft, _FIELDS["volume"], count)
        target = draft.how_much.target_agreement
        if target.status != FieldStatus.stated:
            for section in found:
                m = _AGREE.search(section.text) if section.kind == "quality" else None
                if m and 50 <= int(m.group("pct")) <= 100:
                    draft.how_much.target_agreement = BreakdownField(
                        value=int(m.group("pct")) / 100, status=FieldStatus.stated, confidence=0.7, evidence=m.group(0))
                    break
    budget = _get(draft, _FIELDS["budget"])
    if budget.status == FieldStatus.stated:
        _budget_currency(budget, text)
