"""Labels as owners of small businesses type them into a requirements box.

- "say which reply is better, A or B, or about the same": a pairwise choice with its tie, named in passing;
- "pull the flower types, colours, stem counts and event dates out of our order sheets": fields before "out of";
- "有没有死鸡、鸡扎堆、料槽空了，没问题的就标正常": a yes/no question over the first item of a longer list asks
  about every item of it, so the list wins over the binary reading of its first item;
- "2. Blank ones, "no", "n/a" etc. marked as nothing to say": one more label given by its own line after the list;
- "Anything urgent … should be its own category too - emergency": a label added after the list, named last;
- "marking which ones we should have said no to, things like weapon parts or anything that looks like a gun, …, or
  stuff that's just rude": the kinds of the flagged items, in the requester's own (long) words, are the labels;
- "二、…对不上的，标"账不平"\n三、…看不清的，标"看不清"": consecutive numbered steps that each give one quoted name.
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.breakdown.label_candidates import Candidate

__all__ = ["add_marked_as", "add_own_category", "binary_of_first_loses", "flagged_kinds_candidates", "pull_out_candidates", "quoted_flag_extras", "step_name_candidates", "which_better_candidates", "which_better_tie_candidates"]

Split = Callable[[str], "tuple[list[str], str | None, int]"]

# "which reply is better, A or B, or about the same?", "which one's better: A, B or a tie"; sides may carry a capitalised
# noun ("which quote is better - Vendor A, Vendor B, or neither is usable"), the tie its verdict ("neither is acceptable")
_WHICH_BETTER = re.compile(
    r"\bwhich\s+(?:[a-z]+\s+){0,3}?(?:is|was|'s|reads|sounds|looks)\s+better\s*(?:[,:;—–-]|\s)\s*"
    r"(?P<a>(?:(?-i:[A-Z][a-z]{2,12})\s+)?(?:[A-Z]|\d)|left|right|first|second)\s*(?:,\s*|\s+or\s+)(?P<b>(?:(?-i:[A-Z][a-z]{2,12})\s+)?(?:[A-Z]|\d)|left|right|first|second)\b"
    r"(?:\s*,?\s*(?:or|and)\s+(?:(?:say\s+)?(?:if|whether)\s+(?:they(?:'re|’re|\s+are)|it's|both\s+are)\s+)?(?P<tie>(?:about|roughly|pretty\s+much|more\s+or\s+less)\s+the\s+same|the\s+same|a\s+tie|tie|"
    r"neither(?:\s+(?:is|one\s+is)\s+(?:acceptable|usable|good|ok|okay|fine|right|correct|any\s+good))?|equal|equally\s+good|no\s+difference|"
    r"both\s+(?:are\s+)?(?:bad|fine|good|acceptable|wrong)))?",
    re.I,
)


def which_better_candidates(text: str) -> list[Candidate]:
    found = []
    for m in _WHICH_BETTER.finditer(text):
        labels = [m.group("a"), m.group("b")] + ([m.group("tie")] if m.group("tie") else [])
        found.append(Candidate(labels, text[m.start("a") : m.end()], m.start("a"), m.end(), "spoken"))
    return found


# "with the old answer and the new answer side by side … pick which answer is better, or say they're about the same":
# the two sides are named before the question by the words that tell them apart (old, new), the tie in the question
_WHICH_BETTER_TIE = re.compile(
    r"\bwhich\s+(?:one|(?P<noun>answer|reply|response|version|draft|summary|translation|caption|description|output)s?)\s+(?:is|was|'s|reads|sounds|looks)\s+better"
    r"\s*,?\s*(?:or|and)\s+(?:(?:say|tell\s+us|mark|note)\s+(?:if\s+|whether\s+|that\s+)?)?(?:they(?:'re|’re|\s+are)|it's|both\s+are)\s+"
    r"(?P<tie>(?:about|roughly|pretty\s+much|more\s+or\s+less)\s+the\s+same|the\s+same|equal|equally\s+good|a\s+tie)\b",
    re.I,
)


def _named_sides(before: str, noun: str | None) -> re.Match[str] | None:
    """The last "the old answer and the new answer" / "the short and long summaries" in `before`."""
    stem = (noun or "answer").lower()
    nouns = rf"(?:{stem}s?|{stem[:-1]}ies|ones?|versions?)" if stem.endswith("y") else rf"(?:{stem}s?|ones?|versions?)"
    found = None
    for pattern in (rf"\bthe\s+(?P<a>[a-z][\w-]*)\s+{nouns}\s+and\s+the\s+(?P<b>[a-z][\w-]*)\s+{nouns}\b",
                    rf"\bthe\s+(?P<a>[a-z][\w-]*)\s+and\s+(?:the\s+)?(?P<b>[a-z][\w-]*)\s+{nouns}\b"):
        for m in re.finditer(pattern, before, re.I):
            found = m if found is None or m.start() > found.start() else found
    return found


def which_better_tie_candidates(text: str) -> list[Candidate]:
    found = []
    for m in _WHICH_BETTER_TIE.finditer(text):
        sides = _named_sides(text[max(0, m.start() - 400) : m.start()], m.group("noun"))
        if sides is None or sides.group("a").casefold() == sides.group("b").casefold():
            continue
        found.append(Candidate([sides.group("a"), sides.group("b"), m.group("tie")], text[m.start() : m.end()], m.start(), m.end(), "spoken"))
    return found


# "pull the flower types, colours, stem counts and event dates out of our wedding order sheets"
_PULL_OUT = re.compile(
    r"\b(?:pull|get|take|grab|copy|type|lift|dig)\s+(?:the\s+|all\s+the\s+)?(?P<run>[A-Za-z][^.?!\n:;()]{3,160}?)\s+(?:out\s+of|off)\s+(?:our|the|each|every|all|these|those|their|my|its)\b",
    re.I,
)


def pull_out_candidates(text: str, split: Split) -> list[Candidate]:
    found = []
    for m in _PULL_OUT.finditer(text):
        run = m.group("run")
        if run.count(",") < 1 and not re.search(r"\band\b", run):
            continue
        labels, _, _ = split(run)
        labels = [label for label in labels if label]
        if len(labels) >= 3:
            found.append(Candidate(labels, run, m.start("run"), m.end("run"), "fields"))
    return found


# "marking which ones we should have said no to, things like A or anything that …, B, or C"
_FLAGGED_KINDS = re.compile(
    r"\b(?:mark(?:ing)?|flag(?:ging)?|find(?:ing)?|pick(?:ing)?\s+out|pull(?:ing)?\s+out|spot(?:ting)?)\s+(?:which|the)\s+(?:ones|\w+)\s+[^,.;:!?\n]{3,60},\s*"
    r"(?:things|stuff|anything)\s+like\s+(?P<run>[^.;!?\n]{10,300})",
    re.I,
)


def flagged_kinds_candidates(text: str) -> list[Candidate]:
    found = []
    for m in _FLAGGED_KINDS.finditer(text):
        run = m.group("run")
        # commas delimit; "or anything / stuff / something that …" opens a kind of its own inside a comma item
        items = [item.strip() for part in re.split(r",\s*(?:or|and)\s+|,\s*", run)
                 for item in re.split(r"\s+or\s+(?=(?:anything|stuff|something|things|whatever)\b)", part)]
        if len(items) >= 3 and all(0 < len(item.split()) <= 9 for item in items):
            found.append(Candidate(items, run, m.start("run"), m.end("run"), "flagged_kinds", notes=[*items]))
    return found


def binary_of_first_loses(candidates: list[Candidate], text: str, threshold: float) -> None:
    """"有没有死鸡、鸡扎堆、料槽空了": the question asks about the whole list, not only its first item; the kinds of
    flagged items named after "things like" are the requester's own names, however long."""
    for a in candidates:
        if a.kind == "flagged_kinds" and len(a.notes) >= 3:
            a.labels, a.notes = list(a.notes), []  # the requester's own names, not cut as a sentence's words
            a.score = max(a.score, threshold + 1.0)
    for a in candidates:
        if a.kind != "binary" or len(a.labels) != 2:
            continue
        lists = [b for b in candidates if b is not a and len(b.labels) >= 3 and b.labels[0].startswith(a.labels[0]) and b.score >= threshold
                 and a.start <= b.start <= a.end and b.end > a.end]
        if lists:
            a.score = min(a.score, max(b.score for b in lists) - 0.1)


# "2. Blank ones, "no", "n/a" etc. marked as nothing to say"
_MARKED_AS = re.compile(
    r"\b(?:marked|tagged|labell?ed|flagged|counted|put\s+down|filed)\s+as\s+[\"“']?(?P<name>[A-Za-z][\w'’/-]*(?:\s+[\w'’/-]+){0,3}?)[\"”']?\s*(?=[.;!\n]|$)",
    re.I,
)


def add_marked_as(chosen: Candidate, text: str) -> None:
    """One more label named on its own line of the same numbered or bulleted list right after the list's line."""
    end = chosen.end
    line_end = text.find("\n", end)
    if line_end < 0:
        return
    here = text[text.rfind("\n", 0, end) + 1 : line_end]
    if not re.match(r"\s*(?:\d{1,2}[.)]|[-*•·])\s", here):
        return
    following = text[line_end + 1 :].split("\n", 1)[0]
    if not re.match(r"\s*(?:\d{1,2}[.)]|[-*•·])\s", following):
        return
    m = _MARKED_AS.search(following)
    if m and m.group("name").casefold() not in {label.casefold() for label in chosen.labels}:
        chosen.labels.append(m.group("name"))


# "Anything urgent like colic should be its own category too - emergency", "… gets its own label: urgent"
_OWN_CATEGORY = re.compile(
    r"\b(?:its|their)\s+own\s+(?:category|label|tag|class|bucket|pile)(?:\s+too|\s+as\s+well)?\s*(?:[-–—:]+|,\s*call\s+it)\s*[\"“']?(?P<name>[A-Za-z][\w'’/-]*(?:\s+[\w'’/-]+){0,2}?)[\"”']?\s*(?=[.;!\n]|$)",
    re.I,
)


def add_own_category(chosen: Candidate, text: str) -> None:
    m = _OWN_CATEGORY.search(text, chosen.end)
    if m and m.start() - chosen.end <= 300 and m.group("name").casefold() not in {label.casefold() for label in chosen.labels}:
        chosen.labels.append(m.group("name"))


# '顺便把提到"卫生"和"上菜慢"的单独标出来', 'also flag the ones that mention "parking" or "noise"': quoted flags beside the list
_QUOTED_FLAGS = re.compile(
    r"把(?:提到|说到|涉及|讲到|有)?(?P<zh>(?:[“\"「][^”\"」\n]{1,10}[”\"」]\s*(?:和|、|跟|或|及|以及)?\s*){2,6})的?(?:评价|内容|消息|留言)?(?:都)?(?:单独|另外)?(?:标出来|拎出来|挑出来|标一下|标记出来|标注出来)"
    r"|\b(?:also|separately)\s+(?:flag|mark|tag|pull out|pick out)\s+(?:the\s+)?(?:ones|any|those)\s+(?:that\s+)?(?:mention(?:ing)?|about|talking about)\s+"
    r"(?P<en>(?:[\"“][^\"”\n]{1,30}[\"”]\s*(?:,|and|or)?\s*){2,6})",
    re.I,
)


def quoted_flag_extras(labels: list[str], start: int, end: int, text: str) -> list[str]:
    extra: list[str] = []
    for m in _QUOTED_FLAGS.finditer(text):
        if start <= m.start() < end:
            continue
        run = m.group("zh") or m.group("en")
        names = [name.strip() for name in re.findall(r"[“\"「]([^”\"」\n]{1,30})[”\"」]", run)]
        extra += [name for name in names if name and name not in labels and name not in extra]
    return extra


# "二、金额和 斤数×单价 对不上的，标"账不平"\n三、字实在看不清的，标"看不清"": one quoted name per numbered step
_STEP_LINE = re.compile(r"^[ \t]*(?:[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[.)、）]|[-*•·])[ \t]*(?P<body>[^\n]+)$", re.M)
_STEP_NAME = re.compile(r"(?:标|标为|标成|记为|打上?)[ \t]*[“\"「『](?P<name>[^”\"」』\n]{1,12})[”\"」』]")


def step_name_candidates(text: str) -> list[Candidate]:
    steps = [(m, _STEP_NAME.findall(m.group("body"))) for m in _STEP_LINE.finditer(text)]
    named = [(m, names[0]) for m, names in steps if len(names) == 1]
    if len(named) < 2 or len({name for _, name in named}) < len(named):
        return []
    # the named steps follow each other (no unnamed step between them)
    first, last = steps.index(next(s for s in steps if s[0] is named[0][0])), steps.index(next(s for s in steps if s[0] is named[-1][0]))
    if last - first + 1 != len(named):
        return []
    start, end = named[0][0].start("body"), named[-1][0].end("body")
    return [Candidate([name for _, name in named], text[start:end], start, end, "assigned")]
