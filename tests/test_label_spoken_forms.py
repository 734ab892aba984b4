"""Smaller shapes of sets 9 and 10, on requests written for these checks: options after `mark`, grades with OK, a
yes/no flag on a field, examples of mistakes (X写成Y), a date after the options, `marked up -` before a field list."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels", "ordinal"),
    [
        ("Task | review the matched invoices, mark Match / No match / Can't tell\nVolume | 2,000", ["Match", "No match", "Can't tell"], False),
        ("Could someone check the top 3 answers for each question and mark Great / OK / Poor? 600 in all.", ["Great", "OK", "Poor"], True),
        ("Fields: patient id, visit date, fasting yes/no flag, ward. About 1,200 forms.", ["patient id", "visit date", "fasting", "ward"], False),
        ("模型写的菜名有的很离谱（宫保鸡丁写成宫爆鸡丁、鱼香肉丝写成鱼香肉）。想请人按 对/基本对/错 三档打。", ["对", "基本对", "错"], True),
        ("Rate each caption: Accurate / Partly accurate / Wrong.\nHow many?: ~800\nDue?: 12/18", ["Accurate", "Partly accurate", "Wrong"], True),
        ("need the delivery notes marked up - sender, recipient, parcel size, drop-off time. 700 notes.", ["sender", "recipient", "parcel size", "drop-off time"], False),
        ("打分档位：1 很差 / 2 一般 / 3 不错 / 4 很好（细节都对）", ["很差", "一般", "不错", "很好"], True),
        ("Relevance: 0 irrelevant / 1 partial / 2 relevant / 3 exact", ["irrelevant", "partial", "relevant", "exact"], True),
        ("[TICKET] PAY-88 Fix receipts\nType: Task   Priority: P1   Labels: receipts, mx, Q1\n"
         "We need people to correct the scanned text field by field: vendor, total, tax id, date. About 3k receipts.",
         ["vendor", "total", "tax id", "date"], False),
        ("把通话里的信息标出来：姓名、电话、小区、楼号。就这四个，不对，还有个是否有宠物，上门要注意。两千通。",
         ["姓名", "电话", "小区", "楼号", "是否有宠物"], False),
    ],
)
def test_small_shapes(text, labels, ordinal):
    found = find_labels(text)
    assert found is not None and (found.labels, found.ordinal) == (labels, ordinal)


def test_ok_alone_in_a_nominal_list_is_no_grade():
    found = find_labels("Tag each message as ok, spam or toxic.")
    assert found is not None and found.labels == ["ok", "spam", "toxic"] and not found.ordinal


def test_a_time_in_minutes_is_no_scale():
    found = find_labels("把合同里的甲方、乙方、金额标出来，估计一份要2~4分钟。")
    assert found is not None and found.labels == ["甲方", "乙方", "金额"]
