"""The label set of a filled-in form, read from its label field (see `form_fields`).

A form names its labels in a field that says so ("Classes:", "Label set:", "标签：", "意图类别：", "Fields to pull:",
"Rubric:"), written

- inline, joined by slashes, pipes, commas or 、: "Positive / Negative / Mixed", "讲师 | 内容深度 | 其他",
  "Allowed, Restricted (needs age verification), Prohibited (switchblade, …\n… lipstick knives), Unsure" (a note in
  brackets, even one broken over two lines, is no name);
- one name a line under the field, bulleted or not, or one a cell down a pasted two-column sheet
  ("标签\t通过\n\t低俗"); a line is one name, slashes and all ("STOP / unsubscribe", "预约/改约");
- as dimensions with their values: "· 准确性 1-5", "Hallucination: yes / no", "Overall: 1 (unusable) – 4 (as is)"
  give the values (1…5, yes, no), not the dimensions;
- a name the writer is unsure of stays a name: "(neutral?? ask Dana)" gives neutral.

A ticket's own "Labels" field (beside Issue Type / Priority / Reporter) is metadata, never the label set; a label field
left blank or "待定" names none. `form_label_candidate(text)` gives the first label field's list as a candidate, or
None (no form, no label field, or a field whose value reads as no list).
"""

from __future__ import annotations

import re

from assistant.breakdown.form_fields import BLANK, POINTER, Field, form_fields
from assistant.breakdown.label_candidates import Candidate

__all__ = ["form_label_candidate", "form_value_labels"]

_BULLET = re.compile(r"^\s*(?:[-*•·+](?=\s)|\d{1,2}\s*[.)、）](?!\d)|[①-⑩]|\[[ xX]\])\s*(?:\[[ xX]\]\s*)?")
_NOTE = re.compile(r"\s*(?![（(](?:s|es)[)）])[（(][^()（）]*(?:[（(][^()（）]*[)）][^()（）]*)*[)）]")
_COMMENT = re.compile(r"\s*(?:<-|←|<--|#\s|//)\s.*$")
_SCALE = re.compile(r"(?<![\d/.])(?P<low>\d{1,2})\s*(?:-|–|—|~|～|到|至|to)\s*(?P<high>\d{1,2})\s*(?:分|points?|pts|stars?|星)?\s*$", re.I)
_OPTION_RUN = re.compile(r"^(?P<a>[^/／|\s][^/／|]{0,12}?)(?:\s*[/／|]\s*(?P<b>[^/／|]{1,12}?)){1,3}\s*$")
_SPLIT_INLINE = re.compile(r"\s+[/／|｜]\s+|\s*[|｜]\s*|\s*[,，、;；]\s*|\t+")


def _short(name: str) -> bool:
    if not name or len(name) > 40:
        return False
    if re.search(r"[\u4e00-\u9fff]", name):
        return len(re.sub(r"[^\u4e00-\u9fff]", "", name)) <= 12 and not re.search(r"[，。；？！]", name)
    words = [word for word in name.split() if re.search(r"\w", word)]
    return len(words) <= 7 and not re.search(r"[.;!]\s|\?\s*\S", name)


def _clean(name: str) -> str:
    ticked = re.findall(r"`([^`\n]{1,40})`", name)
    if len(ticked) == 1:
        return ticked[0].strip()  # "plus `not_market` for boilerplate": the name is the code
    name = _COMMENT.sub("", name)
    whole = re.fullmatch(r"\s*[（(]\s*([^()（）]+?)\s*[)）]\s*", name)
    if whole:  # "(neutral?? ask Dana)": a name the writer is unsure of, with a question after it
        name = re.split(r"\?+|？+|\s+-\s+|,|，", whole.group(1))[0]
    name = _NOTE.sub("", name)
    name = re.sub(r"[\"“”「」『』]", "", name)
    return name.strip(" \t*_`'‘’.。:：/／|").strip()


def _values(name: str) -> list[str] | None:
    """A dimension written with its values: "准确性 1-5", "Overall: 1 (unusable) – 4 (as is)", "有没有编造 是/否"."""
    bare = _COMMENT.sub("", _NOTE.sub("", name)).strip()
    parts = re.split(r"\s*[:：]\s*", bare, maxsplit=1)
    tail = parts[1] if len(parts) == 2 else bare
    m = _SCALE.search(tail)
    if m and (len(parts) == 2 or m.start() > 0) and int(m.group("low")) < int(m.group("high")) <= 10:
        return [str(n) for n in range(int(m.group("low")), int(m.group("high")) + 1)]
    if len(parts) == 2:
        m = _OPTION_RUN.match(tail.strip())
        if m:
            return [part.strip() for part in re.split(r"\s*[/／|]\s*", tail.strip())]
    m = re.search(r"\s(?P<run>(?:是|否|有|无|yes|no|y|n)\s*[/／]\s*(?:是|否|有|无|yes|no|y|n))\s*$", bare, re.I)
    if m:
        return [part.strip() for part in re.split(r"\s*[/／]\s*", m.group("run"))]
    return None


def form_value_labels(item: Field) -> list[str] | None:
    """The names a label field's value gives, or None when it reads as no list."""
    lines = [line for line in item.lines if line.strip()]
    if len(lines) > 1 and POINTER.match(lines[0]):
        lines = lines[1:]  # "Labels: see below" over the list it points to
    if not lines or BLANK.match(item.value):
        return None
    if re.search(r"[{}\[\]]", item.value):
        return None  # a JSON or YAML value is another reader's
    names: list[str] = []
    if len(lines) == 1 or _wrapped(lines):
        # one line (or one broken over lines inside a bracket or after a comma): an inline list
        joined = " ".join(line.strip() for line in lines)
        plain = _NOTE.sub("", joined)
        parts = [part for part in _SPLIT_INLINE.split(plain) if part.strip()]
        if len(re.findall(r"[|｜]", plain)) >= 2:
            # "Appointment | Repair / batteries / supplies | Billing & insurance": pipes outrank the slashes inside a name
            parts = [part for part in re.split(r"\s*[|｜]\s*", plain) if part.strip()]
        if len(parts) < 2:
            parts = [part for part in re.split(r"\s*[/／]\s*|\s+or\s+|\s*或\s*", plain) if part.strip()]
        # the unsure name in brackets is read from the line with its brackets
        if re.search(r"[/／|]\s*[（(][^()（）]*\?", joined):
            tail = re.search(r"[（(][^()（）]*\?[^()（）]*[)）]\s*$", joined)
            if tail:
                parts.append(tail.group(0))
        # "正面/中性/负面；负面的再细分：内容不准、太啰嗦": a run of three names joined by slashes is three names, and a
        # sub-field's key before its colon is none ("音质/画质", two names joined, stays one)
        parts = [re.split(r"[:：]\s*", part)[-1] for part in parts]
        parts = [piece for part in parts for piece in (part.split("/") if len(part.split("/")) >= 3 and " " not in part.strip() and "|" not in plain else [part])]
        names = [_clean(part) for part in parts]
    else:
        for line in lines:
            line = _BULLET.sub("", line).strip()
            if not line or re.fullmatch(r"[（(][^\n]*[)）]", line):
                continue  # a note in brackets on a line of its own ("（"菜太咸"要不要单独标？先不用）") names nothing
            values = _values(line)
            if values:
                names += values
                continue
            name = _clean(line)
            if not _short(name):
                return None  # prose under the field, no list of names
            names.append(name)
    names = [name for name in dict.fromkeys(names) if name and _short(name)]
    return names if len(names) >= 2 else None


def _wrapped(lines: list[str]) -> bool:
    """Lines that are one value broken over lines: a bracket left open, or a line ending on a comma."""
    text = "\n".join(lines)
    opened = 0
    for line in lines[:-1]:
        opened += line.count("(") + line.count("（") - line.count(")") - line.count("）")
        if opened <= 0 and not re.search(r"[,，、]\s*$", line):
            return False
    return "," in text or "，" in text or "、" in text or "/" in text


# "GSB（G=B比A好，S=差不多，B=B比A差）", "PGFB (P = perfect, G = good, …)": letter codes spelled out after their acronym
_ACRONYM = re.compile(r"(?<![A-Za-z])(?P<acr>[A-Z]{2,6})\s*[（(](?P<defs>[^()（）\n]{3,120})[)）]")


def acronym_codes(value: str) -> list[str] | None:
    """The codes of an acronym whose letters are defined one by one in the brackets after it."""
    m = _ACRONYM.search(value)
    if not m:
        return None
    letters = list(m.group("acr"))
    defined = re.findall(r"(?:^|[，,;；、]\s*)([A-Z])\s*(?:=|:|：|是|为)", m.group("defs"))
    return letters if defined == letters and len(set(letters)) == len(letters) else None


def form_label_candidate(text: str) -> Candidate | None:
    """The first label field's names, as a candidate; else a field that spells out its codes ("评测方式：GSB（G=…）")."""
    fields = form_fields(text)
    readings = [(item, form_value_labels(item)) for item in fields if item.kind == "labels" and not item.pending]
    if any(names is None and len([line for line in item.lines if line.strip()]) >= 3 for item, names in readings):
        return None  # a label field of several lines that reads as no plain list ("- Admit — strong fit, …"): the other readers'
    for item, names in readings:
        if names:
            return Candidate(names, text[item.start : item.end].strip(), item.start, item.end, "form")
    for item in fields:
        codes = acronym_codes(item.value) if item.kind in ("other", "labels") else None
        if codes:
            # "G=B比A好，S=差不多，B=B比A差": codes of a comparison grade it, better to worse
            graded = bool(re.search(r"比|better|worse|好|差|same|equal", item.value, re.I))
            return Candidate(codes, text[item.start : item.end].strip(), item.start, item.end, "form", ordinal=graded)
    return None


_RUN = re.compile(r"^(?P<a>[^/／]{1,24}?)(?:\s+[/／]\s+[^/／]{1,24}?){2,6}$")


def form_option_runs(text: str, skip: int) -> list[str]:
    """Option runs of the form's other fields: "severity per issue: minor / major / critical (critical = …)" is a second
    set of labels beside the label field's."""
    found: list[str] = []
    for item in form_fields(text):
        if item.kind != "other" or item.start == skip or len(item.lines) != 1:
            continue
        plain = _COMMENT.sub("", _NOTE.sub("", item.value)).strip(" .。")
        if not _RUN.match(plain):
            continue
        names = [_clean(part) for part in re.split(r"\s+[/／]\s+", plain)]
        if all(_short(name) and len(name.split()) <= 3 and not re.search(r"\d", name) for name in names):
            found += [name for name in names if name not in found]
    return found


def _sheet_headers(text: str) -> list[tuple[int, int, list[str]]]:
    """Header rows of sheets pasted into the text: a row of three cells or more (pipes or tabs) with a row of the
    same width under it; each as (start, end, cell names)."""
    found = []
    lines = text.split("\n")
    offset = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for i, line in enumerate(lines[:-1]):
        for sep in ("|", "\t"):
            cells = [cell.strip() for cell in line.strip().strip("|").split(sep)]
            below = lines[i + 1].strip()
            if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?", below) and i + 2 < len(lines):
                below = lines[i + 2].strip()  # a markdown table's rule row
            if len(cells) >= 3 and all(cells) and below.strip("|").count(sep) >= len(cells) - 2:
                if i and lines[i - 1].count(sep) >= 2:
                    continue  # not the first row
                found.append((starts[i], starts[i] + len(line), cells))
    return found


def sheet_column_options(text: str) -> Candidate | None:
    """"winner = v1 / v2 / tie" under a pasted sheet whose header has a "winner" column: the options the column is
    filled with. The header row itself names columns, never labels."""
    for _start, end, cells in _sheet_headers(text):
        for cell in cells:
            name = re.sub(r"\s*[（(][^()（）]*[)）]|[?？]", "", cell).strip()
            if not name or len(name) > 30:
                continue
            m = re.search(
                rf"(?:^|(?<=[\s.。;；]))(?:the\s+)?{re.escape(name)}(?:\s+(?:column|col|列))?\s*(?:=|:|：|options?\s*[:：=]?|is|are|填)\s*"
                r"(?P<run>[^\n.。;；]{2,120})",
                text[end:],
                re.I,
            )
            if not m:
                continue
            run = re.sub(r"\s*[（(][^()（）]*[)）]", "", m.group("run"))
            parts = [_clean(part) for part in re.split(r"\s+[/／|]\s+|\s*[/／|]\s*|\s*,\s*(?:or\s+)?|\s+or\s+", run) if part.strip()]
            if 2 <= len(parts) <= 8 and all(_short(part) and len(part.split()) <= 3 and not re.fullmatch(r"\d{1,2}\s*-\s*\d{1,2}", part) for part in parts):
                at = end + m.start()
                return Candidate(parts, text[at : end + m.end()].strip(), at, end + m.end(), "sheet")
    return None
