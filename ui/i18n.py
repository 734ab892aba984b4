"""UI text in Chinese and English: every string is written in both, next to where it is used.

`t("English", "中文")` picks the one of the current UI language (session state `lang`, kept in
the `lang` query parameter too, so a reload keeps it).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "en"

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
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def is_zh() -> bool:
    return language() == "zh"


def t(en: str, zh: str, **values: Any) -> str:
    """The text in the UI language, with `{name}` fields filled in."""
    text = zh if is_zh() else en
    return text.format(**values) if values else text


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


# Notes and change-log lines the pipeline writes in English, shown in the UI language.
_NOTE_PATTERNS_ZH = [
    (r"^first draft$", "初稿"),
    (r"^initial breakdown$", "初始拆解"),
    (r"^new draft from the latest breakdown$", "根据最新拆解重新起草"),
    (r"^restored version (\d+)$", r"恢复第 \1 版"),
    (r"^answers: free-text answer$", "回答：自由文本"),
    (r"^answers: (.+)$", r"回答：\1"),
    (r"^accepted suggestion (\d+) of agreement round (\d+)$", r"采纳第 \2 轮一致性评估的第 \1 条建议"),
    (r"^merge (.+) into (.+)$", r"合并 \1 为 \2"),
    (r"^rename (.+) to (.+)$", r"把 \1 改名为 \2"),
    (r"^add a positive example to (.+)$", r"为 \1 新增正例"),
    (r"^add a negative example to (.+)$", r"为 \1 新增反例"),
    (r"^add edge case: (.+)$", r"新增边界情况：\1"),
    (r"^add label (.+)$", r"新增标签 \1"),
    (r"^define label (.+)$", r"定义标签 \1"),
    (r"^remove label (.+)$", r"删除标签 \1"),
    (r"^add criterion to (.+?): (.+)$", r"为 \1 新增判定标准：\2"),
    (r"^add counter cue to (.+?): (.+)$", r"为 \1 新增反例线索：\2"),
    (r"^First draft \(LLM (.+?), prompt (.+)\)$", r"初稿（大模型 \1，提示词 \2）"),
    (r"^demo rulebook$", "演示规则书"),
]


def localize_note(text: str | None) -> str:
    """A pipeline note or change-log line in the UI language (known English phrases translated, parts joined by '; ')."""
    import re

    value = text or ""
    if not is_zh():
        return value
    parts = []
    for part in value.split("; "):
        for pattern, replacement in _NOTE_PATTERNS_ZH:
            if re.match(pattern, part):
                part = re.sub(pattern, replacement, part)
                break
        parts.append(part)
    return "；".join(parts)


_RATIONALE_PATTERNS_ZH = [
    (r"^(\d+)% of the similarity-weighted votes of the (\d+) nearest rulebook examples are (.+) \(best similarity ([\d.]+)\)$",
     r"最相近的 \2 条规则书示例按相似度加权投票，\1% 投给「\3」（最高相似度 \4）"),
    (r"^no rulebook example is similar enough \(best similarity ([\d.]+) < ([\d.]+)\)$", r"没有足够相似的规则书示例（最高相似度 \1 < \2）"),
    (r"^the rulebook has no examples to compare with$", "规则书没有可比较的示例"),
    (r"^no span from the rulebook's examples occurs in the text$", "文本中没有出现规则书示例里的片段"),
    (r"^no span found$", "没有找到片段"),
    (r"^empty text$", "文本为空"),
]


def localize_rationale(text: str | None) -> str:
    """An offline pre-label rationale (written in English by the engine) in the UI language."""
    import re

    value = (text or "").strip()
    if not is_zh() or not value:
        return value
    below = re.match(r"^below min confidence ([\d.]+): best label (.+?) \(([\d.]+)\)\.\s*(.*)$", value, re.S)
    if below:
        rest = localize_rationale(below.group(4))
        return f"置信度低于 {below.group(1)}：最可能的标签「{below.group(2)}」（{below.group(3)}）。{rest}".strip()
    for pattern, replacement in _RATIONALE_PATTERNS_ZH:
        if re.match(pattern, value):
            return re.sub(pattern, replacement, value)
    return value
