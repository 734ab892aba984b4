"""Labels written into the running sentences of formal English prose (letters from lawyers, doctors, officials).

People who are not data people name their classes inside ordinary sentences rather than in a list:

- `The subjects we care about are employment, housing, family and children, and court obligations (fines, …).`:
  a kind noun (subjects, categories, topics, …) and its relative clause, then `are` and the names;
- `decide whether it is a request for a certified copy, a question about fees, a dispute over a rejected
  document, or something else entirely`: each option is an act of the writer (request, question, dispute …),
  and the name is what the act is about;
- `say which they would rather hand back: Coach, Grader, about equally good, or equally unusable`,
  `indicate which answer is better—first, second, or no difference—`: the options of a choice question
  after a colon or between dashes;
- `Give it a 2 if …, a 1 if …, and 0 otherwise.`: a prose rubric names the points of a scale, one by one,
  each before its condition (several rubrics in a row share their points; a last `noted simply as yes or no`
  adds yes and no);
- after the list, one more name given in a sentence of its own: `call it routine check-in`,
  `should be treated as conditional support rather than as support`, `is to be set aside as suspected
  fraud, irrespective of whatever else it asks for`;
- two designs offered one instead of the other (`however`, `would rather` … `I would accept either`): both sets;
- no list at all, one verdict defined by its criterion: `A description must be considered unsafe if …`.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_lexicon import has_cjk

__all__ = ["add_prose_addenda", "prose_candidates", "split_prose_list"]

_KIND_NOUN = r"(?:subjects|categories|topics|themes|kinds|types|issues|areas|aspects|classes|buckets|outcomes|verdicts|options|choices)"
# "The subjects we care about are …", "The categories the investigators have historically used are …"
_KIND_ARE = re.compile(
    rf"\b(?:the|our|their|your)\s+(?:\w+\s+)?{_KIND_NOUN}\b(?P<rel>(?:\s+(?!are\b|were\b)[\w'’-]+){{0,7}}?)\s+(?:are|were|would\s+be|will\s+be|should\s+be)\s*:?\s+"
    r"(?!(?:being|going|getting|coming|becoming|that|to|not|all|as|the\s+same|also|still|often|usually|mostly|listed|given|shown|described|defined|used|based|set|below|above|these|those|as\s+follows)\b)",
    re.I,
)
# "which aspects of care are being mentioned: the nurses, …": a kind noun, then a colon that opens the names
_KIND_COLON = re.compile(rf"\b(?:which|what|the)\s+(?:\w+\s+)?{_KIND_NOUN}\b[^.:;!?\n—–]{{0,50}}:\s*", re.I)
# "say which they would rather hand back to the student: …", "indicate which answer is better—…—"
_WHICH = re.compile(
    r"\b(?:say|indicate|decide|determine|judge|choose|pick|select|tell\s+(?:us|me))\s+which\b[^.:;!?\n—–]{1,80}?(?P<open>:\s*|\s*[—–]\s*|\s+--\s+)",
    re.I,
)
# "decide whether it is a request for …, a question about …, …, or something else"
_WHETHER_ACT = re.compile(
    r"\b(?:decide|determine|judge|establish|say|note|indicate)\s+whether\s+(?:it|the\s+\w+|each\s+\w+|this|the\s+message)\s+(?:is|was)\s+(?=an?\s)",
    re.I,
)
_ACT = r"(?:request|question|query|inquiry|enquiry|complaint|dispute|report|claim|application|appeal|objection|comment|notice|offer)"
_ACT_LEAD = re.compile(rf"^(?:an?\s+)?{_ACT}\s+(?:for|about|over|to|regarding|concerning|on|of|with)\s+(?:an?\s+|the\s+)?", re.I)
_ARTICLE = re.compile(r"^(?:an?|the)\s+(?:number\s+of\s+)?", re.I)
# "marked as a safeguarding concern, a protection concern not involving our staff or partners, or not a protection
# matter", "judged as same root cause, related but distinct root cause, or unrelated": options after `as`, with a
# comma before the last one (so an `or` inside an option stays in it)
_AS = re.compile(r"\b(?:marked|classified|labell?ed|tagged|recorded|categori[sz]ed|judged|coded|assessed|rated|graded|sorted|filed)\s+as\s+(?:either\s+)?(?=[^.;!?\n]{3,200},\s+or\s)", re.I)
# "categorise every deviation by root cause category—equipment, personnel, …—and count": a list between dashes
_DASHED = re.compile(r"\b(?:categori[sz]e|classify|sort|group|code|tag|label|divide|split|bucket)\b[^.;:!?\n—–]{1,80}?(?P<open>\s*[—–]\s*|\s+--\s+)", re.I)
# "mark the words that state the tumor size, the histologic type, …": the things to mark, each with its article
_STATE = re.compile(
    r"\b(?:mark|highlight|tag|extract|underline|select)\s+(?:the\s+)?(?:words?|text|phrases?|spans?|passages?|anything|whatever)\s+(?:that|which)\s+"
    r"(?:states?|gives?|names?|mentions?|describes?|records?|reports?)\s+(?=the\s)",
    re.I,
)
_END = re.compile(r"(?<=[a-z)\"”])\.(?=\s|$)|[;!?\n]|\s[—–]\s?|—|–|,\s+(?:though|but|although|which|as|so|because|since|whereas|if)\b", re.I)


def split_prose_list(body: str) -> list[str]:
    """"employment, housing, family and children, court obligations (fines, …), and new law enforcement contact":
    commas split; an `and` / `or` inside an item of a comma list stays ("communication or rudeness") unless the list
    has no comma before its last item ("A, B and C")."""
    body = re.sub(r"\s*\([^()]*\)", "", body).strip(" ,")
    pieces = [p.strip() for p in re.split(r"\s*,\s*", body) if p.strip()]
    if not pieces:
        return []
    pieces = [re.sub(r"^(?:and|or)\s+", "", p, flags=re.I) for p in pieces if not re.fullmatch(r"(?:and|or)|(?:where|when|if)\s+(?:present|given|available|applicable|stated|any)", p, re.I)]
    # "the number of lymph nodes examined and the number of lymph nodes positive": two noun phrases, each with its article
    pieces = [part for p in pieces for part in re.split(r"\s+and\s+(?=the\s)", p, flags=re.I)] if sum(bool(re.match(r"the\s", p, re.I)) for p in pieces) >= 2 else pieces
    if len(pieces) >= 2 and not re.search(r",\s*(?:and|or)\s", body, re.I):
        last = re.split(r"\s+(?:and|or)\s+", pieces[-1], maxsplit=1, flags=re.I)
        pieces = pieces[:-1] + last
    elif len(pieces) == 1:
        pieces = re.split(r"\s+(?:and|or)\s+", pieces[0], maxsplit=1, flags=re.I)
    return [p.strip(" \"'“”") for p in pieces if p.strip(" \"'“”")]


def _name_ok(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 8 and len(name) <= 60 and not re.search(r"\d{3}|\b(?:is|are|was|were|will|would|should|must|i|you|please)\b", name, re.I)


def _body(text: str, start: int) -> tuple[str, int]:
    m = _END.search(text, start)
    end = m.start() if m else len(text)
    return text[start:end], end


def _candidate(text: str, start: int, names: list[str], end: int, min_names: int = 3) -> Candidate | None:
    # "A better, B better, or about the same": a capital A beside "B …" names a side, it is no article
    sides = any(re.match(r"[B-Z]\s", name) for name in names)
    names = [name if sides and re.match(r"A\s", name) else _ARTICLE.sub("", name) for name in names]
    names = [re.sub(r"\s+(?:itself|themselves)$", "", name) for name in names]
    if len(names) < min_names or len({n.casefold() for n in names}) < len(names) or not all(_name_ok(n) for n in names):
        return None
    return Candidate(names, text[start:end], start, end, "prose")


def _framed_lists(text: str) -> list[Candidate]:
    """The names after a frame that opens them ("The subjects … are", "marked as", "mark the words that state")."""
    found = []
    for pattern in (_KIND_ARE, _KIND_COLON, _AS, _STATE):
        for m in pattern.finditer(text):
            body, end = _body(text, m.end())
            if ":" in body:
                continue  # "The options are simple: we lack staff, time, and money": a sentence after a colon, not names
            candidate = _candidate(text, m.end(), split_prose_list(body), end)
            if candidate:
                found.append(candidate)
    return found


def _which_lists(text: str) -> list[Candidate]:
    found = []
    for m in [*_WHICH.finditer(text), *_DASHED.finditer(text)]:
        if ":" in m.group("open"):
            body, end = _body(text, m.end())
        else:  # between dashes: the list ends at the closing dash
            close = re.compile(r"\s*(?:[—–]|\s--\s)").search(text, m.end())
            if not close or "\n" in text[m.end() : close.start()] or close.start() - m.end() > 120:
                continue
            body, end = text[m.end() : close.start()], close.start()
        candidate = _candidate(text, m.end(), split_prose_list(body), end)
        if candidate:
            found.append(candidate)
    return found


def _act_lists(text: str) -> list[Candidate]:
    found = []
    for m in _WHETHER_ACT.finditer(text):
        body, end = _body(text, m.end())
        items = split_prose_list(body)
        acts = {act.group(1).casefold() for item in items if (act := re.match(rf"(?:an?\s+)?({_ACT})\b", item, re.I)) and _ACT_LEAD.match(item)}
        if len(items) < 3 or len(acts) < 2:
            continue  # "a request for information, a request for a meeting, or a complaint": one act, so it stays in the names
        names = [_ACT_LEAD.sub("", item) for item in items]
        candidate = _candidate(text, m.end(), names, end)
        if candidate:
            found.append(candidate)
    return found


# "give it a 2 if …", "a 1 if …", "0 otherwise", "2 if it mentions …; 1 if …"
_POINT = re.compile(r"(?:(?<=[\s,;:(])|^)(?:(?:give|score|rate|mark|award)\s+(?:it|them|each\s+\w+)\s+)?(?:an?\s+)?(?P<n>\d{1,2})(?:\s+points?)?\s+(?P<how>if|when|where|otherwise)\b", re.I)
_GIVE = re.compile(r"\b(?:give|score|rate|mark|award)\s+(?:it|them|each\s+\w+)\s+(?:an?\s+)?\d", re.I)
_YES_NO_NOTE = re.compile(r"\b(?:noted|marked|recorded|answered|given|scored)\s+(?:simply\s+|just\s+)?as\s+(?P<a>yes)\s+or\s+(?P<b>no)\b", re.I)


def _rubric(text: str) -> list[Candidate]:
    """Points named one by one in prose, each before its condition; rubrics in a row share their points."""
    points = list(_POINT.finditer(text))
    if not points or not _GIVE.search(text):
        return []
    runs: list[list[re.Match[str]]] = []
    for m in points:
        if runs and m.start() - runs[-1][-1].end() <= 260 and "\n\n" not in text[runs[-1][-1].end() : m.start()]:
            runs[-1].append(m)
        else:
            runs.append([m])
    found = []
    for run in runs:
        values = list(dict.fromkeys(m.group("n") for m in run))
        if len(values) < 2 or not any(_GIVE.match(text, m.start()) for m in run):
            continue
        start = run[0].start("n")
        end = _body(text, run[-1].end())[1]
        names = values
        note = _YES_NO_NOTE.search(text, end, end + 300)
        if note and "\n\n" not in text[end : note.start()]:
            names = [*values, note.group("a"), note.group("b")]
            end = note.end()
        found.append(Candidate(names, text[start:end], start, end, "rubric", ordinal=True))
    return found


def prose_candidates(text: str) -> list[Candidate]:
    """Label lists written into formal English sentences (see the module's docstring)."""
    if has_cjk(text) and len(re.findall(r"[\u4e00-\u9fff]", text)) > len(text) // 10:
        return []
    return _framed_lists(text) + _which_lists(text) + _act_lists(text) + _rubric(text)


_NAME_RE = r"[\"“']?(?P<name>[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,4}?)[\"”']?"
_ADDENDA = (
    # "call it routine check-in", "we would call that both unacceptable"
    re.compile(r"\bcall\s+(?:it|that|them|those|these|this)\s+(?!a\s|an\s|the\s|off\b|quits\b|done\b)" + _NAME_RE + r"(?=\s*(?:[.;!\n]|$))", re.I),
    # "should be treated as conditional support rather than as support"
    re.compile(r"\b(?:treated|classified|counted|marked|labell?ed|coded|recorded)\s+as\s+" + _NAME_RE + r"\s+rather\s+than\s+(?:as\s+)?(?:an?\s+)?(?P<was>[\w' -]{2,40}?)(?=\s*[.;,!\n]|$)", re.I),
    # "is to be set aside as suspected fraud, irrespective of whatever else it asks for"
    re.compile(r"\b(?:set\s+aside|flagged|marked|treated|classified)\s+as\s+" + _NAME_RE + r",?\s+(?:irrespective|regardless)\s+of\b", re.I),
)


def add_prose_addenda(candidate: Candidate, text: str) -> None:
    """One more name given after an English prose list, in a sentence of its own (see the module's docstring)."""
    if candidate.kind not in ("prose", "inline", "standalone", "framed", "spoken") or has_cjk(" ".join(candidate.labels)) or len(candidate.labels) < 2:
        return
    window = text[candidate.end : candidate.end + 420]
    window = "\n\n".join(window.split("\n\n")[:2])  # the list's paragraph and the next
    known = {label.casefold() for label in candidate.labels}
    hits = []
    for pattern in _ADDENDA:
        for m in pattern.finditer(window):
            name = _ARTICLE.sub("", m.group("name")).strip()
            was = m.groupdict().get("was")
            if was is not None and _ARTICLE.sub("", was).strip().casefold() not in known:
                continue  # "treated as X rather than as Y": Y must be one of the list's names
            if name.casefold() in known or not _name_ok(name) or re.fullmatch(r"(?:it|that|this|them|one|so|such|ok|okay|fine)", name, re.I):
                continue
            hits.append((m.start("name"), m.end("name"), name))
    for _at, _end, name in sorted(hits):
        if name.casefold() in known:
            continue
        known.add(name.casefold())
        candidate.labels.append(name)
    if hits:
        candidate.end = candidate.end + max(end for _at, end, _name in hits)
        candidate.quote = text[candidate.start : candidate.end].strip()


# "…, mixed, negative or very negative. The chaplain and I, however, think … which aspects are mentioned: …",
# "judged as A, B, or C. … some would rather we simply categorise … by root cause category—D, E, F—…":
# a second design offered instead of the first; the requester leaves the choice open, so both sets are named
_ALTERNATIVE = re.compile(r"\b(?:however|instead|alternatively|on the other hand|would rather|rather than|or maybe|or perhaps)\b", re.I)
# after the second set: the requester leaves the choice open ("I would accept either", "…, or both")
_EITHER = re.compile(r"\b(?:(?:accept|prefer|choose|pick|take|do|use)\s+either|either\s+(?:one|design|approach|way\s+is)|or\s+both|leave\s+it\s+to\s+you|whichever\s+you)\b", re.I)


def join_alternative(chosen: Candidate, candidates: list[Candidate], text: str, threshold: float) -> tuple[Candidate, Candidate]:
    """`chosen` joined with a rival English set the request offers as the other design, and the first of the two."""
    if has_cjk(" ".join(chosen.labels)) or len(chosen.labels) < 3:
        return chosen, chosen
    best: Candidate | None = None
    for other in candidates:
        if other is chosen or len(other.labels) < 3 or other.score < threshold or has_cjk(" ".join(other.labels)):
            continue
        if {x.casefold() for x in other.labels} & {x.casefold() for x in chosen.labels} or (other.start < chosen.end and chosen.start < other.end):
            continue
        first, second = (chosen, other) if chosen.start < other.start else (other, chosen)
        gap = text[first.end : second.start]
        after = text[second.end : second.end + 200]
        if len(gap) > 400 or gap.count("\n\n") > 1 or not (_ALTERNATIVE.search(gap) or _EITHER.search(re.split(r"\n\n", after)[0])):
            continue
        if best is None or (other.kind == "prose", other.score) > (best.kind == "prose", best.score):
            best = other  # a prose reading ends the list where the prose does ("—equipment, …, environment—and count")
    if best is None:
        return chosen, chosen
    first, second = (chosen, best) if chosen.start < best.start else (best, chosen)
    joined = Candidate([*first.labels, *second.labels], text[first.start : second.end].strip(), first.start, second.end, first.kind,
                       ordinal=first.ordinal, other=chosen.other or best.other, notes=[*first.notes, *second.notes], score=chosen.score)
    return joined, first


# "A description must be considered unsafe if it …", "is to be treated as urgent whenever …"
_DEFINED = re.compile(
    r"\b(?:must|should|shall|is\s+to|are\s+to)\s+be\s+(?:considered|deemed|treated\s+as|regarded\s+as|classed\s+as|marked(?:\s+as)?|flagged(?:\s+as)?)\s+"
    r"[\"“]?(?P<name>(?!a\b|an\b|the\b|to\b|in\b|on\b|part\b|one\b|such\b)[a-z][\w-]*(?:\s(?!if\b|when\b)[a-z][\w-]*)?)[\"”]?\s+(?:if|when|whenever)\b",
)


def defined_verdict(text: str) -> Candidate | None:
    """When no list is named: the one verdict the request defines by its criterion ("must be considered unsafe if …")."""
    if has_cjk(text):
        return None
    names = list(dict.fromkeys(m.group("name") for m in _DEFINED.finditer(text)))
    if len(names) != 1:
        return None  # two or more defined one by one are read as a list elsewhere, or are conditions of prose
    m = next(_DEFINED.finditer(text))
    return Candidate([names[0]], m.group("name"), m.start("name"), m.end("name"), "prose")
