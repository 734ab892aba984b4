"""Words inside one label that other readers took for delimiters or noise (written fresh, not from a dev set).

- in a comma list, an ampersand inside a middle item joins its words: `parking & access, noise, …`;
- a trailing `#` after a word is the name's ("invoice #", "PO #"), not a hashtag mark;
- a range followed by a unit of time (`3-4 min per item`, `2~3小时`) is a duration, not a 3-4 scale;
- one option a line may hold articles beyond its six-word length (`request a copy of the final report`).
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    pytest.param("Each complaint gets ONE topic: noise, parking & access, trash & recycling, rent, or other. About 3,000 complaints.",
                 ["noise", "parking & access", "trash & recycling", "rent", "other"], id="en-ampersand-in-comma-list"),
    pytest.param("Label every support email with a category: login issues, billing & refunds, bugs, shipping & returns, or other. ~5k emails.",
                 ["login issues", "billing & refunds", "bugs", "shipping & returns", "other"], id="en-ampersand-two-items"),
    pytest.param("fields to pull out of each scanned form:\ninvoice #, PO #, vendor name, total, currency\nabout 2k forms.",
                 ["invoice #", "PO #", "vendor name", "total", "currency"], id="en-number-sign"),
    pytest.param("spans we need:\ncase #, docket #, judge, filing date\nmaybe 3-4 min per doc, around 900 docs.",
                 ["case #", "docket #", "judge", "filing date"], id="en-number-sign-and-minutes"),
    pytest.param("Tag each chat by what the customer wants:\n- cancel a subscription\n- request a copy of the final invoice\n- change the delivery address\n- something else",
                 ["cancel a subscription", "request a copy of the final invoice", "change the delivery address", "something else"], id="en-long-option-lines"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_item_words_kept(text: str, expected: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == expected


def test_trailing_ampersand_still_joins_the_last_item() -> None:
    found = find_labels("Sort the posts into news, memes, ads & promos.")
    assert found is not None and "news" in found.labels and "memes" in found.labels


def test_range_of_minutes_is_no_scale() -> None:
    found = find_labels("Each call takes 2-3 minutes to review; we have 4,000 calls and want a short summary of each.")
    assert found is None or found.labels != ["2", "3"]


def test_range_of_hours_zh_is_no_scale() -> None:
    found = find_labels("每段录音大概2~3小时能听完，一共四十段，需要写摘要。")
    assert found is None or found.labels != ["2", "3"]
