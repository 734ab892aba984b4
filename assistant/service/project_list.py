"""Projects as the store holds them: one line of the project list, a saved rulebook version.

Apart from `assistant.service.projects` so `rulebook projects list` and `rulebook check PROJECT` do not
load the pipeline steps.
"""

from __future__ import annotations

from contextlib import closing
from typing import TYPE_CHECKING, Any

from assistant.core.models import Rulebook
from assistant.core.store_read import StoredProject, open_reader

if TYPE_CHECKING:
    from assistant.core.store import ProjectRow
    from assistant.service.workspace import Workspace


def project_summary(ws: "Workspace", row: "ProjectRow | StoredProject") -> dict[str, Any]:
    versions = ws.store.artifacts(row.id, "breakdown")
    return _summary(row, len(versions), versions[-1].payload if versions else None)


def project_summaries(ws: "Workspace") -> list[dict[str, Any]]:
    """Every project's summary, newest first: from the default SQLite store with the standard library
    (`assistant.core.store_read`), else through the `Store`."""
    reader = open_reader(ws.settings)
    if reader is None:
        return [project_summary(ws, row) for row in ws.store.projects()]
    with closing(reader):
        return [_summary(row, *reader.versions(row.id, "breakdown")) for row in reader.projects()]


def _summary(row: "ProjectRow | StoredProject", breakdown_versions: int, latest: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "language": row.language,
        "owner": (row.meta or {}).get("owner") or None,  # who submitted it
        "created": row.created_at.isoformat() if row.created_at else None,
        "breakdown_versions": breakdown_versions,
        "open_questions": len(latest.get("questions", [])) if latest is not None else None,
        "request": row.request,
    }


def rulebook_version(ws: "Workspace", project_id: str, version: int | None = None) -> Rulebook:
    """A project's saved rulebook: the latest version, or `version`."""
    return Rulebook.model_validate(ws.store.artifact(project_id, "rulebook", version).payload)
