"""The words and shared pieces of the rulebook documents (Markdown and Word), in the rulebook's language.

Documents are written in the rulebook's language (`zh` gets Chinese headings, a language without a
catalogue English); their words are the catalogue's `rulebook.doc.*` texts (assistant/core/locales/).
"""

from __future__ import annotations

from assistant.core.language import project_language
from assistant.core.messages import localize, normalize
from assistant.core.messages import text as message_text
from assistant.core.models import NEW_SOURCE, REQUEST_SAMPLE_SOURCE, Polarity, Provenance, RuleExample, RuleLabel, Rulebook
from assistant.core.words import words


def _change_line(rulebook: Rulebook, change: str) -> str:
    """A change-log line (stored in English) in the rulebook's language (docs/messages.md)."""
    return localize(change, project_language(rulebook), "note.")


def doc_language(rulebook: Rulebook) -> str:
    """The language of the documents: the rulebook's, when a catalogue has it (zh-CN -> zh), else English."""
    return normalize(rulebook.language)


def _t(rulebook: Rulebook) -> dict[str, str]:
    """The documents' words (catalogue ids rulebook.doc.*) in the rulebook's language, unformatted."""
    return words("rulebook.doc.", doc_language(rulebook))


def _positives(label: RuleLabel) -> list[RuleExample]:
    return [example for example in label.examples if example.polarity == Polarity.positive]


def _negatives(label: RuleLabel) -> list[RuleExample]:
    return [example for example in label.examples if example.polarity == Polarity.negative]


def _undefined(label: RuleLabel) -> bool:
    return label.needs_definition or not label.definition.strip()


def _source(source: str | None, t: dict[str, str]) -> str:
    if not source or source == NEW_SOURCE:
        return t["source_new"]
    if source == REQUEST_SAMPLE_SOURCE:
        return t["source_request"]
    return t["source_past"].format(source=source)


def _percent(value: float) -> str:
    shown = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{shown}%"


def _verdict(example: RuleExample, label: RuleLabel, t: dict[str, str]) -> str:
    if example.polarity == Polarity.positive:
        return t["is_label"].format(label=example.label)
    if example.correct_label:
        return t["not_label"].format(label=example.label, correct=example.correct_label)
    return t["not_label_unknown"].format(label=example.label)


def _spans(example: RuleExample, t: dict[str, str]) -> str:
    parts = []
    for span in example.spans:
        text = span.text if span.text else example.text[span.start : span.end]
        parts.append(f"{text} [{span.label}]")
    return t["list_sep"].join(parts)


def _task_line(rulebook: Rulebook, t: dict[str, str]) -> str:
    parts = [f"{t['task_type']}{t['colon']}{rulebook.task_type.value}", t["multi"] if rulebook.multi_label else t["single"]]
    if rulebook.ordinal:
        parts.append(t["ordinal"])
    return " · ".join(parts)


def _footer_parts(rulebook: Rulebook, t: dict[str, str]) -> list[str]:
    engine = f"{t['engine']} {rulebook.engine}"
    if rulebook.model:
        engine += f" · {t['model']} {rulebook.model}"
    if rulebook.prompt_version:
        engine += f" · {t['prompt']} {rulebook.prompt_version}"
    sources = t["list_sep"].join(rulebook.sources) if rulebook.sources else t["none"]
    tokens = (
        t["tokens_value"].format(count=rulebook.token_count) if rulebook.token_count is not None else t["not_measured"]
    )
    return [f"{t['generated']}{t['colon']}{engine}", f"{t['sources']}{t['colon']}{sources}", f"{t['tokens']}{t['colon']}{tokens}"]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"



def provenance_tag(provenance: Provenance, language: str) -> str:
    """Where a part comes from ("from the request", "from past project X, verify"), in the document's language."""
    tag = message_text(f"rulebook.provenance.{provenance.origin.value}", language, source=provenance.source)
    return message_text("rulebook.provenance.verify", language, tag=tag) if provenance.review else tag


def _origin(rulebook: Rulebook, part: str, t: dict[str, str]) -> str | None:
    provenance = rulebook.provenance.get(part)
    return provenance_tag(provenance, doc_language(rulebook)) if provenance else None


def _label_origin(rulebook: Rulebook, label: RuleLabel, t: dict[str, str]) -> str | None:
    language = doc_language(rulebook)
    parts = []
    if label.name_origin:
        parts.append(f"{t['label_origin']}{t['colon']}{provenance_tag(label.name_origin, language)}")
    if label.definition_origin:
        parts.append(f"{t['definition_origin']}{t['colon']}{provenance_tag(label.definition_origin, language)}")
    return t["list_sep"].join(parts) if parts else None
