"""A choice asked of every item, in Chinese (requests written for these checks, not from a dev set).

- `每封邮件是询价、下单还是退货` with no question mark: the options of the choice;
- `分一下：是想退货、换尺码，还是问发货时间？`: a sorting verb and its colon, then the question, its last option after a comma;
- `另外催单也单独一类`: one more kind set apart, without the 另外 / 还有 that opens the clause.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("外贸公司的客户邮件，帮我看看每封邮件是询价、下单还是退货，月底要，三千封左右。", ["询价", "下单", "退货"]),
        ("驾校想知道每条学员反馈是表扬、建议还是投诉，再按教练汇总一下。", ["表扬", "建议", "投诉"]),
        ("网店的顾客留言帮忙分一下：是想退货、换尺码，还是问发货时间？另外催单也单独一类。大概一千条。", ["退货", "换尺码", "问发货时间", "催单"]),
        ("物业的来电记录想分一下：是报修、缴费，还是投诉？两千来条，下周五前。", ["报修", "缴费", "投诉"]),
    ],
)
def test_choice_asked_of_each_item(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


@pytest.mark.parametrize(
    "text",
    [
        "每条都是一两句话，有时是语音转文字还是手写的也说不准，大概五百条，帮忙看看情绪。",
    ],
)
def test_a_description_of_the_items_is_no_choice(text: str) -> None:
    found = find_labels(text)
    assert found is None or "手写" not in " ".join(found.labels)
