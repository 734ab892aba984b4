"""Which of several numbers a request mentions is the volume, the team, the target and the deadline.

Requests written for these tests (not taken from any dev set), in other domains and voices: a request
that names a population and a sample, containers and the items inside them, a rate, a later batch,
open ranges ("五千多段", "12k+") that must stay vague, and people, targets and deadlines in less usual
forms. The numbers a user would expect are asserted; a vague amount must never be a stated number.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.volume_choice import score_mentions
from assistant.breakdown.volume_mentions import mentions
from assistant.core.models import FieldStatus

TODAY = date(2026, 11, 10)


def draft_of(request: str, today: date = TODAY):
    draft, _ = offline_draft(request, [], {}, today)
    return draft


STATED_VOLUMES = [
    # population beside a sample: the sample is the job
    ("物业那边想给业主投诉分类：噪音、漏水、停车、其他。小区一共1200户，历史工单大概9万条，这次先抽6000条来标。", 6000),
    (
        "Hi all, our helpdesk serves ~40 clients and the ticket archive holds roughly 250k tickets. For this pilot we pulled "
        "3,000 tickets to label as bug / feature request / how-to. Thanks, Dana",
        3000,
    ),
    ("我们有 3,200 条 app reviews（去年总共 5 万条，不用全标），想分成好评、差评、中性。", 3200),
    # containers and the items in them
    ("We've exported 4,500 reviews from our 14 stores and want them tagged positive / negative / mixed.", 4500),
    ("全国30个城市的外卖骑手反馈，共收集了4800条，想按配送问题、平台规则、收入、其他分类。", 4800),
    ("The podcast network runs 30 shows; we transcribed 900 episodes and want each episode tagged as news / interview / comedy.", 900),
    # a container count times a per-container count, no total written
    ("连锁药店共85家门店，每家门店导出200条顾客留言，想判断是表扬、投诉还是咨询。", 17000),
    # a rate is not the volume; the backlog is
    ("We receive about 500 emails a day; the backlog is 20,000 emails, and each needs tagging as billing / tech / sales.", 20000),
    ("每天新增3000条左右评论，存量有12万条，想全部标一遍情感：正面、负面、中性。", 120000),
    # a later batch is not this job
    ("Start with 800 chat logs now; another few thousand will come next quarter. Tag each as complaint, question or praise.", 800),
    # a hedged specific number is the stated number
    ("Roughly 7,500 call transcripts from our insurance hotline, to sort into claim / policy change / cancellation / other.", 7500),
    ("工地安全巡检照片一千五百张左右，想标出有没有戴安全帽：戴了、没戴、看不清。", 1500),
    # chatty, e-mail and bullet styles
    ("老板说健身房会员投诉要分类一下😂 我们一共有2万多会员，投诉工单攒了4300条，全部标吧：设备、教练、卫生、收费、其他。", 4300),
    ("各位好：本次需标注的弹幕约8万条（直播间共有150个），类别为广告、引战、正常。请于下周五前完成。", 80000),
    ("Dataset: 11k tweets about the election (out of 2M we scraped). Labels: pro / anti / neutral.", 11000),
    ("想做个小红书笔记的种草/广告识别，先标1000篇试试，后面可能还有几万篇。", 1000),
    ("一共十二个仓库，每个仓库拍了300张货架照片，想标出缺货、错放、正常。", 3600),
    ("Quick one - 6 hospitals sent us discharge letters, 2,750 in all. Need them tagged for follow-up needed yes/no.", 2750),
    ("We run 3 call centres with 120 agents; QA wants 50 calls per agent scored pass/fail.", 6000),
    ("We have 25 clinics. Each clinic sent 40 referral letters. Classify urgency: routine / soon / urgent.", 1000),
    ("Hey! 2 annotators, 15 languages, ~4k utterances per language. intents: greet / order / cancel.", 60000),
    ("我们APP有300万用户，上个月收到的反馈有1.8万条，想先挑5000条标注：功能建议、bug、吐槽、其他。", 5000),
    # a sampling verb after the population belongs to the sample, not to the population before it
    ("球迷论坛上爬了大约三万六千条帖子，先标其中6000条，分支持、反对、中立。", 6000),
    # a count with no noun of its own after a labelling verb counts what was counted before
    ("We've got roughly 60k call snippets archived. Pick 4,500 and tag each with the caller's mood: calm / annoyed / angry.", 4500),
    ("There are 12k voice notes in the bucket, we want 3k labeled by Friday as question / complaint / other.", 3000),
    ("库里一共20万条工单，抽2000来标就行，分咨询、投诉、报修。", 2000),
    # the object of the labelling verb, whatever its noun
    ("We run about 7,500 online courses. Please label the 640 courses that have no subject yet: math / language / arts.", 640),
    # minutes per item are not a count per item
    ("~650 pull requests, 10 minutes each at most; reviewers pick the better of two bot reviews.", 650),
    # a count per container before the containers and the total
    ("每个楼盘平均15张照片，这次给300个楼盘，约4500张，写一段描述。", 4500),
    # a total the request works out itself
    ("120 product queries → 2,400 query-result pairs; grade each pair relevant / partly / not relevant.", 2400),
]


@pytest.mark.parametrize("request_text,volume", STATED_VOLUMES)
def test_the_volume_is_the_count_of_items_to_label(request_text: str, volume: int) -> None:
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.stated, field
    assert field.value == volume
    assert field.evidence and field.evidence in request_text  # every stated number quotes the request


VAGUE_VOLUMES = [
    ("客服聊天记录五千多段，要标用户意图：查账单、改套餐、投诉、其他。", 5000, 5999),
    ("There are 12k+ support transcripts, we want intent labels (refund, shipping, account).", 12000, None),
    ("论坛一共三万多帖，都要标：求助、分享、广告、灌水。", 30000, 39999),
]


@pytest.mark.parametrize("request_text,low,high", VAGUE_VOLUMES)
def test_an_open_range_stays_vague_with_its_range(request_text: str, low: int, high: int | None) -> None:
    draft = draft_of(request_text)
    field = draft.how_much.volume
    assert field.status != FieldStatus.stated, field
    assert isinstance(field.value, dict) and field.value.get("low") == low and field.value.get("high") == high
    assert any(q.field == "how_much.volume" for q in draft.questions)  # and the requester is asked


TEAMS = [
    ("Labellers: three grad students and a postdoc. About 2,000 abstracts, topic labels from our taxonomy.", 4),
    ("Our moderators will do the tagging - we have 5 of them. 6k comments: toxic / fine.", 5),
    ("2,400 scanned invoices. Two of our bookkeepers will handle it. Fields: vendor, date, total.", 2),
    ("标注人员：两个律师加一个实习生。合同条款大概900条，标风险等级高、中、低。", 3),
    ("Annotators: 2 in-house linguists. Volume: around 9,000 sentence pairs. Target agreement 0.8.", 2),
    ("Quick one - 6 hospitals sent us 2,750 discharge letters. 3 nurses can help label them yes/no.", 3),
]


@pytest.mark.parametrize("request_text,count", TEAMS)
def test_the_team_size_is_read_from_how_people_say_it(request_text: str, count: int) -> None:
    field = draft_of(request_text).who.annotator_profile
    assert field.status == FieldStatus.stated, field
    assert field.value == {"count": count}


def test_a_target_in_a_clause_about_the_past_does_not_hide_the_new_one() -> None:
    draft = draft_of("门诊病历质控，分合格、不合格。去年外包准确率只有六成，这次Kappa要过0.75，五千份。")
    assert draft.how_much.target_agreement.value == 0.75
    assert draft.how_much.target_agreement.status == FieldStatus.stated


@pytest.mark.parametrize(
    "request_text,today,deadline",
    [
        ("售后工单分类：退货、换货、维修。3000条，下个月15号前要。", date(2026, 11, 10), "2026-12-15"),
        ("Need these 2,000 receipts categorised within 3 wks: food / travel / office.", date(2026, 11, 30), "2026-12-21"),
        # the month end is today: the later date written after it is the deadline
        ("门诊录音转写质检，2000段，月底前……哦今天已经月底了，那就下个月18号前吧。", date(2026, 11, 30), "2026-12-18"),
    ],
)
def test_relative_deadlines(request_text: str, today: date, deadline: str) -> None:
    field = draft_of(request_text, today).when.deadline
    assert field.status == FieldStatus.stated and field.value == deadline


def test_quoted_sample_text_is_not_a_count() -> None:
    text = 'We have 5,000 maintenance notes. Sample: "pump 3 replaced, 200 hours since overhaul". Tag component and action.'
    assert [m.value for m in mentions(text)] == [5000]


def test_people_and_containers_never_win_over_data() -> None:
    ranked = score_mentions("我们有40位客服、12个渠道，这次抽了3000段对话来标。")
    assert ranked[0][1].value == 3000
    assert all(m.value != 40 for _, m in ranked)  # people are never a volume


@pytest.mark.parametrize(
    "request_text",
    [
        "Our Galaxy S23 and iPhone 15 reviews need sentiment labels: positive / negative.",  # model names
        "外包团队有12人，每人每天能标400条，下周五前标完这一批。",  # a throughput, not a total
        "We get 300 chats a day and want a bot; label intents: billing, login, other.",  # a rate
    ],
)
def test_no_volume_is_made_up_from_model_names_or_throughput(request_text: str) -> None:
    field = draft_of(request_text).how_much.volume
    assert field.status != FieldStatus.stated, field
