"""A breakdown field's value as the request states it, or as the engine infers it."""

from __future__ import annotations

from typing import Any

from assistant.breakdown.extract import Fact
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus


def stated(value: Any, fact_or_evidence: Fact | str, confidence: float = 0.9) -> BreakdownField:
    """`value`, stated by the request: the fact (or the quote) it was read from is the evidence."""
    evidence = fact_or_evidence.evidence if isinstance(fact_or_evidence, Fact) else fact_or_evidence
    return BreakdownField(value=value, status=FieldStatus.stated, confidence=confidence, evidence=evidence)


def inferred(value: Any, evidence: str | None, confidence: float) -> BreakdownField:
    """`value`, inferred (not stated) with `confidence`, from `evidence` when there is one."""
    return BreakdownField(value=value, status=FieldStatus.inferred, confidence=confidence, evidence=evidence)


def settle_deadline(draft: BreakdownDraft, field: BreakdownField) -> None:
    """Set the deadline a reader found, and drop the question that asked for it."""
    draft.when.deadline = field
    draft.questions = [q for q in draft.questions if q.field != "when.deadline"]
