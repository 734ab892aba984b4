"""Reading and writing the tabular files users bring: CSV, JSONL (or a JSON list) and XLSX.

Errors name the file and the line; files are written atomically (a temporary file renamed into
place), so a crash never leaves half a file where a finished one was expected.
"""

from __future__ import annotations

from collections import Counter

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.safe_paths import atomic_writer  # noqa: F401 - re-exported: atomic, input-safe writing lives in safe_paths
from assistant.integrations.spreadsheets import read_xlsx

FORMATS = ("csv", "jsonl", "json", "xlsx")


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson"):
        return "jsonl"
    if suffix in ("csv", "tsv", "json", "xlsx"):
        return suffix
    raise InputError(Message("error.datafiles.unsupported_type", path=str(path), suffix=path.suffix or Message("error.datafiles.no_suffix")))


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(Message("error.datafiles.not_found", path=str(path))) from error
    except IsADirectoryError as error:
        raise InputError(Message("error.datafiles.is_directory", path=str(path))) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(Message("error.datafiles.not_utf8", path=str(path), line=line, byte=error.start)) from error
    if not text.strip():
        raise InputError(Message("error.datafiles.empty", path=str(path)))
    return text


def _cell(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def read_records(path: Path | str, *, sheet: str | None = None, header_row: int | None = None) -> list[dict[str, Any]]:
    """All records of a data file as dicts (column name -> value).

    For .xlsx, ``sheet`` and ``header_row`` choose the sheet and the row of column names (by default
    the first sheet with a table and its first row of column names: see :mod:`assistant.integrations.spreadsheets`).
    """
    path = Path(path)
    kind = detect_format(path)
    if kind == "xlsx":
        return _read_xlsx(path, sheet, header_row)
    text = _text(path)
    if kind in ("csv", "tsv"):
        return _read_csv(path, text, "\t" if kind == "tsv" else ",")
    if kind == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(Message("error.datafiles.invalid_json", path=str(path), line=error.lineno, reason=error.msg)) from error
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise InputError(Message("error.datafiles.not_a_list", path=str(path)))
        return data
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(Message("error.datafiles.line_not_json", path=str(path), line=number, reason=error.msg)) from error
        if not isinstance(record, dict):
            raise InputError(Message("error.datafiles.line_not_object", path=str(path), line=number))
        records.append(record)
    return records


def csv_header(path: Path, reader: Iterator[list[str]]) -> list[str]:
    """The column names of a CSV/TSV reader's first row, checked: present, named, no duplicates."""
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(Message("error.datafiles.empty", path=str(path))) from None
    except csv.Error as error:
        raise InputError(Message("error.datafiles.bad_csv_header", path=str(path), reason=str(error))) from error
    header = [name.strip() for name in header]
    if not any(header):
        raise InputError(Message("error.datafiles.no_header", path=str(path)))

    duplicates = sorted(name for name, count in Counter(header).items() if name and count > 1)
    if duplicates:
        raise InputError(Message("error.datafiles.duplicate_columns", path=str(path), columns=str(duplicates)))
    return header


def _read_csv(path: Path, text: str, delimiter: str) -> list[dict[str, Any]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = csv_header(path, reader)
    records = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    Message("error.datafiles.field_count", path=str(path), line=reader.line_num, fields=len(row), header=len(header))
                )
            records.append({name: _cell(value) for name, value in zip(header, row)})
    except csv.Error as error:
        raise InputError(Message("error.datafiles.bad_csv", path=str(path), line=reader.line_num, reason=str(error))) from error
    return records


def _read_xlsx(path: Path, sheet: str | None = None, header_row: int | None = None) -> list[dict[str, Any]]:
    return read_xlsx(path, sheet=sheet, header_row=header_row)


def require_columns(path: Path | str, records: list[dict[str, Any]], *columns: str) -> None:
    if not records:
        raise InputError(Message("error.datafiles.no_records", path=str(path)))
    present = set().union(*(record.keys() for record in records[:50]))
    missing = [column for column in columns if column not in present]
    if missing:
        raise InputError(Message("error.datafiles.missing_columns", path=str(path), missing=str(missing), present=str(sorted(present))))


def write_records(path: Path | str, records: Iterable[dict[str, Any]], fmt: str | None = None) -> Path:
    """Write records as CSV, JSONL, JSON or XLSX (atomically)."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    records = list(records)
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        columns = _columns(records)
        sheet.append(columns)
        for record in records:
            sheet.append([_flat(record.get(column)) for column in columns])
        with atomic_writer(path, "wb") as stream:
            workbook.save(stream)
        return path
    with atomic_writer(path) as stream:
        if fmt == "csv":
            columns = _columns(records)
            writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for record in records:
                writer.writerow({column: _flat(record.get(column)) for column in columns})
        elif fmt == "json":
            json.dump(records, stream, ensure_ascii=False, indent=2)
        else:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _columns(records: list[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    return list(columns)


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
