"""The rulebook as the Markdown document annotators read, rendered from templates/rulebook.md.j2."""

from __future__ import annotations

from itertools import count
from pathlib import Path

from assistant.core.markdown_safe import safe_markdown
from assistant.core.markdown_templates import render
from assistant.core.models import Rulebook
from assistant.rulebook.document import (
    _change_line,
    _footer_parts,
    _label_origin,
    _negatives,
    _origin,
    _percent,
    _positives,
    _short,
    _source,
    _spans,
    _t,
    _task_line,
    _undefined,
    _verdict,
)

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE = "rulebook.md.j2"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, line breaks as <br>."""
    text = str(text).replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(part.strip() for part in text.splitlines()) if "\n" in text else text


def _indent(text: str, prefix: str) -> str:
    """Continuation lines of a list item, indented so they stay inside the item."""
    lines = str(text).splitlines() or [""]
    return ("\n" + prefix).join(line.rstrip() for line in lines)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(cell) for cell in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows)
    return lines


def to_markdown(rulebook: Rulebook) -> str:
    """The rulebook as the Markdown document annotators read, in the rulebook's language.

    Layout: templates/rulebook.md.j2; words: the catalogue's `rulebook.doc.*` texts.
    """
    words = _t(rulebook)
    sections = count(1)

    def t(key: str, **values: object) -> str:
        return words[key].format(**values) if values else words[key]

    with_labels = any(edge.labels for edge in rulebook.edge_cases)
    page = render(
        TEMPLATES,
        TEMPLATE,
        {"cell": _cell, "indent_item": _indent, "percent": _percent},
        rb=rulebook,
        t=t,
        colon=words["colon"],
        next_section=lambda: next(sections),
        task_line=_task_line(rulebook, words),
        footer=_footer_parts(rulebook, words),
        origin=lambda part: _origin(rulebook, part, words),
        label_origin=lambda label: _label_origin(rulebook, label, words),
        undefined=_undefined,
        positives=_positives,
        negatives=_negatives,
        verdict=lambda example, label: _verdict(example, label, words),
        spans=lambda example: _spans(example, words),
        source=lambda source: _source(source, words),
        overview_rows=[
            [
                label.name,
                words["needs_definition"] if _undefined(label) else _short(label.definition),
                str(len(_positives(label))),
                str(len(_negatives(label))),
            ]
            for label in rulebook.labels
        ],
        edge_header=[words["case"], words["resolution"]] + ([words["about"]] if with_labels else []) + [words["source"]],
        edge_rows=[
            [edge.case, edge.resolution]
            + ([words["list_sep"].join(edge.labels)] if with_labels else [])
            + [_source(edge.source, words)]
            for edge in rulebook.edge_cases
        ],
        changelog_rows=[[f"v{entry.version}", entry.date, _change_line(rulebook, entry.change)] for entry in rulebook.changelog],
    )
    return safe_markdown(page)  # user text stays text (issue 14)
