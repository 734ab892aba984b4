"""The words of one document or report: every catalogue text under an id prefix, in one language.

    words("rulebook.doc.", "zh")["colon"]   -> "："      (the text of rulebook.doc.colon in zh.yaml)

Texts come back unformatted (`{fields}` intact), so a writer fills them where it uses them. A language
without its own text for an id gets the English one (assistant/core/messages.py).
"""

from __future__ import annotations

from assistant.core.messages import FALLBACK, catalogues, normalize, template


def words(prefix: str, language: str | None) -> dict[str, str]:
    """Every text whose id starts with `prefix` (e.g. "training.pack."), keyed by the rest of the id."""
    if not prefix.endswith("."):
        raise ValueError(f"a words prefix ends with a dot, got {prefix!r}")
    language = normalize(language)
    return {key[len(prefix):]: template(key, language) for key in catalogues()[FALLBACK] if key.startswith(prefix)}
