"""Deadlines named by a holiday, and deadlines the requester corrects in the same message.

- "元旦前", "春节前", "国庆之前", "before Christmas", "before Chinese New Year": the day BEFORE the
  holiday's next occurrence on or after the request date ("元旦前" said on 2026-11-30 -> 2026-12-31);
  "by Christmas" / "双十二" / "by Easter" with no 前: the holiday itself (Easter Sunday, computed). Lunar holidays come
  from a small table.
- A holiday followed by 上线/发布/launch is a launch target, not a labeling deadline, and one followed by
  campaign/活动 names an event whose end is not given ("before the 双十二 campaign wraps up"): both skipped.
- "12月底前？哦不对，1月15号前吧", "by Friday, no wait, next Monday": after a correction word the
  later date replaces the earlier one (`corrected`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.breakdown.extract import Fact

__all__ = ["holiday_deadlines", "corrected", "holiday_date"]

# Lunar-calendar holidays by Gregorian year (Spring Festival, Dragon Boat, Mid-Autumn); Qingming is ~5 April.
_LUNAR = {
    "spring": {2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3)},
    "dragon": {2025: (5, 31), 2026: (6, 19), 2027: (6, 9), 2028: (5, 28), 2029: (6, 16), 2030: (6, 5)},
    "autumn": {2025: (10, 6), 2026: (9, 25), 2027: (9, 15), 2028: (10, 3), 2029: (9, 22), 2030: (9, 12)},
}
_FIXED = {"new_year": (1, 1), "labour": (5, 1), "national": (10, 1), "double11": (11, 11), "double12": (12, 12),
          "christmas": (12, 25), "christmas_eve": (12, 24), "new_years_eve": (12, 31), "qingming": (4, 5), "valentine": (2, 14), "618": (6, 18)}
_NAMES = (
    ("new_years_eve", r"New Year'?s Eve|\bNYE\b"),  # before "New Year": the eve is the 31st, not 1 January
    ("christmas_eve", r"(?:Christmas|Xmas) Eve"),
    ("new_year", r"元旦|新年|New Year(?:'s(?: Day)?)?"),
    ("spring", r"春节|过年|农历新年|大年初一|(?:Chinese|Lunar) New Year|\bCNY\b|Spring Festival"),
    ("national", r"国庆(?:节|假期|长假)?|National Day|Golden Week"),
    ("labour", r"五一|劳动节|May Day"),
    ("dragon", r"端午(?:节)?|Dragon Boat(?: Festival)?"),
    ("autumn", r"中秋(?:节)?|Mid-Autumn(?: Festival)?"),
    ("qingming", r"清明(?:节)?"),
    ("double11", r"双十一|双11|Singles'? Day"),
    ("double12", r"双十二|双12"),
    ("christmas", r"圣诞(?:节)?|Christmas|Xmas"),
    ("valentine", r"情人节|Valentine'?s(?: Day)?"),
    ("easter", r"复活节|Easter(?: Sunday)?(?![\w-])"),
    ("618", r"(?<!\d)618(?:大促)?(?!\d)"),
)
_HOLIDAY = "|".join(f"(?P<{key if key[0].isalpha() else 'k' + key}>{pattern})" for key, pattern in _NAMES)
_ZH_BEFORE = re.compile(rf"(?:{_HOLIDAY})(?:节)?(?P<before>之前|以前|前)(?!夕|后)")
_EN_BEFORE = re.compile(rf"\b(?P<cue>before|ahead of|prior to|by|until|no later than)\s+(?:the\s+)?(?:{_HOLIDAY})", re.I)
_LAUNCH_AFTER = re.compile(r"^[^，。；,.;!?！？\n]{0,6}(?:上线|发布|发版|launch|go live|release)|^\s*(?:的)?\s*(?:campaign|sale|promotion|promo|event|活动|大促)", re.I)
_PAST_BEFORE = re.compile(r"(?:去年|上次|之前的?|last|previous)\s*$", re.I)


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the computus's own name
    m = (a + 11 * h + 19 * l) // 433
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(key: str, today: date) -> date | None:
    """The holiday's next occurrence on or after `today`."""
    for year in (today.year, today.year + 1):
        if key == "easter":
            if _easter(year) >= today:
                return _easter(year)
            continue
        if key in _LUNAR:
            month_day = _LUNAR[key].get(year)
            if month_day is None:
                continue
        else:
            month_day = _FIXED[key]
        day = date(year, *month_day)
        if day >= today:
            return day
    return None


def _key(m: re.Match[str]) -> str:
    name = next(k for k, v in m.groupdict().items() if v and k not in ("before", "cue"))
    return name[1:] if name.startswith("k") and name[1:].isdigit() else name


def holiday_deadlines(text: str, today: date) -> list[Fact]:
    facts = []
    for regex in (_ZH_BEFORE, _EN_BEFORE):
        for m in regex.finditer(text):
            if _LAUNCH_AFTER.search(text[m.end() : m.end() + 12]) or _PAST_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
                continue  # "春节前能上线" is a launch target; "去年国庆前" is history
            day = holiday_date(_key(m), today)
            if day is None:
                continue
            eve = m.groupdict().get("before") or (m.groupdict().get("cue") or "").lower() in ("before", "ahead of", "prior to")
            value = day - timedelta(days=1) if eve else day
            facts.append(Fact(kind="deadline", value=value.isoformat(), evidence=m.group(0), start=m.start(), end=m.end(), raw=m.group(0), relative=True))
    return sorted(facts, key=lambda fact: fact.start)


_CORRECTION = re.compile(
    r"不对|不是|说错了|搞错了|改成|改为|改到|更正|其实是|应该是|哦不|算了|\b(?:no wait|wait,? no|actually|correction|sorry,? (?:i meant|make that)|make that|i mean|scratch that|rather)\b",
    re.I,
)


def corrected(facts: list[Fact], text: str) -> Fact | None:
    """The date that replaces an earlier one: a later deadline after a correction word that follows the first."""
    ordered = sorted(facts, key=lambda fact: fact.start)
    for index, first in enumerate(ordered):
        for later in ordered[index + 1 :]:
            between = text[first.end : later.start]
            if later.value != first.value and len(between) <= 40 and _CORRECTION.search(between):
                return later
    return None
