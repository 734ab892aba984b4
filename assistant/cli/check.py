"""`rulebook check`: lint a rulebook file or a project's latest rulebook.

Apart from the other rulebook commands so a check loads no pipeline step: a file is read, a project's
version and its request are read from the store, and the checks run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from assistant.cli.common import print_json
from assistant.core.models import Breakdown, Rulebook
from assistant.core.settings import get_settings
from assistant.rulebook.check import check_rulebook, format_report
from assistant.rulebook.export import load_rulebook
from assistant.service.project_list import rulebook_version
from assistant.service.workspace import Workspace


def load_target(target: str) -> tuple[Rulebook, Optional[str]]:
    """A rulebook from a JSON file, or the latest version of a project; returns (rulebook, project_id)."""
    path = Path(target)
    if path.suffix.lower() == ".json" or path.exists():
        return load_rulebook(path), None
    return rulebook_version(Workspace(), target), target


def _check_context(rulebook: Rulebook, project_id: Optional[str]) -> dict[str, Any]:
    """What `check` compares a rulebook with: the request and answers, and the past projects' label names."""
    context: dict[str, Any] = {}
    ws = Workspace()
    try:
        context["known_labels"] = [label.name for project in ws.store.past_projects() for label in project.rules.labels]
        owner = project_id or rulebook.project_id
        if owner:
            # the stored breakdown as it is (projects.latest_breakdown would load the whole breakdown step)
            stored = ws.store.artifact(owner, "breakdown")
            context["request"] = Breakdown.model_validate(stored.payload).request_text()
    except Exception:  # noqa: BLE001 - no store or no such project: check the file on its own
        pass
    return context


def check(
    rulebook_path: str = typer.Argument(..., metavar="RULEBOOK", help="a rulebook JSON file, or a project id"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Lint a rulebook: undefined labels, too few examples, overlapping labels, unknown labels, undefined terms, token size. Exit 1 on errors."""
    rulebook, project_id = load_target(rulebook_path)
    report = check_rulebook(rulebook, get_settings(), **_check_context(rulebook, project_id))
    if as_json:
        print_json(report.model_dump(mode="json"))
    else:
        typer.echo(format_report(report, rulebook.language))
    if not report.ok:
        raise typer.Exit(1)
