"""Keep a drafted rulebook about THIS request: its labels, its purpose, its words.

Shared by both drafting engines (offline assembly and the LLM's post-processing):

- `request_labels`: the label set the request or the answers name, with where it came from;
- `request_definition`: a definition built from the request's own words for a label no past
  project defines, marked for review;
- `purpose_of`: the request's own "why", or nothing (marked missing) — never a past project's;
- `scrub`: rule text reused from a past project that names a label outside this label set is
  rewritten to this label set (when the past label was mapped to one of ours) or left out;
- `figures_not_in`: numbers in a text that the request and answers never state;
- `enforce_request`: the LLM draft's labels, purpose and rule text held to the same rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from assistant.core.messages import text as message_text
from assistant.core.models import (
    Breakdown,
    FieldStatus,
    Origin,
    PastProject,
    Provenance,
    RuleExample,
    RuleLabel,
    Rulebook,
    TaskType,
)
from assistant.breakdown.five_w2h import output_language
from assistant.breakdown.request_labels import find_labels
from assistant.rulebook.grounding import label_key
from assistant.rulebook.label_mentions import figures_not_in, mentions, names_label

if TYPE_CHECKING:
    pass


def _key(name: str) -> str:
    return label_key(name)


def request_text(breakdown: Breakdown) -> str:
    """The request and every answer the requester gave: what a draft may quote."""
    return breakdown.request_text()


def _origin_of(field_evidence: str | None, breakdown: Breakdown) -> Origin:
    if field_evidence and (field_evidence.startswith("answer:") or any(field_evidence in answer for answer in breakdown.answers)):
        if field_evidence.startswith("answer:") or field_evidence not in breakdown.request:
            return Origin.answers
    return Origin.request


def request_labels(breakdown: Breakdown) -> tuple[list[str], Provenance] | None:
    """The labels the requester named (breakdown first, then a fresh reading of request and answers)."""
    field = breakdown.what.candidate_labels
    value = field.value
    if field.status == FieldStatus.stated and value:
        labels = [str(v).strip() for v in value] if isinstance(value, list) else [p.strip() for p in re.split(r"[、,，/;；]", str(value))]
        labels = [label for label in labels if label]
        if labels:
            quote = re.sub(r"^answer:\s*", "", field.evidence or "") or None
            return labels, Provenance(origin=_origin_of(field.evidence, breakdown), quote=quote)
    for text, origin in [*((answer, Origin.answers) for answer in reversed(breakdown.answers)), (breakdown.request, Origin.request)]:
        named = find_labels(text)
        if named:
            return named.labels, Provenance(origin=origin, quote=named.quote)
    return None


CATCH_ALL = re.compile(r"^(?:fine|normal|ok|okay|other|others|none|none of the above|neither|rest|正常|其他|其它|其余|无|都不是|以上都不是|一般)$", re.I)


def request_definition(label: str, quote: str | None, task_type: TaskType, language: str, ordinal: bool) -> str:
    """A definition from the request's own words, for a label no past project defines."""
    source = message_text("rulebook.request.quote", language, quote=quote) if quote else ""
    if CATCH_ALL.match(label.strip()) and not ordinal and task_type != TaskType.ner:
        kind = "rulebook.request.catch_all"
    elif ordinal:
        kind = "rulebook.request.grade"
    elif task_type == TaskType.ner:
        kind = "rulebook.request.spans"
    else:
        kind = "rulebook.request.items_about"
    return message_text(kind, language, label=label, source=source)


def purpose_of(breakdown: Breakdown) -> tuple[str, Provenance]:
    """The request's own why, or empty and marked missing (a question asks for it)."""
    goal = breakdown.why.business_goal
    if goal.status in (FieldStatus.stated, FieldStatus.inferred) and goal.value:
        text = str(goal.value)
        if not figures_not_in(text, request_text(breakdown)):
            return text, Provenance(origin=_origin_of(goal.evidence, breakdown), quote=goal.evidence)
    return "", Provenance(origin=Origin.missing)


def foreign_names(past: dict[str, PastProject], own: Iterable[str]) -> set[str]:
    """Label names of past projects that are not labels (or aliases) of this rulebook."""
    mine = {_key(name) for name in own}
    return {label.name for project in past.values() for label in project.rules.labels if _key(label.name) not in mine}


def _mask(text: str, own: Iterable[str]) -> str:
    """`text` without our own label names, so "投诉" is not found inside our label "愤怒投诉"."""
    for name in sorted(own, key=len, reverse=True):
        if name and mentions(text, name):
            text = text.replace(name, " ") if re.search(r"[\u4e00-\u9fff]", name) else re.sub(
                rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])", " ", text, flags=re.I
            )
    return text


# "以上六类都不是", "不属于上述5种情况", "none of the five categories above": a past project's count of all its other labels,
# wrong in this rulebook ("其他两类之间犹豫时", "the two annotators" count something else and stay)
_COUNTED_ZH = re.compile(
    r"(?:(?<=不属于)|(?<=不是)|(?<=不在)|(?<=除了))(以上|上面|上述|前面)(?:的)?[一二两三四五六七八九十\d]+(类|种|个类别|个标签|个选项)"
    r"|(以上|上面|上述|前面)(?:的)?[一二两三四五六七八九十\d]+(类|种|个类别|个标签|个选项)(?=(?:都|均|皆|全)不|以外|之外)"
)
_COUNTED_EN = re.compile(
    r"\b(none of|not one of|not in|outside|other than|besides|any of)\s+(the|these|those)\s+(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|\d+)\s+((?:other\s+)?(?:categories|classes|labels|types|options|intents|topics))\b",
    re.I,
)


def uncounted(text: str) -> str:
    """`text` without a past project's count of its labels ("以上六类" -> "以上各类", "the five categories" -> "the categories")."""
    zh = _COUNTED_ZH.sub(lambda m: f"{m.group(1) or m.group(3)}各{m.group(2) or m.group(4)}", text)
    return _COUNTED_EN.sub(r"\1 \2 \3", zh)


def rewrite(text: str, foreign: set[str], rename: dict[str, str], own: Iterable[str] = ()) -> str | None:
    """`text` with past label names mapped to ours, and no count of the past project's labels; None when it names a
    label we do not have."""
    out = uncounted(text)
    for old in sorted(rename, key=len, reverse=True):
        new = rename[old]
        if old != new and mentions(out, old):
            if re.search(r"[\u4e00-\u9fff]", old):
                out = out.replace(old, new)
            else:
                out = re.sub(rf"(?<![A-Za-z_]){re.escape(old)}(?![A-Za-z_])", new, out, flags=re.I)
    masked = _mask(out, [*own, *rename.values()])
    for name in foreign:
        if name in rename:
            continue
        if names_label(masked, name):
            return None
    return out


def scrub(lines: Iterable[str], foreign: set[str], rename: dict[str, str], own: Iterable[str] = ()) -> list[str]:
    kept = []
    own = list(own)
    for line in lines:
        new = rewrite(line, foreign, rename, own)
        if new is not None:
            kept.append(new)
    return kept


def scrub_examples(examples: Iterable[RuleExample], foreign: set[str], rename: dict[str, str], own: set[str], names: Iterable[str] = ()) -> list[RuleExample]:
    kept = []
    names = list(names)
    for example in examples:
        explanation = rewrite(example.explanation, foreign, rename, names)
        if explanation is None or _key(example.label) not in own:
            continue
        correct = example.correct_label if example.correct_label and _key(example.correct_label) in own else None
        kept.append(example.model_copy(update={"explanation": explanation, "correct_label": correct}))
    return kept


def enforce_request(rulebook: Rulebook, breakdown: Breakdown, past: dict[str, PastProject]) -> tuple[Rulebook, list[str]]:
    """An LLM draft held to the request: its named labels kept, no invented purpose, no foreign label names."""
    notes: list[str] = []
    language = output_language(breakdown.language)
    named = request_labels(breakdown)
    labels = list(rulebook.labels)
    have = {_key(label.name) for label in labels}
    if named:
        names, provenance = named
        for name in names:
            if _key(name) not in have:
                labels.append(
                    RuleLabel(
                        name=name,
                        definition=request_definition(name, provenance.quote, rulebook.task_type, language, rulebook.ordinal),
                        name_origin=provenance,
                        definition_origin=Provenance(origin=Origin.request, quote=provenance.quote, review=True),
                    )
                )
                have.add(_key(name))
                notes.append(f"label {name!r} named by the requester was missing from the draft; added")
    named_keys = {_key(name) for name in named[0]} if named else set()
    own = {_key(n) for label in labels for n in [label.name, *label.aliases]}
    foreign = foreign_names(past, [n for label in labels for n in [label.name, *label.aliases]])
    fixed = []
    for label in labels:
        origin = label.name_origin or (named[1] if _key(label.name) in named_keys and named else Provenance(origin=Origin.generated, review=True))
        definition_origin = label.definition_origin or (
            Provenance(origin=Origin.past_project, source=label.source) if label.source in past else Provenance(origin=Origin.generated, review=True)
        )
        fixed.append(
            label.model_copy(
                update={
                    "criteria": scrub(label.criteria, foreign, {}),
                    "cues": scrub(label.cues, foreign, {}),
                    "counter_cues": scrub(label.counter_cues, foreign, {}),
                    "examples": scrub_examples(label.examples, foreign, {}, own),
                    "name_origin": origin,
                    "definition_origin": definition_origin,
                }
            )
        )
    edge_cases = [
        edge.model_copy(update={"labels": [n for n in edge.labels if _key(n) in own]})
        for edge in rulebook.edge_cases
        if rewrite(edge.case, foreign, {}) is not None and rewrite(edge.resolution, foreign, {}) is not None
    ]
    purpose = rulebook.purpose
    provenance = dict(rulebook.provenance)
    stray = figures_not_in(purpose, request_text(breakdown))
    if stray:
        notes.append(f"purpose dropped: its figures {', '.join(stray)} appear in neither the request nor the answers")
        purpose = ""
    own_purpose, purpose_origin = purpose_of(breakdown)
    if not purpose:
        purpose = own_purpose
        provenance["purpose"] = purpose_origin
    else:
        provenance.setdefault("purpose", Provenance(origin=Origin.generated, review=True))
    provenance.setdefault("title", Provenance(origin=Origin.generated, review=True))
    provenance.setdefault("task_definition", Provenance(origin=Origin.generated, review=True))
    provenance["labels"] = named[1] if named else Provenance(origin=Origin.generated, review=True)
    return (
        rulebook.model_copy(
            update={
                "labels": fixed,
                "edge_cases": edge_cases,
                "decision_procedure": scrub(rulebook.decision_procedure, foreign, {}),
                "purpose": purpose,
                "provenance": provenance,
                "request": request_text(breakdown),
            }
        ),
        notes,
    )
