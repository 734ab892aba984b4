"""Brackets after an option: the options themselves, or examples of one option.

- options in brackets after a question about each item: "does the answer address the question
  (on-topic / partially / off-topic)", "is the tone right (too formal / fine / too casual)",
  "译文是否通顺（通顺/基本通顺/不通顺）" — a bracketed run of short options joined by slashes is the
  label list, and a reading of the words around the bracket ("address the question, flag anything")
  gives way to it;
- examples in brackets after one option: "急诊（比如误食、呼吸困难、大出血）、尽快就诊、可以预约",
  "urgent (e.g. chest pain, heavy bleeding), soon, routine" — the bracketed list after 比如 / 例如 / 如 /
  e.g. / like / such as belongs to the option before it and is never the label list. A bracket of
  examples after a word that is no option of another list ("分三类（比如开心、难过、生气）") is left alone:
  there the examples may well be the labels;
- examples of the data in brackets before quoted names given to mark it: '是不是在求链接（就是问在哪买、求链接、
  多少钱这种），是的话标"求购"，不是标"其他"', 'whether it asks for a link (i.e. where to buy, the price, that kind
  of thing) — mark "buy" if so, "other" if not': the quoted names are the labels, the bracket says what counts.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["aside_examples_lose", "bracket_option_candidates", "bracket_rivals"]

_BRACKET = re.compile(r"[(（](?P<body>[^()（）\n]{3,120})[)）]")
_SLASH = re.compile(r"\s*[/／]\s*")
# what comes before options in brackets: a yes/no question about the item, or a verb of judging it
_ASKED_EN = re.compile(
    r"(?:^|[:;,.!?]\s*|\b(?:and|or|then)\s+)(?:does|do|did|is|are|was|were|has|have|can|could|will|would|should)\s+(?:it|they|the|this|that|each|every|its|their)\b[^.;:!?\n()]{0,80}$"
    r"|\b(?:whether|judge|rate|grade|assess|evaluate|check|mark|label|tag|classify|score)\b[^.;:!?\n()]{0,60}$",
    re.I,
)
_ASKED_ZH = re.compile(r"(?:是否|是不是|有没有|有无|够不够|对不对|好不好|判断|评估|评价|打分|标注|标)[^，。；;：:！？\n（）()]{0,20}$")
_QUESTION_WORD = re.compile(r"\b(?:what|why|how|who|where|when|which)\b|什么|为什么|怎么|哪", re.I)
# an aside of examples: "（比如误食、呼吸困难）", "(e.g. chest pain, heavy bleeding)", "(like a refund or an exchange)"
_EXAMPLES = re.compile(r"^\s*(?:比如说?|例如|譬如|如|像是?|诸如|e\.?g\.?|eg|for example|for instance|such as|like|incl(?:\.|uding))(?=[\s,:：，\u4e00-\u9fff])", re.I)


def _short(item: str) -> bool:
    if not item or re.search(r"[,，、;；。.!?！？:：=\"“”]", item) or _QUESTION_WORD.search(item):
        return False
    if re.search(r"[\u4e00-\u9fff]", item):
        return len(item) <= 6
    words = item.split()
    return 1 <= len(words) <= 3 and len(item) <= 30


def bracket_option_candidates(text: str) -> list[Candidate]:
    """Each bracketed run of two to six short options joined by slashes, after a question about the item."""
    found: list[Candidate] = []
    for m in _BRACKET.finditer(text):
        body = m.group("body").strip()
        items = [item.strip(" \t\"'“”‘’「」") for item in _SLASH.split(body)]
        if not 2 <= len(items) <= 6 or not all(_short(item) for item in items) or len({item.casefold() for item in items}) < len(items):
            continue
        if all(re.fullmatch(r"[A-Za-z]{1,5}|\d+", item) for item in items) and not re.search(r"yes|no", body, re.I):
            continue  # "(EN/ZH)", "(iOS/Android)" abbreviations, "(3/5)": codes of the data, not options
        line_start = max(text.rfind(c, 0, m.start()) for c in "\n。；;！？!?") + 1
        before = text[line_start : m.start()].rstrip()
        if not before or not (_ASKED_EN.search(before) or _ASKED_ZH.search(before)):
            continue  # "(what changed / why / risk)", "transcripts (English / Spanish)": no question it answers
        start = m.start("body") + (len(m.group("body")) - len(m.group("body").lstrip()))
        found.append(Candidate(items, body, start, start + len(body), "bracket_options"))
    return found + _comma_options(text)


# "tick which exhibit it talks about (Dinosaurs, Ancient Egypt, Space, or General/Facilities)": the options of a
# which-question, a comma run closed by "or"
_WHICH_EN = re.compile(r"\b(?:which|what)\b[^.;:!?\n()]{0,60}$|\b(?:tick|choose|pick|select)\b[^.;:!?\n()]{0,60}$|(?:哪个|哪一个|哪种|哪类|哪一类|哪家|哪条|哪位)[\u4e00-\u9fff]{0,6}$", re.I)
_COMMA_OR = re.compile(r"\s*,\s*(?:or\s+)?|\s+or\s+|\s*、\s*|(?<=[\u4e00-\u9fff])(?:或者|或是|或|还是)(?=[\u4e00-\u9fff])")


def _comma_options(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in _BRACKET.finditer(text):
        body = m.group("body").strip()
        if _EXAMPLES.match(body) or _ASIDE_OPEN.match(body) or _ASIDE_CLOSE.search(body) or not re.search(r",\s*or\s+\S|\S\s+or\s+\S|、.*[\u4e00-\u9fff](?:或者|或是|或|还是)[\u4e00-\u9fff]", body):
            continue
        items = [item.strip(" \t\"'“”‘’") for item in _COMMA_OR.split(body)]
        if not 3 <= len(items) <= 8 or not all(_short(item) for item in items) or len({item.casefold() for item in items}) < len(items):
            continue
        line_start = max(text.rfind(c, 0, m.start()) for c in "\n.;!?。；！？，") + 1
        if not _WHICH_EN.search(text[line_start : m.start()]):
            continue
        start = m.start("body") + (len(m.group("body")) - len(m.group("body").lstrip()))
        found.append(Candidate(items, body, start, start + len(body), "bracket_options"))
    return found


# an aside saying what counts: opened by 就是 / i.e. / an example word, or closed by 这种 / 之类 / etc.
_ASIDE_OPEN = re.compile(r"^\s*(?:就是|也就是|即|i\.?e\.?|that is)(?=[\s,:：，\u4e00-\u9fffA-Za-z])", re.I)
_ASIDE_CLOSE = re.compile(r"(?:这种|这类|这些|之类的?|等等?|什么的|\betc\.?|and so on|that kind of thing|and the like)\s*$", re.I)
_QUOTED = "\"“”「」『』'‘’"


def _asides(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end()) for m in _BRACKET.finditer(text)
        if _EXAMPLES.match(m.group("body")) or _ASIDE_OPEN.match(m.group("body")) or _ASIDE_CLOSE.search(m.group("body"))
    ]


def _quoted_after(labels: list[str], text: str, at: int) -> bool:
    """Every name of `labels` is written in quotes after `at` ('标"求购"', 'mark "buy"')."""
    rest = text[at:]
    return bool(labels) and all(
        re.search(rf"[{_QUOTED}]\s*{re.escape(label)}\s*[{_QUOTED}]", rest) for label in labels
    )


def aside_examples_lose(candidates: list[Candidate], text: str, threshold: float) -> None:
    """A list read inside a bracket of examples loses to quoted names given after the bracket (module doc)."""
    for open_at, close_at in _asides(text):
        if not any(b.start >= close_at and b.score >= threshold and len(b.labels) >= 2 and _quoted_after(b.labels, text, close_at) for b in candidates):
            continue
        for a in candidates:
            if open_at <= a.start < close_at:
                a.score -= 4.0


def _example_brackets(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BRACKET.finditer(text) if _EXAMPLES.match(m.group("body"))]


def bracket_rivals(candidates: list[Candidate], text: str, threshold: float) -> None:
    """Examples in brackets after an option lose to the options; a reading around bracketed options loses to them."""
    for open_at, close_at in _example_brackets(text):
        for a in candidates:
            lead = _EXAMPLES.match(a.labels[0]) if a.labels and open_at <= a.start < close_at else None
            if lead and a.labels[0][lead.end() :].strip(" ,:：，"):
                a.labels[0] = a.labels[0][lead.end() :].strip(" ,:：，")  # "（比如开心、难过、生气）": 比如 is no part of 开心
        head = text[:open_at].rstrip()
        if not any(b.start < open_at and b.score >= threshold - 3.0 and any(head.endswith(label) for label in b.labels if label) for b in candidates):
            continue  # "分三类（比如开心、难过、生气）": after no option, the examples may be the labels
        for a in candidates:
            if open_at <= a.start < close_at:
                a.score -= 4.0  # a list read from inside the examples of one option (and maybe on past them)
    for q in candidates:
        close = re.match(r"\s*[)）]", text[q.end :])
        if q.kind != "bracket_options" or q.score < threshold or not close:
            continue
        for a in candidates:
            if a is not q and a.start < q.start and a.end > q.end and set(a.labels).isdisjoint(q.labels):
                a.score = min(a.score, q.score - 1.0)  # "address the question (on-topic / …), and flag anything"
            elif a is not q and q.start <= a.start < q.end and a.end >= q.end + close.end():
                a.score = min(a.score, threshold - 1.0)  # "on-topic / … / off-topic), and flag anything": read on past the bracket
