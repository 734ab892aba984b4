"""The one label a rewriting or correcting task names: the flag for the items it cannot do.

"逐条看图改描述，改不了的标“废弃”", "实在辨认不了的标"无法识别"", "fix each caption; if it can't be saved, mark it
"discard"": the work is writing, and the only name given is the mark for the ones left undone. Read only when the
request names no list at all.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["lone_flag"]

_ZH = re.compile(
    r"(?:不了|不出来|不清|不出|不到|不行|没法\w{1,2}|无法\w{1,2})的(?:就|则|都|一律|统一)?(?:标|标成|标为|标记为|记为|打上?)\s*[“\"「『](?P<name>[^”\"」』\n]{1,12})[”\"」』]"
)
_EN = re.compile(
    r"\b(?:if|when|where)\s+(?:it|one|a\s+\w+|the\s+\w+|they)\s+(?:can(?:no|')t|cannot|could(?:n't| not)|is\s+(?:beyond|past))\s+[^.;!?\n]{0,30}?[,;]?\s*"
    r"(?:just\s+)?(?:mark|flag|tag|label)\s+(?:it|them|that|those)\s+(?:as\s+)?[\"“'‘](?P<name>[^\"”'’\n]{1,30})[\"”'’]",
    re.I,
)


def lone_flag(text: str) -> Candidate | None:
    names = [m for pattern in (_ZH, _EN) for m in pattern.finditer(text)]
    if len({m.group("name").strip() for m in names}) != 1:
        return None
    m = names[0]
    return Candidate([m.group("name").strip()], m.group(0), m.start("name"), m.end("name"), "quoted")
