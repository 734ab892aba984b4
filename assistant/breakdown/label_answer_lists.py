"""A list that answers the question or the dimension written just before it, with no labeling verb.

- a question, then a colon or a dash, then its answers to the end of the sentence:
  "老师的批改意见准不准：准确、部分准确、错误", "图片里有没有人：有、没有、看不清",
  "Is the answer correct: correct, partially correct, incorrect", "Was the driver polite - polite, neutral, rude";
- a sorting verb with the dimension it sorts by, then a dash or a colon and the values of that dimension:
  "label customer calls by reason for calling — booking, cancelling/rescheduling, billing question, other?",
  "按来访原因分一下——看房、签约、报修、其他".

A question's answers are alternatives: one is the negated or graded form of another ("准确 / 部分准确", "通顺 / 不通顺",
"correct / incorrect"), or one is a yes/no word, a middle or a catch-all ("一般", "neutral", "说不清", "other"). Criteria
that must all hold ("any good: accurate, complete, no made-up action items") are none of these and stay unread.
The answers may be single words ("是、不是、说不清", "yes, partly, no") that a list in running prose would not
be trusted with: the question before them says they are its options. Each yields a candidate of kind
"answer_list" that `label_scoring` scores with all the others.
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_lexicon import CLAUSE_WORDS_EN, QUANTITY_IN_ITEM, has_cjk

__all__ = ["answer_list_candidates"]

Split = Callable[[str], "tuple[list[str], str | None, int]"]

# the separator between the question and its answers
_SEP = re.compile(r"[ \t]*(?:[:：]|——|—|–|--|\s-\s)[ \t]*")
# where the clause holding the question starts
_CLAUSE_START = re.compile(r"[。！？!?\n；;，,]|\.(?=\s)")
# "准不准", "对不对", "是不是…", "有没有…", "合不合理", "是否…", "…吗"
_QUESTION_ZH = re.compile(r"([\u4e00-\u9fff])[不没]\1|是否|有无|能否|可否|[吗么]\s*$")
# "is the feedback accurate", "does the reply solve it", "… accurate?"
_QUESTION_EN = re.compile(
    r"^(?:and\s+|so\s+|also\s+)?(?:is|are|was|were|does|do|did|has|have|had|can|could|should|will|would)\s+(?:it|this|that|the|each|every|a|an|our|their|its|they|[a-z]+)\b"
    r"|\?\s*$|\bwhether\b",
    re.I,
)
# "label calls by reason for calling", "sort the tickets by product area"
_BY_DIMENSION_EN = re.compile(
    r"\b(?:label|labell?ing|tag|tagging|sort|sorting|classify|classifying|categori[sz]e|categori[sz]ing|group|grouping|bucket|bucketing|split|code|coding|"
    r"mark|organi[sz]e|break\s+(?:\w+\s+)?down)\b[^.!?\n]{0,80}?\bby\s+(?:the\s+|their\s+|its\s+|what\s+)?[A-Za-z][\w' /-]{1,40}$",
    re.I,
)
# "按来访原因分一下", "按问题类型来归类"
_BY_DIMENSION_ZH = re.compile(r"(?:按照?|根据)[\u4e00-\u9fff]{1,10}?(?:来|进行)?(?:分类|归类|划分|区分|分|标注|标|打标)(?:一下|下)?$")
_QUANTITY = re.compile(QUANTITY_IN_ITEM, re.I)
_CLAUSE_EN = re.compile(CLAUSE_WORDS_EN, re.I)
_END = re.compile(r"[。！？!?\n]|\.(?=\s|$)")


def _head_kind(head: str) -> str | None:
    head = head.strip()
    if not head:
        return None
    if has_cjk(head):
        if _BY_DIMENSION_ZH.search(head):
            return "dimension"
        return "question" if len(head) <= 30 and _QUESTION_ZH.search(head) else None
    if _BY_DIMENSION_EN.search(head):
        return "dimension"
    return "question" if len(head.split()) <= 12 and _QUESTION_EN.search(head) else None


def _answer_ok(label: str) -> bool:
    """A short answer: a word or a few, no quantity, no pronoun or verb of a sentence."""
    if not label or _QUANTITY.search(label):
        return False
    if has_cjk(label):
        return len(label) <= 8
    return len(label.split()) <= 4 and _CLAUSE_EN.search(label) is None


# a prefix that negates or grades the answer it is written before
_GRADING_PREFIX = re.compile(r"^(?:不太|不|没有?|非|无|未|部分|基本|(?:partly|partially|mostly|somewhat|not|largely)\s+|in|un|non-?|ir|im|il|dis)(?P<rest>.+)$", re.I)
# an answer that is a yes/no word, a middle or a catch-all on its own
_ALTERNATIVE = re.compile(
    r"^(?:是|否|不是|有|没有|无|对|错|一般|中性|其他|其它|说不清|看不清|不确定|无法判断|不清楚|不好说|"
    r"yes|no|right|wrong|neutral|mixed|other|others|unsure|not sure|unclear|can'?t tell|n/?a|partly|partially|somewhat|maybe)$",
    re.I,
)


def _alternatives(labels: list[str]) -> bool:
    """Whether the answers exclude one another: a negated or graded pair, or a yes/no, middle or catch-all answer."""
    stems = {re.sub(r"[了的]$", "", label.casefold().strip()) for label in labels}
    for label in labels:
        if _ALTERNATIVE.match(label.strip()):
            return True
        m = _GRADING_PREFIX.match(re.sub(r"[了的]$", "", label.casefold().strip()))
        if m and m.group("rest").strip() in stems:
            return True
    return False


def answer_list_candidates(text: str, split: Split) -> list[Candidate]:
    """Lists right after a question or a by-dimension, running to the end of their sentence."""
    found: list[Candidate] = []
    for sep in _SEP.finditer(text):
        starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, sep.start())]
        head = text[starts[-1] if starts else 0 : sep.start()]
        kind = _head_kind(head)
        if kind is None:
            continue
        stop = _END.search(text, sep.end())
        end = stop.start() if stop else len(text)
        body = text[sep.end() : end]
        labels, other, consumed = split(body)
        labels = [label.strip() for label in labels if label.strip()]
        if len(labels) < (2 if kind == "question" else 3) or len(set(labels)) < len(labels):
            continue
        if consumed < len(body.rstrip(" \t?？.。")) - 1 or not all(_answer_ok(label) for label in labels):
            continue  # the list must be the whole rest of its sentence ("…, other?" ends it)
        if not re.search(r"、|,|，|/|\bor\b|或|还是", body[:consumed], re.I):
            continue
        if kind == "question" and not _alternatives(labels):
            continue  # "are they any good: accurate, complete, no made-up action items" lists criteria
        found.append(Candidate(labels, body[:consumed].strip(), sep.end(), sep.end() + consumed, "answer_list", other=other))
    return found
