"""Task-type shapes of terse, messy and formal requests (task_shape_cues.py), on sentences written for these tests (no
development set's), with near-misses that must not be read."""

from __future__ import annotations

import pytest

from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Estate agency: agents snap each room, AI writes the listing blurb text. Need someone to check vs photo.", ["fine", "small mistakes", "wrong room"]),
        ("For each shelf photo + the AI-generated note, mark the note.", ["OK", "MISSED ITEM", "INVENTED ITEM"]),
        ("Our dental lab uses software that writes a one-line description of each x-ray; dentists review it against the film.", ["accurate", "minor error", "wrong"]),
        ("菜品实拍图 AI自动生成的描述（口味 分量那些）帮看对不对", ["对", "错", "部分对"]),
    ],
)
def test_machine_written_text_about_a_picture_is_image_description(text, labels):
    signal = read_task_type(text, labels)
    assert signal.task_type == TaskType.image_description


@pytest.mark.parametrize(
    "text",
    [
        "Please flag AI-generated images that are NSFW in our marketplace feed: nsfw / fine.",  # images a machine made, no text about them
        "The AI writes call summaries; check each against the recording.",  # no picture anywhere
    ],
)
def test_machine_output_that_is_not_text_about_a_picture_is_not_image_description(text):
    assert read_task_type(text).task_type != TaskType.image_description


def test_a_position_on_a_proposal_is_a_stance():
    text = "Each letter about the zoning change should be read for the writer's position on the proposal."
    assert read_task_type(text, ["for", "against", "no position"]).task_type == TaskType.sentiment


def test_options_that_are_kinds_of_asks_are_intents():
    text = (
        "For each email decide whether it is a request for a refund, a question about opening hours, "
        "a complaint about staff, or something else."
    )
    assert read_task_type(text).task_type == TaskType.intent_classification


def test_one_kind_of_ask_mentioned_in_passing_is_not_an_intent_task():
    text = "We got a question about pricing last week. Anyway, please tag the forum posts by topic: hardware, software, billing."
    assert read_task_type(text, ["hardware", "software", "billing"]).task_type == TaskType.topic_classification


@pytest.mark.parametrize(
    "text",
    [
        "法院裁判文书公开前，请标出所有需要屏蔽的内容：姓名、住址、电话。",
        "Before release, redact every patient name and address in the discharge letters.",
    ],
)
def test_hiding_parts_of_a_document_is_extraction(text):
    assert read_task_type(text).task_type == TaskType.ner


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("几家分店的商品名写法不统一，要对到标准商品库：同一个商品 / 不是 / 不确定", ["同一个商品", "不是", "不确定"]),
        ("Please match each supplier part name to our master catalogue entries.", None),
        ("Street names typed in English, our tool auto-converts them to Tamil for the signboards. Need a check of each.", ["correct", "spelling wrong"]),
        ("Volunteers compare the narration audio against the manuscript and flag each slip.", None),
    ],
)
def test_work_on_records_or_machine_output_is_other(text, labels):
    assert read_task_type(text, labels).task_type == TaskType.other


def test_the_two_sides_named_as_options_are_a_preference():
    text = "每道题都有甲乙两版讲解，请老师逐条比较，判断甲版更好、乙版更好，还是差不多。"
    assert read_task_type(text).task_type == TaskType.response_preference


def test_vetting_submissions_before_broadcast_is_safety_review():
    text = "学生投稿在播出前要审稿，不宜播出的挑出来。"
    assert read_task_type(text, ["可播", "改后可播", "不可播"]).task_type == TaskType.content_safety


@pytest.mark.parametrize(
    "text",
    [
        "对历史报销单进行人工审核标注，逐项核查，判为合格或不合格。",  # an audit of forms, not moderation
        "请把投诉工单按问题类别分好，我们需预留两天审核结果。",  # the requester's own review afterwards
    ],
)
def test_an_audit_of_documents_or_the_requesters_own_review_is_not_moderation(text):
    assert read_task_type(text).task_type != TaskType.content_safety


def test_moderation_review_is_still_safety():
    assert read_task_type("直播弹幕需要人工审核，违规的标出来。").task_type == TaskType.content_safety


def test_a_requester_who_leaves_the_choice_to_us_is_asked():
    text = (
        "Our board would like the feedback forms looked at: perhaps how the parents felt, perhaps which parts of the "
        "programme they mention. We will leave it to you which of these you think sensible."
    )
    signal = read_task_type(text)
    assert signal.ambiguous and signal.confidence <= 0.5


def test_something_the_requester_does_themselves_is_not_the_ask():
    text = "Read each comment and tag its stance on the new bridge: for, against, neither. We will deduplicate them ourselves."
    assert read_task_type(text, ["for", "against", "neither"]).task_type == TaskType.sentiment


def test_the_main_thing_the_sender_wants_competes_with_topic_buckets():
    text = "Sort the shop inbox into buckets so we can set up rules; one label per email, the main thing they want."
    signal = read_task_type(text, ["orders", "returns", "events", "other"])
    assert signal.ambiguous and signal.confidence <= 0.5


@pytest.mark.parametrize("labels", [["問價", "訂位/改期", "客訴", "加盟詢問", "其他"], ["约上门", "问价", "投诉物流", "其他"]])
def test_labels_that_are_asks_in_either_script_are_intents(labels):
    text = "LINE 訊息請幫忙分類：" + "、".join(labels)
    assert read_task_type(text, labels).task_type == TaskType.intent_classification


def test_a_second_job_added_tentatively_as_a_question_is_asked():
    text = "pls sort the volunteer forms by role -> driver, cook, cleaner, other\n+ maybe flag which ones seem reliable??"
    signal = read_task_type(text, ["driver", "cook", "cleaner", "other"])
    assert signal.ambiguous and signal.confidence <= 0.5


def test_a_plain_second_line_is_not_a_tentative_job():
    text = "pls bucket the volunteer forms into topics -> driver, cook, cleaner, other\n+ about 400 forms, due friday"
    signal = read_task_type(text, ["driver", "cook", "cleaner", "other"])
    assert signal.task_type == TaskType.topic_classification and not signal.ambiguous


def test_why_the_sender_writes_is_intent():
    assert read_task_type("请对热线留言进行梳理，弄清市民的来意。").task_type == TaskType.intent_classification


def test_whether_to_do_both_jobs_left_to_us_is_asked():
    text = "一是弄清来电的来意，二是掌握来电涉及的业务。两项工作是否需要一并开展，请你们结合工作量提出意见。"
    signal = read_task_type(text)
    assert signal.ambiguous and signal.confidence <= 0.5


def test_a_request_for_opinions_on_something_else_is_not_a_left_open_task():
    text = "请把评论按话题分类：价格、服务、环境。预算是否够用，请你们提出意见。"
    signal = read_task_type(text, ["价格", "服务", "环境"])
    assert signal.task_type == TaskType.topic_classification and not signal.ambiguous
