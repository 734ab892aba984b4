"""'which are X and which are just people doing Y': the kind is named by what the people are doing
(label_which_clauses._PEOPLE_DOING), on sentences written for these tests."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Please tell us which emails are complaints and which are just customers asking about delivery times, about 2,000 emails.",
         ["complaints", "asking about delivery times"]),
        ("Our forum mods want to see which posts are harassment and which are just members arguing about the referee. 3k posts.",
         ["harassment", "arguing about the referee"]),
    ],
)
def test_what_the_people_are_doing_names_the_kind(text, labels):
    assert _labels(text) == labels


def test_a_which_clause_naming_no_people_keeps_its_words():
    assert _labels("tell us which reviews are complaints, which are questions and which are just spam") == ["complaints", "questions", "spam"]
