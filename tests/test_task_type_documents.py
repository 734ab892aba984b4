"""Task-type shapes of product documents, tickets and dictated requests (task_forms.py), on sentences written for
these tests (no development set's), with near-misses that must not be read."""

from __future__ import annotations

import pytest

from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


def _type(text, labels=None):
    return read_task_type(text, labels)


@pytest.mark.parametrize(
    "text",
    [
        "药店的纸质小票拍照后用OCR识别了，金额和药名老是认错。想找人对着照片把识别结果改对，一共两千张。",
        "档案馆的手写登记簿扫过一遍，请对着原件把OCR文字逐行改正。",
        "Our scanned delivery notes came out garbled. We need people to correct the OCR text against each scan, about 3k notes.",
        "Ticket: OCR correction for handwritten customs forms, field by field, compared with the image.",
    ],
)
def test_a_machine_transcript_corrected_against_its_source_is_other(text):
    signal = _type(text)
    assert signal.task_type == TaskType.other
    assert not (signal.task_type == TaskType.image_description)


@pytest.mark.parametrize(
    "text",
    [
        "二手书平台抓了很多候选书目对，想请人判断是不是同款，一共五千对。",
        "同款匹配：两条商品标题加图片，标同款、同款不同颜色、非同款。",
        "Product matching for our marketplace: for each pair of listings, say whether they are the same product or not.",
    ],
)
def test_two_listings_judged_the_same_product_is_a_pair_judgement(text):
    assert _type(text).task_type == TaskType.other


def test_a_same_product_label_set_is_a_verdict_on_a_pair():
    assert _type("每一对都要标一下。", ["同款", "同款不同尺寸", "非同款"]).task_type == TaskType.other


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("两家大模型各回答一遍同样的问题，匿名成甲乙，请标甲好、乙好、一样好、一样差。", ["甲好", "乙好", "一样好", "一样差"]),
        ("Each question has two anonymous answers. Pick: A better, B better, equally good, equally bad.", ["A better", "B better", "equally good", "equally bad"]),
    ],
)
def test_two_sides_and_graded_ties_are_a_preference(text, labels):
    assert _type(text, labels).task_type == TaskType.response_preference


@pytest.mark.parametrize(
    "text",
    [
        "need the roadside assistance call notes marked up - driver name, phone number, car model, location, tow destination shop. 700 notes.",
        "please get the intake forms annotated: patient name, date of birth, insurance number, clinic location",
    ],
)
def test_a_list_of_record_fields_after_a_marking_verb_is_extraction(text):
    assert _type(text).task_type == TaskType.ner


def test_dispatch_naming_an_office_is_not_routing():
    signal = _type("The ambulance dispatch recordings are transcribed already; get them marked up - caller name, street address, callback number, patient age.")
    assert signal.task_type != TaskType.intent_classification
    # routing is still read when the word is the act
    assert _type("Dispatch each complaint to the right team: billing, repairs or sales.").task_type == TaskType.intent_classification


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("## Feedback tagging\n\n1. Background\nToday every report lands in one inbox and support has to forward it to the right team by hand.\n\n2. Ask\nWe want each report tagged by module.\n",
         ["Camera", "Battery", "Pairing", "Other"]),
        ("App里的用户反馈，想按功能模块打标：支付、登录、推送、其他。", ["支付", "登录", "推送", "其他"]),
    ],
)
def test_sorting_by_a_part_of_the_product_is_by_topic(text, labels):
    assert _type(text, labels).task_type == TaskType.topic_classification


def test_a_background_section_is_not_the_ask():
    text = "1. Background\nSupport forwards every message to the right team by hand.\n\n2. Request\nTag each review as positive, negative or mixed.\n"
    assert _type(text, ["positive", "negative", "mixed"]).task_type == TaskType.sentiment


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("## 陪诊服务录音 风险分级\n目的：安全团队要识别高风险服务单。\n- P0 紧急：人身威胁、性骚扰\n- P1 高风险：辱骂、纠缠\n- P2 关注：态度差、小争执\n- 无风险：正常对话\n",
         ["P0 紧急", "P1 高风险", "P2 关注", "无风险"]),
    ],
)
def test_a_risk_grading_with_defined_levels_is_safety_review_and_definitions_are_not_the_ask(text, labels):
    assert _type(text, labels).task_type == TaskType.content_safety


def test_credit_risk_is_not_safety_review():
    assert _type("贷款申请材料的信用风险评级，标高、中、低。", ["高", "中", "低"]).task_type != TaskType.content_safety


@pytest.mark.parametrize(
    "text",
    [
        "Requester: campus housing\nProject: housing chatbot – utterance tagging\nCategories: request repair / report a noise issue / appeal a fine / book a room / other",
        "智能客服里用户首句，标一下：查快递、改地址、催件、投诉、其他。",
    ],
)
def test_utterances_to_a_bot_are_sorted_by_what_the_user_wants(text):
    assert _type(text, ["request repair", "report a noise issue", "appeal a fine", "book a room", "other"] if "Categories" in text else ["查快递", "改地址", "催件", "投诉", "其他"]).task_type == TaskType.intent_classification


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("菜品评价先分好评、中评、差评。然后差评到底是为啥，是嫌咸还是嫌慢，这个也想知道，能不能一起标", ["好评", "中评", "差评"]),
        ("Tag each survey answer as satisfied or unsatisfied, and we'd also like to know why they were unhappy, tag the reasons as well.", ["satisfied", "unsatisfied"]),
    ],
)
def test_a_second_ask_about_the_reasons_is_asked(text, labels):
    signal = _type(text, labels)
    assert signal.ambiguous and signal.confidence <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Tag each survey answer as satisfied, neutral or unsatisfied. The reason is the board wants a number.",
        "Tag each survey answer as satisfied, neutral or unsatisfied. The reason is the board wants a number too.",
        "每条回访按客户情绪标满意、一般、不满意。原因是老板也想知道整体情况。",
    ],
)
def test_one_ask_with_a_reason_for_the_work_is_not_two_asks(text):
    labels = ["满意", "一般", "不满意"] if "满意" in text else ["satisfied", "neutral", "unsatisfied"]
    signal = _type(text, labels)
    assert signal.task_type == TaskType.sentiment and not signal.ambiguous


@pytest.mark.parametrize(
    "text",
    [
        "- 数据：候选书目对，字段：book_a_title, book_b_title, price_a\n- 标注：判断是不是同款",
        "工单表 refund_reason 字段补标，取值：物流慢、质量差、不想要了、其他。",
    ],
)
def test_the_datas_own_columns_are_not_fields_to_extract(text):
    assert _type(text).task_type != TaskType.ner


def test_fields_to_extract_are_still_extraction():
    assert _type("把合同里的甲方、乙方、金额这几个字段抽出来。").task_type == TaskType.ner


def test_a_ticket_description_field_is_not_an_image_description():
    text = "[TICKET] OPS-77 handwritten forms\nDescription:\nWe need the OCR text corrected against the image of each form, field by field.\nVolume: 4k forms"
    assert _type(text).task_type == TaskType.other
