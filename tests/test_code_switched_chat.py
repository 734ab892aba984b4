"""Workplace chat shapes: code-switched deadline words, terse "if X is A / B / C" options, chat fillers after a
list, and people counted by job ("一个人标 + 一个人抽检"). Messages are our own, in domains unlike the dev sets."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.deadlines import extract_deadline
from assistant.breakdown.label_option_runs import slash_run_candidates
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.team_size import team_size
from assistant.breakdown.team_zh import role_sum

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("hey team, need the warehouse scans tagged by EOD next wed 🙏", "2026-12-09"),
        ("can we get it by COB Friday?", "2026-12-04"),
        ("@小林 物流单据那批 下周三 deadline 哈", "2026-12-09"),
        ("菜单图片 OCR 校对\n下周一 EOD", "2026-12-07"),
        ("预算 5k，下周四 ddl", "2026-12-10"),
    ],
)
def test_chat_deadline_words_around_a_day(text: str, day: str) -> None:
    facts = extract_deadline(text, TODAY)
    assert facts and facts[0].value == day
    assert facts[0].evidence in text  # the quote is the writer's own words


def test_if_x_is_options_after_a_flag_verb() -> None:
    text = "@qa-team pls flag if the transcript is clean / minor typos / garbled. 3k clips"
    labels = [c.labels for c in slash_run_candidates(text)]
    assert ["clean", "minor typos", "garbled"] in labels


def test_chat_filler_after_the_last_option_is_dropped() -> None:
    found = find_labels("hi @Ravi 👋 quick ask\nwe need the forum posts bucketed\nbug / feature / question thx!!\n1,200 posts")
    assert found is not None
    assert found.labels[:3] == ["bug", "feature", "question"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("合同条款抽取 两人标注，一人质检 就够了", 3),
        ("菜谱配图审核：2个人标 + 1个人审", 3),
        ("嗯 一个人标 + 一个人抽检", 2),
    ],
)
def test_people_counted_by_their_job(text: str, count: int) -> None:
    summed = role_sum(text)
    assert summed is not None and summed[0] == count
    fact = team_size(text)
    assert fact is not None and fact.value == count

