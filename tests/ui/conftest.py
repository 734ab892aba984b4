"""Helpers for the app's tests: the app under AppTest, a seeded knowledge base, bundled files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, tiktoken_cache: Path) -> Path:
    """A data directory seeded once with the bundled past projects, by a separate process on the default settings
    of a clean environment (the ones `isolated` gives each test), so everything is on disk when it exits."""
    home = tmp_path_factory.mktemp("seeded-template")
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("RULEBOOK_") and name not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env |= {"RULEBOOK_DATA_DIR": str(home / "data"), "TIKTOKEN_CACHE_DIR": str(tiktoken_cache), "PYTHONPATH": str(ROOT)}
    script = "from assistant.service.workspace import Workspace; from knowledge.loader import seed; w = Workspace(); seed(w.store, w.kb)"
    subprocess.run([sys.executable, "-c", script], cwd=home, env=env, check=True, timeout=600)
    return home / "data"


@pytest.fixture
def seeded(workspace, seeded_template):
    """The workspace with the bundled past projects, as `rulebook kb seed` leaves it: a copy of the seeded template
    (seeding takes seconds; copying its few megabytes, milliseconds). The workspace opens nothing before the copy."""
    assert "store" not in vars(workspace) and "kb" not in vars(workspace), "seeded must run before the workspace is opened"
    shutil.copytree(seeded_template, workspace.settings.data_dir, dirs_exist_ok=True)
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
