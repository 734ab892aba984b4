"""English things to mark, each named with examples of its values between them.

People who ask for spans or fields often give an example of each thing right after it:

- "highlight the dish -- like the pasta, pizza, salad -- the price, and the server name if the review mentions one";
- "mark the port, like "Rotterdam" or "Hamburg", the cargo, like grain or coal, and the delay in hours";
- "pull out the species (e.g. red fox), the location and the time of day if they mention it".

The things to mark are the noun phrases led by a determiner (`the`, `each`, `any`…) after a marking verb; an
aside of examples (`-- like … --`, `(e.g. …)`, `, like … ,`, `such as …`) and a condition (`if they mention
one`) belong to the thing before them and are dropped. The examples are data, never labels: `label_rivals`
lowers any list read from inside them.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["field_candidates", "example_spans"]

_VERBS = r"mark|highlight|tag|label|annotate|underline|circle|find|extract|pull out|pick out|identify|capture|flag|note|record|grab|list"
_DET = r"(?:the|each|every|any|all|all the|its|their)"
_START = re.compile(rf"\b(?:{_VERBS})\s+(?={_DET}\s)", re.I)
# where the sentence ends: a full stop followed by a space or the end, "!", "?", a line break (not "e.g.")
_END = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!\bvs)\.(?=\s|$)|[!?;\n]")
_EXAMPLE_WORD = r"(?:like|such as|e\.g\.|for example|for instance|say)"
# "-- like the pasta, pizza, salad --", "(e.g. red fox)", "(like knee or wrist)": an aside of examples
_ASIDE = re.compile(rf"\s*(?:[-–—]{{1,2}}\s*{_EXAMPLE_WORD}\b[^-–—]*?[-–—]{{1,2}}|[(（]\s*{_EXAMPLE_WORD}?[^()（）]*[)）])", re.I)
# ", like "Rotterdam" or "Hamburg"," up to the next thing led by a determiner (or the end)
_TRAILING_EXAMPLES = re.compile(rf",?\s*{_EXAMPLE_WORD}\b.*?(?=,\s*(?:and\s+|or\s+|plus\s+)?{_DET}\s|\s+(?:and|plus)\s+{_DET}\s|$)", re.I)
# "if they mention one", "when given", "where present": when to mark it, not part of its name
_CONDITION = re.compile(r"\s+(?:if|when|where|whenever)\s+[^,]*", re.I)
# "… and the side effect in each forum post": where to look, not part of the last name
_SCOPE = re.compile(r"\s+(?:in|from|within|across|throughout)\s+(?:each|every|all|the|our|these|those|a|an)\b.*$", re.I | re.S)
_PART = re.compile(rf"^{_DET}\s+(?P<name>[A-Za-z][\w'/-]*(?:\s+[A-Za-z][\w'/-]*){{0,3}})$", re.I)
_NOT_NAME = re.compile(r"\b(?:it|they|them|we|you|is|are|was|were|be|been|that|this|those|these|mention|mentions|said|says)\b", re.I)


def _examples_removed(body: str) -> tuple[str, list[tuple[int, int]]]:
    """The body with its example asides blanked out (same length, so positions hold), and where they were."""
    spans: list[tuple[int, int]] = []
    out = body
    for regex in (_ASIDE, _TRAILING_EXAMPLES):
        for m in regex.finditer(out):
            if m.end() > m.start() and re.search(r"\w", m.group(0)):
                spans.append((m.start(), m.end()))
        out = regex.sub(lambda m: ("," + " " * (len(m.group(0)) - 1)) if m.group(0) else "", out)  # the aside ends the thing before it
    return out, spans


def _parts(body: str) -> list[str]:
    parts = re.split(r"\s*(?:,\s*(?:and|or|plus)\s+|,|;|\s+and\s+|\s+plus\s+)\s*", body.strip())
    return [part.strip() for part in parts if part.strip()]


def field_candidates(text: str) -> list[Candidate]:
    """"highlight the dish -- like … -- the price, and the server name": the things to mark, examples left out."""
    found = []
    for m in _START.finditer(text):
        stop = _END.search(text, m.end())
        end = stop.start() if stop else len(text)
        body = text[m.end() : end]
        plain, spans = _examples_removed(body)
        if not spans:
            continue  # without examples between them the plain reader (`label_more._determined`) reads the list
        names = []
        plain = _SCOPE.sub("", _CONDITION.sub("", plain))
        for part in _parts(plain):
            hit = _PART.match(part)
            if hit is None or _NOT_NAME.search(hit.group("name")):
                break  # "… and whether it's ski or snowboard": the things to mark end where the determiners do
            names.append(hit.group("name"))
        names = list(dict.fromkeys(names))
        if len(names) >= 2:
            last = body.rfind(names[-1])
            stop_at = m.end() + (last + len(names[-1]) if last >= 0 else len(body))
            found.append(Candidate(names, text[m.end() : stop_at], m.end(), stop_at, "fields"))
    return found


def example_spans(text: str) -> list[tuple[int, int]]:
    """Where the examples between the things to mark are: lists read from inside them are data, not labels."""
    spans = []
    for m in _START.finditer(text):
        stop = _END.search(text, m.end())
        body = text[m.end() : stop.start() if stop else len(text)]
        spans += [(m.end() + a, m.end() + b) for a, b in _examples_removed(body)[1]]
    return spans
