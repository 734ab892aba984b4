"""Database engines and write locking, for SQLite and PostgreSQL alike.

`open_engine` turns a `RULEBOOK_DATABASE_URL` into a SQLAlchemy engine (PostgreSQL through psycopg 3:
`pip install "rulebook[postgres]"`). `write_transaction` is the one place that knows how each
dialect serialises a read-then-write transaction (read the latest version, write the next one):

- SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the first read, so two
  processes never both read version N and both write N+1; a waiting writer blocks up to
  `SQLITE_BUSY_TIMEOUT` seconds.
- PostgreSQL: transaction-scoped advisory locks on the given keys (`pg_advisory_xact_lock`), and
  `lock_row` (`SELECT … FOR UPDATE`) on an existing row; both are released at commit or rollback.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session

from assistant.core.errors import ConfigurationError
from assistant.core.messages import Message
from assistant.core.urls import mask_url

SQLITE_BUSY_TIMEOUT = 30.0
POSTGRES_INSTALL_HINT = 'pip install "rulebook[postgres]"  (or: pip install ".[postgres]" in a checkout)'

Row = TypeVar("Row")


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` mean PostgreSQL through psycopg 3, the driver the extra installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def shown_url(url: "str | URL") -> str:
    """A URL as it may be printed: the password hidden, as `rulebook doctor` hides it."""

    return mask_url(url if isinstance(url, str) else url.render_as_string(hide_password=False))


def open_engine(url: str) -> Engine:
    """An engine for the store's URL, with clear errors for a missing driver or a malformed URL."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise ConfigurationError(Message("error.db.not_a_url", url=shown_url(url))) from error
    options: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT}
    else:
        options["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **options)
    except (ModuleNotFoundError, NoSuchModuleError) as error:
        if parsed.get_backend_name() == "postgresql":
            raise ConfigurationError(Message("error.db.no_postgres_driver", reason=str(error), hint=POSTGRES_INSTALL_HINT)) from error
        raise ConfigurationError(Message("error.db.cannot_open", url=shown_url(url), reason=str(error))) from error
    return engine


def dialect(session_or_engine: Session | Engine) -> str:
    bind = session_or_engine.get_bind() if isinstance(session_or_engine, Session) else session_or_engine
    return bind.dialect.name


def write_transaction(session: Session, *keys: str) -> None:
    """Serialise this read-then-write transaction against other writers; call it first in `session.begin()`.

    On SQLite the whole database is locked for writing (`BEGIN IMMEDIATE`); on PostgreSQL only the
    named `keys` are (e.g. `"project:p-1a2b"`), so writers of different projects never wait for each other.
    Other databases get no extra lock; the store's unique constraints still refuse a doubled version.
    """
    name = dialect(session)
    if name == "sqlite":
        if not session.connection().connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            session.execute(text("BEGIN IMMEDIATE"))  # the driver has not begun yet: begin as the writer
        return
    if name == "postgresql":
        for key in sorted(set(keys)):  # one order everywhere: no deadlocks between writers of several keys
            session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


def lock_row(session: Session, model: type[Row], key: Any) -> Row | None:
    """The row with this primary key, locked until the transaction ends (`FOR UPDATE`; SQLite ignores it)."""
    return session.get(model, key, with_for_update=True)
