"""Facts to pull out of each document, listed after a colon, with notes and values in brackets (requests written for
these checks)."""

from __future__ import annotations

from assistant.breakdown.label_pulled_fields import pulled_field_candidates
from assistant.breakdown.request_labels import find_labels


def test_fields_after_a_colon_beat_one_fields_values() -> None:
    text = (
        "Passing this on for our head of procurement. She wants the main details extracted from the supplier quotes we get: "
        "supplier name (or trading name if different), unit price, currency, lead time, and payment terms (net 30 / net 60 / upfront). "
        "About 400 quotes."
    )
    found = find_labels(text)
    assert found is not None
    assert found.labels == ["supplier name", "unit price", "currency", "lead time", "payment terms"]


def test_a_field_skipped_in_an_update_leaves() -> None:
    text = (
        "Hi, relaying for Priya. She wants the key facts pulled from the lease PDFs: tenant, landlord, floor area, service charge, and break clause.\n\n"
        "UPDATE: Priya says skip break clause, legal handles those."
    )
    found = find_labels(text)
    assert found is not None
    assert found.labels == ["tenant", "landlord", "floor area", "service charge"]


def test_sentences_after_the_colon_are_no_fields() -> None:
    text = "Here are the facts pulled from the audit: we missed three deadlines and the vendor was late twice."
    assert pulled_field_candidates(text) == []
