"""Stored message references: a note or verdict kept as its catalogue id and values, rendered at display time.

A record (a QA verdict, an agreement report, a batch note, a plan input) keeps what it says as
references, `{"id": ..., "values": {...}}`, and renders them in any catalogue language when shown:

    ref = dump(Message("batches.note.unlabeled", count=3, field="label"))
    load(ref).render("zh")                      # the note in Chinese; in any language with a catalogue

Values keep their kind: a nested message is a reference, an `Items` list is `{"items": [...], "plain": …,
"separator": …}`, a metric explanation is `{"explanation": english}`. A note that has no catalogue id (a
text some other reader wrote) is `{"text": ...}` and shows as written.

Records written before references existed carry an English text and a Chinese twin (`notes`,
`notes_zh`); :func:`texts_in` shows those: the stored text in English and Chinese, and in another
language the English text read back with :func:`assistant.core.messages.parse` when it is a catalogue text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assistant.core.messages import FALLBACK, Message, from_dict, languages, normalize, parse
from evaluation.explain import Explanation

__all__ = ["Rendered", "Written", "absorb_twins", "dump", "dump_all", "english", "legacy_text", "load", "render_all", "rendered", "texts_in"]


class Written(Message):
    """A text without a catalogue id: shown as written, or as written in `language` when `texts` has it."""

    def __init__(self, written: str, texts: dict[str, str] | None = None) -> None:
        super().__init__("list.separator")
        self.written = written
        self.texts = dict(texts or {})

    def render(self, language: str | None = None) -> str:
        return self.texts.get(normalize(language)) or self.written

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.written, **({"texts": self.texts} if self.texts else {})}


class Rendered(Message):
    """A text another module renders per language (e.g. a Label Studio import's notes): stored as its
    text in every catalogue language there is when it is stored."""

    def __init__(self, render: Callable[[str | None], str]) -> None:
        super().__init__("list.separator")
        self._render = render

    def render(self, language: str | None = None) -> str:
        return self._render(language)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.render(FALLBACK), "texts": {code: self.render(code) for code in languages()}}


def rendered(texts_in: Callable[[str | None], Sequence[str]], count: int) -> list[Message]:
    """`count` texts that `texts_in(language)` gives in any language, as messages."""
    def nth(i: int) -> Callable[[str | None], str]:
        return lambda language: texts_in(language)[i]

    return [Rendered(nth(i)) for i in range(count)]


def dump(message: Message) -> dict[str, Any]:
    """A message as a JSON-ready reference (see the module docstring): `Message.to_dict`, which each kind
    of message (a catalogue message, `Written`, `Rendered`, a metric `Explanation`) writes its own way."""
    return message.to_dict()


def dump_all(messages: Iterable[Message]) -> list[dict[str, Any]]:
    return [dump(message) for message in messages]


# a nested value is a reference when it has one of these keys
_KEYS = ("id", "explanation", "text")


def load(ref: dict[str, Any]) -> Message:
    """The message of a stored reference."""
    if "explanation" in ref:
        return Explanation(str(ref["explanation"]))
    if ref.get("id") is None:
        return Written(str(ref.get("text") or ""), ref.get("texts"))
    return from_dict(ref, load, _KEYS)


def render_all(refs: Sequence[dict[str, Any]], language: str | None) -> list[str]:
    return [load(ref).render(language) for ref in refs]


def english(refs: Sequence[dict[str, Any]]) -> list[str]:
    return render_all(refs, FALLBACK)


def legacy_text(english_text: str, chinese: str | None, language: str | None, prefix: str) -> str:
    """A text of an older record (stored English and Chinese, no reference) in `language`."""
    code = normalize(language)
    if code == FALLBACK or not english_text:
        return english_text
    if code == "zh" and chinese:
        return chinese
    message = parse(english_text, prefix)
    return message.render(language) if message is not None else (chinese if code == "zh" and chinese else english_text)


def texts_in(
    refs: Sequence[dict[str, Any]],
    language: str | None,
    *,
    english_texts: Sequence[str] = (),
    chinese: Sequence[str] | None = None,
    prefix: str = "",
) -> list[str]:
    """Texts in `language`: rendered from `refs`; an older record without refs shows its stored texts
    (English, its Chinese twin in Chinese, other languages recovered from the English through the catalogue)."""
    if refs:
        return render_all(refs, language)
    zh = list(chinese or [])
    return [
        legacy_text(text, zh[i] if i < len(zh) else None, language, prefix)
        for i, text in enumerate(english_texts)
    ]


# (field of the references, field of the English text, key of the Chinese twin older records carry, a list?)
Twin = tuple[str, str, str, bool]


def absorb_twins(data: Any, twins: Sequence[Twin]) -> Any:
    """For a model's `mode="before"` validator: the English texts are rendered from the references; the
    Chinese twins (`*_zh`, output computed from the references) are dropped, or kept aside under
    `legacy_zh` when an older record has no reference."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    legacy = dict(data.get("legacy_zh") or {})
    for ref_field, en_field, zh_field, many in twins:
        zh = data.pop(zh_field, None)
        refs = data.get(ref_field)
        if refs:
            data[en_field] = english(refs) if many else load(refs).render(FALLBACK)
        elif zh is not None:
            legacy[zh_field] = zh
    if legacy:
        data["legacy_zh"] = legacy
    return data
