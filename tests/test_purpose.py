"""Why the work is done (purpose.py), on sentences written for these tests (no development set's), with
near-misses that must not be read as the purpose."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus


def _goal(text):
    draft, _ = offline_draft(text, [], {}, date(2026, 12, 2))
    return draft.why.business_goal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name: Jo\nHow many?: 400 essays\nWhy?: Deciding whether to keep the grading tool next term.\nBudget: n/a",
         "Deciding whether to keep the grading tool next term"),
        ("Volume: 2,000 chats\nNotes: we're retraining the bot, it keeps sending refund people to billing",
         "we're retraining the bot, it keeps sending refund people to billing"),
        ("Goal: Measure accuracy before we expand to Canada.\nProblem: the summaries miss prices.", "Measure accuracy before we expand to Canada"),
        ("**目的**：风控团队要训练识别模型，把高风险订单实时拦下来。\n**数据**：五千条。", "风控团队要训练识别模型，把高风险订单实时拦下来"),
        ("Tag each comment as happy or unhappy. Reason is we're deciding whether to close the Sunday branch.",
         "we're deciding whether to close the Sunday branch"),
        ("There are about 900 letters. We're looking at replacing the transcription vendor.", "We're looking at replacing the transcription vendor"),
        ("评论一共八千条，分成表扬和投诉。我们是要给各个门店排名用的，明年续约看这个。", "要给各个门店排名用的，明年续约看这个"),
        ("做这个是要建一个菜谱知识库，一共两千份。", "要建一个菜谱知识库"),
        ("为啥这么急——因为下个月要上新的推荐模型，得有训练数据。", "下个月要上新的推荐模型，得有训练数据"),
        ("背景：监管要求按投诉类型统计，历史数据有很多空值。\n范围：三千单。", "监管要求按投诉类型统计"),
        ("这批评估结果作为是否换供应商的依据，一共六百条。", "作为是否换供应商的依据"),
        ("我们想做个自动派单，所以要标一下每条工单归哪个班组。", "我们想做个自动派单"),
        ("后面训练分类模型，替代人工分拣。一共三千条。", "后面训练分类模型，替代人工分拣"),
        ("We need 1,500 chats tagged by intent to train our routing model.", "to train our routing model"),
        ("Please review the 600 answers before we go live for winter enrolment.", "before we go live for winter enrolment"),
    ],
)
def test_the_purpose_is_read(text, expected):
    goal = _goal(text)
    assert goal.status == FieldStatus.stated and goal.value == expected, goal
    assert goal.evidence and goal.evidence in text


@pytest.mark.parametrize(
    "text",
    [
        # the ask to the labellers is not why the work is done
        "想让标注团队把这批评论过一遍，分成好评和差评。",
        "想让你们按话题分个类，一共两千条。",
        "Please label them; I'm asking for a quick turnaround, 500 items.",
        # a hope about the labellers' work
        "Two people per item so we can see where they disagree.",
        # a background that gives no reason
        "背景：今年开放题的回答比较多。\n数量：三千条。",
        # a notes field that gives no reason
        "Volume: 800 posts\nNotes: data is in the shared drive",
    ],
)
def test_no_purpose_is_read(text):
    assert _goal(text).status != FieldStatus.stated, _goal(text)
