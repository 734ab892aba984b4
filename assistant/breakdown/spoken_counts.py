"""Counts said aloud or minuted: the part of a collection that is this job, and a count confirmed by saying it again.

Voice notes and meeting minutes name a collection first and the job's part of it after, often with no noun beside the
part, and a speaker confirms the count they settle on by repeating it. The earlier readers take the first counted noun;
this pass, run after them, reads three shapes:

- the job's part after the whole, handed on or used: "~5,200 responses … Tasha to send the 2,480 to the labelling
  team", "1,150 docs total; … use the 850 clean ones", "maybe three thousand five hundred photos? Don't need all, a
  random twelve hundred is fine" - "the N" as the object of send / export / use / label, or a count after "don't need
  all" / "不用全标", smaller than the collection read, replaces it;
- a count said again to confirm it, when no volume was read: "there's eight hundred of those pairs, eight hundred",
  "which Sophie says is nine hundred and forty, so nine hundred and forty", "一千二百组 不对 是一千二百 组 … 对 一千二" - the
  same count (not money, time, people, a share or a date) said twice within a few sentences is the volume;
- outputs that come two to an item: "six hundred and fifty claims … so that's thirteen hundred letters, two per claim"
  (old and new letter side by side) is 650 items, as "一千二百组 每组两段" is 1,200;
- searches times the results looked at for each: "take our 500 most common searches … for each one, look at the top
  10 parts" is 5,000 query-result pairs.

A count that is money, time, people or a share is never taken, and a pool is only replaced by a smaller part.
"""

from __future__ import annotations

import re

from assistant.breakdown.number_corrections import _NUMBER, _value
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["read_spoken_counts"]

# what a count is when it is no count of items: people, time, money, a share, a date
_NOT_ITEMS_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:个?人|名|位|岁|月|号|日|点|%|％|倍|个月|年|周|天|小时|分钟|秒|元|块|毛|万元|"
    r"(?:people|persons|annotators?|raters?|reviewers?|volunteers?|staff|of (?:us|them|you|our)|st|nd|rd|th|am|pm|percent|days?|"
    r"weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|secs?|dollars?|bucks|quid|pounds?|usd|rmb|cny|eur|gbp|grand|k\b|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|calls?/|sec\b)\b)",
    re.I,
)
_NOT_ITEMS_BEFORE = re.compile(
    r"(?:[$€£¥]|US\$|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(?:per|each|every|a|at|by|on|the\s+(?:first|last))|每|第|前|最晚|预算|费用|报价)\s*$",
    re.I,
)
_PERIOD_AFTER = re.compile(r"^\s*(?:/|per\b|a\s+(?:day|week|month|year)\b|每)", re.I)
_HAND_ON = re.compile(
    r"\b(?:send|sends|sending|export|exports|exporting|use|using|label|labelling|labeling|tag|annotate|give|hand|pull|take|do|deliver|"
    r"upload|share|forward)\s+(?:over\s+|you\s+|us\s+)?(?:the|those|these|all|only\s+the|just\s+the)\s+$",
    re.I,
)
_NOT_ALL = re.compile(
    r"(?:\b(?:don'?t|do not|no need to|won'?t)\s+(?:need|want|have)\s+(?:to\s+(?:do|label|tag)\s+)?(?:them\s+|it\s+)?all\b|不用全|不需要全|不必全|用不了那么多)"
    r"[^.?!。？！\n]{0,24}?$",
    re.I,
)
_SEARCHES = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:[A-Za-z-]+\s+){0,3}?(?:searches|queries|search terms|keywords|search phrases)\b"
    r"[^\n]{0,40}\n?[^\n]{0,80}?\b(?:for each|each|per)\b[^.\n]{0,50}?\btop\s+(?P<k>\d{1,3})\b",
    re.I,
)
_PART_OF = re.compile(r"\s*(?:[\u4e00-\u9fff]{1,2})?(?:里|中|之中|当中)|\s*(?:[A-Za-z]+\s+){0,2}(?:of which|out of)\b", re.I)
_REPEAT_REACH = 120  # a count said again within a sentence or two


def _counts(text: str) -> list[tuple[int, int, int]]:
    """Every number that may count items: (value, start, end)."""
    found = []
    for m in _NUMBER.finditer(text):
        value = _value(m)
        if value is None or value != int(value) or value < 10:
            continue
        before, after = text[max(0, m.start() - 16) : m.start()], text[m.end() : m.end() + 12]
        if _NOT_ITEMS_AFTER.match(after) or _NOT_ITEMS_BEFORE.search(before) or _PERIOD_AFTER.match(after):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", m.group(0).strip()):
            continue  # a year
        if re.match(r"^\s*[-/.:]\s*\d", after) or re.search(r"\d\s*[-/.:]\s*$", before):
            continue  # a date, a time of day, a range
        found.append((int(value), m.start(), m.end()))
    return found


def _stated(value: int, quote: str) -> BreakdownField:
    return BreakdownField(value=value, status=FieldStatus.stated, confidence=0.75, evidence=quote.strip())


def _part_after_whole(draft: BreakdownDraft, text: str, counts: list[tuple[int, int, int]]) -> bool:
    volume = draft.how_much.volume
    if volume.status != FieldStatus.stated or not isinstance(volume.value, int) or not volume.evidence:
        return False
    at = text.find(volume.evidence)
    if at < 0:
        return False
    for value, start, end in counts:
        if start <= at or not 10 <= value < volume.value:
            continue
        window = max(0, start - 60)
        cue = _HAND_ON.search(text[window:start]) or _NOT_ALL.search(text[window:start])
        if cue:
            draft.how_much.volume = _stated(value, text[window + cue.start() : end])
            return True
    return False


def _said_again(draft: BreakdownDraft, text: str, counts: list[tuple[int, int, int]]) -> bool:
    volume = draft.how_much.volume
    if volume.status == FieldStatus.stated or (volume.status == FieldStatus.inferred and isinstance(volume.value, dict)):
        return False
    for i, (value, start, _) in enumerate(counts):
        again = next((c for c in counts[i + 1 :] if c[0] == value and c[1] - start <= _REPEAT_REACH), None)
        if again is None or "\n" in text[start : again[1]]:
            continue  # said again on another line: a minute's item quoting the figure, not a speaker confirming it
        if any(_PART_OF.match(text, end) for _, _, end in (counts[i], again)):
            continue  # "300 场里有 40 场…": the count is the whole a part is taken from
        draft.how_much.volume = _stated(value, text[start : again[2]])
        draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
        return True
    return False


def _searches_times_top(draft: BreakdownDraft, text: str) -> bool:
    m = _SEARCHES.search(text)
    if not m:
        return False
    queries, top = int(m.group("n").replace(",", "")), int(m.group("k"))
    if queries < 10 or top < 2:
        return False
    volume = draft.how_much.volume
    if volume.status == FieldStatus.stated and volume.value == queries * top:
        return False
    draft.how_much.volume = _stated(queries * top, m.group(0))
    draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
    return True


def read_spoken_counts(draft: BreakdownDraft, text: str) -> None:
    """The job's part of a collection, a count confirmed by repeating it, or searches times top results (module doc)."""
    if _searches_times_top(draft, text):
        return
    counts = _counts(text)
    if _pairs_not_halves(draft, text, counts) or _part_after_whole(draft, text, counts):
        return
    _said_again(draft, text, counts)


# "650 claims … so that's 1,300 letters, two per claim": the outputs come two to an item; the item count is the volume
_TWO_PER = re.compile(r"[^.\n。]{0,40}?(?:\b(?:two|2)\s+(?:per|each|for each|a|an)\s+[A-Za-z]+|每(?:组|个|条|对|题)\s*(?:两|二|2)\s*(?:段|个|条|份|篇|张))", re.I)


def _pairs_not_halves(draft: BreakdownDraft, text: str, counts: list[tuple[int, int, int]]) -> bool:
    volume = draft.how_much.volume
    if volume.status != FieldStatus.stated or not isinstance(volume.value, int) or not volume.evidence or volume.value % 2:
        return False
    at = text.find(volume.evidence)
    if at < 0:
        return False
    tail = _TWO_PER.match(text, at + len(volume.evidence))
    if not tail:
        return False
    half = next((c for c in counts if c[0] * 2 == volume.value and at - 120 <= c[1] < at), None)
    if half is None:
        return False
    draft.how_much.volume = _stated(half[0], text[half[1] : tail.end()])
    return True
