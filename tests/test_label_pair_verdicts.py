"""A pairwise choice whose sides carry a noun and whose third option is a verdict on both ("which quote reads better -
Vendor A or Vendor B, or neither is usable"), on sentences written for these tests (label_everyday.which_better_candidates,
label_scoring._item_ok)."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("We logged 300 tenant emails with both drafts. For each one, which draft is better - Agency A, Agency B, or neither is usable. Tone matters less than facts.",
         ["Agency A", "Agency B", "neither is usable"]),
        ("Tell us which quote reads better — Vendor A or Vendor B, or neither is acceptable.", ["Vendor A", "Vendor B", "neither is acceptable"]),
        ("For each caption pair, say which one is better, Model 1 or Model 2, or neither is correct.", ["Model 1", "Model 2", "neither is correct"]),
        ("which reply is better, A or B, or about the same?", ["A", "B", "about the same"]),
    ],
)
def test_sides_with_a_noun_and_a_verdict_on_both_are_the_options(text, labels):
    assert _labels(text) == labels


def test_a_clause_about_neither_outside_a_choice_is_no_option():
    # "neither is …" is a name only as the third option of a pair
    found = _labels("Sort the tickets into billing, shipping or returns. Neither is urgent.")
    assert found == ["billing", "shipping", "returns"]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Each row has the human reply and the bot reply. Tell us which reply is better, or say if they are about the same. About 500 rows.",
         ["human", "bot", "about the same"]),
        ("We have the short and long summaries for 300 reports; pick which summary is better or say they're the same.", ["short", "long", "the same"]),
        ("Every ticket comes with the current draft and the rewritten draft. Choose which draft is better, or say they're about the same; also flag any draft that's rude, like calling the customer lazy.",
         ["current", "rewritten", "about the same"]),
    ],
)
def test_sides_named_before_the_question_and_its_tie_are_the_options(text, labels):
    assert _labels(text) == labels


def test_a_which_better_question_without_named_sides_is_no_list():
    assert _labels("Which answer is better, or are they about the same? We are not sure yet what to ask for.") is None
