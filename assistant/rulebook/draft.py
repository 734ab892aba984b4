"""Step 2: draft the rulebook annotators follow, grounded in past projects.

- offline: assemble the rulebook from the nearest past projects' labels, rules, edge cases and
  examples, adapted to the breakdown's candidate labels. A label with no grounding is listed as
  needing a definition, never invented.
- LLM: the `rulebook_draft` prompt with the retrieved rules and examples; structured output into
  `RulebookDraft`; examples that claim a past project must come from the retrieved set.

Either way the rulebook's token size is measured (it is the prefix of every pre-labeling prompt)
and kept within the budget by trimming examples, never below two positives and one negative per
label.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field

from assistant.core.errors import InputError
from assistant.core.messages import text as message_text
from assistant.core.models import (
    NEW_SOURCE,
    REQUEST_SAMPLE_SOURCE,
    Origin,
    Provenance,
    Breakdown,
    ChangeLogEntry,
    Contract,
    EdgeCaseRule,
    FieldStatus,
    GlossaryTerm,
    PastProject,
    Polarity,
    QualityStandards,
    RuleExample,
    RuleLabel,
    Rulebook,
    TaskType,
)

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

    from assistant.llm.chat import LLM
    from assistant.core.settings import Settings

MIN_POSITIVES, MIN_NEGATIVES = 2, 1
MAX_POSITIVES, MAX_NEGATIVES = 4, 3
RULE_MATCH_MIN_SCORE = 0.3


def label_key(name: str) -> str:
    """Labels compare without case, width or surrounding space ("Ｐｏｓｉｔｉｖｅ " == "positive")."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


# ---------------------------------------------------------------------------------------------
# The rulebook as a prompt prefix (shared with pre-labeling)
# ---------------------------------------------------------------------------------------------
def prompt_prefix(rulebook: Rulebook, *, examples_per_label: int | None = None) -> str:
    """The rulebook as the stable prefix of pre-labeling prompts: rules first, then examples."""
    lines = [f"# {rulebook.title} (v{rulebook.version})", f"Task: {rulebook.task_definition}"]
    if rulebook.scope_in:
        lines.append("In scope: " + "; ".join(rulebook.scope_in))
    if rulebook.scope_out:
        lines.append("Out of scope: " + "; ".join(rulebook.scope_out))
    order = " (ordinal, highest first)" if rulebook.ordinal else ""
    lines.append(f"Labels{order}{' — several may apply' if rulebook.multi_label else ''}:")
    for label in rulebook.labels:
        lines.append(f"## {label.name}" + (f" (also: {', '.join(label.aliases)})" if label.aliases else ""))
        lines.append(label.definition or "(definition pending)")
        lines.extend(f"- {criterion}" for criterion in label.criteria)
        if label.cues:
            lines.append("Cues: " + "; ".join(label.cues))
        if label.counter_cues:
            lines.append("Not this label when: " + "; ".join(label.counter_cues))
        shown = label.examples if examples_per_label is None else label.examples[:examples_per_label]
        for example in shown:
            verdict = label.name if example.polarity == Polarity.positive else f"NOT {label.name}" + (
                f" → {example.correct_label}" if example.correct_label else ""
            )
            lines.append(f"  e.g. «{example.text}» → {verdict}: {example.explanation}")
    if rulebook.decision_procedure:
        lines.append("Decision procedure:")
        lines.extend(f"{number}. {step}" for number, step in enumerate(rulebook.decision_procedure, 1))
    if rulebook.edge_cases:
        lines.append("Edge cases:")
        lines.extend(f"- {edge.case} → {edge.resolution}" for edge in rulebook.edge_cases)
    return "\n".join(lines)


def measure(rulebook: Rulebook, settings: "Settings") -> Rulebook:
    from assistant.llm.tokens import count_tokens

    return rulebook.model_copy(update={"token_count": count_tokens(prompt_prefix(rulebook), settings)})


def fit_budget(rulebook: Rulebook, settings: "Settings") -> Rulebook:
    """Trim examples (the largest label first) until the prefix fits the token budget, keeping minimums."""
    rulebook = measure(rulebook, settings)
    budget = settings.rulebook_token_budget
    while rulebook.token_count and rulebook.token_count > budget:
        trimmable = []
        for index, label in enumerate(rulebook.labels):
            positives = [e for e in label.examples if e.polarity == Polarity.positive]
            negatives = [e for e in label.examples if e.polarity == Polarity.negative]
            if len(positives) > MIN_POSITIVES:
                trimmable.append((len(label.examples), index, Polarity.positive))
            if len(negatives) > MIN_NEGATIVES:
                trimmable.append((len(label.examples), index, Polarity.negative))
        if not trimmable:
            break
        _, index, polarity = max(trimmable)
        label = rulebook.labels[index]
        last = max(i for i, e in enumerate(label.examples) if e.polarity == polarity)
        labels = list(rulebook.labels)
        labels[index] = label.model_copy(update={"examples": [e for i, e in enumerate(label.examples) if i != last]})
        rulebook = measure(rulebook.model_copy(update={"labels": labels}), settings)
    return rulebook


# ---------------------------------------------------------------------------------------------
# From a past project (the offline engine's building block)
# ---------------------------------------------------------------------------------------------
def examples_for(project: PastProject, label_name: str, rename: dict[str, str] | None = None) -> list[RuleExample]:
    """A past project's examples for one of its labels, renamed into the new label set."""
    rename = rename or {}
    out = []
    for example in project.examples:
        if example.label != label_name:
            continue
        correct = example.correct_label
        out.append(
            RuleExample(
                text=example.text,
                label=rename.get(example.label, example.label),
                polarity=example.polarity,
                explanation=example.explanation,
                correct_label=rename.get(correct, correct) if correct else None,
                spans=example.spans,
                source=project.id,
            )
        )
    return out


def rulebook_from_past(project: PastProject, *, title: str | None = None, language: str | None = None) -> Rulebook:
    """A past project's rules as a rulebook (reuse as is)."""
    rules = project.rules
    labels = [
        RuleLabel(
            name=label.name,
            definition=label.definition,
            criteria=label.criteria,
            cues=label.cues,
            counter_cues=label.counter_cues,
            aliases=label.aliases,
            examples=examples_for(project, label.name),
            source=project.id,
        )
        for label in rules.labels
    ]
    return Rulebook(
        title=title or project.name,
        language="zh" if project.language.value == "zh" else "en" if language is None else language,
        task_type=project.task_type,
        task_definition=rules.task_definition,
        purpose=project.five_w2h.why,
        labels=labels,
        multi_label=rules.multi_label,
        ordinal=rules.ordinal,
        decision_procedure=rules.decision_procedure,
        edge_cases=[EdgeCaseRule(case=e.case, resolution=e.resolution, source=project.id) for e in rules.edge_cases],
        output_format=rules.output_format,
        sources=[project.id],
    )


# ---------------------------------------------------------------------------------------------
# Offline drafting
# ---------------------------------------------------------------------------------------------
class Grounding(Contract):
    """Where a target label's rules come from."""

    target: str
    project: str | None = None
    source_label: str | None = None
    score: float = 0.0


def _task_type(breakdown: Breakdown, past: dict[str, PastProject]) -> TaskType:
    value = breakdown.what.task_type.value
    if isinstance(value, str) and value in TaskType._value2member_map_:
        return TaskType(value)
    for similar in breakdown.similar_projects:
        if similar.id in past:
            return past[similar.id].task_type
    return TaskType.other


def _candidate_labels(breakdown: Breakdown, sources: list[PastProject]) -> list[str]:
    value = breakdown.what.candidate_labels.value
    if isinstance(value, list) and value:
        return [str(item).strip() for item in value if str(item).strip()]
    if isinstance(value, str) and value.strip():
        return [part.strip() for part in re.split(r"[、,，/;；]", value) if part.strip()]
    if sources:
        return [label.name for label in sources[0].rules.labels]
    raise InputError(
        "the breakdown has no candidate labels and no similar past project to borrow them from; "
        "answer what.candidate_labels first, e.g. `rulebook answer PROJECT_ID --set what.candidate_labels=正面,负面,中性`"
    )


def _source_projects(breakdown: Breakdown, past: dict[str, PastProject], task_type: TaskType) -> list[PastProject]:
    """Similar past projects of the same task type, nearest first."""
    ordered = [past[s.id] for s in breakdown.similar_projects if s.id in past]
    for field_path in ("what.task_type", "what.candidate_labels", "where.domain"):
        source = breakdown.field(field_path).source
        if source in past and past[source] not in ordered:
            ordered.insert(0, past[source])
    same = [project for project in ordered if project.task_type == task_type]
    labels_from = breakdown.what.candidate_labels.source
    if breakdown.what.candidate_labels.status == FieldStatus.from_past_project and labels_from in past and past[labels_from] not in same:
        same.insert(0, past[labels_from])  # the suggested labels' own project defines them
    return same or ([] if task_type != TaskType.other else ordered[:1])


def ground_labels(
    targets: list[str], sources: list[PastProject], kb: "KnowledgeBase | None", task_type: TaskType
) -> list[Grounding]:
    """Find, for each target label, the past label whose rules it can reuse (exact name or alias first)."""
    groundings = []
    for target in targets:
        key = label_key(target)
        found = None
        for project in sources:
            for label in project.rules.labels:
                if key == label_key(label.name) or key in {label_key(alias) for alias in label.aliases}:
                    found = Grounding(target=target, project=project.id, source_label=label.name, score=1.0)
                    break
            if found:
                break
        if found is None:
            found = _contained_match(target, sources, task_type)
        if found is None and kb is not None:
            hits = kb.search(target, 5, kind="rule", task_type=task_type.value if task_type != TaskType.other else None)
            for hit in hits:
                if hit.label and hit.score >= RULE_MATCH_MIN_SCORE and _names_overlap(target, hit.label):
                    found = Grounding(target=target, project=hit.project, source_label=hit.label, score=hit.score)
                    break
        groundings.append(found or Grounding(target=target))
    return groundings


def _contained_match(target: str, sources: list[PastProject], task_type: TaskType) -> Grounding | None:
    """A past label of the same task type whose name contains ours or is contained in it ("辱骂" / "辱骂攻击")."""
    key = label_key(target)
    if len(key) < 2:
        return None
    for project in sources:
        if project.task_type != task_type:
            continue
        for label in project.rules.labels:
            for name in [label.name, *label.aliases]:
                other = label_key(name)
                if len(other) < 2 or other == key:
                    continue
                if re.search(r"[\u4e00-\u9fff]", key + other):
                    hit = key in other or other in key
                else:
                    words, other_words = set(re.findall(r"[a-z0-9]+", key)), set(re.findall(r"[a-z0-9]+", other))
                    hit = bool(words) and (words <= other_words or other_words <= words)
                if hit:
                    return Grounding(target=target, project=project.id, source_label=label.name, score=0.8)
    return None


def _names_overlap(a: str, b: str) -> bool:
    """Two label names share a word (English) or a character pair (Chinese)."""
    a_key, b_key = label_key(a), label_key(b)
    words_a, words_b = set(re.findall(r"[a-z0-9]+", a_key)), set(re.findall(r"[a-z0-9]+", b_key))
    if words_a & words_b:
        return True
    pairs_a = {a_key[i : i + 2] for i in range(len(a_key) - 1)}
    pairs_b = {b_key[i : i + 2] for i in range(len(b_key) - 1)}
    return bool(pairs_a & pairs_b)


def _rank_examples(examples: list[RuleExample], query_vector: Any, embedder: Any) -> list[RuleExample]:
    if not examples or query_vector is None:
        return examples
    scores = embedder.embed([example.text for example in examples]) @ query_vector
    return [example for _, example in sorted(zip(scores, examples), key=lambda pair: -pair[0])]


def _pick_examples(candidates: list[RuleExample]) -> list[RuleExample]:
    positives = [e for e in candidates if e.polarity == Polarity.positive][:MAX_POSITIVES]
    negatives = [e for e in candidates if e.polarity == Polarity.negative][:MAX_NEGATIVES]
    return positives + negatives


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
            resolution = (
                f"待试标时裁决：介于「{first}」与「{second}」之间，裁决后补充为示例"
                if language == "zh"
                else f"To be settled in the trial round: it sits between '{first}' and '{second}'; add the ruling as an example"
            )
            cases.append(EdgeCaseRule(case=text[:300], resolution=resolution, labels=[first, second], source=REQUEST_SAMPLE_SOURCE))
        if len(cases) >= 5:
            break
    return cases


def _generic_procedure(names: list[str], language: str, ordinal: bool) -> list[str]:
    joined = " > ".join(names)
    if language == "zh":
        steps = ["先通读整条内容（包括上下文），再判断；只依据文本本身，不揣测用户身份。"]
        steps.append("按等级从高到低逐级判断，选第一个完全满足判定标准的等级。" if ordinal else f"多个标签同时符合时，按优先级取第一个：{joined}。")
        steps.append("对照每个标签的反例线索，排除看起来像但不是的情况。")
        steps.append("仍无法确定时，选最接近的标签并标记“不确定”，写一句理由，交给审核裁决。")
    else:
        steps = ["Read the whole item (with its context) before deciding; judge the text only, not who you think wrote it."]
        steps.append(
            "Go from the highest grade down and pick the first one whose criteria are fully met."
            if ordinal
            else f"When several labels fit, take the first in this priority order: {joined}."
        )
        steps.append("Check each label's counter-cues to rule out look-alikes.")
        steps.append("If still unsure, pick the closest label, mark the item uncertain with a one-line reason, and let the reviewer adjudicate.")
    return steps


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
    from assistant.breakdown.five_w2h import first_clause, output_language
    from assistant.rulebook.request import (
        foreign_names,
        purpose_of,
        request_definition,
        request_labels,
        request_text,
        rewrite,
        scrub,
        scrub_examples,
    )

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
    if task_type == TaskType.ner:
        task_definition = (
            f"在每条数据中标出以下类型的片段：{'、'.join(targets)}。需求：{statement}"
            if zh
            else f"In each item, mark the spans of: {', '.join(targets)}. Request: {statement}"
        )
    elif ordinal:
        task_definition = (
            f"对每条数据按等级打分，从以下等级中选一个：{'、'.join(targets)}。需求：{statement}"
            if zh
            else f"Rate each item on the scale {', '.join(targets)}. Request: {statement}"
        )
    else:
        task_definition = (
            f"对每条数据，从以下标签中选出符合的一个：{'、'.join(targets)}。需求：{statement}"
            if zh
            else f"For each item, choose the label that applies from: {', '.join(targets)}. Request: {statement}"
        )
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
        title=title or (f"{first_clause(statement, 30)} 标注规则" if zh else f"Annotation rules: {first_clause(statement, 60)}"),
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
        output_format=output_format[0] if output_format else (
            "每条输出一个标签；不确定时标记 uncertain 并写一句理由。" if zh else "One label per item; mark uncertain items with a one-line reason."
        ),
        quality=quality,
        glossary=[],
        changelog=[ChangeLogEntry(version=1, date=date.today().isoformat(), change=(
            "初稿（离线引擎，参考历史项目 " + ", ".join(p.id for p in used) + "）" if zh and used else
            "初稿（离线引擎）" if zh else
            f"First draft (offline engine, reusing past projects {', '.join(p.id for p in used)})" if used else "First draft (offline engine)"
        ) + (f"; {'定义取自需求原文、待核对的标签' if zh else 'labels defined from the request, to review'}: {', '.join(review)}" if review else ""))],
        sources=[project.id for project in used],
        provenance=provenance,
        request=request_text(breakdown),
        project_id=breakdown.project_id,
        engine="offline",
    )


# ---------------------------------------------------------------------------------------------
# LLM drafting
# ---------------------------------------------------------------------------------------------
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


def _retrieved_context(breakdown: Breakdown, past: dict[str, PastProject], kb: "KnowledgeBase | None", task_type: TaskType) -> tuple[str, set[str]]:
    """Rules and examples from the nearest past projects, as prompt text, and the example texts offered."""
    sources = _source_projects(breakdown, past, task_type)[:2]
    lines, offered = [], set()
    for project in sources:
        lines.append(f"## Past project {project.id}: {project.name} ({project.task_type.value}, {project.language.value})")
        lines.append(f"Task: {project.rules.task_definition}")
        for label in project.rules.labels:
            lines.append(f"- label {label.name}: {label.definition} | criteria: {'; '.join(label.criteria)} | counter-cues: {'; '.join(label.counter_cues)}")
        for edge in project.rules.edge_cases[:6]:
            lines.append(f"- edge case: {edge.case} → {edge.resolution}")
        for example in project.examples:
            offered.add(example.text)
            verdict = example.label if example.polarity == Polarity.positive else f"NOT {example.label} (is {example.correct_label})"
            lines.append(f"- example [{project.id}] «{example.text}» → {verdict}: {example.explanation}")
    return ("\n".join(lines) or "(no similar past projects)"), offered


def llm_rulebook(
    breakdown: Breakdown,
    past: dict[str, PastProject],
    kb: "KnowledgeBase | None",
    llm: "LLM",
    settings: "Settings",
    *,
    samples: list[str] | None = None,
) -> Rulebook:
    import json

    from assistant.breakdown.five_w2h import output_language
    from assistant.llm.prompts import load_prompt

    language = output_language(breakdown.language)
    task_type = _task_type(breakdown, past)
    context, offered = _retrieved_context(breakdown, past, kb, task_type)
    prompt = load_prompt("rulebook_draft")
    breakdown_json = json.dumps(
        breakdown.model_dump(mode="json", include={"what", "why", "how", "how_much", "where"}), ensure_ascii=False
    )
    result = llm.structured(
        prompt,
        {
            "breakdown": breakdown_json,
            "request": breakdown.request,
            "retrieved": context,
            "samples": "\n".join(f"- {text}" for text in (samples or [])[:30]) or "(none)",
            "language": "Chinese (简体中文)" if language == "zh" else "English",
            "token_budget": settings.rulebook_token_budget,
        },
        RulebookDraft,
        step="rulebook",
    )
    draft = result.value
    known_projects = set(past)
    labels = []
    for label in draft.labels:
        examples = []
        for example in label.examples:
            source = example.source
            if source in known_projects and example.text not in offered:
                source = NEW_SOURCE  # claims a past project but was not retrieved from it
            elif source not in known_projects and source not in (NEW_SOURCE, REQUEST_SAMPLE_SOURCE):
                source = NEW_SOURCE
            examples.append(example.model_copy(update={"source": source}))
        label_source = label.source if label.source in known_projects else NEW_SOURCE  # never a made-up project or URL
        labels.append(label.model_copy(update={"examples": examples, "source": label_source, "needs_definition": label.needs_definition or not label.definition.strip()}))
    quality = QualityStandards()
    target = breakdown.how_much.target_agreement
    if target.status != FieldStatus.missing and isinstance(target.value, (int, float)) and 0 < float(target.value) <= 1:
        quality.target_agreement = float(target.value)
    from assistant.rulebook.request import enforce_request

    edge_cases = [edge if edge.source in known_projects else edge.model_copy(update={"source": NEW_SOURCE}) for edge in draft.edge_cases]
    rulebook = Rulebook(
        **draft.model_dump(exclude={"labels", "edge_cases"}),
        labels=labels,
        edge_cases=edge_cases,
        language=language,
        quality=quality,
        changelog=[ChangeLogEntry(version=1, date=date.today().isoformat(), change=message_text("note.first_draft_llm", "en", model=result.model, prompt=prompt.id))],
        sources=sorted({e.source for l in labels for e in l.examples if e.source in known_projects} | {l.source for l in labels if l.source in known_projects}),
        project_id=breakdown.project_id,
        engine="llm",
        model=result.model,
        prompt_version=prompt.version,
    )
    rulebook, notes = enforce_request(rulebook, breakdown, past)
    if notes:
        entry = rulebook.changelog[-1]
        rulebook.changelog[-1] = entry.model_copy(update={"change": entry.change + "; " + "; ".join(notes)})
    return rulebook


def draft_rulebook(
    breakdown: Breakdown,
    past: dict[str, PastProject],
    kb: "KnowledgeBase | None",
    embedder: Any,
    settings: "Settings",
    llm: "LLM | None" = None,
    *,
    samples: list[str] | None = None,
) -> Rulebook:
    """Draft a rulebook from a breakdown with the LLM when given, else offline; fitted to the token budget."""
    if llm is None:
        rulebook = offline_rulebook(breakdown, past, kb, embedder, samples=samples)
    else:
        rulebook = llm_rulebook(breakdown, past, kb, llm, settings, samples=samples)
    return fit_budget(rulebook, settings)
