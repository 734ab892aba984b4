"""`rulebook demo`: the whole pipeline on the bundled sample (apart from `doctor`: it imports every step)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from assistant.service.demo import run_demo
from assistant.service.workspace import Workspace


def demo(
    out: Optional[Path] = typer.Option(None, "--out", help="where to write the outputs (default: DATA_DIR/demo)"),
) -> None:
    """The main job on the embedded defaults: the whole pipeline on a bundled sample request and data."""

    ws = Workspace()
    out_dir = out or ws.settings.data_dir / "demo"
    outputs = run_demo(ws, out_dir, typer.echo)
    typer.echo("")
    typer.echo("outputs:")
    for name, path in outputs.items():
        typer.echo(f"  {name:<34} {path}")
    typer.echo(f"data directory: {ws.settings.data_dir.resolve()}")
    typer.echo("open the app with `rulebook app` (or `streamlit run app.py`), then http://127.0.0.1:8501")
