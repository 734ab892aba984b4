"""Numbers as the batch report writes them (``12.5%``, ``+3 pts``) and the strict comparisons its flags use."""

from __future__ import annotations

from assistant.core.errors import InputError
from assistant.core.messages import FALLBACK, Message, languages, normalize

_EPS = 10  # decimals compared, so 0.1 computed as 0.10000000000000003 is not "beyond" 0.1


def _pct(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _pts(delta: float) -> str:
    text = f"{abs(delta) * 100:.1f}".rstrip("0").rstrip(".")
    return f"{'+' if delta >= 0 else '−'}{text}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _beyond(value: float, limit: float) -> bool:
    return round(value, _EPS) > round(limit, _EPS)


def _below(value: float, limit: float) -> bool:
    return round(value, _EPS) < round(limit, _EPS)



def _language(language: str | None) -> str:
    """The catalogue language a batch report or chart is written in; one clear line for a language without a catalogue."""
    code = normalize(language)
    if code == FALLBACK and not str(language or "").strip().lower().startswith(FALLBACK):
        raise InputError(Message("error.batch_format.unknown_language", languages=", ".join(languages()), language=repr(language)))
    return code
