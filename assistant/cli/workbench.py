"""Commands of the trainer's workbench: `import-rulebook`, `reopen` and `app` (listed in cli.registry)."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import typer

from assistant.cli.accounts import app_bind_check
from assistant.core.errors import ConfigurationError, InputError
from assistant.core.messages import Message, text
from assistant.rulebook.check import format_report
from assistant.service.rulebook_edit import import_rulebook, reopen_project
from assistant.service.workspace import Workspace

__all__ = ["import_rulebook_command", "reopen_command", "app_command", "app_script"]


def import_rulebook_command(
    project_id: str = typer.Argument(..., help="the project whose next rulebook version the file becomes"),
    path: Path = typer.Argument(..., help="the rulebook JSON, e.g. edited by hand after `rulebook export --format json`"),
) -> None:
    """Make a hand-edited rulebook JSON the project's next version; prints the diff and the check."""

    if not path.is_file():
        raise InputError(Message("error.workbench.no_such_file", path=str(path)))
    saved = import_rulebook(Workspace(), project_id, path)
    typer.echo(text("cli.workbench.imported", None, version=saved.new.version, project=project_id, change=saved.new.changelog[-1].change), err=True)
    typer.echo(saved.diff)
    typer.echo(format_report(saved.report, saved.new.language))
    if not saved.report.ok:
        typer.echo(text("cli.import_rulebook.fix_errors", saved.new.language), err=True)


def reopen_command(project_id: str = typer.Argument(..., help="a delivered project")) -> None:
    """Reopen a delivered project so it can be edited again (it is read-only once delivered)."""

    status = reopen_project(Workspace(), project_id)
    typer.echo(text("cli.workbench.reopened", None, project=project_id, status=status))


def app_script() -> Path:
    """The app's entry script: `app.py` beside the `ui` package, in a checkout and in an install alike."""
    spec = importlib.util.find_spec("ui")  # finds the package without importing it (no Streamlit yet)
    script = Path(spec.origin).resolve().parent.parent / "app.py" if spec and spec.origin else None
    if script is None or not script.is_file():
        raise ConfigurationError(
            Message("error.workbench.no_app_script", script=script or 'ui not found')
        )
    return script


def app_command(
    port: int = typer.Option(8501, help="port to serve on"),
    host: str = typer.Option("127.0.0.1", help="address to bind; 127.0.0.1 keeps it local"),
) -> None:
    """Start the Streamlit app. Stopping this command (Ctrl-C, or SIGTERM to its pid) stops the server and frees the port."""

    sign_in = app_bind_check(host)  # no accounts: loopback only, refused elsewhere
    app_file = app_script()
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_file),
        "--server.address", host, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
        # no file watcher: a virtualenv inside the project folder floods inotify and makes pages rerun
        "--server.fileWatcherType", "none",
    ]
    typer.echo(text("cli.workbench.app_at", None, host=host, port=port), err=True)
    typer.echo(sign_in, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        # The server becomes this process (same pid): a signal to `rulebook app` reaches Streamlit,
        # which stops its server and releases the port. Nothing is left running behind it.
        os.execv(sys.executable, command)
    server = subprocess.Popen(command)  # pragma: no cover - Windows: forward the stop to the child

    def stop(signum, frame):  # pragma: no cover
        server.terminate()

    for name in ("SIGTERM", "SIGINT", "SIGBREAK"):  # pragma: no cover
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    try:  # pragma: no cover
        code = server.wait()
    finally:
        if server.poll() is None:
            server.kill()
    raise typer.Exit(code)  # pragma: no cover
