"""Figures about the past are history, not this project's requirements.

"Last year our vendor only reached 72% agreement. We need 85%" states a target of 0.85, not 0.72;
"去年做过一批，当时预算是5万" states no budget. A stated target or budget whose clause speaks of the past
(去年/之前/上次/当时/原来, last year/previously/the old …/was) is dropped; another figure of the same kind
in a clause about now (要/希望/需要/目标, need/want/target/at least) replaces it when there is one.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.breakdown.extract import Fact, extract_budget, extract_target_agreement
from assistant.breakdown.field_values import stated as _stated
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["hold_past_figures", "figure_in_past"]

_PAST = re.compile(
    r"去年|前年|之前|以前|上次|上一次|上一批|上一轮|当时|原来|原先|过去|曾经|旧的?|老(?:的|版|一版|模型|系统|方案|供应商|外包|规则|流程|数据)|只有|只做到|才到|才有|"
    r"\b(?:last (?:year|time|round|quarter|month)|previous(?:ly)?|before this|in the past|the old|our old|used to|was|were|had|only (?:reached|got|hit|managed))\b",
    re.I,
)
_STRONG_PAST = re.compile(
    r"去年|前年|以前|上次|上一次|上一批|上一轮|当时|曾经|\b(?:last (?:year|time|round|quarter|month)|previously|in the past|used to)\b", re.I
)
# "kappa才0.52", "only 0.61": a figure said to fall short
_ONLY = re.compile(r"才\s*(?:\d|0?\.\d|[一二两三四五六七八九])|\bonly\s+(?:about\s+)?(?:0?\.\d|\d)", re.I)
_NOW = re.compile(r"要|希望|需要|目标|达到|做到|至少|不低于|这次|本次|\b(?:need|needs|want|target|at least|aim|must|should|require[sd]?|this time|now)\b|≥|>=", re.I)


def _clause(text: str, start: int, end: int) -> str:
    lefts = [m.end() for m in re.finditer(r"[，,。;；!！?？\n]|\.(?=\s)", text[:start])]
    right = re.search(r"[，,。;；!！?？\n]|\.(?=\s|$)", text[end:])
    return text[(lefts[-1] if lefts else 0) : end + right.start() if right else len(text)]


def _past(text: str, fact: Fact | None, evidence: str | None) -> bool:
    if fact is None and evidence:
        at = text.find(evidence)
        if at < 0:
            return False
        start, end = at, at + len(evidence)
    elif fact is not None:
        start, end = fact.start, fact.end
    else:
        return False
    clause = _clause(text, start, end)
    if _NOW.search(clause):
        return False
    if _PAST.search(clause) or _ONLY.search(clause):
        return True
    # "以前外包做过一次，kappa才0.52": the clause before, in the same sentence, sets the time
    sentence_start = max([m.end() for m in re.finditer(r"[。;；!！?？\n]|\.(?=\s)", text[:start])], default=0)
    return bool(_STRONG_PAST.search(text[sentence_start:start]))


def figure_in_past(text: str, evidence: str) -> bool:
    """The clause this figure sits in speaks of the past and not of now ("去年外包那批准确率才六成多")."""
    return _past(text, None, evidence)


def _hold(field: BreakdownField, facts: list[Fact], text: str, make: Any) -> BreakdownField:
    if field.status != FieldStatus.stated or not _past(text, None, field.evidence):
        return field
    for fact in facts:
        if not _past(text, fact, None) and fact.evidence != field.evidence:
            return make(fact)
    return BreakdownField()


_PAST_METRIC = re.compile(
    r"(?:准确率|正确率|一致率|一致性|合格率|召回率|F1|kappa|κ|IAA|alpha|α|agreement|accuracy)[^，,。;；\n]{0,10}?(?:\d{1,3}(?:\.\d+)?\s*%|0?\.\d+)", re.I
)
_NOW_FIGURE = re.compile(
    r"(?:这次|本次|这回|现在|this time|now)?[^，,。;；\n\d]{0,6}?(?:要|希望|需要|目标|至少|不低于|\bneed\b|\bwant\b|\baim\b|\bat least\b)[^，,。;；\n\d]{0,6}?(?P<v>\d{2}(?:\.\d)?\s*%|0?\.\d{1,3})(?![\d%])",
    re.I,
)


def _target_after_past(text: str) -> Fact | None:
    """"上次外包准确率只有85%，这次要95%以上": a metric about the past, then a wanted figure in the next clause."""
    for m in _PAST_METRIC.finditer(text):
        if not _past(text, None, m.group(0)):
            continue
        later = _NOW_FIGURE.search(text, m.end(), min(len(text), m.end() + 40))
        if later is None or re.search(r"[。;；!！?？\n]", text[m.end() : later.start()]):
            continue
        token = later.group("v").replace(" ", "")
        value = float(token[:-1]) / 100 if token.endswith("%") else float(token)
        if 0 < value <= 1:
            return Fact(kind="target_agreement", value=round(value, 3), evidence=later.group(0).strip(), start=later.start(), end=later.end(), raw=later.group(0))
    return None


def hold_past_figures(draft: BreakdownDraft, text: str) -> None:
    if draft.how_much.target_agreement.status != FieldStatus.stated:
        found = _target_after_past(text)
        if found is not None:
            draft.how_much.target_agreement = _stated(found.value, found, 0.8)
    draft.how_much.target_agreement = _hold(
        draft.how_much.target_agreement, extract_target_agreement(text) + _percent_targets(text), text, lambda f: _stated(f.value, f, 0.8)
    )
    draft.how_much.budget = _hold(draft.how_much.budget, extract_budget(text), text, lambda f: _stated(f.value, f, 0.8))


def _percent_targets(text: str) -> list[Fact]:
    """"希望到85%", "we need 85%": a percentage right after a word of wanting."""
    facts = []
    for m in re.finditer(r"(?:要到|希望到|达到|做到|到|need|want|target(?: of)?|at least)\s*(?P<v>\d{2}(?:\.\d)?)\s*%", text, re.I):
        value = float(m.group("v")) / 100
        if 0 < value <= 1:
            facts.append(Fact(kind="target_agreement", value=round(value, 3), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    # "这次希望至少0.7", "this time we want at least .75": a fraction after a word of wanting, once a past figure is named
    for m in re.finditer(r"(?:希望|要求|需要|目标|要)\s*(?:至少|不低于|达到|到|是)?\s*(?P<v>0?\.\d{1,3})(?![\d%])|\b(?:need|want|target(?: of)?|aim for)\s+(?:at least\s+)?(?P<e>0?\.\d{1,3})(?![\d%])", text, re.I):
        value = float(m.group("v") or m.group("e"))
        if 0 < value < 1:
            facts.append(Fact(kind="target_agreement", value=round(value, 3), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0)))
    return facts
