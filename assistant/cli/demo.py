"""`rulebook demo`: the whole pipeline on the bundled sample (apart from `doctor`: it imports every step)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from assistant.cli.common import padded, show
from assistant.core.language import reader_language
from assistant.core.messages import text
from assistant.service.demo import run_demo
from assistant.service.workspace import Workspace


def demo(
    out: Optional[Path] = typer.Option(None, "--out", help="where to write the outputs (default: DATA_DIR/demo)"),
) -> None:
    """The main job on the embedded defaults: the whole pipeline on a bundled sample request and data."""

    ws = Workspace()
    out_dir = out or ws.settings.data_dir / "demo"
    language = reader_language()
    outputs = run_demo(ws, out_dir, typer.echo, language)
    typer.echo("")
    show("cli.demo.outputs")
    for key, path in outputs.items():
        typer.echo(f"  {padded(text(f'demo.output.{key}', language), 34)} {path}")
    show("cli.demo.data_directory", path=ws.settings.data_dir.resolve())
    show("cli.demo.open_app")
