"""Projects: a request and every version of what was made from it, in the store.

The CLI, the app and the Python API use these functions; each computes first and writes after,
so a failure (a bad request, an LLM error) leaves nothing half-written.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from .breakdown import apply_answers, break_down, validate_request
from .models import Breakdown

if TYPE_CHECKING:
    from .store import ProjectRow
    from .workspace import Workspace


def default_name(request: str) -> str:
    first_line = request.strip().splitlines()[0]
    return first_line[:40] + ("…" if len(first_line) > 40 else "")


def _past_projects(ws: "Workspace") -> dict:
    return {project.id: project for project in ws.store.past_projects()}


def _save(ws: "Workspace", project_id: str, breakdown: Breakdown, note: str) -> Breakdown:
    payload = breakdown.model_copy(update={"project_id": project_id, "created": datetime.now(timezone.utc).isoformat()})
    row = ws.store.add_artifact(
        project_id, "breakdown", payload.model_dump(mode="json"), engine=_engine_tag(breakdown), note=note
    )
    return Breakdown.model_validate(row.payload)


def _engine_tag(breakdown: Breakdown) -> str:
    if breakdown.engine == "llm":
        return f"llm:{breakdown.model} prompt breakdown@{breakdown.prompt_version}"
    return "offline"


def start_project(
    ws: "Workspace", request: str, *, name: str | None = None, today: date | None = None, meta: dict[str, Any] | None = None
) -> Breakdown:
    """Break a request down and save it as a new project (status `breakdown`, version 1)."""
    request = validate_request(request)
    breakdown = break_down(request, ws.kb, _past_projects(ws), ws.llm, today=today)
    project = ws.store.create_project(name or default_name(request), request, language=breakdown.language, meta=meta)
    saved = _save(ws, project.id, breakdown, note="initial breakdown")
    ws.store.set_status(project.id, "breakdown")
    return saved


def latest_breakdown(ws: "Workspace", project_id: str, version: int | None = None) -> Breakdown:
    return Breakdown.model_validate(ws.store.artifact(project_id, "breakdown", version).payload)


def answer_project(
    ws: "Workspace",
    project_id: str,
    answers: dict[str, Any] | None = None,
    *,
    text: str | None = None,
    today: date | None = None,
) -> Breakdown:
    """Apply answers to the latest breakdown and save the result as a new version."""
    current = latest_breakdown(ws, project_id)
    updated = apply_answers(current, answers, text=text, llm=ws.llm if text else None, today=today)
    answered = ", ".join(answers or {}) or "free-text answer"
    return _save(ws, project_id, updated, note=f"answers: {answered}")


def project_summary(ws: "Workspace", row: "ProjectRow") -> dict[str, Any]:
    versions = ws.store.artifacts(row.id, "breakdown")
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "language": row.language,
        "created": row.created_at.isoformat() if row.created_at else None,
        "breakdown_versions": len(versions),
        "open_questions": len(versions[-1].payload.get("questions", [])) if versions else None,
        "request": row.request,
    }
