"""Steps 3-4: pre-label items with the rulebook (LLM or offline engine).

The documented Python API (docs/cli.md, docs/large-files.md) is importable from here:
`from assistant.prelabel import load_rulebook, plan, prelabel, run_job`. The names load lazily, so
importing a submodule stays light.
"""

from __future__ import annotations

from importlib import import_module

from typing import Any

_API = {
    "prelabel": "assistant.prelabel.api",
    "aprelabel": "assistant.prelabel.api",
    "plan": "assistant.prelabel.api",
    "run_job": "assistant.prelabel.job",
    "PrelabelOptions": "assistant.prelabel.options",
    "load_rulebook": "assistant.rulebook.export",
}
__all__ = ["PrelabelOptions", "aprelabel", "load_rulebook", "plan", "prelabel", "run_job"]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'assistant.prelabel' has no attribute {name!r}")

    return getattr(import_module(module), name)
