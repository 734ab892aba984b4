"""A number the requester takes back: the corrected value wins (sentences written for these checks, in no dev set)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import BreakdownDraft, FieldStatus

TODAY = date(2026, 12, 2)


def _draft(text: str) -> BreakdownDraft:
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("宠物医院的问诊记录，标一下是急诊还是普通。大概四千条，不对不对，我看错了，是六千条。", 6000),
        ("物业报修工单要分类：水电、门窗、其他。数量两万条，呃不是，八千，两万是全年的。", 8000),
        ("驾校学员的评价分好评差评，一共九百条，哦不是，九百五十条，十一月的。", 950),
        ("菜谱评论打情绪标签，先抽一千二来标，月底交。", 1200),
        ("客服：量多少\n店长：三千条\n客服：三千有点多，月底够呛\n店长：那就两千 先两千", 2000),
        ("Sort the gym's feedback cards into equipment, staff or classes. About nine hundred cards, sorry, 2.1k, I read the wrong column.", 2100),
        ("Tag the library chat logs as question or complaint - roughly fourteen thousand chats, sorry, fourteen hundred.", 1400),
        ("Rate each pair of product answers: left, right or tie. Say three hundred pairs, er, make it four-twenty, we added the returns set.", 420),
        ("Label these ferry announcements as delay, route change or other. The export has 2,700 rows - correction from IT, it's 7,200, digits swapped.", 7200),
    ],
)
def test_the_corrected_volume_wins(text: str, expected: int) -> None:
    volume = _draft(text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == expected, volume
    assert volume.evidence and volume.evidence in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标一下这些小区公告是通知还是广告。一千多条吧 也可能两千\n主管：刚问了 一千四百条", 1400),
    ],
)
def test_a_vague_amount_then_given_exactly(text: str, expected: int) -> None:
    volume = _draft(text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == expected, volume


def test_a_time_per_item_taken_back() -> None:
    text = "Mark the plate and the make in 700 parking tickets. ten seconds a ticket is unrealistic, figure thirty. by Friday."
    draft = _draft(text)
    assert draft.how_much.time_per_item.value == 30.0, draft.how_much.time_per_item
    assert draft.how_much.volume.value == 700  # the correction word belongs to the seconds, not to the volume


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number of another kind after the correction word, a date, an apology with no number: nothing is taken back
        ("Tag 3,000 store reviews as positive or negative, sorry for the short notice, 2 annotators can start Monday.", 3000),
        ("Label 1,200 tickets as bug or feature. Sorry, I mean we need it by Jan 3.", 1200),
        ("门店评价五千条，分好评差评，不对，是十一月的数据。", 5000),
        ("短信四千条，标诈骗或正常，不是全部都要标，先看看规则。", 4000),
        ("Tag 800 emails as spam or fine; actually 3 of us will label them.", 800),
    ],
)
def test_near_misses_keep_the_first_reading(text: str, expected: int) -> None:
    volume = _draft(text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == expected, volume


def test_an_amount_added_is_skipped_for_the_total() -> None:
    text = "对比两个模型的回答，选左边好还是右边好。量：六百组，不对，老板说再加一百，七百组。"
    assert _draft(text).how_much.volume.value == 700


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count taken back that the other readers had left out as unclear
        ("Grade the auto summaries of our dispatch calls. It's like three thousand calls, no wait, that's the whole year, we only need December, so four hundred something.", 400),
        ("We've got about five hundred cards, plus the web form, so call it eight hundred total, no wait, the web ones are done, so just the five hundred.", 500),
    ],
)
def test_a_correction_after_a_count_left_unclear(text: str, expected: int) -> None:
    volume = _draft(text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == expected, volume


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please tag about six hundred comment cards by topic.", 600),
        ("Sort roughly twelve hundred texts into billing or other.", 1200),
    ],
)
def test_english_number_words_with_hundred(text: str, expected: int) -> None:
    assert _draft(text).how_much.volume.value == expected
