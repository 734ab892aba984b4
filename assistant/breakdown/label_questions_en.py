"""English rubrics of several questions, one a line, each with its own options after it.

"1) Faithful? yes / no — anything not in the source = no
 2) Complete? — did it cover COPE plus loss history: complete / partially / missing key items
 3) Would you trust it to quote from? yes / no"

Each numbered or bulleted line asks one question and gives its options as a slashed run after a "?", a
colon or a dash, or in brackets closing the line ("- was the issue resolved? (resolved / partly / not resolved)",
"- overall tone of the customer (calm, frustrated, angry)"); the labels are the options of all the questions, in the
request's order, each once.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["question_rubric_candidates"]

_LINE = re.compile(r"^[ \t]*(?:\d{1,2}\s*[.)]|[-*•·])[ \t]*(?P<body>\S[^\n]*)$", re.M)
_WORDS = r"[A-Za-z][\w'-]*(?:[ \t][A-Za-z][\w'-]*){0,3}"
# options right after the question mark, a colon or a dash: "? yes / no", ": complete / partially / missing key items"
_RUN = re.compile(rf"(?:[?:：]|[ \t][—–-])[ \t]*(?P<run>{_WORDS}(?:[ \t]*/[ \t]*{_WORDS})+)(?=[ \t]*(?:[—–-][ \t]|[.;,(]|$))", re.M)


# options in brackets closing the line: "(yes/no)", "(calm, frustrated, angry)", "(resolved / partly / not resolved)"
_BRACKETED = re.compile(rf"[(（][ \t]*(?P<run>{_WORDS}(?:[ \t]*(?:/|,|,?[ \t]+or)[ \t]*{_WORDS})+)[ \t]*[)）][ \t?.]*$", re.M)
_SPLIT = re.compile(r"\s*(?:/|,\s*or\s+|,|\s+or\s+)\s*")


def _options(body: str) -> tuple[list[str], int, int] | None:
    hit = _RUN.search(body)
    if hit:
        return [option.strip() for option in hit.group("run").split("/")], hit.start("run"), hit.end("run")
    hit = _BRACKETED.search(body)
    if hit and not re.search(r"\b(?:e\.g|eg|like|such as|i\.e)\b", hit.group("run"), re.I):
        return [option.strip() for option in _SPLIT.split(hit.group("run")) if option.strip()], hit.start("run"), hit.end("run")
    return None


def question_rubric_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    run: list[tuple[list[str], int, int]] = []
    previous_end = -1
    for line in [*_LINE.finditer(text), None]:
        hit = _options(line.group("body")) if line is not None else None
        consecutive = line is not None and (previous_end < 0 or text[previous_end : line.start()].strip() == "")
        if line is not None and hit and consecutive:
            options, start, end = hit
            run.append((options, line.start("body") + start, line.start("body") + end))
            previous_end = line.end()
            continue
        if len(run) >= 2 and len({tuple(options) for options, _, _ in run}) >= 2:
            names = list(dict.fromkeys(name for options, _, _ in run for name in options))
            start, end = run[0][1], run[-1][2]
            found.append(Candidate(names, text[start:end], start, end, "dimensions"))
        run = []
        previous_end = -1
        if line is not None and hit:
            options, start, end = hit
            run.append((options, line.start("body") + start, line.start("body") + end))
            previous_end = line.end()
    return found
