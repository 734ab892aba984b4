"""An agreement target and a quoted total in English forms the cued readers leave open, read only when nothing
else gave them.

- the figure before its measure: "need 0.8 alpha", "aim for .75 kappa", "0.7 Krippendorff's alpha";
- the measure, its people, then the figure: "Agreement between your reviewers of at least 90 percent is expected",
  "agreement among the coders above 85%";
- the verb: "we want them to agree at least 80% of the time", "raters should agree on 85% of items";
- a flat price quoted for the whole job: "Jo quoted $1,100 flat", "a flat fee of $900", "$2,500 flat for all of it".

Not a budget: what the money buys ("the budget only covers 1,200", a count of calls).

Not a target: a figure from before ("last time alpha was 0.6"), a range of figures ("0.6-0.7 kappa"). Not a total: a
rate ("$1.40/sheet", "$32 an hour"), a price of the data ("the watch sold for $1,100").
"""

from __future__ import annotations

import re

from assistant.breakdown.field_values import stated
from assistant.breakdown.money import currency_code
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["english_figures"]

_BEFORE_METRIC = re.compile(
    r"(?<![\d.\-–])(?P<v>0?\.\d{1,3}|1\.0+)\s+(?:(?:krippendorff'?s|cohen'?s|fleiss'?)\s+)?(?:alpha|α|kappa|κ)\b", re.I
)
_AGREEMENT_AFTER_PEOPLE = re.compile(
    r"\bagreement\b(?P<between>[^.;\n]{0,50}?)\s+(?:of\s+)?(?:at\s+least|no\s+less\s+than|not\s+below|above|over|of)\s+"
    r"(?P<v>\d{2}(?:\.\d+)?)\s*(?:%|percent\b|per\s*cent\b)",
    re.I,
)
# the verb: "we want them to agree at least 80% of the time", "raters should agree on 85% of items"
_AGREE_VERB = re.compile(
    r"\bagree(?:s|d)?\s+(?:with\s+each\s+other\s+)?(?:on\s+)?(?:at\s+least|no\s+less\s+than|more\s+than|above|over|on)?\s*"
    r"(?P<v>\d{2}(?:\.\d+)?)\s*(?:%|percent\b|per\s*cent\b)",
    re.I,
)
_PAST = re.compile(r"\b(?:last|previous|prior|was|were|had|used to|currently|baseline)\b", re.I)
_FLAT = re.compile(
    r"\b(?:quoted|quote\s+of|flat\s+fee\s+of|flat\s+rate\s+of|fixed\s+price\s+of)\s+(?P<cur>US\$|C\$|A\$|S\$|\$|€|£|₹)\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?"
    r"(?!\s*(?:/|per\b|an?\s+(?:hour|item|page|sheet|word)|each\b))"
    r"|(?P<cur2>US\$|C\$|A\$|S\$|\$|€|£|₹)\s?(?P<n2>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?\s+flat\b(?!\s+(?:per|each|a|an)\b)",
    re.I,
)


# "the budget only covers 1,200": the number counts what the money buys, it is not the money
_BUDGET_COVERS = re.compile(r"\bbudget\s+(?:only\s+|just\s+)?(?:covers|allows(?:\s+for)?|pays\s+for|stretches\s+to|is\s+enough\s+for)\s+(?:about\s+)?[\d,.]+k?$", re.I)


def _target(text: str) -> tuple[float, str] | None:
    for m in _BEFORE_METRIC.finditer(text):
        if not _PAST.search(text[max(0, m.start() - 30) : m.start()]):
            return float(m.group("v")), m.group(0)
    for m in _AGREEMENT_AFTER_PEOPLE.finditer(text):
        value = float(m.group("v")) / 100
        if 0.5 <= value <= 1 and not _PAST.search(m.group("between")):
            return value, m.group(0)
    for m in _AGREE_VERB.finditer(text):
        value = float(m.group("v")) / 100
        if 0.5 <= value <= 1 and not _PAST.search(text[max(0, m.start() - 30) : m.start()]):
            return value, m.group(0)
    return None


def _flat(text: str) -> tuple[dict[str, object], str] | None:
    m = _FLAT.search(text)
    if m is None:
        return None
    amount = int((m.group("n") or m.group("n2")).replace(",", ""))
    return {"amount": float(amount), "currency": currency_code(m.group("cur") or m.group("cur2"))}, m.group(0)


def english_figures(draft: BreakdownDraft, text: str) -> None:
    """Fill the agreement target and the budget from the English forms of the module doc when they are missing."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return
    if draft.how_much.target_agreement.status != FieldStatus.stated and (target := _target(text)):
        draft.how_much.target_agreement = stated(target[0], target[1], 0.75)
    budget = draft.how_much.budget
    if budget.status == FieldStatus.stated and isinstance(budget.value, dict) and not budget.value.get("currency") and _BUDGET_COVERS.search(budget.evidence or ""):
        draft.how_much.budget = BreakdownField()
    if draft.how_much.budget.status != FieldStatus.stated and (flat := _flat(text)):
        draft.how_much.budget = stated(flat[0], flat[1], 0.7)
