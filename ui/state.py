"""Where the app keeps its state.

- The **Workspace** (project store, Chroma knowledge base, embedder, LLM client) is opened once per
  process with `st.cache_resource`, keyed by what decides which data it serves (data directory,
  database, Chroma server, LLM endpoint and model, embedder). Two data directories never share one
  workspace (tests run several apps with different data directories in one process).
- The **UI language** and the **current project** live in session state and are mirrored in the
  URL query parameters (`?lang=zh&project=p-…`), so a reload or a second browser tab with the same
  URL opens the same conversation in the same language.
- Everything users make (projects, conversations, rulebook versions, agreement rounds) is in the
  project store, never only in session state.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

import streamlit as st

from assistant.core.settings import Settings, get_settings

from ui.i18n import DEFAULT_LANGUAGE, languages
from assistant.service.workspace import Workspace

if TYPE_CHECKING:
    from assistant.service.workspace import Workspace

log = logging.getLogger("rulebook.app")

LANG_KEY = "lang"
PROJECT_KEY = "project"
KEPT_LANG_KEY = "_lang_kept"


# ---------------------------------------------------------------------------------------------
# The workspace
# ---------------------------------------------------------------------------------------------
def workspace_key(settings: Settings) -> str:
    """What makes two workspaces different; secrets enter only as a hash."""
    secret = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    parts = [
        str(settings.data_dir.resolve()),
        hashlib.sha256((settings.database_url or "").encode()).hexdigest()[:16],
        hashlib.sha256((settings.chroma_url or "").encode()).hexdigest()[:16],
        hashlib.sha256((settings.openai_base_url or "").encode()).hexdigest()[:16],
        settings.model,
        settings.embedding_provider,
        settings.embedding_model,
        str(settings.embedding_dimensions),
        hashlib.sha256(secret.encode()).hexdigest()[:16],
    ]
    return "|".join(parts)


@st.cache_resource(show_spinner=False, max_entries=16)
def _open_workspace(key: str, _settings: Settings) -> "Workspace":
    log.info("opening the workspace %s", key.split("|")[0])
    ws = Workspace(_settings)
    ws.store  # noqa: B018 - open the database and the index now, once per process
    ws.kb  # noqa: B018
    return ws


def workspace() -> "Workspace":
    """The process-wide workspace for the current settings."""
    settings = get_settings()
    return _open_workspace(workspace_key(settings), settings)


def settings() -> Settings:
    return get_settings()


# ---------------------------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------------------------
def init_language() -> str:
    """Session language: from session state, else the `lang` query parameter, else the browser's locale."""
    if st.session_state.get(LANG_KEY) not in languages():
        wanted = st.session_state.get(KEPT_LANG_KEY)  # a page switch may drop the widget's state, never this copy
        if wanted not in languages():
            wanted = st.query_params.get(LANG_KEY)
        if wanted not in languages():
            locale = (st.context.locale or "").lower()
            wanted = "zh" if locale.startswith("zh") else DEFAULT_LANGUAGE
        st.session_state[LANG_KEY] = wanted
    st.session_state[KEPT_LANG_KEY] = st.session_state[LANG_KEY]
    return st.session_state[LANG_KEY]


def keep_language() -> None:
    """Remember the language chosen in the sidebar outside the widget's own state."""
    if st.session_state.get(LANG_KEY) in languages():
        st.session_state[KEPT_LANG_KEY] = st.session_state[LANG_KEY]


# ---------------------------------------------------------------------------------------------
# The current project
# ---------------------------------------------------------------------------------------------
def current_project() -> str | None:
    """The project the trainer works on: session state, else the `project` query parameter."""
    if PROJECT_KEY not in st.session_state:
        st.session_state[PROJECT_KEY] = st.query_params.get(PROJECT_KEY) or None
    return st.session_state[PROJECT_KEY]


def set_current_project(project_id: str | None) -> None:
    st.session_state[PROJECT_KEY] = project_id
    sync_query_params()


def sync_query_params() -> None:
    """Mirror language and project into the URL (page changes clear query parameters)."""
    wanted = {LANG_KEY: st.session_state.get(LANG_KEY)}
    project = st.session_state.get(PROJECT_KEY)
    if project:
        wanted[PROJECT_KEY] = project
    for key, value in wanted.items():
        if value and st.query_params.get(key) != value:
            st.query_params[key] = value
    if not project and PROJECT_KEY in st.query_params:
        del st.query_params[PROJECT_KEY]
