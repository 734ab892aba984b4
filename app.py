"""Rulebook's Streamlit app: `rulebook app` or `streamlit run app.py`.

The entry point sets up the page, the sidebar (engine, data directory, language) and the
navigation; each page lives in `ui/pages/`. Layout and state only: every action calls the pipeline.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from assistant.service.access import can
from assistant.core.actor import reset_actor, set_actor
from assistant.core.secrets_mask import install as install_secret_masking
from ui.auth import USER_KEY, resolve_user, role_name, server_address_refusal, sign_in_page, sign_out
from ui.components import show_error
from ui.i18n import LANGUAGES, t
from ui.state import current_project, init_language, keep_language, settings, sync_query_params

HERE = Path(__file__).resolve().parent
PAGES = HERE / "ui" / "pages"

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
install_secret_masking()  # secrets never reach the log or a traceback in clear

st.set_page_config(page_title="Rulebook", page_icon="📘", layout="wide", initial_sidebar_state="expanded")
st.html(
    """
    <style>
      /* Chinese first in the font stack so CJK text never falls back to a mismatched font */
      html, body, [class*="css"] { font-family: "Source Sans Pro", "Noto Sans CJK SC", "PingFang SC",
        "Microsoft YaHei", sans-serif; }
      [data-testid="stMarkdownContainer"] table { width: 100%; }
      [data-testid="stMarkdownContainer"] table td:first-child { white-space: nowrap; }
      [data-testid="stChatMessage"] { padding-top: 0.6rem; padding-bottom: 0.6rem; }
    </style>
    """
)

init_language()
current_project()  # read ?project= before the URL is rewritten

# Texts Streamlit draws itself in English (the file uploader's button and size line), in the UI language.
_UPLOAD, _LIMIT = t("Upload", "上传文件"), t("at most 200 MB per file", "单个文件不超过 200MB")
st.html(
    f"""
    <style>
      [data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
      [data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p::after {{
        content: "{_UPLOAD}"; font-size: 0.875rem; }}
      [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
      [data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{_LIMIT}"; font-size: 0.8rem; }}
    </style>
    """
)


def _sidebar() -> None:
    config = settings()
    with st.sidebar:
        _who()
        st.radio(
            t("Language", "语言"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="lang",
            horizontal=True,
            on_change=keep_language,
        )
        if config.llm_configured:
            st.success(
                t("**LLM engine**  \nmodel `{m}` at `{h}`", "**大模型引擎**  \n模型 `{m}`，地址 `{h}`", m=config.model, h=config.endpoint_host),
                icon=":material/cloud:",
            )
        else:
            st.warning(
                t(
                    "**Offline engine**  \nNo LLM configured: retrieval and rules only. "
                    "Set OPENAI_API_KEY and/or OPENAI_BASE_URL to use one.",
                    "**离线引擎**  \n未配置大模型：仅使用检索和规则。"
                    "设置 OPENAI_API_KEY 和/或 OPENAI_BASE_URL 即可使用大模型。",
                ),
                icon=":material/offline_bolt:",
            )
        st.caption(t("Data directory", "数据目录") + f"  \n`{config.data_dir.resolve()}`")


def _who() -> None:
    """Who is signed in (or the single-user note), with a sign-out button."""
    user = st.session_state.get(USER_KEY)
    if user is None:
        return
    if user.local:
        st.info(
            t(
                "**Single-user mode**  \nNo accounts are configured, so there is no sign-in and the app serves only this "
                "computer (127.0.0.1). Add accounts to share it: `rulebook accounts add NAME --role admin`.",
                "**单用户模式**  \n未配置账号，因此无需登录，应用只对本机（127.0.0.1）提供服务。"
                "如需多人共用，请添加账号：`rulebook accounts add 用户名 --role admin`。",
            ),
            icon=":material/person:",
        )
        return
    st.markdown(t("Signed in as **{n}** · {r}", "已登录：**{n}** · {r}", n=user.name, r=role_name(user.role)))
    st.button(t("Sign out", "退出登录"), icon=":material/logout:", on_click=sign_out, key="sign_out")


# (page file, action it needs, title, icon, url) — a page shows only to users allowed its action;
# each page checks the action again itself, and every read or write of a project is checked too.
PAGE_LIST = [
    ("assistant.py", "submit", ("Assistant", "助手"), ":material/chat:", "assistant"),
    ("submit.py", "submit", ("Submit a request", "提交需求"), ":material/post_add:", "submit"),
    ("projects.py", "work", ("Projects", "项目"), ":material/folder_open:", "projects"),
    ("prelabel.py", "work", ("Pre-label", "预标注"), ":material/auto_awesome:", "prelabel"),
    ("agreement.py", "work", ("Agreement", "一致性"), ":material/fact_check:", "agreement"),
    ("trial.py", "work", ("Trial", "试标"), ":material/school:", "trial"),
    ("production.py", "work", ("Production", "正式标注"), ":material/monitoring:", "production"),
    ("knowledge.py", "search_knowledge", ("Knowledge base", "知识库"), ":material/library_books:", "knowledge"),
    ("admin.py", "manage_accounts", ("Accounts", "账号管理"), ":material/manage_accounts:", "accounts"),
]


try:
    user = resolve_user()
except Exception as error:  # noqa: BLE001 - e.g. a damaged accounts file: said plainly, nobody signed in
    show_error(error)
    st.stop()
st.session_state[USER_KEY] = user
refusal = server_address_refusal() if user is not None and user.local else None
if refusal:
    st.error(refusal, icon=":material/block:")
    st.stop()

if user is None:  # nobody signed in: the sign-in form and nothing else
    page = st.navigation([st.Page(sign_in_page, title=t("Sign in", "登录"), icon=":material/login:", url_path="signin", default=True)],
                         position="hidden")
    with st.sidebar:
        st.radio(t("Language", "语言"), options=list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True, on_change=keep_language)
    sync_query_params()
    page.run()
    st.stop()

allowed = [entry for entry in PAGE_LIST if can(user, entry[1])]
pages = [
    st.Page(PAGES / file, title=t(*title), icon=icon, url_path=url, default=index == 0)
    for index, (file, _action, title, icon, url) in enumerate(allowed)
]
page = st.navigation(pages, position="sidebar", expanded=True)
_sidebar()
sync_query_params()

token = set_actor(user.name)  # what this run saves is recorded as this user's
try:
    page.run()
except Exception as error:  # noqa: BLE001 - the last line of defence: a friendly error, never a traceback
    show_error(error)
finally:
    reset_actor(token)
