"""The sections of a requirement document: its headings, what each one is about, and the text under it.

Product owners write requests as documents: markdown headings ("## 4. Labels", "### 标签体系"), bold titles on a
line of their own ("**Background**", "**3. Entities**"), bold or plain field lines ("**Budget:** $6,000 total",
"Volume: ~12,000", "DDL：1 月 15 日", "4. Volume – …", "5) 时间：…", "四、Labels") and numbered sections
("1. Background — …"). A heading is only a heading when its title is a known section word (background, goal,
labels, volume, timeline, budget, 背景, 标签, 数量, 时间, 预算 …): a numbered list of labels ("1. Shipper") is no
document structure.

`sections(text)` gives each section's kind (labels, volume, deadline, budget, people, quality, revisions, other),
its title and its body (the inline value after the title plus the lines under it, up to the next heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Section", "sections", "section_of", "is_document", "known", "PENDING"]

# a title's words, by the section kind they open
_KINDS: dict[str, str] = {
    "labels": (
        r"labels?(?:\s+(?:set|list|schema|taxonomy|definitions?|scheme))?|label\s+set\s*\(v?\d[\w.]*\)|tags?|tag\s+set|categor(?:y|ies)|classes|"
        r"intents?(?:\s+(?:list|set))?|entit(?:y|ies)(?:\s+types?)?|fields?(?:\s+to\s+(?:extract|mark|label))?|"
        r"what\s+to\s+(?:mark|label|tag|extract|annotate|highlight)|rating(?:s)?(?:\s+(?:per|for)\s+\w+)?|rating\s+scale|options|"
        r"标签(?:体系|集合|定义|列表|设计|说明)?|标注标签|标签/类别|类别(?:定义)?|分类(?:体系|标签)?|意图(?:类别|列表|定义)?|"
        r"实体(?:类型|定义)?|抽取字段|字段(?:定义|列表)?|评估维度|打分维度|标注维度"
    ),
    "volume": r"volume|data\s+volume|quantity|size|数量|数据量|量级|规模|条数|case\s*数|标注量|样本量",
    "deadline": r"timeline|deadline|due(?:\s+date)?|ddl|delivery(?:\s+date)?|schedule|dates?|milestones?|key\s+dates|里程碑|时间|时间节点|排期|交付(?:时间)?|截止(?:时间|日期)?|工期|ddl",
    "budget": r"budget|cost|price|pricing|费用|预算|价格|报价|成本",
    "people": r"people|who|team|staffing|annotators?|raters?|labell?ers|人员|人力|标注人员|人",
    "quality": r"acceptance(?:\s+criteria)?|quality|qa|验收(?:标准)?|质量(?:要求)?|qa\s*抽检",
    "revisions": r"changelog|change\s+log|revisions?|changes|update[sd]?|备注(?:[（(][^)）]*[)）])?|修改记录|变更(?:记录)?|更新(?:记录)?",
    "other": (
        r"background|context|overview|goal|goals|objective|purpose|why|ask|format|scope|project|owner|notes?|open\s+questions|"
        r"what\s+we\s+need|what\s+to\s+look\s+at|task|data|input|output|deliverables?|"
        r"(?:需求|项目|业务)?(?:背景|目标|目的|范围)|数据|任务|标注对象|标注内容|标注方式|说明|需求|交付物|输入|输出|背景\s*/\s*background"
    ),
}
_KIND_RES = {kind: re.compile(rf"(?:{words})", re.I) for kind, words in _KINDS.items()}

# numbering before a title: "4.", "4)", "（四）", "四、", "1 -"
_NUM = r"(?:\d{1,2}\s*[.)、）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|#{1,6})"
# a heading line: markdown "#", a bold title, or a title before a colon / dash / full stop, with its inline value
_HEADING = re.compile(
    rf"^[ \t]*(?:[-*•][ \t]+)?(?:#{{1,6}}[ \t]*)?(?:\*\*|__)?[ \t]*(?:{_NUM}[ \t]*)?(?:\*\*|__)?[ \t]*"
    r"(?P<title>[^\n:：*|#（(]{1,40}?)[ \t]*(?:\*\*|__)?[ \t]*(?:[（(][^()（）\n]{0,40}[)）])?[ \t]*"
    r"(?:(?P<mark>[:：]|[.．](?=[ \t*_]|$)|[ \t][-–—](?=[ \t]))[ \t]*(?:\*\*|__)?[ \t]*[:：]?[ \t]*(?P<value>[^\n]*)|(?:\*\*|__)?[ \t]*$)",
    re.M,
)
_BARE_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+[^\n]{1,60}|\*\*[^*\n]{1,50}?(?:[:：]\*\*|\*\*[ \t]*[:：]?)|__[^_\n]{1,50}__[ \t]*[:：]?)[ \t]*$")
PENDING = re.compile(r"^\s*(?:tbd|tba|tbc|n/?a(?:\s+yet)?|待定|待确认|未定|暂定|还没定|未知|unknown|to\s+be\s+(?:decided|confirmed))\b", re.I)


@dataclass
class Section:
    kind: str
    title: str
    start: int  # where the heading line starts
    body_start: int  # where the inline value (or the next line) starts
    end: int
    text: str  # the body: inline value and the lines under the heading
    number: str = ""  # "3" of "3. Scope", "三" of "三、范围"

    @property
    def pending(self) -> bool:
        """The section says the matter is still open ("TBD", "待定") and gives nothing else."""
        return bool(PENDING.match(self.text)) and len(self.text.strip()) <= 80


def _kind(title: str) -> str | None:
    title = re.sub(r"\s+", " ", title.strip(" \t*_.:：-–—")).strip()
    if not title:
        return None
    for kind, regex in _KIND_RES.items():
        if regex.fullmatch(title):
            return kind
    # "Background / Goal", "Labels (v1)", "背景 / Background": every part a known title; the first decides
    parts = [part.strip() for part in re.split(r"\s*[/／&+]\s*|\s+and\s+", title) if part.strip()]
    if len(parts) >= 2:
        kinds = [next((kind for kind, regex in _KIND_RES.items() if regex.fullmatch(part)), None) for part in parts]
        if all(kinds):
            return kinds[0]
    return None


def sections(text: str) -> list[Section]:
    """The document's sections in order; [] when the text is no document (fewer than two known headings)."""
    heads: list[tuple[int, int, str, str, str]] = []
    for m in _HEADING.finditer(text):
        line = m.group(0)
        title = m.group("title")
        kind = _kind(title)
        if kind is None:
            if _BARE_HEADING.match(line):
                kind = "unknown"  # "**Out of scope:**", "## Risks": a heading of another matter ends the section before it
            else:
                continue
        if re.match(r"^\s*[-*•]\s", line) and not m.group("mark"):
            continue  # "- Billing" in a list of labels is no heading
        value_start = m.start("value") if m.group("mark") else m.end()
        number = re.match(r"^[ \t]*(?:[-*•][ \t]+)?(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*[（(]?([一二三四五六七八九十]{1,3}|\d{1,2})", line)
        heads.append((m.start(), value_start, kind, title.strip(), number.group(1) if number else ""))
    if sum(head[2] != "unknown" for head in heads) < 2:
        return []
    found = []
    for i, (start, value_start, kind, title, number) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        body = text[value_start:end]
        found.append(Section(kind, title, start, value_start, end, body.strip(), number))
    return found


def is_document(text: str) -> bool:
    """Enough known headings for the text to read as a document of sections."""
    return known(sections(text)) >= 3


def known(found: list[Section]) -> int:
    """How many of the sections have a known title."""
    return sum(section.kind != "unknown" for section in found)


def section_of(text: str, kind: str) -> list[Section]:
    """The document's sections of `kind`, in order ([] when the text is no document)."""
    found = sections(text)
    if known(found) < 3:
        return []
    return [section for section in found if section.kind == kind]
