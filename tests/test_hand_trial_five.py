"""Hand trial five (2026-12-03): everyday requests typed by the coordinator, failures turned into shapes.

- a colon list of fields where one field is four words ("card last 4 digits") is still the label list;
- options with examples in brackets ("positive (happy, excited), negative (angry, upset) or neutral") are the options,
  not two dimensions whose values are the examples.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Need NER on bank SMS: amount, merchant, date, card last 4 digits, balance. ~15k SMS.",
         ["amount", "merchant", "date", "card last 4 digits", "balance"]),
        ("Pull out of each lab report: patient id, test name, result, date of last dose, units.",
         ["patient id", "test name", "result", "date of last dose", "units"]),
    ],
)
def test_one_four_word_field_among_short_ones_keeps_the_list(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_two_long_items_are_still_no_bare_list() -> None:
    found = find_labels("Notes from the call: customer wants a refund today, agent promised a call back later, ok.")
    assert found is None or "customer wants a refund today" not in found.labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Tag each tweet as positive (happy, excited), negative (angry, upset) or neutral. 3,000 tweets.", ["positive", "negative", "neutral"]),
        ("Sort the reviews into praise (food, staff), complaints (wait, price), and suggestions.", ["praise", "complaints", "suggestions"]),
        ("Label each message as urgent (outage, data loss), normal (how-to, billing) or spam.", ["urgent", "normal", "spam"]),
    ],
)
def test_bracketed_examples_of_options_are_not_dimensions(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_two_dimensions_with_their_values_are_still_read_as_values() -> None:
    found = find_labels("Tag each ticket with urgency (high/medium/low) and product (iOS app, Android app, web).")
    assert found is not None and {"high", "medium", "low"} <= set(found.labels)
