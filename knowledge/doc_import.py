"""One rule document to one past project: the outline reader first, the LLM when it cannot follow.

:func:`document_project` returns the project, how it was read (``outline`` or ``llm``) and the
problems the checks found. A project read by the LLM must be shown to the user and confirmed
before it is written (the CLI and the app do that); the outline reader's result is exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.core.errors import InputError
from assistant.core.messages import Message

from knowledge.documents import past_project_from_parsed, parse_rule_document, read_rule_document
from knowledge.doc_llm import read_with_llm

if TYPE_CHECKING:
    from assistant.llm.chat import LLM
    from assistant.core.models import PastProject

__all__ = ["NO_OUTLINE", "document_project"]

NO_OUTLINE = "found no label section"


def document_project(
    path: Path, *, project_id: str, task_type: str, language: str, name: str | None = None, domain: str = "general",
    llm: "LLM | None" = None,
) -> tuple["PastProject", str, list[str]]:
    """(project, "outline" | "llm", problems); without an LLM a document with no readable outline is an error."""
    markdown = read_rule_document(path)
    options: dict[str, Any] = dict(project_id=project_id, task_type=task_type, language=language, name=name, domain=domain)
    try:
        parsed = parse_rule_document(markdown, source=str(path))
    except InputError as error:
        if NO_OUTLINE not in str(error):
            raise
        if llm is None:
            raise InputError(Message("error.doc_import.configure_llm", reason=error.message or str(error))) from error

        parsed, problems = read_with_llm(markdown, llm, source=str(path), language=language)
        return past_project_from_parsed(parsed, path, how="llm", **options), "llm", problems
    return past_project_from_parsed(parsed, path, **options), "outline", []
