"""The usual names of the columns people give their files, in Chinese and English.

A file made by hand rarely calls its columns ``id``, ``text``, ``label`` and ``annotator``. When
the expected column is missing, :func:`find_column` looks for one of its usual names (序号, 编号,
文本, 留言内容, 标注结果, 标签, 标注员 …; for a preference file 问题/回答A/回答B, question/response_a …); callers report the column they used.
"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["COLUMN_SYNONYMS", "find_column"]

COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ID", "Id", "item_id", "序号", "编号", "样本id", "样本ID", "数据id", "数据ID", "题号", "No.", "no"),
    "label": ("label", "Label", "标注结果", "标签", "标注", "类别", "分类", "结果", "answer", "category", "labels"),
    "text": ("text", "Text", "文本", "内容", "句子", "原文", "正文", "对话内容", "留言内容", "评论", "content", "sentence"),
    "annotator": ("annotator", "Annotator", "标注员", "标注人", "标注者", "标注人员", "labeler", "rater"),
    # a preference task's three fields (matched ignoring case, spaces, "_" and "-")
    "prompt": ("prompt", "question", "query", "instruction", "input", "问题", "提问", "指令", "题目", "用户问题"),
    "answer_a": ("answer_a", "response_a", "completion_a", "output_a", "回答A", "答案A", "回复A", "回答1", "答案1", "回复1"),
    "answer_b": ("answer_b", "response_b", "completion_b", "output_b", "回答B", "答案B", "回复B", "回答2", "答案2", "回复2"),
}
_LOOSE_ROLES = ("prompt", "answer_a", "answer_b")
_TEXT_ENDINGS = re.compile(r"(?:内容|文本|正文|原文)$")


def find_column(present: Iterable[str], role: str) -> str | None:
    """The first column of ``present`` that is a usual name for ``role`` (id, label, text, annotator)."""
    columns = list(present)
    for name in COLUMN_SYNONYMS.get(role, ()):
        if name in columns:
            return name
    if role in _LOOSE_ROLES:
        loose = {_loose(name) for name in COLUMN_SYNONYMS[role]}
        for column in columns:
            if _loose(str(column)) in loose:
                return column
    if role == "text":
        endings = [c for c in columns if _TEXT_ENDINGS.search(str(c))]
        if len(endings) == 1:
            return endings[0]
    return None


def _loose(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).casefold()
