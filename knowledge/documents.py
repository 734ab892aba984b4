"""Importing a rule document written elsewhere (Markdown or Word) as a past project.

Teams keep rule documents as Word files or wiki pages. This reads their structure — the title,
the task definition, one heading per label under a "labels" section with its definition,
criteria and examples, the decision procedure and the edge cases — in Chinese or English. Word
files are turned into the same Markdown-like outline first (heading styles, lists, tables).
Rulebook's own Markdown export reads back exactly this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import EdgeCase, Example, FiveW2HSummary, LabelRule, PastProject, PastRules, Polarity
from knowledge.doc_ids import document_id

SECTION_PATTERNS = {
    "task": r"task definition|task description|^task$|任务定义|任务说明|任务描述",
    "labels": r"label definitions|^labels$|label set|标签定义|标签说明|^标签$|类别定义|标签体系",
    "procedure": r"decision procedure|decision process|how to decide|判定流程|判断流程|决策流程",
    "edge": r"edge cases?|corner cases?|边界情况|特殊情况|疑难案例",
    "output": r"output format|输出格式",
}
LABEL_PARTS = {
    "criteria": r"criteria|decision rules|判定标准|判断标准|标准",
    "cues": r"typical cues|cues|典型线索|线索",
    "counter": r"counter-?cues|not this label|反例线索|排除",
    "examples": r"examples?|示例|例子|样例",
}
_DEFINITION = re.compile(r"^\**(?:definition|定义)\**\s*[:：]\s*\**\s*(?P<text>.+)$", re.I)
_ALIASES = re.compile(r"^_?(?:also called|别名)\s*[:：]\s*(?P<text>.+?)_?$", re.I)
_EXAMPLE = re.compile(r"«(?P<text>.+?)»\s*→\s*(?P<rest>.+)$")
_BULLET = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)、．](?!\d)\s*|[（(]\d+[)）]\s*)(?P<text>\S.*)$")
_EXAMPLE_LINE = re.compile(r"^\**(?P<kind>示例|例子|样例|正例|example|反例|counter-?example|negative example)\**\s*[:：]\s*(?P<text>.+)$", re.I)
_CORRECT = re.compile(r"[（(]\s*(?:应为|应标|实际(?:是|为)?|应该是|should be|actually)\s*[:：]?\s*(?P<label>[^)）]+)[)）]\s*$", re.I)
TABLE_COLUMNS = {
    "name": r"^(?:标签|标签名|标签名称|类别|类别名称|名称|label|name|category)$",
    "definition": r"定义|说明|描述|含义|definition|description|meaning",
    "examples": r"^(?:示例|例子|样例|正例|例句|examples?)$",
    "counter": r"反例|counter|negative",
}
_WHY = re.compile(r"^(?:why|原因|理由|说明)\s*[:：]\s*(?P<text>.+)$", re.I)


@dataclass
class Section:
    title: str
    level: int
    lines: list[str] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)


_NUMBERING = re.compile(
    r"^(?:第?[一二三四五六七八九十百]+[、.．章节]\s*|[（(][一二三四五六七八九十\d]+[)）]\s*|\d+(?:\.\d+)*(?:[.、．]\s*|\s+))(?=\S)"
)
_CN_HEADING = re.compile(r"^[一二三四五六七八九十]+、\s*\S")
_DOTTED_HEADING = re.compile(r"^\d+\.\d+(?:\.\d+)?\s*[^\d\s.]")
_SENTENCE_END = re.compile(r"[。！？.!?；;：:，,]$")


def strip_numbering(title: str) -> str:
    """A heading without its number: "一、任务说明" -> "任务说明", "2.1 退款退货" -> "退款退货" (the name is kept whole)."""
    return _NUMBERING.sub("", title.strip(), count=1).strip() or title.strip()


def promote_headings(markdown: str) -> str:
    """Numbered lines that work as headings become Markdown headings: "一、任务说明" (level 2 under a
    title, like Word's Heading 1), "2.1 退款退货" (one level deeper), and bold numbered paragraphs (WPS)."""
    lines = markdown.splitlines()
    has_title = any(re.match(r"^#\s", line) for line in lines)
    top = 2 if has_title else 1
    out = []
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "|", "-", "*  ", "+ ")) and not stripped.startswith("**"):
            out.append(line)
            continue
        bold = re.fullmatch(r"\*\*(.+?)\*\*\s*[:：]?", stripped)
        text = bold.group(1).strip() if bold else stripped
        short = len(text) <= 40 and not _SENTENCE_END.search(text)
        if short and _CN_HEADING.match(text):
            out.append(f"{'#' * top} {text}")
        elif short and _DOTTED_HEADING.match(text):
            out.append(f"{'#' * (top + 1)} {text}")
        elif bold and short and re.match(r"^\d+[.、．]\s*\S", text):
            out.append(f"{'#' * top} {text}")
        else:
            out.append(line)
    return "\n".join(out)


def outline(markdown: str) -> Section:
    root = Section("", 0)
    stack = [root]
    for line in markdown.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if heading:
            level = len(heading.group(1))
            title = strip_numbering(_clean(heading.group(2)))  # "2. Labels" -> "Labels", "2.1 退款退货" -> "退款退货"
            while stack[-1].level >= level:
                stack.pop()
            section = Section(title, level)
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].lines.append(line.rstrip())
    return root


def _walk(section: Section):
    yield section
    for child in section.children:
        yield from _walk(child)


def _find(root: Section, kind: str) -> Section | None:
    pattern = re.compile(SECTION_PATTERNS[kind], re.I)
    return next((s for s in _walk(root) if s.level and pattern.search(s.title)), None)


def _clean(text: str) -> str:
    return re.sub(r"\*\*|__|`", "", text).strip()


def _paragraphs(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    return [_clean(" ".join(p.split())) for p in re.split(r"\n\s*\n", text) if p.strip() and not p.strip().startswith("|")]


def _bullets(lines: list[str]) -> list[str]:
    return [_clean(m.group("text")) for line in lines if (m := _BULLET.match(line))]


def _table_rows(lines: list[str]) -> list[list[str]]:
    rows = []
    for line in lines:
        if line.strip().startswith("|") and not re.match(r"^\|\s*:?-{2,}", line.strip()):
            cells = [_clean(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            rows.append(cells)
    return rows[1:] if len(rows) > 1 else []


def _examples(section: Section, label: str) -> list[Example]:
    examples = []
    lines = [line for s in _walk(section) for line in s.lines]
    for line in lines:
        found = _EXAMPLE_LINE.match(_clean(line.strip()))
        if found:
            examples.extend(_line_examples(found.group("text"), label, negative=found.group("kind") in ("反例",) or "counter" in found.group("kind").lower() or "negative" in found.group("kind").lower()))
    for index, line in enumerate(lines):
        match = _EXAMPLE.search(line)
        if not match:
            continue
        rest = _clean(match.group("rest"))
        negative = "✗" in line or re.match(r"^(?:not\b|不是|非)", rest, re.I) is not None
        correct = None
        actual = re.search(r"(?:actually|实际(?:是|为)?|应标|应为)\s*[:：]?\s*(?P<label>.+)$", rest, re.I)
        if negative and actual:
            correct = actual.group("label").strip(" *")
        explanation = ""
        for following in lines[index + 1 : index + 4]:
            why = _WHY.match(_clean(following.strip(" -")))
            if why:
                explanation = why.group("text")
                break
        examples.append(
            Example(
                text=match.group("text").strip(),
                label=label,
                polarity=Polarity.negative if negative else Polarity.positive,
                explanation=explanation or ("(no explanation in the source document)" if not negative else "a look-alike of this label"),
                correct_label=correct,
            )
        )
    return examples


def _line_examples(text: str, label: str, *, negative: bool) -> list[Example]:
    """Examples written as "示例：text" / "反例：text（应为 X）"; several may be separated by ；or ;."""
    out = []
    for part in re.split(r"[；;]\s*|\s*/\s+", text):
        part = part.strip().strip("「」“”\"'")
        if not part:
            continue
        correct = _CORRECT.search(part)
        if correct:
            part = part[: correct.start()].strip().strip("「」“”\"'")
        if not part:
            continue
        out.append(
            Example(
                text=part,
                label=label,
                polarity=Polarity.negative if negative else Polarity.positive,
                explanation="a look-alike of this label" if negative else "(no explanation in the source document)",
                correct_label=correct.group("label").strip() if (negative and correct) else None,
            )
        )
    return out


def _table_labels(lines: list[str]) -> tuple[list[LabelRule], list[Example]]:
    """Labels from a table whose header names a label column (标签 / Label) and a definition column."""
    rows = [
        [_clean(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        for line in lines
        if line.strip().startswith("|") and not re.match(r"^\|\s*:?-{2,}", line.strip())
    ]
    if len(rows) < 2:
        return [], []
    header = [cell.lower() for cell in rows[0]]
    where: dict[str, int] = {}
    for role, pattern in TABLE_COLUMNS.items():
        for index, cell in enumerate(header):
            if index not in where.values() and re.search(pattern, cell, re.I):
                where[role] = index
                break
    if "name" not in where or "definition" not in where:
        return [], []
    labels, examples = [], []
    for row in rows[1:]:
        cell = lambda role: row[where[role]].strip() if role in where and where[role] < len(row) else ""  # noqa: E731, B023 - called only within this iteration
        name = strip_numbering(cell("name")) if cell("name") else ""
        if not name:
            continue
        labels.append(LabelRule(name=name, definition=cell("definition") or name))
        if cell("examples"):
            examples.extend(_line_examples(cell("examples"), name, negative=False))
        if cell("counter"):
            examples.extend(_line_examples(cell("counter"), name, negative=True))
    return labels, examples


def _label(section: Section) -> tuple[LabelRule, list[Example]]:
    name = _clean(section.title)
    definition, aliases = "", []
    for line in section.lines:
        stripped = _clean(line.strip())
        if (match := _DEFINITION.match(stripped)) and not definition:
            definition = match.group("text").strip()
        elif match := _ALIASES.match(stripped):
            aliases = [a.strip() for a in re.split(r"[,，、]", match.group("text")) if a.strip()]
    if not definition:
        candidates = [
            p for p in _paragraphs(section.lines)
            if not _ALIASES.match(p) and not _EXAMPLE_LINE.match(p) and not _BULLET.match(p)
        ]
        definition = candidates[0] if candidates else ""
    parts: dict[str, list[str]] = {"criteria": [], "cues": [], "counter": []}

    def part_of(title: str) -> str | None:
        # counter-cues first: "反例线索" and "counter-cues" also match the plainer patterns
        for part in ("counter", "cues", "examples", "criteria"):
            if re.search(LABEL_PARTS[part], title, re.I):
                return part
        return None

    # Sub-parts are sub-headings or bold lines ("**Criteria**", "**判定标准**") inside the label section.
    current: str | None = None
    for line in [*section.lines, *(line for child in section.children for line in [f"**{child.title}**", *child.lines])]:
        marker = re.match(r"^\s*\*\*(?P<title>[^*]+)\*\*\s*[:：]?\s*$", line)
        if marker:
            current = part_of(marker.group("title"))
            continue
        bullet = _BULLET.match(line)
        if bullet and current in parts and "«" not in line:
            parts[current].append(_clean(bullet.group("text")))
    if not any(parts.values()):
        parts["criteria"] = [b for b in _bullets(section.lines) if "«" not in b]
    rule = LabelRule(
        name=name,
        definition=definition or name,
        criteria=parts["criteria"],
        cues=parts["cues"],
        counter_cues=parts["counter"],
        aliases=aliases,
    )
    return rule, _examples(section, name)


def _leading_title(root: Section) -> str:
    """A title written as the first short line before any heading (bold or not)."""
    for line in root.lines:
        text = _clean(line.strip())
        if text:
            return text if len(text) <= 60 and not _SENTENCE_END.search(text) else ""
    return ""


def _heading_title(root: Section) -> str:
    """A title written as the first top heading (Word's Heading 1 used for the title): unnumbered,
    not a known section, and before any known section."""
    for section in root.children:
        if any(re.search(p, section.title, re.I) for p in SECTION_PATTERNS.values()):
            return ""
        if all(not line.strip() for line in section.lines) and not section.children:
            return section.title  # a heading followed directly by the next heading: the title
        return ""
    return ""


def parse_rule_document(markdown: str, *, source: str) -> dict:
    """The structure of a rule document: title, task, labels (with examples), procedure, edge cases."""
    markdown = promote_headings(markdown)
    root = outline(markdown)
    title = next(
        (s.title for s in _walk(root) if s.level == 1 and not any(re.search(p, s.title, re.I) for p in SECTION_PATTERNS.values())),
        "",
    ) or _leading_title(root) or _heading_title(root)
    labels_section = _find(root, "labels")
    table_labels, table_examples = _table_labels(labels_section.lines) if labels_section is not None else ([], [])
    if labels_section is None or not (labels_section.children or table_labels):
        raise InputError(Message("error.documents.no_label_section", source=source))
    labels, examples = list(table_labels), list(table_examples)
    table_names = {rule.name for rule in table_labels}
    for child in labels_section.children:
        rule, found = _label(child)
        same = next((i for i, known in enumerate(labels) if known.name == rule.name), None) if rule.name in table_names else None
        table_names.discard(rule.name)
        if same is None:
            labels.append(rule)
        else:  # the sub-section says more than the table row: keep the table's definition if the section has none
            table_rule = labels[same]
            definition = rule.definition if rule.definition != rule.name else table_rule.definition
            labels[same] = rule.model_copy(update={"definition": definition})
        examples.extend(found)
    names = [label.name for label in labels]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(Message("error.documents.defined_twice", source=source, labels=str(duplicates)))
    task = _find(root, "task")
    procedure = _find(root, "procedure")
    edge = _find(root, "edge")
    output = _find(root, "output")
    edge_cases = []
    if edge is not None:
        for row in _table_rows(edge.lines):
            if len(row) >= 2 and row[0] and row[1]:
                edge_cases.append(EdgeCase(case=row[0], resolution=row[1]))
        for bullet in _bullets(edge.lines):
            parts = re.split(r"\s*(?:→|->|：)\s*", bullet, maxsplit=1)
            if len(parts) == 2 and all(part.strip() for part in parts):
                edge_cases.append(EdgeCase(case=parts[0].strip(), resolution=parts[1].strip()))
    task_paragraphs = _paragraphs(task.lines) if task else []
    return {
        "title": title,
        "task_definition": next((p for p in task_paragraphs if not p.lower().startswith(("purpose", "目的"))), "") or title,
        "labels": labels,
        "examples": examples,
        "decision_procedure": _bullets(procedure.lines) if procedure else [],
        "edge_cases": edge_cases,
        "output_format": " ".join(_paragraphs(output.lines)) if output else "",
    }


def docx_to_markdown(path: Path) -> str:
    """A Word document as a Markdown outline: heading styles, list paragraphs and tables."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise InputError(Message("error.documents.not_docx", path=str(path), reason=str(error))) from error
    lines: list[str] = []
    seen_heading = False
    body = document.element.body
    tables = iter(document.tables)
    paragraphs = iter(document.paragraphs)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = next(paragraphs)
            style = (paragraph.style.name or "") if paragraph.style is not None else ""
            text = paragraph.text.strip()
            if not text:
                lines.append("")
                continue
            heading = re.match(r"(?:Heading|标题)\s*(\d)", style)
            bold = bool(paragraph.runs) and all(run.bold for run in paragraph.runs if run.text.strip())
            if style == "Title" or (not seen_heading and bold and not any(l.startswith("# ") for l in lines) and len(text) <= 60):
                lines.extend([f"# {text}", ""])  # the title: a Title style, or a bold first paragraph (WPS)
            elif heading:
                seen_heading = True
                lines.extend([f"{'#' * min(int(heading.group(1)) + 1, 6)} {text}", ""])  # Heading 1 sits under the title
            elif "List" in style:
                lines.append(f"{'1.' if 'Number' in style else '-'} {text}")
            elif bold:
                lines.extend([f"**{text}**", ""])  # a bold line works as a small heading
            else:
                lines.extend([text, ""])
        elif tag == "tbl":
            table = next(tables)
            for index, row in enumerate(table.rows):
                lines.append("| " + " | ".join(cell.text.strip().replace("|", "\\|") for cell in row.cells) + " |")
                if index == 0:
                    lines.append("|" + " --- |" * len(row.cells))
            lines.append("")
    return "\n".join(lines)


def read_rule_document(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        return docx_to_markdown(path)
    if path.suffix.lower() not in (".md", ".markdown", ".txt"):
        raise InputError(Message("error.documents.unsupported_type", path=str(path)))
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(Message("error.documents.not_found", path=str(path))) from error
    except UnicodeDecodeError as error:
        raise InputError(Message("error.documents.not_utf8", path=str(path), byte=error.start)) from error


def default_document_id(file_name: str, content: bytes | None = None) -> str:
    """A past-project id from a document's file name: pinyin for Chinese ("退款规则 v2.docx" ->
    "tuikuanguize-v2"), a content hash when nothing is left to spell (see :mod:`knowledge.doc_ids`)."""

    return document_id(file_name, content)


def past_project_from_document(
    path: Path, *, project_id: str, task_type: str, language: str, name: str | None = None, domain: str = "general"
) -> PastProject:
    """A past project from a rule document read by its outline (see :func:`parse_rule_document`)."""
    parsed = parse_rule_document(read_rule_document(path), source=str(path))
    return past_project_from_parsed(
        parsed, path, project_id=project_id, task_type=task_type, language=language, name=name, domain=domain
    )


def past_project_from_parsed(
    parsed: dict, path: Path, *, project_id: str, task_type: str, language: str, name: str | None = None,
    domain: str = "general", how: str = "outline",
) -> PastProject:
    """A past project from a parsed document; examples that name an unknown label are left out."""
    from pydantic import ValidationError

    names = {label.name for label in parsed["labels"]}
    examples = [
        e.model_copy(update={"correct_label": e.correct_label if e.correct_label in names else None})
        for e in parsed["examples"]
        if e.label in names
    ]
    title = name or parsed["title"] or path.stem
    try:
        return PastProject(
            id=project_id,
            name=title,
            domain=domain,
            language=language,
            task_type=task_type,
            summary=f"{title}. {parsed['task_definition']}"[:1000],
            five_w2h=FiveW2HSummary(what=parsed["task_definition"] or title, why="imported rule document"),
            rules=PastRules(
                task_definition=parsed["task_definition"] or title,
                labels=parsed["labels"],
                decision_procedure=parsed["decision_procedure"],
                edge_cases=parsed["edge_cases"],
                output_format=parsed["output_format"],
            ),
            examples=examples,
            lessons=[],
            tags=["imported", path.suffix.lower().lstrip(".")] + (["read-by-llm"] if how == "llm" else []),
        )
    except ValidationError as error:
        problem = error.errors()[0]
        location = ".".join(str(part) for part in problem["loc"])
        raise InputError(Message("error.documents.invalid_field", path=str(path), location=location, reason=str(problem["msg"]))) from error
