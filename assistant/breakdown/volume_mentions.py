"""Every quantity a request mentions, with what it counts and the words around it.

The volume readers (`extract`, `quantities`, `bare_counts`) each look for one written form. This
module collects *all* mentions of a count in both languages, so that `volume_choice` can score which
one is the number of items to label:

- the value, and how exact it is: exact ("2.4万帖"), about ("一千二百份左右", "三千来条", "~18,000", "roughly
  1.2k": a specific number, hedged) or more ("三千多封", "3万+条", "38万多帖": an open range);
- the measure word or noun it counts and its class: a data item (条/段/封/帖/通/reviews/remarks/pairs),
  a person (人/位/坐席/volunteers), a container or population (家/艘/vessels/shops/sites), time,
  money or size — these last never count items;
- the words before and after it in its clause, which the scorer reads for cues;
- products of a container count and a per-container count ("800个搜索词，每个词取前10条结果" is
  8,000 pairs; "40个坐席，每人抽50通" is 2,000 calls).

Mentions inside quoted sample text ("sample: \"... RH 12,340\"") are skipped: they are data, not sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.breakdown.extract import parse_cn_number

__all__ = ["Mention", "mentions", "clause_bounds"]

_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]{2,}|[二两三四五六七八九]?十|[一二两三四五六七八九]?[百千万]"
_MAG = {"万": 10_000, "w": 10_000, "千": 1000, "k": 1000, "thousand": 1000, "million": 1_000_000, "m": 1_000_000, "亿": 100_000_000}

# Chinese: number, magnitude, an open "多/余/来", "+", then a measure word and up to four characters of noun
_ZH_MENTION = re.compile(
    rf"(?<![0-9A-Za-z.,:/#\-])(?P<num>{_AR}|{_CN})\s*(?P<mag>万|千|亿|[wWkK](?![A-Za-z]))?\s*(?P<more>多|余|来)?\s*(?P<plus>\+)?\s*"
    r"(?P<cls>[\u4e00-\u9fff])(?P<noun>[\u4e00-\u9fffA-Za-z]{0,4})"
)
# English: number, magnitude, "+", up to two modifiers, a noun
_EN_WORD_NUM = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
_EN_MENTION = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num>{_AR}|(?:{_EN_WORD_NUM})\b)\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b|[mM](?![A-Za-z]))?\s*(?P<plus>\+)?"
    r"\s+(?P<gap>(?:(?!(?:of|in|on|at|per|each|a|an|the|and|or|to|for|from|by)\b)[A-Za-z][\w'-]*[\s/]+){0,2}?)(?P<noun>[A-Za-z][\w'-]*?s)\b",
    re.I,
)
# the same with a longer name between number and noun (3 to 5 words, "+" or "&" among them); only a data noun counts
_EN_MENTION_LONG = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b)?\s*(?P<plus>\+)?"
    r"\s+(?P<gap>(?:(?!(?:of|in|on|at|per|each|a|an|the|and|or|to|for|from|by|with|that|which|who|we|our|are|is|was|were|will|so)\b)(?:[A-Za-z][\w'-]*|[+&])\s+){3,5}?)"
    r"(?P<noun>[A-Za-z][\w'-]*?s)\b",
    re.I,
)
_EN_CURRENCY_WORD = re.compile(r"\b(?:usd|eur|gbp|rmb|cny|hkd|dollars?|bucks|euros?|pounds?|yuan|grand)\b", re.I)
# English: a collection's size written without a noun: "our archive is about 65,000", "backlog of 12k"
_EN_COLLECTION = re.compile(
    rf"\b(?P<noun>archive|backlog|dataset|data set|corpus|collection|database|catalog(?:ue)?|library|inbox|queue)\s+(?:is|has|of|contains|holds|at|=)\s+"
    rf"(?:about|around|roughly|approx\.?|approximately|some|~)?\s*(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b)?(?!\s*[A-Za-z%])",
    re.I,
)

_EN_TOTAL_ONLY = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|million\b)?\s+(?:in all|in total|altogether|all told|total)\b", re.I
)
_ZH_DATA_CLS = set("条段封帖通份则首幅帧例对组行篇句张道题单笔件集期部本宗章")
_ZH_PERSON_CLS = set("人名位")
# 场 counts performances, matches or sessions: "这一季演了42场" is not the number of comments about them
_ZH_CONTAINER_CLS = set("家所座艘辆栋台间届场")
_ZH_TIME_CLS = set("天日周月年号点时分秒岁遍轮次倍")
_ZH_MONEY_CLS = set("元块毛角")
_ZH_SIZE_CLS = set("字词页兆")
_ZH_PEOPLE_NOUN = re.compile(
    r"^(?:标注|坐席|客服|教练|学员|学生|老师|用户|员工|客户|护士|医生|志愿者|同事|专家|会员|粉丝|患者|病人|家长|司机|商家|卖家|买家|版主|工程师|律师|人)"
)
_ZH_CONTAINER_NOUN = re.compile(
    r"^(?:门店|店|网点|站点|城市|医院|学校|渠道|群|账号|平台|项目|部门|仓库|品牌|类目|省|区|站|小区|商场|景区|频道|公众号|分店|工厂|车间|船|科室|班|批次|批|文件夹|"
    r"搜索词|词|问题|query|Query|类|标签|维度|字段|选项|档|级|步|阶段|版本|模型|语种)"
)

_EN_DATA = re.compile(
    r"^(?:reviews|texts|messages|lines|records|pairs|remarks|letters|posts|comments|e-?mails|tickets|images|photos|pictures|clips|videos|recordings|calls|"
    r"transcripts|summaries|documents|docs|articles|notes|reports|logs|entries|utterances|sentences|paragraphs|questions|answers|responses|conversations|"
    r"dialogues|dialogs|chats|samples|items|examples|rows|tweets|captions|descriptions|listings|receipts|invoices|contracts|claims|forms|files|scans|snippets|"
    r"segments|rewrites|drafts|outputs|completions|prompts|threads|episodes|cases|complaints|requests|submissions|results|queries|abstracts|titles|headlines|"
    r"memos|filings|orders|transactions|sms|chunks|passages|excerpts|frames|screenshots|audios|voicemails|podcasts|songs|tracks|products|hits|diffs|commits|issues|bugs|ads|adverts|profiles|resumes|cvs|applications|proposals|campaigns|disclosures|patents|papers|essays|bios|jokes|memes|tiles|crops|pages|slides|sketches|drawings|labels|annotations|judgements|judgments|ratings|turns|exchanges|replies|bids|menus|recipes|stories|scripts)$",
    re.I,
)
_EN_PERSON = re.compile(
    r"^(?:people|persons|folks|annotators|labell?ers|raters|taggers|analysts|staff|staffers|colleagues|teammates|members|engineers|nurses|doctors|clinicians|"
    r"students|interns|linguists|experts|volunteers|agents|moderators|teachers|reviewers|specialists|editors|lawyers|paralegals|pharmacists|counsell?ors|"
    r"therapists|researchers|contractors|freelancers|translators|speakers|users|customers|clients|patients|employees|workers|accountants|listeners|"
    r"subscribers|followers|visitors|drivers|riders|players|buyers|sellers|vendors|partners|guests|residents|parents|kids|children|writers|authors)$",
    re.I,
)
_EN_CONTAINER = re.compile(
    r"^(?:vessels|ships|boats|shops|stores|sites|branches|restaurants|hotels|clinics|hospitals|schools|cities|countries|accounts|channels|teams|companies|brands|"
    r"stations|vehicles|trucks|machines|devices|warehouses|factories|offices|locations|regions|markets|apps|websites|tankers|bulkers|fleets|farms|plants|"
    r"projects|departments|campuses|venues|outlets|categories|classes|tags|levels|grades|points|stars|options|buckets|languages|models|versions|shows|stations)$",
    re.I,
)
_EN_TIME = re.compile(r"^(?:days|weeks|months|years|hours|hrs|minutes|mins|seconds|secs|wks|nights|shifts|times|rounds|sessions|quarters)$", re.I)
_EN_MONEY = re.compile(r"^(?:dollars|bucks|cents|euros|pounds|yuan|usd|eur|gbp|rmb)$", re.I)
_EN_SIZE = re.compile(r"^(?:words|characters|chars|tokens|pages|bytes|kb|mb|gb|tb|megabytes|gigabytes)$", re.I)

_ABOUT_BEFORE = re.compile(r"(?:约|大约|大概|差不多|估计|将近|接近|近|\b(?:about|around|roughly|approx\.?|approximately|some|nearly|almost)|~|≈|～)\s*$", re.I)
_ABOUT_AFTER = re.compile(r"^\s*(?:左右|上下|出头|ish\b)")
_MORE_BEFORE = re.compile(r"(?:\b(?:over|more than|upwards of|north of|at least)|超过|至少|不少于)\s*$", re.I)
_MORE_AFTER = re.compile(r"^\s*(?:or more|and more|plus\b|以上|多(?![少]))", re.I)
_VAGUE_BEFORE = re.compile(r"\b(?:a couple(?: of)?|a few|few|several|some|many|dozens of|hundreds of|thousands of|tens of)\s*$", re.I)
# "top 10 results", "第3批", "每个词取前10条": a rank or a count per container, not a size
_ORDINAL_BEFORE = re.compile(r"(?:\btop|\bno\.|#|第|每[^，,。；;]{0,6}前)\s*$", re.I)
# a product or model name right before the number: a word with a capital after its first letter, or a
# capitalised word that does not start its sentence
_MODEL_NAME_BEFORE = re.compile(r"(?:\b[a-z]+[A-Z][A-Za-z]*|(?<=[A-Za-z,] )[A-Z][A-Za-z]*|\b[A-Z]{2,})\s$")
_BREAK = "，,。；;！!？?\n：:（）()"

# quoted sample text and everything after "sample:" / "e.g." on its line is data, not a size
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|「[^」\n]{1,300}」|『[^』\n]{1,300}』|(?:\bsample|\bexample|\be\.g\.|例如|比如|示例)\s*[:：][^\n]*", re.I)


@dataclass
class Mention:
    """One count the request mentions."""

    value: int
    start: int
    end: int
    evidence: str
    unit: str  # the measure word or noun
    kind: str  # data | person | container | time | money | size | unknown
    exactness: str = "exact"  # exact | about | more
    derived: bool = False  # a product of two mentions
    low: int | None = None
    high: int | None = None
    notes: list[str] = field(default_factory=list)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause a span sits in: between the nearest breaks (commas, full stops, brackets)."""
    left = max((text.rfind(c, 0, start) for c in _BREAK), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in _BREAK) if i >= 0]
    return left, min(rights) if rights else len(text)


def _number(num: str, mag: str | None) -> float | None:
    num = num.strip()
    if re.fullmatch(_AR, num):
        value = float(num.replace(",", ""))
    elif re.fullmatch(_EN_WORD_NUM, num, re.I):
        words = _EN_WORD_NUM.split("|")
        idx = words.index(num.lower())
        value = float([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 30, 40, 50, 100][idx])
    else:
        parsed = parse_cn_number(num)
        if parsed is None:
            return None
        value = float(parsed)
    if mag:
        value *= _MAG.get(mag.lower(), 1)
    return value


def _open_range(value: int) -> tuple[int, int]:
    """"三千多" -> 3000-3999, "2.4万多" -> 24000-24999, "38万多" -> 380000-389999."""
    digits = str(value)
    zeros = len(digits) - len(digits.rstrip("0"))
    step = 10 ** zeros if zeros else 10
    return value, value + step - 1


def _kind_zh(cls: str, noun: str) -> str:
    if cls in _ZH_TIME_CLS:
        return "time"
    if cls in _ZH_MONEY_CLS or noun.startswith("钱"):
        return "money"
    if cls in _ZH_SIZE_CLS:
        return "size"
    if cls in _ZH_PERSON_CLS:
        return "person"
    if cls in _ZH_CONTAINER_CLS:
        return "container"
    if cls in _ZH_DATA_CLS:
        return "data"
    if cls == "个" or cls == "只":
        if _ZH_PEOPLE_NOUN.match(noun):
            return "person"
        if _ZH_CONTAINER_NOUN.match(noun) or not noun:
            return "container"
        return "unknown"
    return "none"


def _kind_en(noun: str) -> str:
    for pattern, kind in ((_EN_TIME, "time"), (_EN_MONEY, "money"), (_EN_SIZE, "size"), (_EN_PERSON, "person"), (_EN_CONTAINER, "container"), (_EN_DATA, "data")):
        if pattern.match(noun):
            return kind
    return "unknown"


def _exactness(text: str, start: int, end: int, more: bool) -> str:
    if more or _MORE_BEFORE.search(text[max(0, start - 14) : start]) or _MORE_AFTER.match(text[end : end + 8]):
        return "more"
    if _ABOUT_BEFORE.search(text[max(0, start - 14) : start]) or _ABOUT_AFTER.match(text[end : end + 6]):
        return "about"
    return "exact"


def mentions(text: str) -> list[Mention]:
    """All counts in the request (see the module doc), in order of appearance."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    found: list[Mention] = []

    def inside_quote(start: int) -> bool:
        return any(s < start < e for s, e in quoted)

    for m in _ZH_MENTION.finditer(text):
        if inside_quote(m.start()) or _ORDINAL_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value):
            continue
        kind = _kind_zh(m.group("cls"), m.group("noun"))
        if kind == "none":
            continue
        more = m.group("more") in ("多", "余") or bool(m.group("plus"))
        end = m.end("cls")
        item = Mention(int(value), m.start(), end, text[m.start() : end], m.group("cls") + m.group("noun"), kind)
        item.exactness = _exactness(text, m.start(), end, more)
        if item.exactness == "exact" and m.group("more") == "来":
            item.exactness = "about"  # "三千来条" is about 3000
        if item.exactness == "more":
            item.low, item.high = _open_range(item.value) if m.group("more") in ("多", "余") else (item.value, None)
        found.append(item)
    for m in _EN_MENTION.finditer(text):
        if inside_quote(m.start()) or _VAGUE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) or _ORDINAL_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value):
            continue
        noun = m.group("noun")
        kind = "money" if _EN_CURRENCY_WORD.search(m.group("gap")) else _kind_en(noun)  # "6k USD tops" is a budget
        if _MODEL_NAME_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "iPhone 15 case", "GPT 4 answers", "Windows 11 logs": a model name, not a count
        item = Mention(int(value), m.start(), m.end(), m.group(0), noun.lower(), kind)
        item.exactness = _exactness(text, m.start(), m.end(), bool(m.group("plus")))
        if item.exactness == "more":
            item.low, item.high = item.value, None
        found.append(item)
    for m in _EN_MENTION_LONG.finditer(text):
        # "18,000 App Store + Google Play reviews", "~2,400 site monitoring visit reports": a data noun after a long name
        if inside_quote(m.start()) or any(x.start == m.start() for x in found) or _kind_en(m.group("noun")) != "data":
            continue
        if any(_kind_en(word) != "unknown" for word in m.group("gap").split()) or _MODEL_NAME_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # the first noun that counts ends the name: "15 reviews need sentiment labels" is not a long name
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value) or _EN_CURRENCY_WORD.search(m.group("gap")):
            continue
        item = Mention(int(value), m.start(), m.end(), m.group(0), m.group("noun").lower(), "data")
        item.exactness = _exactness(text, m.start(), m.end(), bool(m.group("plus")))
        if item.exactness == "more":
            item.low, item.high = item.value, None
        found.append(item)
    for m in _EN_TOTAL_ONLY.finditer(text):
        if inside_quote(m.start()):
            continue
        value = _number(m.group("num"), m.group("mag"))
        sentence = re.split(r"[.!?\n]", text[max(0, m.start() - 80) : m.start()])[-1]
        nouns = [w for w in re.findall(r"[A-Za-z][\w-]*s\b", sentence) if _kind_en(w) == "data"]
        if value is None or value != int(value) or not nouns:
            continue
        item = Mention(int(value), m.start(), m.end(), m.group(0), nouns[-1].lower(), "data")
        item.exactness = _exactness(text, m.start(), m.end(), False)
        found.append(item)
    for m in _EN_COLLECTION.finditer(text):
        value = _number(m.group("num"), m.group("mag"))
        if value is None or value != int(value):
            continue
        item = Mention(int(value), m.start(), m.end(), m.group(0), m.group("noun").lower(), "data", notes=["collection"])
        item.exactness = "about" if re.search(r"about|around|roughly|approx|some|~", m.group(0), re.I) else "exact"
        found.append(item)
    found.extend(_elliptic(text, found))
    found.sort(key=lambda x: (x.start, x.end))
    _mark_per_unit(text, found)
    _mark_restated(text, found)
    found.extend(_products(text, found))
    return sorted(found, key=lambda x: (x.start, x.end))


# a count with no noun of its own, right after a labelling or sampling verb or right before "labeled/done":
# "Pick 3,000 and caption them", "want 20k labeled", "先标5000", "抽2000来标" — it counts what the request
# counted last (the photos, the clips)
_EN_ELLIPTIC = re.compile(
    rf"\b(?:pick|choose|select|sample|label|annotate|tag|review|grade|rate|score|code|sort|classify|check|read|process|handle|caption|describe|"
    rf"go through|look (?:at|through)|do|take|want|need|get)\s+(?:(?:a|another|the first|a random|random|a sample of|only|just)\s+)?(?:about\s+|around\s+|roughly\s+|~\s*)?"
    rf"(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b)?(?=\s*(?:[,.;:!?)]|$|and\b|as\b|into\b|with\b|of\s+(?:them|those|these)\b|for\b|to\b|labell?ed\b|annotated\b|tagged\b|done\b|reviewed\b|now\b|first\b))"
    rf"|(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num2>{_AR})\s?(?P<mag2>[kK](?![A-Za-z])|thousand\b)?\s+(?:of\s+(?:them|those|these)\s+)?(?:labell?ed|annotated|tagged|reviewed|done)\b"
    # "sample: 2,500", "volume = 3k", "样本量：2000" — a count given as the value of a size field
    rf"|(?:\b(?:sample(?:\s+size)?|volume|batch(?:\s+size)?|items to label|to label)|样本量|样本|数量|标注量)\s*[:：=]\s*(?:about\s+|~\s*|约)?(?P<num3>{_AR})\s?(?P<mag3>[kK](?![A-Za-z])|thousand\b|万|千)?(?![\d.,%-])",
    re.I,
)
_ZH_ELLIPTIC = re.compile(
    rf"(?:标|标注|抽|挑|选|先做|做|取)(?:了|出)?(?:其中)?(?:的)?(?:约|大概|大约)?(?P<num>{_AR})\s*(?P<mag>万|千|[wWkK](?![A-Za-z]))?(?![0-9.,%\u4e00-\u9fff])"
    rf"|(?:标|标注|抽|挑|选|先做|做|取)(?:了|出)?(?:其中)?(?P<num2>{_AR})\s*(?P<mag2>万|千)?(?=来标|来做|个?来|就行|就够|即可)"
)


# a total the request works out itself, with no noun: "the last 10 weeks, so about 1,200", "也就是6000"
_RESTATED_BARE = re.compile(
    rf"(?:\b(?:so|i\.e\.,?|that'?s|that is|which is|making)|→|->|=>|=|也就是|即)\s*(?:about|around|roughly|~|约|大约|大概)?\s*"
    rf"(?P<num>{_AR})\s?(?P<mag>[kK](?![A-Za-z])|thousand\b|万|千)?(?=\s*(?:[,.;:!?)，。；！？]|$|in all|in total|total|altogether))",
    re.I,
)


# "I exported messages from #general, 25,000 of them": a count of the data the sentence named before it
_OF_THEM = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num4>{_AR})\s?(?P<mag4>[kK](?![A-Za-z])|thousand\b)?\s+of\s+(?:them|those|these|which)\b(?!\s+(?:are|were|is|was|have|had|contain|mention|include)\b)",
    re.I,
)


# "(4,873 to be exact)", "准确说是1968": the exact count that restates a hedged one
_EXACTLY = re.compile(
    rf"(?<![0-9A-Za-z.,:/#$€£¥\-])(?P<num5>{_AR})\s?(?P<mag5>[kK](?![A-Za-z]))?(?=\s*(?:to be (?:exact|precise)|exactly|precisely)\b)"
    rf"|\b(?:exactly|precisely)\s+(?P<num6>{_AR})(?![\d,.]*\s*(?:%|percent))"
    rf"|(?:准确|确切|精确)(?:地)?(?:来?说|数字|数)?(?:是|为)?\s*(?P<num7>{_AR})(?![\d,.]*\s*[%万千])",
    re.I,
)


def _noun_before(text: str, start: int) -> str | None:
    """The last data noun of the sentence before `start` (or of the one before it)."""
    before = re.split(r"(?<=[.!?\n])\s", text[max(0, start - 160) : start])
    for sentence in reversed(before[-2:]):
        nouns = [w for w in re.findall(r"[A-Za-z][\w-]*s\b", sentence) if _kind_en(w) == "data"]
        if nouns:
            return nouns[-1].lower()
    return None


def _elliptic(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in found]
    for pattern in (_RESTATED_BARE, _EN_ELLIPTIC, _ZH_ELLIPTIC, _OF_THEM, _EXACTLY):
        for m in pattern.finditer(text):
            key = next(k for k in ("num", "num2", "num3", "num4", "num5", "num6", "num7") if k in m.re.groupindex and m.group(k))
            mag_key = {"num": "mag", "num2": "mag2", "num3": "mag3", "num4": "mag4", "num5": "mag5"}.get(key, key)
            if pattern is _OF_THEM and _noun_before(text, m.start()) is None:
                continue
            start, end = m.start(key), m.end(mag_key) if mag_key != key and m.group(mag_key) else m.end(key)
            if any(s <= start < e for s, e in taken):
                continue
            value = _number(m.group(key), m.group(mag_key))
            if value is None or value != int(value) or value < 10:
                continue
            earlier = [x for x in found if x.end <= start and x.kind in {"data", "unknown"}]
            unit, kind = (earlier[-1].unit, earlier[-1].kind) if earlier else ("items", "unknown")
            if pattern is _OF_THEM:
                unit, kind = _noun_before(text, m.start()) or unit, "data"
            if pattern is _EXACTLY and not earlier:
                continue  # "exactly 30" with no count before it restates nothing
            item = Mention(int(value), start, end, text[start:end], unit, kind, notes=["elliptic"])
            if pattern is _RESTATED_BARE:
                item.notes.append("restated")
            item.exactness = _exactness(text, start, end, False)
            out.append(item)
            taken.append((start, end))
    return out


# "每辆车平均12张图", "each car has about 12 photos": a count per container, not a total
_PER_UNIT_BEFORE = re.compile(
    r"每[^，,。；;！!？?\n]{0,8}$|\b(?:each|every|per)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:has|have|gets|contains|comes with|with)?\s*(?:about|around|roughly|~|an average of|on average)?\s*$",
    re.I,
)


def _mark_per_unit(text: str, found: list[Mention]) -> None:
    for item in found:
        left, _ = clause_bounds(text, item.start, item.end)
        if _PER_UNIT_BEFORE.search(text[left : item.start]) and "per-unit" not in item.notes:
            item.notes.append("per-unit")


# "250 disclosures → 5,000 hits", "800 queries x 10 results = 8,000 pairs", "i.e. 6,000 pairs", "也就是6000对"
_RESTATE_BETWEEN = re.compile(
    r"^[^。.!?\n（()）]{0,25}?(?:→|->|=>|=|≈|\bi\.e\.,?|\bthat'?s|\bthat is|\bwhich is|\bso|\bmaking|也就是|即)\s*(?:共|一共|总共|合计|共计|in total|total of)?\s*(?:about|around|roughly|~|约|大约|大概)?\s*$",
    re.I,
)


def _mark_restated(text: str, found: list[Mention]) -> None:
    for earlier, later in zip(found, found[1:]):
        if earlier.kind in {"time", "money", "size", "person"} or later.kind in {"time", "money", "size", "person"}:
            continue
        if later.value > earlier.value and _RESTATE_BETWEEN.match(text[earlier.end : later.start]):
            later.notes.append("restated")
            earlier.notes.append("restated-from")
    # "四千条左右（3,980条，我数过了）", "about 4,000 forms (3,987 exactly)": the exact count restates the hedged one
    for earlier, later in zip(found, found[1:]):
        pair = {earlier.exactness, later.exactness}
        if earlier.kind != "data" or later.kind != "data" or pair != {"about", "exact"} or earlier.value == later.value:
            continue
        between = text[earlier.end : later.start]
        if abs(earlier.value - later.value) <= 0.1 * max(earlier.value, later.value) and not re.search(r"[。.!?！？\n]", between):
            exact, hedged = (earlier, later) if earlier.exactness == "exact" else (later, earlier)
            exact.notes.append("restated")
            hedged.notes.append("restated-from")


# "每个词取前10条结果", "每人抽50通", "top 5 results each", "5 results per query"
_ZH_PER = re.compile(
    r"^[^。；;！!？?\n]{0,6}?[，,、]?\s*每(?:个|位|名|人|条|家|份|篇|本|场|期|集|天)?[\u4e00-\u9fffA-Za-z]{0,4}?(?:抽|取|选|挑|标|听|看|做|有|含|包含|给|出)?(?:了|出)?(?:前|约|大概)?\s*"
    r"(?P<n>\d+|[一二两三四五六七八九十百]+)\s*(?P<cls>[条段封帖通份则首幅张篇句对组]|个(?=(?:搜索|检索|召回|推荐)?(?:结果|候选|商品|文档|网页|链接)))"
)
_EN_PER = re.compile(
    r"^[^.!?\n]{0,40}?(?:\btop\s+(?P<n1>\d+)\s+(?:[a-z]+\s+){0,2}?(?:each|per\s+\w+)\b|\b(?P<n2>\d+)\s+(?:[a-z]+\s+){0,2}?(?:each|(?:per|for each|from each|a)\s+(?P<per>[a-z]+)))\b",
    re.I,
)


_PER_TIME = re.compile(r"每(?:天|日|周|星期|月|小时|年)|一天|一周|/\s*(?:天|日|周|h|hr|day|week)|\b(?:per|a|an|each|every)\s+(?:day|hour|week|month|year|shift|night)\b|\bdaily\b|\bweekly\b", re.I)


def _products(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for base in found:
        if base.kind not in {"person", "container", "unknown", "data"} or base.exactness == "more" or base.value < 2:
            continue
        after = text[base.end : base.end + 60]
        m = _ZH_PER.match(after)
        count = None
        if m:
            count = _number(m.group("n"), None)
        else:
            m = _EN_PER.match(after)
            per = (m.group("per") or "").lower() if m else ""
            if m and per and not (per[:4] == base.unit[:4] or per in {"query", "item", "search", "document", "doc", "prompt", "question", "case", "person"}):
                m = None  # "50 calls per agent" multiplies "120 agents"; "2 per day" multiplies nothing
            if m and ";" in after[: m.start("n1" if m.group("n1") else "n2")] and not per:
                m = None
            if m:
                count = _number(m.group("n1") or m.group("n2"), None)
        if m is not None and m.re is _EN_PER and _measures_not_items(after[m.end("n1" if m.group("n1") else "n2") :]):
            continue  # "~800 PRs, 5 minutes each": a time per item, not a count per item
        if not m or not count or count < 2 or _PER_TIME.search(after[: m.end()] + after[m.end() : m.end() + 12]):
            continue  # "10人，每人每天能标300条" is a throughput, not a total
        end = base.end + m.end()
        product = Mention(int(base.value * count), base.start, end, text[base.start : end], "items", "data", derived=True)
        product.notes.append(f"{base.value} x {int(count)}")
        base.notes.append("factor")
        for other in found:
            if base.end <= other.start < end:
                other.notes.append("factor")  # "每人抽50通": a count per container, not the volume
        out.append(product)
    out.extend(_per_container(text, found, out))
    return out


# "Each clinic sent 40 letters" after "25 clinics.", "~4k utterances per language" after "15 languages"
_EACH_THEN_COUNT = re.compile(
    r"^[^!?\n]{0,25}?\b(?:each|every)\s+(?P<per>[a-z]+)\b[^.!?\n]{0,40}?(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mag>[kK](?![A-Za-z]))?\s+(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+s\b",
    re.I,
)
_COUNT_THEN_PER = re.compile(r"^\s*(?:per|for each|in each|from each|each)\s+(?P<per>[a-z]+)\b", re.I)


def _measures_not_items(after_number: str) -> bool:
    """The word after a per-item number names time, money, size or people ("5 minutes each", "$2 per hit")."""
    word = re.match(r"\s*([A-Za-z]+)", after_number)
    return word is not None and _kind_en(word.group(1)) in {"time", "money", "size", "person"}


def _same_noun(per: str, unit: str) -> bool:
    return len(per) >= 3 and unit.lower().startswith(per.lower()[: max(3, len(per) - 1)])


def _per_container(text: str, found: list[Mention], made: list[Mention]) -> list[Mention]:
    """Products whose per-container count is written after the container in its own sentence or with "per X"."""
    out: list[Mention] = []
    containers = [b for b in found if b.kind in {"container", "person", "unknown"} and b.exactness != "more" and b.value >= 2]
    for base in containers:
        if any(p.start == base.start for p in made):
            continue
        m = _EACH_THEN_COUNT.match(text[base.end : base.end + 90])
        if m and _same_noun(m.group("per"), base.unit) and not _PER_TIME.search(m.group(0)):
            count = _number(m.group("n"), m.group("mag"))
            if count and count >= 2 and count == int(count):
                end = base.end + m.end()
                out.append(_product(text, base, int(count), base.start, end, found))
    for item in found:
        if item.kind != "data" or item.derived:
            continue
        m = _COUNT_THEN_PER.match(text[item.end : item.end + 30])
        if not m or _PER_TIME.search(m.group(0)):
            continue
        base = next((b for b in reversed(containers) if b.end <= item.start and _same_noun(m.group("per"), b.unit)), None)
        if base is None:
            item.notes.append("per-unit")  # "40 texts per show" with no count of shows: not a total
            continue
        out.append(_product(text, base, item.value, base.start, item.end + m.end(), found))
    return out


def _product(text: str, base: Mention, count: int, start: int, end: int, found: list[Mention]) -> Mention:
    product = Mention(base.value * count, start, end, text[start:end], "items", "data", derived=True)
    product.notes.append(f"{base.value} x {count}")
    for other in found:
        if start <= other.start < end:
            other.notes.append("factor")
    return product
