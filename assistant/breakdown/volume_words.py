"""The words of a count: what it counts (data, people, containers, time, money, size), how exact it is, and the
clause around it. Shared by `volume_mentions` (every count a request mentions) and `volume_elliptic` (counts with
no noun of their own)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.breakdown.extract import parse_cn_number, parse_en_number

__all__ = ["Mention", "clause_bounds"]

_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[零〇一二两兩三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]{2,}|[二两三四五六七八九]?十|[一二两三四五六七八九]?[百千万]"
_EN_UNIT = (
    r"(?:seventeen|thirteen|fourteen|eighteen|nineteen|sixteen|fifteen|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|three|seven|eight|four|five|nine|one|two|six|ten)"
)
# "six hundred", "fifteen hundred", "twelve hundred and fifty", "forty-five": a number in words, read whole
_EN_HUNDREDS = rf"{_EN_UNIT}(?:-{_EN_UNIT})?(?:\s+hundred(?:\s+(?:and\s+)?{_EN_UNIT}(?:[\s-]{_EN_UNIT})?)?)?"
# "two thousand five hundred", "twelve thousand and fifty": the thousands and the rest, read as one number
_EN_WORD_NUM = rf"{_EN_HUNDREDS}(?:\s+thousand\s+(?:and\s+)?{_EN_HUNDREDS})?"
_MAG = {"lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000, "crore": 10_000_000, "crores": 10_000_000,
        "万": 10_000, "w": 10_000, "千": 1000, "k": 1000, "thousand": 1000, "million": 1_000_000, "m": 1_000_000, "亿": 100_000_000, "百": 100}

_ZH_DATA_CLS = set("条段封帖通份则首幅帧例对组行篇句张道题单笔件集期部本宗章" + "條則幀對組張題單筆")  # and their traditional forms
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
    r"^(?:msgs|narratives|write-ups|writeups|interviews|reviews|texts|messages|lines|records|pairs|remarks|letters|posts|comments|e-?mails|tickets|images|photos|pictures|clips|videos|recordings|calls|"
    r"transcripts|summaries|documents|docs|articles|notes|reports|logs|entries|utterances|sentences|paragraphs|questions|answers|responses|conversations|"
    r"dialogues|dialogs|chats|samples|items|examples|rows|tweets|captions|descriptions|listings|receipts|invoices|contracts|claims|forms|files|scans|snippets|"
    r"segments|rewrites|drafts|outputs|completions|prompts|threads|episodes|cases|complaints|requests|submissions|results|queries|abstracts|titles|headlines|cards|"
    r"memos|filings|orders|transactions|sms|chunks|passages|excerpts|frames|screenshots|audios|voicemails|podcasts|songs|tracks|products|hits|diffs|commits|issues|bugs|ads|adverts|profiles|resumes|cvs|applications|proposals|campaigns|disclosures|patents|papers|essays|bios|jokes|memes|tiles|crops|pages|slides|sketches|drawings|labels|annotations|judgements|judgments|ratings|turns|exchanges|replies|bids|menus|recipes|stories|scripts|pieces|creatives|banners|translations|alerts|announcements|notices|subtitles|comparisons)$",
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
    r"projects|departments|campuses|venues|outlets|categories|classes|tags|levels|grades|points|stars|options|buckets|languages|models|versions|shows|stations|"
    r"matches|tournaments|concerts|performances|leagues|seasons)$",
    re.I,
)
_EN_TIME = re.compile(r"^(?:days|weeks|months|years|hours|hrs|minutes|mins|seconds|secs|wks|nights|shifts|times|rounds|sessions|quarters)$", re.I)
_EN_MONEY = re.compile(r"^(?:rupees|dirhams|riyals|francs|dollars|bucks|cents|euros|pounds|yuan|usd|eur|gbp|rmb)$", re.I)
_EN_SIZE = re.compile(r"^(?:words|characters|chars|tokens|pages|bytes|kb|mb|gb|tb|megabytes|gigabytes)$", re.I)

_ABOUT_BEFORE = re.compile(r"(?:约|約|大约|大約|大概|差不多|估计|将近|接近|近|\b(?:about|around|roughly|approx\.?|approximately|some|nearly|almost)|~|≈|～)\s*$", re.I)
_ABOUT_AFTER = re.compile(r"^\s*(?:左右|上下|ish\b)")
_MORE_BEFORE = re.compile(r"(?:\b(?:(?<!pass )(?<!passes )(?<!go )(?<!goes )(?<!going )(?<!look )(?<!run )(?<!read )over|more than|upwards of|north of|at least)|超过|至少|不少于)\s*$", re.I)
_MORE_AFTER = re.compile(r"^\s*(?:or more|and more|plus\b|以上|出头|挂零|多一点|多(?![少]))", re.I)
_VAGUE_BEFORE = re.compile(r"\b(?:a couple(?: of)?|a few|few|several|some|many|dozens of|hundreds of|thousands of|tens of)\s*$", re.I)
# "top 10 results", "第3批", "每个词取前10条": a rank or a count per container, not a size
_ORDINAL_BEFORE = re.compile(r"(?:\btop|\bno\.|#|第|每[^，,。；;]{0,6}前)\s*$", re.I)
# a product or model name right before the number: a word with a capital after its first letter, or a
# capitalised word that does not start its sentence
_MODEL_NAME_BEFORE = re.compile(r"(?:\b[a-z]+[A-Z][A-Za-z]*|(?<=[A-Za-z,] )[A-Z][A-Za-z]*|\b[A-Z]{2,})\s$")
_BREAK = "，,。；;！!？?\n：:（）()"

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
        parsed_en = parse_en_number(num.lower())
        if parsed_en is None:
            return None
        value = float(parsed_en)
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
