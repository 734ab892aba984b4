"""A field list whose last field is named by the question it answers ("…, total, and which site it was delivered to"),
after a marking verb with "with:" (label_candidates._ASKED_LAST, label_scoring._MARKED_UP), on sentences written for
these tests."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Could you label 200 of the invoices with: supplier, invoice date, total, and which site it was delivered to?",
         ["supplier", "invoice date", "total", "site"]),
        ("From each delivery note please pull out: customer, address, parcel count, and which driver it was given to.",
         ["customer", "address", "parcel count", "driver"]),
        ("Please mark up the booking emails with: guest name, arrival date, room type, and which rate they asked for. About 900 emails.",
         ["guest name", "arrival date", "room type", "rate"]),
    ],
)
def test_the_noun_asked_about_names_the_last_field(text, labels):
    assert _labels(text) == labels


def test_a_which_clause_after_a_list_with_no_and_is_not_a_field():
    # no "and" joins it to the list: the question is the sentence's own
    found = _labels("Tag each review as positive, negative or mixed, which is what the team used last year.")
    assert found == ["positive", "negative", "mixed"]
