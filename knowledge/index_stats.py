"""The local index's counts, kept beside it so `rulebook kb stats` answers without opening Chroma.

Opening Chroma costs about a second (its import alone pulls in opentelemetry, grpc and httpx). The
counts `KnowledgeBase.stats` computes are saved in the index folder together with a fingerprint of
every file there (path, size, modification time). Any write to the index (seeding, adding a project,
a rebuild, another process's write, a deleted or restored folder) changes the fingerprint, and the
saved counts are then ignored: `kb stats` opens Chroma, counts again and saves the new figures.
A Chroma server (RULEBOOK_CHROMA_URL) is always asked, since other writers change it unseen.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.base import REBUILD_MARKER

if TYPE_CHECKING:
    from assistant.settings import Settings

STATS_FILE = "rulebook-index-stats.json"
_NOT_INDEX = {STATS_FILE, ".write.lock"}  # files of ours in the folder that are not the index


def fingerprint(index_dir: Path) -> list[list[Any]]:
    """Every file of the index folder as [relative path, size, mtime in ns], sorted."""
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
            entries.append([path.relative_to(index_dir).as_posix(), stat.st_size, stat.st_mtime_ns])
    return sorted(entries)


def _usable(settings: "Settings") -> bool:
    return not settings.chroma_url and not (settings.data_dir / REBUILD_MARKER).exists()


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
    """Keep freshly counted figures beside the local index (best effort: a read-only folder is fine)."""
    if not _usable(settings) or not settings.chroma_dir.is_dir():
        return
    target = settings.chroma_dir / STATS_FILE
    partial = target.with_name(f"{STATS_FILE}.{os.getpid()}.tmp")
    try:
        partial.write_text(json.dumps({"fingerprint": fingerprint(settings.chroma_dir), "stats": stats}), encoding="utf-8")
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
