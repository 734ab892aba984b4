"""Shapes from plain hand-written requests (coordinator's hand trial): a share in tenths (一成 / 两成 = 10% / 20%)
of a stated whole, "10k <plural noun>" as a volume, people per item with "each", examples in brackets that are not
the labels, both dimensions of a two-question request, and the frame words (分类, 在) around a Chinese label list.

Requests written for these tests, in domains of no dev set, with near-misses that must not be read as the shape.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

MONDAY = date(2026, 11, 30)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, MONDAY)
    return draft


def _volume_figure(field):
    value = field.value
    if isinstance(value, dict):
        return value.get("low"), value.get("high")
    return value, value


@pytest.mark.parametrize(
    "request_text,part",
    [
        ("物流投诉工单一共5万条，先抽一成来标，标出投诉原因：破损、延误、丢件。", 5000),
        ("全部12万段客服录音转写，只标两成就行，判断有没有辱骂。", 24000),
        ("我们有三万条菜谱评论，抽三成出来标一下口味偏好：咸、甜、辣。", 9000),
    ],
)
def test_a_share_in_tenths_is_that_share_of_the_whole(request_text, part):
    volume = draft_of(request_text).how_much.volume
    assert _volume_figure(volume) == (part, part)


@pytest.mark.parametrize(
    "request_text,whole",
    [
        # the share is the checkers' sample: the job is still the whole
        ("共2万条商品标题，分成服饰、数码、食品三类，我们会抽一成质检。", 20000),
        # a share of the data having a property, not a sample to label
        ("共6000条弹幕，九成以上是正常的，标出违规、广告、正常。", 6000),
    ],
)
def test_a_share_that_is_no_sample_leaves_the_whole(request_text, whole):
    volume = draft_of(request_text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == whole


@pytest.mark.parametrize(
    "request_text,volume",
    [
        ("Please tag each assembly step with the tool used: wrench, drill, none. 12k steps, due March 3.", 12000),
        ("Each line of the screenplay should be marked as dialogue, action or transition. About 20k lines.", 20000),
        ("Tag every server log line as error, warning or info. 50k lines, by Friday.", 50000),
    ],
)
def test_a_count_of_the_unit_each_one_is_labelled_is_the_volume(request_text, volume):
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == volume


@pytest.mark.parametrize(
    "request_text,volume",
    [
        # the steps are of a process, and the items are something else
        ("Label 800 support tickets by urgency: low, medium, high. Our triage has 12 steps before escalation.", 800),
        ("We have 2,500 product photos; each photo goes through 10 steps of review. Tag the colour: red, blue, other.", 2500),
    ],
)
def test_steps_of_a_process_are_no_volume(request_text, volume):
    field = draft_of(request_text).how_much.volume
    assert field.value == volume


def _team(request: str):
    return draft_of(request).who.annotator_profile


@pytest.mark.parametrize(
    "request_text,people",
    [
        ("Grade our students' lab reports for rigour, 1-5. 450 reports, 3 graders each, results by March.", 3),
        ("We need judges to pick the better of two product descriptions. 900 pairs, 2 judges each.", 2),
        ("Score the chatbot's answers as helpful or unhelpful: 1,200 answers, two evaluators each, please.", 2),
    ],
)
def test_people_per_item_with_each_are_the_team(request_text, people):
    field = _team(request_text)
    assert field.status == FieldStatus.stated and field.value == {"count": people}


@pytest.mark.parametrize(
    "request_text",
    [
        # people per time, not per item
        "Rate 700 podcast clips as clean or explicit. We can spare 2 reviewers each week.",
        # a count of the data, nobody per item
        "Sort 500 reviews each into praise, complaint or question.",
    ],
)
def test_each_of_a_time_or_of_the_data_is_no_team(request_text):
    field = _team(request_text)
    assert not (field.status == FieldStatus.stated and field.value == {"count": 2})
