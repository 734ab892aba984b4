"""Label lists in shapes the first rounds missed, written fresh (not from any dev set).

Each class: quoted names holding their own commas or '&'; a bracketed note inside an item of a
comma or semicolon list; a Chinese comma list whose last item has a slash; numbered names
(一类文, 三级); signed or '..' scales; a range given to two named dimensions; steps named in words.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    # quoted names keep their inner punctuation
    pytest.param('Support wants each chat tagged "billing & refunds", "login, password", "shipping" or "other". About 4k chats.',
                 ["billing & refunds", "login, password", "shipping", "other"], id="en-quoted-amp-comma"),
    pytest.param("Raters choose one of: 'correct', 'correct, but verbose', 'partly wrong', 'wrong'. 900 answers.",
                 ["correct", "correct, but verbose", "partly wrong", "wrong"], id="en-single-quoted-comma"),
    pytest.param("把每条反馈归到“物流/配送”，“价格、优惠”，“质量”里，大约三千条。",
                 ["物流/配送", "价格、优惠", "质量"], id="zh-quoted-inner-sep"),
    # a bracketed note inside one item does not end or split the list
    pytest.param("Tag each call by reason: billing question; technical fault (outage, slow line, router); moving house; cancel. 2,000 calls.",
                 ["billing question", "technical fault", "moving house", "cancel"], id="en-semicolon-note"),
    pytest.param("Please pull out the drug name, dose, route and frequency (daily, twice a day, as needed) from discharge letters, 500 letters.",
                 ["drug name", "dose", "route", "frequency"], id="en-last-item-note"),
    # a Chinese comma list with a slash in one item
    pytest.param("工单按模块分：账号，支付，物流，售后/退换。大约8000条。",
                 ["账号", "支付", "物流", "售后/退换"], id="zh-comma-slash"),
    # numbered names
    pytest.param("把事故报告按等级分成一级事件、二级事件、三级事件、四级事件，共600份。",
                 ["一级事件", "二级事件", "三级事件", "四级事件"], id="zh-numbered-names"),
    # scales
    pytest.param("Each product review should be scored -3..+3 for tone; 10k reviews.",
                 ["-3", "-2", "-1", "0", "+1", "+2", "+3"], id="en-signed-dots"),
    pytest.param("For each generated answer give accuracy 1-4 and fluency 1-4. Around 700 answers.",
                 ["1", "2", "3", "4"], id="en-two-dimensions"),
    pytest.param("酒店点评按一颗星到五颗星打，先标2000条。",
                 ["一颗星", "二颗星", "三颗星", "四颗星", "五颗星"], id="zh-named-steps"),
    pytest.param("按一级到三级标风险，2000条。", ["一级", "二级", "三级"], id="zh-levels-range"),
    # a list named by a back-reference after it
    pytest.param("合同里想 extract 出 party name、signing date、total amount 这几个字段，大概800份。",
                 ["party name", "signing date", "total amount"], id="mixed-backref-fields"),
    pytest.param("Please pull supplier, invoice number and due date - these fields only - out of 3,000 scanned invoices.",
                 ["supplier", "invoice number", "due date"], id="en-backref-fields"),
    # lines that open with a quoted name and go on with its definition
    pytest.param("客服工单想分一下：\n「催发货」——问什么时候发\n「退款」——要退钱\n「换货」\n其他的都标「其他」。一共五千条。",
                 ["催发货", "退款", "换货", "其他"], id="zh-quoted-line-heads"),
    pytest.param('Reviewers should pick one per post:\n"Spam" - ads and link farms\n"Abuse" - insults or threats\n"Off-topic"\n"Fine"\n3k posts.',
                 ["Spam", "Abuse", "Off-topic", "Fine"], id="en-quoted-line-heads"),
    # a list told in two sentences
    pytest.param("Every recipe on the site needs a tag. The big ones are vegan, vegetarian and gluten-free. There are also keto and dairy-free. 4,500 recipes.",
                 ["vegan", "vegetarian", "gluten-free", "keto", "dairy-free"], id="en-list-continued"),
]


@pytest.mark.parametrize("text, labels", CASES)
def test_these_shapes_give_exactly_the_named_labels(text, labels):
    found = find_labels(text)
    assert found is not None, "no labels found"
    assert found.labels == labels


@pytest.mark.parametrize(
    "text",
    [
        "我们有三到五个人可以帮忙，大概两周，预算一万左右。",  # a team-size range is no scale
        "Each clip is 1-5 minutes long; we have 3,000 clips and 2 reviewers.",  # a length range is no scale
        "我们卖鞋、包和帽子这些品类，还有围巾。想做评论情感分析，五千条。",
    ],
)
def test_prose_ranges_and_quoted_names_are_not_these_labels(text):
    found = find_labels(text)
    assert found is None or not {"1", "3", "5", "三", "五", "shoes", "scarves", "鞋", "围巾"} & set(found.labels)
