"""Two Chinese shapes beside a list (label_zh._AND_REST, label_option_runs.add_second_set_zh), on sentences written for
these tests: "…这几样，还有问别的" adds the catch-all 别的; "另外标一下有没有提到A/B（有/没有）" adds the flag's answers, not
A and B."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("健身房前台的微信消息，会员问的主要是办卡、续卡、私教课、停卡这几样，还有问别的，大概三千条。", ["办卡", "续卡", "私教课", "停卡", "别的"]),
        ("客服消息分成物流、退款、质量这几类，还有别的。", ["物流", "退款", "质量", "别的"]),
        ("客服消息分成物流、退款、质量，还有其他。", ["物流", "退款", "质量", "其他"]),
    ],
)
def test_the_rest_said_after_a_closed_list_joins_it(text, labels):
    assert _labels(text) == labels


def test_a_question_after_the_list_adds_no_rest():
    assert _labels("客服消息分成物流、退款、质量三类。还有别的事吗？") == ["物流", "退款", "质量"]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("请给这些客服回复打分，1-3分，另外标一下有没有提到退款/补偿（有/没有）。大概两千条。", ["1", "2", "3", "有", "没有"]),
        ("请给这些客服回复打分，1-3分，另外标一下是不是涉及投诉/纠纷（是/否）。", ["1", "2", "3", "是", "否"]),
    ],
)
def test_a_yes_no_flag_gives_its_answers_not_what_it_asks_about(text, labels):
    assert _labels(text) == labels


def test_a_second_slashed_set_without_a_flag_still_joins():
    assert _labels("请给这些客服回复打分，1-3分，另外按问题类型分：物流/退款。") == ["1", "2", "3", "物流", "退款"]
