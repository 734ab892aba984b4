"""Which language a text is in, decided in one place.

Two audiences read the product's output:

* **UI chrome** (buttons, headings, help, CLI status lines about the tool itself) follows the language
  the *reader* chose: the app's language switch, or on the command line a command's `--language`, else
  the setting RULEBOOK_LANGUAGE (`reader_language()`).
* **Project text** (anything that becomes part of the project's record or is handed to its people:
  rationales, change-log lines, QA verdicts, `check` findings, agreement and QA report text, training
  material) follows the *project's* language, i.e. the language the rulebook is written in. A Chinese
  rulebook gets Chinese findings and rationales even when the trainer's app is set to English, so the
  record reads in one language.

    language_for("chrome", ui="en", project="zh")      -> "en"
    language_for("rationale", ui="en", project="zh")   -> "zh"
    project_language(rulebook)                         -> rulebook.language, normalised ("mixed" -> "zh")
"""

from __future__ import annotations

from typing import Any, Literal

from assistant.core import messages
from assistant.core.settings import get_settings

Kind = Literal["chrome", "rationale", "changelog", "qa_verdict", "check_finding", "report", "training"]
PROJECT_KINDS: frozenset[str] = frozenset({"rationale", "changelog", "qa_verdict", "check_finding", "report", "training"})


def project_language(source: Any) -> str:
    """The catalogue language of a project: from a rulebook / breakdown (its `language`) or a language code.

    A mixed Chinese-English project reads in Chinese (its people read Chinese); an unknown language
    reads in English.
    """
    value = getattr(source, "language", source)
    value = getattr(value, "value", value)  # an enum
    text = str(value or "").strip().lower()
    if text == "mixed":
        return "zh"
    return messages.normalize(text)


def language_for(kind: Kind, *, ui: str | None = None, project: Any = None) -> str:
    """The language of a text of `kind`: project text follows the project (else the UI), chrome the UI."""
    if kind in PROJECT_KINDS and project is not None and str(getattr(project, "language", project) or ""):
        return project_language(project)
    return messages.normalize(ui)


def reader_language(chosen: str | None = None) -> str:
    """The language of the CLI's own lines: `chosen` (a command's `--language`) when given, else the setting
    RULEBOOK_LANGUAGE; English when the settings cannot be read (the line may be the one saying so)."""
    if chosen:
        return messages.normalize(chosen)
    try:
        return messages.normalize(get_settings().language)
    except Exception:  # noqa: BLE001 - invalid settings raise pydantic's errors; the line must still be shown
        return messages.FALLBACK


def prompt_name(language: Any) -> str:
    """How a prompt names the language the LLM is to write in: "English", "Chinese (简体中文)", …

    Read from the catalogue id `language.prompt_name` of that language, else its `language.name`, so a
    third language names itself by adding its catalogue file. A mixed project writes in Chinese.
    """
    code = project_language(language)
    own = messages.catalogues().get(code, {})
    if "language.prompt_name" not in own and "language.name" in own:
        return own["language.name"]
    return messages.text("language.prompt_name", code)


def is_zh(language: str | None) -> bool:
    return messages.normalize(language) == "zh"
