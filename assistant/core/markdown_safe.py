"""User text stays text inside Markdown.

Requests, labels, definitions, round names and annotator names are user text. Inside a Markdown
export or an app page they must not become HTML (`<img>`, `<script>`) or images that a viewer
fetches from a remote server (`![x](https://tracker/p.png)`, a tracking pixel).

`safe_markdown(document)` post-processes a whole generated document: raw HTML tags become
visible text (`&lt;img ...&gt;`), except the `<br>`, `<sub>`, `<sup>` and page-break `<div>` the exporters write, and
remote or reference-style images become plain text; local images (report charts beside the
report) are kept. Fenced code blocks and inline code are left alone (nothing renders there).
`inline_text(text)` makes one piece of user text inert for a Markdown line or a widget label.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"(^```.*?^```[^\n]*$|`[^`\n]+`)", re.M | re.S)
# The only tags the exporters write themselves: line breaks in table cells, small print, and the
# training pack's page break before its cheat sheet (no attribute of it can load anything).
_OWN_TAGS = r"(?!(?:br\s*/?|/?sub|/?sup|div style=\"page-break-before: always\"|/div)>)"
_TAG = re.compile(r"<" + _OWN_TAGS + r"(/?[A-Za-z!?][^<>]*)>", re.I)
_OPEN_TAG = re.compile(r"<(?=/?[A-Za-z!?])" + _OWN_TAGS, re.I)  # an unclosed tag start, e.g. "<img src=..."
_REMOTE_IMAGE = re.compile(r"(?<!\\)!\[([^\]\n]*)\]\(\s*((?:[a-z][a-z0-9+.\-]*:|//)[^)\n]*)\)", re.I)
_REFERENCE_IMAGE = re.compile(r"(?<!\\)!\[([^\]\n]*)\]\[([^\]\n]*)\]")


def _clean(part: str) -> str:
    part = _TAG.sub(lambda match: f"&lt;{match.group(1)}&gt;", part)
    part = _OPEN_TAG.sub("&lt;", part)
    part = _REMOTE_IMAGE.sub(lambda match: f"!\\[{match.group(1)}\\]({match.group(2)})", part)
    return _REFERENCE_IMAGE.sub(lambda match: f"!\\[{match.group(1)}\\]\\[{match.group(2)}\\]", part)


def safe_markdown(document: str) -> str:
    """The document with raw HTML and remote images from user text made inert (see module doc)."""
    pieces = _FENCE.split(document)
    return "".join(piece if index % 2 else _clean(piece) for index, piece in enumerate(pieces))


def inline_text(text: object) -> str:
    """One piece of user text, inert in a Markdown line or a Streamlit label: no image, no HTML."""
    value = "" if text is None else str(text)
    value = value.replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("![", "!\\[")
