"""Things to take out named between 把 and 出来, and check marks given as codes (written fresh, not from a dev set).

- `把里面的 姓名、学校、专业 抽出来`, `把每张发票的开票日期、金额和税号都找出来`: the fields, without the owner before 的;
- `对的画√，错的画×`, `mark ✔ if it matches and ✘ if not`: the marks are the labels;
- prose between 把 and 出来 that is no list, and a size written 3×4, are not read.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    pytest.param("麻烦把简历里的 姓名、学校、专业、工作年限 抽出来，一共800份。", ["姓名", "学校", "专业", "工作年限"], id="zh-ba-resume"),
    pytest.param("把每张发票的开票日期、金额和税号都找出来，大概两千张。", ["开票日期", "金额", "税号"], id="zh-ba-invoice"),
    pytest.param("病历里要把 药名、剂量、频次、给药途径 标出来，先做三百份。", ["药名", "剂量", "频次", "给药途径"], id="zh-ba-medical"),
    pytest.param("每道题老师批改：答对的画√，答错的画×，一共两千份作业。", ["√", "×"], id="zh-marks-homework"),
    pytest.param("质检员看图核对描述，没问题的打✓，有问题的打✗，大概三千张。", ["✓", "✗"], id="zh-marks-qc"),
    pytest.param("Reviewers check each caption against the photo: mark ✔ if it matches and ✘ if anything is wrong. 3,000 photos.", ["✔", "✘"], id="en-marks-captions"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_fields_and_marks_read(text: str, expected: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == expected


def test_steps_between_ba_and_chulai_are_no_fields() -> None:
    found = find_labels("我们想先把流程理顺，把数据收集这一步先做出来，再谈标注的事。")
    assert found is None


def test_a_size_is_no_mark() -> None:
    found = find_labels("照片里的纸箱尺寸一般是30×40厘米，请标出箱子的位置，打✓表示箱子完整。")
    assert found is None or "×" not in found.labels
