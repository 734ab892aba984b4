"""Exports of a rulebook: the Markdown and Word documents annotators read, the JSON contract,
and a Label Studio labeling config; plus a readable diff between two versions.

Documents are written in the rulebook's language (`zh` gets Chinese headings, anything else
English). Every file is written atomically, so an interrupted export never leaves half a file.
The writers live in `markdown`, `word` and `label_studio_config`; the words in `document`. This
module reads and writes the JSON contract and dispatches by format; the public names stay here.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from assistant.core.errors import InputError
from assistant.core.messages import Items, Message
from assistant.core.models import Rulebook
from assistant.integrations.datafiles import atomic_writer
from assistant.rulebook.document import doc_language
from assistant.rulebook.label_studio_config import SPAN_TASKS, to_label_studio_config
from assistant.rulebook.markdown import to_markdown
from assistant.rulebook.word import to_docx

__all__ = [
    "FORMATS", "SPAN_TASKS", "diff_text", "doc_language", "export", "from_json", "load_rulebook",
    "normalize_format", "to_docx", "to_json", "to_label_studio_config", "to_markdown",
]

FORMATS = ("md", "json", "docx", "label-studio")
_FORMAT_ALIASES = {
    "markdown": "md",
    "label_studio": "label-studio",
    "labelstudio": "label-studio",
    "ls": "label-studio",
    "xml": "label-studio",
    "word": "docx",
}


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------
def to_json(rulebook: Rulebook) -> str:
    """The rulebook contract as pretty JSON (Chinese kept readable)."""
    return json.dumps(rulebook.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _validation_message(error: ValidationError) -> Items:
    """The first problems of a rulebook that does not validate, each naming its field (pydantic's words)."""
    parts: list[Message] = []
    for problem in error.errors()[:5]:
        location = ".".join(str(part) for part in problem["loc"]) or Message("error.export.top_level")
        parts.append(Message("error.export.field_problem", location=location, problem=problem["msg"]))
    more = len(error.errors()) - 5
    if more > 0:
        parts.append(Message("error.export.more_problems", count=more))
    return Items(parts, plain=True, separator="list.part_separator")


def from_json(text_or_path: str | Path | bytes, *, name: str | None = None) -> Rulebook:
    """A rulebook from JSON text or a JSON file; errors name the file and the field.

    A `Path`, or a string that does not start with `{` or `[`, is read as a file path; `name`
    names JSON text in messages (default "rulebook JSON").
    """
    if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and not text_or_path.lstrip().startswith(("{", "["))
    ):
        path = Path(text_or_path)
        where = name or str(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as error:
            raise InputError(Message("error.export.not_found", where=str(where))) from error
        except IsADirectoryError as error:
            raise InputError(Message("error.export.is_directory", where=str(where))) from error
        except OSError as error:
            raise InputError(Message("error.export.unreadable", where=str(where), reason=error.strerror or str(error))) from error
    else:
        raw = text_or_path
        where = name or "rulebook JSON"
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(Message("error.export.not_utf8", where=str(where), byte=error.start)) from error
    else:
        text = raw
    if not text.strip():
        raise InputError(Message("error.export.empty", where=str(where)))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(Message("error.export.invalid_json", where=str(where), line=error.lineno, column=error.colno, reason=error.msg)) from error
    if not isinstance(data, dict):
        raise InputError(Message("error.export.not_an_object", where=str(where), kind=type(data).__name__))
    try:
        return Rulebook.model_validate(data)
    except ValidationError as error:
        raise InputError(Message("error.export.invalid_rulebook", where=str(where), problems=_validation_message(error))) from error


def load_rulebook(path: str | Path) -> Rulebook:
    """Read and validate a rulebook JSON file."""
    return from_json(Path(path))


# ---------------------------------------------------------------------------------------------
# Dispatch and diff
# ---------------------------------------------------------------------------------------------
def _write_text(text: str, path: Path) -> Path:
    with atomic_writer(path) as stream:
        stream.write(text)
    return path


def normalize_format(fmt: str) -> str:
    key = (fmt or "").strip().lower()
    key = _FORMAT_ALIASES.get(key, key)
    if key not in FORMATS:
        raise InputError(Message("error.export.unknown_format", fmt=fmt, formats=', '.join(FORMATS)))
    return key


def export(rulebook: Rulebook, fmt: str, out_path: str | Path) -> Path:
    """Write the rulebook as md | json | docx | label-studio to `out_path` (atomically)."""
    key = normalize_format(fmt)
    path = Path(out_path)
    if path.is_dir():
        raise InputError(Message("error.export.out_is_directory", path=str(path), key=key))
    writers: dict[str, Callable[[], Path]] = {
        "md": lambda: _write_text(to_markdown(rulebook), path),
        "json": lambda: _write_text(to_json(rulebook), path),
        "docx": lambda: to_docx(rulebook, path),
        "label-studio": lambda: _write_text(to_label_studio_config(rulebook), path),
    }
    return writers[key]()


def diff_text(old: Rulebook, new: Rulebook) -> str:
    """A unified diff between the Markdown of two rulebook versions; empty when identical."""
    before = to_markdown(old).splitlines(keepends=True)
    after = to_markdown(new).splitlines(keepends=True)
    old_name, new_name = f"v{old.version}", f"v{new.version}"
    if old_name == new_name:
        old_name, new_name = f"{old_name} (before)", f"{new_name} (after)"
    return "".join(difflib.unified_diff(before, after, fromfile=old_name, tofile=new_name))
