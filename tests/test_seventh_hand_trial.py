"""Shapes found by trying ordinary requests by hand (2026-12-03, seventh hand trial), each with sentences of its own."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


def _labels(text: str) -> list[str]:
    found = find_labels(text)
    assert found is not None, text
    return found.labels


@pytest.mark.parametrize(
    "text, labels",
    [
        # a content verb between the thing judged and the options
        ("Please help us label 300 photos from our allotment show: for each one say whether it shows vegetables, flowers, fruit, or the whole plot.",
         ["vegetables", "flowers", "fruit", "whole plot"]),
        ("Check whether the email asks about refunds, delivery times, or sizing.", ["refunds", "delivery times", "sizing"]),
        ("We need to know if each caller needs a plumber, an electrician or a locksmith.", ["plumber", "electrician", "locksmith"]),
        ("Can someone note whether each note mentions pain, sleep, or appetite?", ["pain", "sleep", "appetite"]),
    ],
)
def test_whether_it_verb_a_b_or_c(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text, labels",
    [
        ("For each card, is the visitor happy, neutral or unhappy, and does it mention the café, the toilets, the exhibitions or the staff?",
         ["happy", "neutral", "unhappy", "café", "toilets", "exhibitions", "staff"]),
        ("For each review: is the guest pleased, indifferent or annoyed, and is it about the room, the breakfast or the pool?",
         ["pleased", "indifferent", "annoyed", "room", "breakfast", "pool"]),
    ],
)
def test_a_second_question_about_the_same_item_adds_its_options(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_articles_of_every_option_are_the_sentences() -> None:
    assert _labels("Tag the kitchen, the garden or the garage for each photo.") == ["kitchen", "garden", "garage"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("想请你们帮忙看看每条留言是在问价格、问配送、投诉商品质量，还是别的。", ["问价格", "问配送", "投诉商品质量", "别的"]),
        ("帮忙看看每个电话是在催单、问进度，还是投诉。", ["催单", "问进度", "投诉"]),
    ],
)
def test_the_thing_judged_and_its_shi_zai_come_before_the_list(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text, labels",
    [
        ("我们驾校学员的评价，好评差评中评分一下。", ["好评", "差评", "中评"]),
        ("把评论按正面负面中性分一下", ["正面", "负面", "中性"]),
        ("顾客留言 好评中评差评 三种", ["好评", "中评", "差评"]),
    ],
)
def test_a_pair_and_its_middle_written_back_to_back(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_tail_on_the_last_name_speaks_of_every_name() -> None:
    assert _labels("帮我看看每条说的是咸淡、软硬、份量还是价格的问题。") == ["咸淡", "软硬", "份量", "价格"]
    assert _labels("标一下是针对陪诊员态度、准时、专业度哪个方面。") == ["陪诊员态度", "准时", "专业度"]


def test_a_one_character_grade_is_a_name() -> None:
    assert _labels("看看病人是觉得好、一般还是不好") == ["好", "一般", "不好"]
    assert find_labels("把名字找出来、还有") is None


def test_lai_da_guanggao_is_part_of_the_name() -> None:
    labels = _labels("想把私信分成：问车况的、约看车、问贷款、还有同行来打广告的。")
    assert labels[-1] == "同行来打广告"
    assert _labels("按满意、一般、不满意来打分") == ["满意", "一般", "不满意"]


def test_bulleted_questions_with_their_options_in_brackets() -> None:
    text = (
        "For each visit, we want to know:\n"
        "- was the patient seen on time? (yes/no)\n"
        "- how was the nurse? (kind / neutral / rude)\n"
        "- main topic of the note (medication, diet, mobility)\n"
        "Due end of January."
    )
    assert _labels(text) == ["yes", "no", "kind", "neutral", "rude", "medication", "diet", "mobility"]


def test_we_want_to_know_before_the_questions_is_no_purpose() -> None:
    from assistant.breakdown.offline import offline_draft
    from datetime import date

    draft = offline_draft(
        "Please annotate 900 chats. For each chat, we want to know:\n- was it solved? (yes/no)\n- mood (calm, upset)",
        [], {}, date(2026, 12, 3),
    )[0]
    assert draft.why.business_goal.value in (None, "")


def test_a_dash_after_the_last_name_closes_the_list() -> None:
    assert _labels("Reviews should be tagged by theme - staff, rooms, breakfast, parking - one review can have several.") == [
        "staff", "rooms", "breakfast", "parking"]
    assert _labels("Sort them into billing, shipping or other - anything that fits nowhere else.") == ["billing", "shipping", "other"]


@pytest.mark.parametrize(
    "text, ordinal",
    [
        ("给外卖差评分个类：送餐慢、餐洒了、少送、口味差、包装差", False),  # 差评 + 分个类 is no 评分
        ("Pothole reports need sorting by severity: dangerous, serious, minor.", True),
    ],
)
def test_order_of_the_list(text: str, ordinal: bool) -> None:
    found = find_labels(text)
    assert found is not None and found.ordinal is ordinal


def _breakdown(text: str):  # type: ignore[no-untyped-def]
    from datetime import date

    from assistant.breakdown.offline import offline_draft

    return offline_draft(text, [], {}, date(2026, 12, 3))[0]


def test_some_of_your_people_is_the_team() -> None:
    draft = _breakdown("About 6,000 listings need a category (Homes, Flats, Land). Could 3 of your annotators handle it by the 18th?")
    assert draft.who.annotator_profile.value == {"count": 3} or draft.who.annotator_profile.value.get("count") == 3


@pytest.mark.parametrize(
    "text, deadline",
    [
        ("Mark 900 calls as urgent or not urgent. Half by Monday, the rest by the end of next week.", "2026-12-11"),
        ("Label 800 reviews as good or bad. First 300 by Friday and the remainder by 18 December please.", "2026-12-18"),
    ],
)
def test_the_rest_is_due_last(text: str, deadline: str) -> None:
    assert _breakdown(text).when.deadline.value == deadline


@pytest.mark.parametrize(
    "text, deadline",
    [("论坛帖子大概两万条，要两个人交叉标，月底给。", "2026-12-31"), ("一共三千条截图，周五给。", "2026-12-04")],
)
def test_gei_closing_the_clause_is_a_delivery(text: str, deadline: str) -> None:
    assert _breakdown(text).when.deadline.value == deadline


def test_also_mark_which_part_opens_a_second_set_not_more_items() -> None:
    text = ("For ~2k photos, label the damage type: scratch, dent, broken part, water damage, or no visible damage. "
            "Also mark which part of the furniture (leg, top, door, drawer, other). 3 people, by Jan 8.")
    assert _labels(text) == ["scratch", "dent", "broken part", "water damage", "no visible damage", "leg", "top", "door", "drawer", "other"]


def test_a_one_character_grade_after_named_grades() -> None:
    assert _labels("请对医生回复做个质量评估，分成四档：优秀、良好、一般、差。") == ["优秀", "良好", "一般", "差"]


def test_a_scale_word_of_the_sentence_before_orders_nothing() -> None:
    found = find_labels("会员在APP里给教练打分并留言。想把留言标一下：表扬教练、投诉教练、课程安排建议、器材问题，其他的归到\"其他\"。")
    assert found is not None and found.ordinal is False


def test_a_dash_then_a_second_question_closes_the_first_list() -> None:
    text = ("For each one tell me (a) which room it's about - kitchen, bathroom, bedroom, garden - and (b) whether the "
            "tenant sounds urgent: yes, no, or unsure?")
    assert _labels(text) == ["kitchen", "bathroom", "bedroom", "garden", "yes", "no", "unsure"]


@pytest.mark.parametrize(
    "text, volume",
    [("I'd like someone to judge 300 of its answers: correct or wrong.", 300), ("Please check 450 of our transcripts for errors.", 450)],
)
def test_a_count_of_the_verbs_object_from_our_data(text: str, volume: int) -> None:
    assert _breakdown(text).how_much.volume.value == volume


def test_with_abbreviated_is_no_separator_and_areas_equal_a_list() -> None:
    text = 'quick one: need ~600 support tickets tagged w/ product area. areas = billing, mobile app, web dashboard, integrations. oh and add "security" too. thx!'
    assert _labels(text) == ["billing", "mobile app", "web dashboard", "integrations", "security"]


def test_which_data_to_start_with_is_no_purpose() -> None:
    draft = _breakdown("Following our call - we'd like to start with the customer feedback from our spring campaign. "
                       "About 3,500 responses, each positive / negative / mixed, by 19 December.")
    assert draft.why.business_goal.value in (None, "")


def test_an_or_inside_the_first_item_of_a_long_list() -> None:
    text = "Could you classify them into: lost or stolen card, fees, app login, branch hours, mortgage, other?"
    assert _labels(text) == ["lost or stolen card", "fees", "app login", "branch hours", "mortgage", "other"]


def test_flag_it_too_names_no_label() -> None:
    text = 'Mark each draft as "publish", "small edits" or "rewrite". If it makes a medical claim, flag it too.'
    assert _labels(text) == ["publish", "small edits", "rewrite"]


def test_dimensions_with_articles_each_with_options_in_brackets() -> None:
    text = ("For each review we'd like: the room type (single, double, suite), and the main complaint "
            "(noise, cleanliness, staff, price). Thanks!")
    assert _labels(text) == ["single", "double", "suite", "noise", "cleanliness", "staff", "price"]


def test_does_the_photo_show_a_b_or_c() -> None:
    text = "Please tag the garden photos: does the photo show the lawn itself, a pond, birds, people, or something else? About 3k photos."
    assert _labels(text) == ["lawn itself", "pond", "birds", "people", "something else"]


@pytest.mark.parametrize(
    "text",
    [
        "For our gardening app, please tag the photos as lawn, pond or other. About 3k photos.",
        "We want to know if the driver was: polite, OK, or rude. 4,000 reviews, due Jan 5.",
    ],
)
def test_whose_data_and_the_labels_question_are_no_purpose(text: str) -> None:
    assert _breakdown(text).why.business_goal.value in (None, "")


def test_data_for_a_model_is_still_a_purpose() -> None:
    assert _breakdown("We need 2,000 labelled queries for our new search model.").why.business_goal.value == "new search model"


def test_a_want_before_the_list_is_still_a_purpose() -> None:
    draft = _breakdown("Hotel emails. We want them routed to the right desk automatically: bookings, billing, complaints. 3k emails.")
    assert draft.why.business_goal.value and "routed" in draft.why.business_goal.value


def test_ranhou_zai_biao_opens_a_second_set_in_brackets() -> None:
    text = "要标的是来电人的态度：友好、一般、不耐烦。然后再标一下事情有没有办成（办成了/没办成）。下周五前。"
    assert _labels(text) == ["友好", "一般", "不耐烦", "办成了", "没办成"]
