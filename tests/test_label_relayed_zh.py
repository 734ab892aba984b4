"""Chinese requests relayed by a middle person, quoting the boss (requests written for these checks): the verb before
the first name ("分个…"), a list the boss wants told ("告诉我A、B还是C"), a catch-all for what fits none ("分不进去的算其他"),
an open question the relayer is "还不确定" about (no decision), a routing purpose clause ("好把消息分给…"), and one half of a
slashed name set apart later ("\"X\"要单独拉出来")."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (  # 分个 opens the list
            "我们科长原话：\"分个好吃、还行、难吃就够了，别弄复杂。\"大概一千条食堂留言。",
            ["好吃", "还行", "难吃"],
        ),
        (  # the verdict the boss wants told
            "帮主任转个话。她原话：\"别给我打分，直接告诉我甲方案好、差不多、还是乙方案好。\"两个方案的译文放一起看，三百条左右。",
            ["甲方案好", "差不多", "乙方案好"],
        ),
        (  # what fits none of them, and the relayer's open questions below
            "馆长说按内容分：展览、讲座、亲子活动、文创，归不进去的算其他。\n\n下月初要。还不确定的有：\n- 英文留言要不要标\n- 重复的留言怎么算",
            ["展览", "讲座", "亲子活动", "文创", "其他"],
        ),
        (  # a routing purpose clause before the list the client gave
            "客户想做工单分类，好把工单自动分给售后、技术还是销售。她们给的类别：\n1. 退换货\n2. 安装/调试\n3. 报价\n4. 其他\n\n"
            "更新：客户又说\"调试\"要单独拉出来，跟\"安装\"分开。",
            ["退换货", "安装", "调试", "报价", "其他"],
        ),
        (  # grades a score is given in, and the relayer's open questions below
            "组长说可能是每张截图按 清晰、模糊、看不清 打分，但也可能要跟旧版对比……\n\n数据一万条，月底要。\n待确认：\n- 是逐张打分还是两版对比\n- 重复截图要不要去掉",
            ["清晰", "模糊", "看不清"],
        ),
        (  # two readings the relayer offers, one a line, the first trailing off
            "店长原话是：\"把这些评价理一理。\"我理解可能是：\n① 按菜品分：火锅、烧烤、甜品……\n② 挑出有问题的：食物中毒、异物、态度差\n大概三千条。",
            ["火锅", "烧烤", "甜品", "食物中毒", "异物", "态度差"],
        ),
    ],
)
def test_relayed_zh_lists(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == labels


def test_a_decided_list_still_reads() -> None:
    found = find_labels("周会纪要\n最后确定为：满意、一般、不满意\n")
    assert found is not None and found.labels == ["满意", "一般", "不满意"]
