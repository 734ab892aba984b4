"""The offline engine's draft: the request's labels and words first, past projects' rules only where a label matches.

A label with no grounding is listed as needing a definition, never invented.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from assistant.core.messages import Items
from assistant.core.messages import text as message_text
from assistant.core.models import (
    NEW_SOURCE,
    REQUEST_SAMPLE_SOURCE,
    Origin,
    Provenance,
    Breakdown,
    ChangeLogEntry,
    EdgeCaseRule,
    FieldStatus,
    PastProject,
    Polarity,
    QualityStandards,
    RuleLabel,
    Rulebook,
    TaskType,
)
from assistant.breakdown.five_w2h import first_clause, output_language
from assistant.rulebook.request import foreign_names, purpose_of, request_definition, request_labels, request_text, rewrite, scrub, scrub_examples
from assistant.rulebook.grounding import (
    _candidate_labels,
    _pick_examples,
    _rank_examples,
    _source_projects,
    _task_type,
    examples_for,
    ground_labels,
    label_key,
)

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase


def _sample_edge_cases(samples: list[str], labels: list[RuleLabel], embedder: Any, language: str) -> list[EdgeCaseRule]:
    """Unlabeled sample items that sit between two labels become open edge cases for the trial."""
    examples = [(label.name, example) for label in labels for example in label.examples if example.polarity == Polarity.positive]
    if not samples or len(examples) < 2:
        return []
    vectors = embedder.embed([example.text for _, example in examples])
    cases = []
    for text in samples[:200]:
        scores = vectors @ embedder.embed([text])[0]
        best: dict[str, float] = {}
        for (name, _), score in zip(examples, scores):
            best[name] = max(best.get(name, -1.0), float(score))
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if len(ranked) >= 2 and ranked[0][1] > 0.15 and ranked[0][1] - ranked[1][1] < 0.05:
            first, second = ranked[0][0], ranked[1][0]
            resolution = message_text("rulebook.offline.edge_between", language, first=first, second=second)
            cases.append(EdgeCaseRule(case=text[:300], resolution=resolution, labels=[first, second], source=REQUEST_SAMPLE_SOURCE))
        if len(cases) >= 5:
            break
    return cases


def _generic_procedure(names: list[str], language: str, ordinal: bool) -> list[str]:
    step = "rulebook.offline.step_ordinal" if ordinal else "rulebook.offline.step_priority"
    steps = [
        message_text("rulebook.offline.step_read", language),
        message_text(step, language, order=" > ".join(names)),
        message_text("rulebook.offline.step_counter_cues", language),
        message_text("rulebook.offline.step_unsure", language),
    ]
    return steps


def _first_change(language: str, used: list[PastProject], review: list[str]) -> str:
    """The first change-log line, in the draft's language (ids and labels joined with ", " in every language)."""
    if used:
        line = message_text("note.first_draft_offline_reusing", language, projects=", ".join(p.id for p in used))
    else:
        line = message_text("note.first_draft_offline", language)
    if review:
        line += "; " + message_text("note.labels_defined_from_request", language, labels=", ".join(review))
    return line


def offline_rulebook(
    breakdown: Breakdown,
    past: dict[str, PastProject],
    kb: "KnowledgeBase | None",
    embedder: Any,
    *,
    samples: list[str] | None = None,
    title: str | None = None,
) -> Rulebook:
    """A rulebook for this request: its labels and words first, past projects' rules only where a label matches."""

    language = output_language(breakdown.language)
    zh = language == "zh"
    task_type = _task_type(breakdown, past)
    sources = _source_projects(breakdown, past, task_type)
    named = request_labels(breakdown)
    if named:
        targets, names_origin = named
    else:
        targets = _candidate_labels(breakdown, sources)
        field = breakdown.what.candidate_labels
        names_origin = (
            Provenance(origin=Origin.past_project, source=field.source or (sources[0].id if sources else None))
            if field.status == FieldStatus.from_past_project or field.status == FieldStatus.missing
            else Provenance(origin=Origin.generated, review=True)
        )
    targets = list(dict.fromkeys(targets))
    # a label named like a past project's label (same task type) reuses its rules even when that project is not among the nearest
    same_type = [project for project in past.values() if project.task_type == task_type and project not in sources]
    groundings = ground_labels(targets, [*sources, *same_type], kb, task_type)
    query_vector = embedder.embed([breakdown.request])[0] if embedder is not None else None
    own = {label_key(t) for t in targets}
    ordinal_hint = bool(breakdown.ordinal)

    used_ids = [g.project for g in groundings if g.project in past]
    primary = past[used_ids[0]] if used_ids else None
    same_label_set = primary is not None and own == {label_key(l.name) for l in primary.rules.labels}
    ordinal = ordinal_hint if breakdown.ordinal is not None else bool(primary and primary.rules.ordinal and same_label_set)

    labels: list[RuleLabel] = []
    all_names = [*targets]
    for grounding in groundings:
        if grounding.project in past:
            source_label = past[grounding.project].label(grounding.source_label or "")
            if source_label is not None:
                all_names += [a for a in [source_label.name, *source_label.aliases] if label_key(a) != label_key(grounding.target)]
    foreign = foreign_names(past, all_names)
    for grounding in groundings:
        definition_from_request = request_definition(grounding.target, names_origin.quote, task_type, language, ordinal)
        if grounding.project is None or grounding.project not in past:
            labels.append(
                RuleLabel(
                    name=grounding.target,
                    definition=definition_from_request,
                    source=NEW_SOURCE,
                    name_origin=names_origin,
                    definition_origin=Provenance(
                        origin=names_origin.origin if names_origin.quote and names_origin.origin in (Origin.request, Origin.answers) else Origin.generated,
                        quote=names_origin.quote,
                        review=True,
                    ),
                )
            )
            continue
        project = past[grounding.project]
        source_label = project.label(grounding.source_label or "")
        assert source_label is not None
        rename = {g.source_label: g.target for g in groundings if g.project == project.id and g.source_label}
        candidates = _rank_examples(examples_for(project, source_label.name, rename), query_vector, embedder)
        definition = rewrite(source_label.definition, foreign, rename, all_names)
        labels.append(
            RuleLabel(
                name=grounding.target,
                definition=definition or definition_from_request,
                criteria=scrub(source_label.criteria, foreign, rename, all_names),
                cues=scrub(source_label.cues, foreign, rename, all_names),
                counter_cues=scrub(source_label.counter_cues, foreign, rename, all_names),
                aliases=[alias for alias in [source_label.name, *source_label.aliases] if label_key(alias) != label_key(grounding.target)],
                examples=_pick_examples(scrub_examples(candidates, foreign, rename, own, all_names)),
                source=project.id,
                name_origin=names_origin,
                definition_origin=Provenance(origin=Origin.past_project, source=project.id, review=grounding.score < 1.0)
                if definition
                else Provenance(origin=Origin.generated, quote=names_origin.quote, review=True),
            )
        )

    used = [past[pid] for pid in dict.fromkeys(used_ids)]
    edge_cases: list[EdgeCaseRule] = []
    for project in used:
        rename = {g.source_label: g.target for g in groundings if g.project == project.id and g.source_label}
        for edge in project.rules.edge_cases:
            case, resolution = rewrite(edge.case, foreign, rename, all_names), rewrite(edge.resolution, foreign, rename, all_names)
            if case is None or resolution is None:
                continue
            mentioned = [t for t in targets if t in case or t in resolution]
            if (same_label_set and project is primary) or mentioned:
                edge_cases.append(EdgeCaseRule(case=case, resolution=resolution, labels=mentioned, source=project.id))
    edge_cases.extend(_sample_edge_cases(samples or [], labels, embedder, language) if embedder is not None else [])

    provenance: dict[str, Provenance] = {}
    reused_procedure = scrub(primary.rules.decision_procedure, foreign, {}, all_names) if primary and same_label_set else []
    if reused_procedure:
        procedure = reused_procedure
        provenance["decision_procedure"] = Provenance(origin=Origin.past_project, source=primary.id if primary else None)
    else:
        procedure = _generic_procedure(targets, language, ordinal)
        provenance["decision_procedure"] = Provenance(origin=Origin.generated, review=True)

    target = breakdown.how_much.target_agreement
    quality = QualityStandards()
    provenance["quality"] = Provenance(origin=Origin.generated, review=True)
    if target.status != FieldStatus.missing and isinstance(target.value, (int, float)) and 0 < float(target.value) <= 1:
        quality.target_agreement = float(target.value)
        provenance["quality"] = Provenance(origin=Origin.answers if (target.evidence or "").startswith("answer:") else Origin.request, quote=target.evidence)
    qa_plan = breakdown.how.qa_plan.value
    if isinstance(qa_plan, dict) and isinstance(qa_plan.get("sample_rate"), (int, float)):
        quality.qa_sampling_rate = float(qa_plan["sample_rate"])

    statement = str(breakdown.what.task_statement.value or first_clause(breakdown.request))
    task = "rulebook.offline.task_spans" if task_type == TaskType.ner else "rulebook.offline.task_scale" if ordinal else "rulebook.offline.task_choose"
    task_definition = message_text(task, language, labels=Items(targets, plain=True), statement=statement)
    purpose, purpose_origin = purpose_of(breakdown)
    provenance.update(
        title=Provenance(origin=Origin.request, quote=statement),
        task_definition=Provenance(origin=Origin.request, quote=statement),
        purpose=purpose_origin,
        labels=names_origin,
        edge_cases=Provenance(origin=Origin.past_project, source=used[0].id) if edge_cases and used else Provenance(origin=Origin.generated),
    )
    output_format = scrub([primary.rules.output_format], foreign, {}) if primary and same_label_set and primary.rules.output_format else []
    provenance["output_format"] = Provenance(origin=Origin.past_project, source=primary.id) if output_format and primary else Provenance(origin=Origin.generated)
    review = [label.name for label in labels if label.definition_origin and label.definition_origin.origin != Origin.past_project]
    return Rulebook(
        title=title or message_text("rulebook.offline.title", language, statement=first_clause(statement, 30 if zh else 60)),
        language=language,
        task_type=task_type,
        task_definition=task_definition,
        purpose=purpose,
        scope_in=[],
        scope_out=[],
        labels=labels,
        multi_label=bool(primary and primary.rules.multi_label and same_label_set),
        ordinal=ordinal,
        decision_procedure=procedure,
        edge_cases=edge_cases,
        output_format=output_format[0] if output_format else message_text("rulebook.offline.output_format", language),
        quality=quality,
        glossary=[],
        changelog=[ChangeLogEntry(version=1, date=date.today().isoformat(), change=_first_change(language, used, review))],
        sources=[project.id for project in used],
        provenance=provenance,
        request=request_text(breakdown),
        project_id=breakdown.project_id,
        engine="offline",
    )
