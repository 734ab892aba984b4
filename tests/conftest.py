"""Test isolation: no network, no user data, no user settings.

Every test runs in its own temporary folder with the data directory inside
it, no LLM configured, and sockets limited to loopback.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

from assistant.core.settings import Settings, reset_settings
from tests.backends import chroma_url, database_url, servers  # noqa: F401 - fixtures: the same tests on the servers

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket path
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local(address):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_local(address):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect_ex(self, address)


@pytest.fixture(scope="session")
def tiktoken_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tiktoken-cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiktoken_cache: Path) -> Path:
    """A clean environment: temporary data directory, offline engine, loopback-only sockets."""
    for name in list(os.environ):
        if name.startswith("RULEBOOK_") or name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tiktoken_cache))
    monkeypatch.setenv("RULEBOOK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout is read
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    reset_settings()
    yield tmp_path
    reset_settings()


@pytest.fixture
def settings(isolated: Path) -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def seeded_workspace(tmp_path_factory: pytest.TempPathFactory, tiktoken_cache: Path):
    """One seeded knowledge base shared by read-only tests (seeding once keeps the suite fast)."""
    from assistant.service.workspace import Workspace
    from knowledge.loader import seed

    settings = Settings(
        _env_file=None,
        data_dir=tmp_path_factory.mktemp("seeded") / "data",
        openai_api_key=None,
        openai_base_url=None,
        embedding_provider="hashing",
        chroma_url=None,
        database_url=None,
    )
    workspace = Workspace(settings)
    seed(workspace.store, workspace.kb)
    return workspace


@pytest.fixture
def stub():
    """An OpenAI-compatible server on 127.0.0.1 for the duration of one test."""
    from tests.openai_server import OpenAIStubServer

    with OpenAIStubServer() as server:
        yield server


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch, stub):
    """Point the settings at the stub server; returns the server."""
    monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key-123456")
    monkeypatch.setenv("RULEBOOK_MODEL", "stub-model")
    monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "2")
    reset_settings()
    return stub


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """Run `rulebook ARGS...` in-process as a user would; returns (exit code, stdout, stderr)."""
    import sys

    from assistant.cli.main import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["rulebook", *args])
        reset_settings()
        code = 0
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        out, err = capsys.readouterr()
        return code, out, err

    return run
