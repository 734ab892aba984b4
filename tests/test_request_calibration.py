"""Task type calibrated on the structure of the evidence, labels in general list shapes, and numbers
never invented from a container or a corpus total. Wording here is in no dev set."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import FieldStatus

TODAY = date(2026, 11, 30)


def _type(text):
    named = find_labels(text)
    return read_task_type(text, named.labels if named else None, ordinal=bool(named and named.ordinal))


def _draft(text):
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft


# ---- task type: never confident when the evidence is thin or competing ----
@pytest.mark.parametrize(
    "text",
    [
        "Our museum has 5k visitor comment cards. Pull out the exhibit names? Or sort them by theme? Not sure yet, open to suggestions.",
        "食堂的意见簿有两千多条，要不要分成几个任务你们看着办，想知道大家说了啥。",
        "Members post reviews of our climbing gyms. Should we flag the abusive ones? Should we extract the route grades? Let us know.",
        "学生留言里一方面有人骂人要筛掉，另一方面想知道大家主要反映哪些方面的问题。",
        "顾客在点评里吐槽啥、对服务满不满意，还怀疑有人刷好评，帮忙标一下。",
    ],
)
def test_undecided_or_crowded_requests_are_asked_not_guessed(text):
    signal = _type(text)
    assert signal.ambiguous and signal.confidence <= 0.5


def test_a_type_resting_on_some_label_words_alone_is_low_confidence():
    signal = _type("For each pair of posts: related, loosely connected, or something else. 3k pairs.")
    assert signal.task_type.value == "search_relevance"
    assert signal.confidence <= 0.5 and signal.ambiguous


def test_a_label_set_typical_of_one_type_is_enough():
    signal = _type("Label each review positive, negative or neutral. 5k reviews.")
    assert signal.task_type.value == "sentiment" and signal.confidence > 0.5


@pytest.mark.parametrize(
    "text, expected",
    [
        ("两个翻译模型各出一版译文，请懂日语的同学比比看哪版译得更地道。", "response_preference"),
        ("新旧两个客服模型各给一个答复，看哪个更专业：左边好 / 右边好 / 一样好 / 都不行。", "response_preference"),
        ("把通话记录里面的报警人姓名、地址、电话圈出来。", "ner"),
        ("Please highlight the vessel name, berth and cargo type in each harbour log entry.", "ner"),
        ("图书馆的新书简介是自动生成的，想请人对照原文看看提要写得准不准。", "summarization_quality"),
        ("Rate each song's lyrics as clean, explicit or mature for our kids' mode.", "content_safety"),
        ("用户在社区里的求助帖，想按求助类型归一下类，看看主要是哪几类。", "topic_classification"),
    ],
)
def test_general_wordings_of_a_type(text, expected):
    assert _type(text).task_type.value == expected


# ---- numbers: containers, corpus totals and sizes are not the item volume ----
@pytest.mark.parametrize(
    "text, expected",
    [
        ("我们有120本教材，每本约50段课文，一共6000段，想标注难度：易、中、难。", 6000),
        ("We cut the audio of 25 podcast episodes into sentences, roughly 9,000 sentences in total. Tag each as ad or content.", 9000),
        ("Sample: 30 schools x 20 essays = 600 essays. Score each 1-6.", 600),
        ("题库存量有8万道题，先标2万道，分成简单、中等、困难。", 20000),
        ("The archive holds 40k letters; we only want to start with 2,500 of them. Tag each as personal or business.", 2500),
    ],
)
def test_the_volume_is_the_items_not_their_containers_or_the_whole_corpus(text, expected):
    volume = _draft(text).how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == expected, volume
    assert volume.evidence in text


@pytest.mark.parametrize(
    "text",
    [
        "Our museum has 3,000 object records, but we only need the ones without a photo, maybe half. Tag each as complete or incomplete.",
        "馆藏档案一共两百万字，按册算是三百多册，需要把人名、地名标出来。",
        "We recorded 12 court hearings and will split them into utterances. Tag each as question or answer.",
    ],
)
def test_a_count_that_is_not_the_item_volume_is_never_stated(text):
    draft = _draft(text)
    volume = draft.how_much.volume
    assert volume.status != FieldStatus.stated, volume
    assert any(q.field == "how_much.volume" for q in draft.questions)


def test_a_per_item_time_after_the_count_does_not_make_it_a_container():
    volume = _draft("评论五千条，每条大概20秒，标成正面、负面。").how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == 5000


# ---- team sizes: any people, named by any noun, with the work they will do ----
@pytest.mark.parametrize(
    "text, expected",
    [
        ("客服中心的工单要分类：咨询、投诉、建议。我们5个班长一起标。", 5),
        ("图书馆想给古籍标人名地名，出3个馆员帮着标。", 3),
        ("Tag each post as question or answer. We have 12 volunteers signed up.", 12),
        ("Mark each clip safe or unsafe. Two night-shift dispatchers can help label.", 2),
        ("Label each abstract relevant or not. Six of our curators can help.", 6),
        ("Rate each menu item photo good or bad; our 3 chefs will split the work.", 3),
    ],
)
def test_team_size_in_any_wording(text, expected):
    team = _draft(text).who.annotator_profile
    assert team.status == FieldStatus.stated and team.value["count"] == expected, team


@pytest.mark.parametrize(
    "text",
    [
        "三个月标完，标成正面、负面。",
    ],
)
def test_counts_that_are_not_a_team_stay_missing(text):
    assert _draft(text).who.annotator_profile.status != FieldStatus.stated


# ---- deadlines and time per item ----
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tag each memo urgent or routine. We need it before the board retreat on Feb 3.", "2027-02-03"),
        ("Label each review positive or negative. Deadline 28/02.", "2027-02-28"),
        ("Mark each ad compliant or not, by mid-March please.", "2027-03-15"),
    ],
)
def test_deadlines_with_a_cue_anywhere_in_the_clause(text, expected):
    deadline = _draft(text).when.deadline
    assert deadline.status == FieldStatus.stated and deadline.value == expected, deadline


def test_a_past_date_is_not_a_deadline():
    assert _draft("Tag each email spam or not. We had a vendor do this before, finished on Jan 12 last year.").when.deadline.status != FieldStatus.stated


def test_time_per_item_for_any_item_noun():
    assert _draft("Rate each poem 1-5, roughly 45 seconds per stanza.").how_much.time_per_item.value == 45


# ---- labels: lists read wherever and however they are written ----
@pytest.mark.parametrize(
    "text, expected",
    [
        ("请按风险等级标注：\nⅠ级（极高）\nⅡ级（高）\nⅢ级（中）\n数据约五千条。", ["Ⅰ级", "Ⅱ级", "Ⅲ级"]),
        ("Sort each bug report by priority:\nP0 - outage\nP1 - degraded\nP2 - cosmetic\nAbout 800 reports.", ["P0", "P1", "P2"]),
        ("想按来访目的分一下：\n· 看房\n· 签约\n· 退租\n其余算咨询。", ["看房", "签约", "退租", "咨询"]),
        ("食品抽检报告标A、B、C三档（A合格，B需复检，C不合格）。", ["A", "B", "C"]),
        ("把投诉分成：噪音、漏水（含渗水）、停车、其他。", ["噪音", "漏水", "停车", "其他"]),
        ("想把工单里面的设备编号、故障部位、维修人标出来。", ["设备编号", "故障部位", "维修人"]),
        ("Each film should be rated G, PG, PG-13 or R by our reviewers.", ["G", "PG", "PG-13", "R"]),
        ("We want each call tagged by what the caller needs — report an outage, pay a bill, move house, or something else.", ["report an outage", "pay a bill", "move house", "something else"]),
        ("Please mark the vessel name, berth and cargo type in each harbour log entry, e.g. \"MV Alba, berth 4, grain\".", ["vessel name", "berth", "cargo type"]),
        ("Assign each essay a level: Beginner → Intermediate → Advanced.", ["Beginner", "Intermediate", "Advanced"]),
        ("标签分为：夸大宣传（最、第一）、诱导消费（限时、秒杀）、正常。", ["夸大宣传", "诱导消费", "正常"]),
    ],
)
def test_label_lists_in_general_shapes(text, expected):
    named = find_labels(text)
    assert named is not None and named.labels == expected, named


def test_an_arrowed_list_is_ordinal():
    assert find_labels("Assign each essay a level: Beginner → Intermediate → Advanced.").ordinal


def test_a_count_of_tasks_is_not_a_label():
    named = find_labels("要不要分成两个任务你们看着办，一个月内要。")
    assert named is None or not any("任务" in label for label in named.labels)


@pytest.mark.parametrize(
    "text",
    [
        "Not sure if this is one labeling job or two, honestly.",
        "Could someone pull out the defect and where on the part it is?",
        "Crew notes go into the shift log, e.g. \"pump 3 leaking\". We want them labelled somehow.",
    ],
)
def test_words_of_the_sentence_are_not_a_label_list(text):
    assert find_labels(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Tag each photo as blurry or sharp. 300 photos are available right now.",
        "Tag each comment as spam or fine. 250 users signed up last month.",
    ],
)
def test_items_or_users_that_are_available_are_not_a_team(text):
    assert _draft(text).who.annotator_profile.status != FieldStatus.stated


def test_a_money_total_after_the_count_is_not_the_volume():
    volume = _draft("1,000 reviews to tag positive or negative; budget is 5,000 USD in total.").how_much.volume
    assert volume.status == FieldStatus.stated and volume.value == 1000, volume
