"""Label lists written the way product documents write them: codes with names, JSON-ish snippets, coded tables.

The requests below were written for these checks (no dev set's domain or wording).
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels


def _read(text):
    found = find_labels(text)
    assert found is not None, text
    return found.labels, found.ordinal


@pytest.mark.parametrize(
    ("text", "labels", "ordinal"),
    [
        (  # code + name lines, the names' notes after a colon dropped, levels counting up
            "工单：宠物医院问诊记录 紧急程度标注\n分级如下：\n- T0 立即就诊：呼吸困难、大出血\n- T1 当天就诊：持续呕吐\n"
            "- T2 预约就诊：皮肤瘙痒\n- 观察即可：正常咨询\n数量 3000 条。",
            ["立即就诊", "当天就诊", "预约就诊", "观察即可"], True,
        ),
        (  # ids with names: not levels, a note in brackets dropped, a slash inside a name kept
            "Topic list for the bike-share app reviews (keep the code):\n  T01 Unlock / QR scan\n  T02 Billing & refunds\n"
            "  T03 Bike condition (brakes, seat)\n  T99 Other\nAbout 6k reviews, due Jan 9.",
            ["Unlock / QR scan", "Billing & refunds", "Bike condition", "Other"], False,
        ),
        (  # levels with a spaced dash, the explanation after a colon dropped
            "Severity per log line:\n  S3 — Outage: service down for everyone\n  S2 — Degraded: slow pages\n  S1 — Cosmetic\nPlease do 4,000 lines.",
            ["Outage", "Degraded", "Cosmetic"], True,
        ),
        (  # lettered classes with a name each
            "投诉原因取值：\n  A类 配送超时\n  B类 餐品洒漏（汤汁、包装破损）\n  C类 少送错送\n  Z类 其他\n要求下周五前交。",
            ["配送超时", "餐品洒漏", "少送错送", "其他"], False,
        ),
        (  # a JSON-ish array of names
            '任务说明：给每条弹幕打一个标签\n"labels": ["剧透", "刷屏", "引战/拉踩", "正常"]\n共 5,000 条。',
            ["剧透", "刷屏", "引战/拉踩", "正常"], False,
        ),
        (  # a JSON-ish map: the values are the names, a bracketed note dropped
            'Label schema:\n  "verdict": {\n    "0": "Mismatch (wrong item)",\n    "1": "Partial match",\n    "2": "Exact match"\n  }\n300 pairs.',
            ["Mismatch", "Partial match", "Exact match"], False,
        ),
        (  # a Markdown table whose first column holds codes: the next column is the name
            "Labels:\n| code | name | example |\n|---|---|---|\n| SHIP | Shipping delay | \"still not here\" |\n"
            "| SIZE | Wrong size | |\n| QUAL | Quality issue (stitching) | |\nDeadline Dec 20.",
            ["Shipping delay", "Wrong size", "Quality issue"], False,
        ),
        (  # a preference graded by degree is ordinal
            "Pick one per pair: A much better / A slightly better / Same / B slightly better / B much better. 900 pairs.",
            ["A much better", "A slightly better", "Same", "B slightly better", "B much better"], True,
        ),
        (
            "两个版本对比，选：A明显更好、A略好、一样、B略好、B明显更好。",
            ["A明显更好", "A略好", "一样", "B略好", "B明显更好"], True,
        ),
    ],
)
def test_coded_lists_give_their_names(text, labels, ordinal):
    assert _read(text) == (labels, ordinal)


@pytest.mark.parametrize(
    "text",
    [
        # a field schema of a data record (the values are sample data, not names)
        '每条数据长这样：{"text": "这家店的酸菜鱼太咸了，下次不来了。", "shop_id": "s_1029"}，请判断情绪。',
        # ticket header lines that start with codes are not a label list
        "Q4 numbers look bad this year\nQ3 was better than we hoped",
    ],
)
def test_not_coded_lists(text):
    found = find_labels(text)
    labels = " ".join(found.labels) if found is not None else ""
    assert "酸菜鱼" not in labels and "look bad" not in labels


@pytest.mark.parametrize(
    ("text", "labels", "ordinal"),
    [
        (  # the options of every line of a rubric, a range expanded
            "Scoring:\n  - Helpful: Yes / Somewhat / No\n  - Tone: 1-4\nSample: 300 chats\nDue: Dec 18",
            ["Yes", "Somewhat", "No", "1", "2", "3", "4"], True,
        ),
        (
            "评分维度：\n- 是否切题：是 / 部分 / 否\n- 文笔：1-3\n数量：500 篇",
            ["是", "部分", "否", "1", "2", "3"], True,
        ),
        (  # "标注员选：" opens the options the team picks from
            "评测方式：两个回答随机左右，标注员选：\n  左明显更好 / 左略好 / 一样 / 右略好 / 右明显更好\n数量：800组",
            ["左明显更好", "左略好", "一样", "右略好", "右明显更好"], True,
        ),
    ],
)
def test_rubrics_and_team_choices(text, labels, ordinal):
    assert _read(text) == (labels, ordinal)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("评审维度（每项按1-4分）：\n  1. 选题价值\n  2. 论证严谨\n  3. 表达清晰\n  另外标一下是否涉嫌抄袭（是/否）\n共200篇。", ["1", "2", "3", "4", "是", "否"]),
        ("Criteria, each scored 1-5:\n- clarity\n- accuracy\n- tone\n300 emails, due Friday.", ["1", "2", "3", "4", "5"]),
    ],
)
def test_dimensions_scored_on_one_scale_give_the_scale(text, labels):
    assert _read(text) == (labels, True)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Outcome codes:\nX1 – Resolved on call\nX2 – Escalated\nX3 – Dropped\n5k calls.", ["X1", "X2", "X3"]),
        ("风险等级标注：R1（高）、R2（中）、R3（低）。", ["R1", "R2", "R3"]),
    ],
)
def test_a_code_with_only_a_description_is_the_label(text, labels):
    assert _read(text)[0] == labels


def test_a_header_block_of_languages_is_no_rubric():
    found = find_labels("Project info:\n- Languages: EN / FR\n- Regions: US / CA\nTag each post as spam, ad or ok.")
    assert found is not None and {"EN", "FR", "US", "CA"}.isdisjoint(found.labels) and found.labels[-3:] == ["spam", "ad", "ok"]
