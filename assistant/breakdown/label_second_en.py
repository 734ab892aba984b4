"""A second English label set next to the first: a sub-question, a second scale or an alternative set.

Requests often name two sets of labels in one breath, joined by words that open a second judgement:

- "judge pairs: prefer left, prefer right, or no preference. Plus rate each answer's accuracy 1-3";
- "scored on accuracy (1-5) … and whether any number is wrong (y/n)";
- "grade each description: thumbs up / thumbs down, and if thumbs down, what's wrong: missed damage / …";
- "could we do complaint vs compliment? or maybe by area (course, dining, pro shop)?".

Both sets are the request's labels, in the order the request gives them; the order of the whole follows
the first set (a preference then a 1-3 rating is not a scale; a 1-5 rating then a y/n flag is).
Also here: a two-way choice written "A vs B?" ("could we do complaint vs compliment?"), whose first item
is read back only as far as the second is long.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_lexicon import has_cjk
from assistant.breakdown.label_lines_en import lettered_options

__all__ = ["add_second_set", "conditional_candidates", "dimension_candidates", "lettered_candidates", "name_if_candidates", "versus_candidates"]

# words between two lists that open a second judgement or offer an alternative set
# the word opens a clause of its own ("…, and whether any number is wrong"), not one inside the main
# question ("check whether each description matches")
_SECOND = re.compile(
    r"(?:^[ \t]*|[,.;:?!()\n—–]\s*)(?:and\s+|but\s+)?(?:(?:she|he|they|we)\s+(?=also\b))?(?:plus|also|(?:an?\s+)?(?:separate(?:ly)?|extra)|as well as|in addition|additionally|maybe|if (?:it'?s |they'?re |the answer is |so)?\w+|whether|"
    r"or maybe|or instead|or rather|or else|alternatively|then|(?:also\s+)?(?:rate|score|grade|mark|tag|label|flag|say|note))\b",
    re.I,
)
# a second question about the same item: "is the visitor happy, neutral or unhappy, and does it mention …"
_SECOND_QUESTION = re.compile(r"[,;]\s*(?:and\s+)?(?:does|do|did|is|are|was|were)(?:\s+(?:it|they|this|he|she|the\s+\w+|each\s+\w+))?(?:\s+(?!and\b|or\b)[a-z]+)?\s*$", re.I)
# "easy, medium, hard; and its subject: algebra, …": a second dimension named before its options
_DIMENSION = re.compile(r"(?:^|[,.;])\s*(?:and|plus)\s+(?:its|their|the|each)\s+[\w -]{1,30}[:：]\s*$", re.I)
_GAP_MAX = 100
_OWN_FRAME = re.compile(r"\b(?:rate|score|grade|mark|tag|label|flag|classify|sort)\s+(?:each|every|the|all|it|them)\b[^.,;:\n]{0,30}$", re.I)


def _disjoint(a: Candidate, b: Candidate) -> bool:
    if a.end <= b.start or b.end <= a.start:
        return not {x.casefold() for x in a.labels} & {x.casefold() for x in b.labels}
    return False


def add_second_set(chosen: Candidate, candidates: list[Candidate], text: str, threshold: float) -> tuple[Candidate, Candidate]:
    """`chosen` with a second set joined to it, when the request names one right next to it, and the first of the two."""
    if has_cjk(" ".join(chosen.labels)) or has_cjk(chosen.quote):
        return chosen, chosen
    best: Candidate | None = None
    for other in candidates:
        flag = other.kind == "flag" and len(other.labels) == 1 and other.start > chosen.end  # "…, flagged urgent no matter what"
        if other is chosen or has_cjk(" ".join(other.labels)) or not (flag or (len(other.labels) >= 2 and other.score >= threshold - 2.0)):
            continue
        if not _disjoint(chosen, other) or (len(other.labels) in (2, 3) and all(x.isdigit() for x in other.labels) and re.search(r"\d{1,2}/\d{1,2}", other.quote)):
            continue  # "By when?: 12/23" is a date, not a second set
        first, second = (chosen, other) if chosen.start < other.start else (other, chosen)
        gap = text[first.end : second.start]
        if other is first:
            # "…, already langid'd and deduped.\nIdea: label each doc keep / drop": the verb that frames the chosen
            # list is its own, not a second judgement after the earlier words
            gap = _OWN_FRAME.sub("", gap)
        named = other is second and _DIMENSION.search(gap) is not None  # "…; and its subject: algebra, geometry"
        # "- Others\n\nAdditionally it would be important to know if the exhibitor is satisfied or not satisfied": a
        # paragraph that opens by adding to the list above names a second set
        added = other is second and other.kind == "binary" and re.match(r"\s*\n\s*(?:additionally|in addition|also|besides)\b", gap, re.I)
        if added and len(gap) <= _GAP_MAX and other.score >= threshold - 2.0:
            best = other
            break
        asked = _SECOND_QUESTION.search(gap) is not None and re.match(r"[^.!\n]{0,12}\?", text[second.end :]) is not None
        if len(gap) > _GAP_MAX or "\n\n" in gap or not (_SECOND.search(gap) or named or asked):
            continue
        if not (flag or named) and other.score < threshold - 1.0:
            continue
        if not flag and other.score < threshold and not re.search(r"[?]|[:：]\s*$", gap) and not asked:
            continue  # a weaker list joins only as an alternative asked about, or one a colon opens ("which kind: …")
        if best is None or (other.score > best.score and not flag) or best.kind == "flag":
            best = other
    if best is None:
        return chosen, chosen
    first, second = (chosen, best) if chosen.start < best.start else (best, chosen)
    start, end = first.start, second.end
    joined = Candidate(
        [*first.labels, *second.labels],
        text[start:end].strip(),
        start,
        end,
        first.kind,
        ordinal=first.ordinal,
        other=chosen.other or best.other,
        notes=[*first.notes, *second.notes],
        score=chosen.score,
    )
    return joined, first


_VERSUS = re.compile(
    r"(?P<a>[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,5})\s+(?:vs\.?|versus)\s+(?P<b>[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,2}?)(?=\s*(?P<q>\?)|\s*[,.;:!)\n]|\s*$)",
    re.I,
)
_FRAMED_BEFORE = re.compile(r"\b(?:as|into|label|tag|classify|sort|mark|rate|judge|call|either)\s*$", re.I)


def versus_candidates(text: str) -> list[Candidate]:
    """"could we do complaint vs compliment?": a two-way choice asked about; the first item as long as the second."""
    found = []
    for m in _VERSUS.finditer(text):
        a_words, b = m.group("a").split(), m.group("b")
        width = len(b.split())
        first = " ".join(a_words[-width:])
        start = m.start("a") + len(m.group("a")) - len(first)
        lead = text[max(0, start - 20) : start]
        if not (m.group("q") or _FRAMED_BEFORE.search(lead)):
            continue  # "model v2 vs v3" compares systems; only a choice asked about or framed names labels
        found.append(Candidate([first, b], text[start : m.end("b")], start, m.end("b"), "polar"))
    return found


_PUT = r"(?:say|mark|tag|label|pick|choose|answer|select|use|put|write|call\s+it|give\s+it)"
# "if B, B", "If A is better say A", "if both are bad — e.g. quoting … — both_bad": a condition, then the name to give
_IF_CLAUSE = re.compile(
    rf"\b(?:if|when)\s+(?P<cond>[^;.!?\n]{{1,60}}?)(?:\s*,\s*|\s+[—–]\s[^—–\n]{{0,90}}?\s[—–]\s*|\s+(?=(?:then\s+)?{_PUT}\b))"
    rf"(?:then\s+)?(?:(?P<put>{_PUT})(?:\s+(?:it|them))?(?:\s+as)?\s+(?:(?-i:a|an|the)\s+)?)?[\"'“‘]?(?P<name>[\w'-]+(?:\s[\w'-]+){{0,2}}?)[\"'”’]?"
    r"(?=\s*(?:[;.!]|$|\n|,\s*(?:and\s+|or\s+)?(?:if|when|otherwise)\b))",
    re.I,
)
_OTHERWISE = re.compile(r"[;,.]?\s*(?:and\s+)?(?:otherwise|else)\s*,?\s*(?:(?:say|mark|tag|label|use|pick)\s+)?[\"'“‘]?(?P<name>[\w'-]+(?:\s[\w'-]+){0,2}?)[\"'”’]?(?=\s*(?:[;.!]|$|\n))", re.I)


def conditional_candidates(text: str) -> list[Candidate]:
    """"If A is better say A; if B, B; if they're equally good, tie": the name each condition gets.

    Three or more such clauses in a row, one of them saying how to mark ("say", "tag", "label"), or two that both
    say it, name the labels; clauses of errands ("if the files are late, ping Sam") name none."""
    found: list[Candidate] = []
    run: list[re.Match[str]] = []
    for m in [*_IF_CLAUSE.finditer(text), None]:
        if m is not None and run and re.fullmatch(r"\s*[;,.]?\s*(?:and\s+|or\s+)?", text[run[-1].end() : m.start()], re.I):
            run.append(m)
            continue
        names = list(dict.fromkeys(r.group("name") for r in run))
        put = sum(bool(r.group("put")) for r in run)
        plain = not any(re.search(r"\b(?:me|us|you|him|her|them|it|we|i)\b", name, re.I) for name in names)  # "email me" is an errand
        if plain and len(names) == len(run) and put and (len(run) >= 3 or put == len(run) >= 2):
            end = run[-1].end()
            other = _OTHERWISE.match(text[end:])
            if other and other.group("name") not in names:
                names.append(other.group("name"))
                end += other.end()
            found.append(Candidate(names, text[run[0].start() : end], run[0].start("name") if len(run) == 1 else run[0].start(), end, "conditional"))
        run = [m] if m is not None else []
    return found


def lettered_candidates(text: str) -> list[Candidate]:
    """"A) relevant B) somewhat relevant C) not relevant" written inline."""
    return [Candidate(names, text[start:end], start, end, "lettered") for names, start, end in lettered_options(text)]


_NAME = r"[\"'“‘]?(?P<name>[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,2}?)[\"'”’]?"
# "Label a post 'toxic' if it insults someone, 'borderline' if …, and 'ok' otherwise": the name, then its condition
_NAME_IF_FIRST = re.compile(
    r"\b(?:label|mark|tag|call|code|rate|flag|classify)\s+(?:it|them|(?:a|an|the|each|every)\s+[\w-]+)\s+(?:as\s+)?"
    + _NAME + r"\s+(?:if|when|whenever)\s+[^,;.\n]{3,80}",
    re.I,
)
_NAME_IF_NEXT = re.compile(r"\s*[,;]\s*(?:and\s+|or\s+)?" + _NAME + r"\s+(?:if|when|whenever)\s+[^,;.\n]{3,80}", re.I)
_NAME_OTHERWISE = re.compile(
    r"\s*[,;]?\s*(?:and\s+|or\s+)?" + _NAME + r"\s+(?:otherwise|for everything else|for anything else|for the rest|if none (?:of these |of those )?appl(?:y|ies))\b",
    re.I,
)


def name_if_candidates(text: str) -> list[Candidate]:
    """"Mark it urgent when …, normal when …, and low when …": each name is said before its condition."""
    found = []
    for m in _NAME_IF_FIRST.finditer(text):
        names, end, other = [m.group("name")], m.end(), None
        while (nxt := _NAME_IF_NEXT.match(text, end)) is not None:
            names.append(nxt.group("name"))
            end = nxt.end()
        last = _NAME_OTHERWISE.match(text, end)
        if last is not None:
            other = last.group("name")
            names.append(other)
            end = last.end("name")
        if len(names) >= 2 and len(set(names)) == len(names):
            found.append(Candidate(names, text[m.start("name") : end], m.start("name"), end, "conditional", other=other))
    return found


_DIM = re.compile(r"(?<![\w-])(?P<dim>(?!(?:and|plus|or)\b)[A-Za-z][\w-]*(?:\s(?!(?:and|plus|or)\b)[A-Za-z][\w-]*){0,2})\s*\((?P<opts>[^()\n]{3,80})\)")
_DIM_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|plus\s+)?|;\s*(?:and\s+)?|\s(?:and|plus)\s+)\s*(?:(?:the|its|their)\s+)?")
_DIM_FRAME = re.compile(r"[:：]|\b(?:label|tag|rate|score|mark|annotate|classify|per|each|every|dimensions?|fields?|things)\b", re.I)


# "as positive (happy, excited), negative (angry, upset) or neutral": options with examples in brackets, not dimensions
_CLOSING_OPTION = re.compile(r"\s*,?\s*(?:or|and)\s+[A-Za-z][\w'-]*(?:\s[A-Za-z][\w'-]*){0,2}\s*(?:[.,;!?\n]|$)")


def _options_with_examples(text: str, run: list[re.Match[str]]) -> bool:
    return bool(re.search(r"\b(?:as|into|either)\s*$", text[: run[0].start()], re.I) or _CLOSING_OPTION.match(text, run[-1].end()))


def _options(body: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s*(?:/|,\s*(?:or\s+)?|\s+or\s+)\s*", body) if p.strip()]
    if len(parts) < 2 or not all(re.fullmatch(r"[A-Za-z][\w'-]*(?:\s[A-Za-z][\w'-]*){0,2}", p) for p in parts):
        return []
    return parts


def dimension_candidates(text: str) -> list[Candidate]:
    """"urgency (high/medium/low) and product (iOS app, Android app, web)": each dimension's options, in order."""
    found = []
    matches = list(_DIM.finditer(text))
    index = 0
    while index < len(matches):
        run = [matches[index]]
        while index + len(run) < len(matches) and _DIM_JOIN.fullmatch(text[run[-1].end() : matches[index + len(run)].start("dim")]):
            run.append(matches[index + len(run)])
        options = [_options(m.group("opts")) for m in run]
        sentence_start = max(text.rfind(c, 0, run[0].start()) for c in ".!?\n") + 1
        if len(run) >= 2 and all(options) and _DIM_FRAME.search(text[sentence_start : run[0].start()]) and not _options_with_examples(text, run):
            names = [name for group in options for name in group]
            if len(set(names)) == len(names):
                start = run[0].start("opts")
                found.append(Candidate(names, text[start : run[-1].end("opts")], start, run[-1].end("opts"), "dimensions"))
        index += len(run)
    return found
