"""Labels added after the list is given, as people do when they dictate or chat (requests written for these checks)."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (  # a name right after 还有, before the catch-all written after it
            "宠物店的客服留言想分一下类：洗澡美容、寄养、买粮，还有疫苗咨询，就是问打针的那种。其余的算其他。大概三千条。",
            ["洗澡美容", "寄养", "买粮", "疫苗咨询", "其他"],
        ),
        (  # a described kind and the name it gets
            "判断字幕有没有问题，分成：正确、有错字、漏句，还有一种是整段音频没声音的，算无法判断。一共两千条。",
            ["正确", "有错字", "漏句", "无法判断"],
        ),
        (  # the name after 还有一个, in the next sentence
            "驾校学员的评价按话题分：教练态度，练车时间，考试安排。哦还有一个，费用，好多人说乱收费。一千五百条。",
            ["教练态度", "练车时间", "考试安排", "费用"],
        ),
        (  # '… too' in the next sentence
            "Please sort the library feedback forms into topics: opening hours, noise, wifi, and printing. Parking too, people complain about parking a lot. About 900 forms.",
            ["opening hours", "noise", "wifi", "printing", "parking"],
        ),
        (  # a chat's next message adds a quoted name
            "tag each chat by what the guest wants: late checkout, extra towels, or room service. anything else just \"other\".\n\n"
            "> Dana: oh and add \"noise complaint\" too\n\nabout 2k chats.",
            ["late checkout", "extra towels", "room service", "other", "noise complaint"],
        ),
        (  # the word a flag is for
            "Pick which reply is better for the customer: left, right, or tie. Oh, and a flag if either reply is actually rude. 400 pairs.",
            ["left", "right", "tie", "rude"],
        ),
    ],
)
def test_names_added_after_the_list_join_it(text, labels):
    found = find_labels(text)
    assert found is not None and found.labels == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # an amount, a time or a question after 还有 is no name
        ("评论分成正面、负面、中性，还有数据量大概五千条。", ["正面", "负面", "中性"]),
        ("评论分成正面、负面、中性。还有一个问题，下周能交吗？", ["正面", "负面", "中性"]),
        # "me too" / "this too" are not names
        ("Tag each email as urgent, normal or spam. My boss wants this too.", ["urgent", "normal", "spam"]),
    ],
)
def test_no_name_is_added(text, labels):
    found = find_labels(text)
    assert found is not None and found.labels == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (  # a label taken back ("scratch …"), one added with "Oh and …"
            "Please tag each review as helpful, unhelpful or funny. Oh and offensive, some of them are rude. "
            "Actually scratch funny, nobody cares, so helpful, unhelpful, offensive. 1,000 reviews.",
            ["helpful", "unhelpful", "offensive"],
        ),
        (
            "Sort the tickets into billing, login, shipping and returns. Sorry, drop shipping, another team has it. 2k tickets.",
            ["billing", "login", "returns"],
        ),
        (
            "地址信息要标出来：省份、城市、街道、门牌号。门牌号不用标了，涉及隐私。三千条。",
            ["省份", "城市", "街道"],
        ),
    ],
)
def test_a_label_taken_back_leaves_the_list(text, labels):
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_removing_the_data_is_no_retraction():
    found = find_labels("We remove spam by hand today. Tag each comment as spam, toxic or fine. 3k comments.")
    assert found is not None and found.labels == ["spam", "toxic", "fine"]


def test_a_dictated_list_after_a_colon_drops_its_asides():
    text = ("Hi, dictating this. For the club chat, here's what I want flagged: strangers asking for photos, that's the main one, "
            "then name-calling, then anything about running away, and sharing a phone number like the ones in bios. "
            "Everything else is fine. About 2,000 messages.")
    found = find_labels(text)
    assert found is not None
    assert found.labels == ["strangers asking for photos", "name-calling", "running away", "sharing a phone number", "fine"]


def test_sentences_after_look_for_are_no_dictated_list():
    found = find_labels("Please look for: the photo is blurry, then the caption is wrong, then the price is missing.")
    assert found is None or not any(" is " in label for label in found.labels)


def test_quoted_kinds_given_one_by_one_in_a_chat_and_the_kind_left():
    text = ("王姐：AI 给菜谱配的图你们找人看看\n小李：怎么标呢\n王姐：一个是\"图文不符\"，一个是\"菜名写错\"，比如把红烧写成清蒸\n"
            "王姐：还有就是没问题的\n小李：多少张\n王姐：一千二")
    found = find_labels(text)
    assert found is not None and found.labels == ["图文不符", "菜名写错", "没问题"]


def test_one_of_our_users_is_no_label_list():
    found = find_labels("我们的用户一个是\"学生\"，一个是\"上班族\"，想看看评论情绪。")
    assert found is None or "学生" not in found.labels


def test_names_spaced_apart_in_chat_messages_with_one_set_apart_and_one_taken_back():
    text = ("【群聊：维修工单】\n刘经理：报修语音转的文字，要把这些信息标出来\n刘经理：小区 楼栋 故障类型 手机号\n"
            "刘经理：还有预约时间 是否加急\n小陈：费用要标吗\n刘经理：要，上门费用单独一类\n刘经理：手机号不要标了，刚才说的手机号去掉\n"
            "小陈：好，多少条\n刘经理：三千条")
    found = find_labels(text)
    assert found is not None and found.labels == ["小区", "楼栋", "故障类型", "预约时间", "是否加急", "上门费用"]


def test_names_of_people_in_a_chat_are_no_list():
    text = "王总：这批评论谁来做\n小李：小王 小张 小赵\n王总：好，标成正面、负面、中性，五千条。"
    found = find_labels(text)
    assert found is not None and found.labels == ["正面", "负面", "中性"]
