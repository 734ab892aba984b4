"""The facts to pull out of each document, listed after a colon ("He wants the key facts pulled from the teasers:
company name (or the codename …), sector, HQ location, revenue, EBITDA, and deal type (majority / minority / …)").

A clause that names facts, fields or details taken from the documents, then a colon, opens a list of field names;
a note in brackets after a name explains it (its alias, its values) and is no part of it. The values in brackets
of one field ("deal type (majority / minority / carve-out)") are that field's, not the request's labels: a list read
from inside the brackets gives way to the fields (`brackets_lose`).
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["brackets_lose", "pulled_field_candidates"]

_HEAD = re.compile(
    r"\b(?:key\s+|main\s+|basic\s+|following\s+)?(?:facts|fields|details|data\s+points|particulars|info|information|items)\s+"
    r"(?:pulled|extracted|taken|captured|grabbed|lifted|copied)\s+(?:out\s+)?(?:from|of)\s+[^:\n.]{0,90}:[ \t]*",
    re.I,
)
_BRACKET = re.compile(r"\([^()\n]{0,120}\)")
_NAME = re.compile(r"[A-Za-z][\w&'/-]*(?:\s[A-Za-z][\w&'/-]*){0,3}")


def pulled_field_candidates(text: str) -> list[Candidate]:
    found = []
    for m in _HEAD.finditer(text):
        rest = text[m.end() :]
        plain = _BRACKET.sub(lambda b: " " * len(b.group(0)), rest)  # same length: positions hold
        stop = re.search(r"[.;!?\n](?:\s|$)|\n", plain)
        body = plain[: stop.start()] if stop else plain
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", body)]
        names = [re.sub(r"^(?:the|its|their)\s+", "", p, flags=re.I) for p in parts if p]
        if len(names) < 3 or not all(_NAME.fullmatch(n) for n in names):
            continue
        last = rest.rfind(names[-1], 0, len(body))
        end = m.end() + (last + len(names[-1]) if last >= 0 else len(body))
        found.append(Candidate(names, text[m.end() : end], m.end(), end, "pulled_fields"))
    return found


def brackets_lose(candidates: list[Candidate], text: str) -> None:
    """A list read from inside a field's brackets gives way to the fields it stands among."""
    for fields in candidates:
        if fields.kind != "pulled_fields":
            continue
        for b in _BRACKET.finditer(text, fields.start, fields.end + 130):
            if b.start() > fields.end + 2:
                break
            for other in candidates:
                if other is not fields and b.start() <= other.start and other.end <= b.end() + 1:
                    other.score = min(other.score, fields.score - 0.1)
