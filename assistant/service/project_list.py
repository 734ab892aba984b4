"""Projects as the store holds them: one line of the project list, a saved rulebook version.

Apart from `assistant.service.projects` so `rulebook projects list` and `rulebook check PROJECT` do not
load the pipeline steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.core.models import Rulebook

if TYPE_CHECKING:
    from assistant.core.store import ProjectRow
    from assistant.service.workspace import Workspace


def project_summary(ws: "Workspace", row: "ProjectRow") -> dict[str, Any]:
    versions = ws.store.artifacts(row.id, "breakdown")
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "language": row.language,
        "owner": (row.meta or {}).get("owner") or None,  # who submitted it
        "created": row.created_at.isoformat() if row.created_at else None,
        "breakdown_versions": len(versions),
        "open_questions": len(versions[-1].payload.get("questions", [])) if versions else None,
        "request": row.request,
    }


def rulebook_version(ws: "Workspace", project_id: str, version: int | None = None) -> Rulebook:
    """A project's saved rulebook: the latest version, or `version`."""
    return Rulebook.model_validate(ws.store.artifact(project_id, "rulebook", version).payload)
