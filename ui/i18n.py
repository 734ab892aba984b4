"""UI text from the message catalogue (assistant/core/locales/<language>.yaml, docs/messages.md).

`t("ui.page.message_id", **values)` is the text of the current UI language (session state `lang`,
kept in the `lang` query parameter too, so a reload keeps it), English when that catalogue lacks it.
The older form `t("English", "中文")` still works until tools/extract_messages.py converts it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.core import messages

DEFAULT_LANGUAGE = "en"


def languages() -> dict[str, str]:
    """Every language with a catalogue, Chinese and English first: code -> its own name (id `language.name`)."""
    codes = sorted(messages.languages(), key=lambda code: (code not in ("zh", "en"), code != "zh", code))
    return {code: messages.text("language.name", code) for code in codes}


STATUS_COLORS = {"stated": "green", "inferred": "blue", "from_past_project": "violet", "missing": "orange"}

LIFECYCLE = ("submitted", "breakdown", "rulebook", "trial", "production", "delivered")
LIFECYCLE_COLORS = {
    "submitted": "gray",
    "breakdown": "blue",
    "rulebook": "violet",
    "trial": "orange",
    "production": "green",
    "delivered": "green",
}


def language() -> str:
    value = st.session_state.get("lang")
    return value if value in languages() else DEFAULT_LANGUAGE


def is_zh() -> bool:
    return language() == "zh"


def t(message_id: str, zh: str | None = None, /, **values: Any) -> str:
    """The catalogue text `message_id` in the UI language, with `{name}` fields filled in.

    `t("English", "中文")` (two texts instead of an id) is the form tools/extract_messages.py converts.
    """
    if zh is not None:
        text = zh if is_zh() else message_id
        return text.format(**values) if values else text
    return messages.text(message_id, language(), **values)


def separator(*, parts: bool = False) -> str:
    """The UI language's list separator: `, ` / `、` (`parts`: `; ` / `；`), from the catalogue."""
    return messages.template("list.part_separator" if parts else "list.separator", language())


def joined(items: Any, *, parts: bool = False) -> str:
    """Items joined the UI language's way: `a, b` / `a、b` (`parts`: `a; b` / `a；b`)."""
    return separator(parts=parts).join(str(item) for item in items)


def _named(key: str, value: str) -> str:
    """The catalogue text `key` in the UI language; `value` itself when the catalogue has no such id."""
    return t(key) if messages.has(key) else value


def status_name(status: str) -> str:
    return _named(f"ui.status.{status}", status)


def lifecycle_name(status: str) -> str:
    return _named(f"ui.lifecycle.{status}", status)


def kind_name(kind: str) -> str:
    return _named(f"ui.kind.{kind}", kind)


def language_name(code: str) -> str:
    """A project's language (zh, en, mixed) named in the UI language."""
    return _named(f"ui.language.{code}", code)


def task_type_name(value: str) -> str:
    return _named(f"ui.task_type.{value}", value)


def localize_note(text: str | None, language_: str | None = None) -> str:
    """A pipeline note or change-log line (stored in English) in `language_` (default: the UI language):
    each '; '-separated part that is a catalogue `note.*` text is rendered in that language."""
    return messages.localize(text, language_ or language(), "note.")


def localize_rationale(text: str | None, language_: str | None = None) -> str:
    """An offline pre-label rationale in `language_` (default: the UI language). New rationales are written
    in the project's language already; older ones were written in English and are rendered here."""
    value = (text or "").strip()
    message = messages.parse(value, "rationale.") or messages.parse(value + " \0", "rationale.")  # an empty tail
    if message is not None and message.values.get("rationale") == "\0":
        message.values["rationale"] = ""
    if message is not None and "rationale" in message.values:
        message.values["rationale"] = localize_rationale(message.values["rationale"], language_)
    return message.render(language_ or language()) if message is not None else value
