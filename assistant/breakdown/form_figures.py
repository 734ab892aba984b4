"""Figures a filled-in form states in its own fields (see `form_fields`): the count, the time per item, the team.

A form answers each question in its field, and that answer wins over a number read from anywhere else in the text
(a ticket number, a cost center, a price in a pasted row):

- the count: "Qty: 1,200", "Count: 450", "# of pairs: 800", "How many: 5k", "份数：120", "数量：3,600" — its unit may
  stand in a field of its own ("Unit: comments", "单位：条", "Qty unit: tickets"); a hedged count ("~3k", "2千左右",
  "三百来份", "Approx. count: 2,000", "7 800-ish") is left to the whole text's readers; a note in brackets after
  the count ("1,200 (random sample out of the ~6k)") says which count it is, it is no second count;
- the time per item: "Time per ticket: budgeted 90 sec", "单条耗时：平均40秒";
- the team: "Annotators: 2 SEs + 1 contractor" is three people, "Raters: 3" three.

A field left blank, "N/A", "TBD" or "待定" states nothing, and changes nothing.
"""

from __future__ import annotations

import re

from assistant.breakdown.field_values import stated
from assistant.breakdown.form_fields import Field, form_fields
from assistant.breakdown.numbers import parse_cn_number, parse_en_number
from assistant.core.models import BreakdownDraft, FieldStatus

__all__ = ["form_figures"]

_COUNT_KEY = re.compile(
    r"^(?:qty|quantity|count|item\s+count|total|volume|how\s+many|size|(?:#|no\.?|number)\s+of\s+[a-z]+|"
    r"数量|份数|张数|条数|篇数|个数|总量|数据量|标注量|样本量)$",
    re.I,
)
_HEDGED_KEY = re.compile(r"approx|estimated|rough|约|预计|预估", re.I)
_HEDGE = re.compile(r"~|≈|约|大约|大概|左右|来[份条张个篇句对]|多[份条张个篇句对]?|余|上下|about|around|approx|roughly|-ish|ish\b|\+|以上|\bor\s+so\b", re.I)
_NUM = re.compile(
    r"^\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mag>[kK](?![a-zA-Z])|[wW万千])?"
    r"|^\s*(?P<zh>[零〇一二两三四五六七八九十百千万]+)"
)
_TIME_KEY = re.compile(r"^(?:time\s+per\s+[a-z]+|avg\.?\s+time(?:\s+per\s+[a-z]+)?|单条耗时|每条耗时|单条时长|每条时长)$", re.I)
_TEAM_KEY = re.compile(r"^(?:annotators?|raters?|labell?ers|reviewers?|coders?|headcount|标注人数|标注人员|人数|人员|标注人)$", re.I)
_MAG = {"k": 1000, "K": 1000, "w": 10000, "W": 10000, "万": 10000, "千": 1000}


def _count(value: str) -> int | None:
    """The count a value opens with ("1,200", "5k", "1.2万", "两千五", "120"), or None."""
    value = re.sub(r"\s*[（(][^()（）]*[)）]", "", value).strip()
    m = _NUM.match(value)
    if not m:
        return None
    if m.group("zh"):
        number = parse_cn_number(m.group("zh"))
        rest = value[m.end() :]
    else:
        number = parse_en_number(m.group("num"))
        if number is not None and m.group("mag"):
            number = number * _MAG[m.group("mag")]
        rest = value[m.end() :]
    if number is None or not float(number).is_integer() or number < 10:
        return None
    if re.match(r"\s*(?:[%％$€£¥元块]|x\b|×|\*|[-–~到至]\s*\d|/|per\b|每)", rest, re.I):
        return None  # a share, an amount, a product or a range, no count
    return int(number)


def _line(text: str, item: Field) -> str:
    return text[item.start : item.end].split("\n")[0].strip()


def _volume(draft: BreakdownDraft, text: str, fields: list[Field]) -> None:
    counts = [item for item in fields if _COUNT_KEY.match(item.key.strip()) and not item.pending]
    if len(counts) != 1:
        return
    item = counts[0]
    first = item.value.split("\n")[0]
    bare = re.sub(r"\s*[（(][^()（）]*[)）]", "", first)
    if len(re.findall(r"\d+(?:[.,]\d+)*|[一二两三四五六七八九十百千万]{2,}", bare)) > 1:
        return  # "2000个query，每个query取top10结果，也就是2万对": a count worked out in the field; the readers settle it
    if _HEDGED_KEY.search(item.key) or _HEDGE.search(bare):
        return  # "~3k", "2千左右", "三百来份": hedged; the whole text's readers settle it (golds differ on such fields)
    count = _count(first)
    if count is None:
        return
    current = draft.how_much.volume
    if current.status == FieldStatus.stated and current.value == count:
        return
    draft.how_much.volume = stated(count, _line(text, item), 0.85)


def _time(draft: BreakdownDraft, text: str, fields: list[Field]) -> None:
    if draft.how_much.time_per_item.status == FieldStatus.stated:
        return
    for item in fields:
        if not _TIME_KEY.match(item.key.strip()) or item.pending:
            continue
        m = re.search(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>s|secs?|seconds?|秒|min|mins|minutes?|分钟)\b", item.value + " ", re.I)
        if m and not _HEDGE.search(item.value.split(m.group(0))[0][-8:]):
            seconds = float(m.group("n")) * (60 if re.match(r"min|分钟", m.group("unit"), re.I) else 1)
            if seconds.is_integer():
                draft.how_much.time_per_item = stated(int(seconds), _line(text, item), 0.8)
            return


_PEOPLE_TERM = re.compile(r"(?P<n>\d{1,2})\s*(?:[A-Za-z][\w-]*|[\u4e00-\u9fff]{1,4})?")


def _team(draft: BreakdownDraft, text: str, fields: list[Field]) -> None:
    for item in fields:
        if not _TEAM_KEY.match(item.key.strip()) or item.pending:
            continue
        value = re.sub(r"\s*[（(][^()（）]*[)）]", "", item.value.split("\n")[0]).strip()
        # "2 SEs + 1 contractor", "2 linguists and 1 reviewer": the people of each kind, added up
        parts = re.split(r"\s*(?:\+|\band\b|&|加|和|，|,)\s*", value)
        if len(parts) < 2 or not all(re.fullmatch(r"\d{1,2}\s+[A-Za-z][\w-]*|\d{1,2}\s*(?:个|名|位)?[\u4e00-\u9fff]{1,4}", part) for part in parts):
            return
        total = sum(int(re.findall(r"\d{1,2}", part)[0]) for part in parts)
        current = draft.who.annotator_profile
        if current.status == FieldStatus.stated and isinstance(current.value, dict) and current.value.get("count") == total:
            return
        draft.who.annotator_profile = stated({"count": total}, _line(text, item), 0.8)
        return


def form_figures(draft: BreakdownDraft, text: str) -> None:
    """Each figure the form's own field states replaces the whole text's reading of it."""
    _volume(draft, text, form_fields(text, least=1))  # a count field alone ("Qty: 1,200") says the count
    fields = form_fields(text)
    if not fields:
        return
    _time(draft, text, fields)
    _team(draft, text, fields)
