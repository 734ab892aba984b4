"""Label shapes of practitioners' requests (set 17/18 round two), with sentences of our own.

- numbered points with names under a grade asked for ("graded usefulness:\\n 0 = useless …") or after their stated range
  ("评分 1-3：1 差 / 2 中 / 3 好"): the numbers are the labels (other dev sets' golds read "0-3: 0 = …" so);
  "档位：0 无用 / 1 有用 …" keeps the names;
- backticked codes joined by "plus" with a trailing explanation ("plus `spam_bot` for automated posts"): the code;
- a flag written as code after a scale ("- flag `pii_leak` if …"): one more label;
- a name taken back as code ("actually drop `store_id`"): gone;
- single letters spelling the grid's name ("GSB评测 … 标 G / S / B"): the letters, with the score asked beside them;
- dimension lines ("维度1 …：a / b / c\\n维度2 …：打分 1-3"): every line's options, in line order;
- "maybe a 1-5 \\"x\\" score" after a list: a second set, the list first.
- "pick for each: A better, B better, or about the same": a capital A beside "B …" is a side, no article.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("We need graded usefulness for each tip:\n  0 = useless\n  1 = marginal\n  2 = useful\n  3 = essential\n\n500 tips.", ["0", "1", "2", "3"], id="graded-lines"),
        pytest.param("每条回复评分 1-3：1 差 / 2 中 / 3 好\n共两千条", ["1", "2", "3"], id="zh-scored-points"),
        pytest.param("标注档位：0 无用 / 1 有点用 / 2 有用 / 3 非常有用\n共两千条", ["无用", "有点用", "有用", "非常有用"], id="zh-levels-keep-names"),
    ],
)
def test_numbered_points(text: str, expected: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == expected and found.ordinal


def test_backticked_code_after_plus_keeps_only_the_code() -> None:
    found = find_labels("Labels: `praise`, `complaint`, `question`, plus `spam_bot` for automated posts (link farms, giveaways).\n1k posts.")
    assert found is not None and found.labels == ["praise", "complaint", "question", "spam_bot"]


def test_a_flag_in_code_after_a_scale_is_one_more_label() -> None:
    text = "For each call summary:\n- accuracy 1-4\n- tone 1-4\n- flag `pii_leak` if the summary repeats a card number\n\n300 summaries."
    found = find_labels(text)
    assert found is not None and found.labels == ["1", "2", "3", "4", "pii_leak"]


def test_a_code_taken_back_leaves_the_list() -> None:
    text = "Fields to extract: `order_id`, `sku`, `qty`, `store_id`\nedit: actually drop `store_id`, the POS logs it.\n1,000 receipts."
    found = find_labels(text)
    assert found is not None and found.labels == ["order_id", "sku", "qty"]


def test_letters_that_spell_the_grid_name_are_the_options() -> None:
    text = "GSB评测：旧版 vs 新版翻译。每条给原文 + 两个译文，标 G / S / B（以新版视角）。\n另外每个译文单独打 1-3 分。\n共 600 条。"
    found = find_labels(text)
    assert found is not None and found.labels == ["G", "S", "B", "1", "2", "3"]


def test_dimension_lines_give_every_line_options() -> None:
    text = "需要人工评审稿质量：\n维度1 准确性：准确 / 小错 / 大错\n维度2 可读性：打分 1-3\n共 900 篇。"
    found = find_labels(text)
    assert found is not None and found.labels == ["准确", "小错", "大错", "1", "2", "3"]


def test_numbered_dimension_lines_with_a_free_text_line() -> None:
    text = "每段对话要标：\n1. 整体 1-4 分\n2. 问题类型：答非所问 / 啰嗦 / 其他\n3. 顺手写一句原因\n先做三百段。"
    found = find_labels(text)
    assert found is not None and found.labels == ["1", "2", "3", "4", "答非所问", "啰嗦", "其他"]


def test_a_maybe_score_after_a_list_is_a_second_set() -> None:
    text = "Pages come from forum dumps, already cleaned and split.\nIdea: label each page ok / drop_spam / drop_offtopic\nand maybe a 1-3 \"helpfulness\" score too.\nPilot: 150 pages."
    found = find_labels(text)
    assert found is not None and found.labels == ["ok", "drop_spam", "drop_offtopic", "1", "2", "3"]


def test_a_capital_a_beside_b_names_a_side() -> None:
    text = "For 250 prompts we have a reply from model A and one from model B. Please pick for each: A clearer, B clearer, or no difference."
    found = find_labels(text)
    assert found is not None and found.labels == ["A clearer", "B clearer", "no difference"]
