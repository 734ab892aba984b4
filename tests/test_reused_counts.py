"""A definition reused from a past project must not carry that project's count of its labels: "以上六类都不是" in a
rulebook with four other labels is a false fact a trainer would pass on (found by drafting a new request by hand)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.breakdown.five_w2h import break_down
from assistant.core.settings import Settings
from assistant.rulebook.draft import draft_rulebook
from assistant.rulebook.request import uncounted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以上六类都不是：打招呼、闲聊。", "以上各类都不是：打招呼、闲聊。"),
        ("不属于上述5种情况的，标其他。", "不属于上述各种情况的，标其他。"),
        ("None of the five categories above apply.", "None of the categories above apply."),
        ("Use Other for anything outside the 3 other labels.", "Use Other for anything outside the other labels."),
    ],
)
def test_a_count_of_the_past_labels_is_dropped(text, expected):
    assert uncounted(text) == expected


@pytest.mark.parametrize(
    "text",
    ["The two annotators disagree.", "这一类消息最多", "每条最多选3个标签", "分成三类：A、B、C", "其他两类之间犹豫时，选情绪较弱的一类",
     "If torn between the two categories, pick the milder one."],
)
def test_other_numbers_stay(text):
    assert uncounted(text) == text


def test_a_drafted_catch_all_says_no_wrong_count(seeded_workspace):
    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    request = "宠物医院小程序的客户留言，帮忙分个类：预约挂号 / 价格咨询 / 病情咨询 / 投诉，剩下的都算其他。大概三千条。"
    breakdown = break_down(request, seeded_workspace.kb, past, None, today=date(2026, 12, 2))
    rulebook = draft_rulebook(breakdown, past, seeded_workspace.kb, seeded_workspace.embedder, Settings(), None)
    assert rulebook.label_names == ["预约挂号", "价格咨询", "病情咨询", "投诉", "其他"]
    written = " ".join(
        [label.definition for label in rulebook.labels]
        + [step for label in rulebook.labels for step in label.criteria]
        + [edge.case + edge.resolution for edge in rulebook.edge_cases]
    )
    assert not re.search(r"(?:以上|上面|上述)[一二两三四五六七八九十\d]+类", written), written
