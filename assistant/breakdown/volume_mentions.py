"""Every quantity a request mentions, with what it counts and the words around it.

The volume readers (`extract`, `quantities`, `bare_counts`) each look for one written form. This
module collects *all* mentions of a count in both languages, so that `volume_choice` can score which
one is the number of items to label:

- the value, and how exact it is: exact ("2.4万帖"), about ("一千二百份左右", "三千来条", "~18,000", "roughly
  1.2k": a specific number, hedged) or more ("三千多封", "3万+条", "38万多帖": an open range);
- the measure word or noun it counts and its class: a data item (条/段/封/帖/通/reviews/remarks/pairs),
  a person (人/位/坐席/volunteers), a container or population (家/艘/vessels/shops/sites), time,
  money or size — these last never count items;
- the words before and after it in its clause, which the scorer reads for cues;
- products of a container count and a per-container count ("800个搜索词，每个词取前10条结果" is
  8,000 pairs; "40个坐席，每人抽50通" is 2,000 calls).

Mentions inside quoted sample text ("sample: \"... RH 12,340\"") are skipped: they are data, not sizes.
"""

from __future__ import annotations

import re

from assistant.breakdown.figure_precision import open_high, specific_figure
from assistant.breakdown.numbers import DAY_OF_MONTH_BEFORE
from assistant.breakdown.volume_elliptic import elliptic
from assistant.breakdown.volume_factors import names_people_or_time
from assistant.breakdown.volume_words import (
    _AR,
    _CN,
    _EN_WORD_NUM,
    _MODEL_NAME_BEFORE,
    _ORDINAL_BEFORE,
    _VAGUE_BEFORE,
    Mention,
    _exactness,
    _kind_en,
    _kind_zh,
    _number,
    _open_range,
    clause_bounds,
)

__all__ = ["Mention", "mentions", "clause_bounds"]

# Chinese: number, magnitude, an open "多/余/来", "+", then a measure word and up to four characters of noun
_ZH_MENTION = re.compile(
    rf"(?<![0-9A-Za-z.,:/#\-])(?P<num>{_AR}|{_CN})\s*(?P<mag>万|千|亿|(?<=\d)百|[wWkK](?![A-Za-z]))?\s*(?P<more>多|余|来)?\s*(?P<plus>\+)?\s*"
    r"(?P<cls>[\u4e00-\u9fff])(?P<noun>[A-Za-z]+(?![A-Za-z])|[\u4e00-\u9fffA-Za-z]{0,4})"
)
# English: number, magnitude, "+", up to two modifiers, a noun
_EN_MENTION = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num>{_AR}|(?:{_EN_WORD_NUM})\b)\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b|lakhs?\b|lacs?\b|crores?\b|[mM](?![A-Za-z]))?\s*(?P<plus>\+)?"
    r"\s+(?P<gap>(?:(?!(?:of|in|on|at|per|each|a|an|the|and|or|to|for|from|by)\b)[A-Za-z][\w'-]*[\s/]+){0,2}?)(?P<noun>[A-Za-z][\w'-]*?s)\b",
    re.I,
)
_YEAR_BEFORE = re.compile(r"\b(?:the|our|their|its|this|last|from|in|since|during|of|all|only|fy)\s+$", re.I)
_NOT_A_NOUN = re.compile(r"as|is|was|has|does|this|its|his|us|yes|plus|tops|thus|less|unless|across|always|perhaps|sometimes|besides|towards", re.I)
_PARTICIPLE = re.compile(r"\b(?:labell?ed|annotated|tagged|reviewed|done|graded|rated|scored|coded|checked)\b", re.I)
# the same with a longer name between number and noun (3 to 5 words, "+" or "&" among them); only a data noun counts
_EN_MENTION_LONG = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b)?\s*(?P<plus>\+)?"
    r"\s+(?P<gap>(?:(?!(?:of|in|on|at|per|each|a|an|the|and|or|to|for|from|by|with|that|which|who|we|our|are|is|was|were|will|so)\b)(?:[A-Za-z][\w'-]*|[+&])\s+){3,5}?)"
    r"(?P<noun>[A-Za-z][\w'-]*?s)\b",
    re.I,
)
_EN_CURRENCY_WORD = re.compile(r"\b(?:usd|eur|gbp|rmb|cny|hkd|dollars?|bucks|euros?|pounds?|yuan|grand)\b", re.I)
# English: a collection's size written without a noun: "our archive is about 65,000", "backlog of 12k"
_EN_COLLECTION = re.compile(
    rf"\b(?P<noun>archive|backlog|dataset|data set|corpus|collection|database|catalog(?:ue)?|library|inbox|queue)\s+(?:is|has|of|contains|holds|at|=)\s+"
    rf"(?:about|around|roughly|approx\.?|approximately|some|~)?\s*(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b)?(?!\s*[A-Za-z%])(?![,.]?\d)",
    re.I,
)

_EN_TOTAL_ONLY = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b)?\s+(?:in all|in total|altogether|all told|total)\b", re.I
)
# quoted sample text and everything after "sample:" / "e.g." on its line is data, not a size
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|「[^」\n]{1,300}」|『[^』\n]{1,300}』|(?:\bsample|\bexample|\be\.g\.|例如|比如|示例)\s*[:：][^\n]*", re.I)


def mentions(text: str) -> list[Mention]:
    """All counts in the request (see the module doc), in order of appearance."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    found: list[Mention] = []

    def inside_quote(start: int) -> bool:
        return any(s < start < e for s, e in quoted)

    for m in _ZH_MENTION.finditer(text):
        if inside_quote(m.start()) or _ORDINAL_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value):
            continue
        kind = _kind_zh(m.group("cls"), m.group("noun"))
        if kind == "none":
            continue
        # "八千多条" is a range; "两千五百余条" only rounds a specific figure (figure_precision)
        rounded = m.group("more") in ("多", "余") and not m.group("plus") and specific_figure(int(value))
        more = (m.group("more") in ("多", "余") and not rounded) or bool(m.group("plus"))
        end = m.end("cls")
        item = Mention(int(value), m.start(), end, text[m.start() : end], m.group("cls") + m.group("noun"), kind)
        item.exactness = _exactness(text, m.start(), end, more)
        if item.exactness == "exact" and (m.group("more") == "来" or rounded):
            item.exactness = "about"  # "三千来条" is about 3000
        if item.exactness == "more":
            item.low, item.high = _open_range(item.value) if m.group("more") in ("多", "余") else (item.value, open_high(item.evidence, item.value).get("high"))
        found.append(item)
    for m in _EN_MENTION.finditer(text):
        if inside_quote(m.start()) or _VAGUE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) or _ORDINAL_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and not m.group("mag") and _YEAR_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "We only need the 2025 calls": a year, not a count
        noun = m.group("noun")
        if (_NOT_A_NOUN.fullmatch(noun) or _PARTICIPLE.search(m.group("gap"))) and not _EN_CURRENCY_WORD.search(m.group("gap")):
            continue  # "4k labeled as bug": the count has no noun of its own (the elliptic reader takes it)
        kind = "money" if _EN_CURRENCY_WORD.search(m.group("gap")) else _kind_en(noun)  # "6k USD tops" is a budget
        if _MODEL_NAME_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) or DAY_OF_MONTH_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
            continue  # "iPhone 15 case", "GPT 4 answers", "Windows 11 logs": a model name; "jan 15 bc …": a date
        item = Mention(int(value), m.start(), m.end(), m.group(0), noun.lower(), kind)
        item.exactness = _exactness(text, m.start(), m.end(), bool(m.group("plus")))
        if item.exactness == "more":
            item.low, item.high = item.value, None
        found.append(item)
    for m in _EN_MENTION_LONG.finditer(text):
        # "18,000 App Store + Google Play reviews", "~2,400 site monitoring visit reports": a data noun after a long name
        if inside_quote(m.start()) or any(x.start == m.start() for x in found) or _kind_en(m.group("noun")) != "data":
            continue
        if any(_kind_en(word) != "unknown" for word in m.group("gap").split()) or _MODEL_NAME_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # the first noun that counts ends the name: "15 reviews need sentiment labels" is not a long name
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value) or _EN_CURRENCY_WORD.search(m.group("gap")):
            continue
        item = Mention(int(value), m.start(), m.end(), m.group(0), m.group("noun").lower(), "data")
        item.exactness = _exactness(text, m.start(), m.end(), bool(m.group("plus")))
        if item.exactness == "more":
            item.low, item.high = item.value, None
        found.append(item)
    for m in _EN_TOTAL_ONLY.finditer(text):
        if inside_quote(m.start()):
            continue
        value = _number(m.group("num"), m.group("mag"))
        sentence = re.split(r"[.!?\n]", text[max(0, m.start() - 80) : m.start()])[-1]
        nouns = [w for w in re.findall(r"[A-Za-z][\w-]*s\b", sentence) if _kind_en(w) == "data"]
        if value is None or value != int(value) or not nouns:
            continue
        item = Mention(int(value), m.start(), m.end(), m.group(0), nouns[-1].lower(), "data")
        item.exactness = _exactness(text, m.start(), m.end(), False)
        found.append(item)
    for m in _EN_COLLECTION.finditer(text):
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value):
            continue
        item = Mention(int(value), m.start(), m.end(), m.group(0), m.group("noun").lower(), "data", notes=["collection"])
        item.exactness = "about" if re.search(r"about|around|roughly|approx|some|~", m.group(0), re.I) else "exact"
        found.append(item)
    found.extend(elliptic(text, found))
    found.sort(key=lambda x: (x.start, x.end))
    _mark_per_unit(text, found)
    _mark_restated(text, found)
    found.extend(_products(text, found))
    found.extend(_first_and_rest(text, found))
    return sorted(found, key=lambda x: (x.start, x.end))


# "每辆车平均12张图", "each car has about 12 photos": a count per container, not a total
_PER_UNIT_BEFORE = re.compile(
    r"每[^，,。；;！!？?\n]{0,8}$|\b(?:each|every|per)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:has|have|gets|contains|comes with|with)?\s*(?:about|around|roughly|~|an average of|on average)?\s*$",
    re.I,
)


def _mark_per_unit(text: str, found: list[Mention]) -> None:
    for item in found:
        left, _ = clause_bounds(text, item.start, item.end)
        if _PER_UNIT_BEFORE.search(text[left : item.start]) and "per-unit" not in item.notes:
            item.notes.append("per-unit")


# "250 disclosures → 5,000 hits", "800 queries x 10 results = 8,000 pairs", "i.e. 6,000 pairs", "也就是6000对"
_RESTATE_BETWEEN = re.compile(
    r"^[^。.!?\n（()）]{0,60}?(?:→|->|=>|=|≈|\bi\.e\.,?|\bthat'?s|\bthat is|\bwhich is|\bso|\bmaking|也就是|即)\s*(?:共|一共|总共|合计|共计|in total|total of)?\s*(?:about|around|roughly|~|约|大约|大概)?\s*$",
    re.I,
)


def _mark_restated(text: str, found: list[Mention]) -> None:
    for earlier, later in zip(found, found[1:]):
        if earlier.kind in {"time", "money", "size", "person"} or later.kind in {"time", "money", "size", "person"}:
            continue
        if later.value > earlier.value and _RESTATE_BETWEEN.match(text[earlier.end : later.start]):
            later.notes.append("restated")
            earlier.notes.append("restated-from")
    # "500 queries, top 12 each, but let's only do top 6 → 3000 judgments": the count after an arrow is the total the
    # request works out itself; a product computed from other factors in the same line gives way to it
    for later in found:
        if later.kind != "data" or "restated" in later.notes or not re.search(r"(?:→|->|=>|=)\s*$", text[max(0, later.start - 4) : later.start]):
            continue
        line_start = text.rfind("\n", 0, later.start) + 1
        earlier = [m for m in found if line_start <= m.start < later.start and m.kind in {"data", "unknown"} and m.value < later.value]
        if earlier:
            later.notes.append("restated")
            for other in found:
                if other.derived and line_start <= other.start < later.start and other.value != later.value:
                    other.notes.append("restated-from")
    # "四千条左右（3,980条，我数过了）", "about 4,000 forms (3,987 exactly)": the exact count restates the hedged one
    for earlier, later in zip(found, found[1:]):
        pair = {earlier.exactness, later.exactness}
        if earlier.kind != "data" or later.kind != "data" or pair != {"about", "exact"} or earlier.value == later.value:
            continue
        between = text[earlier.end : later.start]
        if abs(earlier.value - later.value) <= 0.1 * max(earlier.value, later.value) and not re.search(r"[。.!?！？\n]", between):
            exact, hedged = (earlier, later) if earlier.exactness == "exact" else (later, earlier)
            exact.notes.append("restated")
            hedged.notes.append("restated-from")


# "每个词取前10条结果", "每人抽50通", "top 5 results each", "5 results per query"
_ZH_PER = re.compile(
    # an aside in brackets may come first: "检索词贰佰个（多为人名…），每个检索词取新系统返回的前二十条"
    r"^(?:[（(][^）)\n]{0,80}[）)])?[^。；;！!？?\n]{0,6}?[，,、]?\s*(?:每(?:个|位|名|人|条|家|份|篇|本|场|期|集|天)?[\u4e00-\u9fffA-Za-z]{0,4}?|(?P<each>各(?:自)?))"
    r"(?:抽|取|选|挑|标|听|看|做|有|含|包含|给|出|导出|收集|提供|评)?(?:了|出)?(?:[\u4e00-\u9fff]{1,8}?(?:返回|召回|检索出|搜出)的)?(?:前|约|大概)?\s*"
    r"(?P<n>\d+|[一二两三四五六七八九十百]+)\s*(?P<cls>[条段封帖通份则首幅张篇句对组]|个(?=(?:搜索|检索|召回|推荐)?(?:结果|候选|商品|文档|网页|链接)))"
)
_EN_PER = re.compile(
    r"^[^.!?\n]{0,40}?(?:\btop\s+(?P<n1>\d+)\s+(?:[a-z]+\s+){0,2}?(?:each|per\s+\w+)\b|\b(?P<n2>\d+)\s+(?:[a-z]+\s+){0,2}?(?:each|(?:per|for each|from each|a)\s+(?P<per>[a-z]+)))\b",
    re.I,
)


_ZH_SMALL_EACH = re.compile(
    r"(?<![\d一二两三四五六七八九十百千万])(?P<k>[两三四五六七八九])\s*个(?P<noun>[\u4e00-\u9fff]{1,4}?)各(?:自)?(?:有|抽|取|导出|收集|提供|给|出)?(?:了)?(?:约|大概)?\s*"
    r"(?P<n>\d[\d,]*|[一二两三四五六七八九十百千]+)\s*(?P<mag>万|千)?\s*(?P<cls>[条段封帖通份则首幅张篇句对组])"
)
_PER_FIRST = re.compile(
    r"每(?:个|条|段|部|集|篇|份|张|位)?(?P<noun>[\u4e00-\u9fff]{1,4}?|[A-Za-z]{1,12})(?:都)?(?P<cap>最多|至多|不超过)?(?:抽|取|选|挑|截|有|含|包含|配|召回)(?:了|出)?(?P<cap2>最多|至多|不超过)?(?:前|约|大概)?\s*"
    r"(?P<k>\d+|[一二两三四五六七八九十]+)\s*(?:个|条|段|帧|张|句|篇)[\u4e00-\u9fffA-Za-z]{0,4}[，,、\s]*(?:一共|总共|共)(?:有)?(?:约|大概)?\s*"
    r"(?P<n>\d[\d,]*|[一二两三四五六七八九十百千]+)\s*(?P<mag>万|千)?\s*(?:个|条|段|部|集|篇|份|张|位)?(?P=noun)"
    r"|\b(?:the\s+)?(?:top|first)\s+(?P<k2>\d+)\s+(?:[a-z]+\s+){0,2}?[a-z]+s\s+(?:for|from|of|in)\s+each\s+of\s+(?:the|our|these|those)?\s*"
    r"(?P<n2>\d{1,3}(?:,\d{3})+|\d+)\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b",
    re.I,
)
# what two of produce the same items: "两个模型各…", "三位老师各…"
_PRODUCER = re.compile(r"(?:模型|版本|系统|引擎|译本|方案|算法|标注员|老师|专家|人|位)")
# "two vendors … 650 question/answer pairs per vendor": two systems answer the same questions; one pair of their
# answers is one item to compare, so the count per system is not multiplied
_EN_PRODUCER = re.compile(r"(?:vendors|models|systems|versions|engines|bots|chatbots|assistants|variants|providers|apis|pipelines)", re.I)
# "Our 6 stores each sent 250 receipts"
_EACH_VERB = re.compile(r"^\s*each\s+(?:[a-z]+\s+){1,2}?(?:about\s+|around\s+|roughly\s+|~\s*)?(?P<n>\d+)\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b", re.I)
# "300 queries x 8 results", "120 prompts × 3 responses"
_EN_TIMES = re.compile(r"^\s*(?:[x×*]|times)\s*(?P<n>\d+)\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b", re.I)
def _compared_pair(base: Mention) -> bool:
    return base.value == 2 and bool(_EN_PRODUCER.fullmatch(base.unit))


def _labels_each(text: str, unit: str) -> bool:
    """The request labels each of the containers themselves ("label each conversation", "每集标出…")."""
    stem = unit.lower().rstrip("s")[:5]
    if len(stem) < 3 and not re.search(r"[\u4e00-\u9fff]", unit):
        return False
    if re.search(r"[\u4e00-\u9fff]", unit):
        # "每条评前十个结果" rates a count of results per container, not the container itself
        return bool(re.search(rf"每{re.escape(unit[:1])}(?:都)?(?:标|打|判断|评|给)(?!前|约|\s*[\d一二两三四五六七八九十])", text))
    return bool(re.search(rf"\b(?:label|tag|rate|classify|mark|grade|score|annotate|categori[sz]e)\s+(?:each|every)\s+(?:single\s+)?{re.escape(stem)}", text, re.I))


def _times_chain(after: str, first: re.Match[str]) -> tuple[int, float | None, str]:
    """Where a chain of "x N things" factors ends, the product of its factors, and the factors written out."""
    end, count = first.end(), _number(first.group("n"), None)
    factors = [first.group("n")]
    while count and (more := _EN_TIMES.match(after[end:])):
        factor = _number(more.group("n"), None)
        if not factor:
            break
        count, end = count * factor, end + more.end()
        factors.append(more.group("n"))
    return end, count, " x ".join(factors)


# "for each of the 300 queries we kept the top 8 results", "Each of our 45 clinics sent about 20 letters"
_EACH_OF_BEFORE = re.compile(r"\beach\s+of\s+(?:the|our|these|those|its|their|all)?\s*(?:about|around|roughly|~)?\s*$", re.I)
_EACH_OF_COUNT = re.compile(
    r"^[^.!?\n;]{0,40}?(?<![\w.,$])(?:top\s+|first\s+|about\s+|around\s+|roughly\s+|~\s*)?(?P<n>\d+)\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b", re.I
)
_PER_TIME = re.compile(r"每(?:天|日|周|星期|月|小时|年)|一天|一周|/\s*(?:天|日|周|h|hr|day|week)|\b(?:per|a|an|each|every)\s+(?:day|hour|week|month|year|shift|night)\b|\bdaily\b|\bweekly\b", re.I)


def _products(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for base in found:
        if base.kind not in {"person", "container", "unknown", "data"} or base.exactness == "more" or base.value < 2:
            continue
        if _compared_pair(base):
            continue  # two systems compared: their answers to one question are one item
        after = text[base.end : base.end + 60]
        m = _ZH_PER.match(after)
        count: float | None = None
        span_end, chain = -1, ""
        if m and m.group("each") and _PRODUCER.match(base.unit[1:]):
            m = None  # "两个模型各回答了500道题": both answer the same questions; a pair is one item
        if m:
            count = _number(m.group("n"), None)
        else:
            m = _EN_PER.match(after)
            per = (m.group("per") or "").lower() if m else ""
            if m and per and not (per[:4] == base.unit[:4] or per in {"query", "item", "search", "document", "doc", "prompt", "question", "case", "person"}):
                m = None  # "50 calls per agent" multiplies "120 agents"; "2 per day" multiplies nothing
            if m and ";" in after[: m.start("n1" if m.group("n1") else "n2")] and not per:
                m = None
            if m:
                count = _number(m.group("n1") or m.group("n2"), None)
        if m is not None and m.re is _EN_PER and (
            _measures_not_items(after[m.end("n1" if m.group("n1") else "n2") :]) or names_people_or_time(after[m.end("n1" if m.group("n1") else "n2") : m.end()])
        ):
            continue  # "~800 PRs, 5 minutes each", "1500 comparisons with 3 judges each": time or people per item, not items
        if not m:
            m = _EN_TIMES.match(after) or _EACH_VERB.match(after) or (_EACH_OF_BEFORE.search(text[max(0, base.start - 20) : base.start]) and _EACH_OF_COUNT.match(after)) or None
            if m is not None and (_measures_not_items(after[m.end("n") :]) or names_people_or_time(after[m.end("n") : m.end()])):
                continue  # "for each of the 30 sites, 2 hours": not a count of items
            count = _number(m.group("n"), None) if m else None
            if m is not None and m.re is _EN_TIMES:
                span_end, count, chain = _times_chain(after, m)  # "40 leagues x 12 teams x 3 weeks": every factor written out
        if not m or not count or count < 2 or _PER_TIME.search(after[: m.end()] + after[m.end() : m.end() + 12]):
            continue  # "10人，每人每天能标300条" is a throughput, not a total
        if _labels_each(text, base.unit):
            continue  # "500 conversations, 20 messages each; label each conversation": the container is the item
        end = base.end + max(m.end(), span_end)
        product = Mention(int(base.value * count), base.start, end, text[base.start : end], "items", "data", derived=True)
        product.notes.append(f"{base.value} x {chain or int(count)}")
        base.notes.append("factor")
        for other in found:
            if base.end <= other.start < end:
                other.notes.append("factor")  # "每人抽50通": a count per container, not the volume
        out.append(product)
    out.extend(_per_container(text, found, out))
    for m in _PER_FIRST.finditer(text):
        # "每个视频抽5帧，一共300个视频", "the top 10 results for each of 300 queries": the count per container comes first
        n_key = "n" if m.group("n") else "n2"
        base, count = _number(m.group(n_key), m.group("mag")), _number(m.group("k") or m.group("k2"), None)
        if not base or not count or base != int(base) or count < 2 or any(p.start <= m.start(n_key) < p.end for p in out):
            continue
        product = Mention(int(base * count), m.start(), m.end(), m.group(0), "items", "data", derived=True)
        product.notes.append(f"{int(base)} x {int(count)}")
        if m.group("cap") or m.group("cap2"):
            product.exactness, product.low, product.high = "more", None, product.value  # "最多取10个": at most
        for other in found:
            if m.start() <= other.start < m.end():
                other.notes.append("factor")
        out.append(product)
    for m in _ZH_SMALL_EACH.finditer(text):
        # "三个渠道各2000条": a small count written as one Chinese digit, then 各 and a count of items
        if _PRODUCER.match(m.group("noun")) or any(p.start <= m.start("n") < p.end for p in out):
            continue
        base, count = _number(m.group("k"), None), _number(m.group("n"), m.group("mag"))
        if base and count and count == int(count):
            product = Mention(int(base * count), m.start(), m.end(), m.group(0), "items", "data", derived=True)
            product.notes.append(f"{int(base)} x {int(count)}")
            for other in found:
                if m.start() <= other.start < m.end():
                    other.notes.append("factor")
            out.append(product)
    return out


# "Each clinic sent 40 letters" after "25 clinics.", "~4k utterances per language" after "15 languages"
_EACH_THEN_COUNT = re.compile(
    r"^[^!?\n]{0,25}?\b(?:each|every)\s+(?P<per>[a-z]+)\b[^.!?\n]{0,40}?(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mag>[kK](?![A-Za-z]))?\s+(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+s\b",
    re.I,
)
_COUNT_THEN_PER = re.compile(r"^\s*(?:per|for each|in each|from each|each)\s+(?P<per>[a-z]+)\b", re.I)


def _measures_not_items(after_number: str) -> bool:
    """The word after a per-item number names time, money, size or people ("5 minutes each", "$2 per hit")."""
    word = re.match(r"\s*([A-Za-z]+)", after_number)
    return word is not None and _kind_en(word.group(1)) in {"time", "money", "size", "person"}


def _same_noun(per: str, unit: str) -> bool:
    return len(per) >= 3 and unit.lower().startswith(per.lower()[: max(3, len(per) - 1)])


def _per_container(text: str, found: list[Mention], made: list[Mention]) -> list[Mention]:
    """Products whose per-container count is written after the container in its own sentence or with "per X"."""
    out: list[Mention] = []
    containers = [b for b in found if b.kind in {"container", "person", "unknown"} and b.exactness != "more" and b.value >= 2]
    for base in containers:
        if any(p.start == base.start for p in made) or _compared_pair(base):
            continue
        m = _EACH_THEN_COUNT.match(text[base.end : base.end + 90])
        if m and _same_noun(m.group("per"), base.unit) and not _PER_TIME.search(m.group(0)):
            count = _number(m.group("n"), m.group("mag"))
            if count and count >= 2 and count == int(count):
                end = base.end + m.end()
                out.append(_product(text, base, int(count), base.start, end, found))
    for item in found:
        if item.kind != "data" or item.derived:
            continue
        m = _COUNT_THEN_PER.match(text[item.end : item.end + 30])
        if not m or _PER_TIME.search(m.group(0)):
            continue
        base = next((b for b in reversed(containers) if b.end <= item.start and _same_noun(m.group("per"), b.unit)), None)
        if base is None:
            item.notes.append("per-unit")  # "40 texts per show" with no count of shows: not a total
            continue
        if _compared_pair(base):
            continue  # "700 question/answer pairs per vendor" of two vendors compared: 700 items
        out.append(_product(text, base, item.value, base.start, item.end + m.end(), found))
    return out


def _product(text: str, base: Mention, count: int, start: int, end: int, found: list[Mention]) -> Mention:
    product = Mention(base.value * count, start, end, text[start:end], "items", "data", derived=True)
    product.notes.append(f"{base.value} x {count}")
    for other in found:
        if start <= other.start < end:
            other.notes.append("factor")
    return product


# "200 first as a trial, and then the remaining 3,800", "先标300条，剩下的2700条月底前": the two parts add up to the job
_REST_BEFORE = re.compile(r"(?:\b(?:the\s+)?(?:remaining|rest\s+of\s+the)\s+(?:~\s*|about\s+|around\s+|roughly\s+)?|(?:剩下|剩余|其余|余下)的?\s*(?:大概|约)?)$", re.I)


def _first_and_rest(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    parts = [x for x in found if not x.derived and x.kind in {"data", "unknown"} and x.exactness != "more" and x.value >= 10]
    for index, rest in enumerate(parts):
        if not _REST_BEFORE.search(text[max(0, rest.start - 24) : rest.start]) or index == 0:
            continue
        first = parts[index - 1]
        if rest.start - first.end > 120 or re.search(r"\n\s*\n", text[first.end : rest.start]):
            continue
        total = Mention(first.value + rest.value, first.start, rest.end, text[first.start : rest.end], rest.unit, "data", derived=True)
        total.notes.append(f"{first.value} + {rest.value}")
        first.notes.append("factor")
        rest.notes.append("factor")
        out.append(total)
    return out

