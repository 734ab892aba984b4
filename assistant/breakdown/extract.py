"""Rule-based extraction of the facts a request *states*.

The offline engine of the breakdown step cannot ask a model what a product
owner meant, so it only keeps what the request says in so many words: a volume
("3万条", "5k items"), a deadline ("下个月底前", "by Dec 15"), a budget, the time
one item takes, a target agreement, the number of annotators, a QA sampling
rate, languages, channels and data modalities.

Every extractor is a pure function of the text (and, for deadlines, of an
explicit ``today``). Each returns :class:`Fact` objects that carry the
normalised value and the exact evidence with its character offsets, so that a
later step can quote the request back and nothing is ever invented.

The guiding rule is precision over recall: a number only becomes a volume when
a counting word or a data noun says it is one ("3万条", "5,000 samples"); a
money amount only becomes a budget when it is stated as money and not as the
price of a product; a date only becomes a deadline when a cue says so ("前",
"之前", "by", "before", "within"). "Top 3", "4 labels", "第2版", years,
percentages, dates, phone numbers and rates ("每人每天500条") yield nothing.

Conventions of the values
-------------------------
- volume, annotators, overlap: ``int``; ``unit`` says what is counted
  ("items", "dialogues", "images", "hours", ...). Volumes below 10 are ignored
  (a request that names "一条消息" or "two images" is describing, not sizing).
- deadline: ISO date string; ``raw`` keeps the phrase as written, ``relative``
  is True when the phrase is relative to ``today`` ("两周内", "月底前", "本周五",
  "in 10 days"). A date without a year resolves to its next occurrence on or
  after ``today``; "Q1" resolves to the last day of that quarter. "End of week"
  is Sunday. Business days skip Saturdays and Sundays.
- budget, unit_price: ``{"amount": float, "currency": "CNY"|"USD"|...|None}``;
  the currency is None only when an English request gives a bare number
  ("budget of 3000"). A Chinese budget word without a currency means CNY.
- time_per_item: seconds as float.
- target_agreement: a fraction in [0, 1] (kappa and alpha as given); ``metric``
  says which: "agreement", "accuracy", "kappa", "alpha", "f1", "precision",
  "recall", "pass_rate".
- qa_rate: fraction in [0, 1].
- language: ISO 639-1 style codes ("zh", "en", "yue", "es", ...).
- channel: "chat", "phone", "email", "app_review", "social", "search", "web",
  "product_review", "ticket", "survey", "forum".
- modality: "text", "dialogue", "image", "audio", "video".
- ``qualifier`` records "about" / "at least" / "more than" / "at most" /
  "less than" when the request hedges the number.
- ``unit_price`` ("每条0.5元") and ``overlap`` (annotators per item, "每条3人标注")
  are kinds of their own so that they are never mistaken for a budget or a
  head count.

The patterns use atomic groups, so the module needs Python 3.11 or later.

The extractors live in small modules beside this one (numbers, facts, volumes, deadlines, money,
durations, agreement, annotators, context_facts); this module re-exports them and runs them all.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from assistant.breakdown.agreement import (
    extract_qa_rate as extract_qa_rate,
)
from assistant.breakdown.agreement import (
    extract_target_agreement as extract_target_agreement,
)
from assistant.breakdown.annotators import (
    extract_annotators as extract_annotators,
)
from assistant.breakdown.annotators import (
    extract_overlap as extract_overlap,
)
from assistant.breakdown.context_facts import (
    extract_channel as extract_channel,
)
from assistant.breakdown.context_facts import (
    extract_language as extract_language,
)
from assistant.breakdown.context_facts import (
    extract_modality as extract_modality,
)
from assistant.breakdown.context_facts import (
    request_language as request_language,
)
from assistant.breakdown.deadlines import (
    extract_deadline as extract_deadline,
)
from assistant.breakdown.durations import (
    extract_time_per_item as extract_time_per_item,
)
from assistant.breakdown.facts import (
    _MONEY_KINDS,
    _dedupe,
)
from assistant.breakdown.facts import (
    Fact as Fact,
)
from assistant.breakdown.facts import (
    FactKind as FactKind,
)
from assistant.breakdown.money import (
    extract_budget as extract_budget,
)
from assistant.breakdown.money import (
    extract_unit_price as extract_unit_price,
)
from assistant.breakdown.numbers import (
    parse_cn_number as parse_cn_number,
)
from assistant.breakdown.numbers import (
    parse_en_number as parse_en_number,
)
from assistant.breakdown.volumes import (
    extract_volume as extract_volume,
)

__all__ = [
    "Fact",
    "FactKind",
    "EXTRACTORS",
    "extract_facts",
    "extract_volume",
    "extract_deadline",
    "extract_budget",
    "extract_unit_price",
    "extract_time_per_item",
    "extract_target_agreement",
    "extract_annotators",
    "extract_overlap",
    "extract_qa_rate",
    "extract_language",
    "extract_channel",
    "extract_modality",
    "request_language",
    "parse_cn_number",
    "parse_en_number",
]

# --------------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------------

EXTRACTORS: dict[str, Callable[..., list[Fact]]] = {
    "volume": extract_volume,
    "deadline": extract_deadline,
    "budget": extract_budget,
    "unit_price": extract_unit_price,
    "time_per_item": extract_time_per_item,
    "target_agreement": extract_target_agreement,
    "annotators": extract_annotators,
    "overlap": extract_overlap,
    "qa_rate": extract_qa_rate,
    "language": extract_language,
    "channel": extract_channel,
    "modality": extract_modality,
}
_KIND_ORDER = {kind: index for index, kind in enumerate(EXTRACTORS)}


def extract_facts(text: str, today: date) -> list[Fact]:
    """All facts the request states, in order of appearance, no two of one kind overlapping."""
    if not text or not text.strip():
        return []
    facts: list[Fact] = []
    for kind, extractor in EXTRACTORS.items():
        found = extractor(text, today) if kind == "deadline" else extractor(text)
        facts.extend(found)
    # a number claimed by a more specific kind is not also a volume ("5个标注员" never is; this is a guard)
    money_spans = [(f.start, f.end) for f in facts if f.kind in _MONEY_KINDS]
    facts = [
        f for f in facts
        if not (f.kind == "volume" and any(s < f.end and f.start < e for s, e in money_spans))
    ]
    return sorted(_dedupe(facts), key=lambda f: (f.start, f.end, _KIND_ORDER[f.kind]))
