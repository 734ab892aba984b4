"""Every point of a scale given a name ("3=完全匹配 2=相关 1=弱相关 0=不相关"): the names are the labels (written fresh).

Where only some points are named ("1 = furious, 3 = meh, 5 = delighted"), or the range is stated just before the names
("grade each pair 0-3: 0 = irrelevant, …"), or a score is asked for ("评分标准：5分=非常好", "Rate …: 1 = very unsure"), the numbers stay the labels.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    pytest.param("档位：3=非常有用（能直接解决问题）2=有点用 1=没用 0=有害。共四千条。", ["非常有用", "有点用", "没用", "有害"], id="zh-descending"),
    pytest.param("每个回答判断对错程度：1=完全错误，2=部分正确，3=完全正确。大概两千个。", ["完全错误", "部分正确", "完全正确"], id="zh-ascending"),
    pytest.param("Judge each pair: 2 = relevant, 1 = partly relevant, 0 = off-topic. About 6k pairs.", ["relevant", "partly relevant", "off-topic"], id="en-descending"),
    pytest.param("Grades:\n0: unusable\n1: needs edits\n2: publishable\nabout 900 drafts", ["unusable", "needs edits", "publishable"], id="en-lines"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_named_points_are_labels(text: str, expected: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == expected
    assert found.ordinal


def test_some_points_named_keep_the_numbers() -> None:
    found = find_labels("on a 1 to 5 scale, 1 = furious, 3 = meh, 5 = delighted. 2000 reviews")
    assert found is not None and found.labels == ["1", "2", "3", "4", "5"]


def test_a_score_asked_for_keeps_the_numbers() -> None:
    found = find_labels("Please score each reply: 0 = rude, 1 = neutral, 2 = friendly. 1,500 replies.")
    assert found is not None and found.labels == ["0", "1", "2"]


def test_a_stated_range_keeps_the_numbers() -> None:
    found = find_labels("grade each answer 0-2: 0 = wrong, 1 = partly right, 2 = right. about 3k answers")
    assert found is not None and found.labels == ["0", "1", "2"]


def test_numbered_fields_are_no_scale() -> None:
    found = find_labels("表格列：1=姓名 2=电话 5=地址，请帮我们录入两千份。")
    assert found is None or found.labels != ["姓名", "电话", "地址"]
