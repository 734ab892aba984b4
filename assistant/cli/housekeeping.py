"""`rulebook doctor`: what the installation uses, and whether it answers."""

from __future__ import annotations

from typing import Optional

import typer

from assistant.cli.common import catalogue_language, padded, print_json
from assistant.core.language import reader_language
from assistant.service.doctor import name_text, run_checks


def doctor(
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
    language: Optional[str] = typer.Option(None, "--language", help="en, zh or another catalogue language (default: RULEBOOK_LANGUAGE)"),
) -> None:
    """Show the LLM (or offline engine), embedder, knowledge base and database in use; check the endpoint answers."""
    shown = reader_language(catalogue_language(language) if language is not None else None)
    report = run_checks(shown)
    if as_json:
        print_json(report)
    else:
        for check in report["checks"]:
            mark = "ok " if check["ok"] else "ERR"
            typer.echo(f"[{mark}] {padded(name_text(check['name'], shown), 15)} {check['detail']}")
    if not report["usable"]:
        raise typer.Exit(1)
