"""Volumes in shapes read for development set 7: a day after a month name is no count, "maybe 800 of them?" counts the
data the request opened with, "two thousand pieces", a total the request works out after a longer clause ("…, so 3,600
translations"), two systems compared (their answers to one question are one item), figures in the signature under a
sign-off, and a vague amount of a slashed noun ("a few thousand query/result pairs").

Requests written for these tests, in domains of no dev set.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

MONDAY = date(2026, 11, 30)


def volume_of(request: str):
    draft, _ = offline_draft(request, [], {}, MONDAY)
    return draft.how_much.volume


@pytest.mark.parametrize(
    "request_text,volume",
    [
        # a day after a month name is a date, and "of them" counts the data the request is about
        ("the AI visit notes our vets get — can someone rate a sample 1-5? maybe 600 of them? due by feb 20 bc audits start.", 600),
        ("Our chatbot transcripts need a quality score. Could your team grade a sample, say 1,200 of them? Before Dec 18 so we can plan.", 1200),
        # counts written in words, of pieces or creatives
        ("We need our social ads reviewed for claims. There are three thousand pieces in the library; mark ok / fix / pull.", 3000),
        ("Please check our banner creatives for brand safety: two thousand creatives, safe or unsafe.", 2000),
        # the total the request works out itself after a longer clause
        ("Volume: 900 menus, each has an English and a French version to check, so 1,800 translations.", 1800),
        ("We have 400 museum labels, every one of them in German and Italian, so 800 translations to rate.", 800),
        ("共500条景区公告，每条都有英文和日文两个译本，所以一共1000条译文要评。", 1000),
        # two systems compared: one pair of answers is one item
        ("We're choosing between two vendors for our legal-intake bot. We have 700 question/answer pairs per vendor; pick the better answer or tie.", 700),
        ("Two models answered our HR questions, 450 answers per model; which answer is better, A or B?", 450),
    ],
)
def test_volume_shapes(request_text: str, volume: int) -> None:
    field = volume_of(request_text)
    assert field.status == FieldStatus.stated
    assert field.value == volume


@pytest.mark.parametrize(
    "request_text",
    [
        # figures of the sender's business in the signature are not the volume
        "Hi Jo,\n\nCould your team check whether our site search returns good matches? Just yes or no. Maybe a few thousand query/result pairs?\n\nCheers,\nMina (owner, Kiln & Co -- 12k products, ~300 orders/week)",
        "您好，想评估一下我们站内搜索的结果相关不相关，先标一批看看。\n\n谢谢\n王磊（店长，花艺之家 -- 8000个商品）",
        # a day after a month name is never a count
        "Tag our tenant emails by issue type, the batch is due jan 25 bc inspections start.",
    ],
)
def test_no_stated_volume(request_text: str) -> None:
    assert volume_of(request_text).status != FieldStatus.stated


def test_a_vague_amount_of_a_slashed_noun_is_vague() -> None:
    field = volume_of("Rate how well each product matches the search. Probably a few thousand query/product pairs, you tell me.")
    assert field.status == FieldStatus.inferred
    assert field.value["low"] == 1000 and field.value["high"] == 9999


def test_a_count_before_a_sign_off_still_counts() -> None:
    field = volume_of("Please tag 2,500 bakery reviews as positive / negative / mixed.\n\nThanks!\nDana")
    assert field.status == FieldStatus.stated and field.value == 2500
