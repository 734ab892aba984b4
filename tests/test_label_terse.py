"""Label lists typed the way busy people type on a phone (label_terse.py and the pipe list in label_grammar.py), on
sentences written for these tests (no development set's), with near-misses that must not be read."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("gym reviews on google, pls check: genuine? fake? or competitor trolling. ~3k reviews", ["genuine", "fake", "competitor trolling"]),
        ("AI replies to tenants, need QA: helpful? wrong info? rude tone?\n900 replies by Fri", ["helpful", "wrong info", "rude tone"]),
        ("二手群聊天记录帮看：是不是骗子？是不是广告？还是正常交易？\n大概五千条", ["骗子", "广告", "正常交易"]),
    ],
)
def test_a_run_of_short_questions_is_the_option_list(text, labels):
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "quick q: can you start monday? what would it cost? we have 2k tickets",  # questions to us, not options
        "客服录音帮看：是否辱骂？是否承诺退款？",  # two flags of their own, no 还是 or 三选一
        "pls check: toxic? spam?",  # two flags, no "or"
    ],
)
def test_questions_that_are_not_a_choice_are_not_a_run_of_options(text):
    labels = _labels(text)
    assert labels not in (["start monday", "it cost"], ["辱骂", "承诺退款"], ["toxic", "spam"])


def test_a_kind_set_apart_and_counted_in_joins_the_list():
    text = "客服工单帮看：是不是催单？是不是退款？还是咨询？三选一\n另外投诉骑手的也单独拎出来吧，那就四个"
    assert _labels(text) == ["催单", "退款", "咨询", "投诉骑手"]


def test_a_kind_set_apart_without_the_count_is_not_added():
    text = "评论分成 表扬、投诉、建议 三类，另外带图的也单独挑出来。"
    assert _labels(text) == ["表扬", "投诉", "建议"]


def test_a_slash_between_bars_joins_two_names_of_one_label():
    assert _labels("按部门分：财务｜人事｜行政/后勤｜其他") == ["财务", "人事", "行政/后勤", "其他"]


def test_a_count_after_a_bracketed_note_closes_a_slash_run():
    assert _labels("抽检AI写的周报：准确 / 漏写 / 乱写(没做过的事) 三档") == ["准确", "漏写", "乱写"]


def test_an_arrow_after_the_framing_words_opens_the_list_and_orders_nothing():
    found = find_labels("cafe feedback cards, pls sort by topic -> coffee, food, staff, prices, other")
    assert found is not None and found.labels == ["coffee", "food", "staff", "prices", "other"] and not found.ordinal


def test_an_arrow_between_items_still_orders_them():
    found = find_labels("rate each reply: bad -> ok -> good -> great")
    assert found is not None and found.ordinal


def test_a_yes_no_and_the_kinds_of_no_are_all_labels():
    found = find_labels("check each AI caption vs the photo: correct Y/N, and if N -> wrong object / wrong colour / made-up text. 800 photos")
    assert found is not None and found.labels == ["Y", "N", "wrong object", "wrong colour", "made-up text"] and not found.ordinal


def test_a_yes_no_with_no_kinds_after_it_stays_two_labels():
    assert _labels("Is the address complete yes/no. If no, we will call the customer ourselves.") == ["yes", "no"]


def test_a_borderline_case_asked_after_the_list_is_not_a_label():
    text = "外卖评论要过一遍：辱骂、广告、刷单返现算不算违规？其余算正常。"
    assert _labels(text) == ["辱骂", "广告", "正常"]


def test_a_lone_question_whether_something_counts_is_not_a_list():
    assert _labels("帮看评论：这种阴阳怪气的算不算违规？") != ["阴阳怪气的"]


def test_fields_asked_as_a_question_after_the_verdicts_join_them():
    text = "clinic calls get AI notes. can ur team go thru & tell us good/bad + what the patient's callback number & preferred day is?? ~600"
    assert _labels(text) == ["good", "bad", "callback number", "preferred day"]


def test_a_question_about_something_else_after_the_verdicts_adds_nothing():
    assert _labels("clinic calls get AI notes. can ur team go thru & tell us good/bad + what the turnaround is?? ~600") == ["good", "bad"]


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("每条搜索结果标一下：匹配 / 一般 / 不匹配", True),  # a word, its denial and a middle grade
        ("每条线索标：是 / 可能是 / 不是", True),
        ("两条记录标：重复 / 不重复 / 不确定", False),  # "unsure" is no grade between them
    ],
)
def test_a_word_its_denial_and_a_middle_grade_are_a_scale(text, ordinal):
    found = find_labels(text)
    assert found is not None and found.ordinal is ordinal
