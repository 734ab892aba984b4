"""Team sizes written in shapes `team_size.py` does not read: the people a requester asks for or offers, named as a
panel, a team in brackets, or a count per language.

- asked for: "Can you get two people on it?", "we'd need 3 annotators on this", "please put four raters on the job",
  "Can 4 of your people do it in 10 working days?";
- a panel or team by its size: "Want a 5-person panel", "a three-person team will label", "a panel of 4 raters";
- a team whose size is in brackets, then the work: "his team (3 of them) could do some of the labeling",
  "my team of 4 can label", "the support crew (5 people) will tag them";
- a count per language times the languages the request lists together: "Spanish + Vietnamese … 2 per language"
  is 4 ("每个语种2人" with "英语、日语" is 4).

Not a team: people per item ("a 3-person panel per item", "two people on each ticket"), people who only review or
check ("two analysts will double-review the rejects"), a count per language when the request lists no languages.
"""

from __future__ import annotations

import re

from assistant.breakdown.extract import Fact, parse_cn_number, parse_en_number

__all__ = ["asked_team"]

_NUM = r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
_PEOPLE = (
    r"people|persons|folks|annotators|labell?ers|raters|taggers|graders|coders|reviewers|judges|linguists|translators|"
    r"analysts|staff|staffers|specialists|experts|native speakers|speakers|students|interns|volunteers|contractors|freelancers|"
    r"agents|moderators|nurses|doctors|editors|checkers|evaluators|assessors|hands"
)
_ON_JOB = (
    r"(?:on|for)\s+(?:it|this|that|them|these|the\s+(?:job|project|task|work|labell?ing|annotation|tagging|rating|review))\b"
    # "on this" ends there: "5 agents on this shift" is a shift, not the job
    r"(?=\s*(?:[.,;:!?)\n]|$|by\b|from\b|and\b|for\b|in\b|as\b|so\b|please\b|too\b|part-time\b|full-time\b|if\b|with\b))"
)
# "get two people on it", "we'd need 3 annotators on this", "put four raters on the job"
_ASKED_FOR = re.compile(
    rf"\b(?:get|put|have|need|want|use|assign|staff|allocate|dedicate|throw|bring)\s+(?:us\s+|me\s+)?(?:about\s+|around\s+|maybe\s+)?"
    rf"(?P<n>{_NUM})\s+(?:[A-Za-z-]+\s+)?(?:{_PEOPLE})\s+{_ON_JOB}",
    re.I,
)
# "a 5-person panel", "a three-person team", "a panel of 4 raters"
_SIZED_GROUP = re.compile(
    rf"\b(?P<n>{_NUM})[- ](?:person|people|member|strong|rater|annotator|reviewer)\s+(?:[A-Za-z-]+\s+)?(?:panel|team|crew|group|squad|pool|jury)\b"
    rf"|\b(?:panel|jury)\s+of\s+(?P<n2>{_NUM})\b(?:\s+(?:{_PEOPLE}))?",
    re.I,
)
# "his team (3 of them) could do some of the labeling", "my team of 4 can label", "the support crew (5 people) will tag them"
_BRACKETED_TEAM = re.compile(
    rf"\b(?:his|her|their|my|your|our|the|a)\s+(?:[A-Za-z-]+\s+)?(?:team|crew|staff|group|squad|department|unit)\s*"
    rf"(?:\(\s*(?P<n>{_NUM})(?:\s+of\s+(?:them|us)|\s+(?:{_PEOPLE}))?\s*\)|of\s+(?P<n2>{_NUM})\b(?:\s+(?:{_PEOPLE}))?)"
    r"(?P<tail>[^.;!?\n]{0,60})",
    re.I,
)
_TEAM_WORK = re.compile(
    r"\b(?:can|could|will|would|'ll|are going to|is going to|to|may|might)\s+(?:\w+\s+){0,3}?"
    r"(?:label|annotate|tag|rate|grade|score|code|classify|help(?:\s+(?:out|with))?|do\s+(?:some|part|most|all|half|a\s+bit|the|it|this|them)|"
    r"take\s+(?:it|this|them|some)|work\s+on|handle)\b",
    re.I,
)
# the requester asks for the group: "Want a 5-person panel", "we'd like a panel of 3", "please use a four-person team"
_WANTED_BEFORE = re.compile(
    r"\b(?:want|need|would like|'d like|looking for|prefer|use|get|hire|assign|put together|set up|staff|have|with)\s+(?:us\s+)?(?:a|an|one)?\s*$",
    re.I,
)
_WANTED_AFTER = re.compile(r"^[^,;]{0,20}?\b(?:would be|is|sounds|seems)\s+(?:ideal|great|good|nice|fine|enough|best|right)\b|^[^,;]{0,20}?\bplease\b", re.I)
_PER_ITEM_AFTER = re.compile(r"^\s*(?:per|for each|on each|each|for every|on every)\b", re.I)
_REVIEW_ONLY = re.compile(r"\b(?:double[- ]?(?:review|check)\w*|spot[- ]?check\w*|audit\w*|adjudicat\w*|QA\b|sign[- ]off)", re.I)

# "2 per language", "two reviewers for each language"; "每个语种2人", "每种语言两个人"
_PER_LANGUAGE_EN = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:(?:{_PEOPLE})\s+)?(?:per|for each|for every|in each|each)\s+(?:target\s+)?language\b", re.I
)
_PER_LANGUAGE_ZH = re.compile(r"每(?:个|种)?(?:语种|语言)\s*(?:各)?(?:需要|要|安排|配|出)?\s*(?P<n>\d{1,2}|[一二两三四五六七八九十])\s*(?:个人|个|名|位|人)")
_PEOPLE_NEAR = re.compile(rf"\b(?:{_PEOPLE}|team|panel|staff(?:ing)?|who)\b|人员|人手|译员|标注|评估|审核|专家", re.I)
_LANGUAGES_EN = (
    r"English|Spanish|Vietnamese|Chinese|Mandarin|Cantonese|French|German|Japanese|Korean|Portuguese|Arabic|Russian|Hindi|"
    r"Italian|Thai|Indonesian|Malay|Tagalog|Filipino|Dutch|Polish|Turkish|Swedish|Greek|Hebrew|Urdu|Bengali|Persian|Farsi|"
    r"Ukrainian|Somali|Haitian Creole|Punjabi|Tamil|Swahili"
)
_LANGUAGES_ZH = r"英语|英文|日语|日文|韩语|韩文|法语|德语|西班牙语|葡萄牙语|俄语|阿拉伯语|越南语|泰语|印尼语|马来语|意大利语|粤语|普通话|藏语|维吾尔语|蒙古语"
_LANGUAGE_LIST = re.compile(
    rf"(?:{_LANGUAGES_EN}|{_LANGUAGES_ZH})(?:\s*(?:\+|&|/|,|、|和|与|及|\band\b|\bor\b)\s*(?:and\s+)?(?:{_LANGUAGES_EN}|{_LANGUAGES_ZH}))+"
)


def _value(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    number = parse_cn_number(token) if re.search(r"[一二两三四五六七八九十]", token) else parse_en_number(token)
    return int(number) if number else None


def _fact(text: str, start: int, end: int, value: int) -> Fact:
    quote = text[start:end].strip()
    return Fact(kind="annotators", value=value, evidence=quote, start=start, end=end, raw=quote)


def _languages_listed(text: str) -> tuple[int, str] | None:
    """The most languages the request names together in one list ("Spanish + Vietnamese", "英语、日语和韩语")."""
    best: tuple[int, str] | None = None
    for m in _LANGUAGE_LIST.finditer(text):
        names = {name.casefold() for name in re.findall(rf"{_LANGUAGES_EN}|{_LANGUAGES_ZH}", m.group(0))}
        if len(names) >= 2 and (best is None or len(names) > best[0]):
            best = (len(names), m.group(0))
    return best


def _per_language(text: str) -> Fact | None:
    for pattern in (_PER_LANGUAGE_EN, _PER_LANGUAGE_ZH):
        for m in pattern.finditer(text):
            line_start = max(text.rfind(c, 0, m.start()) for c in "\n。") + 1
            if not _PEOPLE_NEAR.search(text[line_start : m.end()]):
                continue  # "4k utterances per language": not people
            value = _value(m.group("n"))
            listed = _languages_listed(text)
            if value and listed and 1 <= value <= 50:
                return _fact(text, m.start(), m.end(), value * listed[0])
    return None


# "Can 4 of your people do it in 10 working days?", "could two of your annotators take this on"
_SOME_OF_YOURS = re.compile(
    rf"\b(?:can|could|would|will)\s+(?P<n>{_NUM})\s+of\s+(?:your|ur)\s+(?:[A-Za-z-]+\s+)?(?:{_PEOPLE}|team|guys|crew)\s+"
    r"(?:do|label|annotate|tag|rate|handle|take|work|cover|get|finish|manage)\b",
    re.I,
)


def asked_team(text: str) -> Fact | None:
    """The number of people `text` asks for or offers in the shapes of the module doc, or None."""
    found: list[Fact] = []
    for m in _SOME_OF_YOURS.finditer(text):
        value = _value(m.group("n"))
        if value and 1 <= value <= 200:
            found.append(_fact(text, m.start("n"), m.end(), value))
    for m in _ASKED_FOR.finditer(text):
        value = _value(m.group("n"))
        if value and 1 <= value <= 200 and not _PER_ITEM_AFTER.match(text[m.end() : m.end() + 12]):
            found.append(_fact(text, m.start("n"), m.end(), value))
    for m in _SIZED_GROUP.finditer(text):
        key = "n" if m.group("n") else "n2"
        value = _value(m.group(key))
        after = text[m.end() : m.end() + 40]
        if not value or not 1 <= value <= 200 or _PER_ITEM_AFTER.match(after) or _REVIEW_ONLY.search(after.split(".")[0]):
            continue
        tail = after.split(".")[0]
        if not (_WANTED_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or _TEAM_WORK.search(tail) or _WANTED_AFTER.match(tail)):
            continue  # "our 3-person data team built the model": a team, but not one that labels
        found.append(_fact(text, m.start(), m.end(), value))
    for m in _BRACKETED_TEAM.finditer(text):
        key = "n" if m.group("n") else "n2"
        value = _value(m.group(key))
        tail = m.group("tail")
        if not value or not 1 <= value <= 200 or _PER_ITEM_AFTER.match(tail):
            continue
        if not _TEAM_WORK.search(tail) or (_REVIEW_ONLY.search(tail) and not re.search(r"\b(?:label|annotat|tag|rate)", tail, re.I)):
            continue  # "the legal team (2 of them) will double-check the rejects": reviewers
        found.append(_fact(text, m.start(), m.start("tail"), value))
    per_language = _per_language(text)
    if per_language is not None:
        found.append(per_language)
    return min(found, key=lambda fact: fact.start) if found else None
