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
    t("Accounts", "账号管理"),
    t(
        "Who may sign in and what they may do. Product owners submit requests, answer questions and see only their own; "
        "trainers work on every project; admins also manage accounts and the knowledge base. Passwords are stored as bcrypt hashes.",
        "谁可以登录、可以做什么。产品负责人提交需求、回答问题，只能看到自己的需求；标注负责人处理所有项目；"
        "管理员还负责账号和知识库。密码只以 bcrypt 哈希保存。",
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

st.caption(t("Accounts file", "账号文件") + f"  \n`{store.path.resolve()}`")
if not accounts:
    st.info(
        t(
            "No accounts yet: the app is single-user on this computer. The first account you add should be an admin; "
            "from then on everyone signs in.",
            "还没有账号：应用目前只供本机单人使用。添加的第一个账号应为管理员；之后所有人都需要登录。",
        ),
        icon=":material/info:",
    )
else:
    lines = [f"| {t('Name', '用户名')} | {t('Role', '角色')} | {t('Sign-in', '登录方式')} | {t('Created', '创建时间')} |", "| --- | --- | --- | --- |"]
    for account in accounts.values():
        how = t("password", "密码") if account.password_hash else t("identity provider", "身份提供方")
        lines.append(f"| {escape_md(account.name)} | {role_name(account.role)} | {how} | {escape_md(account.created[:16].replace('T', ' '))} |")
    st.markdown("\n".join(lines))

tab_add, tab_role, tab_password, tab_remove = st.tabs(
    [t("Add", "添加"), t("Change role", "修改角色"), t("Reset password", "重置密码"), t("Remove", "删除")]
)

with tab_add:
    with st.form("account_add", clear_on_submit=True):
        name = st.text_input(t("Name", "用户名"), max_chars=100, help=t("For sign-in through the identity provider: the e-mail address.", "通过身份提供方登录时：填写邮箱地址。"))
        role = st.selectbox(t("Role", "角色"), ROLES, index=ROLES.index(ADMIN) if not accounts else 0, format_func=role_name)
        oidc = st.checkbox(t("No password: signs in through the identity provider only", "不设密码：只能通过身份提供方登录"))
        password = st.text_input(t("Password (at least 8 characters)", "密码（至少 8 个字符）"), type="password")
        again = st.text_input(t("Password again", "再次输入密码"), type="password")
        add = st.form_submit_button(t("Add the account", "添加账号"), type="primary", icon=":material/person_add:")
    if add:
        with guard():
            require(user, "manage_accounts")
            if not oidc and password != again:
                st.error(t("The two passwords differ.", "两次输入的密码不一致。"), icon=":material/error:")
            else:
                added = store.add(name, role, None if oidc else password)
                st.session_state[DONE_KEY] = t("Added {n} ({r}).", "已添加 {n}（{r}）。", n=added.name, r=role_name(added.role))
                st.rerun()  # the new list; with the first account, single-user mode ends: the sign-in form comes next

names = list(accounts)
with tab_role:
    if not names:
        st.caption(t("No accounts yet.", "还没有账号。"))
    else:
        with st.form("account_role"):
            who = st.selectbox(t("Account", "账号"), names, key="role_account")
            new_role = st.selectbox(t("New role", "新角色"), ROLES, format_func=role_name, key="role_new")
            change = st.form_submit_button(t("Change the role", "修改角色"), icon=":material/badge:")
        if change:
            with guard():
                require(user, "manage_accounts")
                changed = store.set_role(who, new_role)
                st.session_state[DONE_KEY] = t("{n} is now {r}.", "{n} 现在是{r}。", n=changed.name, r=role_name(changed.role))
                st.rerun()

with tab_password:
    if not names:
        st.caption(t("No accounts yet.", "还没有账号。"))
    else:
        with st.form("account_password", clear_on_submit=True):
            who = st.selectbox(t("Account", "账号"), names, key="password_account")
            password = st.text_input(t("New password (at least 8 characters)", "新密码（至少 8 个字符）"), type="password")
            again = st.text_input(t("New password again", "再次输入新密码"), type="password")
            reset = st.form_submit_button(t("Set the password", "设置密码"), icon=":material/key:")
        if reset:
            with guard():
                require(user, "manage_accounts")
                if password != again:
                    st.error(t("The two passwords differ.", "两次输入的密码不一致。"), icon=":material/error:")
                else:
                    store.set_password(who, password)
                    st.success(t("The password of {n} is changed.", "{n} 的密码已修改。", n=who), icon=":material/task_alt:")

with tab_remove:
    removable = [name for name in names if name != user.name]  # signing yourself out for good is done with the CLI
    if not removable:
        st.caption(t("No other accounts.", "没有其他账号。"))
    else:
        with st.form("account_remove"):
            who = st.selectbox(t("Account", "账号"), removable, key="remove_account")
            sure = st.checkbox(t("Yes, remove this account", "确认删除该账号"))
            remove = st.form_submit_button(t("Remove", "删除"), icon=":material/person_remove:")
        if remove:
            with guard():
                require(user, "manage_accounts")
                if not sure:
                    st.warning(t("Tick the box to confirm.", "请勾选确认。"))
                else:
                    store.remove(who)
                    st.session_state[DONE_KEY] = t("Removed {n}.", "已删除 {n}。", n=who)
                    st.rerun()
