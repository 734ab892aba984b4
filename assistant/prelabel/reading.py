"""How the LLM engine reads answers: confidence, predictions, span checks, mapping answers back by id.

`AnswerReader` is a part of `Prelabeler` (assistant/prelabel/prelabeler.py).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from assistant.core.language import project_language
from assistant.core.messages import text as message_text
from assistant.core.models import ABSTAIN, Prediction, Span
from assistant.prelabel.cache import cache_key
from assistant.prelabel.confidence import label_probabilities, verbal_confidence
from assistant.prelabel.items import Item
from assistant.llm.pii import restore_offsets

if TYPE_CHECKING:
    from assistant.prelabel.answers import ItemAnswer, SpanAnswer


class AnswerReader:
    """The answer side of `Prelabeler`: from validated answers to Predictions (or re-asks)."""

    if TYPE_CHECKING:  # state that lives on Prelabeler (assistant/prelabel/prelabeler.py)
        rulebook: Any
        labels: Any
        mode: str

        @property
        def model(self) -> str | None: ...
        @property
        def engine(self) -> str: ...
        min_confidence: float
        verbal_shrink: float
        stats: Any
        _fingerprint: str

        @property
        def prompt(self) -> Any: ...

    # -- predictions ------------------------------------------------------------------------
    def say(self, message_id: str, **values: Any) -> str:
        """A rationale in the project's language (the rulebook's; docs/messages.md)."""
        return message_text(message_id, project_language(self.rulebook), **values)

    def confidence(self, entry: Mapping[str, Any]) -> float:
        if entry.get("confidence") is not None:
            return float(entry["confidence"])
        if entry.get("logprob") is not None:
            return float(entry["logprob"])
        return verbal_confidence(entry.get("verbal", 0.5), self.verbal_shrink)

    def prediction(self, item: Item, entry: Mapping[str, Any]) -> Prediction:
        """A Prediction from a validated answer entry (fresh, cached or offline)."""
        label = entry["label"]
        labels = list(entry.get("labels") or [])
        spans = [Span.model_validate(span) for span in entry.get("spans") or []]
        confidence = round(min(1.0, max(0.0, self.confidence(entry))), 4)
        rationale = entry.get("rationale") or ""
        status = "labeled"
        if label == ABSTAIN:
            status, labels, spans = "abstain", [], []
        elif confidence < self.min_confidence:
            guess = label
            if self.mode == "multi" and labels:
                guess = ", ".join(labels)
            elif self.mode == "spans":
                guess = "; ".join(f"{s.text}/{s.label}" for s in spans) or label
            rationale = self.say(
                "rationale.below_min_confidence",
                minimum=f"{self.min_confidence:.2f}",
                label=guess,
                confidence=f"{confidence:.2f}",
                rationale=rationale,
            ).strip()
            label, status, labels, spans = ABSTAIN, "abstain", [], []
        return Prediction(
            id=item.id,
            label=label,
            labels=labels,
            spans=spans,
            confidence=confidence,
            rationale=rationale,
            rule=entry.get("rule") or None,
            status=status,
            engine=self.engine,
            model=self.model,
            rulebook_version=self.rulebook.version,
        )

    def error(self, item: Item, message: str) -> Prediction:
        return Prediction(
            id=item.id,
            label=None,
            confidence=0.0,
            status="error",
            error=message,
            engine=self.engine,
            model=self.model,
            rulebook_version=self.rulebook.version,
        )

    def key(self, item: Item) -> str:
        return cache_key(self.model or "", self._fingerprint, self.prompt.version, item.text)

    # -- interpreting an answer -------------------------------------------------------------
    def interpret(self, item: Item, answer: ItemAnswer, logprob: float | None) -> dict[str, Any] | str:
        """A cacheable entry for a valid answer, or the problem (a string) that makes it invalid."""
        entry: dict[str, Any] = {
            "verbal": answer.confidence,
            "logprob": logprob,
            "rationale": answer.rationale.strip(),
            "rule": answer.rule.strip(),
            "labels": [],
            "spans": [],
        }
        allowed = f"not one of the labels {self.labels.listing()} or \"abstain\""
        if self.mode == "single":
            label = self.labels.normalize(answer.label)
            if label is None:
                return f"label {answer.label!r} is {allowed}"
            entry["label"] = label
            return entry
        if self.mode == "multi":
            main = self.labels.normalize(answer.label) if answer.label else None
            raw = list(getattr(answer, "labels", []) or [])
            if not raw and answer.label:
                raw = [answer.label]
            names, bad = [], []
            for value in raw:
                name = self.labels.normalize(value)
                if name is None:
                    bad.append(value)
                elif name != ABSTAIN:
                    names.append(name)
            if bad:
                return f"labels {bad!r} are {allowed}"
            if answer.label and main is None:
                return f"label {answer.label!r} is {allowed}"
            if main == ABSTAIN and not names:
                entry["label"] = ABSTAIN
                return entry
            names = self.labels.sort(names + ([main] if main and main != ABSTAIN else []))
            if not names:
                return "no label was given (use \"abstain\" when the rules do not decide)"
            entry["labels"] = names
            entry["label"] = main if main in names else names[0]
            entry["logprob"] = None  # the label probability is only read for single-label answers
            return entry
        spans, problems = self.check_spans(item.text, getattr(answer, "spans", []) or [])
        if problems:
            return "; ".join(problems)
        entry["logprob"] = None
        entry["spans"] = [span.model_dump() for span in spans]
        if not spans:
            entry["label"] = ABSTAIN
            if not entry["rationale"]:
                entry["rationale"] = self.say("rationale.no_span")
            return entry
        counts = Counter(span.label for span in spans)
        entry["label"] = max(counts, key=lambda name: (counts[name], -self.labels.order.get(name, 0)))
        return entry

    def check_spans(self, text: str, answers: Sequence[SpanAnswer]) -> tuple[list[Span], list[str]]:
        """Spans checked against the text: offsets repaired from the span text when they are off."""
        spans: list[Span] = []
        problems: list[str] = []
        for answer in answers:
            label = self.labels.normalize(answer.label)
            if label is None or label == ABSTAIN:
                problems.append(f"span label {answer.label!r} is not one of {self.labels.listing()}")
                continue
            surface = html.unescape(answer.text or "")
            start, end = answer.start, answer.end
            offsets_ok = start is not None and end is not None and 0 <= start < end <= len(text)
            if surface:
                if not (offsets_ok and text[start:end] == surface):
                    positions = [m.start() for m in re.finditer(re.escape(surface), text)]
                    if not positions:
                        problems.append(f"span text {surface!r} does not occur in the item text")
                        continue
                    taken = [(s.start, s.end) for s in spans]
                    free = [p for p in positions if not any(p < e and p + len(surface) > s for s, e in taken)] or positions
                    anchor = start if start is not None else 0
                    start = min(free, key=lambda p: abs(p - anchor))
                    end = start + len(surface)
            elif offsets_ok:
                surface = text[start:end]
            else:
                problems.append(f"span {answer.start}-{answer.end} is outside the text (length {len(text)})")
                continue
            spans.append(Span(start=start, end=end, label=label, text=surface))
        # one label per character: keep the longer of overlapping spans, drop exact repeats
        kept: list[Span] = []
        for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
            if kept and span.start < kept[-1].end:
                if (span.end - span.start) > (kept[-1].end - kept[-1].start):
                    kept[-1] = span
                continue
            kept.append(span)
        return kept, problems

    def map_answers(
        self,
        batch: Sequence[Item],
        answers: Sequence[ItemAnswer],
        raw: str,
        logprobs: Sequence[Mapping[str, Any]] | None,
        masking: Any = None,
    ) -> tuple[list[tuple[Item, dict[str, Any]]], list[tuple[Item, str]]]:
        """An answer mapped back to the batch's items by id: (valid entries, (item, problem) to re-ask).
        Unknown and repeated ids are ignored (and noted); missing ids and invalid labels are problems."""
        probabilities = label_probabilities(raw, logprobs, len(answers)) if logprobs else []
        wanted = {item.id for item in batch}
        by_id: dict[str, tuple[ItemAnswer, float | None]] = {}
        for index, answer in enumerate(answers):
            if answer.id not in wanted and html.unescape(answer.id) in wanted:
                answer.id = html.unescape(answer.id)  # echoed as escaped in the prompt
            if answer.id not in wanted:
                self.stats.note(message_text("prelabel.note.unknown_id", "en", item=answer.id))
                continue
            if answer.id in by_id:
                self.stats.note(message_text("prelabel.note.repeated_id", "en", item=answer.id))
                continue
            by_id[answer.id] = (answer, probabilities[index] if index < len(probabilities) else None)
        good: list[tuple[Item, dict[str, Any]]] = []
        again: list[tuple[Item, str]] = []
        for item in batch:
            if item.id not in by_id:
                again.append((item, "the answer had no entry for this id"))
                continue
            answer, probability = by_id[item.id]
            if masking is not None and getattr(answer, "spans", None):

                restore_offsets(masking, item.text, answer.spans)  # type: ignore[attr-defined]  # spans answers only (checked above)
            outcome = self.interpret(item, answer, probability)
            if isinstance(outcome, str):
                again.append((item, outcome))
            else:
                good.append((item, outcome))
        return good, again

    @staticmethod
    def reask_note(problems: Sequence[tuple[Item, str]]) -> str:
        """The feedback that re-asks items whose previous answer was not usable (online and Batch API)."""
        lines = "\n".join(f'- item "{item.id}": {problem}' for item, problem in problems)
        return (
            "Your previous answer for these items was not usable:\n"
            f"{lines}\nAnswer again for every item below, with labels from the rulebook only."
        )
