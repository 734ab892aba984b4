"""What the LLM writes when it drafts a rulebook: the structured answer the draft step asks for.

Kept apart from the drafting code so that `revise` (and through it `rulebook check`) can name it without
loading the drafting engines.
"""

from __future__ import annotations

from pydantic import Field

from assistant.core.models import Contract, EdgeCaseRule, GlossaryTerm, RuleLabel, TaskType


class RulebookDraft(Contract):
    """What the LLM writes; provenance fields are filled in by the code."""

    title: str
    task_type: TaskType
    task_definition: str
    purpose: str = ""
    scope_in: list[str] = Field(default_factory=list)
    scope_out: list[str] = Field(default_factory=list)
    labels: list[RuleLabel] = Field(min_length=1)
    multi_label: bool = False
    ordinal: bool = False
    decision_procedure: list[str] = Field(default_factory=list)
    edge_cases: list[EdgeCaseRule] = Field(default_factory=list)
    output_format: str = ""
    glossary: list[GlossaryTerm] = Field(default_factory=list)
