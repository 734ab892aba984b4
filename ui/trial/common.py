"""What the trial page's sections share: file kinds, number formats, the saved quizzes of a project."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from assistant.training.materials import Quiz
from ui.components import attempt
from ui.i18n import t

QUIZ_KIND = "quiz"  # saved quizzes: a project artifact, so scoring works days later, after a reload
KEY_FILE = "__key_file__"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def demote(markdown: str) -> str:
    """A document's Markdown shown inside the page: headings two levels down, no raw HTML."""
    text = re.sub(r"<div[^>]*page-break[^>]*></div>", "", markdown)
    text = re.sub(r"</?sub>", "", text)
    return re.sub(r"(?m)^(#{1,4}) ", lambda m: "#" * min(6, len(m.group(1)) + 2) + " ", text)


def file_bytes(write, name: str) -> bytes:
    """What a pipeline writer puts in a file, as bytes (written in a temporary folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        return Path(write(Path(tmp) / name)).read_bytes()


def pct(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


def num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{int(value):,}" if float(value) == int(value) else f"{value:,.1f}"


def saved_quizzes(ws: Any, project_id: str) -> list[Any]:
    """The project's saved quizzes, oldest first."""
    return list(attempt(ws.store.artifacts, project_id, QUIZ_KIND) or [])


def quiz_of(artifact: Any) -> Quiz:
    return Quiz.model_validate(artifact.payload["quiz"])


def quiz_label(artifact: Any) -> str:
    quiz = quiz_of(artifact)
    when = artifact.created_at.strftime("%Y-%m-%d %H:%M") if artifact.created_at else ""
    gold = artifact.payload.get("gold_file")
    text = t(
        "ui.trial.quiz_rulebook_v_items_seed",
        n=artifact.version, v=quiz.rulebook_version, k=len(quiz.items), s=quiz.seed,
    )
    if gold:
        text += " · " + t("ui.trial.gold", g=gold)
    return f"{text} · {when}"
