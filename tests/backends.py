"""The same tests against the embedded defaults and against real servers.

`database_url` runs a test on SQLite and on PostgreSQL, `chroma_url` on the local Chroma index and
on a Chroma server; `servers` runs it once on the embedded pair and once on the server pair. The
servers come from `RULEBOOK_TEST_DATABASE_URL` and `RULEBOOK_TEST_CHROMA_URL` (`.ci/servers.sh`
starts both and sets them). Without them the server runs are skipped, except in CI (`CI=true`),
where a missing server is a failure. Each PostgreSQL test gets its own schema, each Chroma-server
test an empty collection; the fixtures set `RULEBOOK_DATABASE_URL` / `RULEBOOK_CHROMA_URL`, so
settings, the CLI and child processes all use them.
"""

from __future__ import annotations

import os
import secrets
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from assistant.core.settings import reset_settings

# read before the `isolated` fixture clears every RULEBOOK_ variable
TEST_DATABASE_URL = os.environ.get("RULEBOOK_TEST_DATABASE_URL", "").strip()
TEST_CHROMA_URL = os.environ.get("RULEBOOK_TEST_CHROMA_URL", "").strip()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _need(value: str, variable: str, what: str) -> str:
    if value:
        return value
    message = f"{what}: set {variable} (`source .ci/servers.sh` starts one and sets it)"
    if IN_CI:
        pytest.fail(f"CI must run the server tests, but there is no {message}")
    pytest.skip(f"no {message}")


def postgres_schema_url(base_url: str, schema: str) -> str:
    """The URL of one schema in the test database: every table the store makes lands there."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{schema}"


def _postgres_admin(base_url: str):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from assistant.core.db import normalise_url

    return create_engine(normalise_url(base_url), poolclass=NullPool, isolation_level="AUTOCOMMIT")


def fresh_postgres_url() -> Iterator[str]:
    base = _need(TEST_DATABASE_URL, "RULEBOOK_TEST_DATABASE_URL", "PostgreSQL server")
    from sqlalchemy import text

    schema = f"t_{secrets.token_hex(6)}"
    admin = _postgres_admin(base)
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield postgres_schema_url(base, schema)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _chroma_client(url: str):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parts = urlsplit(url)
    return chromadb.HttpClient(host=parts.hostname, port=parts.port or 8000, settings=ChromaSettings(anonymized_telemetry=False))


def fresh_chroma_url() -> Iterator[str]:
    url = _need(TEST_CHROMA_URL, "RULEBOOK_TEST_CHROMA_URL", "Chroma server")
    from knowledge.base import COLLECTION

    def clear() -> None:
        try:
            _chroma_client(url).delete_collection(COLLECTION)
        except Exception:  # noqa: BLE001 - absent collection: nothing to clear
            pass

    clear()
    try:
        yield url
    finally:
        clear()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, isolated, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The store's URL: SQLite in the data directory, or a fresh schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        (isolated / "data").mkdir(exist_ok=True)
        yield f"sqlite:///{(isolated / 'data' / 'rulebook.db').as_posix()}"
        return
    for url in fresh_postgres_url():
        monkeypatch.setenv("RULEBOOK_DATABASE_URL", url)
        reset_settings()
        yield url


@pytest.fixture(params=["embedded", "server"])
def chroma_url(request: pytest.FixtureRequest, isolated, monkeypatch: pytest.MonkeyPatch) -> Iterator[str | None]:
    """None for the local Chroma index in the data directory, or the URL of the Chroma test server."""
    if request.param == "embedded":
        yield None
        return
    for url in fresh_chroma_url():
        monkeypatch.setenv("RULEBOOK_CHROMA_URL", url)
        reset_settings()
        yield url


@pytest.fixture(params=["embedded", "servers"])
def servers(request: pytest.FixtureRequest, isolated, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Both shared services at once: SQLite + local index, or PostgreSQL + Chroma server."""
    if request.param == "embedded":
        yield "embedded"
        return
    for database in fresh_postgres_url():
        for chroma in fresh_chroma_url():
            monkeypatch.setenv("RULEBOOK_DATABASE_URL", database)
            monkeypatch.setenv("RULEBOOK_CHROMA_URL", chroma)
            reset_settings()
            yield "servers"
