"""Lists remade in the same message and fault flags beside a grade (requests written for these checks)."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (  # a list given, then remade with "actually make it …"
            "Could you tag each dog photo as good / bad? Actually, make it sharp / blurry / unusable - that matches our camera log. About 2,000 photos.",
            ["sharp", "blurry", "unusable"],
        ),
        (  # a scale, then a flag named by the thing and its fault
            "Grade each translated manual page 1 to 4 and flag if the unit is wrong. 300 pages by March.",
            ["1", "2", "3", "4", "unit wrong"],
        ),
        (
            "Rate each chatbot answer 1-5; also tick when citations are missing, please. Around 800 answers.",
            ["1", "2", "3", "4", "5", "citations missing"],
        ),
        (  # grades, then the faults whose places are marked
            "请给每篇译文评个等级：优、良、差，漏译或错译的句子标出来。一共四百篇。",
            ["优", "良", "差", "漏译", "错译"],
        ),
    ],
)
def test_remade_lists_and_fault_flags(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_actually_without_a_slashed_list_remakes_nothing() -> None:
    found = find_labels("Rate each reply yes or no. Actually make it a bit quicker, by Monday or Tuesday.")
    assert found is not None and found.labels == ["yes", "no"]
