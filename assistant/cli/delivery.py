"""Step 5 on the command line: `rulebook deliver`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from assistant.cli.common import read_text_file
from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.delivery.past_project import agreement_results, lessons_from_markdown
from assistant.service.delivery import deliver as deliver_project
from assistant.service.workspace import Workspace


def deliver(
    project_id: str = typer.Argument(..., help="the finished project"),
    lessons: Optional[Path] = typer.Option(None, "--lessons", help="lessons learned (Markdown; one lesson per bullet)"),
    agreement: list[Path] = typer.Option([], "--agreement", help="agreement report JSON from `rulebook agree --json` (repeatable)"),
) -> None:
    """Deliver a project: record its final rulebook, agreement and lessons, and add it to the knowledge base."""

    lesson_list = lessons_from_markdown(read_text_file(lessons, "lessons")) if lessons else []
    reports = []
    for path in agreement:
        try:
            reports.append(json.loads(read_text_file(path, "agreement report")))
        except json.JSONDecodeError as error:
            raise InputError(Message("error.delivery.not_a_report", path=str(path), reason=error.msg, line=error.lineno)) from error
    ws = Workspace()
    past = deliver_project(ws, project_id, lessons=lesson_list, extra_agreement=agreement_results(reports))
    typer.echo(
        f"delivered project {project_id}: rulebook with {len(past.rules.labels)} labels, {len(past.examples)} examples, "
        f"{len(past.agreement)} agreement results and {len(past.lessons)} lessons are now past project {past.id} in the knowledge base"
    )
