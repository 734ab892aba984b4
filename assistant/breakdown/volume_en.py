"""The item volume in English forms the volume readers leave wrong or open, read after them.

- a range in words with one magnitude is vague, never its upper end: "somewhere between two and three thousand
  letters", "some six or seven hundred comments", "four to five thousand reviews";
- a figure only a little off is that figure: "a little over 3,100 comments", "just over 800 calls",
  "slightly under 2,000 files" (an open "over 3,000" stays a lower bound);
- a first batch is not the job: "send me the first 3k so I can see" (the whole, if it is given only as a vague
  amount, is kept as that);
- a revision in place: "1,500 query/result pairs, not 1,000", "Only do the 450 sheets from season 2";
- the items the sentence asks to be judged, counted in passing: "pairs … (there are 3,350 such pairs) to be reviewed"
  over a pool the system holds;
- a count of queries with the top results of each: "about 400 queries, take the top ten documents … for each" is
  about 4,000 judgments;
- a terse approximate count standing alone: "approx 1k. cheers"; the items counted as "each of the 700 applications".

Not changed: a range that is not the current volume, a figure in another unit ("over 3 hours"), a first batch when the
request gives no other amount of the whole and no vague one (the field is left open).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.breakdown.field_values import stated
from assistant.breakdown.numbers import parse_en_number
from assistant.breakdown.request_facts import _set_vague
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["english_volume"]

_WORD = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
_FIG = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_MAG = {"hundred": 100, "thousand": 1000}
_RANGE = re.compile(
    rf"(?<![$€£₹\d,.])\b(?:somewhere\s+)?(?:between\s+|some\s+)?(?P<a>{_WORD}|{_FIG})\s+(?:and|or|to)\s+(?P<b>{_WORD}|{_FIG})"
    rf"(?:\s+(?P<mag>hundred|thousand)\b)?(?!\s*(?:%|percent|dollars|euros|pounds|rupees|hours|minutes|seconds|days|weeks|people|annotators|reviewers))",
    re.I,
)
_NEAR = re.compile(rf"\b(?:a\s+little|just|slightly|a\s+bit|marginally)\s+(?:over|under|more\s+than|less\s+than|above|below)\s+(?P<n>{_FIG})\b", re.I)
_FIRST = re.compile(rf"\bfirst\s+(?:batch\s+of\s+)?(?P<n>{_FIG})\s*(?P<k>k\b)?", re.I)
_COUNT = re.compile(rf"(?<![\w$€£¥.,-])(?P<n>{_FIG})\s*(?P<k>k\b)?\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+s)\b", re.I)
_NOT_ITEMS = re.compile(
    r"^(?:hours|days|weeks|months|years|minutes|seconds|people|persons|dollars|bucks|euros|pounds|percent|times|cents|rupees|"
    r"labels|categories|classes|options|tags|staff|members|annotators|reviewers|raters|teams|departments)$",
    re.I,
)
_SOME_MAG = re.compile(r"\b(?P<n>\d{1,3})-some\s+(?P<mag>hundred|thousand)\b(?:\s+[A-Za-z]+)?", re.I)
_NOT_THAT = re.compile(rf"\b(?P<n>{_FIG})\s*(?P<k>k\b)?\s+(?P<noun>[\w/-]+(?:\s+[\w/-]+)?)\s*,\s*(?:not|instead\s+of|rather\s+than)\s+(?P<m>{_FIG})\b", re.I)
_ONLY = re.compile(
    rf"\bonly\s+(?:do|label|tag|code|review|rate|need|want|annotate|check)\s+(?:the\s+)?(?P<n>{_FIG})\s+(?P<noun>[A-Za-z]+)", re.I
)
_SUCH = re.compile(rf"\((?:there\s+are\s+|of\s+which\s+there\s+are\s+)?(?:about\s+|roughly\s+|some\s+)?(?P<n>{_FIG})\s+such\s+(?P<noun>[A-Za-z]+)\)", re.I)
_JUDGED = re.compile(r"\b(?:review(?:ed)?|judged?|label(?:l?ed)?|classif(?:y|ied)|rated?|checked|coded|tagged|annotated)\b", re.I)
_POOL = re.compile(r"\b(?:holds?|contains?|stores?|has\s+accumulated|database|system|archive)\b", re.I)
_TOP_EACH = re.compile(
    r"\btop\s+(?P<k>ten|five|three|twenty|\d{1,2})\s+(?:documents|results|hits|links|pages|profiles|products|listings|answers|passages)\b"
    r"[^.;!?\n]{0,60}?\bfor\s+each\b",
    re.I,
)
_QUERIES = re.compile(rf"(?P<n>{_FIG})\s+(?:distinct\s+|unique\s+|real\s+)?(?:queries|searches|search\s+terms|questions)\b", re.I)
_EACH_OF = re.compile(rf"\b(?:each|every\s+one)\s+of\s+the\s+(?P<n>{_FIG})\s+(?:[A-Za-z-]+\s+)?(?P<noun>[A-Za-z]+s)\b", re.I)
# "our product descriptions (about 1,800)", "the reviews (2,300 in total)": the count in brackets after the items
_PAREN_COUNT = re.compile(
    rf"\b(?P<noun>[A-Za-z]+s)\s*\(\s*(?:approx\.?|approximately|about|around|roughly|some|~)?\s*(?P<n>{_FIG})\s*(?P<k>k\b)?\s*"
    r"(?:in\s+total|total|of\s+them|all\s+told)?\s*\)",
    re.I,
)
_BARE = re.compile(
    rf"(?:^|(?<=[.;!?\n])|(?<=[.;!?]\s))\s*(?:approx\.?|approximately|about|around|roughly|~)\s*(?P<n>{_FIG})\s*(?P<k>k\b)?\s*(?=[.;!?\n]|$)",
    re.I | re.M,
)


def _number(token: str, k: str | None = None) -> int | None:
    value = parse_en_number(token.replace(",", "")) if not token.replace(",", "").replace(".", "").isdigit() else float(token.replace(",", ""))
    if value is None:
        return None
    value = value * 1000 if k else value
    return int(value) if float(value).is_integer() else None


def _at(text: str, field: BreakdownField) -> int:
    return text.find(field.evidence) if field.evidence else -1


def _vague(value: Any) -> bool:
    return isinstance(value, dict) and "vague" in value


def english_volume(draft: BreakdownDraft, text: str, language: str) -> None:
    """Correct or fill the item volume from the English forms of the module doc."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return
    current = draft.how_much.volume
    at = _at(text, current)
    for m in _RANGE.finditer(text):
        inside = at >= 0 and m.start() <= at + len(current.evidence or "") and at < m.end() + 20 and not _vague(current.value)
        # "between two and three hundred" alone, when nothing else counts the items: only a worded or "between" range
        alone = current.status == FieldStatus.missing and (m.group("mag") or m.group(0).lower().startswith(("between", "somewhere")))
        if inside or alone:
            mag = _MAG[m.group("mag").lower()] if m.group("mag") else 1
            low, high = _number(m.group("a")), _number(m.group("b"))
            if low and high and low < high and (m.group("mag") or low >= 20):
                _set_vague(draft, {"vague": m.group(0), "low": low * mag, "high": high * mag}, m.group(0), language)
                return
    if current.status != FieldStatus.stated and isinstance(current.value, dict) and "vague" in current.value:
        for m in _NEAR.finditer(text):
            value = _number(m.group("n"))
            if value and value in (current.value.get("low"), current.value.get("high")):
                draft.how_much.volume = stated(value, m.group(0), 0.75)
                draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
                return
    first = _FIRST.search(text, max(0, at - 10), at + len(current.evidence or "")) if at >= 0 else None
    if first and re.match(r"[^.;!?\n]{0,30}\b(?:for|of|per)\s+(?:each|every)\b", text[first.end() :], re.I):
        first = None  # "the first 10 hits for each": the top results of every query, not a first batch
    if current.status == FieldStatus.stated and first:
        # the whole, when it is counted elsewhere: "12k answers overall, send the first 500"
        wholes = [
            (value, m.group(0)) for m in _COUNT.finditer(text)
            if not _NOT_ITEMS.match(m.group("noun")) and not re.search(r"\bfirst\s*$", text[max(0, m.start() - 8) : m.start()], re.I)
            and (value := _number(m.group("n"), m.group("k"))) and isinstance(current.value, (int, float)) and value > current.value
        ]
        some = _SOME_MAG.search(text)
        if wholes:
            value, quote = max(wholes)
            draft.how_much.volume = stated(value, quote, 0.7)
        elif some:
            low = int(some.group("n")) * _MAG[some.group("mag").lower()]
            _set_vague(draft, {"vague": some.group(0), "low": low, "high": low + 10 * _MAG[some.group("mag").lower()] - 1}, some.group(0), language)
        else:
            draft.how_much.volume = BreakdownField()
        return
    if current.status == FieldStatus.stated:
        for m in _NOT_THAT.finditer(text):
            if _number(m.group("m")) == current.value and (value := _number(m.group("n"), m.group("k"))):
                draft.how_much.volume = stated(value, m.group(0), 0.8)
                return
        for m in _ONLY.finditer(text):
            value = _number(m.group("n"))
            if value and isinstance(current.value, (int, float)) and value < current.value and m.start() > at:
                draft.how_much.volume = stated(value, m.group(0), 0.8)
                return
        for m in _SUCH.finditer(text):
            start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
            end_dot = re.compile(r"\.(?=\s|$)").search(text, m.end())
            sentence = text[start : end_dot.start() if end_dot else len(text)]
            value = _number(m.group("n"))
            pool_sentence = text[max(text.rfind(c, 0, at) for c in ".!?\n") + 1 : at] if at >= 0 else ""
            if value and value != current.value and _JUDGED.search(sentence) and _POOL.search(pool_sentence):
                draft.how_much.volume = stated(value, m.group(0).strip("()"), 0.75)
                return
        if at >= 0 and (queries := _QUERIES.search(text, at, at + len(current.evidence or ""))) and (top := _TOP_EACH.search(text, queries.end(), queries.end() + 200)):
            per = _number(top.group("k"))
            if per and isinstance(current.value, int):
                draft.how_much.volume = stated(current.value * per, text[at : top.end()], 0.6)
                return
    some = _SOME_MAG.search(text)
    if some and current.status != FieldStatus.stated and (at < 0 or some.start() <= at <= some.end()):
        # "30-some thousand listings" (read as "some thousand" or not at all): thirty thousand and more
        low = int(some.group("n")) * _MAG[some.group("mag").lower()]
        _set_vague(draft, {"vague": some.group(0), "low": low, "high": low + 10 * _MAG[some.group("mag").lower()] - 1}, some.group(0), language)
        return
    each = _EACH_OF.search(text)
    if current.status == FieldStatus.missing and each and (value := _number(each.group("n"))) and value >= 20 and not _NOT_ITEMS.match(each.group("noun")):
        draft.how_much.volume = stated(value, each.group(0), 0.7)  # "Each of the 700 applications is to be scored"
        return
    paren = [m for m in _PAREN_COUNT.finditer(text) if not _NOT_ITEMS.match(m.group("noun"))]
    if current.status == FieldStatus.missing and len(paren) == 1 and (value := _number(paren[0].group("n"), paren[0].group("k"))) and value >= 20:
        draft.how_much.volume = stated(value, paren[0].group(0), 0.65)
        return
    if current.status == FieldStatus.missing:
        found = [m for m in _BARE.finditer(text)]
        if len(found) == 1 and (value := _number(found[0].group("n"), found[0].group("k"))) and value >= 20:
            draft.how_much.volume = stated(value, found[0].group(0).strip(), 0.6)
