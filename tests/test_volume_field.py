"""Volume and budget shapes read since development set 8 (sentences written for these checks, in no dev set)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

TODAY = date(2026, 12, 1)


def _volume(text: str) -> tuple[FieldStatus, object]:
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft.how_much.volume.status, draft.how_much.volume.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the count after the volume's field word is the job, beside a pilot or a pool
        ("外卖差评要分成配送慢、餐不对、态度差三类，数量大概六千五左右，月底前交。", 6500),
        ("弹幕审核，标色情、广告、正常。量是2.4w条，周五能先给300条试标吗，正式的下周五前。", 24000),
        ("想评估一下会议纪要生成的质量，数量先定200个会议吧，下个月中旬汇报。", 200),
        ("Tag support chats as billing, bug or other. Volume is ~3,500 chats; a pilot of 100 first.", 3500),
        # the object of a labelling verb with its noun left out, or a part of the pool before it
        ("We have every call since 2022 (roughly 9,000). This round, please label the 1,800 from this quarter only.", 1800),
        ("Our museum scanned about 30,000 postcards. We'd like a short caption for 2,500 of them first.", 2500),
        ("The archive holds 12,000 petitions; review the 600 that mention schools, as urgent or not.", 600),
        # the total written after a container count
        ("电商搜索评测：大概八百个查询，一共一万六千条结果左右，每条标相关、部分相关、不相关。", 16000),
        ("菜谱检索：三百个搜索，一共九千条判断，标是否匹配。", 9000),
        ("法律检索：五百个问题，总共一万条结果，判断有用还是没用。", 10000),
    ],
)
def test_volume_read(text: str, expected: int) -> None:
    status, value = _volume(text)
    assert (status, value) == (FieldStatus.stated, expected)


@pytest.mark.parametrize(
    "text",
    [
        # people are never the volume
        "We're a lab of ~60 researchers; tag protocols with reagent and temperature. Maybe 300-500 protocols.",
        "We're about 300 engineers and want commit messages tagged as fix, feature or chore. A few thousand commits.",
        "Our 25 volunteers would like transcripts tagged by topic; the number of transcripts is not known yet.",
    ],
)
def test_people_never_the_volume(text: str) -> None:
    status, value = _volume(text)
    assert status != FieldStatus.stated


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Check where the OCR goes wrong. We have maybe 4-5 thousand receipts from October.", 4000, 5000),
        ("Rate the bot replies good or bad; there are probably 1-2 thousand replies in the export.", 1000, 2000),
        ("Label meeting notes as action or info, roughly 2 to 3 thousand notes.", 2000, 3000),
    ],
)
def test_range_of_thousands_is_vague(text: str, low: int, high: int) -> None:
    status, value = _volume(text)
    assert status == FieldStatus.inferred
    assert isinstance(value, dict) and (value.get("low"), value.get("high")) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "Could you go through a sample of our forum posts and tell us if it's getting toxic? We have like 500k posts.",
        "Please review a random sample of the tickets for tone; there are about 80,000 tickets in total.",
        "论坛帖子一共有大概二十万条，先抽一批出来，判断是不是广告。",
        "评论总共有五万多条，抽一部分出来看看情绪，正面负面中性。",
    ],
)
def test_sample_with_no_number_is_never_the_pool(text: str) -> None:
    status, value = _volume(text)
    assert status != FieldStatus.stated


@pytest.mark.parametrize(
    "text",
    [
        # guards: a month after 量是, the pool after 总量, a share after the field word
        "量是10月以来的全部，5千篇左右，分成合格和不合格。",
        "总量3万封左右，先做6千封试点，抽出船名和航次。",
    ],
)
def test_field_word_guards(text: str) -> None:
    status, value = _volume(text)
    assert value not in (10, 30000)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("合同条款抽取三千份。钱的话我们走校内采购，上限是3万，超过要招标。", 30000),
        ("客服录音两千条分类，费用最多8千元，下周五前。", 8000),
        ("商品标题五千条审核，预算这块不能超过1.2万。", 12000),
    ],
)
def test_budget_cap(text: str, amount: int) -> None:
    draft, _ = offline_draft(text, [], {}, TODAY)
    budget = draft.how_much.budget
    assert budget.status == FieldStatus.stated
    assert isinstance(budget.value, dict) and budget.value["amount"] == amount and budget.value["currency"] == "CNY"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the field's count is worked on after it: the product or the part is the volume, not the field's count
        ("数量：300个问题，每个问题取前5个回答，也就是1500对，标好、中、差。", 1500),
        ("数量：5万条评论，先标5000条，分正面和负面。", 5000),
        ("Volume: 400 queries, top 10 results each, so 4,000 pairs to grade relevant or not.", 4000),
    ],
)
def test_field_count_worked_on_after(text: str, expected: int) -> None:
    status, value = _volume(text)
    assert (status, value) == (FieldStatus.stated, expected)
