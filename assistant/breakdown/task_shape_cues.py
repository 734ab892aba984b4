"""Task-type shapes of terse, messy and formal requests (issue 11, development sets 11 to 13).

`task_signals` sums cue words per type; these shapes were missing:

- machine-written text about a picture, checked by a person (`AI writes damage notes` on `drone pics`,
  `the AI-written note` for each `room-inspection photo`, `software that writes a description of each radiograph`,
  `档口新款图 AI自动写的描述`): an image description task, whatever the verdict labels look like;
- the commenter's position on a proposal (`position on the permit: support, opposition, or neither`,
  `对方案的立场`): a stance, read as sentiment;
- options that are kinds of asks (`whether it is a request for …, a question about …, a dispute over …`): what the
  sender wants, intent;
- hiding the parts of a document that must not be published (`标出所有需要屏蔽的内容`, `redact names and
  addresses`): the spans to hide, extraction;
- work on records or on machine output that is not a label about what an item says (`other`): matching a name to a
  standard list (`菜名要对到标准菜品库`, `match each item to our master catalogue`), a transliteration
  (`software auto-converts to Hindi`, `音译`), a recording proofed against its script (`compare narration audio
  against the manuscript`).
"""

from __future__ import annotations

import re

from assistant.breakdown.task_evidence import Evidence
from assistant.core.models import TaskType

__all__ = ["CHECK_CUES", "TENTATIVE", "audit_word", "check_evidence"]

CHECK_CUES: dict[TaskType, list[tuple[str, float]]] = {
    TaskType.other: [
        # a name matched to a standard list or catalogue
        (
            r"(?:对到|对上|对应到|匹配到|映射到|挂到|关联到|归到)[^，。；！？\n]{0,6}(?:标准|统一|官方)[\u4e00-\u9fff]{0,4}(?:库|表|目录|清单|名录)|"
            r"\bmatch(?:ed|es|ing)?\s+(?:each\s+|every\s+|the\s+|our\s+)?(?:\w+\s+){0,3}(?:to|against|with)\s+(?:the\s+|our\s+|a\s+)?"
            r"(?:standard|master|canonical|reference|official)\s+(?:\w+\s+)?(?:list|catalog(?:ue)?|library|database|taxonomy|names?)\b",
            3.0,
        ),
        # a transliteration, a machine conversion into another script or language
        (r"音译|\btransliterat\w*|\bauto[- ]?convert(?:s|ed|ing)?\s+(?:\w+\s+){0,2}(?:in)?to\s+[A-Z][a-z]+\b", 3.0),
        # a recording proofed against its script
        (
            r"\b(?:audio|recordings?|narration|voice-?overs?|readings?)\s+(?:\w+\s+)?(?:against|with|to)\s+(?:the\s+)?(?:manuscript|script|book|text)s?\b|"
            r"(?:录音|音频|配音|朗读)[^，。；！？\n]{0,6}(?:对照|对着|核对)[^，。；！？\n]{0,4}(?:原稿|稿子|文稿|剧本|脚本)",
            3.0,
        ),
    ],
    TaskType.sentiment: [
        # "the commenter's position on the permit", "对方案的立场"
        (r"\b(?:\w+'s\s+|their\s+|his\s+|her\s+)?(?:position|stance)\s+on\s+(?:the|this|that|our|a|an)\s+\w+", 3.0),
    ],
    TaskType.content_safety: [
        # submissions vetted before they go out: "审稿", "不宜播出", "not fit to air"
        (r"审稿|(?:不宜|不能|不可|不适合)(?:播出|播放|发布|刊登|刊发|上墙|展示|公开)|\bnot (?:fit|suitable|ok) (?:to|for) (?:air|broadcast|publish|print)\b", 3.0),
    ],
    TaskType.response_preference: [
        # the two sides named as options: "A版更好、B版更好", "Hearth better, Keystone better, tie"
        (
            r"[AB甲乙12左右]\s*(?:版|稿|方案|号|边)?更(?:好|优|佳)\s*[、，,/或]\s*(?:还是\s*)?[AB甲乙12左右]\s*(?:版|稿|方案|号|边)?更(?:好|优|佳)|"
            r"\b\w+\s+(?:is\s+)?better\s*[,/]\s*(?:or\s+)?\w+\s+(?:is\s+)?better\b",
            4.0,
        ),
    ],
    TaskType.intent_classification: [
        # "one label per email, the main thing they want"
        (r"\b(?:the\s+)?(?:main|one|primary|key|first)\s+thing\s+(?:they|he|she|the\s+\w+|each\s+\w+)\s+(?:wants?|needs?|(?:is|are)\s+asking\s+for|asks?\s+for)\b", 2.5),
        # "弄清群众的来意": why the sender writes
        (r"来意", 3.0),
    ],
    TaskType.topic_classification: [
        # "类别按省厅口径分为：…"
        (r"(?:类别|类目|分类)(?:按|依|依照|按照)[^，。；！？\n]{0,10}分(?:为|成)", 2.5),
    ],
    TaskType.ner: [
        # the parts of a document to hide before it is published
        (r"(?:需要|须|需|要|应|予以)屏蔽|屏蔽(?:处理|的内容)|打码|遮挡|\bredact(?:s|ed|ing|ion)?\b", 3.0),
    ],
}

# a second job added tentatively, as a question: "+ maybe flag which ones look any good / worth accepting??",
# "顺便看看哪些是在吐槽的？？": two jobs, not settled, so the type is asked
TENTATIVE = (
    r"(?:^|\n)[ \t]*(?:\+|plus\b|also\b|and\b)[ \t]*(?:maybe|possibly|perhaps)[ \t]+(?:also[ \t]+)?(?:flag|mark|rate|score|tag|pick|sort|tell|note)\b[^\n]*[?？]|"
    r"(?:顺便|另外|再)(?:也)?(?:看看|看一下|标一下|帮忙看看)[^\n。]{0,30}[?？]|"
    # "两项工作是否需要一并开展，请贵方结合工作量提出意见": whether to do both is left to us
    r"(?:是否|要不要)(?:需要)?(?:一并|同时|都)(?:开展|做|标|进行)[^。\n]{0,20}(?:请|由)(?:贵方|你们|您)[^。\n]{0,12}(?:提出|给出|提)(?:意见|建议)"
)
_IMAGE = (
    r"(?:照片|图片|图像|相片|截图|配图|主图|款图|货图|实拍图|新品图|细节图|光片|胶片|X光|"
    r"\b(?:photos?|images?|pictures?|pics|snapshots?|screenshots?|radiographs?|x-?rays?|thumbnails?)\b)"
)
# text a machine wrote about each item: "AI writes listing desc", "the AI-written note", "AI自动写的描述"
_MACHINE_TEXT = (
    r"\b(?:AI|model|software|system|tool|bot|app|algorithm|GPT)\s+(?:that\s+|which\s+)?(?:auto-?)?(?:writes?|generates?|drafts?|produces?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:notes?|descriptions?|desc|captions?|listings?|texts?|reports?|comments?|findings?|alt[- ]?texts?)\b|"
    r"\b(?:AI|auto|machine|model)[- ](?:written|generated)\s+(?:\w+\s+){0,2}?(?:notes?|descriptions?|desc|captions?|listings?|texts?|reports?|comments?|findings?)\b|"
    r"(?:AI|模型|机器|系统|软件|自动)[^，。；！？\n]{0,6}(?:写|生成|出)的?[^，。；！？\n]{0,6}(?:描述|说明|文字|文案|备注|记录|报告|配文)"
)
# the options are kinds of asks: "a request for a certified copy, a question about fees, a dispute over …"
_ASK_KIND = r"\b(?:an?\s+)?(?:request|question|complaint|enquiry|inquiry|dispute|query)s?\s+(?:for|about|over|to|regarding|on)\b"


def check_evidence(text: str) -> list[Evidence]:
    """Evidence from how the request is built."""
    found: list[Evidence] = []
    image = re.search(_IMAGE, text, re.I)
    machine = re.search(_MACHINE_TEXT, text, re.I)
    if image and machine:
        found.append(Evidence(TaskType.image_description, 3.0, f"{image.group(0)} … {machine.group(0)}", "object"))
    for sentence in re.split(r"[.!?;\n](?:\s|$)", text):
        asks = list(re.finditer(_ASK_KIND, sentence, re.I))
        if len({m.group(0).lower().split()[-2] for m in asks}) >= 2 or len(asks) >= 3:
            # one sentence offering several kinds of asks as the options
            found.append(Evidence(TaskType.intent_classification, 2.5, asks[0].group(0), "labels"))
            break
    return found


# "审核" of a document or a form is an audit, not moderation: "对历史操作票进行人工审核", "报销单审核"; the people
# who review ("审核人员须持证") and the requester's own review afterwards ("我办需预留三个工作日审核") are not the ask
_AUDITED = r"(?:票|单据|单|合同|发票|报销|资质|凭证|材料|申请书?|台账|账目|报表|图纸)[^，。；！？\n]{0,8}$"


def audit_word(text: str, start: int, end: int) -> bool:
    """Whether the cue at text[start:end] is an audit of documents or the requester's own review, not moderation."""
    if text[start:end] not in ("审核", "审查", "复核"):
        return False
    before = text[max(0, start - 12) : start]
    return bool(re.search(_AUDITED, before) or re.match(r"人员|员", text[end : end + 2]) or re.search(r"预留[^，。；！？\n]{0,10}$", before))
