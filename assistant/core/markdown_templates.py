"""Jinja environments for Markdown documents: the template is the layout, the catalogue the words.

A package keeps its templates as package data in `<package>/templates/*.md.j2` and renders them with
`render(folder, name, filters, **context)`; the words come in through a `t` function the caller passes
(see docs/messages.md). Markdown is not HTML, so nothing is auto-escaped: callers pass the rendered page
through `safe_markdown`, which keeps user text as text. jinja2 is imported on first use (fast startup).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

_ENVIRONMENTS: dict[Path, Any] = {}


def environment(folder: Path, filters: Mapping[str, Callable[..., Any]] | None = None) -> Any:  # -> jinja2.Environment
    """One environment per template folder, built on first use: lines stay lines (trim_blocks, lstrip_blocks),
    the final newline is kept, and an undefined name is an error rather than an empty string."""
    folder = Path(folder)
    found = _ENVIRONMENTS.get(folder)
    if found is None:
        import jinja2

        found = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        _ENVIRONMENTS[folder] = found
    if filters:
        found.filters.update(filters)
    return found


def render(folder: Path, name: str, filters: Mapping[str, Callable[..., Any]] | None = None, **context: Any) -> str:
    """The template `name` of `folder` rendered with `context`."""
    return environment(folder, filters).get_template(name).render(**context)
