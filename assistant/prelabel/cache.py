"""The response cache: SQLite under data_dir/cache, keyed by model, rulebook, prompt version and text."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from assistant.core.models import Rulebook

if TYPE_CHECKING:
    from assistant.core.settings import Settings


# =============================================================================================
# Response cache
# =============================================================================================
def rulebook_fingerprint(rulebook: Rulebook) -> str:
    """Version plus a hash of the content (a rulebook edited without a version bump still differs)."""
    content = rulebook.model_dump_json(exclude={"token_count"})
    return f"v{rulebook.version}:{hashlib.sha256(content.encode('utf-8')).hexdigest()[:16]}"


def cache_key(model: str, fingerprint: str, prompt_version: str, text: str) -> str:
    payload = json.dumps([model, fingerprint, prompt_version, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def cache_path(settings: "Settings") -> Path:
    return settings.data_dir / "cache" / "prelabel.sqlite"


class ResponseCache:
    """Validated per-item answers in SQLite, keyed by `cache_key`. Errors are never cached."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)")
        self._db.commit()

    @classmethod
    def open(cls, settings: "Settings", *, create: bool = True) -> "ResponseCache | None":
        path = cache_path(settings)
        if not create and not path.exists():
            return None
        try:
            return cls(path, create=create)
        except sqlite3.Error as error:
            print(f"warning: response cache {path} unusable ({error}); running without it", file=sys.stderr)
            return None

    def get_many(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for key, value in self._db.execute(f"SELECT key, value FROM answers WHERE key IN ({marks})", chunk):
                try:
                    found[key] = json.loads(value)
                except ValueError:
                    continue
        return found

    def put_many(self, entries: Mapping[str, Mapping[str, Any]]) -> None:
        if not entries:
            return
        now = time.time()
        self._db.executemany(
            "INSERT OR REPLACE INTO answers (key, value, created) VALUES (?, ?, ?)",
            [(key, json.dumps(value, ensure_ascii=False), now) for key, value in entries.items()],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()
