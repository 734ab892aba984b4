"""Reasons said in passing, read when purpose.py, the wish cues and purpose_more.py find none (issue 11, sets 19-21).

Busy people give the reason in half a clause, next to the ask or the deadline:

- English: a "so" clause about the requester's side (`… tagged so we can train the auto-router`, `so the ops team can
  see which sites get complaints`, `point is so judges only get projects in their track`), somebody who wants the
  results for something (`CS lead wants it for the QBR`, `partners want it for the Monday pipeline review`), somebody
  who needs them (`invoicing needs it`, `steering committee needs a go/no-go`), and a "for the …" after the ask (`Need
  intent labels on chat openers for the new router`);
- Chinese: what the data is given to (`给新的问答机器人做训练`, `给机审模型当训练数据`, `给 bot 分流`, `要给 VP 汇报`), what
  needs it (`年度复盘要用`, `Q4 检查前要用`), what the requester will do with it (`我们要排明年的栏目计划`,
  `想把老人入住评估表电子化`, `想拿这个给课程运营排优先级`).

Never the purpose: the ask to the labellers (`so we can check your quality`, `给我们标一下`), and when or how much
(`so we can have it by Friday`, `要用 3 个人`).
"""

from __future__ import annotations

import re

from assistant.breakdown.purpose import not_a_purpose
from assistant.breakdown.purpose_wishes import not_a_reason

__all__ = ["passing_reason", "when_or_how_much"]

_WHO = r"(?:we|i|they|(?:the|our|my)\s+[a-z][\w&-]*(?:\s+[a-z][\w&-]*){0,3}?|[a-z][\w&-]*s)"
_EN_CUES = (
    # "… so we can train the auto-router", "so the ops team can see …", "so judges only get …", "so we have something …"
    rf"\bso\s+(?:that\s+)?(?P<goal>{_WHO}\s+(?:can|could|will|'ll|have|get|know|only|don'?t|do\s+not|are\s+able|won'?t)\b[^\n]{{3,}})",
    # "CS lead wants it for the QBR", "partners want it for the Monday pipeline review"
    r"(?:^|[,;(]\s*|[.!?]\s+|\s-\s)(?P<goal>(?!(?:we|i|you|u|it|this|that|each|every|pls|please)\b)[a-z][\w&/-]*(?:\s+[a-z][\w&/-]*){0,3}?\s+"
    r"(?:wants?|needs?)\s+(?:it|this|them|these|those|the\s+(?:data|numbers|results?|labels|report)|an?\s+[\w-]+(?:\s+[\w-]+){0,3}?)\s+(?:for|before)\s+[^\n]{3,})",
    # "invoicing needs it", "steering committee needs a go/no-go", "legal needs the numbers"
    r"(?:[,;(]\s*|[.!?]\s+|^)(?P<goal>(?!(?:we|i|you|u|it|this|that|each|every|one|pls|please|no|who)\b)[a-z][\w&/-]*(?:\s+[a-z][\w&/-]*){0,2}?\s+"
    r"needs?\s+(?:it|this|them|the\s+(?:data|numbers|results?|report)|an?\s+(?:go/no-?go|decision|answer|baseline|number))\b[^\n]{0,60})",
    # "Need intent labels on support chat openers for the new router"
    r"\b(?:labels?|tags?|annotations?|ratings?|scores?|data)\b[^\n.;]{0,60}?\s(?P<goal>for\s+(?:the|our)\s+(?:new\s+)?[\w-]+(?:\s+[\w-]+){0,2}?\s*"
    r"(?:router|routing|bot|chatbot|model|classifier|filter|dashboard|report|review|launch|migration|audit))\b",
)
_ZH_CUES = (
    # 给新的问答机器人做训练, 给机审模型当训练数据, 给 bot 分流, 要给 VP 汇报, 给收房系统批量建档
    r"(?P<goal>(?:要|是|想)?给(?!我们|你们|我|你|他们|这)[^，。；！？\n]{1,16}?(?:做训练|当训练(?:数据|集|语料)?|做训练(?:数据|集)|训练用|分流|做分流|汇报|做汇报|审稿|建档|做参考|当参考|做依据|当依据))",
    # 年度复盘要用, Q4 检查前要用, 下周评审会要用
    r"(?:^|(?<=[，,。；;！？!?\n]))[ \t]*(?P<goal>[^，,。；;！？!?\n]{2,16}?(?:要用|要看|需要用|要审稿?|要汇报|要复盘|要评审|要上线[^，,。；;！？!?\n]{0,12}))(?:的)?(?=[，,。；;！？!?\s]|$)",
    # 我们要排明年的栏目计划, 我们那周要做模型回归: the requester's own next step
    r"(?:^|(?<=[，,。；;！？!?\s]))(?P<goal>我们(?:那周|下周|之后|后面|年底|明年)?要(?=(?:排|做|上|出|开|定|选|改|换|评|比|发|写|办|交|报))[^，。；！？\n]{3,24})",
    # 想把老人入住评估表电子化, 想拿这个给课程运营排优先级
    r"(?P<goal>想把[^，。；！？\n]{2,20}?(?:电子化|数字化|自动化|线上化|系统化|标准化))",
    r"(?P<goal>(?:我们)?想(?:做|搞|上)[^，。；！？\n]{2,16}?(?:分流|自动化|电子化|数字化|推荐|质检|预警|风控))",
    r"想拿(?:这个|这些|这批|它们?)(?P<goal>[^，。；！？\n]{4,40})",
)
# an English cue's reason runs to the clause's end; a Chinese cue's reason is what the cue matched
_PATTERNS = [(re.compile(cue, re.I | re.M), True) for cue in _EN_CUES] + [(re.compile(cue, re.M), False) for cue in _ZH_CUES]

# the ask, or the labellers' side: "so we can check your quality", "so you can start", "给我们标一下"
_ASK = re.compile(
    r"标注|标一下|打标|分类|归类|过一遍|\byou\b|\byour\b|\bu\b|\b(?:label|tag|annotat|classif|rat|grad|scor)(?:e|es|ed|ing|s|led|ling|ged|ging)?\b",
    re.I,
)
# when or how much: "so we can have it by Friday", "要用3个人", "so we get 2,000 of them"
_WHEN_OR_FIGURE = re.compile(
    r"\b(?:by|before|until|till)\s+(?:mon|tue|wed|thu|fri|sat|sun|next|the\s+\d|\d|end|eod|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"\b(?:asap|on\s+time|in\s+time)\b|\d+\s*(?:个人|人|条|张|对|份|items?|rows?|people)|\b\d[\d,]*\s*(?:of\s+them)?$",
    re.I,
)
_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)|\s\((?=[^)]*\d)|[，,](?=\s*(?:最晚|截止|deadline|pls|please|thx|thanks|所以|最好))", re.I)


def when_or_how_much(goal: str) -> bool:
    """The words after "so we can …" say when or how much ("have them by Friday", "要用3个人"), not why."""
    return bool(_WHEN_OR_FIGURE.search(goal))


def _clause(text: str, start: int) -> str:
    m = _END.search(text, start)
    goal = text[start : m.start() if m else len(text)]
    return goal.strip(" ，,：:—-*\t\"'“”")[:160]


def passing_reason(text: str) -> tuple[str, str] | None:
    """The reason said in passing (a "so" clause, "X wants it for …", 给…做训练, …要用), and the words it rests on."""
    hits = []
    for pattern, to_clause_end in _PATTERNS:
        for m in pattern.finditer(text):
            start = m.start("goal")
            goal = _clause(text, start) if to_clause_end else m.group("goal").strip()
            if len(goal) < 4 or not_a_purpose(goal) or _ASK.search(goal) or when_or_how_much(goal):
                continue
            if not_a_reason(text, start, goal, m.group(0)):
                continue
            hits.append((start, goal))
            break
    if not hits:
        return None
    _, goal = min(hits)
    return goal, goal
