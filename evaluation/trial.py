"""One agreement evaluation from label files: the report, the disagreement review and suggestions.

The CLI (`rulebook agree`), the app's Agreement page and the Python API call this, so the
evaluation is done one way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from assistant.core.errors import InputError
from assistant.core.messages import Message
from evaluation.agreement import agreement_from_joined
from evaluation.label_sources import FieldMap, load_sets, map_for
from evaluation.labels import join, read_texts, unique_names
from evaluation.report import to_json
from evaluation.review import disagreement_review, suggestions_offline
from evaluation.suggestions import suggest_with_llm

if TYPE_CHECKING:
    from assistant.core.models import Rulebook
    from evaluation.agreement import AgreementReport
    from evaluation.labels import Joined, LabelSet
    from evaluation.review import Review, RuleSuggestion


@dataclass
class TrialResult:
    report: "AgreementReport"
    review: "Review"
    suggestions: list["RuleSuggestion"]
    joined: "Joined"
    messages: list[Message] = field(default_factory=list)  # what was read from the files (Label Studio counts, columns used)
    comparisons: list[dict[str, Any]] = field(default_factory=list)  # see side_comparisons

    def notes_in(self, language: str | None = "en") -> list[str]:
        """What was read from the files, in `language` (any catalogue language)."""
        return [note.render(language) for note in self.messages]

    @property
    def notes(self) -> list[str]:
        return self.notes_in("en")

    def to_json(self) -> dict[str, Any]:
        return to_json(self.report, self.review, self.suggestions)


def evaluate_sets(
    sets: list["LabelSet"],
    rulebook: "Rulebook | None" = None,
    *,
    texts: dict[str, str] | None = None,
    reference: str | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
    normalise: bool = False,
    llm: Any = None,
) -> TrialResult:
    """Agreement, review and rule suggestions; with an LLM (and a rulebook) the suggestions carry concrete edits."""

    sets = unique_names(sets)
    if len(sets) < 2:
        name = sets[0].name if sets else Message("error.label_load.none")
        raise InputError(Message("error.trial.one_set", name=name))
    joined = join(sets, rulebook, normalise=normalise)
    report = agreement_from_joined(joined, rulebook, reference=reference, bootstrap=bootstrap, seed=seed)
    review = disagreement_review(joined, rulebook, texts=texts)
    if llm is not None and rulebook is not None:

        suggestions = suggest_with_llm(review, rulebook, llm)
    else:
        suggestions = suggestions_offline(review, rulebook)
    return TrialResult(report=report, review=review, suggestions=suggestions, joined=joined)


def evaluate_files(
    files: list[Path],
    rulebook: "Rulebook | None" = None,
    *,
    label_field: str = "label",
    id_field: str = "id",
    texts_path: Path | None = None,
    field_maps: dict[str, Any] | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    **options: Any,
) -> TrialResult:
    """Agreement from label files of any kind (see :mod:`evaluation.label_sources`).

    ``field_maps``: file name -> :class:`~evaluation.label_sources.FieldMap` (its own column names,
    sheet, header row); ``sheet`` / ``header_row`` apply to the spreadsheets that have no map.
    """

    sets: list["LabelSet"] = []
    messages: list[Message] = []
    reference = options.pop("reference", None)
    for path in files:
        fmap = map_for(Path(path), field_maps or {})
        if fmap == FieldMap():
            fmap = FieldMap(sheet=sheet, header=header_row)
        loaded = load_sets(path, label_field=label_field, id_field=id_field, fmap=fmap, rulebook=rulebook)
        sets.extend(loaded.sets)
        messages.extend(loaded.messages)
        reference = reference or loaded.reference
    texts = read_texts(texts_path, id_field=id_field) if texts_path is not None else None
    comparisons: list[dict[str, Any]] = []
    annotators = [s for s in sets if not s.is_model and s.name != reference]
    if len(annotators) >= 2 and len(annotators) < len(sets):
        # the target is about the annotators; the reference and the model are compared with them one by one
        comparisons = side_comparisons(sets, rulebook, reference=reference, normalise=options.get("normalise", False))
        sets = annotators
        reference = None
    result = evaluate_sets(sets, rulebook, texts=texts, reference=reference, **options)
    result.messages, result.comparisons = messages, comparisons
    return result


def side_comparisons(
    sets: list["LabelSet"], rulebook: "Rulebook | None" = None, *, reference: str | None = None, normalise: bool = False
) -> list[dict[str, Any]]:
    """Each annotator against the reference (ground truth), and each model against the reference and
    every annotator: items both labeled, how many agree, the share."""

    joined = join(sets, rulebook, normalise=normalise)
    annotators = [s.name for s in sets if not s.is_model and s.name != reference]
    pairs_wanted = [(name, reference) for name in annotators] if reference else []
    for model in (s.name for s in sets if s.is_model):
        pairs_wanted += [(model, other) for other in ([reference] if reference else []) + annotators]
    out = []
    for name, other in pairs_wanted:
        pairs = [(a, b) for a, b in zip(joined.table[name], joined.table[other]) if a is not None and b is not None]
        same = sum(a == b for a, b in pairs)
        out.append({"set": name, "against": other, "n": len(pairs), "agree": same, "share": same / len(pairs) if pairs else None})
    return out
