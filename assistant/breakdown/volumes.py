"""Volume: how many items a request states ("3万条", "5k items"); a number only counts when a counting word or data noun says so.

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re

from assistant.breakdown.facts import (
    Fact,
    _clause_before,
    _dedupe,
    _ends_with,
    _is_range,
    _make,
    _qualify,
)
from assistant.breakdown.numbers import (
    DAY_OF_MONTH_BEFORE,
    _AR,
    _CN_CHARS,
    _MAG_EN,
    _NUM_EN,
    _NUM_ZH,
    _ZH_START,
    _apply_magnitude,
    _normalise,
    _parse_number,
    _rx,
    parse_cn_number,
)

# --------------------------------------------------------------------------------------------
# Volume
# --------------------------------------------------------------------------------------------

_ZH_DATA_NOUNS = {
    "多轮对话": "dialogues", "对话": "dialogues", "会话": "dialogues", "聊天记录": "dialogues",
    "图片": "images", "图像": "images", "照片": "images", "截图": "images", "商品图": "images",
    "音频": "audio_clips", "语音": "audio_clips", "录音": "audio_clips",
    "短视频": "videos", "视频": "videos",
    "评论": "comments", "留言": "comments", "弹幕": "comments", "评价": "reviews", "点评": "reviews",
    "文本": "texts", "语料": "texts", "文字": "texts",
    "句子": "sentences", "文章": "documents", "文档": "documents", "新闻": "documents",
    "query": "queries", "Query": "queries", "QUERY": "queries", "搜索词": "queries", "查询": "queries",
    "样本": "samples", "数据": "items", "记录": "records", "日志": "records",
    "邮件": "emails", "工单": "tickets", "通话": "calls", "电话": "calls", "帖子": "posts", "微博": "posts",
    "消息": "messages", "短信": "messages", "回复": "responses", "回答": "responses", "问答": "qa_pairs",
    "问卷": "surveys", "反馈": "feedback", "投诉": "complaints",
}
_ZH_NOUN_RE = "|".join(sorted(map(re.escape, _ZH_DATA_NOUNS), key=len, reverse=True))
_ZH_CLS_UNIT = {
    "条": "items", "张": "images", "段": "segments", "篇": "documents", "份": "items", "句": "sentences",
    "通": "calls", "帧": "frames", "幅": "images",
}
_ZH_CLS_NEEDS_NOUN = {"个", "组", "轮", "对", "小时"}
_ZH_NOUN_PREFIX_CHAR = r"(?:(?![的了和与并再然要做给在是就也还都把被让每人员])[\u4e00-\u9fff])"

_VOL_ZH_RE = _rx.compile(
    _ZH_START
    + rf"(?P<num>{_NUM_ZH})\s*(?P<suf>\+|多|余)?\s*(?P<cls>条|张|段|篇|份|句|通|帧|幅|组|对|轮|个|小时)"
    + r"(?P<post>左右|上下|以上|多)?"
    + rf"(?P<noun>的?{_ZH_NOUN_PREFIX_CHAR}{{0,4}}(?:{_ZH_NOUN_RE}))?"
)
_VOL_ZH_LEAD_RE = _rx.compile(
    r"(?P<lead>数据量|样本量|标注量|数据规模|标注规模|样本规模|规模|量级|总量|数量|条数)"
    r"\s*(?:大概|大约|约|在|为|是|有|共|:|：|\s)*"
    + _ZH_START
    + rf"(?P<num>{_NUM_ZH})\s*(?P<suf>\+|多|余)?(?P<cls>条|张|段|篇|份|句)?"
    + r"(?=$|[\s,，。;；!！?？、)）]|左右|上下|以上|的)"
)
_ZH_VOL_BLOCK_AFTER = _rx.compile(
    r"的?(?:规则|标准|要求|建议|意见|标签|类别|类|维度|字段|原则|指南|说明|示例|例子|样例|规范|人|名|位|版|次|遍|轮|天|周|月|年|元|块|%)"
)
_ZH_ORDINAL_BEFORE = rf"第|(?<![底末日号天周月年之以内0-9{_CN_CHARS}])前|Top|TOP|top|No\.|NO\.|#|排名|版本|[vV]|最近|最新|最后|倒数"
_ZH_RATE_BEFORE = _rx.compile(
    r"每(?:一)?(?:天|日|人|个人|小时|周|星期|月|个月|批|类|个类|个类别|个标签|个意图|标签|类别|个标注员|位|名)|日均|人均|月均|周均|一(?:天|小时|周|个月|个人)(?!内|之内|以内)"
)
_ZH_RATE_AFTER = _rx.compile(r"^\s*(?:/|每|一)\s*(?:天|日|人|小时|周|月|批|类)")

_EN_DATA_NOUNS = {
    "items": "items", "item": "items", "samples": "samples", "examples": "examples", "records": "records",
    "rows": "rows", "entries": "records", "data points": "items", "datapoints": "items",
    "reviews": "reviews", "comments": "comments", "posts": "posts", "tweets": "posts", "messages": "messages",
    "dialogues": "dialogues", "dialogs": "dialogues", "conversations": "dialogues", "chats": "dialogues",
    "chat logs": "dialogues", "transcripts": "transcripts", "utterances": "utterances",
    "sentences": "sentences", "texts": "texts", "documents": "documents", "docs": "documents",
    "articles": "documents", "queries": "queries", "query-document pairs": "pairs", "pairs": "pairs",
    "images": "images", "photos": "images", "pictures": "images", "screenshots": "images", "frames": "frames",
    "videos": "videos", "video clips": "videos", "audio clips": "audio_clips", "clips": "clips",
    "recordings": "audio_clips", "calls": "calls", "emails": "emails", "e-mails": "emails",
    "tickets": "tickets", "questions": "questions", "responses": "responses", "answers": "responses",
    "prompts": "prompts", "tasks": "tasks", "listings": "listings", "labeled examples": "examples",
    "narratives": "documents", "write-ups": "documents", "judgments": "judgments", "judgements": "judgments",
    "voicemails": "audio_clips", "captions": "texts", "summaries": "texts", "feedback": "texts", "feedbacks": "texts",
}
_EN_NOUN_RE = "|".join(sorted(map(re.escape, _EN_DATA_NOUNS), key=len, reverse=True))
_EN_GAP_STOP = (
    r"of|for|per|in|on|at|to|from|by|with|and|or|each|every|a|an|the|labels?|categories|category|classes|"
    r"class|annotators?|labell?ers?|raters?|people|persons|days?|weeks?|months?|years?|"
    r"hours?|minutes?|seconds?|times|rounds?|batch(?:es)?|stars?|points?|levels?|percent|dollars?|usd|rmb|"
    r"yuan|steps?|versions?|pages?|top|than|about|are|is|was|were|be|will|we|you|they|it|this|that|these|"
    r"those|our|your|their|have|has|had|need|want|api|function|tool|k|thousand|million"
)
_EN_GAP = rf"(?:\s+(?!(?:{_EN_GAP_STOP})(?![A-Za-z'-]))[A-Za-z][A-Za-z'-]*){{0,2}}?"
_VOL_EN_RE = _rx.compile(
    rf"(?P<num>{_NUM_EN})(?P<mag>{_MAG_EN})?(?P<plus>\+)?"
    rf"(?:(?P<gap>{_EN_GAP})\s+(?P<noun>{_EN_NOUN_RE})\b"
    rf"|\s+(?P<hours>hours?\s+of\s+(?:[A-Za-z-]+\s+){{0,2}}(?:audio|speech|recordings?|calls?|video|videos|footage|podcasts?)\b))",
    re.I,
)
_VOL_EN_PLUS_RE = _rx.compile(rf"(?<![0-9A-Za-z.,\-/:#_$¥€£]){_AR}\s?(?:[kKwW]|万|千)\+")
_VOL_EN_LEAD_RE = _rx.compile(
    rf"\b(?P<lead>volume|data\s*set\s+size|dataset\s+size|data\s+size|sample\s+size|total\s+volume)"
    rf"\s*(?:is|of|:|=|~|around|about|roughly|approximately|\s)*(?P<num>{_AR})(?P<mag>{_MAG_EN})?(?P<plus>\+)?"
    rf"(?=$|[\s,.;!?)])",
    re.I,
)
_VAGUE_BEFORE_EN = r"\b(?:a\s+few|few|several|some|many|a\s+couple(?:\s+of)?|couple(?:\s+of)?|tens\s+of|hundreds\s+of|dozens\s+of|a\s+bunch\s+of|a\s+lot\s+of)\s*$"
_EN_ORDINAL_BEFORE = r"\b(?:top|no\.|number|version|v|chapter|page|step|phase|level|round|week|day|grade|class|rank|ranked|id)\s*$|#\s*$"
_EN_YEAR_BEFORE = (
    r"(?:\b(?:from|in|since|during|year|until|before|after|our|the|their|its|this|last|between|fy|vs\.?|or|and)|"
    r"\b(?:19|20)\d\d\s*(?:and|or|to|-|–|/|,))\s*$"
)
_EN_YEAR_AFTER = r"^\s*(?:and|or|to|-|–|/|,)\s*(?:19|20)\d\d\b"
_EN_RATE_BEFORE = _rx.compile(
    r"\b(?:daily|weekly|monthly|hourly|per\s+(?:day|hour|week|month|annotator|person|class|label|category)|"
    r"(?:each|every)\s+(?:day|hour|week|month|annotator|labell?er|person|class|label|category|batch|intent))\b",
    re.I,
)
_EN_RATE_AFTER = _rx.compile(
    r"^\s*(?:(?:per|/|a|an|each|every)\s*(?:day|hour|week|month|year|annotator|person|labell?er|rater|judge|"
    r"class|label|category|batch|worker|intent|shift|minute)\b|daily|weekly|monthly|(?:for|of)\s+(?:each|every)\s+"
    r"(?:class|label|category|intent|annotator))",
    re.I,
)
_EN_ALLOWED_CAPITALISED = {
    "about", "around", "approximately", "roughly", "over", "nearly", "almost", "label", "annotate", "tag",
    "we", "i", "need", "collect", "review", "please", "only", "just", "some", "maybe", "the", "these",
    "those", "all", "another", "get", "have", "plus", "and", "up", "to", "than", "least", "most", "of",
    "for", "with", "total", "under", "first", "last", "next", "latest", "sample", "classify", "rate",
    "score", "labeling", "labelling", "annotating", "approx", "our", "gather", "send",
    "provide", "deliver", "expect", "there", "are", "is", "has", "had", "want", "prepare", "clean",
}
_CURRENCY_BEFORE = r"(?:[$¥€£]|US\$|HK\$|\b(?:USD|RMB|CNY|EUR|GBP|HKD|JPY))\s*$"


def _volume_blocked_before(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start]
    if _ends_with(_ZH_ORDINAL_BEFORE, before):
        return True
    if _ends_with(_EN_ORDINAL_BEFORE, before, re.I):
        return True
    if _rx.search(_CURRENCY_BEFORE, before) or DAY_OF_MONTH_BEFORE.search(before):
        return True
    clause = _clause_before(text, start, 14)
    if _ZH_RATE_BEFORE.search(clause) or _EN_RATE_BEFORE.search(clause):
        return True
    # a capitalised product or model name right before the number: "iPhone 15 reviews"
    m = _rx.search(r"([A-Za-z][A-Za-z0-9'-]*)\s+$", before)
    if m:
        word = m.group(1)
        if any(c.isupper() for c in word[1:]) or (word[0].isupper() and word.lower() not in _EN_ALLOWED_CAPITALISED):
            preceding = text[: start - len(before) + m.start()].rstrip()
            sentence_start = not preceding or preceding[-1] in ".!?\n:;。！？"
            if not sentence_start or any(c.isupper() for c in word[1:]):
                return True
    return False


def _volume_blocked_after(text: str, end: int) -> bool:
    after = text[end:end + 30]
    return bool(_ZH_RATE_AFTER.match(after) or _EN_RATE_AFTER.match(after))


def _volume_fact(text: str, start: int, end: int, value: int | float | None, unit: str,
                 qualifier: str | None) -> Fact | None:
    if value is None or not float(value).is_integer() or value < 10:
        return None
    s, e, q = _qualify(text, start, end)
    return _make("volume", int(value), text, s, e, unit=unit, qualifier=qualifier or q)


def extract_volume(text: str) -> list[Fact]:
    """How many items the request says there are to label ("3万条", "5k items", "10k+")."""
    norm = _normalise(text)
    facts: list[Fact] = []

    for m in _VOL_ZH_RE.finditer(norm):
        cls = m.group("cls")
        noun = m.group("noun")
        if _volume_blocked_before(norm, m.start()) or _is_range(norm, m.start("num"), m.end("num")):
            continue
        tail = norm[m.end("cls") + len(m.group("post") or ""):]
        if not noun and _ZH_VOL_BLOCK_AFTER.match(tail):
            continue
        if _volume_blocked_after(norm, m.end()):
            continue
        noun_word = None
        if noun:
            noun_word = next(k for k in sorted(_ZH_DATA_NOUNS, key=len, reverse=True) if noun.endswith(k))
        if cls in _ZH_CLS_NEEDS_NOUN:
            if not noun_word:
                continue
            if cls == "小时" and _ZH_DATA_NOUNS[noun_word] not in {"audio_clips", "videos", "calls"}:
                continue
        if cls == "小时":
            unit = "hours"
        elif cls == "对":
            unit = "pairs"
        elif noun_word:
            unit = _ZH_DATA_NOUNS[noun_word]
            if unit == "items" and cls in _ZH_CLS_UNIT and cls != "条" and cls != "份":
                unit = _ZH_CLS_UNIT[cls]
        else:
            unit = _ZH_CLS_UNIT[cls]
        value = parse_cn_number(m.group("num"))
        suf = m.group("suf") or m.group("post")
        qualifier = {"+": "at_least", "多": "more_than", "余": "more_than", "以上": "at_least",
                     "左右": "approx", "上下": "approx"}.get(suf or "")
        fact = _volume_fact(text, m.start(), m.end(), value, unit, qualifier)
        if fact:
            facts.append(fact)

    for m in _VOL_ZH_LEAD_RE.finditer(norm):
        if _is_range(norm, m.start("num"), m.end("num")):
            continue
        value = parse_cn_number(m.group("num"))
        qualifier = {"+": "at_least", "多": "more_than", "余": "more_than"}.get(m.group("suf") or "")
        unit = _ZH_CLS_UNIT.get(m.group("cls") or "条", "items")
        fact = _volume_fact(text, m.start(), m.end(), value, unit, qualifier)
        if fact:
            facts.append(fact)

    for m in _VOL_EN_RE.finditer(norm):
        start = m.start()
        if _volume_blocked_before(norm, start) or _is_range(norm, m.start("num"), m.end("num")):
            continue
        if _rx.search(_VAGUE_BEFORE_EN, norm[max(0, start - 16):start], re.I) and not _rx.match(r"\d", m.group("num")):
            continue  # "a few thousand", "several hundred": vague, never a stated number
        if _volume_blocked_after(norm, m.end()):
            continue
        num = m.group("num")
        if _rx.fullmatch(r"(?:199|20[0-3])\d", num) and not m.group("mag") and (
            _ends_with(_EN_YEAR_BEFORE, norm[max(0, start - 12):start], re.I)
            or _rx.match(_EN_YEAR_AFTER, norm[m.end("num"):m.end("num") + 12], re.I)
        ):
            continue  # "our 2023 and 2024 campaign tweets" are years, not counts
        value = _apply_magnitude(_parse_number(num), m.group("mag"))
        if m.group("hours"):
            unit = "hours"
        else:
            unit = _EN_DATA_NOUNS[m.group("noun").lower()] if m.group("noun").lower() in _EN_DATA_NOUNS else "items"
        qualifier = "at_least" if m.group("plus") else None
        fact = _volume_fact(text, start, m.end(), value, unit, qualifier)
        if fact:
            facts.append(fact)

    for m in _VOL_EN_PLUS_RE.finditer(norm):
        if _volume_blocked_before(norm, m.start()):
            continue
        after = norm[m.end():m.end() + 30]
        # "10k+" alone, or followed by a word that does not make it something else ("10k+ users", "10k+ budget")
        if not _rx.match(
            r"\s*(?:$|[,.;:!?)，。；！？、]|(?:labeled|labelled|annotated|data|in\s+total|total|would|will|should|"
            r"is|are|please|or\s+so|to\s+label|to\s+annotate|条|个样本|的数据|数据)\b)",
            after,
            re.I,
        ):
            continue
        digits = _rx.match(_AR, m.group(0))
        assert digits is not None
        mag = m.group(0)[digits.end():].strip().rstrip("+")
        value = _apply_magnitude(_parse_number(digits.group(0)), mag)
        fact = _volume_fact(text, m.start(), m.end(), value, "items", "at_least")
        if fact:
            facts.append(fact)

    for m in _VOL_EN_LEAD_RE.finditer(norm):
        value = _apply_magnitude(_parse_number(m.group("num")), m.group("mag"))
        fact = _volume_fact(text, m.start(), m.end(), value, "items", "at_least" if m.group("plus") else None)
        if fact:
            facts.append(fact)

    return _dedupe(facts)
