"""Housekeeping commands: `rulebook doctor` and `rulebook demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from assistant.cli.common import print_json


def doctor(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Show the LLM (or offline engine), embedder, knowledge base and database in use; check the endpoint answers."""
    from assistant.service.doctor import run_checks

    report = run_checks()
    if as_json:
        print_json(report)
    else:
        for check in report["checks"]:
            mark = "ok " if check["ok"] else "ERR"
            typer.echo(f"[{mark}] {check['name']:<15} {check['detail']}")
    if not report["usable"]:
        raise typer.Exit(1)


def demo(
    out: Optional[Path] = typer.Option(None, "--out", help="where to write the outputs (default: DATA_DIR/demo)"),
) -> None:
    """The main job on the embedded defaults: the whole pipeline on a bundled sample request and data."""
    from assistant.service.demo import run_demo
    from assistant.service.workspace import Workspace

    ws = Workspace()
    out_dir = out or ws.settings.data_dir / "demo"
    outputs = run_demo(ws, out_dir, typer.echo)
    typer.echo("")
    typer.echo("outputs:")
    for name, path in outputs.items():
        typer.echo(f"  {name:<34} {path}")
    typer.echo(f"data directory: {ws.settings.data_dir.resolve()}")
    typer.echo("open the app with `rulebook app` (or `streamlit run app.py`), then http://127.0.0.1:8501")


def register(app: typer.Typer) -> None:
    app.command()(doctor)
    app.command()(demo)
