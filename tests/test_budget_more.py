"""Budgets given as a cap after a price per item, a total worked out, in words or in "wan" (sentences written for
these checks, in no dev set), with near-misses."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

TODAY = date(2026, 12, 2)


def _budget(text: str) -> object:
    field = offline_draft(text, [], {}, TODAY)[0].how_much.budget
    return (field.value["amount"], field.value["currency"]) if field.status == FieldStatus.stated and isinstance(field.value, dict) else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("菜谱评论分好评差评，一万条。\n预算：¥0.3/条，封顶2,500元", (2500.0, "CNY")),
        ("- 费用：按0.5元/张，总计不超过4,000元\n- 交付：12.20", (4000.0, "CNY")),
        ("Tag 20,000 podcast clips as ad or content. $0.15 per clip, cap $3,000.", (3000.0, "USD")),
        ("一共八千份问卷，按份算钱，一份五毛，总共就是四千。", (4000.0, "CNY")),
        ("Sort the harbor cams' photos into boat / no boat. Budget's about three grand, the board signed off.", (3000.0, "USD")),
        ("Label 5,000 toy listings. Budget is 2.5 wan RMB total.", (25000.0, "CNY")),
        ("Project row\nTask | tag menus\nBudget | $6,500\nDue | 1/15/2027", (6500.0, "USD")),
        ('转一下老板的语音：“我们有三千条点评，想分成好评差评。请两个人看。下周五前要。钱不多，两千块钱。”', (2000.0, "CNY")),
    ],
)
def test_budget_read(text: str, expected: tuple[float, str]) -> None:
    assert _budget(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tag 900 recipes, about 30 cents per recipe.",  # a price with no total stays a price per item (no amount)
        "标注上限200条，每条0.5元左右。",  # a cap on items
        "抽取合同字段：\n字段\t说明\t示例\n合同金额\t含税\t368万元\n甲方\t签约方\tXX公司",  # an amount of the data
    ],
)
def test_not_a_total_budget(text: str) -> None:
    found = _budget(text)
    assert found is None or found[0] < 10


def test_a_cap_in_pounds_keeps_its_currency():
    """The cap's currency comes from the one currency table the money reader uses (assistant/breakdown/money.py)."""
    from datetime import date

    from assistant.breakdown.five_w2h import break_down

    class _NoPastProjects:
        def search(self, *args, **kwargs):
            return []

    text = "Tag 3,000 reviews as good/bad. £0.20 per review, capped at £900."
    budget = break_down(text, _NoPastProjects(), {}, None, today=date(2026, 12, 2)).how_much.budget
    assert budget.value == {"amount": 900.0, "currency": "GBP"}
