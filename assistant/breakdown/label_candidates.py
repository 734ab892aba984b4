"""Two-stage label-set reader: find every candidate list in a request, then score each by its context.

Stage 1 finds candidate lists anywhere in the text, whatever the wording around them:
inline enumerations (starting after any framing word, colon, clause start or example word),
structural lists (consecutive bullet or numbered lines, "1) … 2) …" inline), table columns,
binary questions ("看是不是X", "is it X or not") and pairs of polar words written together.
`request_labels` adds the candidates of its own grammar (scales, quoted runs, parenthesised
options...).

Stage 2 scores every candidate by what surrounds it and by the shape of its items: framing words
near it, parallel short items with no verbs or quantities, a count word that matches ("四类"), a
trailing catch-all; lists after sources/languages/steps, and spec keys ("数据：", "budget:"),
score low (stage 2 lives in `label_scoring`). The best candidate above a threshold is the label set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from assistant.breakdown.label_lines_en import strip_symbols, strip_trailing_symbols
from assistant.breakdown.label_lexicon import (
    CATCH_ALL_AFTER,
    FRAME_STRONG,
    FRAME_WEAK,
    LABEL_SUFFIX,
    DEGREE_CHARS,
    POLAR_PAIRS,
    SPEC_KEYS,
    has_cjk,
)

__all__ = ["Candidate", "Split", "clean_item", "find_candidates"]

_FRAME_STRONG_RE = re.compile(FRAME_STRONG, re.I)
_FRAME_WEAK_RE = re.compile(FRAME_WEAK, re.I)
# the noun that governs the list: right before it, or before a colon / copula
_SPEC_RE = re.compile(SPEC_KEYS, re.I)
_SUFFIX_RE = re.compile(LABEL_SUFFIX)
_PAREN_NOTE = re.compile(r"\s*[（(][^()（）\n]{1,40}[)）]")
# a note that ends a name or comes before its explanation; brackets inside a name ("garden (estate) name") stay
# "running hrs if mentioned", "备注（如有）": a qualifier of when to mark it, not part of the name
_IF_PRESENT = re.compile(
    r"\s*[（(]?\s*(?:(?:if|when|where)\s+(?:any|mentioned|present|available|given|applicable|known|stated|relevant|there|shown|visible)"
    r"(?:\s+(?:is|are|one))?|如有|若有|如果有(?:的话)?|有的话|如果提到|若提到)\s*[)）]?\s*$",
    re.I,
)
# "tooth number(s)": a plural written in brackets is part of the word, no note
# "amount claimed (and currency)": a bracket that adds to the name ("and", "plus") is part of it
_TRAILING_NOTE = re.compile(r"(?:(?<=[A-Za-z])(?![（(](?:s|es)[)）])|(?<![A-Za-z]))\s*(?![（(](?:and|plus|&)\s)[（(][^()（）\n]{1,40}[)）](?=\s*(?:$|[=:：,，;；]|\s[-–—]))")
_LINE_ITEM = re.compile(r"^\s*(?:[-*•·+]|\d{1,2}\s*[.)、）]|[（(]\d{1,2}[)）]|[①-⑩]|[a-zA-Z][.)]|[（(][a-h][)）])\s*(?P<item>\S.*?)\s*$")
_INLINE_NUMBERED = re.compile(r"(?:^|\s|[:：，,])[（(]?(?:\d{1,2}|[①-⑩])\s*[)）.、:：]?\s*(?P<item>[^\d\n①-⑩（(]{1,30}?)(?=\s*[（(]?(?:\d{1,2}|[①-⑩])\s*[)）.、:：]|[。.;；\n]|$)")


@dataclass
class Candidate:
    labels: list[str]
    quote: str
    start: int
    end: int
    kind: str
    ordinal: bool = False
    other: str | None = None
    notes: list[str] = field(default_factory=list)
    score: float = 0.0
    continued: bool = False  # the list goes on in the next sentence ("There's also …")


Split = Callable[[str], "tuple[list[str], str | None, int]"]


def clean_item(item: str) -> str:
    """A label name without its explanation in parentheses or a framing suffix ("X的标签")."""
    item = _IF_PRESENT.sub("", strip_trailing_symbols(strip_symbols(item)))  # "✅ Solved 🙋": emoji around a name are no part of it
    item = re.sub(r"^\s*(\d{1,2})\s*(?:分|points?|pts|stars?|星|颗星)\s*$", r"\1", item)  # "3分" on a scale is 3
    # a "#" opening a name is a hashtag's; one after it is part of the name ("catalog #", "lot #")
    item = _TRAILING_NOTE.sub("", item).strip(" \t\"'“”‘’「」『』*`_：:[]【】{}").lstrip("#").strip()
    # "5分=非常好", "spam = ads and links", "报修：水电维修": the name before its explanation
    m = re.match(r"^\s*(?P<key>[^=：:]{1,12}?)\s*(?:=|：|:)\s*\S", item)
    if m:
        key = re.sub(r"^(\d{1,2})\s*(?:分|points?|stars?|星)$", r"\1", m.group("key").strip())
        item = key
    item = _SUFFIX_RE.sub("", item).strip() if has_cjk(item) and len(item) > 2 else item
    item = re.sub(r"^(?:分个|分一下|分下)(?=[\u4e00-\u9fff]{2})", "", item)  # "分个满意、一般、不满意": the verb before the first name
    item = re.sub(r"(?<=[\u4e00-\u9fff])\s*(?:……|…|\.\.\.|。。。)$", "", item)  # "…、游戏搭子……": the list trails off
    # "用 v2_better" in a list of English labels: the Chinese framing word is not part of the label
    # ("税务VAT" is one name: a noun written against its English abbreviation)
    m = re.fullmatch(r"(?:[\u4e00-\u9fff]{1,4}\s+|(?:用|选|标|标为|标成|打|记为|为|是|算|叫|归为)(?=[A-Za-z]))([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,3})", item)
    return m.group(1) if m else item


# -- stage 1: candidates -----------------------------------------------------------------------
def _structural(text: str) -> list[Candidate]:
    """Consecutive bullet or numbered lines, and "1) A 2) B" inline."""
    found: list[Candidate] = []
    lines = text.splitlines(keepends=True)
    run: list[str] = []
    offset, run_start = 0, 0
    for line in [*lines, "\n"]:
        m = _LINE_ITEM.match(line.rstrip("\n"))
        if m:
            if not run:
                run_start = offset
            run.append(m.group("item"))
        else:
            if len(run) >= 2:
                found.extend(_from_lines(run, text, run_start, offset))
            run = []
        offset += len(line)
    for m in re.finditer(r"[^\n。]+", text):
        items = [clean_item(x.group("item").strip(" ，,;；")) for x in _INLINE_NUMBERED.finditer(m.group(0))]
        if len(items) >= 2 and all(items):
            first = text.find(items[0], m.start())
            start = first if first >= 0 else m.start()
            found.append(Candidate(items, text[start : m.end()].strip(), start, m.end(), "lines"))
    return found


_LINE_END_NOTE = re.compile(r"(?<=\S)\s*(?![（(](?:and|plus|&)\s)[（(][^()（）\n]*(?:[（(][^()（）\n]*[)）][^()（）\n]*)*[)）]\s*[.。]?\s*$")


def _from_lines(items: list[str], text: str, start: int, end: int) -> list[Candidate]:
    keys = [re.split(r"\s*[:：]", item, maxsplit=1)[0].strip() for item in items]
    if sum(bool(_SPEC_RE.match(key)) for key in keys) >= 2:
        return []  # a spec written as a list ("- data: …", "- budget: …"): its values are read as text
    # "- missed damage (photo shows a stain/tear/missing button the note doesn't mention)": a note in brackets that
    # ends the line explains the option, however long it is
    items = [_LINE_END_NOTE.sub("", item) or item for item in items]
    # "(a) teacher ask private contact (WeChat, WhatsApp, email) or private class": examples in brackets inside a
    # line (a comma list) are no part of its name
    items = [re.sub(r"\s*[（(][^()（）\n]*[,，、][^()（）\n]*[)）](?=\s+\S)", "", item) or item for item in items]
    names = [clean_item(re.split(r"\s*(?:[:：]|\s[-–—]\s)", item, maxsplit=1)[0]) for item in items]
    # "- don't read — abusive / defamatory\n- don't read — other": a head shared by two lines is no name of its own;
    # the dash joins it to what tells the options apart
    shared = {name for name in names if names.count(name) > 1}
    names = [clean_item(re.split(r"\s*[:：]", item, maxsplit=1)[0]) if name in shared and re.search(r"\s[-–—]\s", item) else name for item, name in zip(items, names)]
    return [Candidate(names, text[start:end].strip(), start, end, "lines")]


# column names of a table's header row: "字段名 | 说明 | 例子", "label\tdescription\texample"
_HEADER_CELL = re.compile(r"^(?:字段名?|标签名?|类别名?|名称|说明|描述|定义|含义|例子|示例|举例|样例|备注|"
                          r"fields?|labels?|names?|categor(?:y|ies)|descriptions?|definitions?|meaning|examples?|notes?)(?:\s*\(.*\))?$", re.I)


def _tables(text: str) -> list[Candidate]:
    """Markdown / pipe tables and rows pasted from a spreadsheet (cells joined by tabs)."""
    found = []
    for sep in (r"[|｜]", r"\t"):
        found += _table_rows(text, sep)
    return found + _pipe_line(text)


def _pipe_line(text: str) -> list[Candidate]:
    """"Buckets:\nabusive/gaali | betting tout or match fixing offer | ok": one line of options joined by pipes under
    a line ending with a colon (a table has two rows or more; this is one row of names)."""
    found = []
    for m in re.finditer(r"(?<=[:：])[ \t]*\n[ \t]*(?P<row>[^|｜\n]+(?:[ \t]+[|｜][ \t]+[^|｜\n]+){2,})[ \t]*$", text, re.M):
        cells = [clean_item(cell.strip()) for cell in re.split(r"[ \t]+[|｜][ \t]+", m.group("row").strip())]
        if all(cells) and not re.search(r"\n[^\n]*[|｜]", text[m.end() : m.end() + 200].split("\n\n")[0]):
            found.append(Candidate(cells, m.group("row").strip(), m.start("row"), m.end("row"), "pipe_line"))
    return found


def _table_rows(text: str, sep: str) -> list[Candidate]:
    found = []
    rows = [(m.start(), m.end(), [cell.strip() for cell in re.split(sep, m.group(0).strip().strip("|｜"))])
            for m in re.finditer(rf"^[^\n]*{sep}[^\n]*$", text, re.M)]
    rows = [row for row in rows if not all(re.fullmatch(r":?-{2,}:?|", cell) for cell in row[2])]
    if sep == r"\t":
        # consecutive lines only; a spreadsheet paste is one block
        block: list[tuple[int, int, list[str]]] = []
        for row in rows:
            if block and text[block[-1][1] : row[0]].strip():
                break
            block.append(row)
        rows = block
    if len(rows) >= 2 and sum(bool(_HEADER_CELL.match(cell)) for cell in rows[0][2]) >= 2:
        # a header of column names: the labels are the name column (the first unless another is named so)
        header = rows[0][2]
        col = next((i for i, name in enumerate(header) if re.search(r"名|name|label|field|categor|字段|标签|类别", name, re.I)), 0)
        items = [clean_item(row[2][col]) for row in rows[1:] if col < len(row[2]) and row[2][col]]
        if len(items) >= 2:
            found.append(Candidate(items, text[rows[0][0] : rows[-1][1]], rows[0][0], rows[-1][1], "table"))
        return found
    if len(rows) >= 2 and sep == r"\t":
        return found  # tab-separated rows with no header: data, not a label list
    if len(rows) >= 2:
        header = rows[0][2]
        for col, name in enumerate(header):
            if _FRAME_STRONG_RE.search(name) or re.search(r"名称|name", name, re.I):
                items = [clean_item(row[2][col]) for row in rows[1:] if col < len(row[2]) and row[2][col]]
                if len(items) >= 2:
                    found.append(Candidate(items, text[rows[0][0] : rows[-1][1]], rows[0][0], rows[-1][1], "table"))
                    break
        else:  # no header: the first column lists the labels
            items = [clean_item(row[2][0]) for row in rows if row[2] and row[2][0]]
            found.append(Candidate(items, text[rows[0][0] : rows[-1][1]], rows[0][0], rows[-1][1], "table"))
    return found


# "every one of them marked positive, negative or mixed", "have them tagged urgent or routine": a past participle of a
# labeling verb with its options right after it (no "as")
# "rate each (search) result relevant, partly relevant or irrelevant": a labeling verb, the item it labels, then the options
_VERB_EACH_FRAME = re.compile(r"(?<![A-Za-z])(?:rate|grade|mark|tag|label|flag|score|classify)\s+(?:each|every)\s+(?!(?:that|which|who|whose|with|where|if|when|from|in|on|for|to|as|by)\b)[A-Za-z][\w-]*(?:\s+(?!(?:that|which|who|whose|with|where|if|when|from|in|on|for|to|as|by)\b)[A-Za-z][\w-]*)?[ \t]+(?!(?:that|which|who|whose|with|where|if|when|from|in|on|for|to|as|by|and|or)\b)(?=[A-Za-z\"“'‘])", re.I)
# "look at each pair and say same person, different person, or can't tell": the answers after "and say"
_SAY_FRAME = re.compile(r"(?<![A-Za-z])(?:and|then|just)\s+(?:say|answer|decide)[ \t]+(?!(?:that|which|who|whether|if|what|how|why|when|where|so|it|yes|no)\b)(?=[A-Za-z\"“'‘])", re.I)
_PARTICIPLE_FRAME = re.compile(r"(?<![A-Za-z])(?:marked|tagged|labell?ed|flagged|rated|graded|classed|coded)[ \t]+(?=[A-Za-z\"“'‘])", re.I)


# "按卫生、隔音、服务分类": the list after 按 ends with the verb that sorts by it, which is no part of the last name
_BY_BEFORE = re.compile(r"(?:按照?|根据|依照|依据)\s*$")
_BY_FRAME_AFTER = re.compile(r"(?:来|进行)?(?:分类|归类|划分|区分|分成|分开|分组|打标|标注|来分|分)$")


# "patient name, dose, and which pharmacy it should go to", "…, and what rate they asked for": a field named last by
# the question it answers; the noun asked about is its name
_WHICH_NOUN = (
    r"(?:which|what)\s+(?P<noun>(?!(?:is|are|was|were|do|does|did|one|ones|kind|sort|type)\b)[A-Za-z][\w-]*"
    r"(?:\s+(?!(?:it|they|he|she|this|that|we|you|the|a|an|is|are|was|were)\b)[A-Za-z][\w-]*)?)"
)
_ASKED_LAST = re.compile(
    r"\s*,?\s*and\s+" + _WHICH_NOUN + r"\s+(?:it|they|he|she|this|that|the\s+\w+)\s+(?:\w+\s+){0,3}?"
    r"(?:to|from|in|at|on|for|with|by|go|is|are|was|were|came|comes|happened|needs?|wants?|asked|used|called)\b[^,;]*(?=\s*(?:[?.;!]|$))",
    re.I,
)
_ASKED_ITEM = re.compile(_WHICH_NOUN + r"\s+(?:it|they|he|she)\s+[a-z]+(?:\s+[a-z]+){0,3}", re.I)  # the same, read as one item


def _inline(text: str, split: Split) -> list[Candidate]:
    """An enumeration starting after any framing word, colon, example word or clause start."""
    starts = {0}
    for regex in (_FRAME_STRONG_RE, _FRAME_WEAK_RE):
        for m in regex.finditer(text):
            starts.add(m.end())
    for m in _PARTICIPLE_FRAME.finditer(text):
        starts.add(m.end())  # "wants them marked positive, negative or mixed"
    for m in _VERB_EACH_FRAME.finditer(text):
        starts.add(m.end())  # "rate each result relevant, partly relevant or irrelevant"
    for m in _SAY_FRAME.finditer(text):
        starts.add(m.end())  # "look at each pair and say same person, different person, or can't tell"
    for m in re.finditer(r"[:：，,;；。.!?！？\n(（]\s*|(?<=[A-Za-z])\s*=\s+|\s[-–—]{1,2}\s+|(?<=[A-Za-z])\s(?:→|->|=>)\s+(?=[A-Za-z])|——\s*|(?<=[\u4e00-\u9fff])[—–]\s*|(?:(?:改|换|变)成|是|有|用|为|把|将|分|按|选择|选(?![出项中用手购定择取好])|属于|(?<![\u4e00-\u9fff])打(?=[ \t])|(?<![A-Za-z])(?:as|into|are|is|be|include|includes|including)(?![A-Za-z]))\s*", text):
        starts.add(m.end())
    found = []
    for start in sorted({start + len(text[start:]) - len(text[start:].lstrip(" \t")) for start in starts}):
        body = text[start:]  # from the first word: split_enumeration counts from there
        stop = re.search(r"[。！？!?\n]|(?<![Ee]\.[Gg])(?<![Ii]\.[Ee])\.(?:\s|$)", body)  # "emergency (e.g. poisoning), …" runs on
        body = _semicolons(body[: stop.start()] if stop else body)
        notes = list(_PAREN_NOTE.finditer(body))
        plain = _PAREN_NOTE.sub("", body)
        labels, other, consumed = split(plain)
        labels = [clean_item(label) for label in labels]
        asked = _ASKED_LAST.match(plain, consumed) if len(labels) >= 3 and not other else None
        asked_item = _ASKED_ITEM.fullmatch(labels[-1]) if len(labels) >= 4 and not other else None
        if asked:  # "…, dose, and which pharmacy it should go to": the field is the pharmacy
            labels, consumed = [*labels, asked.group("noun")], asked.end()
        elif asked_item:
            labels[-1] = asked_item.group("noun")  # "…, room type, and which rate they asked (for)"
        if labels and _BY_BEFORE.search(text[max(0, start - 4) : start]):
            labels[-1] = _BY_FRAME_AFTER.sub("", labels[-1]) if len(labels[-1]) > 3 else labels[-1]  # "按卫生、…、性价比分类"
        labels = [label for label in dict.fromkeys(labels) if label]
        if len(labels) < 2:
            continue
        end = start + _unmap(consumed, notes)
        found.append(Candidate(labels, text[start:end].strip(), start, end, "inline", other=other))
    return found


def _semicolons(body: str) -> str:
    """"billing; shipping; returns; we have 10k rows": semicolons between short items separate a list.

    Each semicolon that joins short items becomes a comma (same length, so positions still hold)."""
    marks = list(re.finditer(r"[;；]", body))
    if not marks:
        return body
    out = list(body)
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        before_start = marks[index - 1].end() if index else 0
        before = re.sub(r"\s*[(（][^()（）]*[)）]", "", body[before_start : mark.start()]).strip()  # "switch mode (heat, cool)" is short
        if index and not (len(before.split()) <= 4 and len(before) <= 30):
            break  # the list ended at the previous item
        out[mark.start()] = ","
        if not body[mark.end() : end].strip():
            break
    return "".join(out)


def _slashed(text: str) -> list[Candidate]:
    """"perfect/good/fair/bad": words joined by slashes with no spaces are one list, whatever precedes it."""
    found = []
    for m in re.finditer(r"(?<![\w/-])([A-Za-z][\w'-]*(?:/[A-Za-z][\w'-]*){1,9})(?![\w/])", text):
        items = m.group(1).split("/")
        if m.group(1).lower() in ("and/or", "or/and"):
            continue
        found.append(Candidate(items, m.group(1), m.start(), m.end(), "slashed"))
    return found


def _unmap(consumed: int, notes: list[re.Match[str]]) -> int:
    """A position in the text without parenthesised notes, mapped back to the text with them."""
    removed = 0
    for note in notes:
        if note.start() - removed <= consumed:
            removed += note.end() - note.start()
    return consumed + removed


def _binary(text: str) -> list[Candidate]:
    """"看是不是X", "有没有剧透", "is it X or not": one class named; its opposite is implied."""
    found = []
    for m in re.finditer(r"(?:是不是|是否(?:为|是|属于|有|含|包含)?|有没有|有无|算不算)(?P<x>[\u4e00-\u9fff]{2,6}?)(?=[，。；、,.;?？\s]|$|的(?:[，。；、,.;?？\s]|$|话))", text):
        x = re.sub(r"(?<=[\u4e00-\u9fff]{2})[了的]$", "", m.group("x"))  # "是不是跑题了" names 跑题
        found.append(Candidate([x, "非" + x], m.group(0), m.start(), m.end(), "binary"))
    for m in re.finditer(r"\b(?:is (?:it|this|the \w+|each \w+)|whether (?:it|each \w+|the \w+) is)\s+(?:an?\s+)?(?P<x>[\w-]+(?:\s[\w-]+)?)\s+or not\b", text, re.I):
        x = m.group("x")
        found.append(Candidate([x, "not " + x], m.group(0), m.start(), m.end(), "binary"))
    # "know if the exhibitor is satisfied or not satisfied": a state and its denial, both named
    for m in re.finditer(r"\b(?:if|whether)\s+(?:the|each|every|a|this)\s+\w+\s+(?:is|was|feels?|seems?)\s+(?P<x>[a-z][\w-]{2,20})\s+or\s+(?P<y>not\s+(?P=x))\b", text, re.I):
        found.append(Candidate([m.group("x"), m.group("y")], m.group(0)[m.start("x") - m.start() :], m.start("x"), m.end("y"), "binary"))
    return found


def _bracketed(text: str) -> list[Candidate]:
    """"[praise] [complaint] [question]", "【退款】【换货】": names in brackets written one after another."""
    found = []
    for m in re.finditer(r"(?:[\[【〔]\s*[^\[\]【】〔〕\n]{1,24}?\s*[\]】〕]\s*[,，、/|]?\s*(?:or\s+|或\s*)?){2,}", text):
        items = [x.strip() for x in re.findall(r"[\[【〔]\s*([^\[\]【】〔〕\n]{1,24}?)\s*[\]】〕]", m.group(0))]
        found.append(Candidate(items, m.group(0).strip(), m.start(), m.end(), "quoted"))
    return found


def _degree_run(text: str) -> list[Candidate]:
    """"三个等级：高中低", "分优良中差四档": one-character degree words written together."""
    found = []
    for m in re.finditer(rf"(?<![\u4e00-\u9fff])(?P<run>[{DEGREE_CHARS}]{{2,5}})(?![\u4e00-\u9fff])|(?<=[:：为成])(?P<run2>[{DEGREE_CHARS}]{{2,5}})(?=[^\u4e00-\u9fff]|[四三五两]|$)", text):
        run = m.group("run") or m.group("run2")
        if len(set(run)) == len(run):
            found.append(Candidate(list(run), run, m.start(), m.end(), "degree", ordinal=True))
    return found


_SPAN_PART_EN = re.compile(
    r"\b(?:part|parts|bit|bits|portion|span|spans|phrase|phrases|words?|text|piece)\s+(?:of\s+(?:the\s+)?\w+\s+)?(?:that|which)\s+"
    r"(?:mentions?|describes?|names?|refers?\s+to|talks?\s+about|gives?|states?|says?|contains?)\s+(?:the\s+|a\s+|an\s+|any\s+)?"
    r"(?P<x>[A-Za-z][\w-]*(?:\s+(?!if\b|and\b|or\b|in\b|when\b|that\b)[A-Za-z][\w-]*)?)",
    re.I,
)
_SPAN_PART_ZH = re.compile(r"(?:提到|提及|描述|说到|写到|涉及)(?P<x>[\u4e00-\u9fff]{2,6}?)的(?:部分|片段|词语?|句子|文字|位置|地方|那段|那句)")


def _described_spans(text: str) -> list[Candidate]:
    """"mark the part that mentions the drug, and the bit that describes the side effect": one span label per phrase."""
    found = []
    for regex in (_SPAN_PART_EN, _SPAN_PART_ZH):
        matches = list(regex.finditer(text))
        names = list(dict.fromkeys(m.group("x").strip() for m in matches))
        if len(names) >= 2:
            found.append(Candidate(names, text[matches[0].start() : matches[-1].end()], matches[0].start(), matches[-1].end(), "framed"))
    return found


# the middle of a pair, written back to back with it in any order: "好评差评中评分一下", "正面负面中性"
_POLAR_MIDDLE = {"好评": "中评", "正面": "中性|中立", "积极": "中性|中立", "满意": "一般|中立"}


def _polar(text: str) -> list[Candidate]:
    found = []
    for a, b in POLAR_PAIRS:
        for m in re.finditer(re.escape(a) + r"\s*(?:还是|或|和|与|/)?\s*" + re.escape(b), text):
            found.append(Candidate([a, b], m.group(0), m.start(), m.end(), "polar"))
        if a not in _POLAR_MIDDLE:
            continue
        word = rf"(?:{re.escape(b)}|{re.escape(a)}(?!{re.escape(b[len(a):]) if b.startswith(a) else '$^'})|{_POLAR_MIDDLE[a]})"
        for m in re.finditer(rf"{word}(?:\s*(?:还是|或|和|与|/)?\s*{word}){{2}}", text):
            names = re.findall(word, m.group(0))
            if len(set(names)) == 3:
                found.append(Candidate(names, m.group(0), m.start(), m.end(), "polar"))
    return found


def _catch_all(candidate: Candidate, text: str) -> None:
    """"像A、B这种，正常的就不用管了": the item left aside is a label too."""
    m = re.match(r"[^，。；,;]{0,8}" + CATCH_ALL_AFTER, text[candidate.end :])
    if m and re.fullmatch(r"其他|其余|其它|剩下|剩余|别的|余下", m.group("label")):
        return  # "其他不用管": the rest is ignored, it gets no label
    if m and m.group("label") not in candidate.labels:
        candidate.labels.append(m.group("label"))
        candidate.other = m.group("label")
        candidate.end += m.end()
        candidate.quote = text[candidate.start : candidate.end].strip()


def find_candidates(text: str, split: Split) -> list[Candidate]:
    candidates = [*_structural(text), *_tables(text), *_inline(text, split), *_binary(text), *_polar(text), *_slashed(text), *_degree_run(text), *_bracketed(text), *_described_spans(text)]
    for candidate in candidates:
        if candidate.kind in ("inline", "lines"):
            _catch_all(candidate, text)
    return candidates
