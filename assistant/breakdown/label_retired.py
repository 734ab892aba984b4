"""A label set the requester names only to retire it: the old scheme, then the one they want now.

People explain what they did before, then give the new set, in both languages:

- the old set told as the past: `Last time we tried a 1–7 Likert rating …; drop that, it was too slow. Just …: A better / B better`,
  `以前让老师按1-10分打，分差太大，放弃了。这次只要两两比较：A更好、B更好…`, `以前评测用 好/中/差 三档，这次改成0、1、2、3四档`;
- the old set rejected right after it: `… happy / neutral / angry. Honestly it was useless.`, `…合格/不合格，不要了`;
- the old set named as the one replaced: `use keep / fix / cut instead of good / bad`, `不要再用 好/中/差 了，改成…`,
  `we no longer tag spam / ham`.

A list that guesses the answer to the requester's own open question is no label set either:
`顺便也看看大家平时都在聊些什么，形制、拍照、约穿还是二手交易？`, `what are people even chatting about — gear, trips or
buy/sell?`. The question asks *what*; the options are the requester thinking aloud, not names they give the team.
A choice question with no open question before it ("是正常发言、刷屏、还是人身攻击？") still names the options.

A set told only as the past ("last year we sorted them into A, B, C") is retired when another set is given after it;
a set rejected in words ("drop that", "放弃了", "instead of") is retired even when no new set follows, so the
request is asked for its labels rather than given the old ones.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import _FRAME_STRONG_RE, Candidate  # the framing words of the candidate finder
from assistant.breakdown.label_scoring import _item_ok

__all__ = ["musing_lose", "retired_lose"]

# the sentence before the list tells the past: "last time we tried", "we used to tag them", "以前让老师按"
_PAST_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:used\s+to|previously|formerly|originally|historically|last\s+(?:time|year|season|summer|spring|autumn|fall|winter|round|quarter|month)|"
    r"until\s+now|up\s+to\s+now|so\s+far|in\s+the\s+past|at\s+first|(?:we|they|staff|people|the\s+team)\s+(?:tried|were\s+using|had\s+been\s+using|have\s+been\s+using)|"
    r"(?:the|our|their)\s+old|earlier\s+we)(?![A-Za-z])"
    r"|以前|以往|原来|原先|原本|本来|过去|之前(?:一直|我们|是|用|都)|上次|上回|上一版|上一轮|去年|前年|早先|曾经|旧版|老版|一直(?:用|是|按|分)",
    re.I,
)
# the words right after the list reject it: "drop that", "it was too slow", "放弃了"
_DROPPED_AFTER = re.compile(
    r"(?<![A-Za-z])(?:drop\s+(?:that|it|this|those|them|the\s+(?:(?:old|whole|previous|current|[\w-]+-(?:way|point)|\d+-\d+)\s+)*(?:thing|scheme|scale|set|list|labels?|categories|tags|system|ones?))|ditch\s+(?:that|it|this|those|them)|scrap\s+(?:that|it|this|those|them)|"
    r"forget\s+(?:that|it|those|them)|get\s+rid\s+of\s+(?:that|it|those|them)|no\s+more\s+of\s+(?:that|it)|"
    r"(?:it|that|this|they|which)\s+(?:was|were|is|are|proved|turned\s+out)\s+(?:\w+\s+)?(?:useless|pointless|too\s+\w+|not\s+(?:enough|useful|helpful|granular|detailed|working)|a\s+mess|no\s+good|inconsistent)|"
    r"(?:didn['’]t|did\s+not|doesn['’]t|does\s+not)\s+work|(?:was|were)\s+(?:abandoned|retired|replaced|dropped))(?![A-Za-z])"
    r"|放弃|不要了|不用了|不再用了|弃用|废弃|淘汰|太粗|不好用|没法用|不够用|分差太大",
    re.I,
)
# the words after the list give its replacement ("这次改成…", "now we want …"): the old list when a new one follows
_REPLACED_AFTER = re.compile(
    r"(?<![A-Za-z])(?:now|this\s+time|going\s+forward|from\s+now\s+on)[,:]?\s+(?:we|I|let['’]s|please|just|only|use|tag|label|rate|score|mark|sort|grade|want|need|do)(?![A-Za-z])"
    r"|(?:这次|现在|今年|以后|今后|新版?)(?:我们|就|只|只要|要|想|打算|准备|统一|都)*(?:改|换|用|分|标|打|按|评|判)|改成|改为|换成|改用|换用",
    re.I,
)
# the words right before the list name it as the one replaced: "instead of", "不要再用"
_INSTEAD_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:instead\s+of|rather\s+than|in\s+place\s+of|replacing|no\s+longer\s+(?:use|tag|label|rate|mark|sort)(?:\s+(?:them|it|items|things))?(?:\s+(?:as|into|with))?|"
    r"stop\s+(?:using|tagging|labell?ing|rating|marking)(?:\s+(?:them|it))?(?:\s+(?:as|into|with))?)"
    r"|不要再用|别再用|不再用|不用再用|不要再分|别再分|不再分|不要再标|别再标|不再标|代替|取代|而不是(?:用|按|分)?)\s*[:：]?\s*(?:(?:the|our|your|those|these|that)\s+)?(?:old\s+|usual\s+|current\s+)?[\"“「]?\s*$",
    re.I,
)
# "Now:", "这次想细一点：", "from now on:": the new set opened by a colon
_NOW_COLON = re.compile(r"(?:(?<![A-Za-z])(?:now|instead|this\s+time|going\s+forward|from\s+now\s+on)|这次|现在|今后|以后|新的|改成|改为|换成)[^.。!?！？\n]{0,16}[:：]\s*$", re.I)
_SENTENCE_END = re.compile(r"[。！？!?\n；;]|(?<![A-Za-z]\.[A-Za-z])(?<!\d)\.(?=\s|$)")


def _sentence_before(candidate: Candidate, text: str) -> str:
    head = text[max(0, candidate.start - 80) : candidate.start]
    ends = list(_SENTENCE_END.finditer(head))
    head = head[ends[-1].end() :] if ends else head
    turns = list(_REPLACED_AFTER.finditer(head))  # "以前用 A/B 三档，这次改成 …": the past is the clause before the turn
    return head[turns[-1].end() :] if turns else head


def _after(candidate: Candidate, text: str) -> str:
    """The rest of the list's sentence and the next one."""
    tail = text[candidate.end : candidate.end + 120]
    ends = list(_SENTENCE_END.finditer(tail))
    cut = ends[1].end() if len(ends) >= 2 else len(tail)
    if ends:  # a mark between the list's own sentence and the next
        tail = tail[: ends[0].end()] + "\x00" + tail[ends[0].end() : cut]
    return re.sub(r"^[^\w\u4e00-\u9fff\x00]*(?:[(（][^()（）]*[)）])?", "", tail)


def _named_again(candidate: Candidate, text: str) -> bool:
    """The list's words come again later ("术语统一保留 1-5 分"): the set is still in use."""
    words = text[candidate.start : candidate.end].strip(" \t:：")
    return len(words) >= 3 and text.find(words, candidate.end) >= 0


def _fresh(new: Candidate, old: Candidate) -> bool:
    """`new` gives mostly other names than `old` and does not read the same words."""
    if new.start < old.end and old.start < new.end:
        return False
    fresh = {label.casefold() for label in new.labels} - {label.casefold() for label in old.labels}
    return 2 * len(fresh) >= len(new.labels) and len(new.labels) >= 2


def retired_lose(candidates: list[Candidate], text: str, threshold: float) -> None:
    """A list told as the old scheme ranks below the set given in its place (or below the threshold)."""
    retired: list[tuple[Candidate, bool, bool]] = []
    for a in candidates:
        if a.score < threshold or len(a.labels) < 2:
            continue
        if any(_DROPPED_AFTER.match(label) for label in a.labels[1:]):
            a.score = min(a.score, threshold - 0.5)  # "the transcripts 1-10; drop that": the rejection read as a name
            continue
        before = _sentence_before(a, text)
        instead = bool(_INSTEAD_BEFORE.search(before))
        after = _after(a, text)[:60]
        own, _, following = after.partition("\x00")
        # the rejection is said in the list's own sentence, or opens the next one ("Honestly it was useless."); one
        # further in the next sentence is about something else ("We used to have a 'spam' bucket but drop that.")
        dropped = bool(_DROPPED_AFTER.search(own) or re.match(r"\W*(?:[\w'’]+\W+){0,2}?(?:" + _DROPPED_AFTER.pattern + ")", following, re.I))
        after = own + following
        cue = _PAST_BEFORE.search(before)
        if cue is not None:
            at = a.start - len(before) + cue.start()
            if any(c is not a and c.score >= threshold and at <= c.start and c.end <= a.start and _fresh(a, c) for c in candidates):
                cue = None  # "我们一直用 正常/违规 两类，这次想细一点：…": the past belongs to the list between it and this one
        past = bool(cue or _REPLACED_AFTER.search(after))
        if instead or dropped or past:
            retired.append((a, instead or dropped, instead))
    # a later list that keeps every name of the old one extends it ("两种太粗了" … "就四类吧，好评、差评、中性、混合") or
    # keeps it for another dimension ("第①条改成三档：… 术语统一保留 1-5 分")
    retired = [(a, rejected, instead) for a, rejected, instead in retired if not any(
        b is not a and b.start >= a.end and b.score >= threshold and {x.casefold() for x in a.labels} <= {x.casefold() for x in b.labels} for b in candidates
    ) and not _named_again(a, text)]
    olds = {id(a) for a, _, _ in retired}
    for a, _, _instead in retired:
        # "Previously: urgent / normal. Now: safety risk, repair needed, …": a clean list right after "now:" is the new set
        for b in candidates:
            if id(b) in olds or b.start < a.end or b.score < threshold - 2.5 or not _fresh(b, a):
                continue
            lead = text[max(a.end, b.start - 40) : b.start]
            turn = _NOW_COLON.search(lead) or re.search("(?:" + _REPLACED_AFTER.pattern + r")\s*[:：]?\s*$", lead, re.I)  # "…，现在分 A、B、C"
            if turn and all(_item_ok(label, b.labels) for label in b.labels):
                b.score = max(b.score, threshold + 0.5)
    for a, rejected, instead in retired:
        rivals = [b.score for b in candidates if id(b) not in olds and b.score >= threshold and _fresh(b, a) and (instead or b.start >= a.end)]
        if rivals:
            a.score = min(a.score, max(rivals) - 1.0, threshold - 2.5)  # no later step joins it back as a second set
        elif rejected:
            a.score = min(a.score, threshold - 2.5)


# an open question before the list: "都在聊些什么，", "what are people talking about —"
_OPEN_QUESTION = re.compile(r"什么|啥|哪些|哪方面|(?<![A-Za-z])what\s+(?:are|is|do|does|did|were|kinds?\s+of|sorts?\s+of)(?![A-Za-z])", re.I)


def musing_lose(candidates: list[Candidate], text: str, threshold: float) -> None:
    """A list that ends an open question the requester asks themselves ("聊些什么，A、B还是C？") is not the label set."""
    for a in candidates:
        if a.score < threshold or not re.match(r"[ \t]*[？?]", text[a.end : a.end + 3]):
            continue
        if not re.search(r"(?:还是|或者|(?<![A-Za-z])or)\s*\S{1,30}$", a.quote, re.I):
            continue  # only a choice written "A, B or C?"
        before = _sentence_before(a, text)
        if _OPEN_QUESTION.search(before) and not _FRAME_STRONG_RE.search(before):
            a.score = min(a.score, threshold - 0.5)
