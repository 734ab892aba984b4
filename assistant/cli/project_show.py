"""`rulebook projects show`: a project's breakdown and its history (apart from `projects list`, which stays light)."""

from __future__ import annotations

from typing import Optional

import typer

from assistant.cli.breakdown import show_breakdown
from assistant.cli.common import print_json
from assistant.service.projects import latest_breakdown, project_summary
from assistant.service.workspace import Workspace


def projects_show(
    project_id: str = typer.Argument(..., help="the project id"),
    version: Optional[int] = typer.Option(None, "--version", help="a breakdown version (default: latest)"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """A project's latest (or given) breakdown version and its history."""
    ws = Workspace()
    row = ws.store.project(project_id)
    shown = latest_breakdown(ws, project_id, version)
    if as_json:
        print_json({**project_summary(ws, row), "breakdown": shown.model_dump(mode="json")})
        return
    typer.echo(f"{row.id}  {row.name}  status: {row.status}  submitted by {(row.meta or {}).get('owner') or 'unknown'}")
    for artifact in ws.store.artifacts(project_id, "breakdown"):
        typer.echo(
            f"  breakdown v{artifact.version}  {artifact.created_at:%Y-%m-%d %H:%M}  by {artifact.actor or 'unknown'}  "
            f"{artifact.engine}  {artifact.note}"
        )
    typer.echo("")
    show_breakdown(shown, False)
