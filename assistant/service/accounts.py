"""Accounts of the app: names, roles and bcrypt password hashes in one YAML file.

The file is `RULEBOOK_ACCOUNTS` (default `DATA_DIR/accounts.yaml`), managed with `rulebook accounts`
or the app's Accounts page (admins). Passwords are never stored, printed or logged: only their
bcrypt hashes are kept. An account without a password signs in only through the identity provider
(OIDC, Streamlit's `st.login`), matched by its e-mail address as the account name. With no account
in the file the app is single-user on 127.0.0.1 (see `access.local_user`).
"""

from __future__ import annotations

import ipaddress

import os
import tempfile
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ValidationError

from assistant.service.access import ADMIN, ROLES, User
from assistant.core.errors import ConfigurationError, InputError
from assistant.core.messages import Message

if TYPE_CHECKING:
    from assistant.core.settings import Settings

BCRYPT_ROUNDS = 12  # cost of each hash (about 0.2 s); tests lower it
MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
MAX_NAME = 100
HEADER = "# Rulebook accounts: manage them with `rulebook accounts` or the app's Accounts page. Passwords are bcrypt hashes.\n"


class Account(BaseModel):
    name: str
    role: str
    password_hash: str | None = None  # None: signs in through the identity provider only
    created: str = ""

    def user(self) -> User:
        return User(name=self.name, role=self.role)


def check_name(name: str) -> str:
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        raise InputError(Message("error.accounts.name_needed"))
    if len(name) > MAX_NAME or any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in name):
        raise InputError(Message("error.accounts.bad_name", name=name[:40], maximum=MAX_NAME))
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(Message("error.accounts.unknown_role", role=role, roles=', '.join(ROLES)))
    return role


def check_password(password: str) -> bytes:
    if password is None or len(password) < MIN_PASSWORD:
        raise InputError(Message("error.accounts.password_too_short", minimum=MIN_PASSWORD))
    encoded = password.encode("utf-8")
    if len(encoded) > MAX_PASSWORD_BYTES:
        raise InputError(Message("error.accounts.password_too_long", maximum=MAX_PASSWORD_BYTES))
    return encoded


def hash_password(password: str) -> str:
    import bcrypt

    return bcrypt.hashpw(check_password(password), bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


_DUMMY: dict[int, bytes] = {}


def _dummy_hash() -> bytes:
    """A hash to check against when the name is unknown, so a wrong name takes as long as a wrong password."""
    import bcrypt

    if BCRYPT_ROUNDS not in _DUMMY:
        _DUMMY[BCRYPT_ROUNDS] = bcrypt.hashpw(b"no such account", bcrypt.gensalt(BCRYPT_ROUNDS))
    return _DUMMY[BCRYPT_ROUNDS]


class AccountStore:
    """The accounts file: read on every call (a change by the CLI applies at once), written atomically under a lock."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def from_settings(cls, settings: "Settings") -> "AccountStore":
        return cls(settings.resolved_accounts_file)

    # -- reading ---------------------------------------------------------------------------------
    def load(self) -> dict[str, Account]:
        if not self.path.exists():
            return {}
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise ConfigurationError(Message("error.accounts.file_unreadable", path=str(self.path), reason=str(error).splitlines()[0])) from error
        entries = data.get("accounts") if isinstance(data, dict) else None
        if entries is None:
            entries = {}
        if not isinstance(entries, dict):
            raise ConfigurationError(Message("error.accounts.no_mapping", path=str(self.path)))
        accounts = {}
        for name, entry in entries.items():
            try:
                account = Account.model_validate({**(entry or {}), "name": str(name)})
                check_role(account.role)
            except (ValidationError, InputError, TypeError) as error:
                raise ConfigurationError(Message("error.accounts.invalid_account", path=str(self.path), name=name, roles=', '.join(ROLES))) from error
            accounts[account.name] = account
        return accounts

    def configured(self) -> bool:
        """Accounts are configured when the file names at least one."""
        return bool(self.load())

    def get(self, name: str) -> Account:
        account = self.load().get((name or "").strip())
        if account is None:
            raise InputError(Message("error.accounts.no_such_account", name=name, path=str(self.path)))
        return account

    def verify(self, name: str, password: str) -> User | None:
        """The user when `password` is the account's, else None (an unknown name costs the same time)."""
        import bcrypt

        account = self.load().get(unicodedata.normalize("NFC", (name or "").strip()))
        given = (password or "").encode("utf-8")[:MAX_PASSWORD_BYTES]
        stored = account.password_hash.encode("ascii") if account and account.password_hash else None
        try:
            ok = bcrypt.checkpw(given, stored or _dummy_hash())
        except ValueError:  # a damaged hash in the file never signs anyone in
            ok = False
        return account.user() if ok and account is not None and stored is not None else None

    def identity(self, email: str | None) -> User | None:
        """The user an identity provider signed in (matched by e-mail as the account name), or None."""
        if not email:
            return None
        accounts = self.load()
        account = accounts.get(email.strip()) or next(
            (a for a in accounts.values() if a.name.lower() == email.strip().lower()), None
        )
        return account.user() if account else None

    # -- writing ---------------------------------------------------------------------------------
    def _save(self, accounts: dict[str, Account]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"accounts": {a.name: a.model_dump(exclude={"name"}, exclude_none=True) for a in accounts.values()}}
        text = HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        handle, temp = tempfile.mkstemp(prefix=".accounts-", suffix=".yaml", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(temp, 0o600)  # hashes are not for everyone's eyes either
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def _change(self, change) -> None:
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(self.path) + ".lock", timeout=30):
                accounts = self.load()
                change(accounts)
                self._save(accounts)
        except Timeout as error:
            raise ConfigurationError(Message("error.accounts.locked", path=str(self.path))) from error

    def add(self, name: str, role: str, password: str | None) -> Account:
        """A new account; `password=None` makes it sign in through the identity provider only."""
        name, role = check_name(name), check_role(role)
        hashed = hash_password(password) if password is not None else None  # slow part outside the lock
        account = Account(name=name, role=role, password_hash=hashed, created=datetime.now(timezone.utc).isoformat(timespec="seconds"))

        def change(accounts: dict[str, Account]) -> None:
            if any(existing.lower() == name.lower() for existing in accounts):
                raise InputError(Message("error.accounts.exists", name=name, path=str(self.path)))
            accounts[name] = account

        self._change(change)
        return account

    def remove(self, name: str) -> None:
        def change(accounts: dict[str, Account]) -> None:
            self._known(accounts, name)
            rest = {key: value for key, value in accounts.items() if key != name}
            self._keep_an_admin(accounts, rest, Message("error.accounts.removing", name=name))
            accounts.pop(name)

        self._change(change)

    def set_role(self, name: str, role: str) -> Account:
        role = check_role(role)

        def change(accounts: dict[str, Account]) -> None:
            self._known(accounts, name)
            after = {**accounts, name: accounts[name].model_copy(update={"role": role})}
            self._keep_an_admin(accounts, after, Message("error.accounts.making_role", name=name, role=role))
            accounts[name] = after[name]

        self._change(change)
        return self.get(name)

    def set_password(self, name: str, password: str | None) -> None:
        hashed = hash_password(password) if password is not None else None

        def change(accounts: dict[str, Account]) -> None:
            self._known(accounts, name)
            accounts[name] = accounts[name].model_copy(update={"password_hash": hashed})

        self._change(change)

    def _known(self, accounts: dict[str, Account], name: str) -> None:
        if name not in accounts:
            raise InputError(Message("error.accounts.no_such_account", name=name, path=str(self.path)))

    @staticmethod
    def _keep_an_admin(before: dict[str, Account], after: dict[str, Account], what: Message) -> None:
        """Accounts without an admin could not be managed in the app: refuse to leave the last admin out."""
        had_admin = any(a.role == ADMIN for a in before.values())
        if had_admin and after and not any(a.role == ADMIN for a in after.values()):
            raise InputError(Message("error.accounts.last_admin", what=what))


def is_loopback(host: str) -> bool:
    """Whether a bind address serves this computer only (127.0.0.0/8, ::1, localhost)."""

    value = (host or "").strip().strip("[]")
    if value.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(value).is_loopback
    except ValueError:
        return False
