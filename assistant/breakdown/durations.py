"""Time per item: how long labelling one item takes ("每条30秒", "2 minutes per image").

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re

from assistant.breakdown.facts import Fact, _dedupe, _make, _qualifier_in, _qualify
from assistant.breakdown.numbers import (
    _AR,
    _CN_CHARS,
    _CN_START,
    _EN_WORDS,
    _NUM_ZH,
    _normalise,
    _parse_number,
    _rx,
    parse_cn_number,
)

# --------------------------------------------------------------------------------------------
# Time per item
# --------------------------------------------------------------------------------------------

_ZH_DUR = (
    rf"(?P<a>{_NUM_ZH}|半)\s*个?\s*(?P<u>秒钟|秒|分钟|分(?=\s*(?:半|\d|[{_CN_START}]))|小时|钟头|s|sec|secs|min|mins)(?![A-Za-z])"
    rf"(?:\s*(?:(?P<half>半)(?:钟|分钟)?|(?P<b>{_NUM_ZH})\s*秒钟?))?"
)
_ZH_ITEM_CLS = r"(?:条|个|张|段|篇|句|份|通|帧|幅|组|对|章|封|帖|集|首|件|例|则)"
_TPI_ZH_PATTERNS = [
    _rx.compile(
        rf"(?P<per>(?:平均)?(?:每一?|单){_ZH_ITEM_CLS}|一(?:条|张|段|篇|句|通|帧|幅|份|章|封|帖|集|首|件|例|则|对|组))"
        rf"(?P<mid>(?:(?![{_CN_CHARS}人天周月年日])[^\d，。,.;；!！?？\n]){{0,10}}?){_ZH_DUR}"
    ),
    _rx.compile(rf"{_ZH_DUR}\s*(?:/|每|一)\s*{_ZH_ITEM_CLS}(?!人)"),
    # "每条看一眼就行，别超过30秒": the cap said in the next clause
    _rx.compile(
        rf"(?:每一?|单)(?!个?月|个?人){_ZH_ITEM_CLS}[^\d，。,.;；!！?？\n]{{1,10}}[，,]\s*(?:(?:别|不要|不能|不得|最好不要?)超过|不超过|最多|控制在)\s*{_ZH_DUR}"
    ),
    # "一分钟看一条应该够", "30秒标一张": a time, then the work done on one item
    _rx.compile(rf"{_ZH_DUR}\s*(?:能|可以|就能)?(?:看|标|审|读|听|做|处理|判断|过)(?:完)?\s*一\s*{_ZH_ITEM_CLS}(?!人)"),
    _rx.compile(
        rf"(?:平均|单条|单个|单张)(?:每条)?(?:标注|处理|审核)?(?:时长|耗时|用时|时间)\s*(?:约|大约|大概|为|是|在|:|：|\s)*{_ZH_DUR}"
    ),
]
_EN_DUR = (
    rf"(?P<a>{_AR}|{_EN_WORDS}|half\s+an?|an?)\s*-?\s*(?P<u>seconds?|secs?|(?<=\d)s|(?<=\d\s)s|minutes?|mins?|hours?|hrs?|(?<=\d)h|(?<=\d\s)h)\b"
)
_EN_ITEM = (
    r"(?:items?|samples?|examples?|records?|rows?|images?|photos?|pictures?|dialogues?|dialogs?|conversations?|"
    r"chats?|reviews?|comments?|posts?|tweets?|messages?|texts?|sentences?|documents?|docs?|quer(?:y|ies)|"
    r"clips?|videos?|audio|recordings?|calls?|emails?|tickets?|tasks?|annotations?|labels?|judgments?|"
    r"judgements?|one|piece|units?|pairs?|utterances?|transcripts?)"
)
# words after "per" / "a" / "each" that are not an item: time, people, groups of work
_NOT_ITEM = r"(?:week|day|month|year|hour|minute|second|person|annotator|labell?er|head|batch|shift|sprint|session|team|time|while|bit|lot|few|couple|total|piece\s+of\s+cake)s?\b"
_TPI_EN_PATTERNS = [
    _rx.compile(
        rf"{_EN_DUR}\s*(?:on\s+average\s+)?(?:(?:per|a|an|for\s+each|each|for\s+every|on\s+each)\s+|/\s*)(?:single\s+)?{_EN_ITEM}\b",
        re.I,
    ),
    # "~90 seconds per excerpt": per any one thing that is not a span of time, a person or a batch
    _rx.compile(
        rf"{_EN_DUR}\s+(?:per|for\s+each|for\s+every|on\s+each|an?(?=\s+(?!{_NOT_ITEM})[a-z]{{3,}}\s*(?:[,.;:!?)]|$|and\b|or\b)))\s+(?!{_NOT_ITEM})[a-z]{{3,}}\b",
        re.I,
    ),
    # "a report takes them about 4 mins", "one claim takes a reviewer roughly 90 seconds"
    _rx.compile(
        rf"(?:\b(?:a|an|each|every|one|per|a\s+single)\s+(?!{_NOT_ITEM})[a-z]{{3,}}|\b(?:each|each\s+one|every\s+one)"
        rf"|\b(?:reading|labell?ing|annotating|checking|reviewing|tagging|doing|scoring|rating|grading|transcribing|coding|judging)\s+(?:one|each|an?\s+(?!{_NOT_ITEM})[a-z]{{3,}}))"
        rf"\s+(?:should\s+take|will\s+take|takes|took|needs|requires)\s+"
        rf"(?:(?:them|us|me|him|her|someone|people|an?\s+(?:annotator|reviewer|labell?er|person|rater))\s+)?"
        rf"(?:about|around|roughly|approximately|~|at\s+most|under|less\s+than|up\s+to|no\s+more\s+than|maybe)?\s*{_EN_DUR}",
        re.I,
    ),
    _rx.compile(rf"{_EN_DUR}\s+each\b", re.I),
    # "Avg ~25 sec/script", "≤ 20s/review": a time over any one thing
    _rx.compile(rf"{_EN_DUR}\s*/\s*(?!{_NOT_ITEM})[a-z]{{3,}}\b", re.I),
    # "they can do a pair in ~25 seconds", "we get through one report in about 3 minutes"
    _rx.compile(
        rf"\b(?:do|finish|label|rate|judge|review|check|get\s+through|handle|annotate|tag)\s+(?:an?|one|each|every)\s+(?!{_NOT_ITEM})[a-z]{{3,}}\s+in\s+"
        rf"(?:about|around|roughly|approximately|~|under|less\s+than|maybe)?\s*{_EN_DUR}",
        re.I,
    ),
    _rx.compile(
        rf"\b(?:each|every|per|a\s+single|one)\s+{_EN_ITEM}\s+(?:should\s+take|will\s+take|takes|needs|requires|take)\s+"
        rf"(?:about|around|roughly|approximately|~|at\s+most|under|less\s+than|up\s+to|no\s+more\s+than)?\s*{_EN_DUR}",
        re.I,
    ),
    _rx.compile(
        rf"\b(?:average|avg\.?|mean)\s+(?:handling|annotation|labell?ing|review|processing)?\s*time\s+(?:per\s+{_EN_ITEM}\s+)?"
        rf"(?:of|is|:|=|~|around|about|under|below|at\s+most|\s)*{_EN_DUR}",
        re.I,
    ),
    _rx.compile(
        rf"\b(?:handling|annotation|labell?ing|review|processing)\s+time\s+per\s+{_EN_ITEM}\s+(?:of|is|:|=|~|around|about|under|below|at\s+most|\s)*{_EN_DUR}",
        re.I,
    ),
]
_SECONDS = {
    "秒": 1, "秒钟": 1, "分": 60, "分钟": 60, "小时": 3600, "钟头": 3600, "s": 1, "sec": 1, "secs": 1,
    "second": 1, "seconds": 1, "min": 60, "mins": 60, "minute": 60, "minutes": 60, "h": 3600, "hr": 3600,
    "hrs": 3600, "hour": 3600, "hours": 3600,
}


def _duration_seconds(m: re.Match[str]) -> float | None:
    token = m.group("a").strip().lower()
    if token == "半" or token.startswith("half"):
        amount: float | None = 0.5
    elif token in {"a", "an"}:
        amount = 1
    else:
        amount = _parse_number(token)
    if amount is None:
        return None
    unit = m.group("u").lower()
    seconds = float(amount) * _SECONDS[unit]
    groups = m.groupdict()
    if groups.get("half"):
        seconds += _SECONDS[unit] / 2
    if groups.get("b"):
        extra = parse_cn_number(groups["b"])
        if extra is None:
            return None
        seconds += float(extra)
    return seconds if seconds > 0 else None


# the low end of a range just before a duration, with its own unit or none: "1-", "45 sec to ", "30秒到"
_RANGE_LOW_BEFORE = (
    r"(?:\d|[一二两三四五六七八九十半])\s*(?:(?:seconds?|secs?|s|minutes?|mins?|hours?|hrs?|秒钟|秒|分钟|分|小时)(?![A-Za-z])\s*)?"
    r"(?:-|–|~|to|or|到|至)\s*$"
)


_MEDIA = _rx.compile(
    r"录音|录像|音频|视频|通话|语音|时长|长度|每集|一集|每期|一期|节目|播客|讲座|访谈|采访|会议录|"
    r"\b(?:audio|video|recording|clip|episode|podcast|lecture|interview|webinar|voicemail|broadcast|film|movie|song|track|meeting|call|hearing|sermon)s?\b",
    re.I,
)
_WORK_WORD = _rx.compile(r"看|读|标|听|审|处理|做|判断|需要|要|花|耗时|用时|\b(?:takes?|took|needs?|spend|handle|label|read|review|avg|average)\b", re.I)


def _media_length(norm: str, m: re.Match[str]) -> bool:
    """A duration that says how long an item is: a media word in its clause, no word of work, or "… long"."""
    left = max(norm.rfind(c, 0, m.start()) for c in "。；;!！?？\n") + 1
    right = min([i for i in (norm.find(c, m.end()) for c in "，,。；;!！?？\n") if i >= 0] or [len(norm)])
    sentence = norm[max(left, m.start() - 60) : right]
    # "voicemail transcripts", "录音转写文本": text to read, whose reading time is the time per item
    media = [x for x in _MEDIA.finditer(sentence) if not _rx.match(r"\s*(?:transcripts?|transcriptions?|转写|转录|文本|文字)", sentence[x.end() :], re.I)]
    return bool(media) and not _WORK_WORD.search(norm[max(left, m.start() - 8) : right])


def extract_time_per_item(text: str) -> list[Fact]:
    """How long one item takes, in seconds ("每条30秒", "2 minutes per item")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    media: list[Fact] = []
    for regex in [*_TPI_ZH_PATTERNS, *_TPI_EN_PATTERNS]:
        for m in regex.finditer(norm):
            seconds = _duration_seconds(m)
            if seconds is None:
                continue
            if _rx.search(_RANGE_LOW_BEFORE, norm[max(0, m.start() - 20) : m.start()], re.I):
                continue  # "1-2 minutes each", "两到三分钟", "45 sec to 1.5 min each": a range, not one time per item
            if _rx.match(r"\s*(?:-|–|~|to|到|至)\s*(?:\d|[一二两三四五六七八九十半])", norm[m.end() : m.end() + 8], re.I):
                continue  # "每条30秒到1分钟": the low end of a range
            if _rx.match(r"\s*(?:long|in length)\b", norm[m.end() : m.end() + 12], re.I):
                continue  # "each clip is 3 minutes long": how long an item is, not how long it takes
            s, e, qualifier = _qualify(norm, m.start(), m.end(), before=True, after=True)
            if qualifier is None:
                qualifier = _qualifier_in(norm[m.start():m.start("a")])
            fact = _make("time_per_item", seconds, text, s, e, qualifier=qualifier)
            (media if _media_length(norm, m) else facts).append(fact)
    # "录音转写文本，每段≤3分钟 … 每段平均要读1分半": the length of a recording is never the time to label it
    # ("250 episodes (roughly 40 min each)", "每集40分钟左右"): no time per item when only a length is stated
    return _dedupe(facts)
