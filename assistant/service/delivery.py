"""Step 5 as a service: record the delivery in the store and index the project in the knowledge base."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.core.errors import InputError
from assistant.core.models import AgreementResult, PastProject
from assistant.delivery.past_project import agreement_results, to_past_project
from assistant.service.projects import latest_breakdown, rulebook_version

if TYPE_CHECKING:
    from assistant.service.workspace import Workspace

__all__ = ["deliver"]


def deliver(ws: "Workspace", project_id: str, *, lessons: list[str] | None = None, extra_agreement: list[AgreementResult] | None = None) -> PastProject:
    """Record the final rulebook, agreement and lessons; add the project to the knowledge base."""
    row = ws.store.project(project_id)
    rulebook = rulebook_version(ws, project_id)
    try:
        breakdown = latest_breakdown(ws, project_id)
    except InputError:
        breakdown = None
    agreement = agreement_results([a.payload for a in ws.store.artifacts(project_id, "agreement")]) + list(extra_agreement or [])
    past = to_past_project(project_id, row.name, rulebook, breakdown, agreement, list(lessons or []))
    payload = {"rulebook_version": rulebook.version, "past_project": past.model_dump(mode="json")}
    # Idempotent: delivering the same thing again adds no second delivery record.
    earlier = ws.store.artifacts(project_id, "delivery")
    same = bool(earlier) and earlier[-1].payload == payload and row.status == "delivered"
    if not same:
        # The store first, in one transaction (past project + delivery record + status), then the
        # index, which is derived: a run killed in between is repaired by the next `deliver`,
        # `kb seed` or `kb reindex`, and `rulebook doctor` reports it.
        ws.store.record_delivery(project_id, past, payload, engine=rulebook.engine, note=f"delivered rulebook v{rulebook.version}")
    ws.kb.repair(ws.store)  # indexes this project (and any other the index lacks or holds stale)
    return past

