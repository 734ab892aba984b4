"""URLs as they may be shown: the password and secret query values of a URL hidden, its host alone.

Standard library only, so the settings (which show their endpoints) and the secret masking (which reads
the settings) both import it without importing each other.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MASK = "****"
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
