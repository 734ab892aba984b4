"""Items from a data file one at a time, for files too large to hold in memory.

- **CSV, TSV and JSONL stream**: records are parsed as they are read (the csv module; JSONL line by
  line), so memory does not grow with the number of rows. A malformed line is an `InputError`
  naming the file and the line, raised when the reader reaches it (earlier records have already
  been given out).
- **.xlsx and .json (a JSON list) are read whole** (Excel's row limit bounds an .xlsx; a JSON list
  is one value). For a file of millions of rows use CSV or JSONL.

`open_items(path)` first scans the file once (counting records, collecting the columns, and finding
a malformed line before any work starts), then each iteration of the returned `ItemStream` reads the
file again and yields `Item`s with the same ids, per-row errors and notes as `items.load_items`.
Only the ids seen are kept (for duplicate-id detection), never the rows.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.integrations.datafiles import csv_header
from assistant.prelabel.items import DEFAULT_ID_FIELD, DEFAULT_TEXT_FIELD, Item, ItemBuilder
from assistant.core.settings import get_settings
from assistant.integrations.datafiles import detect_format, read_records

STREAMED_FORMATS = ("csv", "tsv", "jsonl")


def _open_binary(path: Path):
    try:
        return path.open("rb")
    except FileNotFoundError as error:
        raise InputError(Message("error.datafiles.not_found", path=str(path))) from error
    except IsADirectoryError as error:
        raise InputError(Message("error.datafiles.is_directory", path=str(path))) from error


def _not_utf8(path: Path) -> InputError:
    """The error for a file that is not UTF-8, naming the first bad line (found line by line)."""
    with path.open("rb") as handle:
        offset = 0
        for number, line in enumerate(handle, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                return InputError(Message("error.datafiles.not_utf8", path=str(path), line=number, byte=offset + error.start))
            offset += len(line)
    return InputError(Message("error.item_stream.not_utf8", path=str(path)))


def _cell(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _iter_csv(path: Path, delimiter: str) -> Iterator[dict[str, Any]]:
    with _open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = csv_header(path, reader)
            width = len(header)
            try:
                for row in reader:
                    if not any(cell.strip() for cell in row):
                        continue
                    if len(row) != width:
                        raise InputError(
                            Message("error.item_stream.wrong_field_count", path=str(path), line=reader.line_num, count=len(row), width=width)
                        )
                    yield {name: _cell(value) for name, value in zip(header, row)}
            except csv.Error as error:
                raise InputError(Message("error.item_stream.malformed_csv", path=str(path), line=reader.line_num, reason=str(error))) from error
        except UnicodeDecodeError:
            raise _not_utf8(path) from None


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with _open_binary(path) as raw:
        anything = False
        for number, data in enumerate(raw, 1):
            try:
                line = data.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise _not_utf8(path) from None
            if not line.strip():
                continue
            anything = True
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(Message("error.item_stream.invalid_json_line", path=str(path), line=number, reason=error.msg)) from error
            if not isinstance(record, dict):
                raise InputError(Message("error.item_stream.not_an_object", path=str(path), line=number))
            yield record
        if not anything:
            raise InputError(Message("error.datafiles.empty", path=str(path)))


def iter_records(path: Path | str, *, sheet: str | None = None, header_row: int | None = None) -> Iterator[dict[str, Any]]:
    """The records of a data file, one at a time (CSV/TSV/JSONL lazily; .xlsx and .json read whole)."""

    path = Path(path)
    kind = detect_format(path)
    if kind in ("csv", "tsv"):
        return _iter_csv(path, "\t" if kind == "tsv" else ",")
    if kind == "jsonl":
        return _iter_jsonl(path)
    return iter(read_records(path, sheet=sheet, header_row=header_row))


@dataclass
class ItemStream:
    """The items of one data file, read again (lazily for CSV/TSV/JSONL) on every iteration.

    `total` is the number of records, `columns` their columns; after an iteration, `notes` holds what
    `load_items` would note (the text column found, ids generated, ...).
    """

    path: Path
    total: int
    columns: list[str]
    text_field: str
    id_field: str
    generated_ids: bool
    pairwise: bool
    notes: list[str] = field(default_factory=list)
    _options: dict[str, Any] = field(default_factory=dict, repr=False)
    _records: list[dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def streamed(self) -> bool:
        return self._records is None

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Item]:
        builder = self._builder()
        records = iter(self._records) if self._records is not None else iter_records(self.path)
        for record in records:
            yield builder.item(record)
        self.notes = builder.final_notes()

    def _builder(self) -> ItemBuilder:
        options = self._options
        return ItemBuilder.for_columns(
            self.columns,
            source=str(self.path),
            text_field=options["text_field"],
            id_field=options["id_field"],
            require_id=options["require_id"],
            max_chars=options["max_chars"],
        )


def open_items(
    path: Path | str,
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str | None = DEFAULT_ID_FIELD,
    require_id: bool = False,
    sheet: str | None = None,
    header_row: int | None = None,
    max_chars: int | None = None,
) -> ItemStream:
    """Scan a data file once (count, columns, malformed lines) and return its items as a stream.

    The errors are `load_items`'s: a file that cannot be read, a malformed line, no records, no text
    column, a required id column missing -- all raised here, before any item is given out.
    """

    path = Path(path)
    if max_chars is None:

        max_chars = get_settings().max_item_chars
    kept: list[dict[str, Any]] | None = None
    if detect_format(path) in STREAMED_FORMATS:
        records: Any = iter_records(path)
    else:
        records = kept = list(iter_records(path, sheet=sheet, header_row=header_row))
    columns: dict[str, None] = {}
    total = 0
    for record in records:
        total += 1
        columns.update(dict.fromkeys(record))
    if not total:
        raise InputError(Message("error.items.no_records", source=str(path)))
    options: dict[str, Any] = {"text_field": text_field, "id_field": id_field, "require_id": require_id, "max_chars": max_chars}
    builder = ItemBuilder.for_columns(columns, source=str(path), **options)  # the column errors, now
    return ItemStream(
        path=path,
        total=total,
        columns=list(columns),
        text_field=builder.text_field,
        id_field=builder.id_field,
        generated_ids=not builder.has_ids,
        pairwise=builder.pairwise is not None,
        notes=list(builder.notes),
        _options=options,
        _records=kept,
    )
