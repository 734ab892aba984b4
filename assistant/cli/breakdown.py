"""Step 1 on the command line: `rulebook breakdown` and `rulebook answer`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer
import yaml

from assistant.breakdown.render import breakdown_text
from assistant.cli.common import print_json, read_text_file, tell
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.service.projects import answer_project, start_project
from assistant.service.workspace import Workspace


def show_breakdown(breakdown: Any, as_json: bool) -> None:
    if as_json:
        print_json(breakdown.model_dump(mode="json"))
    else:
        typer.echo(breakdown_text(breakdown))


def breakdown(
    text: Optional[str] = typer.Argument(None, help="the request, e.g. '我们想让客服机器人更懂用户的投诉'"),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="read the request from a UTF-8 text file"),
    project: Optional[str] = typer.Option(None, "--project", help="a name for the new project"),
    as_json: bool = typer.Option(False, "--json", help="print the breakdown as JSON"),
) -> None:
    """Break a vague request down into 5W2H with ranked questions, saved as a new project."""
    if text and file:
        raise InputError(Message("error.breakdown.text_and_file"))
    request = read_text_file(file, "request") if file else text
    ws = Workspace()
    result = start_project(ws, request or "", name=project)
    show_breakdown(result, as_json)
    tell("cli.breakdown.saved_new", project=result.project_id, version=result.version)


def _parse_set(assignments: list[str]) -> dict[str, str]:
    parsed = {}
    for item in assignments:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise InputError(Message("error.breakdown.bad_set", item=item))
        parsed[path.strip()] = value.strip()
    return parsed


def _read_answers(path: Path) -> dict[str, Any]:
    text = read_text_file(path, "answers")
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        raise InputError(Message("error.breakdown.unparsable_answers", path=str(path), reason=str(error))) from error
    if not isinstance(data, dict):
        raise InputError(Message("error.breakdown.answers_not_mapping", path=str(path)))
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):  # nested form: how_much: {volume: 30000}
            flat.update({f"{key}.{name}": item for name, item in value.items()})
        else:
            flat[str(key)] = value
    return flat


def answer(
    project_id: str = typer.Argument(..., help="the project id, e.g. p-1a2b3c4d"),
    answers: Optional[Path] = typer.Option(None, "--answers", help="YAML file of FIELD: VALUE answers"),
    set_: list[str] = typer.Option([], "--set", help="FIELD=VALUE, e.g. how_much.volume=30000 (repeatable)"),
    text: Optional[str] = typer.Option(None, "--text", help="a free-text answer, e.g. '3万条，预算2万元'"),
    as_json: bool = typer.Option(False, "--json", help="print the new breakdown as JSON"),
) -> None:
    """Apply the requester's answers; prints the new breakdown version (earlier versions are kept)."""
    given = {**(_read_answers(answers) if answers else {}), **_parse_set(set_)}
    ws = Workspace()
    result = answer_project(ws, project_id, given, text=text)
    show_breakdown(result, as_json)
    tell("cli.breakdown.saved_version", project=project_id, version=result.version)
