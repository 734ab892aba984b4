"""Lines broken inside a sentence: a request pasted from an email or a narrow editor is wrapped at a width,
and the wrap may fall inside a list of labels:

- after a separator: `…, accessibility seating,⏎parking, complaints, other?`, `Relevant / Somewhat relevant /⏎Not relevant`,
  `…、物流问题、⏎售后问题`;
- after a word that cannot end a sentence: `…; withdrawal from⏎representation; other.`, `spam, scam or⏎fine`.

Such a line break is a space, not the end of the list. A break before a bullet or a numbered line, or after a
colon, stays: that is a list of lines. Unwrapping keeps every position (one character for one), so a quote
read from the unwrapped text is found in the request at the same place.
"""

from __future__ import annotations

import re

__all__ = ["mask_aliases", "original_quote", "unwrap"]

# the line ends with a list separator or a word that needs another after it
_OPEN_END = re.compile(
    r"(?:[,，、/;；&]|\s[-–—]|(?<![A-Za-z])(?:or|and|from|of|to|the|a|an|for|with|by|as|in|on|at|vs\.?|versus|nor|into|about)|或|或者|和|与|及|还是)[ \t]*$",
    re.I,
)
# the next line starts a line of its own: a bullet, a number or letter marker, a quote of a thread, a heading
_OWN_LINE = re.compile(r"^[ \t]*(?:[-*•·+>#]|\d{1,2}\s*[.)、）:：]|[（(]\d{1,2}[)）]|[①-⑩]|[a-zA-Z][.)]\s|$)")


def _width(line: str) -> int:
    """Columns the line takes: a Chinese character is two."""
    return len(line) + len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", line))


def unwrap(text: str) -> str:
    """`text` with line breaks inside a sentence turned into spaces (same length)."""
    out = list(text)
    lines = text.split("\n")
    at = 0
    for index, line in enumerate(lines[:-1]):
        at += len(line)
        following = lines[index + 1]
        # a line of its own keeps its break; so does a short line ("Labels:", "- spam,") that is a list of lines
        if _OPEN_END.search(line) and not _OWN_LINE.match(following) and not _OWN_LINE.match(line) and _width(line.strip()) >= 30:
            out[at] = " "
        at += 1
    return "".join(out)


# "cinematographer (a.k.a. DP / DoP), editor, …": the dots of an alias marker in brackets end no sentence
_ALIAS = re.compile(r"(?<=[(（])\s*(?:a\.k\.a\.|aka\.)", re.I)


def mask_aliases(text: str) -> str:
    """`text` with the dots of "(a.k.a. …" turned into spaces (same length), so a list goes on past the alias."""
    return _ALIAS.sub(lambda m: m.group(0).replace(".", " "), text)


def original_quote(quote: str, unwrapped: str, original: str) -> str:
    """The request's own words for a quote read from the unwrapped text."""
    if quote in original:
        return quote
    at = unwrapped.find(quote)
    return original[at : at + len(quote)] if at >= 0 else quote
