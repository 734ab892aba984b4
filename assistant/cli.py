"""`rulebook`: the command line. Thin: parse, call the pipeline, print.

Heavy libraries are imported inside the commands that use them, so
`rulebook --help` and `rulebook doctor` start fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from .errors import RulebookError

app = typer.Typer(
    help="Rulebook: turn vague annotation requests into precise labeling rulebooks, and measure how well they are followed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
kb_app = typer.Typer(help="The knowledge base of past projects (rules and examples).", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


def _workspace():
    from .workspace import Workspace

    return Workspace()


def _say(message: str) -> None:
    """Status lines go to stderr so stdout stays clean for --json."""
    typer.echo(message, err=True)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _announce_engine() -> None:
    from .llm import engine_description
    from .settings import get_settings

    _say(f"[{engine_description(get_settings())}]")


# ---------------------------------------------------------------------------------------------
# kb
# ---------------------------------------------------------------------------------------------
@kb_app.command("seed")
def kb_seed() -> None:
    """Load the bundled past projects into the knowledge base (idempotent)."""
    from knowledge.loader import seed

    ws = _workspace()
    report = seed(ws.store, ws.kb)
    stats = ws.kb.stats()
    typer.echo(
        f"seeded {report.projects} projects: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged; {report.documents} documents indexed now"
    )
    typer.echo(f"knowledge base: {stats['documents']} documents {stats['by_kind']} at {stats['location']}")


@kb_app.command("add")
def kb_add(files: list[Path] = typer.Argument(..., help="past-project files (.yaml, .yml or .json)")) -> None:
    """Import past-project files. Every file is validated first; nothing is written unless all are valid."""
    from knowledge.loader import import_project_files

    ws = _workspace()
    report = import_project_files(files, ws.store, ws.kb)
    typer.echo(
        f"imported {report.projects} projects: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged; {report.documents} documents indexed"
    )


@kb_app.command("search")
def kb_search(
    query: str = typer.Argument(..., help="what to look for, in Chinese or English"),
    k: int = typer.Option(5, "--k", "-k", help="number of hits"),
    task_type: Optional[str] = typer.Option(None, "--task-type", help="e.g. sentiment, intent_classification, ner"),
    kind: Optional[str] = typer.Option(None, "--kind", help="project, rule or example"),
    language: Optional[str] = typer.Option(None, "--language", help="zh, en or mixed"),
    label: Optional[str] = typer.Option(None, "--label", help="only documents about this label"),
    polarity: Optional[str] = typer.Option(None, "--polarity", help="positive or negative (examples)"),
    as_json: bool = typer.Option(False, "--json", help="print a JSON list"),
) -> None:
    """Search past projects, rules and examples by meaning."""
    from .models import TaskType

    if task_type is not None and task_type not in {t.value for t in TaskType}:
        raise RulebookError(f"unknown --task-type {task_type!r}; one of {', '.join(t.value for t in TaskType)}")
    ws = _workspace()
    hits = ws.kb.search(
        query, k, task_type=task_type, kind=kind, language=language, label=label, polarity=polarity
    )
    if as_json:
        _print_json([hit.model_dump() for hit in hits])
        return
    if not hits:
        typer.echo("no hits (is the knowledge base seeded? run `rulebook kb seed`)")
        return
    for rank, hit in enumerate(hits, 1):
        tag = f" [{hit.label}{'/' + hit.polarity if hit.polarity else ''}]" if hit.label else ""
        first_line = hit.text.splitlines()[0][:100]
        typer.echo(f"{rank}. {hit.score:.3f}  {hit.kind:<7} {hit.project} ({hit.task_type}){tag}\n     {first_line}")


@kb_app.command("stats")
def kb_stats(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Counts of indexed documents by kind and of projects by task type."""
    ws = _workspace()
    stats = ws.kb.stats()
    stats["projects_in_store"] = ws.store.count_past_projects()
    if as_json:
        _print_json(stats)
        return
    typer.echo(f"{stats['documents']} documents at {stats['location']} (embedder {stats['embedder']})")
    for kind, count in stats["by_kind"].items():
        typer.echo(f"  {kind:<8} {count}")
    typer.echo(f"{stats['projects_in_store']} past projects in the store; by task type:")
    for task, count in stats["projects_by_task_type"].items():
        typer.echo(f"  {task:<24} {count}")


@kb_app.command("reindex")
def kb_reindex() -> None:
    """Rebuild the vector index from the project store (e.g. after changing the embedder)."""
    from knowledge.base import KnowledgeBase

    ws = _workspace()
    _, documents = KnowledgeBase.rebuild(ws.settings, ws.store, ws.embedder)
    typer.echo(f"rebuilt the index with {documents} documents from {ws.store.count_past_projects()} past projects (embedder {ws.embedder.name})")


# ---------------------------------------------------------------------------------------------
# doctor, demo, app
# ---------------------------------------------------------------------------------------------
@app.command()
def doctor(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Show the LLM (or offline engine), embedder, knowledge base and database in use; check the endpoint answers."""
    from .doctor import run_checks

    report = run_checks()
    if as_json:
        _print_json(report)
    else:
        for check in report["checks"]:
            mark = "ok " if check["ok"] else "ERR"
            typer.echo(f"[{mark}] {check['name']:<15} {check['detail']}")
    if not report["usable"]:
        raise typer.Exit(1)


@app.command()
def demo() -> None:
    """The main job on the embedded defaults: seed the knowledge base and search it."""
    from knowledge.loader import seed

    ws = _workspace()
    _say(f"[{ws.engine}]")
    report = seed(ws.store, ws.kb)
    typer.echo(f"1. knowledge base seeded: {report.projects} past projects, {ws.kb.stats()['documents']} documents")
    for query in ("用户投诉 情绪识别", "search result relevance"):
        typer.echo(f"2. search {query!r}:")
        for hit in ws.kb.search(query, 3, kind="project"):
            typer.echo(f"   {hit.score:.3f}  {hit.project}  ({hit.task_type}, {hit.language})")
    typer.echo(f"data directory: {ws.settings.data_dir.resolve()}")


@app.command("app")
def run_app(
    port: int = typer.Option(8501, help="port to serve on"),
    host: str = typer.Option("127.0.0.1", help="address to bind; 127.0.0.1 keeps it local"),
) -> None:
    """Start the Streamlit app."""
    import subprocess

    app_file = Path(__file__).resolve().parent.parent / "app.py"
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_file),
        "--server.address", host, "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]
    raise typer.Exit(subprocess.call(command))


def main() -> None:
    """Console entry point: typed errors become one clear line, never a traceback."""
    try:
        app()
    except RulebookError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
