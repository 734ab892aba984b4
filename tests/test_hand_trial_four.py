"""Shapes from the fourth hand trial of everyday requests:

- a list that answers the question before it, with no labeling verb ("…准不准：准确、部分准确、错误",
  "is the caption right: right, partly right, wrong"), and a head with 批 in it ("批改意见：…") that is no batch;
- a sorting verb with the dimension it sorts by, then a dash and the values, ending with "?"
  ("label calls by reason for calling — a, b, other?");
- a cap on the price with no budget word or currency ("for under 1k", "one thousand max", "…，不超过一万");
- the ask opened by a wish cue ("we'd like to label our calls") is no purpose; a reason after it is;
- words in a bracket of examples after one label ("投诉（…、教练态度）") do not decide the task type.

Requests written for these tests, in domains of no dev set, with near-misses that must not be read as the shape.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.purpose_wishes import reason_after_ask
from assistant.breakdown.request_labels import find_labels
from assistant.core.models import FieldStatus, TaskType

MONDAY = date(2026, 11, 30)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, MONDAY)
    return draft


def _labels(request: str) -> list[str] | None:
    found = find_labels(request)
    return found.labels if found else None


# -- 1. a list that answers a question --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "request_text,labels",
    [
        ("药师写的用药提醒准不准：准确、部分准确、错误。大概两千条。", ["准确", "部分准确", "错误"]),
        ("这张发票是不是本人报销的：是、不是、看不出来。", ["是", "不是", "看不出来"]),
        ("视频里有没有出现品牌logo：有、没有、不确定。一共九百段。", ["有", "没有", "不确定"]),
        ("机器生成的菜谱步骤合不合理：合理、基本合理、不合理。", ["合理", "基本合理", "不合理"]),
        ("Is the auto-caption right: right, partly right, wrong. About 3k clips.", ["right", "partly right", "wrong"]),
        ("Does the chatbot reply answer the question - yes, partially, no.", ["yes", "partially", "no"]),
        ("Was the courier on time: on time, late, not sure. 1,200 deliveries.", ["on time", "late", "not sure"]),
    ],
)
def test_a_list_after_a_question_is_its_answers(request_text, labels):
    assert _labels(request_text) == labels


@pytest.mark.parametrize(
    "request_text,labels",
    [
        # 批 of 批改 / 批注 is no batch ("第一批：")
        ("老师批注：恰当、部分恰当、不恰当。", ["恰当", "部分恰当", "不恰当"]),
        ("批改结果：正确、部分正确、错误。一共四千份。", ["正确", "部分正确", "错误"]),
        ("Reason for the return: wrong size, damaged, changed mind, other.", ["wrong size", "damaged", "changed mind", "other"]),
    ],
)
def test_a_noun_head_list_of_verdicts_is_the_label_set(request_text, labels):
    assert _labels(request_text) == labels


@pytest.mark.parametrize(
    "request_text",
    [
        # sources, channels, batches: not labels
        "我们有三个渠道：微信、电话、邮件。大概五千条对话。",
        "第一批：微博、抖音、小红书。",
        "We get messages from the app: email, chat, phone. About 5k in total.",
    ],
)
def test_lists_that_answer_no_question_are_no_labels(request_text):
    assert _labels(request_text) is None


# -- 2. a by-dimension list after a dash ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "request_text,labels",
    [
        (
            "Could you tag the voicemails from our clinic line by reason for calling — new appointment, prescription refill, test results, other? Around 2,500.",
            ["new appointment", "prescription refill", "test results", "other"],
        ),
        (
            "Please sort the bike-shop chat logs by what the customer wants: repair quote, parts order, rental, something else?",
            ["repair quote", "parts order", "rental", "something else"],
        ),
        ("把驾校学员的来电按来电原因分一下——约课、退费、考试安排、其他？", ["约课", "退费", "考试安排", "其他"]),
    ],
)
def test_values_after_a_sorting_dimension_are_the_labels(request_text, labels):
    assert _labels(request_text) == labels


# -- 3. a cap on the price with no budget word ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "request_text,amount,currency",
    [
        ("Tag 3,000 gym reviews by topic for under 1k.", 1000.0, "USD"),
        ("Sort the 6k warranty emails by product; keep it under 2k if you can.", 2000.0, "USD"),
        ("Label 800 podcast clips by topic. Budget: two thousand max.", 2000.0, "USD"),
        ("Label 800 podcast clips by topic, fifteen hundred tops.", 1500.0, "USD"),
        ("Need 5,000 listings classified for less than €900.", 900.0, "EUR"),
        ("五千条商品评论按问题类型分类，不超过八千。", 8000.0, "CNY"),
    ],
)
def test_a_cap_on_the_price_is_the_budget(request_text, amount, currency):
    budget = draft_of(request_text).how_much.budget
    assert budget.status == FieldStatus.stated
    assert budget.value == {"amount": amount, "currency": currency}


@pytest.mark.parametrize(
    "request_text",
    [
        "Tag the gym reviews by topic in under 1k hours of work.",
        "Tag gym reviews by topic, for under 1k reviews a day.",
        "Label the clips, under 1k per batch please.",
        "商品评论三千条左右，不超过五千，按问题类型分类。",
    ],
)
def test_a_cap_on_a_count_is_no_budget(request_text):
    assert draft_of(request_text).how_much.budget.status != FieldStatus.stated


# -- 4. the ask is no purpose; a reason after it is ---------------------------------------------------------------
@pytest.mark.parametrize(
    "goal,expected",
    [
        ("label our pharmacy calls to see which questions come up most", "see which questions come up most"),
        ("have the driver notes tagged so we can plan the routes", "we can plan the routes"),
        ("把这些报修单分一下类，以便安排维修师傅", "安排维修师傅"),
        ("label our pharmacy calls", None),
        ("把这些报修单分一下类", None),
        ("train our routing model", "train our routing model"),
    ],
)
def test_the_reason_after_an_ask(goal, expected):
    assert reason_after_ask(goal) == expected


def test_a_wished_ask_is_no_purpose_but_its_reason_is():
    asked = draft_of("We'd like to label our pharmacy calls by reason: refill, side effects, opening hours, other.")
    assert asked.why.business_goal.status == FieldStatus.missing
    reasoned = draft_of("We'd like to label our pharmacy calls to see which questions come up most.")
    assert reasoned.why.business_goal.value == "see which questions come up most"


# -- 5. examples of one label in brackets do not decide the task type --------------------------------------------------
@pytest.mark.parametrize(
    "request_text",
    [
        "驾校学员的反馈要分一下：投诉（教练态度差、车况差、约不上课）、咨询、建议、其他。一共四千条。",
        "Sort the museum's visitor messages into complaint (rude guard attitude, long queue), question, suggestion, other. About 2,000.",
    ],
)
def test_words_in_a_labels_examples_do_not_make_it_sentiment(request_text):
    task_type = draft_of(request_text).what.task_type
    assert task_type.value != TaskType.sentiment


def test_a_sentiment_request_with_bracketed_examples_stays_sentiment():
    draft = draft_of("把游客的点评按情感分：正面（夸导游、夸风景）、负面（态度差、排队久）、中性。三千条。")
    assert draft.what.task_type.value == TaskType.sentiment


@pytest.mark.parametrize(
    "request_text",
    ["药师写的用药提醒准不准：准确、部分准确、错误。", "Is the auto-caption accurate: accurate, partly accurate, inaccurate."],
)
def test_graded_verdicts_are_no_topics(request_text):
    assert draft_of(request_text).what.task_type.value != TaskType.topic_classification


def test_criteria_after_a_question_are_no_answers():
    from assistant.breakdown.label_answer_lists import answer_list_candidates
    from assistant.breakdown.request_labels import split_enumeration

    text = "We want someone to judge whether the replies are any good: polite, correct, no invented fees."
    assert answer_list_candidates(text, split_enumeration) == []
    assert [c.labels for c in answer_list_candidates("Are the replies polite: polite, neutral, rude.", split_enumeration)] == [["polite", "neutral", "rude"]]


@pytest.mark.parametrize(
    "request_text",
    [
        "Could you tag the voicemails from our clinic line by reason for calling — new appointment, prescription refill, test results, other?",
        "把驾校学员的来电按来电原因分一下——约课、退费、考试安排、其他？",
    ],
)
def test_the_reason_for_calling_is_what_the_caller_wants(request_text):
    assert draft_of(request_text).what.task_type.value == TaskType.intent_classification
