"""Options written as one run joined by spaced slashes: "是 / 可能是 / 不是", "Yes / Partially / No".

A slash with spaces around it (or a full-width ／) is the strongest delimiter a requester writes: the
items between keep their own 或 / & / 、 / commas-in-brackets ("母子公司或分公司", "术语不一致（参照术语表v4）").
The run is read as options only where options go:

- it fills a line of its own (under a line that usually ends with a colon), or
- it comes right after a colon, "as" / "into", or a Chinese labeling verb (标成/分成/选/判为…),

and it ends its line or sentence (a bracketed note or "(wrong = …)" may follow). Runs inside brackets
("(what changed / why / risk)") describe something and are not read. Each item is short: at most six
English words or twelve Chinese characters once its bracketed note is dropped, with no sentence
punctuation of its own.
"""

from __future__ import annotations

import re

from assistant.breakdown.extract import parse_cn_number
from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_grammar import WHEN_AFTER

__all__ = ["acronym_grids_win", "add_second_set_zh", "ba_list_candidates", "examples_lose", "mark_code_candidates", "named_point_candidates", "prefer_named_points", "prefer_slash_runs", "slash_run_candidates", "backtick_candidates", "prefer_backtick_runs"]

_NOTE = re.compile(r"\s*(?![（(](?:s|es)[)）])[（(][^()（）\n]{0,60}[)）]")  # "producer(s)": a plural in brackets is part of the name
_SLASH_SEP = re.compile(r"[ \t]+/[ \t]+|(?<=[)）])[ \t]*/[ \t]*|[ \t]*／[ \t]*")  # "术语不一致（参照术语表v4）/ 语法拼写"
_PIPE_SEP = re.compile(r"[ \t]+[|｜][ \t]+")  # "Annotator picks: A | B | tie | both_bad" (a line of no table)
# "tagged for management tone — bullish / …", "tagged them happy / …": after a labelling verb, words of the sentence
_VERB_LEAD = re.compile(r"(?<![A-Za-z])(?:tagged|labell?ed|marked|flagged|rated|graded|classed|coded|label|tag|mark|flag|rate|grade|classify)[ \t]+(?:(?:each|every)[ \t]+[A-Za-z][\w-]*[ \t]+)?$", re.I)
_NOT_FIRST = re.compile(r"(?:for|to|by|on|in|with|from|at|of|about|the|a|an|them|it|this|that|these|those|all|any|each|every)\b", re.I)
# where a run of options may start: its own line (after a bullet), a colon, "as"/"into", a Chinese labeling verb,
# "flag if caption is accurate / partly / wrong" (a chat's terse "if X is" before the options)
_LEAD = re.compile(
    r"(?:^[ \t]*(?:[-*•·+][ \t]*)?|[:：][ \t]*|(?<![A-Za-z])(?:as|into|either|mark|choose|pick|select|means|meaning)[ \t]+|(?<![A-Za-z])(?:and|then|to|just)[ \t]+(?:say|answer|put)[ \t]+|(?<![A-Za-z])(?:tagged|labell?ed|marked|flagged|rated|graded|classed|coded)[ \t]+|(?<![A-Za-z])(?:label|tag|mark|flag|rate|grade|classify)[ \t]+(?:each|every)[ \t]+[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)?[ \t]+|(?<![A-Za-z])(?:label|tag|mark|flag|rate|grade)[ \t]+(?:it|them)[ \t]+|(?<![A-Za-z])(?:if|whether)[ \t]+(?:(?:the|each|every|its|this)[ \t]+)?(?:[A-Za-z][\w-]*[ \t]+){0,2}(?:is|are|was|looks|seems)[ \t]+|(?:标成|标为|分成|分为|判为|判断为|选|记为|归为|打|按)[ \t]*|(?<![目指商坐路])标[ \t]+)$",
    re.I | re.M,
)
_COUNTED = re.compile(r"\s*(?P<n>[两二三四五六七八九十]|\d{1,2})\s*(?:个|种)?(?:大类|类别|类|种|档|等级|级|选项|项)$")
_ITEM_BAD = re.compile(r"[,，。;；?？!！:：=\"“”]|\.(?:\s|$)")


def _item_ok(item: str) -> bool:
    if not item or _ITEM_BAD.search(item):
        return False
    if re.search(r"[\u4e00-\u9fff]", item):
        return len(item) <= 12
    words = [word for word in item.split() if word not in ("&", "+", "-")]
    return 1 <= len(words) <= 6 and len(item) <= 48


def slash_run_candidates(text: str) -> list[Candidate]:
    """Each run of two or more short items joined by spaced slashes where options are given."""
    found: list[Candidate] = []
    for line_match in re.finditer(r"[^\n]+", text):
        line, offset = line_match.group(), line_match.start()
        sep_re = _SLASH_SEP
        if not _SLASH_SEP.search(line):
            near = text[max(0, offset - 200) : offset].rsplit("\n", 2)[-2:] + text[offset + len(line) : offset + len(line) + 200].split("\n", 2)[1:2]
            if line.lstrip().startswith(("|", "｜")) or any(_PIPE_SEP.search(other) or other.lstrip().startswith("|") for other in near):
                continue  # a table row, not a run of options
            sep_re = _PIPE_SEP
        for sep in list(sep_re.finditer(line))[:1]:
            # the run's first item starts after the last lead before the first separator
            head = line[: sep.start()]
            lead = None
            for cut in range(len(head) - 1, -1, -1):
                if _LEAD.search(head[:cut]) and not re.match(r"[ \t]", head[cut]):
                    if re.search(r"(?<![A-Za-z])as[ \t]+$", head[:cut], re.I) and re.fullmatch(r"(?:it[ \t]+)?is|are|usual|such|well", head[cut:].strip(), re.I):
                        continue  # "usable as is / usable with edits": "as is" is the name's own idiom, no lead before it
                    if cut and re.fullmatch(r"[\u4e00-\u9fff]", head[cut:].strip()) and re.fullmatch(r"[ \t]*(?:[-*•·+][ \t]*)?[\u4e00-\u9fff]{1,2}", head[:cut]):
                        continue  # "选品 / 广告": 选 begins the first name at the line's start, it is no verb before it
                    lead = cut
                    break
            if lead is None or (_VERB_LEAD.search(line[:lead]) and _NOT_FIRST.match(line[lead:])):
                continue
            run_text = line[lead:]
            # the run ends at the end of the line or sentence, after a note in brackets if any
            end_match = re.search(r"(?:[。；;!！?？]|\.(?:\s|$))", run_text)
            body = run_text[: end_match.start()] if end_match else run_text
            when = WHEN_AFTER.search(body)  # "same person / different people, by Friday the 18th": the date closes the run
            body = (body[: when.start()] if when else body).rstrip()
            if re.search(r"[（(][^)）]*$", line[:lead]):
                continue  # begun inside a bracket: a description, not options
            raw = sep_re.split(body)
            if len(raw) < 2:
                continue
            # "positive / negative / neutral but ALSO flag …": a clause joined to the last option is no part of it
            last_sep = list(sep_re.finditer(body))[-1] if len(raw) >= 2 else None
            clause = re.search(r"\s+(?:but|plus|when|if|unless|because)\s", body[last_sep.end() :], re.I) if last_sep else None
            if clause and last_sep:
                body = body[: last_sep.end() + clause.start()].rstrip(" \t—–-,")
                raw = sep_re.split(body)
            items = [_NOTE.sub("", item).strip() for item in raw]
            items[-1] = re.sub(r"\s*[（(].*$", "", items[-1]).strip()  # "wrong (wrong = says something …": a note left open
            items = [re.sub(r"\s+(?:[—–]|--?)\s.*$|\s*——.*$", "", item) for item in items]  # "Privileged — needs attorney look"
            items = [item.strip(" \t\"'“”‘’「」") for item in items]
            # "按 好 / 还行 / 不行 打个分就行": the verb after the run is the sentence's, no part of the last name
            items[-1] = re.sub(r"(?<=[\u4e00-\u9fff])[ \t]+(?:来|去|各)?(?:打|评|标|选)[个一下]?(?:分|标签?|档)?(?:就行|就好|即可|吧)?$", "", items[-1])
            counted = _COUNTED.search(items[-1])  # "准确 / 有遗漏 / 瞎编(…) 三档": the count closes the run
            if counted and counted.start() > 0 and parse_cn_number(counted.group("n")) == len(items):
                items[-1] = items[-1][: counted.start()].strip()
            if not all(_item_ok(item) for item in items) or len({item.casefold() for item in items}) < len(items):
                continue
            start = offset + lead
            found.append(Candidate(items, body, start, start + len(body), "slash_run"))
    return found


def prefer_slash_runs(candidates: list[Candidate], text: str, threshold: float) -> None:
    """A spaced-slash run wins over readings of the same words that split its items further ("母子公司或分公司") or
    stop inside one ("payment problem / meter or zone info wrong / …" read as far as "zone info")."""
    for run in candidates:
        if run.kind != "slash_run" or run.score < threshold - 1.0:
            continue
        rubric = [c.score for c in candidates if c.kind == "dimensions" and c.score >= threshold and c.start <= run.start and run.end <= c.end + 1]
        if rubric:  # "1) Accurate? yes / no\n2) Allergens kept? all kept / some dropped": one question's options of a rubric
            run.score = min(run.score, max(rubric) - 0.1)
            continue
        if re.search(r"[:：][ \t]*\n[ \t]*$", text[: run.start]):
            run.score += 1.0  # "想请人判断…：\n是 / 可能是 / 不是": the line under a colon line is the option list
        joined = "".join(run.labels)
        for other in candidates:
            if other is run or other.kind == "slash_run" or not other.labels:
                continue  # a reading of the same words with more items splits them further, with fewer it stops early
            if "".join(other.labels) == joined or (other.start < run.end and run.start < other.end and set(run.labels) & set(other.labels)
                                                   and all(any(label in item for item in run.labels) for label in other.labels)):
                other.score = min(other.score, run.score - 0.1)


# "things like "how to void invoice" or "QB sync failing"", "“張”“张”这种": quoted samples of the data
_EXAMPLE_LEAD = re.compile(r"(?:(?<![A-Za-z])(?:like|such as|e\.g\.?|for example|for instance)|比如|例如|譬如|像是?)\s*[:：,，]?\s*[\"“「『'‘]?$", re.I)
_EXAMPLE_TAIL = re.compile(r"^[\"”」』'’]?\s*(?:这种|这类|这样的?|那种|之类|等等|等)")
# '老板们搜“冰红茶”“辣条”', 'people search "drill"': the queries typed into a search, data and not names
_SEARCHED_LEAD = re.compile(r"(?:搜索?|检索|输入|(?<![A-Za-z])(?:search(?:es|ed|ing)?(?:\s+for)?|typed?|types|typing|look(?:s|ed)?\s+up))\s*[:：,，]?\s*[\"“「『'‘]?$", re.I)


def examples_lose(candidates: list[Candidate], text: str, threshold: float) -> None:
    """Quoted samples given as examples lose to a list of options elsewhere in the request that reads as labels."""
    for sample in candidates:
        if sample.kind != "quoted":
            continue
        lead = text[max(0, sample.start - 14) : sample.start]
        tail = text[sample.end : sample.end + 6]
        searched = _SEARCHED_LEAD.search(lead) is not None
        if not (_EXAMPLE_LEAD.search(lead) or _EXAMPLE_TAIL.match(tail) or searched):
            continue
        rivals = [c.score for c in candidates if c.score >= threshold + (0.5 if searched else 2.0) and (c.end <= sample.start or c.start >= sample.end) and set(c.labels).isdisjoint(sample.labels)]
        if rivals:
            sample.score = min(sample.score, max(rivals) - 0.5)


# "…无问题\n同时严重程度分 轻微、一般、严重 三级": a second set opened by 同时/另外/还要/再 right next to the first
# "…、格式问题\n每处错误再分个严重程度：严重/一般/轻微": what the second set grades ("每处错误") may open its sentence
_SECOND_ZH = re.compile(r"^[\s，,。；;）)]*(?:(?:每|各)(?:处|条|个|句|项|份|张)[\u4e00-\u9fff]{0,4}(?=再|还|也))?(?:同时|另外|此外|还要|还得|并且|再|以及|然后(?:再|还|也)?(?=[^，,。；;]{0,4}标))")
# a note in brackets right after the first set ("标 G / S / B（以 exp 视角）。另外…") is the first set's
_GAP_NOTE = re.compile(r"^\s*[（(][^()（）\n]{0,24}[)）]")


_YES_NO_AFTER = re.compile(r"\s*[（(]\s*(?:是|有)\s*[/／|]\s*(?:否|无|不是|没有)\s*[)）]")
_YES_NO_END = re.compile(_YES_NO_AFTER.pattern + r"\s*$")  # a candidate that took the bracket in


def add_second_set_zh(chosen: Candidate, candidates: list[Candidate], text: str, threshold: float) -> tuple[Candidate, Candidate]:
    """`chosen` with a second Chinese option set joined to it (first in the text first), and the first of the two."""
    if not re.search(r"[\u4e00-\u9fff]", " ".join(chosen.labels)) and not re.search(r"[\u4e00-\u9fff]", text[max(0, chosen.start - 8) : chosen.start]):
        return chosen, chosen  # Chinese names, or codes in a Chinese sentence ("标 G / S / B")
    best: Candidate | None = None
    for other in candidates:
        if other is chosen or len(other.labels) < 2 or other.score < threshold:
            continue
        if not (other.end <= chosen.start or chosen.end <= other.start) or {x.casefold() for x in other.labels} & {x.casefold() for x in chosen.labels}:
            continue
        if _YES_NO_AFTER.match(text, other.end) or _YES_NO_END.search(text, other.start, other.end):
            continue  # "另外标一下有没有漏掉价格/活动信息（有/没有）": what a yes/no flag asks about; its answers are the names
        first, second = (chosen, other) if chosen.start < other.start else (other, chosen)
        gap = text[first.end : second.start]
        note = _GAP_NOTE.match(gap)
        gap = gap[note.end() :] if note else gap
        # "然后再标一下问题有没有解决（已解决/未解决）": a question in brackets-closed words may run a little longer
        if len(gap) > (24 if re.search(r"[（(]$", gap) else 16) or "\n\n" in gap or not _SECOND_ZH.search(gap):
            continue
        if other.score < threshold + (0.0 if re.search(r"(?:程度|等级|级别|分级)[:：]?\s*$", gap) else 1.0):
            continue  # a set introduced as a grade ("再分个严重程度：严重/一般/轻微") needs less of its own
        if best is None or other.score > best.score:
            best = other
    if best is None:
        return chosen, chosen
    first, second = (chosen, best) if chosen.start < best.start else (best, chosen)
    joined = Candidate(
        [*first.labels, *second.labels], text[first.start : second.end].strip(), first.start, second.end, first.kind,
        ordinal=first.ordinal, other=chosen.other or best.other, notes=[*first.notes, *second.notes], score=chosen.score,
    )
    return joined, first


# "把里面的 客户名、品名、规格 抠出来", "把订单号、金额和日期都找出来", "把名字、楼号提出来": the things to take out, between 把 and 出来
_BA_LIST = re.compile(
    r"把(?:[^、，,。；\n]{0,8}?的)?[ \t]*(?P<body>[^，,。；;\n]{3,80}?)[ \t]*(?:都|全部|全都|一一)?"
    r"(?:抠|抽|摘|挑|找|标|拎|扒|挖|拿|提取|识别|圈|提)出来"
)


def ba_list_candidates(text: str) -> list[Candidate]:
    """A Chinese list of things to take out of the data, between 把 and a verb with 出来."""
    found: list[Candidate] = []
    for m in _BA_LIST.finditer(text):
        body = m.group("body")
        if "、" not in body:
            continue
        items = [item.strip() for item in re.split(r"[ \t]*、[ \t]*|[ \t]*(?:和|及|以及)[ \t]*(?=[^、]+$)", body)]
        # "份数、忌口、要不要送上门": a yes/no field asked as a question is named by what it asks about
        items = [re.sub(r"^(?:要不要|需不需要|是不是|有没有|是否)(?=[\u4e00-\u9fff]{2})", "", item) for item in items]
        if len(items) < 2 or not all(re.fullmatch(r"[\u4e00-\u9fffA-Za-z#]{1,8}", item) for item in items):
            continue
        found.append(Candidate(items, body, m.start("body"), m.end("body"), "ba_list"))
    return found


# "对的打✓，有错的打✗", "mark ✔ if it matches and ✘ if not": check marks given one by one as the codes
_MARKS = "✓✔√✗✘×☑☒❌⭕○●"
_PUT_MARK = re.compile(
    rf"(?:打|画|标|记|填|勾|用|(?<![A-Za-z])(?:mark|put|tick|use|give|write)(?:\s+(?:it|them|a|an))?)\s*(?:个|上|成|为|as)?\s*[\"“「'‘]?(?P<name>[{_MARKS}])",
    re.I,
)


def mark_code_candidates(text: str) -> list[Candidate]:
    """Two or more different check marks given as codes: the first after a verb, the others close after it."""
    found: list[Candidate] = []
    for hit in _PUT_MARK.finditer(text):
        if found and hit.start() < found[-1].end:
            continue
        window = text[hit.start("name") : hit.end() + 60].split("\n\n")[0]
        marks = list(re.finditer(rf"(?<![\d\s]\s)(?<!\d)[{_MARKS}](?!\s?\d)", window))  # "3×4" is a size
        names = list(dict.fromkeys(m.group() for m in marks))
        if len(names) >= 2:
            start = hit.start("name")
            end = start + marks[-1].end()
            found.append(Candidate(names, text[hit.start() : end], start, end, "assigned"))
    return found


# "3=完全匹配（…）2=相关（…）1=弱相关 0=不相关", "2 = relevant, 1 = partly, 0 = off-topic": every point of a scale named
_POINT = re.compile(
    r"(?<![\d.])(?P<n>\d{1,2})\s*(?P<unit>分|points?|pts)?\s*[=＝:：]\s*(?P<name>[\u4e00-\u9fff]{1,8}|[A-Za-z][A-Za-z'-]*(?:\s+[A-Za-z][A-Za-z'-]*){0,3})"
    r"(?=\s*(?:[（(][^()（）\n]{0,60}[)）])?\s*(?:[,，;；、/|。.\n]|\d|$))"
)


# a score asked for ("评分标准：5分=非常好", "Rate how confident: 1 = very unsure …", "graded relevance:\n 0 = irrelevant"):
# the numbers are the labels
_SCORED = re.compile(r"评分|打分|分数|得分|分级|(?<![A-Za-z])(?:rate|rated|rating|score|scored|scoring|likert|grade|graded|grading)(?![A-Za-z])", re.I)


def named_point_candidates(text: str) -> list[Candidate]:
    """Three or more consecutive points, each given a name: the names are the labels (the order is the scale's)."""
    found: list[Candidate] = []
    run: list[re.Match[str]] = []
    for hit in [*_POINT.finditer(text), None]:
        if hit is not None and run and hit.start() - run[-1].end() <= 70 and abs(int(hit.group("n")) - int(run[-1].group("n"))) == 1 and (
            len(run) < 2 or int(hit.group("n")) - int(run[-1].group("n")) == int(run[-1].group("n")) - int(run[-2].group("n"))
        ):
            run.append(hit)
            continue
        names = [m.group("name").strip() for m in run]
        scored = run and (any(m.group("unit") for m in run) or _SCORED.search(text[max(0, run[0].start() - 60) : run[0].start()]))
        if len(run) >= 3 and len({name.casefold() for name in names}) == len(names) and not scored:
            start, end = run[0].start(), run[-1].end()
            found.append(Candidate(names, text[start:end], start, end, "named_points", ordinal=True))
        run = [hit] if hit is not None else []
    return found


def prefer_named_points(candidates: list[Candidate]) -> None:
    """"1=完全错误，2=部分正确，3=完全正确": the names of every point win over the same points read as bare numbers."""
    for named in candidates:
        if named.kind != "named_points":
            continue
        points = {m.group("n") for m in _POINT.finditer(named.quote)}
        stated = [c for c in candidates if c.kind == "scale" and set(c.labels) == points and 0 <= named.start - c.end <= 24]
        if stated:  # "grade each pair 0-3: 0 = irrelevant, 1 = somewhat, …": the range is stated, its names explain the points
            named.score = min(named.score, max(c.score for c in stated) - 0.1)
            continue
        for other in candidates:
            if other is not named and other.labels and all(label.lstrip("+-").isdigit() for label in other.labels) and other.start < named.end and named.start < other.end:
                if len(other.labels) <= len(named.labels):
                    other.score = min(other.score, named.score - 0.1)


_BACKTICKED = re.compile(r"`(?P<name>[^`\n]{1,40})`")
# "`correct`, `minor_error` (wrong colour), or `major_error` (…)": a note in brackets may follow each name;
# "`bullish`, `neutral`, `bearish`, plus `not_market` for boilerplate": "plus" joins one more name
_BACKTICK_RUN = re.compile(r"`[^`\n]{1,40}`(?:[ \t]*[（(][^()（）`\n]{1,80}[)）])?(?:[ \t]*(?:,|/|\||，|、)?[ \t]*(?:(?:and|or|plus|and also|as well as|和|或|以及|还有)[ \t]+)?`[^`\n]{1,40}`(?:[ \t]*[（(][^()（）`\n]{1,80}[)）])?)+")


def backtick_candidates(text: str) -> list[Candidate]:
    """"flag `feature_request`, `bug_report`, `pricing_complaint`": names written as code, one after another, are
    the requester's own label names (snake_case or not); the backticks delimit them as quotes do."""
    found = []
    for m in _BACKTICK_RUN.finditer(text):
        names = [x.group("name").strip() for x in _BACKTICKED.finditer(m.group(0))]
        if len(names) >= 2 and all(_item_ok(name) for name in names):
            found.append(Candidate(names, m.group(0), m.start(), m.end(), "quoted"))
    return found


def prefer_backtick_runs(candidates: list[Candidate], text: str, threshold: float) -> None:
    """A run of backticked names wins over a list read inside its notes ("`minor_error` (wrong colour / count off)");
    asked as a question ("is it `a`, `b` or `c` (…)?") it names the options."""
    for run in candidates:
        if run.kind != "quoted" or not run.quote.startswith("`") or run.score < threshold - 1.0:
            continue
        if re.match(r"[ \t]*[?？]", text[run.end :]) and re.search(r"\bor\b|或", run.quote):
            run.score += 1.0
        for other in candidates:
            if other is not run and run.start < other.start and other.end <= run.end + 2 and not set(other.labels) & set(run.labels):
                other.score = min(other.score, run.score - 0.1)


def acronym_grids_win(candidates: list[Candidate], text: str, threshold: float) -> None:
    """"GSB评估 … 标 G / S / B", "an ABX test: pick A / B / X": single letters that spell a word the request writes
    elsewhere (the grid's own name) are the options; they win over a scale asked for beside them."""
    for grid in candidates:
        letters = [label for label in grid.labels if label]
        if len(letters) < 3 or not all(re.fullmatch(r"[A-Z]", label) for label in letters):
            continue
        word = "".join(letters)
        if not re.search(rf"(?<![A-Za-z]){word}(?![A-Za-z])", text[: grid.start] + " " + text[grid.end :]):
            continue
        rivals = [c.score for c in candidates if c is not grid and not (c.start < grid.end and grid.start < c.end)]
        grid.score = max(grid.score, threshold, max(rivals, default=threshold) + 0.1)
