"""Everyday shapes, round two (fresh sentences in other domains than the requests they came from).

- a pool and the part that suffices, with no noun on either count: "we have 40k but a random 5k is enough";
- examples of a problem become its kinds when the request asks which kind: "有没有X，比如A、B、C，有就标出来是哪种，没有就标无";
- a named score grades its options: "打个质量分：可用、需修改、不可用";
- a plural written in brackets is part of the name: "tooth number(s)", "tenant name(s)";
- the 是 opening a choice question "是A、B，还是C" is no part of A.

The request date is Thursday 2026-12-03.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.request_labels import find_labels
from assistant.core.models import FieldStatus

TODAY = date(2026, 12, 3)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, TODAY)
    return draft


@pytest.mark.parametrize(
    "request_text,volume",
    [
        pytest.param("Our help desk has 60k tickets but a random 3k is enough. Tag each as bug, question or request.", 3000, id="en-random-part-enough"),
        pytest.param("There are 9,000 call notes in the CRM; honestly 1,500 would do. Mark each as hot, warm or cold lead.", 1500, id="en-part-would-do"),
        pytest.param("We have about 25k product reviews, 2,000 of them should be plenty. Label positive or negative.", 2000, id="en-of-them-plenty"),
    ],
)
def test_the_part_that_suffices_is_the_volume(request_text: str, volume: int) -> None:
    field = draft_of(request_text).field("how_much.volume")
    assert field.status == FieldStatus.stated and field.value == volume


def test_a_budget_that_is_enough_is_no_volume() -> None:
    field = draft_of("We have 4,000 emails to sort into sales or support. $5k is enough for this.").field("how_much.volume")
    assert field.value == 4000


@pytest.mark.parametrize(
    "request_text,labels",
    [
        pytest.param("检查每条商品描述有没有问题，例如虚假宣传、价格写错、缺少尺码，有的话标注是哪一类，没有就标“正常”。",
                     ["虚假宣传", "价格写错", "缺少尺码", "正常"], id="zh-which-kind-with-none"),
        pytest.param("听一下每段司机录音有没有违规，比如超速、打电话、抽烟，有就标是哪种，没有就标无。",
                     ["超速", "打电话", "抽烟", "无"], id="zh-which-kind-short"),
        pytest.param("Check each listing for problems such as fake photos, wrong price or missing size; if there is one, mark which kind, otherwise mark none.",
                     ["fake photos", "wrong price", "missing size", "none"], id="en-which-kind"),
    ],
)
def test_examples_become_kinds_when_asked_which_kind(request_text: str, labels: list[str]) -> None:
    assert draft_of(request_text).what.candidate_labels.value == labels


def test_examples_without_which_kind_stay_examples() -> None:
    labels = draft_of("看看每条评论有没有广告，比如加微信、发链接，有就标是，没有就标否。").what.candidate_labels.value
    assert labels == ["是", "否"]


@pytest.mark.parametrize(
    "request_text",
    [
        pytest.param("给每段机器翻译打个质量分：可用、需修改、不可用。一千段。", id="zh-quality-score"),
        pytest.param("客服回复请打个满意度分：满意、一般、不满意。", id="zh-named-score"),
    ],
)
def test_a_named_score_is_ordinal(request_text: str) -> None:
    assert find_labels(request_text).ordinal


def test_a_category_is_no_score() -> None:
    assert not find_labels("每张图打个分类：猫、狗、其他。").ordinal


@pytest.mark.parametrize(
    "request_text,labels",
    [
        pytest.param("From each lease pull out: tenant name(s), unit number, monthly rent.", ["tenant name(s)", "unit number", "monthly rent"], id="en-plural-in-brackets"),
        pytest.param("Please tag the item(s) mentioned, the store(s) and the date in each note.", ["item(s) mentioned", "store(s)", "date"], id="en-plural-in-brackets-inline"),
    ],
)
def test_a_plural_in_brackets_is_part_of_the_name(request_text: str, labels: list[str]) -> None:
    assert find_labels(request_text).labels == labels


def test_a_note_in_brackets_is_still_cut() -> None:
    assert find_labels("Sort each review as positive (happy customer), negative or neutral.").labels == ["positive", "negative", "neutral"]


@pytest.mark.parametrize(
    "request_text,labels",
    [
        pytest.param("我们是镇政务服务中心……不对，是社区卫生站。来电想分一下看居民想干嘛：是预约体检、咨询疫苗，还是投诉服务。", ["预约体检", "咨询疫苗", "投诉服务"], id="zh-choice-lead-shi"),
    ],
)
def test_the_shi_opening_a_choice_question_is_no_part_of_the_option(request_text: str, labels: list[str]) -> None:
    assert find_labels(request_text).labels == labels


def test_a_first_option_opening_with_shi_outside_a_choice_question_keeps_it() -> None:
    assert find_labels("题目按题型分成：是非题、选择题、填空题。").labels == ["是非题", "选择题", "填空题"]


def test_a_score_the_customer_gave_is_no_scale_of_the_labels() -> None:
    from assistant.breakdown.request_labels import find_labels

    found = find_labels("会员评价分三种：好评、中评、差评，还有那种就打了个分没写字的算无效。")
    assert found is not None and found.labels[:3] == ["好评", "中评", "差评"] and not found.ordinal
