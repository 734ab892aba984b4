"""Secrets never leave the process in clear.

A password inside any configured URL (`OPENAI_BASE_URL`, `RULEBOOK_CHROMA_URL`,
`RULEBOOK_DATABASE_URL`) and the API key are masked wherever text is shown: engine lines,
`doctor`, error messages, logs (a logging filter) and tracebacks (an excepthook), and the app.

`mask_url` hides the password of one URL; `mask_text` hides every configured secret (and any
`scheme://user:password@` it finds) inside any text.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import quote, unquote, urlsplit

if TYPE_CHECKING:
    from assistant.core.settings import Settings

MASK = "****"
URL_VARIABLES = ("OPENAI_BASE_URL", "RULEBOOK_OPENAI_BASE_URL", "RULEBOOK_CHROMA_URL", "RULEBOOK_DATABASE_URL")
KEY_VARIABLES = ("OPENAI_API_KEY", "RULEBOOK_OPENAI_API_KEY")
_SECRET_QUERY = re.compile(r"(?i)([?&](?:api[_-]?key|key|token|access_token|secret|password|pwd)=)[^&#\s]+")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^:/@\s]*):([^@/\s]+)@")


def mask_url(url: str) -> str:
    """Hide a password inside a URL (postgresql://user:secret@host/db → postgresql://user:****@host/db)."""
    if not url:
        return url
    masked = _USERINFO.sub(lambda match: f"{match.group(1)}:{MASK}@", url)
    return _SECRET_QUERY.sub(lambda match: match.group(1) + MASK, masked)


def host_of(url: str) -> str:
    """host[:port] of a URL, without any user name or password."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.hostname:
        return parts.hostname + (f":{port}" if port else "")
    return mask_url(url)


def _url_secrets(url: str | None) -> list[str]:
    if not url:
        return []
    found = []
    try:
        parts = urlsplit(url)
        if parts.password:
            found.append(parts.password)
    except ValueError:
        pass
    found.extend(match.group(2) for match in _USERINFO.finditer(url))
    found.extend(match.group(0).split("=", 1)[1] for match in _SECRET_QUERY.finditer(url))
    return found


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
        from assistant.core.settings import get_settings

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
        import traceback as tb

        if previous_hook is not sys.__excepthook__:
            return previous_hook(kind, error, traceback)
        sys.stderr.write(mask_text("".join(tb.format_exception(kind, error, traceback))))

    sys.excepthook = hook
