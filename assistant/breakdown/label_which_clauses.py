"""Labels asked as parallel "which ones are …" clauses.

People who do not think in label sets often ask which items are what:

- Chinese: "看看群里哪些消息算是违规广告，哪些是正常聊天，哪些是物业通知", "评论里哪些是夸的、哪些是骂的";
- English: "tell us which reviews are complaints, which are questions and which are just spam".

Two or more such clauses in a row, joined by a comma, 、, "and" or "or", name the labels: each clause's name after
its verb (是 / 算是 / 属于 / are / count as). A single "which" clause is a question, not a list.

Flags asked as one relative clause with several verbs: "flag any that mention a competitor brand, make health
claims, or have spelling mistakes? Yes/no for each" gives three yes/no flags, one a verb phrase.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["flag_that_candidates", "which_clause_candidates"]

_ZH = re.compile(
    r"哪些(?:[^，,。；;？?！!\n、]{0,10}?)(?:算是|算作|算|属于|是|要标成|标成|标为)"
    r"(?P<name>[^，,。；;？?！!\n、（(]{1,12}?)(?=[，,。；;？?！!\n、（(]|$)"
)
_ZH_JOIN = re.compile(r"\s*(?:[，,、；;]|还有|以及|另外)*\s*$")
_EN = re.compile(
    r"\bwhich(?:\s+(?!are\b|is\b|count\b|look\b)[a-z]+){0,2}\s+(?:are|is|count\s+as|look\s+like|seem\s+like)\s+"
    r"(?:just\s+|simply\s+|actually\s+|really\s+)?(?P<name>[a-z][\w'’-]*(?:\s+(?!and\b|or\b|which\b)[a-z][\w'’-]*){0,3})",
    re.I,
)
# "which are just people asking for help with the app": the people are the writers of every item; what they are doing
# (up to six words) names the kind ("people being nice" describes the people, and stays whole)
_PEOPLE_DOING = re.compile(
    r"(?:people|users|customers|folks|someone|members|parents|guests)\s+(?P<doing>(?!being\b|having\b)[a-z]+ing(?:\s+(?!and\b|or\b|which\b|but\b|so\b)[a-z][\w'’-]*){0,5})\b(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|or|which|but|so)\b)",
    re.I,
)
_EN_JOIN = re.compile(r"\s*(?:,\s*(?:and|or)?|;|\band\b|\bor\b)\s*$", re.I)
_NOTE = re.compile(r"\s*[（(][^()（）\n]{0,60}[)）]")
_ZH_TAIL_WORDS = re.compile(r"(?:的内容|的消息|的评论|的帖子|这种|这类|之类)$")


def _zh_name(name: str) -> str:
    name = _ZH_TAIL_WORDS.sub("", name.strip())
    return name[:-1] if name.endswith("的") and len(name) > 2 else name


def _runs(matches: list[re.Match[str]], text: str, join: re.Pattern[str]) -> list[list[re.Match[str]]]:
    runs: list[list[re.Match[str]]] = []
    for m in matches:
        gap = _NOTE.sub("", text[runs[-1][-1].end() : m.start()]) if runs else ""
        if runs and join.fullmatch(gap) and len(gap) <= 8:  # "which are questions (hours, tickets, etc.), which are …"
            runs[-1].append(m)
        else:
            runs.append([m])
    return [run for run in runs if len(run) >= 2]


def which_clause_candidates(text: str) -> list[Candidate]:
    """Each run of two or more "哪些是 X" / "which are X" clauses, as a candidate of their names."""
    found: list[Candidate] = []
    for run in _runs(list(_ZH.finditer(text)), text, _ZH_JOIN):
        names = [_zh_name(m.group("name")) for m in run]
        if all(names) and len(set(names)) == len(names):
            found.append(Candidate(names, text[run[0].start() : run[-1].end()], run[0].start(), run[-1].end(), "which_clauses"))
    for run in _runs(list(_EN.finditer(text)), text, _EN_JOIN):
        doing = [_PEOPLE_DOING.match(text, m.start("name")) for m in run]
        names = [d.group("doing") if d else m.group("name").strip() for m, d in zip(run, doing)]
        if len(set(names)) == len(names):
            found.append(Candidate(names, text[run[0].start() : run[-1].end()], run[0].start(), run[-1].end(), "which_clauses"))
    return found


_FLAG_THAT = re.compile(
    r"\b(?:flag|mark|tag|note|highlight)\s+(?:(?:any|those|the\s+ones|ones|anything|everything|each\s+one)\s+)?(?:[a-z]+\s+)?"
    r"(?:that|which|where\s+(?:it|they))\s+(?P<run>[^.?!;\n]{10,200}?)\s*[.?!;\n]",
    re.I,
)
_YES_NO_EACH = re.compile(r"^\s*(?:\(?\s*(?:yes\s*/\s*no|y\s*/\s*n|yes\s+or\s+no)\b)", re.I)


def flag_that_candidates(text: str) -> list[Candidate]:
    """'flag any that A, B, or C? Yes/no for each': the verb phrases, each a yes/no flag."""
    found: list[Candidate] = []
    for m in _FLAG_THAT.finditer(text):
        if not _YES_NO_EACH.match(text[m.end() : m.end() + 20]):
            continue
        items = [item.strip() for item in re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", m.group("run")) if item.strip()]
        if len(items) >= 2 and all(1 <= len(item.split()) <= 6 for item in items):
            found.append(Candidate(items, m.group("run"), m.start("run"), m.end("run"), "flag_list"))
    return found
