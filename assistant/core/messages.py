"""One message catalogue per language, keyed by message id.

The catalogues are YAML files `assistant/core/locales/<language>.yaml`, each a flat mapping
`message id: text`. Texts use `str.format` fields (`{label!r}`, `{count:,}`); every language has
the same ids and the same fields as English (tests/test_messages.py checks). A language is
one file: drop `ja.yaml` into the locales folder, or into a folder named by RULEBOOK_LOCALES_DIR
(several folders separated by the path separator), and it is available; a missing id falls back
to English.

    text("check.verdict.passed", "zh")                   -> "通过：没有错误"
    Message("check.missing_definition", label="意图").render("en")
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

LOCALES_DIR = Path(__file__).with_name("locales")
LOCALES_ENV = "RULEBOOK_LOCALES_DIR"
FALLBACK = "en"
# libyaml's safe loader when PyYAML was built with it: the catalogues are ~1,400 ids per language, and the
# pure-Python loader takes a few tenths of a second of every command's start to read them
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _folders() -> list[Path]:
    extra = [Path(part) for part in os.environ.get(LOCALES_ENV, "").split(os.pathsep) if part.strip()]
    return [LOCALES_DIR, *extra]


@lru_cache(maxsize=None)
def _load(folders: tuple[Path, ...]) -> dict[str, dict[str, str]]:
    catalogues: dict[str, dict[str, str]] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{path}: a message catalogue must be a mapping of message id to text")
            bad = [key for key, value in data.items() if not isinstance(value, str)]
            if bad:
                raise ValueError(f"{path}: message {bad[0]!r} is not a text")
            catalogues.setdefault(path.stem, {}).update(data)
    return catalogues


def catalogues() -> dict[str, dict[str, str]]:
    """Every catalogue found: language code -> {message id: text} (later folders override earlier ones)."""
    return _load(tuple(_folders()))


def reload() -> None:
    """Forget the loaded catalogues (after a catalogue file or RULEBOOK_LOCALES_DIR changed)."""
    _load.cache_clear()
    _patterns.cache_clear()
    _fixed.cache_clear()


def languages() -> list[str]:
    """The language codes that have a catalogue, English first."""
    found = catalogues()
    return [FALLBACK] + sorted(code for code in found if code != FALLBACK)


def normalize(language: str | None) -> str:
    """`zh-CN`, `zh_Hans`, `ZH` -> `zh`; a language without a catalogue -> English."""
    value = (language or "").strip().lower().replace("_", "-")
    if not value:
        return FALLBACK
    found = catalogues()
    if value in found:
        return value
    base = value.split("-")[0]
    return base if base in found else FALLBACK


def has(message_id: str) -> bool:
    return message_id in catalogues().get(FALLBACK, {})


def template(message_id: str, language: str | None = None) -> str:
    """The raw text of `message_id` in `language`, else in English; KeyError if English lacks it too."""
    found = catalogues()
    own = found.get(normalize(language), {})
    if message_id in own:
        return own[message_id]
    try:
        return found[FALLBACK][message_id]
    except KeyError:
        raise KeyError(f"message id {message_id!r} is in no catalogue ({LOCALES_DIR / 'en.yaml'})") from None


def fields(message: str) -> set[str]:
    """The `{fields}` a catalogue text fills in (names only, without conversions or formats)."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(message):
        if name is not None and name != "":
            names.add(name.split(".")[0].split("[")[0])
    return names


class Items(list):
    """A list value: its items joined the language's way (catalogue ids `list.separator`, and `list.item`
    to quote each item unless `plain`): `'a', 'b'` in English, `a、b` in Chinese."""

    def __init__(self, items: Iterable[Any] = (), *, plain: bool = False, separator: str = "list.separator") -> None:
        super().__init__(items)
        self.plain = plain
        self.separator = separator


@dataclass
class Message:
    """A message id with its values, rendered in a language only at the edge (CLI, report, app)."""

    id: str
    values: dict[str, Any] = field(default_factory=dict)

    def __init__(self, id: str, **values: Any) -> None:  # noqa: A002 - the message id
        self.id = id
        self.values = values

    def render(self, language: str | None = None) -> str:
        return text(self.id, language, **self.values)

    def to_dict(self) -> dict[str, Any]:
        """The message as a JSON-ready reference, `{"id": …, "values": {…}}`; `from_dict` reads it back.

        Values keep their kind: a nested message is its own `to_dict()` (a subclass may write another
        kind of reference), an `Items` list is `{"items": […], "plain": …, "separator": …}`.
        """
        return {"id": self.id, "values": {key: dump_value(value) for key, value in self.values.items()}}


def dump_value(value: Any) -> Any:
    """A message value as JSON-ready data (see `Message.to_dict`)."""
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Items):
        return {"items": [dump_value(item) for item in value], "plain": value.plain, "separator": value.separator}
    if isinstance(value, (list, tuple)):
        return [dump_value(item) for item in value]
    return value


def load_value(value: Any, load: Callable[[dict[str, Any]], "Message"], keys: Iterable[str] = ("id",)) -> Any:
    """A value written by `dump_value`, read back: `Items` keep their kind, and a mapping with one of `keys`
    is a nested reference read by `load`."""
    if isinstance(value, dict):
        if "items" in value:
            return Items(
                [load_value(item, load, keys) for item in value["items"]],
                plain=bool(value.get("plain")),
                separator=str(value.get("separator") or "list.separator"),
            )
        if any(key in value for key in keys):
            return load(value)
    if isinstance(value, list):
        return [load_value(item, load, keys) for item in value]
    return value


def from_dict(
    ref: dict[str, Any], load: Callable[[dict[str, Any]], "Message"] | None = None, keys: Iterable[str] = ("id",)
) -> "Message":
    """The message of a reference written by `Message.to_dict`. Nested references are read by `load` (default:
    this function) when they carry one of `keys`, so a reader that stores more kinds of reference (see
    evaluation/message_refs.py) passes its own."""
    reader = load or (lambda nested: from_dict(nested, None, keys))
    keys = tuple(keys)
    return Message(str(ref["id"]), **{key: load_value(value, reader, keys) for key, value in (ref.get("values") or {}).items()})


def _value(value: Any, language: str | None) -> Any:
    if isinstance(value, Message):
        return value.render(language)
    if isinstance(value, Items):
        item = "{item}" if value.plain else template("list.item", language)
        return template(value.separator, language).join(item.format(item=_value(entry, language)) for entry in value)
    return value


def text(message_id: str, language: str | None = None, /, **values: Any) -> str:
    """The message in `language` (English when that catalogue lacks it) with its `{fields}` filled in.

    Values may be `Message`s (rendered in the same language) or `Items` (joined the language's way).
    A text is formatted only when values are given, so a text without fields may hold braces.
    """
    message = template(message_id, language)
    if not values:
        return message
    return message.format(**{key: _value(value, language) for key, value in values.items()})


def in_languages(message_id: str, languages_: Iterable[str] = ("en", "zh"), /, **values: Any) -> dict[str, str]:
    """The message in several languages at once, e.g. for a JSON record that carries `message` and `message_zh`."""
    return {language: text(message_id, language, **values) for language in languages_}



@lru_cache(maxsize=None)
def _patterns(prefix: str, folders: tuple[Path, ...]) -> list[tuple[str, re.Pattern[str]]]:
    english = _load(folders).get(FALLBACK, {})
    found = []
    for key, value in english.items():
        if not key.startswith(prefix):
            continue
        parts, literal = [], 0
        for text_part, name, _, _ in string.Formatter().parse(value):
            parts.append(re.escape(text_part))
            literal += len(text_part)
            if name:
                parts.append(f"(?P<{name}>.+?)")
        found.append((literal, key, re.compile("^" + "".join(parts) + "$", re.S)))
    found.sort(key=lambda entry: -entry[0])  # the most specific text first
    return [(key, pattern) for _, key, pattern in found]


@lru_cache(maxsize=None)
def _fixed(prefix: str, folders: tuple[Path, ...]) -> dict[str, str]:
    """English text -> id of the texts under `prefix` that have no fields."""
    english = _load(folders).get(FALLBACK, {})
    return {value: key for key, value in english.items() if key.startswith(prefix) and not fields(value)}


def parse(english: str, prefix: str) -> Message | None:
    """The message under `prefix` (e.g. "note.") whose English text `english` is, with its values; None if none.

    For texts stored in English (change-log lines, notes of older versions) that are shown in another language.
    A value that is itself the whole English text of a message under `prefix` without fields (say the
    reason inside a note) comes back as that message, so it is shown in the same language too.
    """
    folders = tuple(_folders())
    for key, pattern in _patterns(prefix, folders):
        match = pattern.match(english)
        if match:
            fixed = _fixed(prefix, folders)
            values = {name: Message(fixed[value]) if value in fixed else value for name, value in match.groupdict().items()}
            return Message(key, **values)
    return None


def localize(english: str | None, language: str | None, prefix: str, separator: str = "; ") -> str:
    """A stored English text (parts joined by `separator`) in `language`: each part that is a known message
    under `prefix` is rendered in `language`, anything else is kept as written."""
    value = english or ""
    if normalize(language) == FALLBACK or not value:
        return value
    parts = []
    for part in value.split(separator):
        message = parse(part, prefix)
        parts.append(message.render(language) if message is not None else part)
    return text("list.part_separator", language).join(parts)
