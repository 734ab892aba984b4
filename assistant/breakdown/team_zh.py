"""Chinese team-size forms `team_size` and `team_more` leave open.

- a least headcount of the people who label: "标注人员不少于3人", "审核人员须持有…资格，不少于两人", "评估人员至少两名" —
  the team is that many (the request asks for no fewer), whatever one person does per item;
- the people per item with a noun or a "请" between: "每条留言请两人分别判断", "每条由三名药师独立判断",
  "每组3个人" standing alone as a clause — so many people label each item;
- a group's headcount at the end of a clause: "外包那边 5 个人", "我们这边三个人";
- how many of the people named are enough: "需要懂初中数学的标注员，她说5个人够了".
- people by their job, summed: "一个人标 + 一个人抽检", "两人标注，一人质检" (chat shorthand) — all of them work on it.

Not a team: a range ("两至三名", `team_more` keeps it open), people of another job ("由法律顾问复核"), person-days.
"""

from __future__ import annotations

import re

from assistant.breakdown.numbers import parse_cn_number

__all__ = ["least_team", "role_sum", "zh_team"]

_N = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
_ROLE = r"(?<![监管工作会训岗职务关勤])人员|标注人员|标注员|审核人员|审核员|评估人员|评审人员|评审专家|评测人员|评分人员|评价人员|检查人员|判断人员|人手|标注团队"
# "标注人员不少于3人", "审核人员须持有变电运维岗位资格，不少于两人"
_LEAST = re.compile(rf"(?:{_ROLE})[^。；;！!？?\n]{{0,24}}?(?:不少于|不低于|至少|最少|不得少于)\s*(?P<n>{_N})\s*(?:个人|人|名|位)(?![次天日])")
_ITEM = r"条|组|对|份|段|张|篇|个|句|通|幅|帧|道|题|件|票"
# "每条留言请两人分别判断", "每条由三名药师独立判断", "每份请 2 位老师打分"
_PER_ITEM = re.compile(
    rf"每(?:一)?(?:{_ITEM})[\u4e00-\u9fff]{{0,4}}?(?:都|均)?(?:请|由|需|需要|要|须)\s*(?P<n>{_N})\s*(?:个人|人|名|位)"
    rf"(?:[\u4e00-\u9fff]{{0,6}}?(?:师|员|生|家|人员))?\s*(?:分别|各自|独立|同时|背靠背|交叉)?\s*(?:判断|标注|标|评估|评定|评分|评|打分|审核|审|看|比较|判定)"
)
# "每组3个人。" standing alone as a clause
_PER_ITEM_BARE = re.compile(rf"(?:^|(?<=[，,。；;：:\s]))每(?:一)?(?:{_ITEM})\s*(?P<n>{_N})\s*(?:个人|人|名|位)\s*(?=[。；;，,！!\n]|$)")
# "外包那边 5 个人", "我们这边三个人" closing a clause
_SIDE = re.compile(rf"(?:那边|这边|那头|这头|团队|组里)\s*(?:出|有|安排|派)?\s*(?P<n>{_N})\s*(?:个人|人|名|位)\s*(?=[。；;！!\n]|$)")
# "需要懂初中数学的标注员，她说5个人够了": the people named, then how many are enough
_ENOUGH = re.compile(rf"(?:{_ROLE})[^。；;！!？?\n]{{0,24}}?(?P<n>{_N})\s*(?:个人|人|名|位)\s*(?:就|应该|大概)?(?:够了|够用|足够|够|就行|就可以|可以了)")
_RANGE_BEFORE = re.compile(r"(?:\d|[一二两三四五六七八九十])\s*(?:或者?|/|-|–|—|~|到|至)\s*$")
_OTHER_JOB = re.compile(r"复核|仲裁|质检|抽检|顾问|组长|主管")


def _value(token: str) -> int | None:
    number = int(token) if token.isdigit() else parse_cn_number(token)
    return int(number) if number and 1 <= number <= 50 else None


def _read(regex: re.Pattern[str], text: str) -> tuple[int, str] | None:
    for m in regex.finditer(text):
        if _RANGE_BEFORE.search(text[max(0, m.start("n") - 6) : m.start("n")]) or _OTHER_JOB.search(m.group(0)):
            continue
        value = _value(m.group("n"))
        if value:
            return value, m.group(0).strip()
    return None


def least_team(text: str) -> tuple[int, str] | None:
    """"标注人员不少于3人": the least headcount the request asks for."""
    return _read(_LEAST, text)


def zh_team(text: str) -> tuple[int, str] | None:
    """The people per item or a group's headcount, in the forms above."""
    return _read(_PER_ITEM, text) or _read(_PER_ITEM_BARE, text) or _read(_SIDE, text) or _read(_ENOUGH, text)


_JOB = r"标注|打标|标|审核|复核|抽检|质检|检查|审|验收"
# "一个人标 + 一个人抽检", "两人标注，一人质检", "2个人标、1个人审": one count per job, joined in one clause
_ROLE_SUM = re.compile(
    rf"(?<![每\d一二两三四五六七八九十])(?P<a>{_N})\s*(?:个人|人|位|名)\s*(?:负责|来|做)?\s*(?:{_JOB})(?:一下)?"
    rf"\s*(?:[+＋、，,&]|和|加|再|另外)\s*(?:再|另)?\s*(?P<b>{_N})\s*(?:个人|人|位|名)\s*(?:负责|来|做)?\s*(?:{_JOB})"
)


def role_sum(text: str) -> tuple[int, str, int, int] | None:
    """"一个人标 + 一个人抽检": the people of each job, added up (value, quote, start, end)."""
    for m in _ROLE_SUM.finditer(text):
        a, b = _value(m.group("a")), _value(m.group("b"))
        if a and b:
            return a + b, m.group(0).strip(), m.start(), m.end()
    return None
