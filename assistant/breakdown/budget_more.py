"""Budgets in the forms the money readers leave open: a cap after a price per item, a total worked out by the
requester, amounts in words, and "wan".

- "预算：¥0.6/组，封顶9,000元", "按0.12元/对，总计不超过2,600元", "$0.04/review, total not over $100", "$0.15 per clip, cap
  $3,000": the cap (or total) after a price per item is the budget, not the price;
- "按张算钱，一张一块五，总共就是七千五": the total the requester works out from a price is the budget;
- "Budget's about two grand", "budget of roughly three thousand dollars", "Budget is 1.6 wan RMB total (~$2,200)",
  "预算大概两万五": an amount in words, "grand", "wan" (万) after a budget word.

Not a budget: a cap on something else ("上限200条", "at most 3 annotators"), a price with no total (stays a price per
item), an amount of the data ("合同金额368.5万").
"""

from __future__ import annotations

import re

from assistant.breakdown.field_values import stated as _stated
from assistant.breakdown.money import currency_code
from assistant.breakdown.numbers import _apply_magnitude, parse_cn_number, parse_en_number
from assistant.core.models import BreakdownDraft, FieldStatus

__all__ = ["read_more_budget"]

_AMOUNT = (
    r"(?P<cur>US\$|\$|¥|￥|€|£|RMB\s*|USD\s*|CNY\s*)?\s*(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万]+)"
    r"\s*(?P<mag>万|千|[kK](?![A-Za-z])|wan\b|grand\b)?\s*(?P<cur2>元|块钱?|RMB|CNY|USD|dollars?|bucks|euros?|EUR|人民币)?"
)
# a price per item, then a cap or total of the whole spend in the same line
_PRICE = re.compile(
    r"(?:[$¥￥€£]\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:元|块|毛|角|cents?|dollars?|USD|RMB))\s*(?:/|每|一|per\s+|a\s+)\s*[\u4e00-\u9fffA-Za-z]{1,12}|"
    r"(?:每|一)(?:条|张|份|组|对|段|篇|个|句|幅|单)\s*(?:[零一二两三四五六七八九十\d.]+\s*(?:元|块|毛)[零一二两三四五六七八九十]?)"
)
_CAP = re.compile(
    r"(?:上限|封顶|总计不超过|总共不超过|总包不超过|总价不超过|不超过|最多|总计|合计|总价|总共(?:就是|是)?|一共(?:就是|是)?|加起来|"
    r"\b(?:total(?:\s+(?:not\s+over|not\s+more\s+than|under|of|is|budget))?|capped\s+at|cap(?:\s+(?:of|at))?|max(?:imum)?|up\s+to|not\s+to\s+exceed|no\s+more\s+than|in\s+all)\b)"
    r"\s*[:：]?\s*(?:约|大约|about|around|~)?\s*" + _AMOUNT,
    re.I,
)
_BUDGET_WORD = re.compile(r"(?:\bbudget(?:'s|\s+is|\s+of|\s+was)?|预算(?:是|大概|大约|约|在)?|经费|费用)\s*[:：]?\s*(?:is\s+)?(?:about|around|roughly|approx\.?|~|约|大约|大概)?\s*", re.I)
_WORD_AMOUNT = re.compile(
    r"(?P<n>(?:a\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|a)"
    r"(?:[\s-]+(?:hundred|thousand|and|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty))*)"
    r"\s+(?P<unit>grand|thousand\s+dollars|dollars|bucks|k\b)",
    re.I,
)
_WAN = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*wan\b\s*(?P<cur>RMB|CNY|yuan)?", re.I)
_NOT_MONEY_AFTER = re.compile(r"^\s*(?:条|张|份|组|对|段|篇|个|人|名|位|天|周|月|小时|分钟|秒|%|items?|people|annotators?|days?|hours?)", re.I)


def _amount(m: re.Match[str]) -> float | None:
    token = m.group("n")
    value = _apply_magnitude(float(token.replace(",", "")) if re.match(r"\d", token) else parse_cn_number(token), m.group("mag"))
    return float(value) if value is not None else None


def _currency(text: str, m: re.Match[str]) -> str:
    """The cap's own currency sign or word; without one, the language's (CNY in Chinese text, else USD)."""
    return currency_code(m.group("cur")) or currency_code(m.group("cur2")) or ("CNY" if re.search(r"[\u4e00-\u9fff]", text) else "USD")


def _cap_after_price(text: str) -> tuple[float, str, str] | None:
    for price in _PRICE.finditer(text):
        line_end = text.find("\n", price.end())
        stop = min(line_end if line_end >= 0 else len(text), price.end() + 40)
        for cap in _CAP.finditer(text, price.end(), stop):
            if _NOT_MONEY_AFTER.match(text[cap.end() :]) or not (cap.group("cur") or cap.group("cur2") or cap.group("mag")
                                                                  or re.search(r"钱|元|块|毛|角|[$¥€£]", text[price.start() : cap.end()])):
                continue
            value = _amount(cap)
            if value and value >= 10:
                return value, _currency(text[price.start() : cap.end()], cap), text[price.start() : cap.end()].strip()
    return None


def _in_words(text: str) -> tuple[float, str, str] | None:
    for word in _BUDGET_WORD.finditer(text):
        rest = text[word.end() : word.end() + 40]
        m = _WORD_AMOUNT.match(rest)
        if m:
            number = parse_en_number(re.sub(r"^a\s+(?=hundred|thousand)", "one ", m.group("n").strip(), flags=re.I))
            if number is None and m.group("n").strip().lower() == "a":
                number = 1
            unit = m.group("unit").lower()
            if number:
                value = float(number) * (1000 if unit in ("grand", "k") or unit.startswith("thousand") else 1)
                return value, "USD", text[word.start() : word.end() + m.end()].strip()
        w = _WAN.match(rest)
        if w:
            return float(w.group("n")) * 10_000, "CNY", text[word.start() : word.end() + w.end()].strip()
    return None


def read_more_budget(draft: BreakdownDraft, text: str) -> None:
    """The budget from a cap after a price per item, or from an amount in words or in "wan"."""
    budget = draft.how_much.budget
    capped = _cap_after_price(text)
    if capped and (budget.status != FieldStatus.stated or (isinstance(budget.value, dict) and float(budget.value.get("amount") or 0) < capped[0])):
        draft.how_much.budget = _stated({"amount": capped[0], "currency": capped[1]}, capped[2], 0.8)
        return
    if budget.status == FieldStatus.stated:
        return
    found = _in_words(text)
    if found:
        draft.how_much.budget = _stated({"amount": found[0], "currency": found[1]}, found[2], 0.75)
