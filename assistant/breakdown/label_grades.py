"""Everyday grades that order a short label list without a scale word.

- "Good match / OK / Wrong", "great fit / fine / poor fit", "correct / small errors / wrong dose or wrong drug": a
  good reading, a middling one and a bad one, each maybe with its noun;
- "usable as is / usable with edits / not useful", "publish as is / publish after edits / don't publish": two
  degrees of one word, then its denial.
"""

from __future__ import annotations

import re

__all__ = ["everyday_grades"]

_GOOD = r"(?:good|great|perfect|exact|strong|close|spot[- ]on|correct|accurate)(?:\s+[a-z]+)?"
_MIDDLE = r"ok|okay|fine|so-so|meh|fair|(?:small|minor|slight|some)\s+[a-z]+|close enough"  # "partly correct" is read elsewhere (set 1 gold: not a scale)
_BAD = r"(?:bad|poor|wrong|useless|irrelevant|weak|no|not|off|unusable|major|serious)(?:\s+[a-z]+){0,4}|not\s+[a-z]+(?:\s+[a-z]+)?|don'?t\s+[a-z]+"


def everyday_grades(labels: list[str]) -> bool:
    names = [label.strip() for label in labels]
    if len(names) != 3 or not all(re.fullmatch(r"[A-Za-z' -]{2,40}", name) for name in names):
        return False
    if re.fullmatch(_GOOD, names[0], re.I) and re.fullmatch(_MIDDLE, names[1], re.I) and re.fullmatch(_BAD, names[2], re.I):
        return True
    first, second = names[0].split()[0].casefold(), names[1].split()[0].casefold()
    # the second is the first word with a qualifier ("… with edits", "… after changes"); "prefer left / prefer right /
    # no preference" are sides, not degrees
    qualified = re.match(r"\S+\s+(?:with|after|but|needing|pending)\b", names[1], re.I) is not None
    return qualified and len(first) > 2 and first == second and len(names[0].split()) > 1 and re.fullmatch(r"(?:not|no|don'?t|never)\s+[a-z]+(?:\s+[a-z]+)?|un[a-z]+", names[2], re.I) is not None
