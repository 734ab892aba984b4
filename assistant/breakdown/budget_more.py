"""Budgets in the forms the money readers leave open: a cap after a price per item, a total worked out by the
requester, amounts in words, and "wan".

- "预算：¥0.6/组，封顶9,000元", "按0.12元/对，总计不超过2,600元", "$0.04/review, total not over $100", "$0.15 per clip, cap
  $3,000": the cap (or total) after a price per item is the budget, not the price;
- "按张算钱，一张一块五，总共就是七千五": the total the requester works out from a price is the budget;
- "Budget's about two grand", "budget of roughly three thousand dollars", "Budget is 1.6 wan RMB total (~$2,200)",
  "预算大概两万五": an amount in words, "grand", "wan" (万) after a budget word;
- a cap on the price with no currency: "for under 1k", "keep it under 1k", "Budget: one thousand max", "…, one thousand
  max", "…按原因分类，不超过一万": the cap is the budget (its cap word stays in the evidence). A cap that counts something
  ("under 1k hours", "最多一万条", "三千条左右，不超过五千") is not money.

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


_EN_WORDS_AMOUNT = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty)"
    r"(?:[\s-]+(?:hundred|thousand|and|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty))*[\s-]+(?:hundred|thousand)"
)
# "for under 1k", "keep it under $800", "costs no more than two grand"
_FOR_UNDER = re.compile(
    r"\b(?:for|keep\s+(?:it|this|that|the\s+(?:cost|costs|price|bill|spend|total))|cost(?:s|ing)?|spend(?:ing)?|pay(?:ing)?)\s+"
    r"(?P<cap>(?:just\s+|well\s+)?(?:under|less\s+than|below|no\s+more\s+than|at\s+most|not\s+more\s+than))\s+"
    r"(?P<cur>US\$|\$|€|£|¥)?\s*(?:(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mag>[kK](?![A-Za-z])|grand\b)?|(?P<words>" + _EN_WORDS_AMOUNT + r"))"
    r"(?:\s*(?P<cur2>dollars|bucks|USD|euros?|pounds))?",
    re.I,
)
# "one thousand max", "two grand tops": an amount in words capped, in a clause of its own (or after a budget word)
_WORDS_MAX = re.compile(
    r"(?:^|[,;:：.!?]\s*|\bbudget(?:'s|\s+is|\s+of)?\s*[:：]?\s*)(?P<words>" + _EN_WORDS_AMOUNT + r")\s+(?P<cap>max(?:imum)?|tops|at\s+most|or\s+less|cap)\b"
    r"(?=\s*(?:$|[,;.!?)]))",
    re.I,
)
# "…按原因分类，不超过一万。": a cap opening its own clause, the number closing it, no count after it
_ZH_CAP = re.compile(r"(?:^|(?<=[，,；;。]))\s*(?P<cap>不超过|不能超过|别超过|封顶|上限)\s*(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?P<mag>万|千)?(?=\s*(?:$|[，,；;。！!？?]))")
_COUNT_BEFORE = re.compile(r"(?:条|张|份|组|对|段|篇|个|句|人|通|次|本|页)(?:左右|上下|以上)?\s*[，,]\s*$")
# after a capped amount of money: the end of the clause or a word about the spend; any other word ("under 1k hours",
# "for under 1k reviews", "under 1k per batch") says what the number counts
_MONEY_AFTER_CAP = re.compile(r"^\s*(?:$|[,;.!?)，。；！？]|(?:total|all-?in|max(?:imum)?|tops|budget|or\s+so|in\s+total|overall|all\s+told|if|so|and|please|ideally|including|incl)\b)", re.I)


# "we can do $400 total", "I could pay £600": what the requester can pay, with its currency, and no rate after it
_CAN_PAY = re.compile(
    r"\b(?:we|i)\s+(?:can|could)\s+(?:only\s+)?(?:do|pay|spend|afford|manage|stretch\s+to|put\s+in)\s+(?:about\s+|around\s+|up\s+to\s+|maybe\s+)?"
    r"(?P<cur>US\$|\$|€|£)\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mag>[kK](?![A-Za-z])|grand\b)?(?!\s*(?:/|per\b|an?\s+(?:hour|item|page|photo|piece|day)|each\b|an?\s+hr\b))",
    re.I,
)


def _can_pay(text: str) -> tuple[float, str, str] | None:
    m = _CAN_PAY.search(text)
    if not m:
        return None
    value = _apply_magnitude(float(m.group("n").replace(",", "")), m.group("mag"))
    if not value or value < 50:
        return None
    return float(value), currency_code(m.group("cur")) or "USD", m.group(0).strip()


def _bare_cap(text: str) -> tuple[float, str, str] | None:
    """A cap on the price written without a budget word or a currency ("for under 1k", "one thousand max")."""
    for m in _FOR_UNDER.finditer(text):
        if not _MONEY_AFTER_CAP.match(text[m.end() :]):
            continue  # "in under 1k hours", "under 1k per batch", "for under 1k reviews"
        if m.group("words"):
            value = parse_en_number(m.group("words"))
        else:
            value = _apply_magnitude(float(m.group("n").replace(",", "")), m.group("mag"))
        if not value or value < 50 or not (m.group("cur") or m.group("cur2") or m.group("mag") or m.group("words") or value >= 100):
            continue
        currency = currency_code(m.group("cur")) or currency_code(m.group("cur2")) or ("CNY" if re.search(r"[\u4e00-\u9fff]", text) else "USD")
        return float(value), currency, text[m.start("cap") : m.end()].strip()
    for m in _WORDS_MAX.finditer(text):
        value = parse_en_number(m.group("words"))
        if value and value >= 50:
            return float(value), "USD", text[m.start("words") : m.end()].strip()
    for m in _ZH_CAP.finditer(text):
        if _COUNT_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "三千条左右，不超过五千": a range of the count
        value = _apply_magnitude(float(m.group("n")) if m.group("n")[0].isdigit() else parse_cn_number(m.group("n")), m.group("mag"))
        if value and value >= 100:
            return float(value), "CNY", m.group(0).strip()
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
    found = _in_words(text) or _bare_cap(text) or _can_pay(text)
    if found:
        draft.how_much.budget = _stated({"amount": found[0], "currency": found[1]}, found[2], 0.75)


def name_the_dollar(draft: BreakdownDraft, text: str) -> None:
    """A budget read from a bare "$" (taken as USD) whose same figure is written elsewhere with its dollar's code
    ("Budget is $4,500 AUD all up" … "paying $4,500 for the whole lot"): that dollar."""
    budget = draft.how_much.budget
    if budget.status != FieldStatus.stated or not isinstance(budget.value, dict) or budget.value.get("currency") != "USD":
        return
    figure = re.search(r"\$\s*(\d[\d,.]*)", budget.evidence or "")
    if not figure or re.search(r"US\s*\$|USD", budget.evidence or "", re.I):
        return
    number = re.escape(figure.group(1).rstrip(".,"))
    codes = {m.group(1).upper() for m in re.finditer(rf"\$\s*{number}\s*(AUD|CAD|SGD|HKD|NZD)\b", text, re.I)}
    codes |= {m.group(1).upper() for m in re.finditer(rf"\b(AUD|CAD|SGD|HKD|NZD)\s*\$?\s*{number}(?![\d,])", text, re.I)}
    codes |= {currency_code(m.group(1) + "$") or "" for m in re.finditer(rf"\b([ACS])\$\s*{number}(?![\d,])", text)}
    codes.discard("")
    if len(codes) == 1 and (code := codes.pop()) in ("AUD", "CAD", "SGD", "HKD", "NZD"):
        budget.value = {**budget.value, "currency": code}
