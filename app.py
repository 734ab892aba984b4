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


pages = [
    st.Page(PAGES / "assistant.py", title=t("Assistant", "助手"), icon=":material/chat:", url_path="assistant", default=True),
    st.Page(PAGES / "submit.py", title=t("Submit a request", "提交需求"), icon=":material/post_add:", url_path="submit"),
    st.Page(PAGES / "projects.py", title=t("Projects", "项目"), icon=":material/folder_open:", url_path="projects"),
    st.Page(PAGES / "prelabel.py", title=t("Pre-label", "预标注"), icon=":material/auto_awesome:", url_path="prelabel"),
    st.Page(PAGES / "agreement.py", title=t("Agreement", "一致性"), icon=":material/fact_check:", url_path="agreement"),
    st.Page(PAGES / "trial.py", title=t("Trial", "试标"), icon=":material/school:", url_path="trial"),
    st.Page(PAGES / "production.py", title=t("Production", "正式标注"), icon=":material/monitoring:", url_path="production"),
    st.Page(PAGES / "knowledge.py", title=t("Knowledge base", "知识库"), icon=":material/library_books:", url_path="knowledge"),
]
page = st.navigation(pages, position="sidebar", expanded=True)
_sidebar()
sync_query_params()

try:
    page.run()
except Exception as error:  # noqa: BLE001 - the last line of defence: a friendly error, never a traceback
    show_error(error)
