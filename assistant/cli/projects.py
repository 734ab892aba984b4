"""`rulebook projects ...`: projects and the versions made from them."""

from __future__ import annotations

from typing import Optional

import typer

from assistant.cli.common import print_json, show_breakdown

projects_app = typer.Typer(help="Projects: requests and every version made from them.", no_args_is_help=True)


@projects_app.command("list")
def projects_list(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """All projects, newest first, with their lifecycle status."""
    from assistant.service.project_list import project_summary
    from assistant.service.workspace import Workspace

    ws = Workspace()
    rows = [project_summary(ws, row) for row in ws.store.projects()]
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("no projects yet: start one with `rulebook breakdown \"your request\"`")
    for row in rows:
        typer.echo(f"{row['id']}  {row['status']:<10} v{row['breakdown_versions']}  {row['name']}")


@projects_app.command("show")
def projects_show(
    project_id: str = typer.Argument(..., help="the project id"),
    version: Optional[int] = typer.Option(None, "--version", help="a breakdown version (default: latest)"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """A project's latest (or given) breakdown version and its history."""
    from assistant.service.projects import latest_breakdown, project_summary
    from assistant.service.workspace import Workspace

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
