"""An LLM reads a rule document the outline reader cannot follow; every field it returns is checked.

The answer (:class:`DocumentReading`) is checked against the document before anything is used:

* label names and every example text must occur in the document (after whitespace is ignored);
  an invented label stops the import, an invented example is dropped and reported;
* definitions, criteria, procedure steps and edge cases must be grounded in the document: most of
  their character pairs (bigrams) must occur in it; ungrounded ones are dropped and reported;
* labels must be unique and keep a definition; a counter-example's correct label must be a label.

:func:`read_with_llm` returns the same structure as
:func:`knowledge.documents.parse_rule_document` plus the list of problems; the caller shows both
and asks before writing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from assistant.core.language import prompt_name
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import EdgeCase, Example, LabelRule, Polarity
from assistant.llm.prompts import load_prompt

if TYPE_CHECKING:
    from assistant.llm.chat import LLM

__all__ = ["DocumentReading", "read_with_llm"]

PROMPT = "rule_document_read"
MAX_CHARS = 24000  # the document text sent; longer documents are cut (and the cut is reported)
GROUNDED = 0.6  # share of a field's character bigrams that must occur in the document


class CounterExample(BaseModel):
    text: str
    correct_label: str = ""


class ReadLabel(BaseModel):
    name: str
    definition: str = ""
    criteria: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    counter_examples: list[CounterExample] = Field(default_factory=list)


class ReadEdgeCase(BaseModel):
    case: str
    resolution: str


class DocumentReading(BaseModel):
    """What the LLM read from the document."""

    title: str = ""
    task_definition: str = ""
    labels: list[ReadLabel] = Field(default_factory=list)
    decision_procedure: list[str] = Field(default_factory=list)
    edge_cases: list[ReadEdgeCase] = Field(default_factory=list)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _bigrams(text: str) -> set[str]:
    text = _squash(text).lower()
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def _grounded(text: str, document_bigrams: set[str]) -> bool:
    grams = _bigrams(text)
    return bool(grams) and len(grams & document_bigrams) / len(grams) >= GROUNDED


def read_with_llm(markdown: str, llm: "LLM", *, source: str, language: str) -> tuple[dict, list[str]]:
    """The document read by the LLM and checked (see the module docstring): (parsed, problems)."""

    problems: list[str] = []
    text = markdown
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        problems.append(f"the document is long: only its first {MAX_CHARS} characters were read")
    result = llm.structured(
        load_prompt(PROMPT),
        {"document": text, "language": prompt_name(language)},
        DocumentReading,
        step="rule document",
    )
    reading = result.value
    whole = _squash(markdown)
    doc_grams = _bigrams(markdown)
    if not reading.labels:
        raise InputError(Message("error.doc_llm.no_labels", source=source))
    names = [label.name.strip() for label in reading.labels]
    invented = [name for name in names if not name or _squash(name) not in whole]
    if invented:
        raise InputError(Message("error.doc_llm.invented_labels", source=source, labels=str(invented)))
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(Message("error.doc_llm.duplicate_labels", source=source, labels=str(duplicates)))

    def keep(items: list[str], what: str) -> list[str]:
        out = []
        for item in (i.strip() for i in items):
            if not item:
                continue
            if _grounded(item, doc_grams):
                out.append(item)
            else:
                problems.append(f"dropped {what} not found in the document: {item[:60]!r}")
        return out

    labels, examples = [], []
    for label in reading.labels:
        name = label.name.strip()
        definition = label.definition.strip()
        if definition and not _grounded(definition, doc_grams):
            problems.append(f"dropped the definition of {name!r}: not found in the document")
            definition = ""
        if not definition:
            problems.append(f"{name!r} has no definition in the document: its name stands in for it")
        labels.append(LabelRule(name=name, definition=definition or name, criteria=keep(label.criteria, f"a criterion of {name!r}")))
        for example in label.examples:
            if example.strip() and _squash(example) in whole:
                examples.append(
                    Example(text=example.strip(), label=name, polarity=Polarity.positive, explanation="(read by the LLM from the document)")
                )
            elif example.strip():
                problems.append(f"dropped an example of {name!r} not in the document: {example[:60]!r}")
        for counter in label.counter_examples:
            if not counter.text.strip() or _squash(counter.text) not in whole:
                problems.append(f"dropped a counter-example of {name!r} not in the document: {counter.text[:60]!r}")
                continue
            correct = counter.correct_label.strip() or None
            if correct is not None and correct not in names:
                problems.append(f"counter-example {counter.text[:30]!r}: {correct!r} is not a label; kept without it")
                correct = None
            examples.append(
                Example(text=counter.text.strip(), label=name, polarity=Polarity.negative,
                        explanation="a look-alike of this label (read by the LLM)", correct_label=correct)
            )
    edge_cases = []
    for case in reading.edge_cases:
        if case.case.strip() and case.resolution.strip() and _grounded(case.case + case.resolution, doc_grams):
            edge_cases.append(EdgeCase(case=case.case.strip(), resolution=case.resolution.strip()))
        else:
            problems.append(f"dropped an edge case not found in the document: {case.case[:60]!r}")
    title = reading.title.strip()
    if title and not _grounded(title, doc_grams):
        problems.append(f"dropped the title {title[:60]!r}: not found in the document")
        title = ""
    task = reading.task_definition.strip()
    if task and not _grounded(task, doc_grams):
        problems.append("dropped the task definition: not found in the document")
        task = ""
    parsed = {
        "title": title,
        "task_definition": task or title,
        "labels": labels,
        "examples": examples,
        "decision_procedure": keep(reading.decision_procedure, "a procedure step"),
        "edge_cases": edge_cases,
        "output_format": "",
    }
    return parsed, problems
