"""Checking a translation or a transcript, finding duplicate records and cleaning data are tasks of their own:
the reader types them `other` from the request's own words, in Chinese and English (issue 11).

The sentences are written for this behaviour in domains the dev sets do not contain; a request whose
transcripts are only the data ("通话转写文本", "already transcribed") keeps the type its ask names.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import LOW_CONFIDENCE, TaskSignal, read_task_type
from assistant.core.models import TaskType


def _read(text: str) -> TaskSignal:
    named = find_labels(text)
    return read_task_type(text, (named.main or named.labels) if named else None, ordinal=bool(named and named.ordinal))


@pytest.mark.parametrize(
    "text",
    [
        # translation quality
        "Our hotel booking site was localised into German and Polish. 2,400 strings, translations to check by native speakers, adequacy 1-4.",
        "We need a translation quality review of 900 pharmacy leaflets machine-translated into Arabic: acceptable / needs edit / unacceptable.",
        "景区导览牌的英文译文约600条，想请人评一下翻译质量，按可用、需修改、不可用三档。",
        "游戏本地化文本LQA，每条标错误类型：误译、漏译、术语不一致、无错误。",
        # transcript checking
        "Court hearing recordings were run through speech recognition; someone should listen to the audio and check each transcript against it, marking usable or unusable.",
        "Check the OCR output of 3,000 scanned shipping manifests against the images and grade each page 1-3.",
        "庙会直播的字幕是语音识别自动生成的，识别出来的字幕错得很多，想找人听一下录音对一下文字，每段标可用、需小改、不可用。",
        "医院病历扫描件的OCR识别结果准不准，需要人工核对，每页打1-3分。",
        # duplicates and cleaning
        "Our parish registry has duplicate records (same person entered twice with different spellings). Need a person to dedupe 20k entries.",
        "会员系统里重复档案太多，同一个人在不同分店各建了一份，想请人判断是不是同一个人。",
        "供应商名录要做数据清洗，名称标准化，比如“某某有限公司”和“某某公司”统一写法。",
        "We need data cleaning on 15k supplier records: normalise the company names and addresses.",
    ],
)
def test_checking_and_cleaning_work_is_other(text: str) -> None:
    signal = _read(text)
    assert signal.task_type == TaskType.other, (signal.task_type, signal.confidence, signal.scores)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("热线的通话转写文本约三千条，想按来电诉求分类：报修、缴费、投诉、咨询。", TaskType.intent_classification),
        ("We deduplicated the app reviews already (8k left); please mark each review positive, negative or neutral.", TaskType.sentiment),
        ("去重后还有五千条商品评价，想标正面、负面、中性。", TaskType.sentiment),
    ],
)
def test_transcripts_or_dedup_as_the_data_keep_the_asked_type(text: str, expected: TaskType) -> None:
    signal = _read(text)
    assert signal.task_type == expected or signal.confidence <= LOW_CONFIDENCE, (signal.task_type, signal.confidence, signal.scores)
    assert signal.task_type != TaskType.other or signal.confidence <= LOW_CONFIDENCE, (signal.task_type, signal.confidence, signal.scores)


@pytest.mark.parametrize(
    "text",
    [
        "Two clinic networks are merging patient files; matching flagged 9,000 candidate pairs. For each pair decide: same, different patient, or can't tell.",
        "Our marketplace has suspected duplicate listings. For each pair of listings mark same product, different product or unsure; identical ones are safe to merge.",
        "两家连锁药店合并会员库，系统挑出了四千对疑似重复的会员，想请人判断每对是不是同一个人：同一人、不同人、不确定。",
    ],
)
def test_candidate_duplicate_pairs_are_other(text: str) -> None:
    signal = _read(text)
    assert signal.task_type == TaskType.other, (signal.task_type, signal.confidence, signal.scores)


@pytest.mark.parametrize(
    "text",
    [
        "我们的法规库有检索功能，用户输入关键词，返回前10条法规，想请人判断每条是不是用户要找的：相关、部分相关、不相关。",
        "菜谱App的检索，用户输入食材，我们返回若干菜谱，判断每个菜谱对不对得上用户要找的。",
        "When a user types a part number into our parts catalogue we return up to 15 parts; judge whether each returned part is what they were after.",
    ],
)
def test_what_a_user_typed_and_what_came_back_is_search_relevance(text: str) -> None:
    signal = _read(text)
    assert signal.task_type == TaskType.search_relevance, (signal.task_type, signal.confidence, signal.scores)
