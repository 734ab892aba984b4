"""The team size in English forms `team_size` and `team_more` leave open, read only when nothing else gave it.

- people per item with any word for the people who judge: "3 reviewers per message", "two coders per comment",
  "2 reviewers each", "3 proofreaders on every chapter";
- a floor of people per item after the people are named: "experienced nurses—no fewer than 3 per chart",
  "Reviewers should be senior editors. I should want 2 on each article";
- people named as judging every item: "Each file must be read by two assessors", "double-marked", "triple-coded";
- people staffed or offered: "we'll staff 2 proofers", "2 pax can do", "4 staff, maybe 2 hours each per week"
  (a count of people standing as its own clause, after a sentence that says they judge or label), "need 3 ppl";
- people lined up after they are named: "Reviewers must be certified bilingual — we have 3 lined up already".

Not a team: a wish ("Ideally two reviewers per item"), a range ("2 or 3 reviewers per item"), a count of something else ("3 reviews per product",
"2 hours each"), people of another job ("3 engineers each"), people who only adjudicate ("a third should adjudicate").
"""

from __future__ import annotations

import re

from assistant.breakdown.field_values import stated
from assistant.breakdown.numbers import parse_en_number
from assistant.breakdown.team_size import _PEOPLE_EN
from assistant.core.models import BreakdownDraft, FieldStatus

__all__ = ["english_team"]

_NUM = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten"
# team_size's people nouns, and the judges' words it does not list
_PEOPLE = (
    rf"(?:{_PEOPLE_EN}|TAs|tutors?|volunteers?|translators?|specialists?|annotator|rater|labell?er|taggers?|reviewer|coders?|proofers?|"
    r"proof-?readers?|graders?|markers?|judges?|assessors?|evaluators?|readers?|listeners?|interpreters?|teacher|nurse|clinician|"
    r"physicians?|doctor|pharmacist|paralegal|attorney|lawyer|analyst|moderator|agent|staff|pax|ppl|heads)"
)
# the item judged: any noun but a stretch of time or a group of people ("3 reviewers per week", "two people on each team" are not per item)
_ITEM = r"(?!(?:week|day|month|hour|shift|year|session|round|team|group|squad|crew|pod|site|office)s?\b)[A-Za-z-]+"
_RANGE_BEFORE = re.compile(rf"(?:\d|\b(?:{_NUM}))\s*(?:or|/|-|–|to)\s*$", re.I)
# "3 reviewers per message", "two coders per comment", "2 reviewers each", "3 raters on every chapter"
_PER_ITEM = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:[a-z-]+\s+)?(?P<who>{_PEOPLE})\s+(?:(?:per|for each|on each|on every|each)\s+{_ITEM}\b|each\b(?!\s+(?:week|day|month|hour)))",
    re.I,
)
# "no fewer than 3 per essay", "at least 2 on each summary", "I should want 2 on each summary"
_FLOOR = re.compile(
    rf"\b(?:no\s+fewer\s+than|not\s+fewer\s+than|at\s+least|a\s+minimum\s+of|minimum\s+of|want|need|like)\s+(?P<n>{_NUM})\s+"
    rf"(?:per|on\s+each|on\s+every|for\s+each)\s+{_ITEM}\b",
    re.I,
)
# "Each file must be read by two assessors", "every essay is to be marked by 2 teachers"
_BY_PEOPLE = re.compile(
    rf"\b(?:each|every)\s+(?:one\s+)?(?:of\s+the\s+(?:[\d,]+\s+)?)?(?:[A-Za-z-]+\s+)?{_ITEM}\s+(?:must|should|will|is\s+to|needs\s+to|has\s+to|to)\s+be\s+(?:independently\s+|separately\s+)?"
    rf"(?:read|reviewed|marked|checked|labell?ed|rated|scored|coded|graded|judged|assessed|annotated|tagged)\s+(?:independently\s+|separately\s+)?by\s+(?P<n>{_NUM})\s+(?:[a-z-]+\s+)?(?P<who>{_PEOPLE})\b",
    re.I,
)
# British "double-marked", "double-coded": two people on every item
_DOUBLE = re.compile(r"\b(?P<n>double|triple)[- ](?:marked|marking|coded|coding|annotated|scored|keyed)\b", re.I)
# "we'll staff 2 proofers", "we can put 3 reviewers on it", "2 pax can do", "4 staff, maybe 2 hours each"
_STAFFED = re.compile(rf"\b(?:staff|put|assign|give\s+you|provide)\s+(?P<n>{_NUM})\s+(?:[a-z-]+\s+)?(?P<who>{_PEOPLE})\b", re.I)
_OFFERED = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?P<who>{_PEOPLE})\s+(?:can\s+do|can\s+(?:label|help\s+label|tag|rate)|is\s+enough|are\s+enough|enough|ok|fine)\b", re.I
)
# "Reviewers must be certified bilingual — we have 3 lined up already": people ready for the job, named just before
_LINED_UP = re.compile(rf"\b(?:we(?:'ve|\s+have|\s+already\s+have)?(?:\s+got)?|they(?:'ve|\s+have)(?:\s+got)?)\s+(?P<n>{_NUM})\s+(?:(?:[a-z-]+\s+)?(?P<who>{_PEOPLE})\s+)?(?:lined\s+up|on\s+standby|standing\s+by|booked|signed\s+up)\b", re.I)
_CLAUSE_COUNT = re.compile(rf"(?:^|(?<=[.;:,|\n])|(?<=[.;:,|]\s))\s*(?P<need>need\s+|needs\s+)?(?P<n>{_NUM})\s+(?P<who>{_PEOPLE})\s*(?=[,.;]|$)", re.I | re.M)
_JUDGES = re.compile(r"\b(?:judge|label|annotate|tag|review|rate|score|code|grade|check|read|proof|assess|evaluate)\w*\b", re.I)
_OTHER_JOB = re.compile(r"\b(?:adjudicat\w*|arbitrat\w*|tie-?break\w*|engineers?|developers?|maintain\w*|supervis\w*)\b", re.I)


_WISH = re.compile(r"\b(?:ideally|preferably|if possible|would be nice|nice to have)\b", re.I)


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".;!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".;!?\n") if i >= 0]
    return text[left : min(rights) if rights else len(text)]


def _value(token: str) -> int | None:
    number = int(token) if token.isdigit() else parse_en_number(token.lower())
    return int(number) if number and 1 <= number <= 50 else None


def _sentence_before(text: str, start: int, reach: int = 250) -> str:
    return text[max(0, start - reach) : start]


def _read(text: str) -> tuple[int, str] | None:
    found: list[tuple[int, int, str]] = []
    for m in _DOUBLE.finditer(text):
        found.append((m.start(), 2 if m.group("n").lower() == "double" else 3, m.group(0)))
    for regex in (_PER_ITEM, _BY_PEOPLE, _STAFFED, _OFFERED):
        for m in regex.finditer(text):
            if _RANGE_BEFORE.search(text[max(0, m.start("n") - 8) : m.start("n")]) or _OTHER_JOB.search(m.group(0)):
                continue
            if _WISH.search(_clause(text, m.start(), m.end())):
                continue  # "Ideally two reviewers per item": a wish, the team is still to be settled
            if (value := _value(m.group("n"))) is not None:
                found.append((m.start(), value, m.group(0)))
    for m in _FLOOR.finditer(text):
        # the people are named just before: "teachers—no fewer than 3 per essay", "Reviewers should be … 2 on each"
        if re.search(rf"\b{_PEOPLE}\b", _sentence_before(text, m.start()), re.I) and (value := _value(m.group("n"))) is not None:
            found.append((m.start(), value, m.group(0)))
    for m in _LINED_UP.finditer(text):
        named = m.group("who") or re.search(rf"\b{_PEOPLE}\b", _sentence_before(text, m.start(), 120), re.I)
        if named and not _OTHER_JOB.search(m.group(0)) and (value := _value(m.group("n"))) is not None:
            found.append((m.start(), value, m.group(0)))
    for m in _CLAUSE_COUNT.finditer(text):
        asked = m.group("need") or _JUDGES.search(_sentence_before(text, m.start(), 120))
        if asked and (value := _value(m.group("n"))) is not None:
            found.append((m.start(), value, m.group(0).strip()))
    if not found:
        return None
    _, value, quote = min(found)
    return value, quote


def english_team(draft: BreakdownDraft, text: str) -> None:
    """Read the team size from the English forms of the module doc, when nothing else gave it."""
    if draft.who.annotator_profile.status == FieldStatus.stated or re.search(r"[\u4e00-\u9fff]", text):
        return
    found = _read(text)
    if found:
        draft.who.annotator_profile = stated({"count": found[0]}, found[1], 0.7)
