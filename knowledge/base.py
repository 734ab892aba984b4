"""The knowledge base: a Chroma index over past projects, their rules and examples.

Each past project becomes several documents so that search can find the
right grain: one `project` document (what the project was), one `rule`
document per label and per edge case, and one `example` document per
annotated example. Metadata carries project id, task type, language, label
and polarity for filtering.

The project store is the source of truth; this index is derived from it and
`rebuild` recreates it. The collection records which embedder built it and
refuses to be opened with another (vector spaces never mix).
"""

from __future__ import annotations

import time
import hashlib

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator
from urllib.parse import urlsplit

from assistant.llm.embeddings import Embedder, get_embedder
from assistant.core.errors import BrokenIndexError, ConfigurationError, EmbedderMismatchError, RulebookError
from assistant.core.messages import Message
from assistant.core.models import KnowledgeHit, PastProject
from assistant.core.secrets_mask import mask_text, mask_url
from knowledge.hits import KINDS, knowledge_hit, search_where
from knowledge.index_copy import forget_copy, save_copy, saved_copy_holds
from knowledge.index_stats import REBUILD_MARKER, forget_stats

if TYPE_CHECKING:
    from assistant.core.settings import Settings
    from assistant.core.store import Store

__all__ = ["COLLECTION", "KINDS", "REBUILD_MARKER", "KnowledgeBase", "project_documents", "project_fingerprint"]  # KINDS and
# REBUILD_MARKER are defined with the search request (hits.py) and the index's files of ours (index_stats.py)

COLLECTION = "rulebook_knowledge"
LOCK_TIMEOUT_SECONDS = 30


def project_fingerprint(project: PastProject) -> str:
    """A short hash of everything indexed about a project: a changed project has a new one."""

    return hashlib.sha1(project.model_dump_json().encode("utf-8")).hexdigest()[:16]


def project_documents(project: PastProject) -> list[tuple[str, str, dict[str, Any]]]:
    """The (id, text, metadata) documents that index one past project."""
    base = {
        "fingerprint": project_fingerprint(project),
        "project": project.id,
        "project_name": project.name,
        "task_type": project.task_type.value,
        "language": project.language.value,
        "domain": project.domain,
    }
    labels = ", ".join(label.name for label in project.rules.labels)
    documents = [
        (
            project.id,
            "\n".join(
                part
                for part in (
                    project.name,
                    project.summary,
                    f"{project.domain} · {project.task_type.value}",
                    project.five_w2h.what,
                    project.five_w2h.why,
                    project.rules.task_definition,
                    labels,
                    " ".join(project.tags),
                )
                if part
            ),
            {**base, "kind": "project", "label": "", "polarity": ""},
        )
    ]
    for index, label in enumerate(project.rules.labels):
        parts = [f"{label.name}: {label.definition}", *label.criteria]
        if label.cues:
            parts.append("cues: " + "; ".join(label.cues))
        if label.counter_cues:
            parts.append("not when: " + "; ".join(label.counter_cues))
        documents.append((f"{project.id}:rule:{index}", "\n".join(parts), {**base, "kind": "rule", "label": label.name, "polarity": ""}))
    for index, edge in enumerate(project.rules.edge_cases):
        documents.append(
            (
                f"{project.id}:edge:{index}",
                f"{edge.case}\n→ {edge.resolution}",
                {**base, "kind": "rule", "label": "", "polarity": ""},
            )
        )
    for index, example in enumerate(project.examples):
        documents.append(
            (
                f"{project.id}:example:{index}",
                example.text,
                {
                    **base,
                    "kind": "example",
                    "label": example.label,
                    "polarity": example.polarity.value,
                    "correct_label": example.correct_label or "",
                    "explanation": example.explanation,
                },
            )
        )
    return documents


class KnowledgeBase:
    """Search and indexing over past projects."""

    set_aside: Path | None = None  # where `rebuild` moved a broken local index

    def __init__(
        self, settings: "Settings", embedder: Embedder | None = None, client: Any | None = None, *, reset: bool = False
    ) -> None:
        """Open the index; `reset=True` drops it first (to rebuild it, even after an embedder change)."""
        self.settings = settings
        self.embedder = embedder or get_embedder(settings)
        self._copy_kept = False  # this object saw a search copy that holds (see _keep_copy)
        if not reset and self.rebuild_marker.exists():
            raise BrokenIndexError(Message("error.base.incomplete", location=self.location))
        try:
            self.client = client or self._client()
            if reset:
                with self.writing():
                    try:
                        self.client.delete_collection(COLLECTION)
                    except Exception:  # noqa: BLE001 - chromadb raises different errors for an absent collection
                        pass
            self.collection = self._open_collection()
        except RulebookError:
            raise
        except Exception as error:  # noqa: BLE001 - chromadb raises many kinds for a damaged index
            raise self._broken(error) from error

    @property
    def rebuild_marker(self) -> Path:
        return self.settings.data_dir / REBUILD_MARKER

    def _broken(self, error: BaseException) -> BrokenIndexError:
        reason = mask_text(" ".join(str(error).split())[:200], self.settings) or type(error).__name__
        return BrokenIndexError(Message("error.base.broken", location=self.location, reason=reason))

    @property
    def location(self) -> str:
        return mask_url(self.settings.chroma_url) if self.settings.chroma_url else str(self.settings.chroma_dir)

    # -- opening -------------------------------------------------------------------------------
    def _client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self.settings.chroma_url:
            parts = urlsplit(self.settings.chroma_url)
            if not parts.hostname:
                raise ConfigurationError(Message("error.base.not_a_url", url=mask_url(self.settings.chroma_url)))
            try:
                return chromadb.HttpClient(
                    host=parts.hostname,
                    port=parts.port or (443 if parts.scheme == "https" else 8000),
                    ssl=parts.scheme == "https",
                    settings=chroma_settings,
                )
            except Exception as error:  # noqa: BLE001 - chromadb raises several kinds here
                raise ConfigurationError(
                    Message("error.base.unreachable", url=mask_url(self.settings.chroma_url), reason=mask_text(error, self.settings))
                ) from error
        self.settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self.settings.chroma_dir), settings=chroma_settings)

    def _embedder_metadata(self) -> dict[str, Any]:
        return {"embedder": self.embedder.name, "dimension": int(self.embedder.dimension)}

    def _open_collection(self) -> Any:
        collection = self.client.get_or_create_collection(
            name=COLLECTION,
            metadata=self._embedder_metadata(),
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )
        recorded = collection.metadata or {}
        if recorded.get("embedder") != self.embedder.name:
            raise EmbedderMismatchError(
                Message(
                    "error.base.embedder_mismatch",
                    location=self.location,
                    built=recorded.get("embedder"),
                    dimension=str(recorded.get("dimension")),
                    configured=self.embedder.name,
                )
            )
        return collection

    @contextmanager
    def locked(self, *, wait: bool = True) -> Iterator[bool]:
        """Hold the write lock of a local index without changing it (Chroma's embedded client is not process-safe).

        Yields whether the lock is held: always when waiting (a writer busy for LOCK_TIMEOUT_SECONDS is an
        error); with `wait=False`, False at once while another process holds it. A Chroma server needs none.
        """
        if self.settings.chroma_url:
            yield True
            return
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.settings.chroma_dir / ".write.lock"))
        try:
            lock.acquire(timeout=LOCK_TIMEOUT_SECONDS if wait else 0)
        except Timeout as error:
            if wait:
                raise ConfigurationError(Message("error.base.locked", location=str(self.settings.chroma_dir))) from error
            held = False
        else:
            held = True
        if not held:
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock to change the index; what was saved beside a local index no longer holds."""
        with self.locked():
            if not self.settings.chroma_url:
                forget_stats(self.settings)  # the counts `kb stats` saved
                forget_copy(self.settings)  # and the copy `kb search` reads
                self._copy_kept = False
            yield

    # -- indexing ------------------------------------------------------------------------------
    def index(self, projects: Iterable[PastProject], batch_size: int = 2000) -> int:
        """(Re)index projects: their old documents are replaced. Returns documents written."""
        written = 0
        with self.writing():
            for project in projects:
                self.collection.delete(where={"project": project.id})
                documents = project_documents(project)
                for start in range(0, len(documents), batch_size):
                    chunk = documents[start : start + batch_size]
                    self.collection.upsert(  # upsert: a concurrent writer of the same project on a server wins cleanly
                        ids=[doc_id for doc_id, _, _ in chunk],
                        documents=[text for _, text, _ in chunk],
                        metadatas=[meta for _, _, meta in chunk],
                        embeddings=self.embedder.embed([text for _, text, _ in chunk]),
                    )
                written += len(documents)
        return written

    def sync_status(self, store: "Store") -> dict[str, Any]:
        """How the index compares with the store (the source of truth): counts and the ids that differ."""
        expected: dict[str, str] = {}
        fingerprints: dict[str, str] = {}
        store_projects = 0
        for project in store.past_projects():
            store_projects += 1
            fingerprints[project.id] = project_fingerprint(project)
            expected.update((doc_id, project.id) for doc_id, _, _ in project_documents(project))
        indexed = set(self.collection.get(include=[])["ids"])
        heads = self.collection.get(where={"kind": "project"}, include=["metadatas"])
        stale = {
            doc_id for doc_id, meta in zip(heads["ids"], heads["metadatas"] or [])
            if doc_id in fingerprints and (meta or {}).get("fingerprint") != fingerprints[doc_id]
        }
        extra_ids = sorted(indexed - expected.keys())
        extra_projects: set[str] = set()
        for start in range(0, len(extra_ids), 1000):
            metas = self.collection.get(ids=extra_ids[start : start + 1000], include=["metadatas"])["metadatas"] or []
            extra_projects.update(str((meta or {}).get("project", "?")) for meta in metas)
        missing = expected.keys() - indexed
        return {
            "store_projects": store_projects,
            "index_projects": len({expected[doc_id] for doc_id in indexed & expected.keys()} | extra_projects),
            "documents_expected": len(expected),
            "documents_indexed": len(indexed),
            "missing_projects": sorted({expected[doc_id] for doc_id in missing} | stale),
            "stale_projects": sorted(stale),
            "extra_projects": sorted(extra_projects),
            "extra_ids": extra_ids,
            "in_sync": not missing and not extra_ids and not stale,
        }

    def repair(self, store: "Store", status: dict[str, Any] | None = None) -> dict[str, Any]:
        """Make the index match the store: index projects missing (or partly missing), drop documents of none."""
        status = status or self.sync_status(store)
        missing = set(status["missing_projects"])
        documents = self.index(project for project in store.past_projects() if project.id in missing) if missing else 0
        if status["extra_ids"]:
            with self.writing():
                self.collection.delete(ids=status["extra_ids"])
        return {"reindexed_projects": sorted(missing), "documents": documents, "removed_documents": len(status["extra_ids"])}

    def add_raw(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]]) -> None:
        """Add prepared documents (benchmarks and bulk imports)."""
        with self.writing():
            self.collection.add(ids=ids, documents=texts, metadatas=metadatas, embeddings=self.embedder.embed(texts))

    @classmethod
    def rebuild(cls, settings: "Settings", store: "Store", embedder: Embedder | None = None) -> tuple["KnowledgeBase", int]:
        """Drop the index and rebuild it from the store (also after changing the embedder).

        A broken local index (truncated, corrupt) is set aside as `chroma.broken-<time>` and a new
        one is built. While the rebuild runs a marker file says so: a rebuild killed half-way is
        reported by the next command instead of being used as if it were whole.
        """
        marker = settings.data_dir / REBUILD_MARKER
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("a `rulebook kb reindex` started and has not finished\n", encoding="utf-8")
        set_aside = None
        try:
            kb = cls(settings, embedder, reset=True)
            kb.collection.count()
        except Exception as error:  # noqa: BLE001 - a damaged index fails in many ways (open, reset, count)
            if settings.chroma_url or (isinstance(error, RulebookError) and not isinstance(error, BrokenIndexError)):
                raise
            set_aside = cls._set_aside(settings)
            kb = cls(settings, embedder, reset=True)
        kb.set_aside = set_aside
        documents = kb.index(store.past_projects())
        marker.unlink(missing_ok=True)
        return kb, documents

    @staticmethod
    def _set_aside(settings: "Settings") -> Path:
        """Move a broken local index out of the way; returns where it went."""

        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # forget the broken files' open handles in this process
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = settings.chroma_dir.with_name(f"{settings.chroma_dir.name}.broken-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = settings.chroma_dir.with_name(f"{settings.chroma_dir.name}.broken-{stamp}-{counter}")
        settings.chroma_dir.rename(target)
        return target

    # -- reading -------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 5,
        *,
        task_type: str | None = None,
        kind: str | None = None,
        language: str | None = None,
        label: str | None = None,
        polarity: str | None = None,
        project: str | None = None,
    ) -> list[KnowledgeHit]:
        where = search_where(
            query, k, task_type=task_type, kind=kind, language=language, label=label, polarity=polarity, project=project
        )
        total = self.collection.count()
        if total == 0:
            return []
        result = self.collection.query(
            query_embeddings=self.embedder.embed([query]),
            n_results=min(k, total),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        hits = [
            knowledge_hit(doc_id, text, meta, distance)
            for doc_id, text, meta, distance in zip(
                result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0]
            )
        ]
        self._keep_copy()
        return hits

    def _keep_copy(self) -> None:
        """Save the flat copy `rulebook kb search` reads next time, when a local index has none that holds.

        Looked at once per object (the app and the pipeline search many times): after that only this
        object's own writes make it look again; another process's write is seen by the next `kb search`.
        """
        if self._copy_kept or self.settings.chroma_url:
            return
        if saved_copy_holds(self.settings, self.embedder.name):
            self._copy_kept = True
            return
        with self.locked(wait=False) as held:
            if held:  # else a writer is at work: a later search keeps the copy
                self._copy_kept = save_copy(self.settings, self.collection, self.embedder.name)

    def stats(self) -> dict[str, Any]:
        """Document counts by kind and by task type (projects counted once each)."""
        records = self.collection.get(include=["metadatas"])
        by_kind: dict[str, int] = {}
        by_task: dict[str, int] = {}
        for meta in records["metadatas"] or []:
            by_kind[meta["kind"]] = by_kind.get(meta["kind"], 0) + 1
            if meta["kind"] == "project":
                by_task[meta["task_type"]] = by_task.get(meta["task_type"], 0) + 1
        return {
            "documents": sum(by_kind.values()),
            "by_kind": dict(sorted(by_kind.items())),
            "projects_by_task_type": dict(sorted(by_task.items())),
            "embedder": self.embedder.name,
            "location": self.location,
        }
