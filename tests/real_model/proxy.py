"""A recording HTTP proxy in front of a real OpenAI-compatible server (tests and benchmarks).

Every request is forwarded unchanged to the upstream server; the request body, the status and
the response body are recorded, so a test can compare what Rulebook reports (tokens, methods,
bounds) with what the server itself answered.
"""

from __future__ import annotations

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):
        self._forward()

    def do_POST(self):
        self._forward()

    def _forward(self) -> None:
        proxy: RecordingProxy = self.server.proxy  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection", "accept-encoding")}
        connection = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=proxy.timeout)
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            data = response.read()
            status, content_type = response.status, response.getheader("Content-Type", "application/json")
        except OSError as error:  # the client went away or the upstream failed
            data, status, content_type = json.dumps({"error": {"message": str(error)}}).encode(), 502, "application/json"
        finally:
            connection.close()
        proxy.record(self.command, self.path, body, status, data)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True


class RecordingProxy:
    """`with RecordingProxy("http://127.0.0.1:8080") as proxy: ... proxy.base_url ... proxy.chat`"""

    def __init__(self, upstream: str, *, timeout: float = 900.0) -> None:
        parts = urlsplit(upstream)
        self.upstream_host, self.upstream_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.records: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def __enter__(self) -> "RecordingProxy":
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.proxy = self  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def record(self, method: str, path: str, body: bytes, status: int, data: bytes) -> None:
        def load(raw: bytes) -> Any:
            try:
                return json.loads(raw) if raw else None
            except ValueError:
                return raw.decode("utf-8", "replace")

        with self._lock:
            self.records.append({"method": method, "path": path, "body": load(body), "status": status, "response": load(data)})

    def reset(self) -> None:
        with self._lock:
            self.records.clear()

    @property
    def chat(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r for r in self.records if r["path"].endswith("/chat/completions")]

    def usage(self) -> tuple[int, int]:
        """Prompt and completion tokens the server reported over all answered chat requests."""
        prompt = completion = 0
        for record in self.chat:
            usage = (record["response"] or {}).get("usage") if isinstance(record["response"], dict) else None
            if usage:
                prompt += int(usage.get("prompt_tokens") or 0)
                completion += int(usage.get("completion_tokens") or 0)
        return prompt, completion
