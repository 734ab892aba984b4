"""Volume and time-per-item shapes read for development sets 9 and 10 (sentences written for these checks, in no
dev set), with near-misses."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import BreakdownDraft, FieldStatus

TODAY = date(2026, 12, 2)


def _draft(text: str) -> BreakdownDraft:
    return offline_draft(text, [], {}, TODAY)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a total after an arrow is the job, never "more than" it
        ("- Queries: 300 shopper queries\n- Each query top 10 results -> 3,000 pairs\n- Grade: exact / partial / irrelevant", 3000),
        ("120 queries, top 10 results each → 1,200 pairs, graded good or bad.", 1200),
        # "feedback" counts items
        ("We collected ~12k feedback from the beta forum; please tag each by module.", 12000),
        ("2,500 feedback (FR/DE, ~1k each), tag by module.", 2500),
        # a first delivery of the whole, then the rest: the whole is the job
        ("家电评论三千条，分好评差评。下周一先给五百条，全部是月底。", 3000),
        # a QA spot-check sample is not the job
        ("意图标注，共 9,000 条。验收：抽检准确率≥95%（我们抽 300 条）。", 9000),
        ("Tag 6,000 reviews as positive or negative. Our QA will spot-check 300 of them.", 6000),
    ],
)
def test_volume(text: str, expected: int) -> None:
    volume = _draft(text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == expected, volume


def test_a_sample_shown_first_is_not_the_job() -> None:
    text = "数量六千条。这周五能不能先给我看个两百条的样，正式的下周三交。"
    assert _draft(text).how_much.volume.value == 6000


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Avg ~25 sec/script, 3 annotators.", 25.0),
        ("≤ 20s/review please", 20.0),
        ("每通不长，一分钟看一条应该够。", 60.0),
        ("30秒标一张，一共两千张。", 30.0),
        # the length of a recording is not the time to label it; the time to read it is
        ("数据：客服通话录音转写，每段≤3分钟。要求：每段平均要读1分半左右。", 90.0),
        ("Each clip is 3 minutes long; labeling one takes about 5 minutes.", 300.0),
    ],
)
def test_time_per_item(text: str, seconds: float) -> None:
    field = _draft(text).how_much.time_per_item
    assert field.status == FieldStatus.stated and field.value == seconds, field


@pytest.mark.parametrize(
    "text",
    ["Each recording is about 2 minutes long; tag the speaker's mood."],
)
def test_a_media_length_alone_is_no_time_per_item(text: str) -> None:
    assert _draft(text).how_much.time_per_item.status != FieldStatus.stated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We pulled the reviews last night, um, twelve hundred or so. Tag each as positive or negative.", 1200),
        ("Got the survey comments back, 800 or so, please sort them by topic.", 800),
    ],
)
def test_a_hedged_count_after_its_data(text: str, expected: int) -> None:
    volume = _draft(text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == expected, volume


def test_a_range_of_annotators_is_never_its_upper_end() -> None:
    assert _draft("3–5 annotators, tag 5,000 tweets as spam or not.").who.annotator_profile.status != FieldStatus.stated
