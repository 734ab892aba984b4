"""The named points of a scale written on a line of their own, joined by dashes or arrows.

"… rated on a five-point scale:\n\n  very unhappy – unhappy – neutral – happy – very happy" names every point of the
scale; the names are the labels (in the line's order, ordinal), not the bare numbers 1-5 the head would give.
The line must sit right under a head that asks for a scale (scale, points, levels, rate, grade), and when the
head states how many points there are, the line must name that many.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["prefer_scale_lines", "scale_line_candidates"]

_SEP = re.compile(r"\s+(?:[–—-]{1,2}|→|->|<|>|\|)\s+")
_ITEM = re.compile(r"[A-Za-z][A-Za-z'-]*(?:\s[A-Za-z][A-Za-z'-]*){0,3}")
_HEAD = re.compile(r"(?<![A-Za-z])(?:scale|points?|levels?|likert|rate|rated|rating|grade|graded|grading|score|scored)(?![A-Za-z])[^\n]{0,40}[:：]\s*$", re.I)
_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_STATED = re.compile(r"(?<![A-Za-z\d])(?P<n>\d{1,2}|three|four|five|six|seven|ten)[- ](?:point|level|step|grade)s?\b", re.I)


def scale_line_candidates(text: str) -> list[Candidate]:
    """One line of three or more short names joined by dashes or arrows, right under a head asking for a scale."""
    found = []
    for m in re.finditer(r"^[ \t]*(?P<line>[^\n]+?)[ \t]*$", text, re.M):
        parts = _SEP.split(m.group("line"))
        if len(parts) < 3 or not all(_ITEM.fullmatch(p.strip()) for p in parts):
            continue
        above = text[: m.start()].rstrip()
        head = above.rsplit("\n", 1)[-1]
        if not _HEAD.search(head) or len({p.casefold() for p in parts}) < len(parts):
            continue
        stated = _STATED.search(head)
        if stated:
            n = stated.group("n").lower()
            if (int(n) if n.isdigit() else _WORDS[n]) != len(parts):
                continue
        found.append(Candidate([p.strip() for p in parts], m.group("line"), m.start("line"), m.end("line"), "named_points", ordinal=True))
    return found


def prefer_scale_lines(candidates: list[Candidate], text: str) -> None:
    """The numbers a head gives ("a five-point scale" read as 1-5) lose to the names on the line under it."""
    for named in candidates:
        if named.kind != "named_points" or "=" in named.quote or "：" in named.quote:
            continue
        for other in candidates:
            if other.kind == "scale" and len(other.labels) == len(named.labels) and 0 <= named.start - other.end <= 80 and "\n" in text[other.end : named.start]:
                other.score = min(other.score, named.score - 0.1)
