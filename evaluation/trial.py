"""One agreement evaluation from label files: the report, the disagreement review and suggestions.

The CLI (`rulebook agree`), the app's Agreement page and the Python API call this, so the
evaluation is done one way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.models import Rulebook
    from evaluation.agreement import AgreementReport
    from evaluation.labels import Joined, LabelSet
    from evaluation.review import Review, RuleSuggestion


@dataclass
class TrialResult:
    report: "AgreementReport"
    review: "Review"
    suggestions: list["RuleSuggestion"]
    joined: "Joined"

    def to_json(self) -> dict[str, Any]:
        from evaluation.report import to_json

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
    from assistant.errors import InputError
    from evaluation.agreement import agreement_from_joined
    from evaluation.labels import join, unique_names
    from evaluation.review import disagreement_review, suggestions_offline

    sets = unique_names(sets)
    if len(sets) < 2:
        name = sets[0].name if sets else "(none)"
        raise InputError(
            f"only one label set ({name}); give a second file, or one file with an 'annotator' column naming two or more annotators"
        )
    joined = join(sets, rulebook, normalise=normalise)
    report = agreement_from_joined(joined, rulebook, reference=reference, bootstrap=bootstrap, seed=seed)
    review = disagreement_review(joined, rulebook, texts=texts)
    if llm is not None and rulebook is not None:
        from assistant.suggestions import suggest_with_llm

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
    **options: Any,
) -> TrialResult:
    from evaluation.labels import load_label_sets, read_texts

    sets = []
    for path in files:
        sets.extend(load_label_sets(path, label_field=label_field, id_field=id_field))
    texts = read_texts(texts_path, id_field=id_field) if texts_path is not None else None
    return evaluate_sets(sets, rulebook, texts=texts, **options)
