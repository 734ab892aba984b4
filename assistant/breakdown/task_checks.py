"""Questions that check what an item did, not what the task is.

"I need each bot reply checked: is it accurate (yes/no), is it polite (yes/no), and did it hand off to a
human when it should have?" asks whether the bot handed off: the routing verb names one point of a check
of the bot's replies, not a routing of the items. The same in Chinese: "机器人有没有及时转人工", "客服是否已转给
对应部门". Such a question is an aside for `task_signals`: its cue counts at a fraction of its weight, so
the check is never read as intent classification with confidence.

Not a check: a decision to make for each item ("should it be handed off?", "是否需要转人工", "route each
ticket to the right team"); those stay routing.
"""

from __future__ import annotations

import re

__all__ = ["check_spans"]

_WHO = r"(?:it|they|he|she|the\s+(?:bot|chatbot|agent|assistant|model|rep|reply|response|answer|system|operator|driver|staff|nurse|clerk))"
_CHECK = re.compile(
    # "did it hand off to a human", "has the agent escalated it": what was done, asked of the item
    rf"\b(?:did|has|have|had)\s+{_WHO}\s+(?:\w+\s+){{0,2}}?(?:hand(?:ed)?\s+(?:it\s+|them\s+)?off|rout(?:e|ed)|escalat(?:e|ed)|transfer(?:red)?|forward(?:ed)?|dispatch(?:ed)?|assign(?:ed)?|pass(?:ed)?\s+(?:it\s+)?on)\b[^.;!?\n]{{0,50}}"
    # "was it handed off / routed / escalated"
    rf"|\b(?:was|were)\s+{_WHO}\s+(?:properly\s+|correctly\s+)?(?:handed|routed|escalated|transferred|forwarded|dispatched|assigned|passed)\b[^.;!?\n]{{0,40}}"
    # "有没有（及时）转人工", "是否已转给对应部门"
    r"|(?:有没有|有无|是否(?:已经?|有)?)(?:及时|正确|主动|按要求)?(?:转人工|转给|转到|转交|转接|分派|派单|升级)[^，。；;！？!?\n]{0,20}",
    re.I,
)


def check_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that ask whether an item did something (a point of a check)."""
    return [m.span() for m in _CHECK.finditer(text)]
