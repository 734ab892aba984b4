"""Helpers for the app's tests: the app under AppTest, a seeded knowledge base, bundled files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
SAMPLES = ROOT / "evaluation" / "samples"
RULEBOOK_JSON = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"
REQUEST = (ROOT / "knowledge" / "samples" / "complaints" / "request.txt").read_text(encoding="utf-8").strip()


@pytest.fixture
def workspace(isolated):
    """A workspace on the test's data directory (the app opens its own, on the same directory)."""
    from assistant.core.settings import get_settings
    from assistant.service.workspace import Workspace

    return Workspace(get_settings())


@pytest.fixture
def seeded(workspace):
    from knowledge.loader import seed

    seed(workspace.store, workspace.kb)
    return workspace


def open_app(language: str = "en", **query: str):
    """The app as a browser opens it, on the default (Assistant) page."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params["lang"] = language
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def open_page(page: str, language: str = "en", **query: str):
    """The app switched to one page (e.g. "prelabel"), as the sidebar navigation does."""
    app = open_app(language, **query)
    app.switch_page(f"ui/pages/{page}.py")
    return app.run()


def texts(elements) -> str:
    """All the text of some elements (markdown, alerts, captions…), joined."""
    return "\n".join(str(getattr(element, "value", "")) for element in elements)


def labels(elements) -> list[str]:
    return [getattr(element, "label", "") for element in elements]


def assert_clean(app) -> None:
    """No Python traceback reached the page."""
    assert not app.exception, [exc.value for exc in app.exception]
