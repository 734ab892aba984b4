"""Chinese label lists revised later in a chat, a thread or minutes (written fresh, not from a dev set).

The final word wins: a list restated with more names, a quoted name added, renamed, split or taken back by a
short reference; a second dimension's scale kept in the next sentence; names counted 一是"…"…二是"…"; a quoted pair offered with 或. Near-misses: a quoted sample of
the data after the list, and a question about a name, add nothing.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    pytest.param(
        "店长 09:01：外卖评价帮忙标一下，先分 夸 / 骂 两种\n小吴 09:05：有的只写了\"准时\"，算啥\n店长 09:06：那就三类吧，夸、骂、无感",
        ["夸", "骂", "无感"], id="zh-restated-whole",
    ),
    pytest.param(
        "【周会纪要】\n- 标签：已解决、未解决、转人工\n- 老王：有些客户说完就走了，单独一类，叫\"无回应\"\n- 交付：下周三",
        ["已解决", "未解决", "转人工", "无回应"], id="zh-added-named",
    ),
    pytest.param(
        "小李：工单分成 硬件故障、软件故障、账号问题\n主管：\"账号问题\"改叫\"登录异常\"吧，更准确\n主管：再加一个\"无法判断\"，信息太少的别硬猜",
        ["硬件故障", "软件故障", "登录异常", "无法判断"], id="zh-renamed-and-added",
    ),
    pytest.param(
        "运营：标签先列：违规广告、引战言论、正常\n法务：\"违规广告\"太宽了，拆成 医疗广告 和 金融广告 两类\n运营：引战那个我们不管，去掉吧",
        ["医疗广告", "金融广告", "正常"], id="zh-split-and-dropped",
    ),
    pytest.param(
        "转发：类别一是\"预约\"，要约时间的；二是\"改约\"；三是\"投诉\"。\"咨询\"也算一类。其他都不是的归\"其他\"。",
        ["预约", "改约", "投诉", "咨询", "其他"], id="zh-counted-quoted",
    ),
    pytest.param(
        "评审会：每篇稿件打\"采用\"或\"不采用\"；出现抄袭的，直接判\"退稿\"，不用看别的。",
        ["采用", "不采用", "退稿"], id="zh-quoted-pair-and-direct",
    ),
    pytest.param(
        "> 请评：①译文通顺程度 ②术语是否统一 1-5 分\n主编补充：第①条改成三档：通顺、基本通顺、不通顺（漏译算不通顺）。术语统一保留 1-5 分。",
        ["通顺", "基本通顺", "不通顺", "1", "2", "3", "4", "5"], id="zh-kept-scale-second-dimension",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_revised_lists_read_as_finally_agreed(text: str, expected: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == expected


def test_a_removal_of_something_else_keeps_the_label() -> None:
    found = find_labels("分类：物流、质量、服务。物流那个例子里的手机号去掉再给标注员看。")
    assert found is not None
    assert found.labels == ["物流", "质量", "服务"]


def test_a_quoted_sample_or_a_question_adds_nothing() -> None:
    text = "留言分成 表扬、投诉、建议 三类。\n小张：像\"东西不错\"这种算表扬吗？\"退款\"要标吗？\n组长：算。\"投诉\"要不要细分？先不用。"
    found = find_labels(text)
    assert found is not None
    assert found.labels == ["表扬", "投诉", "建议"]
