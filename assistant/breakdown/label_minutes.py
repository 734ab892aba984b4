"""Meeting minutes: the label set the meeting decided, and the rival proposals of one that decided nothing.

Minutes record a discussion before its outcome: "Dev proposed a 4-point scale (Perfect/Good/Fair/Bad) … Went with
3 levels:\n – Exact fit\n – Close\n – Useless", "王蕾初稿：A / B / C / D … 结论：A、B、E，共五类". The list after a
decision word is the label set, whatever lists the discussion weighed first:

- inline after the decision: "Agreed on Positive / Neutral / Negative.", "结论：正常、广告引流、其他违规，共五类",
  "最终结论：每条摘要判一个等级——可直接发送 / 需修改后发送 / 不可用";
- the lines under a decision that ends with a colon ("Settled on:\n 1 = wrong\n 2 = usable …", "Agreed final set:\n • OK");
- a decision heading ("Decisions", "三、结论（标签定稿）") over short item lines, or over bullets one of which carries
  the list ("- Categories (final): Appointment | Repair / batteries / supplies | Something else").

A meeting that says it decided nothing ("未最终确定", "未定", "no decision") has no decision list; when two attendees
then each propose a list ("小罗：按承办部门分：教务、学工…", "老黄：…：合规 / 疑似盗图 / 低俗"), every proposed
option is kept, the first proposal first (`proposals`).
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.breakdown.label_candidates import clean_item

__all__ = ["decided_list", "proposals", "attendees"]

# a decision word: what the meeting settled, not what it discussed
_DECIDED = re.compile(
    r"(?<![A-Za-z])(?:decisions?|decided(?:\s+on)?|agreed(?:\s+(?:on|final\s+set|set|labels?|categories|scale))?|settled\s+on|"
    r"went\s+with(?:\s+\w+){0,3}|final(?:\s+(?:set|labels?|categories|list|scale))?|\(final\))(?![A-Za-z])"
    r"|结论|定稿|最终(?:确定|定为|定|决定)?|最后定为|最后定|敲定|(?<![不没未])决定(?:用|采用|为)?|定为|(?<![不没未])确定(?:为|用)?",  # "还不确定的有两点：" decides nothing
    re.I,
)
# "未最终确定", "未定", "未形成最终结论", "no decision", "not agreed": nothing was decided
_UNDECIDED = re.compile(r"未(?:最终|完全)?(?:确定|定|统一|形成[^，。\n]{0,6}结论|决定|达成)|没(?:有)?定|待定|(?<![A-Za-z])(?:no\s+decision|(?:not|n't|nothing\s+(?:is|was|has\s+been)|never)\s+(?:yet\s+|really\s+)?(?:agreed|decided|settled)|undecided|TBD)(?![A-Za-z])", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·+–—]|\d{1,2}\s*[.)、）](?!\d)|[（(]\d{1,2}[)）]|[①-⑩])\s*")
_CODED_LINE = re.compile(r"^\s*(?P<code>\d{1,2})\s*(?:=|：|:|-|–)\s*(?P<name>\S.*)$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[.、)]\s|#+\s|【)?\s*[^\n:：]{0,20}$")
_SEPARATORS = (r"\s*[|｜]\s*", r"\s+/\s+|(?<=[\u4e00-\u9fff])/(?=[\u4e00-\u9fff])", r"\s*、\s*", r"\s*[,，]\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _short(item: str) -> bool:
    if not item or re.search(r"\d{3,}|[。；;?？!！]", item):
        return False
    if re.search(r"[\u4e00-\u9fff]", item):
        return len(item) <= 16
    return len(item.split()) <= 6


def _split_inline(tail: str) -> list[str]:
    """The option run of the text after a decision word: the longest run of short items under one separator."""
    tail = re.split(r"[。；;\n]|(?<=[a-z)])\.(?:\s|$)", tail, maxsplit=1)[0]
    tail = re.sub(r"[（(][^()（）]*[)）]", "", tail)  # notes in brackets explain an option
    # a lead before the run: "每条摘要判一个等级——", "Categories (final):"
    tail = re.split(r"——|—|[:：]|\s-\s", tail)[-1] if re.search(r"——|—|[:：]|\s-\s", tail) else tail
    best: list[str] = []
    for sep in _SEPARATORS:
        parts = [p.strip(" \t\"'“”") for p in re.split(sep, tail.strip())]
        if sep.startswith(r"\s*[,，]") and len(parts) >= 2:
            parts = [re.sub(r"^(?:and|or)\s+", "", p) for p in parts]
        if sep == r"\s*、\s*" and parts:  # "…、其他违规，共五类，单选": the run ends with its sentence's first comma
            parts[-1] = re.split(r"[，,]", parts[-1])[0]
        parts = [clean_item(p) for p in parts]
        parts = [re.sub(r"^(?:on|with)\s+", "", p) for p in parts]
        if len(parts) >= 2 and all(_short(p) for p in parts):
            best = parts
            break
    return best


def _lines_below(lines: list[str], i: int) -> list[str]:
    """The item lines right under line i: bullets, or coded lines "2 = 完全对应"."""
    items: list[str] = []
    parent = _indent(lines[i]) if _BULLET.match(lines[i]) else -1  # a bullet's items are its children
    first = None
    for line in lines[i + 1 :]:
        if not line.strip():
            if items:
                break
            continue
        if _indent(line) <= parent or (first is not None and _indent(line) != first):
            break
        first = _indent(line) if first is None else first
        line = re.sub(r"\s*[（(][^()（）\n]*[)）]", "", line)  # "Close (right kind of part, or accessory)": a note
        coded = _CODED_LINE.match(line)
        if coded:
            items.append(coded.group("code"))
            continue
        if not _BULLET.match(line):
            break
        body = _BULLET.sub("", line).strip()
        if re.search(r"[:：]\s*\S", body) or (re.search(r"[.!?]$", body) and len(body.split()) >= 3):
            return []  # "- Categories (final): A | B", "- One label per message.": decisions written out, no item lines
        items.append(clean_item(re.split(r"\s*(?:[:：]|\s[-–—]\s)", _BULLET.sub("", line), maxsplit=1)[0]))
    return items


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _counted_up(items: list[str]) -> list[str]:
    """"2 = 完全对应\n1 = 部分相关\n0 = 不相关": the points of a scale, counted up."""
    return sorted(items, key=int) if all(x.isdigit() for x in items) else items


def decided_list(text: str, reader: Callable[[str], list[str] | None] | None = None) -> tuple[list[str], str] | None:
    """The labels a meeting decided and the quote they rest on, or None when the minutes decide no list."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        for m in _DECIDED.finditer(line):
            if _UNDECIDED.search(line):
                break
            after = line[m.end() :]
            # "Settled on:", "Went with 3 levels:", "最后定为三档：" ending the line: the item lines below
            if re.fullmatch(r"[^:：\n]{0,30}[:：]\s*", after) or (_HEADING.match(line) and not after.strip(" （()）:：")):
                below = _lines_below(lines, i)
                if len(below) >= 2 and all(_short(x) for x in below):
                    return _counted_up(below), "\n".join(lines[i : i + 1 + len(below)]).strip()
            if _HEADING.match(line) and not re.search(r"[:：]\s*\S", after):
                # a decision heading over bullets: one of them carries the list ("- Categories (final): A | B | C")
                for j in range(i + 1, min(len(lines), i + 12)):
                    sub = lines[j]
                    if not sub.strip() or (_HEADING.match(sub) and not _BULLET.match(sub)):
                        break
                    if _UNDECIDED.search(sub):
                        continue
                    if re.search(r"[:：]\s*$", sub):
                        below = _lines_below(lines, j)
                        if len(below) >= 2 and all(_short(x) for x in below):
                            return _counted_up(below), "\n".join(lines[j : j + 1 + len(below)]).strip()
                    inline = re.search(r"(?:labels?|categories|classes|options|scale|标签|类别|分类|选项|等级)[^:：\n]{0,20}[:：](?P<tail>.+)", sub, re.I)
                    if inline:
                        items = _split_inline(inline.group("tail"))
                        if items:
                            return items, sub.strip()
                continue
            if re.match(r"\s*(?:[:：]|\s(?:on|with)\b|[（(][^()（）]{0,30}[)）]\s*[:：]|为|用)", after, re.I) or (re.search(r"(?:went\s.*|\son|\swith)$", m.group(0), re.I) and after[:1].isspace()):
                sentence = re.split(r"[。；;\n]|(?<=[\w)\"”])[.!?](?:\s|$)", after, maxsplit=1)[0]
                items = (reader(sentence) or []) if reader else []
                if len(items) < 2 and re.search(r"、|\s/\s|[|｜]|[\u4e00-\u9fff]/[\u4e00-\u9fff]", sentence):
                    items = _split_inline(after)  # a list written out, no other reading
                if len(items) >= 2:
                    return items, line.strip()
    return None


# "参会：客服中心 赵科长、技术部 小孙", "Attendees: Fiona (ecom), Dev (agency)"
_ATTENDEE_LINE = re.compile(r"(?:^|[|｜]\s*)\s*(?:参会(?:人员)?|出席|与会(?:人员)?|Attendees|Present|Who|Participants)\s*[:：|｜](?P<names>[^|｜\n]+)$", re.I | re.M)


def attendees(text: str) -> list[str]:
    """The people a set of minutes names as present, by the name each goes by."""
    names: list[str] = []
    for m in _ATTENDEE_LINE.finditer(text):
        for part in re.split(r"\s*[、,，;；]\s*", m.group("names")):
            part = re.sub(r"[（(][^()（）]*[)）]", "", part).strip()
            if part:
                names.append(part.split()[-1] if " " in part and re.search(r"[\u4e00-\u9fff]", part) else part)
    return [n for n in names if n]


def proposals(text: str, reader: Callable[[str], list[str] | None] | None = None) -> tuple[list[str], str] | None:
    """Two or more attendees' proposed lists in minutes that decided nothing: every option, in order."""
    if not _UNDECIDED.search(text):
        return None
    people = attendees(text)
    if not people:
        return None
    found: list[tuple[list[str], str]] = []
    for line in text.splitlines():
        body = _BULLET.sub("", line).strip()
        who = next((p for p in people if body.startswith(p) or body.startswith(p.split()[0])), None)
        if who is None:
            continue
        said = body[len(who) :].lstrip(" ：:")
        if not re.search(r"、|\s/\s|[|｜]|[\u4e00-\u9fff]/[\u4e00-\u9fff]", said):
            continue  # a proposal writes its list out; "两种都有道理，先报个价再定" proposes none
        items = (reader(said) or []) if reader else []  # "先让人把OCR结果里的品名、规格、售价 这几个字段标出来": the reader of a request
        if len(items) < 2 and reader is None:
            items = _split_inline(said)
        if not items:
            items = _split_inline(re.split(r"[:：]", body, maxsplit=2)[-1])
        if len(items) >= 2:
            found.append((items, line.strip()))
    if len(found) < 2:
        return None
    labels: list[str] = []
    for items, _ in found:
        labels += [x for x in items if x not in labels]
    return labels, "\n".join(q for _, q in found)
