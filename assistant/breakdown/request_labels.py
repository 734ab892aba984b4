"""The label set a request (or a requester's answer) names, read from its own words.

People list labels in many ways; this module reads the common ones in Chinese and English:

- an enumeration after a framing phrase: "分成 A、B、C 四类", "标成A或B", "选项是A/B/C",
  "tag messages as X, Y, Z or fine", "classify into X, Y and Z", "labels: X, Y, Z";
- a scale: "按0到3四档打分", "1-5分", "rate 1 to 5", "四档：非常满意、满意、一般、不满意",
  "yes or no", "是/否";
- quoted labels ("spam" or "ham", 「广告」「辱骂」) and bullet lists after a framing line;
- a trailing catch-all: "其余算正常" gives the label 正常, "or fine" gives fine.

Count words ("四类", "three categories") are stripped from the last label. The result carries
the exact quote it rests on and whether the labels are an ordered scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.breakdown.extract import parse_cn_number, parse_en_number
from assistant.breakdown.label_candidates import Candidate, best, find_candidates
from assistant.breakdown.label_shapes import add_catch_all_line, shaped_candidates

__all__ = ["LabelSet", "find_labels", "split_enumeration"]


@dataclass
class LabelSet:
    labels: list[str]
    quote: str
    ordinal: bool = False
    other: str | None = None  # the catch-all label ("其余算正常" -> 正常)
    notes: list[str] = field(default_factory=list)


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
)
_EN_FRAMES = (
    r"\b(?:tag|tags|tagging|tagged|label|labels|labeling|labelling|labeled|labelled|classify|classifying|classified|"
    r"categori[sz]e|categori[sz]ing|sort|sorting|mark|marking|bucket|bucketing|flag|flagging|group|grouping|split|splitting|"
    r"divide|dividing|separate|separating|annotate|annotating|code|coding|rate|rating|grade|grading|score|scoring|judge|judging)\b"
    r"(?:\s+(?!as\b|into\b)[\w'’-]+){0,5}?\s+(?:as\s+(?:either\s+|one\s+of\s+)?|into\s+(?:" + _EN_NUMWORD + r"\s+" + _EN_COUNT_NOUN + r"\s*[:-]?\s*)?)",
    r"\b(?:labels?|categories|classes|options|choices|tags|buckets|levels|grades|classification)\s*(?:are|is|:|would be|will be|should be|include|including|=|like|such as)\s*(?:either\s+)?",
    r"\b(?:one of|choose from|pick from|either)\s*[:]?\s*",
    # "each one should be marked valid or invalid", "flagged urgent / normal"
    r"\b(?:marked|tagged|labell?ed|flagged|rated|graded|classified|categori[sz]ed)\s+(?=[\w-]+(?:\s*,\s*[\w-]+(?:\s+[\w-]+)?)*,?(?:\s+or\s+|\s*/\s*)[\w-]+\b)",
    # "Grade it perfect, good, fair or bad", "label each one spam or ham"
    r"\b(?:grade|rate|score|label|tag|mark|classify|call)\s+(?:it|them|each(?:\s+one)?|every\s+one)\s+(?=[\w-]+(?:\s*,|\s+or\b|\s+vs\.?\s|\s+versus\s|\s*/))",
    r"\b(?:route|routing|send|sending|forward|forwarding|assign|assigning|dispatch|dispatching|triage|direct)\b(?:\s+(?!to\b)[\w'’-]+){0,4}?\s+(?:to|into|between)\s+(?:either\s+|one\s+of\s+)?(?=[^.;:!?\n]{1,80}(?:,|\bor\b))",
    r"\b(?:is|are)\s+(?:it|they|this|that|the\s+\w+|each\s+\w+|every\s+\w+)\s+(?=[^.?!\n]{1,80}\bor\b[^.?!\n]{1,30}\?)",
    r"\b(?:whether|if)\s+(?:it|they|this|that|the\s+\w+|each\s+\w+|every\s+\w+)\s+(?:is|are|was|were)\s+(?=[^.?!\n]{1,60},[^.?!\n]{0,60}\bor\b)",
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
_ZH_SEPARATORS = r"→|->|⟶|➝|、|／|/|\||｜|\+|＋|和|与|及|以及|或者|或|还是|跟"
_ZH_SEP_RE = re.compile(rf"\s*(?:{_ZH_SEPARATORS})\s*")
_ZH_SEP_WITH_COMMA_RE = re.compile(rf"\s*(?:{_ZH_SEPARATORS}|，|,)\s*")
_EN_SEP_RE = re.compile(r"\s*(?:→|->|⟶|➝|,\s*(?:and|or)\s+|,|;|/|\||｜|\s\+\s|\s&\s|\band/or\b|\bor\b|\band\b|\bvs\.?|\bversus\b|、|，)\s*", re.I)
# in a comma-separated list a slash joins two names of one label ("legacy/bequest")
_EN_SEP_NO_SLASH_RE = re.compile(r"\s*(?:→|->|⟶|➝|,\s*(?:and|or)\s+|,|;|\||｜|\s\+\s|\s&\s|\band/or\b|\bor\b|\band\b|\bvs\.?|\bversus\b|、|，)\s*", re.I)

# Words after which an English item stops being a label ("fine so we can route them").
_EN_TAIL = re.compile(
    r"\s+(?:so|so that|to|for|because|since|which|that|where|when|if|based|depending|according|using|with|from|by|in order|"
    r"then|before|after|per|on|within|about|around|roughly|approximately|we|our|and then|is|are|as|each|every|each one|"
    r"please|thanks|etc|toward|towards|regarding|re|in terms of|from each|from the)\b.*$",
    re.I,
)
_ZH_TAIL = re.compile(
    r"(?:几类|几种|几个|就行|就好|即可|来分|来区分|中的|这种|这类|之类|这些|那些|这几|每条|每个|总共|一共|大概|大约|方便|便于|以便|用于|用来|然后|之后|要求|需要|的数据|的消息|的评论|的内容|等等|吧|啊|呢)"
    r".*$"
)
_ZH_LEAD = re.compile(r"^(?:分别是|分别为|就是|[:：])\s*")
_EN_LEAD = re.compile(r"^(?:either|as|the|a|an|one of|is|are|labels?|tags?|just|only|simply|with|plus|also)\s+", re.I)
_COUNT_SUFFIX_ZH = re.compile(rf"\s*(?:等|这|共|一共|总共)?\s*{_COUNT}\s*{_ZH_COUNT_NOUN}.*$")
_COUNT_SUFFIX_EN = re.compile(rf"\s*\(?\s*(?:{_EN_NUMWORD})\s+{_EN_COUNT_NOUN}\b.*$", re.I)
_QUOTES = " \t\"'“”‘’「」『』《》<>()（）[]【】*`_"
_OTHER_ZH = re.compile(
    r"^(?:其余|其他|其它|剩下|剩余|余下|别的|以外|此外)(?:的|情况|内容|消息|都|全部|一律|统一)*\s*"
    r"(?:都|一律|统一|全部)?(?:算作|算|归为|归入|归到|标为|标成|标|记为|视为|当作|当|作为|是|为)\s*(?P<label>.+)$"
)
_OTHER_EN = re.compile(
    r"^(?:everything|anything|all|the)\s+(?:else|other|others|rest)\s*(?:ones?|messages?|items?)?\s*(?:is|are|as|=|counts? as|goes? (?:to|in|into)|gets?|becomes?)?\s*(?P<label>.+)$"
    r"|^(?:otherwise|else|rest)\s*[:=]?\s*(?P<label2>.+)$",
    re.I,
)
_SCALE_RE = re.compile(
    r"[★☆⭐]?\s*(?P<a>\d{1,2})\s*(?:到|至|~|～|-|–|—|to)\s*(?P<star>[★☆⭐])?\s*(?P<b>\d{1,2})\s*(?P<unit>分|档|级|星|颗星|points?|stars?|scale|点)?",
    re.I,
)
_SCALE_CUE = re.compile(r"打分|评分|分制|档|级|星|等级|量表|打星|程度|rate|rating|score|scale|stars?|points?|grade|likert|levels?|severity|分", re.I)
_YES_NO = re.compile(r"\b(yes)\s*(?:or|/|\|)\s*(no)\b|(?<![\u4e00-\u9fff])(是)\s*(?:/|或|还是)\s*(否)(?![\u4e00-\u9fff])", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)、]|[（(]?\d{1,2}[)）]|[a-zA-Z][.)])\s*(?P<item>.+?)\s*$")
_ORDINAL_WORDS = re.compile(
    r"非常|很|比较|一般|不太|满意|不满意|严重|轻微|完全|部分|"
    r"\bvery\b|\bsomewhat\b|\bslightly\b|\bextremely\b|\bnot at all\b|\bhigh\b|\bmedium\b|\blow\b|\bpoor\b|\bfair\b|\bgood\b|\bexcellent\b|\bbad\b|\bpartly\b|\bpartially\b|\bfully\b",
    re.I,
)


def _has_cjk(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def _clean_item(item: str) -> tuple[str, bool]:
    """One enumerated item as a label name, and whether it ended the list (a count word or a tail)."""
    raw = item
    cut_paren = re.sub(r"\s*[(（][^)）]*[)）]?\s*$", "", item.strip())
    ended = False
    if cut_paren and cut_paren != item.strip() and not item.strip().startswith(("(", "（")):
        item, ended = cut_paren, True  # "Neutral (one per review)" -> Neutral
    item = item.strip(_QUOTES + "。.，,：:")
    m = _OTHER_ZH.match(item) or _OTHER_EN.match(item)
    if m:
        item = (m.group("label") if "label" in m.re.groupindex and m.group("label") else m.groupdict().get("label2") or "").strip()
    if _has_cjk(item):
        item = _ZH_LEAD.sub("", item)
        cut = _COUNT_SUFFIX_ZH.sub("", item)
        if cut != item:
            item, ended = cut, True
        cut = item[:2] + _ZH_TAIL.sub("", item[2:]) if len(item) > 2 else item
        if cut and cut != item:
            item, ended = cut, True
        # Chinese label followed by an English gloss or a space and more words: keep the first word
        if " " in item.strip():
            head = item.strip().split()[0]
            if _has_cjk(head):
                item, ended = head, True
    else:
        item = _EN_LEAD.sub("", item.strip())
        cut = _COUNT_SUFFIX_EN.sub("", item)
        if cut != item:
            item, ended = cut, True
        cut = _EN_TAIL.sub("", item)
        rest = item[len(cut) :].split()
        if len(rest) == 2 and rest[0].lower() in {"for", "of", "in", "on", "with", "from", "by", "about"} and rest[1].lower() not in _NOT_A_TAIL_OBJECT:
            cut = item  # "reason for calling" is one label; "fine so we can route them" ends at "fine"
        if cut != item:
            item, ended = cut, True
    item = item.strip(_QUOTES + "。.，,：:;；!！?？—–-")
    if raw.strip().endswith(("。", ".", "!", "?", "！", "？")):
        ended = True
    return item, ended


_NOT_A_TAIL_OBJECT = {"now", "us", "me", "them", "it", "this", "that", "example", "instance", "each", "all", "training"}


def _plausible(label: str) -> bool:
    if not label:
        return False
    if _has_cjk(label):
        return len(label) <= 12 and not re.search(r"\d{3,}|[万千]条|截止[到至]?\d|之前|以前|^(?:[一二两三四五六七八九十几\d]+|哪)(?:个|份|部分|块|种任务)", label)
    words = label.split()
    if re.search(r"^\d|\d[\d,.]*\s*(?:[kKwW万千%]|thousand|million)", label) and len(words) > 1:
        return False  # "5k emails", "about 20k reviews"
    return 1 <= len(words) <= 4 and len(label) <= 40 and not re.match(r"^\d{3,}", label)


_MASK = str.maketrans({"、": "\x00", ",": "\x01", "/": "\x02", "，": "\x03", "和": "\x04", "或": "\x05"})
_UNMASK = str.maketrans({"\x00": "、", "\x01": ",", "\x02": "/", "\x03": "，", "\x04": "和", "\x05": "或"})


def split_enumeration(segment: str) -> tuple[list[str], str | None, int]:
    """Labels listed at the start of `segment`, the catch-all label if any, and the chars consumed."""
    segment = re.sub(r"([”\"」』])\s*([“\"「『])", r"\1、\2", segment.strip())
    if not segment:
        return [], None, 0
    stop = _SENTENCE_END.search(segment)
    body = segment[: stop.start()] if stop else segment
    # separators inside brackets explain one item ("绝对化用语（最、第一）"); they do not split the list
    body = re.sub(r"[（(][^()（）]*[)）]", lambda m: m.group(0).translate(_MASK), body)
    cjk = _has_cjk(body)
    if cjk:
        # with 、 the list is joined by 、/和/或 and a Chinese comma ends it; without, commas separate
        splitter = _ZH_SEP_RE if re.search(r"、|／|/|｜|\|", body) else _ZH_SEP_WITH_COMMA_RE
        if splitter is _ZH_SEP_RE:
            comma = re.search(r"[，,]", body)
            first_sep = re.search(r"、|／|/|｜|\||和|或|还是", body)
            if comma and (not first_sep or first_sep.start() < comma.start()):
                body = body[: comma.start()]
        parts = splitter.split(body)
    else:
        en_sep = _EN_SEP_NO_SLASH_RE if body.count(",") >= 2 else _EN_SEP_RE
        parts = en_sep.split(body)
    seps = [sep.strip().lower() for sep in en_sep.findall(body)] if not cjk else []
    labels: list[str] = []
    other = None
    consumed = 0
    for index, part in enumerate(parts):
        if not part.strip():
            continue
        if not labels and cjk:
            part = re.sub(r"^[^、，]{0,12}?(?:里|中|上)(?:提到|出现)?的", "", part)
        if not labels and re.search(r"[:：]", part):
            head, _, part = re.split(r"([:：])", part, maxsplit=1)[0], None, re.split(r"[:：]", part)[-1]  # "属于哪个类目：服装" -> 服装
            if _NOT_LABELS_BEFORE.search(head):
                return [], None, 0  # "数据来源：微博、抖音" lists sources, not labels
        is_other = bool(_OTHER_ZH.match(part.strip(_QUOTES)) or _OTHER_EN.match(part.strip(_QUOTES)))
        label, ended = _clean_item(part.translate(_UNMASK))
        if ended and index < len(parts) - 1 and re.search(r"[)）]\s*$", part) and not _clean_item(re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", part))[1]:
            ended = False  # "虚假警（含误报）、其他": an explanation in brackets, and the list goes on
        if not _plausible(label):
            break
        if is_other:
            other = label
        if label not in labels:
            labels.append(label)
        consumed = body.find(part) + len(part) if part in body else len(body)
        if ended or is_other:
            break
        # "A, B or C, about 20k reviews": the item after the last "or"/"and" closes the list
        if index > 0 and index - 1 < len(seps) and re.search(r"\b(?:or|and)$", seps[index - 1]) and seps[index - 1] != "and/or":
            break
    return labels, other, consumed


def _ordinal(labels: list[str], context: str) -> bool:
    if all(re.fullmatch(r"\d{1,2}", label) for label in labels):
        return True
    # "档" of 文档/档案 is no grade
    if re.search(r"→|->|⟶|➝|程度|\b(?:rated|graded|scored|degree)\b|(?<![文存归])档(?!案)|级|等级|分制|打分|评分|量表|\b(?:rating|rate|scale|score|grades?|grading|likert|levels?)\b", context, re.I):
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
    # graded forms of one word: 相关 / 部分相关 / 不相关, relevant / partly relevant / not relevant
    modifiers = r"(?:部分|不太|不|非常|很|比较|完全|partly|partially|somewhat|not|very|highly|fully)\s*"
    graded = sum(any(other != label and re.fullmatch(modifiers + re.escape(other), label, re.I) for other in labels) for label in labels)
    return len(labels) >= 3 and graded >= 2


def _count_word(text: str) -> int | None:
    m = re.search(rf"({_COUNT})\s*{_ZH_COUNT_NOUN}", text) or re.search(rf"\b({_EN_NUMWORD})\s+{_EN_COUNT_NOUN}\b", text, re.I)
    if not m:
        return None
    token = m.group(1)
    value = parse_cn_number(token) if _has_cjk(token) else (int(token) if token.isdigit() else parse_en_number(token))
    return int(value) if value else None


_POINT_SCALE = re.compile(r"\b(?P<n>two|three|four|five|six|seven|ten|\d{1,2})[- ]point\s+(?:likert\s+)?scale\b|(?P<zh>[二三四五六七八九十\d]{1,2})\s*分制", re.I)


def _scale(text: str) -> LabelSet | None:
    m = _POINT_SCALE.search(text)
    if m:
        token = m.group("n") or m.group("zh")
        value = int(token) if token.isdigit() else (parse_cn_number(token) if _has_cjk(token) else parse_en_number(token))
        if value and 2 <= int(value) <= 10:
            return LabelSet([str(n) for n in range(1, int(value) + 1)], m.group(0), ordinal=True)
    for m in _SCALE_RE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not 0 <= a < b or b - a > 10:
            continue
        window = text[max(0, m.start() - 45) : m.end() + 15]
        if not (m.group("unit") or m.group("star") or _SCALE_CUE.search(window)):
            continue
        if re.search(r"[$¥€£%]|元|万|千|月|日|号|周|天|点钟|岁", text[m.start() : m.end() + 2]) or re.search(r"[$¥€£]\s*$", text[: m.start()]):
            continue
        count = _count_word(text[m.end() : m.end() + 8])
        if count is not None and count != b - a + 1:
            continue
        end = m.end()
        tail = re.match(rf"\s*{_COUNT}\s*{_ZH_COUNT_NOUN}", text[end:])
        if tail:
            end += tail.end()
        return LabelSet([str(n) for n in range(a, b + 1)], text[m.start() : end].strip(), ordinal=True)
    return None


def _bullets(text: str) -> LabelSet | None:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not re.search(r"[:：]\s*$", line) or not re.search(r"标签|类别|分类|选项|分成|分为|label|categor|class|option|tag|bucket", line, re.I):
            continue
        items, quoted = [], []
        for follow in lines[index + 1 :]:
            m = _BULLET.match(follow)
            if not m:
                if follow.strip():
                    break
                continue
            name = re.split(r"\s*(?:[:：]|\s[-–—]\s|（|\()", m.group("item"), maxsplit=1)[0]
            name = name.strip(_QUOTES)
            if not _plausible(name):
                break
            items.append(name)
            quoted.append(follow.strip())
        if len(items) >= 2:
            return LabelSet(items, "\n".join([line.strip(), *quoted]), ordinal=_ordinal(items, line))
    return None


def _quoted_run(text: str) -> LabelSet | None:
    """Two or more quoted short names joined by separators, in a sentence about labels."""
    pattern = re.compile(
        r"(?P<run>(?:[\"“「『'‘][^\"”」』'’\n]{1,24}[\"”」』'’]\s*(?:,|，|、|/|or|and|或|和|及)?\s*){2,})", re.I
    )
    for m in pattern.finditer(text):
        names = re.findall(r"[\"“「『'‘]([^\"”」』'’\n]{1,24})[\"”」』'’]", m.group("run"))
        names = [name.strip() for name in names if _plausible(name.strip())]
        sentence_start = max(text.rfind(c, 0, m.start()) for c in "。.!?！？\n") + 1
        context = text[sentence_start : m.end() + 20]
        if len(names) >= 2 and re.search(r"标|分|类|选|打|label|tag|classif|categor|mark|as\b|into|sort|bucket|rate|flag", context, re.I):
            return LabelSet(list(dict.fromkeys(names)), m.group("run").strip(), ordinal=_ordinal(names, context))
    return None


def _framed(text: str) -> LabelSet | None:
    best: LabelSet | None = None
    for m in _FRAME_RE.finditer(text):
        labels, other, consumed = split_enumeration(text[m.end() :])
        if len(labels) < 2:
            continue
        if re.match(r"判断|区分|分辨|辨别|识别|看", m.group(0)) and not all(_short_label(label) for label in labels):
            continue  # "判断用户是真的很生气还是只是有点不满" asks a question; it names no labels
        quote = text[m.start() : m.end() + consumed].strip()
        context = text[max(0, m.start() - 20) : m.end() + consumed + 10]
        count = _count_word(text[m.start() : m.end() + consumed + 8])
        found = LabelSet(labels, quote, ordinal=_ordinal(labels, context), other=other)
        if count is not None and count != len(labels):
            found.notes.append(f"the request says {count} labels but lists {len(labels)}")
        if best is None or len(found.labels) > len(best.labels):
            best = found
        if count is None or count == len(labels):
            if best is found:
                return found
    return best


def _before_verb(text: str) -> LabelSet | None:
    for regex in (_BEFORE_VERB_ZH, _BEFORE_VERB_EN):
        for m in regex.finditer(text):
            body = m.group("list")
            if regex is _BEFORE_VERB_ZH:
                body = re.sub(r"^[^、，和]{0,14}?(?:里|中|上)(?:面|头|边)?(?:提到|出现)?的", "", body)
                body = re.sub(r"的(?=、|和|或|$)", "", body)  # "卖金币的、骂人的"
            labels, other, _ = split_enumeration(body)
            if len(labels) >= 2:
                tail = text[m.end() : m.end() + 30]
                more = re.match(r"\s*[，,]?\s*(?:其余|其他|其它|剩下)[^，。；]{0,6}?(?:算|归为|标为|为|是)\s*([^，。；;\s]{1,8})", tail)
                if more and more.group(1) not in labels:
                    labels.append(more.group(1))
                    return LabelSet(labels, (m.group(0) + tail[: more.end()]).strip(), ordinal=_ordinal(labels, m.group(0)), other=more.group(1))
                return LabelSet(labels, m.group(0).strip(), ordinal=_ordinal(labels, m.group(0)), other=other)
    return None


_NOT_LABELS_BEFORE = re.compile(
    r"来源|渠道|平台|语言|语种|格式|时间|预算|交付|人员|标注员|工具|要求|阶段|批次|批|轮|步骤|步|source|channel|platform|language|format|deadline|budget|"
    r"timeline|annotators?|tools?|requirements?|deliverables?|from|phases?|stages?|rounds?|batch(?:es)?|steps?|sets?|splits?",
    re.I,
)


def _standalone(text: str) -> LabelSet | None:
    """A list with no framing phrase: after a colon ("tickers: bullish, bearish or neutral") or joined by slashes."""
    for m in _COLON_LIST.finditer(text):
        if _NOT_LABELS_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            continue  # "数据来源：微博、抖音" lists sources, not labels
        rest = text[m.end() :]
        stop = _SENTENCE_END.search(rest)
        body = rest[: stop.start()] if stop else rest
        if _has_cjk(body) and re.search(r"、", body):
            comma = re.search(r"[，,]", body)
            if comma and comma.start() > body.find("、"):
                body = body[: comma.start()]  # "积极、消极、中性，先来五千条": the comma ends the list
        labels, other, consumed = split_enumeration(body)
        joined = re.search(r"、|/|\bor\b|\band\b|\bvs\b|\bversus\b|或|和|还是", body[:consumed] if consumed else body, re.I) or len(labels) >= 3
        if len(labels) >= 2 and joined and consumed >= len(body.rstrip(" ?？")) - 1 and all(_short_label(label) or len(label) <= 12 for label in labels):
            return LabelSet(labels, text[m.start() : m.end() + consumed].strip(), ordinal=_ordinal(labels, text[max(0, m.start() - 30) : m.end() + consumed]), other=other)
    for m in _SLASH_RUN.finditer(text):
        run = m.group("run")
        if re.search(r"\band/or\b", run, re.I):
            continue
        items = [re.sub(r"^[\u4e00-\u9fff]+(?=[A-Za-z])|(?<=[A-Za-z])[\u4e00-\u9fff]+$", "", part.strip()) for part in run.split("/")]
        items = [_clean_item(item)[0] for item in items]
        items = [item for item in items if _plausible(item)]
        if len(items) >= 3 or (len(items) == 2 and re.search(r"标|分|类|label|tag|classif|categor|mark|sort|rate", text[max(0, m.start() - 30) : m.end() + 10], re.I)):
            return LabelSet(list(dict.fromkeys(items)), run.strip(), ordinal=_ordinal(items, text[max(0, m.start() - 30) : m.end() + 10]))
    return None


_PAREN = re.compile(r"[(（](?P<body>[^()（）\n]{3,160})[)）]")
_CLASSIFY_VERB = re.compile(r"标|分|类|选|label|tag|classif|categor|sort|bucket|group|mark|flag|rate|score|grade|by\b", re.I)
_MARK_AS = re.compile(
    r"(?:(?:就|则|都)标|标(?:为|成|注为|记为))\s*[「“\"']?(?P<name>\d{1,2}|[A-Za-z][\w-]{0,15}|[\u4e00-\u9fff]{1,6}?)[」”\"']?(?=[，。；,;、\s]|$)"
    r"|标\s*(?:[「“\"'](?P<quoted>[^」”\"'\n]{1,12})[」”\"']|(?P<digit>\d{1,2})(?=[，。；,;、\s]|$))"
)


def _parenthesised(text: str) -> LabelSet | None:
    for m in _PAREN.finditer(text):
        labels, other, consumed = split_enumeration(m.group("body"))
        sentence_start = max(text.rfind(c, 0, m.start()) for c in "。.!?！？\n") + 1
        context = text[sentence_start : m.start()]
        if len(labels) >= 3 and consumed >= len(m.group("body").rstrip(" .。")) - 1 and _CLASSIFY_VERB.search(context) and all(_short_label(label) for label in labels):
            return LabelSet(labels, m.group(0), ordinal=_ordinal(labels, context), other=other)
    return None


def _short_label(label: str) -> bool:
    """Stricter than `_plausible`, for lists with no framing phrase."""
    if _has_cjk(label):
        return len(label) <= 6 and not re.search(r"什么|怎么|吗|想|要|是不是|有没有|知道|看看|我们|你们", label)
    return len(label.split()) <= 3 and not re.search(r"\b(?:we|you|they|i|our|your|is|are|do|does|can|please|tell|need|want)\b", label, re.I)


def _pure_parenthesised(text: str) -> LabelSet | None:
    """"标出是否违规（违规/不违规）": a parenthesised list of options after a labeling verb."""
    for m in _PAREN.finditer(text):
        body = m.group("body")
        if not re.search(r"/|、|\bor\b|或", body):
            continue
        labels, other, consumed = split_enumeration(body)
        before = text[max(0, m.start() - 20) : m.start()]
        if len(labels) >= 2 and consumed >= len(body.rstrip(" .。")) - 1 and all(_short_label(label) for label in labels) and re.search(
            r"标|选|判断|是否|label|tag|mark|whether|classif", before, re.I
        ):
            return LabelSet(labels, m.group(0), ordinal=_ordinal(labels, before), other=other)
    return None


def _list_sentence(text: str) -> LabelSet | None:
    """A sentence that is nothing but a list: "Left, right, or same." / "toxic / hate / spam / fine?"."""
    for m in re.finditer(r"[^。.!?！？\n]+[。.!?！？]?", text):
        sentence = m.group(0).strip()
        body = sentence.rstrip("。.!?！？ ")
        if not body or len(body) > 80:
            continue
        labels, other, consumed = split_enumeration(body)
        joined = re.search(r"、|/|\bor\b|或|还是", body, re.I)
        if len(labels) >= 2 and joined and consumed >= len(body) - 1 and all(_short_label(label) for label in labels):
            return LabelSet(labels, body, ordinal=_ordinal(labels, text[max(0, m.start() - 40) : m.end()]), other=other)
    return None


def _mark_as(text: str) -> LabelSet | None:
    """"有就标1，没有标0": two or more values after 标 in one sentence."""
    for m in re.finditer(r"[^。.!?！？\n]+", text):
        names = list(dict.fromkeys(found.group("name") or found.group("quoted") or found.group("digit") for found in _MARK_AS.finditer(m.group(0))))
        names = [name for name in names if name and not re.search(r"一下|一批|过|了|条|万|千|些|注|签|准", name)]
        if len(names) >= 2:
            return LabelSet(names, m.group(0).strip(), ordinal=False)
    return None


def _weak(text: str) -> LabelSet | None:
    for m in _WEAK_FRAME_RE.finditer(text):
        labels, other, consumed = split_enumeration(text[m.end() :])
        if len(labels) >= 3:
            return LabelSet(labels, text[m.start() : m.end() + consumed].strip(), ordinal=_ordinal(labels, text[m.start() : m.end() + consumed]), other=other)
    return None


def _trimmed(found: LabelSet | None) -> LabelSet | None:
    """The quote ends at the last label ("…or fine so we can route them" -> "…or fine")."""
    if found is None or not found.labels or all(re.fullmatch(r"\d{1,2}", label) for label in found.labels):
        return found  # a scale's quote ("1-5分") is kept whole
    quote = found.quote
    end = max((quote.rfind(label) + len(label) for label in found.labels if label in quote), default=len(quote))
    while end < len(quote) and quote[end] in "\"”」』'’)）":
        end += 1
    tail = re.match(rf"\s*(?:{_COUNT}\s*{_ZH_COUNT_NOUN}|\(?\s*{_EN_NUMWORD}\s+{_EN_COUNT_NOUN}\)?)", quote[end:], re.I)
    found.quote = quote[: end + (tail.end() if tail else 0)].strip() or quote
    return found


def find_labels(text: str) -> LabelSet | None:
    """The labels `text` names, or None when it names none (then past projects may only suggest)."""
    found = _find_labels(text)
    if found is not None and found.quote not in text.replace("\u3000", " "):
        found.quote = text.strip()
    return found


_LEGACY_KINDS = {"bullets", "pure_parenthesised", "framed", "before_verb", "scale", "quoted", "standalone", "parenthesised", "yes_no", "mark_as", "list_sentence", "weak"}


def _legacy_candidates(text: str) -> list[Candidate]:
    """The candidates of this module's own grammar, to be scored with the others."""
    found: list[Candidate] = []
    finders = (
        ("bullets", _bullets), ("pure_parenthesised", _pure_parenthesised), ("framed", _framed), ("before_verb", _before_verb),
        ("scale", _scale), ("quoted", _quoted_run), ("standalone", _standalone), ("parenthesised", _parenthesised),
        ("yes_no", _yes_no), ("mark_as", _mark_as), ("list_sentence", _list_sentence), ("weak", _weak),
    )
    for kind, finder in finders:
        result = _trimmed(finder(text))
        if result is None:
            continue
        quote_start = max(text.find(result.quote), 0)
        first = text.find(result.labels[0], quote_start) if result.labels else -1
        start = first if quote_start <= first < quote_start + len(result.quote) else quote_start
        found.append(Candidate(list(result.labels), result.quote, start, quote_start + len(result.quote), kind, result.ordinal, result.other, list(result.notes)))
    return found


def _yes_no(text: str) -> LabelSet | None:
    m = _YES_NO.search(text)
    if not m:
        return None
    yes, no = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return LabelSet([yes.lower() if yes.isascii() else yes, no.lower() if no.isascii() else no], m.group(0))


def _find_labels(text: str) -> LabelSet | None:
    if not text or not text.strip():
        return None
    text = text.replace("\u3000", " ")
    candidates = _legacy_candidates(text) + find_candidates(text, split_enumeration) + shaped_candidates(text, split_enumeration)
    for candidate in candidates:
        add_catch_all_line(candidate, text)  # "· 报修\n· 投诉\n其余算闲聊"
    chosen = best(candidates, text)
    if chosen is None:
        return None
    labels = [label for label in chosen.labels if label]
    # examples in brackets or quotes ("绝对化用语（“国家级”）") say nothing about the list's order
    context = re.sub(r"[（(][^()（）]*[)）]|“[^”]*”|\"[^\"]*\"", "", text[max(0, chosen.start - 30) : chosen.end + 10])
    ordinal = chosen.ordinal if chosen.kind in _LEGACY_KINDS else _ordinal(labels, context)
    return LabelSet(labels, chosen.quote, ordinal=ordinal, other=chosen.other, notes=chosen.notes)
