"""People: the number of annotators and the overlap (annotators per item) a request states.

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re

from assistant.breakdown.facts import (
    Fact,
    _clause_before,
    _dedupe,
    _is_range,
    _make,
    _qualify,
)
from assistant.breakdown.numbers import (
    _NUM_EN,
    _NUM_ZH,
    _ZH_START,
    _normalise,
    _parse_number,
    _rx,
)
from assistant.breakdown.volumes import _EN_GAP

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
        rf"负责标注|一起标|同时标|交叉标注|背靠背标注|独立标注|标注|标(?![签准题记])|评(?:估|审|分|判)?(?![价论级])|打分)"
    ),
    _rx.compile(r"(?:安排|投入|配置|配备)\s*" + _ZH_START + rf"(?P<n>{_NUM_ZH})\s*(?:个人|名|位|人)(?![次天日月年])"),
]
_ANN_EN_NOUN = r"(?:annotators?|labell?ers?|raters?|taggers?|coders?|graders?|judges|assessors|evaluators|linguists|transcribers|annotation\s+staff)"
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
# "1500 comparisons with 3 judges each by the 18th": a bare "each" after the people is per item; "teams of 3 annotators each" is not
_EACH_ALONE = _rx.compile(r"^\s*each(?=\s*(?:[,.;:!?)\n]|$)|\s+(?:by|before|until|and|so|please|to\s+(?:label|rate|judge|check)|independently|blind)\b)", re.I)
_PER_GROUP = _rx.compile(r"^\s*(?:per|for each|in each|from each|each)\s+[A-Za-z]+|^\s*(?:/|每)\s*(?:个)?(?:语种|语言|地区|区域|小组|组|班|门店|城市)", re.I)
_OVERLAP_IN_MATCH = _rx.compile(r"交叉|背靠背|独立|同时标")


def _annotator_like(text: str) -> list[tuple[str, Fact]]:
    norm = _normalise(text)
    out: list[tuple[str, Fact]] = []
    for regex in [*_ANN_PATTERNS_ZH, *_ANN_PATTERNS_EN]:
        for m in regex.finditer(norm):
            if _is_range(norm, m.start("n"), m.end("n")) or "\n" in norm[m.end("n"):m.end()]:
                continue  # "Due: Dec 18\nAnnotators: 2": a number on the line above is not a head count
            if _rx.search(r"(?:\d|[一二两三四五六七八九十]|\b(?:one|two|three|four|five|six))\s*(?:or|或者?|/)\s*$", norm[max(0, m.start("n") - 12):m.start("n")], re.I):
                continue  # "2 or 3 annotators is fine": a range, never its upper end
            value = _parse_number(m.group("n"))
            if value is None or not float(value).is_integer() or not 1 <= value <= 100_000:
                continue
            before = _clause_before(norm, m.start(), 48)
            after = norm[m.end():m.end() + 30]
            overlap = bool(_OVERLAP_BEFORE.search(before) or _OVERLAP_AFTER.match(after)
                           or _OVERLAP_IN_MATCH.search(m.group(0))
                           or (_EACH_ALONE.match(after) and not _rx.search(r"\bof\s*$", before, re.I)))
            if _rx.search(r"(?:每|per|each)\s*$", norm[max(0, m.start() - 6):m.start()], re.I) and not overlap:
                continue  # "每5个标注员一组" is not a head count
            if not overlap and _PER_GROUP.match(after):
                continue  # "3 raters per region" counts one group's people, not the team
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
