"""The label set of a requirement document, read from its labels section.

A document names its labels under a heading that says so ("## 4. Labels", "### Label set (v1)", "**3. Entities**",
"What to mark:", "## 实体类型", "4) 标签（4 档）："). Under it comes a table, a bullet or numbered list, or an inline
list. The other sections' titles ("4. Volume", "**Budget:**") and the heading word itself are never labels.

- a table: the column that names the labels (Label / Intent / Field / 标签 / 名称 …, never a "#" column), or, for a
  table of dimensions with their scales ("维度 | 档位"), the values of the scale column ("1-5 分" gives 1…5);
- list lines: each line's name before its explanation ("Named artist imitation — asks to …", "缴费：欠费、补缴"),
  without its score code ("3 – Perfect: …" gives Perfect, "0 不相关" gives 不相关), an option run on one line
  ("左边好 / 一样 / 右边好"), a field with its values ("风险 flag：有 / 无", "Faithfulness: 1–3"), a quoted extra
  ('另：… → 标"无法判断"', 'Flag: "dangerous misstatement" yes/no'); a struck-out line (~~…~~) is dropped;
- a section that only says TBD / 待定 names no labels: the document names none, whatever its other sections list;
- a later revision in the document: 'merge "A" and "B" into **C**', '"A" 和 "B" 合并成 "C"', '"X" 先去掉',
  'remove "X"'.

An inline list after the heading ("**Labels:** A / B / C") is left to the general reader.
"""

from __future__ import annotations

from typing import Literal

import re

from assistant.breakdown.doc_sections import Section, known, sections
from assistant.breakdown.label_candidates import Candidate, clean_item

__all__ = ["doc_label_candidate", "apply_doc_revisions", "section_addenda"]

_LINE = re.compile(r"^\s*(?:[-*•·+](?=\s)|\d{1,2}\s*[.)、）]|[（(]\d{1,2}[)）]|[①-⑩]|[a-z][.)])\s*(?P<item>\S.*?)\s*$")
_Q = r"[“\"「『'‘](?P<{name}>[^”\"」』'’\n]{{1,40}})[”\"」』'’]"
_NOTE = re.compile(r"\s*[（(][^()（）\n]*(?:[（(][^()（）\n]*[)）][^()（）\n]*)*[)）]")
_CODE = re.compile(r"^\s*(?P<code>[+-]?\d{1,2})\s*(?:[-–—=:：.)、]\s*|\s+)(?=[^\d\s])")
_SCALE = re.compile(r"^\s*(?P<low>\d{1,2})\s*(?:-|–|—|~|～|到|至|to)\s*(?P<high>\d{1,2})\s*(?:分|points?|pts|stars?|星)?\s*(?:scale)?\s*$", re.I)
_QUOTED_EXTRA = re.compile(
    r"(?:→|->|=>|标成?|标为|记为|算作?|mark(?:ed)?(?:\s+(?:it|them|as))*|call(?:\s+it)?|label(?:l?ed)?(?:\s+(?:it|as))*|flag(?:ged)?(?:\s+as)?)\s*"
    + _Q.format(name="name"),
    re.I,
)
_HEADER_WORDS = re.compile(
    r"^(?:#|no\.?|序号|编号|id|label|labels|标签(?:名)?|类别|类别名|名称|name|intent|意图|entity|entities|实体|field|字段|字段名|category|class|tag|"
    r"description|说明|描述|定义|含义|notes?|备注|example|examples|例子|示例|举例|when|meaning|definition|维度|档位|scale|values?|options?|取值|选项|levels?)$",
    re.I,
)
_NAME_COL = re.compile(r"label|intent|entit|field|name|categor|class|tag|标签|类别|意图|实体|字段|名称", re.I)
_VALUE_COL = re.compile(r"档位|取值|选项|scale|values?|options?|levels?|grades?|分档", re.I)
_PLAIN_COL = re.compile(r"^(?:#|no\.?|序号|编号|id)$", re.I)


def _short(label: str) -> bool:
    if not label or len(label) > 40:
        return False
    if re.search(r"[\u4e00-\u9fff]", label):
        return len(re.sub(r"[^\u4e00-\u9fff]", "", label)) <= 12 and not re.search(r"[，。；？！]", label)
    return len(label.split()) <= 6 and not re.search(r"[.;?!]\s", label)


def _values(value: str) -> list[str] | None:
    """A field's values: a scale ("1–3") gives its points, a short option run ("有 / 无") its options."""
    value = _NOTE.sub("", value).strip(" 。.;；")
    m = _SCALE.match(value)
    if m and int(m.group("low")) < int(m.group("high")) <= 10:
        return [str(n) for n in range(int(m.group("low")), int(m.group("high")) + 1)]
    m = re.fullmatch(_Q.format(name="name") + r"\s*(?:\(?(?:yes/no|y/n|yes or no|是/否|是否|true/false)\)?)?\s*(?:flag|checkbox)?", value, re.I)
    if m:
        return [m.group("name").strip()]
    # options are written with slashes or "or"; a run with 、 after a name gives its examples ("正面：表扬医生、流程顺畅")
    parts = [part.strip() for part in re.split(r"\s*[/／]\s*|\s+or\s+", value) if part.strip()]
    if 2 <= len(parts) <= 7 and all(_short(part) and len(part) <= 16 for part in parts):
        return [clean_item(part) for part in parts]
    return None


def _item(item: str) -> tuple[list[str], bool | None] | None:
    """The labels one list line names, and whether the line gave a score code; None for a line that is no name."""
    item = item.strip()
    if re.fullmatch(r"~~.*~~.*", item):
        return [], False  # struck out
    m = _QUOTED_EXTRA.search(item)
    if m and re.match(r"^\s*(?:另|另外|此外|also|plus|and|additionally|extra)\b|^\s*(?:另|另外|此外)", item, re.I):
        return [m.group("name").strip()], False
    coded = False
    m = _CODE.match(item)
    if m:
        item, coded = item[m.end():], True
    bare = _NOTE.sub("", item).strip()
    # "风险 flag：有 / 无", "Faithfulness: 1–3 (3 = …)", 'Flag: "dangerous misstatement" yes/no'
    parts = re.split(r"\s*[:：]\s*", bare, maxsplit=1)
    if len(parts) == 2 and not coded:
        values = _values(parts[1])
        if values:
            return values, None  # a field with its values
    run = [part.strip() for part in re.split(r"\s+/\s+|\s*／\s*", bare) if part.strip()]
    if len(run) >= 3 and all(_short(part) and len(part) <= 20 for part in run):
        return [clean_item(part) for part in run], coded
    name = re.split(r"\s*(?:[:：]|\s[-–—]+\s|——)\s*", bare, maxsplit=1)[0]
    name = clean_item(name)
    if not _short(name):
        return None
    return [name], coded


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|｜").split("|")]


def _table(body: str) -> tuple[list[str], bool] | None:
    rows: list[str] = []
    for line in body.splitlines():
        if line.count("|") >= 2:
            rows.append(line)
        elif rows and line.strip():
            break  # the first table only: a later one (milestones, pricing) is another matter
    if len(rows) < 2:
        return None
    cells = [_cells(row) for row in rows]
    aligned = [i for i, row in enumerate(cells) if all(re.fullmatch(r":?-{2,}:?|", cell) for cell in row)]
    header: list[str] | None = None
    if aligned and aligned[0] == 1:
        header = cells[0]
    elif sum(bool(_HEADER_WORDS.match(cell)) for cell in cells[0]) >= 2:
        header = cells[0]
    data = [row for i, row in enumerate(cells) if i not in aligned and (header is None or i > 0)]
    if not data:
        return None
    width = max(len(row) for row in data)
    if header is not None:
        value_col = next((i for i, cell in enumerate(header) if _VALUE_COL.search(cell)), None)
        if value_col is not None:
            labels: list[str] = []
            for row in data:
                values = _values(row[value_col]) if value_col < len(row) else None
                if not values:
                    return None
                labels += [value for value in values if value not in labels]
            return labels, False
        col = next((i for i, cell in enumerate(header) if _NAME_COL.search(cell)), None)
        if col is None:
            col = next((i for i, cell in enumerate(header) if not _PLAIN_COL.match(cell)), 0)
        # "| tag | module |" with MAP, NAV…, "| code | 名称 |" with S1, S2…: the codes stand beside the names
        if _codes([row[col] for row in data if col < len(row)]) and col + 1 < width:
            col += 1
    else:
        col = next((i for i in range(width) if not all(re.fullmatch(r"\d{1,2}|#", row[i]) for row in data if i < len(row))), 0)
    names = [clean_item(_NOTE.sub("", row[col])) for row in data if col < len(row) and row[col].strip()]
    if len(names) < 2 or not all(_short(name) for name in names):
        return None
    return names, False


def _codes(cells: list[str]) -> bool:
    return bool(cells) and all(re.fullmatch(r"[A-Z][A-Z0-9_-]{0,7}|[A-Z]?\d{1,2}|#?\d{1,2}", cell.strip()) for cell in cells)


def _lines(body: str, dimensions: bool = False) -> tuple[list[str], bool] | None:
    labels: list[str] = []
    codes = 0
    count = 0
    intro = 0
    plain = 0
    for line in body.splitlines():
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            if count:
                break  # the list has ended
            intro += 1
            if intro > 1:
                return None  # prose or a record under the heading, not a list of names
            continue  # a sentence before the list ("Draft, one per post:")
        read = _item(m.group("item"))
        if read is None:
            return None
        names, coded = read
        plain += coded is False and len(names) == 1
        count += 1
        codes += bool(coded)
        labels += [name for name in names if name and name not in labels]
    if count < 2 or len(labels) < 2:
        return None
    if dimensions and plain:
        return None  # "评估维度（各按1-5分打分）：(1) 事实准确性 (2) …": the lines name what is scored, not the labels
    return labels, codes >= 2


def _labels_section(text: str) -> tuple[Section, list[Section]] | None:
    found = sections(text)
    if known(found) < 3:
        return None
    labelled = [section for section in found if section.kind == "labels"]
    return (labelled[0], found) if labelled else None


def doc_label_candidate(text: str) -> Candidate | None | Literal[False]:
    """The labels section's list as a candidate; False when the document's labels section is still open (TBD);
    None when the text is no document, has no labels section, or writes its labels inline (the general reader's)."""
    got = _labels_section(text)
    if got is None:
        return None
    section, _all = got
    body = section.text
    if section.pending:
        return False
    read = _table(body) if body.count("|") >= 4 else None
    dimensions = bool(re.search(r"维度|dimension|aspect|criteri|rating|方面", section.title, re.I))
    read = read or _lines(body, dimensions)
    if read is None:
        return None
    labels, coded = read
    candidate = Candidate(labels, text[section.start : section.end].strip(), section.start, section.end, "document", ordinal=coded)
    apply_doc_revisions(candidate, text)
    return candidate


_NAME = r"(?:[“\"「『'‘][^”\"」』'’\n]{1,40}[”\"」』'’]|\*\*[^*\n]{1,40}\*\*)"


def _unquote(name: str) -> str:
    return name.strip().strip("*“”\"「」『』'‘’").strip()


def apply_doc_revisions(candidate: Candidate, text: str) -> None:
    """Merges and removals written after the list: 'merge "A" and "B" into **C**', '"A" 和 "B" 合并成 "C"', '"X" 先去掉'."""
    after = text[candidate.end :]
    merge_en = re.compile(rf"merge\s+(?P<names>{_NAME}(?:\s*(?:,|and|&|with|\+)\s*{_NAME})+)\s+(?:in)?to\s+(?:a\s+single\s+|one\s+)?(?:label\s+|category\s+)?(?:called\s+)?(?P<new>{_NAME})", re.I)
    merge_zh = re.compile(rf"(?P<names>{_NAME}(?:\s*(?:和|与|跟|、|及|,|，)\s*{_NAME})+)\s*(?:两类|两个)?\s*(?:合并|并)(?:成|为|到|进|入)\s*(?:一类\s*)?(?:[，,]?\s*(?:叫|名为)\s*)?(?P<new>{_NAME})")
    for regex in (merge_en, merge_zh):
        for m in regex.finditer(after):
            old = [_unquote(name) for name in re.findall(_NAME, m.group("names"))]
            new = _unquote(m.group("new"))
            if not all(name in candidate.labels for name in old):
                continue
            at = min(candidate.labels.index(name) for name in old)
            kept = [label for label in candidate.labels if label not in old]
            if new not in kept:
                kept.insert(min(at, len(kept)), new)
            candidate.labels[:] = kept
    removal = re.compile(
        rf"(?P<name>{_NAME})\s*(?:这一?类|这个|那个)?\s*(?:先|也|就|都|直接)?\s*(?:去掉|删掉|删除|拿掉|不要了|不标了?|取消)"
        rf"|(?:remove|drop|delete|retire)\s+(?:the\s+)?(?:label\s+)?(?P<name2>{_NAME})"
        rf"|(?P<name3>{_NAME})\s+(?:is|was|gets?)\s+(?:removed|dropped|deleted|retired)",
        re.I,
    )
    for m in removal.finditer(after):
        name = _unquote(m.group("name") or m.group("name2") or m.group("name3"))
        if name in candidate.labels and len(candidate.labels) > 2:
            candidate.labels.remove(name)


_ADDENDUM = re.compile(
    r"(?:\b(?:plus|also|and)\s+(?:an?\s+)?" + _Q.format(name="a") + r"\s*(?:checkbox|check\s*box|flag|option|label|tag|box)\b"
    r"|\b(?:mark|label|tag|call)\s+(?:it|them|those|these)\s+(?:as\s+)?" + _Q.format(name="b") +
    r"|(?:标成?|标为|记为|归为)\s*" + _Q.format(name="c") + r")",
    re.I,
)


def section_addenda(labels: list[str], start: int, text: str) -> list[str]:
    """Quoted names the document's section adds after its list: 'plus a "both unsafe" checkbox',
    'If there's nothing to go on, mark it "cannot tell"', '另：… → 标"无法判断"'."""
    found = sections(text)
    if known(found) < 3 or start < 0:
        return []
    section = next((section for section in found if section.start <= start < section.end), None)
    if section is None:
        return []
    added = []
    for m in _ADDENDUM.finditer(text, start, section.end):
        name = (m.group("a") or m.group("b") or m.group("c")).strip()
        if re.fullmatch(r"[A-Za-z]?\d{1,2}", name):
            continue  # '拿不准的标"3"': a code of a label already listed
        if name and name not in labels and name not in added and _short(name):
            added.append(name)
    return added
