"""`rulebook accounts`: add, list, remove accounts of the app and change their roles or passwords.

Passwords are read from a hidden prompt (typed twice) or, when stdin is not a terminal, from its
first line (`printf '%s\n' "$PW" | rulebook accounts add alice --role trainer`); they are never
echoed, printed or logged.
"""

from __future__ import annotations

import sys

import typer

from assistant.core.errors import InputError
from assistant.core.messages import Message, text
from assistant.core.settings import get_settings
from assistant.service.accounts import AccountStore, check_name, check_role, is_loopback

accounts_app = typer.Typer(help="Accounts of the app: sign-in names, roles (product_owner, trainer, admin), passwords.", no_args_is_help=True)

ROLE_HELP = "product_owner (submits and answers, sees own requests), trainer (every project) or admin (also accounts and knowledge base)"


def _store():
    return AccountStore.from_settings(get_settings())


def read_password(name: str) -> str:
    """A new password: hidden prompt typed twice on a terminal, else the first line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        return typer.prompt(f"password for {name}", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    password = line.rstrip("\r\n")
    if not password:
        raise InputError(Message("error.cli_accounts.no_password"))
    return password


@accounts_app.command("add")
def accounts_add(
    name: str = typer.Argument(..., help="the sign-in name, e.g. alice (with --oidc: the e-mail the identity provider reports)"),
    role: str = typer.Option(..., "--role", help=ROLE_HELP),
    oidc: bool = typer.Option(False, "--oidc", help="no password: signs in only through the identity provider (st.login)"),
) -> None:
    """Add an account; the password is asked for (hidden, twice) or read from stdin."""

    store = _store()
    name, role = check_name(name), check_role(role)  # bad input is reported before a password is asked for
    if name in store.load():
        raise InputError(Message("error.accounts.exists", name=name, path=str(store.path)))
    account = store.add(name, role, None if oidc else read_password(name))
    how = text("cli.accounts.how_oidc" if oidc else "cli.accounts.how_password", None)
    typer.echo(text("cli.accounts.added", None, name=account.name, role=account.role, path=store.path, how=how))


@accounts_app.command("list")
def accounts_list() -> None:
    """The accounts with their roles (never their passwords)."""
    store = _store()
    accounts = store.load()
    if not accounts:
        typer.echo(text("cli.accounts.none", None, path=store.path))
        return
    for account in accounts.values():
        sign_in = "password" if account.password_hash else "identity provider"
        typer.echo(f"{account.name:<24} {account.role:<14} {sign_in:<17} {account.created}")
    typer.echo(text("cli.accounts.count", None, count=len(accounts), path=store.path))


@accounts_app.command("remove")
def accounts_remove(name: str = typer.Argument(..., help="the account to remove")) -> None:
    """Remove an account (the last admin is kept while other accounts remain)."""
    store = _store()
    store.remove(name)
    left = len(store.load())
    typer.echo(text("cli.accounts.removed" if left else "cli.accounts.removed_last", None, name=name, path=store.path, left=left))


@accounts_app.command("set-role")
def accounts_set_role(
    name: str = typer.Argument(..., help="the account"),
    role: str = typer.Argument(..., help=ROLE_HELP),
) -> None:
    """Change an account's role."""
    account = _store().set_role(name, role)
    typer.echo(f"{account.name} is now {account.role}")


@accounts_app.command("set-password")
def accounts_set_password(
    name: str = typer.Argument(..., help="the account"),
    oidc: bool = typer.Option(False, "--oidc", help="remove the password: sign in through the identity provider only"),
) -> None:
    """Set a new password (asked for, hidden, or read from stdin)."""
    store = _store()
    store.get(name)
    store.set_password(name, None if oidc else read_password(name))
    typer.echo(text("cli.accounts.oidc_only" if oidc else "cli.accounts.password_changed", None, name=name))


def app_bind_check(host: str) -> str:
    """The line `rulebook app` prints about sign-in; refuses (InputError) a non-loopback address without accounts."""

    store = _store()
    accounts = store.load()
    if accounts:
        return f"sign-in required: {len(accounts)} account(s) in {store.path}"
    if not is_loopback(host):
        raise InputError(
            Message("error.cli_accounts.serve_without_accounts", host=host)
        )
    return f"no accounts configured ({store.path}): single-user mode, only this computer can open the app"
