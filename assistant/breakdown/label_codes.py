"""Label lists written the way product documents write them: codes with names, JSON-ish snippets, coded tables.

- code + name lines: `I01 Screen broken / repair`, `- P0 紧急：人身威胁…`, `L3 — Must block: …`, `A类 费用/利息/违约金`
  (two or more lines opening with a code, the name after it, under a line ending with a colon; a bulleted line of
  the block without a code joins it: `- 无风险：正常对话`). The name is the label, its note after a colon, dash or in brackets dropped.
- `R1 – Refund issued` (a code, a dash and only a description) and `S1（致命）、S2（严重）` give the codes, as before.
- a JSON-ish array of quoted names: `"labels": ["滤芯更换", "漏水/故障", …]`.
- a JSON-ish map: `{"reg_no": "注册证编号", …}`, `"label": {"1": "同款（…）", "2": "非同款"}` gives the values.
- a Markdown table whose first column holds codes (`| MAP | Mapping & room division | … |`): the column after it.

Codes of one letter and one digit counting up (`P0 P1 P2`, `L0…L3`, `S1…S3`, with an outside `S0`) are levels:
the list is ordinal. Ids (`I01…I07, I99`) and lettered classes (`A类`, `B类`) are not.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["code_list_candidates", "document_noise", "graded_preference", "level_codes", "numbered_points", "prefer_coded"]

_NOTE = re.compile(r"\s*[（(][^()（）\n]*[)）]")
# a code: I01, P0, L3, S1, A1, A类, B级, MAP/NAV in a table
_CODE = r"(?:[A-Z]{1,3}\d{1,3}|[A-Z](?:类|级|档))"
_CODE_LINE = re.compile(
    rf"^(?P<prefix>[ \t]*(?:[-*•·+][ \t]*)?)(?:\*\*)?(?P<code>{_CODE})(?:\*\*)?(?:[ \t]*(?:[—–:：.、]|--?)[ \t]*|[ \t]+)(?P<rest>\S[^\n]*)$"
)
_BARE_LINE = re.compile(r"^(?P<prefix>[ \t]*[-*•·+][ \t]*)(?P<rest>[^\n]+)$")
_BAD = re.compile(r"[。；;!！?？=]|\.(?:\s|$)")


def _name(rest: str) -> str:
    """The name of a coded line: before its note (after a colon or a spaced dash) and without brackets."""
    rest = _NOTE.sub("", rest)
    rest = re.split(r"[ \t]*[：:][ \t]*|[ \t]+[—–-]{1,2}[ \t]+|[ \t]*——", rest, maxsplit=1)[0]
    return rest.strip(" \t*`\"'“”「」")


def _name_ok(name: str) -> bool:
    if not name or _BAD.search(name) or "," in name or "，" in name:
        return False
    if re.search(r"[\u4e00-\u9fff]", name):
        return len(name) <= 16
    return 1 <= len(name.split()) <= 7 and len(name) <= 60


def level_codes(codes: list[str]) -> bool:
    """`P0 P1 P2`, `L3 L2 L1 L0`, `S1 S2 S3 S0`: one letter, one digit, counting up (an outside 0 allowed)."""
    if len(codes) < 3 or not all(re.fullmatch(r"[A-Z]\d", code) for code in codes) or len({code[0] for code in codes}) != 1:
        return False
    digits = sorted(int(code[1]) for code in codes)
    return digits == list(range(digits[0], digits[0] + len(digits)))


def _names_win(run: list[tuple[re.Match[str], str, str | None]]) -> bool:
    """The names are the labels when the code is only a prefix of the name (`I01 Screen broken`, `P0 紧急：…`), or when
    the entries after a dash are names with their own description (`L3 — Must block: …`); `R1 – Refund issued` alone
    gives the codes (the text after the dash describes the code)."""
    dashed, described = 0, 0
    for line, _, code in run:
        m = _CODE_LINE.match(line.group())
        if not (m and code):
            continue
        between = line.group()[m.end("code") : m.start("rest")]
        if between.strip(" \t*"):
            dashed += 1
            described += bool(re.search(r"[:：]", _NOTE.sub("", m.group("rest"))))
    return dashed == 0 or 2 * described >= dashed


def _coded_lines(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    lines = list(re.finditer(r"[^\n]*", text))
    lines = [m for m in lines if m.start() == 0 or text[m.start() - 1] == "\n"]
    run: list[tuple[re.Match[str], str, str | None]] = []  # (line, name, code)
    for line in [*lines, None]:
        coded = _CODE_LINE.match(line.group()) if line is not None else None
        bare = _BARE_LINE.match(line.group()) if line is not None and coded is None else None
        prefixes = {m.group("prefix") if (m := _CODE_LINE.match(r.group())) else "" for r, _, c in run if c}
        if coded and _name_ok(_name(coded.group("rest"))) and (not prefixes or coded.group("prefix") in prefixes):
            run.append((line, _name(coded.group("rest")), coded.group("code")))  # type: ignore[arg-type]
            continue
        if bare and run and bare.group("prefix") in prefixes and _name_ok(_name(bare.group("rest"))):
            run.append((line, _name(bare.group("rest")), None))  # type: ignore[arg-type]
            continue
        codes = [code for _, _, code in run if code]
        names = [name for _, name, _ in run]
        head = text[: run[0][0].start()].rstrip().rsplit("\n", 1)[-1].strip(" \t*") if run else ""
        if len(codes) >= 2 and len(set(codes)) == len(codes) and len({n.casefold() for n in names}) == len(names) and head.endswith((":", "：")) and _names_win(run):
            start, end = run[0][0].start(), run[-1][0].end()
            found.append(Candidate(names, text[start:end], start, end, "coded", ordinal=level_codes(codes)))
        run = []
        if coded and _name_ok(_name(coded.group("rest"))):
            run = [(line, _name(coded.group("rest")), coded.group("code"))]  # type: ignore[list-item]
    return found


_QUOTED = r"\"([^\"\n]{1,80})\"|'([^'\n]{1,80})'|“([^”\n]{1,80})”"
_ARRAY = re.compile(r"\[(?P<body>[ \t\n]*(?:\"[^\"\n]*\"|'[^'\n]*'|“[^”\n]*”)(?:[ \t\n]*,[ \t\n]*(?:\"[^\"\n]*\"|'[^'\n]*'|“[^”\n]*”))+[ \t\n]*,?[ \t\n]*)\]")
_MAP = re.compile(r"\{(?P<body>(?:[ \t\n]*(?:\"[^\"\n]*\"|'[^'\n]*')[ \t]*:[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*')[ \t]*,?)+[ \t\n]*)\}")
_PAIR = re.compile(r"(?:\"[^\"\n]*\"|'[^'\n]*')[ \t]*:[ \t]*(?:\"(?P<a>[^\"\n]*)\"|'(?P<b>[^'\n]*)')")


def _json_lists(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in _ARRAY.finditer(text):
        names = [next(g for g in q.groups() if g is not None).strip() for q in re.finditer(_QUOTED, m.group("body"))]
        if len(names) >= 2 and all(_name_ok(_NOTE.sub("", n)) for n in names):
            found.append(Candidate([_NOTE.sub("", n).strip() for n in names], m.group(), m.start(), m.end(), "coded"))
    for m in _MAP.finditer(text):
        values = [(p.group("a") if p.group("a") is not None else p.group("b")) or "" for p in _PAIR.finditer(m.group("body"))]
        names = [_NOTE.sub("", value).strip() for value in values]
        if len(names) >= 2 and all(_name_ok(n) for n in names) and len({n.casefold() for n in names}) == len(names):
            found.append(Candidate(names, m.group(), m.start(), m.end(), "coded"))
    return found


_HEADER_NOT_NAME = re.compile(r"^(?:text|sample|examples?|说明|描述|例子|示例|样例|备注|定义|description|definition|notes?)$", re.I)
_TABLE_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,7}|[A-Z](?:类|级|档)")


def _coded_tables(text: str) -> list[Candidate]:
    """A Markdown table whose first column holds codes: the names are the next column."""
    found: list[Candidate] = []
    for block in re.finditer(r"(?:^[ \t]*\|[^\n]*\|[ \t]*(?:\n|$)){3,}", text, re.M):
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in block.group().strip().splitlines()]
        if len(rows) < 4 or not re.fullmatch(r"[\s:|-]+", "|".join(rows[1])) or len(rows[0]) < 2:
            continue
        body = [row for row in rows[2:] if len(row) >= 2]
        codes, names = [row[0] for row in body], [_NOTE.sub("", row[1]).strip(" *`") for row in body]
        if _HEADER_NOT_NAME.match(rows[0][1]) or not all(_TABLE_CODE.fullmatch(code) for code in codes):
            continue
        if len(set(codes)) == len(codes) >= 2 and all(_name_ok(n) for n in names):
            found.append(Candidate(names, block.group().strip(), block.start(), block.end(), "coded", ordinal=level_codes(codes)))
    return found


_RUBRIC_HEAD = re.compile(r"(?:rating|rubric|criteria|questions|dimensions|scor(?:e|es|ing)|grad(?:e|es|ing)|评分|打分|维度|评估|评价标准)[^\n]{0,30}[:：][ \t]*$", re.I)
_RUBRIC_LINE = re.compile(r"^[ \t]*(?:[-*•·+]|\(?\d{1,2}[.)）])?[ \t]*(?P<dim>[^:：\n/]{1,40}?)[ \t]*[:：][ \t]*(?P<opts>[^\n]+?)[ \t]*$")
_RANGE = re.compile(r"^(?P<a>\d)[ \t]*(?:-|–|~|～|到|to)[ \t]*(?P<b>\d{1,2})(?:[ \t]*(?:分|points?|pts))?$")


def _options(opts: str) -> list[str] | None:
    """The options of one rubric line: a slash run (`Yes / Partially / No`) or a range (`1–3`), else None."""
    opts = _NOTE.sub("", opts).strip(" .。")
    m = _RANGE.match(opts)
    if m and int(m.group("a")) < int(m.group("b")) <= 10:
        return [str(n) for n in range(int(m.group("a")), int(m.group("b")) + 1)]
    items = [item.strip() for item in re.split(r"[ \t]*[/／][ \t]*", opts)]
    if len(items) >= 2 and all(_name_ok(item) and len(item.split()) <= 3 for item in items):
        return items
    return None


def _rubric_lines(text: str) -> list[Candidate]:
    """`Rating:` then `- Faithful: Yes / Partially / No` and `- Covers top themes: 1–3`: the options of every line."""
    found: list[Candidate] = []
    for head in re.finditer(r"[^\n]*\n", text):
        if not _RUBRIC_HEAD.search(head.group().rstrip("\n")):
            continue
        labels: list[str] = []
        start = end = head.end()
        scale = False
        for line in re.finditer(r"[^\n]+", text[head.end() :]):
            m = _RUBRIC_LINE.match(line.group())
            opts = _options(m.group("opts")) if m else None
            if line.start() != end - head.end() or opts is None:
                break
            scale = scale or all(x.isdigit() for x in opts)
            labels += [x for x in opts if x not in labels]
            end = head.end() + line.end() + 1
        if labels and end - start > 0 and text[start:end].count("\n") >= 2:
            found.append(Candidate(labels, text[start:end].strip(), start, end - 1, "coded", ordinal=scale))
    return found


# "评估维度（各按1-5分打分）：" then "(1) 事实准确性" … and "另标注是否含幻觉（有/无）": dimensions scored on one scale
_DIM_HEAD = re.compile(
    r"(?:维度|方面|指标|(?<![A-Za-z])(?:dimensions|aspects|criteria))[^\n]{0,12}?(?:各|每个|每项|(?<![A-Za-z])each)[^\n]{0,8}?"
    r"(?P<a>\d)[ \t]*(?:-|–|~|～|到|to)[ \t]*(?P<b>\d{1,2})[ \t]*(?:分|points?|pts)?[^\n]{0,12}[:：][ \t]*\n",
    re.I,
)
_DIM_LINE = re.compile(r"[ \t]*(?:[-*•·+]|[(（]?\d{1,2}[.)）、])[ \t]*[^\n]{1,60}\n?")
_FLAG_LINE = re.compile(r"[ \t]*[^\n]{0,40}?[（(](?P<a>是|有|yes|y)[ \t]*[/／][ \t]*(?P<b>否|无|no|n)[)）][^\n]{0,4}", re.I)


def _dimension_scales(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for head in _DIM_HEAD.finditer(text):
        a, b = int(head.group("a")), int(head.group("b"))
        if not a < b <= 10:
            continue
        at, dims = head.end(), 0
        while (line := _DIM_LINE.match(text, at)) and line.group().strip():
            at, dims = line.end(), dims + 1
        if dims < 2:
            continue
        labels = [str(n) for n in range(a, b + 1)]
        flag = _FLAG_LINE.match(text, at)
        end = at
        if flag:
            labels += [flag.group("a"), flag.group("b")]
            end = flag.end()
        found.append(Candidate(labels, text[head.start() : end].strip(), head.start(), end, "coded", ordinal=True))
    return found


def code_list_candidates(text: str) -> list[Candidate]:
    """Every list of names given with codes, as JSON-ish snippets, in a coded table, or as the options of a rubric."""
    return _coded_lines(text) + _json_lists(text) + _coded_tables(text) + _rubric_lines(text) + _dimension_scales(text)


_STRONG = re.compile(r"明显|远远|大幅|\b(?:much|clearly|far|strongly|significantly)\b", re.I)
_WEAK = re.compile(r"略|稍|有点|\b(?:slightly|somewhat|a bit|a little)\b", re.I)


def graded_preference(labels: list[str]) -> bool:
    """`A much better / A slightly better / Tie / B slightly better / B much better`: a preference graded by degree."""
    return len(labels) >= 4 and sum(bool(_STRONG.search(x)) for x in labels) >= 2 and sum(bool(_WEAK.search(x)) for x in labels) >= 2


def prefer_coded(candidates: list[Candidate], text: str, threshold: float) -> None:
    """A list given with codes wins over readings of its own lines or cells (its codes, a slash inside one name);
    the keys and values of a JSON-ish record that is no name list (`{"text": "这家店…", "id": "s_1"}`) are data."""
    for record in _MAP.finditer(text):
        if not any(c.kind == "coded" and c.start == record.start() for c in candidates):
            for other in candidates:
                if record.start() <= other.start and other.end <= record.end():
                    other.score = min(other.score, threshold - 1.0)
    for coded in candidates:
        if coded.kind != "coded" or coded.score < threshold:
            continue
        for other in candidates:
            if other is not coded and other.kind != "coded" and other.start < coded.end and coded.start < other.end:
                other.score = min(other.score, coded.score - 0.1)


# "Type: Task   Priority: P2   Labels: ocr, latam, Q4": a ticket's header row, several fields on one line
_HEADER_FIELD = re.compile(r"(?:^|[ \t]{2,}|\|)[ \t]*[A-Z][A-Za-z ]{1,15}:[ \t]*\S")


def document_noise(candidates: list[Candidate], text: str) -> None:
    """Lists that are a document's furniture lose: the values in a ticket's header row of several fields, and a
    `是否X` yes/no read from a field added after a list of fields (`还有个是否要拆装`)."""
    for c in candidates:
        line_start = text.rfind("\n", 0, c.start) + 1
        line_end = text.find("\n", c.start)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if "\n" not in c.quote.strip() and len(_HEADER_FIELD.findall(line)) >= 3:
            c.score -= 5.0
        if c.kind == "binary" and re.search(r"还有(?:一个|个)?\s*$", text[max(0, c.start - 6) : c.start]) and any(
            o is not c and o.end <= c.start and len(o.labels) >= 3 and o.score >= 3.0 for o in candidates
        ):
            c.score -= 4.0


# the points' range stated just before the list: "打分 0-3：0 不相关 / 1 弱相关 / …" ("打分档位：1 很差 / 2 一般 …" keeps the names)
_SCORED_BEFORE = re.compile(r"(?<![\d.])\d{1,2}\s*[-–~～到至]\s*\d{1,2}(?![\d.])\s*分?\s*[:：]?\s*$")


def numbered_points(labels: list[str], before: str = "") -> list[str] | None:
    """`0 不相关 / 1 部分相关 / 2 相关 / 3 完全匹配`: the names without the points counting up before them; the points
    themselves when `before` (the words just before the list) states their range ("打分 0-3：")."""
    matches = [re.match(r"(\d{1,2})[ \t]+(\S.*)$", label) for label in labels]
    if len(labels) < 3 or not all(matches):
        return None
    points = [int(m.group(1)) for m in matches if m]
    if points not in (list(range(points[0], points[0] + len(points))), list(range(points[0], points[0] - len(points), -1))):
        return None
    if _SCORED_BEFORE.search(before):
        return [str(point) for point in points]
    return [m.group(2).strip() for m in matches if m]
