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
from ui.i18n import languages, t
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
_UPLOAD, _LIMIT = t("ui.app.upload"), t("ui.app.at_most_200_mb_per_file")
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
            t("ui.app.language"),
            options=list(languages()),
            format_func=languages().get,
            key="lang",
            horizontal=True,
            on_change=keep_language,
        )
        if config.llm_configured:
            st.success(
                t("ui.app.llm_engine_model_at", m=config.model, h=config.endpoint_host),
                icon=":material/cloud:",
            )
        else:
            st.warning(
                t(
                    "ui.app.offline_engine_no_llm_configured_retrieval",
                ),
                icon=":material/offline_bolt:",
            )
        st.caption(t("ui.app.data_directory") + f"  \n`{config.data_dir.resolve()}`")


def _who() -> None:
    """Who is signed in (or the single-user note), with a sign-out button."""
    user = st.session_state.get(USER_KEY)
    if user is None:
        return
    if user.local:
        st.info(
            t(
                "ui.app.single_user_mode_no_accounts_are",
            ),
            icon=":material/person:",
        )
        return
    st.markdown(t("ui.app.signed_in_as", n=user.name, r=role_name(user.role)))
    st.button(t("ui.app.sign_out"), icon=":material/logout:", on_click=sign_out, key="sign_out")


# (page file, action it needs, title id, icon, url) — a page shows only to users allowed its action;
# each page checks the action again itself, and every read or write of a project is checked too.
PAGE_LIST = [
    ("assistant.py", "submit", "ui.app.assistant", ":material/chat:", "assistant"),
    ("submit.py", "submit", "ui.app.submit_a_request", ":material/post_add:", "submit"),
    ("projects.py", "work", "ui.app.projects", ":material/folder_open:", "projects"),
    ("prelabel.py", "work", "ui.app.pre_label", ":material/auto_awesome:", "prelabel"),
    ("agreement.py", "work", "ui.app.agreement", ":material/fact_check:", "agreement"),
    ("trial.py", "work", "ui.app.trial", ":material/school:", "trial"),
    ("production.py", "work", "ui.app.production", ":material/monitoring:", "production"),
    ("knowledge.py", "search_knowledge", "ui.app.knowledge_base", ":material/library_books:", "knowledge"),
    ("admin.py", "manage_accounts", "ui.app.accounts", ":material/manage_accounts:", "accounts"),
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
    page = st.navigation([st.Page(sign_in_page, title=t("ui.app.sign_in"), icon=":material/login:", url_path="signin", default=True)],
                         position="hidden")
    with st.sidebar:
        st.radio(t("ui.app.language"), options=list(languages()), format_func=languages().get, key="lang", horizontal=True, on_change=keep_language)
    sync_query_params()
    page.run()
    st.stop()

allowed = [entry for entry in PAGE_LIST if can(user, entry[1])]
pages = [
    st.Page(PAGES / file, title=t(title), icon=icon, url_path=url, default=index == 0)
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
