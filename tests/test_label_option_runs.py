"""Options written as one run joined by spaced slashes, and what goes with that shape (written fresh, not from a dev set).

- a line of its own under a colon line, or a run right after a colon / "as" / 标成: `是 / 可能是 / 不是`,
  `grade each one as solid / needs work / off-topic`; an item keeps its own 或 / & / bracketed note;
- a second Chinese set right next to the first (`同时…分 A、B、C 三级`) joins it;
- quoted samples of the data (`things like "…" or "…"`, `“…”“…”这种`) lose to such a run;
- a slashed run that is not a list of options (inside brackets, a date, prose) is not read.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    pytest.param("帮我们看看每条推荐的商品是不是用户想买的：\n是 / 可能是 / 不是\n一共三千条，两个人标。", ["是", "可能是", "不是"], id="zh-line-under-colon"),
    pytest.param("判断两条门店记录的关系：\n同一门店 / 同品牌或加盟店 / 无关\n每对能看到店名和地址。", ["同一门店", "同品牌或加盟店", "无关"], id="zh-item-keeps-or"),
    pytest.param("每段译文标问题类型：\n错译 / 漏译 / 术语错误（对照术语表）/ 标点问题 / 无问题\n共1500段。",
                 ["错译", "漏译", "术语错误", "标点问题", "无问题"], id="zh-note-before-slash"),
    pytest.param("We need reviewers to grade each answer as solid / needs work / off-topic (off-topic = doesn't address the ask). About 900 answers.",
                 ["solid", "needs work", "off-topic"], id="en-after-as-with-note"),
    pytest.param("For each recipe, say whether the photo matches the dish: Matches / Roughly / Not at all.\nThere are 2,000 recipes.",
                 ["Matches", "Roughly", "Not at all"], id="en-after-colon"),
    pytest.param("Please sort the vendor pairs:\nsame vendor / parent & subsidiary / different\nEach pair shows name, address and tax id.",
                 ["same vendor", "parent & subsidiary", "different"], id="en-item-keeps-ampersand"),
    pytest.param("Each duplicate account pair gets one call from the reviewer:\n  Keep both / Merge / Escalate — ask the account owner first\nRoughly 1,200 pairs.",
                 ["Keep both", "Merge", "Escalate"], id="en-dash-note-on-last"),
    # an item with its own "or" and a note with commas: a reading that stops inside the run loses to the whole run
    pytest.param("We'd like last quarter's 9,600 messages sorted into: payment problem / meter or zone info wrong / enforcement dispute "
                 "(tickets, towing) / app bug / praise / other. Two of our ops staff will label.",
                 ["payment problem", "meter or zone info wrong", "enforcement dispute", "app bug", "praise", "other"], id="en-item-with-or-and-note"),
    pytest.param("Tag each call note as: callback or reschedule needed / parts on order / fixed on site / other. About 700 notes.",
                 ["callback or reschedule needed", "parts on order", "fixed on site", "other"], id="en-first-item-with-or"),
    pytest.param("每条投诉归到：收费或计费有误 / 车位信息不准 / 处罚争议（罚单、拖车）/ 应用故障 / 其他。共三千条。",
                 ["收费或计费有误", "车位信息不准", "处罚争议", "应用故障", "其他"], id="zh-item-with-or-and-note"),
    # quoted samples of the data lose to the options
    pytest.param("Shoppers search for things like \"red running shoes\" or \"gift for dad\" and we show 10 products. Raters say if each product fits: Good / Okay / Bad.",
                 ["Good", "Okay", "Bad"], id="en-samples-lose"),
    pytest.param("用户会搜“苏轼”“东坡”这种，我们返回诗词条目。请判断每条结果：\n相关 / 部分相关 / 无关\n大概五千条。",
                 ["相关", "部分相关", "无关"], id="zh-samples-lose"),
    # a second Chinese set next to the first
    pytest.param("每条客服回复标问题类型：\n答非所问 / 态度差 / 信息错误 / 没问题\n同时严重程度分 低、中、高 三档。",
                 ["答非所问", "态度差", "信息错误", "没问题", "低", "中", "高"], id="zh-second-set"),
    pytest.param("工单先标紧急程度：紧急 / 一般 / 不急\n另外按部门分 财务、人事、行政 三类。", ["紧急", "一般", "不急", "财务", "人事", "行政"], id="zh-second-set-another"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_slash_runs_read(text: str, expected: list[str]) -> None:
    found = find_labels(text)
    assert found is not None
    assert found.labels == expected


NEGATIVES = [
    # a run inside brackets describes something; a date; prose with a slash
    pytest.param("Our bot writes a summary on every ticket (what happened / why / next step). We want to know if people find them useful, about 800 tickets.",
                 ["what happened", "why", "next step"], id="en-bracketed-description"),
    pytest.param("交付时间：2026 / 12 / 20，数据大概两千条。", ["2026", "12", "20"], id="zh-date"),
    pytest.param("The form has a notes field where agents type whatever they like, e.g. called back / left voicemail, and we want summaries of 500 of them.",
                 ["called back", "left voicemail"], id="en-example-after-eg"),
]


@pytest.mark.parametrize("text, not_expected", NEGATIVES)
def test_slash_runs_not_read(text: str, not_expected: list[str]) -> None:
    found = find_labels(text)
    assert found is None or found.labels != not_expected
