"""Schema migrations: a store made by the previous Rulebook is upgraded in place, nothing lost (SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import timezone
from pathlib import Path

import pytest
from sqlalchemy import MetaData, inspect, select, text

from assistant.core import schema
from assistant.core.db import open_engine
from assistant.core.errors import ConfigurationError
from assistant.core.store import Base, Store

DATA = Path(__file__).parent / "data"
# Made by Rulebook before migrations (create_all): `kb add` of two seed projects, `breakdown`, `answer`,
# `draft` and `deliver` of one Chinese project, plus one job and one label set written through its models.
OLD_SQLITE = DATA / "store_v0.sqlite3.gz"
OLD_POSTGRES_DDL = DATA / "store_v0_postgresql.sql"  # what that version's create_all made on PostgreSQL
TABLES = ("knowledge_projects", "projects", "artifacts", "jobs", "label_sets")


def _plain(value):
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def snapshot(url: str) -> dict[str, list[dict]]:
    """Every row of every store table, as plain values."""
    engine = open_engine(url)
    metadata = MetaData()
    metadata.reflect(engine, only=TABLES)
    rows = {}
    with engine.connect() as connection:
        for name in TABLES:
            table = metadata.tables[name]
            result = connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            rows[name] = [{key: _plain(value) for key, value in row.items()} for row in result]
    engine.dispose()
    return rows


def _column_types(url: str, table: str) -> dict[str, str]:
    engine = open_engine(url)
    types = {column["name"]: str(column["type"]) for column in inspect(engine).get_columns(table)}
    engine.dispose()
    return types


@pytest.fixture
def old_store(database_url: str) -> str:
    """A store at `database_url` exactly as the previous Rulebook left it."""
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(OLD_SQLITE) as source, path.open("wb") as target:
            shutil.copyfileobj(source, target)
        return database_url
    engine = open_engine(database_url)
    with engine.begin() as connection:
        for statement in OLD_POSTGRES_DDL.read_text(encoding="utf-8").split(";"):
            if statement.strip().replace("-", "").strip():
                connection.exec_driver_sql(statement)
    # the same rows as the SQLite store, copied table by table
    with gzip.open(OLD_SQLITE) as source, open("old.db", "wb") as target:
        shutil.copyfileobj(source, target)
    old = open_engine("sqlite:///old.db")
    source_tables, target_tables = MetaData(), MetaData()
    source_tables.reflect(old, only=TABLES)
    target_tables.reflect(engine, only=TABLES)
    with old.connect() as reading, engine.begin() as writing:
        for name in ("knowledge_projects", "projects", "artifacts", "jobs", "label_sets"):
            rows = [dict(row) for row in reading.execute(select(source_tables.tables[name])).mappings()]
            for row in rows:
                for key, value in row.items():
                    if hasattr(value, "tzinfo") and value.tzinfo is None:
                        row[key] = value.replace(tzinfo=timezone.utc)
            writing.execute(target_tables.tables[name].insert(), rows)
        for name in ("artifacts", "label_sets"):  # as if the rows had been inserted through the sequence
            writing.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
    old.dispose()
    engine.dispose()
    return database_url


def test_the_fixture_is_a_store_of_the_previous_version(old_store):
    engine = open_engine(old_store)
    with engine.connect() as connection:
        assert schema.current_version(connection) is None
    engine.dispose()
    assert _column_types(old_store, "projects")["name"] == "VARCHAR(300)"
    rows = snapshot(old_store)
    assert {name: len(rows[name]) for name in TABLES} == {
        "knowledge_projects": 3, "projects": 1, "artifacts": 4, "jobs": 1, "label_sets": 1
    }


def test_a_store_of_the_previous_version_is_upgraded_in_place_and_nothing_is_lost(old_store):
    before = snapshot(old_store)
    file = Path(old_store.removeprefix("sqlite:///")) if old_store.startswith("sqlite") else None
    inode = file.stat().st_ino if file else None

    store = Store(old_store)

    assert (store.schema_version, store.upgraded_from) == (schema.HEAD, schema.BEFORE_MIGRATIONS)
    assert snapshot(old_store) == before
    if file:
        assert file.stat().st_ino == inode  # the same file, not a new one
    assert _column_types(old_store, "projects")["name"] == "TEXT"
    # it works as before: the project, its versions and the knowledge base are all there
    (project,) = store.projects()
    assert (project.name, project.status) == ("投诉情绪 v0", "delivered")
    assert [row.version for row in store.artifacts(project.id, "breakdown")] == [1, 2]
    assert store.add_artifact(project.id, "breakdown", {"version": 0}).version == 3
    assert {past.id for past in store.past_projects()} == {"app-review-sentiment-en", "cs-complaint-sentiment-zh", project.id}
    assert "先做试标" in store.past_project(project.id).lessons
    # and takes what the old schema refused on PostgreSQL
    assert store.project(store.create_project("名" * 400, "x").id).name == "名" * 400
    assert Store(old_store).upgraded_from == schema.HEAD  # opening again changes nothing


def test_an_upgrade_that_fails_halfway_leaves_the_old_store_as_it_was(old_store, monkeypatch):
    from alembic.ddl.impl import DefaultImpl

    before = snapshot(old_store)
    real_exec = DefaultImpl._exec
    calls = []

    def failing_exec(self, construct, *args, **kwargs):
        calls.append(construct)
        if len(calls) == 4:  # in the middle of the second migration
            raise RuntimeError("the machine went down")
        return real_exec(self, construct, *args, **kwargs)

    monkeypatch.setattr(DefaultImpl, "_exec", failing_exec)
    with pytest.raises(RuntimeError, match="went down"):
        Store(old_store)
    monkeypatch.setattr(DefaultImpl, "_exec", real_exec)

    engine = open_engine(old_store)
    with engine.connect() as connection:
        assert schema.current_version(connection) is None
        assert not {name for name in inspect(connection).get_table_names() if name.startswith("_alembic")}
    engine.dispose()
    assert _column_types(old_store, "projects")["name"] == "VARCHAR(300)"
    assert snapshot(old_store) == before
    assert Store(old_store).upgraded_from == schema.BEFORE_MIGRATIONS and snapshot(old_store) == before


def test_a_new_store_gets_every_migration_and_matches_the_models(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store(database_url)
    assert store.upgraded_from is None and store.schema_version == schema.HEAD == schema.known_versions()[-1]
    with store.engine.connect() as connection:
        assert schema.current_version(connection) == schema.HEAD
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "the models changed without a migration: add one in assistant/migrations/versions"


def test_a_store_from_a_newer_rulebook_is_refused_clearly(database_url):
    store = Store(database_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    store.engine.dispose()
    with pytest.raises(ConfigurationError, match="schema version 0999, made by a newer Rulebook"):
        Store(database_url)


def test_doctor_shows_the_schema_version_and_the_upgrade(old_store, cli):
    code, out, _ = cli("doctor", "--json")
    database = next(check for check in json.loads(out)["checks"] if check["name"] == "database")
    assert code == 0 and database["ok"]
    assert f"schema version {schema.HEAD} (latest), just upgraded from a store made before migrations" in database["detail"]
    assert "3 past projects" in database["detail"] and "ci-secret-pw" not in database["detail"]
    code, out, _ = cli("doctor")
    assert code == 0 and f"schema version {schema.HEAD} (latest)" in out and "upgraded" not in out
    code, out, _ = cli("projects", "list")
    assert code == 0 and "投诉情绪 v0" in out


def test_several_processes_opening_an_old_store_at_once_upgrade_it_once(old_store, monkeypatch):
    import os
    import subprocess
    import sys

    before = snapshot(old_store)
    monkeypatch.setenv("RULEBOOK_DATABASE_URL", old_store)
    processes = [
        subprocess.Popen([sys.executable, "-m", "assistant.cli.main", "projects", "list", "--json"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, encoding="utf-8", env=dict(os.environ))
        for _ in range(4)
    ]
    for process in processes:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
        assert [project["name"] for project in json.loads(out)] == ["投诉情绪 v0"]
    assert snapshot(old_store) == before
    engine = open_engine(old_store)
    with engine.connect() as connection:
        assert schema.current_version(connection) == schema.HEAD
    engine.dispose()
