"""The project store: the source of truth for everything users produce.

SQLite under the data directory by default, or any SQLAlchemy URL
(`RULEBOOK_DATABASE_URL`, e.g. PostgreSQL; see `db.py`). Opening a store creates its schema, or
upgrades an older one in place, by the packaged migrations (`schema.py`). Knowledge (past
projects) lives here too; the Chroma index is derived from it and can be rebuilt (`rulebook kb reindex`).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterator

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from . import schema
from .db import open_engine, write_transaction
from .errors import InputError
from .models import PastProject

if TYPE_CHECKING:
    from .settings import Settings

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


class Store:
    """Typed access to the project store."""

    def __init__(self, url: str) -> None:
        self.url = url
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

    # -- knowledge -------------------------------------------------------------------------------
    def upsert_past_project(self, project: PastProject, source: str = "") -> str:
        """Insert or update a past project; returns 'added', 'updated' or 'unchanged'."""
        payload = project.model_dump(mode="json")
        with self.session() as session, session.begin():
            write_transaction(session, f"knowledge:{project.id}")
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

    def past_projects(self) -> Iterator[PastProject]:
        with self.session() as session:
            rows = session.scalars(select(KnowledgeProjectRow).order_by(KnowledgeProjectRow.id)).all()
        for row in rows:
            yield PastProject.model_validate(row.payload)

    def past_project(self, project_id: str) -> PastProject:
        with self.session() as session:
            row = session.get(KnowledgeProjectRow, project_id)
        if row is None:
            raise InputError(f"no past project with id {project_id!r} in the knowledge base")
        return PastProject.model_validate(row.payload)

    def count_past_projects(self) -> int:
        with self.session() as session:
            return int(session.scalar(select(func.count()).select_from(KnowledgeProjectRow)) or 0)

    # -- working projects --------------------------------------------------------------------------
    def create_project(self, name: str, request: str, *, language: str = "", meta: dict[str, Any] | None = None) -> ProjectRow:
        row = ProjectRow(
            id=f"p-{secrets.token_hex(4)}", name=name, request=request, language=language, meta=meta or {}, status="submitted"
        )
        with self.session() as session, session.begin():
            session.add(row)
        return row

    def project(self, project_id: str) -> ProjectRow:
        with self.session() as session:
            row = session.get(ProjectRow, project_id)
        if row is None:
            raise InputError(f"no project with id {project_id!r}; `rulebook projects list` shows the ids")
        return row

    def projects(self) -> list[ProjectRow]:
        with self.session() as session:
            return list(session.scalars(select(ProjectRow).order_by(ProjectRow.created_at.desc())).all())

    def set_status(self, project_id: str, status: str) -> None:
        if status not in PROJECT_STATUSES:
            raise InputError(f"unknown project status {status!r}; one of {', '.join(PROJECT_STATUSES)}")
        with self.session() as session, session.begin():
            row = session.get(ProjectRow, project_id)
            if row is None:
                raise InputError(f"no project with id {project_id!r}")
            row.status = status

    def add_artifact(self, project_id: str, kind: str, payload: dict[str, Any], *, engine: str = "", note: str = "") -> ArtifactRow:
        """Save a new version of a project's artifact; earlier versions are kept.

        A payload with a `version` key gets the assigned version number written into it.
        """
        with self.session() as session, session.begin():
            write_transaction(session, f"project:{project_id}")
            if session.get(ProjectRow, project_id) is None:
                raise InputError(f"no project with id {project_id!r}")
            latest = session.scalar(
                select(func.max(ArtifactRow.version)).where(ArtifactRow.project_id == project_id, ArtifactRow.kind == kind)
            )
            version = (latest or 0) + 1
            if "version" in payload:
                payload = {**payload, "version": version}
            row = ArtifactRow(project_id=project_id, kind=kind, version=version, payload=payload, engine=engine, note=note)
            session.add(row)
        return row

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
            raise InputError(f"project {project_id} has no {kind} yet")
        if version is None:
            return versions[-1]
        for row in versions:
            if row.version == version:
                return row
        raise InputError(f"project {project_id} has no {kind} version {version} (versions 1–{versions[-1].version})")

