"""Shapes of plain, everyday requests (written fresh for these tests, in other domains than the requests they came from).

- examples in brackets after one option belong to it and are never the label list ("投诉（例如退款不到账）、咨询、表扬",
  "emergency (e.g. poisoning, seizures), same-day, routine"); after a word that is no option they may be the labels;
- a bracketed slash run of short options after a question about the item is the label list ("is the tone right
  (too formal / fine / too casual)"), not the words around it;
- a bare 选 opening a clause names the options after it ("选左边好、右边好、都不行");
- a triage option of a modal and one verb is an option ("可以等待", "不需要出车");
- the last field of a list to pull out may be a short relative clause ("涉及的金额");
- the type: a question whether an item did something ("did the agent escalate") is a check, not routing; "on-topic"
  is no topic; "标出里面的：A、B、C" fields are extraction;
- people per item: "three raters on each", "每段录音由三名医生听";
- the job's count beside the pool it is drawn from when a deadline follows ("…先抽两千条标，一周内交").

The request date is Monday 2026-11-30.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.request_labels import find_labels
from assistant.core.models import FieldStatus, TaskType

MONDAY = date(2026, 11, 30)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, MONDAY)
    return draft


@pytest.mark.parametrize(
    "request_text,labels",
    [
        # examples in brackets after one option: the options are the list
        pytest.param("客服留言想先分个优先级：投诉（例如退款不到账、被扣费）、咨询、表扬、其他，先来两千条。", ["投诉", "咨询", "表扬", "其他"], id="zh-examples-after-first-option"),
        pytest.param("Sort each vet-clinic call into: emergency (e.g. poisoning, seizures), same-day, routine, or just a question. About 900 calls.",
                     ["emergency", "same-day", "routine", "a question"], id="en-examples-after-first-option"),
        pytest.param("物业工单分成：紧急维修、一般维修（如灯坏了、门吱吱响）、投诉建议。共一千二百条。", ["紧急维修", "一般维修", "投诉建议"], id="zh-examples-after-middle-option"),
        # near-miss: examples after a word that is no option may be the labels themselves
        pytest.param("情绪分三类（比如开心、难过、生气），先标一千条。", ["开心", "难过", "生气"], id="zh-examples-after-count-are-labels"),
        pytest.param("Tag the mood of each post (e.g. happy, sad, angry). 500 posts.", ["happy", "sad", "angry"], id="en-examples-after-noun-are-labels"),
        # options in brackets after a question about each item
        pytest.param("For each support reply, is the tone right (too formal / fine / too casual)? Also note anything rude. 700 replies.",
                     ["too formal", "fine", "too casual"], id="en-bracket-options-after-question"),
        pytest.param("Does each caption describe the photo (fully / partly / not at all), and mark any that name a person. 3k captions.",
                     ["fully", "partly", "not at all"], id="en-bracket-options-not-the-verbs"),
        pytest.param("每条译文是否通顺（通顺/基本通顺/不通顺），另外把漏译的地方标出来。共两千段。", ["通顺", "基本通顺", "不通顺"], id="zh-bracket-options"),
        # a bare 选 opening a clause
        pytest.param("每对商品图请两位同事看，选左边好、右边好、都不行。一共一千对。", ["左边好", "右边好", "都不行"], id="zh-bare-choose"),
        # a modal and one verb: a triage option
        pytest.param("来电分成：马上派车、可以等待、不需要出车。先标八百通。", ["马上派车", "可以等待", "不需要出车"], id="zh-modal-options"),
        # the last field a short relative clause
        pytest.param("合同扫描件需要找出里面的：甲方名称、签约日期、涉及的金额。三百份。", ["甲方名称", "签约日期", "涉及的金额"], id="zh-relative-clause-field"),
        pytest.param("把每条评论里的：品牌、型号、提到的价格，标出来。", ["品牌", "型号", "提到的价格"], id="zh-ba-relative-clause-field"),
        # near-miss: a sentence after the fields stays out
        pytest.param("病历需要标出里面的：姓名、电话，投诉的商品最好也标一下。三百份。", ["姓名", "电话"], id="zh-sentence-after-fields"),
    ],
)
def test_labels_of_everyday_shapes(request_text: str, labels: list[str]) -> None:
    found = find_labels(request_text)
    assert found is not None and found.labels == labels, found


@pytest.mark.parametrize(
    "request_text",
    [
        # a bracketed slash run with no question before it: what the data is, or what a note says
        "We have call transcripts (English / Spanish) and want each one tagged by product. 3k calls.",
        "Write a short note for each code change (what changed / why / risk). 400 changes.",
    ],
)
def test_bracketed_slashes_that_are_not_options(request_text: str) -> None:
    found = find_labels(request_text)
    assert found is None or not {"English", "Spanish", "what changed", "why", "risk"} & set(found.labels), found


@pytest.mark.parametrize(
    "request_text",
    [
        "For every agent chat, check: was the answer correct (yes/no), and did the agent escalate when the customer asked for a manager? 800 chats.",
        "Audit our IVR logs: did it route the caller to billing when they asked about a bill (yes/no)? 1,500 calls.",
        "检查客服机器人的每条回复：回答是否正确（是/否），有没有及时转人工。共一千条。",
    ],
)
def test_a_check_of_what_was_done_is_not_routing(request_text: str) -> None:
    field = draft_of(request_text).what.task_type
    assert not (field.value == TaskType.intent_classification.value and field.confidence > 0.5), field


def test_routing_each_item_is_still_routing() -> None:
    field = draft_of("Route each ticket to the right team: billing, tech, sales. 2k tickets.").what.task_type
    assert field.value == TaskType.intent_classification.value and field.confidence > 0.5, field


@pytest.mark.parametrize(
    "request_text",
    [
        "Mark each forum reply on-topic or off-topic. 2,000 replies.",
        "Is each answer on topic? Roughly 1,000 answers, two raters each.",
    ],
)
def test_on_topic_is_no_topic_classification(request_text: str) -> None:
    field = draft_of(request_text).what.task_type
    assert not (field.value == TaskType.topic_classification.value and field.confidence > 0.5), field


def test_fields_marked_inside_each_text_are_extraction() -> None:
    field = draft_of("病历文本里，要标出里面的：药品名、剂量、就诊卡号。五百份。").what.task_type
    assert field.value == TaskType.ner.value and field.confidence > 0.5, field


@pytest.mark.parametrize(
    "request_text,count",
    [
        ("Rate 600 poems for imagery, three raters on each, majority vote.", 3),
        ("每段录音由三名医生听，标出咳嗽的类型：干咳、湿咳。共四百段。", 3),
        ("每篇稿子给两位编辑看，标出事实错误。一共五百篇。", 2),
    ],
)
def test_people_on_each_item(request_text: str, count: int) -> None:
    field = draft_of(request_text).who.annotator_profile
    assert field.status == FieldStatus.stated and field.value == {"count": count}, field


def test_people_on_each_team_are_not_per_item() -> None:
    field = draft_of("Label 2,000 photos as cat / dog. We have two people on each team.").who.annotator_profile
    assert field.value != {"count": 2}, field


@pytest.mark.parametrize(
    "request_text,volume",
    [
        ("库里有三万多条工单，这次先抽两千条标，一周内交。", 2000),
        ("历史评论有五万多条，这次先挑八千条来标，三天内给结果。", 8000),
    ],
)
def test_the_part_to_label_before_a_deadline_within_days(request_text: str, volume: int) -> None:
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == volume, field
