"""Deadlines in shapes read for development sets 6 and 7: a date inside a quoted sample of the data is the data's, a
kickoff is an event the labels may be needed for, a first draft or preliminary result is the deadline only when no date
is given for the whole, a firm date for a first part and only a wish for the whole is vague, "12月中" is the 15th.

Requests written for these tests (Monday 2026-11-30), in domains of no dev set.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

MONDAY = date(2026, 11, 30)


def deadline_of(request: str):
    draft, _ = offline_draft(request, [], {}, MONDAY)
    return draft


@pytest.mark.parametrize(
    "request_text,deadline",
    [
        # a date inside a quoted sample of the data
        ("花店订单备注几千条，像“红玫瑰11支 明天下午送到 贺卡写生日快乐”这种，把花材、数量、送达时间抽出来。先做300条，下周三给我。", "2026-12-09"),
        ('Pull the item, size and pickup time out of our bakery order notes, e.g. "2 dozen bagels, pick up tomorrow 8am". 400 notes, by Dec 18.', "2026-12-18"),
        # a kickoff is an event the labels are needed for
        ("Tag 2,000 gym reviews as praise / complaint. No rush, but before the franchise kickoff on Jan 12 would help.", "2027-01-12"),
        ("Rate 900 chatbot answers 1-5; we need them by Jan 6, the vendor kickoff is Jan 14.", "2027-01-06"),
        # a first draft alone is the deadline; with a date for the whole, the whole wins
        ("社区医院随访记录3000条，分成用药、复诊、投诉三类。不着急，最好元旦前有个初稿。", "2026-12-31"),
        ("Sort 1,500 ferry complaints by cause. A first draft by Dec 11 would be great.", "2026-12-11"),
        ("驾校评价2000条分好评差评，下周五前出个初步结果，12月25日前全部交付。", "2026-12-25"),
        ("Preliminary numbers by Dec 7 please, and all 3,000 museum comments labelled by Dec 21.", "2026-12-21"),
        # the middle of a numbered month
        ("景区留言800条分类：投诉、建议、表扬。12月中之前交。", "2026-12-15"),
        ("快递面单2000张，判断清晰或模糊，1月中旬前给我们。", "2027-01-15"),
    ],
)
def test_deadline_shapes(request_text: str, deadline: str) -> None:
    field = deadline_of(request_text).when.deadline
    assert (field.status, field.value) == (FieldStatus.stated, deadline)


@pytest.mark.parametrize(
    "request_text,low,high",
    [
        ("时间：下周三前要初步结果，全部做完最好在12月底。外卖评价5000条，分好评中评差评。", "2026-12-09", "2026-12-31"),
        ("Preliminary results by Dec 4 please; the whole set of 6,000 ideally by Dec 23. Tag hotel emails by intent.", "2026-12-04", "2026-12-23"),
    ],
)
def test_a_firm_first_part_and_a_wished_whole_is_vague(request_text: str, low: str, high: str) -> None:
    draft = deadline_of(request_text)
    field = draft.when.deadline
    assert field.status == FieldStatus.inferred
    assert (field.value["low"], field.value["high"]) == (low, high)
    assert any(q.field == "when.deadline" for q in draft.questions)


def test_a_quoted_date_alone_is_still_read() -> None:
    field = deadline_of('5,000 invoices to extract totals from. Our ops lead wrote the deadline as "Dec 18".').when.deadline
    assert (field.status, field.value) == (FieldStatus.stated, "2026-12-18")
