"""Dimension lines: a list whose lines each name a dimension and give its options or its scale.

    维度1 忠实度：忠实 / 有小错 / 严重错误（编造）
    维度2 有用性：打分 1-3

    1. overall 1-5
    2. failure cause: off-persona / repetitive / other

Each marked line (a number, a bullet, `维度N`, `①`) is one question of the same item; the labels are every line's
options, in the order of the lines (a scale's points as numbers, a repeated scale once). The reading that won is
one line's set; the sets of its sibling lines join it. Lines without options (a free-text note, "写一句原因") add
nothing.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["join_dimension_lines"]

_MARK = re.compile(r"^[ \t]*(?:[-*•·]|\d{1,2}[.)、．]|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩]|维度\s*\d{1,2}|dimension\s*\d{1,2}\b|[A-Za-z]\))[ \t]*", re.I)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _block(text: str, start: int) -> list[tuple[int, int]]:
    """The run of consecutive marked lines around the line holding `start` (empty if that line is not marked)."""
    spans = _lines(text)
    index = next((i for i, (a, b) in enumerate(spans) if a <= start <= b), None)
    if index is None or not _MARK.match(text[spans[index][0] : spans[index][1]]):
        return []
    low = high = index
    while low > 0 and _MARK.match(text[spans[low - 1][0] : spans[low - 1][1]]):
        low -= 1
    while high + 1 < len(spans) and _MARK.match(text[spans[high + 1][0] : spans[high + 1][1]]):
        high += 1
    return spans[low : high + 1]


# the words between the line's mark and its options: a short dimension name, its colon, perhaps a scoring verb
# ("忠实度：", "有用性：打分 ", "failure cause: ", and before a scale no colon: "整体 ", "faithfulness ")
_NAMED = re.compile(r"^[*_ \t]*(?P<name>[^:：\n，,。.;；!?！？()（）]{1,24}?)[*_ \t]*[:：][*_ \t]*(?:打分|评分|打|选|rate|score|pick|choose)?[ \t]*$", re.I)
_SCALE_NAMED = re.compile(r"^[*_ \t]*[^:：\n，,。.;；!?！？()（）\d]{1,24}?[ \t]*(?:[:：][ \t]*)?(?:打分|评分|rate|score)?[ \t]*$", re.I)
_TAIL = re.compile(r"^[ \t]*(?:分|points?|pts)?[ \t]*(?:[（(][^()（）\n]{0,40}[)）])?[ \t]*[。.;；,，]?[ \t]*$", re.I)


def _dimension_set(text: str, span: tuple[int, int], found: Candidate) -> bool:
    """`found` is the options of a dimension line: right after the line's name, up to the line's end, short names."""
    a, b = span
    mark = _MARK.match(text[a:b])
    head = text[a + (mark.end() if mark else 0) : found.start]
    if not _TAIL.match(text[found.end : b]) or " + " in found.quote:
        return False  # "tenant email + draft A + draft B": the parts of one item, not options
    if found.kind == "scale" or all(label.isdigit() for label in found.labels):
        points = [int(label) for label in found.labels] if all(label.isdigit() for label in found.labels) else []
        if not points or points != list(range(points[0], points[0] + len(points))) or points[0] > 1:
            return False  # "ddl：12/18" is a date, not the points of a scale
        return bool(_SCALE_NAMED.match(head))
    short = all(len(label) <= 10 if re.search(r"[\u4e00-\u9fff]", label) else len(label.split()) <= 4 for label in found.labels)
    return short and bool(_NAMED.match(head))


def _colon_named(text: str, span: tuple[int, int], found: Candidate) -> bool:
    """The line's dimension is named before a colon right before `found` ("挑出有问题的：")."""
    mark = _MARK.match(text[span[0] : span[1]])
    head = text[span[0] + (mark.end() if mark else 0) : found.start]
    return bool(re.search(r"[:：][ \t]*$", head)) and found.kind != "scale"


def join_dimension_lines(chosen: Candidate, candidates: list[Candidate], text: str, threshold: float) -> tuple[Candidate, Candidate]:
    """`chosen` with the option sets of its sibling dimension lines joined in line order, and the first set."""
    block = _block(text, chosen.start)
    if len(block) < 2 or not any(a <= chosen.start and chosen.end <= b + 1 for a, b in block):
        return chosen, chosen
    sets: list[Candidate] = []
    for a, b in block:
        if a <= chosen.start and chosen.end <= b + 1:
            if not _dimension_set(text, (a, b), chosen):
                return chosen, chosen
            sets.append(chosen)
            continue
        # a sibling line that names its dimension before a colon is read as options on a lower score ("② 挑出有问题的：A、B、C")
        inside = [c for c in candidates if a <= c.start and c.end <= b + 1 and len(c.labels) >= 2 and c.score >= threshold - (2.0 if _colon_named(text, (a, b), c) else 0.0) and _dimension_set(text, (a, b), c)]
        if inside:
            sets.append(max(inside, key=lambda c: (c.score, len(c.labels), -c.start)))
    if len(sets) < 2:
        return chosen, chosen
    labels: list[str] = []
    for found in sets:
        if {x.casefold() for x in found.labels} <= {x.casefold() for x in labels}:
            continue  # "- faithfulness 1-5\n- coverage 1-5": the same scale once
        labels += [x for x in found.labels if x.casefold() not in {y.casefold() for y in labels}]
    if labels == chosen.labels:
        return chosen, chosen
    first = sets[0]
    start, end = min(c.start for c in sets), max(c.end for c in sets)
    joined = Candidate(labels, text[start:end].strip(), start, end, first.kind, ordinal=first.ordinal, other=chosen.other,
                       notes=[n for c in sets for n in c.notes], score=chosen.score)
    return joined, first
