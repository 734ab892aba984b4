"""What every command module shares: the workspace, status lines on stderr, JSON on stdout, reading a text file."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import typer

from assistant.core.errors import InputError
from assistant.core.language import reader_language
from assistant.core.messages import FALLBACK, Message, languages, normalize, text
from assistant.service.workspace import Workspace


def workspace() -> Workspace:
    return Workspace()


def say(message: str) -> None:
    """Status lines go to stderr so stdout stays clean for --json."""
    typer.echo(message, err=True)


def tell(message_id: str, /, **values: Any) -> None:
    """A status line from the catalogue (`cli.*`) on stderr, in the reader's language (RULEBOOK_LANGUAGE, default
    English); lines about a project's own work (pre-labels, Batch API jobs) follow its rulebook."""
    say(text(message_id, reader_language(), **values))


def show(message_id: str, /, **values: Any) -> None:
    """A line of a command's output from the catalogue (`cli.*`) on stdout, in the reader's language (see `tell`)."""
    typer.echo(text(message_id, reader_language(), **values))


def padded(name: str, width: int) -> str:
    """`name` padded to `width` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in name)
    return name + " " * max(0, width - columns)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def read_text_file(path: Path, what: str) -> str:
    """The text of a UTF-8 file; `what` names it in errors: request, answers, lessons or agreement report."""
    kind = Message(f"error.common.file_kind.{what.replace(' ', '_')}")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(Message("error.common.file_not_found", what=kind, path=str(path))) from error
    except UnicodeDecodeError as error:
        raise InputError(Message("error.common.file_not_utf8", what=kind, path=str(path), byte=error.start)) from error


def catalogue_language(value: str) -> str:
    """A `--language` value as a catalogue language (`zh-CN` -> `zh`); InputError naming the languages that have a
    catalogue when it has none, instead of quietly falling back to English."""
    known = languages()
    code = normalize(value)
    if code not in known or (code == FALLBACK and value.strip().lower().replace("_", "-").split("-")[0] != FALLBACK):
        raise InputError(Message("error.common.unknown_language", languages=", ".join(known), value=value))
    return code

