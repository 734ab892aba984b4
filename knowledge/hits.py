"""A knowledge-base search request and its hits, shared by the Chroma index and its saved copy.

`search_where` checks a request and turns its filters into Chroma's `where`; `knowledge_hit` makes a
hit from a document as either returns it; `matches` applies a `where` to one document's metadata the way
Chroma does for these filters (equality of each field, all of them). One definition, so a search of the
copy (`index_copy.py`) and of the index (`base.py`) cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.models import KnowledgeHit

KINDS = ("project", "rule", "example")


def search_where(
    query: str,
    k: int,
    *,
    task_type: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    label: str | None = None,
    polarity: str | None = None,
    project: str | None = None,
) -> dict[str, Any] | None:
    """Chroma's `where` for the filters given (None without any); an empty query, k < 1 or an unknown kind is refused."""
    if not query or not query.strip():
        raise InputError(Message("error.hits.empty_query"))
    if k < 1:
        raise InputError(Message("error.hits.bad_k", k=k))
    if kind is not None and kind not in KINDS:
        raise InputError(Message("error.hits.unknown_kind", kind=kind, kinds=", ".join(KINDS)))
    filters = [
        {field: value}
        for field, value in (
            ("task_type", task_type),
            ("kind", kind),
            ("language", language),
            ("label", label),
            ("polarity", polarity),
            ("project", project),
        )
        if value
    ]
    return None if not filters else filters[0] if len(filters) == 1 else {"$and": filters}


def matches(where: dict[str, Any] | None, meta: dict[str, Any]) -> bool:
    """Whether a document's metadata passes a `where` made by `search_where`."""
    if where is None:
        return True
    conditions = where.get("$and", [where])
    return all(meta.get(field) == value for condition in conditions for field, value in condition.items())


def knowledge_hit(doc_id: str, text: str, meta: dict[str, Any], distance: float) -> KnowledgeHit:
    """One hit: a document, its metadata and its cosine distance to the query."""
    return KnowledgeHit(
        id=doc_id,
        kind=meta["kind"],
        project=meta["project"],
        project_name=meta.get("project_name", ""),
        task_type=meta["task_type"],
        language=meta.get("language", ""),
        score=round(1.0 - float(distance), 4),
        text=text,
        label=meta.get("label") or None,
        polarity=meta.get("polarity") or None,
    )
