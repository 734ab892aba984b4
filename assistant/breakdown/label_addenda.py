"""Labels added after the list is given, as people do when they dictate or chat.

- `…、申请退押金，还有设备故障，就是充不进电那种`, `…、差不多，还有都不行`: a name right after `还有`;
- `还有一种是照片本身糊了看不清的，算无法判断`, `还有一种…那种就算无效`: the name a described kind gets;
- `哦还有一个，分量，分量单独一类`: the name after `还有一个` / `另外一类`;
- `…, class schedule, and fees. Lockers too, lockers comes up a lot.`, `oh and add "complaint" too`: a name with `too`;
- `left, right, or tie. Oh, and a flag if either answer is actually dangerous`: the word the flag is for;
- `- coverage 1-5\n- flag \`hallucinated_provision\` if …`: a flag written as code after a list or a scale;
- `they want "lockout" split out of maintenance as its own thing`: a quoted name set apart, placed right after the
  name it was split from.

Each is read only close after the chosen list (the next few sentences), in the list's language, and goes in the
order of the text (before a catch-all written after it). Counts, amounts, times and questions after `还有` are not
names (`还有数据量大概五千条`, `还有一个问题`).
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_lexicon import has_cjk

__all__ = ["add_addenda", "chat_line_candidates", "drop_retracted", "spoken_colon_candidates", "strip_also"]

_FILLER = r"(?:嗯+|呃+|哦+|啊+|对了|对|噢)?[…。，,、\s]*"
_ZH_NEXT = re.compile(rf"^[，,、\s]*{_FILLER}还有(?:就是)?(?P<name>[\u4e00-\u9fff]{{2,8}})(?=[，,。；;！!]|$)")
_ZH_KIND = re.compile(
    r"还有(?:一种|一类|一个)(?:是)?[^。！？!?\n]{0,40}?[，,]?(?:那种|这种|这些)?(?:就|都)?(?:算|归为|标成|标为|叫做?|记为)"
    r"[“\"「]?(?P<name>[\u4e00-\u9fff]{2,6})[”\"」]?(?=[，,。；;！!]|$)"
)
# "大件物品单独一类", "分量单独算一类", "还有配钥匙也单独一类": one more kind set apart (还有 is no part of it)
_ZH_APART = re.compile(r"(?:(?:还有|另外|以及|再加|再把)(?:就是)?)?(?P<name>[\u4e00-\u9fff]{2,6}?)(?:也|就)?单独(?:算|分|标)?(?:一类|一个类|一个标签|一个)")
# "每份打个分：好、中、差，写漏了或写错的地方标出来": the faults whose places are marked join the grades
_ZH_FAULT_SPOTS = re.compile(
    r"^[，,；;]\s*(?:另外|同时|并且|再)?(?:把)?(?P<name>[\u4e00-\u9fff]{2,4}?)了?(?:或者|或是|或|和|、|跟)(?P<n2>[\u4e00-\u9fff]{2,4}?)了?的(?:地方|部分|内容|句子|位置)"
    r"(?:要|也|都|请)?(?:标|圈|划|找)出来"
)
# "还有就是没问题的": the kind left, named by what it is
_ZH_LEFT = re.compile(r"还有就是(?P<name>[\u4e00-\u9fff]{2,6}?)的(?=\s*(?:[，,。；;！!\n]|$))")
_ZH_ONE_MORE = re.compile(r"(?:还有|另外|再加)(?:一个|一类|一种)[，,：:\s]+(?P<name>[\u4e00-\u9fff]{2,6})(?=[，,。；;])|还有个(?:是)?(?P<n2>是否[\u4e00-\u9fff]{1,6})(?=[，,。；;])")
_ZH_NOT_NAME = re.compile(r"^(?:这种|那种|这类|那类|这个|那个)$|数据|条|数量|总量|量级|时间|预算|要求|(?<![没无])问题|一点|事|的|了|吗|呢|人|周|天|月|号|钱|[一二两三四五六七八九十百千万\d]")

_EN_TOO = re.compile(
    r"(?:^|[.!?]\s+|\n[>\s]*(?:[A-Z][a-z]+:\s*)?)(?:oh,?\s+)?(?:and\s+|plus\s+)?(?:add\s+)?[\"“']?(?P<name>[A-Za-z][\w/&'-]*(?:\s+[\w/&'-]+){0,2}?)[\"”']?\s+(?:too|as well)\b",
    re.I,
)
_EN_FLAG = re.compile(
    r"\b(?:and|plus|also)\s+(?:a\s+)?flag\s+(?:if|when|for\s+when)\s+[^.!?\n]{0,60}?\b(?:is|are|looks?|seems?)\s+(?:actually\s+|really\s+|clearly\s+)?(?P<name>[a-z]{3,})\b",
    re.I,
)
# "Oh and neutral, there's a bunch that …": one more option opening a sentence
_EN_OH_AND = re.compile(r"(?:^|[.!?]\s+)oh,?\s+and\s+(?:also\s+)?[\"“']?(?P<name>[A-Za-z][\w/&'-]*(?:\s+[\w/&'-]+)?)[\"”']?(?=\s*[,.;—–-]\s)", re.I)
# 'If possible one more category "complaint but polite"', "one more is just saying thank you that also tag separately"
_EN_ONE_MORE = re.compile(
    r"\bone\s+more\s+(?:(?:category|label|class|bucket|tag|option|type)\s*[:：-]?\s*[\"“'‘](?P<name>[^\"”'’\n]{2,40})[\"”'’]"
    r"|(?:one\s+)?is\s+(?:just\s+)?(?:saying\s+)?(?P<n2>[a-z]+(?:\s+[a-z]+){0,2}?)\s+(?:that|which|also|too|as\s+well)\b)",
    re.I,
)
# 'they want "lockout" split out of maintenance as its own thing', '"late fee" broken out as a separate category': one
# more name, quoted, set apart from the list (possibly out of one of its names)
_EN_APART = re.compile(
    r"[\"“'‘](?P<name>[A-Za-z][\w/&'-]*(?:\s[\w/&'-]+){0,3}?)[\"”'’]\s+(?:(?:split|broken|pulled|taken|separated|carved)\s+(?:out|off)\s+"
    r"(?:(?:of|from)\s+(?:the\s+)?(?P<src>[\w/&'-]+(?:\s[\w/&'-]+){0,2}?)\s+)?)?as\s+(?:its\s+own|a\s+separate|a\s+(?:new|distinct)|an?\s+own)\s+"
    r"(?:thing|label|category|class|bucket|tag|option|type|one)\b",
    re.I,
)
# '单独标一下"编造"', '另外标个“无法判断”': one more flag, quoted, set apart from a list or a scale
_ZH_QUOTED_APART = re.compile(r"(?:单独|另外|额外|再)(?:标|打|记|注)(?:一下|个|上|成|为|出)?\s*[“\"「『](?P<name>[^”\"」』\n]{1,8})[”\"」』]")
# "另外有些是专门投诉某个老师的，也帮忙标出来": one more kind described after the list, to be marked too; 某个 is the
# description's, the kind is 投诉老师
_ZH_SOME_KIND = re.compile(
    r"另外(?:还)?有(?:些|的|一些)(?:是|就是)?(?:专门|特意|故意|专程)?(?P<name>[\u4e00-\u9fff]{2,10}?)的[，,\s]*"
    r"(?:也|都)(?:要|请|麻烦)?(?:帮忙|帮我们|帮)?(?:单独)?(?:标|挑|拎|找|圈)"
)
# "flag `hallucinated_provision` if …", "tag it `needs_review`": one more flag, written as code (a run of codes after
# "flag" is a second set, read elsewhere)
_EN_FLAG_CODE = re.compile(r"\b(?:flag|tag|mark)\s+(?:it\s+|them\s+|each\s+\w+\s+)?(?:as\s+|with\s+)?`(?P<name>[A-Za-z][\w-]{1,40})`(?![ \t]*(?:[,/|]|and\b|or\b)[ \t]*(?:(?:and|or)[ \t]+)?`)")
# "score each summary 1-5, and tick if safety advice is missing": a flag beside a scale, named by the thing and its fault
_EN_FLAG_FAULT = re.compile(
    r"\b(?:tick|flag|mark|note|check)\s+(?:it\s+|a\s+box\s+)?(?:if|when|whether)\s+(?:the\s+|any\s+)?"
    r"(?P<name>[a-z]+(?:\s+[a-z]+){0,2}?\s+(?:is|are)\s+(?:missing|wrong|absent|incorrect|left\s+out|made\s+up|out\s+of\s+date))\b",
    re.I,
)
# "P.S. we'd also need posts with photos of children flagged separately as "photo of child"": a named flag set apart,
# however far below the list (a postscript)
_EN_APART_QUOTED = re.compile(r"\b(?:flag(?:ged)?|tag(?:ged)?|mark(?:ed)?|label(?:l?ed)?)\s+separately\s+(?:as|with)\s+[\"“'‘](?P<name>[^\"”'’\n]{2,40})[\"”'’]", re.I)
_EN_NOT_NAME = re.compile(r"^(?:me|us|it|this|that|them|those|these|you|him|her|one|ones|there|here|mine|ours|the\s.*|a\s.*|an\s.*)$", re.I)


def strip_also(candidate: Candidate) -> None:
    """`…、服务态度，还有营业时间`: `还有` opening the last item of a Chinese list is the sentence's, not the name's."""
    if len(candidate.labels) >= 3 and re.fullmatch(r"还有[\u4e00-\u9fff]{2,8}", candidate.labels[-1]) and not any(x.startswith("还有") for x in candidate.labels[:-1]):
        candidate.labels[-1] = candidate.labels[-1][2:]


def _position(candidate: Candidate, text: str) -> int:
    """Where the last named (non catch-all) label ends in the text."""
    named = [label for label in candidate.labels if label != candidate.other] or candidate.labels
    at = text.rfind(named[-1], candidate.start, max(candidate.end, candidate.start) + 1)
    return at + len(named[-1]) if at >= 0 else candidate.end


def add_addenda(candidate: Candidate, text: str) -> None:
    """Names added in the sentences right after the chosen list join it, in the order of the text."""
    if len(candidate.labels) < 2:
        return
    zh = has_cjk("".join(candidate.labels)) or (candidate.kind == "scale" and has_cjk(text))
    start = _position(candidate, text)
    if candidate.kind in ("scale", "coded", "named_points"):
        # a scale takes only a flag set apart by name: "打个分 1到5分 … 单独标一下"编造""
        # "- coverage 1-5\n- flag `hallucinated_provision` if the summary …": a flag named as code, set apart by "flag"
        near = text[start : start + 120].split("\n\n")[0]
        apart = (_ZH_QUOTED_APART if zh else _EN_FLAG_CODE).search(near) or (None if zh else _EN_FLAG_FAULT.search(near))
        if apart and apart.group("name") not in candidate.labels:
            candidate.labels.append(re.sub(r"\s+(?:is|are)\s+", " ", apart.group("name")) if apart.re is _EN_FLAG_FAULT else apart.group("name"))
            candidate.end = max(candidate.end, start + apart.end())
            candidate.quote = text[candidate.start : candidate.end].strip()
        return
    window = text[start : start + (160 if zh else 260)]
    window = window.split("\n\n")[0] if zh else "\n\n".join(window.split("\n\n")[:2])  # a chat's next message may add one
    hits: list[tuple[int, int, str]] = []
    if zh:
        first = _ZH_NEXT.match(window)
        if first:
            hits.append((first.start("name"), first.end("name"), first.group("name")))
        for pattern in (_ZH_KIND, _ZH_ONE_MORE, _ZH_LEFT, _ZH_APART, _ZH_SOME_KIND):
            for m in pattern.finditer(window):
                key = "name" if m.group("name") else "n2"
                name = re.sub(r"(?<=[\u4e00-\u9fff])(?:某个|某位|某些|某一个|一些)(?=[\u4e00-\u9fff])", "", m.group(key)) if pattern is _ZH_SOME_KIND else m.group(key)
                hits.append((m.start(key), m.end(key), name))
        spots = _ZH_FAULT_SPOTS.match(window)
        if spots:
            hits += [(spots.start(key), spots.end(key), spots.group(key)) for key in ("name", "n2")]
        hits = [hit for hit in hits if not _ZH_NOT_NAME.search(hit[2])]
    else:
        for pattern in (_EN_TOO, _EN_FLAG, _EN_OH_AND, _EN_ONE_MORE, _EN_FLAG_CODE, _EN_APART):
            for m in pattern.finditer(window):
                key = "name" if m.group("name") else "n2"
                hits.append((m.start(key), m.end(key), m.group(key)))
        far = _EN_APART_QUOTED.search(text, start)
        if far:
            hits.append((far.start("name") - start, far.end("name") - start, far.group("name")))
        hits = [hit for hit in hits if not _EN_NOT_NAME.match(hit[2])]
    # "lockout" split out of maintenance goes right after "maintenance request"
    sources = {m.group("name"): m.group("src") for m in _EN_APART.finditer(window) if m.group("src")} if not zh else {}
    known = {label.casefold() for label in candidate.labels}
    other_at = text.find(candidate.other, start) - start if candidate.other else -1
    for _at, end, name in sorted(set(hits)):
        if name.casefold() in known or (not zh and name.lower() != name and name.capitalize() != name):
            continue
        name = name.lower() if not zh and all(label == label.lower() for label in candidate.labels) else name
        known.add(name.casefold())
        source = [i for i, label in enumerate(candidate.labels) if name in sources and re.match(rf"{re.escape(sources[name])}\b", label, re.I)]
        if len(source) == 1:
            candidate.labels.insert(source[0] + 1, name)
        elif candidate.other and candidate.other in candidate.labels and other_at > end:
            candidate.labels.insert(candidate.labels.index(candidate.other), name)
        else:
            candidate.labels.append(name)
        candidate.end = max(candidate.end, start + end)
        candidate.quote = text[candidate.start : candidate.end].strip()


# "Sorry, scratch mixed", "drop 'urgent'", "电话不要标了", "刚才说的电话去掉": a label taken back
_EN_RETRACT = (
    r"(?:\b(?:scratch|strike)|(?:\b(?:sorry|actually|wait|never\s*mind|on\s+second\s+thought|correction|update)\b[^.!?\n]{0,30}?)\b(?:drop|forget(?:\s+about)?|remove|take\s+out|skip|leave\s+out))"
    r"\s+(?:the\s+)?[\"“'`]?{name}[\"”'`]?(?![\w-])"
)
_ZH_RETRACT = r"(?:{name}(?:就|也)?(?:不要标了|不用标了|不标了|不要了|不用了|去掉|删掉|拿掉)|(?:去掉|删掉|拿掉|不要标|不用标)(?:那个)?[“\"]?{name}(?![\u4e00-\u9fff]))"


def drop_retracted(candidate: Candidate, text: str) -> None:
    """A label the requester takes back after giving it leaves the list (at least two stay)."""
    if len(candidate.labels) < 3 or candidate.kind in ("scale", "named_points"):
        return
    after = text[candidate.start : candidate.start + 700]
    for label in list(candidate.labels):
        pattern = (_ZH_RETRACT if has_cjk(label) else _EN_RETRACT).replace("{name}", re.escape(label))
        if len(candidate.labels) > 2 and re.search(pattern, after, re.I):
            candidate.labels.remove(label)


# "What I'd want flagged: adults contacting kids privately, that's the big one, then bullying, then anything about
# hurting themselves, and posting a kid's personal info like home address …": a dictated list after a colon
_SPOKEN_HEAD = re.compile(r"(?<![A-Za-z])(?:flagged|flag|marked|tagged|caught|look(?:ing)?\s+for|watch(?:ing)?\s+for)\s*:\s*", re.I)
_ASIDE = re.compile(r",\s*(?:that'?s|that\s+is|which\s+is)\s+(?:the\s+|a\s+)?(?:big|main|biggest|most\s+important|key|worst|important)(?:\s+one)?(?=\s*[,.])", re.I)
_SPOKEN_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?(?:then\s+|also\s+)?|\s+and\s+then\s+|\s+then\s+", re.I)
_ITEM_LEAD = re.compile(r"^(?:and\s+|then\s+|also\s+|plus\s+)*(?:anything|stuff|something|things?|posts?|messages?)\s+(?:about|with|involving|that\s+(?:is|are|shows?|mentions?))\s+", re.I)


def spoken_colon_candidates(text: str) -> list[Candidate]:
    """A dictated English list after `flagged:` / `look for:`, its asides, `then`s and examples (`like …`) dropped."""
    found: list[Candidate] = []
    for head in _SPOKEN_HEAD.finditer(text):
        end_match = re.search(r"[.!?](?:\s|$)|\n", text[head.end() :])
        end = head.end() + (end_match.start() if end_match else len(text) - head.end())
        body = _ASIDE.sub("", text[head.end() : end])
        items = [_ITEM_LEAD.sub("", item.strip()) for item in _SPOKEN_SPLIT.split(body) if item.strip()]
        items = [re.sub(r"\s+(?:like|such\s+as|e\.g\.)\s.*$", "", item).strip(" \"'") for item in items]
        if any(re.search(r"\b(?:is|are|was|were|will|should|must|can|could|would|have|has)\b", item, re.I) for item in items):
            continue  # "look for: the photo is blurry, then …": sentences, not names
        if len(items) >= 3 and all(1 <= len(item.split()) <= 6 for item in items) and len({i.casefold() for i in items}) == len(items):
            found.append(Candidate(items, text[head.end() : end], head.end(), end, "dictated"))
    return found


# a chat message that is only names spaced apart ("赵总：出发地 目的地 搬家日期 电话"), and one going on with 还有
_CHAT_LINE = re.compile(r"^(?P<who>[^\s：:\n]{1,8})[：:][ \t]*(?P<also>还有)?(?P<body>[\u4e00-\u9fff]{2,8}(?:[ \t]+[\u4e00-\u9fff]{2,8})+)[ \t]*$", re.M)
_LABEL_WORD = re.compile(r"标|分类|打标|抠出|提取|字段")


def chat_line_candidates(text: str) -> list[Candidate]:
    """Names spaced apart in a chat message right after one about labeling, with the next messages that add more
    with 还有 ("赵总：还有楼层 有没有电梯")."""
    found: list[Candidate] = []
    lines = list(_CHAT_LINE.finditer(text))
    used: set[int] = set()
    for i, line in enumerate(lines):
        if line.group("also") or i in used:
            continue
        above = text[: line.start()].rstrip("\n").rsplit("\n", 1)[-1]
        items = line.group("body").split()
        if len(items) < 3 or not _LABEL_WORD.search(above):
            continue
        end = line.end()
        for j in range(i + 1, len(lines)):
            nxt = lines[j]
            if not nxt.group("also") or text[end : nxt.start()].count("\n") > 1:
                break
            items += [item for item in nxt.group("body").split() if item not in items]
            end = nxt.end()
            used.add(j)
        found.append(Candidate(items, text[line.start("body") : end], line.start("body"), end, "dictated"))
    return found
