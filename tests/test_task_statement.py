"""The task statement (and the offline rulebook's title) is the sentence that asks for something, not the opening."""

import pytest

from assistant.breakdown.offline import first_clause
from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    "request_text, expected",
    [
        ("Hi Sam,\nCould your team tag 500 support tickets as bug, feature or question?", "Could your team tag 500 support tickets as bug, feature or question?"),
        ("Subject: help with reviews\nFrom: Dana\n\nWe need someone to rate 2k reviews from 1 to 5.", "We need someone to rate 2k reviews from 1 to 5."),
        ("yo\n\nneed the driver notes sorted into late, damaged, fine", "need the driver notes sorted into late, damaged, fine"),
        ("【钉钉】@数据组 王工\n想把门店投诉分成服务态度、商品质量、其他三类，先标3000条。", "想把门店投诉分成服务态度、商品质量、其他三类，先标3000条。"),
        ("各位好～我们是连锁烘焙店，想请大家帮忙把订单备注分成过敏忌口、蛋糕装饰、其他。", "想请大家帮忙把订单备注分成过敏忌口、蛋糕装饰、其他。"),
        ("（语音转文字）喂小陈啊，就是那个，我们酒店这边前台交班本都电子化了嘛，现在有差不多两年的数据，我想让你们那边帮忙分一下类，看看前台每天主要都记些啥。",
         "我想让你们那边帮忙分一下类，看看前台每天主要都记些啥。"),
    ],
)
def test_the_task_statement_skips_greetings_and_headers(request_text, expected):
    assert first_clause(request_text) == expected


@pytest.mark.parametrize(
    "request_text, expected",
    [
        ("Hi team. Our parking app gets about 3,000 feedback messages a month. We'd like last quarter's messages sorted into "
         "payment, zone info, dispute or other. Two of our staff will label alongside yours.",
         "We'd like last quarter's messages sorted into payment, zone info, dispute or other."),
        ("Morning! The museum shop has 1,400 product photos. Each one should be marked usable or reshoot. "
         "Our two interns can review a few.", "Each one should be marked usable or reshoot."),
        ("Hello. Harbour pilots file short voyage notes. We would like them classified by hazard type. Three pilots will check.",
         "We would like them classified by hazard type."),
    ],
)
def test_the_ask_in_a_participle_or_would_like_comes_before_a_sentence_about_who_labels(request_text, expected):
    assert first_clause(request_text) == expected


def test_a_request_without_an_opening_keeps_its_first_sentence():
    text = "Our call centre wants every call summary rated for accuracy. About 800 of them."
    assert first_clause(text) == "Our call centre wants every call summary rated for accuracy."


@pytest.mark.parametrize(
    "text, labels",
    [
        ("想请大家帮忙把备注分成：过敏忌口、蛋糕装饰、配送要求、无特殊要求。", ["过敏忌口", "蛋糕装饰", "配送要求", "无特殊要求"]),
        ("工单按类型标成包装要求、发票要求、其他。", ["包装要求", "发票要求", "其他"]),
    ],
)
def test_a_label_ending_in_yaoqiu_keeps_its_name(text, labels):
    assert find_labels(text).labels == labels
