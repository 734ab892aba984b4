"""Tests of the rule-based fact extractors (assistant/extract.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from assistant.breakdown.extract import (
    EXTRACTORS,
    Fact,
    extract_annotators,
    extract_budget,
    extract_channel,
    extract_deadline,
    extract_facts,
    extract_language,
    extract_modality,
    extract_overlap,
    extract_qa_rate,
    extract_target_agreement,
    extract_time_per_item,
    extract_unit_price,
    extract_volume,
    parse_cn_number,
    parse_en_number,
    request_language,
)

TODAY = date(2025, 11, 20)  # a Thursday
REQUESTS = Path(__file__).parent / "data" / "vague_requests.yaml"
ALL_KINDS = set(EXTRACTORS)


def only(facts: list[Fact]) -> Fact:
    assert len(facts) == 1, [f"{f.kind}:{f.value}:{f.evidence}" for f in facts]
    return facts[0]


def assert_offsets(text: str, facts: list[Fact]) -> None:
    for fact in facts:
        assert text[fact.start:fact.end] == fact.evidence, fact


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3万", 30000),
        ("三万", 30000),
        ("1.5万", 15000),
        ("1.2w", 12000),
        ("两千五", 2500),
        ("两千五百", 2500),
        ("一万二", 12000),
        ("三万五", 35000),
        ("3万5千", 35000),
        ("十万", 100000),
        ("十五", 15),
        ("二十", 20),
        ("一百零五", 105),
        ("一百一", 110),
        ("两百五十万", 2_500_000),
        ("一亿二千万", 120_000_000),
        ("一点五万", 15000),
        ("5,000", 5000),
        ("2千", 2000),
        ("3k", 3000),
        ("壹万", 10000),
        ("两", 2),
        ("０．５", 0.5),
        ("３万", 30000),
    ],
)
def test_parse_cn_number(text: str, value: int | float) -> None:
    result = parse_cn_number(text)
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize("text", ["", "几万", "三四万", "万", "百", "十几", "好多", "abc", "3-5万"])
def test_parse_cn_number_rejects_what_is_not_one_number(text: str) -> None:
    assert parse_cn_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty thousand", 20000), ("a thousand", 1000), ("two hundred and fifty", 250), ("ten", 10),
     ("5,000", 5000), ("one two", None), ("a", None), ("several", None)],
)
def test_parse_en_number(text: str, value: int | None) -> None:
    assert parse_en_number(text) == value


# --------------------------------------------------------------------------------------------
# Volume
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "unit", "evidence", "qualifier"),
    [
        ("这次需要标3万条", 30000, "items", "3万条", None),
        ("三万条", 30000, "items", "三万条", None),
        ("5k items", 5000, "items", "5k items", None),
        ("We have 5,000 samples to label", 5000, "samples", "5,000 samples", None),
        ("先给2千条对话", 2000, "dialogues", "2千条对话", None),
        ("十万张图片", 100000, "images", "十万张图片", None),
        ("1.2w条", 12000, "items", "1.2w条", None),
        ("about 20000 reviews", 20000, "reviews", "about 20000 reviews", "approx"),
        ("we need 10k+ labeled soon", 10000, "items", "10k+", "at_least"),
        ("1.5万条微博评论", 15000, "comments", "1.5万条微博评论", None),
        ("ten thousand images", 10000, "images", "ten thousand images", None),
        ("数据量：3万，越快越好", 30000, "items", "数据量：3万", None),
        ("一共3万多条数据", 30000, "items", "3万多条数据", "more_than"),
        ("大概5万条用户评论", 50000, "comments", "大概5万条用户评论", "approx"),
        ("we need 500 hours of call center audio", 500, "hours", "500 hours of call center audio", None),
        ("三百小时的录音", 300, "hours", "三百小时的录音", None),
        ("Label roughly 5,000 customer support tickets", 5000, "tickets",
         "roughly 5,000 customer support tickets", "approx"),
        ("about 300 conversations", 300, "dialogues", "about 300 conversations", "approx"),
        ("标注1500张商品图", 1500, "images", "1500张商品图", None),
        ("２万条", 20000, "items", "２万条", None),
        ("Need 3万条 dialogues", 30000, "items", "3万条", None),
        ("下个月底前3万条数据", 30000, "items", "3万条数据", None),
    ],
)
def test_volume(text: str, value: int, unit: str, evidence: str, qualifier: str | None) -> None:
    fact = only(extract_volume(text))
    assert (fact.value, fact.unit, fact.evidence, fact.qualifier) == (value, unit, evidence, qualifier)
    assert isinstance(fact.value, int)
    assert text[fact.start:fact.end] == evidence


@pytest.mark.parametrize(
    "text",
    [
        "Top 3 categories matter most",
        "label the top 100 queries",
        "we have 4 labels",
        "分成4个标签",
        "按第2版规范标",
        "这是第3批数据",
        "data from 2024",
        "2024年的数据",
        "90%的数据是中文",
        "95% of reviews are positive",
        "12月15日前交付",
        "before 2026-01-10",
        "客服电话13800138000",
        "call 400-820-8820 for support",
        "iPhone 15 reviews are mostly positive",
        "这款耳机售价299元",
        "每人每天500条",
        "每个类别500条",
        "500 examples per class",
        "annotators can do 1000 items per day",
        "每月新增10万条评论",
        "几万条数据",
        "上万条评论",
        "数十万张图片",
        "三四万条",
        "大概3-5万条",
        "2到3万条",
        "We have 10k users",
        "3 annotators",
        "5个标注员",
        "一条消息",
        "two images",
        "预算2万元",
        "$5k budget",
        "每条30秒",
        "3条规则",
        "最近30条评论",
        "in 10 days",
        "kappa 0.8",
        "the tone of our 2023 and 2024 campaign tweets",
        "about 40 pairs per rater per day",
        "我们每天有5000通客服电话",
        "大概五六千块",
    ],
)
def test_no_volume_is_invented(text: str) -> None:
    assert extract_volume(text) == []
    assert [f for f in extract_facts(text, TODAY) if f.kind == "volume"] == []


# --------------------------------------------------------------------------------------------
# Deadline
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "iso", "relative", "evidence"),
    [
        ("两周内", "2025-12-04", True, "两周内"),
        ("一周内给我", "2025-11-27", True, "一周内"),
        ("3天内", "2025-11-23", True, "3天内"),
        ("月底前", "2025-11-30", True, "月底前"),
        ("下个月底前要一批数据", "2025-12-31", True, "下个月底前"),
        ("本周五前", "2025-11-21", True, "本周五前"),
        ("12月15日前", "2025-12-15", False, "12月15日前"),
        ("2026年1月10日之前", "2026-01-10", False, "2026年1月10日之前"),
        ("by 15 December", "2025-12-15", False, "by 15 December"),
        ("by Dec 15", "2025-12-15", False, "by Dec 15"),
        ("by the end of next month", "2025-12-31", True, "by the end of next month"),
        ("within two weeks", "2025-12-04", True, "within two weeks"),
        ("in 10 days", "2025-11-30", True, "in 10 days"),
        ("before 2027-01-10", "2027-01-10", False, "before 2027-01-10"),
        ("Q1", "2026-03-31", False, "Q1"),
        ("5个工作日内", "2025-11-27", True, "5个工作日内"),
        ("半个月内", "2025-12-05", True, "半个月内"),
        ("一个月内", "2025-12-20", True, "一个月内"),
        ("下周三之前", "2025-11-26", True, "下周三之前"),
        ("周五前", "2025-11-21", True, "周五前"),
        ("年底前完成", "2025-12-31", True, "年底前"),
        ("2026年Q2", "2026-06-30", False, "2026年Q2"),
        ("第一季度前", "2026-03-31", False, "第一季度前"),
        ("截止到12月20日", "2025-12-20", False, "截止到12月20日"),
        ("by next Friday", "2025-11-28", True, "by next Friday"),
        ("by tomorrow", "2025-11-21", True, "by tomorrow"),
        ("due December 1st, 2026", "2026-12-01", False, "due December 1st, 2026"),
        ("by the end of December", "2025-12-31", False, "by the end of December"),
        ("10月1日前", "2026-10-01", False, "10月1日前"),
        ("2 weeks from now", "2025-12-04", True, "2 weeks from now"),
        ("deadline: 2026/03/15", "2026-03-15", False, "deadline: 2026/03/15"),
        ("12月底前", "2025-12-31", False, "12月底前"),
        ("Q4 2026", "2026-12-31", False, "Q4 2026"),
    ],
)
def test_deadline(text: str, iso: str, relative: bool, evidence: str) -> None:
    fact = only(extract_deadline(text, TODAY))
    assert (fact.value, fact.relative, fact.evidence) == (iso, relative, evidence)
    assert fact.raw == evidence
    assert text[fact.start:fact.end] == evidence


def test_deadline_resolves_against_the_given_today_not_the_clock() -> None:
    text = "下个月底前要一批数据，两周内先给样例"
    first = [f.value for f in extract_deadline(text, date(2024, 1, 15))]
    second = [f.value for f in extract_deadline(text, date(2030, 6, 3))]
    assert first == ["2024-02-29", "2024-01-29"]
    assert second == ["2030-07-31", "2030-06-17"]
    assert [f.value for f in extract_deadline(text, datetime(2024, 1, 15, 23, 59))] == first


def test_deadline_rejects_a_missing_today() -> None:
    with pytest.raises(TypeError):
        extract_deadline("两周内", "2025-11-20")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "12月15日我们开会讨论",
        "数据是2024年3月1日采集的",
        "最近两周内的数据",
        "每3天更新一次",
        "上个月底的数据",
        "Q3的数据要复盘",
        "we looked at Q1 2023 sales data",
        "项目周期3个月",
        "每周五抽检一次",
        "Dec 15 was our launch",
        "the 2026-01-10 release notes",
        "3 annotators",
    ],
)
def test_no_deadline_is_invented(text: str) -> None:
    assert extract_deadline(text, TODAY) == []


# --------------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "amount", "currency", "evidence", "qualifier"),
    [
        ("预算2万元", 20000.0, "CNY", "预算2万元", None),
        ("预算两万", 20000.0, "CNY", "预算两万", None),
        ("经费5000块", 5000.0, "CNY", "经费5000块", None),
        ("budget of $3,000", 3000.0, "USD", "budget of $3,000", None),
        ("$5k budget", 5000.0, "USD", "$5k budget", None),
        ("USD 2000", 2000.0, "USD", "USD 2000", None),
        ("¥8000", 8000.0, "CNY", "¥8000", None),
        ("Budget: €4,500.", 4500.0, "EUR", "Budget: €4,500", None),
        ("预算约9.6万元", 96000.0, "CNY", "预算约9.6万元", "approx"),
        ("费用不超过1.5万", 15000.0, "CNY", "费用不超过1.5万", "at_most"),
        ("budget of 3000 for this", 3000.0, None, "budget of 3000", None),
        ("预算5000元以内", 5000.0, "CNY", "预算5000元以内", "at_most"),
        ("we can spend 2000 dollars", 2000.0, "USD", "spend 2000 dollars", None),
        ("总预算RMB 5万", 50000.0, "CNY", "预算RMB 5万", None),
    ],
)
def test_budget(text: str, amount: float, currency: str | None, evidence: str, qualifier: str | None) -> None:
    fact = only(extract_budget(text))
    assert fact.value == {"amount": amount, "currency": currency}
    assert (fact.evidence, fact.qualifier) == (evidence, qualifier)
    assert text[fact.start:fact.end] == evidence


@pytest.mark.parametrize(
    "text",
    [
        "这款耳机售价299元",
        "the iPhone 15 costs $799",
        "reviews of our $49 headphones",
        "客单价300元",
        "月薪8000元",
        "每条0.5元",
        "3万条",
        "budget for 4 labels",
        "预算有限",
        "退款500元的工单",
        "我们这个产品是卖399元的会员服务",
        "预算在2到3万之间",
        "price drops above $20",
        "时薪30元",
        "按每千字约400元计",
        "大概五六千块",
    ],
)
def test_no_budget_is_invented(text: str) -> None:
    assert extract_budget(text) == []


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [("每条0.5元", 0.5, "CNY"), ("We can pay $0.05 per item", 0.05, "USD"), ("1.6元/条", 1.6, "CNY")],
)
def test_unit_price_is_not_a_budget(text: str, amount: float, currency: str) -> None:
    fact = only(extract_unit_price(text))
    assert fact.value == {"amount": amount, "currency": currency}
    assert fact.unit == "per_item"
    assert extract_budget(text) == []


# --------------------------------------------------------------------------------------------
# Time per item
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("每条30秒", 30.0),
        ("2 minutes per item", 120.0),
        ("每张图片大概需要2分钟", 120.0),
        ("30秒一条", 30.0),
        ("一条半分钟", 30.0),
        ("每条1分30秒", 90.0),
        ("45s/item", 45.0),
        ("30 seconds each", 30.0),
        ("each review takes about 20 seconds", 20.0),
        ("average handling time of 90 seconds", 90.0),
        ("平均耗时40秒", 40.0),
        ("每段音频标一分半", 90.0),  # the time to label a clip; "每段音频一分半" alone is its length (test_plain_request_figures)
        ("Each image should take under a minute", 60.0),
    ],
)
def test_time_per_item(text: str, seconds: float) -> None:
    fact = only(extract_time_per_item(text))
    assert fact.value == seconds
    assert isinstance(fact.value, float)
    assert text[fact.start:fact.end] == fact.evidence


@pytest.mark.parametrize("text", ["两周内交付", "每人每天8小时", "一个人一天能标500条", "5分钟的视频", "每条3分的打分"])
def test_no_time_per_item_is_invented(text: str) -> None:
    assert extract_time_per_item(text) == []


# --------------------------------------------------------------------------------------------
# Target agreement and QA sampling
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "metric", "qualifier"),
    [
        ("一致率80%", 0.8, "agreement", None),
        ("准确率不低于95%", 0.95, "accuracy", "at_least"),
        ("90% agreement", 0.9, "agreement", None),
        ("kappa 0.8", 0.8, "kappa", None),
        ("with a Cohen's kappa of at least 0.75", 0.75, "kappa", "at_least"),
        ("一致性达到85%以上", 0.85, "agreement", "at_least"),
        ("95%以上的准确率", 0.95, "accuracy", "at_least"),
        ("inter-annotator agreement above 85%", 0.85, "agreement", "more_than"),
        ("Krippendorff's alpha >= 0.8", 0.8, "alpha", "at_least"),
        ("accuracy of 97.5%", 0.975, "accuracy", None),
        ("F1 0.9", 0.9, "f1", None),
        ("质检合格率98%", 0.98, "pass_rate", None),
        ("准确率要求百分之九十五", 0.95, "accuracy", None),
        ("κ ≥ 0.7", 0.7, "kappa", "at_least"),
        ("The target accuracy is 95%", 0.95, "accuracy", None),
        ("目前准确率82%，希望准确率达到90%", 0.9, "accuracy", None),
    ],
)
def test_target_agreement(text: str, value: float, metric: str, qualifier: str | None) -> None:
    fact = only(extract_target_agreement(text))
    assert fact.value == pytest.approx(value)
    assert (fact.metric, fact.qualifier) == (metric, qualifier)
    assert text[fact.start:fact.end] == fact.evidence


@pytest.mark.parametrize(
    "text",
    [
        "抽检10%",
        "90%的数据是中文",
        "accuracy matters a lot",
        "保持一致性",
        "准确率提升了3个点",
        "The model's accuracy is 82% today",
        "目前准确率82%",
        "之前的标注准确率只有70%",
        "current agreement of 0.6",
    ],
)
def test_no_target_agreement_is_invented(text: str) -> None:
    assert extract_target_agreement(text) == []


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        ("抽检10%", 0.1, "抽检10%"),
        ("sample 5% for QA", 0.05, "sample 5% for QA"),
        ("质检比例10%", 0.1, "质检比例10%"),
        ("按5%的比例抽检", 0.05, "5%的比例抽检"),
        ("随机抽取5%的数据做质检", 0.05, "抽取5%的数据做质检"),
        ("spot-check 10% of the labels", 0.1, "spot-check 10%"),
        ("QA sampling rate of 3%", 0.03, "QA sampling rate of 3%"),
        ("a 20% QA sample", 0.2, "20% QA"),
        ("review 10% of the output", 0.1, "review 10%"),
        ("抽检百分之十", 0.1, "抽检百分之十"),
        ("每日按标签分层抽检5%", 0.05, "抽检5%"),
    ],
)
def test_qa_rate(text: str, value: float, evidence: str) -> None:
    fact = only(extract_qa_rate(text))
    assert fact.value == pytest.approx(value)
    assert fact.evidence == evidence
    assert text[fact.start:fact.end] == evidence


@pytest.mark.parametrize(
    "text",
    ["Sample 10% of the data for a pilot run.", "90%的数据是中文", "准确率95%", "QA pass rate 95%", "质检合格率98%"],
)
def test_no_qa_rate_is_invented(text: str) -> None:
    assert extract_qa_rate(text) == []


# --------------------------------------------------------------------------------------------
# Annotators and overlap
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5个标注员", 5),
        ("3 annotators", 3),
        ("五名标注人员", 5),
        ("标注团队有10人", 10),
        ("three labelers", 3),
        ("安排8个人标注", 8),
        ("a labeling team of 6", 6),
        ("12 in-house raters", 12),
        ("We'd like 3 linguists to review it", 3),
        ("标注员12人", 12),
    ],
)
def test_annotators(text: str, value: int) -> None:
    fact = only(extract_annotators(text))
    assert fact.value == value
    assert extract_overlap(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("每条数据由3人标注", 3),
        ("3 annotators per item", 3),
        ("each item should be labeled by 2 raters", 2),
        ("每条数据两人背靠背标注", 2),
        ("3人交叉标注", 3),
        ("每条由3名标注员独立标注", 3),
    ],
)
def test_overlap_is_not_a_head_count(text: str, value: int) -> None:
    fact = only(extract_overlap(text))
    assert fact.value == value
    assert extract_annotators(text) == []


@pytest.mark.parametrize("text", ["100万人使用我们的APP", "10,000 people use the app", "4个标签", "质检员2人"])
def test_no_annotators_are_invented(text: str) -> None:
    assert extract_annotators(text) == []
    assert extract_overlap(text) == []


# --------------------------------------------------------------------------------------------
# Language, channel, modality
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("都是中文评论", ["zh"]),
        ("英文邮件", ["en"]),
        ("粤语录音", ["yue"]),
        ("reviews in English", ["en"]),
        ("Spanish tweets", ["es"]),
        ("普通话和日语", ["zh", "ja"]),
        ("Mandarin and Cantonese calls", ["zh", "yue"]),
        ("中英文都有", ["zh", "en"]),
        ("西班牙语和法语", ["es", "fr"]),
    ],
)
def test_language(text: str, codes: list[str]) -> None:
    facts = extract_language(text)
    assert [f.value for f in facts] == codes
    assert_offsets(text, facts)


@pytest.mark.parametrize("text", ["其中文本较长", "节日文案", "Chinese customers complain a lot", "我们想提高质量"])
def test_no_language_is_invented(text: str) -> None:
    assert extract_language(text) == []


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("客服聊天记录", "chat"),
        ("在线客服", "chat"),
        ("电话录音", "phone"),
        ("用户邮件", "email"),
        ("应用商店评论", "app_review"),
        ("app reviews", "app_review"),
        ("我们的app reviews太多了", "app_review"),
        ("search logs", "search"),
        ("微博评论", "social"),
        ("live chat", "chat"),
        ("support tickets", "ticket"),
        ("商品评论", "product_review"),
        ("we need better search results", "search"),
        ("Google Play reviews", "app_review"),
    ],
)
def test_channel(text: str, channel: str) -> None:
    fact = only(extract_channel(text))
    assert fact.value == channel
    assert text[fact.start:fact.end] == fact.evidence


@pytest.mark.parametrize("text", ["用户留了电话号码", "research on customer needs", "API calls per second", "海报设计"])
def test_no_channel_is_invented(text: str) -> None:
    assert extract_channel(text) == []


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("文本", "text"),
        ("对话", "dialogue"),
        ("图片", "image"),
        ("音频", "audio"),
        ("视频", "video"),
        ("short text snippets", "text"),
        ("product images", "image"),
        ("audio", "audio"),
        ("conversations", "dialogue"),
        ("video clips", "video"),
    ],
)
def test_modality(text: str, modality: str) -> None:
    fact = only(extract_modality(text))
    assert fact.value == modality


@pytest.mark.parametrize("text", ["意图识别", "对话框里的按钮", "hate speech in comments", "context matters"])
def test_no_modality_is_invented(text: str) -> None:
    assert extract_modality(text) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我们想让客服机器人更懂用户的投诉", "zh"),
        ("we need better search results for our shop", "en"),
        ("请帮我们标注app reviews的情感", "zh"),
        ("QA抽检10%，一致率要80%以上", "zh"),
        ("We need 3万条客服对话 labeled for intent，最好12月15日之前交付", "mixed"),
        ("Label 3万条 reviews of our app please", "en"),
        ("", "en"),
    ],
)
def test_request_language(text: str, language: str) -> None:
    assert request_language(text) == language


# --------------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------------

FULL = (
    "老板说要做电商评论的情感分析，大概5万条，12月15日前交付，预算3万元左右，每条最好不超过30秒，"
    "5个标注员，每条两人背靠背标注，一致率不低于80%，抽检10%。Spanish too: ~2k app reviews by Dec 20."
)


def test_extract_facts_finds_every_kind_with_exact_offsets() -> None:
    facts = extract_facts(FULL, TODAY)
    assert_offsets(FULL, facts)
    by_kind: dict[str, list[object]] = {}
    for fact in facts:
        by_kind.setdefault(fact.kind, []).append(fact.value)
    assert by_kind["volume"] == [50000, 2000]
    assert by_kind["deadline"] == ["2025-12-15", "2025-12-20"]
    assert by_kind["budget"] == [{"amount": 30000.0, "currency": "CNY"}]
    assert by_kind["time_per_item"] == [30.0]
    assert by_kind["annotators"] == [5]
    assert by_kind["overlap"] == [2]
    assert by_kind["target_agreement"] == [0.8]
    assert by_kind["qa_rate"] == [0.1]
    assert by_kind["language"] == ["es"]
    assert set(by_kind["channel"]) == {"product_review", "app_review"}


def test_extract_facts_is_ordered_and_has_no_overlap_within_a_kind() -> None:
    facts = extract_facts(FULL, TODAY)
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if a.kind == b.kind:
                assert a.end <= b.start or b.end <= a.start, (a, b)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "帮我们看看用户最近都在吐槽什么",
        "Can you figure out what people are unhappy about?",
        "我们想要更好的推荐效果",
        "Top 3 issues, 4 labels, version 2, since 2024, 30% growth",
    ],
)
def test_a_request_that_states_nothing_yields_nothing(text: str) -> None:
    assert extract_facts(text, TODAY) == []


def test_fact_checks_its_offsets_and_value_shape() -> None:
    with pytest.raises(ValidationError):
        Fact(kind="volume", value=3, evidence="3万条", start=0, end=2)
    with pytest.raises(ValidationError):
        Fact(kind="budget", value=20000, evidence="预算2万", start=0, end=4)
    with pytest.raises(ValidationError):
        Fact(kind="deadline", value="next week", evidence="下周", start=0, end=2)
    fact = Fact(kind="volume", value=30000, unit="items", evidence="3万条", start=0, end=3)
    assert fact.relative is False and fact.raw is None


# --------------------------------------------------------------------------------------------
# The shared set of vague requests
# --------------------------------------------------------------------------------------------

def _load_requests() -> list[dict]:
    with REQUESTS.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_vague_requests_file_is_well_formed() -> None:
    requests = _load_requests()
    assert len(requests) >= 12
    ids = [r["id"] for r in requests]
    assert len(ids) == len(set(ids))
    langs = [r["lang"] for r in requests]
    assert langs.count("zh") >= 6 and langs.count("en") >= 6 and langs.count("mixed") >= 2
    assert sum(1 for r in requests if not r["expected"]) >= 2
    for request in requests:
        assert set(request) == {"id", "text", "lang", "today", "expected", "absent"}
        date.fromisoformat(request["today"])
        for expected in request["expected"]:
            assert expected["kind"] in ALL_KINDS
            assert expected["kind"] not in request["absent"], request["id"]
        assert set(request["absent"]) <= ALL_KINDS


@pytest.mark.parametrize("request_", _load_requests(), ids=lambda r: r["id"])
def test_vague_request(request_: dict) -> None:
    text = request_["text"]
    facts = extract_facts(text, date.fromisoformat(request_["today"]))
    assert_offsets(text, facts)
    for expected in request_["expected"]:
        values = [f.value for f in facts if f.kind == expected["kind"]]
        want = expected["value"]
        if isinstance(want, dict):
            want = {"amount": float(want["amount"]), "currency": want["currency"]}
        assert want in values, f"{expected} not in {values}"
    invented = [f"{f.kind}: {f.evidence}" for f in facts if f.kind in request_["absent"]]
    assert invented == []
    assert request_language(text) == request_["lang"]


# --------------------------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------------------------

_FRAGMENTS = [
    "3万条", "两周内", "预算", "2万元", "$5k", "budget", "by Dec 15", "每条", "30秒", "抽检", "10%", "kappa", "0.8",
    "5个标注员", "3 annotators", "per item", "中文", "English", "客服聊天", "app reviews", "图片", "audio", "Top 3",
    "第2版", "2024年", "，", "。", " ", "the", "we need", "about", "1,000", "十万", "张", "条", "对话", "within",
    "days", "Q1", "之前", "¥", "8000", "售价", "每人每天", "500", "agreement", "90%", "sample", "for QA", "下个月底",
    "前", "月", "日", "12", "15", "-", "/", "+", "k", "w", "1.5", "个", "人", "标注", "by", "before", "2027-01-10",
]


def test_random_fragments_never_break_the_contract() -> None:
    import random

    rng = random.Random(20251120)
    for _ in range(300):
        text = "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 25)))
        facts = extract_facts(text, TODAY)
        assert_offsets(text, facts)
        assert [(f.start, f.end) for f in facts] == sorted((f.start, f.end) for f in facts)
        for i, a in enumerate(facts):
            assert a.kind in ALL_KINDS
            if a.kind in {"volume", "annotators", "overlap"}:
                assert isinstance(a.value, int) and a.value > 0
            if a.kind in {"qa_rate", "target_agreement"}:
                assert 0.0 <= a.value <= 1.0
            if a.kind == "deadline":
                assert date.fromisoformat(a.value) >= date(2025, 1, 1)
            for b in facts[i + 1:]:
                if a.kind == b.kind:
                    assert a.end <= b.start or b.end <= a.start


def test_long_and_repetitive_input_is_handled() -> None:
    # Atomic groups keep these from backtracking catastrophically; the timing lives in
    # benchmarks/bench_extract.py. Here: it finishes and finds the repeated volume.
    text = "1" * 3000 + "ten " * 1500 + "一" * 3000 + "3万5千条 " * 300 + "by " * 1000
    facts = extract_facts(text, TODAY)
    assert any(fact.kind == "volume" and fact.value == 35000 for fact in facts)
