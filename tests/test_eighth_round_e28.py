"""Shapes read from set 28's misses (eighth round, e28), each tried on sentences of other domains, with near misses."""

from __future__ import annotations

import pytest

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_case_addenda import add_case_quoted
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


def _labels(text: str) -> list[str]:
    found = find_labels(text)
    assert found is not None, text
    return found.labels


def _type(text: str):
    found = find_labels(text)
    labels = (found.main or found.labels) if found else None
    return read_task_type(text, labels, ordinal=bool(found and found.ordinal))


# -- labels -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, labels",
    [
        # an inner "or" in a middle item of a comma list that closes with a catch-all
        ("Categories she gave: opening hours, lost or stolen card, fines, room booking, printer or scanner problem, everything else",
         ["opening hours", "lost or stolen card", "fines", "room booking", "printer or scanner problem", "everything else"]),
        ("Tag each call: boiler service, leak or burst pipe, quote request, radiator or valve fault, anything else",
         ["boiler service", "leak or burst pipe", "quote request", "radiator or valve fault", "anything else"]),
    ],
)
def test_inner_or_before_a_closing_catch_all(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_plain_or_list_still_splits() -> None:
    assert _labels("Tag each call as boiler service, quote request or radiator fault.") == ["boiler service", "quote request", "radiator fault"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Please check each dispensing note and mark it correct / small errors / wrong dose or wrong drug.",
         ["correct", "small errors", "wrong dose or wrong drug"]),
        ("Please listen to each voicemail and mark each message clear / small gaps / wrong name or wrong number.",
         ["clear", "small gaps", "wrong name or wrong number"]),
    ],
)
def test_an_inner_or_in_a_slash_run_stays_whole(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_slash_run_with_inner_or_is_a_grade_when_it_runs_good_to_bad() -> None:
    found = find_labels("Please check each dispensing note and mark it correct / small errors / wrong dose or wrong drug.")
    assert found is not None and found.ordinal


@pytest.mark.parametrize(
    "text, labels",
    [
        ("For each suggested reply the agent says: send as is / send with edits / not useful.",
         ["send as is", "send with edits", "not useful"]),
        ("Each draft clause gets one of: keep as is / keep with changes / drop.", ["keep as is", "keep with changes", "drop"]),
    ],
)
def test_as_is_is_part_of_the_name(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_as_still_leads_a_run() -> None:
    assert _labels("Mark each ticket as urgent / normal / low.") == ["urgent", "normal", "low"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Each review needs one of:\n - publish\n - publish with edits\n - hold — legal check\n - hold — other (spam, duplicates)\n",
         ["publish", "publish with edits", "hold — legal check", "hold — other"]),
        ("Each job gets one of:\n- book now\n- skip — out of area\n- skip — too small\n",
         ["book now", "skip — out of area", "skip — too small"]),
    ],
)
def test_a_head_shared_by_two_lines_keeps_what_follows_its_dash(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_dashed_glosses_of_distinct_heads_are_still_dropped() -> None:
    text = "Each job gets one of:\n- book now — customer confirmed\n- skip — out of area\n- later — call back next week\n"
    assert _labels(text) == ["book now", "skip", "later"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Fields to highlight in each booking email:\n• guest name\n• room type\n• price paid (and currency)\n• arrival date\n",
         ["guest name", "room type", "price paid (and currency)", "arrival date"]),
        ("Please mark in each invoice:\n- supplier\n- total (plus VAT)\n- invoice number\n", ["supplier", "total (plus VAT)", "invoice number"]),
    ],
)
def test_a_bracket_that_adds_to_the_name_stays(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_bracket_note_that_explains_is_still_dropped() -> None:
    text = "Please mark in each invoice:\n- supplier (company name)\n- total\n- invoice number\n"
    assert _labels(text) == ["supplier", "total", "invoice number"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Two caption tools, same photos. Can someone say which caption is better, A or B, or if they're about the same?",
         ["A", "B", "about the same"]),
        ("We'd like a reviewer to tell us which version reads better, A or B, or whether they're roughly the same.",
         ["A", "B", "roughly the same"]),
    ],
)
def test_which_is_better_with_an_if_theyre_the_same_tie(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text, labels",
    [
        ("我们有五千条菜谱，想找人逐条改写做法说明，实在改不了的标“删除”。", ["删除"]),
        ("产品库里的英文标题要人工改成中文，看不出来的标「待查」。", ["待查"]),
        ('Please fix each auto-caption by hand; if it cannot be saved, mark it "discard".', ["discard"]),
    ],
)
def test_a_writing_task_names_only_its_flag_for_the_undone(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_two_different_flags_are_not_one_lone_label() -> None:
    found = find_labels("逐条改写做法说明，改不了的标“删除”，看不清的标“待查”。")
    assert found is None or found.labels != ["删除"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("想请你们帮忙每条评价标一下：好评、中评、差评，有的一条里又夸又骂的，就标“褒贬都有”。", ["好评", "中评", "差评", "褒贬都有"]),
        ("家长留言分成：支持、中立、反对。说的事跟活动无关的，就标“无关”。", ["支持", "中立", "反对", "无关"]),
    ],
)
def test_a_case_after_the_list_adds_its_quoted_name(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels and not found.ordinal


def test_a_code_after_the_list_is_no_new_name() -> None:
    text = '想请你们把商品对分成：同款、相似款、不同款，拿不准的标"3"。'
    start = text.index("同款")
    chosen = Candidate(["同款", "相似款", "不同款"], "同款、相似款、不同款", start, text.index("，拿"), "inline")
    add_case_quoted(chosen, text)
    assert chosen.labels == ["同款", "相似款", "不同款"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("我们要做译文质检，错误类型：错译、漏译、术语错误、格式问题\n每处错误再分个严重程度：严重/一般/轻微",
         ["错译", "漏译", "术语错误", "格式问题", "严重", "一般", "轻微"]),
        ("病历核查，问题类型：缺项、写错、字迹不清\n每条问题再分个等级：高/中/低", ["缺项", "写错", "字迹不清", "高", "中", "低"]),
    ],
)
def test_a_second_set_graded_per_error(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text, labels",
    [
        ("用户常搜“充电宝”“数据线”却搜不到。想请你们评一下搜索结果：每个词看前10个，打 相关、部分相关、不相关。", ["相关", "部分相关", "不相关"]),
        ("顾客在小程序里搜“退烧药”“口罩”，结果很乱。每个搜索词看前20条，打 完全匹配、部分匹配、不匹配。", ["完全匹配", "部分匹配", "不匹配"]),
    ],
)
def test_grades_after_da_beat_the_quoted_queries(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "Please grade the top 5 results for our 80 most common searches as Good match / OK / Wrong.",
        "Reviewers say for each suggestion: usable as is / usable with edits / not useful.",
    ],
)
def test_everyday_grades_are_ordered(text: str) -> None:
    found = find_labels(text)
    assert found is not None and found.ordinal


def test_three_kinds_are_not_grades() -> None:
    found = find_labels("Please sort each email as billing / delivery / returns.")
    assert found is not None and not found.ordinal


# -- task type ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Details we need highlighted in the text:\n• patient name\n• drug\n• dose\n",
        "Things to be marked in each contract: parties, start date, notice period.",
    ],
)
def test_fields_highlighted_in_the_text_is_extraction(text: str) -> None:
    assert _type(text).task_type == TaskType.ner


@pytest.mark.parametrize(
    "text",
    [
        "Our vet dictates notes into an app. Please check the transcripts against the audio and mark each one ok / minor slips / wrong drug.",
        "客服电话的转写稿要对照录音核一遍，每条标 正确 / 有小错 / 错得多。",
    ],
)
def test_a_transcript_checked_against_its_recording_is_other(text: str) -> None:
    assert _type(text).task_type == TaskType.other


def test_a_weekly_digest_of_reviews_rated_for_accuracy_is_summarization() -> None:
    text = "我们把大众点评上的评论每周自动汇总成一段周报给老板看。想找人对照原评论给每份周报打分，1-5分，5分最准。"
    assert _type(text).task_type == TaskType.summarization_quality


def test_a_description_written_for_each_scanned_photo_is_image_description() -> None:
    text = "We scanned about 900 old postcards for the museum site. We'd like a short factual description written for each one, no guessing at places."
    assert _type(text).task_type == TaskType.image_description


@pytest.mark.parametrize(
    "text",
    [
        "hi - could you get the parents' comments on the new lunch menu rated 1-5 (1 = awful, 5 = best ever)? about 400 comments.",
        "想把住户对新物业的留言打个分，1-5分（1=很差，5=非常好），大概六百条。",
    ],
)
def test_a_scale_with_feeling_ends_over_comments_is_sentiment(text: str) -> None:
    assert _type(text).task_type == TaskType.sentiment


def test_a_scale_with_accuracy_ends_over_comments_is_not_sentiment_by_its_ends() -> None:
    text = "Please rate each AI reply to our customers' comments 1-5 (1 = inaccurate, 5 = fully accurate)."
    assert _type(text).task_type != TaskType.sentiment


@pytest.mark.parametrize(
    "text",
    [
        "We'd like the club's emails sorted by topic so each one lands with the right volunteer: Fixtures, Kit, Membership, Other.",
        "帮我们把业主来信按主题分一下，分给对应的同事处理：物业费、维修、噪音、其他。",
    ],
)
def test_topics_sorted_for_routing_are_asked(text: str) -> None:
    signal = _type(text)
    assert signal.confidence <= 0.5 and signal.ambiguous


def test_topics_with_no_routing_stay_confident() -> None:
    signal = _type("Please sort our newsletter replies by topic: Fixtures, Kit, Membership, Other.")
    assert signal.task_type == TaskType.topic_classification


def test_a_side_question_which_version_they_would_rather_read_is_a_second_ask() -> None:
    text = ("Please check each AI summary of our shift notes against the notes: accurate / missed something / wrong. "
            "For a few we also have the nurse's own summary; tell us which one the ward manager would rather read.")
    signal = _type(text)
    assert signal.task_type == TaskType.summarization_quality and signal.confidence <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Tenants text the site office all day; we want a bot to sort the messages before a person sees them. Buckets: repair, rent, noise, other.",
        "想在客服看到之前先把留言分好：退款、物流、其他。",
    ],
)
def test_sorting_before_a_person_sees_it_is_triage(text: str) -> None:
    assert _type(text).task_type == TaskType.intent_classification


def test_sorting_messages_with_no_person_waiting_is_not_triage_by_that_cue() -> None:
    from assistant.breakdown.task_plain_asks import PLAIN_CUES
    import re

    pattern = PLAIN_CUES[TaskType.intent_classification][0][0]
    assert re.search(pattern, "Please sort the messages before Friday into repair, rent, noise.", re.I) is None


@pytest.mark.parametrize(
    "text",
    [
        "Callers leave voice notes for our phone-in and we want a screening model before anything goes on air. Each one: play / play with cuts / don't play.",
        "婚礼大屏的留言在上墙之前要先筛一遍，每条标：可以上墙 / 不能上墙。",
    ],
)
def test_screening_before_it_goes_out_is_content_safety(text: str) -> None:
    assert _type(text).task_type == TaskType.content_safety
