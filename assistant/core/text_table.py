"""Plain-text tables for the terminal, with CJK-aware column widths (rich does the measuring).

One helper instead of hand-written display-width padding: a Chinese character takes two columns,
so `str.ljust` misaligns mixed zh/en tables. The output is plain text (no colours, no borders,
no wrapping), the same on a TTY and in a pipe, so tests and scripts can read it.

    >>> print(text_table([["准确率", "0.91"], ["accuracy", "0.88"]], justify="lr"))
      准确率    0.91
      accuracy  0.88
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Literal, Optional


def text_table(
    rows: Sequence[Sequence[object]],
    *,
    headers: Optional[Sequence[str]] = None,
    justify: str = "",
    indent: int = 2,
    gap: int = 2,
    min_widths: Sequence[int] = (),
) -> str:
    """Rows (and optional headers) as aligned lines of text.

    `justify` gives one letter per column, `l` (default) or `r`; `min_widths` the least display width
    of the first columns. Cells are shown as text, never as rich markup, so `[brackets]` stay as written.
    Trailing spaces are stripped from every line.
    """
    from rich.console import Console  # rich is in lazy.HEAVY: only commands that print a table load it
    from rich.table import Table
    from rich.text import Text

    count = max([len(headers or ())] + [len(row) for row in rows]) if rows or headers else 0
    if count == 0:
        return ""
    table = Table(box=None, show_header=headers is not None, show_edge=False, pad_edge=False,
                  padding=(0, gap, 0, 0), collapse_padding=False, highlight=False)
    for index in range(count):
        side: Literal["left", "right"] = "right" if index < len(justify) and justify[index] == "r" else "left"
        header = Text(str(headers[index])) if headers is not None and index < len(headers) else Text("")
        table.add_column(header=header, justify=side, no_wrap=True,
                         min_width=min_widths[index] if index < len(min_widths) else None)
    for row in rows:
        table.add_row(*(Text("" if cell is None else str(cell)) for cell in row), *([Text("")] * (count - len(row))))
    out = io.StringIO()
    console = Console(file=out, width=100_000, color_system=None, force_terminal=False, no_color=True,
                      highlight=False, markup=False, emoji=False, legacy_windows=False)
    console.print(table, crop=False, soft_wrap=False)
    prefix = " " * indent
    return "\n".join(prefix + line.rstrip() for line in out.getvalue().rstrip("\n").split("\n"))
