"""Baseline: the schema that Rulebook created with `create_all` before it had migrations.

A store made by that version already has these tables: they are kept as they are (with their rows)
and only the missing ones are created, so opening an old store records it at this revision and
upgrades it from here.

Revision ID: 0001
Revises:
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> dict[str, tuple]:
    now: dict[str, Any] = dict(nullable=False)
    return {
        "knowledge_projects": (
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("name", sa.String(300), **now),
            sa.Column("task_type", sa.String(64), **now),
            sa.Column("language", sa.String(16), **now),
            sa.Column("payload", sa.JSON(), **now),
            sa.Column("source", sa.String(500), **now),
            sa.Column("created_at", sa.DateTime(timezone=True), **now),
            sa.Column("updated_at", sa.DateTime(timezone=True), **now),
        ),
        "projects": (
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("name", sa.String(300), **now),
            sa.Column("status", sa.String(32), **now),
            sa.Column("request", sa.Text(), **now),
            sa.Column("language", sa.String(16), **now),
            sa.Column("meta", sa.JSON(), **now),
            sa.Column("created_at", sa.DateTime(timezone=True), **now),
            sa.Column("updated_at", sa.DateTime(timezone=True), **now),
        ),
        "jobs": (
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("project_id", sa.String(32), nullable=True),
            sa.Column("kind", sa.String(32), **now),
            sa.Column("status", sa.String(32), **now),
            sa.Column("params", sa.JSON(), **now),
            sa.Column("summary", sa.JSON(), **now),
            sa.Column("created_at", sa.DateTime(timezone=True), **now),
            sa.Column("updated_at", sa.DateTime(timezone=True), **now),
        ),
        "label_sets": (
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("project_id", sa.String(32), nullable=True),
            sa.Column("name", sa.String(300), **now),
            sa.Column("annotator", sa.String(200), **now),
            sa.Column("payload", sa.JSON(), **now),
            sa.Column("created_at", sa.DateTime(timezone=True), **now),
        ),
        "artifacts": (
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("project_id", sa.String(32), sa.ForeignKey("projects.id"), **now),
            sa.Column("kind", sa.String(32), **now),
            sa.Column("version", sa.Integer(), **now),
            sa.Column("payload", sa.JSON(), **now),
            sa.Column("engine", sa.String(200), **now),
            sa.Column("note", sa.Text(), **now),
            sa.Column("created_at", sa.DateTime(timezone=True), **now),
            sa.UniqueConstraint("project_id", "kind", "version"),
        ),
    }


INDEXES = {
    "knowledge_projects": ("task_type",),
    "jobs": ("project_id",),
    "label_sets": ("project_id",),
    "artifacts": ("project_id",),
}


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, columns in _tables().items():  # in dependency order: projects before artifacts
        if name in existing:
            continue
        op.create_table(name, *columns)
        for column in INDEXES.get(name, ()):
            op.create_index(op.f(f"ix_{name}_{column}"), name, [column])


def downgrade() -> None:
    for name in reversed(list(_tables())):
        op.drop_table(name)
