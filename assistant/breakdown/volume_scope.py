"""What the volume counts: the items to label, never their containers, the whole corpus, or their size.

The readers in `extract`, `quantities` and `bare_counts` find counts; this pass checks which count
is the number of items to label:

- a count of containers is not the item volume: "38 matches split into lines, about 11,000 lines
  total", "300份交底书，每份20篇，也就是6000对", "40 leagues x 12 teams x 3 weeks = 1,440 recaps".
  When a total follows (`=`, 也就是/即/一共/合计, "... total", "in total"), the total is the volume;
  when the count is multiplied or split and no total is given, the volume is left missing and asked;
- a total of a whole corpus is not the volume when the request says only a part is to be labelled:
  "存量15万段，先做3万段" (30000), "the catalogue is 15k tracks, but we only need ... maybe a third"
  (vague, asked);
- a size is not a count of items: "两百万字", "80,000 words", "40 pages" (hours of audio are how audio is measured, and stay) (then a vague count
  such as "四百多卷" is kept as vague).

A missing number costs a question; an invented one costs trust. So every doubt clears the number.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.breakdown.extract import parse_cn_number
from assistant.core.messages import Message
from assistant.core.messages import text as message_text
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus, Question

__all__ = ["scope_volume", "read_number"]

_EN_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM = rf"(?:(?:{_EN_NUM})\s*(?:[kK]\b|万|千|thousand\b)?|[一二两三四五六七八九十百千万零]+)"
_TOTAL = re.compile(
    rf"(?:[=＝]|-+>|→|⇒|也就是|即|总计|合计|共计|一共是?|总共是?|加起来|\bin total\b|\btotal(?:ling|ing)? of\b|\bthat's\b|\bwhich is\b|\bi\.e\.,?)\s*(?:about|around|roughly|approx\.?|~|约|大约|大概)?\s*(?P<n>{_NUM})"
    rf"|(?P<m>{_NUM})\s*(?:[A-Za-z]+\s+){{0,2}}(?:total|in total|altogether|overall)\b",
    re.I,
)
# the count is multiplied or cut into smaller items right after it
_CONTAINER = re.compile(r"^\s*[\w\u4e00-\u9fff'’ -]{0,30}?(?:\s[x×*]\s*\d|[x×*]\s*\d|[，,]\s*每(?:份|个|条|场|篇|本|卷|部|集|期)(?:有|含|包含|约|大概|里|中)?\s*[\d一二两三四五六七八九十]+\s*(?:篇|条|段|句|张|行|对|组|个(?!人))|\binto\b|\bsplit\b|\bper (?:match|game|league|book|file|document)\b|拆成|切成|切分成)", re.I)
# a part of the corpus is what is labelled
_PART_NUMBER = re.compile(
    rf"(?:先(?:做|标|抽|来|跑|试|挑)|只(?:做|标|需要?|要)|抽(?:出|取)?|\b(?:first|only|start(?:ing)? with|a sample of|sample of|just)\b(?:\s+(?!of\b)[a-z]+){{0,4}}?)\s*(?:前|大概|约|about|around|~)?\s*(?P<n>(?!(?:19|20)\d\d(?![\d,.]|\s*(?:[kK]\b|万|千|thousand)))(?:{_NUM}))(?![一二两三四五六七八九十百千万零])\s*(?=[\u4e00-\u9fffA-Za-z])(?!元|块|人|个人|天|周|月|年|小时|分钟|成(?![员品本果])|%|percent|people|dollars|days|weeks|hours)",
    re.I,
)
# "let's start with 1,200 — …", "begin with 500." : a part named with a bare number, no noun after it
_PART_BARE = re.compile(
    rf"\b(?:start(?:ing)?|begin(?:ning)?|kick(?:ing)? off)\s+with\s+(?:about\s+|around\s+|~\s*)?(?P<n>{_NUM})\s*(?=[—–,.;!?)]|-\s|$)",
    re.I,
)
_PART_VAGUE = re.compile(
    r"\b(?:only need|only want|just need|only the ones|a (?:subset|portion|fraction|part) of|a third of|half of|some of them|maybe a third|maybe half)\b|只需要其中|其中一部分|一部分|其中一半|三分之一|一小部分",
    re.I,
)
# a total of money, time or people is not a total of items
_MONEY_OR_PEOPLE = re.compile(
    r"[$¥€£]|budget|cost|price|预算|费用|元|块|USD|EUR|RMB|CNY|dollars?|euros?|annotators?|people|persons|人|hours?|days?|weeks?|小时|天|周",
    re.I,
)
_SIZE_UNIT = re.compile(r"^\s*(?:多|余)?\s*(?:个)?(?:字|词|汉字|页|兆|MB|GB|TB|tokens?\b|words?\b|characters?\b|chars?\b|pages?\b|megabytes?\b|gigabytes?\b)", re.I)
_APPROX_ZH = re.compile(r"(?P<n>[一二两三四五六七八九十百千万\d]+)(?:多|余)(?P<u>[卷本册条份张段个篇章部集期])")


def read_number(token: str) -> int | None:
    """"11,000" -> 11000, "1.5万" -> 15000, "20k" -> 20000, "两百万" -> 2000000."""
    token = token.strip()
    m = re.fullmatch(rf"(?P<d>{_EN_NUM})\s*(?P<mag>[kK]|万|千|thousand)?", token, re.I)
    if m:
        value = float(m.group("d").replace(",", ""))
        value *= {"k": 1000, "万": 10000, "千": 1000, "thousand": 1000}.get((m.group("mag") or "").lower(), 1)
        return int(value) if value == int(value) else None
    value = parse_cn_number(token)
    return int(value) if value else None


def _question(draft: BreakdownDraft, language: str, quote: str, why: Message) -> None:
    """The volume question, in the breakdown's language: how many items, besides the count `quote` (if any)."""
    draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
    question = message_text("breakdown.volume.besides", language, quote=quote) if quote else message_text("breakdown.volume.how_many", language)
    draft.questions.append(Question(rank=1, field="how_much.volume", question=question, reason=why.render(language)))


def _stated(value: int, quote: str, confidence: float) -> BreakdownField:
    return BreakdownField(value=value, status=FieldStatus.stated, confidence=confidence, evidence=quote)


def scope_volume(draft: BreakdownDraft, text: str, language: str) -> None:
    """Keep the stated volume only when it counts the items to label (see the module doc)."""
    volume = draft.how_much.volume
    if volume.status != FieldStatus.stated or not isinstance(volume.value, (int, float)) or not volume.evidence:
        _part_when_missing(draft, text)
        return
    start = text.find(volume.evidence)
    if start < 0:
        return
    end = start + len(volume.evidence)
    number_end = _number_end(text, start, end)
    after = text[number_end:]
    # a size, not a count: "两百万字", "300 hours of audio"
    if _SIZE_UNIT.match(after):
        draft.how_much.volume = BreakdownField()
        _vague_count(draft, text, language)
        return
    rest = text[end:]
    window = re.split(r"(?<=[。！？!?\n])|(?<=\.)\s", rest, maxsplit=2)
    near = "".join(window[:2])[:160]
    total = next((m for m in _TOTAL.finditer(near) if not _MONEY_OR_PEOPLE.search(near[max(0, m.start() - 2) : m.end() + 8])), None)
    if total:
        value = read_number(total.group("n") or total.group("m"))
        if value and value != volume.value and value > volume.value:
            draft.how_much.volume = _stated(value, total.group(0).strip(), 0.8)
            return
    part = _PART_NUMBER.search(near) or _PART_BARE.search(near)
    if part:
        value = read_number(part.group("n"))
        if value and value < volume.value:
            draft.how_much.volume = _stated(value, part.group(0).strip(), 0.8)
            return
    vague = _PART_VAGUE.search(near)
    if vague and re.search(r"先(?:给|交|出|发|送)(?:我)?\s*$|\b(?:send|give|deliver)\s+(?:us\s+|me\s+)?$", near[: vague.start()], re.I):
        vague = None  # "本周五先给一部分，全部下周五前给": a first delivery of the whole, not a part to label
    if vague:
        quote = vague.group(0)
        draft.how_much.volume = BreakdownField(value={"vague": quote, "high": volume.value}, status=FieldStatus.inferred, confidence=0.3, evidence=quote)
        _question(draft, language, volume.evidence, Message("breakdown.volume.whole_collection", quote=volume.evidence))
        return
    if _CONTAINER.match(text[number_end:]):
        draft.how_much.volume = BreakdownField()
        _question(draft, language, volume.evidence, Message("breakdown.volume.containers", quote=volume.evidence))


def _number_end(text: str, start: int, end: int) -> int:
    """Where the number inside the evidence ends ("大约两百万" -> after 万)."""
    last = None
    for m in re.finditer(_NUM, text[start:end]):
        last = m
    return start + last.end() if last else end


def _vague_count(draft: BreakdownDraft, text: str, language: str) -> None:
    m = _APPROX_ZH.search(text)
    if not m:
        _question(draft, language, "", Message("breakdown.volume.size_not_count"))
        return
    low = read_number(m.group("n"))
    if not low:
        return
    step = 10 ** max(len(str(low).rstrip("0")) and len(str(low)) - len(str(low).rstrip("0")), 0)
    value: dict[str, Any] = {"vague": m.group(0), "low": low, "high": low + max(step, 1) - 1}
    draft.how_much.volume = BreakdownField(value=value, status=FieldStatus.inferred, confidence=0.3, evidence=m.group(0))
    _question(draft, language, m.group(0), Message("breakdown.volume.vague_reason"))


def _part_when_missing(draft: BreakdownDraft, text: str) -> None:
    """"先抽1500章": a part to label, stated with a number, when nothing else gave the volume."""
    if draft.how_much.volume.status != FieldStatus.missing:
        return
    m = re.search(rf"(?:先|只)(?:抽|做|标|挑|来)(?:出|取)?\s*(?P<n>{_NUM})(?![一二两三四五六七八九十百千万零])\s*(?=[\u4e00-\u9fff])(?!元|块|人|个人|天|周|月|小时|分钟|成(?![员品本果]))", text) or next(
        (m for m in _PART_NUMBER.finditer(text) if not re.match(r"\s*(?:[\w-]+\s+)?(?:annotators?|labell?ers?|people|persons?|staff|volunteers?|editors?|reviewers?|of us|of our|名|位|个人|人)", text[m.end("n") :], re.I)),
        None,
    )
    if m:
        value = read_number(m.group("n"))
        if value and value >= 10:
            draft.how_much.volume = _stated(value, m.group(0).strip(), 0.75)
