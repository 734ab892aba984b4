"""A price per item is shown as a rate, never as the whole budget ("20,000 headlines, 5 cents each")."""

from __future__ import annotations

from assistant.breakdown.render import format_value


def test_a_unit_price_reads_as_a_rate_in_both_languages() -> None:
    rate = {"amount": 0.05, "currency": "USD", "per": "item"}
    assert format_value(rate, "en") == "0.05 USD per item (a rate, not a total)"
    assert "每条 0.05 USD" in format_value(rate, "zh") and "单价" in format_value(rate, "zh")


def test_a_total_budget_reads_as_an_amount() -> None:
    assert format_value({"amount": 26000, "currency": "USD"}, "en") == "26,000 USD"
