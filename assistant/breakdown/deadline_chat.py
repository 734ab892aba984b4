"""Chat shorthand around a deadline, rewritten in place (same length) so the deadline patterns read it.

- "by EOD next tue", "by COB Friday", "by EOW next week": the end-of-day word between "by" and the day is no part
  of the date; it is blanked out.
- "下周五 deadline", "下周二 EOD", "周三 ddl", "12.10 截止": a Chinese date followed by an English (or Chinese) deadline
  word says "by that day" like "下周五前"; the word becomes 前 and spaces.

Offsets survive (one character for one), so a fact's quote is still cut from the writer's own text.
"""

from __future__ import annotations

import re

__all__ = ["chat_deadline_cues"]

_EOD = r"EOD|COB|EOW|end of (?:the )?day|end of business|close of business"
_BY_EOD = re.compile(rf"(?<![A-Za-z])(?P<by>by|before|until|till|due)\s+(?P<eod>(?:{_EOD}))(?:\s*,)?(?=\s+(?:next|this|on|the|[A-Z]?[a-z]{{2,9}}day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|[A-Z][a-z]{{2}}\b|\d))", re.I)
_ZH_DAY = r"(?:下下?|这|本|上)?(?:周|星期|礼拜)[一二三四五六日天]|\d{1,2}[./月]\d{1,2}(?:日|号)?|(?:今|明|后)天|月底|周末"
_ZH_DAY_THEN_WORD = re.compile(rf"(?P<day>{_ZH_DAY})(?P<word>\s*(?:deadline|ddl|DDL|EOD|eod|Deadline|DEADLINE|due|COB|截止|截止日期?))(?![A-Za-z])")


def chat_deadline_cues(norm: str) -> str:
    """`norm` with the chat deadline shorthand above rewritten, one character for one."""
    out = list(norm)
    for m in _BY_EOD.finditer(norm):
        for index in range(m.start("eod"), m.end()):
            out[index] = " "
    for m in _ZH_DAY_THEN_WORD.finditer(norm):
        if "前" in norm[m.end("day") : m.end("day") + 1]:
            continue
        start = m.start("word")
        out[start] = "前"
        for index in range(start + 1, m.end("word")):
            out[index] = " "
    return "".join(out)
