"""The objects a session needs, built lazily from settings.

The CLI, the Streamlit app and the Python API all start from a `Workspace`,
so none of them wires the store, the knowledge base or the LLM by hand, and
nothing heavy (Chroma, LangChain, scikit-learn) is imported before it is used.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from assistant.core.settings import Settings, get_settings
from assistant.llm.engine import engine_description

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

    from assistant.llm.embeddings import Embedder
    from assistant.llm.chat import ChatLLM
    from assistant.core.store import Store


class Workspace:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()

    @cached_property
    def store(self) -> "Store":
        from assistant.core.store import Store  # local: opens the database (sqlalchemy, alembic) only when a command needs the store

        return Store.from_settings(self.settings)

    @cached_property
    def embedder(self) -> "Embedder":
        from assistant.llm.embeddings import get_embedder  # local: the embedder is built only when something embeds

        return get_embedder(self.settings)

    @cached_property
    def kb(self) -> "KnowledgeBase":
        from knowledge.base import KnowledgeBase  # local: the knowledge base (Chroma) loads only when a command needs it

        return KnowledgeBase(self.settings, embedder=self.embedder)

    @cached_property
    def llm(self) -> "ChatLLM | None":
        """The configured LLM, or None: the offline engine."""
        from assistant.llm.factory import get_llm  # local: the LLM client loads only when a step calls the model

        return get_llm(self.settings)

    @property
    def engine(self) -> str:
        return engine_description(self.settings)
