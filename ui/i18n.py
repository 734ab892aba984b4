"""UI text from the message catalogue (assistant/core/locales/<language>.yaml, docs/messages.md).

`t("ui.page.message_id", **values)` is the text of the current UI language (session state `lang`,
kept in the `lang` query parameter too, so a reload keeps it), English when that catalogue lacks it.
The older form `t("English", "中文")` still works until tools/extract_messages.py converts it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.core import messages

DEFAULT_LANGUAGE = "en"


def languages() -> dict[str, str]:
    """Every language with a catalogue, Chinese and English first: code -> its own name (id `language.name`)."""
    codes = sorted(messages.languages(), key=lambda code: (code not in ("zh", "en"), code != "zh", code))
    return {code: messages.text("language.name", code) for code in codes}


LANGUAGES = languages()

STATUS_NAMES = {
    "stated": ("stated", "需求明确"),
    "inferred": ("inferred", "推断"),
    "from_past_project": ("past project", "参考历史项目"),
    "missing": ("missing", "缺失"),
}
STATUS_COLORS = {"stated": "green", "inferred": "blue", "from_past_project": "violet", "missing": "orange"}

LIFECYCLE = ("submitted", "breakdown", "rulebook", "trial", "production", "delivered")
LIFECYCLE_NAMES = {
    "submitted": ("submitted", "已提交"),
    "breakdown": ("breakdown", "需求拆解"),
    "rulebook": ("rulebook", "规则书"),
    "trial": ("trial round", "试标"),
    "production": ("production", "正式标注"),
    "delivered": ("delivered", "已交付"),
}
LIFECYCLE_COLORS = {
    "submitted": "gray",
    "breakdown": "blue",
    "rulebook": "violet",
    "trial": "orange",
    "production": "green",
    "delivered": "green",
}


def language() -> str:
    value = st.session_state.get("lang")
    return value if value in languages() else DEFAULT_LANGUAGE


def is_zh() -> bool:
    return language() == "zh"


def t(message_id: str, zh: str | None = None, /, **values: Any) -> str:
    """The catalogue text `message_id` in the UI language, with `{name}` fields filled in.

    `t("English", "中文")` (two texts instead of an id) is the form tools/extract_messages.py converts.
    """
    if zh is not None:
        text = zh if is_zh() else message_id
        return text.format(**values) if values else text
    return messages.text(message_id, language(), **values)


def pick(pair: tuple[str, str]) -> str:
    return pair[1] if is_zh() else pair[0]


def status_name(status: str) -> str:
    return pick(STATUS_NAMES.get(status, (status, status)))


def lifecycle_name(status: str) -> str:
    return pick(LIFECYCLE_NAMES.get(status, (status, status)))


TASK_TYPE_NAMES = {
    "sentiment": ("sentiment", "情感/情绪"),
    "intent_classification": ("intent classification", "意图分类"),
    "topic_classification": ("topic classification", "主题分类"),
    "content_safety": ("content safety", "内容安全"),
    "ner": ("named entities (NER)", "命名实体识别"),
    "search_relevance": ("search relevance", "搜索相关性"),
    "response_preference": ("response preference", "回答偏好"),
    "summarization_quality": ("summary quality", "摘要质量"),
    "image_description": ("image description", "图片描述"),
    "other": ("other", "其他"),
}
KIND_NAMES = {"project": ("project", "项目"), "rule": ("rule", "规则"), "example": ("example", "示例")}
LANGUAGE_NAMES = {"zh": ("Chinese", "中文"), "en": ("English", "英文"), "mixed": ("mixed", "中英混合")}


def task_type_name(value: str) -> str:
    return pick(TASK_TYPE_NAMES.get(value, (value, value)))


def localize_note(text: str | None, language_: str | None = None) -> str:
    """A pipeline note or change-log line (stored in English) in `language_` (default: the UI language):
    each '; '-separated part that is a catalogue `note.*` text is rendered in that language."""
    return messages.localize(text, language_ or language(), "note.")


def localize_rationale(text: str | None, language_: str | None = None) -> str:
    """An offline pre-label rationale in `language_` (default: the UI language). New rationales are written
    in the project's language already; older ones were written in English and are rendered here."""
    value = (text or "").strip()
    message = messages.parse(value, "rationale.") or messages.parse(value + " \0", "rationale.")  # an empty tail
    if message is not None and message.values.get("rationale") == "\0":
        message.values["rationale"] = ""
    if message is not None and "rationale" in message.values:
        message.values["rationale"] = localize_rationale(message.values["rationale"], language_)
    return message.render(language_ or language()) if message is not None else value
