"""Chinese labels as people say them in a voice message transcribed by software (few punctuation marks, fillers).

ASR text separates its phrases with spaces, not with 、 or ，, and fills pauses with 嗯 / 那个 / 就是 / 然后:

- a choice chain: "判断客户是要订气 还是报修 还是问价格 再有就是投诉送气工的 就这几种" -> 订气, 报修, 问价格,
  投诉送气工 (a leading 要 and a trailing 的 are the sentence's, not the name's);
- kinds said one by one: "有报路况的 有点歌的 有投诉交警 投诉公交的 还有 那个 就是有些骂人的 骂主持人的" -> 报路况,
  点歌, 投诉交警, 投诉公交, 骂人 (a bare "X的" right after a kind explains it: 骂主持人 is a case of 骂人);
- options after a frame, one a phrase: "然后选 左边好 右边好 差不多 都不行 四个选项", "分三档 很相关 一般 不相关";
- things to take out between 把 and 抽出来: "把里面的 项目名 楼栋号 工种 还有 那个 加班时长 给抽出来".
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["spoken_zh_candidates"]

_FILLERS = r"嗯+|呃+|啊+|额+|唔+|那个|这个|就是|然后|哦+"
_FILLER_RE = re.compile(rf"^(?:(?:{_FILLERS})(?=[\u4e00-\u9fff]|$))+")
_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,7}$")
# words that make a phrase a sentence, not a name
_CLAUSE = re.compile(r"谢谢|辛苦|在吗|你好|您好|麻烦|拜托|哈哈|说|这种|那种|这些|那些|[一二两三四五六七八九十百千万]{2,}|我们|你们|他们|大概|左右|之前|之后|以后|一下|可以|能不能|需要|希望|不用|就行|看看|怎么|什么|效果|条|个人|[0-9一二两三四五六七八九十百千万]+(?:条|个|份|组|张|人|天)")


def _phrases(text: str) -> list[tuple[int, int, str]]:
    """Phrases of a transcript: runs between spaces and punctuation, with their positions."""
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\s，,。；;！!？?、\n]+", text)]


def _unfill(phrase: str) -> tuple[int, str]:
    """A phrase without the fillers it opens with; the offset of what is left."""
    m = _FILLER_RE.match(phrase)
    return (m.end(), phrase[m.end() :]) if m else (0, phrase)


def _name(raw: str) -> str:
    name = re.sub(r"的$", "", raw)
    name = re.sub(r"^(?:是要|是|要|去|想)(?=[\u4e00-\u9fff]{2})", "", name)
    return name


def _ok(name: str) -> bool:
    return bool(_NAME.match(name)) and not _CLAUSE.search(name)


def _candidate(items: list[tuple[int, int, str]], text: str) -> Candidate | None:
    names = [name for _, _, name in items]
    if len(names) < 2 or len(set(names)) < len(names) or not all(_ok(name) for name in names):
        return None
    start, end = items[0][0], items[-1][1]
    return Candidate(names, text[start:end], start, end, "spoken_zh")


def _choice_chain(text: str, phrases: list[tuple[int, int, str]]) -> list[Candidate]:
    """"是要A 还是B 还是C 再有就是D的": options joined by 还是, one a phrase."""
    found = []
    i = 0
    while i < len(phrases) - 2:
        s, e, first = phrases[i]
        nxt = phrases[i + 1][2]
        m = re.search(r"(?:是|选|判断)(?:要)?(?P<x>(?:(?!是|选|判断)[\u4e00-\u9fff]){2,7})$", first)
        if not (m and nxt.startswith("还是")):
            i += 1
            continue
        items = [(s + m.start("x"), e, _name(m.group("x")))]
        j = i + 1
        while j < len(phrases) and phrases[j][2].startswith("还是"):
            ps, pe, p = phrases[j]
            body = p[2:]
            if not body:  # "还是 那个 一般般": the option comes after the fillers
                k = j + 1
                while k < len(phrases) and _unfill(phrases[k][2])[1] == "":
                    k += 1
                if k >= len(phrases) or phrases[k][2].startswith("还是"):
                    break
                ps, pe, body = phrases[k]
                j = k
            items.append((ps + 2 if p[2:] else ps, pe, _name(body)))
            j += 1
        # "再有就是投诉送气工的", "还有就是…的": one more option said after the chain
        while j < len(phrases):
            offset, rest = _unfill(phrases[j][2])
            if not rest:
                j += 1
                continue
            tail = re.match(r"(?:再有就是|还有就是|再就是|另外还有|还有|另外)(?:要)?(?P<x>[\u4e00-\u9fff]{2,7}?)的?$", rest)
            if tail:
                ps = phrases[j][0] + offset
                items.append((ps + tail.start("x"), ps + tail.end("x"), _name(tail.group("x"))))
            break
        if len(items) >= 3:
            candidate = _candidate(items, text)
            if candidate:
                found.append(candidate)
        i = j
    return found


# "有人说…" (someone says), "有没有…", "有一…" open a sentence, not a kind
_KIND_OPEN = re.compile(r"^(?:还有|另外|然后)?也?(?:有些|有的|有(?!人|没有|一|好|时|空|可能|问题))(?:是|就是)?(?=[\u4e00-\u9fff]{2})")


def _kinds_said(text: str, phrases: list[tuple[int, int, str]]) -> list[Candidate]:
    """"有A的 有B的 有C D的 还有有些E的": kinds said one by one, each opened by 有 and closed by 的."""
    found = []
    items: list[tuple[int, int, str]] = []
    group: list[tuple[int, int, str]] = []
    gap = 0

    def close() -> None:
        nonlocal items
        candidate = _candidate(items, text) if len(items) >= 3 else None
        if candidate:
            found.append(candidate)
        items = []

    for s, e, phrase in phrases:
        offset, rest = _unfill(phrase)
        if not rest:
            continue
        opened = _KIND_OPEN.match(rest)
        if opened and not group:
            body = rest[opened.end() :]
            if body.endswith("的"):
                items.append((s + offset + opened.end(), e - 1, _name(body)))
            else:
                group.append((s + offset + opened.end(), e, _name(body)))
            gap = 0
            continue
        if group:  # "有投诉交警 投诉公交的": the kind goes on until its 的
            group.append((s + offset, e - rest.endswith("的"), _name(rest)))
            if rest.endswith("的") or len(group) >= 4:
                items.extend(group)
                group = []
            continue
        if items and rest.endswith("的") and len(rest) <= 8:
            continue  # "骂人的 骂主持人的": a bare kind right after one explains it
        if items and gap < 3 and not re.search(r"\d|[一二两三四五六七八九十百千万]+(?:来|多)?条", rest):
            gap += 1
            continue
        close()
        gap = 0
    if group:
        items.extend(group)
    close()
    return found


_FRAME = re.compile(r"(?:选|分成|分为|分|标成|标为|打|判断)(?P<count>[一二两三四五六七八九十\d]{1,2}(?:个)?(?:档|类|种|级|等|个选项))?$")
_COUNT_PHRASE = re.compile(r"^(?:这|就这)?(?P<n>[一二两三四五六七八九十\d]{1,2})(?:个|种)?(?:选项|类|档|种|级|个)")


def _after_frame(text: str, phrases: list[tuple[int, int, str]]) -> list[Candidate]:
    """"然后选 左边好 右边好 差不多 都不行 四个选项", "分三档 很相关 一般 不相关": one option a phrase."""
    found = []
    for i, (_, _, phrase) in enumerate(phrases):
        frame = _FRAME.search(phrase)
        if not frame or i + 1 >= len(phrases) or text[phrases[i][1] : phrases[i + 1][0]] not in (" ", "  ", "\t"):
            continue
        items: list[tuple[int, int, str]] = []
        j = i + 1
        while j < len(phrases):
            s, e, p = phrases[j]
            if _COUNT_PHRASE.match(p) or not _ok(p) or len(p) > 5:
                break
            items.append((s, e, p))
            if text[e : e + 1] != " ":
                j += 1
                break
            j += 1
        counted = frame.group("count") or (j < len(phrases) and _COUNT_PHRASE.match(phrases[j][2]) and phrases[j][2])
        if len(items) >= 3 or (len(items) >= 2 and counted):
            candidate = _candidate(items, text)
            if candidate:
                found.append(candidate)
    return found


_BA_SPACED = re.compile(r"把(?:里面的|其中的|这里面的|当中的)?[ \t]+(?P<body>[^，,。；;\n]{4,80}?)[ \t]+(?:给)?(?:都|全部)?(?:抠|抽|摘|挑|找|标|拎|扒|提取|识别|圈)出来")


def _ba_spaced(text: str) -> list[Candidate]:
    """"把里面的 项目名 楼栋号 工种 还有 那个 加班时长 给抽出来": fields one a phrase, fillers between them."""
    found = []
    for m in _BA_SPACED.finditer(text):
        items = []
        for p in re.finditer(r"\S+", m.group("body")):
            offset, rest = _unfill(p.group())
            rest = re.sub(r"^(?:还有|以及|和|及)", "", rest)
            if not rest or re.fullmatch(rf"(?:{_FILLERS}|还有|以及|和)+", rest):
                continue
            s = m.start("body") + p.start() + p.end() - p.start() - len(rest)
            items.append((s, s + len(rest), rest))
        if len(items) >= 3:
            candidate = _candidate(items, text)
            if candidate:
                candidate.kind = "ba_list"
                found.append(candidate)
    return found


_SAID_POINT = re.compile(r"(?<![\d.])(?P<n>\d{1,2})\s*分\s*(?P<name>[\u4e00-\u9fff]{2,6})(?=[\s，,、；;。]|$)")


def _said_points(text: str) -> list[Candidate]:
    """"0分不相关 1分部分相关 2分完全符合": points said with their meaning and no "=" between; the points are the scale."""
    found = []
    run: list[re.Match[str]] = []
    for hit in [*_SAID_POINT.finditer(text), None]:
        if hit is not None and run and int(hit.group("n")) == int(run[-1].group("n")) + 1 and re.fullmatch(r"[\s，,、；;]*", text[run[-1].end() : hit.start()]):
            run.append(hit)
            continue
        if len(run) >= 3:
            start, end = run[0].start(), run[-1].end()
            found.append(Candidate([m.group("n") for m in run], text[start:end], start, end, "scale", ordinal=True))
        run = [hit] if hit is not None else []
    return found


# a chat message that frames a list, then one name a line ("按问题类型分一下👇\n退款\n催发货\n改地址\n其他")
_LINE_FRAME = re.compile(r"(?:分|类|标|选|打|按|归)[^\n]{0,12}$|[:：👇⬇↓]\s*$")
_LINE_NAME = re.compile(r"^[ \t]*(?P<name>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z/]{1,7})[ \t]*$")


def _line_runs(text: str) -> list[Candidate]:
    found = []
    lines = list(re.finditer(r"[^\n]*", text))
    lines = [m for m in lines if m.start() == 0 or text[m.start() - 1] == "\n"]
    i = 0
    while i < len(lines):
        if not (i and _LINE_FRAME.search(lines[i - 1].group().strip()) and _LINE_NAME.match(lines[i].group())):
            i += 1
            continue
        items = []
        j = i
        while j < len(lines) and (m := _LINE_NAME.match(lines[j].group())) and _ok(m.group("name")):
            items.append((lines[j].start() + m.start("name"), lines[j].start() + m.end("name"), m.group("name")))
            j += 1
        candidate = _candidate(items, text) if len(items) >= 3 else None
        if candidate:
            found.append(candidate)
        i = max(j, i + 1)
    return found


def spoken_zh_candidates(text: str) -> list[Candidate]:
    found = _said_points(text) + _line_runs(text)
    if not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", text):
        return found  # no phrase of Chinese ends at a space: not a transcript
    phrases = _phrases(text)
    return found + _choice_chain(text, phrases) + _kinds_said(text, phrases) + _after_frame(text, phrases) + _ba_spaced(text)
