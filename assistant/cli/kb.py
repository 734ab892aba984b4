"""`rulebook kb ...`: the knowledge base of past projects."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Optional

import typer

from assistant.cli.common import print_json, show, tell, workspace
from assistant.core.errors import InputError, RulebookError
from assistant.core.language import reader_language
from assistant.core.messages import Items, Message, text
from assistant.core.models import Language, TaskType
from assistant.core.store_read import open_reader
from knowledge.base import KnowledgeBase
from knowledge.doc_ids import check_free
from knowledge.doc_import import document_project
from knowledge.documents import default_document_id
from knowledge.hits import search_where
from knowledge.index_copy import search_copy
from knowledge.index_stats import save_stats, saved_stats
from knowledge.loader import import_project_files, seed, store_and_index

kb_app = typer.Typer(help="The knowledge base of past projects (rules and examples).", no_args_is_help=True)


@kb_app.command("seed")
def kb_seed() -> None:
    """Load the bundled past projects into the knowledge base (idempotent)."""

    ws = workspace()
    report = seed(ws.store, ws.kb)
    stats = ws.kb.stats()
    show("cli.kb.seeded", projects=report.projects, added=len(report.added), updated=len(report.updated),
         unchanged=len(report.unchanged), documents=report.documents)
    show("cli.kb.stats", documents=stats["documents"], kinds=stats["by_kind"], location=stats["location"])


@kb_app.command("add")
def kb_add(files: list[Path] = typer.Argument(..., help="past-project files (.yaml, .yml or .json)")) -> None:
    """Import past-project files. Every file is validated first; nothing is written unless all are valid."""

    ws = workspace()
    report = import_project_files(files, ws.store, ws.kb)
    show("cli.kb.imported", projects=report.projects, added=len(report.added), updated=len(report.updated),
         unchanged=len(report.unchanged), documents=report.documents)


@kb_app.command("import-doc")
def kb_import_doc(
    file: Path = typer.Argument(..., help="a rule document: Markdown (.md) or Word (.docx)"),
    task_type: str = typer.Option(..., "--task-type", help="e.g. sentiment, intent_classification, ner"),
    language: str = typer.Option(..., "--language", help="zh, en or mixed"),
    project_id: Optional[str] = typer.Option(None, "--id", help="id for the past project (default: from the file name)"),
    name: Optional[str] = typer.Option(None, "--name", help="project name (default: the document title)"),
    domain: str = typer.Option("general", "--domain", help="business domain"),
    replace: bool = typer.Option(False, "--replace", help="replace a past project that already has this id"),
    yes: bool = typer.Option(False, "--yes", help="write what the LLM read without asking (only when an LLM read the document)"),
) -> None:
    """Import a rule document written elsewhere as a past project (labels, rules, examples, edge cases)."""



    if task_type not in {t.value for t in TaskType}:
        raise InputError(Message("error.kb.unknown_task_type", task_type=task_type, task_types=', '.join(t.value for t in TaskType)))
    if language not in {l.value for l in Language}:
        raise InputError(Message("error.kb.unknown_language", language=language))
    content = file.read_bytes() if file.is_file() else None
    ws = workspace()
    project, how, problems = document_project(
        file, project_id=project_id or default_document_id(file.name, content), task_type=task_type,
        language=language, name=name, domain=domain, llm=ws.llm,
    )
    check_free(ws.store, project.id, replace=replace, source=str(file))
    if how == "llm":
        show("cli.kb.llm_read", file=file.name)
        show("cli.kb.preview_title", title=project.name)
        for label in project.rules.labels:
            show("cli.kb.preview_label", name=label.name, definition=label.definition[:80], criteria=len(label.criteria))
        show(
            "cli.kb.preview_counts", examples=len(project.examples), steps=len(project.rules.decision_procedure),
            edge_cases=len(project.rules.edge_cases),
        )
        for problem in problems:
            show("cli.kb.preview_problem", problem=problem)
        if not yes and not typer.confirm(text("cli.kb.confirm_write", reader_language()), default=False):
            show("cli.kb.nothing_written")
            raise typer.Exit(1)
    report = store_and_index([(project, f"document:{file.name}")], ws.store, ws.kb)
    show(
        "cli.kb.imported_doc", file=file.name, id=project.id, labels=len(project.rules.labels), examples=len(project.examples),
        edge_cases=len(project.rules.edge_cases), how=Message("cli.kb.added" if report.added else "cli.kb.updated"),
    )
    show("cli.kb.preview_title", title=project.name)
    show("cli.kb.preview_labels", labels=Items((label.name for label in project.rules.labels), plain=True))


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

    if task_type is not None and task_type not in {t.value for t in TaskType}:
        raise RulebookError(Message("error.kb.unknown_task_type", task_type=task_type, task_types=', '.join(t.value for t in TaskType)))
    ws = workspace()
    where = search_where(query, k, task_type=task_type, kind=kind, language=language, label=label, polarity=polarity)
    hits = search_copy(ws.settings, ws.embedder, query, k, where)  # the local index unchanged: no need to open Chroma
    if hits is None:
        hits = ws.kb.search(query, k, task_type=task_type, kind=kind, language=language, label=label, polarity=polarity)
    if as_json:
        print_json([hit.model_dump() for hit in hits])
        return
    if not hits:
        show("cli.kb.no_hits")
        return
    for rank, hit in enumerate(hits, 1):
        tag = f" [{hit.label}{'/' + hit.polarity if hit.polarity else ''}]" if hit.label else ""
        first_line = hit.text.splitlines()[0][:100]
        show("cli.kb.hit", rank=rank, score=f"{hit.score:.3f}", kind=f"{hit.kind:<7}", project=hit.project,
             task_type=hit.task_type, tag=tag, first_line=first_line)


@kb_app.command("stats")
def kb_stats(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Counts of indexed documents by kind and of projects by task type."""

    ws = workspace()
    stats = saved_stats(ws.settings, ws.embedder.name)  # the local index unchanged: no need to open Chroma
    if stats is None:
        with ws.kb.locked():  # counted and saved under the write lock: no write can slip in between
            stats = ws.kb.stats()
            save_stats(ws.settings, stats)
    reader = open_reader(ws.settings)  # the default SQLite store, read without SQLAlchemy
    if reader is None:
        stats["projects_in_store"] = ws.store.count_past_projects()
    else:
        with closing(reader):
            stats["projects_in_store"] = reader.count_past_projects()
    if as_json:
        print_json(stats)
        return
    show("cli.kb.documents_at", documents=stats["documents"], location=stats["location"], embedder=stats["embedder"])
    for kind, count in stats["by_kind"].items():
        typer.echo(f"  {kind:<8} {count}")
    show("cli.kb.projects_by_type", projects=stats["projects_in_store"])
    for task, count in stats["projects_by_task_type"].items():
        typer.echo(f"  {task:<24} {count}")


@kb_app.command("reindex")
def kb_reindex() -> None:
    """Rebuild the vector index from the project store (e.g. after changing the embedder)."""

    ws = workspace()
    kb, documents = KnowledgeBase.rebuild(ws.settings, ws.store, ws.embedder)
    if kb.set_aside is not None:
        tell("cli.kb.set_aside", path=kb.set_aside)
    show("cli.kb.rebuilt", documents=documents, projects=ws.store.count_past_projects(), embedder=ws.embedder.name)
