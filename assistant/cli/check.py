"""`rulebook check`: lint a rulebook file or a project's latest rulebook.

Apart from the other rulebook commands so a check loads no pipeline step: a file is read, a project's
version and its request are read from the store, and the checks run.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any, Iterable, Optional

import typer

from assistant.cli.common import print_json
from assistant.core.models import Breakdown, PastProject, Rulebook
from assistant.core.settings import get_settings
from assistant.core.store_read import open_reader, store_file
from assistant.rulebook.check import check_rulebook, format_report
from assistant.rulebook.export import load_rulebook
from assistant.service.project_list import rulebook_version
from assistant.service.workspace import Workspace


def load_target(target: str) -> tuple[Rulebook, Optional[str]]:
    """A rulebook from a JSON file, or the latest version of a project; returns (rulebook, project_id)."""
    path = Path(target)
    if path.suffix.lower() == ".json" or path.exists():
        return load_rulebook(path), None
    reader = open_reader(get_settings())
    if reader is not None:
        with closing(reader):
            payload = reader.latest_payload(target, "rulebook")
        if payload is not None:
            return Rulebook.model_validate(payload), target
    return rulebook_version(Workspace(), target), target  # another database, or no such rulebook: the store says why


def _check_context(rulebook: Rulebook, project_id: Optional[str]) -> dict[str, Any]:
    """What `check` compares a rulebook with: the request and answers, and the past projects' label names.

    Read with the standard library from the default SQLite store (`assistant.core.store_read`), through
    the `Store` from any other; no store yet means nothing to compare with (none is created).
    """
    context: dict[str, Any] = {}
    settings = get_settings()
    owner = project_id or rulebook.project_id
    stored = store_file(settings)
    if stored is not None and not stored.exists():
        return context
    try:
        reader = open_reader(settings)
        if reader is not None:
            with closing(reader):
                context["known_labels"] = _label_names(reader.past_projects())
                breakdown = reader.latest_payload(owner, "breakdown") if owner else None
        else:
            store = Workspace(settings).store
            context["known_labels"] = _label_names(store.past_projects())
            # the stored breakdown as it is (projects.latest_breakdown would load the whole breakdown step)
            breakdown = store.artifact(owner, "breakdown").payload if owner else None
        if breakdown is not None:
            context["request"] = Breakdown.model_validate(breakdown).request_text()
    except Exception:  # noqa: BLE001 - no store or no such project: check the file on its own
        pass
    return context


def _label_names(projects: Iterable[PastProject]) -> list[str]:
    return [label.name for project in projects for label in project.rules.labels]


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
