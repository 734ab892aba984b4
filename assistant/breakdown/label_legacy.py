"""The first grammar of label lists: framed enumerations, scales, quoted runs, bullets, parentheses.

Each finder returns a `LabelSet` or None; `legacy_candidates` turns them into `Candidate`s to be
scored with the other finders' candidates (see `label_candidates`).
"""

from __future__ import annotations

import re

from assistant.breakdown.extract import parse_cn_number, parse_en_number
from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_grammar import (
    LabelSet,
    _BEFORE_VERB_EN,
    _BEFORE_VERB_ZH,
    _BULLET,
    _COLON_LIST,
    _COUNT,
    _EN_COUNT_NOUN,
    _EN_NUMWORD,
    _FRAME_RE,
    _NOT_LABELS_BEFORE,
    _QUOTES,
    _SCALE_CUE,
    _SCALE_RE,
    _SENTENCE_END,
    _SLASH_RUN,
    _WEAK_FRAME_RE,
    _YES_NO,
    _ZH_COUNT_NOUN,
    _clean_item,
    _count_word,
    _has_cjk,
    _ordinal,
    _plausible,
    in_sentence,
    split_enumeration,
)

__all__ = ["LEGACY_KINDS", "legacy_candidates"]

_POINT_SCALE = re.compile(r"\b(?P<n>two|three|four|five|six|seven|ten|\d{1,2})[- ]point\s+(?:likert\s+)?scale\b|(?P<zh>[二三四五六七八九十\d]{1,2})\s*分制", re.I)


def _scale(text: str) -> LabelSet | None:
    m = _POINT_SCALE.search(text)
    if m:
        token = m.group("n") or m.group("zh")
        value = int(token) if token.isdigit() else (parse_cn_number(token) if _has_cjk(token) else parse_en_number(token))
        if value and 2 <= int(value) <= 10:
            return LabelSet([str(n) for n in range(1, int(value) + 1)], m.group(0), ordinal=True)
    named = _named_range(text)
    if named is not None:
        return named
    for m in _SCALE_RE.finditer(text):
        a, b = int(m.group("a").replace("−", "-")), int(m.group("b"))
        if not -5 <= a < b or b - a > 10 or (a < 0 and not _SCALE_CUE.search(text[max(0, m.start() - 45) : m.end() + 15])):
            continue
        window = text[max(0, m.start() - 45) : m.end() + 15]
        # "faithfulness 1-5, readability 1-5": the same range given to two named dimensions is a scale
        repeated = len(re.findall(rf"(?<![A-Za-z0-9_.-]){re.escape(m.group('a'))}\s*[-–—~～]\s*{re.escape(m.group('b'))}(?!\d)", text)) >= 2
        # 'a 1-5 "educational value" score': the score's name, quoted, between the range and its cue
        named_score = re.match(r"\s*[\"“'‘][^\"”'’\n]{1,40}[\"”'’]\s*(?:score|rating|scale|grade)\b", text[m.end() :], re.I)
        if not (m.group("unit") or m.group("star") or _SCALE_CUE.search(window) or repeated or named_score):
            continue
        if re.search(r"[$¥€£%]|元|万|千|月|日|号|周|天|点钟|岁", text[m.start() : m.end() + 2]) or re.search(r"[$¥€£]\s*$", text[: m.start()]):
            continue
        if re.match(r"\s*(?:[句条个张次篇段字词行页人项处遍轮秒]|(?:sentences?|words?|lines?|items?|times|pages?|paragraphs?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|entries|people|persons)\b|分钟|小时)", text[m.end() :], re.I):
            continue  # "每张2~3句", "2-3 sentences each", "3-4 min per entry": a length, a time or a count, not a scale
        if text[m.end() : m.end() + 1] == "钟":
            continue  # "一份要3~5分钟": 分 of 分钟 is minutes, not points
        count = _count_word(text[m.end() : m.end() + 8])
        if count is not None and count != b - a + 1:
            continue
        end = m.end()
        tail = re.match(rf"\s*{_COUNT}\s*{_ZH_COUNT_NOUN}", text[end:])
        if tail:
            end += tail.end()
        labels = [f"+{n}" if a < 0 < n else str(n) for n in range(a, b + 1)]  # "-2..+2" -> -2, -1, 0, +1, +2
        return LabelSet(labels, text[m.start() : end].strip(), ordinal=True)
    return None


_CN_DIGITS = "一二三四五六七八九十"
# "一星到五星", "一级至四级": both ends spelled with the same name, each step is a label
_NAMED_RANGE = re.compile(rf"(?P<a>[{_CN_DIGITS}])(?P<unit>[\u4e00-\u9fff]{{1,2}}?)\s*(?:到|至|~|～|-|–|—)\s*(?P<b>[{_CN_DIGITS}])(?P=unit)")


def _named_range(text: str) -> LabelSet | None:
    for m in _NAMED_RANGE.finditer(text):
        a, b = _CN_DIGITS.index(m.group("a")), _CN_DIGITS.index(m.group("b"))
        if a < b and b - a <= 9 and not re.match(r"[个条次天周月年岁人篇份分]", m.group("unit")):
            return LabelSet([f"{_CN_DIGITS[n]}{m.group('unit')}" for n in range(a, b + 1)], m.group(0), ordinal=True)
    return None


def _bullets(text: str) -> LabelSet | None:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not re.search(r"[:：]\s*$", line) or not re.search(r"标签|类别|分类|选项|分成|分为|label|categor|class|option|tag|bucket", line, re.I):
            continue
        items, quoted = [], []
        for follow in lines[index + 1 :]:
            m = _BULLET.match(follow)
            if not m:
                if follow.strip():
                    break
                continue
            name = re.split(r"\s*(?:[:：]|\s[-–—]\s|（|\()", m.group("item"), maxsplit=1)[0]
            name = name.strip(_QUOTES)
            if not _plausible(name):
                break
            items.append(name)
            quoted.append(follow.strip())
        if len(items) >= 2:
            return LabelSet(items, "\n".join([line.strip(), *quoted]), ordinal=_ordinal(items, line))
    return None


def _quoted_run(text: str) -> LabelSet | None:
    """Two or more quoted short names joined by separators, in a sentence about labels."""
    pattern = re.compile(
        r"(?P<run>(?:[\"“「『'‘][^\"”」』'’\n]{1,24}[\"”」』'’]\s*(?:,|，|、|/|or|and|或|和|及)?\s*){2,})", re.I
    )
    for m in pattern.finditer(text):
        names = re.findall(r"[\"“「『'‘]([^\"”」』'’\n]{1,24})[\"”」』'’]", m.group("run"))
        names = [name.strip() for name in names if _plausible(name.strip())]
        sentence_start = max(text.rfind(c, 0, m.start()) for c in "。.!?！？\n") + 1
        context = text[sentence_start : m.end() + 20]
        if len(names) >= 2 and re.search(r"标|分|类|选|打|label|tag|classif|categor|mark|as\b|into|sort|bucket|rate|flag", context, re.I):
            return LabelSet(list(dict.fromkeys(names)), m.group("run").strip(), ordinal=_ordinal(names, context))
    return None


def _framed(text: str) -> LabelSet | None:
    best: LabelSet | None = None
    for m in _FRAME_RE.finditer(text):
        labels, other, consumed = split_enumeration(text[m.end() :])
        if len(labels) < 2:
            continue
        if re.match(r"判断|区分|分辨|辨别|识别|看", m.group(0)) and not all(_short_label(label) for label in labels):
            continue  # "判断用户是真的很生气还是只是有点不满" asks a question; it names no labels
        quote = text[m.start() : m.end() + consumed].strip()
        # the sentence before is not the list's ("会员给教练打分并留言。想把留言标一下：…" orders nothing)
        context = in_sentence(text, m.start(), 20) + text[m.start() : m.end() + consumed + 10]
        count = _count_word(text[m.start() : m.end() + consumed + 8])
        found = LabelSet(labels, quote, ordinal=_ordinal(labels, context), other=other)
        if count is not None and count != len(labels):
            found.notes.append(f"the request says {count} labels but lists {len(labels)}")
        if best is None or len(found.labels) > len(best.labels):
            best = found
        if count is None or count == len(labels):
            if best is found:
                return found
    return best


def _before_verb(text: str) -> LabelSet | None:
    for regex in (_BEFORE_VERB_ZH, _BEFORE_VERB_EN):
        for m in regex.finditer(text):
            body = m.group("list")
            if regex is _BEFORE_VERB_ZH:
                body = re.sub(r"^[^、，和]{0,14}?(?:里|中|上)(?:面|头|边)?(?:提到|出现)?的", "", body)
                body = re.sub(r"的(?=、|和|或|$)", "", body)  # "卖金币的、骂人的"
            labels, other, _ = split_enumeration(body)
            if len(labels) >= 2:
                tail = text[m.end() : m.end() + 30]
                more = re.match(r"\s*[，,]?\s*(?:其余|其他|其它|剩下)[^，。；]{0,6}?(?:算|归为|标为|为|是)\s*([^，。；;\s]{1,8})", tail)
                if more and more.group(1) not in labels:
                    labels.append(more.group(1))
                    return LabelSet(labels, (m.group(0) + tail[: more.end()]).strip(), ordinal=_ordinal(labels, m.group(0)), other=more.group(1))
                return LabelSet(labels, m.group(0).strip(), ordinal=_ordinal(labels, m.group(0)), other=other)
    return None




def _standalone(text: str) -> LabelSet | None:
    """A list with no framing phrase: after a colon ("tickers: bullish, bearish or neutral") or joined by slashes."""
    for m in _COLON_LIST.finditer(text):
        if _NOT_LABELS_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            continue  # "数据来源：微博、抖音" lists sources, not labels
        rest = text[m.end() :]
        stop = _SENTENCE_END.search(rest)
        body = rest[: stop.start()] if stop else rest
        if _has_cjk(body) and re.search(r"、", body):
            comma = re.search(r"[，,]", body)
            if comma and comma.start() > body.find("、"):
                body = body[: comma.start()]  # "积极、消极、中性，先来五千条": the comma ends the list
        dash = re.search(r"\s[—–]\s|\s--\s", body)
        if dash and "," in body[: dash.start()] and not _has_cjk(body):
            body = body[: dash.start()]  # "A better, B better, tie — and a separate box for …": the dash ends the list
        labels, other, consumed = split_enumeration(body)
        joined = re.search(r"、|/|\bor\b|\band\b|\bvs\b|\bversus\b|或|和|还是", body[:consumed] if consumed else body, re.I) or len(labels) >= 3
        if len(labels) >= 2 and joined and consumed >= len(body.rstrip(" ?？")) - 1 and _short_run(labels):
            return LabelSet(labels, text[m.start() : m.end() + consumed].strip(), ordinal=_ordinal(labels, in_sentence(text, m.start(), 30) + text[m.start() : m.end() + consumed]), other=other)
    for m in _SLASH_RUN.finditer(text):
        run = m.group("run")
        if re.search(r"\band/or\b", run, re.I):
            continue
        items = [re.sub(r"^[\u4e00-\u9fff]+(?=[A-Za-z])|(?<=[A-Za-z])[\u4e00-\u9fff]+$", "", part.strip()) for part in run.split("/")]
        items = [_clean_item(item)[0] for item in items]
        items = [item for item in items if _plausible(item)]
        if len(items) >= 3 or (len(items) == 2 and re.search(r"标|分|类|label|tag|classif|categor|mark|sort|rate", text[max(0, m.start() - 30) : m.end() + 10], re.I)):
            return LabelSet(list(dict.fromkeys(items)), run.strip(), ordinal=_ordinal(items, in_sentence(text, m.start(), 30) + text[m.start() : m.end() + 10]))
    return None


_PAREN = re.compile(r"[(（](?P<body>[^()（）\n]{3,160})[)）]")
_CLASSIFY_VERB = re.compile(r"标|分|类|选|label|tag|classif|categor|sort|bucket|group|mark|flag|rate|score|grade|by\b", re.I)
_MARK_AS = re.compile(
    r"(?:(?:就|则|都)标|标(?:为|成|注为|记为))\s*[「“\"']?(?P<name>\d{1,2}|[A-Za-z][\w-]{0,15}|[\u4e00-\u9fff]{1,6}?)[」”\"']?(?=[，。；,;、\s]|$)"
    r"|标\s*(?:[「“\"'](?P<quoted>[^」”\"'\n]{1,12})[」”\"']|(?P<digit>\d{1,2})(?=[，。；,;、\s]|$))"
    # "跑题就标跑题，没跑题标切题": a bare 标 + name after a comma, counted only next to another 标X
    r"|(?<=[\u4e00-\u9fff])标(?![签注准题记出一])(?P<bare>[\u4e00-\u9fff]{1,6}?)(?=[，。；,;\s]|$)"
)


def _parenthesised(text: str) -> LabelSet | None:
    for m in _PAREN.finditer(text):
        labels, other, consumed = split_enumeration(m.group("body"))
        sentence_start = max(text.rfind(c, 0, m.start()) for c in "。.!?！？\n") + 1
        context = text[sentence_start : m.start()]
        if len(labels) >= 3 and consumed >= len(m.group("body").rstrip(" .。")) - 1 and _CLASSIFY_VERB.search(context) and all(_short_label(label) for label in labels):
            return LabelSet(labels, m.group(0), ordinal=_ordinal(labels, context), other=other)
    return None


def _short_run(labels: list[str]) -> bool:
    """Every item short; in a run of four or more, one item of four words may stand among them
    ("amount, merchant, date, card last 4 digits, balance")."""
    long = [label for label in labels if not (_short_label(label) or len(label) <= 12)]
    if not long:
        return True
    words = [word for word in long[0].split() if word not in ("&", "/", "+")]
    return len(long) == 1 and len(labels) >= 4 and len(words) == 4 and _short_label(" ".join(words[:3]))


def _short_label(label: str) -> bool:
    """Stricter than `_plausible`, for lists with no framing phrase."""
    if _has_cjk(label):
        return len(label) <= 6 and not re.search(r"什么|怎么|吗|想|要|是不是|有没有|知道|看看|我们|你们", label)
    words = [word for word in label.split() if word not in ("&", "/", "+")]  # "staffing & pay": a joiner is no word
    return len(words) <= 3 and not re.search(r"\b(?:we|you|they|i|our|your|is|are|do|does|can|please|tell|need|want)\b", label, re.I)


def _pure_parenthesised(text: str) -> LabelSet | None:
    """"标出是否违规（违规/不违规）": a parenthesised list of options after a labeling verb."""
    for m in _PAREN.finditer(text):
        body = m.group("body")
        if not re.search(r"/|、|\bor\b|或", body):
            continue
        labels, other, consumed = split_enumeration(body)
        before = text[max(0, m.start() - 20) : m.start()]
        if len(labels) >= 2 and consumed >= len(body.rstrip(" .。")) - 1 and all(_short_label(label) for label in labels) and re.search(
            r"标|选|判断|是否|label|tag|mark|whether|classif", before, re.I
        ):
            return LabelSet(labels, m.group(0), ordinal=_ordinal(labels, before), other=other)
    return None


def _list_sentence(text: str) -> LabelSet | None:
    """A sentence that is nothing but a list: "Left, right, or same." / "toxic / hate / spam / fine?"."""
    for m in re.finditer(r"[^。.!?！？\n]+[。.!?！？]?", text):
        sentence = m.group(0).strip()
        body = sentence.rstrip("。.!?！？ ")
        if not body or len(body) > 80:
            continue
        labels, other, consumed = split_enumeration(body)
        joined = re.search(r"、|/|\bor\b|或|还是", body, re.I)
        if len(labels) >= 2 and joined and consumed >= len(body) - 1 and all(_short_label(label) for label in labels):
            return LabelSet(labels, body, ordinal=_ordinal(labels, text[max(0, m.start() - 40) : m.end()]), other=other)
    return None


def _mark_as(text: str) -> LabelSet | None:
    """"有就标1，没有标0": two or more values after 标 in one sentence."""
    for m in re.finditer(r"[^。.!?！？\n]+", text):
        hits = list(_MARK_AS.finditer(m.group(0)))
        if not any(hit.group("name") or hit.group("quoted") or hit.group("digit") for hit in hits):
            continue  # bare "标X" alone is a verb phrase ("标一批", "标完")
        names = list(dict.fromkeys(hit.group("name") or hit.group("quoted") or hit.group("digit") or hit.group("bare") for hit in hits))
        names = [name for name in names if name and not re.search(r"一下|一批|过|了|条|万|千|些|注|签|准", name)]
        if len(names) >= 2:
            return LabelSet(names, m.group(0).strip(), ordinal=False)
    return None


def _weak(text: str) -> LabelSet | None:
    for m in _WEAK_FRAME_RE.finditer(text):
        labels, other, consumed = split_enumeration(text[m.end() :])
        if len(labels) >= 3:
            return LabelSet(labels, text[m.start() : m.end() + consumed].strip(), ordinal=_ordinal(labels, text[m.start() : m.end() + consumed]), other=other)
    return None


def _trimmed(found: LabelSet | None) -> LabelSet | None:
    """The quote ends at the last label ("…or fine so we can route them" -> "…or fine")."""
    if found is None or not found.labels or all(re.fullmatch(r"\d{1,2}", label) for label in found.labels):
        return found  # a scale's quote ("1-5分") is kept whole
    quote = found.quote
    end = max((quote.rfind(label) + len(label) for label in found.labels if label in quote), default=len(quote))
    while end < len(quote) and quote[end] in "\"”」』'’)）":
        end += 1
    tail = re.match(rf"\s*(?:{_COUNT}\s*{_ZH_COUNT_NOUN}|\(?\s*{_EN_NUMWORD}\s+{_EN_COUNT_NOUN}\)?)", quote[end:], re.I)
    found.quote = quote[: end + (tail.end() if tail else 0)].strip() or quote
    return found


LEGACY_KINDS = {"bullets", "pure_parenthesised", "framed", "before_verb", "scale", "quoted", "standalone", "parenthesised", "yes_no", "mark_as", "list_sentence", "weak"}


def legacy_candidates(text: str) -> list[Candidate]:
    """The candidates of this module's own grammar, to be scored with the others."""
    found: list[Candidate] = []
    finders = (
        ("bullets", _bullets), ("pure_parenthesised", _pure_parenthesised), ("framed", _framed), ("before_verb", _before_verb),
        ("scale", _scale), ("quoted", _quoted_run), ("standalone", _standalone), ("parenthesised", _parenthesised),
        ("yes_no", _yes_no), ("mark_as", _mark_as), ("list_sentence", _list_sentence), ("weak", _weak),
    )
    for kind, finder in finders:
        result = _trimmed(finder(text))
        if result is None:
            continue
        quote_start = max(text.find(result.quote), 0)
        first = text.find(result.labels[0], quote_start) if result.labels else -1
        start = first if quote_start <= first < quote_start + len(result.quote) else quote_start
        found.append(Candidate(list(result.labels), result.quote, start, quote_start + len(result.quote), kind, result.ordinal, result.other, list(result.notes)))
    return found


def _yes_no(text: str) -> LabelSet | None:
    m = _YES_NO.search(text)
    if not m:
        return None
    yes, no = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return LabelSet([yes.lower() if yes.isascii() else yes, no.lower() if no.isascii() else no], m.group(0))


