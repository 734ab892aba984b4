"""Label lists typed the way busy people type on a phone (development set 12).

Options written as a run of short questions:

- English: "need check: spam? scam? or legit.", "Need QA: accurate? missing key info? hallucinated stuff?";
- Chinese: "帮看：是不是黄？是不是盗版？还是正常的？三选一", "是否涉黄？是否引流？还是正常？".

The run is read as options only where options go: right after a colon or a checking word ("check", "QA", "flag",
"帮看", "判断"), with two or more questions in a row on one line, each a short name (at most four English words or
eight Chinese characters) and no words of a sentence ("can you", "what", "how", "我们"). Questions that ask the
requester's own things ("Can you start Monday? What's the price?") are sentences, not options. A choice closes with
"or" / 还是 or offers three or more (or says 三选一): "是否辱骂？是否承诺退款？" are two flags, not one choice.
"""

from __future__ import annotations

import re

from assistant.breakdown.extract import parse_cn_number
from assistant.breakdown.label_candidates import Candidate, Split

__all__ = ["add_counted_addendum", "add_field_question", "arrow_intro_candidates", "list_then_case_candidates", "prefer_arrow_lists", "question_run_candidates", "yes_no_then_candidates"]

_ITEM_EN = r"[A-Za-z][\w'’&-]*(?:[ \t]+[A-Za-z][\w'’&-]*){0,3}"
_RUN_EN = re.compile(
    rf"(?P<lead>[:：][ \t]*|\b(?:check|checks|checking|QA|flag|tag|label|mark|verify)[ \t]*[-–:：]?[ \t]+)"
    rf"(?P<run>(?:{_ITEM_EN}[ \t]*[?？][ \t]*){{2,}}(?:or[ \t]+{_ITEM_EN}[ \t]*[?？.!]?)?|{_ITEM_EN}[ \t]*[?？][ \t]*or[ \t]+{_ITEM_EN}[ \t]*[?？.!]?)",
    re.I,
)
# words of a sentence, not of a name
_SENTENCE_EN = re.compile(
    r"\b(?:you|your|we|our|i|me|my|can|could|would|should|do|does|did|is|are|was|were|will|what|how|when|why|which|who|where|it|"
    r"this|that|these|those|there|pls|please|need|needs|have|has|any|ok|okay|thanks|price|cost|quote|deadline)\b",
    re.I,
)
_ASK_ZH = r"(?:是不是|是否|算不算|属不属于|有没有|还是)"
_RUN_ZH = re.compile(
    rf"(?P<lead>[:：][ \t]*|(?:帮看|帮忙看|看一?下|判断|审一?下|过一?遍|检查)[ \t]*[:：]?[ \t]*)"
    rf"(?P<run>(?:{_ASK_ZH}[\u4e00-\u9fffA-Za-z]{{1,8}}[ \t]*[？?][ \t]*){{2,}})"
)
_SENTENCE_ZH = re.compile(r"我|你|您|他们|能不能|可不可以|多少|什么|怎么|哪|够不够|要不要|行不行")


def question_run_candidates(text: str) -> list[Candidate]:
    """Each run of two or more short questions where options are given."""
    found: list[Candidate] = []
    for match in _RUN_EN.finditer(text):
        run = match.group("run")
        items = [re.sub(r"^or[ \t]+", "", item.strip(" \t.!"), flags=re.I) for item in re.split(r"[?？]", run)]
        items = [item.strip() for item in items if item.strip()]
        if len(items) < 2 or any(_SENTENCE_EN.search(item) for item in items):
            continue
        if len(items) == 2 and not re.search(r"\bor\b", run, re.I):
            continue  # "toxic? spam?": two flags of their own, maybe; a choice says "or" or offers three
        found.append(Candidate(items, run.strip(), match.start("run"), match.end("run"), "question_run"))
    for match in _RUN_ZH.finditer(text):
        run = match.group("run")
        items = [re.sub(rf"^{_ASK_ZH}", "", item.strip()) for item in re.split(r"[？?]", run)]
        items = [re.sub(r"(?:的|吗|呢)$", "", item).strip() for item in items if item.strip()]
        if len(items) < 2 or any(not item or _SENTENCE_ZH.search(item) for item in items):
            continue
        if not re.search(r"还是[^？?]*[？?]\s*$", run) and not re.match(r"\s*[一二两三四五六七八九十\d]选一", text[match.end("run") :]):
            continue  # "是否辱骂？是否承诺退款？" are two flags; a choice closes with 还是 or says 三选一
        found.append(Candidate(items, run.strip(), match.start("run"), match.end("run"), "question_run"))
    return found


# "另外广告引流的也单独拎出来吧 → 那就四个": one more kind set apart, and the new count confirms it joins the list
_APART_COUNTED = re.compile(
    r"(?:另外|还有|再把|以及)?(?P<name>[\u4e00-\u9fff]{2,6}?)的?(?:也|就)?(?:要|得)?单独(?:拎|挑|摘|列|拿|分|标|择)出来[吧啊呀]?"
    r"[^\n。；;]{0,6}?(?:→|->|，|,|\s)*(?:那就|那|就|一共|总共|共)?(?:是)?(?P<n>[二两三四五六七八九十]|\d{1,2})(?:个|类|种|项)"
)


def add_counted_addendum(labels: list[str], end: int, text: str) -> list[str]:
    """Labels with a kind set apart after the list when the requester counts it in ("…单独拎出来 → 那就四个")."""
    window = text[end : end + 80]
    m = _APART_COUNTED.search(window)
    if not m or m.group("name") in labels:
        return labels
    count = parse_cn_number(m.group("n"))
    return [*labels, m.group("name")] if count == len(labels) + 1 else labels


# "pls bucket by category -> jewellery, ceramics, …", "按科目分 → 数学、英语、政治": an arrow after the framing words
# opens the list the way a colon does; it orders nothing (an arrow between two items does: "差 → 中 → 好")
_ARROW_INTRO = re.compile(
    r"(?P<head>\b(?:by|into|as)\s+(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?|\b(?:categor\w*|buckets?|types?|labels?|tags?|options?)|按[\u4e00-\u9fff]{1,6}分类?|分(?:成|为)?)"
    r"[ \t]*(?:->|→|⟶|➝|=>)[ \t]*(?P<body>[^\n]+)",
    re.I,
)


def arrow_intro_candidates(text: str, split: Split) -> list[Candidate]:
    """The list after "by <dimension> ->": a list of three or more items with no arrow between them."""
    found: list[Candidate] = []
    for match in _ARROW_INTRO.finditer(text):
        body = match.group("body")
        labels, other, consumed = split(body)
        labels = [label for label in labels if label]
        if len(labels) < 3 or re.search(r"->|→|⟶|➝|=>", body[:consumed]):
            continue
        start = match.start("body")
        found.append(Candidate(labels, body[:consumed].strip(), start, start + consumed, "arrow_list", other=other))
    return found


def prefer_arrow_lists(candidates: list[Candidate]) -> None:
    """Readings that take the framing words before the arrow as a first item ("by category", "pls bucket by category")
    lose to the list after the arrow."""
    for arrow in candidates:
        if arrow.kind != "arrow_list":
            continue
        for other in candidates:
            extra = len(other.labels) - len(arrow.labels)
            if other is not arrow and extra > 0 and other.labels[extra:] == arrow.labels and other.start < arrow.start:
                other.score = min(other.score, arrow.score - 0.1)


# "matches photo Y/N, and if N -> missed damage / made-up damage / wrong material": a yes/no, then the kinds of "no"
_YES_NO_THEN = re.compile(
    r"(?<![\w/])(?P<a>Y|yes|是|对)\s*/\s*(?P<b>N|no|否|不是|错)(?![\w/])[^.\n。；;]{0,24}?"
    r"(?:\bif\s+(?:it'?s\s+)?(?:N|no|not)\b|如果是?(?:否|不是|错)|(?:否|不是|错)的话)\s*[,，]?\s*(?:->|→|:|：|then\b|就|再)?\s*(?:标|分|say|pick|mark)?\s*(?P<body>[^\n。；;]+)",
    re.I,
)


def yes_no_then_candidates(text: str, split: Split) -> list[Candidate]:
    """A yes/no and, for the "no" answers, the kinds of "no" named after it: all of them are labels."""
    found: list[Candidate] = []
    for match in _YES_NO_THEN.finditer(text):
        body = match.group("body")
        kinds, _other, consumed = split(body)
        kinds = [kind for kind in kinds if kind]
        if len(kinds) < 2:
            continue
        end = match.start("body") + consumed
        found.append(Candidate([match.group("a"), match.group("b"), *kinds], text[match.start() : end].strip(), match.start(), end, "yes_no_then"))
    return found


# "违禁品（烟/药之类）、涉黄、代排队黄牛算不算违规？其余算正常": the list's last item asks whether a borderline case
# counts; the case is a question for the rulebook's edge cases, not a label
_LIST_THEN_CASE = re.compile(
    r"[:：]\s*(?P<body>[^。\n：:？?]{2,80}?)、(?P<case>[^、。？?\n（(]{2,16}?)(?:算不算|算不算是|属不属于|是不是也算|要不要也算)(?P<kind>[\u4e00-\u9fff]{1,4})[？?]"
)


def list_then_case_candidates(text: str, split: Split) -> list[Candidate]:
    """The items before a trailing "X算不算Y？" question."""
    found: list[Candidate] = []
    for match in _LIST_THEN_CASE.finditer(text):
        labels, _other, consumed = split(match.group("body"))
        labels = [label for label in labels if label]
        if len(labels) < 2 or consumed < len(match.group("body").rstrip()) - 1:
            continue
        found.append(Candidate(labels, match.group(0).lstrip(":： "), match.start("body"), match.end(), "list_then_case"))
    return found


# "tell us good/bad + what the candidate's notice period & salary expectation is??": after the verdicts, the fields
# to read out of each item, asked as a question
_WHAT_FIELDS = re.compile(
    r"^\s*(?:\+|&|\band\b|\bplus\b)\s*(?:also\s+)?what\s+(?:the\s+|their\s+|each\s+)?(?:[A-Za-z]+(?:'s|’s)\s+)?"
    r"(?P<a>[a-z][a-z -]{2,30}?)\s*(?:&|\band\b|,)\s*(?:their\s+|the\s+)?(?P<b>[a-z][a-z -]{2,30}?)\s+(?:is|are|was|were)\b",
    re.I,
)


def add_field_question(labels: list[str], end: int, text: str) -> list[str]:
    """Labels with the fields asked for right after them ("+ what the caller's name & callback number are")."""
    m = _WHAT_FIELDS.match(text[end : end + 120])
    if not m or len(labels) < 2:
        return labels
    fields = [m.group("a").strip(), m.group("b").strip()]
    if any(field in labels or len(field.split()) > 4 for field in fields):
        return labels
    return [*labels, *fields]
