"""Label lists named by what comes after them, and lists that go on in the next sentence.

- a back-reference right after a run names it a label set: "抽出 reagent name、amount、yield 这几个字段",
  "把A、B、C这三类标出来", "A, B and C - these fields", "…, these categories";
- a list continued by "also"/"还有" in the next sentence joins the first: "The main ones are tech gadgets,
  board games and art. Then there's also film and food & drink." -> one list of five.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate, Split
from assistant.breakdown.label_lexicon import has_cjk

__all__ = ["backref_candidates", "continue_lists"]

_COUNTED = r"(?:[几两二三四五六七八九十]|\d{1,2})?\s*(?:个|种|类|项)?"
_NOUN_ZH = r"(?:字段|类别|类|标签|选项|维度|方面|信息|要素|实体|类型|档|等级|项)"
_BACKREF = re.compile(
    rf"\s*(?:这|这些|等)\s*{_COUNTED}\s*{_NOUN_ZH}"
    r"|\s*[-–—,]?\s*(?:these|those|all)\s+(?:(?:two|three|four|five|six|seven|eight|\d{1,2})\s+)?"
    r"(?:fields|categories|classes|labels|tags|types|entities|attributes|buckets|options)\b",
    re.I,
)
_CLAUSE_START = re.compile(r"[。！？!?\n；;：:]|(?<=[a-z])\.\s")
# the words before an English list: "Please pull supplier, …" -> supplier
_LEAD_EN = re.compile(r"^.*\b(?:pull|extract|get|capture|find|identify|tag|mark|label|annotate|want|need|with|of|are|is)\s+(?:out\s+)?(?:the\s+)?", re.I)


def _first_item(item: str, rest: list[str]) -> str:
    """The first item without the sentence before it: "想 extract 出 reagent name" -> "reagent name"."""
    if all(not has_cjk(other) for other in rest) and has_cjk(item):
        tail = re.split(r"[\u4e00-\u9fff]", item)[-1].strip()
        return tail or item
    if not has_cjk(item) and len(item.split()) > max(len(other.split()) for other in rest):
        return _LEAD_EN.sub("", item).strip() or item
    return item


def backref_candidates(text: str, split: Split) -> list[Candidate]:
    found: list[Candidate] = []
    for m in _BACKREF.finditer(text):
        before = text[: m.start()]
        starts = [s.end() for s in _CLAUSE_START.finditer(before)]
        start = starts[-1] if starts else 0
        clause = before[start:]
        if has_cjk(clause):
            clause = re.split(r"[，,]", clause)[-1]  # a Chinese comma ends a clause; an English comma joins the list
        if "、" not in clause and "," not in clause and not re.search(r"\band\b|和", clause):
            continue
        parts = [part.strip() for part in re.split(r"\s*(?:、|,\s*(?:and|or)\s+|,|\band\b|\bor\b|和|或)\s*", clause) if part.strip()]
        if len(parts) < 2:
            continue
        parts[0] = _first_item(parts[0], parts[1:])
        labels, _, _ = split(", ".join(parts) if not has_cjk("".join(parts)) else "、".join(parts))
        if len(labels) < 2 or len(labels) != len(parts):
            continue
        first = text.find(parts[0], start)
        found.append(Candidate(labels, text[first : m.end()].strip(), first, m.end(), "backref"))
    return found


_ALSO = re.compile(
    # "Also mark which part …" opens a new instruction, it names no more items
    r"^\s*(?:(?:then|and|plus)\s+)?(?:there(?:'s| is| are)\s+)?also\s+"
    r"(?!(?:mark|tag|label|rate|score|grade|note|flag|check|say|add|tell|give|write|include|record|indicate|classify|judge|want|need|would|could|please|pick|choose|select|highlight)\b)"
    r"(?:the\s+)?(?P<body>[^.!?\n]{3,160})[.!?\n]"
    r"|^\s*(?:另外|此外|然后)?还有(?P<zh>[^。！？\n]{2,80})[。！？\n]",
    re.I,
)


_NAMES_CLASSES = re.compile(r"categor|class|label|tag\b|tags|bucket|type|类|标签", re.I)


def continue_lists(candidates: list[Candidate], text: str, split: Split) -> None:
    """A list whose next sentence says "there's also X, Y and Z" (还有X、Y) takes those items too."""
    for candidate in candidates:
        if len(candidate.labels) < 2 or not _NAMES_CLASSES.search(text[max(0, candidate.start - 80) : candidate.start]):
            continue  # only a list said to be the categories goes on ("needs a category. The main ones are …")
        after = text[candidate.end :]
        stop = re.match(r"[^.!?。！？\n]{0,3}[.!?。！？]\s*", after)
        if not stop:
            continue
        m = _ALSO.match(after[stop.end() :])
        if not m:
            continue
        body = m.group("body") or m.group("zh")
        more, _, consumed = split(body)
        if len(more) < 1 or consumed < len(body.rstrip(" .。")) - 1 or set(more) & set(candidate.labels):
            continue
        candidate.labels = [*candidate.labels, *more]
        candidate.continued = True
        candidate.end += stop.end() + m.end()
        candidate.quote = text[candidate.start : candidate.end].strip()
