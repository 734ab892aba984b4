"""A flat copy of the local index, kept beside it so `rulebook kb search` answers without opening Chroma.

Importing chromadb costs about 0.7 s of CPU on a 2-core machine (OpenTelemetry, gRPC, httpx and
Chroma's own API modules), more than a search may take. The copy holds every document of the index
as Chroma returns it: id, text, metadata and vector (`COPY_FILE`, a NumPy `.npz`). A search of the
copy computes the cosine distance to every vector, as Chroma computes it (1 - the dot product of the
unit vectors, in float32), keeps the documents that pass the filters (`hits.matches`) and returns the
nearest: an exact search, where Chroma's HNSW graph is approximate. On these indexes they find the
same documents with the same scores (a test compares them over many queries and filters); only
documents whose distances agree to about 1e-7 may come in another order, since Chroma's float32 sums
round differently from NumPy's (and Chroma's order among exact ties depends on its graph).

The copy is trusted exactly like the saved counts (`index_stats.py`): it is saved under the index's
write lock after a search has opened Chroma (`KnowledgeBase.search`), every write to the index deletes
it first (`KnowledgeBase.writing`), and it is not used when the index folder's files or sizes differ
from when it was saved, when another embedder is configured, while a rebuild is unfinished, or with a
Chroma server. An index of more than `COPY_LIMIT` documents gets no copy (Chroma is the tool there).
"""

from __future__ import annotations

import json
import os
import zipfile
from typing import TYPE_CHECKING, Any

from assistant.core import lazy
from assistant.core.models import KnowledgeHit
from knowledge.hits import knowledge_hit, matches
from knowledge.index_stats import COPY_FILE, REBUILD_MARKER, fingerprint

if TYPE_CHECKING:
    import numpy as np

    from assistant.core.settings import Settings
    from assistant.llm.embeddings import Embedder
else:
    np = lazy.module("numpy")

COPY_LIMIT = 20_000  # documents; about 80 MB of vectors at the default 1,024 dimensions


def _usable(settings: "Settings") -> bool:
    return not settings.chroma_url and not (settings.data_dir / REBUILD_MARKER).exists()


def forget_copy(settings: "Settings") -> None:
    """Drop the copy: the index is about to change (called under its write lock)."""
    (settings.chroma_dir / COPY_FILE).unlink(missing_ok=True)


def _load(settings: "Settings", embedder_name: str, *, vectors: bool = True) -> tuple[dict[str, Any], "np.ndarray | None"] | None:
    """(header, vectors) of a copy that still holds, else None; `vectors=False` reads the header only."""
    if not _usable(settings):
        return None
    try:
        with np.load(settings.chroma_dir / COPY_FILE, allow_pickle=False) as saved:  # each array is read on access
            header = json.loads(saved["header"].tobytes().decode("utf-8"))
            matrix = saved["vectors"] if vectors else None
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):  # absent, damaged or not a copy
        return None
    if not isinstance(header, dict) or header.get("embedder") != embedder_name:
        return None
    if header.get("fingerprint") != fingerprint(settings.chroma_dir):
        return None  # the index changed since (or the folder was swapped)
    if matrix is not None and len(header.get("ids", ())) != len(matrix):
        return None
    return header, matrix


def saved_copy_holds(settings: "Settings", embedder_name: str) -> bool:
    return _load(settings, embedder_name, vectors=False) is not None


def save_copy(settings: "Settings", collection: Any, embedder_name: str) -> bool:
    """Save every document of an open Chroma collection beside the local index; False when none was saved.

    Call it under the index's write lock, so no write slips in between reading and saving.
    """
    if not _usable(settings) or not settings.chroma_dir.is_dir() or collection.count() > COPY_LIMIT:
        return False
    records = collection.get(include=["documents", "metadatas", "embeddings"])
    ids = list(records["ids"])
    vectors = np.asarray(records["embeddings"] if ids else np.zeros((0, 0)), dtype=np.float32)
    header = {
        "embedder": embedder_name,
        "fingerprint": fingerprint(settings.chroma_dir),
        "ids": ids,
        "documents": list(records["documents"] or []),
        "metadatas": [dict(meta or {}) for meta in records["metadatas"] or []],
    }
    target = settings.chroma_dir / COPY_FILE
    partial = target.with_name(f"{COPY_FILE}.{os.getpid()}.tmp")
    try:
        with partial.open("wb") as handle:  # a file, not a name: NumPy would add `.npz` to a name
            np.savez(handle, header=np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8), vectors=vectors)
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
        return False
    return True


def search_copy(
    settings: "Settings", embedder: "Embedder", query: str, k: int, where: dict[str, Any] | None
) -> list[KnowledgeHit] | None:
    """The k nearest documents that pass `where`, from the copy; None when there is no copy that holds."""
    loaded = _load(settings, embedder.name)
    if loaded is None:
        return None
    header, vectors = loaded
    if vectors is None or not header["ids"]:
        return []
    metadatas = header["metadatas"]
    allowed = [row for row, meta in enumerate(metadatas) if matches(where, meta)]
    if not allowed:
        return []
    query_vector = _unit(embedder.embed([query]).astype(np.float32))[0]
    distances = 1.0 - _unit(vectors[allowed]) @ query_vector
    nearest = np.argsort(distances, kind="stable")[:k]
    return [
        knowledge_hit(header["ids"][allowed[i]], header["documents"][allowed[i]], metadatas[allowed[i]], float(distances[i]))
        for i in nearest
    ]


def _unit(vectors: "np.ndarray") -> "np.ndarray":
    """Rows scaled to unit length, as Chroma's cosine space stores and queries them (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms).astype(np.float32)
