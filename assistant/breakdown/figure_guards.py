"""Figures beside the job that the readers took for the job's: a model's accuracy, a pass rate, staff who will not
label, a count of solar panels in 块, a price given "just so you know the scale". Run last, over the numbers read.

- the target: "A版在内部测试集上准确率87%", "the vendor's classifier hits 91% accuracy" (a model's score, said with no
  requirement), "面试通过率大概18%", "click-through rate 12%" (a rate of the business) are never the agreement target;
- the team: "我们风控组5个人不参与标注", "Moderation team is only 4 people, cant handle", "12-person CX team won't be
  annotating": people who will not label are not the annotators; "1500 questions, each need 3 people judge" is a
  team of 3 per item;
- the volume: "大概三千幾條" (Cantonese, "three thousand and some") is an open range 3000-3999, asked, never 3000;
- the budget: "组件大约9万块" (块 counting panels, no money word in the clause), "a 40' boat is $880 — not relevant,
  just so you know the scale" are not the budget.
"""

from __future__ import annotations

import re

from assistant.breakdown.field_values import stated
from assistant.breakdown.request_facts import _set_vague
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["guard_figures"]

_RATE_NOT_AGREEMENT = re.compile(r"通过率|点击率|检出率|命中率|转化率|留存率|退货率|出错率|\b(?:pass(?:ing)?\s+rate|click[- ]?through|hit\s+rate|conversion|retention|churn)\b", re.I)
_ACCURACY = re.compile(r"准确率|正确率|\baccuracy\b", re.I)
_MODEL_BEFORE = re.compile(r"(?:[A-Za-z]版|版本?|模型|测试集|系统|助手|算法|\b(?:vendor|model|classifier|engine|bot|version|system)(?:'s)?\b)[^，。；,.;!?\n]{0,14}$", re.I)
_REQUIRED = re.compile(r"要|需要|要求|目标|不低于|至少|达到|≥|>=|以上|\b(?:need|require[sd]?|target|at least|must|should|min(?:imum)?|want)\b", re.I)
_NOT_LABELLING = re.compile(
    r"^[^。；;.!?\n]{0,24}?(?:不参与|不参加|不负责|不做|不标|(?:won'?t|will\s+not|can'?t|cannot|cant|don'?t|do\s+not|aren'?t|are\s+not)\s+(?:be\s+)?"
    r"(?:annotat|label|tag|rat|help|handle|do\s+(?:it|this|the\s+labell?ing))|\bnot\s+(?:be\s+)?(?:annotat|label))",
    re.I,
)
_EACH_NEEDS = re.compile(r"\beach\s+(?:one\s+|item\s+|pair\s+|question\s+)?needs?\s+(?P<n>[2-9]|two|three|four|five)\s+(?:people|persons|raters|judges|reviewers|annotators)\b", re.I)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
_MONEY_WORD = re.compile(r"预算|钱|费用|经费|花|出|给|掏|拿|开|报价|价|成本|元|付|budget|pay|cost|fee|price", re.I)
_ASIDE_AFTER = re.compile(r"^[^.;!?\n。；]{0,12}?(?:not relevant|just so you know|for (?:context|scale|reference)|irrelevant|不相关|仅供参考|随便说说)", re.I)


def _at(text: str, evidence: str | None) -> int:
    return text.find(evidence) if evidence else -1


def _stated_at(field: BreakdownField, text: str) -> tuple[int, str] | None:
    """Where a stated figure's quote sits in the request, and the quote; None when it is not stated or not found."""
    at = _at(text, field.evidence)
    if field.status != FieldStatus.stated or at < 0:
        return None
    return at, field.evidence or ""


def guard_figures(draft: BreakdownDraft, text: str, language: str) -> None:
    _some_more(draft, text, language)
    _target(draft, text)
    _team(draft, text)
    _budget(draft, text)


_STEP = {"百": 100, "千": 1000, "万": 10_000, "萬": 10_000}


def _some_more(draft: BreakdownDraft, text: str, language: str) -> None:
    """"大概三千幾條", "两万几条": a round figure with 幾/几 after its magnitude is an open range (3000-3999), asked."""
    current = draft.how_much.volume
    at = _at(text, current.evidence)
    evidence = current.evidence or ""
    if current.status != FieldStatus.stated or at < 0 or not isinstance(current.value, int) or not evidence or evidence[-1] not in _STEP:
        return
    if re.match(r"[幾几]", text[at + len(evidence) : at + len(evidence) + 1]):
        quote = text[at : at + len(evidence) + 1]
        quote += (re.match(r"[\u4e00-\u9fff]", text[at + len(quote) : at + len(quote) + 1]) or [""])[0]
        _set_vague(draft, {"vague": quote, "low": current.value, "high": current.value + _STEP[evidence[-1]] - 1}, quote, language)


def _target(draft: BreakdownDraft, text: str) -> None:
    found = _stated_at(draft.how_much.target_agreement, text)
    if found is None:
        return
    at, evidence = found
    if _RATE_NOT_AGREEMENT.search(evidence):
        draft.how_much.target_agreement = BreakdownField()
        return
    if _ACCURACY.search(evidence):
        clause_start = max(text.rfind(c, 0, at) for c in "，。；,;!?\n") + 1
        before = text[clause_start:at]
        after = text[at + len(evidence) : at + len(evidence) + 8]
        if _MODEL_BEFORE.search(before) and not _REQUIRED.search(before + evidence + after):
            draft.how_much.target_agreement = BreakdownField()  # "A版在内部测试集上准确率87%": the model's score


def _team(draft: BreakdownDraft, text: str) -> None:
    current = draft.who.annotator_profile
    at = _at(text, current.evidence)
    if current.status == FieldStatus.stated and at >= 0:
        if _NOT_LABELLING.search(text[at + len(current.evidence or "") - 2 :]) or _NOT_LABELLING.search((current.evidence or "")[-4:]):
            draft.who.annotator_profile = BreakdownField()
            return
    if draft.who.annotator_profile.status == FieldStatus.missing:
        m = _EACH_NEEDS.search(text)
        if m:
            n = int(m.group("n")) if m.group("n").isdigit() else _WORDS[m.group("n").lower()]
            draft.who.annotator_profile = stated({"count": n}, m.group(0), 0.7)


def _budget(draft: BreakdownDraft, text: str) -> None:
    found = _stated_at(draft.how_much.budget, text)
    if found is None:
        return
    at, evidence = found
    end = at + len(evidence)
    if _ASIDE_AFTER.search(text[end : end + 40]):
        draft.how_much.budget = BreakdownField()  # "a 40' boat is $880 — not relevant, just so you know the scale"
        return
    if re.fullmatch(r"(?:大约|大概|约)?\s*[\d.]+\s*万?\s*块", evidence):
        clause_start = max(text.rfind(c, 0, at) for c in "，。；,;!?\n") + 1
        if not _MONEY_WORD.search(text[clause_start:at]) and re.search(r"[\u4e00-\u9fff]", text[max(clause_start, at - 6) : at]):
            draft.how_much.budget = BreakdownField()  # "组件大约9万块": 块 counts the panels
