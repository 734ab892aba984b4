"""Shapes from plain hand-written requests (coordinator's hand trial): a share in tenths (一成 / 两成 = 10% / 20%)
of a stated whole, "10k <plural noun>" as a volume, people per item with "each", examples in brackets that are not
the labels, both dimensions of a two-question request, and the frame words (分类, 在) around a Chinese label list.

Requests written for these tests, in domains of no dev set, with near-misses that must not be read as the shape.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.request_labels import find_labels
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


def _labels(request: str):
    found = find_labels(request)
    return found.labels if found else None


@pytest.mark.parametrize(
    "request_text,labels",
    [
        ('帮忙看下论坛帖子是不是在打广告（就是留微信、发链接、报价格之类），是的话标"广告"，不是标"正常"。两千条。', ["广告", "正常"]),
        ("请判断每条弹幕是否剧透（像说结局、说谁死了这种），剧透的标“剧透”，其余标“安全”。", ["剧透", "安全"]),
    ],
)
def test_examples_in_brackets_give_way_to_quoted_names_after(request_text, labels):
    assert _labels(request_text) == labels


@pytest.mark.parametrize(
    "request_text,labels",
    [
        # no quoted names follow: the bracketed run is the list
        ("把用户反馈分成三类（就是开心、难过、生气这种），一千条。", ["开心", "难过", "生气"]),
        # examples of one option, with a quoted word that names no label
        ('帮忙判断客服对话的情绪：开心、难过、生气（比如骂人、摔东西这种），标的时候写"备注"两个字。', ["开心", "难过", "生气"]),
    ],
)
def test_a_bracketed_list_without_quoted_names_after_stays(request_text, labels):
    assert _labels(request_text) == labels


@pytest.mark.parametrize(
    "request_text,labels",
    [
        # the verb that sorts by the list after 按 is no part of its last name
        ("把小区群聊消息按报修、投诉、咨询物业费、闲聊分类，三千条。", ["报修", "投诉", "咨询物业费", "闲聊"]),
        ("快递面单照片按清晰、模糊、遮挡来区分，一万张。", ["清晰", "模糊", "遮挡"]),
        # the 在 of "哪些是在…" frames the list
        ("看下客服留言里哪些是在催发货、问尺码、要退款，其余算其他。", ["催发货", "问尺码", "要退款", "其他"]),
        # near-misses: 分类 inside a name with no 按 before the list, 在 that begins a word
        ("统计一下帖子的话题：教育、医疗、垃圾分类，一千条。", ["教育", "医疗", "垃圾分类"]),
        ("看看名单里哪些是在职员工、离职员工、实习生，标出来。", ["在职员工", "离职员工", "实习生"]),
    ],
)
def test_frame_words_around_a_chinese_list_are_no_part_of_its_names(request_text, labels):
    assert _labels(request_text) == labels


@pytest.mark.parametrize(
    "request_text,labels",
    [
        # the options of a which-question in brackets, and a second question's options after "and whether"
        (
            "Please read each voicemail and note which department it's for (Billing, Repairs, Sales, or Other) and whether the caller sounds calm, annoyed or angry.",
            ["Billing", "Repairs", "Sales", "Other", "calm", "annoyed", "angry"],
        ),
        ("Mark which season each photo was taken in (spring, summer, autumn, or winter). 3,000 photos.", ["spring", "summer", "autumn", "winter"]),
        ("看一下每个工单属于哪个部门（财务、售后、技术或其他），一千条。", ["财务", "售后", "技术", "其他"]),
        # near-miss: a bracket of the data's sources after no which-question is no label set
        (
            "Please tag each review as positive, negative or neutral. Reviews come from three stores (Leeds, York, or Hull) in 2025.",
            ["positive", "negative", "neutral"],
        ),
    ],
)
def test_bracketed_options_of_a_which_question_are_kept(request_text, labels):
    assert _labels(request_text) == labels
