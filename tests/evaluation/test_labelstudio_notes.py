"""What a Label Studio import left out, and which control gave the label, told in the reader's language."""

from __future__ import annotations

import re
from typing import Any

from assistant.integrations.label_studio_export import parse_label_studio_export


def _choice(label: str, from_name: str) -> dict[str, Any]:
    return {"from_name": from_name, "to_name": "text", "type": "choices", "value": {"choices": [label]}}


def _export() -> list[dict[str, Any]]:
    """Two controls (none named `label`), 7 cancelled annotations, one empty result, one task nobody annotated."""
    tasks: list[dict[str, Any]] = [
        {"id": 1, "data": {"text": "好评", "item_id": "c001"}, "annotations": [
            {"id": 1, "completed_by": 3, "result": [_choice("正面", "sentiment"), _choice("是", "urgent")]},
            {"id": 2, "completed_by": 4, "result": [_choice("正面", "sentiment")]},
            {"id": 3, "completed_by": 5, "result": []},
        ]},
        {"id": 2, "data": {"text": "还没人标", "item_id": "c002"}, "annotations": []},
    ]
    for number in range(7):
        tasks.append({"id": 10 + number, "data": {"text": f"跳过 {number}", "item_id": f"s{number}"},
                      "annotations": [{"id": 20 + number, "completed_by": 6, "was_cancelled": True, "result": []}]})
    return tasks


def test_notes_in_english_name_what_was_left_out_and_why_that_control():
    imported = parse_label_studio_export(_export())
    notes = imported.notes
    assert notes[0] == ("7 cancelled (skipped) annotation(s) left out: s0 by annotator-6, s1 by annotator-6, s2 by annotator-6, "
                        "s3 by annotator-6, s4 by annotator-6, … (+2)")
    assert "1 annotation(s) submitted without a result: counted, with no label" in notes
    assert "8 task(s) without a submitted annotation" in notes  # the one nobody opened and the 7 skipped
    assert notes[-1] == "the label is the answer of control 'sentiment' (used by the most annotations)"
    assert imported.notes_in("en") == notes


def test_notes_in_chinese_have_no_english_words_and_say_why_that_control():
    imported = parse_label_studio_export(_export(), control="sentiment")
    notes = imported.notes_zh
    assert notes[0].startswith("已跳过 7 条被取消（跳过）的标注：s0（annotator-6）、") and notes[0].endswith(" 等（另 2 条）")
    assert notes[-1] == "标签取自控件「sentiment」（按要求指定）"
    # nothing English is left but ids, annotator names and the control's name
    leftover = re.sub(r"annotator-\d+|sentiment|\bs\d\b", "", " ".join(notes))
    assert not re.search(r"[A-Za-z]{2,}", leftover), leftover
