"""`rulebook doctor`: what the installation uses, and whether it answers."""

from __future__ import annotations

import typer

from assistant.cli.common import print_json
from assistant.service.doctor import run_checks


def doctor(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Show the LLM (or offline engine), embedder, knowledge base and database in use; check the endpoint answers."""
    report = run_checks()
    if as_json:
        print_json(report)
    else:
        for check in report["checks"]:
            mark = "ok " if check["ok"] else "ERR"
            typer.echo(f"[{mark}] {check['name']:<15} {check['detail']}")
    if not report["usable"]:
        raise typer.Exit(1)
