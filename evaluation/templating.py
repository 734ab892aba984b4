"""Jinja templates for the evaluation step's Markdown reports (``evaluation/templates/*.md.j2``).

A template is layout only: every word comes from the message catalogue through the ``t`` function the
caller passes in, and values are escaped for Markdown tables with the ``cell`` or ``md_line`` filter.
Tables are drawn by the ``table`` macro of ``_tables.md.j2``.

    render("batch_report.md.j2", t=words, report=view)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.core import markdown_templates

TEMPLATES_DIR = Path(__file__).with_name("templates")

__all__ = ["TEMPLATES_DIR", "md_cell", "md_line", "render"]


def md_cell(value: Any) -> str:
    """A value as one Markdown table cell: whitespace runs collapsed to one space, `|` escaped."""
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def md_line(value: Any) -> str:
    """A value as one Markdown table cell, spacing kept: newlines become spaces, `|` is escaped."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def render(name: str, **context: Any) -> str:
    """Render the template `name` from evaluation/templates with `context` (the one Jinja set-up of
    assistant.core.markdown_templates, with this step's table filters)."""
    return markdown_templates.render(TEMPLATES_DIR, name, {"cell": md_cell, "md_line": md_line}, **context)
