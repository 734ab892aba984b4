"""English labels dictated into a voice note: options said in a run, with fillers, asides and examples between them.

- a run of one-word options with no commas, a filler before the last: "mark each one as happy unhappy or uh mixed like
  when …" -> happy, unhappy, mixed;
- options then their count: "tell me is it accurate, partly wrong, or totally off. Three choices.";
- a comma run after a lead ("So the buckets, …", "what I'd like pulled out of each one is …") whose asides are no
  options: "locked out, that's the urgent one, need keys cut or copied, change or fit a lock like new tenants that kind
  of job, …, and just asking for a price", and one more said after it ("so a we-don't-do-that bucket as well") (an aside opens with that's / which / so like; an example tail opens with
  like / such as; a run of examples ends with "whatever"; "need" / "just" / "the" open an option and are not its name);
- things named one "the X" after another with no commas: "talking about you know the food the guides the cabins the
  float plane in and out and um the fishing itself" -> food, guides, cabins, float plane, fishing, and a verdict said
  after it ("and then also whether it's good or bad") joins them.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["dictated_en_candidates"]

_FILLER = r"(?:um+|uh+|er+|erm|like|you know|I mean|I guess|so yeah|well|what else)"
_STOP = r"(?:like|when|that|so|and|because|if|but|for|which|who|where|ok|okay)"
_NUMWORD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7}

_SPACE_RUN = re.compile(
    rf"\b(?:as|is it|whether it'?s|whether it is|whether it was|either)\s+(?P<run>[a-z]{{3,15}}(?:\s+[a-z]{{3,15}}){{1,4}})\s+or\s+(?:(?:{_FILLER})[,\s]+)*(?P<last>[a-z]{{3,15}})(?=\s+{_STOP}\b|[\s,.!?]*$|[,.!?])",
    re.I,
)


def _space_run(text: str) -> list[Candidate]:
    found = []
    for m in _SPACE_RUN.finditer(text):
        words = m.group("run").split()
        if any(re.fullmatch(rf"{_FILLER}|{_STOP}|the|a|an|it|is|are|was|or|and|of|to|with|about|for|from|in|on|at|by|into|over", w, re.I) for w in words):
            continue
        names = [*words, m.group("last")]
        if len(set(n.lower() for n in names)) == len(names):
            found.append(Candidate(names, text[m.start("run") : m.end("last")], m.start("run"), m.end("last"), "dictated_en"))
    return found


_ITEM = r"[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,3}"
_COUNTED = re.compile(
    rf"(?P<run>{_ITEM}(?:\s*,\s*{_ITEM})+\s*,?\s+or\s+{_ITEM})\s*[.!?]\s*(?:that'?s it[.,]?\s*)?(?:just\s+)?(?P<n>two|three|four|five|six|seven|\d)\s+(?:choices|options|categories|buckets|answers|levels|labels|grades|tags)\b",
    re.I,
)
_LEAD_WORDS = re.compile(r"^(?:.*\b(?:is it|it'?s|as|whether|either|me|is|are|be))\s+", re.I)


def _counted(text: str) -> list[Candidate]:
    found = []
    for m in _COUNTED.finditer(text):
        parts = [p.strip() for p in re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", m.group("run")) if p.strip()]
        parts[0] = _LEAD_WORDS.sub("", parts[0])
        if len(parts) == _NUMWORD.get(m.group("n").lower(), -1) and all(len(p.split()) <= 3 for p in parts):
            start = m.start("run") + m.group("run").find(parts[0])
            found.append(Candidate(parts, text[start : m.end("run")], start, m.end("run"), "dictated_en"))
    return found


_RUN_LEAD = re.compile(
    r"(?:\b(?:so\s+)?the\s+(?:buckets|categories|options|labels|tags|groups|types)\s*,|"
    r"\b(?:pulled|taken|picked|pull|take|extracted)\s+out\s+of\s+(?:each|every)\s+(?:one|\w+)\s+(?:is|are)\s+)",
    re.I,
)
_ASIDE = re.compile(r"^(?:that'?s|that is|which|it'?s|so like|so|like|such as|e\.g\.|for example|i mean|you know)\b", re.I)
_EXAMPLES_END = re.compile(r"\b(?:whatever|and so on|etc\.?|that kind of thing|and stuff)$", re.I)
_OPEN = re.compile(r"^(?:and\s+)?(?:(?:need|needs|just|also|then|the|a|an|um|uh)\s+)+", re.I)
_TAIL = re.compile(r"\s+(?:like|such as|e\.g\.|if|when|for example)\b.*$", re.I)


_ONE_MORE = re.compile(r"\ban?\s+(?P<x>[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+(?:bucket|category|label|option|tag|class|group)\s+(?:as well|too)\b", re.I)


def _comma_run(text: str) -> list[Candidate]:
    found = []
    for m in _RUN_LEAD.finditer(text):
        rest = text[m.end() :]
        sentence = re.split(r"(?<=[a-z)])[.!?](?:\s|$)|\n", rest, maxsplit=1)[0]
        names: list[str] = []
        for part in re.split(r"\s*,\s*", sentence):
            part = part.strip()
            if not part or _ASIDE.match(part) or _EXAMPLES_END.search(part):
                continue
            name = _TAIL.sub("", _OPEN.sub("", part)).strip()
            if not name or len(name.split()) > 7:
                continue
            names.append(name)
        start = m.end() + rest.find(sentence)
        end = start + len(sentence)
        extra = _ONE_MORE.search(text, end, end + 160)  # "Oh and car keys, we don't do car keys, so a we-don't-do-that bucket as well"
        if extra:
            names.append(extra.group("x").replace("-", " ") if "-" in extra.group("x") and " " not in extra.group("x") else extra.group("x"))
            end = extra.end()
        if len(names) >= 3 and len(set(names)) == len(names):
            found.append(Candidate(names, text[start:end], start, end, "dictated_en"))
    return found


_THE_RUN = re.compile(r"(?:\bthe\s+[a-z][\w-]*(?:\s+(?!the\b|and\b|in\b|on\b|of\b|itself\b|themselves\b)[a-z][\w-]*)?(?:\s+(?:in and out|itself|themselves|(?:and\s+)?(?:um+|uh+)))*\s+(?:and\s+)?(?:(?:um+|uh+)\s+)?){3,}", re.I)
_VERDICT = re.compile(r"\b(?:also|and)\s+whether\s+it'?s\s+(?P<a>[a-z]{2,12})\s+or\s+(?P<b>[a-z]{2,12})\b", re.I)


def _the_run(text: str) -> list[Candidate]:
    found = []
    for m in _THE_RUN.finditer(text):
        names = [re.sub(r"\s+(?:in and out|itself|themselves)$", "", x.group(1)) for x in re.finditer(r"\bthe\s+([a-z][\w-]*(?:\s+(?!the\b|and\b|in\b|on\b|of\b|itself\b|themselves\b|um+\b|uh+\b)[a-z][\w-]*)?)", m.group(0), re.I)]
        if len(names) < 3 or len(set(names)) < len(names):
            continue
        end = m.end()
        verdict = _VERDICT.search(text, end, end + 80)
        if verdict:
            names += [verdict.group("a"), verdict.group("b")]
            end = verdict.end()
        found.append(Candidate(names, text[m.start() : end], m.start(), end, "dictated_en"))
    return found


def dictated_en_candidates(text: str) -> list[Candidate]:
    if not re.search(r"[A-Za-z]{3}", text):
        return []
    return _space_run(text) + _counted(text) + _comma_run(text) + _the_run(text)
