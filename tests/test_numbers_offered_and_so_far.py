"""Counts and budgets said in passing (volume_elliptic.py, money.py), on sentences written for these tests, with
near-misses that must not be read."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft

TODAY = date(2026, 12, 3)


def _draft(text):
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        # a count of what the request is about, with no noun, "so far"
        ("I'm the clerk of a parish council. An AI tool writes summaries of planning applications; could you check them against the applications? We've got 180 so far. For each one say fine, wrong or too technical.", 180),
        ("Our vet nurses log every phone triage in a form. I have 2,400 at the moment and want them sorted into urgent or routine.", 2400),
        # "N of them" after one item named in the singular
        ("HR here at a chain of cafes (we have 12 sites). Our managers write up an exit interview whenever someone leaves, and I've got 612 of them from the last 18 months. Please label them by reason.", 612),
    ],
)
def test_a_count_said_in_passing_is_the_volume(text, volume):
    assert _draft(text).how_much.volume.value == volume


def test_people_counted_with_of_them_are_no_volume():
    assert _draft("We have 40 agents and 12 of them work nights. Please label 3,000 calls as urgent or routine.").how_much.volume.value == 3000


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Please check 300 summaries as fine or wrong. Happy to pay £350.", 350, "GBP"),
        ("Sort 1,000 reviews into praise or complaint. We are glad to pay $2,000 for the lot.", 2000, "USD"),
    ],
)
def test_an_amount_the_requester_is_happy_to_pay_is_the_budget(text, amount, currency):
    budget = _draft(text).how_much.budget.value
    assert budget["amount"] == amount and budget["currency"] == currency


def test_a_rate_one_is_happy_to_pay_stays_a_rate():
    budget = _draft("Sort 1,000 reviews into praise or complaint. Happy to pay £2 per item.").how_much.budget
    assert budget.value == {"amount": 2.0, "currency": "GBP", "per": "item"}
