"""What the Label Studio readers share: the import summary, annotator names, the label control.

`label_studio_export` (JSON exports) and `label_studio_flat` (JSON-MIN and CSV exports) both build a
`LabelStudioImport` with these helpers; the export reader then hands flat exports to the flat one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.core.messages import parse, text
from assistant.core.messages import text as message_text
from assistant.integrations.cells import cell_text

__all__ = ["MAIN_CONTROL", "MULTI_SEPARATOR", "LabelStudioImport", "annotator_name", "choose_control"]

MULTI_SEPARATOR = "|"  # several choices of one annotation, joined in `label`
MAIN_CONTROL = "label"  # the <Choices> name of Rulebook's exported labeling config


@dataclass
class LabelStudioImport:
    """What was read from a Label Studio export, and what was left out."""

    source: str
    records: list[dict[str, Any]] = field(default_factory=list)
    predictions: list[dict[str, Any]] = field(default_factory=list)
    n_tasks: int = 0
    n_annotations: int = 0  # submitted (not cancelled) annotations turned into records
    n_cancelled: int = 0  # cancelled (skipped) annotations, left out
    n_empty: int = 0  # submitted annotations with an empty result: records without a label
    n_unannotated_tasks: int = 0  # tasks nobody submitted an annotation for
    cancelled: list[tuple[str, str]] = field(default_factory=list)  # (item id, annotator)
    cancelled_lead_time: float = 0.0  # seconds spent on cancelled (skipped) annotations, not counted
    n_multi: int = 0  # annotations with several choices in the label control
    control: str | None = None  # the control (from_name) whose answers are the label
    control_note: str = ""  # why that control, when the export has several
    format: str = "json"  # json | json-min | csv

    @property
    def n_ground_truth(self) -> int:
        return sum(1 for r in self.records if r.get("ground_truth"))

    @property
    def models(self) -> list[str]:
        """The model versions of the predictions, in first-seen order."""
        return list(dict.fromkeys(p.get("model") or "model" for p in self.predictions))

    def notes_in(self, language: str | None = "en") -> list[str]:
        """What was left out, and which control gave the label, in `language` (catalogue label_studio.note.*)."""
        out = []
        if self.n_cancelled:
            shown = text("list.separator", language).join(
                text("label_studio.note.cancelled_item", language, item=item, who=who) for item, who in self.cancelled[:5]
            )
            more = text("label_studio.note.cancelled_more", language, count=self.n_cancelled - 5) if self.n_cancelled > 5 else ""
            out.append(text("label_studio.note.cancelled", language, count=self.n_cancelled, shown=shown, more=more))
        if self.n_empty:
            out.append(text("label_studio.note.empty", language, count=self.n_empty))
        if self.n_unannotated_tasks:
            out.append(text("label_studio.note.unannotated", language, count=self.n_unannotated_tasks))
        if self.control_note:
            # the note is stored in English (label_studio.control.*): shown again with its control, in `language`
            reason = parse(self.control_note, "label_studio.control.")
            why = text(reason.id, language, control=self.control) if reason is not None and self.control else self.control_note
            out.append(text("label_studio.note.control", language, why=why))
        return out

    @property
    def notes(self) -> list[str]:
        return self.notes_in("en")

    @property
    def notes_zh(self) -> list[str]:
        return self.notes_in("zh")


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def annotator_name(value: Any) -> str:
    """One name per person across export formats: the e-mail when known, else ``annotator-<user id>``.

    JSON exports carry ``completed_by`` as a user id or an object with ``id``/``email``; JSON_MIN
    writes the id as a number (or the e-mail), CSV as text.
    """
    if isinstance(value, dict):
        email = cell_text(value.get("email"))
        if email:
            return email
        user_id = cell_text(value.get("id"))
        if user_id:
            return f"annotator-{user_id}"
        name = " ".join(p for p in (cell_text(value.get("first_name")), cell_text(value.get("last_name"))) if p)
        return name or "annotator-unknown"
    text = cell_text(value)
    if text is None:
        return "annotator-unknown"
    if re.fullmatch(r"\d+", text):
        return f"annotator-{text}"
    return text


def choose_control(
    used: dict[str, int], values: dict[str, set[str]], *, wanted: str | None = None, label_names: list[str] | None = None
) -> tuple[str | None, str]:
    """The control (``from_name``) whose answers are the label, and why it was chosen.

    ``used``: control -> annotations using it; ``values``: control -> the values given. Order of
    preference: the control asked for (``--label-field``), Rulebook's own ``label``, the control
    whose values are the rulebook's labels, else the control most annotations use (ties by name).
    """
    if not used:
        return None, ""
    if wanted and wanted in used:
        return wanted, message_text("label_studio.control.asked", "en", control=wanted)
    if MAIN_CONTROL in used:
        return MAIN_CONTROL, ""
    if label_names:
        known = set(label_names)
        scored = sorted(used, key=lambda n: (-len(values.get(n, set()) & known), -used[n], n))
        best = scored[0]
        if values.get(best, set()) & known:
            return best, message_text("label_studio.control.rulebook_labels", "en", control=best)
    best = sorted(used, key=lambda n: (-used[n], n))[0]
    why = message_text("label_studio.control.most_used", "en", control=best) if len(used) > 1 else ""
    return best, why
