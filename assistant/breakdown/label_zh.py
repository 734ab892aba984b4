"""Chinese shapes of a label list that the general readers miss.

- names assigned one by one, each after a labeling verb and in quotes, spread over one sentence:
  `充值没到账的标"充值异常"；账号被盗的都算"账号问题"`, `左边好就选“左”，差不多就选“持平”`;
- names defined by a condition and `=`: `图上有的没写=漏检，写了图上没有=误报，都对=正确`;
- names given one by one in the same way (`一类是咨询，一类是投诉`, `要么是正面，要么是负面`, `提到了标Y，没提到标N`),
  lettered options (`A. 正确 B. 错误`), a list closed by `中的一个` / `之一`, whole words joined by slashes;
- a catch-all in the next clause or sentence (`…。剩下看不出来的算其他`) or after a filler
  (`…、安全事件，嗯，还有其他`);
- after the list is chosen: a separate yes/no flag (`另外…要单独标出来（是/否）`) and the reasons
  named for one of the labels (`标“合格 / 不合格”，不合格的写原因（事实错误、遗漏要点、标题党）`,
  `售后再细分成退货、换货、维修`).

Scoring hints for Chinese items live here too (`zh_item_ok`, `zh_adjust`): a slash inside one label
(`医疗/理财虚假信息`) does not make it long; a list whose last item counts something
(`医疗健康、理财、法律三个频道`) names channels, not labels; quoted names joined by `=`/`≠`
(`“大众朗逸”=“朗逸”`) are aliases, not labels; a list right after a judging verb (`人工判断 相关 / 不相关`)
is the options judged; an amount (`两百条`), a source head (`平台包括抖音`) or a list read past a closing bracket is
no name.
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_lexicon import FRAME_STRONG, NOT_LABEL_HEADS

__all__ = ["zh_candidates", "extend_zh_catch_all", "strip_numbering", "zh_extras", "zh_item_ok", "zh_adjust"]

Split = Callable[[str], "tuple[list[str], str | None, int]"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_OPEN = "“\"「『‘'"
_CLOSE = "”\"」』’'"

# a labeling verb, then a quoted name: 标"X", 都算"X", 就选“X”, 归为「X」, 记作“X”
_PUT_QUOTED = re.compile(
    r"(?:标注|标记|标|选|算作|算|归为|归入|归到|归|记为|记作|记|判为|判定为|定为|打|勾)(?:成|为|作|到|上)?\s*"
    rf"[{_OPEN}](?P<name>[^{_CLOSE}\n，。；]{{1,12}})[{_CLOSE}]"
)
# "图上有的没写=漏检": a condition in words, "=", and a short name
_DEFINED = re.compile(
    r"(?P<cond>[^，,；;。:：=＝\n（）()]{1,24}?)\s*[=＝]\s*(?P<name>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9/]{0,7}|[01]|[A-Za-z]{1,3})(?=\s*(?:[，,；;。！!\n）)]|$))"
)
_SENTENCE = re.compile(r"[^。！？!?\n]+")


# "一类是咨询，一类是投诉，还有一类是表扬", "第一种叫X，第二种叫Y"
_ONE_KIND = re.compile(
    rf"(?:一|另一|还有一|再一|第[一二三四五六七八九十])(?:类|种)(?:就是|是|叫|为|算)\s*[{_OPEN}]?(?P<name>[\u4e00-\u9fffA-Za-z]{{1,8}}?)[{_CLOSE}]?(?=\s*(?:[，,；;。！？!?\n（(]|$))"
)
# '一个是"描述和图不符"，一个是"构件名称错误"': a quoted name given as "one of them"
_ONE_QUOTED = re.compile(r"(?:一|另一|还有一|再一)个(?:就)?是\s*[“\"「](?P<name>[^”\"」\n]{1,10})[”\"」]")
# "要么是正面，要么是负面", "要么通过要么打回"
_EITHER = re.compile(rf"要么(?:就)?(?:是)?\s*[{_OPEN}]?(?P<name>[\u4e00-\u9fffA-Za-z]{{1,8}}?)[{_CLOSE}]?(?=\s*(?:[，,；;。！？!?\n]|要么|$))")
# "提到了标Y，没提到标N": a short unquoted code after a labeling verb
# "想知道每条是好评、中评还是差评": a choice asked of every item, written without a question mark
_EACH_IS = re.compile(r"每一?[条个句篇份张段则位件单封项](?:[\u4e00-\u9fff]{1,4}?)?(?:都)?(?:是|算|属于)\s*$")
_PUT_CODE = re.compile(r"(?:标|选|记|打)(?:成|为)?\s*(?P<name>[A-Za-z]{1,3}|\d)(?=\s*(?:[，,；;。！？!?\n]|$))")
# "左边好就选左，右边好就选右": a condition, 就, a choosing verb and a short bare name that ends the clause
_PUT_AFTER_JIU = re.compile(r"就(?:选|标|算|记|打)(?:成|为)?\s*(?P<name>[\u4e00-\u9fff]{1,4}?)(?=\s*(?:吧|就行|就好|即可)?\s*(?:[，,；;。！？!?\n]|$))")
# "选项：A. 正确 B. 错误 C. 无法判断"
_LETTERED = re.compile(
    r"(?:^|(?<=[\s:：，,；;]))(?P<letter>[A-H])\s*[.、．)）:：]\s*(?P<name>[\u4e00-\u9fff][^\s，,；;。]{0,9}?)(?=\s+[A-H]\s*[.、．)）:：]|\s*(?:[，,；;。！？!?\n]|$))"
)
# "填正常、低俗、违法中的一个", "从A、B、C里选一个", "好/中/差三选一"
_CHOOSE_ONE = re.compile(
    r"(?:填写|填|选择|选|打上|打|标成|标为|标|归为|归入|从)\s*(?P<list>[^，。；;\n填选]{2,60}?)\s*(?:中的一个|中的一项|中的一种|中的一类|之一|其中之一|其中一个|里的一个|里选一个|中选一个|里面选一个|[二三四五六七八九两]选一)"
)


def zh_candidates(text: str, split: Split) -> list[Candidate]:
    found = [*_assigned_quoted(text), *_defined(text), *_slashed(text), *_lettered(text), *_choose_one(text, split)]
    found += [*_assigned_bare(text), *_or_pair(text), *_find_then_also(text, split), *_elided(text)]
    for regex, framed in ((_ONE_KIND, True), (_ONE_QUOTED, True), (_EITHER, True), (_PUT_CODE, False), (_PUT_AFTER_JIU, False)):
        found += [c for c in _per_sentence(text, regex, framed) if regex is not _PUT_AFTER_JIU or not any(_NOT_BARE_NAME.search(n) for n in c.labels)]
    return found + _joined_assignments(found, text)


def _joined_assignments(found: list[Candidate], text: str) -> list[Candidate]:
    """"A好就选A，B好就选B，差不多就选"一样"，都很烂就选"都不行"": names given one by one in one sentence, some bare
    and some quoted, are read by different finders; side by side in one sentence they are one list. A run goes on
    with each name given the same way right after it ("甲更通顺就选甲，乙更通顺就选乙，分不出来就选"难分"")."""
    joined: list[Candidate] = []
    for a in (c for c in found if c.kind == "assigned"):
        labels, end = list(a.labels), a.end
        while True:
            nxt = _next_assignment(text, end)
            if nxt is None or nxt[0] in labels:
                break
            labels.append(nxt[0])
            end = nxt[1]
        if len(labels) > len(a.labels):
            joined.append(Candidate(labels, text[a.start : end], a.start, end, "assigned"))
    return joined


def _next_assignment(text: str, end: int) -> tuple[str, int] | None:
    """The next name given after a labeling verb in the same sentence, within a short clause of `end`."""
    window = text[end : end + 40]
    stop = re.search(r"[。！？!?\n]", window)
    window = window[: stop.start()] if stop else window
    hits = [m for regex in (_PUT_QUOTED, _PUT_AFTER_JIU) for m in regex.finditer(window)]
    hits = [m for m in hits if m.start() <= 30 and not _NOT_BARE_NAME.search(m.group("name"))]
    if not hits:
        return None
    first = min(hits, key=lambda m: m.start())
    return first.group("name").strip(), end + first.end()


# what is being sorted, said before "一类是…" / "要么…": each item, a count of kinds, a labeling word
_SORTING = re.compile(r"每(?:一)?[条个张段篇份句对题通封单帧]|[两三四五六七八九十几\d]\s*(?:大)?(?:类|种)|分(?:成|为|类)|标|类别|标签|判断|归类|打分")


def _per_sentence(text: str, regex: re.Pattern[str], framed: bool) -> list[Candidate]:
    """Two or more names one sentence gives one by one in the same way.

    With `framed`, the words before them must say that items are being sorted ("每条评论要么是正面…",
    "来电大致两类，一类是咨询…"); "我们的用户一类是学生，一类是上班族" describes the requester's users."""
    found = []
    for sentence in _SENTENCE.finditer(text):
        hits = list(regex.finditer(sentence.group(0)))
        names = list(dict.fromkeys(hit.group("name").strip() for hit in hits))
        before = text[max(0, sentence.start() + hits[0].start() - 40) : sentence.start() + hits[0].start()] if hits else ""
        if framed and not _SORTING.search(before):
            continue
        if len(names) >= 2 and len(names) == len(hits):
            start, end = sentence.start() + hits[0].start("name"), sentence.start() + hits[-1].end("name")
            found.append(Candidate(names, text[sentence.start() + hits[0].start() : end], start, end, "assigned"))
    return found


# "夸的就标个正面 骂我们的…那种就标负面 剩下的你就都算中性吧", "…这种，标成诈骗\n…的，标谣言": a bare name after a
# labeling verb that follows a condition, ended by a pause (punctuation, a space of a voice transcript, 吧/就行)
_PUT_BARE = re.compile(
    r"(?<![^\s，,；;。！？!?\n:：、就都则也律一的要你请再全部统接])(?:标注为|标注成|标记为|标记成|标|算作|算|归为|归入|归到|记为|记作|判为|判定为)"
    r"(?:成|为|作|个|上)?\s*(?P<name>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{0,7}?)(?=\s*(?:吧|就行|就好|即可|好了)?\s*(?:[，,；;。！？!?\n\s]|$))"
)
# the words before the verb say which items get the name: "…的", "那种/这种", "如果…"
_CONDITION_BEFORE = re.compile(r"的(?:话)?\s*[，,]?\s*(?:你|我们|都|就|也|则|一律|统一|直接|全部)*\s*$|(?:这种|那种|这类|那类|这些|那些)\s*[，,]?\s*(?:你|都|就|也)*\s*$|(?:如果|若|要是)[^。！？!?\n]{1,30}$")
_NOT_BARE_NAME = re.compile(r"^(?:一下|出来|清楚|完|好|了|掉|吧|一遍|准|对|错了|完了|什么|啥|哪个|哪些|多少|个数|上去|进去|下来|起来|数据|结果|标签|一起)$|一下|出来|清楚")


def _assigned_bare(text: str) -> list[Candidate]:
    """Two or more names, each given after a labeling verb that follows its condition, close together."""
    hits = [hit for hit in _PUT_BARE.finditer(text)
            if _CONDITION_BEFORE.search(text[max(0, hit.start() - 40) : hit.start()]) and not _NOT_BARE_NAME.search(hit.group("name"))]
    found = []
    run: list[re.Match[str]] = []
    for hit in [*hits, None]:
        if hit is not None and (not run or hit.start() - run[-1].end() <= 90):
            run.append(hit)
            continue
        names = list(dict.fromkeys(h.group("name") for h in run))
        if len(names) >= 2:
            start, end = run[0].start("name"), run[-1].end("name")
            found.append(Candidate(names, text[run[0].start() : end], start, end, "assigned"))
        run = [hit] if hit is not None else []
    return found


# "判断每条 违规 还是 不违规 就行", "看是正面还是负面": the two options of a judgement
_OR_PAIR = re.compile(
    r"(?:判断|判定|区分|分辨|看)(?:一下)?(?:每(?:一)?[条个张段篇份句对题通封单帧])?(?:是|属于)?\s*"
    r"(?:[\u4e00-\u9fff]{1,4}?(?:是|属于)\s*)?(?P<a>[\u4e00-\u9fff]{1,6}?)\s*还是\s*(?P<b>[\u4e00-\u9fff]{1,6}?)(?=\s*(?:就行|即可|就好|吧)?\s*(?:[，,；;。！？!?\n\s]|$))"
)


def _or_pair(text: str) -> list[Candidate]:
    found = []
    for m in _OR_PAIR.finditer(text):
        if m.group("a") != m.group("b") and not re.search(r"[吗呢么]", m.group("b")):
            found.append(Candidate([m.group("a"), m.group("b")], text[m.start("a") : m.end("b")], m.start("a"), m.end("b"), "assigned"))
    return found


# "把异常指标找出来标上，比如…；还有既往病史、手术史、家族史也要标": one thing to find, then more named with 还有…也要标
_FIND_ONE = re.compile(r"把(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)(?:都|全部|全)?(?:找|抽|挑|圈|摘|标|识别|提取)出来")
_ALSO = re.compile(r"(?:还有|另外|以及|再就是)\s*(?P<list>[^，。；;,\n]{2,60}?)(?:也|都|同样)(?:要|得|需要)?(?:标|抽|找|圈|识别|提取)")


def _find_then_also(text: str, split: Split) -> list[Candidate]:
    found = []
    for first in _FIND_ONE.finditer(text):
        also = _ALSO.search(text, first.end(), first.end() + 160)
        if also is None or "\n" in text[first.end() : also.start()]:
            continue  # the two must be in one paragraph
        names, _, consumed = split(also.group("list"))
        if len(names) >= 2 and consumed >= len(also.group("list").rstrip()) - 1:
            labels = list(dict.fromkeys([first.group("name"), *names]))
            found.append(Candidate(labels, text[first.start() : also.end()], first.start("name"), also.end("list"), "assigned"))
    return found


# "按中图法的22个大类（就是A马列、B哲学……Z综合那套）": the first and last names of a scheme, the middle left out
_ITEM = r"[A-Za-z0-9]{0,3}[\u4e00-\u9fff]{1,6}"
_ELIDED = re.compile(
    rf"(?:(?<![\u4e00-\u9fffA-Za-z0-9])|(?<=[成为是括如即像]))(?P<list>{_ITEM}(?:\s*、\s*{_ITEM})*\s*(?:……|…|\.{{3,6}}|、等等?、?)\s*{_ITEM}?)\s*(?:那套|这套|那些|这些|那几[类种个]|这几[类种个]|等[类种]?|之类)?\s*(?:[)），,。；;]|$)"
)


def _elided(text: str) -> list[Candidate]:
    found = []
    for m in _ELIDED.finditer(text):
        around = text[max(0, m.start() - 40) : m.end()].replace(m.group("list"), "")
        if not re.search(r"类|标签|选项|档|等级|级别|分级", around):
            continue  # only when the words before say the list is a set of classes
        names = [name for name in re.split(r"\s*(?:、|……|…|\.{3,6}|等等?)\s*", m.group("list")) if name]
        names = [re.sub(r"^(?:就是|即|如|比如|例如|像|包括|分成|分为|划分为|归为)", "", name) for name in names]
        names = [re.sub(r"(?:那套|这套|那些|这些)$", "", name) for name in names]
        if len(names) >= 2 and all(names):
            found.append(Candidate(names, m.group("list"), m.start("list"), m.end("list"), "assigned"))
    return found


def _lettered(text: str) -> list[Candidate]:
    """Options lettered A, B, C… in one line."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        hits = list(_LETTERED.finditer(line.group(0)))
        letters = "".join(hit.group("letter") for hit in hits)
        if len(hits) >= 2 and "ABCDEFGH".startswith(letters):
            start, end = line.start() + hits[0].start("name"), line.start() + hits[-1].end("name")
            found.append(Candidate([hit.group("name") for hit in hits], text[line.start() + hits[0].start() : end], start, end, "assigned"))
    return found


def _choose_one(text: str, split: Split) -> list[Candidate]:
    found = []
    for m in _CHOOSE_ONE.finditer(text):
        body = m.group("list")
        names, other, consumed = split(body)
        if len(names) >= 2 and consumed >= len(body.rstrip()) - 1:
            found.append(Candidate(names, body, m.start("list"), m.end("list"), "framed", other=other))
    return found


def strip_numbering(candidate: Candidate) -> None:
    """"1.物流问题；2.质量问题；3.其他": numbers that count the items up from 1 are not part of the names."""
    marks = [re.match(r"(\d{1,2})\s*[.、．)）]\s*(?=[\u4e00-\u9fff])", label) for label in candidate.labels]
    if len(marks) >= 2 and all(marks) and [int(m.group(1)) for m in marks if m] == list(range(1, len(marks) + 1)):
        candidate.labels = [label[m.end() :] for label, m in zip(candidate.labels, marks) if m]


# "人工判断 匹配 / 不匹配", "（违规/不违规）": whole Chinese words joined by slashes
_SLASHED = re.compile(r"(?<![\u4e00-\u9fff/／])(?P<run>[\u4e00-\u9fff]{1,8}(?:\s*[/／]\s*[\u4e00-\u9fff]{1,8}){1,7})(?![\u4e00-\u9fff/／])")


def _slashed(text: str) -> list[Candidate]:
    return [Candidate(re.split(r"\s*[/／]\s*", m.group("run")), m.group("run"), m.start(), m.end(), "slashed") for m in _SLASHED.finditer(text)]


def _assigned_quoted(text: str) -> list[Candidate]:
    """Two or more quoted names in one sentence, each right after a labeling verb."""
    found = []
    for sentence in _SENTENCE.finditer(text):
        hits = list(_PUT_QUOTED.finditer(sentence.group(0)))
        names = list(dict.fromkeys(hit.group("name").strip() for hit in hits))
        names = [name for name in names if name]
        if len(names) >= 2:
            start = sentence.start() + hits[0].start("name")
            end = sentence.start() + hits[-1].end()
            found.append(Candidate(names, text[sentence.start() + hits[0].start() : end], start, end, "assigned"))
    return found


def _defined(text: str) -> list[Candidate]:
    """Two or more "condition = name" in one sentence; a number on the left is a scale anchor, not a condition."""
    found = []
    for sentence in _SENTENCE.finditer(text):
        hits = [hit for hit in _DEFINED.finditer(sentence.group(0)) if _CJK.search(hit.group("cond"))
                and not re.fullmatch(r"\s*[-+]?\d{1,2}\s*(?:分|星|级|档)?\s*", hit.group("cond"))]
        names = list(dict.fromkeys(hit.group("name") for hit in hits))
        if len(names) >= 2 and sum(len(hit.group("name")) for hit in hits) < sum(len(hit.group("cond").strip()) for hit in hits):
            start = sentence.start() + hits[0].start("name")
            end = sentence.start() + hits[-1].end()
            found.append(Candidate(names, text[sentence.start() + hits[0].start() : end].strip(" ，,"), start, end, "assigned"))
    return found


# -- the catch-all a little after the list ---------------------------------------------------------
_FILLER = r"(?:(?:嗯|呃|啊|哦|额|唔|那个|就是|然后)[，,、\s]*)*"
_AND_REST = re.compile(
    # "…、买琴租琴这几样，还有问别的": a count word may close the list, and the asking verb stand before the rest
    rf"^(?:这几[样种类个项]|这些|等)?[，,、;；\s]*{_FILLER}(?:还有|以及|外加|再加上?|加上)\s*(?:一个|个|一类|(?:问|说|聊|咨询|讲)(?=别的|其他|其它))?\s*[{_OPEN}]?"
    rf"(?P<label>其他|其它|其他类|其它类|其余|杂项|无关|未知|别的)[{_CLOSE}]?(?=\s*(?:[，。；,;！!？?\n]|$))"
)
_REST_LATER = re.compile(
    rf"(?:^|[，,；;。！？!?\n])\s*{_FILLER}(?:还有|另外)?\s*(?:剩下|剩余|其余|余下|其他|其它|别的|[分归放装套]不(?:进|上|到|了)(?:去|来)?|(?:以上)?都不(?:是|沾边|符合)|不属于)[^，。；,;\n{_OPEN}]{{0,10}}?\s*(?:都|就|则|一律|统一|全部)?\s*"
    r"(?:算作|算|归为|归入|归到|归|标为|标成|标注为|标|记为|记作|丢(?:到|进)?|扔(?:到|进)?|放(?:到|进)?)\s*(?:成|为|作|到|进)?\s*"
    rf"[{_OPEN}]?(?P<label>[\u4e00-\u9fff]{{1,6}}?)[{_CLOSE}]?(?=\s*(?:[，。；,;！!？?\n]|$)|就行|即可|吧)"
)
_NOT_A_NAME = re.compile(r"一下|出来|清楚|完|好|了|掉|吧")


def extend_zh_catch_all(candidate: Candidate, text: str) -> None:
    """"…、安全事件，嗯，还有其他" and "…退款"，不要混到充值异常里。剩下看不出来的算其他": the catch-all joins the list
    (so does "分不进去的算其他", "以上都不是的归为杂项": what fits none of them)."""
    if candidate.other or candidate.kind == "scale" or not candidate.labels or not _CJK.search("".join(candidate.labels)):
        return
    m = _AND_REST.match(text[candidate.end : candidate.end + 40])
    end = candidate.end + m.end("label") if m else 0
    if not m:
        window = text[candidate.end : candidate.end + 80]
        stops = [s.end() for s in re.finditer(r"[。！？!?\n]", window)]
        if len(stops) >= 2:
            window = window[: stops[1]]  # the rest of this sentence and the next one
        m = _REST_LATER.search(window)
        end = candidate.end + m.end("label") if m else 0
    if not m or _NOT_A_NAME.search(m.group("label")):
        return
    label = m.group("label")
    if label in candidate.labels:
        candidate.other = label
        return
    candidate.labels.append(label)
    candidate.other = label
    candidate.end = end
    candidate.quote = text[candidate.start : end].strip()


# -- extras read after the list is chosen --------------------------------------------------------
_FLAG = re.compile(
    rf"(?<![\u4e00-\u9fff])[（(]?\s*[{_OPEN}]?(?P<a>是|有)[{_CLOSE}]?\s*(?:/|／|或者?|还是|\|)\s*[{_OPEN}]?(?P<b>否|无|不是|没有)[{_CLOSE}]?\s*[)）]?(?![\u4e00-\u9fff])"
)
_REASON = r"(?:具体)?(?:原因|理由|问题类型|错误类型|问题|类型|子类|子标签|细分)"


def zh_extras(labels: list[str], kind: str, start: int, end: int, text: str, split: Split) -> list[str]:
    """Labels named beside the chosen list: a yes/no flag of its own, and the reasons given for one label."""
    extra: list[str] = []
    if kind in ("binary", "yes_no"):
        return extra  # "是否含广告（是/否）": the list already is the yes/no question
    for m in _FLAG.finditer(text):
        between = text[end : m.start()] if m.start() >= end else text[m.end() : start]
        clause = next((c.group(0) for c in _SENTENCE.finditer(text) if c.start() <= m.start() < c.end()), "")
        if not re.search(r"标|勾|判断|选|打|填|注明|看|识别|检查|核对|审|评", clause):
            continue  # "确认一下是否需要开发票（是/否）": a question for the requester, not a flag to label
        if start <= m.start() < end or not re.search(r"[，,；;。！？!?\n]|和|以及|还有|另外|同时|并且", between) or (m.group("a") == "是") != (m.group("b") in ("否", "不是")):
            continue  # inside the list itself, or a mixed pair ("是/无")
        pair = [m.group("a"), m.group("b")]
        if not set(pair) & set(labels):
            extra += pair
            break
    for label in labels:
        if not _CJK.search(label):
            continue
        for m in re.finditer(rf"{re.escape(label)}的?[^，。；;\n（(:：]{{0,6}}?{_REASON}\s*(?:分为|分成|包括|有|如)?\s*(?:[（(]|[:：])\s*"
                             rf"|{re.escape(label)}(?:的|里|下面|里面)?(?:再|又|还要|还得|需要|要)?(?:细分|再分|往下分)(?:成|为)?\s*[:：]?\s*", text):
            body = text[m.end() :]
            close = re.search(r"[)）。；;\n]", body)
            body = body[: close.start()] if close else body
            names, _, consumed = split(body)
            names = [name for name in names if name and len(name) <= 8 and name not in labels and name not in extra]
            if len(names) >= 2 and consumed >= len(body.rstrip(" 。.")) - 1:
                extra += names
                break
    return extra


# -- scoring hints -------------------------------------------------------------------------------
_ZH_AMOUNT = re.compile(r"(?:约|大约|大概|共|一共|总共)?[一二两三四五六七八九十百千万几]+多?(?:条|个|份|篇|张|段|句|通|对|题|天|周|人|组|次|小时|分钟)(?:左右)?")


def zh_item_ok(label: str, longest: int = 8) -> bool:
    """A Chinese item is short enough: a slash joins two names of one label, each part counted on its own."""
    if _ZH_AMOUNT.fullmatch(label):
        return False  # "…『不采纳』，两百条": how many items, not a name
    if re.search(r"[\u4e00-\u9fff][嘛呢吧啊]?[，,][\u4e00-\u9fff]|…|嗯", label):
        return False  # "三种嘛，好评", "差评，嗯…还有": spoken words stuck to an item of a list read across a comma
    label = re.sub(r"(?<=[\u4e00-\u9fff])[A-Z]{2,5}$", "X", label)  # "预计到港时间ETA": an acronym after the name counts as one
    parts = [part for part in re.split(r"[/／]", label) if part]
    return len(label) <= longest or (len(parts) >= 2 and all(len(part) <= 8 for part in parts) and len(label) <= 14)


_COUNTED = re.compile(r"[一二两三四五六七八九十几\d]+\s*(?:个|家|款|条|类)?(?P<noun>[\u4e00-\u9fff]{1,3})$")
_LABEL_NOUNS = re.compile(r"^(?:大类|类别|类|种|档|等级|级|标签|选项|分类|字段|项|维度|方面|情况|类型|文|星|分|事件)$")
# "人工判断 相关 / 不相关", "请判断摘要：\n…": the verb of a judgement, with what is judged before a colon
_JUDGE_BEFORE = re.compile(r"(?:判断|判定|评估|评判|判别|核对|核查|审核|确认)(?:一下)?(?:\s*(?:为|是|成)?\s*[:：]?|[\u4e00-\u9fffA-Za-z]{1,6}[:：])\s*$")


_HEAD_IN_ITEM = re.compile(rf"^(?:{NOT_LABEL_HEADS})(?:主要)?(?:包括|包含|有|是|为|来自|涉及|分别是)(?=[\u4e00-\u9fff])")


_COUNTED_BEFORE_BRACKET = re.compile(r"[两二三四五六七八九十几\d]\s*(?:个|张|段|条|份|篇|家|款|版|组)?(?P<noun>[\u4e00-\u9fff]{1,3})\s*[（(]\s*$")
_ABOUT_TEAM = re.compile(r"标注(?:员|人员|团队|平台|工具|规范|费用|价格|周期|要求|经验)")
_FRAME_RE = re.compile(FRAME_STRONG, re.I)


def zh_adjust(candidate: Candidate, text: str) -> float:
    """Score changes for Chinese lists, added to `label_scoring.score`."""
    labels = candidate.labels
    if not labels or not any(_CJK.search(label) for label in labels):
        return 0.0
    s = 0.0
    if all(re.search(r".(?:写成|认成|当成|说成|识别成|翻成|读成|看成|错成).", label) for label in labels):
        s -= 4.0  # "（法式写成猫眼、短甲写成长甲）": examples of mistakes, one thing taken for another
    last = _COUNTED.search(labels[-1])
    if last and len(labels[-1]) > len(last.group(0)) and not _LABEL_NOUNS.match(last.group("noun")):
        s -= 4.0  # "医疗健康、理财、法律三个频道": the items are counted as channels, not classes
    window = max(0, candidate.start - 24)
    heads = re.search(rf"(?P<head>[\u4e00-\u9fff]{{1,6}})的[^的，。；;\n（(:：]{{0,6}}?{_REASON}\s*(?:分为|分成|包括|有|如)?\s*[（(:：]\s*$", text[window : candidate.start])
    if heads and heads.group("head") in text[: window + heads.start()]:
        s -= 3.0  # "标“可用 / 不可用”，不可用的注明原因（漏译、错译）": the reasons of one label, not the list
    defined = sum(bool(re.match(r"\s*[=＝]\s*(?P<n>[\u4e00-\u9fff]{1,6})", text[at + len(label) :]) and len(label) > len(re.match(r"\s*[=＝]\s*([\u4e00-\u9fff]{1,6})", text[at + len(label) :]).group(1)))  # type: ignore[union-attr]
                  for label in labels for at in [text.find(label, max(0, candidate.start - 1))] if at >= 0)
    if defined >= 2:
        s -= 3.0  # "字全对=正确，有错字=错字": the conditions, not the names they get
    if any(re.search(r"[“”「」『』]", label) and not re.fullmatch(r"“[^“”]*”|「[^「」]*」|『[^『』]*』", label) for label in labels):
        s -= 3.0  # "支付宝”": a name cut inside its quotes
    depth = 0
    for at, char in enumerate(candidate.quote):
        numbering = at > 0 and re.match(r"[\dA-Za-z一二三四五六七八九十]", candidate.quote[at - 1])  # "1）报修 2）投诉"
        depth += 1 if char in "（(" else -1 if char in "）)" and not numbering else 0
        if depth < 0:
            s -= 3.0  # "比如停电、漏水）、一般的": a list begun inside a bracket and read on past it
            break
    before = re.split(r"[，,]", text[max(0, candidate.start - 40) : candidate.start])[-1]  # "标注员看完后，选择：" the team word is another clause's
    if _ABOUT_TEAM.search(before) and not _FRAME_RE.search(_ABOUT_TEAM.sub("", before)) and not re.search(r"标注(?:员|人员)\s*(?:需要|要|请)?\s*(?:选|选择|勾选|判断|打分)\s*[:：]\s*$", before):
        s -= 2.5  # "标注员要求：本科/硕士": 标注 names the annotators here, not a labeling of the items
    if _ABOUT_TEAM.match(text[max(0, candidate.start - 2) : candidate.start] + labels[0]):
        s -= 3.0  # "标注员有小王、小李": a list read from inside the word 标注员
    if _HEAD_IN_ITEM.match(labels[0]):
        s -= 4.0  # "平台包括抖音/快手/小红书": where the data comes from, its head noun stuck to the first item
    counted = _COUNTED_BEFORE_BRACKET.search(text[max(0, candidate.start - 12) : candidate.start])
    if counted and not _LABEL_NOUNS.match(counted.group("noun")) and re.match(r"\s*[，,、)）]", text[candidate.end :]):
        s -= 3.0  # "两个回复（A/B，已打乱）": the names of the items counted, not labels for them
    span = text[max(0, candidate.start - 2) : candidate.end + 2]
    links = len(re.findall(rf"[{_CLOSE}]\s*[=＝≠]\s*[{_OPEN}]", span))
    if links and 2 * links >= len(labels) - 1:
        s -= 4.0  # "“大众朗逸”=“朗逸”，“宝马3系”≠“宝马X3”": aliases, not labels
    if candidate.kind in ("polar", "slashed", "inline", "standalone", "list_sentence") and _JUDGE_BEFORE.search(text[max(0, candidate.start - 8) : candidate.start]):
        s += 1.5  # "人工判断 相关 / 不相关": the options judged
    tail_at = text.rfind(labels[-1], candidate.start, candidate.end + 1)
    tail_at = tail_at + len(labels[-1]) if tail_at >= 0 else candidate.end
    if re.search(r"按\s*$", text[max(0, candidate.start - 3) : candidate.start]) and re.match(r"\s*(?:来)?(?:打个?分|评分|评级|分档|打档)", text[tail_at : tail_at + 6]):
        s += 2.5  # "每个候选词按 好、中、差 打个分": the grades a score is given in
    head = text[max(0, candidate.start - 40) : candidate.start]
    if re.search(r"(?:待确认|待定|还没确认|未确认|没确认|不确定|还不知道|不知道)(?:的|事项|问题)?(?:有)?(?:两点|几点|几个)?\s*[:：]\s*\n?[ \t]*(?:[-*•·]|\d[.)、])?\s*(?:是)?$", head):
        s -= 3.0  # "待确认：\n- 是单独打分还是新旧对比": a question still open, not the labels
    clause = re.split(r"[，,。；;！!？?\n]", text[max(0, candidate.start - 30) : candidate.start])[-1]
    if re.search(r"(?:好|以便|便于|方便|为了)(?:把|让)", clause) and re.search(r"(?:分|转|派|交|送)(?:给|到)?\s*$", clause + labels[0][:1] if labels[0][:1] in "给到" else clause):
        s -= 3.0  # "想做意图分类，好把消息自动分给客服、医生助理还是财务": where the messages go afterwards, a purpose
    first = max(candidate.start, text.find(labels[0], candidate.start, candidate.start + 4 + len(labels[0])))  # "选A更好、…" read from 选
    if re.search(r"(?:^|[，,：:；;。\s])(?:就|再|先|按|要)?(?:分|选|选择|勾选)\s*[:：]?\s*$", text[max(0, first - 6) : first]):
        s += 1.5  # "帮我们看看评论情绪，分正面、负面", "给两位老师看，选A好、B好、都不好": a bare 分 / 选 opening a clause
    if candidate.kind in ("inline", "standalone", "list_sentence") and "还是" in candidate.quote and not re.search(r"[，,；;]", candidate.quote) and _EACH_IS.search(text[max(0, candidate.start - 10) : candidate.start]):
        s += 1.5  # "每条留言是表扬、建议还是投诉": the options of a choice asked of every item
    return s
