"""Everyday requests as owners of small businesses type them: labels named in passing, and the words that say the
task type. Our own sentences, from domains of no development set."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a time or a wish after the list closes it
        ("Could somebody go over 300 of the chatbot's replies and grade each helpful / so-so / useless, before the open house (Jan 9)?",
         ["helpful", "so-so", "useless"]),
        ("Please tag every voicemail: new patient, refill request, billing question, or wrong number - ideally by the end of the month.",
         ["new patient", "refill request", "billing question", "wrong number"]),
        # "say X / Y" and the pairwise choice named in passing
        ("We merged two customer lists; look at the 640 flagged pairs and say same household / different household, by next Monday.",
         ["same household", "different household"]),
        ("Read each pair of product blurbs and tell me which version is better, A or B, or about the same? Keep it quick.",
         ["A", "B", "about the same"]),
        # fields pulled "out of" documents
        ("Can someone pull the tenant names, unit numbers, lease end dates and monthly rents out of our old lease scans?",
         ["tenant names", "unit numbers", "lease end dates", "monthly rents"]),
        # "mark each part: …" under a bullet
        ("What I need:\n- take 200 menu searches\n- mark each dish: right dish, close enough (same dish, other size), or wrong dish",
         ["right dish", "close enough", "wrong dish"]),
        # a label added on the list's next numbered line, and one added as "its own category"
        ("1. Each review marked happy, unhappy, or mixed\n2. Empty ones or just emojis marked as no comment\n3. About 900 reviews",
         ["happy", "unhappy", "mixed", "no comment"]),
        ("Sort the inbox by what the client wants: quote request, change of plans, payment, or general update. "
         "Anything about a cancelled trip should be its own category too - cancellation.",
         ["quote request", "change of plans", "payment", "general update", "cancellation"]),
        # an "or" inside comma items
        ("Please sort the tickets: login or password trouble, printer or scanner jam, new laptop, or something else.",
         ["login or password trouble", "printer or scanner jam", "new laptop", "something else"]),
        # flagged kinds after "things like"
        ("We want help marking which posts we should have taken down, things like fake reviews or anything that mentions a rival shop, "
         "photos of other people's kids, or posts that are just angry rants.",
         ["fake reviews", "anything that mentions a rival shop", "photos of other people's kids", "posts that are just angry rants"]),
        # a yes/no question over the first item of a longer list
        ("仓库监控每天截图，想找人看图标一下：有没有货物倒了、通道堵了、叉车乱停，没事的就标正常。",
         ["货物倒了", "通道堵了", "叉车乱停", "正常"]),
        # a slash run scored with the verb after it, beside a 有没有 question
        ("想请人对着原文检查 300 篇 AI 写的新闻稿，看有没有写错的，按 好 / 还行 / 不行 打个分就行。", ["好", "还行", "不行"]),
        # one quoted name per numbered step
        ("要做的是：\n一、对着照片把手写的体检表录成文字\n二、血压栏空着的，标\"缺血压\"\n三、签名看不出来的，标\"无签名\"\n一共 800 份。",
         ["缺血压", "无签名"]),
        # "just" before a gerund is part of the name
        ("Tag each chat as sales lead, support question or just browsing.", ["sales lead", "support question", "just browsing"]),
        # quoted flags beside a scale
        ("民宿的住客点评，按满不满意打 1 到 5 分，顺便把提到\"隔音\"和\"热水\"的单独标出来。", ["1", "2", "3", "4", "5", "隔音", "热水"]),
    ],
)
def test_everyday_label_shapes(text, labels):
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("Mark each survey answer happy, meh or unhappy.", True),
        ("每个搜索词看前 10 个结果，打 好 / 一般 / 差。", True),
        ("Label each post good, ok or bad please.", True),
        # a scale word inside one name orders nothing
        ("按学员想干嘛来分：\n1. 问课程\n2. 考级报名\n3. 退费\n4. 其他\n一条消息一个类。", False),
    ],
)
def test_everyday_grades_are_ordered_and_a_scale_word_in_one_name_is_not(text, ordinal):
    assert bool(find_labels(text).ordinal) == ordinal


def _type(text):
    found = find_labels(text)
    return read_task_type(text, found.labels if found else None, ordinal=bool(found and found.ordinal))


def test_pulling_fields_out_of_documents_is_extraction():
    signal = _type("Can someone pull the tenant names, unit numbers, lease end dates and monthly rents out of our old lease scans? 420 PDFs.")
    assert signal.task_type == TaskType.ner


def test_pairs_of_doubles_are_record_matching_not_preference():
    signal = _type("Our two mailing lists overlap and there are lots of doubles - please check the 700 pairs and say same household / different household.")
    assert signal.task_type == TaskType.other


def test_labels_that_say_what_the_writer_wants_are_intents():
    signal = _type("Please tag every voicemail: new patient, refill request, billing question, or wrong number.")
    assert signal.task_type == TaskType.intent_classification


def test_where_complaints_gather_is_topics():
    signal = _type("我们是小区物业，今年业主意见有两千多条，想看看问题主要集中在哪。按下面几类标：\n- 停车\n- 噪音\n- 绿化\n- 维修\n- 其他")
    assert signal.task_type == TaskType.topic_classification


@pytest.mark.parametrize(
    "text",
    [
        "Could someone mark each of our 800 guest notes happy, meh or unhappy and what it's about?",
        "The print shop takes custom T-shirt orders. Please go through 500 past orders marking which ones we should have refused, "
        "things like hate symbols or anything with a brand logo, photos of people without consent, or stuff that's just rude. "
        "We want to see what actually comes in.",
        "果园的摄像头每天截图，想找人看图标一下：有没有落果、鸟啄、树枝断了，没问题的就标正常。",
    ],
)
def test_a_second_ask_or_pictures_sorted_into_conditions_are_asked(text):
    signal = _type(text)
    assert signal.ambiguous and signal.confidence <= 0.5


def test_a_photo_read_by_ocr_is_the_source_of_a_text_to_correct():
    signal = _type("店里的手写进货单拍了照，用软件识别成文字了，但错很多。想请人对着照片把识别出来的文字改对，对不上的标\"有疑问\"。")
    assert signal.task_type == TaskType.other
