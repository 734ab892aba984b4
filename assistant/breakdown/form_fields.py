"""The fields of a filled-in form: ticket forms (Jira, 工单, 飞书多维表格), intake forms, key–value rows pasted from a sheet.

People submit requests as forms: one "field: value" line after another ("Volume: 2,400", "标注类型：情感",
"截止：下周五"), a two-column paste with a tab between the field and its value ("数量\t两千五"), checklist items with a
field in them ("- [ ] budget: $0"). A value may go on over the lines under its field: lines indented under it, lines
that are no field of their own after a field left empty ("意图类别：\n预约/改约\n报告查询"), cells of a pasted sheet whose
field cell is empty ("标签\t通过\n\t低俗").

`form_fields(text)` gives each field's key, its value (the inline value and its continuation lines) and where they are;
[] when the text is no form (fewer than three field lines with short keys).

Each field's key says what it carries:

- `labels`: the annotation label set ("Classes", "Label set", "Categories", "Fields to pull", "Scale", "Rubric",
  "标签", "意图类别", "话题选项", "抽取字段", "评估项", "判断标准", "xx标签");
- `meta`: ticket metadata — the ticket's own tags and bookkeeping ("Summary", "Issue Type", "Priority", "Reporter",
  "Assignee", "Components", "Story Points", "Fix Version/s", "Epic Link", "优先级", "状态", "提交人", "工单编号");
  in a ticket (two metadata fields or more), a "Labels" / "Tags" field is the ticket's tags, not the label set;
- `type`: the kind of annotation ("Annotation type", "Type of labeling", "标注类型", "需求类型");
- anything else: `other`.

A value that is blank, "N/A", "TBD", "待定", "-", "none", "see PO" or a pointer ("see below", "如下") states nothing
(`Field.pending`): the list it points to is read where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Field", "form_fields", "is_form", "mask_fields", "BLANK"]

# a key: short, no sentence in it; a note in brackets may follow it ("话题选项（在"选项"sheet里）：")
_KEY = r"[A-Za-z\u4e00-\u9fff#][^:：\t\n|]{0,40}?"
_FIELD_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*•·+][ \t]+)?(?:\[[ xX]\][ \t]+)?(?P<key>" + _KEY + r")[ \t]*"
    r"(?P<note>[（(][^()（）\n]{0,60}[)）])?[ \t]*[:：][ \t]*(?P<value>[^\n]*)$"
)
_TAB_LINE = re.compile(r"^(?P<indent>)(?P<key>[^\t\n]{1,24})\t+(?P<value>[^\n]*)$")
_CELL_LINE = re.compile(r"^\t+(?P<value>[^\n]*\S[^\n]*)$")
# a value that points to the list below it names nothing itself: "Labels: see below", "标签：如下"
_POINTER_WORDS = r"(?:see|as|listed)\s+below|see\s+(?:the\s+)?(?:list|table)\s+below|如下|见下(?:方|文|表)?|详见下(?:方|文|表)"
BLANK = re.compile(
    r"^\s*(?:|[-–—/]+|n/?a|none|nil|tbd|tba|tbc|todo|unknown|see\s+po|\?+|待定|待确认|未定|暂无|无|空|不详|未知|还没定"
    rf"|{_POINTER_WORDS})"
    r"(?:\s*(?:[（(][^()（）\n]*[)）]|[-–—,，;；][^\n]{0,40}))?\s*[.。]?\s*$",
    re.I,
)
POINTER = re.compile(rf"^\s*(?:{_POINTER_WORDS})\s*[:：.。]?\s*$", re.I)
_LABEL_KEY = re.compile(
    r"^(?:(?:annotation\s+|tag\s+|label\s+)?(?:labels?|tags?)(?:\s+(?:set|list|options?|to\s+(?:use|apply|annotate)))?|"
    r"classes|class\s+list|categor(?:y|ies)(?:\s+list)?|buckets?|intents?(?:\s+list)?|options?|answer\s+options|choices|"
    r"verdict(?:\s+options)?|scale|rating(?:\s+scale)?|rubric|grades?|levels?|"
    r"(?:entit(?:y|ies)|fields?)(?:\s+(?:types?|to\s+(?:pull|extract|capture|tag|mark|label)))?|what\s+to\s+(?:pull|extract|tag|mark|label)|pull|extract|"
    r"[\u4e00-\u9fff]{0,6}(?:标签|类别|选项|分类|档位|等级|取值)|标签体系|意图类别|抽取字段|字段(?:列表)?|评估项|评估维度|打分维度|评分项|判断标准|评分标准)$",
    re.I,
)
# a checklist item or a sentence that ends on its labels' noun: "QA pass, log every issue with a category:"
_LABEL_KEY_END = re.compile(r"(?:\bwith\s+an?\s+|\bone\s+of\s+(?:the\s+)?|\b(?:these|the\s+following)\s+)(?:category|categories|labels?|tags?|classes|options|buckets)$", re.I)
_META_KEY = re.compile(
    r"^(?:summary|issue\s+type|type\s+of\s+issue|priority|reporter|requestor|requester|assignee|components?|component/s|story\s+points?|"
    r"fix\s+versions?|fix\s+version/s|affects?\s+versions?|epic(?:\s+link)?|sprint|status|resolution|watchers?|"
    r"ticket(?:\s+(?:id|no\.?|#))?|id|key|created|updated|project(?:\s+(?:name|key))?|contact|client|dept(?:\s+cost\s+center)?|"
    r"cost\s+cent(?:er|re)|department|product|system|"
    r"优先级|状态|提交人|申请人|申请部门|负责人|经办人|报告人|处理人|工单(?:编号|号)?|编号|需求名称|需求标题|项目名称|项目|系统|部门)$",
    re.I,
)
_TICKET_KEY = re.compile(
    r"^(?:issue\s+type|priority|reporter|assignee|components?|component/s|story\s+points?|fix\s+versions?|fix\s+version/s|"
    r"affects?\s+versions?|epic(?:\s+link)?|sprint|status|resolution|优先级|状态|经办人|报告人)$",
    re.I,
)
_MAIL_KEY = re.compile(r"^(?:from|to|cc|bcc|sent|date|subject|发件人|收件人|抄送|发送时间|主题)$", re.I)
_TICKET_TAGS = re.compile(r"^(?:labels?|tags?|标签)$", re.I)
_TYPE_KEY = re.compile(r"^(?:(?:annotation|labell?ing|task|request|job)\s+type|type(?:\s+of\s+(?:labell?ing|annotation|task))?|标注类型|需求类型|任务类型|类型)$", re.I)


@dataclass
class Field:
    key: str
    value: str  # the inline value and its continuation lines, one per line
    start: int  # where the field's line starts
    value_start: int
    end: int  # the end of its last line
    kind: str = "other"  # labels | meta | type | other
    lines: list[str] = field(default_factory=list)  # the inline value (when any) and each continuation line

    @property
    def pending(self) -> bool:
        """Blank, N/A, TBD, 待定: the field states nothing."""
        return bool(BLANK.match(self.value)) and "\n" not in self.value.strip()


def _key_ok(key: str) -> bool:
    key = key.strip()
    if not key or re.search(r"https?$|[。，,;；!?！？]\s*\S.*[。，,;；!?！？]", key):
        return False
    if re.search(r"[\u4e00-\u9fff]", key):
        return len(key) <= 12
    return len(key.split()) <= 5 or (len(key.split()) <= 10 and bool(_LABEL_KEY_END.search(key)))


def _kind(key: str) -> str:
    key = re.sub(r"\s+", " ", key.strip(" *_#\t"))
    if _META_KEY.match(key):
        return "meta"
    if _TYPE_KEY.match(key):
        return "type"
    if _LABEL_KEY.match(key) or _LABEL_KEY_END.search(key):
        return "labels"
    return "other"


def form_fields(text: str, least: int = 3) -> list[Field]:
    """The form's fields in order; [] when the text is no form (fewer than `least` fields)."""
    found: list[Field] = []
    offset = 0
    lines = text.split("\n")
    # a two-column paste ("字段\t值"): rows of one field cell and one value cell; rows of three cells or more are a
    # table of names ("字段名\t说明\t例子"), no form
    pairs = [line for line in lines if _TAB_LINE.match(line) and not line.startswith("\t")]
    tabbed = len(pairs) >= 3 and all(len([cell for cell in line.split("\t") if cell.strip()]) <= 2 for line in pairs)
    current: Field | None = None
    current_indent = 0
    for line in lines:
        start, offset = offset, offset + len(line) + 1
        m = _CELL_LINE.match(line) if tabbed else None
        if m and current is not None:
            current.lines.append(m.group("value").strip())
            current.end = start + len(line)
            continue
        m = (_TAB_LINE.match(line) if tabbed else None) or _FIELD_LINE.match(line)
        indented = current is not None and len(line) - len(line.lstrip(" \t")) > current_indent
        if m and _key_ok(m.group("key")) and not (indented and current is not None and (current.kind == "labels" or not current.value.strip())):
            key = m.group("key").strip()
            value = m.group("value").strip()
            current = Field(key, value, start, start + m.start("value"), start + len(line), _kind(key), [value] if value else [])
            current_indent = len(m.group("indent"))
            found.append(current)
            continue
        if current is None:
            continue
        if not line.strip():
            if current.lines and current.lines[-1] != "":
                current.lines.append("")  # a blank line: the value may end here
            continue
        # a line that is no field: it goes on with the field above when indented under it, or when that field was
        # left empty on its own line ("意图类别：" then one name a line), or after a value broken mid-bracket
        open_bracket = current.lines and current.lines[-1].count("(") + current.lines[-1].count("（") > current.lines[-1].count(")") + current.lines[-1].count("）")
        if "" in current.lines:
            current = None  # past a blank line, a line that is no field ends the form's field
            continue
        if indented or not current.value.strip() or open_bracket or (current.kind == "labels" and len(current.lines) > 1):
            current.lines.append(line.strip())
            current.end = start + len(line)
        else:
            current = None
    for item in found:
        while item.lines and item.lines[-1] == "":
            item.lines.pop()
        item.value = "\n".join(item.lines)
    # an e-mail's headers ("From:", "Sent:", "Subject:") make no form: a thread quotes older messages below them
    if sum(not _MAIL_KEY.match(item.key.strip()) for item in found) < least or sum(bool(_MAIL_KEY.match(item.key.strip())) for item in found) >= 2:
        return []
    if sum(bool(_TICKET_KEY.match(item.key.strip())) for item in found) >= 2:
        for item in found:
            if _TICKET_TAGS.match(item.key.strip()):
                item.kind = "meta"  # a ticket's "Labels: survey, q4" tag the ticket
    return found


def is_form(text: str) -> bool:
    return bool(form_fields(text))


def mask_fields(text: str, fields: list[Field]) -> str:
    """The text with the values of metadata fields and of fields that state nothing blanked out (positions kept),
    so that no other reader takes a ticket's tags ("Labels: search, sprint49") or an "N/A" for labels or numbers."""
    out = list(text)
    for item in fields:
        if item.kind == "meta" or item.kind == "type" or (item.pending and item.value.strip()):
            for i in range(item.start, min(item.end, len(out))):
                if out[i] != "\n":
                    out[i] = " "
    return "".join(out)
