"""Words a wish cue (`希望`, `we'd like to`, `for our …`) opens that are no reason for the work.

- when the work is done: `希望两周内完成`, `希望12/15前完成`, `希望元旦前出报告`, `尽快`, `we'd like to start in January`,
  `we want to get it done by the 18th`, `this would be ongoing` (a deadline or a cadence, read by the deadline readers);
- a figure of the work: `希望至少0.7`, `希望 6 人以上并行`, `希望3人标注`, `希望每条耗时控制在20秒左右`, `we hope to hit 0.8 or better`;
- whose data it is: `reviews for our banking app`, `summaries for our podcast app`, `For our search engine: …` (the
  product the data comes from, not why it is labelled). A product named as the work's aim stays a reason:
  `For a literature-review tool we need …`, `labelled data for our routing model`, `It's for our triage bot`.

The ask itself, opened by a wish cue (`we'd like to label our support calls`, `希望把这些留言分一下类`): the task sentence
is no reason. A reason written after the ask (`… to figure out why people call`, `…，以便排班`) is the purpose
(`reason_after_ask`).

Not touched: a reason that names a time of its own (`想在明年3月新店开业前把口碑摸清楚`, `before we launch in March`).
"""

from __future__ import annotations

import re

__all__ = ["not_a_reason", "reason_after_ask"]

# a reason word: the wish says why, whatever else it names
_REASON = re.compile(
    r"为了|因为|用于|用来|好让|以便|便于|训练|模型|决定|评估|考核|汇报|复盘|上线前|开业前|"
    r"\b(?:because|so (?:that|we|they)|train\w*|decid\w*|evaluat\w*|compar\w*|improv\w*|launch\w*|replac\w*|measur\w*|model|classifier)\b",
    re.I,
)
_ZH_TIME_WORD = r"[\d一二两三四五六七八九十]|周|月|年|号|日|天|元旦|春节|国庆|节|底|初|下|这|本|今|明|后"
# "两周内完成", "12/15前完成", "下周五之前能给到结果", "元旦前出报告", "12月20号前有个初版", "尽快", "越快越好"
_ZH_WHEN = re.compile(
    rf"^(?:能|可以|最好|尽量|在|于|赶在)?\s*(?:(?=[^，,。；;]{{0,14}}?(?:{_ZH_TIME_WORD}))[^，,。；;]{{1,14}}?(?:之前|以前|以内|之内|前|内|底)|尽快|越快越好|早点|快点)\s*"
    r"(?:能|可以|就|把(?:它|这些|数据|结果)?|全部|都)?\s*"
    r"(?:完成|交(?:付|货|稿|第一批|给我们|给我)?|搞定|做完|标完|弄完|结束|出(?:来|结果|报告|初版|数据)?|给(?:到)?(?:我们|我)?|(?:有|交|出)个?初版|拿到|返回|上线|做好|看到)?"
    r"(?:结果|数据|报告)?\s*(?:就行|就好|最好|吧)?[。！!~～]*$"
)
# "start in January", "get it done by the 18th", "have results back before Christmas", "finish within two weeks"
_EN_WHEN = re.compile(
    r"^(?:(?:be able to|please)\s+)?(?:get|have|receive|finish|complete|wrap\s+up|deliver|start|begin|kick\s+off|be\s+done|see|turn\s+(?:it|this|them)\s+around)"
    r"(?:\s+(?:it|this|them|that|everything|all\s+of\s+(?:it|them)|the\s+\w+|results?|labels|the\s+data))?"
    r"(?:\s+(?:done|back|ready|delivered|finished|labell?ed|completed|annotated|started))?"
    r"(?:\s+(?:by|before|within|in|on|no\s+later\s+than|around|ahead\s+of|asap|next|this|early|soon|as\s+soon\s+as|sometime|end\s+of)\b[^,.;!?\n]{0,40}|\s+asap)$"
    r"|^(?:this|it)\s+(?:would|will|is going to)\s+be\s+(?:ongoing|recurring|continuous|weekly|monthly|daily)\b",
    re.I,
)
# "至少0.7", "6 人以上并行", "每条耗时控制在20秒左右", "一致率八成以上", "hit 0.8", "at least 90%", "them to agree 80% of the time"
_FIGURE = re.compile(
    r"^(?:能|可以)?\s*(?:至少|最少|不低于|不少于|超过|达到|控制在|在|有)?\s*[\d.一二两三四五六七八九十百千万]+\s*(?:%|％|成|分|个人|人|名|位|条|秒钟?|分钟|小时|元|块)?\s*"
    r"(?:以上|以下|以内|左右|上下)?\s*(?:并行|同时(?:标|做)?|一起(?:标|做)?|来标|来做|参与|标注|来?标|来?做|来?评|来?审核?|背靠背)?[。！!]*$|"
    r"^(?:每(?:一)?(?:条|张|个|段|篇|份|句|组|对)|单条)[^，,。；;]{0,8}?(?:控制)?在?\s*[\d一二两三四五六七八九十半]+\s*(?:秒钟?|分钟|分|小时)(?:左右|以内|之内)?$|"
    r"^(?:[\u4e00-\u9fff]{1,6}?(?:率|度|准确率|一致性))(?:要)?(?:达到|在|有)?\s*[\d.一二两三四五六七八九十]+\s*(?:%|％|成)?\s*(?:以上|左右)?$|"
    r"^(?:reach|hit|get|be|stay|keep\s+it)?\s*(?:at\s+least|above|over|around|about|under|below)?\s*[\d.]+\s*(?:%|percent)?\s*(?:or\s+(?:better|higher|more|above))?$|"
    # "them to agree at least 80% of the time", "the two raters to agree on 85% of items", "both reviewers to hit 0.8 kappa"
    r"^(?:[a-z]+\s+){0,3}to\s+(?:agree|reach|hit|get)\b[^,.;!?]{0,30}?[\d.]+\s*(?:%|percent|kappa|alpha)?(?:\s+of\s+(?:the\s+time|items|cases|them))?$",
    re.I,
)
# "for our banking app" after the data it qualifies ("reviews for our banking app"): the product the data comes from
_AIM_BEFORE = re.compile(
    r"(?:^|[.;!?\n:：—–-]\s*|,\s*|\b(?:data|labels?|annotations?|dataset|training\s+set|examples|it'?s|it\s+is|this\s+is|that'?s|these\s+are|they'?re|all|need\w*|use[ds]?)\s+)$",
    re.I,
)


def not_a_reason(text: str, start: int, goal: str, cue: str) -> bool:
    """The words a wish cue opens at `start` in `text` name when or how much, or whose data: no reason for the work."""
    words = goal.strip(" ，,。.")
    if _REASON.search(words):
        return False
    if _ZH_WHEN.match(words) or _EN_WHEN.match(words) or _FIGURE.match(words):
        return True
    if re.match(r"(?i)for\s+(?:an?|our)\b", cue.strip()):
        before = text[max(0, start - 40) : start]
        if re.match(r"\s*[:：]", text[start + len(cue) : start + len(cue) + 3]) and re.search(r"(?:^|[.;!?\n])\s*$", before):
            return True  # "For our case-law search engine: for each query …": the scene, not the reason
        return not _AIM_BEFORE.search(before)
    return False


# the ask opening the words a wish cue opens: a labeling verb and its object ("label our support calls", "have the calls
# tagged", "把这些留言分一下类")
_ASK_EN = re.compile(
    r"^(?:(?:have|get)\s+(?:\w+\s+){0,5}?(?:labell?ed|tagged|sorted|classified|categori[sz]ed|annotated|coded|bucketed|reviewed|rated|graded|checked)\b|"
    r"(?:label|tag|sort|classify|categori[sz]e|annotate|code|bucket|mark\s+up|go\s+through|rate|grade|score)\b)",
    re.I,
)
_ASK_ZH = re.compile(r"^(?:把|将|对|给)?[^，。；！？]{0,24}?(?:标注|标一下|标下|打标|打个?标签|分一下类|分个类|分类|归类|分一下|过一遍)")
# where a reason begins after the ask: "… to figure out …", "… so we can …", "…，以便…", "…，为了…"
_REASON_AFTER = re.compile(
    r"\s(?:so\s+(?:that\s+)?|in\s+order\s+to\s+|to\s+(?!(?:the|a|an|our|their|each|every|one|two|three|us|you|them|it)\b))(?P<why>[^,.;!?\n]{6,})|"
    r"(?:为了|以便|好让|便于|用来|用于)(?P<why_zh>[^，。；！？\n]{3,})",
    re.I,
)


def reason_after_ask(goal: str) -> str | None:
    """`goal` when it gives a reason; the reason after the ask when it opens with the ask; None when it is only the ask.

    "label our support calls to figure out the main reasons people call" -> "figure out the main reasons people call";
    "label our support calls" -> None; "train our routing model" -> unchanged."""
    words = goal.strip(" ，,。.")
    if not (_ASK_EN.match(words) or _ASK_ZH.match(words)):
        return goal
    m = _REASON_AFTER.search(words)
    if m is None:
        return None
    return (m.group("why") or m.group("why_zh")).strip(" ，,")
