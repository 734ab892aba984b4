"""`rulebook`: the command line. Thin: parse, call the pipeline, print.

Heavy libraries are imported inside the commands that use them, so
`rulebook --help` and `rulebook doctor` start fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from assistant.core.errors import InputError, RulebookError

app = typer.Typer(
    help="Rulebook: turn vague annotation requests into precise labeling rulebooks, and measure how well they are followed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
kb_app = typer.Typer(help="The knowledge base of past projects (rules and examples).", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
projects_app = typer.Typer(help="Projects: requests and every version made from them.", no_args_is_help=True)
app.add_typer(projects_app, name="projects")


def _register_step_commands() -> None:
    """Commands that live beside their step's code (light modules: heavy imports happen inside)."""
    from assistant.cli.batches import batches_app
    from assistant.cli.agreement import agree_command, qa_app

    from assistant.cli.jobs import jobs_app
    from assistant.cli.accounts import accounts_app
    from assistant.cli.prelabel import prelabel_command
    from assistant.cli.train import plan_command, train_app
    from assistant.cli.training_data import export_data_command
    from assistant.cli.workbench import register as register_workbench

    app.command("prelabel")(prelabel_command)
    app.add_typer(jobs_app, name="jobs")
    app.command("agree")(agree_command)
    app.add_typer(qa_app, name="qa", help="QA by sampling: how many items to review, and whether a batch passes.")
    app.add_typer(batches_app, name="batches", help="Production batches: quality over time, drift and flags.")
    app.add_typer(train_app, name="train", help="Annotator training: pack, qualification quiz, scoring.")
    app.command("plan")(plan_command)
    app.command("export-data")(export_data_command)
    register_workbench(app)  # import-rulebook, reopen, app
    app.add_typer(accounts_app, name="accounts")


_register_step_commands()


def _workspace():
    from assistant.service.workspace import Workspace

    return Workspace()


def _say(message: str) -> None:
    """Status lines go to stderr so stdout stays clean for --json."""
    typer.echo(message, err=True)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _announce_engine() -> None:
    from assistant.llm.factory import engine_description
    from assistant.core.settings import get_settings

    _say(f"[{engine_description(get_settings())}]")


# Commands that say which engine they use themselves (or have no use for one).
_OWN_ENGINE_LINE = {"doctor", "prelabel", "app", "accounts"}


@app.callback()
def _before_every_command(
    ctx: typer.Context,
    mask_pii: Optional[str] = typer.Option(
        None, "--mask-pii", help="auto|on|off: mask personal data before requests leave (default auto: on unless the endpoint is loopback)"
    ),
    acting_as: Optional[str] = typer.Option(
        None, "--as", envvar="RULEBOOK_USER", metavar="NAME",
        help="the name recorded with the versions this command saves (default: the operating-system user)",
    ),
) -> None:
    """Every command says plainly, on stderr, whether the LLM or the offline engine is in use."""
    if mask_pii is not None:
        if mask_pii.strip().lower() not in ("auto", "on", "off"):
            raise InputError(f"--mask-pii must be auto, on or off, got {mask_pii!r}")
        os.environ["RULEBOOK_MASK_PII"] = mask_pii.strip().lower()
        from assistant.core.settings import reset_settings

        reset_settings()
    if acting_as is not None and acting_as.strip():
        from assistant.core.actor import reset_actor, set_actor

        token = set_actor(acting_as)
        ctx.call_on_close(lambda: reset_actor(token))
    if ctx.resilient_parsing or ctx.invoked_subcommand in _OWN_ENGINE_LINE or {"--help", "-h"} & set(sys.argv[1:]):
        return
    _announce_engine()


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
    from knowledge.doc_ids import check_free
    from knowledge.doc_import import document_project
    from knowledge.documents import default_document_id
    from knowledge.loader import store_and_index

    from assistant.llm.factory import get_llm

    from assistant.core.models import Language, TaskType

    if task_type not in {t.value for t in TaskType}:
        raise InputError(f"unknown --task-type {task_type!r}; one of {', '.join(t.value for t in TaskType)}")
    if language not in {l.value for l in Language}:
        raise InputError(f"unknown --language {language!r}; one of zh, en, mixed")
    content = file.read_bytes() if file.is_file() else None
    ws = _workspace()
    project, how, problems = document_project(
        file, project_id=project_id or default_document_id(file.name, content), task_type=task_type,
        language=language, name=name, domain=domain, llm=get_llm(ws.settings),
    )
    check_free(ws.store, project.id, replace=replace, source=str(file))
    if how == "llm":
        typer.echo(f"the outline of {file.name} could not be followed; the LLM read it (every field checked against the document):")
        typer.echo(f"  title: {project.name}")
        for label in project.rules.labels:
            typer.echo(f"  - {label.name}: {label.definition[:80]} ({len(label.criteria)} criteria)")
        typer.echo(f"  {len(project.examples)} examples, {len(project.rules.decision_procedure)} procedure steps, "
                   f"{len(project.rules.edge_cases)} edge cases")
        for problem in problems:
            typer.echo(f"  ! {problem}")
        if not yes and not typer.confirm("write this past project?", default=False):
            typer.echo("nothing written")
            raise typer.Exit(1)
    report = store_and_index([(project, f"document:{file.name}")], ws.store, ws.kb)
    typer.echo(
        f"imported {file.name} as past project {project.id}: {len(project.rules.labels)} labels, "
        f"{len(project.examples)} examples, {len(project.rules.edge_cases)} edge cases ({'added' if report.added else 'updated'})"
    )
    typer.echo(f"  title: {project.name}")
    typer.echo(f"  labels: {', '.join(label.name for label in project.rules.labels)}")


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
    from assistant.core.models import TaskType

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
    from knowledge.index_stats import save_stats, saved_stats

    ws = _workspace()
    stats = saved_stats(ws.settings, ws.embedder.name)  # the local index unchanged: no need to open Chroma
    if stats is None:
        with ws.kb.writing():  # counted and saved under the write lock: no write can slip in between
            stats = ws.kb.stats()
            save_stats(ws.settings, stats)
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
    kb, documents = KnowledgeBase.rebuild(ws.settings, ws.store, ws.embedder)
    if kb.set_aside is not None:
        _say(f"the index could not be read: it was set aside at {kb.set_aside} (delete it when the new one works)")
    typer.echo(f"rebuilt the index with {documents} documents from {ws.store.count_past_projects()} past projects (embedder {ws.embedder.name})")


# ---------------------------------------------------------------------------------------------
# Step 1: breakdown
# ---------------------------------------------------------------------------------------------
def read_text_file(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(f"{what} file {path} not found") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{what} file {path} is not UTF-8 text (byte {error.start}); save it as UTF-8") from error


def _show_breakdown(breakdown: Any, as_json: bool) -> None:
    from assistant.breakdown.render import breakdown_text

    if as_json:
        _print_json(breakdown.model_dump(mode="json"))
    else:
        typer.echo(breakdown_text(breakdown))


@app.command()
def breakdown(
    text: Optional[str] = typer.Argument(None, help="the request, e.g. '我们想让客服机器人更懂用户的投诉'"),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="read the request from a UTF-8 text file"),
    project: Optional[str] = typer.Option(None, "--project", help="a name for the new project"),
    as_json: bool = typer.Option(False, "--json", help="print the breakdown as JSON"),
) -> None:
    """Break a vague request down into 5W2H with ranked questions, saved as a new project."""
    from assistant.service.projects import start_project
    from assistant.service.workspace import Workspace

    if text and file:
        raise InputError("give the request as TEXT or with --file, not both")
    request = read_text_file(file, "request") if file else text
    ws = Workspace()
    result = start_project(ws, request or "", name=project)
    _show_breakdown(result, as_json)
    _say(f"saved as project {result.project_id}, breakdown version {result.version}")


def _parse_set(assignments: list[str]) -> dict[str, str]:
    parsed = {}
    for item in assignments:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise InputError(f"--set takes FIELD=VALUE (e.g. how_much.volume=30000), got {item!r}")
        parsed[path.strip()] = value.strip()
    return parsed


def _read_answers(path: Path) -> dict[str, Any]:
    import yaml

    text = read_text_file(path, "answers")
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        raise InputError(f"{path}: cannot parse answers: {error}") from error
    if not isinstance(data, dict):
        raise InputError(f"{path}: answers must be a mapping of fields to values, e.g. 'how_much.volume: 30000'")
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):  # nested form: how_much: {volume: 30000}
            flat.update({f"{key}.{name}": item for name, item in value.items()})
        else:
            flat[str(key)] = value
    return flat


@app.command()
def answer(
    project_id: str = typer.Argument(..., help="the project id, e.g. p-1a2b3c4d"),
    answers: Optional[Path] = typer.Option(None, "--answers", help="YAML file of FIELD: VALUE answers"),
    set_: list[str] = typer.Option([], "--set", help="FIELD=VALUE, e.g. how_much.volume=30000 (repeatable)"),
    text: Optional[str] = typer.Option(None, "--text", help="a free-text answer, e.g. '3万条，预算2万元'"),
    as_json: bool = typer.Option(False, "--json", help="print the new breakdown as JSON"),
) -> None:
    """Apply the requester's answers; prints the new breakdown version (earlier versions are kept)."""
    from assistant.service.projects import answer_project
    from assistant.service.workspace import Workspace

    given = {**(_read_answers(answers) if answers else {}), **_parse_set(set_)}
    ws = Workspace()
    result = answer_project(ws, project_id, given, text=text)
    _show_breakdown(result, as_json)
    _say(f"saved breakdown version {result.version} of project {project_id}")


@projects_app.command("list")
def projects_list(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """All projects, newest first, with their lifecycle status."""
    from assistant.service.project_list import project_summary
    from assistant.service.workspace import Workspace

    ws = Workspace()
    rows = [project_summary(ws, row) for row in ws.store.projects()]
    if as_json:
        _print_json(rows)
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
        _print_json({**project_summary(ws, row), "breakdown": shown.model_dump(mode="json")})
        return
    typer.echo(f"{row.id}  {row.name}  status: {row.status}  submitted by {(row.meta or {}).get('owner') or 'unknown'}")
    for artifact in ws.store.artifacts(project_id, "breakdown"):
        typer.echo(
            f"  breakdown v{artifact.version}  {artifact.created_at:%Y-%m-%d %H:%M}  by {artifact.actor or 'unknown'}  "
            f"{artifact.engine}  {artifact.note}"
        )
    typer.echo("")
    _show_breakdown(shown, False)


# ---------------------------------------------------------------------------------------------
# Step 2: rulebook
# ---------------------------------------------------------------------------------------------
def _read_samples(path: Path, text_field: str) -> list[str]:
    from assistant.integrations.datafiles import read_records, require_columns

    records = read_records(path)
    require_columns(path, records, text_field)
    return [str(record[text_field]) for record in records if str(record.get(text_field) or "").strip()]


def _write_outputs(rulebook: Any, out: Optional[Path], json_out: Optional[Path], docx_out: Optional[Path]) -> list[str]:
    from assistant.rulebook.export import export

    written = []
    for fmt, path in (("md", out), ("json", json_out), ("docx", docx_out)):
        if path is not None:
            export(rulebook, fmt, path)
            written.append(f"{fmt} → {path}")
    return written


@app.command()
def draft(
    project: Optional[str] = typer.Option(None, "--project", help="draft from this project's latest breakdown"),
    request: Optional[str] = typer.Option(None, "--request", help="or start a new project from a request"),
    samples: Optional[Path] = typer.Option(None, "--samples", help="unlabeled sample items (CSV/JSONL/XLSX) for edge cases"),
    text_field: str = typer.Option("text", "--text-field", help="text column of --samples"),
    out: Optional[Path] = typer.Option(None, "--out", help="write the Markdown rule document here"),
    json_out: Optional[Path] = typer.Option(None, "--json", help="write the JSON rulebook (the pre-labeling contract) here"),
    docx_out: Optional[Path] = typer.Option(None, "--docx", help="write a Word document here"),
) -> None:
    """Draft the annotation rulebook from a breakdown, grounded in past projects; saved as a new version."""
    from assistant.service.projects import draft_for_project, start_project
    from assistant.rulebook.export import to_markdown
    from assistant.service.workspace import Workspace

    if bool(project) == bool(request):
        raise InputError("give exactly one of --project PROJECT_ID or --request TEXT")
    sample_texts = _read_samples(samples, text_field) if samples else None
    ws = Workspace()
    if request:
        project = start_project(ws, request).project_id
        _say(f"started project {project} from the request")
    assert project is not None
    rulebook = draft_for_project(ws, project, samples=sample_texts)
    written = _write_outputs(rulebook, out, json_out, docx_out)
    if not written:
        typer.echo(to_markdown(rulebook))
    undefined = [label.name for label in rulebook.labels if label.needs_definition]
    _say(
        f"rulebook v{rulebook.version} of project {project}: {len(rulebook.labels)} labels, "
        f"{len(rulebook.examples())} examples, {rulebook.token_count} tokens (budget {ws.settings.rulebook_token_budget})"
        + (f"; labels needing a definition: {', '.join(undefined)}" if undefined else "")
    )
    for line in written:
        _say(f"wrote {line}")


def _load_target(target: str) -> tuple[Any, Optional[str]]:
    """A rulebook from a JSON file, or the latest version of a project; returns (rulebook, project_id)."""
    from assistant.rulebook.export import load_rulebook

    path = Path(target)
    if path.suffix.lower() == ".json" or path.exists():
        return load_rulebook(path), None
    from assistant.service.projects import rulebook_version  # only for a project id: a file needs no pipeline modules
    from assistant.service.workspace import Workspace

    return rulebook_version(Workspace(), target), target


@app.command()
def revise(
    target: str = typer.Argument(..., help="a rulebook JSON file, or a project id"),
    instruction: Optional[str] = typer.Argument(None, help="e.g. 'merge 投诉 and 抱怨', 'add an edge case for sarcasm'"),
    add_label: Optional[str] = typer.Option(None, "--add-label", help="add a label (use --definition)"),
    define: Optional[str] = typer.Option(None, "--define", help="set the definition of this label (use --definition)"),
    definition: Optional[str] = typer.Option(None, "--definition", help="definition for --add-label / --define"),
    rename: Optional[str] = typer.Option(None, "--rename", help="OLD=NEW"),
    merge: Optional[str] = typer.Option(None, "--merge", help="A,B[=MERGED]"),
    remove_label: Optional[str] = typer.Option(None, "--remove-label", help="remove a label"),
    add_example: Optional[str] = typer.Option(None, "--add-example", help="label for a new example (use --text, --explanation)"),
    text: Optional[str] = typer.Option(None, "--text", help="example text for --add-example"),
    explanation: Optional[str] = typer.Option(None, "--explanation", help="why the example has its label"),
    negative: bool = typer.Option(False, "--negative", help="the example is a near miss (not the label)"),
    correct_label: Optional[str] = typer.Option(None, "--correct-label", help="what a negative example really is"),
    add_edge_case: Optional[str] = typer.Option(None, "--add-edge-case", help="an edge case (use --resolution)"),
    resolution: Optional[str] = typer.Option(None, "--resolution", help="how --add-edge-case is resolved"),
    out: Optional[Path] = typer.Option(None, "--out", help="write the new JSON here (a file target is updated in place otherwise)"),
) -> None:
    """Revise a rulebook: a new version with a readable diff against the previous one."""
    from assistant.core.models import Polarity
    from assistant.service.projects import revise_project
    from assistant.rulebook.revise import Edit, revise as revise_rulebook
    from assistant.rulebook.draft import fit_budget
    from assistant.rulebook.export import diff_text, export
    from assistant.core.settings import get_settings
    from assistant.service.workspace import Workspace

    edits: list[Edit] = []
    if add_label:
        edits.append(Edit(op="add_label", label=add_label, definition=definition))
    if define:
        edits.append(Edit(op="define_label", label=define, definition=definition))
    if rename:
        old, sep, new = rename.partition("=")
        if not sep:
            raise InputError("--rename takes OLD=NEW")
        edits.append(Edit(op="rename_label", label=old.strip(), new_name=new.strip()))
    if merge:
        names, _, into = merge.partition("=")
        edits.append(Edit(op="merge_labels", labels=[n.strip() for n in names.replace("，", ",").split(",") if n.strip()], into=into.strip() or None))
    if remove_label:
        edits.append(Edit(op="remove_label", label=remove_label))
    if add_example:
        edits.append(Edit(op="add_example", label=add_example, text=text, explanation=explanation,
                          polarity=Polarity.negative if negative else Polarity.positive, correct_label=correct_label))
    if add_edge_case:
        edits.append(Edit(op="add_edge_case", case=add_edge_case, resolution=resolution))
    if not edits and not (instruction and instruction.strip()):
        raise InputError("nothing to revise: give an instruction or an edit flag (see --help)")
    settings = get_settings()
    path = Path(target)
    if path.suffix.lower() == ".json" or path.exists():
        from assistant.llm.factory import get_llm
        from assistant.rulebook.export import load_rulebook

        previous = load_rulebook(path)
        new = fit_budget(revise_rulebook(previous, instruction=instruction, edits=edits,
                                         llm=get_llm(settings) if instruction else None), settings)
        export(new, "json", out or path)
        _say(f"wrote version {new.version} to {out or path}")
    else:
        ws = Workspace(settings)
        previous, new = revise_project(ws, target, instruction=instruction, edits=edits)
        _say(f"saved rulebook version {new.version} of project {target}")
        if out:
            export(new, "json", out)
            _say(f"wrote {out}")
    typer.echo(diff_text(previous, new) or "(no change)")


def _check_context(rulebook: Any, project_id: Optional[str]) -> dict[str, Any]:
    """What `check` compares a rulebook with: the request and answers, and the past projects' label names."""
    from assistant.service.workspace import Workspace

    context: dict[str, Any] = {}
    ws = Workspace()
    try:
        context["known_labels"] = [label.name for project in ws.store.past_projects() for label in project.rules.labels]
        if project_id or rulebook.project_id:
            from assistant.core.models import Breakdown
            from assistant.rulebook.request import request_text

            # the stored breakdown as it is (projects.latest_breakdown would load the whole breakdown step)
            stored = ws.store.artifact(project_id or rulebook.project_id, "breakdown")
            context["request"] = request_text(Breakdown.model_validate(stored.payload))
    except Exception:  # noqa: BLE001 - no store or no such project: check the file on its own
        pass
    return context


@app.command()
def check(
    rulebook_path: str = typer.Argument(..., metavar="RULEBOOK", help="a rulebook JSON file, or a project id"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Lint a rulebook: undefined labels, too few examples, overlapping labels, unknown labels, undefined terms, token size. Exit 1 on errors."""
    from assistant.rulebook.check import check_rulebook, format_report
    from assistant.core.settings import get_settings

    rulebook, project_id = _load_target(rulebook_path)
    report = check_rulebook(rulebook, get_settings(), **_check_context(rulebook, project_id))
    if as_json:
        _print_json(report.model_dump(mode="json"))
    else:
        typer.echo(format_report(report, rulebook.language))
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    rulebook_path: str = typer.Argument(..., metavar="RULEBOOK", help="a rulebook JSON file, or a project id"),
    fmt: str = typer.Option("md", "--format", help="md, json, docx or label-studio"),
    out: Path = typer.Option(..., "--out", help="where to write"),
    version: Optional[int] = typer.Option(None, "--version", help="with a project id: the version (default latest)"),
) -> None:
    """Export a rulebook as Markdown, JSON, Word or a Label Studio labeling config."""
    from assistant.service.projects import rulebook_version
    from assistant.rulebook.export import export
    from assistant.service.workspace import Workspace

    if version is not None and not Path(rulebook_path).exists():
        rulebook = rulebook_version(Workspace(), rulebook_path, version)
    else:
        rulebook, _ = _load_target(rulebook_path)
    export(rulebook, fmt, out)
    typer.echo(f"wrote {fmt} of rulebook v{rulebook.version} to {out}")


@app.command()
def versions(project_id: str = typer.Argument(..., help="the project id")) -> None:
    """A project's rulebook versions with their change notes, and who saved each (and who submitted, answered, delivered)."""
    from assistant.service.workspace import Workspace

    ws = Workspace()
    rows = ws.store.artifacts(project_id, "rulebook")
    if not rows:
        ws.store.project(project_id)
        typer.echo(f"project {project_id} has no rulebook yet: `rulebook draft --project {project_id}`")
    for row in rows:
        typer.echo(f"v{row.version}  {row.created_at:%Y-%m-%d %H:%M}  {row.engine:<8} by {row.actor or 'unknown':<12} {row.note}")
    history = [*ws.store.artifacts(project_id, "breakdown"), *ws.store.artifacts(project_id, "delivery")]
    if history:
        typer.echo("requests, answers and delivery:")
    for row in sorted(history, key=lambda artifact: artifact.created_at):
        what = {1: "submitted"}.get(row.version, "answered") if row.kind == "breakdown" else "delivered"
        typer.echo(f"  {row.kind} v{row.version}  {row.created_at:%Y-%m-%d %H:%M}  {what} by {row.actor or 'unknown'}  {row.note}")


@app.command()
def restore(
    project_id: str = typer.Argument(..., help="the project id"),
    version: int = typer.Argument(..., help="the version to make current again"),
) -> None:
    """Make an earlier rulebook version current again (saved as a new version)."""
    from assistant.service.projects import restore_rulebook
    from assistant.service.workspace import Workspace

    restored = restore_rulebook(Workspace(), project_id, version)
    typer.echo(f"restored version {version} as version {restored.version} of project {project_id}")


@app.command()
def accept(
    project_id: str = typer.Argument(..., help="the project"),
    number: int = typer.Argument(..., help="the suggestion's number, as `rulebook agree` printed it"),
    round_number: Optional[int] = typer.Option(None, "--round", help="agreement round (default: the latest)"),
) -> None:
    """Accept a rule suggestion from a recorded agreement round: its edits become a new rulebook version."""
    from assistant.service.projects import accept_recorded_suggestion
    from assistant.rulebook.export import diff_text
    from assistant.service.workspace import Workspace

    previous, new = accept_recorded_suggestion(Workspace(), project_id, number, round_number=round_number)
    _say(f"saved rulebook version {new.version} of project {project_id}")
    typer.echo(diff_text(previous, new) or "(no change)")


# ---------------------------------------------------------------------------------------------
# Step 5: delivery
# ---------------------------------------------------------------------------------------------
@app.command()
def deliver(
    project_id: str = typer.Argument(..., help="the finished project"),
    lessons: Optional[Path] = typer.Option(None, "--lessons", help="lessons learned (Markdown; one lesson per bullet)"),
    agreement: list[Path] = typer.Option([], "--agreement", help="agreement report JSON from `rulebook agree --json` (repeatable)"),
) -> None:
    """Deliver a project: record its final rulebook, agreement and lessons, and add it to the knowledge base."""
    from assistant.delivery.past_project import agreement_results, lessons_from_markdown
    from assistant.service.delivery import deliver as deliver_project
    from assistant.service.workspace import Workspace

    lesson_list = lessons_from_markdown(read_text_file(lessons, "lessons")) if lessons else []
    reports = []
    for path in agreement:
        try:
            reports.append(json.loads(read_text_file(path, "agreement report")))
        except json.JSONDecodeError as error:
            raise InputError(f"{path}: not a JSON agreement report ({error.msg} at line {error.lineno})") from error
    ws = Workspace()
    past = deliver_project(ws, project_id, lessons=lesson_list, extra_agreement=agreement_results(reports))
    typer.echo(
        f"delivered project {project_id}: rulebook with {len(past.rules.labels)} labels, {len(past.examples)} examples, "
        f"{len(past.agreement)} agreement results and {len(past.lessons)} lessons are now past project {past.id} in the knowledge base"
    )


# ---------------------------------------------------------------------------------------------
# doctor, demo, app
# ---------------------------------------------------------------------------------------------
@app.command()
def doctor(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Show the LLM (or offline engine), embedder, knowledge base and database in use; check the endpoint answers."""
    from assistant.service.doctor import run_checks

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


def _guard_outputs() -> None:
    """Every command's outputs are checked against its inputs before it runs (see cli_guard)."""
    from assistant.cli.guard import guard_app

    guard_app(app)


_guard_outputs()


def main() -> None:
    """Console entry point: typed errors become one clear line, never a traceback."""
    from assistant.core.secrets_mask import install, mask_text

    install()  # secrets are masked in logs and tracebacks too
    try:
        app()
    except RulebookError as error:
        typer.echo(f"error: {mask_text(error)}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
