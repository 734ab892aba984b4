"""End to end in a real browser: `streamlit run app.py` driven by headless Chromium through Playwright.

Needs the `playwright` Python package and a Chromium at /usr/bin/chromium (Debian's `chromium`
package; Playwright's own browser download is not used), or CHROMIUM_PATH pointing at one.
Skipped with the reason when either is missing. Screenshots go to the test's tmp_path, and also to
UI_SHOTS_DIR when that is set (to look at them).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ui.conftest import APP, REQUEST, ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer at {url} within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def _settle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the app has finished its run (no Stop button, no running-status widget)."""
    page.wait_for_function(
        "() => !!document.querySelector('h1') && !Array.from(document.querySelectorAll('button'))"
        ".some(b => b.innerText.trim() === 'Stop')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(500)


def _shot(page, folder: Path, name: str) -> Path:
    """A screenshot of the whole main area (Streamlit scrolls inside it, so grow the viewport)."""
    height = page.evaluate(
        "() => { const b = document.querySelector('[data-testid=\"stMainBlockContainer\"]');"
        " return Math.max(b ? b.scrollHeight + 200 : 900, 900); }"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height), 8000)})
    page.wait_for_timeout(400)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 900})
    copies = os.environ.get("UI_SHOTS_DIR")
    if copies:
        Path(copies).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(copies) / path.name)
    return path


def test_chat_in_a_real_browser_shows_the_breakdown_and_keeps_the_conversation(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the Python package) to run the browser test")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)")

    data_dir = tmp_path / "browser-data"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "RULEBOOK_"))}
    env.update({"RULEBOOK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)})
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        env["TIKTOKEN_CACHE_DIR"] = os.environ["TIKTOKEN_CACHE_DIR"]
    seeded = subprocess.run(
        [sys.executable, "-c", "from assistant.workspace import Workspace; from knowledge.loader import seed; "
         "ws = Workspace(); print(seed(ws.store, ws.kb).projects)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]

    port = _free_port()
    log = tmp_path / "streamlit.log"
    with log.open("w") as log_stream:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(APP),
                "--server.address", "127.0.0.1", "--server.port", str(port),
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
            ],
            cwd=tmp_path, env=env, stdout=log_stream, stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{base}/_stcore/health", server, log)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(f"{base}/?lang=en")
                _settle(page)
                assert page.get_by_role("heading", name="Assistant").first.is_visible()
                assert page.get_by_text("Offline engine").first.is_visible()
                _shot(page, tmp_path, "01_assistant_empty")

                page.get_by_test_id("stChatInputTextArea").fill(REQUEST)
                page.keyboard.press("Enter")
                page.get_by_text("Here is the 5W2H breakdown").first.wait_for(timeout=90_000)
                _settle(page)
                for dimension in ("What", "How much"):
                    assert page.get_by_text(dimension).first.is_visible()
                assert page.get_by_text("Questions for the requester").first.is_visible()
                assert "project=p-" in page.url
                _shot(page, tmp_path, "02_assistant_breakdown")

                page.get_by_role("button", name="Draft the rulebook").click()
                page.get_by_text("Rulebook version 1 is drafted").first.wait_for(timeout=90_000)
                _settle(page)
                _shot(page, tmp_path, "03_assistant_rulebook")

                url = page.url  # a reload (or a second tab with this URL) brings the conversation back
                second = browser.new_page(viewport={"width": 1400, "height": 900})
                second.goto(url)
                _settle(second)
                second.get_by_text("Rulebook version 1 is drafted").first.wait_for(timeout=30_000)
                assert second.get_by_text("Here is the 5W2H breakdown").first.is_visible()
                second.close()

                page.goto(f"{base}/projects?lang=zh")
                _settle(page)
                page.get_by_role("tab", name="导出").click()
                page.get_by_role("button", name="Word 文档").wait_for(timeout=30_000)
                _shot(page, tmp_path, "04_projects_zh")
            finally:
                browser.close()
        assert (tmp_path / "02_assistant_breakdown.png").stat().st_size > 10_000
        assert "Traceback" not in log.read_text(errors="replace")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
