"""Label sets among distractors (breakdown/label_wrap.py, label_retired.py, label_steps.py) and careful task typing.

Requests that name labels they do not want: an old scheme replaced by a new one, a scale given in two forms, a list
the requester muses about in their own open question, numbered steps of which one holds the labels, and a list
wrapped across two lines of a pasted email. The sentences are written for these tests (a vet clinic, a bike-share
app, a recipe site, a noodle chain …), not taken from the development sets; near-misses say what must stay.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.label_wrap import original_quote, unwrap
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import LOW_CONFIDENCE, read_task_type
from assistant.core.models import TaskType


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


# -- a list wrapped across two lines --------------------------------------------------------------
@pytest.mark.parametrize(
    "text, labels",
    [
        (
            "Please sort 1,200 notes from our vet clinic's front desk into: vaccination booking, prescription refill,\n"
            "billing question, lost pet, other. Due next Friday.",
            ["vaccination booking", "prescription refill", "billing question", "lost pet", "other"],
        ),
        (
            "Could your raters judge each recipe search result as Perfect match / Partial match /\nNo match? Two raters each.",
            ["Perfect match", "Partial match", "No match"],
        ),
        (
            "We'd like each audio-guide comment tagged with one of: too quiet; too long; missing translation of\n"
            "captions; other. About 900 comments.",
            ["too quiet", "too long", "missing translation of captions", "other"],
        ),
        ("请把这批网店客服留言分成：退货退款、物流查询、发票问题、\n账号登录、其他。大概两千条，月底前要。", ["退货退款", "物流查询", "发票问题", "账号登录", "其他"]),
    ],
)
def test_a_list_wrapped_across_lines_is_read_whole(text, labels):
    assert _labels(text) == labels


def test_unwrapping_keeps_positions_and_lists_of_lines():
    text = "Labels for the kiosk feedback, one per line as usual:\n- slow screen\n- card reader,\n- other\nThanks,\nAnna"
    flat = unwrap(text)
    assert len(flat) == len(text)
    assert flat == text  # a bullet line, a short line and a sign-off keep their breaks
    wrapped = "Tag each of the 400 bakery reviews as fresh, stale or\nburnt. By Monday please."
    assert unwrap(wrapped) == wrapped.replace("\n", " ")
    found = find_labels(wrapped)
    assert found.labels == ["fresh", "stale", "burnt"] and found.quote in wrapped
    assert original_quote("stale or burnt", unwrap(wrapped), wrapped) == "stale or\nburnt"


# -- an old label set replaced by a new one ----------------------------------------------------------
@pytest.mark.parametrize(
    "text, labels",
    [
        (
            "For the bike-share app reviews we used to tag good / okay / bad, but that was useless. "
            "Now please tag each review as broken bike, app crash, billing or praise.",
            ["broken bike", "app crash", "billing", "praise"],
        ),
        (
            "Last season the volunteers scored each trail report 1-10; drop that, it was too slow. "
            "Just mark each one: passable / muddy / closed.",
            ["passable", "muddy", "closed"],
        ),
        (
            "Please mark each recipe comment as tried it, question or off-topic, rather than thumbs up / thumbs down.",
            ["tried it", "question", "off-topic"],
        ),
        ("以前我们把门店评价分成 好评/中评/差评，太粗了，现在改成：服务态度、排队时间、菜品口味、卫生。", ["服务态度", "排队时间", "菜品口味", "卫生"]),
        ("上一轮让实习生按1-5分打，分差太大，放弃了。这次只要判断：合格、小问题、严重问题。", ["合格", "小问题", "严重问题"]),
        ("Previously: urgent / normal. Now: safety risk, repair needed, cosmetic, no action.", ["safety risk", "repair needed", "cosmetic", "no action"]),
        ("我们一直用 正常/违规 两类，这次想细一点：广告、色情、辱骂、正常。", ["广告", "色情", "辱骂", "正常"]),
        ("不要再用 好评/差评 了，改成按 物流、质量、价格、服务 四类来分。", ["物流", "质量", "价格", "服务"]),
        ("以前分 投诉/咨询/建议，现在分 售前、售后、物流、其他。", ["售前", "售后", "物流", "其他"]),
        ("We no longer tag yes/no. Mark each photo as sharp, slightly blurry or unusable.", ["sharp", "slightly blurry", "unusable"]),
    ],
)
def test_the_set_given_now_wins_over_the_retired_one(text, labels):
    assert _labels(text) == labels


def test_a_scale_named_in_two_forms_is_the_one_asked_for_now():
    found = find_labels("原先按 优/良/差 评，这次改成0、1、2、3四档（0最差，3最好）。共500条。")
    assert found.labels == ["0", "1", "2", "3"] and found.ordinal
    found = find_labels("We previously graded the essays A/B/C, now we want a 1-4 score for each essay.")
    assert found.labels == ["1", "2", "3", "4"] and found.ordinal


def test_a_rejected_set_with_nothing_in_its_place_is_no_label_set():
    assert _labels("Last year the interns rated the podcast transcripts 1-10; drop that, it was too slow. We're not sure yet what to use instead.") is None


@pytest.mark.parametrize(
    "text, labels",
    [
        # the past with no set in its place: the same categories again
        ("Last year we sorted the tickets into billing, shipping and returns; please use the same categories for these 3,000.", ["billing", "shipping", "returns"]),
        # "现在" about the data, not a new set
        ("请把每条评价标成 正面、负面、中性。现在有两个门店的数据。", ["正面", "负面", "中性"]),
        # "drop" about something else in the next sentence
        ("Rate each noodle-shop review Great / Okay / Poor. Drop the separate \"delivery\" checkbox we had.", ["Great", "Okay", "Poor"]),
        # a rejection further into the next sentence is about something else
        ("Label 500 chats as resolved / escalated / abandoned. We used to also have a 'spam' bucket but drop that.", ["resolved", "escalated", "abandoned"]),
        # a thread that widens the first set keeps it
        ("店长：先分 好评 / 差评 就行\n小李：两种太粗了，还有没情绪的\n店长：那就三类吧，好评、差评、中性", ["好评", "差评", "中性"]),
    ],
)
def test_near_misses_keep_their_set(text, labels):
    assert _labels(text) == labels


# -- the requester's own open question ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "想请你们把小区业主群的消息过一遍，另外也想看看大家都在抱怨什么，停车、噪音还是物业费？",
        "Please go through the climbing-gym forum. And what are people even posting about - gear, trips or buy/sell?",
    ],
)
def test_options_guessed_for_an_open_question_are_no_label_set(text):
    assert _labels(text) is None


def test_a_choice_question_without_an_open_question_names_its_options():
    assert _labels("每条都看一下，这条留言是咨询、投诉、还是表扬？") == ["咨询", "投诉", "表扬"]


# -- numbered steps ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, labels",
    [
        (
            "Plan:\n1. Export the chat logs from Intercom\n2. Remove bot messages and greetings\n"
            "3. Label each chat as refund, bug report, feature request or other\nWe need it by Friday.",
            ["refund", "bug report", "feature request", "other"],
        ),
        ("Steps:\n1) pull the kiosk survey answers\n2) strip names\n3) label every answer positive, negative or neutral", ["positive", "negative", "neutral"]),
        ("步骤：\n1. 导出上个月的工单\n2. 去掉重复和自动回复\n3. 按 退款、物流、售后、其他 分类", ["退款", "物流", "售后", "其他"]),
    ],
)
def test_steps_are_not_labels_the_list_inside_one_is(text, labels):
    assert _labels(text) == labels


def test_intents_named_by_verbs_stay_labels():
    assert _labels("Intents we care about:\n- download invoice\n- upload documents\n- reset password") == [
        "download invoice", "upload documents", "reset password"]


# -- task type: cue words that are not the task ---------------------------------------------------------
def _type(text):
    named = find_labels(text)
    return read_task_type(text, (named.main or named.labels) if named else None, ordinal=bool(named and named.ordinal))


def test_a_false_positive_rate_is_no_sentiment_cue():
    signal = _type("Our filter catches 80% of phishing with a 2% false-positive rate. Please label 2,000 emails: phishing, spam, legit.")
    assert signal.task_type == TaskType.content_safety


def test_an_old_approve_reject_button_is_no_attitude():
    signal = _type("Until now moderators just clicked approve / reject on each forum post. New scheme: spam, insult, off-topic, fine.")
    assert signal.task_type != TaskType.sentiment or signal.confidence <= LOW_CONFIDENCE


@pytest.mark.parametrize(
    "text",
    [
        # the requester offers two tasks and leaves the choice open
        "We have 600 support replies written by both the bot and an agent. Tell us how good the bot's replies are, or which one is "
        "better - whichever is easier for you.",
        # a second ask added with 顺便: checking descriptions and tagging each picture
        "请看看这些商品图和文字说明对不对得上，顺便给每张图打个风格标签。",
        "这批客服回复，你们可以逐条打分，也可以两两比较，哪个方便就用哪个。",
    ],
)
def test_two_tasks_offered_are_asked_not_guessed(text):
    assert _type(text).confidence <= 0.5


def test_a_machine_text_that_misattributes_its_recording_is_a_summary_check():
    signal = _type("我们的系统会把回访电话的录音自动生成“回访记录”，客户说里面常常张冠李戴。请按1到4分打分，4分最好，共800份。")
    assert signal.task_type == TaskType.summarization_quality and signal.confidence >= 0.6
    # no machine text held against its source: a rating of something else
    assert _type("请帮我们看看这些回访记录写得怎么样，按1到4分打分。").task_type != TaskType.summarization_quality


def test_a_feeling_in_the_background_never_beats_the_labels_type_through_a_prior():
    text = "Parents are getting upset about what shows up on the school forum. Please label 3,000 posts: spam, harassment, personal info exposed, fine."
    named = find_labels(text)
    signal = read_task_type(text, named.labels, prior=TaskType.sentiment)
    assert signal.task_type == TaskType.content_safety and signal.confidence <= 0.5  # asked, not guessed
    # with only a feeling word and labels of no type, the feeling is no confident type either
    signal = read_task_type(text.replace("harassment", "bullying"), ["spam", "bullying", "personal info exposed", "fine"], prior=TaskType.sentiment)
    assert signal.confidence <= 0.5
