"""Why the work is done, read from the request's own words (issue 11, development sets 9 and 10).

Read, in this order (each quoting the request):

- a field of a form or a document that gives the reason: `Why?: Deciding whether…`, `Notes: we're retraining the bot…`,
  `Reason: app store review ask us…`, `Goal: Measure faithfulness…`, `目的：安全团队要训练…`, `用途：比价页…`,
  `背景：监管报送口径要求…`, `Comments | list maintenance before spring primaries`;
- a sentence that gives the reason: `Reason is we're deciding whether to raise slip fees`, `because …`,
  `We're looking at replacing the vendor`, `因为月底要上自动审核模型，得有训练数据`, `我们是要给各个窗口的承包商打分用的`,
  `做这个是要建电子处方库`, `要决定明年开春要不要…`, `作为是否切换的依据`.

Not the purpose: the ask itself, addressed to the labellers (`想让标注团队把评论过一遍`, `想让你们按话题分个类`), and what the
requester hopes the labellers do (`so we can check your quality`, `so we can see where they disagree`).
"""

from __future__ import annotations

import re

__all__ = ["read_purpose", "setting_purpose", "not_a_purpose"]

_FIELD = re.compile(
    r"(?im)^[ \t>|*-]*(?:\d{1,2}[.)、][ \t]*)?(?:\*\*)?(?P<key>目的|用途|目标|原因|为什么|为啥|背景|why\??|reason|purpose|goal|background|problem|notes?|comments?|context)"
    r"(?:\*\*)?[ \t]*[:：|][ \t]*(?:\*\*)?[ \t]*(?P<goal>[^\n]{4,240})$"
)
# a notes or comments field gives the reason only when it says why ("we're retraining the bot", "before spring primaries")
_WHY_WORDS = re.compile(
    r"\b(?:we(?:'re| are)|we want|we need|because|so (?:that )?we|before|retrain\w*|train\w*|decid\w*|replac\w*|improv\w*|launch\w*|maintenance)\b|"
    r"为了|因为|要求|需要|想|用于|用来|训练|决定|评估|统计",
    re.I,
)
_SENTENCE_CUES = (
    # English
    # "label the calls by reason: refill, billing, other" names the dimension sorted by, not the reason for the work
    r"(?<!\bby\s)(?<!\bby\sthe\s)(?<!\bby\stheir\s)\b(?:the\s+)?reason(?:\s+is|\s+being|:)\s+",
    r"\bbecause\s+(?=\w+\s+\w+)",
    r"\b(?:we(?:'re| are)|i'm|i am)\s+(?=(?:deciding|trying to decide|looking at|asking (?!for\b)|planning|about to|retraining|training|piloting|replacing|evaluating whether)\b)",
    r"\b(?=deciding whether\b)",
    r"\b(?=board votes on\b)",
    # Chinese
    r"因为(?=[^，。！？\n]{4,})",
    r"(?:我们|这个|做这个)(?:是|主要是)?(?=(?:要|为了|想)[^。！？\n]{4,60}?(?:用的|的)(?:[，。！？\n]|$))",
    r"做这个是(?=要|为了)",
    r"(?:目的|用途)是",
    r"(?=要决定)",
    r"(?=决定[^，。！？\n]{0,12}(?:是否|要不要))",
    r"(?=作为[^，。！？\n]{2,16}(?:依据|参考))",
)
_SENTENCE_CUE = re.compile("|".join(f"(?:{cue})" for cue in _SENTENCE_CUES), re.I)
# the reason stated in the words themselves: "我们想做个自动分流，所以要标意图", "to train our routing model",
# "before we go live for spring registration", "后面训练抽取模型，替代人工录入"
_REASON_FORMS = re.compile(
    r"(?P<g1>(?:我们|公司|老板|领导)?想[^，。！？\n]{3,24})[，,]\s*所以(?:要|需要|得|才)|"
    r"(?P<g2>(?:后面|以后|之后|准备|主要是?)?(?:拿来|用来)?训练[^，。！？\n]{1,16}模型(?:[，,][^，。！？\n]{2,16})?)|"
    r"\b(?P<g3>to (?:train|retrain|fine-tune|tune) (?:a |an |the |our )?[^,.;!?\n]{2,40}?\b(?:model|classifier|filter|bot|router)s?)\b|"
    r"(?P<g4>\bbefore we (?:open|go live|launch|renew|expand|roll out|ship|switch|decide)\b[^,.;!?\n]{0,60})",
    re.I,
)
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s|$)|[;；]")
# the ask to the labellers, or a hope about their work: not why the work is done
_TO_LABELLERS = re.compile(
    r"你们|标注(?:团队|组|同学|那边)|帮忙|过一遍|分个类|标一下|\byou(?:r)?\b|\b(?:your|their) (?:quality|work)\b|\bwhere they disagree\b|\bcheck (?:your|the) quality\b",
    re.I,
)


def not_a_purpose(goal: str) -> bool:
    """The words are the ask to the labellers or a hope about their work, not the reason for it."""
    return bool(_TO_LABELLERS.search(goal)) or len(goal.strip()) < 4


# a field that sets the scene rather than naming the reason
_SETTING = re.compile(r"(?i)背景|background|problem|notes?|comments?|context")
# "…at the budget hearing, that's January eighth, and we need this…": the reason ends before the next point
_EN_CLAUSE_END = re.compile(
    r",\s+(?:that's|and\s+(?:we|i)|which)\b|\s+so\s+(?:any\s*time|anytime|whenever)\b|[，,]\s*(?:一共|总共|共|大概|大约|约|数量|量是|量[:：])", re.I
)


def _clip(text: str, start: int, first_clause: bool = False) -> str:
    end = _SENTENCE_END.search(text, start)
    goal = text[start : end.start() if end else len(text)]
    cut = _EN_CLAUSE_END.search(goal)
    if cut:
        goal = goal[: cut.start()]
    if first_clause and len(goal) > 12:
        comma = min((i for i in (goal.find("，"), goal.find(", ")) if i > 8), default=-1)
        goal = goal[:comma] if comma > 0 else goal
    goal = goal.strip(" ，,：:—-*")
    if len(goal) > 160:
        cut = max(goal.rfind("，", 0, 160), goal.rfind(",", 0, 160))
        goal = goal[:cut] if cut > 20 else goal[:160]
    return goal


def read_purpose(text: str) -> tuple[str, str] | None:
    """The reason the request gives for the work, and the words it rests on."""
    fields = [m for m in _FIELD.finditer(text)]
    # a field named for the reason first; then a sentence that gives it (`setting_purpose` reads the other fields)
    for m in fields:
        goal = _clip(text, m.start("goal"))
        if not _SETTING.match(m.group("key")) and goal and not not_a_purpose(goal):
            return goal, goal
    found = [m for m in _SENTENCE_CUE.finditer(text)]
    forms = [m for m in _REASON_FORMS.finditer(text)]
    for m in forms:
        goal = next(g for g in m.groups() if g).strip(" ，,")
        if found and found[0].start() < m.start():
            break  # a cue that comes first wins
        if not not_a_purpose(goal):
            return goal, goal
    for m in _SENTENCE_CUE.finditer(text):
        # "we're deciding whether …", "I'm replacing …": the subject stays with the reason
        goal = _clip(text, m.start() if re.match(r"(?i)we(?:'re| are)|i'm|i am", m.group(0)) else m.end())
        if len(goal) >= 4 and not not_a_purpose(goal):
            return goal, text[m.start() : m.end() + len(goal)].strip() or goal
    return None


def setting_purpose(text: str) -> tuple[str, str] | None:
    """A background, problem or notes field whose first clause gives a reason ("背景：监管报送口径要求按…统计",
    "Notes: we're retraining the bot"), when nothing else does."""
    for m in _FIELD.finditer(text):
        if not _SETTING.match(m.group("key")):
            continue
        goal = _clip(text, m.start("goal"), first_clause=True)
        if goal and _WHY_WORDS.search(goal) and not not_a_purpose(goal):
            return goal, goal
        # "背景：明年要做服务质量考核，需要一个基线。": the reason word is in the sentence's second clause
        whole = _clip(text, m.start("goal"))
        if whole != goal and len(whole) <= 80 and _WHY_WORDS.search(whole) and not not_a_purpose(whole):
            return whole, whole
    return None
