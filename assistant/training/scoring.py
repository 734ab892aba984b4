"""Scoring a quiz: accuracy per annotator, errors per label, the rules each annotator got wrong, pass/fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from pydantic import BaseModel, Field

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.integrations.cells import cell_text
from assistant.integrations.datafiles import read_records, require_columns
from assistant.rulebook.grounding import label_key
from assistant.training.quiz import Quiz, QuizItem, QuizKind, RuleSource


class Mistake(BaseModel):
    id: str
    text: str
    given: str
    expected: str
    rule: str
    rule_source: str = ""
    criterion: str = ""
    source: str = ""


class RuleMissed(BaseModel):
    """A rule an annotator got wrong, with the items where it happened."""

    label: str
    rule: str
    items: list[str]


class AnnotatorScore(BaseModel):
    annotator: str
    total: int = Field(description="items in the quiz")
    answered: int
    correct: int
    accuracy: float = Field(description="correct / items in the quiz (an unanswered item is not correct)")
    passed: bool
    mistakes: list[Mistake] = Field(default_factory=list)
    errors_by_label: dict[str, int] = Field(default_factory=dict, description="wrong answers by correct label")
    rules_missed: list[RuleMissed] = Field(default_factory=list)
    unanswered: list[str] = Field(default_factory=list)
    unknown_ids: list[str] = Field(default_factory=list)
    duplicate_ids: list[str] = Field(default_factory=list)
    not_a_label: list[str] = Field(default_factory=list, description="ids answered with something that is not a label")


class QuizScores(BaseModel):
    threshold: float
    items: int
    labels: list[str]
    annotators: list[AnnotatorScore]
    errors_by_label: dict[str, int] = Field(description="wrong answers by correct label, all annotators")
    items_by_label: dict[str, int]
    confusions: dict[str, int] = Field(description="'expected → given': count, all annotators")
    unknown_ids: list[str]
    passed: list[str]
    failed: list[str]

    def annotator(self, name: str) -> AnnotatorScore:
        for score in self.annotators:
            if score.annotator == name:
                return score
        raise InputError(Message("error.scoring.no_answers_from", name=name, annotators=', '.join(s.annotator for s in self.annotators)))


def _key_items(quiz_or_key: Quiz | Sequence[QuizItem] | Sequence[dict[str, Any]] | str | Path) -> list[QuizItem]:
    if isinstance(quiz_or_key, Quiz):
        return list(quiz_or_key.items)
    if isinstance(quiz_or_key, (str, Path)):
        path = Path(quiz_or_key)
        records = read_records(path)
        require_columns(path, records, "id", "answer")
        rows: Sequence[QuizItem | dict[str, Any]] = records
    else:
        rows = quiz_or_key
    items: list[QuizItem] = []
    seen: set[str] = set()
    for number, record in enumerate(rows, 1):
        if isinstance(record, QuizItem):
            item = record
        else:
            item_id = str(record.get("id") or "").strip()
            answer = str(record.get("answer") or "").strip()
            if not item_id or not answer:
                raise InputError(Message("error.scoring.key_row_incomplete", number=number))
            rule_source = str(record.get("rule_source") or "").strip()
            kind = str(record.get("kind") or "").strip()
            item = QuizItem(
                id=item_id, text=str(record.get("text") or ""), answer=answer,
                rule=str(record.get("rule") or "").strip(),
                rule_source=rule_source if rule_source in RuleSource.__args__ else "none",  # type: ignore[attr-defined]
                criterion=str(record.get("criterion") or "").strip(), source=str(record.get("source") or "").strip(),
                kind=kind if kind in QuizKind.__args__ else "gold",  # type: ignore[attr-defined]
                looks_like=str(record.get("looks_like") or "").strip() or None,
            )
        if item.id in seen:
            raise InputError(Message("error.scoring.key_duplicate_id", item_id=item.id))
        seen.add(item.id)
        items.append(item)
    if not items:
        raise InputError(Message("error.scoring.key_empty"))
    return items


def score_quiz(
    quiz_or_key: Quiz | Sequence[QuizItem] | Sequence[dict[str, Any]] | str | Path,
    answers_records: Sequence[dict[str, Any]],
    *,
    threshold: float = 0.8,
    annotator_field: str = "annotator",
    id_field: str = "id",
    answer_field: str = "answer",
) -> QuizScores:
    """Score annotators' answers against the key.

    accuracy = correct answers / items in the quiz (an unanswered item counts as not correct);
    an annotator passes when accuracy >= threshold. Answers match labels ignoring case, width and
    surrounding space. Ids not in the key are reported, never scored; a repeated id keeps the
    first answer and is reported.
    """
    if not 0 <= threshold <= 1:
        raise InputError(Message("error.scoring.bad_threshold", threshold=threshold))
    items = _key_items(quiz_or_key)
    by_id = {item.id: item for item in items}
    labels = list(dict.fromkeys(item.answer for item in items))
    if isinstance(quiz_or_key, Quiz):
        labels = list(dict.fromkeys([*quiz_or_key.labels, *labels]))
    canonical = {label_key(label): label for label in labels}

    per_annotator: dict[str, dict[str, str]] = {}
    unknown: dict[str, list[str]] = {}
    duplicates: dict[str, list[str]] = {}
    for number, record in enumerate(answers_records, 1):
        annotator = cell_text(record.get(annotator_field)) or ""
        if not annotator:
            raise InputError(Message("error.scoring.row_no_annotator", number=number, annotator_field=annotator_field))
        item_id = cell_text(record.get(id_field)) or ""
        if not item_id:
            raise InputError(Message("error.scoring.row_no_id", number=number, id_field=id_field))
        given = per_annotator.setdefault(annotator, {})
        unknown.setdefault(annotator, [])
        duplicates.setdefault(annotator, [])
        if item_id not in by_id:
            unknown[annotator].append(item_id)
        elif item_id in given:
            duplicates[annotator].append(item_id)
        else:
            given[item_id] = cell_text(record.get(answer_field)) or ""

    scores: list[AnnotatorScore] = []
    errors_all = {label: 0 for label in labels}
    confusions: dict[str, int] = {}
    for annotator, given in per_annotator.items():
        mistakes: list[Mistake] = []
        unanswered: list[str] = []
        not_a_label: list[str] = []
        correct = 0
        for item in items:
            raw = given.get(item.id, "")
            if not raw:
                unanswered.append(item.id)
                continue
            answer = canonical.get(label_key(raw))
            if answer is None:
                not_a_label.append(item.id)
            if answer == item.answer:
                correct += 1
                continue
            mistakes.append(Mistake(
                id=item.id, text=item.text, given=answer or raw, expected=item.answer, rule=item.rule or item.criterion,
                rule_source=item.rule_source, criterion=item.criterion, source=item.source,
            ))
        errors = {label: 0 for label in labels}
        missed: dict[tuple[str, str], list[str]] = {}
        for mistake in mistakes:
            errors[mistake.expected] = errors.get(mistake.expected, 0) + 1
            errors_all[mistake.expected] = errors_all.get(mistake.expected, 0) + 1
            pair = f"{mistake.expected} → {mistake.given}"
            confusions[pair] = confusions.get(pair, 0) + 1
            missed.setdefault((mistake.expected, mistake.rule), []).append(mistake.id)
        accuracy = correct / len(items)
        scores.append(AnnotatorScore(
            annotator=annotator, total=len(items), answered=len(items) - len(unanswered), correct=correct,
            accuracy=round(accuracy, 6), passed=accuracy >= threshold - 1e-9, mistakes=mistakes,
            errors_by_label={label: count for label, count in errors.items() if count},
            rules_missed=[RuleMissed(label=label, rule=rule, items=ids) for (label, rule), ids in missed.items()],
            unanswered=unanswered, unknown_ids=unknown[annotator], duplicate_ids=duplicates[annotator],
            not_a_label=not_a_label,
        ))
    items_by_label = {label: 0 for label in labels}
    for item in items:
        items_by_label[item.answer] += 1
    return QuizScores(
        threshold=threshold, items=len(items), labels=labels, annotators=scores, errors_by_label=errors_all,
        items_by_label=items_by_label,
        confusions=dict(sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))),
        unknown_ids=sorted({i for ids in unknown.values() for i in ids}),
        passed=[s.annotator for s in scores if s.passed], failed=[s.annotator for s in scores if not s.passed],
    )
