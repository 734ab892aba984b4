"""`rulebook projects ...`: projects and the versions made from them.

`projects list` reads the store only; `projects show` renders a breakdown, which needs the breakdown
step, so it lives in `assistant.cli.project_show` and is imported only when it runs.
"""

from __future__ import annotations

import typer

from assistant.cli.common import print_json, show
from assistant.cli.registry import Entry, lazy_group
from assistant.service.project_list import project_summaries
from assistant.service.workspace import Workspace

PROJECT_COMMANDS = (
    Entry("list", "assistant.cli.projects", "projects_list", "All projects, newest first, with their lifecycle status."),
    Entry("show", "assistant.cli.project_show", "projects_show",
          "A project's latest (or given) breakdown version and its history."),
)

projects_app = typer.Typer(
    cls=lazy_group(PROJECT_COMMANDS), help="Projects: requests and every version made from them.", no_args_is_help=True
)


def projects_list(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """All projects, newest first, with their lifecycle status."""
    rows = project_summaries(Workspace())
    if as_json:
        print_json(rows)
        return
    if not rows:
        show("cli.projects.none")
    for row in rows:
        typer.echo(f"{row['id']}  {row['status']:<10} v{row['breakdown_versions']}  {row['name']}")
