"""Deadline shapes read since development set 8 (sentences written for these checks, in no dev set)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft

TODAY = date(2026, 12, 1)  # a Tuesday


def _deadline(text: str) -> object:
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft.when.deadline.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day of the month alone, with a cue: this month's, or next month's once it has passed
        ("元旦前是我们的销售旺季，客服录音大概两千条，最好20号前搞定，按条报价。", "2026-12-20"),
        ("菜谱图片三千张，分成家常菜、烘焙、饮品三类，10号之前交给我们就行。", "2026-12-10"),
        ("体检报告一千份，要抽出异常指标，28号前给结果。", "2026-12-28"),
        # the end of next week in a short form
        ("Label 900 podcast clips as ad or content. Need it by EOW next week please.", "2026-12-11"),
        ("Sort 2,000 bug reports into crash, ui, perf. end of week next week works for us.", "2026-12-11"),
        ("We have 700 resumes to tag by seniority; EOW next week is the hard stop.", "2026-12-11"),
        # a start and a duration: the duration runs from the start
        ("About 3,000 tweets to tag as sarcastic or not. Can your team start Monday and be done in 2 weeks?", "2026-12-21"),
        ("1,200 invoices, pull the vendor and total. Could you start next Wednesday and finish in 10 days?", "2026-12-19"),
        ("保险理赔单据大约四千份，要抽出出险时间和金额，下周一开始，两周内完成可以吗？", "2026-12-21"),
        # an event's date, then "before it" in the next clause
        ("商品评论五千条，分成好评、差评、中评。1月18号系统要上线，之前要弄完哈。", "2027-01-18"),
        ("Rate 400 chatbot answers good, okay or bad. The board review is Jan 20, we need it done before then.", "2027-01-20"),
        ("病历三千份标出诊断和用药。12月30号要评审，在这之前要交付。", "2026-12-30"),
        # a date restated after 就是
        ("街道投诉八百条，分噪音、停车、卫生三类。春节前能做完吗，就是1月25号吧。", "2027-01-25"),
        ("法规条文两千条判断是否过时。月底能好吗，就是12月28号吧。", "2026-12-28"),
        # the real job's date after a pilot's
        ("直播弹幕两万条，分色情、广告、正常。明天能先给200条试标吗，正式的下周五前", "2026-12-11"),
        # the labels' own words beat a bare 要 about the requester's next step
        ("客服对话三千通，分投诉、咨询、表扬。元旦前出结果，二季度要给各门店打分。", "2026-12-31"),
    ],
)
def test_deadline_shapes(text: str, expected: str) -> None:
    assert _deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a forwarded mail's header dates are never the deadline
        (
            "FYI below.\n\nFrom: Ana Ruiz\nSent: Friday, November 27, 2026 3:12 PM\nSubject: tagging\n\n"
            "We need 2,000 listings tagged as furnished or unfurnished before the sales summit on the 18th.",
            "2026-12-18",
        ),
        (
            "转发一下\n---------- 转发的邮件 ----------\n日期：2026年11月28日 周六 10:05\n主题：工单分类\n\n"
            "工单两千条，分报修、投诉、咨询三类，12月20号前交付。",
            "2026-12-20",
        ),
        (
            "> On Mon, Nov 30, 2026 at 8:01 AM Lee Park wrote:\n> can we get these labeled?\n"
            "Yes: 1,500 emails, spam or not, by end of December.",
            "2026-12-31",
        ),
        # a plain 时间 field is not a header: it is the deadline
        ("数量：1500组\n时间：12月23日前\n预算：1.5万", "2026-12-23"),
        # a season before a holiday says nothing of the deadline
        ("过年前是旺季，订单消息三千条，要抽出品名和数量，最好18号前弄完。", "2026-12-18"),
    ],
)
def test_dates_that_are_not_the_deadline(text: str, expected: str) -> None:
    assert _deadline(text) == expected


def test_named_quarter_is_no_deadline() -> None:
    text = "Tag 5,000 reviews as positive or negative. The Q2 Investor Deck goes out later; realistically end of January."
    assert _deadline(text) == "2027-01-31"


def test_past_year_is_never_moved_on() -> None:
    text = "Sent: Mon, Nov 30, 2026 at 9:12 AM\nLabel 800 chats as urgent or not. No deadline yet."
    assert _deadline(text) is None
