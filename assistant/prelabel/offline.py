"""The offline engine: k-nearest neighbours over rulebook examples, cues and gold items."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Sequence

from assistant.core.models import ABSTAIN, Prediction
from assistant.prelabel.constants import MULTI_LABEL_SHARE, OFFLINE_K, OFFLINE_MIN_SIMILARITY, SPAN_CONFIDENCE_CAP
from assistant.prelabel.gold import rulebook_references
from assistant.prelabel.items import Item

if TYPE_CHECKING:
    from assistant.prelabel.prelabeler import Prelabeler


# =============================================================================================
# Offline engine
# =============================================================================================
class OfflineLabeler:
    """k-nearest neighbours over rulebook examples, cues and gold items (numpy, batched)."""

    def __init__(self, owner: Prelabeler, *, k: int = OFFLINE_K, min_similarity: float = OFFLINE_MIN_SIMILARITY) -> None:
        import numpy as np

        self.owner = owner
        self.k = k
        self.min_similarity = min_similarity
        names = owner.labels.names
        self.refs = [ref for ref in rulebook_references(owner.rulebook, cues=True) + owner.gold if ref.label or ref.spans]
        self.by_text: dict[str, list[int]] = {}
        for index, ref in enumerate(self.refs):
            if ref.kind == "gold":
                self.by_text.setdefault(ref.text, []).append(index)
        voting = [ref for ref in self.refs]
        self.matrix = owner.embedder.embed([ref.text for ref in voting]) if voting else None
        self.votes = np.zeros((len(voting), len(names)), dtype=np.float32)
        for row, ref in enumerate(voting):
            for name in ref.labels or ((ref.label,) if ref.label else ()):
                if name in owner.labels.order:
                    self.votes[row, owner.labels.order[name]] = ref.weight
        self._gazetteer: tuple[Any, dict[str, Counter]] | None = None

    def label(self, items: Sequence[Item]) -> list[Prediction]:
        if self.owner.mode == "spans":
            return [self._spans(item) for item in items]
        return self._knn(items)

    def _knn(self, items: Sequence[Item]) -> list[Prediction]:
        import numpy as np

        owner = self.owner
        if self.matrix is None or not len(self.refs):
            return [owner.prediction(item, {"label": ABSTAIN, "confidence": 0.0, "rationale": owner.say("rationale.no_examples")}) for item in items]
        scores = owner.embedder.embed([item.text for item in items]) @ self.matrix.T
        if self.by_text:
            for row, item in enumerate(items):
                for column in self.by_text.get(item.text, ()):
                    scores[row, column] = -1.0  # a gold item never votes for itself
        k = min(self.k, scores.shape[1])
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        sims = np.take_along_axis(scores, top, axis=1).clip(min=0.0)
        votes = np.einsum("nk,nkl->nl", sims, self.votes[top])
        totals = votes.sum(axis=1)
        best = votes.argmax(axis=1)
        shares = votes[np.arange(len(items)), best] / np.where(totals > 0, totals, 1.0)
        best_sim = sims.max(axis=1)
        names = owner.labels.names
        out = []
        for row, item in enumerate(items):
            if best_sim[row] < self.min_similarity or totals[row] <= 0:
                out.append(
                    owner.prediction(
                        item,
                        {
                            "label": ABSTAIN,
                            "confidence": 0.0,
                            "rationale": owner.say(
                                "rationale.not_similar", similarity=f"{best_sim[row]:.2f}", minimum=f"{self.min_similarity}"
                            ),
                        },
                    )
                )
                continue
            label = names[best[row]]
            share = float(shares[row])
            supporters = [int(top[row, j]) for j in np.argsort(-sims[row]) if self.votes[top[row, j], best[row]] > 0]
            rule = self.refs[supporters[0]].rule if supporters else None
            labels: list[str] = []
            if owner.mode == "multi":
                labels = [names[j] for j in np.argsort(-votes[row]) if totals[row] > 0 and votes[row, j] / totals[row] >= MULTI_LABEL_SHARE]
                labels = owner.labels.sort(labels) or [label]
            out.append(
                owner.prediction(
                    item,
                    {
                        "label": label,
                        "labels": labels,
                        "confidence": share,
                        "rationale": owner.say(
                            "rationale.vote", share=f"{share:.0%}", k=k, label=label, similarity=f"{best_sim[row]:.2f}"
                        ),
                        "rule": rule,
                    },
                )
            )
        return out

    def _spans(self, item: Item) -> Prediction:
        """Offline spans: surface forms labeled in the rulebook's (and gold) examples, longest first."""
        if self._gazetteer is None:
            surfaces: dict[str, Counter] = {}
            for ref in self.refs:
                for span in ref.spans:
                    surface = span.text or ref.text[span.start : span.end]
                    if len(surface) >= 2:
                        surfaces.setdefault(surface, Counter())[span.label] += 1
            pattern = (
                re.compile("|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))) if surfaces else None
            )
            self._gazetteer = (pattern, surfaces)
        pattern, surfaces = self._gazetteer
        spans, shares = [], []
        if pattern is not None:
            for match in pattern.finditer(item.text):
                counts = surfaces[match.group()]
                label, count = counts.most_common(1)[0]
                spans.append({"start": match.start(), "end": match.end(), "label": label, "text": match.group()})
                shares.append(count / sum(counts.values()))
        if not spans:
            return self.owner.prediction(item, {"label": ABSTAIN, "confidence": 0.0, "rationale": self.owner.say("rationale.no_span_in_text")})
        counts = Counter(span["label"] for span in spans)
        label = max(counts, key=lambda name: (counts[name], -self.owner.labels.order.get(name, 0)))
        confidence = SPAN_CONFIDENCE_CAP * sum(shares) / len(shares)
        return self.owner.prediction(
            item,
            {
                "label": label,
                "spans": spans,
                "confidence": confidence,
                "rationale": self.owner.say("rationale.spans_matched", count=len(spans)),
                "rule": self.owner.say("prelabel.rule.span_dictionary"),
            },
        )
