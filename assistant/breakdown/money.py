"""Money: the budget and the unit price a request states, told apart from product prices.

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re

from assistant.breakdown.facts import (
    Fact,
    _clause_before,
    _dedupe,
    _is_range,
    _make,
    _qualifier_in,
    _qualify,
)
from assistant.breakdown.numbers import (
    _EN_WORDS,
    _MAG_EN,
    _NUM_ZH,
    _ZH_START,
    _apply_magnitude,
    _normalise,
    _rx,
    parse_cn_number,
    parse_en_number,
)

# --------------------------------------------------------------------------------------------
# Money: budget and unit price
# --------------------------------------------------------------------------------------------

_CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "usd": "USD", "u.s.$": "USD", "美元": "USD", "美金": "USD", "刀": "USD",
    "dollar": "USD", "dollars": "USD", "bucks": "USD", "quid": "GBP",
    "hk$": "HKD", "hkd": "HKD", "港币": "HKD", "港元": "HKD", "nt$": "TWD", "ntd": "TWD", "twd": "TWD", "新台币": "TWD", "台币": "TWD",
    "s$": "SGD", "sgd": "SGD", "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD",
    "¥": "CNY", "￥": "CNY", "rmb": "CNY", "cny": "CNY", "人民币": "CNY", "元": "CNY", "块": "CNY", "块钱": "CNY",
    "元人民币": "CNY", "yuan": "CNY",
    "€": "EUR", "eur": "EUR", "欧元": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "英镑": "GBP", "pounds": "GBP",
    "jpy": "JPY", "日元": "JPY", "yen": "JPY", "円": "JPY",
    "₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "rupees": "INR",
}
_CUR_PREFIX = r"(?P<cp>US\$|U\.S\.\s?\$|HK\$|NT\$|S\$|C\$|A\$|\$|¥|(?:USD|RMB|CNY|EUR|GBP|JPY|HKD|TWD|NTD|SGD|CAD|AUD|INR)\b\s*[$¥€£]?|人民币|€|£|₹|\bRs\.?(?=\s?\d))"
_CUR_SUFFIX = (
    r"(?P<cs>元人民币|元|块钱|块|人民币|美元|美金|欧元|英镑|日元|港币|港元|刀(?![\u4e00-\u9fff])|刀(?=左右|上下|以内|以下|之内|封顶|的预算|预算)|"
    r"(?:RMB|rmb|CNY|USD|usd|EUR|GBP|JPY|HKD|INR|dollars?|bucks|euros?|pounds|yen|yuan|rupees)\b|€|£|₹)"  # "2.500 €": the sign after, European style
)
_MONEY_NUM = rf"(?P<n>{_NUM_ZH})(?P<mag>{_MAG_EN})?"
_MONEY_PREFIX_RE = _rx.compile(rf"{_CUR_PREFIX}\s*{_MONEY_NUM}(?:\s*(?P<cs2>元|块|人民币))?", re.I)
_CENTS_RE = _rx.compile(r"(?<![0-9A-Za-z.,$¥€£])(?P<n>\d+(?:\.\d+)?)\s*(?P<c>cents?|euro\s*cents?|¢)(?![A-Za-z])", re.I)
# "five thousand dollars", "one lakh rupees", "two crore rupees"
_WORDS_MONEY_RE = _rx.compile(rf"(?P<n>{_EN_WORDS})(?:\s+(?P<mag>lakhs?|lacs?|crores?))?\s+(?P<c>dollars|bucks|euros|pounds|yuan|rupees)\b", re.I)
_JIAO_RE = _rx.compile(r"(?<![0-9.,元块])(?P<n>\d|[一二两三四五六七八九])\s*(?:毛|角)(?:钱)?(?![\u4e00-\u9fff]?[0-9一二两三四五六七八九分])")
_GRAND_RE = _rx.compile(r"(?<![0-9A-Za-z.,$¥€£])(?P<n>\d+(?:\.\d+)?)\s*grand\b")
_MONEY_SUFFIX_RE = _rx.compile(_ZH_START + rf"{_MONEY_NUM}\s*{_CUR_SUFFIX}")
# Words that make a bare number money ("预算两万", "budget of 3000").
_BUDGET_CUE_ZH = r"(?<![价赚省退罚挣])钱(?=是|给|有|大概|控制在|在|就是|为)|(?<![价赚省退罚挣])钱(?:不多|有限|不太多|不算多|也不多)[，,]?|预算|经费|总费用|标注费用|标注费|人工费|费用|成本|花费|开销|资金|拨款|报价|总价"
_BUDGET_CUE_EN = (
    r"budget(?:ed)?|funding|funds|spend(?:ing)?|can\s+pay|pay\s+up\s+to|(?:willing|happy|glad|prepared|able)\s+to\s+pay|afford|allocated?|"
    r"cost\s+cap|total\s+cost"
)
# Words that make an amount with a currency a budget ("我们能出5000元", "we have $3,000").
_BUDGET_CUE_SOFT = r"能出|可以出|愿意出|能花|可以花|最多出|只有|手头|拿出|出得起|投入|\bwe\s+have\b|\bhave\s+only\b|\bonly\s+have\b|\bcap\b"
_BUDGET_CUE_RE = _rx.compile(rf"{_BUDGET_CUE_ZH}|\b(?:{_BUDGET_CUE_EN})\b|{_BUDGET_CUE_SOFT}", re.I)
_MONEY_CUE_RE = _rx.compile(
    rf"(?P<cue>{_BUDGET_CUE_ZH}|\b(?:{_BUDGET_CUE_EN})\b)(?P<fill>[^\d$¥€£，。,;；\n]{{0,14}}?)"
    rf"(?:{_CUR_PREFIX}\s*(?=\d)|{_ZH_START})"
    + rf"(?P<n>{_NUM_ZH})(?P<mag>{_MAG_EN})?(?P<cs>\s*(?:元人民币|元|块钱|块|人民币|RMB|CNY|USD|美元|美金|dollars|bucks|euros|pounds|quid|yuan))?"
    + r"(?=\s*(?:左右|上下|以内|以下|之内|内|封顶|打包|包干|全包|一口价|(?:来)?算|计|吧|$|[^\u4e00-\u9fff])|\s*(?:的)?(?:预算|经费))",
    re.I,
)
_PRICE_CUES = (
    r"售价|价格|价位|定价|卖|原价|现价|单价|标价|优惠|满|折扣|退款|订单|客单价|均价|收入|营收|营业额|销售额|GMV|成交|"
    r"花了|买|购买|充值|工资|月薪|薪资|罚款|赔偿|券|"
    r"\bprice[sd]?\b|\bpriced\b|\bcosts\b|\bcosting\b|\bsells?\b|\bselling\b|\bsold\b|\bretails?\b|\bworth\b|"
    r"\bmsrp\b|\bdiscount\b|\bcoupon\b|\brefunds?\b|\borders?\b|\brevenue\b|\bsales\b|\bsalary\b|\bbought\b|"
    r"\bbuy\b|\bpaid\b|\bfine\b|"
    # a statistic of the data ("avg ask $75k", "平均客单价"), not money to spend
    r"平均|均值|中位数|\bavg\b|\baverage\b|\bmean\b|\bmedian\b|\btypical\b"
)
_PRODUCT_CONTEXT = r"这款|该款|那款|这台|这部|产品|商品|型号|手机|耳机|衣服|\bproducts?\b|\bmodel\b|\bphones?\b|\bheadphones\b|\bdevices?\b|\bplan\b|\bsubscription\b|\bticket\b"
_PER_UNIT_BEFORE = (
    r"(?:每|单)(?:一)?(?:条|个|张|段|篇|句|份|通|帧|幅|组|对|样本|数据)[^，。,;；\d每]{0,4}$|一条\s*$|"
    r"\bper\s+(?:item|label|sample|image|annotation)\b.{0,6}$"
)
_PER_UNIT_AFTER = (
    r"^\s*(?:/\s*(?:条|个|张|段|篇|item|label|sample|image|annotation|task)|每(?:条|个|张|段|篇)|一(?:条|张|个)|"
    # "$0.50/caption", "0.8元/段": per any one thing that is not time or a person
    r"/\s*(?!(?:h|hr|hour|day|week|month|year|person|annotator|head|人|天|月|周|小时|年)s?\b)(?:[A-Za-z]{3,}\b|[段句帧幅封帖份题单])|"
    r"per\s+(?:item|label|sample|example|image|dialogue|conversation|annotation|review|query|task|record|unit)|each\b|"
    r"apiece\b|a\s+piece\b|an?\s+(?:item|label|sample|example|image|annotation|review|task|record|row|document|doc|text|call|email|ticket|pair|judg(?:e)?ment)\b)"
)
_OTHER_RATE_AFTER = (
    r"^\s*(?:/\s*(?:h|hr|hour|小时|天|day|月|month|人)|每(?:小时|天|月|人)|一(?:小时|天|个月)|"
    r"per\s+(?:hour|day|month|person|annotator)|an?\s+(?:hour|day|month))"
)
_OTHER_RATE_BEFORE = (
    r"(?:每(?!(?:一)?(?:条|个|张|段|篇|句|份|通|帧|幅|组|对|样本|数据))|时薪|日薪|月薪|\bper\s+(?:hour|day|month)\b|"
    r"\bhourly\b|\bdaily\b|\bmonthly\b)[^，。,;；\d]{0,6}$"
)
_MONEY_OK_AFTER_EN = {
    "budget", "budgeted", "total", "in", "for", "max", "maximum", "tops", "or", "overall", "all-in", "cap",
    "limit", "available", "we", "is", "would", "will", "should", "can", "could", "to", "and", "at", "usd",
    "cny", "rmb", "dollars", "only", "including", "incl", "excluding", "on", "across", "this", "that", "of",
    "allocated", "approved", "set", "covers", "covering",
}
_MONEY_OK_AFTER_ZH = (
    r"^(?:$|[\s,，。;；!！?？、)）:：]|左右|上下|以内|以下|之内|内|封顶|预算|经费|的(?:预算|经费|费用|标注费|成本|额度|总价)|"
    r"搞定|够|能|可以|吧|吗|呢|用|包括|包含|一共|总共|全部|做|完成|总)"
)
_STATISTIC_BEFORE = r"(?:平均|均值|中位数|\b(?:avg|average|mean|median|typical)\b)[^，。,;；\d$¥€£]{0,14}$"
_CURRENCY_AFTER = _rx.compile(r"\s*[,，(（]?\s*(?:in\s+)?(USD|US\$|RMB|CNY|EUR|GBP|JPY|HKD|SGD|CAD|AUD|INR|dollars|bucks|euros|pounds|yuan|rupees|美元|美金|人民币|欧元|英镑)(?![A-Za-z])", re.I)
_STANDALONE_MIN_AMOUNT = 500.0  # without a budget word, a smaller amount is far more often a price


def currency_code(token: str | None) -> str | None:
    """The ISO code of a currency sign or word ("$", "RMB", "块钱", "euros"), or None."""
    if not token:
        return None
    key = _rx.sub(r"\s+", "", token).lower()
    if key in _CURRENCY_CODES:
        return _CURRENCY_CODES[key]
    stripped = key.rstrip("$¥€£")
    return _CURRENCY_CODES.get(stripped) or _CURRENCY_CODES.get(key[-1:])


def _money_context(norm: str, start: int, end: int, amount: float, cue_in_match: bool) -> str:
    """'budget', 'unit_price' or 'reject' for the amount at [start, end)."""
    clause = _clause_before(norm, start, 24)
    after = norm[end:end + 30]
    if _rx.match(_OTHER_RATE_AFTER, after, re.I) or _rx.search(_OTHER_RATE_BEFORE, clause, re.I):
        return "reject"
    if _rx.search(_STATISTIC_BEFORE, clause, re.I):
        return "reject"  # "avg amount $12k each", "平均金额5万元": a figure of the data
    if _rx.match(r"^\s*(?:per\s+unit|/\s*unit|each|apiece|a\s+piece)\b", after, re.I) and _rx.search(_PRICE_CUES, clause, re.I):
        return "reject"  # "Price point is $49.99 per unit": what a product sells for
    if _rx.search(_PER_UNIT_BEFORE, clause, re.I) or _rx.match(_PER_UNIT_AFTER, after, re.I):
        return "unit_price"
    if cue_in_match:
        return "budget"
    cues = list(_BUDGET_CUE_RE.finditer(clause))
    prices = list(_rx.finditer(_PRICE_CUES, clause, re.I))
    last_budget = max([m.end() for m in cues], default=-1)
    last_price = max([m.end() for m in prices], default=-1)
    if _rx.match(r"^\s*(?:的)?(?:预算|经费|budget\b|in\s+budget\b|total\s+budget\b)", after, re.I):
        return "budget"
    if last_budget >= 0 and last_budget >= last_price:
        return "budget"
    if last_price >= 0:
        return "reject"
    # a standalone amount: it must look like money to spend, not the price of a thing
    if amount < _STANDALONE_MIN_AMOUNT or _rx.search(_PRODUCT_CONTEXT, clause, re.I):
        return "reject"
    if _rx.search(r"[(（]\s*(?:~|about\s+|around\s+|约)?$", norm[max(0, start - 8):start]) and _rx.match(r"^\s*[)）]", after):
        return "reject"  # "some want day-of only ($1,800)": the price tag of the thing named before it
    if _rx.match(r"^\s*的(?!预算|经费|费用|标注费|成本|额度|总价)", after):
        return "reject"
    if _rx.match(r"^[\u4e00-\u9fff]", after) and not _rx.match(_MONEY_OK_AFTER_ZH, after):
        return "reject"
    word = _rx.match(r"^\s+([A-Za-z][A-Za-z.-]*)", after)
    if word and word.group(1).lower().rstrip(".") not in _MONEY_OK_AFTER_EN:
        return "reject"
    if _rx.match(r"^[A-Za-z]", after):
        return "reject"
    return "budget"


def _money_facts(text: str) -> list[Fact]:
    norm = _normalise(text)
    facts: list[Fact] = []

    def add(m: re.Match[str], number: str, mag: str | None, currency: str | None, cue_in_match: bool = False,
            fill: str = "") -> None:
        if _is_range(norm, m.start("n"), m.end("n")):
            return
        value = _apply_magnitude(parse_cn_number(number), mag)
        if value is None or value <= 0:
            return
        start, end = m.start(), m.end()
        context = _money_context(norm, start, end, float(value), cue_in_match)
        if context == "reject":
            return
        budget_after = _rx.match(r"\s*(?:的)?(?:预算|经费|budget)\b", norm[end:end + 12], re.I)
        if context == "budget" and budget_after:
            end += budget_after.end()
        s, e, qualifier = _qualify(norm, start, end)
        qualifier = _qualifier_in(fill) or qualifier
        if currency is None:
            # "Budget around 2.5k, USD": the currency written after the amount, past a comma
            named = _CURRENCY_AFTER.match(norm[end:end + 12])
            currency = currency_code(named.group(1)) if named else None
        elif currency == "USD" and (named := _CURRENCY_AFTER.match(norm[end:end + 12])):
            # "$4,500 AUD all up": a bare "$" is read as USD; a dollar's code written after it names which dollar
            after = currency_code(named.group(1))
            currency = after if after in ("AUD", "CAD", "SGD", "HKD") else currency
        unit = "per_item" if context == "unit_price" else None
        facts.append(_make(context, {"amount": float(value), "currency": currency}, text, s, e, unit=unit,
                           qualifier=qualifier))

    for m in _MONEY_PREFIX_RE.finditer(norm):
        add(m, m.group("n"), m.group("mag"), currency_code(m.group("cp")))
    for m in _MONEY_SUFFIX_RE.finditer(norm):
        if _rx.search(r"[$¥€£]\s*$", norm[max(0, m.start() - 3):m.start()]):
            continue
        add(m, m.group("n"), m.group("mag"), currency_code(m.group("cs")))
    for m in _CENTS_RE.finditer(norm):
        add(m, f"{float(m.group('n')) / 100:g}", None, "EUR" if m.group("c").lower().startswith("euro") else "USD")  # "5 cents an item"
    for m in _WORDS_MONEY_RE.finditer(norm):
        value = parse_en_number(m.group("n"))
        if value is not None:
            add(m, f"{float(value):g}", m.group("mag"), currency_code(m.group("c")))  # "five thousand dollars", "one lakh rupees"
    for m in _JIAO_RE.finditer(norm):
        value = parse_cn_number(m.group("n"))
        if value is not None:
            add(m, f"{float(value) / 10:g}", None, "CNY")  # "每条3毛": 0.3 yuan
    for m in _GRAND_RE.finditer(norm):
        # "about 3 grand budget": thousands of the request's currency (dollars unless it writes pounds)
        pounds = _rx.search(r"£|\bGBP\b|\bpounds?\b|\bquid\b", norm, re.I)
        add(m, m.group("n"), "k", "GBP" if pounds else "USD")
    for m in _MONEY_CUE_RE.finditer(norm):
        after = norm[m.end():m.end() + 12]
        # the number must be money: not "预算3万条", "budget for 4 labels", "经费50%"
        if _rx.match(r"\s*(?:[%‰]|percent\b|per\s*cent\b)", after, re.I):
            continue
        word = _rx.match(r"\s*([A-Za-z]+)", after)
        if word and not m.group("mag") and word.group(1).lower() not in _MONEY_OK_AFTER_EN and not currency_code(word.group(1)):
            continue
        if _rx.search(r"每|\bper\b", m.group("fill"), re.I):
            continue  # "预算按每条0.5元算": a price per item, read with its per-item words
        if m.group("cs") is None and _rx.match(r"\s*(?:美元|美金|欧元|英镑|日元|港币|港元|刀|€|£|₹)", after):
            continue  # the suffix pattern sees it with its currency
        if m.group("cp"):
            currency = currency_code(m.group("cp"))
        elif m.group("cs"):
            currency = currency_code(m.group("cs").strip())
        elif _rx.match(_BUDGET_CUE_ZH, m.group("cue")) or _rx.search(r"[\u4e00-\u9fff]", m.group("cue")):
            currency = "CNY"
        else:
            currency = None
        add(m, m.group("n"), m.group("mag"), currency, cue_in_match=True, fill=m.group("fill"))
    return facts


def extract_budget(text: str) -> list[Fact]:
    """The money the request says it can spend ("预算2万元", "$5k budget", "¥8000")."""
    return _dedupe([f for f in _money_facts(text) if f.kind == "budget"])


def extract_unit_price(text: str) -> list[Fact]:
    """A price per item the request states ("每条0.5元", "$0.10 per item")."""
    return _dedupe([f for f in _money_facts(text) if f.kind == "unit_price"])
