"""Rule-based extraction of the facts a request *states*.

The offline engine of the breakdown step cannot ask a model what a product
owner meant, so it only keeps what the request says in so many words: a volume
("3万条", "5k items"), a deadline ("下个月底前", "by Dec 15"), a budget, the time
one item takes, a target agreement, the number of annotators, a QA sampling
rate, languages, channels and data modalities.

Every extractor is a pure function of the text (and, for deadlines, of an
explicit ``today``). Each returns :class:`Fact` objects that carry the
normalised value and the exact evidence with its character offsets, so that a
later step can quote the request back and nothing is ever invented.

The guiding rule is precision over recall: a number only becomes a volume when
a counting word or a data noun says it is one ("3万条", "5,000 samples"); a
money amount only becomes a budget when it is stated as money and not as the
price of a product; a date only becomes a deadline when a cue says so ("前",
"之前", "by", "before", "within"). "Top 3", "4 labels", "第2版", years,
percentages, dates, phone numbers and rates ("每人每天500条") yield nothing.

Conventions of the values
-------------------------
- volume, annotators, overlap: ``int``; ``unit`` says what is counted
  ("items", "dialogues", "images", "hours", ...). Volumes below 10 are ignored
  (a request that names "一条消息" or "two images" is describing, not sizing).
- deadline: ISO date string; ``raw`` keeps the phrase as written, ``relative``
  is True when the phrase is relative to ``today`` ("两周内", "月底前", "本周五",
  "in 10 days"). A date without a year resolves to its next occurrence on or
  after ``today``; "Q1" resolves to the last day of that quarter. "End of week"
  is Sunday. Business days skip Saturdays and Sundays.
- budget, unit_price: ``{"amount": float, "currency": "CNY"|"USD"|...|None}``;
  the currency is None only when an English request gives a bare number
  ("budget of 3000"). A Chinese budget word without a currency means CNY.
- time_per_item: seconds as float.
- target_agreement: a fraction in [0, 1] (kappa and alpha as given); ``metric``
  says which: "agreement", "accuracy", "kappa", "alpha", "f1", "precision",
  "recall", "pass_rate".
- qa_rate: fraction in [0, 1].
- language: ISO 639-1 style codes ("zh", "en", "yue", "es", ...).
- channel: "chat", "phone", "email", "app_review", "social", "search", "web",
  "product_review", "ticket", "survey", "forum".
- modality: "text", "dialogue", "image", "audio", "video".
- ``qualifier`` records "about" / "at least" / "more than" / "at most" /
  "less than" when the request hedges the number.
- ``unit_price`` ("每条0.5元") and ``overlap`` (annotators per item, "每条3人标注")
  are kinds of their own so that they are never mistaken for a budget or a
  head count.

The patterns use atomic groups, so the module needs Python 3.11 or later.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta
from typing import Any, Callable, Literal, Union

from pydantic import Field, StrictFloat, StrictInt, StrictStr, model_validator

from assistant.core.models import Contract

__all__ = [
    "Fact",
    "FactKind",
    "EXTRACTORS",
    "extract_facts",
    "extract_volume",
    "extract_deadline",
    "extract_budget",
    "extract_unit_price",
    "extract_time_per_item",
    "extract_target_agreement",
    "extract_annotators",
    "extract_overlap",
    "extract_qa_rate",
    "extract_language",
    "extract_channel",
    "extract_modality",
    "request_language",
    "parse_cn_number",
    "parse_en_number",
]

FactKind = Literal[
    "volume",
    "deadline",
    "budget",
    "unit_price",
    "time_per_item",
    "target_agreement",
    "annotators",
    "overlap",
    "qa_rate",
    "language",
    "channel",
    "modality",
]
Qualifier = Literal["approx", "at_least", "more_than", "at_most", "less_than"]

_MONEY_KINDS = {"budget", "unit_price"}


class Fact(Contract):
    """One fact a request states, with the exact words it came from."""

    kind: FactKind
    value: Union[StrictInt, StrictFloat, StrictStr, dict[str, Any]]
    unit: str | None = Field(default=None, description="what a count counts, e.g. 'items', 'dialogues'")
    evidence: str = Field(min_length=1, description="exact substring of the request")
    start: int = Field(ge=0, description="offset of evidence in the request")
    end: int = Field(gt=0, description="end offset (exclusive) of evidence")
    raw: str | None = Field(default=None, description="deadlines: the phrase as written")
    relative: bool = Field(default=False, description="deadlines: resolved against today")
    qualifier: Qualifier | None = Field(default=None, description="hedge on the number, if stated")
    metric: str | None = Field(default=None, description="target_agreement: which measure")

    @model_validator(mode="after")
    def _consistent(self) -> "Fact":
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        if self.end - self.start != len(self.evidence):
            raise ValueError("evidence length does not match its offsets")
        if self.kind in _MONEY_KINDS:
            if not isinstance(self.value, dict) or not isinstance(self.value.get("amount"), float):
                raise ValueError(f"{self.kind} value must be {{'amount': float, 'currency': str | None}}")
        elif self.kind in {"volume", "annotators", "overlap"}:
            if not isinstance(self.value, int):
                raise ValueError(f"{self.kind} value must be an int")
        elif self.kind in {"qa_rate", "time_per_item", "target_agreement"}:
            if not isinstance(self.value, float):
                raise ValueError(f"{self.kind} value must be a float")
        elif not isinstance(self.value, str):
            raise ValueError(f"{self.kind} value must be a string")
        if self.kind == "deadline":
            date.fromisoformat(self.value)  # type: ignore[arg-type]
        return self


# --------------------------------------------------------------------------------------------
# Text normalisation and numbers
# --------------------------------------------------------------------------------------------

class _AsciiRe:
    """`re` with ASCII classes: \\b, \\w, \\d and \\s mean ASCII only, so "的app" has a word boundary
    before "app" and Chinese text never counts as part of an English word."""

    @staticmethod
    def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(pattern, flags | re.A)

    @staticmethod
    def match(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> re.Match[str] | None:
        return pattern.match(string) if isinstance(pattern, re.Pattern) else re.match(pattern, string, flags | re.A)

    @staticmethod
    def search(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> re.Match[str] | None:
        return pattern.search(string) if isinstance(pattern, re.Pattern) else re.search(pattern, string, flags | re.A)

    @staticmethod
    def finditer(pattern: str | re.Pattern[str], string: str, flags: int = 0):  # type: ignore[no-untyped-def]
        return pattern.finditer(string) if isinstance(pattern, re.Pattern) else re.finditer(pattern, string, flags | re.A)

    @staticmethod
    def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
        return re.fullmatch(pattern, string, flags | re.A)

    @staticmethod
    def split(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> list[str]:
        return pattern.split(string) if isinstance(pattern, re.Pattern) else re.split(pattern, string, flags=flags | re.A)

    @staticmethod
    def sub(pattern: str, repl: str, string: str, flags: int = 0) -> str:
        return re.sub(pattern, repl, string, flags=flags | re.A)

    @staticmethod
    def findall(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> list[Any]:
        return pattern.findall(string) if isinstance(pattern, re.Pattern) else re.findall(pattern, string, flags | re.A)


_rx = _AsciiRe()

# Full-width digits, letters and number signs to half-width, one character for one so that offsets
# survive. Chinese punctuation (，：；（）！？) stays as it is: it separates clauses, not digits.
_FULLWIDTH = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
for _ch in "％＄＋－～．＃＜＝＞／":
    _FULLWIDTH[ord(_ch)] = ord(_ch) - 0xFEE0
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_FULLWIDTH[0x00A0] = 0x20  # no-break space
_FULLWIDTH[0xFFE5] = 0xA5  # ￥ -> ¥


def _normalise(text: str) -> str:
    return text.translate(_FULLWIDTH)


_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
    "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8,
    "捌": 8, "九": 9, "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "k": 1000, "K": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000, "億": 100_000_000}

_CN_START = "〇零一二两兩三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾"
_CN_CHARS = _CN_START + "百佰千仟万萬亿億"

# Number tokens are atomic (Python 3.11+): a run of digits is never split and retried, which keeps every
# pattern linear on long digit runs instead of exponential.
_AR = r"(?<!\d)(?>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?>\.\d+)?"
# A number as written in Chinese text: Arabic, Chinese numerals, or mixed ("3万", "1.2w", "两千五").
_NUM_ZH = (
    rf"(?>(?:{_AR}|[{_CN_START}])"
    rf"(?:[{_CN_CHARS}]|点(?=[{_CN_START}])|[wW](?![A-Za-z])|(?<=[{_CN_CHARS}wW]){_AR})*)"
)
# Where a Chinese-style number may begin: not inside another number, word or code.
_ZH_START = rf"(?:(?<![0-9A-Za-z.,\-/:#_$¥€£])(?=\d)|(?<![{_CN_CHARS}几数0-9])(?=[{_CN_START}]))"

_EN_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_EN_WORD = "(?:" + "|".join(sorted([*_EN_SMALL, *_EN_TENS, *_EN_SCALES], key=len, reverse=True)) + ")"
_EN_WORDS = (
    rf"\b(?>(?:an?\s+(?=(?:hundred|thousand|million)\b))?{_EN_WORD}"
    rf"(?:(?:[\s-]+(?:and\s+)?){_EN_WORD}\b){{0,6}})\b"
)
_NUM_EN = rf"(?:(?<![0-9A-Za-z.,\-/:#_$¥€£]){_AR}(?![0-9])|{_EN_WORDS})"

_MAGNITUDE = {
    "k": 1e3, "thousand": 1e3, "千": 1e3, "w": 1e4, "万": 1e4, "m": 1e6, "mn": 1e6, "mil": 1e6,
    "million": 1e6, "bn": 1e9, "billion": 1e9, "亿": 1e8,
}
_MAG_EN = r"(?:\s?(?:[kKwW]|mn|bn|[mM])(?![A-Za-z])|\s+(?:thousand|million|billion)\b|\s?(?:万|千))"


def _clean_int(value: float) -> int | float:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse_cn_number(text: str) -> int | float | None:
    """Parse a number written in Chinese, Arabic or mixed form.

    "3万" -> 30000, "三万" -> 30000, "1.5万" -> 15000, "1.2w" -> 12000,
    "两千五" -> 2500, "一万二" -> 12000, "十万" -> 100000, "一百零五" -> 105,
    "5,000" -> 5000, "2千" -> 2000, "3k" -> 3000. Returns None for anything
    that is not one number: vague ("几万", "三四万"), empty or malformed.
    """
    if text is None:
        return None
    s = _normalise(str(text)).strip().replace(" ", "")
    if not s:
        return None
    result = 0.0  # sections closed by 万 / 亿
    section = 0.0  # value below the current big unit
    current: float | None = None  # a digit waiting for its unit
    last_small: int | None = None  # last 十/百/千 in this section, they must descend
    last_unit: int | None = None  # last unit seen, for "两千五" style elision
    after_unit = False  # the pending digit came right after a unit
    zero_seen = False  # a 零 breaks elision ("一千零五")
    seen_any = False
    i = 0
    while i < len(s):
        ch = s[i]
        m = _rx.match(r"\d+(?:,\d{3})*(?:\.\d+)?", s[i:])
        if m:
            if current is not None:
                return None
            token = m.group(0).replace(",", "")
            current = float(token)
            after_unit = last_unit is not None and not zero_seen
            seen_any = True
            i += m.end()
            continue
        if ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if value == 0:
                if current is not None:
                    return None
                zero_seen = True
                seen_any = True
                i += 1
                continue
            if current is not None:
                return None  # "三四万": two digits in a row is a range, not a number
            current = float(value)
            after_unit = last_unit is not None and not zero_seen
            seen_any = True
            i += 1
            # 一点五 -> 1.5
            if i < len(s) and s[i] == "点":
                j = i + 1
                digits = ""
                while j < len(s) and s[j] in _CN_DIGITS:
                    digits += str(_CN_DIGITS[s[j]])
                    j += 1
                if not digits:
                    return None
                current += float("0." + digits)
                i = j
            continue
        if ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if current is None:
                if unit == 10 and ch in "十拾":
                    current = 1.0  # 十五, 一百一十 -> 十 stands for 一十
                else:
                    return None
            if last_small is not None and unit >= last_small:
                return None
            section += current * unit
            current = None
            last_small = unit
            last_unit = unit
            zero_seen = False
            seen_any = True
            i += 1
            continue
        if ch in _CN_BIG:
            unit = _CN_BIG[ch]
            if current is None and section == 0 and result == 0:
                return None
            section += current or 0.0
            current = None
            if unit >= 100_000_000:
                result = (result + section) * unit
            else:
                result += section * unit
            section = 0.0
            last_small = None
            last_unit = unit
            zero_seen = False
            seen_any = True
            i += 1
            continue
        return None
    if not seen_any:
        return None
    if current is not None:
        if after_unit and last_unit is not None and last_unit >= 10 and current < 10 and current.is_integer():
            current *= last_unit // 10  # 两千五 = 2500, 三万五 = 35000, 一百一 = 110
        section += current
    total = result + section
    return _clean_int(round(total, 6))


def parse_en_number(text: str) -> int | float | None:
    """Parse an English number: digits ("5,000", "1.5") or words ("twenty thousand")."""
    if text is None:
        return None
    s = str(text).strip().lower()
    if not s:
        return None
    if _rx.fullmatch(_AR, s):
        return _clean_int(float(s.replace(",", "")))
    words = [w for w in _rx.split(r"[\s-]+", s) if w and w != "and"]
    if not words:
        return None
    if words[0] in {"a", "an"}:
        if len(words) < 2 or words[1] not in _EN_SCALES:
            return None
        words[0] = "one"
    total = 0
    current = 0
    last: str | None = None  # "small", "tens", "scale"
    for w in words:
        if w in _EN_SMALL:
            if last in {"small"} or (last == "tens" and _EN_SMALL[w] >= 10):
                return None
            current += _EN_SMALL[w]
            last = "small"
        elif w in _EN_TENS:
            if last in {"small", "tens"}:
                return None
            current += _EN_TENS[w]
            last = "tens"
        elif w in _EN_SCALES:
            scale = _EN_SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
        else:
            return None
    return total + current


def _parse_number(token: str) -> int | float | None:
    token = token.strip()
    value = parse_cn_number(token)
    if value is None:
        value = parse_en_number(token)
    return value


def _apply_magnitude(value: int | float | None, mag: str | None) -> int | float | None:
    if value is None:
        return None
    if mag:
        key = mag.strip().lower()
        if key not in _MAGNITUDE:
            return None
        value = value * _MAGNITUDE[key]
    return _clean_int(round(float(value), 6))


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

_CLAUSE_BREAK = _rx.compile(r"[，,。；;！!？?\n]")
_SENTENCE_BREAK = _rx.compile(r"[。；;！!？?\n]|\.(?:\s|$)")


def _clause_before(text: str, start: int, limit: int = 20) -> str:
    """Text before `start` back to the last clause break, at most `limit` characters."""
    left = text[max(0, start - limit):start]
    parts = _CLAUSE_BREAK.split(left)
    return parts[-1]


def _sentence_around(text: str, start: int, end: int, limit: int = 60) -> str:
    left = text[max(0, start - limit):start]
    right = text[end:end + limit]
    left = _SENTENCE_BREAK.split(left)[-1]
    right = _SENTENCE_BREAK.split(right)[0]
    return left + text[start:end] + right


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _make(kind: str, value: Any, text: str, start: int, end: int, **extra: Any) -> Fact:
    start, end = _trim(text, start, end)
    evidence = text[start:end]
    if kind == "deadline":
        extra.setdefault("raw", evidence)
    return Fact(kind=kind, value=value, evidence=evidence, start=start, end=end, **extra)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """Drop facts of the same kind that overlap a longer (or earlier) one; order by position."""
    chosen: list[Fact] = []
    for fact in sorted(facts, key=lambda f: (-(f.end - f.start), f.start)):
        if any(f.kind == fact.kind and f.start < fact.end and fact.start < f.end for f in chosen):
            continue
        chosen.append(fact)
    return sorted(chosen, key=lambda f: (f.start, f.end))


_QUALIFIERS_BEFORE = [
    (r"不少于|不低于|至少|最少|起码|at\s+least|a\s+minimum\s+of|minimum\s+of|min\.?|no\s+less\s+than|no\s+fewer\s+than|≥|>=", "at_least"),
    (r"不超过|不高于|最多|至多|up\s+to|at\s+most|no\s+more\s+than|maximum\s+of|max\.?|≤|<=", "at_most"),
    (r"超过|多于|高于|大于|over|more\s+than|upwards\s+of|above|greater\s+than|higher\s+than|exceeding|>", "more_than"),
    (r"fewer\s+than|less\s+than|under|below|低于|小于|<", "less_than"),
    (r"大约|大概|约莫|约|将近|接近|差不多|近|about|around|approximately|approx\.?|roughly|nearly|almost|close\s+to|some|~|≈|±", "approx"),
]
_QUALIFIERS_AFTER = [
    (r"及以上|或以上|以上|or\s+more|or\s+higher|or\s+better|or\s+above|at\s+least|minimum|\+", "at_least"),
    (r"以内|以下|之内|内|封顶|or\s+less|or\s+fewer|at\s+most|max(?:imum)?|tops|or\s+below", "at_most"),
    (r"多|余", "more_than"),
    (r"左右|上下|or\s+so|ish", "approx"),
]
_QUAL_BEFORE_RE = [(_rx.compile(rf"(?<![A-Za-z])(?:{p})\s*$", re.I), q) for p, q in _QUALIFIERS_BEFORE]
_QUAL_AFTER_RE = [(_rx.compile(rf"^\s*(?:{p})(?![A-Za-z])", re.I), q) for p, q in _QUALIFIERS_AFTER]


def _qualify(text: str, start: int, end: int, before: bool = True, after: bool = True) -> tuple[int, int, str | None]:
    """Widen [start, end) over an adjacent hedge ("约", "左右", "at least") and name it."""
    qualifier = None
    if before:
        left = text[max(0, start - 24):start]
        for regex, name in _QUAL_BEFORE_RE:
            m = regex.search(left)
            if m:
                # "最近30条" is "the latest 30", not "about 30"
                if name == "approx" and m.group(0).strip() == "近" and left[: m.start()].endswith(("最", "附")):
                    continue
                start = start - (len(left) - m.start())
                qualifier = name
                break
    if after:
        right = text[end:end + 12]
        for regex, name in _QUAL_AFTER_RE:
            m = regex.search(right)
            if not m:
                continue
            token = m.group(0).strip()
            following = right[m.end():]
            if len(token) == 1 and _rx.match(r"[\u4e00-\u9fff]", following) and not following.startswith(
                ("完成", "交付", "标完", "搞定")
            ):
                continue  # "内容", "多语种", "余额": not a hedge
            end = end + m.end()
            qualifier = qualifier or name
            break
    return start, end, qualifier


def _ends_with(pattern: str, text: str, flags: int = 0) -> re.Match[str] | None:
    return _rx.search(rf"(?:{pattern})\s*$", text, flags)


_RANGE_BEFORE = rf"(?:{_AR}|[{_CN_CHARS}]+)\s*(?:到|至|~|-|—|–|to)\s*$"
_RANGE_AFTER = rf"^\s*(?:到|至|~|-|—|–|to)\s*(?:{_AR}|[{_CN_CHARS}])"


def _is_range(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12):start]
    return bool(_rx.search(_RANGE_BEFORE, before, re.I)) or bool(_rx.match(_RANGE_AFTER, text[end:end + 12], re.I))


# --------------------------------------------------------------------------------------------
# Volume
# --------------------------------------------------------------------------------------------

_ZH_DATA_NOUNS = {
    "多轮对话": "dialogues", "对话": "dialogues", "会话": "dialogues", "聊天记录": "dialogues",
    "图片": "images", "图像": "images", "照片": "images", "截图": "images", "商品图": "images",
    "音频": "audio_clips", "语音": "audio_clips", "录音": "audio_clips",
    "短视频": "videos", "视频": "videos",
    "评论": "comments", "留言": "comments", "弹幕": "comments", "评价": "reviews", "点评": "reviews",
    "文本": "texts", "语料": "texts", "文字": "texts",
    "句子": "sentences", "文章": "documents", "文档": "documents", "新闻": "documents",
    "query": "queries", "Query": "queries", "QUERY": "queries", "搜索词": "queries", "查询": "queries",
    "样本": "samples", "数据": "items", "记录": "records", "日志": "records",
    "邮件": "emails", "工单": "tickets", "通话": "calls", "电话": "calls", "帖子": "posts", "微博": "posts",
    "消息": "messages", "短信": "messages", "回复": "responses", "回答": "responses", "问答": "qa_pairs",
    "问卷": "surveys", "反馈": "feedback", "投诉": "complaints",
}
_ZH_NOUN_RE = "|".join(sorted(map(re.escape, _ZH_DATA_NOUNS), key=len, reverse=True))
_ZH_CLS_UNIT = {
    "条": "items", "张": "images", "段": "segments", "篇": "documents", "份": "items", "句": "sentences",
    "通": "calls", "帧": "frames", "幅": "images",
}
_ZH_CLS_NEEDS_NOUN = {"个", "组", "轮", "对", "小时"}
_ZH_NOUN_PREFIX_CHAR = r"(?:(?![的了和与并再然要做给在是就也还都把被让每人员])[\u4e00-\u9fff])"

_VOL_ZH_RE = _rx.compile(
    _ZH_START
    + rf"(?P<num>{_NUM_ZH})\s*(?P<suf>\+|多|余)?\s*(?P<cls>条|张|段|篇|份|句|通|帧|幅|组|对|轮|个|小时)"
    + r"(?P<post>左右|上下|以上|多)?"
    + rf"(?P<noun>的?{_ZH_NOUN_PREFIX_CHAR}{{0,4}}(?:{_ZH_NOUN_RE}))?"
)
_VOL_ZH_LEAD_RE = _rx.compile(
    r"(?P<lead>数据量|样本量|标注量|数据规模|标注规模|样本规模|规模|量级|总量|数量|条数)"
    r"\s*(?:大概|大约|约|在|为|是|有|共|:|：|\s)*"
    + _ZH_START
    + rf"(?P<num>{_NUM_ZH})\s*(?P<suf>\+|多|余)?(?P<cls>条|张|段|篇|份|句)?"
    + r"(?=$|[\s,，。;；!！?？、)）]|左右|上下|以上|的)"
)
_ZH_VOL_BLOCK_AFTER = _rx.compile(
    r"的?(?:规则|标准|要求|建议|意见|标签|类别|类|维度|字段|原则|指南|说明|示例|例子|样例|规范|人|名|位|版|次|遍|轮|天|周|月|年|元|块|%)"
)
_ZH_ORDINAL_BEFORE = rf"第|(?<![底末日号天周月年之以内0-9{_CN_CHARS}])前|Top|TOP|top|No\.|NO\.|#|排名|版本|[vV]|最近|最新|最后|倒数"
_ZH_RATE_BEFORE = _rx.compile(
    r"每(?:一)?(?:天|日|人|个人|小时|周|星期|月|个月|批|类|个类|个类别|个标签|个意图|标签|类别|个标注员|位|名)|日均|人均|月均|周均|一(?:天|小时|周|个月|个人)(?!内|之内|以内)"
)
_ZH_RATE_AFTER = _rx.compile(r"^\s*(?:/|每|一)\s*(?:天|日|人|小时|周|月|批|类)")

_EN_DATA_NOUNS = {
    "items": "items", "item": "items", "samples": "samples", "examples": "examples", "records": "records",
    "rows": "rows", "entries": "records", "data points": "items", "datapoints": "items",
    "reviews": "reviews", "comments": "comments", "posts": "posts", "tweets": "posts", "messages": "messages",
    "dialogues": "dialogues", "dialogs": "dialogues", "conversations": "dialogues", "chats": "dialogues",
    "chat logs": "dialogues", "transcripts": "transcripts", "utterances": "utterances",
    "sentences": "sentences", "texts": "texts", "documents": "documents", "docs": "documents",
    "articles": "documents", "queries": "queries", "query-document pairs": "pairs", "pairs": "pairs",
    "images": "images", "photos": "images", "pictures": "images", "screenshots": "images", "frames": "frames",
    "videos": "videos", "video clips": "videos", "audio clips": "audio_clips", "clips": "clips",
    "recordings": "audio_clips", "calls": "calls", "emails": "emails", "e-mails": "emails",
    "tickets": "tickets", "questions": "questions", "responses": "responses", "answers": "responses",
    "prompts": "prompts", "tasks": "tasks", "listings": "listings", "labeled examples": "examples",
}
_EN_NOUN_RE = "|".join(sorted(map(re.escape, _EN_DATA_NOUNS), key=len, reverse=True))
_EN_GAP_STOP = (
    r"of|for|per|in|on|at|to|from|by|with|and|or|each|every|a|an|the|labels?|categories|category|classes|"
    r"class|annotators?|labell?ers?|raters?|people|persons|days?|weeks?|months?|years?|"
    r"hours?|minutes?|seconds?|times|rounds?|batch(?:es)?|stars?|points?|levels?|percent|dollars?|usd|rmb|"
    r"yuan|steps?|versions?|pages?|top|than|about|are|is|was|were|be|will|we|you|they|it|this|that|these|"
    r"those|our|your|their|have|has|had|need|want|api|function|tool|k|thousand|million"
)
_EN_GAP = rf"(?:\s+(?!(?:{_EN_GAP_STOP})(?![A-Za-z'-]))[A-Za-z][A-Za-z'-]*){{0,2}}?"
_VOL_EN_RE = _rx.compile(
    rf"(?P<num>{_NUM_EN})(?P<mag>{_MAG_EN})?(?P<plus>\+)?"
    rf"(?:(?P<gap>{_EN_GAP})\s+(?P<noun>{_EN_NOUN_RE})\b"
    rf"|\s+(?P<hours>hours?\s+of\s+(?:[A-Za-z-]+\s+){{0,2}}(?:audio|speech|recordings?|calls?|video|videos|footage|podcasts?)\b))",
    re.I,
)
_VOL_EN_PLUS_RE = _rx.compile(rf"(?<![0-9A-Za-z.,\-/:#_$¥€£]){_AR}\s?(?:[kKwW]|万|千)\+")
_VOL_EN_LEAD_RE = _rx.compile(
    rf"\b(?P<lead>volume|data\s*set\s+size|dataset\s+size|data\s+size|sample\s+size|total\s+volume)"
    rf"\s*(?:is|of|:|=|~|around|about|roughly|approximately|\s)*(?P<num>{_AR})(?P<mag>{_MAG_EN})?(?P<plus>\+)?"
    rf"(?=$|[\s,.;!?)])",
    re.I,
)
_VAGUE_BEFORE_EN = r"\b(?:a\s+few|few|several|some|many|a\s+couple(?:\s+of)?|couple(?:\s+of)?|tens\s+of|hundreds\s+of|dozens\s+of|a\s+bunch\s+of|a\s+lot\s+of)\s*$"
_EN_ORDINAL_BEFORE = r"\b(?:top|no\.|number|version|v|chapter|page|step|phase|level|round|week|day|grade|class|rank|ranked|id)\s*$|#\s*$"
_EN_YEAR_BEFORE = (
    r"(?:\b(?:from|in|since|during|year|until|before|after|our|the|their|its|this|last|between|fy|vs\.?|or|and)|"
    r"\b(?:19|20)\d\d\s*(?:and|or|to|-|–|/|,))\s*$"
)
_EN_YEAR_AFTER = r"^\s*(?:and|or|to|-|–|/|,)\s*(?:19|20)\d\d\b"
_EN_RATE_BEFORE = _rx.compile(
    r"\b(?:daily|weekly|monthly|hourly|per\s+(?:day|hour|week|month|annotator|person|class|label|category)|"
    r"(?:each|every)\s+(?:day|hour|week|month|annotator|labell?er|person|class|label|category|batch|intent))\b",
    re.I,
)
_EN_RATE_AFTER = _rx.compile(
    r"^\s*(?:(?:per|/|a|an|each|every)\s*(?:day|hour|week|month|year|annotator|person|labell?er|rater|judge|"
    r"class|label|category|batch|worker|intent|shift|minute)\b|daily|weekly|monthly|(?:for|of)\s+(?:each|every)\s+"
    r"(?:class|label|category|intent|annotator))",
    re.I,
)
_EN_ALLOWED_CAPITALISED = {
    "about", "around", "approximately", "roughly", "over", "nearly", "almost", "label", "annotate", "tag",
    "we", "i", "need", "collect", "review", "please", "only", "just", "some", "maybe", "the", "these",
    "those", "all", "another", "get", "have", "plus", "and", "up", "to", "than", "least", "most", "of",
    "for", "with", "total", "under", "first", "last", "next", "latest", "sample", "classify", "rate",
    "score", "labeling", "labelling", "annotating", "approx", "our", "gather", "send",
    "provide", "deliver", "expect", "there", "are", "is", "has", "had", "want", "prepare", "clean",
}
_CURRENCY_BEFORE = r"(?:[$¥€£]|US\$|HK\$|\b(?:USD|RMB|CNY|EUR|GBP|HKD|JPY))\s*$"


def _volume_blocked_before(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start]
    if _ends_with(_ZH_ORDINAL_BEFORE, before):
        return True
    if _ends_with(_EN_ORDINAL_BEFORE, before, re.I):
        return True
    if _rx.search(_CURRENCY_BEFORE, before):
        return True
    clause = _clause_before(text, start, 14)
    if _ZH_RATE_BEFORE.search(clause) or _EN_RATE_BEFORE.search(clause):
        return True
    # a capitalised product or model name right before the number: "iPhone 15 reviews"
    m = _rx.search(r"([A-Za-z][A-Za-z0-9'-]*)\s+$", before)
    if m:
        word = m.group(1)
        if any(c.isupper() for c in word[1:]) or (word[0].isupper() and word.lower() not in _EN_ALLOWED_CAPITALISED):
            preceding = text[: start - len(before) + m.start()].rstrip()
            sentence_start = not preceding or preceding[-1] in ".!?\n:;。！？"
            if not sentence_start or any(c.isupper() for c in word[1:]):
                return True
    return False


def _volume_blocked_after(text: str, end: int) -> bool:
    after = text[end:end + 30]
    return bool(_ZH_RATE_AFTER.match(after) or _EN_RATE_AFTER.match(after))


def _volume_fact(text: str, start: int, end: int, value: int | float | None, unit: str,
                 qualifier: str | None) -> Fact | None:
    if value is None or not float(value).is_integer() or value < 10:
        return None
    s, e, q = _qualify(text, start, end)
    return _make("volume", int(value), text, s, e, unit=unit, qualifier=qualifier or q)


def extract_volume(text: str) -> list[Fact]:
    """How many items the request says there are to label ("3万条", "5k items", "10k+")."""
    norm = _normalise(text)
    facts: list[Fact] = []

    for m in _VOL_ZH_RE.finditer(norm):
        cls = m.group("cls")
        noun = m.group("noun")
        if _volume_blocked_before(norm, m.start()) or _is_range(norm, m.start("num"), m.end("num")):
            continue
        tail = norm[m.end("cls") + len(m.group("post") or ""):]
        if not noun and _ZH_VOL_BLOCK_AFTER.match(tail):
            continue
        if _volume_blocked_after(norm, m.end()):
            continue
        noun_word = None
        if noun:
            noun_word = next(k for k in sorted(_ZH_DATA_NOUNS, key=len, reverse=True) if noun.endswith(k))
        if cls in _ZH_CLS_NEEDS_NOUN:
            if not noun_word:
                continue
            if cls == "小时" and _ZH_DATA_NOUNS[noun_word] not in {"audio_clips", "videos", "calls"}:
                continue
        if cls == "小时":
            unit = "hours"
        elif cls == "对":
            unit = "pairs"
        elif noun_word:
            unit = _ZH_DATA_NOUNS[noun_word]
            if unit == "items" and cls in _ZH_CLS_UNIT and cls != "条" and cls != "份":
                unit = _ZH_CLS_UNIT[cls]
        else:
            unit = _ZH_CLS_UNIT[cls]
        value = parse_cn_number(m.group("num"))
        suf = m.group("suf") or m.group("post")
        qualifier = {"+": "at_least", "多": "more_than", "余": "more_than", "以上": "at_least",
                     "左右": "approx", "上下": "approx"}.get(suf or "")
        fact = _volume_fact(text, m.start(), m.end(), value, unit, qualifier)
        if fact:
            facts.append(fact)

    for m in _VOL_ZH_LEAD_RE.finditer(norm):
        if _is_range(norm, m.start("num"), m.end("num")):
            continue
        value = parse_cn_number(m.group("num"))
        qualifier = {"+": "at_least", "多": "more_than", "余": "more_than"}.get(m.group("suf") or "")
        unit = _ZH_CLS_UNIT.get(m.group("cls") or "条", "items")
        fact = _volume_fact(text, m.start(), m.end(), value, unit, qualifier)
        if fact:
            facts.append(fact)

    for m in _VOL_EN_RE.finditer(norm):
        start = m.start()
        if _volume_blocked_before(norm, start) or _is_range(norm, m.start("num"), m.end("num")):
            continue
        if _rx.search(_VAGUE_BEFORE_EN, norm[max(0, start - 16):start], re.I) and not _rx.match(r"\d", m.group("num")):
            continue  # "a few thousand", "several hundred": vague, never a stated number
        if _volume_blocked_after(norm, m.end()):
            continue
        num = m.group("num")
        if _rx.fullmatch(r"(?:199|20[0-3])\d", num) and not m.group("mag") and (
            _ends_with(_EN_YEAR_BEFORE, norm[max(0, start - 12):start], re.I)
            or _rx.match(_EN_YEAR_AFTER, norm[m.end("num"):m.end("num") + 12], re.I)
        ):
            continue  # "our 2023 and 2024 campaign tweets" are years, not counts
        value = _apply_magnitude(_parse_number(num), m.group("mag"))
        if m.group("hours"):
            unit = "hours"
        else:
            unit = _EN_DATA_NOUNS[m.group("noun").lower()] if m.group("noun").lower() in _EN_DATA_NOUNS else "items"
        qualifier = "at_least" if m.group("plus") else None
        fact = _volume_fact(text, start, m.end(), value, unit, qualifier)
        if fact:
            facts.append(fact)

    for m in _VOL_EN_PLUS_RE.finditer(norm):
        if _volume_blocked_before(norm, m.start()):
            continue
        after = norm[m.end():m.end() + 30]
        # "10k+" alone, or followed by a word that does not make it something else ("10k+ users", "10k+ budget")
        if not _rx.match(
            r"\s*(?:$|[,.;:!?)，。；！？、]|(?:labeled|labelled|annotated|data|in\s+total|total|would|will|should|"
            r"is|are|please|or\s+so|to\s+label|to\s+annotate|条|个样本|的数据|数据)\b)",
            after,
            re.I,
        ):
            continue
        digits = _rx.match(_AR, m.group(0))
        assert digits is not None
        mag = m.group(0)[digits.end():].strip().rstrip("+")
        value = _apply_magnitude(_parse_number(digits.group(0)), mag)
        fact = _volume_fact(text, m.start(), m.end(), value, "items", "at_least")
        if fact:
            facts.append(fact)

    for m in _VOL_EN_LEAD_RE.finditer(norm):
        value = _apply_magnitude(_parse_number(m.group("num")), m.group("mag"))
        fact = _volume_fact(text, m.start(), m.end(), value, "items", "at_least" if m.group("plus") else None)
        if fact:
            facts.append(fact)

    return _dedupe(facts)


# --------------------------------------------------------------------------------------------
# Deadline
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_RE = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
                "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                "sun": 6}
_WEEKDAY_EN_RE = "(?:" + "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True)) + ")"
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6,
                "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}

_ZH_DL_AFTER = r"(?:之前|以前|前|截止|为止|之内|以内|内)"
_ZH_DL_VERB = r"(?=\s*(?P<verb>要(?!求)|交付|交|完成|上线|提交|给到|给我|拿到|搞定|准备好|到位|截止|出结果|出数据|验收))"
_ZH_DL_CUE_BEFORE = (
    r"(?:截止到|截止|截至|最晚|最迟|不晚于|不迟于|deadline|ddl|DDL|截止日期|截止时间|交付日期|交付时间|期限|时限)"
    r"[\s:：是为在到]*$"
)
_EN_CUE = (
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|due(?:\s+(?:on|by|date))?|"
    r"deadline|ddl|ready\s+by|done\s+by)\b(?:\s*(?:is|of|on|at|:|-))?\s*(?:the\s+)?"
)
_ZH_CN_SMALLNUM = "[一二三四五六七八九十]{1,3}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_business_days(day: date, count: int) -> date:
    current = day
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


def _next_occurrence(today: date, month: int, day: int) -> date | None:
    try:
        candidate = date(today.year, month, day)
    except ValueError:
        try:
            return date(today.year + 1, month, day)
        except ValueError:
            return None
    if candidate < today:
        try:
            candidate = date(today.year + 1, month, day)
        except ValueError:
            return None
    return candidate


def _quarter_end(today: date, quarter: int, year: int | None) -> date:
    if year is not None:
        return _month_end(year, quarter * 3)
    end = _month_end(today.year, quarter * 3)
    return end if end >= today else _month_end(today.year + 1, quarter * 3)


def _small_int(token: str | None) -> int | None:
    if token is None:
        return None
    value = parse_cn_number(token)
    if value is None:
        value = parse_en_number(token)
    if value is None or not float(value).is_integer():
        return None
    return int(value)


_MAX_SPAN_DAYS = 5 * 366  # a span longer than five years is not a deadline


def _resolve_duration(today: date, amount: float, unit: str) -> date | None:
    try:
        resolved = _resolve_duration_unchecked(today, amount, unit)
    except (OverflowError, ValueError):
        return None
    if resolved is None or (resolved - today).days > _MAX_SPAN_DAYS:
        return None
    return resolved


def _resolve_duration_unchecked(today: date, amount: float, unit: str) -> date | None:
    unit = unit.lower()
    if amount <= 0 or amount > _MAX_SPAN_DAYS:
        return None
    if "business" in unit or "working" in unit or "工作日" in unit:
        if not float(amount).is_integer():
            return None
        return _add_business_days(today, int(amount))
    if unit.startswith(("day", "天", "日")):
        return today + timedelta(days=math.ceil(amount))
    if unit.startswith(("week", "周", "星期", "礼拜")):
        return today + timedelta(days=math.ceil(amount * 7))
    if unit.startswith(("month", "月")):
        if float(amount).is_integer():
            return _add_months(today, int(amount))
        return today + timedelta(days=math.ceil(amount * 30))
    if unit.startswith(("hour", "小时")):
        return today + timedelta(days=math.ceil(amount / 24))
    return None


def _week_day(today: date, weekday: int, week_offset: int | None) -> date:
    """week_offset None: the next such day on or after today; 0 this week; 1 next week."""
    if week_offset is None:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(days=7 * week_offset + weekday)


def _year_token(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    digits = "".join(str(_CN_DIGITS.get(ch, "")) for ch in token)
    return int(digits) if len(digits) == 4 else None


DeadlineResolver = Callable[[re.Match[str], date], "tuple[date, bool] | None"]


def _zh_duration(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    token = m.group("n")
    amount = 0.5 if token == "半" else parse_cn_number(token)
    if amount is None:
        return None
    resolved = _resolve_duration(today, float(amount), m.group("u"))
    return (resolved, True) if resolved else None


def _zh_month_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = m.group("rel") or ""
    offset = 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
    target = _add_months(today.replace(day=1), offset)
    return _month_end(target.year, target.month), True


def _zh_named_month_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month = _small_int(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    year = _year_token(m.group("y"))
    if year is None:
        end = _month_end(today.year, month)
        if end < today:
            end = _month_end(today.year + 1, month)
        return end, False
    return _month_end(year, month), False


def _zh_date(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month, day = _small_int(m.group("m")), _small_int(m.group("d"))
    if month is None or day is None:
        return None
    year = _year_token(m.group("y"))
    try:
        resolved = date(year, month, day) if year else _next_occurrence(today, month, day)
    except ValueError:
        return None
    return (resolved, False) if resolved else None


def _iso_date(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), False
    except ValueError:
        return None


def _zh_year_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    year = _year_token(m.group("y"))
    if year is not None:
        return date(year, 12, 31), False
    offset = 1 if (m.group("rel") or "") == "明" else 0
    return date(today.year + offset, 12, 31), True


def _zh_weekday(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = m.group("rel")
    offset = None if rel is None else 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
    return _week_day(today, _WEEKDAYS_ZH[m.group("wd")], offset), True


def _zh_week_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    offset = 1 if m.group("rel").startswith("下") else 0
    return _week_day(today, 6, offset), True


def _zh_today(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    word = m.group("w")
    offset = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2}[word]
    return today + timedelta(days=offset), True


def _quarter(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    q = m.group("q1") or m.group("q2") or m.group("q3")
    quarter = _small_int(q)
    if quarter is None or not 1 <= quarter <= 4:
        return None
    year = _year_token(m.group("y") or m.group("y2"))
    return _quarter_end(today, quarter, year), False


def _en_duration(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    token = m.group("n").strip().lower()
    amount = 1 if token in {"a", "an", "one"} else _parse_number(token)
    if amount is None:
        return None
    resolved = _resolve_duration(today, float(amount), m.group("u"))
    return (resolved, True) if resolved else None


def _en_period_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = (m.group("rel") or "this").lower()
    offset = 1 if rel == "next" else 0
    period = m.group("per").lower()
    if period == "week":
        return _week_day(today, 6, offset), True
    if period == "month":
        target = _add_months(today.replace(day=1), offset)
        return _month_end(target.year, target.month), True
    if period == "quarter":
        quarter = (today.month - 1) // 3 + 1 + offset
        year = today.year + (quarter - 1) // 4
        quarter = (quarter - 1) % 4 + 1
        return _month_end(year, quarter * 3), True
    if period == "year":
        return date(today.year + offset, 12, 31), True
    return None


def _en_short_period_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    word = m.group("w").lower().replace("-", " ")
    if word in {"eom", "month end", "end of month"}:
        return _month_end(today.year, today.month), True
    if word in {"eow", "end of week"}:
        return _week_day(today, 6, 0), True
    if word in {"eoy", "year end", "end of year"}:
        return date(today.year, 12, 31), True
    return None


def _en_month_end(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month = _MONTHS[m.group("mon").lower()]
    year = int(m.group("y")) if m.group("y") else None
    if year is None:
        end = _month_end(today.year, month)
        return (end if end >= today else _month_end(today.year + 1, month)), False
    return _month_end(year, month), False


def _en_date(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    month = _MONTHS[m.group("mon").lower()]
    day = int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else None
    try:
        resolved = date(year, month, day) if year else _next_occurrence(today, month, day)
    except ValueError:
        return None
    return (resolved, False) if resolved else None


def _en_weekday(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    rel = (m.group("rel") or "").lower()
    offset = 1 if rel == "next" else None  # "by Friday", "this Friday": the coming one
    return _week_day(today, _WEEKDAYS_EN[m.group("wd").lower()], offset), True


def _en_today(m: re.Match[str], today: date) -> tuple[date, bool] | None:
    word = m.group("w").lower()
    offset = 1 if "tomorrow" in word else 0
    return today + timedelta(days=offset), True


_ZH_DUR_UNIT = r"(?P<u>个?工作日|天|日|周|个?星期|个?礼拜|个?月)"
_DEADLINE_PATTERNS: list[tuple[re.Pattern[str], DeadlineResolver, str]] = [
    # 两周内 / 3天内 / 半个月内 / 5个工作日内 / 一个月之内
    (_rx.compile(
        rf"(?<![月每第])(?:(?<=[^{_CN_CHARS}0-9])|^)(?P<n>{_NUM_ZH}|半)\s*个?\s*{_ZH_DUR_UNIT}\s*"
        rf"(?:之内|以内|内(?!容|部|存|测|地)|(?:后|之后){_ZH_DL_VERB})"
    ), _zh_duration, "zh_duration"),
    # 月底前 / 下个月底前 / 本月内
    (_rx.compile(
        rf"(?<![上每0-9{_CN_CHARS}个])(?P<rel>本|这个?|当|下个?|下下个?)?月(?:底|末)(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_month_end, "zh_month_end"),
    (_rx.compile(r"(?<![上每0-9])(?P<rel>本|这个?|当|下个?)月(?P<cue>之内|以内|内)"), _zh_month_end, "zh_month_end"),
    # 12月底前 / 2026年12月底
    (_rx.compile(
        rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?<![0-9])(?P<m>\d{{1,2}}|{_ZH_CN_SMALLNUM})\s*月份?\s*(?:底|末)"
        rf"(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_named_month_end, "zh_named_month_end"),
    # 12月15日前 / 2026年1月10日之前
    (_rx.compile(
        rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?<![0-9])(?P<m>\d{{1,2}}|{_ZH_CN_SMALLNUM})\s*月\s*"
        rf"(?P<d>\d{{1,2}}|{_ZH_CN_SMALLNUM})\s*(?:日|号)(?:\s*[(（][^)）]{{1,4}}[)）])?(?P<cue>\s*{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_date, "zh_date"),
    # 2027-01-10前 / before 2027-01-10
    (_rx.compile(
        rf"(?P<encue>{_EN_CUE})?(?<![0-9])(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?![0-9])"
        rf"(?P<cue>\s*{_ZH_DL_AFTER}|{_ZH_DL_VERB})?",
        re.I,
    ), _iso_date, "iso_date"),
    # 年底前 / 今年底 / 2026年底
    (_rx.compile(
        rf"(?<![去前每上])(?:(?P<y>\d{{4}})|(?P<rel>今|明|本))?年(?:底|末)(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_year_end, "zh_year_end"),
    # 本周五前 / 下周三 / 周五之前
    (_rx.compile(
        rf"(?<![上每])(?P<rel>本|这个?|下个?|下下个?)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])(?![一二三四五六七八九十0-9])"
        rf"(?P<cue>{_ZH_DL_AFTER}|{_ZH_DL_VERB})?"
    ), _zh_weekday, "zh_weekday"),
    # 本周内 / 下周之内
    (_rx.compile(r"(?<![上每])(?P<rel>本|这个?|下个?)(?:周|星期|礼拜)(?P<cue>之内|以内|内)"), _zh_week_end, "zh_week_end"),
    # 今天之内 / 明天前 / 后天要
    (_rx.compile(rf"(?P<w>今天|今日|明天|明日|后天)(?P<cue>之内|以内|内|之前|以前|前|下班前|结束前|{_ZH_DL_VERB})"),
     _zh_today, "zh_today"),
    # Q1 / 2027年Q1 / 第一季度 / Q1 2027 / end of Q2
    (_rx.compile(
        rf"(?P<encue>(?:{_EN_CUE})?(?:end\s+of\s+)?)(?<![A-Za-z0-9])(?:(?P<y>\d{{4}})\s*年?\s*)?"
        rf"(?:第?(?P<q1>[一二三四])季度|(?P<q2>[1-4])季度|[Qq](?P<q3>[1-4]))(?![0-9A-Za-z])"
        rf"(?:\s*,?\s*(?:of\s+)?(?P<y2>(?:19|20)\d\d)(?![0-9]))?(?:末|底)?(?P<cue>{_ZH_DL_AFTER})?",
        re.I,
    ), _quarter, "quarter"),
    # within two weeks / in 10 days / in the next 3 business days
    (_rx.compile(
        rf"\b(?:within|in|inside\s+of|in\s+the\s+next|within\s+the\s+next|over\s+the\s+next|during\s+the\s+next)\s+"
        rf"(?P<n>{_AR}|{_EN_WORDS}|a|an)\s+(?P<u>business\s+days?|working\s+days?|days?|weeks?|months?)\b"
        rf"(?:'s?\s+time)?",
        re.I,
    ), _en_duration, "en_duration"),
    (_rx.compile(
        rf"\b(?P<n>{_AR}|{_EN_WORDS}|a|an)\s+(?P<u>business\s+days?|working\s+days?|days?|weeks?|months?)\s+from\s+(?:now|today)\b",
        re.I,
    ), _en_duration, "en_duration"),
    # by the end of next month / end of this week / by end of the year
    (_rx.compile(
        rf"(?P<cue>{_EN_CUE})?\bend\s+of\s+(?:the\s+)?(?P<rel>this|next|current|coming)?\s*(?P<per>week|month|quarter|year)\b",
        re.I,
    ), _en_period_end, "en_period_end"),
    (_rx.compile(rf"(?P<cue>{_EN_CUE})(?P<w>EOM|EOW|EOY|month[- ]end|year[- ]end)\b", re.I), _en_short_period_end,
     "en_short"),
    # by the end of December
    (_rx.compile(rf"(?P<cue>{_EN_CUE})?\bend\s+of\s+(?P<mon>{_MONTH_RE})\.?(?:,?\s+(?P<y>\d{{4}}))?\b", re.I),
     _en_month_end, "en_month_end"),
    # by 15 December / by Dec 15 / due December 15th, 2026
    (_rx.compile(
        rf"(?P<cue>{_EN_CUE})(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b\.?(?:,?\s+(?P<y>\d{{4}}))?",
        re.I,
    ), _en_date, "en_date"),
    (_rx.compile(
        rf"(?P<cue>{_EN_CUE})(?P<mon>{_MONTH_RE})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?",
        re.I,
    ), _en_date, "en_date"),
    # by Friday / by next Friday / before this Wednesday
    (_rx.compile(rf"(?P<cue>{_EN_CUE})(?:(?P<rel>this|next|coming)\s+)?(?P<wd>{_WEEKDAY_EN_RE})\b", re.I), _en_weekday,
     "en_weekday"),
    (_rx.compile(rf"(?P<cue>{_EN_CUE})(?P<w>tomorrow|today|tonight|end\s+of\s+(?:the\s+)?day|EOD|end\s+of\s+tomorrow)\b",
                re.I), _en_today, "en_today"),
]

_QUARTER_NOT_DEADLINE_BEFORE = r"(?:上|去年|前年|每|last|previous|prior|from|during|since|of)\s*$"
_QUARTER_NOT_DEADLINE_AFTER = (
    r"^\s*(?:的(?!时候)|data\b|reviews?\b|sales\b|results?\b|reports?\b|numbers\b|earnings\b|logs?\b|tickets?\b|"
    r"traffic\b|revenue\b|campaign\b|数据|评论|销售|财报)"
)


def extract_deadline(text: str, today: date) -> list[Fact]:
    """When the request wants the data, resolved against the explicit `today`."""
    if isinstance(today, datetime):
        today = today.date()
    if not isinstance(today, date):
        raise TypeError("today must be a datetime.date")
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex, resolver, name in _DEADLINE_PATTERNS:
        for m in regex.finditer(norm):
            start, end = m.start(), m.end()
            groups = m.groupdict()
            has_cue = bool(groups.get("cue") or groups.get("encue") or groups.get("verb"))
            clause = _clause_before(norm, start, 16)
            cue_match = _rx.search(_ZH_DL_CUE_BEFORE, clause)
            cue_before = cue_match is not None
            if name in {"zh_month_end", "zh_named_month_end", "zh_date", "iso_date", "zh_year_end", "zh_weekday"}:
                if not has_cue and not cue_before:
                    continue
            if name == "en_period_end" and not has_cue and (groups.get("rel") or "").lower() != "next":
                continue
            if name == "en_month_end" and not has_cue:
                continue
            if name == "quarter":
                before = norm[max(0, start - 12):start]
                if _ends_with(_QUARTER_NOT_DEADLINE_BEFORE, before, re.I) and not has_cue:
                    continue
                if _rx.match(_QUARTER_NOT_DEADLINE_AFTER, norm[end:end + 12], re.I) and not groups.get("cue"):
                    continue
            if name in {"zh_duration", "en_duration"}:
                # "每3天" is a cadence, "第3天内" is not a span, "最近两周内" / "过去3天内" look back
                if _rx.search(r"(?:[每第]|最近|过去|近|以往)\s*$", norm[max(0, start - 3):start]):
                    continue
            resolved = resolver(m, today)
            if resolved is None:
                continue
            day, relative = resolved
            if cue_match is not None and not has_cue:
                start -= len(clause) - cue_match.start()  # "截止到12月20日" keeps its cue
            s, e = _trim(norm, start, end)
            facts.append(_make("deadline", day.isoformat(), text, s, e, relative=relative))
    return _dedupe(facts)


# --------------------------------------------------------------------------------------------
# Money: budget and unit price
# --------------------------------------------------------------------------------------------

_CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "usd": "USD", "u.s.$": "USD", "美元": "USD", "美金": "USD", "刀": "USD",
    "dollar": "USD", "dollars": "USD", "bucks": "USD",
    "hk$": "HKD", "hkd": "HKD", "港币": "HKD", "港元": "HKD",
    "s$": "SGD", "sgd": "SGD", "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD",
    "¥": "CNY", "rmb": "CNY", "cny": "CNY", "人民币": "CNY", "元": "CNY", "块": "CNY", "块钱": "CNY",
    "元人民币": "CNY", "yuan": "CNY",
    "€": "EUR", "eur": "EUR", "欧元": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "英镑": "GBP", "pounds": "GBP",
    "jpy": "JPY", "日元": "JPY", "yen": "JPY", "円": "JPY",
}
_CUR_PREFIX = r"(?P<cp>US\$|U\.S\.\s?\$|HK\$|S\$|C\$|A\$|\$|¥|(?:USD|RMB|CNY|EUR|GBP|JPY|HKD|SGD|CAD|AUD)\b\s*[$¥€£]?|人民币|€|£)"
_CUR_SUFFIX = (
    r"(?P<cs>元人民币|元|块钱|块|人民币|美元|美金|欧元|英镑|日元|港币|港元|刀(?![\u4e00-\u9fff])|"
    r"(?:RMB|rmb|CNY|USD|usd|EUR|GBP|JPY|HKD|dollars?|bucks|euros?|pounds|yen|yuan)\b)"
)
_MONEY_NUM = rf"(?P<n>{_NUM_ZH})(?P<mag>{_MAG_EN})?"
_MONEY_PREFIX_RE = _rx.compile(rf"{_CUR_PREFIX}\s*{_MONEY_NUM}(?:\s*(?P<cs2>元|块|人民币))?", re.I)
_MONEY_SUFFIX_RE = _rx.compile(_ZH_START + rf"{_MONEY_NUM}\s*{_CUR_SUFFIX}")
# Words that make a bare number money ("预算两万", "budget of 3000").
_BUDGET_CUE_ZH = r"预算|经费|总费用|标注费用|标注费|人工费|费用|成本|花费|开销|资金|拨款|报价|总价"
_BUDGET_CUE_EN = (
    r"budget(?:ed)?|funding|funds|spend(?:ing)?|can\s+pay|pay\s+up\s+to|willing\s+to\s+pay|afford|allocated?|"
    r"cost\s+cap|total\s+cost"
)
# Words that make an amount with a currency a budget ("我们能出5000元", "we have $3,000").
_BUDGET_CUE_SOFT = r"能出|可以出|愿意出|能花|可以花|最多出|只有|手头|拿出|出得起|投入|\bwe\s+have\b|\bhave\s+only\b|\bonly\s+have\b|\bcap\b"
_BUDGET_CUE_RE = _rx.compile(rf"{_BUDGET_CUE_ZH}|\b(?:{_BUDGET_CUE_EN})\b|{_BUDGET_CUE_SOFT}", re.I)
_MONEY_CUE_RE = _rx.compile(
    rf"(?P<cue>{_BUDGET_CUE_ZH}|\b(?:{_BUDGET_CUE_EN})\b)(?P<fill>[^\d$¥€£，。,;；\n]{{0,14}}?)"
    rf"(?:{_CUR_PREFIX}\s*(?=\d)|{_ZH_START})"
    + rf"(?P<n>{_NUM_ZH})(?P<mag>{_MAG_EN})?(?P<cs>\s*(?:元人民币|元|块钱|块|人民币|RMB|CNY|USD|美元|美金|dollars|yuan))?"
    + r"(?=\s*(?:左右|上下|以内|以下|之内|内|封顶|$|[^\u4e00-\u9fff])|\s*(?:的)?(?:预算|经费))",
    re.I,
)
_PRICE_CUES = (
    r"售价|价格|价位|定价|卖|原价|现价|单价|标价|优惠|满|折扣|退款|订单|客单价|均价|收入|营收|营业额|销售额|GMV|成交|"
    r"花了|买|购买|充值|工资|月薪|薪资|罚款|赔偿|券|"
    r"\bprice[sd]?\b|\bpriced\b|\bcosts\b|\bcosting\b|\bsells?\b|\bselling\b|\bsold\b|\bretails?\b|\bworth\b|"
    r"\bmsrp\b|\bdiscount\b|\bcoupon\b|\brefunds?\b|\borders?\b|\brevenue\b|\bsales\b|\bsalary\b|\bbought\b|"
    r"\bbuy\b|\bpaid\b|\bfine\b"
)
_PRODUCT_CONTEXT = r"这款|该款|那款|这台|这部|产品|商品|型号|手机|耳机|衣服|\bproducts?\b|\bmodel\b|\bphones?\b|\bheadphones\b|\bdevices?\b|\bplan\b|\bsubscription\b|\bticket\b"
_PER_UNIT_BEFORE = (
    r"(?:每|单)(?:一)?(?:条|个|张|段|篇|句|份|通|帧|幅|组|对|样本|数据)[^，。,;；\d每]{0,4}$|一条\s*$|"
    r"\bper\s+(?:item|label|sample|image|annotation)\b.{0,6}$"
)
_PER_UNIT_AFTER = (
    r"^\s*(?:/\s*(?:条|个|张|段|篇|item|label|sample|image|annotation|task)|每(?:条|个|张|段|篇)|一(?:条|张|个)|"
    r"per\s+(?:item|label|sample|example|image|dialogue|conversation|annotation|review|query|task|record|unit)|each\b|"
    r"apiece\b|a\s+piece\b)"
)
_OTHER_RATE_AFTER = (
    r"^\s*(?:/\s*(?:h|hr|hour|小时|天|day|月|month|人)|每(?:小时|天|月|人)|一(?:小时|天|个月)|"
    r"per\s+(?:hour|day|month|person|annotator)|an?\s+(?:hour|day|month))"
)
_OTHER_RATE_BEFORE = (
    r"(?:每(?!(?:一)?(?:条|个|张|段|篇|句|份|通|帧|幅|组|对|样本|数据))|时薪|日薪|月薪|\bper\s+(?:hour|day|month)\b|"
    r"\bhourly\b|\bdaily\b|\bmonthly\b)[^，。,;；\d]{0,6}$"
)
_MONEY_OK_AFTER_EN = {
    "budget", "budgeted", "total", "in", "for", "max", "maximum", "tops", "or", "overall", "all-in", "cap",
    "limit", "available", "we", "is", "would", "will", "should", "can", "could", "to", "and", "at", "usd",
    "cny", "rmb", "dollars", "only", "including", "incl", "excluding", "on", "across", "this", "that", "of",
    "allocated", "approved", "set", "covers", "covering",
}
_MONEY_OK_AFTER_ZH = (
    r"^(?:$|[\s,，。;；!！?？、)）:：]|左右|上下|以内|以下|之内|内|封顶|预算|经费|的(?:预算|经费|费用|标注费|成本|额度|总价)|"
    r"搞定|够|能|可以|吧|吗|呢|用|包括|包含|一共|总共|全部|做|完成|总)"
)
_STANDALONE_MIN_AMOUNT = 500.0  # without a budget word, a smaller amount is far more often a price


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    key = _rx.sub(r"\s+", "", token).lower()
    if key in _CURRENCY_CODES:
        return _CURRENCY_CODES[key]
    stripped = key.rstrip("$¥€£")
    return _CURRENCY_CODES.get(stripped) or _CURRENCY_CODES.get(key[-1:])


def _money_context(norm: str, start: int, end: int, amount: float, cue_in_match: bool) -> str:
    """'budget', 'unit_price' or 'reject' for the amount at [start, end)."""
    clause = _clause_before(norm, start, 24)
    after = norm[end:end + 30]
    if _rx.match(_OTHER_RATE_AFTER, after, re.I) or _rx.search(_OTHER_RATE_BEFORE, clause, re.I):
        return "reject"
    if _rx.search(_PER_UNIT_BEFORE, clause, re.I) or _rx.match(_PER_UNIT_AFTER, after, re.I):
        return "unit_price"
    if cue_in_match:
        return "budget"
    cues = list(_BUDGET_CUE_RE.finditer(clause))
    prices = list(_rx.finditer(_PRICE_CUES, clause, re.I))
    last_budget = max([m.end() for m in cues], default=-1)
    last_price = max([m.end() for m in prices], default=-1)
    if _rx.match(r"^\s*(?:的)?(?:预算|经费|budget\b|in\s+budget\b|total\s+budget\b)", after, re.I):
        return "budget"
    if last_budget >= 0 and last_budget >= last_price:
        return "budget"
    if last_price >= 0:
        return "reject"
    # a standalone amount: it must look like money to spend, not the price of a thing
    if amount < _STANDALONE_MIN_AMOUNT or _rx.search(_PRODUCT_CONTEXT, clause, re.I):
        return "reject"
    if _rx.match(r"^\s*的(?!预算|经费|费用|标注费|成本|额度|总价)", after):
        return "reject"
    if _rx.match(r"^[\u4e00-\u9fff]", after) and not _rx.match(_MONEY_OK_AFTER_ZH, after):
        return "reject"
    word = _rx.match(r"^\s+([A-Za-z][A-Za-z.-]*)", after)
    if word and word.group(1).lower().rstrip(".") not in _MONEY_OK_AFTER_EN:
        return "reject"
    if _rx.match(r"^[A-Za-z]", after):
        return "reject"
    return "budget"


def _money_facts(text: str) -> list[Fact]:
    norm = _normalise(text)
    facts: list[Fact] = []

    def add(m: re.Match[str], number: str, mag: str | None, currency: str | None, cue_in_match: bool = False,
            fill: str = "") -> None:
        if _is_range(norm, m.start("n"), m.end("n")):
            return
        value = _apply_magnitude(parse_cn_number(number), mag)
        if value is None or value <= 0:
            return
        start, end = m.start(), m.end()
        context = _money_context(norm, start, end, float(value), cue_in_match)
        if context == "reject":
            return
        budget_after = _rx.match(r"\s*(?:的)?(?:预算|经费|budget)\b", norm[end:end + 12], re.I)
        if context == "budget" and budget_after:
            end += budget_after.end()
        s, e, qualifier = _qualify(norm, start, end)
        qualifier = _qualifier_in(fill) or qualifier
        unit = "per_item" if context == "unit_price" else None
        facts.append(_make(context, {"amount": float(value), "currency": currency}, text, s, e, unit=unit,
                           qualifier=qualifier))

    for m in _MONEY_PREFIX_RE.finditer(norm):
        add(m, m.group("n"), m.group("mag"), _currency(m.group("cp")))
    for m in _MONEY_SUFFIX_RE.finditer(norm):
        if _rx.search(r"[$¥€£]\s*$", norm[max(0, m.start() - 3):m.start()]):
            continue
        add(m, m.group("n"), m.group("mag"), _currency(m.group("cs")))
    for m in _MONEY_CUE_RE.finditer(norm):
        after = norm[m.end():m.end() + 12]
        # the number must be money: not "预算3万条", "budget for 4 labels", "经费50%"
        if _rx.match(r"\s*(?:[%‰]|percent\b|per\s*cent\b)", after, re.I):
            continue
        word = _rx.match(r"\s*([A-Za-z]+)", after)
        if word and not m.group("mag") and word.group(1).lower() not in _MONEY_OK_AFTER_EN and not _currency(word.group(1)):
            continue
        if m.group("cs") is None and _rx.match(r"\s*(?:美元|美金|欧元|英镑|日元|港币|港元|刀)", after):
            continue  # the suffix pattern sees it with its currency
        if m.group("cp"):
            currency = _currency(m.group("cp"))
        elif m.group("cs"):
            currency = _currency(m.group("cs").strip())
        elif _rx.match(_BUDGET_CUE_ZH, m.group("cue")):
            currency = "CNY"
        else:
            currency = None
        add(m, m.group("n"), m.group("mag"), currency, cue_in_match=True, fill=m.group("fill"))
    return facts


def extract_budget(text: str) -> list[Fact]:
    """The money the request says it can spend ("预算2万元", "$5k budget", "¥8000")."""
    return _dedupe([f for f in _money_facts(text) if f.kind == "budget"])


def extract_unit_price(text: str) -> list[Fact]:
    """A price per item the request states ("每条0.5元", "$0.10 per item")."""
    return _dedupe([f for f in _money_facts(text) if f.kind == "unit_price"])


# --------------------------------------------------------------------------------------------
# Time per item
# --------------------------------------------------------------------------------------------

_ZH_DUR = (
    rf"(?P<a>{_NUM_ZH}|半)\s*个?\s*(?P<u>秒钟|秒|分钟|分(?=\s*(?:半|\d|[{_CN_START}]))|小时|钟头|s|sec|secs|min|mins)(?![A-Za-z])"
    rf"(?:\s*(?:(?P<half>半)(?:钟|分钟)?|(?P<b>{_NUM_ZH})\s*秒钟?))?"
)
_ZH_ITEM_CLS = r"(?:条|个|张|段|篇|句|份|通|帧|幅|组|对)"
_TPI_ZH_PATTERNS = [
    _rx.compile(
        rf"(?P<per>(?:平均)?(?:每一?|单){_ZH_ITEM_CLS}|一(?:条|张|段|篇|句|通|帧|幅))"
        rf"(?P<mid>(?:(?![{_CN_CHARS}人天周月年日])[^\d，。,.;；!！?？\n]){{0,10}}?){_ZH_DUR}"
    ),
    _rx.compile(rf"{_ZH_DUR}\s*(?:/|每|一)\s*{_ZH_ITEM_CLS}(?!人)"),
    _rx.compile(
        rf"(?:平均|单条|单个|单张)(?:每条)?(?:标注|处理|审核)?(?:时长|耗时|用时|时间)\s*(?:约|大约|大概|为|是|在|:|：|\s)*{_ZH_DUR}"
    ),
]
_EN_DUR = (
    rf"(?P<a>{_AR}|{_EN_WORDS}|half\s+an?|an?)\s*-?\s*(?P<u>seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h)\b"
)
_EN_ITEM = (
    r"(?:items?|samples?|examples?|records?|rows?|images?|photos?|pictures?|dialogues?|dialogs?|conversations?|"
    r"chats?|reviews?|comments?|posts?|tweets?|messages?|texts?|sentences?|documents?|docs?|quer(?:y|ies)|"
    r"clips?|videos?|audio|recordings?|calls?|emails?|tickets?|tasks?|annotations?|labels?|judgments?|"
    r"judgements?|one|piece|units?|pairs?|utterances?|transcripts?)"
)
_TPI_EN_PATTERNS = [
    _rx.compile(
        rf"{_EN_DUR}\s*(?:on\s+average\s+)?(?:(?:per|a|an|for\s+each|each|for\s+every|on\s+each)\s+|/\s*)(?:single\s+)?{_EN_ITEM}\b",
        re.I,
    ),
    # "~90 seconds per excerpt": per any one thing that is not a span of time, a person or a batch
    _rx.compile(
        rf"{_EN_DUR}\s+(?:per|for\s+each|for\s+every|on\s+each)\s+(?!(?:week|day|month|year|hour|minute|person|annotator|labell?er|head|batch|shift|sprint|session|team)s?\b)[a-z]{{3,}}\b",
        re.I,
    ),
    _rx.compile(rf"{_EN_DUR}\s+each\b", re.I),
    _rx.compile(
        rf"\b(?:each|every|per|a\s+single|one)\s+{_EN_ITEM}\s+(?:should\s+take|will\s+take|takes|needs|requires|take)\s+"
        rf"(?:about|around|roughly|approximately|~|at\s+most|under|less\s+than|up\s+to|no\s+more\s+than)?\s*{_EN_DUR}",
        re.I,
    ),
    _rx.compile(
        rf"\b(?:average|avg\.?|mean)\s+(?:handling|annotation|labell?ing|review|processing)?\s*time\s+(?:per\s+{_EN_ITEM}\s+)?"
        rf"(?:of|is|:|=|~|around|about|under|below|at\s+most|\s)*{_EN_DUR}",
        re.I,
    ),
    _rx.compile(
        rf"\b(?:handling|annotation|labell?ing|review|processing)\s+time\s+per\s+{_EN_ITEM}\s+(?:of|is|:|=|~|around|about|under|below|at\s+most|\s)*{_EN_DUR}",
        re.I,
    ),
]
_SECONDS = {
    "秒": 1, "秒钟": 1, "分": 60, "分钟": 60, "小时": 3600, "钟头": 3600, "s": 1, "sec": 1, "secs": 1,
    "second": 1, "seconds": 1, "min": 60, "mins": 60, "minute": 60, "minutes": 60, "h": 3600, "hr": 3600,
    "hrs": 3600, "hour": 3600, "hours": 3600,
}


def _duration_seconds(m: re.Match[str]) -> float | None:
    token = m.group("a").strip().lower()
    if token == "半" or token.startswith("half"):
        amount: float | None = 0.5
    elif token in {"a", "an"}:
        amount = 1
    else:
        amount = _parse_number(token)
    if amount is None:
        return None
    unit = m.group("u").lower()
    seconds = float(amount) * _SECONDS[unit]
    groups = m.groupdict()
    if groups.get("half"):
        seconds += _SECONDS[unit] / 2
    if groups.get("b"):
        extra = parse_cn_number(groups["b"])
        if extra is None:
            return None
        seconds += float(extra)
    return seconds if seconds > 0 else None


def extract_time_per_item(text: str) -> list[Fact]:
    """How long one item takes, in seconds ("每条30秒", "2 minutes per item")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex in [*_TPI_ZH_PATTERNS, *_TPI_EN_PATTERNS]:
        for m in regex.finditer(norm):
            seconds = _duration_seconds(m)
            if seconds is None:
                continue
            s, e, qualifier = _qualify(norm, m.start(), m.end(), before=True, after=True)
            if qualifier is None:
                qualifier = _qualifier_in(norm[m.start():m.start("a")])
            facts.append(_make("time_per_item", seconds, text, s, e, qualifier=qualifier))
    return _dedupe(facts)


def _qualifier_in(fragment: str) -> str | None:
    for pattern, name in _QUALIFIERS_BEFORE:
        if _rx.search(rf"(?:{pattern})", fragment, re.I):
            return name
    return None


def _qualifier_after_in(fragment: str) -> str | None:
    """A hedge written after the number inside a match ("95%以上的准确率", "0.8 or higher kappa")."""
    for pattern, name in _QUALIFIERS_AFTER:
        if name == "more_than":
            continue  # a bare 多/余 inside a match is not a hedge
        if _rx.search(rf"^\s*(?:{pattern})", fragment, re.I):
            return name
    return None


# --------------------------------------------------------------------------------------------
# Percentages: target agreement and QA sampling
# --------------------------------------------------------------------------------------------

_PCT = rf"(?:{_AR}\s*(?:%|‰|percent\b|per\s*cent\b|pct\b)|百分之\s*[{_CN_CHARS}0-9.点]+)"
_RATIO = rf"(?:{_PCT}|(?<![0-9])(?:0?\.\d+|1\.0+)(?![0-9.%])|(?<![0-9.])\d{{2}}(?:\.\d+)?(?=\s*(?:以上|及以上|或以上|左右)))"


def _parse_ratio(token: str) -> float | None:
    token = token.strip()
    if token.startswith("百分之"):
        value = parse_cn_number(token[3:].replace("点", "."))
        if value is None:
            value = parse_cn_number(token[3:])
        return None if value is None else float(value) / 100
    m = _rx.match(_AR, token)
    if not m:
        return None
    number = float(m.group(0).replace(",", ""))
    rest = token[m.end():].strip().lower()
    if rest.startswith("‰"):
        return number / 1000
    if rest:
        return number / 100
    if number > 1:
        return number / 100 if number <= 100 else None
    return number


_AGR_METRICS_ZH = {
    "标注一致性": "agreement", "标注一致率": "agreement", "一致性": "agreement", "一致率": "agreement",
    "一致度": "agreement", "准确率": "accuracy", "正确率": "accuracy", "准确度": "accuracy", "精度": "accuracy",
    "精确率": "precision", "精准率": "precision", "召回率": "recall", "F1值": "f1", "F1": "f1",
    "合格率": "pass_rate", "通过率": "pass_rate", "质检合格率": "pass_rate", "kappa值": "kappa",
    "kappa系数": "kappa", "kappa": "kappa", "卡帕": "kappa", "IAA": "agreement",
}
_AGR_ZH_RE = "|".join(sorted(map(re.escape, _AGR_METRICS_ZH), key=len, reverse=True))
_AGR_EN_METRIC = (
    r"(?:(?:inter[- ]annotator|inter[- ]rater|annotator|labell?ing|label)\s+)?agreement(?:\s+rate)?|IAA|accuracy|"
    r"precision|recall|F1(?:[- ]score)?|pass\s+rate|consistency|(?:Cohen'?s\s+|Fleiss'?\s+)?kappa|κ|"
    r"Krippendorff'?s\s+(?:alpha|α)"
)
_AGR_FILL_ZH = (
    r"(?:要求|需要|需|要|必须|得|应|应该|能|达到|达|做到|提到|提升到|到|不低于|不少于|至少|大于|高于|超过|不小于|保持|维持|控制|稳定|在|为|是|"
    r"目标|:|：|>=|≥|>|约|大约|大概|\s)"
)
_TARGET_WORDS = r"\b(?:target|goal|aim|required|requirement|minimum|need|needs|must|should|want|expect|expected|acceptance)\b"
_BASELINE_BEFORE = r"目前|现在|当前|现有|之前|以前|原来|原先|旧的?|过去|\b(?:current(?:ly)?|baseline|existing|previous|old|today's|was|were|used\s+to)\b"
_AGR_FILL_EN = (
    r"(?:of|at|above|over|>=|≥|>|=|:|at\s+least|no\s+less\s+than|no\s+lower\s+than|not\s+below|greater\s+than|"
    r"higher\s+than|should\s+be|must\s+be|needs\s+to\s+be|needs\s+to\s+reach|to\s+be|is|around|about|~|target(?:ed)?|"
    r"reach(?:es|ing)?|hit|exceed(?:ing)?|minimum|min\.?|rate|score|level|target|with|\s)"
)
_AGR_PATTERNS = [
    _rx.compile(rf"(?P<m>{_AGR_ZH_RE})(?P<fill>{_AGR_FILL_ZH}{{0,8}}?)(?P<v>{_RATIO})", re.I),
    _rx.compile(rf"(?P<v>{_PCT})\s*(?:以上|及以上|或以上|左右)?\s*的?\s*(?P<m>{_AGR_ZH_RE})", re.I),
    _rx.compile(rf"(?<![A-Za-z0-9])(?P<m>{_AGR_EN_METRIC})(?P<fill>(?:\s*{_AGR_FILL_EN}){{0,5}}?)\s*(?P<v>{_RATIO})", re.I),
    _rx.compile(
        rf"(?P<v>{_PCT}|(?<![0-9])0?\.\d+)\s+(?:or\s+(?:higher|better|more|above)\s+)?(?:(?:target|minimum)\s+)?(?P<m>{_AGR_EN_METRIC})\b",
        re.I,
    ),
]


def _metric_name(token: str) -> str:
    key = token.strip()
    if key in _AGR_METRICS_ZH:
        return _AGR_METRICS_ZH[key]
    low = key.lower()
    if low in {k.lower(): v for k, v in _AGR_METRICS_ZH.items()}:
        return {k.lower(): v for k, v in _AGR_METRICS_ZH.items()}[low]
    if "kappa" in low or "κ" in low:
        return "kappa"
    if "alpha" in low or "α" in low:
        return "alpha"
    if "accuracy" in low:
        return "accuracy"
    if "precision" in low:
        return "precision"
    if "recall" in low:
        return "recall"
    if low.startswith("f1"):
        return "f1"
    if "pass" in low:
        return "pass_rate"
    return "agreement"


def extract_target_agreement(text: str) -> list[Fact]:
    """The agreement or accuracy the request targets ("一致率80%", "kappa 0.8"), as a fraction."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex in _AGR_PATTERNS:
        for m in regex.finditer(norm):
            value = _parse_ratio(m.group("v"))
            if value is None or not 0 <= value <= 1:
                continue
            if _rx.search(_BASELINE_BEFORE, _clause_before(norm, m.start(), 24), re.I):
                continue  # "目前准确率是82%", "current accuracy of 82%": where it is, not where it must get
            fill_text = m.groupdict().get("fill") or ""
            if _rx.search(r"\bis\b", fill_text) and not _rx.search(
                _TARGET_WORDS, _clause_before(norm, m.start(), 30) + fill_text, re.I
            ):
                continue  # "the model's accuracy is 82%" states a fact about today, not a target
            metric = _metric_name(m.group("m"))
            fill = m.groupdict().get("fill") or ""
            s, e, qualifier = _qualify(norm, m.start(), m.end(), before=False, after=True)
            qualifier = _qualifier_in(fill) or _qualifier_after_in(norm[m.end("v"):m.end()]) or qualifier
            if qualifier is None:
                _, _, before_q = _qualify(norm, m.start("v"), m.end("v"), before=True, after=False)
                qualifier = before_q
            facts.append(_make("target_agreement", float(value), text, s, e, metric=metric, qualifier=qualifier))
    return _dedupe(facts)


_QA_ZH_KW = r"抽检|抽查|抽样质检|抽样检查|抽样复核|质检抽样|质检|复检|复核|复查|验收抽检"
_QA_PATTERNS_ZH = [
    _rx.compile(
        rf"(?P<kw>{_QA_ZH_KW})(?:比例|率|比率|量)?\s*(?:(?:不低于|不少于|至少|按|为|是|在|约|大约|大概|:|：|的?比例为?)\s*)*(?P<v>{_PCT})"
    ),
    _rx.compile(
        rf"(?P<v>{_PCT})\s*(?:的)?(?:比例)?(?:的)?(?:数据|样本|标注结果|结果)?\s*(?:进行|做|用于|来|去)?\s*(?:{_QA_ZH_KW}|QA)"
    ),
    _rx.compile(
        rf"(?P<kw>抽样|抽取|抽出|抽)\s*(?P<v>{_PCT})"
        rf"(?:\s*的?(?:数据|样本|标注结果|结果)?\s*(?:进行|做|用于|来|去)?\s*(?:{_QA_ZH_KW}|QA))?"
    ),
]
_QA_FULL_ZH = _rx.compile(r"(?<![完安])全检|全量(?:质检|复核|审核)|全部(?:质检|复核)|逐条(?:质检|复核)")
_QA_PATTERNS_EN = [
    _rx.compile(
        rf"\b(?P<kw>spot[- ]?check(?:ing)?|audit(?:ing)?|re-?check(?:ing)?|double[- ]check(?:ing)?|QA|QC|review(?:ing)?|"
        rf"inspect(?:ing)?|verify(?:ing)?|check(?:ing)?)\s+(?:(?:about|around|roughly|~|at\s+least|a\s+random|random|"
        rf"a)\s+)?(?P<v>{_PCT})",
        re.I,
    ),
    _rx.compile(
        rf"\b(?P<kw>sampl(?:e|ing))\s+(?:(?:about|around|~|at\s+least|a\s+random|random|a)\s+)?(?P<v>{_PCT})"
        rf"(?:\s+(?:of\s+(?:the\s+)?(?:[A-Za-z]+\s+){{0,2}})?(?:for|as)\s+(?:QA|QC|quality\s+(?:assurance|checks?|control|review)|"
        rf"review|audit|spot[- ]checks?)\b)?",
        re.I,
    ),
    _rx.compile(
        rf"(?P<v>{_PCT})\s+(?:random\s+)?(?P<kw>QA|quality\s+(?:assurance|check|control|review|sample)|QC|"
        rf"spot[- ]?checks?|audit|review)\b(?!\s+(?:pass|accuracy|agreement|score))",
        re.I,
    ),
    _rx.compile(
        rf"\b(?P<kw>QA|QC|quality\s+(?:check|control|assurance|review)|spot[- ]?check|audit|review)\s+(?:sampling\s+)?"
        rf"(?:rate|ratio|sample|coverage|on)\s*(?:of|at|:|=|is|around|about|\s)*(?P<v>{_PCT})",
        re.I,
    ),
]
_QA_CONTEXT = _rx.compile(r"质检|检查|复核|审核|QA|QC|验收|检验|抽检|quality|review|audit|check|inspection|spot", re.I)


def extract_qa_rate(text: str) -> list[Fact]:
    """The share of labels sampled for quality checks ("抽检10%", "sample 5% for QA")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex in [*_QA_PATTERNS_ZH, *_QA_PATTERNS_EN]:
        for m in regex.finditer(norm):
            kw = (m.groupdict().get("kw") or "").lower()
            if kw in {"抽样", "抽取", "抽出", "抽", "sample", "sampling"}:
                around = _sentence_around(norm, m.start(), m.end())
                rest = around.replace(m.group("kw"), " ", 1)
                if not _QA_CONTEXT.search(rest):
                    continue
            value = _parse_ratio(m.group("v"))
            if value is None or not 0 < value <= 1:
                continue
            s, e, qualifier = _qualify(norm, m.start(), m.end(), before=False, after=True)
            facts.append(_make("qa_rate", float(value), text, s, e, qualifier=qualifier))
    for m in _QA_FULL_ZH.finditer(norm):
        facts.append(_make("qa_rate", 1.0, text, m.start(), m.end()))
    return _dedupe(facts)


# --------------------------------------------------------------------------------------------
# Annotators and overlap
# --------------------------------------------------------------------------------------------

_ANN_ZH_NOUN = r"(?:专职|兼职|外包|全职|熟练|资深|专业)?(?:标注员|标注人员|标注师|标注者|标注同学|标注工|打标员|标注专家|标注人)"
_ANN_PATTERNS_ZH = [
    _rx.compile(_ZH_START + rf"(?P<n>{_NUM_ZH})\s*(?:个|名|位)?\s*{_ANN_ZH_NOUN}"),
    _rx.compile(
        rf"(?:{_ANN_ZH_NOUN}|标注团队|标注小组|标注人力|人力)(?:规模)?\s*(?:有|共|一共|是|为|大概|约|:|：|\s)*"
        + _ZH_START
        + rf"(?P<n>{_NUM_ZH})\s*(?:个人|个|名|位|人)(?![次天日月年])"
    ),
    _rx.compile(
        _ZH_START + rf"(?P<n>{_NUM_ZH})\s*(?:个人|名|位|人)\s*(?:的)?\s*(?:标注团队|标注小组|团队标注|来标|去标|参与标注|做标注|"
        rf"负责标注|一起标|同时标|交叉标注|背靠背标注|独立标注|标注|标(?![签准题记]))"
    ),
    _rx.compile(r"(?:安排|投入|配置|配备)\s*" + _ZH_START + rf"(?P<n>{_NUM_ZH})\s*(?:个人|名|位|人)(?![次天日月年])"),
]
_ANN_EN_NOUN = r"(?:annotators?|labell?ers?|raters?|taggers?|coders?|graders?|judges|linguists|transcribers|annotation\s+staff)"
_ANN_PATTERNS_EN = [
    _rx.compile(rf"(?P<n>{_NUM_EN}){_EN_GAP}\s+{_ANN_EN_NOUN}\b", re.I),
    _rx.compile(
        rf"\b(?:labell?ing|annotation|tagging|rating)\s+(?:team|crew|pool|workforce|staff)\s+(?:of\s+)?(?P<n>{_NUM_EN})\b"
        rf"(?:\s+(?:people|persons|members|annotators|labell?ers|raters))?",
        re.I,
    ),
    _rx.compile(
        rf"(?P<n>{_NUM_EN})\s+(?:people|persons|workers|team\s+members|members)\s+(?:to\s+(?:label|annotate|tag|rate)|"
        rf"for\s+(?:labell?ing|annotation|tagging)|(?:who\s+will\s+)?(?:labell?ing|annotating|tagging|label|annotate))\b",
        re.I,
    ),
    _rx.compile(rf"\b(?:team|pool|group)\s+of\s+(?P<n>{_NUM_EN})\s+{_ANN_EN_NOUN}\b", re.I),
]
_OVERLAP_BEFORE = _rx.compile(
    r"(?:每|单)(?:一)?(?:条|个|张|段|篇|句|份|通|组|对)(?:数据|样本|对话|图片|文本|评论|query|音频|视频)?[^，。,;；]{0,4}$|"
    r"\b(?:each|every|per)\s+(?:item|sample|example|record|image|review|dialogue|conversation|query|text|"
    r"comment|clip|video|pair|task|chat|transcript|ticket|email|message|post|tweet|call|recording)\s+(?:is\s+|will\s+be\s+|should\s+be\s+|gets?\s+|to\s+be\s+|must\s+be\s+)?"
    r"(?:labell?ed|annotated|rated|judged|reviewed|seen|tagged|done)?\s*(?:by\s+)?(?:at\s+least\s+)?$",
    re.I,
)
_OVERLAP_AFTER = _rx.compile(
    r"^\s*(?:交叉|背靠背|独立|重复|同时标同一|标同一)|^\s*(?:per|/|for\s+each|on\s+each|each|on\s+every|for\s+every)\s*"
    r"(?:item|sample|example|record|image|review|dialogue|conversation|query|text|comment|clip|video|pair|task|"
    r"chat|transcript|ticket|email|message|post|tweet|call|recording)\b|"
    r"^\s*(?:交叉标注|背靠背标注|独立标注)",
    re.I,
)
_OVERLAP_IN_MATCH = _rx.compile(r"交叉|背靠背|独立|同时标")


def _annotator_like(text: str) -> list[tuple[str, Fact]]:
    norm = _normalise(text)
    out: list[tuple[str, Fact]] = []
    for regex in [*_ANN_PATTERNS_ZH, *_ANN_PATTERNS_EN]:
        for m in regex.finditer(norm):
            if _is_range(norm, m.start("n"), m.end("n")):
                continue
            value = _parse_number(m.group("n"))
            if value is None or not float(value).is_integer() or not 1 <= value <= 100_000:
                continue
            before = _clause_before(norm, m.start(), 48)
            after = norm[m.end():m.end() + 30]
            overlap = bool(_OVERLAP_BEFORE.search(before) or _OVERLAP_AFTER.match(after)
                           or _OVERLAP_IN_MATCH.search(m.group(0)))
            if _rx.search(r"(?:每|per|each)\s*$", norm[max(0, m.start() - 6):m.start()], re.I) and not overlap:
                continue  # "每5个标注员一组" is not a head count
            kind = "overlap" if overlap else "annotators"
            s, e, qualifier = _qualify(norm, m.start(), m.end(), before=True, after=False)
            unit = "annotators_per_item" if overlap else "annotators"
            out.append((kind, _make(kind, int(value), text, s, e, unit=unit, qualifier=qualifier)))
    return out


def extract_annotators(text: str) -> list[Fact]:
    """How many annotators the request says will work ("5个标注员", "3 annotators")."""
    return _dedupe([f for kind, f in _annotator_like(text) if kind == "annotators"])


def extract_overlap(text: str) -> list[Fact]:
    """How many annotators label each item ("每条3人标注", "3 annotators per item")."""
    return _dedupe([f for kind, f in _annotator_like(text) if kind == "overlap"])


# --------------------------------------------------------------------------------------------
# Languages, channels, modalities
# --------------------------------------------------------------------------------------------

_LANG_ZH = {
    "简体中文": "zh", "繁体中文": "zh", "中文": "zh", "汉语": "zh", "普通话": "zh", "国语": "zh", "华语": "zh",
    "粤语": "yue", "广东话": "yue", "英文": "en", "英语": "en", "日文": "ja", "日语": "ja", "韩文": "ko",
    "韩语": "ko", "朝鲜语": "ko", "法语": "fr", "法文": "fr", "德语": "de", "德文": "de", "西班牙语": "es",
    "西班牙文": "es", "西语": "es", "葡萄牙语": "pt", "俄语": "ru", "俄文": "ru", "阿拉伯语": "ar", "泰语": "th",
    "泰文": "th", "越南语": "vi", "越南文": "vi", "印尼语": "id", "印度尼西亚语": "id", "意大利语": "it",
    "马来语": "ms", "印地语": "hi", "土耳其语": "tr", "荷兰语": "nl",
}
_LANG_ZH_GUARD_BEFORE = {
    "中文": "其之当集空途期手心正高初", "日文": "节假每今明昨生周末工作首当次隔前后", "日语": "节假每今明昨生周末工作首当次隔前后",
    "德语": "道品", "国语": "外", "法语": "方语", "法文": "方", "西语": "中东",
}
_LANG_EN = {
    "simplified chinese": "zh", "traditional chinese": "zh", "chinese": "zh", "mandarin": "zh",
    "cantonese": "yue", "english": "en", "spanish": "es", "french": "fr", "german": "de", "japanese": "ja",
    "korean": "ko", "portuguese": "pt", "russian": "ru", "arabic": "ar", "thai": "th", "vietnamese": "vi",
    "indonesian": "id", "italian": "it", "hindi": "hi", "turkish": "tr", "dutch": "nl", "malay": "ms",
}
_LANG_EN_NOT_LANGUAGE_AFTER = _rx.compile(
    r"^\s+(?:customers?|users?|people|market|companies|company|government|new\s+year|food|cuisine|restaurants?|"
    r"citizens|nationals?|brands?|fries|toast|economy|stocks?|cities|city|students?)\b",
    re.I,
)
_LANG_ZH_RE = _rx.compile("|".join(sorted(map(re.escape, _LANG_ZH), key=len, reverse=True)))
_LANG_EN_RE = _rx.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _LANG_EN), key=len, reverse=True)) + r")\b", re.I)
_LANG_COMPACT_ZH = _rx.compile(r"(?<![其之当集空途期手心正高初])(?P<a>中)(?P<b>英)(?:文|双语|混合|混杂|两种语言)")


def extract_language(text: str) -> list[Fact]:
    """Languages the request names ("中文", "粤语", "English", "Spanish", "中英文")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for m in _LANG_COMPACT_ZH.finditer(norm):
        facts.append(_make("language", "zh", text, m.start("a"), m.end("a")))
        facts.append(_make("language", "en", text, m.start("b"), m.end())
                     if m.group(0).endswith("文") else _make("language", "en", text, m.start("b"), m.end("b")))
    for m in _LANG_ZH_RE.finditer(norm):
        word = m.group(0)
        guard = _LANG_ZH_GUARD_BEFORE.get(word, "")
        if guard and m.start() > 0 and norm[m.start() - 1] in guard:
            continue
        if word == "中文" and norm[m.end():m.end() + 1] == "件":
            continue
        facts.append(_make("language", _LANG_ZH[word], text, m.start(), m.end()))
    for m in _LANG_EN_RE.finditer(norm):
        if _LANG_EN_NOT_LANGUAGE_AFTER.match(norm[m.end():m.end() + 30]):
            continue
        facts.append(_make("language", _LANG_EN[m.group(0).lower()], text, m.start(), m.end()))
    return _dedupe(facts)


_CHANNELS: list[tuple[str, str]] = [
    # chat
    (r"客服聊天|在线客服|客服对话|客服会话|聊天记录|智能客服|客服机器人|聊天机器人|IM消息|即时通讯|微信聊天|在线咨询|聊天", "chat"),
    (r"\blive\s+chats?\b|\bchat\s+(?:logs?|transcripts?|messages?|history)\b|\bchat\s*bots?\b|\bcustomer\s+(?:service|support)\s+chats?\b|"
     r"\b(?:support|online|in-app|web|user)\s+chats?\b|\bchats\b", "chat"),
    # phone
    (r"电话录音|电话客服|客服电话|通话录音|呼叫中心|客服热线|热线|电话(?!号)|通话", "phone"),
    (r"\bphone\s+(?:calls?|conversations?|recordings?|support)\b|\bcall\s+(?:recordings?|cent(?:er|re)s?|transcripts?)\b|"
     r"\b(?:customer|support|sales|service|voice)\s+calls\b|\bover\s+the\s+phone\b|\btelephone\b|\bhotline\b", "phone"),
    # email
    (r"电子邮件|邮件", "email"),
    (r"\be-?mails?\b", "email"),
    # app reviews
    (r"应用商店(?:的)?(?:评论|评价)?|应用市场(?:的)?(?:评论|评价)?|应用评论|App\s?Store(?:的)?(?:评论|评价)?|"
     r"(?:app|APP|App)(?:的)?(?:评论|评价)", "app_review"),
    (r"\bapp\s+store\s+reviews?\b|\bapp\s+reviews?\b|\bapp\s+store\b|\bgoogle\s+play(?:\s+reviews?)?\b|\bplay\s+store(?:\s+reviews?)?\b", "app_review"),
    # social
    (r"微博评论|微博|小红书|抖音|快手|B站|朋友圈|推特|社交媒体|社媒|知乎|豆瓣", "social"),
    (r"\bsocial\s+media\b|\btwitter\b|\btweets\b|\bweibo\b|\breddit\b|\bfacebook\b|\binstagram\b|\btiktok\b|\bxiaohongshu\b", "social"),
    # search
    (r"搜索日志|搜索词|搜索结果|搜索记录|搜索", "search"),
    (r"\bsearch\s+(?:logs?|quer(?:y|ies)|results?|terms?|engines?|ranking|relevance|box|bar|experience|quality|data)\b|"
     r"\b(?:site|product|web|in-app)\s+search\b", "search"),
    # web
    (r"网页|网站|官网", "web"),
    (r"\bweb\s*pages?\b|\bwebsites?\b|\bweb\s+(?:content|data|text)\b|\bcrawled\b", "web"),
    # product reviews
    (r"商品评论|商品评价|电商评论|电商评价|淘宝评论|京东评论|买家评论|买家评价", "product_review"),
    (r"\bproduct\s+reviews?\b|\bamazon\s+reviews?\b", "product_review"),
    # tickets
    (r"工单", "ticket"),
    (r"\b(?:support|customer|helpdesk|help\s+desk|service|zendesk|jira)\s+tickets?\b", "ticket"),
    # surveys, forums
    (r"调查问卷|问卷", "survey"),
    (r"\bsurvey\s+responses?\b|\bsurveys?\b|\bNPS\s+comments?\b", "survey"),
    (r"论坛|贴吧", "forum"),
    (r"\bforum\s+posts?\b|\bforums?\b", "forum"),
]
_CHANNEL_RES = [(_rx.compile(p, re.I), key) for p, key in _CHANNELS]


def extract_channel(text: str) -> list[Fact]:
    """Where the data comes from ("客服聊天", "电话录音", "app reviews", "search logs")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex, key in _CHANNEL_RES:
        for m in regex.finditer(norm):
            facts.append(_make("channel", key, text, m.start(), m.end()))
    return _dedupe(facts)


_MODALITIES: list[tuple[str, str]] = [
    (r"文本|语料", "text"),
    (r"\btext(?:s|ual)?\b", "text"),
    (r"多轮对话|对话(?!框)|会话", "dialogue"),
    (r"\bconversations?\b|\bdialogues?\b|\bdialogs?\b|\bmulti-turn\b", "dialogue"),
    (r"图片|图像|照片|截图", "image"),
    (r"(?<!brand\s)(?<!public\s)\bimages?\b|\bphotos?\b|\bpictures\b|\bscreenshots?\b", "image"),
    (r"音频|语音|录音|音轨", "audio"),
    (r"\baudio\b|\bspeech\s+(?:recordings?|data|audio|clips?)\b|\bvoice\s+(?:recordings?|notes?|messages?|clips?)\b|"
     r"(?<!screen\s)(?<!video\s)\brecordings?\b|\bpodcasts?\b", "audio"),
    (r"短视频|视频|录像", "video"),
    (r"\bvideos?\b|\bfootage\b", "video"),
]
_MODALITY_RES = [(_rx.compile(p, re.I), key) for p, key in _MODALITIES]


def extract_modality(text: str) -> list[Fact]:
    """What kind of data it is ("文本", "对话", "图片", "audio", "conversations")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex, key in _MODALITY_RES:
        for m in regex.finditer(norm):
            facts.append(_make("modality", key, text, m.start(), m.end()))
    return _dedupe(facts)


# --------------------------------------------------------------------------------------------
# Script of the request
# --------------------------------------------------------------------------------------------

_HAN = _rx.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = _rx.compile(r"[A-Za-z]*[a-z][A-Za-z]*")  # all-caps acronyms (QA, IAA, NER) belong to both


def request_language(text: str) -> Literal["zh", "en", "mixed"]:
    """The script the request is written in: "zh", "en" or "mixed".

    Han characters are weighed against Latin words (1.5 characters to a word).
    A Chinese request with a few English terms ("QA", "app", "kappa") stays
    "zh" and the reverse stays "en"; "mixed" needs at least 30% of each.
    A text with no Han character at all is "en".
    """
    norm = _normalise(text or "")
    han = len(_HAN.findall(norm))
    words = len([w for w in _LATIN_WORD.findall(norm) if len(w) >= 2])
    if han == 0:
        return "en"
    if words == 0:
        return "zh"
    zh_weight = han / 1.5
    share_en = words / (words + zh_weight)
    if share_en < 0.3:
        return "zh"
    if share_en > 0.7:
        return "en"
    return "mixed"


# --------------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------------

EXTRACTORS: dict[str, Callable[..., list[Fact]]] = {
    "volume": extract_volume,
    "deadline": extract_deadline,
    "budget": extract_budget,
    "unit_price": extract_unit_price,
    "time_per_item": extract_time_per_item,
    "target_agreement": extract_target_agreement,
    "annotators": extract_annotators,
    "overlap": extract_overlap,
    "qa_rate": extract_qa_rate,
    "language": extract_language,
    "channel": extract_channel,
    "modality": extract_modality,
}
_KIND_ORDER = {kind: index for index, kind in enumerate(EXTRACTORS)}


def extract_facts(text: str, today: date) -> list[Fact]:
    """All facts the request states, in order of appearance, no two of one kind overlapping."""
    if not text or not text.strip():
        return []
    facts: list[Fact] = []
    for kind, extractor in EXTRACTORS.items():
        found = extractor(text, today) if kind == "deadline" else extractor(text)
        facts.extend(found)
    # a number claimed by a more specific kind is not also a volume ("5个标注员" never is; this is a guard)
    money_spans = [(f.start, f.end) for f in facts if f.kind in _MONEY_KINDS]
    facts = [
        f for f in facts
        if not (f.kind == "volume" and any(s < f.end and f.start < e for s, e in money_spans))
    ]
    return sorted(_dedupe(facts), key=lambda f: (f.start, f.end, _KIND_ORDER[f.kind]))
