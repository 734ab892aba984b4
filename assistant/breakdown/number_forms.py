"""Numbers written the way non-native and European writers write them, rewritten for the number readers.

The readers expect "1,850" and "8 thousand". Requests also say:

- "1.850 comments", "3.000 pairs", "2.500 €" (German, Spanish, Italian thousands with a dot): a count of items or
  an amount of euros is never 1.85 items or 2.5 euros, so a dot followed by exactly three digits before a noun or a
  euro sign is a thousands separator;
- "1 200 calls", "12 500 reviews" (French, German, Scandinavian thousands with a space);
- "8 thousands msgs", "2 lakhs records" (the magnitude word in the plural);
- "3,000 buyer–seller chat messages", "2,000 query–document pairs" (an en dash joining a compound noun);
- "two and a half thousand chats", "1 and a half thousand" (a half after the count of thousands or hundreds): 2,500.

`number_text` rewrites these forms one character for one (a dot or space becomes a comma, "thousands" becomes
"thousand "), so every offset of the rewritten text is an offset of the request; `restore_quotes` then puts the
request's own words back into each number field's evidence, so quotes stay the requester's words.
"""

from __future__ import annotations

import re

from assistant.core.models import BreakdownDraft

__all__ = ["number_text", "restore_quotes"]

# a word after the number that makes it a count or an amount (not a version, a score or a decimal)
_NOUN_AFTER = r"\s?(?:€|eur\b|euros?\b|(?!(?:percent|pct|points?|stars?|kg|g|ml|l|km|m|cm|mm|h|s|x)\b)[A-Za-z\u4e00-\u9fff])"
# "1.850 comments", "2.500 €", "€ 2.500", "EUR 12.000"; never "0.750" (a decimal), "v1.200", "1.2.300"
_DOT_THOUSANDS = re.compile(
    rf"(?<![\w.,])(?P<n>[1-9]\d{{0,2}}(?:\.\d{{3}})+)(?![\d.,]\d)(?=[.,;:!?)]?{_NOUN_AFTER}|\s*€)"
    rf"|(?<=€)\s?(?P<e>[1-9]\d{{0,2}}(?:\.\d{{3}})+)(?![\d,]|\.\d)|(?<=EUR )(?P<e2>[1-9]\d{{0,2}}(?:\.\d{{3}})+)(?![\d,]|\.\d)",
    re.I,
)
# "1 200 calls", "12 500 reviews": a space between groups of three, a noun after
_SPACE_THOUSANDS = re.compile(r"(?<![\w.,:/-])(?<!\d )(?P<n>[1-9]\d{0,2}(?: \d{3})+)(?![\d.,]\d)(?=\s?[A-Za-z\u4e00-\u9fff€])")
# an en dash joining two words ("query–document pairs") reads as a hyphen
_DASHED_WORD = re.compile(r"(?<=[A-Za-z])[–‐‑](?=[A-Za-z])")
# "8 thousands msgs", "2 lakhs": the plural magnitude after a figure
_HALF_MORE = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|[1-9]\d?)\s+and\s+a\s+half\s+(?P<mag>thousand|hundred)\b", re.I
)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_PLURAL_MAGNITUDE = re.compile(r"(?<=\d)(?P<gap>\s?)(?P<w>thousands)\b", re.I)


def number_text(text: str) -> str:
    """The request with the number forms above rewritten, one character for one."""
    out = list(text)

    def put(start: int, new: str) -> None:
        out[start : start + len(new)] = list(new)

    for m in _DOT_THOUSANDS.finditer(text):
        group = next(g for g in ("n", "e", "e2") if m.group(g))
        put(m.start(group), m.group(group).replace(".", ","))
    for m in _SPACE_THOUSANDS.finditer(text):
        put(m.start("n"), m.group("n").replace(" ", ","))
    for m in _DASHED_WORD.finditer(text):
        put(m.start(), "-")  # "3,000 buyer–seller chat messages": a compound noun, as with a hyphen
    for m in _PLURAL_MAGNITUDE.finditer(text):
        put(m.start("w"), m.group("w")[:-1] + " ")
    for m in _HALF_MORE.finditer(text):
        count = _SMALL.get(m.group("n").lower()) or int(m.group("n"))
        value = int((count + 0.5) * (1000 if m.group("mag").lower() == "thousand" else 100))
        put(m.start(), f"{value:,}".ljust(len(m.group(0))))  # "two and a half thousand" -> "2,500" and spaces
    rewritten = "".join(out)
    assert len(rewritten) == len(text)
    return rewritten


def restore_quotes(draft: BreakdownDraft, request: str, rewritten: str) -> None:
    """Each field's evidence taken from the rewritten text is given back in the request's own words."""
    if rewritten == request:
        return
    for _, current in draft.fields():
        evidence = current.evidence
        if not evidence or evidence in request:
            continue
        at = rewritten.find(evidence)
        if at >= 0:
            current.evidence = request[at : at + len(evidence)]
        if isinstance(current.value, dict) and isinstance(current.value.get("vague"), str):
            quote = current.value["vague"]
            at = rewritten.find(quote)
            if quote not in request and at >= 0:
                current.value = {**current.value, "vague": request[at : at + len(quote)]}
