"""Numbers as requests write them: Arabic, Chinese and English words, magnitudes (万, k, million), plus the ASCII-class regex helper and full-width normalisation the extractors share.

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re
from typing import Any

# --------------------------------------------------------------------------------------------
# Text normalisation and numbers
# --------------------------------------------------------------------------------------------

# a month name right before a number makes it a day of that month ("by jan 15 bc season opens", "Dec 3 meeting"):
# never a count ("May" is left out: it is also a verb)
DAY_OF_MONTH_BEFORE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:the\s+)?$",
    re.I,
)


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
    "million": 1e6, "bn": 1e9, "billion": 1e9, "亿": 1e8, "wan": 1e4, "grand": 1e3,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,  # Indian English
}
_MAG_EN = r"(?:\s?(?:[kKwW]|mn|bn|[mM])(?![A-Za-z])|\s+(?:thousand|million|billion|lakhs?|lacs?|crores?)\b|\s?(?:万|千))"


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
