"""Numbers in the ways people write them that the first rounds missed: team sizes said as "two of us", "人手：我们组4个人",
"who's doing it? you, me and Ravi"; counts of people that are not a team; budgets said as "8k打包" or "900 quid".

Each sentence is the writer's own, in a domain of its own; none is copied from a development set.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.extract import extract_budget
from assistant.breakdown.team_size import team_size


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # "N of us (…) will do it"
        ("Three of us (me, Ana and Joe) will do it after hours, aiming for a minute per form.", 3),
        ("Honestly two of us can label these over the weekend.", 2),
        # "we have N people … on it"
        ("We have 6 people from the claims desk on it part-time until January.", 6),
        ("We've got 3 interns on this from next week.", 3),
        # a role header whose line leads to the count
        ("Labellers: we can lend 3 certified HVAC technicians, about two hours a day each.", 3),
        ("人手：我们科室3个人，每份病历大概5分钟。", 3),
        ("人员：外包团队8个人，一张图10秒左右。", 8),
        ("- who: 4 shift supervisors, each does 150", 4),
        # a count of people and the work they will do, with words between
        ("王经理：我们三个质检员可以兼职标，规范你们来出。", 3),
        ("我们这边找了4个本地的兼职，一条大概半分钟。", 4),
        ("Our three senior paralegals, Rita, Omar and Lee, will do a third each.", 3),
        ("our 2 staff vets can give it time in January.", 2),
        # the names that answer "who is doing it"
        ("Mia: who's labeling this\nTom: you, me, Sara and Ben. should be quick", 4),
    ],
)
def test_team_sizes_said_in_more_ways(text: str, count: int) -> None:
    fact = team_size(text)
    assert fact is not None, text
    assert fact.value == count


@pytest.mark.parametrize(
    "text",
    [
        # people who name a group, not a team
        "社区有40个退休人员微信群，消息一共三千条左右。",
        "小区里有12个业主群，物业想看看投诉。",
        # an adviser is not an annotator
        "我们可以派一个盲人同事做顾问，标注员你们来找。",
        "One of our pharmacists can join as an adviser on tricky cases.",
        # a system, not a person
        "下个月要上一个自动审核，先标一批数据。",
        # days, not people
        "We have 3 days on it before the audit.",
    ],
)
def test_counts_that_are_not_a_team(text: str) -> None:
    assert team_size(text) is None, text


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Could spend maybe 900 bucks on this, no rush.", 900.0, "USD"),
        ("We could spend about 700 quid on the pilot.", 700.0, "GBP"),
        ("标注费用按3万打包，月底前交。", 30000.0, "CNY"),
        ("费用5千包干可以吗？", 5000.0, "CNY"),
    ],
)
def test_budgets_said_loosely(text: str, amount: float, currency: str) -> None:
    facts = extract_budget(text)
    assert facts, text
    assert facts[0].value == {"amount": amount, "currency": currency}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("先标五千条工单，要求两人背靠背标，一致率九成。", 2),
        ("请安排三人双盲标注，结果按多数票定。", 3),
    ],
)
def test_people_who_each_label_everything_are_the_team(text: str, count: int) -> None:
    fact = team_size(text)
    assert fact is not None and fact.value == count


@pytest.mark.parametrize("text", ["每条客户评论都需要3个人独立标注，团队你们定。", "每段录音两人背靠背听写。"])
def test_people_per_item_are_not_the_team(text: str) -> None:
    assert team_size(text) is None


@pytest.mark.parametrize(
    "text",
    ["预算这边老板批的是三万块以内，下周给结果。", "老板说标注费用给五千，月底前要。"],
)
def test_the_boss_is_not_the_past(text: str) -> None:
    from assistant.breakdown.past_figures import figure_in_past

    facts = extract_budget(text)
    assert facts and not figure_in_past(text, facts[0].evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Our reviewers think each contract takes 40 sec to 2 min each.",
        "每张发票30秒到1分钟不等，总共八千张。",
        "anywhere from 20 seconds to 1 minute per clip",
    ],
)
def test_a_time_range_with_two_units_is_no_single_time(text: str) -> None:
    from assistant.breakdown.extract import extract_time_per_item

    assert extract_time_per_item(text) == []


@pytest.mark.parametrize(
    ("text", "amount"),
    [("先做两千张试点，试点的钱是6000，全量再谈。", 6000.0), ("这批活的钱给1.5万，下周交。", 15000.0)],
)
def test_the_money_for_the_job_is_a_budget(text: str, amount: float) -> None:
    facts = extract_budget(text)
    assert facts and facts[0].value == {"amount": amount, "currency": "CNY"}


@pytest.mark.parametrize("text", ["价钱是3000的那款卖得最好", "去年赚钱有5万"])
def test_prices_and_earnings_are_no_budget(text: str) -> None:
    assert extract_budget(text) == []


def _deadline(text: str) -> str | None:
    from datetime import date

    from assistant.breakdown.offline import offline_draft

    draft, _ = offline_draft(text, [], {}, date(2026, 11, 30))  # a Monday
    return draft.when.deadline.value if draft.when.deadline.status.value == "stated" else None


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # a time of day between the weekday and 前
        ("把这批问卷按满意度分成满意、一般、不满意，共两千份，下周二中午前交给我。", "2026-12-08"),
        ("工单一共三千条，分成报修、投诉、咨询，本周五下班前给我结果。", "2026-12-04"),
        # "出" closing the clause is delivery
        ("先做两千条试点，要求下周四出，准确率九成以上。", "2026-12-10"),
        # an inspection is an event, not the delivery
        ("市里下周五要来检查，下周三前给我结果，八百条留言分成表扬、投诉、建议。", "2026-12-09"),
        # a weekday with its date, a week commencing, a target line
        ("Tag 900 invoices as paid or unpaid. We need the labels by Thursday Dec 17 please.", "2026-12-17"),
        ("- volume: 700 calls\n- need: w/c 21 Dec if possible\n- labels: urgent / routine", "2026-12-21"),
        ("Rate 300 essays pass or fail.\nTarget: end of the year.", "2026-12-31"),
    ],
)
def test_deadlines_said_in_more_ways(text: str, due: str) -> None:
    assert _deadline(text) == due


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("外包团队五个人，一组大概20秒。", 20.0),
        ("The nurses reckon they can check a chart in about 3 minutes.", 180.0),
        ("Our interns can do a receipt in ~40 seconds.", 40.0),
    ],
)
def test_time_per_item_in_more_ways(text: str, seconds: float) -> None:
    from assistant.breakdown.extract import extract_time_per_item

    facts = extract_time_per_item(text)
    assert facts and facts[0].value == seconds


def _volume(text: str) -> object:
    from datetime import date

    from assistant.breakdown.offline import offline_draft

    draft, _ = offline_draft(text, [], {}, date(2026, 11, 30))
    return draft.how_much.volume.value


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        # what the requester sells is not what is labelled
        ("We market 12 products across Europe. We have approx. 900 incident narratives; tag each as fall, burn, or other.", 900),
        ("我们公司一共卖30款茶叶，这次导出了大约四千条评价，按好评、中评、差评分。", 4000),
        # the total after an arrow wins over the product of the factors before it
        ("Ana: 300 queries, top 20 each, but only do top 5 → 1500 judgments. Relevant or not relevant.", 1500),
        ("200 stores x 30 receipts each, though let's do 10 per store => 2000 receipts. Mark legible or illegible.", 2000),
    ],
)
def test_the_volume_is_the_items_to_label(text: str, volume: int) -> None:
    assert _volume(text) == volume


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        # the job total the request works out itself
        ("客服录音共300通，切出来大概一万句左右（两个模型各转一份，所以总共要看的是两万句左右），每句标对或错。", 20000),
        ("We have 90 podcasts, roughly 6,000 segments; two vendors transcribed each, so in total we need to review about 12,000 transcripts. Mark each correct or wrong.", 12000),
        # the pool against the part a process flagged for people
        ("Combined we're at about 2 million product records, and the dedupe job flagged 9,500 candidate pairs. Label each pair same or different.", 9500),
    ],
)
def test_the_job_total_and_the_flagged_part_are_the_volume(text: str, volume: int) -> None:
    assert _volume(text) == volume


def _budget(text: str) -> tuple[str, object]:
    from datetime import date

    from assistant.breakdown.offline import offline_draft

    draft, _ = offline_draft(text, [], {}, date(2026, 11, 30))
    return draft.how_much.budget.status.value, draft.how_much.budget.value


@pytest.mark.parametrize(
    "text",
    [
        "Rate 400 answers as helpful or not. There's no separate budget, but if you need a labeling tool we can find ~$1,500.",
        "把三千条评论分成好评、差评。人工是内部的，如果需要买工具，可以再批五千元。",
    ],
)
def test_money_offered_on_a_condition_is_vague(text: str) -> None:
    status, value = _budget(text)
    assert status != "stated"
    assert isinstance(value, dict) and value.get("low") == 0 and value.get("high") in (1500.0, 5000.0)


def test_a_plain_budget_stays_stated() -> None:
    assert _budget("Rate 400 answers as helpful or not. Budget is $1,500.") == ("stated", {"amount": 1500.0, "currency": "USD"})


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Sort 500 grant letters into fund, decline or maybe. I'd love it before our trustees' meeting which is the 14th.", "2026-12-14"),
        ("Tag 800 photos as indoor or outdoor. We need it ahead of the audit, which is the 22nd.", "2026-12-22"),
    ],
)
def test_the_day_of_the_event_the_labels_are_needed_before(text: str, due: str) -> None:
    assert _deadline(text) == due


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("We have something like nine thousand claim forms on file, but we only want the ones from October, which is three thousand. Tag each as urgent or routine.", 3000),
        ("Our archive holds twelve thousand letters; the ones from the war years, that's four thousand, need tagging as personal or business.", 4000),
    ],
)
def test_a_restated_count_in_words_is_the_volume(text: str, volume: int) -> None:
    assert _volume(text) == volume
