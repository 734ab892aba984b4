"""A name set apart from the list by the person relaying the request: a quoted box, a second question asked
"separately", a name split out "as its own thing", a scale's points named on a line under it (requests written for
these checks)."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (  # a quoted name with a checkbox of its own after "plus"
            "The ops lead wants every translated menu line checked and marked as faithful, loose, or wrong, plus a \"allergen dropped\" checkbox "
            "if an allergen in the source is missing. About 800 lines.",
            ["faithful", "loose", "wrong", "allergen dropped"],
        ),
        (  # a dash ends the list after a colon; a separate quoted box joins it
            "My manager wants both transcripts compared and someone to pick for each: left better, right better, equal — and a separate \"both unusable\" "
            "box for when neither could be sent. 300 pairs.",
            ["left better", "right better", "equal", "both unusable"],
        ),
        (  # a second judgement opened by "separately"
            "He wants the two search rankings compared and a reviewer to say old better / new better / no difference. And separately, for each ranking, "
            "yes/no: does it show an out-of-stock item first. Around 400 queries.",
            ["old better", "new better", "no difference", "yes", "no"],
        ),
        (  # a name split out of one of the list's names as its own thing
            "Forwarding from the clinic manager. Sort incoming patient emails by what they need:\n• appointment\n• prescription\n• billing\n• other\n"
            "Later she added: she wants \"repeat prescription\" split out of prescription as its own category, because the pharmacy handles those.",
            ["appointment", "prescription", "billing", "other", "repeat prescription"],
        ),
        (  # the relayer's guess ("that means …") and a second list the client "also" named
            "The gym owner wants the exit surveys read. I guess that means happy / unhappy / mixed, but he also listed some reasons — price, crowding, "
            "opening hours, staff — and I'm not sure he wants both. 1,200 surveys.",
            ["happy", "unhappy", "mixed", "price", "crowding", "opening hours", "staff"],
        ),
    ],
)
def test_set_apart_names_join_the_list(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert sorted(found.labels) == sorted(labels)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "Passing this on from the head of HR. Each exit-interview answer should be rated on a four-point scale:\n\n"
            "   strongly disagree – disagree – agree – strongly agree\n\nThere are 600 answers.",
            ["strongly disagree", "disagree", "agree", "strongly agree"],
        ),
        (
            "The chef asks for every dish review to be graded:\n  awful -> poor -> fine -> good -> superb\nabout 1,000 reviews, by the 20th.",
            ["awful", "poor", "fine", "good", "superb"],
        ),
    ],
)
def test_scale_points_named_on_a_line(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == labels
    assert found.ordinal


def test_a_line_of_points_must_match_the_stated_count() -> None:
    text = "Rate each reply on a five-point scale:\n  bad – ok – good\nabout 200 replies."
    found = find_labels(text)
    assert found is None or found.labels != ["bad", "ok", "good"]


def test_a_dash_line_under_a_plain_head_is_not_a_scale() -> None:
    from assistant.breakdown.label_scale_lines import scale_line_candidates

    assert scale_line_candidates("Our offices:\n  Leeds – York – Hull\n") == []
