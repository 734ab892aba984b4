"""Plain ways of asking for a task type that the weighted cues of task_signals.py miss.

- "Fields we need highlighted in the text: …", "要在文字里标出来的信息": things to find, named before a passive
  "highlighted / marked / pulled out" (ner);
- "check the transcripts against the audio", "转写稿对照录音核一遍": a transcript checked against its recording (other);
- "把点评汇总成一段周报", "对照原评论": a digest written from source items and checked against them (summaries);
- "a short description written for each one" of scanned photos: a description written per picture (image description);
- "which one the manager would rather read", "店长更愿意看哪个": a preference between two versions (response preference);
- "rated 1-5 (1 = terrible, 5 = best it's been)" over comments or reviews: a scale whose ends are feelings rates
  opinions (sentiment); a scale whose ends say accurate/complete rates something else;
- "a bot to sort the texts before a person sees them": sorting ahead of the person who answers is triage (intent);
- "a screening model in front of the text screen": messages screened before they go out (content safety);
- "sorted by topic so each one lands with the right volunteer": topics named as the sort, routing as the purpose;
  both readings fit, so the type is asked.
"""

from __future__ import annotations

import re

from assistant.core.models import TaskType

__all__ = ["PLAIN_CUES", "feeling_scale", "routed_topics"]

PLAIN_CUES: dict[TaskType, list[tuple[str, float]]] = {
    TaskType.ner: [
        (
            r"\b(?:fields?|details?|items?|things?|bits?|facts?|info(?:rmation)?|data points?|words?|phrases?)\s+(?:that\s+)?(?:we|I|you|they)?\s*"
            r"(?:need|want|would like|'d like|should be|must be|to be|have to be|are to be)?\s*(?:to\s+be\s+|them\s+)?"
            r"(?:highlighted|marked|underlined|tagged|extracted|pulled out|picked out|circled|boxed)\s+(?:in|from|within|inside)\b|"
            r"(?:在|从)[^，。；！？\n]{0,12}(?:文字|文本|原文|描述|内容|正文)(?:里|中)[^，。；！？\n]{0,6}(?:标出|划出|圈出|摘出|抽出)(?:来)?的?(?:信息|内容|字段|东西)",
            3.0,
        ),
    ],
    TaskType.other: [
        (
            r"\b(?:check|compare|verify|proof)\w*\s+(?:the\s+|each\s+|every\s+|our\s+|their\s+)?(?:\w+\s+)?(?:transcripts?|transcriptions?)\s+(?:against|with|to|versus|vs\.?)\s+(?:the\s+|its\s+|their\s+)?(?:original\s+)?(?:audio|recordings?|dictation|voice|tapes?|sound)\b|"
            r"\b(?:transcripts?|transcriptions?)\s+(?:against|versus|vs\.?)\s+(?:the\s+)?(?:audio|recordings?|dictation|voice)\b|"
            r"(?:转写稿?|转录稿?|听写稿|文字稿)[^，。；！？\n]{0,8}(?:对照|对着|比对|核对)[^，。；！？\n]{0,4}(?:录音|音频|原声|语音)|"
            r"(?:对照|对着|比对)(?:录音|音频|原声|语音)[^，。；！？\n]{0,8}(?:核对|校对|检查|改)[^，。；！？\n]{0,4}(?:转写|转录|文字稿|听写)",
            3.0,
        ),
    ],
    TaskType.summarization_quality: [
        (r"(?:汇总|总结|概括|浓缩|归纳|压缩)成(?:一|1)?(?:段|份|篇|条)(?:周报|日报|月报|简报|小结|摘要)|对照原(?:评论|点评|帖子?|留言|记录|稿|文章|材料|数据)", 3.0),
        (r"\b(?:turns?|condenses?|boils?\s+down|rolls?\s+up)\s+(?:\w+\s+){0,6}(?:into|to)\s+(?:a|one|the)\s+(?:short\s+|weekly\s+|daily\s+|one-page\s+)?(?:summary|digest|recap|round-?up)\b", 3.0),
    ],
    TaskType.image_description: [
        (
            r"\b(?:short\s+|brief\s+|factual\s+|plain\s+){0,3}(?:descriptions?|captions?|alt[- ]?text)\s+(?:\w+\s+){0,2}(?:written\s+|done\s+)?for\s+(?:each|every)\s+(?:one|photo|photograph|image|picture|scan|shot)\b",
            3.0,
        ),
    ],
    TaskType.intent_classification: [
        # "she wants a bot to sort the texts before a person sees them": sorting ahead of the person who answers is triage
        (
            r"\b(?:sort|sorts|sorting|triage|screen|route|tag|bucket)\s+(?:the\s+|our\s+|their\s+|incoming\s+)?(?:\w+\s+)?(?:texts?|messages?|emails?|calls?|enquiries|inquiries|requests?|tickets?)\s+"
            r"before\s+(?:a|any|the|our|one of (?:our|the))?\s*(?:person|human|staff|someone|agent|clerk|office|people|team)\s*(?:member\s+)?(?:sees?|reads?|looks?\s+at|picks?\s+(?:it|them)\s+up|answers?)\b|"
            r"(?:在|赶在)(?:人工|客服|同事|工作人员)(?:看到|处理|回复)之前[^，。；！？\n]{0,6}(?:分好|分流|分类|分一下)",
            3.0,
        ),
    ],
    TaskType.content_safety: [
        # "a screening model in front of the text screen": messages screened before they are read out or shown
        (r"\bscreening\s+(?:model|tool|filter|system|step|bot)\b|\b(?:defamatory|defamation|libell?ous)\b|(?:播出|上墙|念出来|发出去)之前[^，。；！？\n]{0,8}(?:筛|过滤|审)", 3.0),
    ],
    TaskType.response_preference: [
        (
            r"\bwhich\s+(?:one|version|of\s+the\s+two)\s+(?:\w+\s+){0,4}(?:would|'d)\s+(?:rather|prefer\s+to)\s+(?:read|use|get|have|see|receive)\b|"
            r"(?:更愿意|更喜欢|更想)(?:看|读|用|收到)哪(?:个|份|版|一版|一个|种)",
            3.0,
        ),
    ],
}

# the data are opinions; the ends of the scale are feelings about the thing discussed
_OPINION_ITEMS = re.compile(r"\b(?:comments?|reviews?|feedback|opinions?|responses?|replies|survey answers)\b|点评|评价|评论|留言|反馈|意见", re.I)
_FEELING_END = re.compile(
    r"(?<![\w.])\d{1,2}\s*分?\s*(?:=|＝|:|：|is|means)\s*(?:very\s+|really\s+|totally\s+)?"
    r"(?:terrible|awful|horrible|dreadful|hate[ds]?\b|love[ds]?\b|angry|furious|delighted|thrilled|unhappy|happy|miserable|worst|best|great|brilliant|poor|bad|excellent|"
    r"很差|极差|非常差|很好|非常好|最好|最差|糟糕|满意|不满意|生气|开心|喜欢|讨厌)",
    re.I,
)
_ACCURACY_END = re.compile(r"accura|correct|faithful|complete|relevan|准|对|全|相关|完整|忠实", re.I)


def feeling_scale(text: str, labels: list[str] | None) -> bool:
    """A numeric scale over opinions whose defined ends are feelings ("1 = terrible, 5 = best it's been")."""
    if not labels or not all(re.fullmatch(r"\d{1,2}", label) for label in labels) or not _OPINION_ITEMS.search(text):
        return False
    ends = list(_FEELING_END.finditer(text))
    return len(ends) >= 2 and not any(_ACCURACY_END.search(m.group(0)) for m in ends)


_BY_TOPIC = re.compile(r"\b(?:by|into)\s+(?:topic|subject|theme)s?\b|按(?:主题|话题|题材)", re.I)
_ROUTED = re.compile(
    r"\b(?:lands?|goes|go|gets?|ends?\s+up|reach(?:es)?)\s+(?:with|to|in\s+front\s+of)\s+(?:the\s+)?(?:right|correct|relevant|appropriate)\s+\w+|"
    r"(?:分给|转给|交给|派给|分到|转到)(?:对应|相应|负责)的?(?:人|同事|志愿者|部门|小组|组)",
    re.I,
)


def routed_topics(text: str) -> bool:
    """Sorted by topic for the sake of routing each item to the right person: topic and intent both fit."""
    for sentence in re.split(r"(?<=[.!?。！？\n])", text):
        if _BY_TOPIC.search(sentence) and _ROUTED.search(sentence):
            return True
    return False
