"""Reasons said in passing (purpose_reasons.py), on sentences written for these tests (no development set's), with
near-misses that must not be read as the purpose."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus


def _goal(text):
    draft, _ = offline_draft(text, [], {}, date(2026, 12, 3))
    return draft.why.business_goal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please tag the 2,400 tenant emails as repair, rent, noise or other so the property managers can see where the time goes.",
         "the property managers can see where the time goes"),
        ("need the warranty claims sorted into fraud / legit, 800 of them\nregional director wants it for the January board pack",
         "regional director wants it for the January board pack"),
        ("rate each answer 1-5, 300 answers, by Friday pls, procurement needs a go/no-go", "procurement needs a go/no-go"),
        ("Need topic labels on 5k app reviews for the new roadmap dashboard\ntopics: pricing, bugs, features",
         "for the new roadmap dashboard"),
        ("把菜市场摊位的投诉分成卫生、价格、态度三类，一共两千条，给新的市场管理机器人做训练。", "给新的市场管理机器人做训练"),
        ("车险理赔照片三千张，标出损伤部位，月底前交，下月定损评审会要用。", "下月定损评审会要用"),
        ("读者来信一千二百封，按栏目分一下类，我们要排下半年的选题计划。", "我们要排下半年的选题计划"),
        ("我们想把物业报修单电子化，先把五百张手写单的字段抽出来：房号、问题、报修时间。", "想把物业报修单电子化"),
    ],
)
def test_a_reason_said_in_passing_is_the_purpose(text, expected):
    goal = _goal(text)
    assert goal.status == FieldStatus.stated
    assert goal.value == expected


@pytest.mark.parametrize(
    "text",
    [
        # the labellers' side, or when: no reason for the work
        "Tag the 1,000 reviews as positive or negative so we can check your quality before the full batch.",
        "Label 600 receipts by category so we can have them by Friday.",
        "评论一千条，分成好评差评，要用三个人标。",
        "Label 2,000 tickets as billing, outage or other. Each needs a second look.",
    ],
)
def test_the_ask_or_the_timing_is_not_a_reason(text):
    assert _goal(text).status == FieldStatus.missing
