"""A number the requester takes back: the corrected value wins.

Spoken and dictated requests correct themselves: "两千条，不对不对，我刚看了后台，是三千条", "数量一万条，呃不是，五千",
"about twelve thousand posts, sorry, twelve hundred", "five hundred pairs, er, make it six-fifty", "3,400 pairs — sorry,
correction from them this morning, it's 4,300", "fifteen seconds a piece is unrealistic, figure forty five",
"两千多张吧 也可能三千 / 刚问了 两千六百张". After the other readers have chosen a volume, a time per item or a budget,
this looks right after the words it rests on for a correction word (不对, 不是, 更正, 说错了, 那就, 刚问了, sorry, no wait,
er, I mean, make it, correction, figure …) and then for the first number of the same kind: that number replaces the
reading, and the evidence quotes both, so the requester sees what was taken back.

What is never a correction: a number of another kind after the word ("sorry, 2 annotators", "不对，是6月的数据",
"Sorry, I mean by Jan 3"), an amount added ("不对，再加两百" is skipped for the total after it), the same number
restated ("no wait, two thousand's the whole year"), or a correction word with no number near it.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.breakdown.numbers import _apply_magnitude, parse_cn_number, parse_en_number
from assistant.breakdown.volume_mentions import mentions
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["correct_numbers", "corrected_value"]

# words that take back what was just said (or settle it after a question), in both languages
_MARKER = re.compile(
    r"不对不对|不对(?=[，,。\s是])|(?:哦|呃|噢|额|嗯)?不是(?=[，,。\s])|说错了|写错了|更正一下|更正|纠正一下|改成|改为|改一下|那就(?!是)|那先|刚问了|刚查了|刚确认了?|准确(?:地|的)?说|"
    r"\b(?:sorry|no wait|wait|er|erm|uh no|um no|i mean|i meant|correction|actually|make (?:it|that)|scratch that|"
    r"unrealistic|figure|call it|rather|i misread|let me correct)\b",
    re.I,
)
_EN_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)"
)
_NUMBER = re.compile(
    rf"(?P<ar>(?<![A-Za-z0-9_.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![A-Za-z0-9_.,])\d+(?:\.\d+)?)\s?(?P<mag>万|千|[wWkK](?![A-Za-z])|thousand\b)?"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万]+)"
    rf"|(?P<en>\b(?:an?\s+(?=hundred|thousand))?{_EN_WORD}(?:[\s-]+(?:and\s+)?{_EN_WORD})*\b)",
    re.I,
)
# what a number counts when it is not items (or seconds, or money): then it is no correction of them
_OTHER_UNIT = re.compile(
    r"^\s*(?:个?人|名|位|岁|月|号|日|点|%|％|倍|个月|年|周|天|小时|分钟|秒|元|块|毛|\s*(?:people|persons|annotators?|raters?|reviewers?|"
    r"of (?:us|them|you|our)|st|nd|rd|th|am|pm|percent|days?|weeks?|months?|years?|hours?|minutes?|mins?|seconds?|secs?|dollars?|bucks|"
    r"usd|rmb|cny|eur|grand)\b)",
    re.I,
)
_TIME_UNIT = re.compile(r"^\s*(?:秒|分钟|分半钟?|min(?:ute)?s?\b|sec(?:ond)?s?\b|s\b)", re.I)
_MONEY_UNIT = re.compile(r"^\s*(?:元|块|万|千|k\b|grand\b|dollars?\b|bucks\b|usd\b|rmb\b|cny\b)", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:the\s+)?$", re.I)
_ADDED = re.compile(r"(?:再加|加|多加|添|\b(?:add|plus|another|more)\b)\s*$", re.I)
_PRICE = re.compile(r"^\s*(?:元|块)?\s*(?:/|每|一(?:条|张|份|个|组|对|段|篇)|per\b|a\s+(?:piece|item|pair))", re.I)

_MARKER_REACH = 40  # the correction word follows the number within this many characters
_NUMBER_REACH = 75  # and the corrected number follows the word within this many


def _value(m: re.Match[str]) -> float | None:
    if m.group("ar"):
        value = _apply_magnitude(float(m.group("ar").replace(",", "")), m.group("mag"))
        return float(value) if value is not None else None
    if m.group("cn"):
        parsed = parse_cn_number(m.group("cn"))
        return float(parsed) if parsed is not None else None
    return _english(m.group("en"))


def _english(words: str) -> float | None:
    """"twelve hundred" 1200, "a thousand" 1000, and the spoken "six-fifty" 650 (hundreds left out)."""
    parsed = parse_en_number(words)
    if parsed is not None:
        return float(parsed)
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w and w != "and"]
    if len(parts) >= 2:
        head, rest = parse_en_number(parts[0]), parse_en_number(" ".join(parts[1:]))
        if head is not None and rest is not None and 1 <= head <= 9 and 10 <= rest <= 99:
            return float(head * 100 + rest)
    return None


def _numbers(text: str, start: int, end: int) -> list[tuple[float, re.Match[str]]]:
    found = []
    for m in _NUMBER.finditer(text, start, end):
        value = _value(m)
        if value is not None:
            found.append((value, m))
    return found


def corrected_value(text: str, start: int, end: int, value: float, kind: str) -> tuple[float, int, re.Match[str]] | None:
    """The number that takes back the one at text[start:end] (read as `value`), with where its correction word is.

    `kind` is "count", "seconds" or "money": the corrected number must be bare or of that kind.
    """
    window = text[end : end + _MARKER_REACH]
    for marker in _MARKER.finditer(window):
        at = end + marker.end()
        if _in_between(text, end, at - len(marker.group(0)), value):
            return None  # "900 transcripts. fifteen seconds a piece is unrealistic": the word takes back the other number
        for number, m in _numbers(text, at, min(len(text), at + _NUMBER_REACH)):
            after, before = text[m.end() : m.end() + 10], text[max(0, m.start() - 12) : m.start()]
            if _ADDED.search(before):
                continue  # "再加两百": an amount added; the total, if written, comes next
            if abs(number - value) < 1e-9:
                continue  # the same number restated ("no wait, two thousand's the whole year")
            if _MONTH_BEFORE.search(before) or re.match(r"^\s*[-/.]\s*\d", after):
                return None  # a date ("Sorry, I mean by Jan 3")
            if kind == "seconds":
                if _OTHER_UNIT.match(after) and not _TIME_UNIT.match(after):
                    return None
                if _TIME_UNIT.match(after) and re.match(r"^\s*(?:分钟|min)", after, re.I):
                    number *= 60
                elif _TIME_UNIT.match(after) and re.match(r"^\s*分半", after):
                    number = number * 60 + 30
            elif kind == "money":
                if _OTHER_UNIT.match(after) and not _MONEY_UNIT.match(after):
                    return None
            else:
                if _OTHER_UNIT.match(after) or _PRICE.match(after) or number < 10:
                    return None  # "sorry, 2 annotators", "不对，是6月的": a number of something else
            return number, at - len(marker.group(0)), m
        # a correction word followed by no number of its own: look for the next word
    return None


def _in_between(text: str, end: int, marker: int, value: float) -> bool:
    """Another number (not a count of people, not the same one) between a reading and the correction word."""
    for number, m in _numbers(text, end, marker):
        after = text[m.end() : m.end() + 10]
        if re.search(r"(?:也可能|可能|或者|或|\b(?:or|maybe|perhaps)\b)\s*$", text[max(0, m.start() - 6) : m.start()], re.I):
            continue  # "两千多张吧 也可能三千": the other end of a vague amount
        if abs(number - value) < 1e-9 or re.match(r"^\s*(?:个?人|名|位|people|persons|annotators?|of (?:us|you|them))", after, re.I):
            continue
        return True
    return False


def _span(text: str, evidence: str | None) -> tuple[int, int] | None:
    if not evidence:
        return None
    at = text.find(evidence)
    return (at, at + len(evidence)) if at >= 0 else None


def _first_number(evidence: str) -> float | None:
    for number, _ in _numbers(evidence, 0, len(evidence)):
        return number
    return None


def _correct(text: str, evidence: str | None, kind: str, current: float) -> tuple[float, str] | None:
    span = _span(text, evidence)
    if span is None:
        return None
    start, end = span
    # the reading's own number, in the words it was written in: a bare corrected number is in the same unit
    written = _first_number(text[start:end])
    if len(_numbers(text, start, end)) > 1:
        written = None  # "两百个搜索词 每个词前十条": a product; a number after it is in items, not in its first factor
    unit = current / written if written else 1.0
    result = None
    for _ in range(3):  # "call it a thousand total, no wait, … just the six hundred": a correction corrected again
        found = corrected_value(text, start, end, written if written is not None else current, kind)
        if found is None:
            break
        number, _, m = found
        bare = not (_TIME_UNIT.match(text[m.end() : m.end() + 6]) if kind == "seconds" else False)
        value = number * unit if bare else number
        result = (value, text[span[0] : m.end()].strip())
        start, end, written, unit = m.start(), m.end(), number, (unit if bare else 1.0)
    return result


def correct_numbers(draft: BreakdownDraft, text: str) -> None:
    """Replace a volume, time per item or budget the request took back by the number it put in its place."""
    volume = draft.how_much.volume
    if volume.status == FieldStatus.stated and isinstance(volume.value, (int, float)):
        found = _correct(text, volume.evidence, "count", float(volume.value))
        if found:
            draft.how_much.volume = BreakdownField(value=int(found[0]), status=FieldStatus.stated, confidence=0.8, evidence=found[1])
    elif volume.status == FieldStatus.inferred and isinstance(volume.value, dict) and volume.value.get("low"):
        # "两千多张吧 也可能三千 / 刚问了 两千六百张": a vague amount the requester then gives exactly
        found = _correct(text, volume.evidence, "count", float(volume.value["low"]))
        if found and volume.value["low"] <= found[0] <= max(volume.value.get("high") or 0, volume.value["low"]) * 1.5:
            draft.how_much.volume = BreakdownField(value=int(found[0]), status=FieldStatus.stated, confidence=0.75, evidence=found[1])
            draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
    elif volume.status != FieldStatus.stated:
        # "two thousand calls, no wait, two thousand's the whole year, … so seven hundred something": the count taken
        # back was left out as unclear; the number put in its place is the volume
        for item in mentions(text):
            if item.kind != "data" or item.derived:
                continue
            found = _correct(text, item.evidence, "count", float(item.value))
            if found:
                draft.how_much.volume = BreakdownField(value=int(found[0]), status=FieldStatus.stated, confidence=0.75, evidence=found[1])
                draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
                break
    seconds = draft.how_much.time_per_item
    if seconds.status == FieldStatus.stated and isinstance(seconds.value, (int, float)):
        found = _correct(text, seconds.evidence, "seconds", float(seconds.value))
        if found and 0 < found[0] <= 3600:
            draft.how_much.time_per_item = BreakdownField(value=float(found[0]), status=FieldStatus.stated, confidence=0.8, evidence=found[1])
    budget = draft.how_much.budget
    if budget.status == FieldStatus.stated and isinstance(budget.value, dict) and "per" not in budget.value:
        amount: Any = budget.value.get("amount")
        if isinstance(amount, (int, float)):
            found = _correct(text, budget.evidence, "money", float(amount))
            if found:
                draft.how_much.budget = BreakdownField(
                    value={**budget.value, "amount": float(found[0])}, status=FieldStatus.stated, confidence=0.8, evidence=found[1]
                )
