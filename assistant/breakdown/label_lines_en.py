"""English option lines: the name a line gives when each line of a list is one label.

People put one option a line, often with a mark before it and a note after it:

- an emoji or symbol as the bullet: "✅ fine", "💸 scam / phishing (fake Nitro links etc)";
- a long note in brackets or after a dash: "wrong (meaning changed — e.g. allergen missing, …)",
  "needs edit - meaning ok, wording off";
- a name of several words with a slash or & inside: "Faithful & complete", "doxxing / personal info".

The line's name is the words before the note; a line is the delimiter, so a slash or a comma-free "&"
inside it never splits it. Chinese lines are read by `label_shapes`.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["strip_symbols", "strip_trailing_symbols", "en_line_name", "whole_line_en", "lettered_options", "EN_LINE_WORDS"]

# an English line names one option in up to this many words ("Faithful but missing key info")
EN_LINE_WORDS = 6

# "amount claimed (and currency)": a closing bracket that adds to the name ("and", "plus") is no note
_NOTE = re.compile(r"\s*(?:(?![(（](?:and|plus|&)\s[^()（）]*[)）]\s*$)[(（\[].*|\s[-–—]{1,2}\s.*|[-–—]{2}.*|\s*[:：=]\s.*|\s*[:：=]$)$")


def strip_symbols(line: str) -> str:
    """The line without the emoji or symbols it opens with ("⚠️ toxic" -> "toxic")."""
    at = 0
    while at < len(line):
        char = line[at]
        kind = unicodedata.category(char)
        if char.isspace() or kind in ("So", "Sk", "Mn", "Me", "Cf", "Cs", "Co") or char in "\u200d\ufe0f":
            at += 1
            continue
        break
    return line[at:]


def strip_trailing_symbols(name: str) -> str:
    """The name without the emoji or symbols it ends with ("Solved ✅" -> "Solved")."""
    return strip_symbols(name[::-1])[::-1]


def en_line_name(body: str) -> str | None:
    """The option a short English line names, or None when the line reads as a sentence."""
    line = strip_symbols(body.strip())
    if not line or not re.match(r"[A-Za-z\"'“‘]", line):
        return None
    name = _NOTE.sub("", line).strip(" \"'“”‘’*_`")
    if not name or len(name) > 40 or len(name.split()) > EN_LINE_WORDS:
        return None
    if re.search(r"[.!?;,]$|[.!?;]\s", name) or re.search(r"[.!?]\s*$", line) or len(line) > 200:
        return None  # a sentence, not a name
    return name


def whole_line_en(kind: str, quote: str, start: int, text: str) -> bool:
    """An English list written on a line of its own under a line ending with a colon ("Roughly:\nreorder, …").

    Such a list is framed by the line above it, as a list of lines is."""
    if kind != "inline" or re.search(r"[\u4e00-\u9fff]", quote) or "\n" in quote:
        return False
    return re.search(r"[:：][ \t]*\n[ \t]*$", text[:start]) is not None


_LETTERED = re.compile(r"(?:^|(?<=[\s:(]))(?P<letter>[A-Ha-h])\)\s+(?P<item>[A-Za-z][^()\n]{0,40}?)\s*(?=[,;]?\s+(?:and\s+|or\s+)?\(?[A-Ha-h]\)\s|[.;\n]|$)")


def lettered_options(text: str) -> list[tuple[list[str], int, int]]:
    """"A) relevant B) somewhat relevant C) not relevant", "(a) apologizes, (b) offers a refund": options lettered in a row."""
    found: list[tuple[list[str], int, int]] = []
    run: list[re.Match[str]] = []
    for m in [*_LETTERED.finditer(text), None]:
        gap = text[run[-1].end() : m.start()] if m is not None and run else ""
        if m is not None and run and ord(m.group("letter").lower()) == ord(run[-1].group("letter").lower()) + 1 and re.fullmatch(r"[,;]?\s+(?:and\s+|or\s+)?\(?", gap):
            run.append(m)
            continue
        if len(run) >= 2:
            found.append(([r.group("item").strip() for r in run], run[0].start("item"), run[-1].end("item")))
        run = [m] if m is not None and m.group("letter").lower() == "a" else []
    return found
