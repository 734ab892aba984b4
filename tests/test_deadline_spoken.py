"""Deadline shapes of dictated requests, chat threads and forms (deadline_spoken.py), on sentences written for these
tests (no development set's), with near-misses that must not be read. The request date is Wednesday 2026-12-02."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

TODAY = date(2026, 12, 2)


def _deadline(text):
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft.when.deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numeric dates with a date word beside them
        ("Name: Tom Reyes\nHow many?: about 900 forms\nBy when?: 12/22\nBudget: n/a", "2026-12-22"),
        ("Owner | Parks dept\nVolume | 3,000 photos\nDue | 2/12/2027\nBudget | $5,000", "2027-02-12"),
        ("Scope: 1,200 pairs.\nTimeline: final labels on 12/29 latest.", "2026-12-29"),
        ("- 量：一千二百条\n- 交付：12.21\n- 费用：三千元", "2026-12-21"),
        ("请下周二（12/8）前交，一共八百条。", "2026-12-08"),
        ("Quantity: 5,000 chats. Final delivery 2027-01-20, please send the first 1k before Christmas.", "2027-01-20"),
        ("We want to show the results in the 12.17 review with the design team, even partial is fine.", "2026-12-17"),
        # Chinese numerals
        ("评论大概两千条，二十二号以前要结果。", "2026-12-22"),
        ("一共一千五百份，十二月二十八号以前给我们就行。", "2026-12-28"),
        ("要什么时候？嗯……二十号吧。", "2026-12-20"),
        # English ordinals in words
        ("Could we get it by Tuesday the fifteenth? About 600 notes.", "2026-12-15"),
        ("we'd need it by the twenty-first, thanks", "2026-12-21"),
        # a span before another date
        ("The grant panel meets January twelfth and we need this a week before that.", "2027-01-05"),
        ("The board meets on Jan 20; we need the labels two days before it.", "2027-01-18"),
        ("评审会是1月8号，需要在那之前一周交。", "2027-01-01"),
        # the answer to a question about time
        ("小王：多少条\n老李：一千二\n小王：啥时候要\n老李：下周四 区里要来检查", "2026-12-10"),
        ("Ana: deadline?\nBo: we need it before the spring catalogue, which goes out the 18th, so that", "2026-12-18"),
        # a Chinese weekday with a time of day or a question of finishing; the whole job after a first batch
        ("先给我看一部分，下周二下午要。", "2026-12-08"),
        ("先试300张，这周五能弄完吗", "2026-12-04"),
        ("下周一要先给五百条，全部是下周四。", "2026-12-10"),
        # a form's date field beats a launch on another day
        ("类别：广告、诈骗、正常\n完成时间：12月18号\n为啥急——月底要上新的审核模型。", "2026-12-18"),
        # the end of the calendar year
        ("两千份左右，年前给就行（阳历年）。", "2026-12-31"),
        # a weekday with its date written after it
        ("Volume: 800 tickets\nDue: Thursday Dec 17\nAnnotators: 2", "2026-12-17"),
    ],
)
def test_the_deadline_is_read(text, expected):
    deadline = _deadline(text)
    assert deadline.status == FieldStatus.stated and deadline.value == expected, deadline
    assert deadline.evidence and deadline.evidence in text


@pytest.mark.parametrize(
    "text",
    [
        # a quarter naming a project, a quarter that is the data's period, a quarter gone by
        "Subject: RE: quote for the Q1 project\n\nWe confirm 20,000 chats, safety labels.",
        "it's two thousand for the whole year, we only need Q4, so about seven hundred calls.",
        "范围：2026年Q3 空值工单，共 5,000 单。",
        # a date things come after
        "There's a few hundred notes now and way more coming after the festival on the 20th.",
        # numbers that are not dates
        "每对大概1.5分钟，一共3000对。",
        "Half of them, so 1/2 of the 4,000 posts, are in Spanish.",
        "我们在3号楼，二号线地铁站旁边，一共八百条。",
        # a pasted table of fields: its date is data
        "Please tag these fields:\nfield\tdescription\texample\nDue date\twhen the bill is due\t2027-01-10\n\n500 bills.",
        # a fraction or a date of the data after a colon
        "Data: 3/4 of them are in English, about 2,000 posts.",
        "Policy text: effective 2027-03-01 for all members. Label 900 clauses.",
        # a date already passed
        "Data: chats from 11/20 to 11/28, about 2,000.",
    ],
)
def test_no_deadline_is_read(text):
    assert _deadline(text).status != FieldStatus.stated, _deadline(text)


def test_a_launch_on_a_day_is_not_the_deadline():
    deadline = _deadline("一共一万条。月底要上自动审核模型，得有训练数据。")
    assert deadline.status != FieldStatus.stated or deadline.value != "2026-12-31"


def test_a_field_line_of_two_clauses_keeps_the_labels_date():
    text = "Deadline: the hearing is Dec 18; we need the coding done by Dec 15."
    assert _deadline(text).value == "2026-12-15"
