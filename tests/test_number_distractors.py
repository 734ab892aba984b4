"""Numbers as non-native, European and spoken writers give them, and the figures beside the job that are not it.

Each sentence is our own (not a development set's): a thousands separator written as a dot or a space, a plural
magnitude, a count in words, lakh/crore, a year or an earlier season's count beside the job, a pool beside the part
to label, and deadline shapes the cued readers missed (calendar weeks, day.month dates, festivals, 月尾, 下个月初).
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.number_forms import number_text
from assistant.breakdown.offline import offline_draft

TODAY = date(2026, 12, 3)  # a Thursday


def _read(text: str, today: date = TODAY):
    draft, _ = offline_draft(text, [], {}, today)
    return draft


def _value(draft, path: str):
    current = draft.field(path)
    return current.value if current.status.value == "stated" else None


@pytest.mark.parametrize(
    "text, volume",
    [
        ("Our survey got 2.340 answers from the visitors, please sort them into topics.", 2340),
        ("There are 4 750 tickets from the Lyon office to classify by product.", 4750),
        ("please take 6 thousands reviews only as sample first and tag them positive or negative", 6000),
        ("total three thousand two hundred complaints are there please tag them by department", 3200),
        ("Our helpdesk archive has about 90,000 emails. Can you pull 1,200 from it and tag each by urgency?", 1200),
        ("In 2024 we answered 33,000 tickets. We only need the 2026 tickets for now, which is 2,150 tickets.", 2150),
        ("Last spring the old vendor rated 27,000 answers for us. This time: 900 answers, good / bad.", 900),
        ("The library database has roughly 480,000 records. We want 250 queries with the top 8 results each graded 0-3.", 2000),
    ],
)
def test_the_volume_is_the_job_not_the_pool_nor_a_year(text, volume):
    assert _value(_read(text), "how_much.volume") == volume


def test_the_quote_of_a_rewritten_number_is_the_requests_own():
    text = "Es sind 1.480 Kommentare, we need them classified until Friday."
    assert number_text(text) == "Es sind 1,480 Kommentare, we need them classified until Friday."
    draft = _read("We have 1 480 comments from the fair, please classify them.")
    assert draft.how_much.volume.value == 1480
    assert draft.how_much.volume.evidence in "We have 1 480 comments from the fair, please classify them."


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("Budget: we can pay 4.800 € for the whole job.", 4800, "EUR"),
        ("for this work we have kept two lakh rupees including taxes", 200000, "INR"),
    ],
)
def test_budget_in_european_and_indian_forms(text, amount, currency):
    budget = _value(_read(text), "how_much.budget")
    assert budget and budget["amount"] == amount and budget["currency"] == currency


def test_a_decimal_is_not_rewritten():
    assert number_text("agreement 0.750 please, and 2.5 raters") == "agreement 0.750 please, and 2.5 raters"


@pytest.mark.parametrize(
    "text, deadline",
    [
        ("800 reviews, positive / negative. Target date February 12.", "2027-02-12"),
        ("We have 700 chats to tag by intent. Next Wednesday would be great.", "2026-12-09"),
        ("Please tag 500 posts by topic and finish next Tuesday if possible.", "2026-12-08"),
        ("1,000 invoices to check. Deadline: KW 2.", "2027-01-15"),
        ("It is 900 letters, complaint or not. We need the result until 21.12.", "2026-12-21"),
        ("Label 600 chats. Deadline is before our yearly dealer conference 2027.01.12.", "2027-01-11"),
        ("Our board meets on Thursday January 14 - could we get it the Monday before?", "2027-01-11"),
        ("Please classify 2,000 messages by 31st Dec... actually before 20th Dec please.", None),
        ("400 itineraries to check, needed by New Year's Eve.", "2026-12-31"),
        ("Finance closes the books at end of Q4 of this FY; 5 lakh rows are there, tag 20 thousand rows by then.", "2027-03-31"),
        ("The city report is due February 20, but I need this by February 2 to draft it. 1,100 photos.", "2027-02-02"),
        # "before the 18 of December" is the 18th, as "before December 18" is: the order a date is written in changes no day
        ("We need 300 summaries rated before the 18 of December.", "2026-12-18"),
    ],
)
def test_english_deadline_shapes(text, deadline):
    value = _value(_read(text), "when.deadline")
    if deadline is None:
        assert value is not None  # a corrected date: whichever reading, a date is given
    else:
        assert value == deadline


@pytest.mark.parametrize(
    "text, deadline",
    [
        ("家长群的留言大概两千条，分好评差评，平安夜前交。", "2026-12-24"),
        ("店铺评论一千五百条，聖誕假前做完得唔得？", "2026-12-24"),
        ("客服对话1200条，请在放假前（1月20号）交付。", "2027-01-20"),
        ("弹幕三千条分四类，春节放假前给我就行。", "2027-02-05"),
        ("问答对八百组，元旦之后第一周交吧。", "2027-01-08"),
        ("药品说明书600份抽字段，下个月初要。", "2027-01-04"),
        ("今批有500份報告，月尾前交得唔得？", "2026-12-31"),
        ("工单四千条，年底审计前要弄完。", "2026-12-31"),
        ("下周三之前先给一百条样例，正式版月中交，一共两千条。", "2026-12-15"),
    ],
)
def test_chinese_deadline_shapes(text, deadline):
    assert _value(_read(text), "when.deadline") == deadline


@pytest.mark.parametrize(
    "text, volume",
    [
        ("Please grade 1,600 question–answer pairs as good / bad.", 1600),
        ("About 25% of them come in at night. I'd like a sample of 3k messages labelled by intent.", 3000),
    ],
)
def test_dashed_nouns_and_a_share_beside_the_sample(text, volume):
    assert _value(_read(text), "how_much.volume") == volume


@pytest.mark.parametrize(
    "text",
    [
        "新版推荐模型在离线测试集上准确率91%，我们想标2000条看看真实效果，分相关/不相关。",
        "Our churn model's accuracy is 88% on last year's data; please tag 1,000 tickets as churn risk or not.",
        "店铺转化率大概3%，评论3000条分正面负面。",
    ],
)
def test_a_models_score_or_a_business_rate_is_not_the_target(text):
    assert _value(_read(text), "how_much.target_agreement") is None


def test_a_required_accuracy_is_still_the_target():
    assert _value(_read("评论3000条分正负面，准确率要到95%。"), "how_much.target_agreement") == 0.95


@pytest.mark.parametrize(
    "text",
    [
        "我们客服组6个人不参与标注，工单2000条分类。",
        "Our support team is only 5 people, cant handle it. 3,000 emails to tag by topic.",
    ],
)
def test_staff_who_will_not_label_are_not_the_team(text):
    assert _value(_read(text), "who.annotator_profile") is None


def test_each_needs_n_people():
    assert _value(_read("800 answer pairs, each need 2 people judge, A better or B better."), "who.annotator_profile") == {"count": 2}


@pytest.mark.parametrize(
    "text",
    [
        "屋顶上光伏板大约3万块，请抽1500张巡检照片判断描述对不对。",
        "We charge $15 per hour, so a 4-hour job is $60 - not relevant, just so you know. 500 invoices to check.",
    ],
)
def test_a_count_in_kuai_or_an_aside_price_is_not_the_budget(text):
    assert _value(_read(text), "how_much.budget") is None


@pytest.mark.parametrize(
    "text, low, high",
    [("舖頭評論大概五千幾條，分好評差評，月尾前交。", 5000, 5999), ("店里评论大概两千几条，分好评差评。", 2000, 2999)],
)
def test_a_round_figure_with_ji_after_it_is_an_open_range(text, low, high):
    draft = _read(text)
    assert draft.how_much.volume.status.value == "inferred"
    assert draft.how_much.volume.value["low"] == low and draft.how_much.volume.value["high"] == high
