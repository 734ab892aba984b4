"""The Label Studio labeling config a rulebook implies (Choices, Labels, Rating, or a pairwise layout)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from assistant.core.models import Rulebook, TaskType
from assistant.integrations.label_studio import FROM_NAME, PAIRWISE_KEYS, TEXT_KEY, TO_NAME, is_pairwise, numeric_scale

SPAN_TASKS = (TaskType.ner,)

# Colours for span labels in Label Studio (distinct, readable with white text).
_PALETTE = (
    "#D4380D", "#1D39C4", "#389E0D", "#D48806", "#531DAB",
    "#08979C", "#C41D7F", "#7CB305", "#0958D9", "#AD4E00",
)


def to_label_studio_config(rulebook: Rulebook) -> str:
    """A Label Studio labeling config: Choices for classification, Labels for span tasks (NER),
    Rating or ordered choices with hotkeys for a rating scale, a pairwise layout for preferences.

    Control and object names are the fixed ones pre-labeling exports use (`label` → `text`); see
    :mod:`assistant.integrations.label_studio`.
    """
    view = ET.Element("View")
    ET.SubElement(view, "Header", {"value": f"{rulebook.title} (v{rulebook.version})"})
    names = rulebook.label_names
    if rulebook.task_type in SPAN_TASKS:
        labels = ET.SubElement(view, "Labels", {"name": FROM_NAME, "toName": TO_NAME})
        for index, label in enumerate(rulebook.labels):
            attributes = {"value": label.name, "background": _PALETTE[index % len(_PALETTE)]}
            if label.definition.strip():
                attributes["hint"] = label.definition
            ET.SubElement(labels, "Label", attributes)
        ET.SubElement(view, "Text", {"name": TO_NAME, "value": f"${TEXT_KEY}"})
        ET.indent(view, space="  ")
        return ET.tostring(view, encoding="unicode") + "\n"
    if is_pairwise(rulebook):
        prompt, answer_a, answer_b = PAIRWISE_KEYS
        ET.SubElement(view, "Text", {"name": prompt, "value": f"${prompt}"})
        row = ET.SubElement(view, "View", {"style": "display: flex; gap: 1em"})
        for key in (answer_a, answer_b):
            column = ET.SubElement(row, "View", {"style": "flex: 1"})
            ET.SubElement(column, "Header", {"value": "A" if key == answer_a else "B", "size": "5"})
            ET.SubElement(column, "Text", {"name": key, "value": f"${key}"})
        target = f"{answer_a},{answer_b}"
    else:
        ET.SubElement(view, "Text", {"name": TO_NAME, "value": f"${TEXT_KEY}"})
        target = TO_NAME
    scale = numeric_scale(names) if rulebook.ordinal and not rulebook.multi_label else None
    if scale is not None and target == TO_NAME:
        ET.SubElement(view, "Rating", {"name": FROM_NAME, "toName": TO_NAME, "maxRating": str(scale), "required": "true"})
    else:
        choices = ET.SubElement(
            view,
            "Choices",
            {
                "name": FROM_NAME,
                "toName": target,
                "choice": "multiple" if rulebook.multi_label else "single-radio",
                "showInline": "true" if rulebook.ordinal else "false",
                "required": "true",
            },
        )
        hotkeys = rulebook.ordinal and len(rulebook.labels) <= 9
        for index, label in enumerate(rulebook.labels, 1):
            attributes = {"value": label.name}
            if label.definition.strip():
                attributes["hint"] = label.definition
            if hotkeys:
                attributes["hotkey"] = str(index)
            ET.SubElement(choices, "Choice", attributes)
    ET.indent(view, space="  ")
    return ET.tostring(view, encoding="unicode") + "\n"
