"""The store's schema version, and its upgrade in place by the Alembic migrations in `assistant/migrations`.

Opening a store runs `upgrade`: a new database gets every migration, a store made by an older
Rulebook (including one made before migrations existed, with `create_all`) is upgraded where it is,
its rows kept. Several processes may open the same store at once: one upgrades, under a lock
(SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory lock), the others wait and find it done. An
upgrade runs in one transaction, so it is complete or not done at all. Users need no alembic.ini.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from assistant.core.db import shown_url
from assistant.core.errors import ConfigurationError
from assistant.core.messages import Message
from assistant.core.messages import text as message_text
from assistant.core.schema_version import HEAD

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
BEFORE_MIGRATIONS = "before-migrations"  # what `upgrade` reports for a store made by `create_all`
_UPGRADE_LOCK = 0x52554C45424F4F4B  # pg_advisory_xact_lock key for schema upgrades ("RULEBOOK")


def current_version(connection: Connection) -> str | None:
    """The schema version recorded in the database; None for a new one or one from before migrations."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def _config(connection: Connection):  # -> alembic.config.Config (alembic is imported only to upgrade)
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_versions() -> list[str]:
    """Every revision of the packaged migrations, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def _lock(connection: Connection) -> None:
    """Begin the upgrade transaction holding the store's upgrade lock."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(_UPGRADE_LOCK)))


def upgrade(engine: Engine) -> str | None:
    """Bring the store's schema to HEAD in place; returns the version it had.

    None for a new database, BEFORE_MIGRATIONS for a store made before migrations, HEAD when nothing changed.
    """
    try:
        with engine.connect() as connection:
            if current_version(connection) == HEAD:
                return HEAD
        from alembic import command
        from alembic.util import CommandError

        with engine.connect() as connection:
            _lock(connection)
            version = current_version(connection)
            if version is None and inspect(connection).has_table("projects"):
                version = BEFORE_MIGRATIONS
            if version != HEAD:
                if version not in (None, BEFORE_MIGRATIONS, *known_versions()):
                    raise ConfigurationError(
                        Message("error.schema.newer_version", url=shown_url(engine.url), version=str(version), head=HEAD)
                    )
                try:
                    command.upgrade(_config(connection), "head")
                except CommandError as error:
                    raise ConfigurationError(Message("error.schema.cannot_upgrade", url=shown_url(engine.url), reason=str(error))) from error
            connection.commit()
        return version
    except SQLAlchemyError as error:
        reason = (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0]
        raise ConfigurationError(Message("error.schema.cannot_open", url=shown_url(engine.url), reason=reason)) from error


def describe(version: str, upgraded_from: str | None = HEAD, language: str | None = None) -> str:
    """How `rulebook doctor` names the schema version of an opened store, in `language`."""
    shown = message_text("schema.version_latest" if version == HEAD else "schema.version", language, version=version)
    if upgraded_from == HEAD:
        return shown
    if upgraded_from is None:
        return message_text("schema.just_created", language, shown=shown)
    if upgraded_from == BEFORE_MIGRATIONS:
        return message_text("schema.upgraded_before_migrations", language, shown=shown)
    return message_text("schema.upgraded_from", language, shown=shown, version=upgraded_from)
