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
    ACTION_NAMES,
    OWN,
    PRODUCT_OWNER,
    ROLE_NAMES,
    AccessDenied,
    User,
    local_user,
    require,
)

from ui.i18n import pick, t
from ui.state import settings

log = logging.getLogger("rulebook.app")

SIGNED_IN_KEY = "_signed_in_account"  # the account name after a password sign-in
USER_KEY = "_user"  # the User of this run (set by app.py before any page runs)


def account_store():
    from assistant.service.accounts import AccountStore

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
    return pick(ROLE_NAMES.get(role, (role, role)))


def denied_text(error: AccessDenied) -> str:
    """An AccessDenied in the UI language."""
    what = pick(ACTION_NAMES.get(error.action, (error.action, error.action)))
    who = error.user
    if who is None:
        return t("Sign in to {w}.", "请先登录再{w}。", w=what)
    if who.role == PRODUCT_OWNER and error.action in OWN and error.project_id:
        return t(
            "Not allowed: project {p} was submitted by someone else; you can {w} only for your own requests.",
            "无权访问：项目 {p} 由其他人提交；你只能对自己提交的需求{w}。",
            p=error.project_id, w=what,
        )
    return t(
        "Not allowed: as {r}, {n} may not {w}. Ask an admin for another role.",
        "无权操作：{n}（{r}）不能{w}。如需权限请联系管理员。",
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
    st.title(t("Sign in", "登录"))
    st.caption(t("Rulebook has accounts: sign in to continue.", "Rulebook 已启用账号：请登录后继续。"))
    email = _oidc_email()
    if email:  # signed in at the identity provider, but no Rulebook account for that address
        st.error(
            t("{e} has no Rulebook account. Ask an admin to add it (`rulebook accounts add {e} --role … --oidc`).",
              "{e} 没有 Rulebook 账号。请联系管理员添加（`rulebook accounts add {e} --role … --oidc`）。", e=email),
            icon=":material/block:",
        )
        if st.button(t("Sign out of the identity provider", "退出身份提供方"), icon=":material/logout:"):
            st.logout()
        return
    with st.form("sign_in", border=True):
        name = st.text_input(t("Name", "用户名"), max_chars=100)
        password = st.text_input(t("Password", "密码"), type="password", max_chars=200)
        submitted = st.form_submit_button(t("Sign in", "登录"), type="primary", icon=":material/login:")
    if submitted:
        signed = account_store().verify(name, password)
        if signed is None:
            log.warning("failed sign-in for %r", (name or "")[:100])  # never the password
            time.sleep(0.5)  # slows guessing down a little
            st.error(t("Wrong name or password.", "用户名或密码错误。"), icon=":material/error:")
        else:
            log.info("signed in: %s (%s)", signed.name, signed.role)
            st.session_state[SIGNED_IN_KEY] = signed.name
            st.rerun()
    if oidc_configured():
        st.divider()
        if st.button(t("Sign in with your organisation's account", "使用单位账号登录"), icon=":material/badge:"):
            st.login()


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN_KEY, None)
    st.session_state.pop(USER_KEY, None)
    if _oidc_email():
        st.logout()


def server_address_refusal() -> str | None:
    """Why this single-user app must not serve (a non-loopback address without accounts), or None."""
    from assistant.service.accounts import is_loopback

    try:
        address = st.get_option("server.address")
    except Exception:  # noqa: BLE001
        address = None
    if address and not is_loopback(str(address)):
        return t(
            "Refused: the app listens on {a} but has no accounts, so anyone who reaches it could do everything. "
            "Add an admin (`rulebook accounts add NAME --role admin`) or serve on 127.0.0.1.",
            "已拒绝：应用监听在 {a}，但没有配置账号，任何能访问它的人都能执行所有操作。"
            "请先添加管理员（`rulebook accounts add 用户名 --role admin`），或只在 127.0.0.1 上提供服务。",
            a=address,
        )
    return None
