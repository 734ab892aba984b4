"""Projects: a request and every version of what was made from it, in the store.

The CLI, the app and the Python API use these functions; each computes first and writes after,
so a failure (a bad request, an LLM error) leaves nothing half-written.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Callable

from assistant.breakdown.five_w2h import apply_answers, break_down, validate_request
from assistant.core.messages import Message, text as message_text
from assistant.core.models import Breakdown, ChangeLogEntry, Rulebook
from assistant.service.project_list import project_summary, rulebook_version  # noqa: F401 - part of this module's API; light, apart
from assistant.core.actor import current_actor
from assistant.rulebook.draft import draft_rulebook, fit_budget
from assistant.rulebook.revise import revise
from evaluation.review import RuleSuggestion
from assistant.core.errors import InputError
from evaluation.suggestions import accept_suggestion

if TYPE_CHECKING:
    from assistant.service.workspace import Workspace


def default_name(request: str) -> str:
    first_line = request.strip().splitlines()[0]
    return first_line[:40] + ("…" if len(first_line) > 40 else "")


def _past_projects(ws: "Workspace") -> dict:
    return {project.id: project for project in ws.store.past_projects()}


def _breakdown_payload(project_id: str, breakdown: Breakdown) -> dict[str, Any]:
    return breakdown.model_copy(update={"project_id": project_id, "created": datetime.now(timezone.utc).isoformat()}).model_dump(mode="json")


def _save(ws: "Workspace", project_id: str, breakdown: Breakdown, note: str, *, status: str | None = None) -> Breakdown:
    row = ws.store.add_version(
        project_id, "breakdown", lambda _latest: (_breakdown_payload(project_id, breakdown), _engine_tag(breakdown), note), status=status
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
    meta = {"owner": current_actor(), **(meta or {})}  # who submitted it (a product owner sees only their own)
    project = ws.store.create_project(name or default_name(request), request, language=breakdown.language, meta=meta)
    return _save(ws, project.id, breakdown, note=message_text("note.initial_breakdown", "en"), status="breakdown")


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
    """Apply answers to the latest breakdown and save the result as a new version.

    Parallel answers to one project are all kept: when another answer was saved meanwhile, these
    answers are applied again to that newer version (see `Store.add_version`).
    """
    answered = ", ".join(answers or {})

    def make(latest: Any) -> tuple[dict[str, Any], str, str]:
        current = Breakdown.model_validate(latest.payload) if latest is not None else latest_breakdown(ws, project_id)
        updated = apply_answers(current, answers, text=text, llm=ws.llm if text else None, today=today)
        return _breakdown_payload(project_id, updated), _engine_tag(updated), (
            message_text("note.answers", "en", answers=answered) if answered else message_text("note.answers_free_text", "en")
        )

    row = ws.store.add_version(project_id, "breakdown", make, based_on_latest=True)
    return Breakdown.model_validate(row.payload)


# ---------------------------------------------------------------------------------------------
# Rulebooks
# ---------------------------------------------------------------------------------------------
def save_rulebook(ws: "Workspace", project_id: str, rulebook: Rulebook, note: str) -> Rulebook:
    """Store a rulebook as the project's next version, its number and change-log entry in step."""
    return _save_rulebook_version(ws, project_id, lambda _previous: (rulebook, note))[1]


def _save_rulebook_version(
    ws: "Workspace", project_id: str, derive: Callable[[Rulebook | None], tuple[Rulebook, str]], *, status: str | None = None
) -> tuple[Rulebook | None, Rulebook]:
    """Save `derive(latest rulebook)` as the next version; returns (the version it was made from, the new one).

    A version saved by another writer meanwhile is never overwritten: `derive` runs again on it.
    """
    made_from: dict[str, Rulebook | None] = {}

    def make(latest: Any) -> tuple[dict[str, Any], str, str]:
        previous = Rulebook.model_validate(latest.payload) if latest is not None else None
        rulebook, note = derive(previous)
        next_version = (latest.version if latest is not None else 0) + 1
        log = list(rulebook.changelog)
        if log:
            log[-1] = log[-1].model_copy(update={"version": next_version})
        rulebook = rulebook.model_copy(update={"project_id": project_id, "version": next_version, "changelog": log})
        made_from["previous"] = previous
        return rulebook.model_dump(mode="json"), rulebook.engine, note

    row = ws.store.add_version(project_id, "rulebook", make, based_on_latest=True, status=status)
    return made_from.get("previous"), Rulebook.model_validate(row.payload)


def _require(previous: Rulebook | None, ws: "Workspace", project_id: str) -> Rulebook:
    return previous if previous is not None else rulebook_version(ws, project_id)  # raises the usual "no rulebook yet"


def draft_for_project(ws: "Workspace", project_id: str, *, samples: list[str] | None = None) -> Rulebook:
    """Draft a rulebook from the project's latest breakdown and save it (status `rulebook`)."""

    breakdown = latest_breakdown(ws, project_id)
    rulebook = draft_rulebook(breakdown, _past_projects(ws), ws.kb, ws.embedder, ws.settings, ws.llm, samples=samples)

    def derive(previous: Rulebook | None) -> tuple[Rulebook, str]:
        if previous is None:
            return rulebook, message_text("note.first_draft", "en")
        # a re-draft continues the change log of the versions before it
        return rulebook.model_copy(update={"changelog": [*previous.changelog, *rulebook.changelog]}), message_text("note.new_draft", "en")

    return _save_rulebook_version(ws, project_id, derive, status="rulebook")[1]


def revise_project(
    ws: "Workspace", project_id: str, *, instruction: str | None = None, edits: list | None = None
) -> tuple[Rulebook, Rulebook]:
    """Revise the latest rulebook version; returns (previous, new)."""

    def derive(latest: Rulebook | None) -> tuple[Rulebook, str]:
        previous = _require(latest, ws, project_id)
        revised = fit_budget(revise(previous, instruction=instruction, edits=edits, llm=ws.llm if instruction else None), ws.settings)
        return revised, revised.changelog[-1].change[:500]

    previous, saved = _save_rulebook_version(ws, project_id, derive)
    assert previous is not None
    return previous, saved


def restore_rulebook(ws: "Workspace", project_id: str, version: int) -> Rulebook:
    """Make an earlier version current again, as a new version (history is never rewritten)."""

    old = rulebook_version(ws, project_id, version)

    def derive(latest: Rulebook | None) -> tuple[Rulebook, str]:
        current = _require(latest, ws, project_id)
        entry = ChangeLogEntry(version=current.version + 1, date=date.today().isoformat(), change=message_text("note.restored_version", "en", version=version))
        return old.model_copy(update={"version": current.version + 1, "changelog": [*current.changelog, entry]}), message_text("note.restored_version", "en", version=version)

    return _save_rulebook_version(ws, project_id, derive)[1]


# ---------------------------------------------------------------------------------------------
# Trial rounds
# ---------------------------------------------------------------------------------------------
def record_agreement(ws: "Workspace", project_id: str, report: dict[str, Any], *, round_name: str | None = None) -> str:
    """Keep an agreement report with the project (for the retrospective at delivery); moves it to `trial`."""
    row = ws.store.project(project_id)

    def make(latest: Any) -> tuple[dict[str, Any], str, str]:  # the round's number is taken under the write lock
        payload = {**report, "round": round_name or f"trial {(latest.version if latest is not None else 0) + 1}"}
        return payload, "", str((report.get("verdict") or {}).get("text", ""))

    saved = ws.store.add_version(project_id, "agreement", make)
    payload = saved.payload
    if row.status in ("submitted", "breakdown", "rulebook"):
        ws.store.set_status(project_id, "trial")
    return f"agreement round {saved.version} ({payload['round']})"


def accept_recorded_suggestion(ws: "Workspace", project_id: str, number: int, *, round_number: int | None = None) -> tuple[Rulebook, Rulebook]:
    """Apply suggestion NUMBER of a recorded agreement round to the latest rulebook; returns (previous, new)."""

    round_row = ws.store.artifact(project_id, "agreement", round_number)
    suggestions = round_row.payload.get("suggestions") or []
    if not 1 <= number <= len(suggestions):
        raise InputError(Message("error.projects.no_such_suggestion", round=round_row.version, project_id=project_id, count=len(suggestions), number=number))
    suggestion = RuleSuggestion.model_validate(suggestions[number - 1])

    def derive(latest: Rulebook | None) -> tuple[Rulebook, str]:
        return accept_suggestion(_require(latest, ws, project_id), suggestion), message_text("note.accepted_suggestion", "en", number=number, round=round_row.version)

    previous, saved = _save_rulebook_version(ws, project_id, derive)
    assert previous is not None
    return previous, saved
