"""Chinese numbers in the shapes of development sets 11-13 (threads and minutes, terse messages, formal prose):
"两千五百余条" (a specific figure, rounded) against "八千多条" (a range), "一万出头" and "十万+条" bounded like "一万多",
"不足一千条", formal numerals and a count per query after an aside, "3百来张", "约 8千則", "NT$", a least headcount
("不少于3人"), people per item with a noun between, and deadlines worked back from a meeting or a report date, moved
by a later word, or said with a day and a delivery word; an "as of" date and a day gone by are not deadlines.

Requests written for these tests, in domains of no dev set.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

WEDNESDAY = date(2026, 12, 2)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, WEDNESDAY)
    return draft


@pytest.mark.parametrize(
    "request_text,volume",
    [
        # two significant figures before 余/多: the figure, hedged
        ("我局窗口近两年受理的群众来信共三千四百余件，请逐件判断属于咨询、求助还是举报。", 3400),
        ("图书馆读者荐购单一千六百多份，请分为采购、暂缓、不采购三类。", 1600),
        # formal numerals and a count per query after an aside
        ("请从日志中选取检索词叁佰个（多为书名、作者名），每个检索词取系统返回的前十条结果，判断相关、部分相关或不相关。", 3000),
        # "每条评前十个结果": results per query, not a rating of each query
        ("商品搜索词约四百条，每条评前五个结果，按相关/不相关打标。", 2000),
        # the total after a full-width equals sign
        ("菜谱站搜索：300个query 每个取前8＝2400对，标相关/不相关。", 2400),
        # a hundreds magnitude after an arabic digit, traditional measure words
        ("门店手写点单，拍照后要标出品名、数量、金额，大概4百来张，下周三交。", 400),
        ("社區中心的意見信箱，約 6千則留言，請分成建議、投訴、其他。", 6000),
        # "roughly" after a word for the amount
        ("需求：论坛帖子打话题标签。量 roughly 2.5w，月底前。", 25000),
    ],
)
def test_stated_volumes(request_text: str, volume: int) -> None:
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.stated, field
    assert field.value == volume, field
    assert field.evidence and field.evidence in request_text


@pytest.mark.parametrize(
    "request_text,low,high",
    [
        # one significant figure before 多/余: a range
        ("居委会收到的意见条八千多条，请分成环境、治安、物业、其他。", 8000, 8999),
        ("区档案室调阅登记六百余件，请判断是否涉密。", 600, 699),
        # a little over: bounded like 多
        ("候选的重复商品对大概两万出头对，请判断是否同款。", 20000, 20000),
        ("外卖评论大概五万+条，分正面负面中性，月底前。", 50000, 50000),
        # "不足": at most
        ("征文投稿不足五百篇，请按一二三等奖和不获奖评定。", None, 500),
    ],
)
def test_vague_volumes(request_text: str, low: int | None, high: int | None) -> None:
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.inferred and isinstance(field.value, dict) and field.value.get("vague"), field
    if low is not None:
        assert field.value["low"] == low
        assert field.value["high"] >= max(high or 0, low)  # "两万出头" reaches at most what "两万多" would
    if high is not None:
        assert field.value["high"] >= high


def test_a_pool_gives_way_to_the_pairs_judged_one_by_one() -> None:
    request = "各区共报送文物普查登记表四千三百余份。经软件比对，疑似重复的登记表对约八百对左右，请逐对判断是否重复。"
    assert draft_of(request).how_much.volume.value == 800


@pytest.mark.parametrize(
    "request_text,count",
    [
        ("评审人员须具备中级以上职称，不少于4人。每份材料由1人初评、另一人复核。", 4),
        ("标注人员至少两名，均需有医学背景。", 2),
        ("每份合同请两人分别判断是否存在霸王条款。", 2),
        ("每篇作文由三名语文老师独立评分。", 3),
        ("时间：下周五出结果。每组4个人。", 4),
        ("标签就定这四类，外包那边 6 个人。", 6),
    ],
)
def test_team_sizes(request_text: str, count: int) -> None:
    field = draft_of(request_text).who.annotator_profile
    assert field.status == FieldStatus.stated and field.value == {"count": count}, field


@pytest.mark.parametrize(
    "request_text",
    [
        "每份材料由法律顾问复核，有分歧的再议。",  # a checker, not the team
        "标注人员两至三名即可。",  # a range stays open
        "本次培训参会人员不少于10人，请提前报名。",  # people of another occasion
    ],
)
def test_not_a_team_size(request_text: str) -> None:
    field = draft_of(request_text).who.annotator_profile
    assert field.status != FieldStatus.stated or field.value not in ({"count": 1}, {"count": 10}), field
    if "两至三" in request_text:
        assert field.status != FieldStatus.stated, field


@pytest.mark.parametrize(
    "request_text,deadline",
    [
        # worked back from a meeting: N days before it, or the day before
        ("专家评审会定于本月二十日召开，请于会前三天提交打分结果。", "2026-12-17"),
        ("编委会一月十二日召开，请于编委会前完成全部稿件分类。", "2027-01-11"),
        # worked back from the date results go on to, leaving working days for review
        ("市里要求十二月十八日前上报，我们需预留两个工作日复核，请据此安排。", "2026-12-16"),
        # moved by a later word
        ("原定12月10日前交。补充：时间往后推到12月17号。", "2026-12-17"),
        # a day with a delivery word and nothing else
        ("先发个样例看看，正式20号交～", "2026-12-20"),
        ("几千条吧，下周四能出就行", "2026-12-10"),
        # traditional characters
        ("唔該幫手標下啲留言，下個禮拜三前要。", "2026-12-09"),
        # an as-of date is not the deadline; the holiday is
        ("截至十月底累计收到留言三千余条，请于元旦前完成分类。", "2026-12-31"),
        # the period results are used in is not the deadline
        ("结果拟用于明年二季度的排班调整，请于明年一月底前提交。", "2027-01-31"),
        # a day just gone, pinned to this year by its weekday, is the minutes' date, not next December's
        ("【会议纪要】\n时间：12月1日（周二）\n结论：结果 12月18号 交付。", "2026-12-18"),
    ],
)
def test_deadlines(request_text: str, deadline: str) -> None:
    field = draft_of(request_text).when.deadline
    assert field.status == FieldStatus.stated and field.value == deadline, field
    assert field.evidence and field.evidence in request_text


@pytest.mark.parametrize(
    "request_text,deadline",
    [
        # a meeting moved is not the deadline moved
        ("结果12月18日前交。另外周会改到12月21日。", "2026-12-18"),
        # a meeting's own date with no "会前" is not worked back
        ("评审会定于12月22日召开。标注结果12月18日前交。", "2026-12-18"),
        # "截止" with no count after is still a deadline
        ("分类结果截止12月16日，辛苦。", "2026-12-16"),
    ],
)
def test_not_worked_back_or_moved(request_text: str, deadline: str) -> None:
    assert draft_of(request_text).when.deadline.value == deadline


def test_new_taiwan_dollars() -> None:
    field = draft_of("LINE 訊息分類，約 5千則，預算 NT$20,000 左右。").how_much.budget
    assert field.value == {"amount": 20000.0, "currency": "TWD"}, field
