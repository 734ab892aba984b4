"""Secrets never leave the process in clear.

A password inside any configured URL (`OPENAI_BASE_URL`, `RULEBOOK_CHROMA_URL`,
`RULEBOOK_DATABASE_URL`) and the API key are masked wherever text is shown: engine lines,
`doctor`, error messages, logs (a logging filter) and tracebacks (an excepthook), and the app.

`mask_url` hides the password of one URL; `mask_text` hides every configured secret (and any
`scheme://user:password@` it finds) inside any text.
"""

from __future__ import annotations

import traceback as tb

import logging
import os
import sys
from typing import Any, Iterable
from urllib.parse import quote, unquote

from assistant.core.settings import Settings, get_settings
from assistant.core.urls import MASK, _url_secrets, host_of, mask_url

__all__ = ["MASK", "host_of", "install", "known_secrets", "mask_text", "mask_url"]

URL_VARIABLES = ("OPENAI_BASE_URL", "RULEBOOK_OPENAI_BASE_URL", "RULEBOOK_CHROMA_URL", "RULEBOOK_DATABASE_URL")
KEY_VARIABLES = ("OPENAI_API_KEY", "RULEBOOK_OPENAI_API_KEY")


def known_secrets(settings: "Settings | None" = None) -> list[str]:
    """Every secret value configured (environment and settings), with its URL-encoded/decoded forms."""
    raw: list[str] = []
    for name in URL_VARIABLES:
        raw.extend(_url_secrets(os.environ.get(name)))
    for name in KEY_VARIABLES:
        if os.environ.get(name, "").strip():
            raw.append(os.environ[name].strip())
    if settings is not None:
        for url in (settings.openai_base_url, settings.chroma_url, settings.database_url):
            raw.extend(_url_secrets(url))
        if settings.openai_api_key is not None:
            raw.append(settings.openai_api_key.get_secret_value())
    values: set[str] = set()
    for secret in raw:
        if len(secret) >= 3:  # masking 1-2 characters everywhere would garble text and hide nothing
            values.update({secret, unquote(secret), quote(secret, safe="")})
    return sorted(values, key=len, reverse=True)


def _current_settings() -> "Settings | None":
    try:
        return get_settings()
    except Exception:  # noqa: BLE001 - masking must work even when the settings are invalid
        return None


def mask_text(text: Any, settings: "Settings | None" = None, secrets: Iterable[str] | None = None) -> str:
    """`text` with every configured secret and every URL password replaced by ****."""
    value = "" if text is None else str(text)
    for secret in secrets if secrets is not None else known_secrets(settings or _current_settings()):
        if secret and secret in value:
            value = value.replace(secret, MASK)
    return mask_url(value)


def _mask_record(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string is logged as it is
        return record
    masked = mask_text(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        record.exc_text = mask_text(logging.Formatter().formatException(record.exc_info))
    return record


_installed = False


def install() -> None:
    """Mask secrets in every log record (whatever handler prints it) and in uncaught tracebacks."""
    global _installed
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return _mask_record(make_record(*args, **kwargs))

    logging.setLogRecordFactory(masked_record)
    previous_hook = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, traceback: Any) -> None:

        if previous_hook is not sys.__excepthook__:
            return previous_hook(kind, error, traceback)
        sys.stderr.write(mask_text("".join(tb.format_exception(kind, error, traceback))))

    sys.excepthook = hook
