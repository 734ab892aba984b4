"""More shapes of a label list, wherever it appears in a request.

- short lines under a line that ends with a colon, with or without bullet marks
  ("按严重程度定级：\\nⅠ级（特别严重）\\nⅡ级（严重）…", "Priorities:\\nP0 - outage\\nP1 - degraded");
- a catch-all line right after such a list ("其余算闲聊", "Everything else: other");
- a list after a dash that runs to the end of its sentence
  ("tagged by what the visitor wants — get a permit, book a campsite, or something else");
- the things to find, named before "in each …" ("mark the callsign, runway and altitude in each
  transmission", "highlight the drug and the dose in every note").

Each shape yields candidates that `label_candidates.best` scores with all the others.
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.breakdown.label_candidates import Candidate, clean_item
from assistant.breakdown.label_lexicon import has_cjk
from assistant.breakdown.label_lines_en import en_line_name, strip_symbols

__all__ = ["shaped_candidates", "add_catch_all_line"]

Split = Callable[[str], "tuple[list[str], str | None, int]"]

_HEAD = re.compile(r"[:：]\s*$")
# a short header line that names the list without a colon: "Intents we care about", "标签如下👇", "Categories"
_NAMING_HEAD = re.compile(
    r"^(?=.{0,40}$)(?:(?:the\s+)?(?:labels?|categories|classes|intents|tags|options|buckets|types|topics|reasons|codes)\b|.*(?:标签|类别|分类|选项|类目)(?:如下|有|是|包括)?)[^.。!?！？]*$",
    re.I,
)
_MARK = re.compile(r"^\s*(?:[-*•·+]|\d{1,2}\s*[.)、）]|[（(]\d{1,2}[)）]|[①-⑩])\s*")
_NAME = re.compile(r"^(?P<name>[^，。；,;:：（(=\-–—]{1,16}?)\s*(?:[（(][^()（）\n]{0,40}[)）]|\s[-–—]\s.{0,60}|\s*(?:——|—|--)\s*(?=[\u4e00-\u9fff]).{0,60}|[:：=].{0,60})?\s*$")  # "好——意思准确"
_DASH_LIST = re.compile(r"(?:\s[—–]\s|\s--\s|——)(?P<body>[^.;!?\n。；！？]{5,200})")
_FIND_IN_EACH = re.compile(
    r"\b(?:mark|highlight|tag|label|annotate|underline|circle|box|find|extract|pull out|pick out|identify|capture)\s+(?:all\s+)?(?:of\s+)?the\s+"
    r"(?P<list>[^.;:!?\n\"“]{3,120}?)\s+(?:in|inside|within|from)\s+(?:each|every|all|the|our|these|those)\b",
    re.I,
)
_OTHER_LINE = re.compile(
    r"^\s*(?:其余|其他|其它|剩下|剩余|余下|别的)(?:的|情况|内容|消息)*\s*(?:都|一律|统一|全部)?(?:算作|算|归为|归入|标为|标成|记为|视为|当作)\s*(?P<zh>[\u4e00-\u9fff]{1,6})"
    r"|^\s*(?:everything|anything)\s+else\s*(?:is|goes to|counts as|[:=-])?\s*(?P<en>[A-Za-z][\w -]{0,20}?)\s*[.!]?\s*$",
    re.I,
)


def shaped_candidates(text: str, split: Split) -> list[Candidate]:
    return [*_short_lines(text), *_dash_lists(text, split), *_found_in_each(text, split), *_quoted_heads(text)]


# 「涉政」——影射现实政治人物 / "Spam" - unwanted ads: a line that starts with a quoted name, then its definition
_QUOTED_HEAD = re.compile(r"^[ \t]*(?:[-*•·][ \t]*)?[「『“\"【](?P<name>[^」』”\"】\n]{1,20})[」』”\"】][ \t]*(?:(?:——|—|--|–|-|:|：|=)[^\n]*)?[ \t]*$", re.M)


def _quoted_heads(text: str) -> list[Candidate]:
    """Three or more lines in a row, each opening with a quoted name: the names are the labels."""
    found: list[Candidate] = []
    run: list[re.Match[str]] = []
    for m in [*_QUOTED_HEAD.finditer(text), None]:
        if m is not None and run and text[run[-1].end() : m.start()].strip() == "":
            run.append(m)
            continue
        if len(run) >= 3:
            found.append(Candidate([r.group("name").strip() for r in run], text[run[0].start() : run[-1].end()].strip(), run[0].start(), run[-1].end(), "lines"))
        run = [m] if m is not None else []
    return found


_MAIL_HEADERS = {"from", "to", "subject", "date", "cc", "bcc", "sent", "reply-to", "发件人", "收件人", "主题", "时间", "日期", "抄送", "发送时间"}


def _short_lines(text: str) -> list[Candidate]:
    """Two or more short lines under a line ending with a colon; each gives the name before its note."""
    found: list[Candidate] = []
    lines = text.splitlines(keepends=True)
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line)
    for index, line in enumerate(lines):
        if not (_HEAD.search(line.rstrip("\n")) or _NAMING_HEAD.search(line.strip())):
            continue
        names: list[str] = []
        defined = True  # every line gives its name, then a definition ("好——意思准确", "P1 - degraded", "差：有错译")
        end = offsets[index] + len(line)
        for step, (follow, start) in enumerate(zip(lines[index + 1 :], offsets[index + 1 :])):
            if step == 0 and not follow.strip() and not names:
                continue  # "rate each result:\n\nPerfect - …": one blank line between the head and its list
            body = _MARK.sub("", follow.strip())
            m = _NAME.match(body)
            if _OTHER_LINE.match(strip_symbols(body)):
                break  # "everything else: other" closes the list; add_catch_all_line reads it
            english = en_line_name(body) if body and not has_cjk(body) else None
            if english:  # "💸 scam / phishing (fake Nitro links etc)", "Faithful but missing key info (…)"
                names.append(clean_item(english) or english)
                end = start + len(follow.rstrip("\n"))
                continue
            if not body or not m or len(follow.strip()) > 60 or re.search(r"[。！？!?]$", body):
                break
            names.append(clean_item(m.group("name").strip()) or m.group("name").strip())
            defined = defined and len(body) - len(m.group("name")) >= 3 and bool(re.match(r"\s*(?:——|—|--|\s-\s|[:：=])", body[len(m.group("name")) :]))
            end = start + len(follow.rstrip("\n"))
        if len(names) >= 2 and not lines[index + 1].strip() and not (defined and len(names) >= 3):
            continue  # after a blank line only "Name - gloss" lines, three or more, are read as the head's list
        if sum(name.casefold() in _MAIL_HEADERS for name in names) >= 2:
            continue  # "Begin forwarded message:\n\nFrom: …\nSubject: …": a mail's header, not a list of names
        if len(names) >= 2:
            start = offsets[index + 1] + (len(lines[index + 1]) if not lines[index + 1].strip() else 0)
            found.append(Candidate(names, text[start:end].strip(), start, end, "defined_lines" if defined and has_cjk("".join(names)) else "lines"))
    return found


def add_catch_all_line(candidate: Candidate, text: str) -> None:
    """"其余算闲聊" on the line after a list of lines: the catch-all label."""
    if candidate.kind not in ("lines", "defined_lines", "bullets") or candidate.other:
        return
    rest = text[candidate.end :]
    m = re.match(r"\s*\n?(?P<line>[^\n]*)", rest)
    line = m.group("line") if m else ""
    found = _OTHER_LINE.match(re.split(r"[。；;，,]", line)[0]) if line else None
    if not found:
        return
    label = (found.group("zh") or found.group("en") or "").strip()
    if label and label not in candidate.labels:
        candidate.labels.append(label)
        candidate.other = label
        candidate.end = text.find(label, candidate.end) + len(label)
        candidate.quote = text[candidate.start : candidate.end].strip()


def _dash_lists(text: str, split: Split) -> list[Candidate]:
    found = []
    for m in _DASH_LIST.finditer(text):
        body = m.group("body").strip()
        labels, other, consumed = split(body)
        if len(labels) >= 3 and consumed >= len(body.rstrip(" ?？.")) - 1 and re.search(r",|、|\bor\b|或", body):
            start = m.start("body") + (len(m.group("body")) - len(m.group("body").lstrip()))
            found.append(Candidate(labels, body[:consumed].strip(), start, start + consumed, "standalone", other=other))
    return found


def _found_in_each(text: str, split: Split) -> list[Candidate]:
    found = []
    for m in _FIND_IN_EACH.finditer(text):
        body = m.group("list")
        labels, other, consumed = split(body)
        if len(labels) >= 2 and consumed >= len(body) - 1:
            found.append(Candidate(labels, m.group(0), m.start("list"), m.end("list"), "before_verb", other=other))
    return found


def keep_telling_notes(candidate: Candidate) -> None:
    """"- 不安全（部分泄露）\n- 不安全（完全配合）": a note in brackets that tells two options apart is part of their names."""
    labels = candidate.labels
    dupes = {label for label in labels if label and labels.count(label) > 1}
    if not dupes or "\n" not in candidate.quote:
        return
    lines = [re.sub(r"^\s*(?:[-*•·+]|\d{1,2}\s*[.)、）])?\s*", "", line).strip() for line in candidate.quote.splitlines()]
    fulls = iter([line for line in lines if any(re.match(re.escape(d) + r"\s*[（(][^()（）]{1,20}[)）]$", line) for d in dupes)])
    new = [next(fulls, label) if label in dupes else label for label in labels]
    if len(set(new)) == len(new):
        candidate.labels[:] = new
