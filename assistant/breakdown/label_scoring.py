"""Stage 2 of the label-set reader: score each candidate list by its context and the shape of its items.

Framing words near it, parallel short items with no verbs or quantities, a count word that matches
("四类"), a trailing catch-all raise the score; lists after sources/languages/steps and spec keys
("数据：", "budget:") lower it. `label_rivals.best` picks the best candidate above `THRESHOLD`.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import _FRAME_STRONG_RE, _FRAME_WEAK_RE, _SPEC_RE, Candidate, clean_item
from assistant.breakdown.label_lines_en import EN_LINE_WORDS, strip_symbols, whole_line_en
from assistant.breakdown.label_zh import zh_adjust, zh_item_ok
from assistant.breakdown.label_lexicon import (
    CLAUSE_WORDS_EN,
    CLAUSE_WORDS_EN_WEAK,
    CLAUSE_WORDS_ZH,
    NOT_LABEL_HEADS,
    QUANTITY_IN_ITEM,
    has_cjk,
)

__all__ = ["PRIOR", "THRESHOLD", "prepare", "score"]

_NOT_LABEL_RE = re.compile(
    rf"(?:{NOT_LABEL_HEADS})(?:的)?\s*(?:[:：]|是|有|包括|包含|为|分别是|(?<![A-Za-z])(?:are|is|include|including|like|such as|e\.g\.)(?![A-Za-z]))?\s*(?:[\"“「『(（]\s*)?$"
    rf"|(?:{NOT_LABEL_HEADS})[^。.!?！？\n:：，]{{0,16}}[:：]\s*$",  # "Languages involved: …", "数据来源主要是："
    re.I,
)
_CLAUSE_ZH = re.compile(CLAUSE_WORDS_ZH)
_CLAUSE_EN = re.compile(CLAUSE_WORDS_EN, re.I)
_CLAUSE_EN_WEAK = re.compile(CLAUSE_WORDS_EN_WEAK, re.I)
_QTY_RE = re.compile(QUANTITY_IN_ITEM, re.I)
_COUNT_RE = re.compile(
    r"(?P<n>[一二两三四五六七八九十]{1,2}|\d{1,2})\s*(?:个|种)?(?:大类|类别|类|种|档|等级|等次|级|个标签|标签|选项|字段|项)"
    r"|\b(?P<en>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:categories|classes|labels|buckets|levels|grades|groups|types|options|tags|fields)\b"
    r"|\b(?:those|these|the)\s+(?:are\s+(?:the\s+|all\s+)?)?(?:only\s+)?(?P<en2>two|three|four|five|six|seven|eight|nine|ten)\b(?!\s+[a-z])",
    re.I,
)
_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "mark each review positive, …": a labeling verb and the item it labels right before the options
# "Please sort the tickets: A, B, …": a sorting verb, the items it sorts, then a colon
_VERB_THE = re.compile(r"(?<![A-Za-z])(?:sort|tag|label|mark|classify|group|bucket|split)\s+(?:the|our|all|these|those|my|all\s+the)\s+(?:[a-z]+\s+){0,2}[a-z]+\s*[:：]\s*$", re.I)
_VERB_EACH = re.compile(r"(?<![A-Za-z])(?:rate|grade|mark|tag|label|flag|score|classify)\s+(?:each|every)\s+(?!(?:that|which|who|whose|with|where|if|when|from|in|on|for|to|as|by)\b)[A-Za-z][\w-]*(?:\s+(?!(?:that|which|who|whose|with|where|if|when|from|in|on|for|to|as|by)\b)[A-Za-z][\w-]*)?\s*[:：]?\s*$", re.I)  # "mark each part: exact fit, …"
THRESHOLD = 3.0
_SHORT_VERDICTS = {"ok", "okay", "fine", "good", "bad", "yes", "no", "pass", "fail", "none", "n/a", "na"}
_ANSWER_HEAD = re.compile(r"\b(?:say|pick|choose|select|answer|rate|mark|grade|tick|put\s+it\s+as)\b[^\n.?!]{0,30}[:：][ \t]*\n\s*$", re.I)
TEAM_CHOOSES = re.compile(r"(?:标注员|标注人员|评测员|评估员|(?<![A-Za-z])(?:annotators?|raters?|reviewers?))\s*(?:需要|要|请|会|will|should)?\s*(?:选|选择|勾选|判断|打分|picks?|chooses?|selects?)\s*(?:一个|one)?\s*[:：]\s*$", re.I)
# "marked up - caller name, …", "mark up 1,500 of them with: patient name, …": the verb of marking, then the fields
_MARKED_UP = re.compile(
    r"(?<![A-Za-z])(?:marked|tagged|labell?ed|pulled|picked)\s+(?:up|out)\s*[-–—:]\s*$"
    r"|(?<![A-Za-z])(?:mark(?:ed)?\s+up|tag|label|annotate)\b[^.?!\n:]{0,30}?\bwith\s*[:：]\s*$",
    re.I,
)
# how much each way of finding a list is trusted before its context is read
PRIOR = {
    "bullets": 3.0, "backref": 4.0, "scale": 4.0, "framed": 3.0, "before_verb": 3.0, "pure_parenthesised": 3.0, "quoted": 2.5,
    "standalone": 2.5, "parenthesised": 2.5, "yes_no": 3.0, "mark_as": 3.0, "list_sentence": 2.0, "weak": 2.0,
    "lines": 1.0, "defined_lines": 1.0, "table": 3.0, "assigned": 4.0, "numbered": 1.0, "bounds": 3.0, "inline": 0.0, "binary": 2.0, "polar": 1.5, "slashed": 1.0, "degree": 1.0,
    "conditional": 3.0, "which_kind": 6.0, "spoken": 4.0, "fields": 4.0, "lettered": 2.5, "dimensions": 4.0, "slash_run": 3.0, "ba_list": 3.0, "named_points": 4.0,
    "coded": 6.0, "dictated": 4.0, "bracket_options": 2.5, "prose": 4.0, "rubric": 5.0, "revised": 4.0,
    "question_run": 5.0, "arrow_list": 3.0, "yes_no_then": 5.0, "list_then_case": 4.0, "answer_list": 3.0,
    "spoken_zh": 4.0, "pipe_line": 3.0, "flag_list": 6.0, "which_clauses": 5.0, "dictated_en": 7.0, "dictated_zh": 4.0, "dictated_reasons": 4.0,
    "pulled_fields": 4.0,
}


# -- stage 2: scoring --------------------------------------------------------------------------
def _count(text: str) -> int | None:
    m = _COUNT_RE.search(text)
    if not m:
        return None
    token = (m.group("n") or m.group("en") or m.group("en2")).lower()
    return int(token) if token.isdigit() else _NUM.get(token) if token in _NUM else (10 + _NUM.get(token[-1], 0) if token.startswith("十") else None)


def _shared_tail(labels: list[str]) -> str:
    """Words that two or more items end with ("left is better", "right is better"): a template, not prose."""
    tails = [" ".join(label.split()[1:]) for label in labels if len(label.split()) >= 2]
    common = [tail for tail in set(tails) if tails.count(tail) >= 2]
    return max(common, key=len) if common else ""


def _item_ok(label: str, labels: list[str], words_max: int = 4, zh_max: int = 8) -> bool:
    label = re.sub(r"(?<=\S)\s*[（(][^()（）]{1,20}[)）]$", "", label)  # "不安全（部分泄露）": the note that tells it apart is kept
    if all(re.fullmatch(r"[-+−]?\d{1,2}", other) for other in labels):
        return True  # "-2..+2": the steps of a signed scale
    tail = _shared_tail(labels)
    if tail and label.endswith(" " + tail) and len(label.split()) <= 4:
        label = label[: -len(tail) - 1]  # "left is better" is checked as "left"
    if re.fullmatch(r"one|two|three|four|five|six|seven|eight|nine|ten|一|两|二|三", label, re.I) and not all(other.isdigit() or re.fullmatch(r"one|two|three|four|five|six|seven|eight|nine|ten|一|两|二|三", other, re.I) for other in labels):
        return False  # "one labeling job or two": a count, not a class
    if re.fullmatch(r"e\.?g\.?|i\.?e\.?|etc\.?|vs\.?|等等|例如|比如|where|whether|what|which|who|when|how|why|哪里|什么|哪个", label.strip(), re.I):
        return False  # "…into the daily log, e.g. …", "the hazard and where it is": words of the sentence
    if re.fullmatch(r"(?i)w|w/o|b/c|c/o", label.strip()):
        return False  # "tagged w/ product area": with, not a name
    if label.isdigit() and not all(other.isdigit() for other in labels):
        return False  # "1、政策咨询": a list marker, not a label
    if re.match(r"(?:先|再|然后|最后|接着|首先|其次)(?=[\u4e00-\u9fff]{2})", label):
        return False  # "先抽样，再试标，最后正式标注": steps
    if re.match(r"(?:like|such\s+as|e\.g\.?|for\s+example|for\s+instance)\s+[a-z][\w'’-]*\s+[a-z]", label.strip(), re.I):
        return False  # "flag any answer that's unsafe, like telling someone to …": an example opens, no name
    if re.fullmatch(r"(?:neither|both)(?:\s+one|\s+of\s+them)?\s+(?:is|are)\s+(?:any\s+)?[A-Za-z]+", label.strip(), re.I) and len(labels) >= 3:
        return True  # "A, B, or neither is acceptable": the verdict on the pair is a name, not a clause of the sentence
    if len(labels) == 2 and label.casefold() in ("not", "不是", "没有"):
        return False  # "helpful or not" names one class; the binary reading gives "not helpful"
    if re.search(r"[A-Za-z]{3}(?:这种|这类|之类|那种|这些|[\u4e00-\u9fff]$)|[A-Za-z]{3}[用来吧的等]|^[\u4e00-\u9fff][A-Za-z]{3}", label) and not re.fullmatch(
        r"[A-Za-z]{2,5}[\u4e00-\u9fff]{2,6}|[\u4e00-\u9fff]{2,6}[A-Za-z]{2,5}", label
    ):
        return False  # "label用", "vanilla这种": a word of the sentence stuck to the item
    if has_cjk(label):
        if len(label) == 1 and sum(len(other) == 1 for other in labels) < 2 and not (label in "好差中高低优良对错是否有无真假" and any(label in other or re.fullmatch(r"优秀|良好|一般|中等|及格|较好|较差|很好|很差|还行|合格|不合格", other) for other in labels if other != label)):
            return False  # "来" left over from "找出来"; but 好 of "好、一般、不好" is a grade
        if "的" in label[1:-1] and len(label) > 4:
            return False
        pronoun_ok = len(label) <= 4 and re.search(r"我们|你们|他们", label) and not _CLAUSE_ZH.search(re.sub(r"我们|你们|他们", "", label))
        # "可以预约", "需要复诊", "无需处理": a triage option of a modal and one verb, like "can wait"
        modal_ok = re.fullmatch(r"(?:可以|需要|不需要|无需|不用|不必)(?P<verb>[\u4e00-\u9fff]{2})", label) and not re.search(r"一下|的话|看看|帮忙|提供|标注?", label[2:]) and not _CLAUSE_ZH.search(label[-2:])
        return zh_item_ok(label, zh_max) and (pronoun_ok or modal_ok or not _CLAUSE_ZH.search(label)) and not _QTY_RE.search(label)  # "骂我们的" names a kind
    label = re.sub(r"(?i)(?<=\w)\s+this\s+(?:week|weekend|month|morning|afternoon|evening)$", "", label)  # "needs food this week": the option's time
    words = [word for word in label.split() if word not in ("/", "&", "+")]  # "scam / phishing": a joiner is no word
    if words_max > 4:  # one option a line: an article is no word of its length ("arrange shipping / pickup of a found item")
        words = [word for word in words if word.casefold() not in ("a", "an", "the")] or words
        if re.search(r"\s(?:or|/)\s", label):  # "teacher ask private contact or private class": one option, two ways it shows
            words = max((part.split() for part in re.split(r"\s(?:or|/)\s", label)), key=len)
    # an intent named by its verb phrase ("get a permit", "need a refund") starts with the verb
    body = re.sub(r"^(?:get|have|do|need|want)\s+(?=[A-Za-z])", "", label, flags=re.I) if len(words) >= 2 else label
    body = re.sub(r"^(?:can|will|must|should|can['’]t|cannot|don['’]t|won['’]t)\s+(?=[A-Za-z]+$)", "", body, flags=re.I)  # "can wait", "will call back" as triage options
    body = re.sub(r"^(\w+)\s+it$", r"\1", body) if len(words) == 2 else body  # "love it", "hate it", "nailed it" name a reaction
    return 1 <= len(words) <= words_max and not _CLAUSE_EN.search(body) and not _CLAUSE_EN_WEAK.search(body) and not _QTY_RE.search(label)


def _words_max(candidate: Candidate) -> int:
    """One option a line: the line break delimits it, so an English name may run longer ("Faithful but missing key info");
    so do spaced slashes ("correct / small errors / wrong tooth or wrong treatment")."""
    # a spoken chain of options ("is it fine, or is it …, or …") delimits them by ", or": a name may run longer too
    return EN_LINE_WORDS if (candidate.kind == "lines" and "\n" in candidate.quote) or candidate.kind in ("spoken", "pipe_line", "dictated_en", "which_clauses", "slash_run") else 4


def _whole_line_under_colon(candidate: Candidate, text: str) -> bool:
    """A list that fills a line of its own under a line ending with a colon: the line holds only options, so a
    Chinese option may run longer ("有小错但不影响理解")."""
    if "\n" in candidate.quote.strip() or not candidate.labels:
        return False
    line_start = text.rfind("\n", 0, candidate.start) + 1
    line_end = text.find("\n", candidate.start)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : candidate.start].strip(" \t-*•·：:") or not re.search(r"[:：][ \t]*\n[ \t]*$", text[:line_start]):
        return False
    rest = re.sub(r"[（(][^()（）]*[)）]", "", text[_after_last(candidate, text) : line_end])  # "有严重错误（剂量、过敏史）"
    return not rest.strip(" \t。.；;")


def _after_last(candidate: Candidate, text: str) -> int:
    """Where the last label ends in the text ("提问来分": after 提问, so 来分 is read as a frame)."""
    named = [label for label in candidate.labels if label != candidate.other] or candidate.labels
    last = named[-1] if named else ""  # the catch-all after the list is not where the list ends ("反对来标，另外…标“无关”")
    at = text.rfind(last, candidate.start, candidate.end + 1) if last else -1
    return at + len(last) if at >= 0 else candidate.end


def score(candidate: Candidate, text: str) -> float:
    labels = candidate.labels
    if len(labels) < 2 or len(set(label.casefold() for label in labels)) < len(labels):
        return -99.0
    s = PRIOR.get(candidate.kind, 0.0)
    if candidate.continued:
        s += 1.0  # "Each one needs a category. The main ones are A, B and C. There's also D and E."
    sentence_start = max([text.rfind(c, 0, candidate.start) for c in "。.!?！？\n;；"] + [-1]) + 1
    before = text[max(sentence_start, candidate.start - 45) : candidate.start]
    line_list = candidate.kind in ("lines", "defined_lines", "numbered", "table", "bullets", "coded", "pipe_line") or whole_line_en(candidate.kind, candidate.quote, candidate.start, text)
    if line_list and re.search(r"\n[ \t]*$", text[: candidate.start]):
        head_line = text[: candidate.start].rstrip().rsplit("\n", 1)[-1]
        before = head_line[-45:]  # a list of lines is framed by the line above it ("想分一下类，方便统计：")
    near = text[max(0, candidate.start - 45) : candidate.start]
    if line_list and not has_cjk(candidate.quote) and re.search(r"[:：][ \t]*\n[ \t]*$", text[: candidate.start]):
        near = text[: candidate.start].rstrip().rsplit("\n", 1)[-1][-100:]  # "Can your team label a sample …? Roughly:"
    if _FRAME_STRONG_RE.search(before[-14:]) or _MARKED_UP.search(before):
        s += 3.0  # "need the transcripts marked up - caller name, callback number, …"
    elif _FRAME_STRONG_RE.search(before):
        s += 2.5
    elif _FRAME_STRONG_RE.search(text[_after_last(candidate, text) : _after_last(candidate, text) + 14]):
        s += 2.0  # "把A、B抽出来", "need A and B extracted"
    elif _FRAME_STRONG_RE.search(near):
        s += 1.5  # a framing line above a list
    elif re.search(r"(?<![A-Za-z])(?:into|as|marked|tagged|labell?ed|flagged|rated|graded|classed|coded|(?:and|then|just)\s+(?:say|answer|decide))\s*$|(?:分为|分成|标为|标成|(?<![\u4e00-\u9fff])打(?=[ \t]))\s*$", before, re.I) or _VERB_EACH.search(before) or _VERB_THE.search(before):
        s += 2.0  # "sort tickets into A, B, C"
    elif _FRAME_WEAK_RE.search(near) or _FRAME_WEAK_RE.search(text[candidate.end : candidate.end + 6]):
        s += 1.0
    if re.search(r"[:：]\s*$", before):
        s += 0.5
    if (line_list and candidate.kind != "bullets") and re.search(r"[:：]\s*\n\s*$", text[max(0, candidate.start - 80) : candidate.start]):
        s += 1.5  # "Highlight these wherever they appear:" / "按component打标：" above a bulleted list
    head = text[max(sentence_start, candidate.start - 30) : candidate.start]
    if _whole_line_under_colon(candidate, text):
        head = text[: candidate.start].rstrip().rsplit("\n", 1)[-1][-30:]  # "数据来源：\n微博、抖音": the line above governs the list
        if has_cjk(candidate.quote) and candidate.kind in ("inline", "standalone", "slashed") and not _NOT_LABEL_RE.search(head):
            s += 1.5  # "按下面四种判断：\n准确 / 小错 / 严重错误 / 遗漏": a line of options under a line ending with a colon
    # "标注员选：" names the options the team picks from; a question's answers are options whatever it asks about
    # ("菜谱步骤合不合理：合理、基本合理、不合理")
    if _NOT_LABEL_RE.search(head) and not TEAM_CHOOSES.search(head) and candidate.kind not in ("answer_list", "pulled_fields"):  # "pulled from the lease PDFs:" names the source, the fields follow
        s -= 4.0
    # "For each one please say:\n• fine as is\n• wrong": one answer a line under a line that asks for it
    answer_lines = line_list and bool(_ANSWER_HEAD.search(text[max(0, candidate.start - 120) : candidate.start]))
    named_kind = bool(candidate.kind in ("table", "numbered", "lettered", "assigned", "defined_lines", "slash_run", "coded", "dictated", "dictated_en", "prose", "rubric", "revised", "answer_list", "which_kind") or (candidate.kind == "quoted" and re.search(r"[\"“「『'‘【\[`]", candidate.quote)))
    if answer_lines or named_kind:
        # a table's name column holds names, whatever words they use ("Due date" is a field, not a clause);
        # so do names the requester put in quotes (“可以在家观察”)
        bad = sum(not (0 < len(label) <= 40 and len(label.split()) <= 5 and not _QTY_RE.search(label)) for label in labels)
        if answer_lines or candidate.kind in ("numbered", "quoted", "lettered", "defined_lines"):  # numbered lines may be steps or requirements: no verbs of the request's prose
            clauses = sum(bool((_CLAUSE_ZH if has_cjk(label) else _CLAUSE_EN).search(label)) for label in labels)
            bad += clauses if 2 * clauses >= len(labels) else 0  # one option may be a sentence ("条码打不出来，需要重打")
    if not answer_lines and not named_kind:
        zh_max = 12 if _whole_line_under_colon(candidate, text) else 8  # "请判断摘要：\n准确无误 / 有小错但不影响理解 / …"
        bad = sum(not _item_ok(label, labels, _words_max(candidate), zh_max) for label in labels) + _cut_short(candidate, text)
    elif answer_lines:
        # answer lines are judged the lenient way of the two ("Resolved but the caller repeated details" is six words)
        zh_max = 12 if _whole_line_under_colon(candidate, text) else 8
        bad = min(bad, sum(not _item_ok(label, labels, _words_max(candidate), zh_max) for label in labels) + _cut_short(candidate, text))
    s -= 3.0 * bad
    if candidate.kind not in ("table", "scale", "coded") and len(labels) - bad < 2:
        s -= 3.0  # fewer than two items look like labels: not a label list
    if bad == 0:
        s += 1.0
    lengths = [len(label) for label in labels]
    if len(labels) >= 3 and max(lengths) - min(lengths) <= 2:
        s += 0.5  # parallel items
    if len(labels) >= 3:
        # graded forms of one word (完全满足 / 部分满足 / 不满足): an item without the shared stem is an outlier
        tails = [label[-2:] for label in labels if len(label) >= 2]
        top_tail = max(set(tails), key=tails.count) if tails else ""
        common = tails.count(top_tail)
        outliers = [label for label in labels if label[-2:] != top_tail]
        if common == len(labels) - 1 and common >= 2 and all(has_cjk(o) != has_cjk(top_tail) for o in outliers):
            s -= 2.0  # "query" among 完全满足 / 部分满足: a word of the sentence in another script
        elif common == len(labels):
            s += 0.5
    if max(lengths) > 3 * max(1, min(lengths)) + 2 and not (len(labels) == 2 and min(labels, key=len).casefold() in _SHORT_VERDICTS):
        s -= 1.0  # "OK or needs fixing": a short verdict beside a longer one is no sign of a run-on item
    if sum(bool(_SPEC_RE.match(label)) for label in labels) >= 2:
        s -= 5.0
    count = _count(text[candidate.start : candidate.end + 10]) or _count(before[-12:])
    if count is not None:
        s += 2.0 if count == len(labels) else -1.0
    if candidate.other:
        s += 1.0
    if not has_cjk(candidate.quote) and re.match(r"[ \t]+(?:for|on|to)\s+(?:each|every)\b", text[_after_last(candidate, text) :], re.I):
        s += 1.5  # "Pass/Fail for each weld photo", "A, B or C for every review": options given per item
    if len(labels) >= 3 and re.search(r"(?:\bor\b|或者?|还是)\s*\S{1,30}$", candidate.quote, re.I):
        s += 0.5  # "A, B or C": the shape of a list of options
    if re.match(r"\s*[?？]", text[_after_last(candidate, text) :]) and re.search(r"还是|\bor\b", candidate.quote, re.I):
        s += 1.5  # "这个弹幕是正常发言、刷屏、还是人身攻击？": a choice question names its options
    if len(labels) >= 3 and all(label.isdigit() for label in labels) and [int(x) for x in labels] == list(range(int(labels[0]), int(labels[0]) + len(labels))):
        s += 1.5  # "0分、1分、2分或3分": consecutive values are a scale
    if all(re.fullmatch(r"[A-Za-z]{1,3}", label) for label in labels) and re.search(r"\d\s*$", text[max(0, candidate.start - 3) : candidate.start]):
        s -= 5.0  # "ALT 88 U/L", "60 km/h": a unit after a number, not options
    if any(re.search(r"\d", label) for label in labels) and 2 * sum(bool(re.search(r"\d", label)) for label in labels) >= len(labels) and re.search(
        r"(?:比如|例如|譬如|像是?|such as|e\.g\.|like|(?:turns?|shows?|comes?)\s+up\s+as|appears?\s+as|written\s+as)\s*[:：,，]?\s*[“\"「『]?$", text[max(0, candidate.start - 14) : candidate.start], re.I
    ) and not all(re.fullmatch(r"[-+]?\d+(?:\.\d+)?\s*(?:分|星|级|档)?", label) for label in labels):
        s -= 5.0  # "比如“血压 152/95 mmHg”、“ALT 88 U/L ↑”": examples of values in the data, not names for them
    s += zh_adjust(candidate, text)
    return s


def _trim_tail(candidate: Candidate) -> None:
    """A list ends where its items stop looking like labels ("…, returns, due friday")."""
    if candidate.kind in ("table", "numbered", "backref", "assigned", "defined_lines", "coded", "dictated", "dictated_en", "prose", "rubric", "revised", "answer_list", "which_kind") or (candidate.kind == "quoted" and re.search(r"[\"“「『'‘【\[`]", candidate.quote)):
        return  # names in quotes, cells, numbered lines or called "these fields" are the requester's own
    while len(candidate.labels) > 2 and not _item_ok(candidate.labels[-1], candidate.labels, _words_max(candidate)) and candidate.labels[-1] != candidate.other:
        candidate.labels.pop()


def _cut_short(candidate: Candidate, text: str) -> int:
    """English items other than the last that run on into more words ("label set is billing / …" read as "set")."""
    count, position = 0, candidate.start
    if candidate.kind in ("table", "bounds", "conditional", "fields", "coded", "dictated"):
        return 0  # a table cell is followed by the next cell, not by more words of the same label
    for label in candidate.labels[:-1]:
        if has_cjk(label) or label.isdigit():
            continue
        at = text.find(label, position, candidate.end + 1)
        if "\n" in candidate.quote:  # one name a line: the name opens its line ("different" of "different — …", not of "a different edition")
            head = re.compile(r"^[^\S\n]*(?:[-*•·+][^\S\n]*)?" + re.escape(label), re.M).search(text, position, candidate.end + 1)
            at = head.end() - len(label) if head else at
        if at < 0:
            continue
        position = at + len(label)
        following = text[position:]
        if re.match(r"[ \t]*[^\w\s]", following) and strip_symbols(following) != following.lstrip():
            following = "\n" + strip_symbols(following)  # "- Solved ✅\n- Handed to human 🙋": an emoji after the name ends it
        if re.match(r"\s*(?:→|->|[#,，、/|｜;；:：.?!()（）」』\]】}\"”'+&\n–—*_`-]|(?:or|and|vs\.?|versus|或|和)(?![A-Za-z])|$)", following) is None:
            count += 1
    return count


def prepare(candidates: list[Candidate], text: str) -> None:
    """Clean every candidate's names, drop trailing non-labels, and score each on its own."""
    for candidate in candidates:
        cleaned = [clean_item(label) or label for label in candidate.labels]
        # "不安全（部分泄露）" / "不安全（完全配合）": a note that tells two names apart stays
        candidate.labels = [label if cleaned.count(clean) > 1 and candidate.labels.count(label) == 1 else clean for label, clean in zip(candidate.labels, cleaned)]
        _trim_tail(candidate)
    for candidate in candidates:
        candidate.score = score(candidate, text)
