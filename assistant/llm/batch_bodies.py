"""Request bodies for requests sent another way (the Batch API: `assistant.prelabel.batch_jobs`),
built and read exactly as `ChatLLM.astructured` builds and reads them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from assistant.core.errors import ConfigurationError
from assistant.core.messages import Message
from assistant.llm.answers import M
from assistant.llm.methods import _request_kwargs, _schema_of
from assistant.llm.transport import _DirectChatCall, _is_openai, _read_completion
from assistant.llm.pii import Masking

if TYPE_CHECKING:
    from assistant.llm.chat import ChatLLM
    from assistant.llm.prompts import Prompt


class BatchBodies:
    """The Batch-API part of `ChatLLM` (a mixin: its state lives in ChatLLM's fields)."""

    chat: Any
    pii: Any
    _logprobs_refused: bool
    if TYPE_CHECKING:  # provided by ChatLLM's other parts (methods, answers, usage, chat)

        def _ways(self) -> list[tuple[str, str]]: ...
        def _messages_for(self, base: Any, method: str, variant: str, schema: dict[str, Any]) -> Any: ...
        def bound(self, step: str, max_tokens: int | None = None) -> int: ...
        def _masking(self) -> Any: ...
        def _read_answer(self, message: Any, output: Any) -> Any: ...
        def _finish_reason(self, message: Any) -> str | None: ...

    # -- offline requests (the Batch API: `assistant.prelabel.batch_jobs`) ----------------------------
    def request_body(
        self,
        prompt: "Prompt",
        variables: dict[str, Any],
        output: type[M],
        *,
        step: str,
        logprobs: bool = False,
        max_tokens: int | None = None,
        schema: dict[str, Any] | None = None,
        described_schema: dict[str, Any] | None = None,
        masking: Any = None,
    ) -> dict[str, Any]:
        """The JSON body `astructured` would POST first to /chat/completions for these arguments
        (same messages, structured-output method, schema, bound), for requests sent another way.
        With `masking` (from `new_masking`), personal data is masked exactly as `astructured` masks it;
        keep `masking.by_placeholder` to restore the answer (`read_body(..., masking=...)`)."""
        if not _is_openai(self.chat):
            raise ConfigurationError(Message("error.batch_bodies.not_openai"))
        method, variant = self._ways()[0]
        base = prompt.render(variables)
        if masking is not None:  # as astructured: the prompt first, then a schema listing item ids
            base = masking.messages(base)
            schema = masking.json(schema) if schema is not None else None
            described_schema = masking.json(described_schema) if described_schema is not None else None
        messages = self._messages_for(base, method, variant, described_schema or schema or _schema_of(output))
        if masking is not None:
            messages = masking.messages(messages)
        kwargs = _request_kwargs(output, method, variant, schema or _schema_of(output), logprobs and not self._logprobs_refused)
        return _DirectChatCall(cast("ChatLLM", self), kwargs)._payload(self.chat, messages, self.bound(step, max_tokens))

    def new_masking(self, placeholders: dict[str, str] | None = None) -> Any:
        """The masking of personal data for one request sent another way (Batch API), or None when
        masking is off; `placeholders` (a saved `by_placeholder`) rebuilds one to restore an answer."""
        if placeholders:  # restoring needs no detector, even if masking was switched off since

            return Masking(self.pii, by_placeholder=dict(placeholders))
        return self._masking()

    def read_body(
        self, body: dict[str, Any], output: type[M], masking: Any = None
    ) -> tuple[str, "M | Exception", list[Any] | None, str | None]:
        """A /chat/completions response body read as `astructured` reads it: the raw answer, the
        validated (and certainly repaired) value or the validation error, token log-probabilities
        and the finish reason. With `masking`, the value has the personal data restored."""
        message = _read_completion(json.dumps(body).encode("utf-8"))
        _, raw, value, _ = self._read_answer(message, output)
        if masking is not None and not isinstance(value, Exception):
            value = masking.restore_value(value)
        token_logprobs = message.response_metadata.get("logprobs")
        content = token_logprobs.get("content") if isinstance(token_logprobs, dict) else None
        return raw, value, content, self._finish_reason(message)
