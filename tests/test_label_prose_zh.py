"""Chinese labels in formal prose (written fresh, not from a dev set).

- a rubric naming each label after its criterion (`…的，标为X；…的，属于Y`, `…的，为“Z”`, `…给3分；其余给0分`);
- a catch-all later in the list's sentence (`…，别的就算了——比如…之类的，统一归为无效`);
- reasons asked for with 中的哪一种; a judged list ending `，或者X`; fields to mark with whose they are before 的;
- the options of aspects counted 一是…；二是…;
- near-misses: one criterion with a name, 属于 in a description, a number in a sentence, a list that is examples.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    pytest.param(
        "请对来函逐件核查：材料齐全、手续完备的，标为受理；缺少证明材料、需要补正的，标为补正；不属于本局职责范围的，标为转办。共一千二百件。",
        ["受理", "补正", "转办"], False, id="zh-rubric-marked",
    ),
    pytest.param(
        "判断标准：一、在评论中推销减肥药、代购的，属于营销推广；二、人身攻击、侮辱他人的，属于恶意攻击；三、散布未经证实的灾情消息的，属于不实信息。以上均不属于的，视为正常。",
        ["营销推广", "恶意攻击", "不实信息", "正常"], False, id="zh-rubric-belongs",
    ),
    pytest.param(
        "请逐对比对两份病历：患者、就诊日期和诊断都一致的，为“同一记录”；患者一致但就诊日期不同的，为“复诊记录”；患者不一致的，为“无关”。",
        ["同一记录", "复诊记录", "无关"], False, id="zh-rubric-quoted-wei",
    ),
    pytest.param(
        "评分规则：译文准确、术语统一的，给2分；意思基本正确但有个别用词不当的，给1分；其余给0分。共八百句。",
        ["2", "1", "0"], True, id="zh-rubric-points",
    ),
    pytest.param(
        "请把读者来信分一下，看看是属于表扬、批评还是求助，别的就算了——像订报、退订之类的，统一归为其他事务即可。",
        ["表扬", "批评", "求助", "其他事务"], False, id="zh-rest-in-sentence",
    ),
    pytest.param(
        "每份合同请核对条款：条款齐全、表述规范的，判为通过；存在问题的，判为退回，并注明属于金额错误、主体不符、期限缺失中的哪一种或哪几种。",
        ["通过", "退回", "金额错误", "主体不符", "期限缺失"], False, id="zh-reasons-which",
    ),
    pytest.param(
        "请营养师逐条比较两个版本的饮食建议，判断甲版更好、乙版更好、差别不大，或者两版均有误导内容。",
        ["甲版更好", "乙版更好", "差别不大", "两版均有误导内容"], False, id="zh-judged-or-last",
    ),
    pytest.param(
        "为建设事故数据库，需在通报原文中标出：事故的发生时间；涉事企业的单位名称；事故的直接原因（如违章作业）；以及伤亡人数。涉事车辆的号牌亦须标出。",
        ["发生时间", "单位名称", "直接原因", "伤亡人数", "号牌"], False, id="zh-fields-whose",
    ),
    pytest.param(
        "对这些读者留言，我们想做两件事：一是看读者的评价，是喜欢、一般还是不喜欢；二是看读者提到了哪些方面，比如封面、排版、印刷、定价等。",
        ["喜欢", "一般", "不喜欢", "封面", "排版", "印刷", "定价"], False, id="zh-aspects-counted",
    ),
    pytest.param(
        "客服留言请梳理两项：一是弄清来意，例如是询问物流进度、咨询退款规则，还是投诉商家；二是看涉及的平台，如淘宝、京东、拼多多等。",
        ["物流进度", "退款规则", "投诉商家", "淘宝", "京东", "拼多多"], False, id="zh-aspects-asking-verbs",
    ),
    pytest.param("热线记录请逐条判断，看是咨询、投诉还是建议，一共三千条。", ["咨询", "投诉", "建议"], False, id="zh-intent-words-kept"),
]


@pytest.mark.parametrize("text, expected, ordinal", CASES)
def test_prose_labels_read(text: str, expected: list[str], ordinal: bool) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == expected
    assert bool(found.ordinal) == ordinal


NOT_LABELS = [
    pytest.param("合同文本以双方签字的为准，金额以复核后的为准。", id="zh-wei-zhun-no-name"),
    pytest.param("超过三十天未处理的，视为逾期。请在月底前给出处理意见。", id="zh-one-criterion"),
    pytest.param("一是时间紧，二是人手少，请尽快安排。", id="zh-counted-reasons-no-options"),
]


def test_criteria_for_the_team_are_not_labels() -> None:
    found = find_labels("标注员的要求：本科以上的，视为合格；有三年经验的，视为优先。数据是客服对话，分成咨询、投诉、建议。")
    assert found is not None
    assert found.labels == ["咨询", "投诉", "建议"]


@pytest.mark.parametrize("text", NOT_LABELS)
def test_prose_that_names_no_labels(text: str) -> None:
    assert find_labels(text) is None
