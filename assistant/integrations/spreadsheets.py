"""Reading .xlsx workbooks as people make them.

* **Which sheet:** ``sheet`` (a name, or a 1-based number); by default the first sheet that holds a
  table (a header row and data under it), so an instructions sheet in front is passed over.
* **Which row is the header:** ``header_row`` (1-based); by default the first row that looks like
  column names -- two or more distinct text cells, about as wide as the table under it -- so title
  rows and notes above the table are skipped.
* **Merged cells** under the header take the value of their merged range (an annotator's name
  merged down over their rows is on every row).
* **Formula cells** give the value Excel saved with the file. A formula without a saved value (a
  file written by a script and never opened in Excel) is an error naming the cell.
"""

from __future__ import annotations

import zipfile

from pathlib import Path
from typing import Any

from assistant.core.errors import InputError
from assistant.core.messages import Message

__all__ = ["read_xlsx", "sheet_names"]

_SCAN = 30  # rows looked at to find the header


def _open(path: Path, data_only: bool):

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, data_only=data_only)
    except FileNotFoundError as error:
        raise InputError(Message("error.spreadsheets.not_found", path=str(path))) from error
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as error:
        raise InputError(Message("error.spreadsheets.not_xlsx", path=str(path))) from error


def sheet_names(path: Path | str) -> list[str]:
    workbook = _open(Path(path), data_only=True)
    return list(workbook.sheetnames)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows(sheet) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _header_score(row: list[Any], width: int) -> bool:
    cells = [c for c in row if not _blank(c)]
    texts = [str(c).strip() for c in cells if isinstance(c, str)]
    return len(cells) >= 2 and len(texts) == len(cells) and len(set(texts)) == len(texts) and len(cells) >= 0.6 * width


def _find_header(rows: list[list[Any]], strict: bool = True) -> int | None:
    """0-based index of the header row, or None when the sheet holds no table.

    Not ``strict``: a one-column table counts too (its first non-empty text cell with data below).
    """
    for index, row in enumerate(rows[:_SCAN]):
        below = [r for r in rows[index + 1 : index + 11] if any(not _blank(c) for c in r)]
        if not below:
            continue
        width = max(sum(not _blank(c) for c in r) for r in [row, *below])
        if _header_score(row, width):
            return index
    if not strict:
        for index, row in enumerate(rows[:_SCAN]):
            cells = [c for c in row if not _blank(c)]
            if cells:
                below = any(any(not _blank(c) for c in r) for r in rows[index + 1 :])
                return index if below and all(isinstance(c, str) for c in cells) else None
    return None


def _pick_sheet(path: Path, workbook, sheet: str | None):
    names = workbook.sheetnames
    if sheet is not None:
        if sheet in names:
            return workbook[sheet]
        if sheet.isdigit() and 1 <= int(sheet) <= len(names):
            return workbook[names[int(sheet) - 1]]
        raise InputError(Message("error.spreadsheets.no_sheet", path=str(path), sheet=sheet, sheets=str(names)))
    for strict in (True, False):
        for name in names:
            if _find_header(_rows(workbook[name]), strict) is not None:
                return workbook[name]
    raise InputError(Message("error.spreadsheets.no_table", path=str(path), sheets=str(names)))


def _fill_merged(sheet, rows: list[list[Any]], first_data: int) -> None:
    """Cells of a merged range (below the header) take the range's top-left value."""
    for merged in sheet.merged_cells.ranges:
        top = merged.min_row - 1
        value = rows[top][merged.min_col - 1] if top < len(rows) else None
        for r in range(max(merged.min_row - 1, first_data), min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(rows[r]) and rows[r][c] is None:
                    rows[r][c] = value


def _check_formulas(path: Path, sheet_name: str, values: list[list[Any]], first_data: int) -> None:
    """A formula cell without a cached value reads as None with data_only; find it and say so."""
    from openpyxl.utils import get_column_letter

    formulas = _open(path, data_only=False)[sheet_name]
    for r, row in enumerate(formulas.iter_rows(min_row=first_data + 1), start=first_data):
        for c, cell in enumerate(row):
            if cell.data_type == "f" and (r >= len(values) or c >= len(values[r]) or values[r][c] is None):
                where = f"{get_column_letter(c + 1)}{r + 1}"
                raise InputError(
                    Message("error.spreadsheets.unsaved_formula", path=str(path), sheet=sheet_name, cell=where, formula=str(cell.value))
                )


def read_xlsx(path: Path | str, *, sheet: str | None = None, header_row: int | None = None) -> list[dict[str, Any]]:
    """Records (column name -> value) of one sheet (see the module docstring)."""
    path = Path(path)
    workbook = _open(path, data_only=True)
    ws = _pick_sheet(path, workbook, sheet)
    rows = _rows(ws)
    if header_row is not None:
        if header_row < 1 or header_row > len(rows):
            raise InputError(Message("error.spreadsheets.header_row_outside", path=str(path), sheet=ws.title, rows=len(rows), header_row=header_row))
        head = header_row - 1
    else:
        found = _find_header(rows)
        if found is None:
            found = _find_header(rows, strict=False)
        if found is None:
            raise InputError(Message("error.spreadsheets.no_header", path=str(path), sheet=ws.title))
        head = found
    names = [str(c).strip() if not _blank(c) else "" for c in rows[head]]
    if sum(bool(n) for n in names) == 0:
        raise InputError(Message("error.spreadsheets.empty_header", path=str(path), sheet=ws.title, row=head + 1))
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        raise InputError(Message("error.spreadsheets.duplicate_columns", path=str(path), sheet=ws.title, row=head + 1, columns=str(duplicates)))
    _fill_merged(ws, rows, head + 1)
    if any(value is None for row in rows[head + 1 :] for value in row):
        _check_formulas(path, ws.title, rows, head + 1)  # only a blank can be a formula without a saved value
    records = []
    for row in rows[head + 1 :]:
        if all(_blank(c) for c in row):
            continue
        records.append({name: (value.strip() if isinstance(value, str) else value) for name, value in zip(names, row) if name})
    if not records:
        raise InputError(Message("error.spreadsheets.no_rows", path=str(path), sheet=ws.title, row=head + 1))
    return records
