"""How other people write requests: forms of labels, types, numbers and dates, in wording of our own.

None of these phrasings comes from a dev set (tests/data/dev_requests_unseen*.yaml); each case checks
that a rule learned from the dev sets holds on other wording, in Chinese and English. The request
date is Monday 2026-11-30, as in the dev sets.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus, TaskType
from assistant.breakdown.request_labels import find_labels
from assistant.rulebook.request import mentions
from assistant.breakdown.task_signals import read_task_type

TODAY = date(2026, 11, 30)


def _draft(text):
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft


# -- labels ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, labels",
    [
        # rows pasted from a spreadsheet: the name column, never the header or the examples
        ("Please tag these fields in our invoices (copied from the sheet):\nfield\tdescription\texample\n"
         "Invoice number\tthe id printed top right\tINV-2231\nDue date\twhen payment is due\t2027-01-10\n"
         "Total amount\tincl. VAT\t€1,250.00\n\nAbout 700 invoices.", ["Invoice number", "Due date", "Total amount"]),
        ("病历首页要抽这几个字段，表格直接贴过来了：\n字段\t说明\t示例\n患者姓名\t首页左上\t张三\n入院日期\t年月日\t2026-03-02\n主要诊断\t出院诊断第一条\t肺炎\n一共两千份。",
         ["患者姓名", "入院日期", "主要诊断"]),
        # a bulleted list under a line that ends with a colon
        ("## Scope\nPlease highlight the following wherever they show up in the filings:\n- Company name\n- Fiscal year\n- Net revenue\n\nAround 400 filings.",
         ["Company name", "Fiscal year", "Net revenue"]),
        # bullets whose explanations list examples: the names are the labels, not the examples
        ("工单想按模块打标：\n- 支付（退款、扣费、发票）\n- 物流（延迟、丢件）\n- 账号（登录、改密码）\n- 其他", ["支付", "物流", "账号", "其他"]),
        # GitHub-style "label: description" lines
        ("Use these labels on the support threads:\n- bug: something is broken\n- feature: asks for a new capability\n- question: how do I do X", ["bug", "feature", "question"]),
        # a verb, a pronoun, then the options
        ("For every answer the bot gave, rate it excellent, okay or poor.", ["excellent", "okay", "poor"]),
        ("Posts about the Fed: label them hawkish vs dovish, with neutral when unclear.", ["hawkish", "dovish", "neutral"]),
        # "X vs Y, with Z for ...": the trailing option is a label, "with" is not part of it
        ("Tweets about the central bank should be labelled bullish vs bearish, with neutral when it's unclear.", ["bullish", "bearish", "neutral"]),
        # spans described by what they mention
        ("In each note, highlight the words that name the medication and the phrase that describes the dose.", ["medication", "dose"]),
        ("把评论里提到品牌的词和描述价格的部分都标出来，大概900条。", ["品牌", "价格"]),
    ],
)
def test_labels_in_tables_bullets_and_described_spans(text, labels):
    found = find_labels(text)
    assert found is not None and found.labels == labels, found


def test_a_label_named_by_a_digit_is_not_mentioned_by_a_year_or_a_decimal():
    assert not mentions("speeches since 2010 labelled hawkish", "0")
    assert not mentions("budget of 1.5k", "1")
    assert mentions("mark it 0 when nothing applies", "0")


# -- task type ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("客服机器人会自动生成通话总结，想检查总结有没有编造客户没说的内容，标：准确、部分编造、完全编造。", TaskType.summarization_quality),
        ("Could annotators rate, 1 to 5, how each reviewer feels about the new menu?", TaskType.sentiment),
        ("Can you bucket the return notes into wrong size / damaged / changed mind / late delivery?", TaskType.topic_classification),
        ("Run a safety review on chatbot prompts: self-harm, weapons, hate, or safe.", TaskType.content_safety),
        ("Is each message in the shared inbox a phishing attempt or not? 1,100 messages.", TaskType.content_safety),
        ("In each clinic note, underline the part that mentions the allergy and the bit that describes the reaction.", TaskType.ner),
        # verdict labels: the routing words around them describe the workflow, not the task
        ("Our anomaly detector raised 2,000 alerts; each one should be marked valid or invalid, and we route the valid ones to on-call.", TaskType.other),
    ],
)
def test_the_type_comes_from_how_people_describe_the_task(text, expected):
    found = find_labels(text)
    signal = read_task_type(text, found.labels if found else None, ordinal=bool(found and found.ordinal))
    assert signal.task_type == expected, signal


@pytest.mark.parametrize(
    "text",
    [
        # two asks: satisfaction, and a second job spelled out with 也要…挑出来
        "想看看住户对物业服务满不满意，另外如果有说到漏水、电梯坏了的也要单独挑出来。",
        # two questions whose signals compete: what they write about, and how happy they are
        "酒店点评想分析一下，住客主要在抱怨什么、整体情绪如何。",
        "We'd like to know what guests complain about most and whether they sound satisfied overall.",
        "Check how customers feel about the app, and also flag any message that threatens staff.",
    ],
)
def test_competing_or_double_asks_are_low_confidence_and_asked(text):
    draft = _draft(text)
    task_type = draft.what.task_type
    assert task_type.status != FieldStatus.stated and task_type.confidence <= 0.5, task_type
    assert any(q.field == "what.task_type" for q in draft.questions)


def test_a_forwarded_emails_header_does_not_decide_the_type():
    text = "FYI, see below.\n\nFrom: Ops\nSubject: topics for the weekly sync\n> Each chat log: is it a scam or not?\n> about 900 logs"
    found = find_labels(text)
    assert read_task_type(text, found.labels if found else None).task_type == TaskType.content_safety


# -- numbers -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, volume",
    [
        ("题库里一共2,400道题，想按知识点打标。", 2400),
        ("现有工单大概5,200个，按紧急程度分高中低。", 5200),
        ("客户转来一批投诉录音的转写，大概三万五，想看看是不是有辱骂。", 35000),
        ("Roughly 2.5k forms need a category each.", 2500),
        ("We have 3,600 tickets to label.", 3600),
        ("一共1万2千条评论。", 12000),
    ],
)
def test_volumes_in_measure_words_and_colloquial_numbers(text, volume):
    field = _draft(text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == volume, field


@pytest.mark.parametrize(
    "text",
    [
        "预算两万五，标注员3个，2个月内完成。",  # money, people and time: no volume among them
        "每天新增800个工单，长期做。",  # a rate
        "之前外包做过1,200份，质量不行。",  # past work
    ],
)
def test_money_people_time_rates_and_past_work_are_not_the_volume(text):
    assert _draft(text).how_much.volume.status != FieldStatus.stated


@pytest.mark.parametrize(
    "text, count",
    [
        ("我们这边可以出三位质检员来标。", 3),
        ("安排两名实习生负责标注，五千条。", 2),
        ("我们有4位teacher可以标", 4),
        ("A team of five from support will label part-time.", 5),
        ("Four of our nurses can annotate the notes.", 4),
        ("we have a team of 6 who can help label", 6),
    ],
)
def test_team_sizes(text, count):
    field = _draft(text).who.annotator_profile
    assert field.status == FieldStatus.stated and field.value == {"count": count}, field


@pytest.mark.parametrize(
    "text",
    ["Ideally two reviewers per item.", "3 engineers maintain the pipeline.", "我们有20万用户。", "Our two lawyers can review the output."],
)
def test_people_per_item_and_other_headcounts_are_not_the_team(text):
    assert _draft(text).who.annotator_profile.status != FieldStatus.stated


def test_a_pasted_table_of_fields_is_an_extraction_and_its_dates_are_no_deadline():
    text = ("Please tag these fields in our invoices (copied from the sheet):\nfield\tdescription\texample\n"
            "Invoice number\tthe id printed top right\tINV-2231\nDue date\twhen payment is due\t2027-01-10\n\nAbout 700 invoices.")
    draft = _draft(text)
    assert draft.what.task_type.value == "ner"
    assert draft.when.deadline.status != FieldStatus.stated


def test_an_amount_in_a_pasted_table_is_never_the_budget():
    text = ("需要抽合同里的字段：\n字段\t说明\t示例\n甲方\t签约方\tXX公司\n合同金额\t含税\t120万元\n\n合同约600份，费用控制在2万以内。")
    field = _draft(text).how_much.budget
    assert field.status == FieldStatus.stated and field.value["amount"] == 20000, field


# -- deadlines ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, deadline",
    [
        ("国庆前交付就行。", "2027-09-30"),
        ("春节前交数据，谢谢。", "2027-02-05"),  # Spring Festival 2027 is 6 February
        ("Need the labels before Christmas.", "2026-12-24"),
        ("by Chinese New Year please", "2027-02-06"),
        ("下周五前吧，不对，改成12月20号前。", "2026-12-20"),
        ("deadline is Friday, actually make that by 18 December", "2026-12-18"),
        ("by the end of Q1", "2027-03-31"),
        ("下个月底前要", "2026-12-31"),
        ("end of next month is fine", "2026-12-31"),
    ],
)
def test_holiday_relative_and_corrected_deadlines(text, deadline):
    field = _draft(text).when.deadline
    assert field.status == FieldStatus.stated and field.value == deadline, field


@pytest.mark.parametrize("text", ["最好春节前能上线。", "去年国庆前做过一批。", "We'd like results before the Black Friday and Christmas campaign ends.", "希望在618活动结束前拿到结果。"])
def test_launch_targets_and_past_holidays_are_not_deadlines(text):
    assert _draft(text).when.deadline.status != FieldStatus.stated


# -- figures about the past --------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, target",
    [
        ("Last year our vendor only reached 72% agreement. We need 85% this time, 2,000 emails.", 0.85),
        ("之前外包的一致率只有65%，这次希望到85%，三千条。", 0.85),
        ("Last year our vendor only reached 72% agreement. 2,000 emails.", None),
    ],
)
def test_a_past_metric_is_not_the_target(text, target):
    field = _draft(text).how_much.target_agreement
    if target is None:
        assert field.status != FieldStatus.stated, field
    else:
        assert field.status == FieldStatus.stated and field.value == target, field


def test_a_past_budget_is_not_the_budget():
    assert _draft("去年做过一批，当时预算是5万。这次一万条。").how_much.budget.status != FieldStatus.stated
    assert _draft("The old vendor charged $4,000 last time. This time our budget is $2,500.").how_much.budget.value["amount"] == 2500
