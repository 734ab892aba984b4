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
score low. The best candidate above a threshold is the label set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from assistant.breakdown.label_lexicon import (
    CATCH_ALL_AFTER,
    CLAUSE_WORDS_EN,
    CLAUSE_WORDS_ZH,
    FRAME_STRONG,
    FRAME_WEAK,
    LABEL_SUFFIX,
    DEGREE_CHARS,
    NOT_LABEL_HEADS,
    POLAR_PAIRS,
    QUANTITY_IN_ITEM,
    SPEC_KEYS,
    has_cjk,
)

__all__ = ["Candidate", "find_candidates", "score", "THRESHOLD"]

THRESHOLD = 3.0
# how much each way of finding a list is trusted before its context is read
PRIOR = {
    "bullets": 3.0, "scale": 4.0, "framed": 3.0, "before_verb": 3.0, "pure_parenthesised": 3.0, "quoted": 2.5,
    "standalone": 2.5, "parenthesised": 2.5, "yes_no": 3.0, "mark_as": 3.0, "list_sentence": 2.0, "weak": 2.0,
    "lines": 1.0, "table": 3.0, "inline": 0.0, "binary": 2.0, "polar": 1.5, "slashed": 1.0, "degree": 1.0,
}
_FRAME_STRONG_RE = re.compile(FRAME_STRONG, re.I)
_FRAME_WEAK_RE = re.compile(FRAME_WEAK, re.I)
# the noun that governs the list: right before it, or before a colon / copula
_NOT_LABEL_RE = re.compile(
    rf"(?:{NOT_LABEL_HEADS})(?:的)?\s*(?:[:：]|是|有|包括|包含|为|分别是|(?<![A-Za-z])(?:are|is|include|including|like|such as|e\.g\.)(?![A-Za-z]))?\s*(?:[\"“「『(（]\s*)?$"
    rf"|(?:{NOT_LABEL_HEADS})[^。.!?！？\n:：]{{0,16}}[:：]\s*$",  # "Languages involved: …", "数据来源主要是："
    re.I,
)
_SPEC_RE = re.compile(SPEC_KEYS, re.I)
_CLAUSE_ZH = re.compile(CLAUSE_WORDS_ZH)
_CLAUSE_EN = re.compile(CLAUSE_WORDS_EN, re.I)
_QTY_RE = re.compile(QUANTITY_IN_ITEM, re.I)
_SUFFIX_RE = re.compile(LABEL_SUFFIX)
_PAREN_NOTE = re.compile(r"\s*[（(][^()（）\n]{1,40}[)）]")
_LINE_ITEM = re.compile(r"^\s*(?:[-*•·+]|\d{1,2}\s*[.)、）]|[（(]\d{1,2}[)）]|[①-⑩]|[a-zA-Z][.)])\s*(?P<item>\S.*?)\s*$")
_INLINE_NUMBERED = re.compile(r"(?:^|\s|[:：，,])(?:\d{1,2}|[①-⑩])\s*[)）.、]?\s*(?P<item>[^\d\n①-⑩]{1,30}?)(?=\s*(?:\d{1,2}|[①-⑩])\s*[)）.、]|[。.;；\n]|$)")
_COUNT_RE = re.compile(
    r"(?P<n>[一二两三四五六七八九十]{1,2}|\d{1,2})\s*(?:个|种)?(?:大类|类别|类|种|档|等级|级|个标签|标签|选项|字段|项)"
    r"|\b(?P<en>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:categories|classes|labels|buckets|levels|grades|groups|types|options|tags|fields)\b",
    re.I,
)
_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


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


Split = Callable[[str], "tuple[list[str], str | None, int]"]


def clean_item(item: str) -> str:
    """A label name without its explanation in parentheses or a framing suffix ("X的标签")."""
    item = _PAREN_NOTE.sub("", item).strip(" \t\"'“”‘’「」『』*`_：:[]【】")
    # "5分=非常好", "spam = ads and links", "报修：水电维修": the name before its explanation
    m = re.match(r"^\s*(?P<key>[^=：:]{1,12}?)\s*(?:=|：|:)\s*\S", item)
    if m:
        key = re.sub(r"^(\d{1,2})\s*(?:分|points?|stars?|星)$", r"\1", m.group("key").strip())
        item = key
    item = _SUFFIX_RE.sub("", item).strip() if has_cjk(item) and len(item) > 2 else item
    # "用 v2_better" in a list of English labels: the Chinese framing word is not part of the label
    m = re.fullmatch(r"[\u4e00-\u9fff]{1,4}\s*([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,3})", item)
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


def _from_lines(items: list[str], text: str, start: int, end: int) -> list[Candidate]:
    keys = [re.split(r"\s*[:：]", item, maxsplit=1)[0].strip() for item in items]
    if sum(bool(_SPEC_RE.match(key)) for key in keys) >= 2:
        return []  # a spec written as a list ("- data: …", "- budget: …"): its values are read as text
    names = [clean_item(re.split(r"\s*(?:[:：]|\s[-–—]\s)", item, maxsplit=1)[0]) for item in items]
    return [Candidate(names, text[start:end].strip(), start, end, "lines")]


# column names of a table's header row: "字段名 | 说明 | 例子", "label\tdescription\texample"
_HEADER_CELL = re.compile(r"^(?:字段名?|标签名?|类别名?|名称|说明|描述|定义|含义|例子|示例|举例|样例|备注|"
                          r"fields?|labels?|names?|categor(?:y|ies)|descriptions?|definitions?|meaning|examples?|notes?)(?:\s*\(.*\))?$", re.I)


def _tables(text: str) -> list[Candidate]:
    """Markdown / pipe tables and rows pasted from a spreadsheet (cells joined by tabs)."""
    found = []
    for sep in (r"[|｜]", r"\t"):
        found += _table_rows(text, sep)
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


def _inline(text: str, split: Split) -> list[Candidate]:
    """An enumeration starting after any framing word, colon, example word or clause start."""
    starts = {0}
    for regex in (_FRAME_STRONG_RE, _FRAME_WEAK_RE):
        for m in regex.finditer(text):
            starts.add(m.end())
    for m in re.finditer(r"[:：，,;；。.!?！？\n]\s*|(?:是|有|用|为|把|将|分|按|属于|(?<![A-Za-z])(?:as|into|are|is|be|include|includes|including)(?![A-Za-z]))\s*", text):
        starts.add(m.end())
    found = []
    for start in sorted(starts):
        body = text[start:]
        stop = re.search(r"[。！？!?\n]|\.(?:\s|$)", body)
        body = _semicolons(body[: stop.start()] if stop else body)
        notes = list(_PAREN_NOTE.finditer(body))
        plain = _PAREN_NOTE.sub("", body)
        labels, other, consumed = split(plain)
        labels = [clean_item(label) for label in labels]
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
        before = body[before_start : mark.start()].strip()
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
    for m in re.finditer(r"(?:是不是|是否(?:为|是|属于|有|含|包含)?|有没有|有无|算不算)(?P<x>[\u4e00-\u9fff]{2,6}?)(?=[，。；、,.;?？\s]|$|的)", text):
        x = m.group("x")
        found.append(Candidate([x, "非" + x], m.group(0), m.start(), m.end(), "binary"))
    for m in re.finditer(r"\b(?:is (?:it|this|the \w+|each \w+)|whether (?:it|each \w+|the \w+) is)\s+(?:an?\s+)?(?P<x>[\w-]+(?:\s[\w-]+)?)\s+or not\b", text, re.I):
        x = m.group("x")
        found.append(Candidate([x, "not " + x], m.group(0), m.start(), m.end(), "binary"))
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


def _polar(text: str) -> list[Candidate]:
    found = []
    for a, b in POLAR_PAIRS:
        for m in re.finditer(re.escape(a) + r"\s*(?:还是|或|和|与|/)?\s*" + re.escape(b), text):
            found.append(Candidate([a, b], m.group(0), m.start(), m.end(), "polar"))
    return found


def _catch_all(candidate: Candidate, text: str) -> None:
    """"像A、B这种，正常的就不用管了": the item left aside is a label too."""
    m = re.match(r"[^，。；,;]{0,8}" + CATCH_ALL_AFTER, text[candidate.end :])
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


# -- stage 2: scoring --------------------------------------------------------------------------
def _count(text: str) -> int | None:
    m = _COUNT_RE.search(text)
    if not m:
        return None
    token = (m.group("n") or m.group("en")).lower()
    return int(token) if token.isdigit() else _NUM.get(token) if token in _NUM else (10 + _NUM.get(token[-1], 0) if token.startswith("十") else None)


def _item_ok(label: str, labels: list[str]) -> bool:
    if re.fullmatch(r"one|two|three|four|five|six|seven|eight|nine|ten|一|两|二|三", label, re.I) and not all(other.isdigit() or re.fullmatch(r"one|two|three|four|five|six|seven|eight|nine|ten|一|两|二|三", other, re.I) for other in labels):
        return False  # "one labeling job or two": a count, not a class
    if re.fullmatch(r"e\.?g\.?|i\.?e\.?|etc\.?|vs\.?|等等|例如|比如|where|whether|what|which|who|when|how|why|哪里|什么|哪个", label.strip(), re.I):
        return False  # "…into the daily log, e.g. …", "the hazard and where it is": words of the sentence
    if label.isdigit() and not all(other.isdigit() for other in labels):
        return False  # "1、政策咨询": a list marker, not a label
    if re.match(r"(?:先|再|然后|最后|接着|首先|其次)(?=[\u4e00-\u9fff]{2})", label):
        return False  # "先抽样，再试标，最后正式标注": steps
    if len(labels) == 2 and label.casefold() in ("not", "不是", "没有"):
        return False  # "helpful or not" names one class; the binary reading gives "not helpful"
    if re.search(r"[A-Za-z]{3}[\u4e00-\u9fff]|[\u4e00-\u9fff][A-Za-z]{3}", label):
        return False  # "label用", "vanilla这种": a word of the sentence stuck to the item
    if has_cjk(label):
        if len(label) == 1 and sum(len(other) == 1 for other in labels) < 2:
            return False  # "来" left over from "找出来"
        if "的" in label[1:-1] and len(label) > 4:
            return False
        return len(label) <= 8 and not _CLAUSE_ZH.search(label) and not _QTY_RE.search(label)
    words = label.split()
    # an intent named by its verb phrase ("get a permit", "need a refund") starts with the verb
    body = re.sub(r"^(?:get|have|do|need|want)\s+(?=[A-Za-z])", "", label, flags=re.I) if len(words) >= 2 else label
    return 1 <= len(words) <= 4 and not _CLAUSE_EN.search(body) and not _QTY_RE.search(label)


def _after_last(candidate: Candidate, text: str) -> int:
    """Where the last label ends in the text ("提问来分": after 提问, so 来分 is read as a frame)."""
    at = text.rfind(candidate.labels[-1], candidate.start, candidate.end + 1) if candidate.labels else -1
    return at + len(candidate.labels[-1]) if at >= 0 else candidate.end


def score(candidate: Candidate, text: str) -> float:
    labels = candidate.labels
    if len(labels) < 2 or len(set(label.casefold() for label in labels)) < len(labels):
        return -99.0
    s = PRIOR.get(candidate.kind, 0.0)
    sentence_start = max([text.rfind(c, 0, candidate.start) for c in "。.!?！？\n;；"] + [-1]) + 1
    before = text[max(sentence_start, candidate.start - 45) : candidate.start]
    near = text[max(0, candidate.start - 45) : candidate.start]
    if _FRAME_STRONG_RE.search(before[-14:]):
        s += 3.0
    elif _FRAME_STRONG_RE.search(before):
        s += 2.5
    elif _FRAME_STRONG_RE.search(text[_after_last(candidate, text) : candidate.end + 12]):
        s += 2.0  # "把A、B抽出来", "need A and B extracted"
    elif _FRAME_STRONG_RE.search(near):
        s += 1.5  # a framing line above a list
    elif re.search(r"(?<![A-Za-z])(?:into|as)\s*$|(?:分为|分成|标为|标成)\s*$", before, re.I):
        s += 2.0  # "sort tickets into A, B, C"
    elif _FRAME_WEAK_RE.search(near) or _FRAME_WEAK_RE.search(text[candidate.end : candidate.end + 6]):
        s += 1.0
    if re.search(r"[:：]\s*$", before):
        s += 0.5
    if candidate.kind in ("lines", "table") and re.search(r"[:：]\s*\n\s*$", text[max(0, candidate.start - 80) : candidate.start]):
        s += 1.5  # "Highlight these wherever they appear:" / "按component打标：" above a bulleted list
    head = text[max(sentence_start, candidate.start - 30) : candidate.start]
    if _NOT_LABEL_RE.search(head):
        s -= 4.0
    if candidate.kind == "table":
        # a table's name column holds names, whatever words they use ("Due date" is a field, not a clause)
        bad = sum(not (0 < len(label) <= 40 and len(label.split()) <= 5 and not _QTY_RE.search(label)) for label in labels)
    else:
        bad = sum(not _item_ok(label, labels) for label in labels) + _cut_short(candidate, text)
    s -= 3.0 * bad
    if candidate.kind not in ("table", "scale") and len(labels) - bad < 2:
        s -= 3.0  # fewer than two items look like labels: not a label list
    if bad == 0:
        s += 1.0
    lengths = [len(label) for label in labels]
    if len(labels) >= 3 and max(lengths) - min(lengths) <= 2:
        s += 0.5  # parallel items
    if len(labels) >= 3:
        # graded forms of one word (完全满足 / 部分满足 / 不满足): an item without the shared stem is an outlier
        tails = [label[-2:] for label in labels if len(label) >= 2]
        top_tail = max(set(tails), key=tails.count) if tails else ""
        common = tails.count(top_tail)
        outliers = [label for label in labels if label[-2:] != top_tail]
        if common == len(labels) - 1 and common >= 2 and all(has_cjk(o) != has_cjk(top_tail) for o in outliers):
            s -= 2.0  # "query" among 完全满足 / 部分满足: a word of the sentence in another script
        elif common == len(labels):
            s += 0.5
    if max(lengths) > 3 * max(1, min(lengths)) + 2:
        s -= 1.0
    if sum(bool(_SPEC_RE.match(label)) for label in labels) >= 2:
        s -= 5.0
    count = _count(text[candidate.start : candidate.end + 10]) or _count(before[-12:])
    if count is not None:
        s += 2.0 if count == len(labels) else -1.0
    if candidate.other:
        s += 1.0
    if len(labels) >= 3 and re.search(r"(?:\bor\b|或者?|还是)\s*\S{1,30}$", candidate.quote, re.I):
        s += 0.5  # "A, B or C": the shape of a list of options
    return s


def _trim_tail(candidate: Candidate) -> None:
    """A list ends where its items stop looking like labels ("…, returns, due friday")."""
    while len(candidate.labels) > 2 and not _item_ok(candidate.labels[-1], candidate.labels) and candidate.labels[-1] != candidate.other:
        candidate.labels.pop()


def _looser(a: Candidate, b: Candidate) -> bool:
    """`a` reads the same list as `b` with words of the sentence stuck to its first or last item."""
    if len(a.labels) != len(b.labels) or a.labels == b.labels or a.labels[1:-1] != b.labels[1:-1]:
        return False
    first_ok = a.labels[0] == b.labels[0] or (a.labels[0].endswith(b.labels[0]) and len(a.labels[0]) > len(b.labels[0]))
    last_ok = a.labels[-1] == b.labels[-1] or (a.labels[-1].startswith(b.labels[-1]) and len(a.labels[-1]) > len(b.labels[-1]))
    return first_ok and last_ok


def _cut_short(candidate: Candidate, text: str) -> int:
    """English items other than the last that run on into more words ("label set is billing / …" read as "set")."""
    count, position = 0, candidate.start
    if candidate.kind == "table":
        return 0  # a table cell is followed by the next cell, not by more words of the same label
    for label in candidate.labels[:-1]:
        if has_cjk(label) or label.isdigit():
            continue
        at = text.find(label, position, candidate.end + 1)
        if at < 0:
            continue
        position = at + len(label)
        if re.match(r"\s*(?:→|->|[,，、/|｜;；:：.?!()（）」』\]】\"”'+&\n-]|(?:or|and|vs\.?|versus|或|和)(?![A-Za-z])|$)", text[position:]) is None:
            count += 1
    return count


def best(candidates: list[Candidate], text: str) -> Candidate | None:
    for candidate in candidates:
        candidate.labels = [clean_item(label) or label for label in candidate.labels]
        _trim_tail(candidate)
    for candidate in candidates:
        candidate.score = score(candidate, text)
    for a in candidates:
        if any(_looser(a, b) and b.score >= THRESHOLD - 1.0 for b in candidates):
            a.score -= 3.0
        # "把A和B抽出来，比如x、y、z这种": a list of examples right after a list gives examples of it
        lead = text[max(0, a.start - 8) : a.start]
        if re.search(r"(?:比如|例如|像是|such as|e\.g\.|like)\s*[:：]?\s*$", lead, re.I) and any(
            b is not a and b.score >= THRESHOLD and b.end <= a.start and a.start - b.end <= 16 and set(b.labels).isdisjoint(a.labels) for b in candidates
        ):
            a.score -= 4.0
    for a in candidates:
        # 'e.g. "MV Alba, berth 4, grain"', '举个例子："浙A·D1234，火车东站"': a sample of the data, quoted, is not the label set
        if re.search(r"(?:e\.g\.|for example|for instance|example|例如|比如|举个?例子?|样例)\s*[,:：，]?\s*[\"“「『]\s*$", text[max(0, a.start - 24) : a.start], re.I):
            a.score -= 4.0
    for a in candidates:
        # "- runtime（运行时、内存、性能）": a list inside one line of a bulleted list explains that item
        if a.kind not in ("lines", "table") and "\n" not in a.quote and any(
            b.kind in ("lines", "table") and b.score >= THRESHOLD - 1.0 and len(b.labels) >= 3 and b.start <= a.start and a.end <= b.end + 1
            and not set(a.labels) & set(b.labels) for b in candidates
        ):
            a.score -= 4.0
    ranked = sorted(candidates, key=lambda c: (-c.score, -len(c.labels), sum(map(len, c.labels)), c.start))
    return ranked[0] if ranked and ranked[0].score >= THRESHOLD else None
