"""Counts written with no noun of their own: "Pick 3,000 and caption them", "先标5000", "so about 1,200",
"25,000 of them", "(4,873 to be exact)". Each counts what the request counted last."""

from __future__ import annotations

import re

from assistant.breakdown.volume_words import _AR, _EN_WORD_NUM, Mention, _exactness, _kind_en, _number

__all__ = ["elliptic"]


# a count with no noun of its own, right after a labelling or sampling verb or right before "labeled/done":
# "Pick 3,000 and caption them", "want 20k labeled", "先标5000", "抽2000来标" — it counts what the request
# counted last (the photos, the clips)
_EN_ELLIPTIC = re.compile(
    rf"\b(?:pick|choose|select|sample|label|annotate|tag|review|grade|rate|score|code|sort|classify|check|read|process|handle|caption|describe|covers?|covering|"
    rf"go through|look (?:at|through)|do|take|want|need|get|pull|draw|extract)\s+(?:(?:a|another|the first|a random|random|a sample of|only|just)\s+)?(?:about\s+|around\s+|roughly\s+|~\s*)?"
    rf"(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b)?(?=\s*(?:[,.;:!?)]|$|and\b|as\b|into\b|with\b|of\s+(?:them|those|these)\b|for\b|to\b|labell?ed\b|annotated\b|tagged\b|done\b|reviewed\b|now\b|first\b|from\s+(?!each\b|every\b)))"
    rf"|(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num2>{_AR})\s?(?P<mag2>[kK](?![A-Za-z])|thousand\b)?\s+(?:of\s+(?:them|those|these)\s+)?(?:labell?ed|annotated|tagged|reviewed|done)\b"
    # "sample: 2,500", "volume = 3k", "样本量：2000", "the eval sample is 1,500" — a count given as the value of a size field
    rf"|(?:\b(?:sample(?:\s+size)?|volume|batch(?:\s+size)?|items to label|to label)|样本量|样本|数量|标注量)(?:\s*[:：=]|\s+(?:is|will\s+be))\s*(?:about\s+|~\s*|约)?(?P<num3>{_AR})\s?(?P<mag3>[kK](?![A-Za-z])|thousand\b|万|千)?(?![\d%-]|[.,]\d)",
    re.I,
)
_ZH_ELLIPTIC = re.compile(
    rf"(?:标|标注|抽|挑|选|先做|做|取)(?:了|出)?(?:其中)?(?:的)?(?:约|大概|大约)?(?P<num>{_AR})\s*(?P<mag>万|千|[wWkK](?![A-Za-z]))?(?![0-9.,%\u4e00-\u9fff])"
    rf"|(?:标|标注|抽|挑|选|先做|做|取)(?:了|出)?(?:其中)?(?P<num2>{_AR})\s*(?P<mag2>万|千)?(?=来标|来做|个?来|就行|就够|即可)"
)


# a total the request works out itself, with no noun: "the last 10 weeks, so about 1,200", "也就是6000"
_RESTATED_BARE = re.compile(
    rf"(?:\b(?:so|i\.e\.,?|that'?s|that is|which is|making)|→|->|=>|=|也就是|即)\s*(?:about|around|roughly|~|约|大约|大概)?\s*"
    rf"(?:(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|万|千)?|(?P<num9>\b(?:{_EN_WORD_NUM}))\s+(?P<mag9>thousand)\b)"
    rf"(?=\s*(?:[,.;:!?)，。；！？]|$|in all|in total|total|altogether))",
    re.I,
)


# "I exported messages from #general, 25,000 of them": a count of the data the sentence named before it
_OF_THEM = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num4>{_AR})\s?(?P<mag4>[kK](?![A-Za-z])|thousand\b)?\s+of\s+(?:them|those|these|which)\b(?!\s+(?:are|were|is|was|have|had|contain|mention|include)\b)",
    re.I,
)


# "We've got 180 so far", "I have 2,400 at the moment": a count of what the request is about, with no noun
_SO_FAR = re.compile(
    rf"\b(?:we|i)(?:'ve|\s+have)\s+(?:got\s+)?(?:about\s+|around\s+|roughly\s+)?(?P<num12>{_AR})\s?(?P<mag12>[kK](?![A-Za-z])|thousand\b)?"
    rf"(?=\s+(?:so\s+far|to\s+date|at\s+the\s+moment|right\s+now|in\s+total|altogether)\b)",
    re.I,
)


# "(4,873 to be exact)", "准确说是1968": the exact count that restates a hedged one
_EXACTLY = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num5>{_AR})\s?(?P<mag5>[kK](?![A-Za-z]))?(?=\s*(?:to be (?:exact|precise)|exactly|precisely)\b)"
    rf"|\b(?:exactly|precisely)\s+(?P<num6>{_AR})(?![\d,.]*\s*(?:%|percent))"
    rf"|(?:准确|确切|精确)(?:地)?(?:来?说|数字|数)?(?:是|为)?\s*(?P<num7>{_AR})(?![\d,.]*\s*[%万千])",
    re.I,
)


# "label 2,000 of our 50,000 product questions": the part, counted in the noun of the pool after it
_OF_POOL = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num8>{_AR})\s?(?P<mag8>[kK](?![A-Za-z]))?\s+(?:out\s+)?of\s+(?:our|the|all(?:\s+(?:the|our))?|those|these|its|their)\s+(?:~\s*|about\s+|around\s+|roughly\s+)?\d",
    re.I,
)


# "judge 300 of its answers", "check 450 of our transcripts": the count of the labelling verb's object, taken from data
# the sentence names by a possessive (no pool figure after it)
_PART_OF_DATA = re.compile(
    rf"\b(?:label|tag|judge|check|rate|review|annotate|score|grade|mark|sort|classify|code|read|go\s+through|look\s+(?:at|through))\s+"
    rf"(?:about\s+|around\s+|roughly\s+|some\s+)?(?P<num13>{_AR})\s?(?P<mag13>[kK](?![A-Za-z]))?\s+of\s+(?:its|our|their|his|her|your|my|the)\s+"
    rf"(?:[A-Za-z-]+\s+){{0,2}}?(?P<noun13>[A-Za-z-]+s)\b(?!\s+\d)",
    re.I,
)


# "we got the comments back, uh, fifteen hundred or so": a hedged count with no noun, after the data it counts
_HEDGED_BARE = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num10>{_AR}|\b(?:{_EN_WORD_NUM})\b)\s?(?P<mag10>[kK](?![A-Za-z])|thousand\b)?\s+(?:or so|or thereabouts|give or take)\b",
    re.I,
)


# "We have 40k but a random 5k is enough", "maybe 2,000 would do", "1500 should be plenty", "1,000 to start": the part that suffices
_ENOUGH = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num11>{_AR})\s?(?P<mag11>[kK](?![A-Za-z])|thousand\b)?\s+(?:of\s+(?:them|those|these)\s+)?"
    rf"(?:(?:is|are|'s|should be|would be|will be|'d be|might be|is probably|would probably be)\s+(?:more than\s+|probably\s+|already\s+)?(?:enough|plenty|sufficient|fine|ok|okay)"
    rf"|(?:would|should|will|'d|could|might)\s+(?:probably\s+)?(?:do|suffice)|suffices?"
    rf"|to\s+(?:start|begin)(?:\s+with)?(?=\s*(?:[,.;:!?)]|$))|for\s+(?:a|the)\s+start)\b(?!\s+(?:of|for\s+(?:the\s+)?budget))",
    re.I,
)


def _topic_noun(text: str, start: int) -> str | None:
    """"…the intake call summaries … can you rate a sample? … maybe 800 of them?": with no data noun in the sentences
    just before, "of them" counts the data the request opened with, unless those sentences count people or places."""
    near = " ".join(re.split(r"(?<=[.!?\n])\s", text[max(0, start - 160) : start])[-2:])
    if any(_kind_en(w) in {"person", "container"} for w in re.findall(r"[A-Za-z][\w-]*s\b", near)):
        return None  # "we have 40 agents … 12 of them": people
    nouns = [w for w in re.findall(r"[A-Za-z][\w-]*s\b", text[:start]) if _kind_en(w) == "data"]
    return nouns[0].lower() if nouns else None


_YEAR_BEFORE = re.compile(r"(?:\b(?:since|in|from|until|till|before|after|during|of|year|fy)|年)\s*$", re.I)


# "write up an exit interview whenever a carer leaves, and I've got 612 of them": one item named in the singular
_ONE_ITEM = re.compile(r"\b(?:a|an)\s+(?:[a-z][\w-]*\s+)?(?P<noun>[a-z][\w-]*[^s\W])\b", re.I)


def _noun_before(text: str, start: int) -> str | None:
    """The last data noun of the sentence before `start` (or of the one before it); in the sentence itself, one item
    named in the singular ("an exit interview … 612 of them") when it names no plural."""
    before = re.split(r"(?<=[.!?\n])\s", text[max(0, start - 160) : start])
    for index, sentence in enumerate(reversed(before[-2:])):
        nouns = [w for w in re.findall(r"[A-Za-z][\w-]*s\b", sentence) if _kind_en(w) == "data"]
        if nouns:
            return nouns[-1].lower()
        singular = [m.group("noun") + "s" for m in _ONE_ITEM.finditer(sentence) if _kind_en(m.group("noun") + "s") == "data"]
        if singular and index == 0:
            return singular[-1].lower()
    return None


def elliptic(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in found]
    for pattern in (_RESTATED_BARE, _EN_ELLIPTIC, _ZH_ELLIPTIC, _OF_THEM, _EXACTLY, _OF_POOL, _HEDGED_BARE, _ENOUGH, _SO_FAR, _PART_OF_DATA):
        for m in pattern.finditer(text):
            key = next(k for k in ("num", "num2", "num3", "num4", "num5", "num6", "num7", "num8", "num9", "num10", "num11", "num12", "num13") if k in m.re.groupindex and m.group(k))
            mag_key = {"num": "mag", "num2": "mag2", "num3": "mag3", "num4": "mag4", "num5": "mag5", "num8": "mag8", "num9": "mag9", "num10": "mag10", "num11": "mag11", "num12": "mag12", "num13": "mag13"}.get(key, key)
            if pattern in (_OF_THEM, _HEDGED_BARE) and (_noun_before(text, m.start()) or _topic_noun(text, m.start())) is None:
                continue
            start, end = m.start(key), m.end(mag_key) if mag_key != key and m.group(mag_key) else m.end(key)
            if any(s <= start < e for s, e in taken):
                continue
            mag = m.group(mag_key) if mag_key != key else None
            value = _number(m.group(key), mag)
            if value is None or value != int(value) or value < 10:
                continue
            if not mag and re.fullmatch(r"(?:19|20)\d\d", m.group(key)) and _YEAR_BEFORE.search(text[max(0, start - 12) : start]):
                continue  # "speeches since 2010 labelled …": a year
            earlier = [x for x in found if x.end <= start and x.kind in {"data", "unknown"}]
            unit, kind = (earlier[-1].unit, earlier[-1].kind) if earlier else ("items", "unknown")
            if pattern in (_OF_THEM, _HEDGED_BARE):
                unit, kind = _noun_before(text, m.start()) or _topic_noun(text, m.start()) or unit, "data"
            if pattern is _OF_POOL:
                pool = next((x for x in found if x.start > end), None)
                unit, kind = (pool.unit, "data") if pool is not None and pool.kind == "data" else ("items", "unknown")
            if pattern is _PART_OF_DATA:
                if _kind_en(m.group("noun13")) != "data":
                    continue  # "check 12 of our agents": people
                unit, kind = m.group("noun13").lower(), "data"
            if pattern is _EXACTLY and not earlier:
                continue  # "exactly 30" with no count before it restates nothing
            item = Mention(int(value), start, end, text[start:end], unit, kind, notes=["elliptic"])
            if pattern is _RESTATED_BARE:
                item.notes.append("restated")
            if pattern is _ENOUGH:
                item.notes.append("enough")  # "a random 5k is enough": a part of a larger count, which is the pool
            item.exactness = _exactness(text, start, end, False)
            out.append(item)
            taken.append((start, end))
    return out
