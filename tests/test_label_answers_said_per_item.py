"""Answers said for each item in plain English, and the flags and types around them (requests written for these checks).

- "look at each pair and say same dish, different dish, or unsure": the answers after "and say";
- quoted values the data "turns up as" are samples of the data, not names for labels;
- "mark each one fine or needs a second check": a short verdict beside a longer option is still a list;
- a postscript that asks for posts "flagged separately as "X"" adds X, however far below the list;
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "Our recipe site has imported the same dishes twice, one shows up as \"Chicken Tikka, 4 servings\" and \"chicken tikka masala (serves 4)\". "
            "Please read each pair of recipes and say same dish, different dish, or unsure. About 900 pairs.",
            ["same dish", "different dish", "unsure"],
        ),
        ("Go through the 900 invoices and mark each one fine or needs a second check, by Friday.", ["fine", "needs a second check"]),
        (
            "Hi, could you label our forum threads as OK, needs a look, or delete?\n\nThanks\nTom\n\n"
            "P.S. threads with a phone number in them should be tagged separately as \"personal info\" too.",
            ["OK", "needs a look", "delete", "personal info"],
        ),
    ],
)
def test_answers_said_per_item(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_quoted_samples_of_the_data_are_no_labels() -> None:
    found = find_labels("Our customer list is a mess - the same shop turns up as \"Bloom & Co, 12 High St\" and \"Bloom and Co., 12 High Street\". Can you help?")
    assert found is None


def test_grade_words_as_a_choice_of_each_item() -> None:
    found = find_labels("商场想知道每条顾客留言是好评、中评还是差评，一共八千条。")
    assert found is not None and found.labels == ["好评", "中评", "差评"]


@pytest.mark.parametrize(
    ("text", "task_type"),
    [
        ("We run a hiking forum and want a tool that catches comments before they go live. Could you label 3,000 old comments as fine, borderline or remove?", TaskType.content_safety),
        ("Our warehouse camera writes a sentence describing what's in the photo of each pallet. Please check 1,500 of those sentences and fix the wrong ones.", TaskType.image_description),
    ],
)
def test_task_type_of_the_shape(text: str, task_type: TaskType) -> None:
    found = find_labels(text)
    assert read_task_type(text, found.labels if found else None).task_type is task_type
