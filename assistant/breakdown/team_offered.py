"""People the requester offers or names to do the labelling, said in passing: a team size when nothing else gave one.

Voice notes and everyday requests name the people who will label as part of a sentence rather than a form row:

- recommended or assigned to the job: "黄老师推荐 4 位研究生", "安排 3 名同事";
- able to join in the work: "我们中心 3 个社工也可以一起评", "会计和出纳两个人可以一起弄";
- "N of our …" who could help or do part of it: "Three of our pro shop kids could help if you need bodies", "Two of our
  counter guys … could do some of it".

Not a team: people who work beside the vendor's ("Two of our analysts can do some of it with your people": a part of
the team, not its size), an adviser ("出一个视障同事做顾问"), people who only check ("4 个人都懂瓷器，可以抽查", "Two of our staff could double-check some of your answers"),
who do another job ("前台 2 个小姑娘用企业微信回消息"), or who are many or vague ("a few members").
"""

from __future__ import annotations

import re

from assistant.breakdown.field_values import stated as _stated
from assistant.breakdown.numbers import parse_cn_number, parse_en_number
from assistant.core.models import BreakdownDraft, FieldStatus

__all__ = ["offered_team"]

_N_ZH = r"\d{1,2}|[一二两三四五六七八九十]{1,2}"
_N_EN = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten"
_PEOPLE_ZH = r"同事|社工|志愿者|小伙伴|[\u4e00-\u9fff]{0,3}?(?:员|师|生|工|家|者|傅)|人"
_ZH = [
    re.compile(rf"(?:推荐|安排|派|找了?)\s*(?P<n>{_N_ZH})\s*(?:位|名|个)\s*(?:[\u4e00-\u9fff]{{0,4}}?)(?:{_PEOPLE_ZH})(?![\u4e00-\u9fff]{{0,6}}(?:抽查|复核|检查|质检|顾问))"),
    re.compile(rf"(?P<n>{_N_ZH})\s*(?:个|位|名)\s*(?:{_PEOPLE_ZH})?\s*(?:也|都)?\s*可以\s*(?:一起|帮忙|帮着|参与)\s*(?:评|标|弄|做|看|判)"),
]
_EN = re.compile(
    rf"\b(?P<n>{_N_EN})\s+of\s+(?:our|my)\s+(?:[\w-]+\s+){{0,3}}?(?:[\w-]+)\s+(?:[^.;\n]{{0,40}}?\s)?(?:could|can|will|would)\s+(?:happily\s+)?"
    r"(?:help(?!\s+(?:check|review|spot|with\s+(?:questions|queries|spot|QA|checks|reviews?|answering)))|pitch in|do (?:some|part|it|the work|a (?:chunk|share))|label|tag|chip in)",
    re.I,
)


def _value(token: str) -> int | None:
    number = int(token) if token.isdigit() else (parse_cn_number(token) if re.match(r"[\u4e00-\u9fff]", token) else parse_en_number(token))
    return int(number) if number and 1 <= number <= 30 else None


def offered_team(draft: BreakdownDraft, text: str) -> None:
    """The people named to do the labelling in passing (module doc), when nothing else gave a team size."""
    if draft.who.annotator_profile.status == FieldStatus.stated:
        return
    for pattern in [*_ZH, _EN]:
        m = pattern.search(text)
        if m and re.match(r"[^.;。；\n]{0,30}?\b(?:with|alongside|together with|plus)\s+your\b|[^。；\n]{0,12}?(?:和|跟|与)你们", text[m.end() :], re.I):
            continue  # "Two of our analysts can do some of it with your people": a part of a mixed team, not its size
        if m and (value := _value(m.group("n"))):
            draft.who.annotator_profile = _stated({"count": value}, m.group(0).strip(), 0.65)
            return
