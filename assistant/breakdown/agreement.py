"""Percentages: the target agreement (with its metric) and the QA sampling rate a request states.

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re

from assistant.breakdown.facts import (
    Fact,
    _clause_before,
    _dedupe,
    _make,
    _qualifier_after_in,
    _qualifier_in,
    _qualify,
    _sentence_around,
)
from assistant.breakdown.numbers import _AR, _CN_CHARS, _normalise, _rx, parse_cn_number

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
    facts.extend(_worded_targets(text, norm))
    return _dedupe(facts)


# "8成以上一致", "九成准确": the share in 成 before the word for agreeing
_CHENG_FIRST = _rx.compile(r"(?P<n>[一二两三四五六七八九]|[1-9])\s*成(?P<half>五|半)?\s*(?:以上|及以上)?\s*的?\s*(?P<m>一致|准确|正确|合格|通过)")
# "scorers within 1 point of each other 80% of the time", "80% of ratings within one point", "分差1分以内的要占80%"
_WITHIN_POINTS = [
    _rx.compile(
        rf"\bwithin\s+(?:one|1|two|2|half\s+a|0?\.5)\s+points?\b(?:\s+of\s+each\s+other)?(?:\s+(?:at\s+least|in|on))?\s*(?P<v>{_PCT})\s+of\s+(?:the\s+)?(?:time|items|cases|ratings)",
        re.I,
    ),
    _rx.compile(rf"(?P<v>{_PCT})\s+of\s+(?:the\s+)?(?:time|items|cases|ratings|scores)\s+(?:\w+\s+){{0,3}}?within\s+(?:one|1|two|2)\s+points?\b", re.I),
    _rx.compile(rf"(?:分差|相差|差距)\s*(?:不超过|在|≤)?\s*(?:1|一|2|两)\s*分(?:以内|之内)?[^，。；,;]{{0,8}}?(?P<v>{_PCT})"),
]


def _worded_targets(text: str, norm: str) -> list[Fact]:
    """Targets written in words rather than as a metric and a figure (see the patterns above)."""
    facts: list[Fact] = []
    for m in _CHENG_FIRST.finditer(norm):
        tenths = parse_cn_number(m.group("n")) if not m.group("n").isdigit() else int(m.group("n"))
        if tenths is None:
            continue
        value = round(float(tenths) / 10 + (0.05 if m.group("half") else 0.0), 2)
        metric = "accuracy" if m.group("m") in {"准确", "正确"} else "pass_rate" if m.group("m") in {"合格", "通过"} else "agreement"
        facts.append(_make("target_agreement", value, text, m.start(), m.end(), metric=metric))
    for regex in _WITHIN_POINTS:
        for m in regex.finditer(norm):
            value = _parse_ratio(m.group("v"))
            if value is not None and 0 < value <= 1:
                facts.append(_make("target_agreement", float(value), text, m.start(), m.end(), metric="agreement"))
    return facts


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
