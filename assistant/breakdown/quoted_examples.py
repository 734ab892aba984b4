"""Counts inside a quoted example of the data or of the output are the example's, not the job's.

`counts where feasible ("approximately 12 storage tanks")`, `e.g. "we need 40 of these by Monday"`,
`比如“3箱苹果明天到”`: a quote offered as an example (in brackets, or after e.g. / like / such as / 比如 / 例如 /
像) holds the words of one item. A quoted count standing alone (`the sheet says "2,000 rows"`) is not an example.
"""

from __future__ import annotations

import re

__all__ = ["in_quoted_example"]

_QUOTED = re.compile(r"“[^”\n]*”|「[^」\n]*」|『[^』\n]*』|\"[^\"\n]*\"")
_EXAMPLE_BEFORE = re.compile(
    r"(?:[(（]|\b(?:e\.g\.?|eg|i\.e\.?|like|such as|for example|for instance|say)\b[,:]?|比如|例如|譬如|像是?|举个?例子?)\s*[:：]?\s*$",
    re.I,
)
_BRACKET_AFTER = re.compile(r"^\s*[)）]")


def in_quoted_example(text: str, start: int, end: int) -> bool:
    """The span [start, end) lies in a quote offered as an example, with more words than the count itself."""
    for m in _QUOTED.finditer(text):
        if m.start() < start and end <= m.end():
            if len(m.group(0)) - (end - start) <= 6 or len(m.group(0)) > 150:
                return False
            before = text[max(0, m.start() - 20) : m.start()]
            return bool(_EXAMPLE_BEFORE.search(before) or (re.search(r"[(（]\s*$", before) and _BRACKET_AFTER.match(text[m.end() :])))
    return False
