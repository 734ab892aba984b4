"""Figures and reasons of plain requests that were read wrong by shape (written fresh for these tests, in other domains).

- a count "each" that names people ("800 essays, 2 graders each", "每组3人评") is the people per item, never a factor of the volume;
  a length ("120 lectures, about 50 min each", "每集40分钟") is how long an item is, never more items and never the
  time to label one; items per unit still multiply ("300 listings with 5 photos each");
- a wish that names only when the work is done ("希望月底前交", "we'd like to have it back by Friday"), a figure
  ("希望至少九成", "希望 4 人以上") or whose data it is ("ratings for our fitness app") is no reason for the work:
  the purpose stays missing with a question; a wish that gives a reason stays the purpose.

The request date is Wednesday 2026-12-02.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft, rank_questions
from assistant.core.models import FieldStatus

TODAY = date(2026, 12, 2)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, TODAY)
    return draft


@pytest.mark.parametrize(
    "request_text,volume,per_item",
    [
        # people on each item: the count of items stands, the people are the overlap
        pytest.param("Please grade 800 student essays with 2 graders each before the term ends.", 800, 2, id="en-graders-each"),
        pytest.param("We need 1,200 translation pairs checked, 3 assessors each, by January.", 1200, 3, id="en-assessors-each"),
        pytest.param("Rate 600 chatbot answers for helpfulness with 2 evaluators each.", 600, 2, id="en-evaluators-each"),
        pytest.param("1200组译文对比，每组3人评，下周五前交。", 1200, 3, id="zh-people-each-group"),
        pytest.param("共3000条菜品评论，每条由2人打分。", 3000, 2, id="zh-people-score-each"),
        # near-miss: items per unit still multiply
        pytest.param("We have 300 rental listings with 5 photos each; tag every photo as indoor or outdoor.", 1500, None, id="en-photos-each-multiply"),
    ],
)
def test_people_each_are_per_item_not_more_items(request_text, volume, per_item):
    draft = draft_of(request_text)
    assert draft.how_much.volume.value == volume
    if per_item is not None:
        assert draft.how.steps.value == {"annotators_per_item": per_item}
        assert draft.who.annotator_profile.status == FieldStatus.stated


@pytest.mark.parametrize(
    "request_text,volume",
    [
        pytest.param("Transcribe speaker turns in 120 podcasts (about 50 min each). Budget $4k.", 120, id="en-podcasts-min-each"),
        pytest.param("Flag off-topic questions in 90 recordings, roughly 1 hr each, before February.", 90, id="en-recordings-hr-each"),
        pytest.param("我们有300集有声书，每集40分钟左右，想把每集里的广告位置标出来。", 300, id="zh-episode-minutes"),
        pytest.param("600段培训录像，每段大概5分钟，标出讲师出镜的片段。", 600, id="zh-video-minutes"),
        pytest.param("两千段客服音频，每段音频一分半左右，标出客户情绪。", 2000, id="zh-audio-minute-and-half"),
    ],
)
def test_a_media_length_is_neither_volume_nor_time_per_item(request_text, volume):
    draft = draft_of(request_text)
    assert draft.how_much.volume.value == volume
    assert draft.how_much.time_per_item.status == FieldStatus.missing


@pytest.mark.parametrize(
    "request_text,seconds",
    [
        # near-misses: the time to label one item is still read, for media too
        pytest.param("400 support calls to tag by topic; each call should take an annotator about 3 minutes to tag.", 180, id="en-call-takes"),
        pytest.param("两千段录音转写文本，每段大概要读1分钟，标出客户的诉求。", 60, id="zh-transcript-read-time"),
        pytest.param("Label 2,000 product photos, 20 seconds per photo.", 20, id="en-photo-seconds"),
    ],
)
def test_the_time_to_label_an_item_is_still_read(request_text, seconds):
    draft = draft_of(request_text)
    assert draft.how_much.time_per_item.value == seconds


@pytest.mark.parametrize(
    "request_text",
    [
        # when the work is done
        pytest.param("物业报修单要分类：水电、门窗、公共区域、其他。一共1800条，希望月底前交。", id="zh-wish-deadline"),
        pytest.param("驾校学员的评价分正面、负面、中性，大概三千条，希望下周二之前能给到结果。", id="zh-wish-weekday"),
        pytest.param("Sort 2,500 hotel complaints into noise, cleanliness, staff, billing. We'd like to have it back by Friday.", id="en-wish-deadline"),
        pytest.param("Tag 900 job posts as remote, hybrid or onsite. We want to start in March.", id="en-wish-start"),
        # a figure of the work
        pytest.param("外卖评论按口味、包装、配送分类，5000条，准确率希望至少九成。", id="zh-wish-figure"),
        pytest.param("菜谱步骤要标出食材和用量，一共800篇，人手方面希望 4 人以上并行。", id="zh-wish-people"),
        pytest.param("骑行App的用户反馈分成路线、计费、车辆故障三类，两千条，希望2人标注，取一致的。", id="zh-wish-people-label"),
        # whose data it is
        pytest.param("We have 6,000 ratings for our fitness app; label each as bug, feature request or praise.", id="en-data-for-our-app"),
        pytest.param("For our recipe search engine: judge each of 400 queries against its top 5 results as good or bad.", id="en-for-our-scene-colon"),
    ],
)
def test_a_wish_that_is_no_reason_leaves_the_purpose_missing(request_text):
    draft = draft_of(request_text)
    assert draft.why.business_goal.status == FieldStatus.missing
    assert any(q.field == "why.business_goal" for q in rank_questions(draft, "en", draft.questions))


@pytest.mark.parametrize(
    "request_text,words",
    [
        # near-misses: a wish that gives a reason stays the purpose, even when it names a time
        pytest.param("健身房会员反馈分成：器械、课程、卫生、其他，三千条，希望在新店开业前把口碑摸清楚。", "口碑", id="zh-reason-with-time"),
        pytest.param("Label 1,000 support chats by intent to train our routing model, ideally by the 20th.", "routing model", id="en-train-model"),
        pytest.param("For a contract-search tool we need 700 clauses tagged as payment, termination or liability.", "contract-search tool", id="en-for-a-tool-leads"),
        pytest.param("We need labelled data for our triage bot: 2,000 tickets as urgent or not.", "triage bot", id="en-data-for-our-bot"),
    ],
)
def test_a_wish_that_gives_a_reason_stays_the_purpose(request_text, words):
    draft = draft_of(request_text)
    assert draft.why.business_goal.status == FieldStatus.stated
    assert words in draft.why.business_goal.value
