"""How confusable labels are, and the examples that teach a label best.

Texts are embedded with the offline `HashingEmbedder` (character n-grams, no download); two labels
are as confusable as the cosine similarity of the centroids of the quiz-able examples whose answer is
each label (a negative example counts for the label it really is, its `correct_label`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from pydantic import BaseModel

from assistant.core.messages import normalize
from assistant.core.models import Polarity, RuleExample, RuleLabel, Rulebook
from assistant.rulebook.grounding import label_key
from assistant.llm.embeddings import HashingEmbedder

if TYPE_CHECKING:
    import numpy as np


def _language(rulebook: Rulebook | None) -> str:
    """The language of the training materials: the rulebook's when a catalogue has it (zh-CN -> zh), else English."""
    return normalize(rulebook.language if rulebook is not None else None)


# =============================================================================================


class _Vectors:
    """Embeds texts once with the offline hashing embedder and answers cosine similarities."""

    def __init__(self, texts: Iterable[str]) -> None:
        unique = list(dict.fromkeys(t for t in texts if t))
        self._index = {text: number for number, text in enumerate(unique)}
        self._matrix = HashingEmbedder().embed(unique)

    def vector(self, text: str) -> "np.ndarray":
        return self._matrix[self._index[text]]

    def similarity(self, a: str, b: str) -> float:
        return float(self.vector(a) @ self.vector(b))

    def centroid_similarity(self, group_a: Sequence[str], group_b: Sequence[str]) -> float:
        import numpy as np

        if not group_a or not group_b:
            return 0.0
        a = np.mean([self.vector(t) for t in group_a], axis=0)
        b = np.mean([self.vector(t) for t in group_b], axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0


def _positives(label: RuleLabel) -> list[RuleExample]:
    return [example for example in label.examples if example.polarity == Polarity.positive]


def _negatives(label: RuleLabel) -> list[RuleExample]:
    return [example for example in label.examples if example.polarity == Polarity.negative]


class ConfusablePair(BaseModel):
    """Two labels and how similar their examples are (cosine of the example centroids)."""

    labels: tuple[str, str]
    similarity: float


def _pairs(groups: dict[str, list[str]], vectors: _Vectors) -> list[ConfusablePair]:
    names = [name for name, texts in groups.items() if texts]
    pairs = [
        ConfusablePair(labels=(a, b), similarity=round(vectors.centroid_similarity(groups[a], groups[b]), 4))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    ]
    order = {name: index for index, name in enumerate(names)}
    return sorted(pairs, key=lambda p: (-p.similarity, order[p.labels[0]], order[p.labels[1]]))


def _answer_of(rulebook: Rulebook, example: RuleExample) -> str | None:
    """The label an example really is: its label for a positive, `correct_label` for a negative."""
    if example.polarity == Polarity.positive:
        return _canonical(rulebook, example.label)
    return _canonical(rulebook, example.correct_label) if example.correct_label else None


def _canonical(rulebook: Rulebook, name: str | None) -> str | None:
    if not name:
        return None
    key = label_key(str(name))
    for label in rulebook.labels:
        if label_key(label.name) == key or any(label_key(alias) == key for alias in label.aliases):
            return label.name
    return None


def confusable_pairs(rulebook: Rulebook) -> list[ConfusablePair]:
    """Label pairs from most to least similar, judged by the examples whose answer each label is."""
    groups: dict[str, list[str]] = {label.name: [] for label in rulebook.labels}
    for example in rulebook.examples():
        answer = _answer_of(rulebook, example)
        if answer:
            groups[answer].append(example.text)
    return _pairs(groups, _Vectors(t for texts in groups.values() for t in texts))


def clearest_positive(rulebook: Rulebook, label: RuleLabel, vectors: _Vectors | None = None) -> RuleExample | None:
    """The positive example most similar to the label's definition (the first one without a definition)."""
    positives = _positives(label)
    if not positives:
        return None
    if not label.definition.strip() or len(positives) == 1:
        return positives[0]
    vectors = vectors or _Vectors([label.definition, *(e.text for e in positives)])
    scores = [vectors.similarity(label.definition, example.text) for example in positives]
    return positives[max(range(len(positives)), key=lambda i: (scores[i], -i))]


def most_confusable_negative(rulebook: Rulebook, label: RuleLabel, vectors: _Vectors | None = None) -> RuleExample | None:
    """The negative example most similar to another label's positives (the first one when none compare)."""
    negatives = _negatives(label)
    if not negatives:
        return None
    others = [e.text for other in rulebook.labels if other.name != label.name for e in _positives(other)]
    if not others or len(negatives) == 1:
        return negatives[0]
    vectors = vectors or _Vectors([*(e.text for e in negatives), *others])
    scores = [max(vectors.similarity(example.text, text) for text in others) for example in negatives]
    return negatives[max(range(len(negatives)), key=lambda i: (scores[i], -i))]


# =============================================================================================


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

