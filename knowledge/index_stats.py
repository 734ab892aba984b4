"""The local index's counts, kept beside it so `rulebook kb stats` answers without opening Chroma.

Opening Chroma costs about a second (its import alone pulls in opentelemetry, grpc and httpx). The
counts `KnowledgeBase.stats` computes are saved in the index folder, under the index's write lock.
Every write to a local index (seeding, adding or importing a project, a rebuild, a repair) goes
through `KnowledgeBase.writing()`, which deletes the saved counts first; so does moving a broken index
aside. The saved counts also carry the index's files and sizes, so a folder swapped for another
is counted again. Chroma rewrites its files even when only reading, so modification times cannot be
used. A Chroma server (RULEBOOK_CHROMA_URL) is always asked, since other writers change it unseen.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.core.settings import Settings

STATS_FILE = "rulebook-index-stats.json"
COPY_FILE = "rulebook-index-copy.npz"  # the flat copy `kb search` reads (index_copy.py)
_NOT_INDEX = {STATS_FILE, COPY_FILE, ".write.lock"}  # files of ours in the folder that are not the index
REBUILD_MARKER = "kb-rebuild.incomplete"  # in the data directory while `kb reindex` runs


def fingerprint(index_dir: Path) -> list[list[Any]]:
    """Every file of the index folder as [relative path, size], sorted."""
    entries = []
    for folder, _dirs, files in os.walk(index_dir):
        for name in files:
            if name in _NOT_INDEX or name.endswith(".tmp"):
                continue
            path = Path(folder, name)
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the fingerprint differs either way
                continue
            entries.append([path.relative_to(index_dir).as_posix(), stat.st_size])
    return sorted(entries)


def _usable(settings: "Settings") -> bool:
    return not settings.chroma_url


def forget_stats(settings: "Settings") -> None:
    """Drop the saved counts: the index is about to change (called under its write lock)."""
    (settings.chroma_dir / STATS_FILE).unlink(missing_ok=True)


def saved_stats(settings: "Settings", embedder_name: str) -> dict[str, Any] | None:
    """The saved counts if the local index is unchanged since they were counted, else None."""
    if not _usable(settings):
        return None
    try:
        saved = json.loads((settings.chroma_dir / STATS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or not isinstance(saved.get("stats"), dict):
        return None
    stats = saved["stats"]
    if stats.get("embedder") != embedder_name or saved.get("fingerprint") != fingerprint(settings.chroma_dir):
        return None  # another embedder is configured (opening the index reports it), or the index changed
    return {**stats, "location": str(settings.chroma_dir)}  # where it is now, even if the folder moved


def save_stats(settings: "Settings", stats: dict[str, Any]) -> None:
    """Keep figures counted under the index's write lock beside the local index (best effort)."""
    if not _usable(settings) or not settings.chroma_dir.is_dir():
        return
    target = settings.chroma_dir / STATS_FILE
    partial = target.with_name(f"{STATS_FILE}.{os.getpid()}.tmp")
    try:
        partial.write_text(json.dumps({"fingerprint": fingerprint(settings.chroma_dir), "stats": stats}), encoding="utf-8")
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
