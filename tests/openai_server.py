"""A tiny OpenAI-compatible HTTP server for tests and benchmarks.

Standard library only.  It listens on ``127.0.0.1`` with an ephemeral port and
speaks just enough of the OpenAI REST API for the ``openai`` Python client and
LangChain's ``ChatOpenAI`` / ``OpenAIEmbeddings`` to work against it::

    from tests.openai_server import OpenAIStubServer, Reply

    with OpenAIStubServer() as server:
        server.script(Reply.text("hello"), Reply.error(500, "boom"))
        client = openai.OpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        client.chat.completions.create(model="m", messages=[...])   # -> "hello"
        client.chat.completions.create(model="m", messages=[...])   # -> InternalServerError
        client.chat.completions.create(model="m", messages=[...])   # -> "ok" (responder)
        assert server.chat_requests[0]["body"]["model"] == "m"

Endpoints
---------
``POST /v1/chat/completions``
    Answered with the next scripted :class:`Reply` (FIFO, one per request), or
    with ``responder(body)`` when the script is empty.  Non-streaming replies
    are ``chat.completion`` objects; with ``"stream": true`` the reply is sent
    as server-sent events (``chat.completion.chunk`` objects, ``data: [DONE]``),
    plus a usage chunk when ``stream_options.include_usage`` is set.
    Rejections (``require_key``, ``reject_tools``, ``reject_response_format``,
    an unparsable body) are decided *before* the script is consulted and do
    not consume a scripted reply.
``POST /v1/embeddings``
    Deterministic unit vectors (``dimensions`` or 8 floats) derived from a hash
    of each input (strings or token arrays); honours ``encoding_format``
    ``"float"`` and ``"base64"`` (the ``openai`` client asks for base64).
``GET /v1/models``
    One model, ``"stub-model"``.
Anything else
    404 with an OpenAI-style error body.

Every request (including rejected and unknown ones) is recorded in
:attr:`OpenAIStubServer.requests`.

``llama_cpp_python=True`` reproduces what llama.cpp's Python server (``llama-cpp-python[server]``
0.3, SmolLM2-135M-Instruct) was seen doing, so fast tests guard what the real one showed:

- ``response_format: json_schema`` gets HTTP **500** with a pydantic validation message naming
  ``response_format`` ("Input should be 'text' or 'json_object'"); ``json_object`` with a
  ``schema`` is accepted (the real server enforces it by a grammar);
- ``max_completion_tokens`` is ignored; ``max_tokens`` is honoured (the answer is cut to it with
  ``finish_reason: "length"``);
- ``logprobs: true`` without ``top_logprobs`` gets ``logprobs: null``; with it, tokens carry
  ``bytes: null`` and a token inside a multi-byte character has the text ``""``;
- ``tools`` are used only when ``tool_choice`` names the tool; otherwise the answer is prose;
- a streamed answer carries no usage, even with ``stream_options.include_usage``;
- prompt + ``max_tokens`` over ``n_ctx`` gets HTTP 400 ``context_length_exceeded`` with OpenAI's
  message ("maximum context length is C tokens ... (P in the messages, A in the completion)");
- ``GET /v1/models`` lists the model ``owned_by: "me"`` with ``permissions``.

``max_tokens`` (or ``max_completion_tokens``, unless ignored) is honoured by every stub: a longer
scripted answer is cut to that many (approximate, 4 characters a token) tokens with
``finish_reason: "length"``.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional

__all__ = ["Reply", "OpenAIStubServer", "start_stub", "STUB_MODEL"]

STUB_MODEL = "stub-model"
_RESPONSE_FORMAT_TYPES = frozenset({"json_schema", "json_object"})


# --------------------------------------------------------------------------- #
# Replies
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Reply:
    """One scripted answer to a chat-completion request.

    Build instances with the class-method constructors, never directly:
    :meth:`text`, :meth:`json`, :meth:`tool_call`, :meth:`error`,
    :meth:`malformed`, :meth:`delay`, :meth:`auto`.
    """

    kind: str
    content: Optional[str] = None
    logprobs: Optional[list] = None
    finish_reason: str = "stop"
    name: Optional[str] = None
    arguments: Optional[str] = None
    status: int = 200
    message: Optional[str] = None
    error_type: Optional[str] = None
    code: Optional[str] = None
    body: Optional[str] = None
    seconds: float = 0.0
    then: Optional["Reply"] = None
    headers: dict = field(default_factory=dict)

    @classmethod
    def text(cls, content: str, logprobs: Optional[list] = None, *,
             finish_reason: str = "stop") -> "Reply":
        """An assistant message with ``content``.

        ``logprobs`` (optional) is either a list of ``(token, logprob)`` pairs or
        a list of OpenAI-style dicts (``{"token", "logprob", "top_logprobs"?,
        "bytes"?}``); it is emitted as ``choices[0].logprobs.content``.
        """
        return cls("text", content=content, logprobs=logprobs, finish_reason=finish_reason)

    @classmethod
    def json(cls, obj: Any, *, finish_reason: str = "stop") -> "Reply":
        """An assistant message whose content is ``json.dumps(obj, ensure_ascii=False)``."""
        return cls("text", content=json.dumps(obj, ensure_ascii=False), finish_reason=finish_reason)

    @classmethod
    def tool_call(cls, name: str, arguments: "dict | str") -> "Reply":
        """An assistant message with one ``tool_calls`` entry (finish_reason ``"tool_calls"``).

        ``arguments`` is JSON-encoded when it is a dict; a string is sent verbatim
        (handy for testing invalid tool arguments).
        """
        args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
        return cls("tool_call", name=name, arguments=args, finish_reason="tool_calls")

    @classmethod
    def error(cls, status: int, message: str, type_: str = "server_error",
              code: Optional[str] = None) -> "Reply":
        """An HTTP ``status`` reply with body ``{"error": {"message", "type", "code"}}``.

        A 429 also carries a ``retry-after: 0`` header.
        """
        headers = {"retry-after": "0"} if status == 429 else {}
        return cls("error", status=status, message=message, error_type=type_, code=code,
                   headers=headers)

    @classmethod
    def malformed(cls, body: str = "{not json") -> "Reply":
        """HTTP 200 (``application/json``) whose body is not valid JSON.

        For a streaming request the body is sent as one ``data:`` event.
        """
        return cls("malformed", body=body)

    @classmethod
    def delay(cls, seconds: float, then: "Reply") -> "Reply":
        """Sleep ``seconds`` (interrupted by :meth:`OpenAIStubServer.stop`), then send ``then``."""
        return cls("delay", seconds=float(seconds), then=then)

    @classmethod
    def auto(cls) -> "Reply":
        """Use the server's responder for this request."""
        return cls("auto")


def _default_responder(_body: dict) -> Reply:
    return Reply.text("ok")


def _error_body(message: str, type_: str, code: Any = None, param: Any = None) -> dict:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def _approx_tokens(text: str) -> int:
    return max(1, len(text) // 4)


def _format_logprobs(logprobs: Optional[list]) -> Optional[dict]:
    if logprobs is None:
        return None
    content = []
    for item in logprobs:
        if isinstance(item, dict):
            entry = dict(item)
            entry.setdefault("bytes", list(str(entry.get("token", "")).encode("utf-8")))
            entry.setdefault("top_logprobs", [])
        else:
            token, logprob = item
            entry = {"token": token, "logprob": float(logprob),
                     "bytes": list(token.encode("utf-8")), "top_logprobs": []}
        content.append(entry)
    return {"content": content, "refusal": None}


def _split(text: str, pieces: int = 3) -> list:
    if not text:
        return []
    size = max(1, math.ceil(len(text) / pieces))
    return [text[i:i + size] for i in range(0, len(text), size)]


def _embedding(item: Any, dims: int) -> list:
    seed = item if isinstance(item, str) else json.dumps(item)
    raw = b""
    counter = 0
    while len(raw) < 4 * dims:
        raw += hashlib.sha256(f"{counter}:{seed}".encode("utf-8")).digest()
        counter += 1
    values = [(n / 0xFFFFFFFF) * 2.0 - 1.0 for n in struct.unpack(f"<{dims}I", raw[:4 * dims])]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


# --------------------------------------------------------------------------- #
# HTTP plumbing
# --------------------------------------------------------------------------- #
class _Response:
    """What the handler should write: a plain body or a list of SSE events."""

    def __init__(self, status: int = 200, payload: Any = None, *, raw: Optional[str] = None,
                 events: Optional[list] = None, headers: Optional[dict] = None):
        self.status = status
        self.payload = payload
        self.raw = raw
        self.events = events
        self.headers = headers or {}


class _HTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer whose worker threads are joined on close.

    Open (keep-alive) connections are tracked so that ``stop()`` can shut them
    down and unblock their worker threads.
    """

    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, addr, handler, stub: "OpenAIStubServer"):
        self.stub = stub
        self._conns: set = set()
        self._conns_lock = threading.Lock()
        super().__init__(addr, handler)

    def process_request(self, request, client_address):
        with self._conns_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):  # silence tracebacks of dropped clients
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "OpenAIStub/1.0"
    timeout = 60  # safety net for idle keep-alive connections

    def log_message(self, format, *args):  # noqa: A002 - silence default logging
        pass

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0] or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _dispatch(self) -> None:
        try:
            raw = self._read_body()
            response = self.server.stub._handle(
                self.command, self.path.split("?", 1)[0], dict(self.headers.items()), raw)
            self._write(response)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
            self.close_connection = True

    def _write(self, response: _Response) -> None:
        if response.events is not None:
            self.send_response(response.status)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.end_headers()
            for event in response.events:
                data = f"data: {event}\n\n".encode("utf-8")
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            return
        text = response.raw if response.raw is not None else json.dumps(response.payload,
                                                                          ensure_ascii=False)
        data = text.encode("utf-8")
        self.send_response(response.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


# --------------------------------------------------------------------------- #
# The server
# --------------------------------------------------------------------------- #
class OpenAIStubServer:
    """OpenAI-compatible stub server on ``127.0.0.1:<ephemeral port>``.

    :param latency: seconds slept before every reply (for benchmarks).
    :param reject_response_format: ``response_format.type`` values (subset of
        ``{"json_schema", "json_object"}``) answered with HTTP 400
        ``"response_format type '<t>' is not supported"``, as DeepSeek/Qwen do.
    :param reject_tools: answer any chat request carrying ``tools`` with HTTP 400
        ``"tools are not supported"``.
    :param responder: ``callable(body) -> Reply`` used when the script is empty
        (and for :meth:`Reply.auto`); defaults to ``Reply.text("ok")``.
    :param require_key: if set, requests whose ``Authorization`` header is not
        ``"Bearer <require_key>"`` (including a missing header) get HTTP 401.

    Use as a context manager or call :meth:`start` / :meth:`stop`.
    """

    def __init__(self, *, latency: float = 0.0,
                 reject_response_format: "set[str] | frozenset[str]" = frozenset(),
                 reject_tools: bool = False,
                 responder: Optional[Callable[[dict], Reply]] = None,
                 require_key: Optional[str] = None,
                 llama_cpp_python: bool = False,
                 n_ctx: Optional[int] = None):
        unknown = set(reject_response_format) - _RESPONSE_FORMAT_TYPES
        if unknown:
            raise ValueError(f"unknown response_format types: {sorted(unknown)}")
        self.latency = float(latency)
        self.reject_response_format = frozenset(reject_response_format)
        self.reject_tools = bool(reject_tools)
        self.responder = responder or _default_responder
        self.require_key = require_key
        self.llama_cpp_python = bool(llama_cpp_python)
        self.n_ctx = n_ctx if n_ctx is not None else (2048 if llama_cpp_python else None)
        self._lock = threading.Lock()
        self._queue: deque = deque()
        self._requests: list = []
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._httpd: Optional[_HTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    # -- lifecycle --------------------------------------------------------- #
    def start(self) -> "OpenAIStubServer":
        """Bind an ephemeral port on 127.0.0.1 and serve in a background thread."""
        if self._httpd is not None:
            raise RuntimeError("server already started")
        self._stopping.clear()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name="openai-stub-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close open connections and join every server thread."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()  # wakes up Reply.delay / latency sleeps
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()  # joins worker threads (block_on_close)
        if thread is not None:
            thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> "OpenAIStubServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port (server must be started)."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """``"http://127.0.0.1:<port>/v1"`` - pass as ``base_url`` to the clients."""
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting and inspection ----------------------------------------- #
    def script(self, *replies: Reply) -> "OpenAIStubServer":
        """Append replies to the FIFO consumed one per chat-completion request."""
        for reply in replies:
            if not isinstance(reply, Reply):
                raise TypeError(f"expected Reply, got {type(reply).__name__}")
        with self._lock:
            self._queue.extend(replies)
        return self

    @property
    def pending(self) -> int:
        """Number of scripted replies not consumed yet."""
        with self._lock:
            return len(self._queue)

    @property
    def requests(self) -> list:
        """Snapshot of every request: dicts with ``path``, ``method``, ``headers`` (lower-cased
        keys) and ``body`` (parsed JSON or ``None``)."""
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list:
        """The recorded ``POST /v1/chat/completions`` requests."""
        return [r for r in self.requests
                if r["method"] == "POST" and r["path"] == "/v1/chat/completions"]

    @property
    def request_count(self) -> int:
        """Number of requests received so far."""
        with self._lock:
            return len(self._requests)

    def reset(self) -> None:
        """Forget recorded requests and drop any pending scripted replies."""
        with self._lock:
            self._requests.clear()
            self._queue.clear()

    # -- request handling (called from worker threads) --------------------- #
    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _next_id(self) -> int:
        with self._lock:
            return next(self._ids)

    def _handle(self, method: str, path: str, headers: dict, raw: bytes) -> _Response:
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        record = {"path": path, "method": method,
                  "headers": {k.lower(): v for k, v in headers.items()}, "body": body}
        with self._lock:
            self._requests.append(record)
        self._sleep(self.latency)

        route = (method, path.rstrip("/"))
        known = {("POST", "/v1/chat/completions"), ("POST", "/v1/embeddings"), ("GET", "/v1/models")}
        if route not in known:
            return _Response(404, _error_body(f"Unknown request URL: {method} {path}",
                                              "invalid_request_error", "unknown_url"))
        if self.require_key is not None:
            auth = record["headers"].get("authorization")
            if auth != f"Bearer {self.require_key}":
                msg = ("You didn't provide an API key." if auth is None
                       else "Incorrect API key provided.")
                return _Response(401, _error_body(msg, "invalid_request_error", "invalid_api_key"))
        if route == ("GET", "/v1/models"):
            if self.llama_cpp_python:
                return _Response(200, {"object": "list", "data": [
                    {"id": "/models/SmolLM2-135M-Instruct.Q4_1.gguf", "object": "model",
                     "owned_by": "me", "permissions": []}]})
            return _Response(200, {"object": "list", "data": [
                {"id": STUB_MODEL, "object": "model", "created": 0, "owned_by": "openai-stub"}]})
        if not isinstance(body, dict):
            return _Response(400, _error_body("Request body must be a JSON object.",
                                              "invalid_request_error"))
        if route == ("POST", "/v1/embeddings"):
            return self._embeddings(body)
        return self._chat(body)

    def _embeddings(self, body: dict) -> _Response:
        inputs = body.get("input")
        if isinstance(inputs, str) or (isinstance(inputs, list) and inputs
                                       and isinstance(inputs[0], int)):
            inputs = [inputs]
        if not isinstance(inputs, list) or not inputs:
            return _Response(400, _error_body("'input' must be a non-empty string or array.",
                                              "invalid_request_error", param="input"))
        dims = int(body.get("dimensions") or 8)
        b64 = body.get("encoding_format") == "base64"
        data, tokens = [], 0
        for i, item in enumerate(inputs):
            vector = _embedding(item, dims)
            tokens += len(item) if isinstance(item, list) else _approx_tokens(str(item))
            emb: Any = (base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode("ascii")
                        if b64 else vector)
            data.append({"object": "embedding", "index": i, "embedding": emb})
        return _Response(200, {"object": "list", "data": data,
                               "model": body.get("model", STUB_MODEL),
                               "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})

    def _llama_refusal(self, body: dict) -> Optional[_Response]:
        """llama-cpp-python's answers to what it refuses (see the module docstring)."""
        fmt = body.get("response_format")
        fmt_type = fmt.get("type") if isinstance(fmt, dict) else None
        if fmt_type not in (None, "text", "json_object"):
            detail = ("1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
                      "'msg': \"Input should be 'text' or 'json_object'\", 'input': '%s', "
                      "'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"llama_cpp/server/app.py\", "
                      "line 376, in create_chat_completion\n    POST /v1/chat/completions" % fmt_type)
            return _Response(500, _error_body(detail, "internal_server_error"))
        if self.n_ctx:
            prompt = _approx_tokens(json.dumps(body.get("messages", []), ensure_ascii=False))
            answer = int(body.get("max_tokens") or 16)
            if prompt + answer > self.n_ctx:
                return _Response(400, _error_body(
                    f"This model's maximum context length is {self.n_ctx} tokens. However, you requested "
                    f"{prompt + answer} tokens ({prompt} in the messages, {answer} in the completion). "
                    "Please reduce the length of the messages or completion.",
                    "invalid_request_error", "context_length_exceeded", "messages"))
        return None

    def _chat(self, body: dict) -> _Response:
        if self.llama_cpp_python:
            refusal = self._llama_refusal(body)
            if refusal is not None:
                return refusal
        fmt = body.get("response_format")
        fmt_type = fmt.get("type") if isinstance(fmt, dict) else None
        if fmt_type in self.reject_response_format:
            return _Response(400, _error_body(
                f"response_format type '{fmt_type}' is not supported by this model",
                "invalid_request_error", "invalid_parameter", "response_format"))
        if self.reject_tools and body.get("tools"):
            return _Response(400, _error_body("tools are not supported", "invalid_request_error",
                                              "invalid_parameter", "tools"))
        with self._lock:
            reply = self._queue.popleft() if self._queue else Reply.auto()
        while True:
            if reply.kind == "auto":
                try:
                    reply = self.responder(body)
                except Exception as exc:  # surface responder bugs to the test
                    reply = Reply.error(500, f"stub responder failed: {exc!r}")
                if not isinstance(reply, Reply) or reply.kind == "auto":
                    reply = Reply.text("ok")
            elif reply.kind == "delay":
                self._sleep(reply.seconds)
                reply = reply.then
            else:
                break
        if reply.kind == "error":
            return _Response(reply.status, _error_body(reply.message, reply.error_type, reply.code),
                             headers=reply.headers)
        stream = bool(body.get("stream"))
        if reply.kind == "malformed":
            if stream:
                return _Response(200, events=[reply.body])
            return _Response(200, raw=reply.body)
        return self._completion(body, reply, stream)

    def _answer_limit(self, body: dict) -> Optional[int]:
        limit = body.get("max_tokens")
        if limit is None and not self.llama_cpp_python:
            limit = body.get("max_completion_tokens")
        return int(limit) if isinstance(limit, (int, float)) and limit > 0 else None

    def _completion(self, body: dict, reply: Reply, stream: bool) -> _Response:
        n = self._next_id()
        model = body.get("model", STUB_MODEL)
        created = int(time.time())
        prompt_tokens = _approx_tokens(json.dumps(body.get("messages", []), ensure_ascii=False))
        if self.llama_cpp_python and reply.kind == "tool_call":
            choice = body.get("tool_choice")
            if not (isinstance(choice, dict) and (choice.get("function") or {}).get("name")):
                # tools without a named tool_choice: the model just talks
                reply = Reply.text("Sure! Here is what I think about your request: " + reply.arguments)
        limit = self._answer_limit(body)
        if limit is not None and reply.kind == "text" and _approx_tokens(reply.content or "") > limit:
            reply = Reply.text((reply.content or "")[: limit * 4], reply.logprobs, finish_reason="length")
        if reply.kind == "tool_call":
            tool_call = {"id": f"call_stub_{n}", "type": "function",
                         "function": {"name": reply.name, "arguments": reply.arguments}}
            completion_tokens = _approx_tokens(reply.arguments)
            message = {"role": "assistant", "content": None, "refusal": None,
                       "tool_calls": [tool_call]}
        else:
            completion_tokens = _approx_tokens(reply.content or "")
            message = {"role": "assistant", "content": reply.content, "refusal": None}
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                 "total_tokens": prompt_tokens + completion_tokens}
        logprobs = _format_logprobs(reply.logprobs)
        if self.llama_cpp_python:
            if not body.get("top_logprobs"):
                logprobs = None
            elif logprobs is not None:
                for entry in logprobs["content"]:
                    entry["bytes"] = None  # this server sends no bytes, and "" for the byte-level
                    if any(ord(ch) > 0x2FFF for ch in entry["token"]):  # tokens of CJK characters
                        entry["token"] = ""
                    for top in entry.get("top_logprobs") or []:
                        top["bytes"] = None

        if not stream:
            return _Response(200, {
                "id": f"chatcmpl-stub-{n}", "object": "chat.completion", "created": created,
                "model": model, "system_fingerprint": None,
                "choices": [{"index": 0, "message": message, "logprobs": logprobs,
                             "finish_reason": reply.finish_reason}],
                "usage": usage})

        include_usage = bool((body.get("stream_options") or {}).get("include_usage")) and not self.llama_cpp_python

        def chunk(delta: dict, finish_reason=None, lp=None) -> str:
            obj = {"id": f"chatcmpl-stub-{n}", "object": "chat.completion.chunk",
                   "created": created, "model": model, "system_fingerprint": None,
                   "choices": [{"index": 0, "delta": delta, "logprobs": lp,
                                "finish_reason": finish_reason}]}
            if include_usage:
                obj["usage"] = None
            return json.dumps(obj, ensure_ascii=False)

        events = []
        if reply.kind == "tool_call":
            events.append(chunk({"role": "assistant", "content": None, "tool_calls": [{
                "index": 0, "id": tool_call["id"], "type": "function",
                "function": {"name": reply.name, "arguments": ""}}]}))
            for piece in _split(reply.arguments):
                events.append(chunk({"tool_calls": [{"index": 0,
                                                     "function": {"arguments": piece}}]}))
        else:
            events.append(chunk({"role": "assistant", "content": "", "refusal": None}))
            for i, piece in enumerate(_split(reply.content or "")):
                # all scripted logprobs travel with the first content piece
                events.append(chunk({"content": piece}, lp=logprobs if i == 0 else None))
        events.append(chunk({}, finish_reason=reply.finish_reason))
        if include_usage:
            events.append(json.dumps({
                "id": f"chatcmpl-stub-{n}", "object": "chat.completion.chunk",
                "created": created, "model": model, "system_fingerprint": None,
                "choices": [], "usage": usage}))
        events.append("[DONE]")
        return _Response(200, events=events)


def start_stub(**kwargs: Any) -> OpenAIStubServer:
    """Create an :class:`OpenAIStubServer` with ``kwargs`` and start it.

    Pytest usage::

        @pytest.fixture
        def stub():
            server = start_stub()
            yield server
            server.stop()
    """
    return OpenAIStubServer(**kwargs).start()
