"""Ids for imported rule documents: readable, unique per document, never silently reused.

``document_id("退款规则 v2.docx")`` is ``tuikuanguize-v2``: each run of Chinese characters becomes
one pinyin word (pypinyin), everything is lower-cased, anything else becomes ``-``. A name with nothing left to
spell (emoji, symbols) gets ``doc-`` and the first 10 hex digits of the content's SHA-1, so two
different documents never share an id by accident. :func:`check_free` stops an import that would
replace an existing past project unless the user asked for it (``--replace``).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from assistant.core.errors import InputError
from assistant.core.messages import Message

if TYPE_CHECKING:
    from assistant.core.store import Store

__all__ = ["check_free", "document_id"]

_MAX = 48


def _pinyin(text: str) -> str:
    """Each run of Chinese characters as one pinyin word: "退款规则 v2" -> "-tuikuanguize- v2"."""
    from pypinyin import Style, lazy_pinyin

    parts = []
    for run in re.split(r"([\u3400-\u9fff]+)", text):
        if re.fullmatch(r"[\u3400-\u9fff]+", run or ""):
            parts.append("-" + "".join(lazy_pinyin(run, style=Style.NORMAL)) + "-")
        else:
            parts.append(run)
    return "".join(parts)


def document_id(file_name: str, content: bytes | None = None) -> str:
    """A past-project id from a document's file name (see the module docstring)."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    slug = re.sub(r"[^a-z0-9_-]+", "-", _pinyin(stem).lower())
    slug = re.sub(r"-{2,}", "-", slug).strip("-_")[:_MAX].strip("-_")
    if len(slug) >= 2:
        return slug
    digest = hashlib.sha1(content if content is not None else stem.encode("utf-8")).hexdigest()[:10]
    return f"doc-{digest}"


def check_free(
    store: "Store", project_id: str, *, replace: bool, source: str,
    how: "str | Message | None" = None,
) -> bool:
    """True when ``project_id`` is taken and will be replaced; an error when taken and not ``replace``."""
    try:
        existing = store.past_project(project_id)
    except InputError:
        return False
    if not replace:
        raise InputError(
            Message(
                "error.doc_ids.exists", source=source, project=project_id, name=existing.name,
                how=how if how is not None else Message("error.doc_ids.how"),
            )
        )
    return True
