"""Volumes written without the nouns the extractors know: "题目一共3,600道", "现有issue大概3,800个",
"短信大概两万五", "约1.2万".

- a number with a Chinese measure word (条/份/张/段/个/道/篇/句/通/单/件/例/页…), with or without 万/千;
  "个" only when no person, time or label word follows ("3个标注员", "2个月", "5个类别" are not volumes);
- an amount with 万/千 and no measure word ("大概两万五", "一共1.5万") after a word of size or
  total (大概/约/一共/总共/有…), when no money or people word is next to it.

Ranges, rates and past work are filtered by the caller as for every other volume.
"""

from __future__ import annotations

import re

from assistant.breakdown.extract import Fact, parse_cn_number

__all__ = ["bare_counts"]

_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_CN = r"[一二两三四五六七八九十百千万]+"
_MEASURE = r"条|段|份|张|篇|句|道|通|单|笔|例|件|页|幅|帧|首|集|组|对|封|个"
_WITH_MEASURE = re.compile(
    rf"(?<![0-9.,A-Za-z#/-])(?P<num>{_NUM}|{_CN})\s*(?P<mag>万|千|[wWkK])?\s*(?P<cls>{_MEASURE})(?P<after>[\u4e00-\u9fffA-Za-z]{{0,3}})"
)
# what "个" counts when it is not data: people, time, labels, places, steps
_GE_NOT_DATA = re.compile(r"^(?:人|月|小时|工作日|星期|礼拜|标注|类|标签|字段|选项|维度|档|等级|级|阶段|步|城市|省|部门|团队|平台|渠道|语种|项目|模型|版本|点|百分点|问题类型)")
_AFTER_NOT_DATA = re.compile(r"^(?:人|名|位|天|周|月|年|元|块|次|遍|轮|%|小时|分钟|秒)")
_BARE = re.compile(
    rf"(?:大概|大约|约|一共|总共|共计|共|总计|合计|差不多|有|估计|现有|目前有)\s*(?P<num>{_NUM}|{_CN})\s*(?P<mag>万|千|[wW])(?P<tail>[一二两三四五六七八九\d]?)(?P<after>[^，。；,;!！?？\n]{{0,4}})"
)
_MONEY_BEFORE = re.compile(r"(?:预算|费用|经费|价格|报价|成本|花|¥|￥|\$|€|£|budget|cost)\s*[^，。；,;]{0,4}$", re.I)
_MONEY_AFTER = re.compile(r"^(?:元|块|美元|刀|欧|英镑|人民币|RMB|USD|用户|人|粉丝|次|播放|曝光)", re.I)


def _value(num: str, mag: str | None, tail: str = "") -> float | None:
    token = num.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        value = float(token)
    else:
        parsed = parse_cn_number(token)
        if parsed is None:
            return None
        value = float(parsed)
    scale = {"万": 10000, "w": 10000, "W": 10000, "千": 1000, "k": 1000, "K": 1000}.get(mag or "", 1)
    if tail:  # "两万五" = 25000, "1万8" = 18000
        digit = parse_cn_number(tail) if not tail.isdigit() else int(tail)
        value = value * scale + (digit or 0) * scale / 10
        return value
    return value * scale


def bare_counts(text: str) -> list[Fact]:
    facts: list[Fact] = []
    for m in _WITH_MEASURE.finditer(text):
        after = m.group("after")
        if m.group("cls") == "个" and _GE_NOT_DATA.match(after):
            continue
        if _AFTER_NOT_DATA.match(after) or _MONEY_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        if re.search(r"(?:每|第|前|分成|分为|共分)\s*$", text[max(0, m.start() - 3) : m.start()]):
            continue
        value = _value(m.group("num"), m.group("mag"))
        if value is None or value < 20 or (not m.group("mag") and re.fullmatch(r"(?:19|20)\d\d", m.group("num"))):
            continue
        facts.append(_fact(text, m.start("num"), m.end("cls"), value))
    for m in _BARE.finditer(text):
        if _MONEY_BEFORE.search(text[max(0, m.start() - 8) : m.start() + 2]) or _MONEY_AFTER.match(m.group("after")):
            continue
        value = _value(m.group("num"), m.group("mag"), m.group("tail"))
        if value is None or value < 100:
            continue
        end = m.end("tail")
        facts.append(_fact(text, m.start(), end, value))
    return sorted(facts, key=lambda fact: fact.start)


def _fact(text: str, start: int, end: int, value: float) -> Fact:
    quote = text[start:end].strip()
    number = int(value) if float(value).is_integer() else value
    return Fact(kind="volume", value=number, evidence=quote, start=start, end=end, raw=quote)
