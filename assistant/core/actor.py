"""Who is acting: the name recorded with every version a command or the app saves.

The CLI records the operating-system user, or the name given with `rulebook --as NAME` or
`RULEBOOK_USER`; the app records the signed-in user (`acting_as` around each run). The store reads
`current_actor()` when it saves a version, so no pipeline step has to pass a name along.
"""

from __future__ import annotations

import getpass
import os
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Iterator

_actor: ContextVar[str | None] = ContextVar("rulebook_actor", default=None)


def os_user() -> str:
    """The operating-system user running this process ("unknown" when it cannot be told)."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # noqa: BLE001 - no user name in the environment or the password database
        return "unknown"


def current_actor() -> str:
    """The name recorded with what is saved now: set by --as / the app, else RULEBOOK_USER, else the OS user."""
    return _actor.get() or (os.environ.get("RULEBOOK_USER") or "").strip() or os_user()


def set_actor(name: str | None) -> Token:
    return _actor.set((name or "").strip() or None)


def reset_actor(token: Token) -> None:
    _actor.reset(token)


@contextmanager
def acting_as(name: str | None) -> Iterator[None]:
    token = set_actor(name)
    try:
        yield
    finally:
        _actor.reset(token)
