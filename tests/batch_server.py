"""The loopback OpenAI stub server with the Batch API: `/v1/files` and `/v1/batches`.

Extends `tests.openai_server.OpenAIStubServer` (chat completions stay as they are, so the online
path can run against the same server and fake model):

``POST /v1/files`` (multipart, purpose "batch"), ``GET /v1/files/{id}``, ``GET /v1/files/{id}/content``;
``POST /v1/batches``, ``GET /v1/batches/{id}``, ``POST /v1/batches/{id}/cancel``.

A batch is answered line by line by the server's chat handling (its `responder`, the fake model),
the way the Batch API runs each line as one /v1/chat/completions request. What happens to each
created batch is planned with :meth:`BatchStubServer.plan` (FIFO; default: completed after one
poll): how many polls it stays ``in_progress``, and whether it completes, expires after running
some lines, or fails; `error_lines` are line numbers whose request fails (error file).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, Optional

from tests.openai_server import OpenAIStubServer, _error_body, _Response


@dataclass
class Outcome:
    status: str = "completed"  # completed | expired | failed
    polls: int = 1  # retrieves that see it in_progress before it ends
    run: Optional[int] = None  # expired: lines run before the window closed (default: half)
    error_lines: set = field(default_factory=set)  # 0-based lines answered in the error file
    failure: str = "Invalid JSONL at line 1"


class BatchStubServer(OpenAIStubServer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_bodies: list[dict] = []  # every request body the batches ran, in order
        self._plans: deque = deque()
        self._batch_lock = threading.Lock()
        self._counter = 0

    def plan(self, *outcomes: Outcome) -> "BatchStubServer":
        self._plans.extend(outcomes)
        return self

    def _new_id(self, prefix: str) -> str:
        with self._batch_lock:
            self._counter += 1
            return f"{prefix}-{self._counter}"

    # -- routing ------------------------------------------------------------------------------
    def _handle(self, method: str, path: str, headers: dict, raw: bytes) -> _Response:
        if not (path.startswith("/v1/files") or path.startswith("/v1/batches")):
            return super()._handle(method, path, headers, raw)
        with self._lock:
            self._requests.append({"path": path, "method": method, "headers": {k.lower(): v for k, v in headers.items()}, "body": None})
        parts = path.rstrip("/").split("/")[2:]  # files | files, id | files, id, content | batches ...
        if parts == ["files"] and method == "POST":
            return self._upload(headers, raw)
        if parts[0] == "files" and len(parts) >= 2 and method == "GET":
            stored = self.files.get(parts[1])
            if stored is None:
                return _Response(404, _error_body(f"No such File object: {parts[1]}", "invalid_request_error"))
            if parts[2:] == ["content"]:
                return _Response(200, raw=stored["content"].decode("utf-8"))
            return _Response(200, stored["object"])
        if parts == ["batches"] and method == "POST":
            return self._create(json.loads(raw or b"{}"))
        if parts == ["batches"] and method == "GET":
            newest = sorted(self.batches.values(), key=lambda batch: -int(batch["id"].split("-")[1]))
            return _Response(200, {"object": "list", "data": [_public(b) for b in newest], "has_more": False})
        if parts[0] == "batches" and len(parts) >= 2:
            batch = self.batches.get(parts[1])
            if batch is None:
                return _Response(404, _error_body(f"No batch found with id '{parts[1]}'.", "invalid_request_error"))
            if parts[2:] == ["cancel"] and method == "POST":
                return self._cancel(batch)
            if method == "GET" and len(parts) == 2:
                return _Response(200, self._advance(batch))
        return _Response(404, _error_body(f"Unknown request URL: {method} {path}", "invalid_request_error"))

    # -- files --------------------------------------------------------------------------------
    def _upload(self, headers: dict, raw: bytes) -> _Response:
        content_type = next(v for k, v in headers.items() if k.lower() == "content-type")
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = (part.get_filename(), part.get_payload(decode=True))
        purpose = fields["purpose"][1].decode()
        filename, content = fields["file"]
        return _Response(200, self._store(content, filename or "upload.jsonl", purpose))

    def _store(self, content: bytes, filename: str, purpose: str) -> dict:
        file_id = self._new_id("file")
        obj = {"id": file_id, "object": "file", "bytes": len(content), "created_at": int(time.time()),
               "filename": filename, "purpose": purpose, "status": "processed"}  # fmt: skip
        self.files[file_id] = {"object": obj, "content": content}
        return obj

    def uploaded_lines(self) -> list[dict]:
        """Every line of every uploaded batch input file, in upload order."""
        return [json.loads(line) for f in self.files.values() if f["object"]["purpose"] == "batch"
                for line in f["content"].decode("utf-8").splitlines() if line.strip()]  # fmt: skip

    # -- batches ------------------------------------------------------------------------------
    def _create(self, body: dict) -> _Response:
        if body.get("input_file_id") not in self.files:
            return _Response(400, _error_body(f"Invalid input_file_id {body.get('input_file_id')!r}", "invalid_request_error"))
        if body.get("endpoint") != "/v1/chat/completions" or body.get("completion_window") != "24h":
            return _Response(400, _error_body("endpoint and completion_window must be /v1/chat/completions and 24h", "invalid_request_error"))
        lines = self.files[body["input_file_id"]]["content"].decode("utf-8").splitlines()
        batch = {
            "id": self._new_id("batch"), "object": "batch", "endpoint": body["endpoint"], "errors": None,
            "input_file_id": body["input_file_id"], "completion_window": "24h", "status": "validating",
            "output_file_id": None, "error_file_id": None, "created_at": int(time.time()),
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0}, "metadata": body.get("metadata"),
        }  # fmt: skip
        batch["_plan"] = self._plans.popleft() if self._plans else Outcome()
        batch["_lines"] = [json.loads(line) for line in lines if line.strip()]
        batch["_polls"] = 0
        self.batches[batch["id"]] = batch
        return _Response(200, _public(batch))

    def _cancel(self, batch: dict) -> _Response:
        if batch["status"] in ("validating", "in_progress"):
            batch["status"] = "cancelling"
        return _Response(200, _public(batch))

    def _advance(self, batch: dict) -> dict:
        plan: Outcome = batch["_plan"]
        if batch["status"] == "cancelling":
            self._finish(batch, "cancelled", run=0)
        elif batch["status"] in ("validating", "in_progress"):
            batch["_polls"] += 1
            if batch["_polls"] <= plan.polls:
                batch["status"] = "in_progress"
                done = len(batch["_lines"]) * batch["_polls"] // (plan.polls + 1)
                batch["request_counts"]["completed"] = done
            elif plan.status == "failed":
                batch["status"] = "failed"
                batch["errors"] = {"object": "list", "data": [{"code": "invalid_request", "message": plan.failure, "line": 1}]}
            elif plan.status == "expired":
                self._finish(batch, "expired", run=plan.run if plan.run is not None else len(batch["_lines"]) // 2)
            else:
                self._finish(batch, "completed", run=len(batch["_lines"]))
        return _public(batch)

    def _finish(self, batch: dict, status: str, *, run: int) -> None:
        output, errors = [], []
        plan: Outcome = batch["_plan"]
        for number, line in enumerate(batch["_lines"][:run]):
            request_id = f"req-{batch['id']}-{number}"
            if number in plan.error_lines:
                errors.append({"id": request_id, "custom_id": line["custom_id"], "response": {"status_code": 500, "request_id": request_id,
                               "body": _error_body("The server had an error processing your request.", "server_error")}, "error": None})  # fmt: skip
                continue
            self.batch_bodies.append(line["body"])
            reply = self._chat(line["body"])
            entry = {"id": request_id, "custom_id": line["custom_id"],
                     "response": {"status_code": reply.status, "request_id": request_id, "body": reply.payload}, "error": None}  # fmt: skip
            (output if reply.status == 200 else errors).append(entry)
        counts = batch["request_counts"]
        counts["completed"], counts["failed"] = len(output), len(errors)
        if output:
            batch["output_file_id"] = self._store(_jsonl(output), f"{batch['id']}_output.jsonl", "batch_output")["id"]
        if errors:
            batch["error_file_id"] = self._store(_jsonl(errors), f"{batch['id']}_error.jsonl", "batch_output")["id"]
        batch["status"] = status


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _public(batch: dict) -> dict:
    return {key: value for key, value in batch.items() if not key.startswith("_")}

