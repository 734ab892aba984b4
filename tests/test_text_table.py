"""Terminal tables line up with Chinese and English cells mixed (one rich-based helper, no hand-written widths)."""

from __future__ import annotations

import unicodedata

from assistant.core.text_table import text_table


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_start(line: str, cell: str) -> int:
    """The display column where `cell` starts in `line`."""
    return display_width(line[: line.index(cell)])


def test_mixed_chinese_and_english_cells_start_at_the_same_column():
    rows = [["准确率", "0.912", "[0.850–0.950]"], ["accuracy of batch", "0.88", "[0.800–0.930]"], ["标注员甲", "1.000", ""]]
    lines = text_table(rows, justify="lr").splitlines()
    assert len(lines) == 3
    assert len({column_start(line, "[") for line in lines if "[" in line}) == 1
    ends = {column_start(line, value) + len(value) for line, value in zip(lines, ["0.912", "0.88", "1.000"])}
    assert len(ends) == 1  # right-justified numbers end in the same column
    assert all(line.startswith("  ") and line == line.rstrip() for line in lines)


def test_headers_brackets_and_no_colour_codes():
    out = text_table([["第一批", "12 ✓"], ["b2", "3"]], headers=["批次", "items"], justify="lr")
    assert "\x1b" not in out  # plain text, never ANSI codes
    head, first, second = out.splitlines()
    assert column_start(head, "批次") == column_start(first, "第一批") == column_start(second, "b2") == 2
    assert column_start(head, "items") + 5 == column_start(first, "12 ✓") + 4 == column_start(second, "3") + 1
    assert "[red]x[/red]" in text_table([["[red]x[/red]"]])  # cells are text, never rich markup


def test_minimum_width_and_empty_table():
    assert column_start(text_table([["任务", "x"]], min_widths=[18]), "x") == 2 + 18 + 2
    assert text_table([]) == ""
