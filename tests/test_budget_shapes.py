"""Budgets written as "钱不多，一万五以内", "预算按1.2万算", "Budget around 2.5k, USD": a modest-money phrase before the
amount, an amount to reckon with (按…算), a currency code written after the amount.

Requests written for these tests, in domains of no dev set; negatives keep prices per item and earnings out.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.money import extract_budget, extract_unit_price
from assistant.core.models import FieldStatus

MONDAY = date(2026, 11, 30)


def budget_of(request: str) -> dict | None:
    draft, _ = offline_draft(request, [], {}, MONDAY)
    field = draft.how_much.budget
    return field.value if field.status == FieldStatus.stated else None


@pytest.mark.parametrize(
    "request_text,amount,currency",
    [
        ("驾校学员评价三千条，分好评差评。钱不多，一万五以内，下周五前要。", 15000, "CNY"),
        ("社区团购售后留言2000条按问题分类 钱有限 8千左右 月底交", 8000, "CNY"),
        ("古籍扫描页四千张，标出版心和页码。经费按2.5万算，元旦前交。", 25000, "CNY"),
        ("小区业主群聊天记录一万条，分出报修、投诉、闲聊三类，预算就按6000来算吧。", 6000, "CNY"),
        ("Tag 1,200 brewery tasting notes by flavour family. Budget around 3k, USD. Mid-January is fine.", 3000, "USD"),
        ("We need 800 ferry delay announcements rated for clarity 1-5. The budget is 4,000, in EUR.", 4000, "EUR"),
        ("Sort 2,000 bike-repair tickets by fault; budget approx 1.5k (GBP), by Christmas.", 1500, "GBP"),
        ("Tag 3,000 tram complaints by cause (budget $2,000), before Christmas.", 2000, "USD"),
    ],
)
def test_budget_shapes(request_text: str, amount: float, currency: str) -> None:
    value = budget_of(request_text)
    assert value is not None
    assert value["amount"] == amount
    assert value["currency"] == currency


def test_a_price_per_item_inside_a_budget_phrase_stays_a_price() -> None:
    text = "菜谱图片五千张写描述，预算按每条0.5元算。"
    assert not extract_budget(text)
    assert [f.value["amount"] for f in extract_unit_price(text)] == [0.5]


@pytest.mark.parametrize(
    "request_text",
    [
        "快递驿站留言1500条分类，这行赚钱不多，一单也就几毛钱。",
        "Tag 900 hardware-store reviews; most items sell for about 2k, USD prices.",
        # a price tag in brackets after the thing it prices
        "Our climbing gym's member emails need sorting. Some ask about the annual pass ($1,200), some about day passes. Not sure on budget.",
        "家政服务评价两千条，有人买了深度保洁套餐（¥1,200），也有人买了日常保洁，帮忙分好评差评。",
    ],
)
def test_not_a_budget(request_text: str) -> None:
    assert budget_of(request_text) is None
