"""Fields asked for in the words of a sentence, named by their noun (requests written for these checks)."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "Our garage gets booking emails. From each one I need:\n- the customer's name\n- car registration\n- which service (MOT, full service)\n- preferred date\n\nAbout 700 emails.",
            ["customer's name", "car registration", "service", "preferred date"],
        ),
        (
            "For each tutoring enquiry please pull out:\n- what subject\n- the student's year group\n- phone number\n\n300 or so.",
            ["subject", "student's year group", "phone number"],
        ),
    ],
)
def test_field_named_by_its_noun(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_possessives_stay() -> None:
    found = find_labels("From each referral I need:\n- the caller's name\n- the patient's name\n- date of birth\n\n200 referrals.")
    assert found is not None and "caller's name" in found.labels and "patient's name" in found.labels
