"""Task-type shapes of product documents, tickets and dictated requests (issue 11, development sets 9 and 10).

`task_signals` sums cue words per type; the shapes here were missing or read the wrong way:

- cues of their own (`FORM_CUES`): an OCR or speech transcript corrected against its source (`对着原图把OCR结果改对`,
  `correct the OCR text against the image`) is work on text (`other`); two listings judged the same product
  (`同款匹配`, `same product or not`) is a judgement on a pair (`other`); a grading of risk (`风险分级`, `风险识别`) is
  safety review; sorting by a part of the product (`tag by module`, `按模块打标`) is by topic; chatbot utterances
  (`utterance tagging`, `用户首句`) are sorted by what the user wants;
- a list of a record's fields after a marking verb (`marked up - caller name, callback number, pickup location`)
  is span extraction, whatever the labels reader made of it;
- words that are not the ask: the definition written after a named label (`P2 关注：态度差、轻微争执`), a
  `Background` section of a document, `dispatch` naming an office (`tow dispatch voicemails`), and the data's own
  columns (`字段：item_a_title, item_b_title`, `字段说明：`, `complaint_reason 字段补标 … 取值：`);
- a second ask about the reasons (`不满意的到底是为啥……这个也想知道，能不能一起标`, `and we'd also like to know why`):
  two jobs in one request, asked.
"""

from __future__ import annotations

import re

from assistant.core.models import TaskType

__all__ = ["FORM_CUES", "definition_spans", "section_asides", "office_noun", "data_column", "reasons_too", "field_list", "blank_field_names"]

FORM_CUES: dict[TaskType, list[tuple[str, float]]] = {
    TaskType.other: [
        # a machine transcript corrected against its source
        (
            r"(?:OCR|ASR|识别|转写|转出来)(?:的)?(?:结果|文本|文字|内容)?[^，。；！？\n]{0,6}(?:改对|改正|纠正|更正|修正|订正|校正)|"
            r"对着(?:原图|图片|照片|原件|扫描件|录音|音频|原文)[^，。；！？\n]{0,16}(?:改|校|核)|"
            r"\b(?:OCR|ASR|transcription|transcript)\s+(?:corrections?|fix(?:es|ing)?|clean-?up|post-?editing)\b|"
            r"\bcorrect(?:s|ed|ing)?\s+(?:the\s+)?(?:OCR|ASR|machine|scanned)\s*(?:text|output|results?|transcripts?)?\b|"
            r"\b(?:OCR|ASR)(?:'d)?\s+(?:text|output|results?)\s+(?:corrected|fixed|correct(?:ed)?\s+against)\b",
            3.0,
        ),
        # two listings of one product: the same item or not
        (
            r"同款(?:匹配|判断|识别|比对|对比)|(?:是不是|是否|算不算)同(?:一)?款|"
            r"\b(?:product|item|listing|SKU)\s+match(?:ing|es)?\b|\b(?:same|identical)\s+(?:product|item|SKU|listing)s?\s+(?:or not|as each other)\b",
            3.0,
        ),
        # handwriting or an inscription copied out word for word: transcription, whatever it is written on
        (r"逐字(?:转录|誊录|抄录)|(?:题字|手写|笔迹|字迹|铭文|碑文)[^，。；\n]{0,8}(?:转录|誊录|抄录)|\btranscrib(?:e|ed|ing)\s+(?:the\s+)?(?:handwrit\w*|inscriptions?|captions?\s+written)", 3.0),
    ],
    TaskType.response_preference: [
        # "GSB" (good / same / bad): the house name of a side-by-side comparison of two systems' answers
        (r"(?<![A-Za-z])GSB(?![A-Za-z])", 3.0),
    ],
    TaskType.content_safety: [
        # "风险分级", "录音风险识别模型"; a credit or market risk is not a harm
        (r"(?<!信用)(?<!信贷)(?<!违约)(?<!投资)(?<!市场)(?<!财务)(?<!经营)风险(?:识别|分级|评级|等级|标注|审核|预警)|人身(?:威胁|安全)|性骚扰", 2.5),
    ],
    TaskType.topic_classification: [
        # the part of a product an item is about
        (
            r"\b(?:tag|tags|tagged|tagging|sort|sorted|classify|classified|group|grouped|label|labell?ed|bucket|split)\s+(?:\w+\s+){0,3}by\s+(?:the\s+|product\s+)?"
            r"(?:modules?|features?|components?|product areas?|areas?|product lines?|functions?|sections?)\b|"
            r"按(?:产品)?(?:模块|功能模块|功能|板块|产品线)(?:打标|标|分|归|归类|分类|划分)|(?:原因|问题)(?:大类|分类|类别)",
            2.5,
        ),
    ],
    TaskType.intent_classification: [
        # what people say to a chatbot or a service line, one turn at a time
        (r"\butterances?\b|用户(?:首句|第一句话?|进来的?第一句)|进线(?:语句|问题|文本)", 2.0),
    ],
}

# "- P2 关注：态度差、轻微争执" once the label is taken out: what follows the colon defines the label
_CODE = r"(?:[A-Z]{1,4}\d{0,2}|\d{1,2})(?:类|级)?"  # "P0", "A类", "3": a label's code before its name
_DEFINITION_AFTER_LABEL = rf"(?m)^[ \t]*(?:[-*•·]|\d{{1,2}}[.)、])?[ \t]*(?:\*\*)?(?:{_CODE})?[ \t]+(?:\*\*)?[ \t]*[:：=—–-][^\n]*$"


def definition_spans(text: str, labels: list[str] | None = None) -> list[tuple[int, int]]:
    """Spans of `text` that define a named label (the text after `LABEL：` on its line).

    `text` may have its labels blanked out already (`task_signals` does so); with `labels`, the original text is read.
    """
    spans = [m.span() for m in re.finditer(_DEFINITION_AFTER_LABEL, text)]
    for label in labels or []:
        if len(label) < 2:
            continue
        pattern = rf"(?m)^[ \t]*(?:[-*•·]|\d{{1,2}}[.)、])?[ \t]*(?:\*\*)?(?:{_CODE}[ \t]*)?{re.escape(label)}(?:\*\*)?[ \t]*[:：=—–]([^\n]*)$"
        spans.extend(m.span(1) for m in re.finditer(pattern, text))
    return spans


# "1. Background", "## 背景" alone on a line: the section says how things are now, not what is asked
_BACKGROUND_HEAD = re.compile(r"(?im)^[ \t]*(?:#{1,4}[ \t]*)?(?:\d{1,2}[.)、][ \t]*)?(?:\*\*)?(?:background|context|背景|现状)(?:\*\*)?[ \t]*$")
_NEXT_HEAD = re.compile(r"(?m)^[ \t]*(?:#{1,4}[ \t]*\S|\d{1,2}[.)、][ \t]*[A-Za-z\u4e00-\u9fff][^\n]{0,40}$)")


def section_asides(text: str) -> list[tuple[int, int]]:
    """The body of a `Background` / `背景` section, up to the next heading."""
    spans = []
    for head in _BACKGROUND_HEAD.finditer(text):
        following = _NEXT_HEAD.search(text, head.end() + 1)
        spans.append((head.end(), following.start() if following else len(text)))
    return spans


_OFFICE_AFTER = re.compile(r"^[ \t]+(?:voicemails?|calls?|recordings?|logs?|cent(?:er|re)s?|desks?|office|team|notes?|transcripts?|records?|radio|operators?|staff|queue)\b", re.I)


def office_noun(text: str, start: int, end: int) -> bool:
    """`dispatch` naming an office or its data ("tow dispatch voicemails"), not the act of routing."""
    return text[start:end].lower() == "dispatch" and bool(_OFFICE_AFTER.match(text[end : end + 20]))


_COLUMN_AFTER = re.compile(r"^[ \t]*(?:说明|[:：][ \t]*[A-Za-z_][\w]*[ \t]*[,，、])")


def data_column(text: str, start: int, end: int) -> bool:
    """`字段` naming the data's own columns ("字段：item_a_title, …", "字段说明："), or a column filled with one of a
    set of values ("complaint_reason 字段补标 … 取值："): no span is extracted."""
    if text[start:end] != "字段":
        return False
    if _COLUMN_AFTER.match(text[end : end + 24]):
        return True
    return bool(re.match(r"^[ \t]*(?:补标|待标|补填|填写)", text[end : end + 6]) and re.search(r"取值|可选值|枚举", text))


# "不满意的到底是为啥 … 这个也想知道，能不能一起标", "and we'd also like to know why they cancelled, tag that too"
REASON_TOO = re.compile(
    r"(?:为啥|为什么|什么原因|啥原因|原因(?!是|在于))[^。！？\n]{0,40}(?:也想知道|也要知道|也想看|一起标|也标一下|也一起|顺便标)|"
    r"(?:也想知道|也要知道|顺便)[^。！？\n]{0,12}(?:为啥|为什么|原因)|"
    r"\b(?:also|too|as well)\b[^.!?\n]{0,30}\b(?:know|see|tag|mark|label|note)\s+(?:\w+\s+){0,2}(?:why|the reasons?)\b|"
    r"\b(?:tag|mark|label|note)\s+(?:\w+\s+){0,2}(?:why|the reasons?)\b[^.!?\n]{0,30}\b(?:as well|too)\b",
    re.I,
)


def reasons_too(text: str) -> bool:
    """The request asks, besides its labels, for the reasons behind them: two jobs."""
    return REASON_TOO.search(text) is not None


# a record's fields after a marking verb and a dash or colon
_MARKING = re.compile(
    r"\b(?:mark(?:ed|ing)?\s+up|mark(?:ed)?|annotat(?:e|ed|ing)|tag(?:ged)?|pull(?:ed)?\s+out|pull|captur(?:e|ed)|extract(?:ed)?)\b[^.;\n]{0,20}?[ \t]*[-—–:：][ \t]*([^.;\n]{10,200})",
    re.I,
)
_FIELD_ITEM = re.compile(
    r"\b(?:name|number|no\.|id|date|time|amount|price|address|location|plate|model|make|colou?r|phone|email|e-mail|shop|store|"
    r"serial|code|quantity|size|weight|type of \w+|city|zip|postcode)s?\b",
    re.I,
)


def field_list(text: str) -> str | None:
    """"marked up - caller name, callback number, vehicle make/model, pickup location": most items are record fields."""
    for match in _MARKING.finditer(text):
        items = [item.strip() for item in re.split(r",|、|\band\b", match.group(1)) if item.strip()]
        fields = [item for item in items if len(item.split()) <= 4 and _FIELD_ITEM.search(item)]
        if len(items) >= 3 and len(fields) >= 3 and len(fields) * 2 >= len(items):
            return match.group(0)
    return None


# a ticket's or a form's "Description:" field names a part of the document, not a description to write
_FIELD_NAME = re.compile(r"(?im)^([ \t]*)(description|描述)(?=[ \t]*[:：])")


def blank_field_names(text: str) -> str:
    """`text` with the names of document fields (`Description:`) blanked, positions kept."""
    return _FIELD_NAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
