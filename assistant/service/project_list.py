"""One line of the project list: read from the store only.

Apart from `assistant.service.projects` so `rulebook projects list` does not load the pipeline steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
