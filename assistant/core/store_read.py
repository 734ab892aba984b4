"""Reads of the embedded SQLite store with the standard library, for commands that only read.

Opening the store through SQLAlchemy (`store.py`) costs about 0.3 s of imports on a 2-core machine;
`rulebook check`, `projects list` and `kb stats` only read a few rows, so they read them here. This
reader is used only for the default store (`DATA_DIR/rulebook.db`, no `RULEBOOK_DATABASE_URL`) whose
schema is at `schema_version.HEAD`, opened read-only: it never creates, upgrades or locks anything.
For any other store, or whenever the file cannot be read as it expects, `open_reader` gives None
and the caller opens the `Store` as usual (which upgrades an older schema or reports the problem).
The tables and columns are those of `store.py`; a test checks both give the same answers.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from assistant.core.models import PastProject
from assistant.core.schema_version import HEAD

if TYPE_CHECKING:
    from assistant.core.settings import Settings

BUSY_TIMEOUT_SECONDS = 5.0  # a writer holds the lock only for one short transaction


class StoreReader:
    """Read-only queries of one SQLite store file."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def past_projects(self) -> Iterator[PastProject]:
        """The knowledge base's past projects, by id (as `Store.past_projects`)."""
        rows = self._connection.execute("SELECT payload FROM knowledge_projects ORDER BY id").fetchall()
        for (payload,) in rows:
            yield PastProject.model_validate(_json(payload))

    def count_past_projects(self) -> int:
        return int(self._connection.execute("SELECT count(*) FROM knowledge_projects").fetchone()[0])

    def projects(self) -> list[StoredProject]:
        """Every working project, newest first (as `Store.projects`)."""
        rows = self._connection.execute(
            "SELECT id, name, status, request, language, meta, created_at FROM projects ORDER BY created_at DESC"
        ).fetchall()
        return [
            StoredProject(
                id=id_, name=name, status=status, request=request, language=language,
                meta=_json(meta) if meta is not None else None, created_at=_datetime(created),
            )
            for id_, name, status, request, language, meta, created in rows
        ]

    def versions(self, project_id: str, kind: str) -> tuple[int, dict[str, Any] | None]:
        """How many versions of a project's `kind` artifact there are, and the latest one's payload."""
        count = self._connection.execute(
            "SELECT count(*) FROM artifacts WHERE project_id = ? AND kind = ?", (project_id, kind)
        ).fetchone()[0]
        return int(count), self.latest_payload(project_id, kind) if count else None

    def latest_payload(self, project_id: str, kind: str) -> dict[str, Any] | None:
        """The payload of a project's latest `kind` artifact (as `Store.artifact(...).payload`), or None."""
        row = self._connection.execute(
            "SELECT payload FROM artifacts WHERE project_id = ? AND kind = ? ORDER BY version DESC LIMIT 1",
            (project_id, kind),
        ).fetchone()
        return None if row is None else _json(row[0])

    def close(self) -> None:
        self._connection.close()


@dataclass(frozen=True)
class StoredProject:
    """The columns of a `ProjectRow` that listing a project shows."""

    id: str
    name: str
    status: str
    request: str
    language: str
    meta: dict[str, Any] | None
    created_at: datetime | None


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _datetime(value: Any) -> datetime | None:
    """A DateTime column as SQLAlchemy stores it in SQLite ("2026-12-01 05:40:12.123456", no zone)."""
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def store_file(settings: "Settings") -> Path | None:
    """The default embedded store's file, or None when RULEBOOK_DATABASE_URL names another database."""
    return None if settings.database_url is not None else settings.data_dir / "rulebook.db"


def open_reader(settings: "Settings") -> StoreReader | None:
    """A reader of the default store at the current schema; None when the `Store` must be opened instead."""
    path = store_file(settings)
    if path is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error:
        return None
    try:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # no version table (a new or pre-migration store), or not a database at all
        version = None
    if version is None or version[0] != HEAD:
        connection.close()
        return None
    return StoreReader(connection)
