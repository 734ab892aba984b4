"""A checklist of yes/no flags names the flags as the labels, never y and n (label_flag_lists.py)."""

from __future__ import annotations

import pytest

from assistant.breakdown.label_flag_lists import flag_list_candidates
from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Need to label screenshots of our app for accessibility issues. For each screenshot: does it have low contrast "
         "text (y/n), missing labels on buttons (y/n), text too small (y/n). 1200 screenshots.",
         ["low contrast text", "missing labels on buttons", "text too small"]),
        ("Check each listing photo: blurry? (yes/no); watermark? (yes/no); wrong product? (yes/no)", ["blurry", "watermark", "wrong product"]),
        ("每张商品图要看：是否有水印（是/否）、是否有文字遮挡（是/否）、是否模糊（是/否）。大概五千张。", ["水印", "文字遮挡", "模糊"]),
        ("每段录音听一下：有无杂音（有/无），有无串音（有/无）。", ["杂音", "串音"]),
    ],
)
def test_each_flag_of_a_checklist_is_a_label(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels
    assert found.quote in text


def test_one_flag_is_no_checklist() -> None:
    assert flag_list_candidates("Mark each email as spam (y/n). 3000 emails.") == []
    assert flag_list_candidates("Rate it 1-5 (5 best), and say if it is spam (y/n).") == []
