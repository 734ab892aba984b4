"""The OpenAI Batch API over HTTP: upload a request file, create a batch, poll it, download results.

A thin layer over the `openai` client's `files` and `batches` resources, pointed at the configured
endpoint (OPENAI_BASE_URL / OPENAI_API_KEY). It knows nothing about pre-labeling: job state and the
mapping of results back to items live in `assistant.prelabel.batch_jobs`.

Batch objects are handed on as plain dicts (`model_dump()` of the client's objects), so the job state
can store them and tests can compare them. Errors become the project's typed errors, one line each.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from assistant.core.errors import ConfigurationError, LLMError
from assistant.core.messages import Message

if TYPE_CHECKING:
    from assistant.core.settings import Settings

ENDPOINT = "/v1/chat/completions"
COMPLETION_WINDOW = "24h"
TERMINAL = ("completed", "failed", "expired", "cancelled")
DEFAULT_POLL_SECONDS = 30.0
POLL_MISSES = 5  # failed checks of a batch in a row that a wait survives


def require_endpoint(settings: "Settings") -> None:
    """The Batch API needs an OpenAI-compatible endpoint; the offline engine has none."""
    if not settings.llm_configured:
        raise ConfigurationError(Message("error.batch_api.no_endpoint"))


@dataclass
class BatchProgress:
    """What a poll saw of a batch."""

    id: str
    status: str
    total: int = 0
    completed: int = 0
    failed: int = 0

    @classmethod
    def of(cls, batch: Mapping[str, Any]) -> "BatchProgress":
        counts = batch.get("request_counts") or {}
        return cls(
            id=str(batch.get("id")),
            status=str(batch.get("status")),
            total=int(counts.get("total") or 0),
            completed=int(counts.get("completed") or 0),
            failed=int(counts.get("failed") or 0),
        )


def request_line(custom_id: str, body: Mapping[str, Any]) -> str:
    """One line of a Batch API input file."""
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}, ensure_ascii=False)


def failure_message(batch: Mapping[str, Any]) -> str:
    """The server's reason(s) for a failed batch, as one line."""
    errors = batch.get("errors") or {}
    data = errors.get("data") if isinstance(errors, Mapping) else None
    reasons = []
    for entry in data or []:
        if isinstance(entry, Mapping):
            where = f" (line {entry['line']})" if entry.get("line") is not None else ""
            reasons.append(f"{entry.get('code') or 'error'}: {entry.get('message') or ''}{where}".strip())
    return "; ".join(reasons[:3]) or "the server gave no reason"


class BatchClient:
    """`/v1/files` and `/v1/batches` of the configured endpoint."""

    def __init__(self, settings: "Settings", *, client: Any = None) -> None:
        require_endpoint(settings)
        self.settings = settings
        self.host = settings.endpoint_host
        if client is None:
            import openai

            key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
            client = openai.OpenAI(
                api_key=key, base_url=settings.openai_base_url, timeout=max(settings.request_timeout, 60.0), max_retries=3
            )
        self.client = client

    def _call(self, what: Message, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        import openai

        try:
            return function(*args, **kwargs)
        except openai.APIStatusError as error:
            status = error.status_code
            hint: str | Message = ""
            if status == 404:
                hint = Message("error.batch_api.hint_no_batch_api")
            elif status in (401, 403):
                hint = Message("error.batch_api.hint_key")
            raise (ConfigurationError if status in (400, 401, 403, 404) else LLMError)(
                Message("error.batch_api.http_failed", host=self.host, what=what, status=status, reason=_message(error), hint=hint)
            ) from error
        except openai.APIError as error:
            raise LLMError(
                Message("error.batch_api.failed", host=self.host, what=what, kind=type(error).__name__, reason=str(error))
            ) from error

    # -- files --------------------------------------------------------------------------------
    def upload(self, data: "bytes | Iterable[str]", name: str = "requests.jsonl") -> str:
        """Upload a request file (its bytes, or its lines; purpose "batch"); returns the file id."""
        if not isinstance(data, bytes):
            data = "".join(line + "\n" for line in data).encode("utf-8")
        created = self._call(Message("error.batch_api.what.upload"), self.client.files.create, file=(name, data, "application/jsonl"), purpose="batch")
        return str(created.id)

    def content_lines(self, file_id: str | None) -> Iterator[dict[str, Any]]:
        """The JSON lines of a result file (output or error file); nothing for no file."""
        if not file_id:
            return iter(())
        response = self._call(Message("error.batch_api.what.download", file=file_id), self.client.files.content, file_id)
        text = response.text if hasattr(response, "text") else bytes(response.read()).decode("utf-8")
        return _json_lines(text, file_id)

    # -- batches ------------------------------------------------------------------------------
    def create(self, input_file_id: str, metadata: Mapping[str, str] | None = None) -> dict[str, Any]:
        batch = self._call(
            Message("error.batch_api.what.create"),
            self.client.batches.create,
            input_file_id=input_file_id,
            endpoint=ENDPOINT,
            completion_window=COMPLETION_WINDOW,
            metadata=dict(metadata or {}) or None,
        )
        return batch.model_dump()

    def find(self, input_file_id: str) -> dict[str, Any] | None:
        """A live batch already made from `input_file_id` (among the newest 100), or None; None too
        when the server cannot list batches (then a resumed job creates it)."""
        try:
            page = self.client.batches.list(limit=100)
            batches = list(getattr(page, "data", None) or [])
        except Exception:  # noqa: BLE001 - only a safeguard against creating a batch twice
            return None
        for batch in batches:
            if getattr(batch, "input_file_id", None) == input_file_id and batch.status not in ("failed", "expired", "cancelling", "cancelled"):
                return batch.model_dump()
        return None

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        return self._call(Message("error.batch_api.what.read", batch=batch_id), self.client.batches.retrieve, batch_id).model_dump()

    def cancel(self, batch_id: str) -> dict[str, Any]:
        return self._call(Message("error.batch_api.what.cancel", batch=batch_id), self.client.batches.cancel, batch_id).model_dump()

    def wait(
        self,
        batch_id: str,
        *,
        interval: float = DEFAULT_POLL_SECONDS,
        on_progress: Callable[[BatchProgress], None] | None = None,
        sleep: Callable[[float], Any] = time.sleep,
    ) -> dict[str, Any]:
        """Poll until the batch is completed, failed, expired or cancelled; reports each change."""
        last: tuple[str, int, int] | None = None
        misses = 0
        while True:
            try:
                batch = self.retrieve(batch_id)
                misses = 0
            except LLMError:  # a network blip during a long wait; ConfigurationError (4xx) is raised at once
                misses += 1
                if misses > POLL_MISSES:
                    raise
                sleep(max(interval, 1.0))
                continue
            progress = BatchProgress.of(batch)
            seen = (progress.status, progress.completed, progress.failed)
            if on_progress is not None and seen != last:
                on_progress(progress)
            last = seen
            if progress.status in TERMINAL:
                return batch
            sleep(interval)


def _message(error: Any) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, Mapping):
        error_part = body.get("error")
        inner = error_part if isinstance(error_part, Mapping) else body
        if inner.get("message"):
            return str(inner["message"])[:300]
    return str(getattr(error, "message", error))[:300]


def _json_lines(text: str, file_id: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as error:
            raise LLMError(Message("error.batch_api.result_not_json", file=file_id, line=number, reason=str(error))) from error
        if isinstance(value, dict):
            yield value
