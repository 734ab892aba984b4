"""One way to read a spreadsheet, CSV or JSON cell as text (or as an id), used by every reader.

Cells arrive as whatever the file's reader made of them: text from CSV, numbers and dates from XLSX
(an id column typed as numbers gives ``3.0``), ``NaN`` from a pandas frame, booleans and lists from
JSON. Item files, label files, QA samples, batch files, Label Studio exports and training answers all
turn them into text here, so the same cell is the same text whichever file it came from.

    >>> [cell_text(v) for v in (None, float("nan"), "  ", 3.0, 2.5, True, " 投诉 ", ["a", "b"])]
    [None, None, None, '3', '2.5', 'true', '投诉', '["a", "b"]']
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from decimal import Decimal
from typing import Any


def cell_text(value: Any, *, strip: bool = True) -> str | None:
    """A cell as text, or None for an empty cell.

    * None, NaN and blank text are empty (None);
    * a whole number stored as a float is the integer: ``3.0`` -> ``"3"`` (XLSX numbers, pandas columns);
    * booleans are ``"true"`` / ``"false"`` (JSON spelling, whatever the file type);
    * a date at midnight is ``"2026-12-01"``, a date-time ``"2026-12-01 09:30:00"``;
    * lists and mappings are JSON text (``["a", "b"]``), never Python's repr;
    * text is stripped of surrounding whitespace, unless ``strip=False`` (label files keep a label exactly
      as written, so that ``"Positive "`` is reported as a variant of ``positive`` rather than silently merged).
    """
    if value is None or type(value).__name__ == "NaTType":  # pandas' missing date
        return None
    if isinstance(value, bool) or (type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, Decimal):
        if value.is_nan():
            return None
        return str(int(value)) if value == value.to_integral_value() else str(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False, default=str)
    text = str(value)
    if not text.strip():
        return None
    return text.strip() if strip else text


def cell_id(value: Any) -> str | None:
    """A cell used as an item or annotator id: its text (``3.0`` -> ``"3"``, ``"007"`` stays ``"007"``), or None."""
    return cell_text(value)
