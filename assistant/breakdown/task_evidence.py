"""Kinds of evidence for the task type beyond single cue words (Chinese and English).

`task_signals` sums cue words per type. The evidence here looks at how the request is built:

- negation: a cue the request denies ("not a sentiment task", "不是要判断情绪", "no need to rate
  relevance") does not count;
- verbs used as nouns: "our highlight generator", "the extract" are not the verb "highlight";
- the action and its object: "mark the grade and the garden name" (a thing found inside the text, no
  "as …") is span extraction, "tag the posts as …" is a classification; "write a description of each
  photo" is an image description; two versions of the same item to compare is a preference; correcting
  or writing text that is not a caption is a task of its own (`other`), and so is judging whether the two
  texts of a pair say the same thing (duplicates, paraphrases);
- the data object: photos, satellite tiles or video frames to write about or to check a caption
  against; enquiries or tickets to sort by what the sender wants;
- the shape of the named labels: two sides ("A更好 / B更好 / 差不多", "left better / right better /
  tie"), fields of a record ("component", "action taken", "running hrs if mentioned"), or a
  pass/fail verdict per item ("符合 / 不符合", "pass / fail").

Each piece of evidence names the type it supports, a weight and the words it rests on, so the reader can
count how many independent kinds agree before it is confident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.models import TaskType

__all__ = ["Evidence", "negated", "noun_use", "pass_fail", "structural_evidence", "label_shape_evidence"]


@dataclass(frozen=True)
class Evidence:
    task_type: TaskType
    weight: float
    quote: str
    kind: str  # "action", "object", "labels"


# --- negation -------------------------------------------------------------------------------------

# "not a sentiment task", "isn't about relevance", "rather than topics", "we don't need sentiment"
_NEG_EN = re.compile(
    r"(?:\b(?:is|are|was|it's|its|this's|that's)\s+not\s+(?:\w+\s+){0,2}|\b(?:isn't|aren't|wasn't)\s+(?:\w+\s+){0,3}|"
    r"\bnot\s+(?:a|an|about|asking for|looking for|interested in|after|doing|really about|for)\s+(?:\w+\s+){0,2}|"
    r"\b(?:don't|do not|doesn't|does not|won't|will not|no)\s+(?:need|want|care about|care for|care|ask for|require|mind)\s+(?:\w+\s+){0,3}|"
    r"\b(?:rather than|instead of|other than|no need (?:for|to)|not interested in|without any|never mind)\s+(?:\w+\s+){0,3})$",
    re.I,
)
# "不是要判断情绪", "不用分正负面", "无需打分"; "不是很满意" keeps its degree word and is not a denial
# ("是不是满意", "要不要分", "需不需要" ask a question, they deny nothing)
_NEG_ZH = re.compile(r"(?:(?<!是)不是|并非|(?<!用)不用|(?<!需)不需要|无需|不必|(?<!要)不要|用不着)(?![很太特别非常那么十分])[^，。；！？,.;!?\n]{0,6}$")
# the requester's own side feeling something ("领导很不满意", "my boss is unhappy with the vendor") is
# the background of the request, not what is asked about the items
_OWN_SIDE = re.compile(
    r"(?:领导|老板|上级|上面|总部|甲方|我们|我|公司)(?:都|也|就|很|非常|特别|有点|有些|比较|一直|对此)*$|"
    r"\b(?:my boss|the boss|management|leadership|our (?:manager|director|ceo|board|team|client)s?|we|i)\s+(?:(?:are|is|am|was|were|'re|'m|got|get|feel|felt|have been)\s+)?(?:very\s+|really\s+|quite\s+|pretty\s+|not\s+)?$",
    re.I,
)
_FEELING = r"(?:不满意|满意|不满|生气|恼火|失望|开心|高兴|\b(?:unhappy|happy|satisfied|dissatisfied|frustrated|annoyed|upset|disappointed|angry|furious)\b)"
# "情绪不用管", "relevance is not needed"
_NEG_AFTER = re.compile(
    r"^[^，。；！？,.;!?\n]{0,4}(?:不用管|不用标|不用分|不需要|不重要|不用考虑|无所谓|就不用了)|^\s*(?:is|are)?\s*(?:not needed|not required|not the point|doesn't matter|isn't needed)|"
    r"^\s*(?:(?:them|it|those|these|that)\s+)?ourselves\b",  # "we will deduplicate them ourselves": not the ask
    re.I,
)


def negated(text: str, start: int, end: int) -> bool:
    """Whether the cue at text[start:end] is denied by the words around it."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 24]
    if _NEG_EN.search(before) and re.match(r"[A-Za-z]", text[start:end] or " "):
        return True
    if _NEG_ZH.search(before) and re.match(r"[\u4e00-\u9fff]", text[start:end] or " "):
        return True
    if _OWN_SIDE.search(before[-16:]) and re.match(_FEELING, text[start:end], re.I):
        return True
    return _NEG_AFTER.search(after) is not None


# --- verbs used as nouns --------------------------------------------------------------------------

_VERB_CUE = re.compile(r"^(?:highlight|extract|parse|grab|tag|mark|flag|route|sort|score|rate|grade|caption|rank)s?$", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|our|your|their|his|her|its|this|that|the|for|of)\s+$", re.I)
_NOUN_AFTER = re.compile(
    r"^\s+(?:generator|reels?|videos?|clips?|packages?|tool|tools|feature|features|moments?|pages?|section|button|model|engine|system|pipeline|bot|script|function)\b",
    re.I,
)


# "报销单上的“事由”字段拿出来做点分析": a column of the data taken as the text to work on, nothing extracted from it
# "ISBN、定价那些字段在表里，不用管": columns the table already has
_DATA_COLUMN_AFTER = re.compile(r"^\s*(?:(?:的|里的|中的)?(?:内容|文本|文字|数据)|拿出来|导出|单独拿|做(?:点|些|个)?(?:分析|统计)|(?:都|已经|本来就)?在表(?:格)?(?:里|中|上)(?:有|了)?[，,。]?\s*(?:不用|不需要|无需|别)|(?:都|已经)?有了)")
_COLUMN_WORD = re.compile(r"^(?:字段|field|column)s?$", re.I)


def noun_use(text: str, start: int, end: int) -> bool:
    """Whether the English verb cue at text[start:end] is used as a noun ("a highlight generator"), or a word for
    a column names the data's own column ("“事由”字段拿出来做分析") rather than a thing to extract."""
    word = text[start:end]
    if _COLUMN_WORD.match(word):
        return bool(_DATA_COLUMN_AFTER.match(text[end : end + 12]))
    if not _VERB_CUE.match(word):
        return False
    return bool(_DETERMINER_BEFORE.search(text[max(0, start - 12) : start]) or _NOUN_AFTER.match(text[end : end + 20]))


# --- the action and its object ---------------------------------------------------------------------

# the things a request processes one by one; "mark the posts" names the items, not a thing inside them
_ITEMS_EN = (
    r"(?:messages?|posts?|comments?|reviews?|items?|texts?|emails?|e-mails?|tickets?|calls?|chats?|conversations?|documents?|docs?|"
    r"articles?|photos?|images?|pictures?|videos?|clips?|answers?|responses?|replies|queries|results?|records?|entries|rows?|lines?|"
    r"submissions?|enquiries|inquiries|requests?|complaints?|tweets?|threads?|notes?|letters?|transcripts?|pairs?|ones?|data|dataset)"
)
_TASK_NOUNS_EN = r"(?:topics?|categor(?:y|ies)|class(?:es)?|sentiments?|intents?|types?|kinds?|labels?|tags?|best|better|relevan\w*|quality|tone|mood|emotions?)"
# "mark the garden name, the grade and each descriptor" — the object is a thing inside the text, and
# there is no "as …" or "with …" after it naming a category
_MARK_THE = re.compile(
    r"\b(?:mark|tag|highlight|underline|circle|box|annotate|capture|pick out|pull out|pull|grab|extract|identify|find|locate|label|list|note down|take down|record)\s+(?:up\s+)?"
    r"(?:all\s+|every\s+|each\s+|any\s+)?(?:of\s+)?(?:the|each|every|any|all)\s+(?P<object>[^.;:!?\n]{3,120})",
    re.I,
)
# fields listed after "tag:" / "extract:" / "we need:" with examples or "if mentioned"
_FIELD_LIST = re.compile(
    r"\b(?:tag|mark|extract|capture|pull out|record|annotate|highlight|fields?)\b[^.\n]{0,20}[:：]\s*\n(?P<body>(?:\s*[-*•·]\s*[^\n]+\n?){2,})",
    re.I,
)
_MENTIONED = re.compile(r"\b(?:if|when|where|wherever)\s+(?:it's\s+|they're\s+|it is\s+|they are\s+)?(?:mentioned|present|stated|given|written|it appears|they appear)\b|如有提到|如果提到|若有提到|如有则标|有就标|提到就标", re.I)
_EXAMPLE_QUOTE = re.compile(r"(?:e\.g\.|eg|比如|例如|such as)\s*[,:：]?\s*['\"‘“「]")

# image objects and what is done with them
_IMAGE_OBJECT = (
    r"(?:照片|图片|图像|影像|切片|截图|相片|配图|主图|画面|帧|遥感图|卫星图|航拍图|光片|片子|看片|胶片|底片|X光|B超|(?:品|菜|商品|产品|实拍|现场|截|配|主|缩略|原|效果|示意|卫星|街景)图|图(?:里|中|上)(?!表)|"
    r"\b(?:photos?|images?|pictures?|pics|snapshots?|frames?|tiles?|screenshots?|scans of (?:scenes|objects)|camera[- ]trap|thumbnails?|stills?)\b)"
)
_DESCRIBE = (
    r"(?:写|配|出|给)[^，。；！？\n]{0,12}(?:描述|说明|文字|一句话|标题|字幕|caption)|描述[^，。；！？\n]{0,6}(?:是否|对不对|准不准|对得上)|看图(?:写|说|判断)|"
    r"\b(?:write|writing|give|add|draft|produce)\s+(?:a|an|one|short|brief|the|\w+-sentence|one-line|\d+-\d+)?\s*(?:[\w-]+\s+){0,3}?(?:descriptions?|captions?|sentences?|alt[- ]text)\b|"
    r"\bdescribe\s+(?:what|each|every|the|who|how)\b|\bdescrib(?:es|ing)\s+what(?:['’]s|\s+is|\s+was)\s+(?:in|on|shown)\b|\bcaption(?:s|ed|ing)?\b|\bwrite\s+(?:down\s+)?(?:what|who|how many|where)\b|写[^，。；！？\n]{0,8}(?:是什么|有什么|在干什么|在做什么)|介绍图"
)
_DESCRIPTION_NOUN = r"描述|说明文字|配文|图说|\b(?:descriptions?|captions?|alt[- ]?texts?)\b"
# two versions of one item to choose between
_TWO_VERSIONS = (
    r"(?:两|2)[个种版份条套组段篇张首款稿幅位][^，。；！？\n]{0,6}(?:版本|译本|译文|译法|回答|回复|答案|写法|文案|方案|摘要|输出|结果|标题|话术|说法|设计|配音|logo|LOGO|图|稿)|两稿|新旧(?:两)?版|旧版[^，。；！？\n]{0,4}新版|新版[^，。；！？\n]{0,4}旧版|"
    r"A[是为][^，。；！？\n]{2,40}[，,；;]\s*B[是为]|"
    r"\b(?:two|2|a pair of)\s+(?:\S+\s+){0,2}(?:versions?|translations?|drafts?|answers?|responses?|replies|outputs?|summaries|candidates?|variants?|renderings?|options?|alternatives?|takes?|voices?|models?|systems?|engines?|designs?|layouts?|recordings?)\b|"
    r"(?:两|2)个[^，。；！？\n]{1,8}各(?:写|出|生成|给|翻|做|配|画)|"
    r"\b(?:old|current|existing)\s+(?:and|vs\.?|versus)\s+(?:the\s+)?new\b|"
    r"\b(?:model|system|version|option|engine|vendor|variant|prompt)\s+\w{1,3}\s+(?:and|vs\.?|versus|or)\s+(?:model|system|version|option|engine|vendor|variant|prompt)\s+\w{1,3}\b|"
    r"\b(?:version|option|output|system|model|draft)\s+A\b[^.\n]{0,80}\b(?:version|option|output|system|model|draft)?\s*B\b"
)
_CHOOSE = (
    r"(?:比一?比|比一下|比较|对比|PK|挑|选)[^，。；！？\n]{0,12}哪(?!种|些|里|儿)|哪(?!种|些|里|儿|怕)一?[\u4e00-\u9fff][^，。；！？\n]{0,10}(?:更[\u4e00-\u9fff]|[得的](?:好|更好|准|对|地道|自然|通顺))|"
    r"\b(?:which\s+(?:one\s+|version\s+|of the\s+\w+\s+)?(?:is|reads|works|sounds|fits)\s+(?:\w+\s+)?(?:better|best|clearer|more\s+\w+)|pick\s+(?:the\s+)?(?:better|best)|choose\s+between|compare|head[- ]to[- ]head|equally good|just as good|(?:choose|pick|select)\s+(?:the\s+one|one of (?:the|them)|the\s+(?:one|version|output)\s+(?:they|you)))\b|"
    r"\bwhich\b[^.?!\n]{0,40}\b(?:rather|prefer|prefers|preferred|better|best|more \w+|\w+er than)\b|"
    r"(?:左|右|A|B|甲|乙|前者|后者|第一个|第二个|旧的|新的|上面|下面)[边侧个]?[^，。；！？\n]{0,4}(?:好|更好|强|更强|行)还是|"
    # a Good/Same/Bad grid, or the two shown in random order: "GSB评估", "标 G / S / B", "左右随机", "randomised L/R"
    r"(?<![A-Za-z])GSB(?![A-Za-z])|(?<![A-Za-z])G\s*/\s*S\s*/\s*B(?![A-Za-z])|左右随机|随机左右|\brandomi[sz]ed\s+(?:L/R|left/right)"
)
# work on the text itself rather than a label for it: transcription, correction, rewriting, translation
_TEXT_WORK = (
    r"转写|听写|听录|校对|纠错|改写|润色|重写|逐字(?:稿|转录|校)|逐句(?:修改|改|校)|修改成|译成|译后编辑|(?:错字|错别字|错误|错处)[^，。；！？\n]{0,8}(?:改过来|改正|更正|修正|纠正|改对)|"
    r"\b(?:transcrib(?:e|es|ed|ing)|transcription|proofread(?:ing)?|correct\s+(?:the\s+)?(?:transcripts?|text|spelling|errors)|"
    r"fix\s+(?:the\s+)?(?:transcripts?|errors|typos)|word[- ]for[- ]word|rewrit(?:e|es|ing|ten)|paraphras(?:e|ing)|post-?edit(?:ing|ed)?|translat(?:e|ing) (?:them|it|each|every|the \w+) into|"
    r"(?:fix|correct|adjust|align|sync|re-?time|clean up)\s+(?:the\s+)?(?:\w+\s+)?(?:timings?|timestamps?|alignment|subtitles?|captions? timing|boundaries|segments?|typos))\b|"
    r"(?:调整|修正|校准|对齐|对准)[^，。；！？\n]{0,6}(?:时间轴|时间码|字幕|时间戳|边界)"
)
# requests from senders to sort by what they want
_ENQUIRY_OBJECT = r"(?:咨询|来电|工单|留言|诉求|来信|求助|\b(?:enquir(?:y|ies)|inquir(?:y|ies)|tickets?|support requests?|requests? from (?:customers|users|clients|families|patients|visitors))\b)"
_SORT = r"(?:分流|分派|分给|分到|归到|分类|分一下|分个类|\b(?:sort(?:ed|ing)?|triag(?:e|ed|ing)|rout(?:e|ed|ing)|dispatch(?:ed)?|classif(?:y|ied)|bucket(?:ed)?|categori[sz](?:e|ed))\b)"
# "each email should land with the team that handles it": a destination that is a unit of the organisation
_TO_UNIT = (
    r"\b(?:land|go|goes|end up|get sent|be sent|be forwarded|be assigned|be handed)\s+(?:\w+\s+){0,2}(?:with|to)\s+(?:the\s+)?(?:right\s+|correct\s+|relevant\s+)?"
    r"(?:team|desk|department|dept|queue|group|office|unit|person|people|agent|specialist)s?\b|\b(?:team|desk|department|queue|group|office|person)s?\s+(?:that|who)\s+(?:handles?|owns?|deals? with|looks? after)\b"
)
# "how they react to the move", "their stance on", "对…的态度/看法"
_ATTITUDE = (
    r"\b(?:how\s+(?:\w+\s+){0,3}(?:react|reacts|reacted|respond|feel|felt|see|view)\s+(?:to|about)|how\s+(?:\w+\s+){1,3}(?:comes?|came)\s+across|reactions?\s+(?:to|towards?)|stance|attitudes?\s+(?:to|towards?)|"
    r"opinions?\s+(?:of|on|about)|views?\s+on|approv(?:e|al)(?![ \t]*(?:/|or\b)[ \t]*(?:reject|deny|decline|remove|block|hide))|disapprov(?:e|al))\b|(?:对|针对)[^，。；！？\n]{1,12}的(?:态度|看法|反应|立场|评价)|态度|立场"
)


# a query and what came back for it
_QUERY = r"(?:搜(?!集|罗|刮)|检索|用户输入|查询词|关键词|\buser (?:typed|types|entered|enters)\b|\b(?:query|queries|search terms?|searches|searchers?|what (?:people|users|they|customers|shoppers|visitors) (?:typed?|searched|search(?:ed)? for|looked up|asked))\b)"
_RETURNED = r"(?:返回|召回|搜出|搜到|出来的|结果|要找的|想找的|排在|\b(?:returned|results?|came back|came up|comes up|shows? up|showed up|showed|shown|surfaced|retrieved|hits?|answers what)\b)"
# text a machine wrote, held against its source: a summary's faithfulness
_GENERATED = r"(?:(?:AI|模型|机器|系统|大模型|自动)[^，。；！？\n]{0,6}(?:生成|写|出|整理|压成|缩成|浓缩|概括|精简)的?|(?:压成|缩成|浓缩成|概括成|精简成)|\b(?:condens\w+|shorten\w*|boil(?:s|ed)? down|produces (?:minutes|notes|a recap|a summary))\b|\b(?:auto[- ]?(?:generated|written)|ai[- ](?:generated|written)|model[- ](?:generated|written)|machine[- ]written|generated|writes an auto-\w+)\b)"
_AGAINST_SOURCE = r"(?:对照|比对|核对|对比)[^，。；！？\n]{0,4}(?:原文|原始|源|原来的|原稿|原记录)|原意|原文意思|歪曲|曲解|失真|走样|张冠李戴|偏离原文|\b(?:distort\w*|misrepresent\w*|faithful\w*|true to the (?:source|original)|invent(?:s|ed)? (?:one|anything|facts?|details?)|miss(?:es)? any|omissions?|(?:vs\.?|versus|against|compared (?:to|with))\s+the\s+(?:\w+\s+)?(?:depositions?|transcripts?|recordings?|articles?|documents?|reports?|calls?|meetings?|notes?|texts?|originals?|sources?))\b|(?:和|与|跟)(?:录音|原文|原始|会议|通话|原稿)[^，。；！？\n]{0,6}(?:对不对得上|对得上|一致|相符)|\b(?:against|compared? (?:with|to))\s+(?:the\s+)?(?:original|source|underlying|call|meeting|full|raw)\b"
# "what each resident wants done", "业主到底要干嘛": what the sender wants
_WANTS = (
    r"\bwhat (?:the |each |every |a |our |this |that )?\w+ (?:actually |really |exactly )?(?:wants?|needs?|is asking for|asks? for|is after|is trying to (?:do|get))\b|"
    r"\bwhat (?:they|he|she|people|users|customers|callers|clients|guests|patients|residents|visitors)(?:'re| are|'s| is)? (?:trying to|wanting to|hoping to|looking to|asking to)\b|"
    r"(?:想|要|来)(?:干嘛|干什么|做什么|办什么|要什么|求什么)|想要什么|为了什么事|来办什么"
)
# "which product area each review is about", "在讨论哪个方面"
_ABOUT_WHICH = (
    r"\bwhich (?:\S+ ){0,2}(?:area|aspect|part|subject|topic|category|section|feature|theme|department)s? (?:\S+ ){0,4}(?:is|are|was) about\b|"
    r"\bwhat (?:\w+ ){0,3}(?:is|are|was) about\b|(?:讨论|说|聊|涉及|属于|讲)[^，。；！？\n]{0,8}哪(?:个|些|一)?(?:方面|板块|模块|领域|环节|部分|话题|主题)"
)


# a judgement between two feelings ("pleased or let down", "看多还是看空")
_FEELINGS = (
    r"\b(?:pleased|delighted|happy|satisfied|thrilled|impressed|grateful|positive|liked?|loved?)\b[^.;!?\n]{0,12}\bor\b[^.;!?\n]{0,12}\b(?:let down|disappointed|unhappy|annoyed|upset|frustrated|negative|not|disliked?|hated?)\b|"
    r"看多|看空|看涨|看跌|唱多|唱空|(?:喜欢|满意|开心|认可|夸|赞|表扬|称赞|好评|支持|点赞)[^，。；！？\n]{0,4}还是[^，。；！？\n]{0,4}(?:讨厌|不满|失望|反感|不认可|骂|批评|吐槽|差评|反对|踩|损)|"
    r"\b(?:prais\w*|compliment\w*|positive|good|love\w*|like\w*)\s+or\s+(?:criticiz\w*|criticis\w*|complain\w*|negative|bad|hate\w*|dislike\w*|slam\w*|trash\w*)\b"
)


# "姓名、毕业院校、专业都要标出来": things listed, then marked out of the text; "名字、楼号、份数提出来" too; "涉黄的找出来" picks items instead
_MARK_OUT_ZH = r"[\u4e00-\u9fff]{2,}、[^。；！？\n]{0,60}(?<!的)(?:都|全|全部|也|均)?(?:要|需要|得)?(?:标|找|抽|提取|提|圈|划|摘|框)出来"


# free text turned into a record: "pulled into separate columns", "整理成表格", "填到Excel的对应列"
_INTO_RECORD = (
    r"\b(?:into|in)\s+(?:separate|their own|different|individual|distinct)?\s*(?:columns?|fields?|cells?|a (?:table|spreadsheet|structured (?:form|record)))\b|"
    r"(?:整理成|填到|填进|填入|拆成|拆到|放进|录入)[^，。；！？\n]{0,8}(?:表格|表里|表中|字段|列|栏|结构化)"
)


# two texts judged for saying the same thing: duplicates, paraphrases, the same question
_SAME_MEANING = (
    r"(?:是不是|是否|算不算)(?:同一个?|一个意思|重复|同义|一回事)|(?:其实)?是一个意思|说的是一回事|"
    r"\b(?:(?:are|is) (?:they|the two|both)[^.?!\n]{0,30}(?:duplicates?|paraphrases?|the same (?:question|thing|meaning))|"
    r"(?:whether|if) (?:they(?:'re| are)|the two (?:\w+ )?are|both are) (?:\w+ )?(?:duplicates?|paraphrases?|the same)|"
    r"(?:same|identical) (?:question|meaning|intent) (?:or not|as each other)|duplicates? or not|paraphrases? (?:of each other|or not)|near-?duplicates?|dedup(?:e|lication|licate)?)\b"
)
_PAIRS = r"两两|成对|配对|对子|问题对|句对|\d+\s*(?:组|对)|\b(?:pairs?|paired|pairwise|two (?:questions|sentences|texts|titles|listings))\b"


def _mark_the_objects(text: str, labels: list[str] | None = None) -> list[Evidence]:
    found: list[Evidence] = []
    for match in _MARK_THE.finditer(text):
        obj = match.group("object")
        if re.search(r"\b(?:as|with|by|into|according to)\b", obj, re.I):
            continue  # "tag the posts as …", "mark the reviews with a score": a category per item
        if any(len(label) >= 2 and label.lower() in obj.lower() for label in labels or ()):
            continue  # "mark each one approved, needs edit or reject": the named labels, a category per item
        each = re.search(r"\b(?:each|every)\s+$", text[match.start() : match.start("object")], re.I)
        after_item = re.match(r"\s*\w+(?:\s+\w+)?\s+(?P<rest>.*)", obj, re.I)
        if each and after_item and labels and any(re.match(rf"{re.escape(label)}\b", after_item.group("rest"), re.I) for label in labels):
            continue  # "label each review positive, negative or neutral": the options follow the item, a category per item
        head = re.split(r"\b(?:in|inside|within|from|of|for|that|which|on)\b|[,(]", obj, maxsplit=1, flags=re.I)[0].strip()
        if not head or re.fullmatch(rf"(?:\w+\s+){{0,2}}{_ITEMS_EN}", head, re.I) or re.search(_TASK_NOUNS_EN, head, re.I):
            continue  # "label the photos", "identify the topic": the items themselves, or a class name
        found.append(Evidence(TaskType.ner, 2.5, match.group(0)[:80], "action"))
    return found


def structural_evidence(text: str, labels: list[str] | None = None) -> list[Evidence]:
    """Evidence from how the request is built: action + object, data object, lists of fields."""
    return [found for found in _structural(text, labels) if not _denied(text, found.quote)]


def _denied(text: str, quote: str) -> bool:
    at = text.find(quote.split(" … ")[0])
    return at >= 0 and negated(text, at, at + len(quote))


def _structural(text: str, labels: list[str] | None) -> list[Evidence]:
    found: list[Evidence] = _mark_the_objects(text, labels)
    into_record = re.search(_INTO_RECORD, text, re.I)
    if into_record:
        found.append(Evidence(TaskType.ner, 2.5, into_record.group(0), "object"))
    mark_out = re.search(_MARK_OUT_ZH, text)
    if mark_out:
        found.append(Evidence(TaskType.ner, 2.5, mark_out.group(0)[-30:], "action"))
    fields = _FIELD_LIST.search(text)
    if fields and (_MENTIONED.search(fields.group("body")) or _EXAMPLE_QUOTE.search(fields.group("body"))):
        found.append(Evidence(TaskType.ner, 2.5, fields.group(0).strip()[:80], "object"))
    elif _MENTIONED.search(text):
        found.append(Evidence(TaskType.ner, 1.5, _MENTIONED.search(text).group(0), "object"))  # type: ignore[union-attr]
    image = re.search(_IMAGE_OBJECT, text, re.I)
    describe = re.search(_DESCRIBE, text, re.I)
    if image and describe:
        found.append(Evidence(TaskType.image_description, 3.0, f"{image.group(0)} … {describe.group(0)}", "object"))
    elif image and re.search(_DESCRIPTION_NOUN, text, re.I):
        found.append(Evidence(TaskType.image_description, 2.5, image.group(0), "object"))
    two = re.search(_TWO_VERSIONS, text, re.I)
    choose = re.search(_CHOOSE, text, re.I)
    if two and choose:
        found.append(Evidence(TaskType.response_preference, 3.0, f"{two.group(0)} … {choose.group(0)}", "object"))
    elif choose and re.search(r"哪(?!种|些|里|儿|怕)一?[\u4e00-\u9fff][^，。；！？\n]{0,10}更[\u4e00-\u9fff]", choose.group(0)):
        found.append(Evidence(TaskType.response_preference, 2.0, choose.group(0), "action"))
    work = re.search(_TEXT_WORK, text, re.I)
    if work and not describe and len(labels or []) < 2:
        # text written or corrected, no label set: "we transcribe the radio traffic" before a label list is
        # how the data came to be, not the task (a lone flag for the undone, "改不了的标“废弃”", is no label set)
        found.append(Evidence(TaskType.other, 2.5, work.group(0), "action"))
    enquiry = re.search(_ENQUIRY_OBJECT, text, re.I)
    if enquiry and re.search(_SORT, text, re.I):
        found.append(Evidence(TaskType.intent_classification, 2.0, enquiry.group(0), "object"))
    query = re.search(_QUERY, text, re.I)
    if query and re.search(_RETURNED, text[query.end() :], re.I):
        found.append(Evidence(TaskType.search_relevance, 2.5, query.group(0), "object"))
    generated = re.search(_GENERATED, text, re.I)
    if generated and re.search(_AGAINST_SOURCE, text, re.I) and not image:
        found.append(Evidence(TaskType.summarization_quality, 2.5, generated.group(0), "object"))
    same = re.search(_SAME_MEANING, text, re.I)
    if same and re.search(_PAIRS, text, re.I):
        # "两两配对，标是不是同一个问题", "are the two questions in each pair duplicates": a judgement on a pair
        found.append(Evidence(TaskType.other, 3.0, same.group(0), "action"))
    wants = re.search(_WANTS, text, re.I)
    if wants:
        found.append(Evidence(TaskType.intent_classification, 2.5, wants.group(0), "action"))
    about = re.search(_ABOUT_WHICH, text, re.I)
    if about:
        found.append(Evidence(TaskType.topic_classification, 2.0, about.group(0), "action"))
    unit = re.search(_TO_UNIT, text, re.I)
    if unit:
        found.append(Evidence(TaskType.intent_classification, 2.5, unit.group(0), "object"))
    feeling = re.search(_FEELINGS, text, re.I)
    if feeling:
        found.append(Evidence(TaskType.sentiment, 2.5, feeling.group(0), "action"))
    attitude = re.search(_ATTITUDE, text, re.I)
    if attitude:
        found.append(Evidence(TaskType.sentiment, 2.5, attitude.group(0), "action"))
    return found


# --- the shape of the named labels -----------------------------------------------------------------

_SIDE = re.compile(r"^(?:A|B|1|2|左|右|前|后|甲|乙|left|right|first|second|former|latter|old|new|旧|新)(?:\s*[-_ ]?\s*(?:更好|更优|胜|赢|好|较好|better|wins?|preferred|is better))?$|更好|更优|better|\bwins?\b|preferred", re.I)
_TIE = re.compile(r"^(?:两者|二者|两个|两版|两边)?(?:差不多|一样[好差]?|同样[好差]|都(?:一样|差不多)|平手|打平|不相上下|持平|平局|相当|[都均](?:不|好|行|可以|能用|不能用|不行|差|一般|有|存在)[\u4e00-\u9fff]*|tie|equal(?:ly (?:good|bad))?|same|both[ _-]?\w*|neither|about the same|no difference|can't tell)$", re.I)
_FIELD_WORD = re.compile(
    r"(?:名称|名字|名$|编号|号码|[^信暗口挂]号$|型号|日期|时间|金额|价格|地址|出发地|目的地|地点|楼层|楼号|部位|部件|数量|剂量|原因|措施|症状|描述词|品级|等级名|院校|学校|专业|年限|年龄|性别|电话|邮箱|职位|学历|薪资|单位$|"
    r"\b(?:names?|numbers?|no\.|ids?|dates?|times?|amounts?|prices?|grades?|components?|parts?|models?|codes?|descriptors?|locations?|"
    r"address(?:es)?|values?|quantit(?:y|ies)|doses?|dosages?|units?|symptoms?|causes?|actions?(?: taken)?|hrs|hours|readings?|"
    r"measurements?|durations?|sizes?|weights?|titles?|authors?|vendors?|suppliers?|parties|clauses?|terms?|fields?))",
    re.I,
)
# "same / different edition / different": a qualifier after the verdict ("different edition", "同一人") keeps it a verdict
_DUPLICATE = re.compile(r"^(?:不|非)?(?:重复|同义|相同|一致|同一(?:个)?(?:问题|人|家|条|款)?|同款(?:不同[\u4e00-\u9fff]{1,3})?)$|^(?:not\s+|non-?)?(?:duplicates?|paraphrases?|same|different|identical)(?:\s+[a-z]+)?$", re.I)
_UNSURE = re.compile(r"^(?:不确定|不好说|无法判断|说不清|unsure|not sure|can't tell|unclear)$", re.I)
_PASS_FAIL = re.compile(r"^(?:符合|不符合|合格|不合格|达标|不达标|通过|不通过|合规|不合规|pass(?:ed)?|fail(?:ed)?|compliant|non-?compliant|met|not met|ok|not ok)$", re.I)


# good / so-so / bad: a polarity scale; what it rates (opinions, summaries, answers) decides the type
_POLAR = re.compile(r"^(?:好|中|差|一般|很好|较好|较差|很差|满意|不满意|good|bad|ok|okay|fine|poor|great|terrible|mixed|average|so-so)$", re.I)
_PRIORITY = re.compile(r"^(?:not\s+|non-?)?(?:urgent|critical|high|medium|low|normal|routine|p[0-4]|紧急|不紧急|非紧急|一般|加急|特急|高|中|低)(?:\s*priority|优先级?)?$", re.I)
# what a sender wants done, as a verb and its object: "book appointment", "report lost card", "取消预约", "改时间"
_ASK = re.compile(
    r"^(?:book|cancel|change|check|report|request|ask(?: for| about)?|open|close|reset|update|track|return|refund|pay|dispute|appeal|apply(?: for)?|renew|"
    r"schedule|reschedule|confirm|get|find|talk to|speak to|order|buy|sell|transfer|upgrade|downgrade|unsubscribe|subscribe|complain about|enquire about)\s+\w+"
    r"|^(?:查询|查|取消|修改|改|办理|办|申请|投诉|咨询|退|换|催|预约|确认|开通|关闭|问|要求|报|订|购买|转|升级|退订|续|约|約|訂|問|查詢|預約|諮詢|詢問|辦)[\u4e00-\u9fff]{1,6}(?:/[\u4e00-\u9fff]{1,4})?$"
    r"|^[\u4e00-\u9fff]{1,4}(?:询问|咨询|詢問|諮詢|问询)$",
    re.I,
)
# organisational units: 内科 / 外科, 财务部, payroll team, billing desk
_UNIT = re.compile(r"(?:科|部|组|处|室|中心|窗口|班)$|\b(?:team|desk|department|dept|queue|office|unit)$", re.I)


def label_shape_evidence(labels: list[str]) -> list[Evidence]:
    """What the shape of the named label set says about the task."""
    if len(labels) < 2:
        return []
    found: list[Evidence] = []
    joined = " / ".join(labels)
    sides = [label for label in labels if _SIDE.search(label.strip())]
    ties = [label for label in labels if _TIE.match(label.strip())]
    if len(sides) >= 2 and len(sides) + len(ties) >= len(labels) - 1:
        found.append(Evidence(TaskType.response_preference, 3.0, joined, "labels"))
    elif {"G", "S", "B"} <= {label.strip() for label in labels}:
        found.append(Evidence(TaskType.response_preference, 3.0, joined, "labels"))  # a Good / Same / Bad grid of two answers
    fields = [label for label in labels if _FIELD_WORD.search(label) or _MENTIONED.search(label)]
    if len(fields) >= 2 and len(fields) * 2 >= len(labels) and not any(_PASS_FAIL.match(label.strip()) for label in labels):
        found.append(Evidence(TaskType.ner, 1.5, joined, "labels"))
    polar = [label for label in labels if _POLAR.match(label.strip())]
    if len(polar) >= 2 and len(polar) == len(labels):
        found.append(Evidence(TaskType.sentiment, 1.5, joined, "polar"))
    if all(_PRIORITY.match(label.strip()) for label in labels):
        found.append(Evidence(TaskType.other, 2.0, joined, "labels"))
    asks = [label for label in labels if _ASK.match(label.strip())]
    if len(asks) >= 2 and len(asks) * 2 > len(labels):
        found.append(Evidence(TaskType.intent_classification, 1.5, joined, "labels"))
    units = [label for label in labels if _UNIT.search(label.strip())]
    if len(units) >= 2 and len(units) * 2 > len(labels):
        found.append(Evidence(TaskType.intent_classification, 2.0, joined, "labels"))
    if all(_PASS_FAIL.match(label.strip()) for label in labels):
        found.append(Evidence(TaskType.other, 2.0, joined, "labels"))
    if any(_DUPLICATE.match(label.strip()) for label in labels) and all(_DUPLICATE.match(label.strip()) or _UNSURE.match(label.strip()) for label in labels):
        found.append(Evidence(TaskType.other, 2.0, joined, "labels"))  # "重复 / 不重复 / 不确定": a verdict on a pair
    return found


def pass_fail(labels: list[str]) -> bool:
    """Whether the labels are a pass/fail verdict per item ("符合 / 不符合", "pass / fail")."""
    return len(labels) >= 2 and all(_PASS_FAIL.match(label.strip()) for label in labels)
