"""Cue words in examples, quoted strings, scale definitions and quoted earlier messages describe the data or
the conversation, not the task: they never make a confident type on their own (issue 11).

A requester who has not settled the task, or whose people want different tasks, is asked, whatever the cues.
The sentences are written for this behaviour in domains the dev sets do not contain.
"""

from __future__ import annotations

import re

import pytest

from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_asides import UNSETTLED, aside_spans, in_aside
from assistant.breakdown.task_signals import LOW_CONFIDENCE, TaskSignal, read_task_type
from assistant.core.models import TaskType


def _read(text: str) -> TaskSignal:
    named = find_labels(text)
    return read_task_type(text, (named.main or named.labels) if named else None, ordinal=bool(named and named.ordinal))


@pytest.mark.parametrize(
    "text, word",
    [
        ('Rate each answer 1-3 (e.g. "route me to billing" should get a 1).', "route"),
        ("每条评1-3分，比如“转人工客服”这种说法算1分。", "转人工"),
        ("> From: Dana\n> Can you sort the tickets by intent?\nThanks, here are the answers.", "intent"),
        ("Score 1-4, where 1 = harmful or misleading and 4 = fully correct.", "misleading"),
    ],
)
def test_examples_quotes_and_scale_points_are_asides(text: str, word: str) -> None:
    at = text.lower().find(word.lower())
    assert in_aside(aside_spans(text), at, at + len(word))


def test_the_ask_itself_is_not_an_aside() -> None:
    text = "Please sort the tickets by intent. Example: a refund question goes to billing."
    at = text.find("intent")
    assert not in_aside(aside_spans(text), at, at + len("intent"))


@pytest.mark.parametrize(
    "text",
    [
        # a routing word and a harm word only inside a quoted example and a scale definition
        'We have 900 museum audio-guide answers to score 1-4 for accuracy (4 = all correct, 1 = wrong or misleading). A wrong gallery number ("Route 3" instead of "Room 3") is a 1.',
        # a sentiment word only inside the example of what an item looks like
        'Each row is a garage invoice; for example "customer very angry about the delay" may appear in the notes. Grade each row 1-3 for how complete it is.',
        # a safety word only in the quoted earlier message
        "Thanks, see below.\n\n> Do you need these reviewed for toxic content too?\n\nNo. We need each recipe scored 1-5 for how easy it is to follow.",
        "每条菜谱评1-5分，看步骤清不清楚。比如“这个骗子菜谱根本做不出来”这种留言不用管。",
        # a feeling only in a remark given for context
        "School newsletter emails, 2,000 of them, to grade 1-3 for clarity. For context, furious parents reply to some of them, but we only want clarity.",
    ],
)
def test_a_cue_only_in_an_aside_gives_no_confident_type(text: str) -> None:
    signal = _read(text)
    assert signal.task_type not in (TaskType.intent_classification, TaskType.content_safety, TaskType.sentiment) or signal.confidence <= LOW_CONFIDENCE, (
        signal.task_type,
        signal.confidence,
        signal.scores,
    )


@pytest.mark.parametrize(
    "text",
    [
        "园区物业这边的工单大概五千条，具体要标什么我们内部还没统一，你们是专业的，建议一下？",
        "健身房会员的退卡留言，我也说不好标啥，你们先看看怎么弄合适。",
        "图书馆读者留言：馆长的意思是看看读者满不满意，但是采编部那边又想知道大家都在问哪些书。",
        "Library patron comments, about 3k. The director wants to know whether patrons are happy, but the acquisitions team would rather know which books people ask about.",
        "We have 5,000 hotel chat logs but we haven't agreed on what to label yet. What would you suggest?",
        "Gym cancellation notes - honestly not aligned internally on what we want tagged, open to your advice.",
    ],
)
def test_an_unsettled_or_split_request_is_asked(text: str) -> None:
    signal = _read(text)
    assert signal.ambiguous and signal.confidence <= LOW_CONFIDENCE, (signal.task_type, signal.confidence, signal.scores)


@pytest.mark.parametrize(
    "text",
    [
        "Our supplement brand's influencer posts need a compliance review before the new FTC rules: mark each one approved, needs edit or reject.",
        "Crypto exchange banner ads: reject anything that implies guaranteed returns or targets teens; otherwise compliant or needs edit. 3,000 banners.",
        "保健品直播话术要做合规审核，有没有违反广告法的说法，比如保本稳赚、包治百病，每条标合规或不合规。",
    ],
)
def test_content_checked_against_rules_is_content_safety(text: str) -> None:
    signal = _read(text)
    assert signal.task_type == TaskType.content_safety, (signal.task_type, signal.confidence, signal.scores)


@pytest.mark.parametrize(
    "text",
    [
        "Recipe chatbot, old vs new answers: 800 questions answered by both, we want a head-to-head, mark old, new or same.",
        "Two voice assistants answered the same 500 questions. Head to head: which reply is better, or tie?",
        "法律咨询机器人新旧两版的回答，想做head-to-head对比，看哪个回答得更准确。",
    ],
)
def test_a_head_to_head_is_a_preference(text: str) -> None:
    signal = _read(text)
    assert signal.task_type == TaskType.response_preference, (signal.task_type, signal.confidence, signal.scores)


@pytest.mark.parametrize(
    "text",
    [
        "医保局热线留言约一万条，按涉及险种划分为职工医保、居民医保、生育保险、其他四类。",
        "市场监管投诉平台的留言，按所属行业分为餐饮、零售、教育培训、其他。",
        "Sort the 6,000 council emails by the service they relate to: waste, parking, housing, parks, other.",
    ],
)
def test_sorting_by_what_each_item_concerns_is_topics(text: str) -> None:
    signal = _read(text)
    assert signal.task_type == TaskType.topic_classification, (signal.task_type, signal.confidence, signal.scores)


def test_subject_lines_are_data_not_subjects() -> None:
    signal = _read("Our newsletter email subject lines (4,000 of them) need each marked as compliant, needs edit or reject before the new advertising rules apply.")
    assert signal.task_type != TaskType.topic_classification or signal.confidence <= LOW_CONFIDENCE, (signal.task_type, signal.confidence, signal.scores)


@pytest.mark.parametrize(
    "text",
    [
        "我们想标情绪，但这边的数据量很大，要快点。",
        "The client wants labels fast but wants the quality high too.",
        "We want each review marked positive, negative or neutral; the budget is tight but fixed.",
    ],
)
def test_one_party_with_one_ask_is_not_unsettled(text: str) -> None:
    assert re.search(UNSETTLED, text, re.I) is None
