"""Words of a request that are not the requester's own ask, and cues for tasks no named type covers.

A cue word in an example of the data ("Route 52" -> "Ruta 25"), in the definition of a scale point
("1 = wrong or misleading"), in a quoted string or in an earlier message quoted under a reply
("> How many alerts ...") or a remark given "for context" describes the data or the conversation, not the task. `task_signals` counts
such a cue at a fraction of its weight and never as an independent kind of evidence, so a word used in
passing cannot make a confident type.

`OTHER_CUES` are the asks of tasks the named types do not cover and which requesters often send:
checking a translation, checking a transcript (ASR, OCR, lyrics, subtitles) against its source,
finding duplicate records, normalising or cleaning data. They point to `other`.

`UNSETTLED` is the requester saying the task is not decided yet ("内部还没统一", "我也说不好标啥",
"we haven't agreed on what to label") or that two of their people want different tasks ("客服中心想按诉求
分，但水质科更想知道情绪", "sales wants X but support would rather Y"): the type is asked, whatever the cues.
"""

from __future__ import annotations

import re

__all__ = ["aside_spans", "in_aside", "blank_label_notes", "OTHER_CUES", "UNSETTLED", "ASIDE_WEIGHT"]

# how much a cue inside an aside counts, against the same cue in the requester's own words
ASIDE_WEIGHT = 0.5

# a line quoted from an earlier message of the thread ("> From: ...", "> How many ...")
_QUOTED_LINE = r"(?m)^[ \t]*>.*$"
# a quoted string: data, an example or a message, not the ask ("Route 52", “无效退款”)
_QUOTED = r"\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|「[^」\n]{1,80}」|(?<![A-Za-z])'[^'\n]{1,60}'(?![A-Za-z])"
# an example clause, up to the end of its sentence or bracket
_EXAMPLE = (
    r"(?:\be\.g\.|\beg\b|\bfor (?:example|instance|context)\b|\bsuch as\b|\blike when\b|\bfyi\b|\bbackground\s*[:：]|比如说?|例如|譬如|举个例子|像是|背景[:：])"
    r"[^.;!?。；！？\n)）]{0,80}"
)
# the definition of a point of a scale: "4 = all meaning preserved", "1分=完全不相关"
_SCALE_POINT = r"(?<![\w.])\d{1,2}\s*分?\s*(?:=|＝|:|：)\s*[^,;，；.。)）\n]{1,60}"


def aside_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that quote, exemplify or define rather than ask."""
    spans: list[tuple[int, int]] = []
    for pattern in (_QUOTED_LINE, _QUOTED, _EXAMPLE, _SCALE_POINT):
        spans.extend(match.span() for match in re.finditer(pattern, text, re.I))
    return spans


# a note in brackets right after a label's name ("投诉（器械坏了、卫生差、教练态度）", "other (e.g. a rude caller)")
_NOTE_AFTER = r"[ \t]*(?P<note>[（(][^()（）\n]{1,60}[)）])"


def blank_label_notes(text: str, labels: list[str] | None) -> str:
    """`text` with the notes in brackets written right after a named label blanked, positions kept.

    Such a note gives examples or the scope of one label ("投诉（器械坏了、卫生差、教练态度）"): its words say what
    the label covers, not what kind of task is asked, so they must not drive the task type ("态度" there is no
    sentiment task)."""
    names = sorted({label for label in labels or [] if len(label.strip()) >= 2}, key=len, reverse=True)
    if not names:
        return text
    out = list(text)
    for label in names:
        head = rf"(?<![A-Za-z]){re.escape(label)}(?![A-Za-z])" if label.isascii() else re.escape(label)
        for m in re.finditer(head + _NOTE_AFTER, text, re.I):
            start, end = m.span("note")
            out[start + 1 : end - 1] = " " * (end - start - 2)
    return "".join(out)


def in_aside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one of the aside spans."""
    return any(left <= start and end <= right for left, right in spans)


# (pattern, weight) for TaskType.other: work on the correctness of text a machine or a person produced from a
# source, or on the records themselves, rather than a label about what an item says
OTHER_CUES: list[tuple[str, float]] = [
    # translation quality: "评一下翻译质量", "译文准不准", "translations to check", "adequacy 1-4", "LQA"
    (
        r"(?:翻译|译文|译稿|机翻|机器翻译|译本)[^，。；！？\n]{0,10}(?:质量|准不准|对不对|准确(?:性|度)?|评估|评分|打分|检查|核对|审校|错误|错译|漏译)|"
        r"(?:误译|漏译|错译)|\bLQA\b|"
        r"\b(?:translations?|locali[sz]ations?|machine[- ]translat\w+|MT output)\s+(?:quality|QA|review|accuracy|errors?|checks?|checking)\b|"
        r"\b(?:adequacy|fluency)\b|\btranslations?\s+(?:to|that need to|we need to|you need to)\s+(?:be\s+)?(?:check|review|score|rate|grade|assess|evaluate)\w*|"
        r"\b(?:check|review|scor|rat|grad|evaluat|assess|verif)\w*\s+(?:the\s+|each\s+|every\s+|our\s+)?(?:\w+\s+){0,2}translations?\b",
        3.0,
    ),
    # a transcript checked against its audio or image: "识别出来的歌词有不少错", "听一下音频对一下文字",
    # "check the ASR output", "transcription accuracy", "OCR errors"
    (
        r"(?:语音识别|文字识别|识别出来|转写出来|转出来|OCR|ASR|听写)[^，。；！？\n]{0,10}(?:错|对不对|准不准|准确率|识别率|质量|核对|校对|检查|校验)|"
        r"(?:转写|转录|字幕|歌词)(?:的)?(?:准确率|质量|错误|错字|对不对|准不准)|"
        r"听[^，。；！？\n]{0,10}(?:音频|录音|原声|原唱|语音)[^，。；！？\n]{0,10}(?:对|核|校)[^，。；！？\n]{0,4}(?:文字|文本|字幕|歌词|转写)|"
        r"\b(?:ASR|OCR|speech[- ]to[- ]text|speech recognition|transcriptions?|auto[- ]?captions?|subtitles?)\s+(?:output\s+|text\s+)?(?:quality|accuracy|errors?|mistakes|checks?|checking|QA|review)\b|"
        r"\bword error rate\b|\bWER\b|"
        r"\b(?:check|verify|review|compare|proof)\w*\s+(?:the\s+|each\s+|every\s+)?(?:ASR|OCR|machine|auto(?:matic)?|automated|generated)[- ]?(?:\w+\s+)?(?:transcripts?|transcriptions?|output|text|captions?|subtitles?|lyrics)\b|"
        r"\blisten\w*\s+(?:to\s+)?(?:the\s+|each\s+)?(?:audio|recordings?|clips?|calls?|songs?)\b[^.;!?\n]{0,40}\b(?:compare|check|against|match|correct)\w*",
        3.0,
    ),
    # duplicate records: "会员系统里重复档案", "去重", "duplicate bib records", "dedupe"
    (
        # and linking each record to an entry of a code list: "医保要求对码，每一条要找到对应的医保药品编码"
        r"对码|找到?(?:它|其)?(?:的)?对应的?[^，。；！？\n]{0,8}(?:编码|代码|编号)|"
        r"(?<!已经)(?<!已)去重(?!后|过|了|之后)|查重|重复(?:档案|记录|条目|数据|客户|会员|商品|账号|账户|名录|建档)|合并重复|是不是同一(?:个人|家(?:公司|企业|店)?|条记录|个客户|个商品|个会员)|"
        r"\b(?:dedup\w*|de-dup\w*|duplicate (?:\w+ )?(?:records?|entries|accounts|listings|profiles|contacts|customers|patients|members)|merge (?:the )?(?:duplicates?|records)|entity resolution|record linkage|"
        r"(?:candidate|possible|potential|suspected)\s+(?:duplicate\s+)?(?:pairs|matches)|safe to merge|(?:should|can|could) (?:be )?merged)\b",
        3.0,
    ),
    # normalising and cleaning data: "名称标准化", "数据清洗", "normalise the addresses", "data cleaning"
    (
        r"归一化|(?:名称|地址|单位|格式|写法|数据)[^，。；！？\n]{0,4}(?:标准化|规范化|统一)|数据清洗|清洗数据|(?:数据|客户|会员|CRM|表格|名录)[^，。；！？\n]{0,4}清洗|"
        r"\b(?:(?:data|record)\s+(?:cleaning|cleansing|normali[sz]ation|hygiene)|clean(?:ing)?\s+up\s+(?:the\s+|our\s+)?(?:data|records|list|database|catalog(?:ue)?)|"
        r"(?:normali[sz]|standardi[sz])(?:e|es|ing|ation)\s+(?:the\s+|our\s+|all\s+)?(?:\w+\s+)?(?:names?|addresses|records|entries|spellings?|formats?|units|data))\b",
        3.0,
    ),
]

# the requester has not decided the task, or two of their people want different ones
UNSETTLED = (
    r"(?:说不好|不知道|不清楚|没想好|拿不准|定不下来)(?:要|该|应该)?(?:标|做|分)(?:啥|什么|哪些|哪种)|(?:具体)?怎么(?:弄|做|搞|标)[^，。；！？\n]{0,4}(?:也)?(?:不懂|不知道|不清楚)|给(?:个|一个|出|我们)?(?:方案|思路)|(?:标|做|分)(?:啥|什么|哪些)[^，。；！？\n]{0,8}(?:还没|没有?)(?:统一|定|想好|商量好|达成一致)|"
    r"(?:内部|我们|两边|几个部门)[^，。；！？\n]{0,4}(?:还没|没有?|意见不)(?:统一|一致|定下来|商量好)|建议一下|给(?:个|点|些)建议|看(?:看)?怎么(?:弄|做|搞|标)(?:比较)?合适|"
    r"(?:的意思|想|希望|要)[^。；！？\n]{2,40}(?:但是?|可是|不过|而)[^。；！？\n]{0,12}(?:那边|这边|部门|科|中心|组)[^。；！？\n]{0,4}(?:又|更|却|倒是?)(?:说)?(?:想|希望|要|关心|在意)|"
    r"\b(?:(?:we|they) (?:haven't|have not|can't|cannot|couldn't) (?:agreed|agree|decided|settled)|no consensus|not aligned|what would you (?:suggest|recommend)|"
    r"(?:your|any) (?:advice|recommendation)s?\b|advise us|you're the experts?|"
    r"\b(?:wants?|would like|asked for)\b[^.;!?\n]{3,60}\b(?:but|while|whereas)\b[^.;!?\n]{0,30}"
    r"\b(?:team|department|dept|side|folks|people|manager|director|boss|ops|finance|sales|legal|marketing|product|support|management)s?\s+(?:\w+\s+)?"
    r"(?:wants?|would rather|prefers?|(?:is|are) more interested|cares? more|asked for)\b)"
)
