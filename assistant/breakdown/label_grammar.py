"""The shared grammar of label lists: the result type, separators, item cleaning and enumeration splitting.

`split_enumeration` cuts one segment ("A、B、C 四类", "X, Y or Z") into its items and the catch-all;
`request_labels`, `label_legacy` and the candidate finders all split with it.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from assistant.breakdown.extract import parse_cn_number, parse_en_number
from assistant.breakdown.label_grades import everyday_grades

__all__ = ["LabelSet", "WHEN_AFTER", "in_sentence", "split_enumeration"]

@dataclass
class LabelSet:
    labels: list[str]
    quote: str
    ordinal: bool = False
    other: str | None = None  # the catch-all label ("其余算正常" -> 正常)
    notes: list[str] = field(default_factory=list)
    main: list[str] = field(default_factory=list)  # the first set when a second joins it; the task type reads this one


_CN_NUM = "一二两三四五六七八九十"
_COUNT = rf"(?:[{_CN_NUM}]{{1,2}}|\d{{1,2}})"
_ZH_COUNT_NOUN = r"(?:个|种)?(?:大类|类别|类|种|档|等级|级|等|个标签|个类别|个选项|标签|选项|分类|字段|项|维度|方面|情况)"
_EN_NUMWORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_EN_COUNT_NOUN = r"(?:categories|category|classes|class|labels?|buckets?|levels?|grades?|groups?|types?|options?|tags?)"

# Framing phrases after which an enumeration of labels follows.
_ZH_FRAMES = (
    rf"(?:分成|分为|划分为|划分成|区分为|区分成|归为|归成|归入|归类为|分类为|分类成|分到|打成|标成|标为|标注为|标注成|标记为|标记成|判为|判断为|判定为|定为|打上)\s*(?:{_COUNT}{_ZH_COUNT_NOUN})?\s*[:：]?",
    r"(?:标签|类别|分类|选项|类目|档位|等级)(?:先|暂|初步|大概)?(?:就用|就是|可以是|分为|分成|包括|包含|有|是|为|用|定为|定|设为|设成|设)\s*[:：]?",
    r"(?:抽取|提取|抽出|摘出|找出|识别出|标出|圈出|拆成|拆分成|拆为|拆分为)(?:出)?(?!来)(?:[^，。；、]{0,12}?(?:里|中|上)(?:提到|出现)?的)?",
    r"(?:这|以下|下面|如下)(?:几|些)?(?:个|种|类)?[\u4e00-\u9fff]{0,4}[:：]",
    r"(?:标签|类别|选项)(?=[^，。；]{0,30}、)",
    r"(?:分到|派到|转到|转给|归到|分派到|分配到|送到|分流到)(?=[^，。；]{0,20}、)",
    r"(?:标签|类别|选项|分类)\s*[:：]",
    rf"{_COUNT}{_ZH_COUNT_NOUN}\s*[:：]",
    rf"(?<![区划部])分(?=[^，。；、]{{1,12}}、[^，。；]{{0,60}}?{_COUNT}\s*{_ZH_COUNT_NOUN})",
    # "标X、Y、A三类": 标 right before a list that a count word closes
    rf"(?<![目指商坐路投招])标(?!签|注|准|题|记|出)(?=[^，。；、]{{1,12}}、[^，。；]{{0,40}}?{_COUNT}\s*{_ZH_COUNT_NOUN})",
    r"(?<=[\u4e00-\u9fff])(?<![区划部充百评积打十几])分(?![析钟别享配布数期批开成为类])(?=[\u4e00-\u9fff]{1,8}、)",
    r"(?:判断|区分|分辨|识别|看看?)(?:一下)?[^，。；;、]{0,20}?(?:是|属于|为|算)(?=[^，。；;]{1,40}(?:还是|或者|或|、))",
    r"(?:区分|分辨|辨别)(?:出|开)?(?=[^，。；;、]{1,30}(?:和|与|跟|还是|或))",
    # "就告诉我新版好、一样、还是旧版好": the verdict the boss wants told, one of the options named after it
    r"(?:告诉我|跟我说|给我说)(?:是)?(?=[^，。；;、]{1,10}、[^，。；;]{1,20}(?:还是|或者|或))",
)
_EN_FRAMES = (
    r"\b(?:tag|tags|tagging|tagged|label|labels|labeling|labelling|labeled|labelled|classify|classifying|classified|"
    r"categori[sz]e|categori[sz]ing|sort|sorting|mark|marking|bucket|bucketing|flag|flagging|group|grouping|split|splitting|"
    r"divide|dividing|separate|separating|annotate|annotating|code|coding|rate|rating|grade|grading|score|scoring|judge|judging)\b"
    r"(?:\s+(?!as\b|into\b)[\w'’-]+){0,5}?\s+(?:as\s+(?:either\s+|one\s+of\s+)?|into\s+(?:" + _EN_NUMWORD + r"\s+" + _EN_COUNT_NOUN + r"\s*[:-]?\s*)?)",
    r"\b(?:labels?|categories|classes|options|choices|tags|buckets|levels|grades|classification)\s*(?:are|is|:|would be|will be|should be|include|including|=|like|such as)\s*(?:either\s+)?",
    r"\b(?:one of|choose from|pick from|either)\s*[:]?\s*",
    # "areas = billing, mobile app, web dashboard", "types: …": a plural noun set equal to the list
    r"\b(?:areas|types|kinds|topics|themes|reasons|intents|groups|sections|departments|teams)\s*(?:=|:)\s*(?=[^.;!?\n]{1,80},)",
    # "each one should be marked valid or invalid", "flagged urgent / normal"
    r"\b(?:marked|tagged|labell?ed|flagged|rated|graded|classified|categori[sz]ed|coded|judged|scored|filed)\s+(?=[\w-]+(?:\s*,\s*[\w-]+(?:\s+[\w-]+)?)*,?(?:\s+or\s+|\s*/\s*)[\w-]+\b)",
    # "Grade it perfect, good, fair or bad", "label each one spam or ham"
    r"\b(?:grade|rate|score|label|tag|mark|classify|call)\s+(?:it|them|each(?:\s+one)?|every\s+one)\s+(?=[\w-]+(?:\s*,|\s+or\b|\s+vs\.?\s|\s+versus\s|\s*/))",
    r"\b(?:route|routing|send|sending|forward|forwarding|assign|assigning|dispatch|dispatching|triage|direct)\b(?:\s+(?!to\b)[\w'’-]+){0,4}?\s+(?:to|into|between)\s+(?:either\s+|one\s+of\s+)?(?=[^.;:!?\n]{1,80}(?:,|\bor\b))",
    # "is the visitor happy, neutral or unhappy?" — or a second question after it: "…or unhappy, and does it mention …?"
    r"\b(?:is|are)\s+(?:it|they|this|that|the\s+\w+|each\s+\w+|every\s+\w+)\s+(?:about\s+)?(?=[^.?!\n]{1,80}\bor\b(?:[^.?!\n]{1,30}\?|[^.?!\n,]{1,30},\s*(?:and|plus)\s+(?:does|do|is|are|which|what|whether|if)\b[^.!\n]{1,120}\?))",
    r"\b(?:whether|if)\s+(?:it|they|this|that|the\s+\w+|each\s+\w+|every\s+\w+|an?\s+\w+)(?:\s+(?:is|are|was|were)|['’]s|['’]re)\s+(?=[^.?!\n]{1,60},[^.?!\n]{0,60}\bor\b)",
    # "say whether it shows vegetables, flowers, fruit, or the whole plot", "whether each mentions price, delivery or staff":
    # a content verb between the thing judged and a comma list closed by "or"
    r"\b(?:whether|if|does|do|did)\s+(?:it|they|this|that|each(?:\s+one)?|(?:the|each|every|a|an)\s+[\w-]+)\s+"
    r"(?:shows?|mentions?|contains?|has|have|includes?|describes?|depicts?|features?|concerns?|(?:talks?|asks?|is|are|was|were|complains?)\s+about|"
    r"(?:refers?|relates?|belongs?|goes|go)\s+to|falls?\s+(?:into|under)|counts?\s+as|comes?\s+from|needs?|wants?|uses?)\s+"
    r"(?=[^.?!\n]{1,60},[^.?!\n]{0,60}\bor\b)",
    # "decide if each support reply is polite or rude": one-word options after the thing judged
    r"\b(?:whether|if)\s+(?:it|they|this|that|(?:the|each|every)(?:\s+[\w-]+){1,3}?)\s+(?:is|are|was|were|sounds?|looks?|seems?|reads?\s+as)\s+"
    r"(?=[\w-]+(?:\s*,\s*[\w-]+)*,?\s+or\s+[\w-]+\s*(?:[.?!,;]|$))",
    r"(?<![A-Za-z])(?:extract|extracting|pull out|pulling out|pick out|grab|capture|identify|find)(?:出\s*|\s+)(?:all\s+)?(?:of\s+)?(?:the\s+)?",
    r"\b" + _EN_NUMWORD + r"\s+" + _EN_COUNT_NOUN + r"\s*(?:[:(]|—|–|--|\s-\s)\s*",
)
_FRAME_RE = re.compile("|".join(f"(?:{p})" for p in (*_ZH_FRAMES, *_EN_FRAMES)), re.I)
_WEAK_FRAME_RE = re.compile(r"(?:比如|例如|像是|诸如|such as|e\.g\.,?|including|like)\s*[:：]?\s*", re.I)
# labels written before the verb: "把食材和用量抽出来", "need skills, job titles and degrees pulled out"
_BEFORE_VERB_ZH = re.compile(
    r"(?:把|将|要把|想把)(?P<list>[^，。；;!！?？]{2,80}?)(?:都|全部|分别)?(?:抽取出来|抽出来|提取出来|找出来|标出来|圈出来|识别出来|挑出来|拎出来|摘出来|抽取|提取)"
)
_BEFORE_VERB_EN = re.compile(
    r"\b(?:need|want|have|get|needs|wants)\s+(?:the\s+)?(?P<list>[^.;:!?\n]{3,120}?)\s+(?:extracted|pulled out|tagged|marked|highlighted|identified|labell?ed|annotated|picked out)\b",
    re.I,
)
# a list that stands on its own: after a colon, or joined by slashes
_COLON_LIST = re.compile(r"[:：]\s*")
_SLASH_RUN = re.compile(
    r"(?P<run>(?:[A-Za-z][\w'’&-]*(?:\s+[A-Za-z][\w'’&-]*){0,3}|[\u4e00-\u9fff]{1,10})(?:\s*/\s*(?:[A-Za-z][\w'’&-]*(?:\s+[A-Za-z][\w'’&-]*){0,3}|[\u4e00-\u9fff]{1,10})){1,9})"
)

_SENTENCE_END = re.compile(r"[。；;！!？?\n]|\.(?=\s|$)")
_ZH_SEPARATORS = r"→|->|⟶|➝|(?<![A-Za-z])(?:vs\.?|VS|versus|or|OR)(?![A-Za-z])|、|／|/|\||｜|\+|＋|和|与|以及|(?<![涉普提波来不危触企论])及(?![时格])|或者|或|还是|跟"
_ZH_SEP_RE = re.compile(rf"\s*(?:{_ZH_SEPARATORS})\s*")
_ZH_SEP_WITH_COMMA_RE = re.compile(rf"\s*(?:{_ZH_SEPARATORS}|，|,)\s*")
_ZH_SEP_WITH_COMMA_NO_SLASH_RE = re.compile(rf"\s*(?:{_ZH_SEPARATORS.replace('|／|/|', '|')}|，|,)\s*")
_ZH_SEP_NO_SLASH_RE = re.compile(rf"\s*(?:{_ZH_SEPARATORS.replace('|／|/|', '|')})\s*")
_EN_SEP_RE = re.compile(r"\s*(?:→|->|⟶|➝|,\s*(?:and|or)\s+|,|;|/|\||｜|\s\+\s|\s&\s|\band/or\b|\bor\b|\band\b|\bvs\.?|\bversus\b|、|，)\s*", re.I)
# in a comma-separated list a slash joins two names of one label ("legacy/bequest")
_EN_SEP_NO_SLASH_RE = re.compile(r"\s*(?:→|->|⟶|➝|,\s*(?:and|or)\s+|,|;|\||｜|\s\+\s|\s&\s|\band/or\b|\bor\b|\band\b|\bvs\.?|\bversus\b|、|，)\s*", re.I)

_EN_PIPE_RE = re.compile(r"\s*[|｜]\s*")

# Words after which an English item stops being a label ("fine so we can route them").
_EN_TAIL = re.compile(
    r"\s+(?:so|so that|to|for|because|since|which|that|where|when|if|based|depending|according|using|with|from|by|in order|"
    r"then|before|after|per|on|within|about|around|roughly|approximately|we|our|and then|is|are|as|each|every|each one|"
    r"please|etc|toward|towards|regarding|re|in terms of|from each|from the)\b.*$"
    # a closing "thanks" ends the item, but "just saying thanks", "no thanks" and "a thank-you note" are the item's own
    r"|(?<!\bsaying)(?<!\bsay)(?<!\bsays)(?<!\bno)(?<!\bjust)(?<!\bgiving)(?<!\bgive)(?<!\bsend)(?<!\bsending)\s+thanks\b.*$",
    re.I,
)
_ZH_TAIL = re.compile(
    r"(?:几类|几种|几个|就行|就好|就够了?|就可以了?|即可|来(?:区分|分(?!享)|标注?|打(?!广告|电话|听|扰|架|卡|折|招呼|探)|判断|归类|划分|评)|中的|这种|这类|之类|这些|那些|这几|每条|每个|总共|一共|大概|大约|方便|便于|以便|用于|用来|然后|之后|要求|需要|的数据|的消息|的评论|的内容|等等|吧|啊|呢)"
    r".*$"
)
# "是在问价格": the 在 of an action under way is no part of the name ("在线" is)
_ZH_LEAD = re.compile(r"^(?:分别是|分别为|就是|[:：]|(?:这)?(?:里面|里头|其中|当中)的|在(?=问|说|讲|投诉|抱怨|咨询|骂|夸|求|找|催|反映|吐槽|推销|打听|表扬)|是?(?:觉得|认为|针对)(?=[\u4e00-\u9fff]))\s*")
# "A much better / B slightly better": a capital A before a comparison is the option letter, not an article
_EN_LEAD = re.compile(
    r"^(?:either|as|the|(?!(?-i:A)\s+(?:is\s+)?(?:much|slightly|somewhat|clearly|far|a\s+bit|a\s+little|way|better|worse|preferred|wins|stronger|weaker)\b)a"
    r"|an|one of|is|are|labels?|tags?|(?:that|this|it)\s+means|just(?!\s+[a-z]+ing\b)|only|simply|with|plus|also|(?:it'?s\s+|is\s+it\s+|it\s+)?about(?!\s+(?:the\s+same|equal|even|right|average|half)\b))\s+",  # "just chatting/update" is a name
    re.I,
)
_COUNT_SUFFIX_ZH = re.compile(rf"(?<![同每某另哪任单])\s*(?:等|这|共|一共|总共)?\s*{_COUNT}\s*{_ZH_COUNT_NOUN}.*$")
_COUNT_SUFFIX_EN = re.compile(rf"\s*\(?\s*(?:{_EN_NUMWORD})\s+{_EN_COUNT_NOUN}\b.*$", re.I)
_QUOTES = " \t\"'“”‘’「」『』《》<>()（）[]【】{}*`_#"


def _strip_marks(item: str, marks: str) -> str:
    """`item` without quotes and marks around it; a "#" after a name is part of it ("catalog #", "lot #")."""
    kept = item.rstrip(marks.replace("#", ""))
    if re.search(r"\s#$", kept):
        return kept.strip(marks.replace("#", "")).lstrip("#").strip()
    return item.strip(marks)
_OTHER_ZH = re.compile(
    r"^(?:其余|其他|其它|剩下|剩余|余下|别的|以外|此外)(?:的|情况|内容|消息|都|全部|一律|统一)*\s*"
    r"(?:都|一律|统一|全部)?(?:算作|算|归为|归入|归到|标为|标成|标|记为|视为|当作|当|作为|是|为)\s*(?P<label>.+)$"
)
_OTHER_EN = re.compile(
    r"^(?:everything|anything|all|the)\s+(?:else|other|others|rest)\s*(?:ones?|messages?|items?)?\s*(?:is|are|as|=|counts? as|goes? (?:to|in|into)|gets?|becomes?)?\s*(?P<label>.+)$"
    r"|^(?:otherwise|else|rest)(?![A-Za-z])\s*[:=]?\s*(?P<label2>.+)$",  # "restrooms" and "elsewhere" are names, not "rest" + a name
    re.I,
)
_SCALE_RE = re.compile(
    r"[★☆⭐]?\s*(?P<a>(?<![A-Za-z0-9_.])[-−]?\d{1,2})\s*(?:\.\.\.?|…|到|至|~|～|-|–|—|to)\s*(?P<star>[★☆⭐])?\s*(?P<b>[+]?\d{1,2})\s*(?P<unit>分|档|级|星|颗星|points?|stars?|scale|点)?",
    re.I,
)
# "mark each one 1-5 for how happy the customer sounds": a marking verb on each item, or the quality the range measures
_SCALE_CUE = re.compile(
    r"打分|评分|分制|档|级|星|等级|量表|打星|程度|rate|rating|score|scale|stars?|points?|grade|likert|levels?|severity|分"
    r"|\b(?:mark|tag|label|give)\s+(?:each|every)\s+(?:\w+\s+)?(?=\S*\d)|\bfor\s+how\s+(?:happy|satisfied|good|well|bad|likely|useful|helpful|relevant|accurate|clear|polite|friendly)\b",
    re.I,
)
_YES_NO = re.compile(r"\b(yes)\s*(?:or|/|\|)\s*(no)\b|(?<![\u4e00-\u9fff])(是)\s*(?:/|或|还是)\s*(否)(?![\u4e00-\u9fff])", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)、]|[（(]?\d{1,2}[)）]|[a-zA-Z][.)])\s*(?P<item>.+?)\s*$")
_ORDINAL_WORDS = re.compile(
    r"非常|很|比较|一般|不太|满意|不满意|严重|轻微|完全|部分|"
    r"\bvery\b|\bsomewhat\b|\bslightly\b|\bextremely\b|\bnot at all\b|\bhigh\b|\bmedium\b|\blow\b|\bpoor\b|\bfair\b|\bgood\b|\bexcellent\b|\bperfect\b|\bbad\b|\bok\b|\bokay\b|\bgreat\b|\bterrible\b|\baverage\b|\bpartly\b|\bpartially\b|\bfully\b",
    re.I,
)


_NOT_LABELS_BEFORE = re.compile(
    r"来源|渠道|平台|语言|语种|格式|时间|预算|交付|人员|标注员|工具|要求|阶段|批次|步骤|(?:批|轮|步)(?![\u4e00-\u9fff])|source|channel|platform|language|format|deadline|budget|"
    r"timeline|annotators?|tools?|requirements?|deliverables?|from|phases?|stages?|rounds?|batch(?:es)?|steps?|sets?|splits?",
    re.I,
)


def _has_cjk(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def _clean_item(item: str, inner: bool = False) -> tuple[str, bool]:
    """One enumerated item as a label name, and whether it ended the list (a count word or a tail).

    An `inner` item has a separator on both sides ("Safe to send / Needs edits / Unsafe"): its words
    cannot run on into the sentence, so a short one keeps them all."""
    raw = item
    cut_paren = re.sub(r"\s*[(（][^)）]*[)）]?\s*$", "", item.strip())
    if re.search(r"[A-Za-z][(（](?:s|es)[)）]\s*$", item):
        cut_paren = item.strip()  # "tooth number(s)": a plural written in brackets is part of the word
    ended = False
    if cut_paren and cut_paren != item.strip() and not item.strip().startswith(("(", "（")):
        item, ended = cut_paren, True  # "Neutral (one per review)" -> Neutral
    else:
        noted = re.match(r"^\s*(?P<name>[^(（)）]+?)\s*[(（][^()（）]*[)）]\s*\S", item)
        if noted:
            item, ended = noted.group("name"), True  # "event (goal, card) from the commentary" -> event
            item = re.sub(r"\s+[-–—]{1,2}\s*(?:and|or|plus)?\s*$", "", item)  # "notifications - and (b) whether …"
    item = _strip_marks(item, _QUOTES + "。.，,：:")
    m = _OTHER_ZH.match(item) or _OTHER_EN.match(item)
    if m:
        item = (m.group("label") if "label" in m.re.groupindex and m.group("label") else m.groupdict().get("label2") or "").strip()
    if _has_cjk(item):
        item = _ZH_LEAD.sub("", item)
        cut = _COUNT_SUFFIX_ZH.sub("", item)
        if cut != item and cut.strip():  # "一类文", "三级" are names; "A、B 三类" ends at B
            item, ended = cut, True
        cut = item[:2] + _ZH_TAIL.sub("", item[2:]) if len(item) > 2 else item
        if item[len(cut):] == "要求":
            cut = item  # "配送要求、无特殊要求": 要求 closing an item is part of its name, not the sentence going on
        if cut and cut != item:
            item, ended = cut, True
        # Chinese label followed by an English gloss or a space and more words: keep the first word
        if " " in item.strip():
            head = item.strip().split()[0]
            if _has_cjk(head):
                item, ended = head, True
    else:
        led = _EN_LEAD.match(item.strip())
        item = _EN_LEAD.sub("", item.strip())
        if led and led.group(0).rstrip().lower().endswith("about"):
            item = re.sub(r"(?i)^the\s+(?=\w)", "", item)  # "is it about the room, the breakfast or the pool"
        item = re.sub(r"\s+(?:I\s+(?:suppose|guess|think|reckon)|I'd say|probably|perhaps|maybe)\s*$", "", item, flags=re.I)  # "other I suppose"
        cut = _COUNT_SUFFIX_EN.sub("", item)
        if cut != item:
            item, ended = cut, True
        cut = item if inner and len(item.split()) <= 4 else _EN_TAIL.sub("", item)
        rest = item[len(cut) :].split()
        if len(rest) == 2 and rest[0].lower() in {"for", "of", "in", "on", "with", "from", "by", "about"} and rest[1].lower() not in _NOT_A_TAIL_OBJECT:
            cut = item  # "reason for calling" is one label; "fine so we can route them" ends at "fine"
        if cut != item:
            item, ended = cut, True
    item = _strip_marks(item, _QUOTES + "。.，,：:;；!！?？—–-")
    if re.search(r"[A-Za-z][(（](?:s|es)$", item):
        item += ")"  # "tooth number(s)": the bracket closing a plural is part of the word
    if raw.strip().endswith(("。", ".", "!", "?", "！", "？")):
        ended = True
    return item, ended


_NOT_A_TAIL_OBJECT = {"now", "us", "me", "them", "it", "this", "that", "example", "instance", "each", "all", "training"}


def _plausible(label: str) -> bool:
    if not label:
        return False
    if _has_cjk(label):
        return len(label) <= 12 and not re.search(r"\d{3,}|[万千]条|截止[到至]?\d|之前|以前|^(?:[一二两三四五六七八九十几\d]+|哪)(?:个|份|部分|块|种任务)", label)
    words = [word for word in label.split() if word not in ("/", "&", "+")]  # "keg return / deposit question": a joiner is no word
    if re.search(r"^\d|\d[\d,.]*\s*(?:[kKwW万千%]|thousand|million)", label) and len(words) > 1:
        return False  # "5k emails", "about 20k reviews"
    return 1 <= len(words) <= 4 and len(label) <= 40 and not re.match(r"^\d{3,}", label)


_MASK = str.maketrans({"、": "\x00", ",": "\x01", "/": "\x02", "，": "\x03", "和": "\x04", "或": "\x05", "&": "\x06", ";": "\x07"})
_UNMASK = str.maketrans({"\x00": "、", "\x01": ",", "\x02": "/", "\x03": "，", "\x04": "和", "\x05": "或", "\x06": "&", "\x07": ";", "\x0e": "and", "\x0f": "or"})
# a short quoted item between separators: "machinery & parts", 'relevant, but outdated'
_QUOTED_ITEM = re.compile(r"(?:\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|「[^」\n]{1,40}」|『[^』\n]{1,40}』|(?<![A-Za-z])'[^'\n]{1,40}'(?![A-Za-z]))")


def _mask_quoted(body: str) -> str:
    """Separators inside quoted items do not split the list, when two or more items are quoted."""
    if len(_QUOTED_ITEM.findall(body)) < 2:
        return body
    return _QUOTED_ITEM.sub(lambda m: m.group(0).translate(_MASK), body)


def _short_piece(piece: str) -> bool:
    piece = re.sub(r"\s*[(（][^()（）]*[)）]", "", piece).strip()  # "switch mode (heat, cool, auto)" is short
    return 0 < (len(piece) <= 12 if _has_cjk(piece) else len(piece.split()) <= 4 and len(piece) <= 40)


def _list_semicolons(segment: str) -> str:
    """Semicolons that join three or more short items become commas (same length, positions hold)."""
    stop = re.search(r"[。！!？?\n]|\.(?=\s|$)", segment)
    body = segment[: stop.start()] if stop else segment
    pieces = re.split(r"[;；]", body)
    if len(pieces) < 3 or not all(_short_piece(piece) for piece in pieces[:3]):
        return segment
    out = list(segment)
    at = 0
    for index, piece in enumerate(pieces[:-1]):
        at += len(piece)
        if index >= 2 and not _short_piece(piece):
            break
        out[at] = "," if segment[at] == ";" else "，"
        at += 1
    return "".join(out)


_EN_FILLER = re.compile(r"\b(?P<conj>and|or)\s*,?\s*(?:um+|uh+|erm|er)\s*,", re.I)


def _inner_conjunctions(body: str) -> str:
    """An "and"/"or" inside one comma item joins one name ("crime and thriller") when the list closes with its own
    ", and …" / ", or …" later: then the bare conjunction cannot be the list's last one."""
    body = _EN_FILLER.sub(r"\g<conj>", body)  # "…, memoir, and um, nonfiction-other"
    segments = body.split(",")
    if len(segments) < 4:
        return body
    closing = max((i for i, seg in enumerate(segments) if re.match(r"\s*(?:and|or)\s", seg, re.I)), default=-1)
    if closing < 0 and len(segments) >= 5:
        # "A, B, freezing or cancelling membership, D, lost property, other": no closing conjunction, and two or more
        # short items after the one holding "or": the "or" joins that item's words
        # ("…, road or site closures, everything else": a catch-all closing the list counts as the short item after it)
        catch_all = re.fullmatch(r"\s*(?:(?:everything|anything)\s+else|(?:all\s+)?others?|the\s+rest|misc\.?)\s*", segments[-1], re.I) is not None
        for i in range(0, len(segments) - (1 if catch_all else 2)):
            later = segments[i + 1 :]
            if i == 0 and len(segments[0].split()) > 4:
                continue  # the first segment may still hold the sentence's words; a short one is an item ("late or cancelled bus")
            if re.search(r"\s(?:or|and)\s", segments[i]) and all(0 < len(seg.split()) <= 4 for seg in later):
                segments[i] = re.sub(r"(?<=\s)and(?=\s)", "\x0e", re.sub(r"(?<=\s)or(?=\s)", "\x0f", segments[i]))
        return ",".join(segments)
    if closing < 2:
        return body
    for i in range(0, closing - 1):
        if not re.match(r"\s*(?:and|or)\s", segments[i], re.I):
            segments[i] = re.sub(r"(?<=\s)and(?=\s)", "\x0e", re.sub(r"(?<=\s)or(?=\s)", "\x0f", segments[i]))
    return ",".join(segments)


WHEN_AFTER = re.compile(
    r"(?:,|\s[-–—]{1,2})\s*(?:(?:ideally|preferably|hopefully|if\s+possible|asap|no\s+later\s+than|in\s+time\s+for)\b|(?:ideally\s+|preferably\s+)?before\s+(?:the|our|we|you|they|it|next|this|[A-Z0-9])"
    r"|(?:and\s+)?(?:(?:ideally|preferably|hopefully)\s+)?(?:before|by)\s+(?:the\s+(?:end|holiday|holidays|weekend|\d)|end\s+of|next\b|this\b|tomorrow"
    r"|tonight|christmas|new\s+year|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d|we\b|our\b|then\b))",
    re.I,
)


def split_enumeration(segment: str) -> tuple[list[str], str | None, int]:
    """Labels listed at the start of `segment`, the catch-all label if any, and the chars consumed."""
    segment = re.sub(r"([”\"」』])\s*([“\"「『])", r"\1、\2", segment.strip())
    if not segment:
        return [], None, 0
    segment = _list_semicolons(segment)  # "water damage; fire; theft": semicolons between short items separate a list
    stop = _SENTENCE_END.search(segment)
    body = segment[: stop.start()] if stop else segment
    # "glass, paper, plastic -- anything else = general waste": the dash closes the list; the catch-all is read after it
    dash = re.search(r"\s+[-–—]{1,2}\s+(?=(?:or\s+|and\s+)?(?:anything|everything|whatever|the\s+rest|otherwise|none\s+of)\b"
                     r"|(?:or\s+|and\s+|plus\s+)?(?:use\s+)?[\"'“‘]?[A-Za-z][\w -]{0,20}?[\"'”’]?\s+(?:for|if|when)\s+(?:anything|everything|whatever|the\s+rest)\b)", body, re.I)
    if dash and not _has_cjk(body):
        body = body[: dash.start()]
    # "thumbs up / thumbs down, and if thumbs down, what's wrong": a condition after a comma ends the list
    cond = re.search(r",\s*(?:and\s+|but\s+)?(?:if|when|unless)\s+(?!(?:it'?s\s+|you'?re\s+|they'?re\s+)?(?:unsure|unclear|not\s+sure|in\s+doubt|none\b))", body, re.I)
    if cond and not _has_cjk(body):
        body = body[: cond.start()]
    # "accurate / small mistakes / wrong, before the holiday tournament", "… or spam - ideally before the 19th": a time
    # or a wish after a comma or a dash closes the list; it is when the work is due, not a name
    when = WHEN_AFTER.search(body)
    if when and not _has_cjk(body):
        body = body[: when.start()]
    # separators inside brackets explain one item ("绝对化用语（最、第一）"); they do not split the list
    body = re.sub(r"[（(][^()（）]*[)）]", lambda m: m.group(0).translate(_MASK), body)
    body = _mask_quoted(body)
    cjk = _has_cjk(body)
    if cjk:
        # with 、 the list is joined by 、/和/或 and a Chinese comma ends it; without, commas separate
        splitter = _ZH_SEP_RE if re.search(r"、|／|/|｜|\||→|->|⟶|➝", body) else _ZH_SEP_WITH_COMMA_RE
        if splitter is _ZH_SEP_RE and "、" not in body and len(re.findall(r"[，,]", body)) >= 2 and re.search(r"／|/", body) and re.split(r"／|/", body)[0].count("，") + re.split(r"／|/", body)[0].count(",") >= 1:
            splitter = _ZH_SEP_WITH_COMMA_NO_SLASH_RE  # "材料，能源，交叉学科/其他": the slash joins two names of one label
        elif splitter is _ZH_SEP_RE and body.count("、") >= 2 and re.search(r"[\u4e00-\u9fff][／/][\u4e00-\u9fff]", body) and not re.search(r"[\u4e00-\u9fff]{1,8}(?:[／/][\u4e00-\u9fff]{1,8}){2,}", body):
            splitter = _ZH_SEP_NO_SLASH_RE  # "船名、航次号、港口/码头、泊位号": between 、 a slash joins two names of one label
        elif splitter is _ZH_SEP_RE and body.count("｜") + body.count("|") >= 2 and re.search(r"[\u4e00-\u9fff][／/][\u4e00-\u9fff]", body):
            splitter = _ZH_SEP_NO_SLASH_RE  # "数学｜英语｜择校/报考": between bars a slash joins two names of one label
        if splitter is _ZH_SEP_RE:
            comma = re.search(r"[，,]", body)
            first_sep = re.search(r"、|／|/|｜|\||和|或|还是", body)
            if comma and (not first_sep or first_sep.start() < comma.start()):
                body = body[: comma.start()]
        parts = splitter.split(body)
    else:
        if re.search(r",[^&]*\b(?:and|or)\s+[^,&]*\s&\s", body):
            body = re.sub(r"\s&\s(?=[^,]*$)", lambda m: m.group(0).translate(_MASK), body)  # "film, art and food & drink"
        if body.count(",") >= 2 and " & " in body[: body.rfind(",")]:
            # "budget/taxes, transportation & bus routes, curriculum, …": commas delimit, an ampersand inside a middle item joins its words
            head, tail = body[: body.rfind(",")], body[body.rfind(",") :]
            body = re.sub(r"(?<=\w)\s&\s(?=\w)", lambda m: m.group(0).translate(_MASK), head) + tail
        body = _inner_conjunctions(body)  # "literary fiction, crime and thriller, romance, …, and memoir"
        en_sep = _EN_SEP_NO_SLASH_RE if body.count(",") >= 2 else _EN_SEP_RE
        if body.count("|") + body.count("｜") >= 2:
            en_sep = _EN_PIPE_RE  # "Hardware & Devices | Network / Wi-Fi | …": the strongest delimiter splits, the weaker stay inside
            last_pipe = max(body.rfind("|"), body.rfind("｜"))
            comma = body.find(",", last_pipe)
            if comma > 0:
                body = body[:comma]  # "billing | shipping | returns, due friday": the comma after the last item ends the list
        parts = en_sep.split(body)
    seps = [sep.strip().lower() for sep in en_sep.findall(body)] if not cjk else []
    labels: list[str] = []
    other = None
    consumed = 0
    # two or more items written "name: definition" are names with their definitions
    keyed = sum(bool(re.match(r"\s*[^:：=]{1,30}(?:[:：]|\s=)\s*\S", part)) for part in parts) >= 2
    # "Emergency - come in now, Book - …": names glossed after a dash, one a part (then a dash ends no list)
    named_list = sum(bool(re.search(r"\s[-–—]{1,2}\s", part)) for part in parts) >= 2
    for index, part in enumerate(parts):
        if not part.strip():
            continue
        if not labels and cjk:
            part = re.sub(r"^[^、，]{0,12}?(?:里|中|上)(?:提到|出现)?的", "", part)
        if keyed and re.match(r"\s*[^:：=]{1,30}(?:[:：]|\s=)\s*\S", part):
            part = re.split(r"\s*(?:[:：]|\s=)", part, maxsplit=1)[0]  # "claim: a factual statement; opinion: a view": the names
        elif not labels and re.search(r"[:：]", part):
            head, _, part = re.split(r"([:：])", part, maxsplit=1)[0], None, re.split(r"[:：]", part)[-1]  # "属于哪个类目：服装" -> 服装
            if _NOT_LABELS_BEFORE.search(head):
                return [], None, 0  # "数据来源：微博、抖音" lists sources, not labels
        if not cjk and body.count(",") >= 2 and any(later.strip() for later in parts[index + 1 :]):
            named = re.match(r"^\s*(?P<name>[A-Za-z][\w'’&/-]*(?:\s+[\w'’&/-]+){0,2})\s+[-–—]{1,2}\s+(?P<note>[A-Za-z][^\d\x00-\x05]*)$", part)
            if named and len(named.group("note").split()) > 5:
                named = None  # "food/apres -- scale is -2 (very negative) to +2": the sentence goes on
            if named and re.match(r"(?:by|into|as|per|with|from|under|for|in|on|to)\s", named.group("name"), re.I):
                named = None  # "tagged by genre - true crime, comedy": the dash opens the list
            if named:  # "Emergency - come in now, Book a normal appointment, …": the name before its explanation
                part = named.group("name")
        dash_closes = False
        if not cjk and index > 0 and (not named_list or not any(later.strip() for later in parts[index + 1 :])):
            # "tagged by topic - check-in, boarding, food, delays - a form can have several", "… notifications - and
            # (b) whether …": a dash after a name, then a sentence, closes the list
            dashed = re.match(r"^\s*(?P<name>[A-Za-z][\w'’&/-]*(?:\s+[\w'’&/-]+){0,3}?)\s+[-–—]{1,2}\s+(?P<rest>\S[^\x00-\x07]*)$", part)
            if dashed and len(dashed.group("rest").split()) >= 3:
                part, dash_closes = dashed.group("name"), True
        is_other = bool(_OTHER_ZH.match(part.strip(_QUOTES)) or _OTHER_EN.match(part.strip(_QUOTES)))
        inner = any(later.strip() for later in parts[index + 1 :]) and not re.search(r"[.!?。！？]\s*$", part)
        label, ended = _clean_item(part.translate(_UNMASK), inner=inner)
        if ended and index < len(parts) - 1 and re.search(r"[)）]\s*$", part) and not _clean_item(re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", part))[1]:
            ended = False  # "虚假警（含误报）、其他": an explanation in brackets, and the list goes on
        if not _plausible(label):
            break
        if is_other:
            other = label
        if label not in labels:
            labels.append(label)
        consumed = body.find(part) + len(part) if part in body else len(body)
        if ended or is_other or dash_closes:
            break
        # "A, B or C, about 20k reviews": the item after the last "or"/"and" closes the list
        if index > 0 and index - 1 < len(seps) and re.search(r"\b(?:or|and)$", seps[index - 1]) and seps[index - 1] != "and/or":
            break
    if cjk and len(labels) >= 2:
        labels = _shared_tail(labels)
    return labels, other, consumed


# "咸淡、软硬、份量还是价格的问题", "态度、准时、专业度哪个方面": a tail on the last name that speaks of every name
_SHARED_TAIL_ZH = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])(?:(?:方面)?的问题|哪(?:一)?个?方面的?|方面的|哪(?:一)?(?:类|种)|这块|这方面)$")


def _shared_tail(labels: list[str]) -> list[str]:
    tail = _SHARED_TAIL_ZH.search(labels[-1])
    if tail is None or any(_SHARED_TAIL_ZH.search(label) for label in labels[:-1]):
        return labels
    return [*labels[:-1], labels[-1][: tail.start()]]


_MIDDLING = r"meh|ok|okay|so-so|so so|average|fair|mediocre|fine|一般|还行|还可以|凑合|马马虎虎|中等|中"
_GOOD_WORD = r"good|great|happy|satisfied|love(?:d)? it|excellent|好|很好|满意|高兴|开心|优|优秀|挺好"
_BAD_WORD = r"bad|poor|unhappy|unsatisfied|dissatisfied|hate(?:d)? it|terrible|awful|差|很差|不好|不行|不满意|不高兴|不开心|糟糕"


def in_sentence(text: str, start: int, width: int) -> str:
    """Up to `width` characters before `start`, within its sentence: "会员给教练打分并留言。想把留言标一下：…" — the
    scale word of the sentence before orders nothing."""
    return re.split(r"[。！？!?]", text[max(0, start - width) : start])[-1]


def _ordinal(labels: list[str], context: str) -> bool:
    if all(re.fullmatch(r"\d{1,2}", label) for label in labels):
        return True
    # "档" of 文档/档案 is no grade
    # an arrow orders the list only between two of its items ("取前10个结果 → 人工判断 相关 / 不相关" is a step)
    if any(re.search(rf"{re.escape(a)}\s*(?:→|->|⟶|➝)\s*{re.escape(b)}", context) for a in labels for b in labels if a != b):
        return True
    # "打个质量分：可用、需修改、不可用", "给个满意度分": a score of some named kind grades its labels too
    if re.search(r"打(?!了)[个一]?[^，,。；;：:、\s]{0,5}分(?![类别开成组钟拣批享配])|质量分|分数|得分", context):
        return True
    # a scale word inside one name ("考级报名" among 问课程、约课、买琴) grades nothing; one in every name does ("一级 / 二级 / 三级")
    scale_word = re.compile(r"程度|\b(?:rated|graded|scored|degree)\b|(?<![文存归])档(?!案)|级|等级|等次|分制|打分|(?<![好差中])评分|量表|\b(?:rating|rate|scale|score|grades?|grading|likert|levels?|severity|urgency|priority)\b", re.I)
    named = sorted((label for label in labels if label), key=len, reverse=True)
    bare = re.sub("|".join(re.escape(label) for label in named), " ", context) if named else context
    if scale_word.search(bare) or (labels and all(scale_word.search(label) for label in labels)):
        return True
    # everyday grades: a good word, a middling one and a bad one ("happy / meh / unhappy", "好 / 还行 / 不行", "good / ok / bad")
    if 3 <= len(labels) <= 4 and any(re.fullmatch(_MIDDLING, label.strip(), re.I) for label in labels[1:-1]) \
            and re.fullmatch(_GOOD_WORD, labels[0].strip(), re.I) and re.fullmatch(_BAD_WORD, labels[-1].strip(), re.I):
        return True
    if everyday_grades(labels):  # "Good match / OK / Wrong", "usable as is / usable with edits / not useful"
        return True
    hits = sum(bool(_ORDINAL_WORDS.search(label)) for label in labels)
    if len(labels) >= 3 and hits == len(labels):
        return True
    # "忠实 / 轻微偏差 / 严重编造", "none / minor issue / severe issue": degrees of one thing after its absence
    degrees = {m.group(0) for label in labels for m in [re.search(r"轻微|严重|轻度|中度|重度|部分|完全|\b(?:minor|major|severe|slight|moderate|partial|mild)\b", label, re.I)] if m}
    if len(labels) >= 3 and hits >= len(labels) - 1 and len(degrees) >= 2:
        return True
    # levels of one thing: 高风险 / 中风险 / 低风险 / 无风险, high risk / medium risk / low risk
    level = r"^(?:高度|一般|部分|完全|有点|比较|高|中|低|无|不|非常|很|较|略|极|严重|轻微|重度|中度|轻度|high|highly|medium|mid|low|no|none|very|slightly|severe|mild|moderate|minor|major|critical|not|partly|fully)\s*"
    stems = {re.sub(level, "", label, flags=re.I).strip().casefold() for label in labels}
    if len(labels) >= 3 and len(stems) == 1 and "" not in stems and all(re.match(level, label, re.I) for label in labels):
        return True
    # a word, its denial and a middle grade between them: 相关 / 一般 / 不相关, 是 / 可能是 / 不是, yes / maybe / no
    if len(labels) == 3:
        for word in labels:
            denied = [label for label in labels if re.fullmatch(rf"(?:不|非|not\s+|un|in|ir){re.escape(word)}", label, re.I)]
            middle = [label for label in labels if label != word and label not in denied]
            if word and denied and middle and re.fullmatch(rf"一般|中等|还行|凑合|可能(?:是)?{re.escape(word)}?|somewhat(?:\s+{re.escape(word)})?|so-so|maybe", middle[0], re.I):
                return True
    # graded forms of one word: 相关 / 部分相关 / 不相关, relevant / partly relevant / not relevant
    modifiers = r"(?:部分|基本|不太|不|弱|非常|很|比较|完全|partly|partially|somewhat|not|very|highly|fully)\s*"
    # and acceptable / acceptable with corrections / unacceptable: a negating prefix or a qualifier grades the word too
    graded = sum(any(other != label and (re.fullmatch(modifiers + re.escape(other), label, re.I) or re.fullmatch(r"(?:un|in|im|dis)" + re.escape(other), label, re.I)
                                         or re.fullmatch(re.escape(other) + r"\s+(?:with|but)\s+\w.*", label, re.I)) for other in labels) for label in labels)
    return len(labels) >= 3 and graded >= 2


def _count_word(text: str) -> int | None:
    m = re.search(rf"({_COUNT})\s*{_ZH_COUNT_NOUN}", text) or re.search(rf"\b({_EN_NUMWORD})\s+{_EN_COUNT_NOUN}\b", text, re.I)
    if not m:
        return None
    token = m.group(1)
    value = parse_cn_number(token) if _has_cjk(token) else (int(token) if token.isdigit() else parse_en_number(token))
    return int(value) if value else None

