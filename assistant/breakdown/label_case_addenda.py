"""A case named after the list, with its own quoted label: "满意、一般、不满意，有的一条里又夸又骂的，就标“有褒有贬”".

The list is given, then a kind of item that fits none of it is described and given a quoted name of its own in the
same or the next sentence; the list is then no scale. A code ("…的标"3"") names a point of a scale, not a new label.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["add_case_quoted"]

_CASE_ZH = re.compile(r"的[，,]?\s*(?:就|则|都|一律|统一)?(?:单独)?(?:标|标成|标为|标记为|记为|算|归为)\s*[“\"「『](?P<name>[^”\"」』\n]{1,10})[”\"」』]")


def add_case_quoted(chosen: Candidate, text: str) -> None:
    if len(chosen.labels) < 2 or not re.search(r"[\u4e00-\u9fff]", "".join(chosen.labels)):
        return
    after = text[chosen.end : chosen.end + 120]
    window = "".join(re.split(r"(?<=[。！？\n])", after)[:2])  # this sentence and the next
    hit = _CASE_ZH.search(window)
    if hit is None:
        return
    name = hit.group("name").strip()
    if not name or re.fullmatch(r"[\dA-Za-z]{1,3}", name) or name in chosen.labels:
        return
    chosen.labels.append(name)
    chosen.ordinal = False  # a case outside the list ("又夸又骂") is no point of its scale
