"""Shapes found by trying ordinary requests by hand (2026-12-03, sixth hand trial), each with sentences of its own."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.offline import offline_draft
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import FieldStatus, TaskType

TODAY = date(2026, 12, 3)


def _draft(text: str):  # type: ignore[no-untyped-def]
    return offline_draft(text, [], {}, TODAY)[0]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("帮我们看看业主群里哪些消息算是违规广告，哪些是正常聊天，哪些是物业通知。", ["违规广告", "正常聊天", "物业通知"]),
        ("请把学员留言过一遍，看看哪些是问课程的、哪些是要退费的、哪些是夸老师的", ["问课程", "要退费", "夸老师"]),
        ("Go through the forum posts and tell us which ones are bug reports, which are how-to questions and which are just rants.",
         ["bug reports", "how-to questions", "rants"]),
    ],
)
def test_parallel_which_clauses_name_the_labels(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_one_which_question_is_no_list() -> None:
    assert find_labels("Which ones are urgent? We have 300 tickets to go through.") is None


@pytest.mark.parametrize(
    "text, last",
    [
        ("Sort the voicemails into reschedules, billing questions, or just saying thanks.", "saying thanks"),
        ("Tag each card as a complaint, a suggestion or a thank you", "thank you"),
        ("label the notes as praise, complaint or thank-you note", "thank-you note"),
    ],
)
def test_a_thanks_inside_a_label_is_kept(text: str, last: str) -> None:
    found = find_labels(text)
    assert found is not None and found.labels[-1].removeprefix("just ") == last  # "just chatting" keeps its "just" too


def test_a_closing_thanks_is_still_no_label() -> None:
    found = find_labels("Sort these into refund, delivery or other. Thanks!")
    assert found is not None and found.labels == ["refund", "delivery", "other"]


def test_a_lead_word_of_place_is_no_part_of_the_first_field() -> None:
    found = find_labels("麻烦把报修单过一遍，标出其中的小区名、楼栋号、报修项目")
    assert found is not None and found.labels == ["小区名", "楼栋号", "报修项目"]


def test_agreement_wished_as_a_verb_is_the_target_and_no_share_of_the_volume() -> None:
    draft = _draft("Rate each chatbot answer 1 to 3. Two people per answer, and we want them to agree at least 85% of the time. 700 answers.")
    assert draft.how_much.target_agreement.status == FieldStatus.stated and draft.how_much.target_agreement.value == 0.85
    assert draft.how_much.volume.status == FieldStatus.stated and draft.how_much.volume.value == 700
    assert draft.why.business_goal.status != FieldStatus.stated


def test_an_agreement_from_before_is_no_target() -> None:
    draft = _draft("Last spring the raters only agreed 60% of the time; tag 300 chats as spam or not.")
    assert draft.how_much.target_agreement.status != FieldStatus.stated


def test_a_share_for_sampling_still_counts() -> None:
    draft = _draft("We have 10,000 reviews; please label 20% of them.")
    assert draft.how_much.volume.value != 10000 or draft.how_much.volume.status != FieldStatus.stated


@pytest.mark.parametrize(
    "text",
    [
        "We run a dog grooming salon. Please sort our booking messages into reschedules, prices and complaints.",
        "Our pet grooming business gets lots of reviews; tag them as happy, unhappy or mixed.",
    ],
)
def test_grooming_of_pets_is_no_moderation_cue(text: str) -> None:
    found = find_labels(text)
    signal = read_task_type(text, found.labels if found else None)
    assert signal.task_type != TaskType.content_safety


def test_grooming_in_a_child_safety_request_still_is() -> None:
    text = "Flag chats in our kids' gaming app that look like grooming; about 5k chats."
    assert read_task_type(text, None).task_type == TaskType.content_safety


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Please go through our 400 workshop reviews and mark each one 1-4 for how satisfied the customer sounds.", ["1", "2", "3", "4"]),
        ("tag each call 1-3 for how polite the agent was", ["1", "2", "3"]),
    ],
)
def test_a_range_after_a_marking_verb_is_a_scale(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels and found.ordinal


def test_a_range_of_counts_after_a_marking_verb_is_no_scale() -> None:
    assert find_labels("mark each page 1-2 times") is None


def test_whether_its_about_leads_the_first_label_only_as_words() -> None:
    found = find_labels("Please label each letter with whether it's about parking, noise, bins or street lights.")
    assert found is not None and found.labels == ["parking", "noise", "bins", "street lights"]


def test_which_clauses_with_examples_in_brackets() -> None:
    en = find_labels("Tell us which posts are questions (hours, parking, etc.), which are complaints and which are just people being nice.")
    zh = find_labels("看看哪些是问价的（多少钱、有没有优惠），哪些是催发货的")
    assert en is not None and en.labels == ["questions", "complaints", "people being nice"]
    assert zh is not None and zh.labels == ["问价", "催发货"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("想把会员的留言分一下：问课程的、问退费的、约时间的，其他的不用管。", ["问课程", "问退费", "约时间"]),
        ("把报修单分下：水电的、门窗的、电梯的", ["水电", "门窗", "电梯"]),
    ],
)
def test_a_plain_sort_verb_before_a_colon_frames_the_list_and_the_rest_is_left_out(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_a_triage_option_with_this_week_in_it_is_a_label() -> None:
    found = find_labels("Please tag each message as: needs groceries this week, asking about events, wants to donate, or other.")
    assert found is not None and found.labels == ["needs groceries this week", "asking about events", "wants to donate", "other"]


def test_about_the_same_keeps_its_about() -> None:
    found = find_labels("Tag each pair as old better, new better, or about the same")
    assert found is not None and found.labels[-1] == "about the same"


@pytest.mark.parametrize(
    "text, volume",
    [
        ("Sort our inbox into orders, returns or other. There are two and a half thousand emails.", 2500),
        ("We've got one and a half thousand survey answers to tag as happy or unhappy.", 1500),
    ],
)
def test_a_half_after_the_thousands_is_counted(text: str, volume: int) -> None:
    draft = _draft(text)
    assert draft.how_much.volume.value == volume  # was read as 1000 from the bare "thousand emails"
    assert draft.how_much.volume.evidence and draft.how_much.volume.evidence in text


def test_flags_asked_as_one_relative_clause_with_yes_no_each() -> None:
    found = find_labels("Can you go over our job ads and flag any that ask for a photo, mention age, or require a car? Yes/no for each.")
    assert found is not None and found.labels == ["ask for a photo", "mention age", "require a car"]


def test_a_relative_clause_without_yes_no_is_left_to_the_other_readers() -> None:
    found = find_labels("Flag those that look fake.")
    assert found is None or "look fake" not in found.labels


def test_a_count_in_brackets_after_the_items_is_the_volume() -> None:
    draft = _draft("Could someone sort our support tickets (about 2,600) into billing, bugs or other?")
    assert draft.how_much.volume.value == 2600 and draft.how_much.volume.evidence == "tickets (about 2,600)"
    assert _draft("Our annotators (3) will tag the answers as right or wrong.").how_much.volume.value != 3


def test_a_rest_that_cannot_be_told_apart_is_the_catch_all() -> None:
    found = find_labels("把投诉理由归一下类：配送慢、包装破、少发漏发，实在分不出来的放其他。")
    assert found is not None and found.labels == ["配送慢", "包装破", "少发漏发", "其他"]


def test_one_answer_a_line_under_a_line_that_asks_for_it() -> None:
    text = "We have 90 meeting summaries. For each one please say:\n• accurate as is\n• leaves out a decision\n• wrong\n"
    found = find_labels(text)
    assert found is not None and found.labels == ["accurate as is", "leaves out a decision", "wrong"]


def test_an_or_inside_one_item_of_a_long_comma_list_joins_that_item() -> None:
    text = "Please sort the calls into: new order, change or cancel order, delivery question, complaint, other."
    found = find_labels(text)
    assert found is not None and found.labels == ["new order", "change or cancel order", "delivery question", "complaint", "other"]


def test_a_blank_line_between_the_head_and_its_defined_lines() -> None:
    text = "Could you grade each answer:\n\nSpot on - nothing to fix\nClose - small slip\nOff - wrong or made up\n\nThanks!"
    found = find_labels(text)
    assert found is not None and found.labels == ["Spot on", "Close", "Off"]
