"""Step 2 on the command line: draft, revise, export, versions, restore and accept a rulebook (`check` is in cli.check)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from assistant.cli.check import load_target
from assistant.cli.common import say, show, tell
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import Polarity
from assistant.core.settings import get_settings
from assistant.integrations.datafiles import read_records, require_columns
from assistant.llm.factory import get_llm
from assistant.rulebook.prefix import fit_budget
from assistant.rulebook.export import diff_text, export, load_rulebook, to_markdown
from assistant.rulebook.revise import Edit
from assistant.rulebook.revise import revise as revise_rulebook
from assistant.service.projects import (
    accept_recorded_suggestion,
    draft_for_project,
    restore_rulebook,
    revise_project,
    rulebook_version,
    start_project,
)
from assistant.service.workspace import Workspace


def _read_samples(path: Path, text_field: str) -> list[str]:
    records = read_records(path)
    require_columns(path, records, text_field)
    return [str(record[text_field]) for record in records if str(record.get(text_field) or "").strip()]


def _write_outputs(rulebook: Any, out: Optional[Path], json_out: Optional[Path], docx_out: Optional[Path]) -> list[str]:
    written = []
    for fmt, path in (("md", out), ("json", json_out), ("docx", docx_out)):
        if path is not None:
            export(rulebook, fmt, path)
            written.append(f"{fmt} → {path}")
    return written


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

    if bool(project) == bool(request):
        raise InputError(Message("error.rulebook.project_or_request"))
    sample_texts = _read_samples(samples, text_field) if samples else None
    ws = Workspace()
    if request:
        project = start_project(ws, request).project_id
        tell("cli.rulebook.started_project", project=project)
    assert project is not None
    rulebook = draft_for_project(ws, project, samples=sample_texts)
    written = _write_outputs(rulebook, out, json_out, docx_out)
    if not written:
        typer.echo(to_markdown(rulebook))
    undefined = [label.name for label in rulebook.labels if label.needs_definition]
    say(
        f"rulebook v{rulebook.version} of project {project}: {len(rulebook.labels)} labels, "
        f"{len(rulebook.examples())} examples, {rulebook.token_count} tokens (budget {ws.settings.rulebook_token_budget})"
        + (f"; labels needing a definition: {', '.join(undefined)}" if undefined else "")
    )
    for line in written:
        tell("cli.wrote", what=line)


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

    edits: list[Edit] = []
    if add_label:
        edits.append(Edit(op="add_label", label=add_label, definition=definition))
    if define:
        edits.append(Edit(op="define_label", label=define, definition=definition))
    if rename:
        old, sep, new = rename.partition("=")
        if not sep:
            raise InputError(Message("error.rulebook.bad_rename"))
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
        raise InputError(Message("error.rulebook.nothing_to_revise"))
    settings = get_settings()
    path = Path(target)
    if path.suffix.lower() == ".json" or path.exists():
        previous = load_rulebook(path)
        new = fit_budget(revise_rulebook(previous, instruction=instruction, edits=edits,
                                         llm=get_llm(settings) if instruction else None), settings)
        export(new, "json", out or path)
        tell("cli.rulebook.wrote_version", version=new.version, path=out or path)
    else:
        ws = Workspace(settings)
        previous, new = revise_project(ws, target, instruction=instruction, edits=edits)
        tell("cli.rulebook.saved_version", version=new.version, project=target)
        if out:
            export(new, "json", out)
            tell("cli.wrote", what=out)
    typer.echo(diff_text(previous, new) or "(no change)")


def export_command(
    rulebook_path: str = typer.Argument(..., metavar="RULEBOOK", help="a rulebook JSON file, or a project id"),
    fmt: str = typer.Option("md", "--format", help="md, json, docx or label-studio"),
    out: Path = typer.Option(..., "--out", help="where to write"),
    version: Optional[int] = typer.Option(None, "--version", help="with a project id: the version (default latest)"),
) -> None:
    """Export a rulebook as Markdown, JSON, Word or a Label Studio labeling config."""

    if version is not None and not Path(rulebook_path).exists():
        rulebook = rulebook_version(Workspace(), rulebook_path, version)
    else:
        rulebook, _ = load_target(rulebook_path)
    export(rulebook, fmt, out)
    show("cli.rulebook.exported", fmt=fmt, version=rulebook.version, path=out)


def versions(project_id: str = typer.Argument(..., help="the project id")) -> None:
    """A project's rulebook versions with their change notes, and who saved each (and who submitted, answered, delivered)."""

    ws = Workspace()
    rows = ws.store.artifacts(project_id, "rulebook")
    if not rows:
        ws.store.project(project_id)
        show("cli.rulebook.no_rulebook_yet", project=project_id)
    for row in rows:
        typer.echo(f"v{row.version}  {row.created_at:%Y-%m-%d %H:%M}  {row.engine:<8} by {row.actor or 'unknown':<12} {row.note}")
    history = [*ws.store.artifacts(project_id, "breakdown"), *ws.store.artifacts(project_id, "delivery")]
    if history:
        show("cli.rulebook.history")
    for row in sorted(history, key=lambda artifact: artifact.created_at):
        what = {1: "submitted"}.get(row.version, "answered") if row.kind == "breakdown" else "delivered"
        typer.echo(f"  {row.kind} v{row.version}  {row.created_at:%Y-%m-%d %H:%M}  {what} by {row.actor or 'unknown'}  {row.note}")


def restore(
    project_id: str = typer.Argument(..., help="the project id"),
    version: int = typer.Argument(..., help="the version to make current again"),
) -> None:
    """Make an earlier rulebook version current again (saved as a new version)."""

    restored = restore_rulebook(Workspace(), project_id, version)
    show("cli.rulebook.restored", old=version, version=restored.version, project=project_id)


def accept(
    project_id: str = typer.Argument(..., help="the project"),
    number: int = typer.Argument(..., help="the suggestion's number, as `rulebook agree` printed it"),
    round_number: Optional[int] = typer.Option(None, "--round", help="agreement round (default: the latest)"),
) -> None:
    """Accept a rule suggestion from a recorded agreement round: its edits become a new rulebook version."""

    previous, new = accept_recorded_suggestion(Workspace(), project_id, number, round_number=round_number)
    tell("cli.rulebook.saved_version", version=new.version, project=project_id)
    typer.echo(diff_text(previous, new) or "(no change)")
