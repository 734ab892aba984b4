"""Accounts (admins): who may sign in, with which role; add, change the role, reset the password, remove.

The same operations as `rulebook accounts`; each is checked server-side (`manage_accounts`).
"""

from __future__ import annotations

import streamlit as st

from assistant.service.access import ADMIN, ROLES, require
from ui.auth import account_store, page_requires, role_name
from ui.components import escape_md, guard, page_header
from ui.i18n import t

page_header(
    t("ui.admin.accounts"),
    t(
        "ui.admin.who_may_sign_in_and_what",
    ),
)

user = page_requires("manage_accounts")
store = account_store()
DONE_KEY = "_accounts_done"
if st.session_state.get(DONE_KEY):  # what the last change did (the page reran to show the new list)
    st.success(st.session_state.pop(DONE_KEY), icon=":material/task_alt:")
accounts = {}
with guard():
    accounts = store.load()

st.caption(t("ui.admin.accounts_file") + f"  \n`{store.path.resolve()}`")
if not accounts:
    st.info(
        t(
            "ui.admin.no_accounts_yet_the_app_is",
        ),
        icon=":material/info:",
    )
else:
    lines = [f"| {t('ui.admin.name')} | {t('ui.admin.role')} | {t('ui.admin.sign_in')} | {t('ui.admin.created')} |", "| --- | --- | --- | --- |"]
    for account in accounts.values():
        how = t("ui.admin.password") if account.password_hash else t("ui.admin.identity_provider")
        lines.append(f"| {escape_md(account.name)} | {role_name(account.role)} | {how} | {escape_md(account.created[:16].replace('T', ' '))} |")
    st.markdown("\n".join(lines))

tab_add, tab_role, tab_password, tab_remove = st.tabs(
    [t("ui.admin.add"), t("ui.admin.change_role"), t("ui.admin.reset_password"), t("ui.admin.remove")]
)

with tab_add:
    with st.form("account_add", clear_on_submit=True):
        name = st.text_input(t("ui.admin.name"), max_chars=100, help=t("ui.admin.for_sign_in_through_the_identity"))
        role = st.selectbox(t("ui.admin.role"), ROLES, index=ROLES.index(ADMIN) if not accounts else 0, format_func=role_name)
        oidc = st.checkbox(t("ui.admin.no_password_signs_in_through_the"))
        password = st.text_input(t("ui.admin.password_at_least_8_characters"), type="password")
        again = st.text_input(t("ui.admin.password_again"), type="password")
        add = st.form_submit_button(t("ui.admin.add_the_account"), type="primary", icon=":material/person_add:")
    if add:
        with guard():
            require(user, "manage_accounts")
            if not oidc and password != again:
                st.error(t("ui.admin.the_two_passwords_differ"), icon=":material/error:")
            else:
                added = store.add(name, role, None if oidc else password)
                st.session_state[DONE_KEY] = t("ui.admin.added", n=added.name, r=role_name(added.role))
                st.rerun()  # the new list; with the first account, single-user mode ends: the sign-in form comes next

names = list(accounts)
with tab_role:
    if not names:
        st.caption(t("ui.admin.no_accounts_yet"))
    else:
        with st.form("account_role"):
            who = st.selectbox(t("ui.admin.account"), names, key="role_account")
            new_role = st.selectbox(t("ui.admin.new_role"), ROLES, format_func=role_name, key="role_new")
            change = st.form_submit_button(t("ui.admin.change_the_role"), icon=":material/badge:")
        if change:
            with guard():
                require(user, "manage_accounts")
                changed = store.set_role(who, new_role)
                st.session_state[DONE_KEY] = t("ui.admin.is_now", n=changed.name, r=role_name(changed.role))
                st.rerun()

with tab_password:
    if not names:
        st.caption(t("ui.admin.no_accounts_yet"))
    else:
        with st.form("account_password", clear_on_submit=True):
            who = st.selectbox(t("ui.admin.account"), names, key="password_account")
            password = st.text_input(t("ui.admin.new_password_at_least_8_characters"), type="password")
            again = st.text_input(t("ui.admin.new_password_again"), type="password")
            reset = st.form_submit_button(t("ui.admin.set_the_password"), icon=":material/key:")
        if reset:
            with guard():
                require(user, "manage_accounts")
                if password != again:
                    st.error(t("ui.admin.the_two_passwords_differ"), icon=":material/error:")
                else:
                    store.set_password(who, password)
                    st.success(t("ui.admin.the_password_of_is_changed", n=who), icon=":material/task_alt:")

with tab_remove:
    removable = [name for name in names if name != user.name]  # signing yourself out for good is done with the CLI
    if not removable:
        st.caption(t("ui.admin.no_other_accounts"))
    else:
        with st.form("account_remove"):
            who = st.selectbox(t("ui.admin.account"), removable, key="remove_account")
            sure = st.checkbox(t("ui.admin.yes_remove_this_account"))
            remove = st.form_submit_button(t("ui.admin.remove"), icon=":material/person_remove:")
        if remove:
            with guard():
                require(user, "manage_accounts")
                if not sure:
                    st.warning(t("ui.admin.tick_the_box_to_confirm"))
                else:
                    store.remove(who)
                    st.session_state[DONE_KEY] = t("ui.admin.removed", n=who)
                    st.rerun()
