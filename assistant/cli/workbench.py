"""Commands of the trainer's workbench: `import-rulebook`, `reopen` and `app` (registered from cli.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import typer

from assistant.core.errors import InputError

__all__ = ["import_rulebook_command", "reopen_command", "app_command", "register"]


def import_rulebook_command(
    project_id: str = typer.Argument(..., help="the project whose next rulebook version the file becomes"),
    path: Path = typer.Argument(..., help="the rulebook JSON, e.g. edited by hand after `rulebook export --format json`"),
) -> None:
    """Make a hand-edited rulebook JSON the project's next version; prints the diff and the check."""
    from assistant.rulebook.check import format_report
    from assistant.service.rulebook_edit import import_rulebook
    from assistant.service.workspace import Workspace

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    saved = import_rulebook(Workspace(), project_id, path)
    typer.echo(f"saved rulebook version {saved.new.version} of project {project_id}: {saved.new.changelog[-1].change}", err=True)
    typer.echo(saved.diff)
    typer.echo(format_report(saved.report, saved.new.language))
    if not saved.report.ok:
        typer.echo(
            "the version is saved; fix the errors above before annotators or a model use it (delivery refuses them)"
            if saved.new.language != "zh"
            else "该版本已保存；请在标注员或模型使用前修正上面的错误（有错误时无法交付）",
            err=True,
        )


def reopen_command(project_id: str = typer.Argument(..., help="a delivered project")) -> None:
    """Reopen a delivered project so it can be edited again (it is read-only once delivered)."""
    from assistant.service.rulebook_edit import reopen_project
    from assistant.service.workspace import Workspace

    status = reopen_project(Workspace(), project_id)
    typer.echo(f"project {project_id} is open again (status {status})")


def app_command(
    port: int = typer.Option(8501, help="port to serve on"),
    host: str = typer.Option("127.0.0.1", help="address to bind; 127.0.0.1 keeps it local"),
) -> None:
    """Start the Streamlit app. Stopping this command (Ctrl-C, or SIGTERM to its pid) stops the server and frees the port."""
    app_file = Path(__file__).resolve().parent.parent / "app.py"
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_file),
        "--server.address", host, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
        # no file watcher: a virtualenv inside the project folder floods inotify and makes pages rerun
        "--server.fileWatcherType", "none",
    ]
    typer.echo(f"Rulebook app at http://{host}:{port} (Ctrl-C stops it)", err=True)
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


def register(app: typer.Typer) -> None:
    app.command("import-rulebook")(import_rulebook_command)
    app.command("reopen")(reopen_command)
    app.command("app")(app_command)
