"""Rulebook's Streamlit app: `rulebook app` or `streamlit run app.py`.

The entry point sets up the page, the sidebar (engine, data directory, language) and the
navigation; each page lives in `ui/pages/`. Layout and state only: every action calls the pipeline.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from assistant.core.secrets_mask import install as install_secret_masking
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
        st.radio(
            t("ui.app.language"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.get,
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


pages = [
    st.Page(PAGES / "assistant.py", title=t("ui.app.assistant"), icon=":material/chat:", url_path="assistant", default=True),
    st.Page(PAGES / "submit.py", title=t("ui.app.submit_a_request"), icon=":material/post_add:", url_path="submit"),
    st.Page(PAGES / "projects.py", title=t("ui.app.projects"), icon=":material/folder_open:", url_path="projects"),
    st.Page(PAGES / "prelabel.py", title=t("ui.app.pre_label"), icon=":material/auto_awesome:", url_path="prelabel"),
    st.Page(PAGES / "agreement.py", title=t("ui.app.agreement"), icon=":material/fact_check:", url_path="agreement"),
    st.Page(PAGES / "trial.py", title=t("ui.app.trial"), icon=":material/school:", url_path="trial"),
    st.Page(PAGES / "production.py", title=t("ui.app.production"), icon=":material/monitoring:", url_path="production"),
    st.Page(PAGES / "knowledge.py", title=t("ui.app.knowledge_base"), icon=":material/library_books:", url_path="knowledge"),
]
page = st.navigation(pages, position="sidebar", expanded=True)
_sidebar()
sync_query_params()

try:
    page.run()
except Exception as error:  # noqa: BLE001 - the last line of defence: a friendly error, never a traceback
    show_error(error)
