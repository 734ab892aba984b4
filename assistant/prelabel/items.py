"""Items to label: loaded from CSV, JSONL, JSON or XLSX, each with a stable id.

- The text column is `text_field` (default "text"). A file without it is an `InputError` that names
  the file and the columns it has.
- The id column is `id_field` (default "id"). When the file has no such column (and the column was
  not asked for explicitly), ids are generated from the content: "r-" + the first 12 hex digits of
  sha1(text), with "-2", "-3", ... for the second, third ... identical text, by order of occurrence.
  Re-reading the same file gives the same ids, so runs can be resumed. A blank id cell gets a
  content id the same way.
- A row with empty text, or whose id repeats an earlier row's, is not a crash: it becomes an item
  carrying an `error`, written to the output as an error record (a repeated id is written under
  "<id>#row<N>" so the output never holds the same id twice) and counted in the summary.
- A preference file (columns prompt, answer_a, answer_b, or usual aliases such as question /
  response_a / response_b, 问题 / 回答A / 回答B) keeps the three fields in `Item.fields` (under those
  three names, for Label Studio's pairwise layout); without a text column the text the model sees is
  the three, each under its own heading ("### Prompt (问题)", "### Answer A (回答A)", "### Answer B (回答B)").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from assistant.core.messages import text as message_text
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.integrations.cells import cell_id, cell_text
from assistant.core.settings import get_settings
from assistant.integrations.columns import find_column
from assistant.integrations.datafiles import read_records

DEFAULT_TEXT_FIELD = "text"
DEFAULT_ID_FIELD = "id"


@dataclass(frozen=True)
class Item:
    """One thing to label. `row` is the 1-based record number in the source (0 when unknown).

    `fields` holds a preference item's prompt, answer_a and answer_b (empty for other items).
    """

    id: str
    text: str
    row: int = 0
    error: str | None = None
    fields: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ItemSet:
    """Items in input order, with where they came from."""

    items: list[Item]
    source: str = "items"
    text_field: str = DEFAULT_TEXT_FIELD
    id_field: str = DEFAULT_ID_FIELD
    generated_ids: bool = False
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    @property
    def valid(self) -> list[Item]:
        return [item for item in self.items if item.ok]

    @property
    def errors(self) -> list[Item]:
        return [item for item in self.items if not item.ok]


def content_id(text: str) -> str:
    """The generated id of a text: "r-" + the first 12 hex digits of its sha1."""
    return "r-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


PAIRWISE_FIELDS = ("prompt", "answer_a", "answer_b")
PAIRWISE_HEADINGS = {"prompt": "### Prompt (问题)", "answer_a": "### Answer A (回答A)", "answer_b": "### Answer B (回答B)"}


def pairwise_columns(columns: Iterable[str]) -> dict[str, str] | None:
    """The file's columns for prompt, answer_a and answer_b (by usual names), or None unless all three are there."""

    columns = list(columns)
    found = {role: find_column(columns, role) for role in PAIRWISE_FIELDS}
    if any(column is None for column in found.values()):
        return None
    return found  # type: ignore[return-value]


def pairwise_text(fields: Mapping[str, str]) -> str:
    """The text a model sees for a preference item: the three fields, each under its own heading."""
    return "\n\n".join(f"{PAIRWISE_HEADINGS[name]}\n{fields.get(name, '')}" for name in PAIRWISE_FIELDS)


@dataclass
class ItemBuilder:
    """Turns records into Items one at a time: the column choices, plus the state ids need.

    Made by `ItemBuilder.for_columns` from the file's columns (all of them, from every record). The
    state (ids seen, content ids generated) is what makes duplicate ids and repeated texts come out
    as described in the module docstring, whether the records are a list or a stream.
    """

    source: str
    text_field: str
    id_field: str
    has_ids: bool
    pairwise: dict[str, str] | None
    max_chars: int
    notes: list[str] = field(default_factory=list)
    rows: int = 0
    generated: int = 0
    first_row: dict[str, int] = field(default_factory=dict, repr=False)
    content_seen: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def for_columns(
        cls,
        columns: Iterable[str],
        *,
        source: str = "items",
        text_field: str = DEFAULT_TEXT_FIELD,
        id_field: str | None = DEFAULT_ID_FIELD,
        require_id: bool = False,
        max_chars: int | None = None,
    ) -> "ItemBuilder":
        if max_chars is None:

            max_chars = get_settings().max_item_chars
        columns = dict.fromkeys(columns)
        notes = []
        pairwise = pairwise_columns(columns)
        if pairwise is not None:
            notes.append(message_text("prelabel.note.preference_file", "en", roles=", ".join(f"{role} = {column}" for role, column in pairwise.items())))
        if text_field not in columns and text_field == DEFAULT_TEXT_FIELD:

            found = find_column(columns, "text") if pairwise is None else None
            if pairwise is not None:
                text_field = ""  # the text is made of the three fields
                if DEFAULT_ID_FIELD not in columns and (id_field or DEFAULT_ID_FIELD) == DEFAULT_ID_FIELD:
                    id_found = find_column(columns, "id")
                    if id_found is not None:
                        id_field = id_found
                        notes.append(message_text("prelabel.note.id_column", "en", column=id_found))
            elif found is not None:
                text_field = found
                notes.append(message_text("prelabel.note.text_column", "en", column=found))
                if (id_field or DEFAULT_ID_FIELD) == DEFAULT_ID_FIELD and DEFAULT_ID_FIELD not in columns:
                    id_found = find_column(columns, "id")
                    if id_found is not None:
                        id_field = id_found
                        notes.append(message_text("prelabel.note.id_column", "en", column=id_found))
        if text_field not in columns and pairwise is None:
            raise InputError(Message("error.items.no_text_column", source=str(source), field=text_field, columns=str(list(columns))))
        id_field = id_field or DEFAULT_ID_FIELD
        has_ids = id_field in columns
        if require_id and not has_ids:
            raise InputError(Message("error.items.no_id_column", source=str(source), field=id_field, columns=str(list(columns))))
        return cls(source=source, text_field=text_field, id_field=id_field, has_ids=has_ids, pairwise=pairwise, max_chars=max_chars, notes=notes)

    def item(self, record: Mapping[str, Any]) -> Item:
        """The Item of the next record (rows are numbered in the order records are given)."""
        self.rows += 1
        row = self.rows
        pairwise, text_field = self.pairwise, self.text_field
        fields = {role: cell_text(record.get(column)) or "" for role, column in pairwise.items()} if pairwise else {}
        text = (cell_text(record.get(text_field)) or "") if text_field else pairwise_text(fields)
        given = (cell_id(record.get(self.id_field)) or "") if self.has_ids else ""
        if given:
            item_id = given
        else:
            base = content_id(text)
            seen = self.content_seen.get(base, 0) + 1
            self.content_seen[base] = seen
            item_id = base if seen == 1 else f"{base}-{seen}"
            self.generated += 1
        error = None
        first_row = self.first_row
        if item_id in first_row:
            error = (
                f"duplicate id {item_id!r} (first on row {first_row[item_id]}); this row was not labeled: "
                "give every row a unique id"
            )
            alias = f"{item_id}#row{row}"
            while alias in first_row:
                alias += "'"
            item_id = alias
        first_row.setdefault(item_id, row)  # every id given out is taken (an alias too)
        if error is None and not text:
            error = f"empty text in column {text_field!r} (row {row})"
        if error is None and fields:
            empty = [pairwise[role] for role in PAIRWISE_FIELDS[1:] if not fields[role]]  # type: ignore[index]
            if empty:
                error = f"empty answer in column(s) {empty} (row {row}); a preference item needs both answers"
        if len(text) > self.max_chars:
            if error is None:
                error = (
                    f"text of {len(text):,} characters (row {row}) is over the per-item limit of {self.max_chars:,} "
                    "(RULEBOOK_MAX_ITEM_CHARS); split it into smaller items or raise the limit"
                )
            text = text[: self.max_chars]
        return Item(id=item_id, text=text, row=row, error=error, fields=fields)

    def final_notes(self) -> list[str]:
        notes = list(self.notes)
        if self.generated and self.has_ids:
            notes.append(message_text("prelabel.note.ids_generated", "en", count=self.generated))
        return notes


def items_from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    source: str = "items",
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str | None = DEFAULT_ID_FIELD,
    require_id: bool = False,
    max_chars: int | None = None,
) -> ItemSet:
    """Items from records (dicts). See the module docstring for ids and per-item errors.

    A text longer than `max_chars` (default: the RULEBOOK_MAX_ITEM_CHARS setting) becomes an error
    item holding only its beginning: it is never sent whole to a model. (For files too large to
    hold, `assistant.prelabel.item_stream` gives the same items one at a time.)
    """
    records = list(records)
    if not records:
        raise InputError(Message("error.items.no_records", source=str(source)))
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    builder = ItemBuilder.for_columns(
        columns, source=source, text_field=text_field, id_field=id_field, require_id=require_id, max_chars=max_chars
    )
    items = [builder.item(record) for record in records]
    return ItemSet(
        items=items,
        source=source,
        text_field=builder.text_field,
        id_field=builder.id_field,
        generated_ids=not builder.has_ids,
        notes=builder.final_notes(),
    )


def load_items(
    path: Path | str,
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str | None = DEFAULT_ID_FIELD,
    require_id: bool = False,
    sheet: str | None = None,
    header_row: int | None = None,
) -> ItemSet:
    """Items from a CSV, JSONL, JSON or XLSX file (clear `InputError`s for unreadable files).

    `sheet` and `header_row` choose a spreadsheet's sheet and row of column names (default: detected).
    """

    path = Path(path)
    records = read_records(path, sheet=sheet, header_row=header_row)
    return items_from_records(records, source=str(path), text_field=text_field, id_field=id_field, require_id=require_id)


def coerce_items(
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str | None = DEFAULT_ID_FIELD,
) -> ItemSet:
    """Items from what a Python caller has: an ItemSet, Items, strings, (id, text) pairs or dicts."""
    if isinstance(items, ItemSet):
        return items
    records: list[dict[str, Any]] = []
    ready: list[Item] = []
    for entry in items:
        if isinstance(entry, Item):
            ready.append(entry)
        elif isinstance(entry, str):
            records.append({text_field: entry})
        elif isinstance(entry, tuple) and len(entry) == 2:
            records.append({id_field or DEFAULT_ID_FIELD: entry[0], text_field: entry[1]})
        elif isinstance(entry, Mapping):
            records.append(dict(entry))
        else:
            raise InputError(Message("error.items.cannot_label", kind=type(entry).__name__))
    if ready and records:
        raise InputError(Message("error.items.mixed_items"))
    if ready:
        seen: set[str] = set()
        checked = []
        for item in ready:
            if item.id in seen:
                item = Item(id=f"{item.id}#row{item.row}", text=item.text, row=item.row, error=f"duplicate id {item.id!r}", fields=item.fields)
            seen.add(item.id)
            checked.append(item)
        return ItemSet(items=checked)
    return items_from_records(records, text_field=text_field, id_field=id_field)
