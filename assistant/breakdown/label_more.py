"""More general shapes of a label list, and the catch-all label that closes one.

Candidates found here are scored with all the others by `label_candidates.best`:

- quoted names with notes between them: '"OK to air", "spam", "political campaigning" (not during
  elections), "personal info"' — a note in brackets after a quoted name neither ends nor splits the list;
- numbered lines ("1 完全正确\\n2 部位对，缺陷说错了\\n3 …"): numbers that count up from 1 or 0, one
  option a line; the whole line is the name (a comma inside a line does not split it: the list
  already uses a stronger delimiter, the line break);
- signed and annotated scales: "-2 (very negative) to +2 (very positive)", "从-3到3", "−2..+2";
- things to mark, each led by a determiner: "mark the garden (estate) name, the grade, and each
  taste/appearance descriptor".

`extend_catch_all` adds the catch-all label written right after a chosen list, in any of the usual
phrasings: "其余算正常", "剩下的都丢“其他”", "anything else = Other", "everything else goes to misc",
"none of the above -> other".
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.breakdown.label_candidates import Candidate

__all__ = ["more_candidates", "extend_catch_all", "catch_all_after"]

Split = Callable[[str], "tuple[list[str], str | None, int]"]

_QUOTE_ITEM = r"[\"“「『'‘](?P<q>[^\"”」』'’\n]{1,30})[\"”」』'’]"
_NOTE = r"(?:\s*[（(][^()（）\n]{0,80}[)）])?"
_JOIN = r"\s*(?:,|，|、|/|;|；|\bor\b|\band\b|或者?|和|及)?\s*(?:\bor\b|\band\b)?\s*"
_QUOTED_RUN = re.compile(rf"(?:{_QUOTE_ITEM}{_NOTE}{_JOIN}){{2,}}", re.I)
_QUOTED_NAME = re.compile(_QUOTE_ITEM)

# "1 完全正确", "2) Needs edits", "3. 完全错误 —— 描述和图不符", "(4) other"
_NUMBERED_LINE = re.compile(r"^\s*[（(]?(?P<n>\d{1,2})(?:\ufe0f?\u20e3\s*|\s*(?:[.)、）:：]\s*|\s+))(?P<body>\S.*?)\s*$")  # 1. / 1) / 1 / 1️⃣
_LINE_NOTE = re.compile(r"\s*(?:[（(][^()（）]*[)）]|\s[-–—]{1,2}\s.*|\s*[:：=]\s.*|——.*)$")

_SIGNED = r"[-+−–]?\s?\d{1,2}"
_SIGNED_SCALE = re.compile(
    rf"(?:from\s+|从\s*)?(?P<a>{_SIGNED})(?:\s*[（(][^()（）\n]{{0,40}}[)）])?\s*(?:to|through|thru|\.\.|…|~|～|到|至)\s*"
    rf"(?P<b>{_SIGNED})(?:\s*[（(][^()（）\n]{{0,40}}[)）])?",
    re.I,
)
_SCALE_WORDS = re.compile(r"scale|rate|rating|score|scoring|grade|likert|打分|评分|分值|档|量表|级", re.I)

_MARK_VERBS = (
    r"mark|highlight|tag|label|annotate|underline|circle|box|find|extract|pull out|pick out|identify|capture|spot|flag|note|record|"
    r"get|grab|list"
)
_DET = r"(?:the|each|every|any|all|all the|all of the|its|their)"
_DETERMINED = re.compile(
    rf"\b(?:{_MARK_VERBS})\s+(?P<list>{_DET}\s+[^.;:!?\n]{{2,160}}?)(?=[.;:!?\n]|$|\s+(?:in|from|within|inside|for|so|to)\s+(?:each|every|all|the|our|these|those|a)\b)",
    re.I,
)


_PHRASE = r"[A-Za-z][\w-]*(?:\s+(?!starts?\b|begins?\b|ends?\b|and\b|or\b|plus\b|in\b)[A-Za-z][\w-]*){0,2}"
# "mark where each sponsor segment starts and ends, plus the brand name", "the start and end of every chorus"
_BOUNDS = re.compile(
    rf"\b(?:mark|highlight|tag|label|annotate|find|note|timestamp|flag)\s+(?:where|when)\s+(?:each|every|the|a|any)\s+(?P<x>{_PHRASE})\s+"
    r"(?:starts?|begins?|kicks? in)\s+(?:and|&|/)\s+(?:where\s+it\s+)?(?:ends?|stops?|finishes)"
    rf"|\b(?:the\s+)?(?:start|beginning|onset)\s+(?:and|&|/)\s+(?:the\s+)?(?:end|finish)\s+(?:time\s+)?of\s+(?:each|every|the|any|all)\s+(?P<y>{_PHRASE})",
    re.I,
)
_ALSO = re.compile(rf"^\s*,?\s*(?:plus|and also|and|as well as|along with|together with)\s+(?:the|each|every|its|their|any)\s+(?P<z>{_PHRASE})(?=\s*(?:[.,;:!?\n]|$))", re.I)


def _boundaries(text: str) -> list[Candidate]:
    """The span named by its start and end, and a thing to mark added after it ("plus the brand name")."""
    found = []
    for m in _BOUNDS.finditer(text):
        names = [(m.group("x") or m.group("y")).strip()]
        end = m.end()
        also = _ALSO.match(text[end:])
        if also:
            names.append(also.group("z").strip())
            end += also.end()
        if len(names) >= 2:
            start = m.start("x") if m.group("x") else m.start("y")
            found.append(Candidate(names, text[m.start() : end], start, end, "bounds"))
    return found


_SHORT_SENTENCES = re.compile(r"(?:(?<=[.:!?]\s)|(?<=\n)|^)(?P<run>(?:[A-Z][\w'-]*(?:\s[\w'-]+){0,2}[.!]\s+){2,}[A-Z][\w'-]*(?:\s[\w'-]+){0,2}[.!])")


def _short_sentences(text: str) -> list[Candidate]:
    """"Positive. Negative. Mixed.": options written as sentences of one to three words."""
    found = []
    for m in _SHORT_SENTENCES.finditer(text):
        names = [name.strip() for name in re.split(r"[.!]\s*", m.group("run")) if name.strip()]
        if len(names) >= 3 and len({len(name.split()) for name in names}) <= 2:
            found.append(Candidate(names, m.group("run"), m.start("run"), m.end("run"), "list_sentence"))
    return found


_HASHTAGS = re.compile(r"(?<![\w#])#(?P<first>[A-Za-z\u4e00-\u9fff][\w\u4e00-\u9fff-]{0,30})(?:[\s,，、/|]+(?:or\s+|或\s*)?#[A-Za-z\u4e00-\u9fff][\w\u4e00-\u9fff-]{0,30}){1,15}")
_BRACED = re.compile(r"[{\[]\s*(?P<body>[^{}\[\]\n]{3,160}?)\s*[}\]]")
_QUESTION = re.compile(
    r"(?:^|(?<=[.!?\n,]\s)|(?<=\n))(?:is|are|was|were|does|do|would|should)\s+(?:it|this|that|they|the|each|every|a|an)\b[^.?!\n]{0,80}?"
    r"(?P<list>(?:[\w'-]+(?:\s[\w'-]+){0,3},\s+){1,8}[\w'-]+(?:\s[\w'-]+){0,3},?\s+or\s+[\w'-]+(?:\s[\w'-]+){0,3})\s*\?",
    re.I,
)


def _hashtags(text: str) -> list[Candidate]:
    """"#bug #feature #docs": tags written as hashtags one after another."""
    return [
        Candidate(re.findall(r"#([\w\u4e00-\u9fff-]+)", m.group(0)), m.group(0), m.start(), m.end(), "quoted")
        for m in _HASHTAGS.finditer(text)
    ]


def _braced(text: str, split: Split) -> list[Candidate]:
    """"{approve, reject, escalate}", "[yes | no | unsure]": a set written in braces or brackets."""
    found = []
    for m in _BRACED.finditer(text):
        body = m.group("body")
        if not re.search(r",|\||/|、|\bor\b", body):
            continue
        labels, other, consumed = split(body)
        if len(labels) >= 2 and consumed >= len(body) - 1:
            found.append(Candidate(labels, m.group(0), m.start("body"), m.end("body"), "quoted", other=other))
    return found


def _question_lists(text: str) -> list[Candidate]:
    """"Is each title good, acceptable or bad?": the options a yes/no question ends with, read from the back.

    Items after the first set the length of an item; the first item keeps that many of its last words."""
    found = []
    for m in _QUESTION.finditer(text):
        parts = [p.strip() for p in re.split(r",\s*(?:or\s+)?|\s+or\s+", m.group("list")) if p.strip()]
        if len(parts) < 3:
            continue
        words = parts[0].split()
        heads = {p.split()[0].lower() for p in parts[1:]}
        at = next((i for i, word in enumerate(words) if word.lower() in heads), None)
        width = max(len(p.split()) for p in parts[1:])
        if at is not None:
            first = " ".join(words[at:])  # "usable as-is, usable after light cleanup, or unusable": the shared first word
        elif len(words) > width and width > 1:
            continue  # the first item's own length is unknown
        else:
            first = " ".join(words[-width:])
        names = [first, *parts[1:]]
        start = m.start("list") + len(parts[0]) - len(first)
        found.append(Candidate(names, text[start : m.end("list")], start, m.end("list"), "list_sentence"))
    return found


def more_candidates(text: str, split: Split) -> list[Candidate]:
    return [*_hashtags(text), *_braced(text, split), *_question_lists(text), *_short_sentences(text), *_quoted_with_notes(text), *_numbered_lines(text), *_signed_scales(text), *_zh_scales(text), *_scale_anchors(text), *_determined(text), *_boundaries(text)]


def _quoted_with_notes(text: str) -> list[Candidate]:
    found = []
    for m in _QUOTED_RUN.finditer(text):
        names = [q.group("q").strip() for q in _QUOTED_NAME.finditer(m.group(0))]
        names = [name for name in dict.fromkeys(names) if name and len(name.split()) <= 5]
        if len(names) >= 2:
            quote = m.group(0).rstrip(" ,，、/;；")
            found.append(Candidate(names, quote, m.start(), m.start() + len(quote), "quoted"))
    return found


def _numbered_lines(text: str) -> list[Candidate]:
    """Lines numbered 1, 2, 3… (or 0, 1, 2…): each line is one option."""
    found: list[Candidate] = []
    lines = text.splitlines(keepends=True)
    offset = 0
    run: list[tuple[int, str, int, int]] = []  # (number, name, start, end)

    def flush() -> None:
        if len(run) >= 2:
            names = [name for _, name, _, _ in run]
            found.append(Candidate(names, text[run[0][2] : run[-1][3]], run[0][2], run[-1][3], "numbered"))

    for line in lines:
        m = _NUMBERED_LINE.match(line.rstrip("\n"))
        body = m.group("body") if m else ""
        name = _LINE_NOTE.sub("", body).strip(" \"'“”「」") if m else ""
        ok = bool(m) and 0 < len(name) <= (16 if re.search(r"[\u4e00-\u9fff]", name) else 40) and not re.search(r"[。！？!?]$|\.\s*$", name)
        if ok and m is not None and (not run or int(m.group("n")) == run[-1][0] + 1) and (run or int(m.group("n")) in (0, 1)):
            run.append((int(m.group("n")), name, offset, offset + len(line.rstrip("\n"))))
        else:
            flush()
            run = []
            if ok and m is not None and int(m.group("n")) in (0, 1):
                run = [(int(m.group("n")), name, offset, offset + len(line.rstrip("\n")))]
        offset += len(line)
    flush()
    return found


def _signed_scales(text: str) -> list[Candidate]:
    """"-2 (very negative) to +2 (very positive)": every value of the range, signs as the request writes them."""
    found = []
    for m in _SIGNED_SCALE.finditer(text):
        a_text, b_text = (re.sub(r"\s|−|–", lambda x: "-" if x.group(0) in "−–" else "", m.group(g)) for g in ("a", "b"))
        a, b = int(a_text), int(b_text)
        noted = "(" in m.group(0) or "（" in m.group(0)
        if not (a < 0 <= b or b_text.startswith("+") or (noted and a in (0, 1))) or b - a > 10 or b <= a:
            continue  # plain positive ranges are read by request_labels._scale
        window = text[max(0, m.start() - 60) : m.end() + 20]
        if not _SCALE_WORDS.search(window):
            continue
        plus = b_text.startswith("+")
        values = [f"+{n}" if plus and n > 0 else str(n) for n in range(a, b + 1)]
        found.append(Candidate(values, m.group(0), m.start(), m.end(), "scale", ordinal=True))
    return found


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ZH_SCALE = re.compile(
    r"(?P<a>[零〇一二两三四五六七八九十]|\d{1,2})\s*(?P<u1>颗星|星|分|档|级)?\s*(?:到|至|~|～|-|—)\s*(?P<b>[一二三四五六七八九十]|\d{1,2})\s*(?P<u2>颗星|星|分|档|级)"
)


_POINT_LIST = re.compile(r"(?<![\d.])(?P<run>\d{1,2}\s*(?:分|星|档|级)(?:\s*(?:[、，,/]|或者?|和|还是)\s*\d{1,2}\s*(?:分|星|档|级)){2,})")


def _zh_scales(text: str) -> list[Candidate]:
    """"一星到五星", "零到三分", "1到5档": a range of stars, points or grades, as digits; "0分、1分、2分或3分" too."""
    found = []
    for m in _POINT_LIST.finditer(text):
        values = re.findall(r"(\d{1,2})\s*(?:分|星|档|级)", m.group("run"))
        if len(set(values)) == len(values):
            found.append(Candidate(values, m.group("run"), m.start("run"), m.end("run"), "scale", ordinal=True))
    for m in _ZH_SCALE.finditer(text):
        a, b = (_ZH_DIGITS.get(m.group(g)) if not m.group(g).isdigit() else int(m.group(g)) for g in ("a", "b"))
        if a is None or b is None or not 0 <= a < b or b - a > 10 or a > 1:
            continue
        if m.group("u2") == "分" and not re.search(r"打分|评分|打|评|分制|量表|给分|score|rate", text[max(0, m.start() - 12) : m.end() + 6], re.I):
            continue  # "三到五分钟", "1-2分" of a price: no scale without a scoring word
        if re.match(r"钟|之|以|多|半", text[m.end() : m.end() + 1]):
            continue
        labels = [str(n) for n in range(a, b + 1)]
        if m.group("u1") == m.group("u2") != "分" and not (m.group("a") + m.group("b")).isdigit() and a >= 1:
            labels = [f"{'一二三四五六七八九十'[n - 1]}{m.group('u2')}" for n in range(a, b + 1)]  # "一星到五星" names its steps
        found.append(Candidate(labels, m.group(0), m.start(), m.end(), "scale", ordinal=True))
    return found


_ANCHORS = re.compile(
    r"(?<![\d.])(?P<a>\d{1,2})\s*(?:分|星|颗星)(?!钟|之|以|多|半|\d)\s*(?:是|为|=|表示|代表|算)?\s*[\u4e00-\u9fff]{1,6}\s*[，,；;、]\s*"
    r"(?P<b>\d{1,2})\s*(?:分|星|颗星)(?!钟|之|以|多|半|\d)"
    r"|(?<![\d.])(?P<c>\d{1,2})\s*(?:=|means|is)\s*[A-Za-z][\w ]{0,24}?\s*[,;]\s*(?:and\s+|while\s+)?(?P<d>\d{1,2})\s*(?:=|means|is)\s",
    re.I,
)


def _scale_anchors(text: str) -> list[Candidate]:
    """"1分很差，5分很好", "1 = terrible, 5 = great": the two ends of a scale name every value between."""
    found = []
    for m in _ANCHORS.finditer(text):
        a, b = int(m.group("a") or m.group("c")), int(m.group("b") or m.group("d"))
        if a in (0, 1) and 2 <= b - a <= 10:
            found.append(Candidate([str(n) for n in range(a, b + 1)], m.group(0), m.start(), m.end(), "scale", ordinal=True))
    return found


def _determined(text: str) -> list[Candidate]:
    """"mark the A, the B, and each C": noun phrases each led by a determiner are the things to mark."""
    found = []
    for m in _DETERMINED.finditer(text):
        body = m.group("list")
        parts = re.split(r"\s*(?:,\s*(?:and|or)\s+|,|;|\band\b|\bor\b)\s*", body)
        parts = [p for p in parts if p.strip()]
        if len(parts) < 2 or not all(re.match(rf"{_DET}\s+\S", p, re.I) for p in parts):
            continue
        names = [re.sub(rf"^{_DET}\s+", "", p.strip(), flags=re.I).strip() for p in parts]
        names = [re.sub(r"^(?:mentions?|instances?|occurrences?|references?|names?)\s+(?:of|to)\s+(?:the\s+|a\s+|an\s+|any\s+)?", "", n, flags=re.I) for n in names]
        if all(0 < len(n.split()) <= 5 for n in names):
            start = m.start("list")
            found.append(Candidate(names, body, start, m.end("list"), "before_verb"))
    return found


_ZH_REST = (
    r"(?:其余|其他|其它|剩下|剩余|余下|别的|以外|都不是|以上都不是|不属于(?:以上|上面|这些|这几|这[一二两三四五六七八九十\d]{1,2})[类种个项]?[^，。；\n]{0,6}?|"
    r"(?:实在)?(?:拿不准|不确定|看不出来?|分不出来?|判断不了|无法判断|没法判断|说不清|不好说|分不清|难以判断|吃不准)(?:的话)?)"
)
_ZH_PUT = r"(?:算作|算|归为|归入|归到|归|丢(?:到|进|给|去)?|扔(?:到|进|去)?|放(?:到|进|入|去)?|进|划(?:到|入|为)|分到|标为|标成|标注为|标|记为|记作|记|视为|当作|当|作为|统称|是|为|打|选|给|用)"
_ZH_CATCH = re.compile(
    # ("其他的不用管", "其余不用标": the rest is left out, it gets no label)
    rf"^[\s，,、;；。.\-–—/|]*(?:或者?|还有|另外)?\s*{_ZH_REST}(?![^，。；,;\n]{{0,4}}?(?:不用|不管|不要|不需要|不必|忽略|跳过|无所谓))[^，。；,;\n“\"「『]{{0,8}}?{_ZH_PUT}(?:个|成|为)?\s*"
    r"[“\"「『'‘]?(?P<label>[\u4e00-\u9fff]{1,6}|[A-Za-z][\w/ -]{0,20}?)[”\"」』'’]?(?=[，。；,;.!！\s（(]|$|就|即可|吧|了)"
)
_EN_REST = (
    r"(?:(?:anything|everything|whatever|all|any)(?:\s+(?:else|other|left(?:\s+over)?))?(?:\s+(?:that|which)\s+[^=:\n.]{0,30}?)?|the\s+rest|rest|"
    r"(?:any|every|each|all)\s+[a-z]+\s+(?:that|which)\s+(?:is|are|fits?)\s+none\s+of\s+(?:the\s+)?(?:above|these|those|them)|"
    r"none\s+of\s+(?:the\s+)?(?:above|these|those)|otherwise|else|"
    r"(?:if|when|where)\s+(?:it'?s\s+|it\s+is\s+|they'?re\s+|they\s+are\s+|it\s+fits\s+|you'?re\s+)?(?:none\s+of\s+(?:the\s+)?(?:above|these|those|them)|"
    r"unsure|unclear|not\s+sure|in\s+doubt|ambiguous|undecided|(?:you\s+)?can'?t\s+tell|none\s+(?:of\s+(?:them|these|those|the\s+above)\s+)?(?:apply|applies|fit|fits|match(?:es)?))|"
    r"when\s+in\s+doubt)"
)
_EN_PUT = (
    r"(?:=|->|→|:|-|is|are|goes?\s+(?:to|in|into|under)|go\s+(?:to|in|into)|gets?|counts?\s+as|becomes?|as|into|should\s+be|will\s+be|can\s+be|just(?=\s+[\"“'‘])|"
    r",?\s*(?:then\s+|just\s+)?(?:call|mark|tag|label|put|file|use|pick|choose|select)(?:\s+(?:it|them))?(?:\s+(?:as|under|in|into))?)"
)
_EN_CATCH = re.compile(
    rf"^[\s,;.\-–—/|]*(?:(?:or|and|plus)\s+)?(?:just\s+)?{_EN_REST}(?![A-Za-z'])\s*{_EN_PUT}?\s*(?:(?:be\s+)?(?:tagged|labell?ed|marked|filed)\s+(?:as\s+)?)?(?:an?\s+|the\s+)?"
    r"[\"“'‘]?(?P<label>[A-Za-z][\w/&'-]*(?:\s+[A-Za-z][\w/&'-]*){0,2}?)[\"”'’]?(?=\s*(?:[.,;:!?)\n]|$|\s(?:so|to|and|for|if|but|please|label|tag|bucket|category)\b))",
    re.I,
)

# "— and 'other' for anything else", ", or Misc for everything else": the name first, then what it catches
_EN_CATCH_FOR = re.compile(
    r"^[\s,;.\-–—/|]*(?:(?:or|and|plus)\s+)?(?:(?:use|pick|put|choose|mark|tag|label)\s+)?(?:it\s+|them\s+)?[\"“'‘]?"
    r"(?P<label>[A-Za-z][\w/&'-]*(?:\s+[A-Za-z][\w/&'-]*){0,2}?)[\"”'’]?\s+(?:for|if|when)\s+"
    r"(?:anything|everything|whatever|all\s+the\s+rest|the\s+rest|none\s+(?:of\s+(?:the\s+above|these|those|them)\s+)?(?:apply|applies|fit|fits))\b",
    re.I,
)

# "图太暗看不清的标“无法判断”": a condition, then a quoted name after 标/记为 — a fallback label
_ZH_QUOTED_FALLBACK = re.compile(
    r"^[\s，,、;；。.]*(?:另外|其中|如果|若|要是)?[^，。；\n“\"「『]{1,14}?的(?:话)?\s*(?:就|都|则|一律|统一)?\s*(?:标|记|算|归|打)(?:为|成|作|到)?\s*[“\"「『](?P<label>[^”\"」』\n]{1,8})[”\"」』]"
    # "没问题的就标合规": a short condition, 就/都, and an unquoted name that ends the clause
    r"|^[\s，,、;；。.]*(?:另外|其中)?[^，。；\n“\"「『]{1,8}?的\s*(?:就|都|则|一律|统一)\s*(?:标|记|算)(?:为|成|作)?\s*(?P<label2>[\u4e00-\u9fff]{1,6})(?=[，。；;,.！!\s]|$)"
)


def catch_all_after(text: str, end: int) -> tuple[str, int] | None:
    """The catch-all label written right after position `end`, and where it ends."""
    rest = text[end : end + 80]
    for regex in (_ZH_CATCH, _EN_CATCH, _EN_CATCH_FOR, _ZH_QUOTED_FALLBACK):
        m = regex.match(rest)
        if m:
            label = (m.group("label") or m.groupdict().get("label2") or "").strip()
            if label and not re.fullmatch(r"(?:is|are|be|the|a|an|it|them|that|this)", label, re.I):
                return label, end + m.end("label" if m.group("label") else "label2")
    return None


def extend_catch_all(candidate: Candidate, text: str) -> None:
    """"…、色情、骚扰辱骂，其余算正常": the catch-all after the list joins it."""
    if candidate.other or candidate.kind == "scale":
        return
    if candidate.labels and re.fullmatch(r"(?i)others?|misc(?:ellaneous)?|something else|none of (?:the|these|those)(?: above)?|其他|其它|别的", candidate.labels[-1].strip()):
        candidate.other = candidate.labels[-1]  # "billing, shipping or other - anything that fits nowhere else": the rest is named
        return
    if candidate.labels:
        last = catch_all_after(candidate.labels[-1], 0)
        if last and last[1] >= len(candidate.labels[-1].rstrip(" .。")) - 1 and re.fullmatch(r"else|others?|rest|left(?: over)?", last[0], re.I):
            candidate.other = candidate.labels[-1]  # "• Everything else" as the last bullet names itself
            return
        if last and last[1] >= len(candidate.labels[-1].rstrip(" .。")) - 1:  # "• Anything else -> Misc" as the last bullet
            candidate.labels[-1] = last[0]
            candidate.other = last[0]
            return
    found = catch_all_after(text, candidate.end)
    if not found:
        return
    label, end = found
    if label.casefold() in {existing.casefold() for existing in candidate.labels}:
        candidate.other = next(existing for existing in candidate.labels if existing.casefold() == label.casefold())
        return
    candidate.labels.append(label)
    candidate.other = label
    candidate.end = end
    candidate.quote = text[candidate.start : end].strip()


# 'If it's just an emoji call it "no request".': one more quoted name given in a sentence of its own
_QUOTED_FOLLOWUP = re.compile(
    r"\b(?:call|label|mark|tag|put|file|classify|count|treat)\s+(?:it|them|those|that|these|this|each one)\s+(?:as\s+|under\s+|in\s+)?"
    r"[\"“'‘](?P<name>[^\"”'’\n]{1,40})[\"”'’]",
    re.I,
)


def extend_quoted_followup(candidate: Candidate, text: str) -> None:
    """A run of quoted names goes on with a quoted name in one of the next two sentences ('… call it "no request"')."""
    if candidate.kind != "quoted" or len(candidate.labels) < 2:
        return
    after = text[candidate.end : candidate.end + 240]
    if re.search(r"[\"“”]", re.split(r"[.!?\n]", after, maxsplit=1)[0]):
        return  # the run read here stops short of the sentence's last quoted name
    sentences = re.split(r"(?<=[.!?])\s+|\n", after)
    window = " ".join(sentences[:3])
    hit = _QUOTED_FOLLOWUP.search(window)
    if not hit:
        return
    name = hit.group("name").strip()
    if name.casefold() in {label.casefold() for label in candidate.labels}:
        return
    candidate.labels.append(name)
    end = after.find(hit.group(0)) if hit.group(0) in after else -1
    if end >= 0:
        candidate.end += end + len(hit.group(0))
        candidate.quote = text[candidate.start : candidate.end].strip()

