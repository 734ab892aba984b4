"""Deadlines and times per item said around the point (requests written for these checks, not from a dev set).

- "before the X break/shutdown … we shut / the office closes on the 23rd": the day before the closing day;
- "by the middle of January": the 15th, like "mid-January";
- "before our trustees meet on 16 December": the day before the event's day;
- "1,000 to start": the first batch, a count with no noun;
- "每条看一眼就行，别超过30秒": a cap on the time per item said in the next clause.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft

TODAY = date(2026, 12, 1)  # a Tuesday


def _draft(text: str):  # noqa: ANN202
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please sort our 1,200 delivery notes into late / on time before the Christmas break - we shut on the 19th.", "2026-12-18"),
        ("Could we have the 400 product photos checked before the summer shutdown? We close on the 14th of August.", "2027-08-13"),
        ("Tag the support emails as billing, tech or other. Please finish before the holidays, the office closes on 22 December.", "2026-12-21"),
        ("Sort 600 garden-centre reviews into plants, staff or prices, say by the middle of February if that works.", "2027-02-15"),
        # the day before an event's day, the event said with its verb
        ("Could the 250 grant letters be tagged approve / reject before our governors meet on 18 December?", "2026-12-17"),
        ("Please have the 300 safety signs checked before the inspectors visit on 12 January.", "2027-01-11"),
    ],
)
def test_deadline_said_around_the_point(text: str, expected: str) -> None:
    assert _draft(text).when.deadline.value == expected


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("旅行社的游客点评一千二百条，分好评差评。每条扫一眼就行，别超过20秒。", 20),
        ("三千张商品图判断清不清晰，每张看一下，不超过15秒。", 15),
    ],
)
def test_cap_on_time_per_item_in_the_next_clause(text: str, seconds: int) -> None:
    assert _draft(text).how_much.time_per_item.value == seconds


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("Could you score our chatbot replies 1-5? 800 to start, more in January.", 800),
        ("We have 20k product photos; tag them as usable or not, 2,000 to begin with.", 2000),
    ],
)
def test_a_first_batch_with_no_noun(text: str, volume: int) -> None:
    assert _draft(text).how_much.volume.value == volume


def test_a_month_is_no_item() -> None:
    assert _draft("每个月标一批，最多2小时开一次会。三千条评论分正负面。").how_much.time_per_item.value is None
