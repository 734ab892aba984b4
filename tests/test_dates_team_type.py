"""Which date is the labels' deadline, how many people label, which agreement figure is the target, and
the task type of requests that compare pairs or mix goals.

Requests written for these tests, in other domains than any dev set; the request date is Monday 2026-11-30.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

MONDAY = date(2026, 11, 30)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, MONDAY)
    return draft


@pytest.mark.parametrize(
    "request_text,deadline",
    [
        # a meeting, a go-live or a print date beside the delivery date
        ("Label 3,000 warranty claims as approve / deny / escalate. The audit committee meets Dec 18; we need the labels done by Dec 15.", "2026-12-15"),
        ("Tag 800 podcast episodes by topic (sports, politics, tech). Our Dec 21 launch review is fixed, so Dec 16 at the latest.", "2026-12-16"),
        ("1月5日新版App上线，最晚12/28交标注结果。3000条评论分正面、负面。", "2026-12-28"),
        ("物业报修单2000条，分水电、门窗、电梯三类。下周三开评审会，下周一前把结果交给我。", "2026-12-07"),
        # a spec, a proposal or a pilot due first, the labels later
        ("本周四前先出一版标注规范，12月25日前交付全部标注数据。5000条法律咨询分刑事、民事、行政。", "2026-12-25"),
        ("Send me the rubric by Wednesday, labels due end of next month. 4k recipe reviews, 1-5 stars.", "2026-12-31"),
        # a date ruled out, then the one that holds
        ("2万条弹幕分正常/引战/广告。下周五肯定赶不上，下下周五吧。", "2026-12-18"),
        # a weekday with its day of the month; a time standing alone
        ("Rate 600 call transcripts as compliant / non-compliant. Deadline Thursday the 17th.", "2026-12-17"),
        ("快递面单图片500张，判断清晰/模糊。时间紧，下周二。", "2026-12-08"),
        ("门店巡检照片描述核对，800张，对/错。时限：12月22号。", "2026-12-22"),
        ("Wrap up the 2k support chats (billing / tech / other) by end of next week.", "2026-12-11"),
        # the day the requester hands the data over is not the labels' deadline
        ("12月3日前我们把数据发给你们，12月18日前交付标注结果。4000条外卖评价分好评/差评。", "2026-12-18"),
        ("We'll send the export by Dec 2; labels due Dec 16. 2k hotel emails, urgent / not urgent.", "2026-12-16"),
        ("数据12月2日前到位，12月21日前交付。5000条工单分咨询/投诉。", "2026-12-21"),
        # a pilot batch first, the whole set later
        ("The pilot batch of 200 by Dec 4, the full 5,000 by Dec 30. Topics: billing, shipping, other.", "2026-12-30"),
        ("下周三前先试标100条，月底前全部标完，下个月底交付。评论分正面/负面。", "2026-12-31"),
        ("Please caption the 500 drone photos. Timeline: two weeks. The board sees the demo on Jan 15.", "2026-12-14"),
    ],
)
def test_the_labels_delivery_date_is_the_deadline(request_text: str, deadline: str) -> None:
    field = draft_of(request_text).when.deadline
    assert (field.status, field.value) == (FieldStatus.stated, deadline)


@pytest.mark.parametrize(
    "request_text",
    [
        "想把客服录音转写的3000条分类，但还没想好怎么分。下周二之前先给我个方案。",
        "We have 10k forum posts and no idea how to slice them yet. Send me a proposal by Friday.",
        "数据量：8千条（Q2 的工单），分咨询/投诉/建议。",
        "Sort 12,000 chats (Q3 export, all closed) into billing / shipping / other.",
    ],
)
def test_a_date_for_something_else_is_not_the_deadline(request_text: str) -> None:
    field = draft_of(request_text).when.deadline
    assert field.status != FieldStatus.stated, field


@pytest.mark.parametrize(
    "request_text",
    [
        "语音助手的指令5万条，分意图：查天气、放音乐、设闹钟。3月15日上线。",
        "Score 2k loan-officer notes as compliant / non-compliant. The board review is Jan 12.",
    ],
)
def test_the_day_of_an_event_is_not_the_deadline(request_text: str) -> None:
    assert draft_of(request_text).when.deadline.status != FieldStatus.stated


@pytest.mark.parametrize(
    "request_text,count",
    [
        ("1,500 recipe photos to tag as vegan / vegetarian / meat. It'll be me and three other volunteers doing the tagging.", 4),
        ("大概3000条客服对话，分咨询/投诉/建议，我跟另外两位实习生一起标。", 3),
        ("Rate 900 discharge notes as clear / unclear. Raters: the 4 staff physicians.", 4),
        ("We'd like 3 raters per region (north, south, east), so 9 people in total. 2,400 store reviews, good / bad.", 9),
        ("方言语音转写质检，每条判断对/错。审核人员：粤语、闽南语、客家话各 3 人。", 9),
        # an adjudicator settles disagreements; she is not one of the people who label
        ("Team: 3 labelers and a senior adjudicator. 1k receipts, extract vendor and total.", 3),
        ("1500份病历抽取诊断名称。标注人员：3个实习生加1个仲裁组长。", 3),
        ("Label 3k permit applications as complete / incomplete. We have 2 reviewers for each region, 4 regions: 8 people in total.", 8),
        ("Tasting notes, 1,200 of them, to grade as A / B / C. 3 sommeliers from our Napa team will grade them.", 3),
    ],
)
def test_the_number_of_people_who_label(request_text: str, count: int) -> None:
    field = draft_of(request_text).who.annotator_profile
    assert field.status == FieldStatus.stated and field.value == {"count": count}, field


@pytest.mark.parametrize(
    "request_text",
    [
        "1,800 answer pairs to compare (A / B / tie). Two reviewers per pair ideally.",
        "我们公司一共300人，想把内部论坛的2000条帖子分成吐槽/建议/表扬。",
        # people who answer questions or spot-check are reviewers, not the team that labels
        "合同条款抽取800份，标出甲方、乙方、金额。我们法务部两位同事能参与，主要负责答疑和抽检，标注请你们派人。",
        "Extract drug names and doses from 900 notes. Two of our pharmacists can help with questions and spot checks; you provide the labelers.",
    ],
)
def test_people_per_item_are_not_the_team(request_text: str) -> None:
    assert draft_of(request_text).who.annotator_profile.status != FieldStatus.stated


@pytest.mark.parametrize(
    "request_text,target",
    [
        # a past figure, then the target without its metric's name
        ("药品说明书实体抽取1万条。上一轮供应商做的，F1才0.63，这次希望至少0.8。", 0.8),
        ("Last round our raters only hit 0.61 kappa on the tone labels. This time we want at least .75. 3,000 emails.", 0.75),
        ("上次外包准确率只有85%，这次要95%以上。3000条快递工单分类。", 0.95),
        # agreement in words
        ("保险条款问答对3000组，判断是否同义：同义/不同义。质检那边要求九成以上一致。", 0.9),
        ("Essay scores 1-6 on 800 essays; the bar is two graders within one point 85% of the time.", 0.85),
        ("作文评分1-5分，1200篇，两人打分分差1分以内的比例要到75%。", 0.75),
    ],
)
def test_the_agreement_target(request_text: str, target: float) -> None:
    field = draft_of(request_text).how_much.target_agreement
    assert field.status == FieldStatus.stated and field.value == pytest.approx(target), field


@pytest.mark.parametrize(
    "request_text",
    [
        "二手平台的商品标题两两配对，判断是不是同一个商品：相同 / 不同 / 不确定，一共5000对。",
        "For each pair of help-center questions, tell us whether they're duplicates: duplicate / not duplicate / unsure. About 3,000 pairs.",
    ],
)
def test_judging_whether_a_pair_says_the_same_thing_is_its_own_task(request_text: str) -> None:
    field = draft_of(request_text).what.task_type
    assert field.value == "other", field


def test_a_column_of_the_data_is_not_a_field_to_extract() -> None:
    field = draft_of("我们想把工单系统里的“备注”字段拿出来做点分析，看看大家都写些啥，先标一批试试。").what.task_type
    assert not (field.value == "ner" and field.confidence > 0.5), field


def test_a_past_figure_alone_is_not_a_target() -> None:
    assert draft_of("以前一致率70%左右，这次3000条游戏评论，分好评/差评。").how_much.target_agreement.status != FieldStatus.stated
