"""Sign-in for the app, and the checks pages make before they read or write.

- No accounts configured (`rulebook accounts list` is empty): single-user on 127.0.0.1 as the
  local user, with a note in the sidebar; a non-loopback `server.address` is refused.
- Accounts configured: nobody sees anything but the sign-in form until they sign in with a name
  and password (bcrypt, `assistant.service.accounts`), or through the identity provider (`st.login`,
  OIDC) when `[auth]` is set in `.streamlit/secrets.toml`.
- Each run puts the signed-in `User` in session state (`user()`); pages call `page_requires` and
  the `assistant.service.access` functions, which raise `AccessDenied` server-side.
"""

from __future__ import annotations

import logging
import time
import streamlit as st

from assistant.service.access import (
    OWN,
    PRODUCT_OWNER,
    AccessDenied,
    User,
    local_user,
    require,
)

from assistant.core import messages
from ui.i18n import t
from ui.state import settings
from assistant.service.accounts import AccountStore, is_loopback

log = logging.getLogger("rulebook.app")

SIGNED_IN_KEY = "_signed_in_account"  # the account name after a password sign-in
USER_KEY = "_user"  # the User of this run (set by app.py before any page runs)


def account_store():
    return AccountStore.from_settings(settings())


def oidc_configured() -> bool:
    """An identity provider is configured: `[auth]` in Streamlit's secrets."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def _oidc_email() -> str | None:
    try:
        if st.user.is_logged_in:
            email = st.user.get("email")
            return email if isinstance(email, str) else None
    except Exception:  # noqa: BLE001 - st.user without [auth]
        return None
    return None


def resolve_user() -> User | None:
    """Who is using this session: the local user (no accounts), the signed-in account, or None."""
    store = account_store()
    accounts = store.load()
    if not accounts:
        return local_user()
    name = st.session_state.get(SIGNED_IN_KEY)
    if name:
        account = accounts.get(name)
        if account is not None:
            return account.user()  # the current role: a change by an admin applies at the next run
        st.session_state.pop(SIGNED_IN_KEY, None)  # the account was removed: signed out
    if oidc_configured():
        return store.identity(_oidc_email())
    return None


def user() -> User | None:
    return st.session_state.get(USER_KEY)


def role_name(role: str) -> str:
    return t(f"role.{role}") if messages.has(f"role.{role}") else role


def denied_text(error: AccessDenied) -> str:
    """An AccessDenied in the UI language."""
    what = t(f"action.{error.action}") if messages.has(f"action.{error.action}") else error.action
    who = error.user
    if who is None:
        return t("ui.auth.sign_in_to", w=what)
    if who.role == PRODUCT_OWNER and error.action in OWN and error.project_id:
        return t(
            "ui.auth.not_allowed_project_was_submitted_by",
            p=error.project_id, w=what,
        )
    return t(
        "ui.auth.not_allowed_as_may_not_ask",
        r=role_name(who.role), n=who.name, w=what,
    )


def page_requires(action: str) -> User:
    """Stop the page (with a refusal) unless the signed-in user may do `action`; returns the user."""
    current = user()
    try:
        require(current, action)
    except AccessDenied as error:
        log.warning("refused %s to %s", action, current.name if current else "nobody")
        st.error(denied_text(error), icon=":material/block:")
        st.stop()
    assert current is not None
    return current


# ---------------------------------------------------------------------------------------------
# Pages of the sign-in itself
# ---------------------------------------------------------------------------------------------
def sign_in_page() -> None:
    """The only page nobody signed in sees."""
    st.title(t("ui.auth.sign_in"))
    st.caption(t("ui.auth.rulebook_has_accounts_sign_in_to"))
    email = _oidc_email()
    if email:  # signed in at the identity provider, but no Rulebook account for that address
        st.error(
            t("ui.auth.has_no_rulebook_account_ask_an", e=email),
            icon=":material/block:",
        )
        if st.button(t("ui.auth.sign_out_of_the_identity_provider"), icon=":material/logout:"):
            st.logout()
        return
    with st.form("sign_in", border=True):
        name = st.text_input(t("ui.auth.name"), max_chars=100)
        password = st.text_input(t("ui.auth.password"), type="password", max_chars=200)
        submitted = st.form_submit_button(t("ui.auth.sign_in"), type="primary", icon=":material/login:")
    if submitted:
        signed = account_store().verify(name, password)
        if signed is None:
            log.warning("failed sign-in for %r", (name or "")[:100])  # never the password
            time.sleep(0.5)  # slows guessing down a little
            st.error(t("ui.auth.wrong_name_or_password"), icon=":material/error:")
        else:
            log.info("signed in: %s (%s)", signed.name, signed.role)
            st.session_state[SIGNED_IN_KEY] = signed.name
            st.rerun()
    if oidc_configured():
        st.divider()
        if st.button(t("ui.auth.sign_in_with_your_organisation_s"), icon=":material/badge:"):
            st.login()


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN_KEY, None)
    st.session_state.pop(USER_KEY, None)
    if _oidc_email():
        st.logout()


def server_address_refusal() -> str | None:
    """Why this single-user app must not serve (a non-loopback address without accounts), or None."""

    try:
        address = st.get_option("server.address")
    except Exception:  # noqa: BLE001
        address = None
    if address and not is_loopback(str(address)):
        return t(
            "ui.auth.refused_the_app_listens_on_but",
            a=address,
        )
    return None
