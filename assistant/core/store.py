"""The project store: the source of truth for everything users produce.

SQLite under the data directory by default, or any SQLAlchemy URL
(`RULEBOOK_DATABASE_URL`, e.g. PostgreSQL; see `db.py`). Opening a store creates its schema, or
upgrades an older one in place, by the packaged migrations (`schema.py`). Knowledge (past
projects) lives here too; the Chroma index is derived from it and can be rebuilt (`rulebook kb reindex`).
"""

from __future__ import annotations

import random
import secrets
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from assistant.core import schema
from assistant.core.db import lock_row, normalise_url, open_engine, write_transaction
from assistant.core.errors import ConfigurationError, InputError
from assistant.core.messages import Message
from assistant.core.models import PastProject
from assistant.core.secrets_mask import _url_secrets, mask_text, mask_url
from assistant.core.actor import current_actor

if TYPE_CHECKING:
    from assistant.core.settings import Settings

T = TypeVar("T")
WRITE_ATTEMPTS = 12  # bounded retry of a write transaction that met a lock or a concurrent version
SQLITE_HEADER = b"SQLite format 3\x00"


class VersionConflict(Exception):
    """Another writer saved a newer version since the one this write was computed from."""


PROJECT_STATUSES = ("submitted", "breakdown", "rulebook", "trial", "production", "delivered")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class KnowledgeProjectRow(Base):
    __tablename__ = "knowledge_projects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    task_type: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class ProjectRow(Base):
    """A working project: a request on its way to a delivered dataset."""

    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), default="submitted")
    request: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="")
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class ArtifactRow(Base):
    """One version of something a project produced: a breakdown, a rulebook, a report."""

    __tablename__ = "artifacts"
    __table_args__ = (UniqueConstraint("project_id", "kind", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    engine: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(Text, default="", server_default="")  # who saved it (see actor.py)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class JobRow(Base):
    """A pre-annotation or other long-running job."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    project_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32), default="created")
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class LabelSetRow(Base):
    """Labels from one annotator (or the model) over a set of items."""

    __tablename__ = "label_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    name: Mapped[str] = mapped_column(Text)
    annotator: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


def check_sqlite_file(url: str) -> None:
    """A database file that exists must be a database: an empty or unreadable file is never a fresh one."""
    try:
        parsed = make_url(normalise_url(url))
    except Exception:  # noqa: BLE001 - an unparsable URL is reported by open_engine
        return
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    if not path.exists():
        return
    if path.is_dir():
        raise ConfigurationError(Message("error.store.is_directory", path=str(path)))
    size = path.stat().st_size
    if size == 0:
        time.sleep(0.5)  # another process may be creating it this very moment
        size = path.stat().st_size
    if size == 0:
        raise ConfigurationError(Message("error.store.empty_file", path=str(path)))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ConfigurationError(Message("error.store.unreadable", path=str(path), reason=str(error.strerror))) from error
    if header != SQLITE_HEADER:
        raise ConfigurationError(Message("error.store.not_sqlite", path=str(path)))


def _is_retryable(error: SQLAlchemyError) -> bool:
    """A lock held by another writer, or a version another writer just took."""
    if isinstance(error, IntegrityError):
        return True
    text = str(getattr(error, "orig", error)).lower()
    return isinstance(error, OperationalError) and any(
        word in text for word in ("locked", "busy", "could not serialize", "deadlock", "lock timeout")
    )


class Store:
    """Typed access to the project store.

    Every write runs in `write(fn, keys)`: a transaction that takes the write lock first
    (`db.write_transaction`: SQLite `BEGIN IMMEDIATE`, PostgreSQL advisory locks on the keys) and
    is retried a bounded number of times when it meets another writer, so parallel writers never
    lose a version and never end in an IntegrityError.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        check_sqlite_file(url)
        self.engine = open_engine(url)
        self.upgraded_from = schema.upgrade(self.engine)  # the version found; HEAD when nothing had to change
        self.schema_version = schema.HEAD
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: "Settings") -> "Store":
        if settings.database_url is None:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        return cls(settings.resolved_database_url)

    def session(self) -> Session:
        return self._sessions()

    def write(self, fn: Callable[[Session], T], *keys: str, what: "str | Message" = "write") -> T:
        """Run `fn(session)` in a write transaction that holds the write lock; retry on contention."""
        if what == "write":
            what = Message("error.store.what.write")
        for attempt in range(WRITE_ATTEMPTS):
            session = self._sessions()
            try:
                with session.begin():
                    write_transaction(session, *keys)
                    return fn(session)
            except SQLAlchemyError as error:
                if not _is_retryable(error):
                    raise ConfigurationError(
                        Message(
                            "error.store.failed",
                            url=mask_url(self.url),
                            what=what,
                            reason=mask_text(error, secrets=_url_secrets(self.url)),
                        )
                    ) from error
            finally:
                session.close()
            time.sleep(min(2.0, 0.02 * 2**attempt) * (0.5 + random.random()))
        raise ConfigurationError(Message("error.store.busy", url=mask_url(self.url), what=what, tries=WRITE_ATTEMPTS))

    # -- knowledge -------------------------------------------------------------------------------
    def upsert_past_project(self, project: PastProject, source: str = "") -> str:
        """Insert or update a past project; returns 'added', 'updated' or 'unchanged'."""
        return self.write(
            lambda session: self._upsert_past(session, project, source), f"knowledge:{project.id}", what=Message("error.store.what.save_past_project", project=project.id)
        )

    @staticmethod
    def _upsert_past(session: Session, project: PastProject, source: str = "") -> str:
        payload = project.model_dump(mode="json")
        row = session.get(KnowledgeProjectRow, project.id)
        if row is None:
            session.add(
                KnowledgeProjectRow(
                    id=project.id,
                    name=project.name,
                    task_type=project.task_type.value,
                    language=project.language.value,
                    payload=payload,
                    source=source,
                )
            )
            return "added"
        if row.payload == payload:
            return "unchanged"
        row.name, row.task_type, row.language = project.name, project.task_type.value, project.language.value
        row.payload, row.source = payload, source or row.source
        return "updated"

    def record_delivery(self, project_id: str, past: PastProject, payload: dict[str, Any], *, engine: str, note: str) -> "ArtifactRow":
        """One transaction: the past project, the delivery record and the status `delivered` (all or nothing)."""
        return self.add_version(
            project_id, "delivery", lambda _latest: (payload, engine, note), status="delivered",
            also=lambda session: self._upsert_past(session, past, f"delivered:{project_id}"), keys=(f"knowledge:{past.id}",),
        )

    def past_projects(self) -> Iterator[PastProject]:
        with self.session() as session:
            rows = session.scalars(select(KnowledgeProjectRow).order_by(KnowledgeProjectRow.id)).all()
        for row in rows:
            yield PastProject.model_validate(row.payload)

    def past_project(self, project_id: str) -> PastProject:
        with self.session() as session:
            row = session.get(KnowledgeProjectRow, project_id)
        if row is None:
            raise InputError(Message("error.store.no_past_project", project=project_id))
        return PastProject.model_validate(row.payload)

    def count_past_projects(self) -> int:
        with self.session() as session:
            return int(session.scalar(select(func.count()).select_from(KnowledgeProjectRow)) or 0)

    # -- working projects --------------------------------------------------------------------------
    def create_project(self, name: str, request: str, *, language: str = "", meta: dict[str, Any] | None = None) -> ProjectRow:
        row = ProjectRow(
            id=f"p-{secrets.token_hex(4)}", name=name, request=request, language=language, meta=meta or {}, status="submitted"
        )
        self.write(lambda session: session.add(row), f"project:{row.id}", what=Message("error.store.what.create_project"))
        return row

    def project(self, project_id: str) -> ProjectRow:
        with self.session() as session:
            row = session.get(ProjectRow, project_id)
        if row is None:
            raise InputError(Message("error.store.no_project_listed", project=project_id))
        return row

    def projects(self) -> list[ProjectRow]:
        with self.session() as session:
            return list(session.scalars(select(ProjectRow).order_by(ProjectRow.created_at.desc())).all())

    def set_status(self, project_id: str, status: str) -> None:
        if status not in PROJECT_STATUSES:
            raise InputError(Message("error.store.unknown_status", status=status, statuses=", ".join(PROJECT_STATUSES)))

        def update(session: Session) -> None:
            row = lock_row(session, ProjectRow, project_id)
            if row is None:
                raise InputError(Message("error.store.no_project", project=project_id))
            row.status = status

        self.write(update, f"project:{project_id}", what=Message("error.store.what.set_status", project=project_id))

    def add_artifact(self, project_id: str, kind: str, payload: dict[str, Any], *, engine: str = "", note: str = "") -> ArtifactRow:
        """Save a new version of a project's artifact; earlier versions are kept.

        A payload with a `version` key gets the assigned version number written into it.
        """
        return self.add_version(project_id, kind, lambda _latest: (payload, engine, note))

    def add_version(
        self,
        project_id: str,
        kind: str,
        make: Callable[["ArtifactRow | None"], tuple[dict[str, Any], str, str]],
        *,
        based_on_latest: bool = False,
        status: str | None = None,
        also: Callable[[Session], Any] | None = None,
        keys: tuple[str, ...] = (),
        actor: str | None = None,
    ) -> "ArtifactRow":
        """Save the next version of an artifact, made by `make(latest_row) -> (payload, engine, note)`.

        With `based_on_latest=True` the new version is derived from the latest one (answers applied
        to the latest breakdown, a revision of the latest rulebook): when another writer saves a
        version meanwhile, `make` runs again on the newer one, so no one's change is lost. `make`
        then runs outside the write lock (it may call an LLM). `status` sets the project's status
        and `also(session)` writes more, in the same transaction. `actor` (default: `current_actor()`,
        the CLI's OS user or --as, the app's signed-in user) is recorded with the version.
        """

        actor = actor or current_actor()
        if status is not None and status not in PROJECT_STATUSES:
            raise InputError(Message("error.store.unknown_status", status=status, statuses=", ".join(PROJECT_STATUSES)))
        state: dict[str, Any] = {}

        def save(session: Session) -> ArtifactRow:
            project = lock_row(session, ProjectRow, project_id)
            if project is None:
                raise InputError(Message("error.store.no_project", project=project_id))
            latest = session.scalars(
                select(ArtifactRow)
                .where(ArtifactRow.project_id == project_id, ArtifactRow.kind == kind)
                .order_by(ArtifactRow.version.desc())
                .limit(1)
            ).first()
            latest_version = latest.version if latest is not None else 0
            if based_on_latest:
                if state["base"] != latest_version:
                    raise VersionConflict  # made from an older version: make it again from the newer one
                payload, engine, note = state["made"]
            else:
                payload, engine, note = make(latest)
            version = latest_version + 1
            if "version" in payload:
                payload = {**payload, "version": version}
            row = ArtifactRow(
                project_id=project_id, kind=kind, version=version, payload=payload, engine=engine, note=note, actor=actor
            )
            session.add(row)
            if status is not None:
                project.status = status
            if also is not None:
                also(session)
            session.flush()
            return row

        what = Message("error.store.what.save_version", kind=kind, project=project_id)
        lock_keys = (f"project:{project_id}", *keys)
        if not based_on_latest:
            return self.write(save, *lock_keys, what=what)
        for attempt in range(WRITE_ATTEMPTS):
            base = self._latest(project_id, kind)
            state["made"], state["base"] = make(base), base.version if base is not None else 0
            try:
                return self.write(save, *lock_keys, what=what)
            except VersionConflict:
                time.sleep(0.01 * (attempt + 1) * random.random())
        raise ConfigurationError(Message("error.store.kept_changing", kind=kind, project=project_id, what=what))

    def _latest(self, project_id: str, kind: str) -> "ArtifactRow | None":
        with self.session() as session:
            return session.scalars(
                select(ArtifactRow)
                .where(ArtifactRow.project_id == project_id, ArtifactRow.kind == kind)
                .order_by(ArtifactRow.version.desc())
                .limit(1)
            ).first()

    def artifacts(self, project_id: str, kind: str) -> list[ArtifactRow]:
        with self.session() as session:
            return list(
                session.scalars(
                    select(ArtifactRow)
                    .where(ArtifactRow.project_id == project_id, ArtifactRow.kind == kind)
                    .order_by(ArtifactRow.version)
                ).all()
            )

    def artifact(self, project_id: str, kind: str, version: int | None = None) -> ArtifactRow:
        versions = self.artifacts(project_id, kind)
        if not versions:
            self.project(project_id)  # an unknown id is reported as such
            raise InputError(Message("error.store.no_artifact", project=project_id, kind=kind))
        if version is None:
            return versions[-1]
        for row in versions:
            if row.version == version:
                return row
        raise InputError(Message("error.store.no_version", project=project_id, kind=kind, version=version, last=versions[-1].version))

