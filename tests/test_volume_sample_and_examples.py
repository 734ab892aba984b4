"""Which count is the job (set 17/18 round two), with sentences of our own:

- the sample named as a field's value ("the pilot sample is 2,200"), beside a crawled pool ("~90k pages");
- the part asked for after a colon ("We only need the disputed ones checked: 640 claims"), beside the whole delivery;
- a count whose noun the request named earlier as its material ("…scanned the delivery notes. There are 950 notes.");
- a first delivery of no stated size ("先给一部分，全部月底前给") does not make the worked-out total a part;
- a count inside a quoted example of the output ('counts where visible ("about 30 parked cars")') is not the volume.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.offline import read_figures
from assistant.core.models import BreakdownDraft, FieldStatus

TODAY = date(2026, 12, 3)


def _volume(text: str, language: str = "en"):
    draft = BreakdownDraft()
    read_figures(draft, text, TODAY, language)
    return draft.how_much.volume


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("We crawled ~90k product pages; the pilot sample is 2,200, stratified by category. Tag each as spam / ok.", 2200, id="sample-is"),
        pytest.param("The vendor sent 8k insurance claims with their codes. We only need the disputed ones checked: 640 claims.", 640, id="only-need-colon"),
        pytest.param("Our depot scanned last month's delivery notes. Please pull out the driver and the address.\nThere are 950 notes.", 950, id="material-noun"),
        pytest.param("There are 40 kids in the club. They wrote holiday postcards. There are 120 postcards, tag each by mood.", 120, id="material-noun-not-people"),
    ],
)
def test_the_job_count(text: str, expected: int) -> None:
    field = _volume(text)
    assert field.status == FieldStatus.stated and field.value == expected


def test_a_first_delivery_of_no_size_leaves_the_total() -> None:
    text = "帮我们评一下搜索结果，按相关/不相关打。150个搜索词，每个看前10个结果。明天先给一部分，全部月底前给。"
    field = _volume(text, "zh")
    assert field.status == FieldStatus.stated and field.value == 1500


def test_a_count_in_a_quoted_example_is_not_the_volume() -> None:
    text = 'Captions for drone photos: 2-3 sentences, counts where visible ("about 30 parked cars").\n6k photos, due Jan 9.'
    field = _volume(text)
    assert field.status == FieldStatus.stated and field.value == 6000
