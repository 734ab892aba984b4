"""How much data a request names, beyond the extractor's precise forms.

`extract.extract_volume` keeps only counts that a data noun or counting word makes certain. This
module adds two things the breakdown needs:

- `more_volumes`: counts of a noun the extractor does not list ("900 contracts", "1,200 invoices",
  "2万对", "4000组"), found with the same precision rules (no years, rates, money or head counts);
- `vague_volume`: amounts stated without a number ("a few thousand", "几千条", "上万条", "一批"),
  recorded as vague with the range they imply — never as a stated exact number.

A vague volume goes into the breakdown as status `inferred`, value
``{"vague": "几千条", "low": 1000, "high": 9999}`` (``low``/``high`` absent when nothing is
implied, as for "一批"), with a question asking for the number.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from assistant.breakdown.extract import Fact, parse_cn_number, parse_en_number
from assistant.breakdown.figure_precision import open_high, specific_figure
from assistant.breakdown.volumes import _volume_blocked_before

__all__ = ["more_volumes", "vague_volume", "VagueAmount", "is_rate", "labelled_unit"]

VagueAmount = dict[str, Any]

# Plural nouns after a number that are not data: time, people, money, labels, places.
_NOT_DATA_EN = (
    r"days?|weeks?|months?|years?|hours?|minutes?|mins?|seconds?|secs?|people|persons?|annotators?|labell?ers?|raters?|"
    r"reviewers?|judges?|workers?|members?|staff|employees?|engineers?|doctors?|nurses?|agents?|teams?|users?|customers?|"
    r"clients?|patients?|students?|followers?|subscribers?|visitors?|stores?|shops?|branches?|cities|countries|languages?|"
    r"hospitals?|clinics?|practices|outlets?|restaurants?|hotels?|facilities|centres?|centers?|venues?|campuses|warehouses?|factories|"
    r"schools?|offices?|sites?|locations?|departments?|regions?|provinces?|markets?|partners?|vendors?|apps?|"
    r""
    r"labels?|categories|classes|tags|levels?|grades?|points?|stars?|dollars?|bucks|cents?|usd|rmb|yuan|euros?|pounds?|"
    r"percent|times|rounds?|batches|versions?|pages?|steps?|stages?|phases?|sessions?|shifts?|slots?|characters?|words?|"
    r"tokens?|letters?|lines?|bytes?|costs?|prices?|fees?|sales|orders per||kb|mb|gb|tb|fields?|columns?|features?|models?|rules?|examples? per|per|each|of|in|on|at"
)
_EN_COUNT = re.compile(
    r"(?<![\w.,$¥€£#/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mag>[kK]|thousand|million|[mM](?![a-z]))?\+?"
    r"\s+(?P<gap>(?:[A-Za-z][\w'-]*\s+){0,2}?)(?P<noun>[A-Za-z][\w-]*s)\b"
)
_EN_BLOCK_BEFORE = re.compile(
    r"(?:[$¥€£]|\b(?:top|no\.|number|version|v|chapter|page|step|phase|level|round|week|day|grade|rank|id|in|since|from|until|by|"
    r"per|every|each|of the|about the)\s*)$",
    re.I,
)
_EN_RATE_AFTER = re.compile(r"^\s*(?:per|a|an|each|every|/)\s*(?:day|hour|week|month|year|person|annotator)\b", re.I)

_ZH_PAIR = re.compile(
    r"(?<![0-9.,A-Za-z])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?P<mag>万|千|w|W|k|K)?\s*(?P<cls>对|组)"
    r"(?=$|[\s,，。;；!！?？、）)]|(?:左右|上下|以上|的?(?:数据|样本|语料|问答|句子|文本|图文|图片|图像|query|Query|对话|会话|评论|回复|回答|商品|题|问题|例子)))"
)
_ZH_PAIR_BLOCK_BEFORE = re.compile(r"(?:每|分成|分为|第|前|成|共分|一人|每人)\s*$")


_ZH_MEASURE = r"条|段|节|集|期|场|道|页|首|部|单|笔|例|件|本|份|篇|张|句|通|帧|幅|组|对"
_ZH_MEASURE_RE = re.compile(
    r"(?<![0-9.,A-Za-z])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mag>[kKwW]|万|千)\s*(?P<cls>" + _ZH_MEASURE + r")"
    r"(?![人名位天周月年元块次遍轮%])"
    r"|(?<![0-9.,A-Za-z])(?P<num2>\d{2,}|[一二两三四五六七八九十百千万]{2,})\s*(?P<cls2>节|集|期|场|道|页|首|部|单|笔|例|件|本)(?P<noun2>[\u4e00-\u9fff]{0,3})"
)
_LEAD_K_RE = re.compile(r"(?:数据量|样本量|标注量|总量|规模|(?<![质重流容含能力产销音])量|volume|dataset size)\s*(?:大概|大约|约|在|为|是|有|共|:|：|of|is|about|around|roughly|approx\.?|approximately|~|\s)*(?P<num>\d+(?:\.\d+)?)\s*(?P<mag>[kKwW]|万|千)", re.I)
# "量两万五", "数量：一万八千": a count in Chinese numerals after a word for "amount"
_LEAD_CN_RE = re.compile(r"(?<![质重流容含能力])(?:数据量|样本量|标注量|总量|数量|量)\s*(?:大概|大约|约|在|为|是|有|共|:|：|\s)*(?P<num>[一二两三四五六七八九十百千万]{2,})(?![一二两三四五六七八九十百千万])")
_HALF = re.compile(r"\bhalf\s+a\s+(?P<mag>million|thousand)\s+(?P<noun>(?:[A-Za-z\u00C0-\u024F-]+\s+){0,2}?[A-Za-z\u00C0-\u024F-]+s)\b", re.I)
_MORE_AFTER = re.compile(r"^\s*[?？,，]?\s*(?:maybe|perhaps|probably|possibly|or)\s+more|^\s*[?？,，]?\s*(?:still counting|and counting|\+)|^\s*[?？,，]?\s*(?:可能更多|不止|还在统计|或更多)", re.I)


# Bounds around a count: "不超过五千条", "not more than 5000", "5000以内" (at most); "800+", "2000以上" (at least).
_AT_MOST_BEFORE = re.compile(
    r"(?:不超过|不多于|最多|至多|顶多|上限|不到|不足|少于|低于|(?<![A-Za-z])(?:not more than|no more than|at most|up to|under|fewer than|less than|a maximum of|max(?:imum)?\.?))\s*(?:约|大概|about|around)?\s*$",
    re.I,
)
_AT_MOST_AFTER = re.compile(r"^\s*(?:条|个|篇|份|段)?\s*(?:以内|以下|之内|封顶|(?:or|and)\s+(?:fewer|less|under|below)(?![A-Za-z]))", re.I)
_AT_LEAST_BEFORE = re.compile(r"(?:至少|不少于|超过|(?<![A-Za-z])(?:at least|more than|(?<!pass )(?<!passes )(?<!go )(?<!goes )(?<!going )(?<!look )(?<!run )(?<!read )over|upwards of|north of))\s*$", re.I)
_AT_LEAST_AFTER = re.compile(r"^\s*(?:\+|＋|(?:条|个|篇|份|段)?\s*(?:以上|出头|挂零|多一点)|(?:or|and)\s+(?:more|up|above)(?![A-Za-z])|plus(?![A-Za-z]))", re.I)
# A count per unit of time is a rate, not how much data there is: "each week 2000", "每天几百条", "2000 a day".
_RATE_BEFORE = re.compile(
    r"(?:每(?:天|日|周|星期|月|小时|年|个月)|一天|一周|一个月|(?<![A-Za-z])(?:each|every|per|a)\s+(?:day|week|month|hour|year|quarter)|daily|weekly|monthly)[^。.;；!?！？\n，,]{0,14}$",
    re.I,
)
_RATE_AFTER = re.compile(
    r"^[^。.;；!?！？\n,，]{0,16}?(?:每(?:天|日|周|星期|月|小时|年|季度)|/\s*(?:天|日|周|月|年|day|week|month|hour|yr|year|wk|mo|qtr|quarter|annum)\b|(?<![A-Za-z])(?:a|an|per|each|every)\s+(?:day|week|month|hour|year|quarter)(?![A-Za-z])|daily|weekly|monthly|yearly|annually|per\s+annum)",
    re.I,
)


def is_rate(text: str, fact: Fact | SimpleNamespace) -> bool:
    """The count is per day/week/month ("each week we get 2000 tickets"), not a volume."""
    return bool(_RATE_BEFORE.search(text[max(0, fact.start - 24) : fact.start]) or _RATE_AFTER.match(text[fact.end : fact.end + 24]))


def vague_from_fact(text: str, fact: Fact) -> VagueAmount | None:
    """A stated count that is really a range: "8千多条" (8000-8999), "900 contracts? maybe more" (900+),
    "不超过五千条" (at most 5000), "800+" (at least 800); "一万出头", "十万+条" are bounded like "一万多" (figure_precision)."""
    found = _vague_from_fact(text, fact)
    if found and "low" in found and "high" not in found:
        found.update(open_high(found["vague"], int(found["low"])))
    return found


def _vague_from_fact(text: str, fact: Fact) -> VagueAmount | None:
    if not isinstance(fact.value, int):
        return None
    value = fact.value
    before, after = text[max(0, fact.start - 16) : fact.start], text[fact.end : fact.end + 16]
    qualifier = fact.qualifier
    if qualifier == "more_than" and re.match(r"over\b", fact.evidence, re.I) and re.search(r"\b(?:pass(?:es)?|go(?:es|ing)?|look|run|read)\s*$", before, re.I):
        return None  # "3 passes over 1,000 items": a preposition, not "more than"
    if qualifier == "more_than" and re.search(r"(?<![A-Za-z])(?:not|no)\s*$", before, re.I):
        qualifier = "at_most"  # "not more than 5000"
    if qualifier in ("at_most", "less_than"):
        return {"vague": (before[-4:].strip() + " " + fact.evidence).strip() if qualifier == "at_most" and re.search(r"not\s*$", before) else fact.evidence, "high": value}
    if qualifier in ("at_least", "more_than") and not re.search(r"多|余", fact.evidence):
        return {"vague": fact.evidence, "low": value}
    m = _AT_MOST_BEFORE.search(before)
    if m:
        return {"vague": (m.group(0) + fact.evidence).strip(), "high": value}
    m = _AT_MOST_AFTER.match(after)
    if m:
        return {"vague": (fact.evidence + m.group(0)).strip(), "high": value}
    m = _AT_LEAST_AFTER.match(after) or (re.search(r"\+\s*$", fact.evidence) and re.match("", after))
    if m:
        return {"vague": (fact.evidence + m.group(0)).strip(), "low": value}
    m = _AT_LEAST_BEFORE.search(before)
    if m:
        return {"vague": (m.group(0) + fact.evidence).strip(), "low": value}
    if re.search(r"多|余", fact.evidence) and re.search(r"[\d一二两三四五六七八九十百千万][万千百十]?(?:多|余)", fact.evidence):
        if specific_figure(value):
            return None  # "两千五百余条": a specific figure, rounded (figure_precision)
        step = 1
        while value % (step * 10) == 0:
            step *= 10
        return {"vague": fact.evidence, "low": value, "high": value + step - 1}
    more = _MORE_AFTER.match(text[fact.end : fact.end + 30])
    if more:
        return {"vague": text[fact.start : fact.end + len(more.group(0))].strip(), "low": value}
    return None


def _magnitude(value: float, mag: str | None) -> float:
    if not mag:
        return value
    return value * {"k": 1000, "thousand": 1000, "m": 1_000_000, "million": 1_000_000, "万": 10_000, "w": 10_000, "千": 1000}[mag.lower()]


# parts of a process or a document that can be the item itself: "Each step should be labelled … 10k steps."
_UNIT_NOUNS = re.compile(r"(?:steps?|pages?|lines?|sessions?|versions?|stages?|phases?|fields?|rules?|features?|letters?)", re.I)


def labelled_unit(text: str, noun: str) -> bool:
    """A count of steps, pages, lines… is the data when the request labels each one ("label every page")."""
    if not _UNIT_NOUNS.fullmatch(noun):
        return False
    singular = noun[:-1]
    return bool(re.search(rf"\b(?:each|every)\s+(?:[a-z-]+\s+)?{singular}\b(?!\s+(?:of|per|in)\b)", text, re.I))


def _fact(text: str, start: int, end: int, value: float, unit: str) -> Fact | None:
    if not float(value).is_integer() or value < 10:
        return None
    return Fact(kind="volume", value=int(value), unit=unit, evidence=text[start:end], start=start, end=end)


_VERB_LED = re.compile(
    r"(?<![A-Za-z])(?:label|annotate|tag|classify|rate|score|review|mark up|do)\s+(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mag>[kK]|thousand|million)?(?![\w%.,])(?!\s*(?:%|percent|days?|weeks?|hours?|months?|annotators?|people|labels?|categories|classes|per\b|a day|each))",
    re.I,
)
# a count standing alone as an item of a terse request: "… scam/ok. 40k. asap", "数据：3w"
_BARE_K = re.compile(r"(?:^|(?<=[.。,，;；:：\n]))(?<!\d[.,])\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<mag>[kK]|[wW]|万)\s*(?=[.。,，;；!！\n]|$)")
_MONEY_NEAR = re.compile(r"[$¥€£]|预算|经费|费用|budget|cost|price|usd|rmb|eur|gbp|元|块", re.I)


def more_volumes(text: str) -> list[Fact]:
    """Counts of data the extractor's noun list does not cover; precise forms only."""
    facts: list[Fact] = []
    for m in _VERB_LED.finditer(text):
        num = m.group("num").replace(",", "")
        if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("mag"):
            continue
        fact = _fact(text, m.start("num"), m.end(), _magnitude(float(num), m.group("mag")), "items")
        if fact:
            facts.append(fact)
    for m in _BARE_K.finditer(text):
        if _MONEY_NEAR.search(text[max(0, m.start() - 10) : m.end() + 4]):
            continue
        fact = _fact(text, m.start("num"), m.end("mag"), _magnitude(float(m.group("num")), m.group("mag")), "items")  # "3k\n\n": not the blank lines after it
        if fact:
            facts.append(fact)
    for m in _EN_COUNT.finditer(text):
        noun = m.group("noun").lower()
        gap = m.group("gap").strip().lower()
        if re.search(r"(?:ss|us|is)$", noun):
            continue  # "business", "status", "analysis": not plurals
        following = re.match(r"\s+([A-Za-z]+)", text[m.end() :])
        if following and re.fullmatch(_NOT_DATA_EN, following.group(1).lower()):
            continue  # "10 weekend days": the count is of the word after
        if (re.fullmatch(_NOT_DATA_EN, noun) and not labelled_unit(text, noun)) or re.search(r"\b(?:per|each|every|of|in|on|at|a|an|the|and|or|to|for)\b", gap):
            continue
        blocked = _EN_BLOCK_BEFORE.search(text[max(0, m.start() - 12) : m.start()]) or _volume_blocked_before(text, m.start())
        if (blocked and not m.group("mag")) or _EN_RATE_AFTER.match(text[m.end() :]):
            continue
        num = m.group("num").replace(",", "")
        if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("mag"):
            continue  # a year
        value = _magnitude(float(num), m.group("mag"))
        fact = _fact(text, m.start(), m.end(), value, noun)
        if fact:
            facts.append(fact)
    for m in _ZH_MEASURE_RE.finditer(text):
        if m.group("num"):
            value = _magnitude(float(m.group("num").replace(",", "")), m.group("mag"))
            fact = _fact(text, m.start(), m.end(), value, "items")
        else:
            token = m.group("num2")
            number = float(token) if token.isdigit() else parse_cn_number(token)
            if number is None or re.match(r"[人名位天周月年元块次遍轮]", m.group("noun2") or ""):
                continue
            fact = _fact(text, m.start(), m.end(), float(number), "items")
        if fact and not _ZH_PAIR_BLOCK_BEFORE.search(text[max(0, m.start() - 4) : m.start()]):
            facts.append(fact)
    for m in re.finditer(r"(?<![\d一二两三四五六七八九十百千万])(?P<num>\d+|[一二两三四五六七八九十百千万]+)来(?P<cls>条|篇|段|份|张|个)", text):
        token = m.group("num")
        number = float(token) if token.isdigit() else parse_cn_number(token)
        fact = _fact(text, m.start(), m.end(), float(number), "items") if number else None
        if fact:
            facts.append(fact.model_copy(update={"qualifier": "approx"}))
    for m in _LEAD_K_RE.finditer(text):
        fact = _fact(text, m.start(), m.end(), _magnitude(float(m.group("num")), m.group("mag")), "items")
        if fact:
            facts.append(fact)
    for m in _LEAD_CN_RE.finditer(text):
        number = parse_cn_number(m.group("num"))
        fact = _fact(text, m.start(), m.end(), float(number), "items") if number else None
        if fact:
            facts.append(fact)
    for m in _HALF.finditer(text):
        if re.fullmatch(_NOT_DATA_EN, m.group("noun").split()[-1].lower()):
            continue
        fact = _fact(text, m.start(), m.end(), _magnitude(0.5, m.group("mag")), "items")
        if fact:
            facts.append(fact)
    for m in _ZH_PAIR.finditer(text):
        if _ZH_PAIR_BLOCK_BEFORE.search(text[max(0, m.start() - 4) : m.start()]):
            continue
        token = m.group("num").replace(",", "")
        number = float(token) if re.fullmatch(r"[\d.]+", token) else parse_cn_number(token)
        if number is None:
            continue
        value = _magnitude(float(number), m.group("mag"))
        fact = _fact(text, m.start(), m.end(), value, "pairs" if m.group("cls") == "对" else "groups")
        if fact:
            facts.append(fact)
    return facts


_ZH_VAGUE = [
    (r"上百万|几百万|数百万", 1_000_000, None),
    (r"上千万|几千万|数千万", 10_000_000, None),
    (r"(?:几|数)十万", 100_000, 999_999),
    (r"(?:几|数)万", 10_000, 99_999),
    (r"(?:几|数)千", 1_000, 9_999),
    (r"(?:几|数)百", 100, 999),
    (r"上万|过万|成千上万", 10_000, None),
    (r"上千|成千", 1_000, None),
    (r"上百|成百", 100, None),
    (r"十几万", 100_000, 199_999),
    (r"十几", 10, 19),
]
_ZH_DATA = r"条|張|张|條|段|篇|份|句|个|個|组|對|对|通|则|則|帧|幅|小时|的?(?:数据|样本|评论|弹幕|消息|对话|图片|文本|问题|记录)"
_EN_VAGUE = [
    (r"(?:a\s+few|several|some|a\s+couple\s+of)\s+hundred\s+thousand", 100_000, 999_999),
    (r"(?:a\s+few|several|some|a\s+couple\s+of)\s+thousand", 1_000, 9_999),
    (r"(?:a\s+few|several|some|a\s+couple\s+of)\s+hundred", 100, 999),
    (r"tens\s+of\s+thousands\s+of", 10_000, 99_999),
    (r"thousands\s+of", 1_000, None),
    (r"hundreds\s+of\s+thousands\s+of", 100_000, None),
    (r"hundreds\s+of", 100, None),
    (r"dozens\s+of", 24, 144),
]
_EN_DATA = (
    r"(?:[A-Za-z/-]+\s+){0,2}(?:items|samples|examples|records|rows|entries|reviews|comments|posts|tweets|messages|dialogues|"
    r"conversations|chats|transcripts|sentences|texts|documents|docs|articles|queries|pairs|images|photos|pictures|videos|"
    r"clips|recordings|calls|emails|tickets|questions|responses|answers|prompts|tasks|listings|contracts|invoices|notes|"
    r"reports|files|claims|forms|receipts|cases|threads|logs|descriptions|captions|summaries|more|of\s+them)\b"
)
_BATCH = [
    (r"一批|一些|若干|部分|一堆|大量|海量|不少", None, None),
    (r"\b(?:a\s+batch\s+of|a\s+bunch\s+of|a\s+lot\s+of|lots\s+of|loads\s+of|a\s+large\s+number\s+of|a\s+handful\s+of|plenty\s+of)\b", None, None),
]


_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "十万": 100_000, "百万": 1_000_000}
_ZH_PAIR_RANGE = re.compile(r"(?P<a>[一二两兩三四五六七八九])(?P<b>[一二两兩三四五六七八九])(?P<u>十万|百万|十|百|千|万)(?:多)?\s*(?:" + _ZH_DATA + ")")
_NUM_RANGE = re.compile(
    r"(?<![\d.,])(?P<a>\d[\d,]*(?:\.\d+)?)\s*(?P<ma>[kK]|万|千)?\s*(?:-|–|~|～|到|至|to)\s*(?P<b>\d[\d,]*(?:\.\d+)?)\s*(?P<mb>[kK]|万|千)?\s*"
    r"(?P<noun>" + _ZH_DATA + r"|之间|上下|(?:[A-Za-z-]+\s+){0,2}[A-Za-z][\w-]*s\b)",
    re.I,
)


def vague_volume(text: str) -> tuple[VagueAmount, str] | None:
    """A volume stated without an exact number, with the range it implies, and its quote."""
    m = _ZH_PAIR_RANGE.search(text)
    if m and _CN_DIGIT[m.group("a")] < _CN_DIGIT[m.group("b")]:
        unit = _CN_UNIT[m.group("u")]
        return _vague(m.group(0), _CN_DIGIT[m.group("a")] * unit, _CN_DIGIT[m.group("b")] * unit), m.group(0)
    m = re.search(r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?P<mag>万|千)?(?:出头|挂零|多一点)", text)
    if m:
        token = m.group("num")
        number = float(token) if re.fullmatch(r"[\d.]+", token) else parse_cn_number(token)
        if number:
            low = int(_magnitude(float(number), m.group("mag")))
            if low >= 10:
                return _vague(m.group(0), low, None), m.group(0)
    m = _NUM_RANGE.search(text)
    if m and re.fullmatch(_NOT_DATA_EN, m.group("noun").split()[-1].lower()):
        m = None
    if m:
        mag_b = m.group("mb") or m.group("ma")
        low = _magnitude(float(m.group("a").replace(",", "")), m.group("ma") or mag_b)
        high = _magnitude(float(m.group("b").replace(",", "")), mag_b)
        if 10 <= low < high:
            return _vague(m.group(0), int(low), int(high)), m.group(0)
    for pattern, low, high in _ZH_VAGUE:
        m = re.search(rf"(?:大概|大约|约|差不多|估计|有)?(?:{pattern})(?:多)?\s*(?:{_ZH_DATA})", text)
        if m:
            return _vague(m.group(0), low, high), m.group(0)
    for pattern, low, high in _EN_VAGUE:
        m = re.search(rf"\b{pattern}\s+{_EN_DATA}", text, re.I)
        if m:
            return _vague(m.group(0), low, high), m.group(0)
    m = re.search(rf"(?:{_BATCH[0][0]})(?:的)?(?:[\u4e00-\u9fff]{{0,4}}?)(?:数据|样本|评论|弹幕|消息|对话|图片|文本|语料|问题|记录|合同|视频|音频)", text)
    if m:
        return _vague(m.group(0), None, None), m.group(0)
    m = re.search(rf"{_BATCH[1][0]}\s*{_EN_DATA}", text, re.I)
    if m:
        return _vague(m.group(0), None, None), m.group(0)
    return None


def _vague(quote: str, low: int | None, high: int | None) -> VagueAmount:
    value: VagueAmount = {"vague": quote.strip()}
    if low is not None:
        value["low"] = low
    if high is not None:
        value["high"] = high
    return value


def parse_scale_words(token: str) -> float | None:
    """A number written in Chinese or English words or digits."""
    token = token.strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    value = parse_cn_number(token) if re.search(r"[\u4e00-\u9fff]", token) else parse_en_number(token)
    return float(value) if value is not None else None
