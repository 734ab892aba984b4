"""More ways people give the reason for the work, read when purpose.py and the wish cues find none.

English:
- a goal said outright: `The goal is to reduce refund fraud`, `Our aim here is …`, `The idea is to …`;
- a heading whose text is on the next line: `## Goal` / `**Why**` then `Decide if v2 is good enough to ship.`;
- what the data is for: `It's for our search team to improve recipe search`, `The labels will be used to …`;
- a want that is no ask: `We want them routed to the right team automatically`, `Want to try auto-extraction`,
  `We'd like a model to suggest the chapter`, `want to know if we can trust these summaries`;
- a reason clause: `since the new season catalogue is launching`, `as the audit is coming`,
  `before we turn it on for the whole site`.

Chinese:
- 想 + a verb of knowing, deciding or building: `想知道观众都在聊什么`, `想看看大家到底满不满意`, `想做个自动提醒的小工具`,
  `想训一个小模型…` (never `想让你们…`, `想请…标`, `想把…分类`: the ask itself);
- formal 为/拟 at a clause's start: `为改进排序`, `为决定明年采用哪个版本`, `拟引入智能分流`, `我部拟开发…功能`;
- `方便后面做版块推荐`, `这样老师能第一时间看到请假消息`, `给管委会年底述职报告用`, `要做个备注审核模型`,
  `要判断返回的商品能不能装到这台车上`, `准备上AI自动写图说`.

Never the purpose: the ask addressed to the labellers (`not_a_purpose`), when or how much (`not_a_reason`), a clause
that asks for labels (`想把评论分一下类`).
"""

from __future__ import annotations

import re

from assistant.breakdown.purpose import not_a_purpose
from assistant.breakdown.purpose_wishes import not_a_reason, reason_after_ask

__all__ = ["KNOWING", "more_purpose"]

_EN_CUES = (
    # "The goal is to …", "Our main aim here is …", "The idea is that …", "The point of this is to …"
    r"\b(?:the|our|my|main|whole)\s+(?:main\s+|end\s+|real\s+|overall\s+|business\s+)?(?:goal|aim|objective|idea|point|purpose|motivation)"
    r"(?:\s+(?:here|of\s+(?:this|the\s+\w+)))?\s+(?:is|was|would\s+be)\s+(?:to\s+|that\s+|basically\s+(?:to\s+)?)?(?P<goal>\w[^\n]{3,})",
    # "It's for our search team to improve recipe search", "This will be used to train …", "The data is needed for …"
    r"\b(?:it'?s|it\s+is|this\s+is|this\s+will\s+be|these\s+are|they'?re|the\s+(?:data|labels|annotations|results?)\s+(?:is|are|will\s+be))\s+"
    r"(?:(?:going\s+to\s+be\s+|to\s+be\s+|being\s+)?used\s+(?:for|to)\s+|needed\s+(?:for|to)\s+|(?=for\s+(?:our|the|a|an)\s+[\w -]{2,40}?\s+to\s+\w))(?P<goal>[^\n]{4,})",
    # "We want them routed …", "We'd like a model to suggest …", "We want the reviews to feed …"
    r"\b(?:we|i)(?:\s+(?:want|would\s+like|need)|'d\s+like)\s+(?P<goal>(?:them|it|these|those|a\s+model|an?\s+(?:ai|system|tool|bot|classifier)|the\s+(?:bot|model|system|router|tool))\s+(?!(?:by|before|within|in|on|at|for|asap|done|back|ready|soon|today|tomorrow|next|this|no|early|fast|quickly|delivered|finished|labell?ed|tagged|annotated|sorted|classified|checked|reviewed|rated|graded|as|to\s+be\s+(?:done|labell?ed|delivered|ready))\b)\w[^\n]{3,})",
    # "Want to try auto-extraction", "want to know if we can trust these summaries", "need to decide whether …"
    r"(?:^|[.!?;]\s+|\b(?!(?:you|u|ya)\b)[\w']+\s+)(?:wants?|wanna|needs?|hope|hopes|hoping|trying|would\s+like|'d\s+like)\s+to\s+"
    r"(?P<goal>(?:know|understand|see|find\s+out|figure\s+out|work\s+out|decide|check|try|test|measure|learn|compare|build|train|automate|"
    r"catch|reduce|cut|stop|spot|flag\s+up|get\s+a\s+(?:sense|feel|picture)|prove|show|report|track|quantify|benchmark|backtest|evaluate|assess)\b[^\n]{3,})",
    # "since the new season catalogue is launching", "as the audit is coming", "as we're moving to a new vendor"
    r"(?:^|[,;(]\s*|\s)(?:since|as)\s+(?P<goal>(?!(?:of|well|far|long|much|many|soon|early|late|possible|needed|usual|before|per|a\s+\w+\s+(?:list|set|csv))\b)"
    r"(?:the\s+|our\s+|we\s+|we're\s+|new\s+|an?\s+|this\s+)(?:[\w'-]+\s+){0,5}?(?:is|are|was|were|has|have|will|'re|'s)\s+[^\n]{3,})",
    # "before we turn it on for the whole site", "before the board relies on these summaries"
    r"\b(?P<goal>before\s+(?:we|the\s+\w+|they|our\s+\w+)\s+(?:turn|put|use|trust|rely|relies|let|release|publish|enable|start|roll|go|launch|ship|switch|decide|commit|sign|buy|adopt|allow|are\s+allowed|is\s+allowed)\b[^\n]{3,})",
    # "to backtest a rates-sentiment signal", "to check whether the number holds up" after a figure or the data
    r"(?:\d|\bdata|\bset|\blabels)\s+(?P<goal>to\s+(?:backtest|benchmark|check\s+whether|check\s+if|see\s+whether|see\s+if|find\s+out|decide|validate|calibrate|test\s+whether|test\s+if)\b[^\n]{3,})",
)
_PATTERNS = [re.compile(cue, re.I | re.M) for cue in _EN_CUES]

_ZH_CUES = (
    # 想 + knowing, deciding, building; never 想让/想请/想把…(分类)/想找人
    r"(?:^|(?<=[，,。；;！？!?\s]))(?:[^，。；！？\s不没别]{0,10}?)(?:主要|其实|就是)?(?:想|想要|希望|打算|准备|需要)"
    r"(?P<goal>(?:知道|了解|看看|看一下|看下|睇下|睇吓|抽检|搞清楚|弄清楚|摸清|摸一下|确认|决定|定下来|评估|比较|对比|验证|量化|统计|分析|(?:做|搞|搭|建)(?:个|一个|一套)?(?=[^，。；！？\n]{0,16}?(?:模型|系统|工具|功能|库|看板|报表|机器人|分类器|小程序|推荐|信息库|数据库))|训(?:练)?|上(?:线)?|引入|替换|换掉|优化|提升|改进|减少|降低|避免|试试|用(?:AI|模型|算法))"
    r"(?![，,？?：:])[^。；！？\n]{2,60})",
    # formal 为/拟 at a clause start: 为改进排序, 为决定…, 拟引入智能分流, 我部拟开发…
    r"(?:^|(?<=[，,。；;！？!?\s]))(?:现|特|我(?:部|局|院|处|科|中心|单位|司|公司|们)|本(?:部|局|院|处|单位))?"
    r"(?P<goal>(?:为(?!了)(?:建设|改进|决定|检验|方便|加强|提高|提升|推进|满足|配合|做好|落实|支撑|支持|评估|完善|规范|了解|掌握|摸清|便于|确保|保障|开展)|拟(?:引入|开发|建设|借助|上线|采用|推出|建立|开展|部署|试点|使用|搭建))[^。；！？\n]{2,60})",
    # 方便后面…, 这样老师能…, 以此为基础…
    r"(?:^|(?<=[，,。；;！？!?\s]))(?P<goal>(?:方便|便于)(?:后面|以后|之后|后续|我们|大家)?[^。；！？\n]{3,40}|这样(?:以后|后面)?[^，。；！？\n]{1,16}?(?:能|可以|就能|就可以|不会|就不会|才能)[^。；！？\n]{3,40}|以此为(?:基础|依据)[^。；！？\n]{2,40})",
    # 给…用 (年底述职报告用), 要做个…模型/系统/库/工具
    r"(?:^|(?<=[，,。；;！？!?\s]))(?P<goal>(?:是)?(?:给|供)[^，。；！？\n]{2,24}?用(?:的)?)(?=[，,。；;！？!?\s]|$)",
    r"(?:^|(?<=[，,。；;！？!?\s]))(?:我们)?(?:要|需要|得)(?P<goal>(?:做|搞|建|训)(?:个|一个|一套)?[^，。；！？\n]{1,20}?(?:模型|系统|工具|功能|库|数据库|看板|报表|报告|机器人|分类器|小程序))",
    # 要判断/决定 …能不能/是否/要不要/哪个
    r"(?:^|(?<=[，,。；;！？!?\s]))(?:我们|主要是?)?(?:要|需要|得)?(?P<goal>(?:决定|确定|搞清楚|弄清楚)[^，。；！？\n]{0,30}?(?:能不能|是否|要不要|行不行|哪个|哪家|哪一版|值不值)[^。；！？\n]{0,30})",
)
_PATTERNS += [re.compile(cue, re.M) for cue in _ZH_CUES]

# the ask to the labellers, in the reason's own words: "想把评论分一下类", "想找人标一下", "想请你们…"
_ASK = re.compile(
    r"^(?:让|请|找人|麻烦|把|将|对|给这|给我们|你们)|标注|标一下|标下|打标|打个?分|分类|归类|分一下|过一遍|抽出来|"
    r"分成|分为|\b(?:label|tag|annotat|classif|categori[sz]|sort|rat|grad|scor|mark)(?:e|es|ed|ing|s|led|ling|ged|ging|ies|ied|y)?\b",
    re.I,
)
# the heading of a document section whose text starts on the next line
_HEADING = re.compile(
    r"(?im)^[ \t]*(?:#{1,6}[ \t]*|\*\*)?(?:\d{1,2}[.)、][ \t]*)?(?:goal|goals|purpose|why|objective|motivation|目的|目标|用途|为什么)(?:\*\*)?[ \t]*[:：]?[ \t]*(?:\*\*)?[ \t]*$"
)
_END = re.compile(r"[。！？!?；;\n]|\.[\"”’']?(?=\s|$)")


def _clause_end(text: str, start: int) -> int:
    m = _END.search(text, start)
    return m.start() if m else len(text)


def _tidy(goal: str) -> str:
    goal = goal.strip(" ，,：:—-*\t")
    if len(goal) > 160:
        cut = max(goal.rfind("，", 0, 160), goal.rfind(",", 0, 160))
        goal = goal[:cut] if cut > 20 else goal[:160]
    return goal


# a clause break inside a sentence: a Chinese comma, a space between Chinese characters (chat and voice text), or an
# English comma before a new clause
_CLAUSE_BREAK = re.compile(r"[，,](?=\s*[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|,\s+(?=(?:and|but|so|which|please|pls|we|i|it|they|the\s+\w+\s+(?:is|are))\b)", re.I)


def _first_clause(goal: str) -> str:
    """The reason's own clause: a sentence often goes on to the ask ("拟借助机器辅助初审，现需贵方先…标注")."""
    for m in _CLAUSE_BREAK.finditer(goal):
        if m.start() >= 4:
            return goal[: m.start()].strip()
    return goal


def _reason(text: str, start: int, goal: str, cue: str) -> str | None:
    """`goal` when it is a reason; the reason after an ask inside it; None when it is the ask, a time or a figure."""
    goal = _first_clause(goal)
    if len(goal) < 4 or not_a_purpose(goal) or not_a_reason(text, start, goal, cue):
        return None
    if _ASK.search(goal):
        after = reason_after_ask(goal)
        return after if after and after != goal and len(after) >= 4 else None
    return goal


def _heading_purpose(text: str) -> tuple[str, str] | None:
    for m in _HEADING.finditer(text):
        rest = text[m.end() :].lstrip("\n \t")
        line = rest.split("\n", 1)[0].strip(" \t-*•>")
        if line and not re.match(r"^(?:#|\*\*|TBD|待定|N/?A\b)", line, re.I):
            goal = _tidy(line.rstrip("。."))
            if len(goal) >= 4 and not not_a_purpose(goal):
                return goal, line
    return None


# a wish to know, which may only be the question the labels answer ("We want to know if the tutor was: helpful, OK, …")
KNOWING = re.compile(r"(?:know|see|find\s+out|understand|learn)\b", re.I)


def more_purpose(text: str) -> tuple[str, str] | None:
    """The reason for the work in a form purpose.py and the wish cues do not read, and the words it rests on."""
    found = _heading_purpose(text)
    if found:
        return found
    hits = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start = m.start("goal")
            goal = _reason(text, start, _tidy(text[start : _clause_end(text, start)]), m.group(0))
            if goal and KNOWING.match(goal) and re.search(r"[:：]\s*[^:：]*(?:,|，|、|\bor\b|还是)", goal):
                continue  # "We want to know if the tutor was: helpful, OK, or not helpful": the question the labels answer
            if goal:
                hits.append((m.start(), goal, text[m.start() : _clause_end(text, start)].strip()))
                break
    if not hits:
        return None
    _, goal, quote = min(hits)
    return goal, quote
