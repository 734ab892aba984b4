"""Figures said aloud or minuted: the job's part of a collection, counts confirmed by repeating them, deadlines given
against another date, teams and agreement said in passing. Our own sentences, in domains the dev sets do not use."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.offline import read_figures
from assistant.core.models import BreakdownDraft, FieldStatus

TODAY = date(2026, 12, 3)  # a Thursday


def _read(text: str) -> BreakdownDraft:
    draft = BreakdownDraft()
    read_figures(draft, text, TODAY, "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en")
    return draft


def _volume(text: str):
    field = _read(text).how_much.volume
    return field.value if field.status == FieldStatus.stated else None


def _deadline(text: str):
    field = _read(text).when.deadline
    return field.value if field.status == FieldStatus.stated else None


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        # the job's part after the whole, handed on or used
        ("Ferry survey notes\n- Since May ~9,400 survey replies came in.\n- Only the ones with a comment: Raj counted 3,150.\n"
         "Actions\n- Raj to send the 3,150 to the tagging team by Friday.", 3150),
        ("Scope: 2,300 warranty cards total; about 400 are unreadable -> use the 1,900 legible ones.", 1900),
        ("we've scanned, oh, maybe four thousand receipts? Four thousand-ish. Don't need all, a random nine hundred is fine.", 900),
        # a count confirmed by saying it again
        ("so there's six hundred of those recordings, six hundred, and I want each one marked keep or bin", 600),
        ("it's about the last two seasons which Omar says is seven hundred and twenty, so seven hundred and twenty, tagged by topic", 720),
        # searches times the results looked at for each
        ("Grab our 300 most frequent searches.\n- For each one, check the top 8 listings that come back and mark them relevant or not.", 2400),
        # outputs that come two to an item
        ("we have four hundred tickets in the eval set so that's eight hundred replies, two per ticket, old bot and new bot", 400),
        # "那就是 N" restates a product, it takes nothing back
        ("数据的话 一百五十个问题 每个问题前八条 那就是 一千二百条 对 一千二", 1200),
    ],
)
def test_the_jobs_count_in_spoken_notes_and_minutes(text, volume):
    assert _volume(text) == volume


def test_a_yearly_figure_is_a_rate_not_the_volume():
    text = "Background\n- The hotline gets ~60k calls/yr.\n- Mia pulled a sample of 2,500 call openers for labelling."
    assert _volume(text) == 2500


def test_a_count_minuted_on_two_lines_is_no_spoken_confirmation():
    text = "> 共有课程约 500 门，每门一份 AI 摘要。\n补充：\n另外 500 门里有 60 门是实验课，先不做。"
    assert _volume(text) != 500 or _read(text).how_much.volume.status != FieldStatus.stated


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("The board votes on the nineteenth so I'd need the results the day before that.", "2026-12-18"),
        ("Could it be ready by the Thursday after next? That's our review.", "2026-12-17"),
        ("三、时间\n结果须在 12 月 22 日评审会之前拿到，最晚 19 号。", "2026-12-19"),
        ("街道要求 十二月二十三号报上去 所以最好 二十一号之前给我", "2026-12-21"),
        ("时间 嗯 元旦前 不对 元旦要放假 那 得提前 二十八号吧", "2026-12-28"),
        ("圣诞前能先做一部分吗，剩下的月底给就行。", "2026-12-31"),
        ("Three weeks is fine.", "2026-12-24"),
        ("the trustees' dinner is in mid-January, no wait, they moved it, it's January twelfth so before that", "2027-01-11"),
        ("Timing: target 18 Dec, hard stop 6 Jan.", "2026-12-18"),
        ("We'd like it done before the intern's placement ends 1/22.", "2027-01-22"),
        ("The trustees meet on the 16th and I'd like to present the breakdown then.", "2026-12-16"),
    ],
)
def test_deadlines_said_against_another_date(text, deadline):
    assert _deadline(text) == deadline


def test_a_minutes_meeting_date_just_gone_by_and_an_export_date_are_no_deadline():
    text = "会议纪要\n时间：12月1日（周二）上午\n待办：\n- 小李：周五前把5000条数据脱敏后给到供应商\n- 交付：全部元旦前交付"
    assert _deadline(text) == "2026-12-31"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("评分人员需要懂茶，李老师推荐 3 位研究生。", 3),
        ("我们馆里 2 个讲解员也可以一起评。", 2),
        ("请外部有园林背景的人员参与，不少于 4 人。", 4),
        ("Two of our ushers could help with the tagging if you need hands.", 2),
    ],
)
def test_people_named_in_passing_to_do_the_labelling(text, count):
    team = _read(text).who.annotator_profile
    assert team.status == FieldStatus.stated and team.value["count"] == count


@pytest.mark.parametrize(
    "text", ["我们店里 5 个人都懂茶，可以抽查。", "Two of our managers could double-check some of your answers."]
)
def test_people_who_only_check_are_no_team(text):
    assert _read(text).who.annotator_profile.status != FieldStatus.stated


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("希望三个人标的结果能对得上 90% 以上。", 0.9),
        ("希望评委意见一致的能到六成。", 0.6),
        ("一致率 我们主任说要七成以上", 0.7),
        ("we'd want the two teams to agree most of the time - 75% or so", 0.75),
    ],
)
def test_agreement_said_plainly(text, target):
    field = _read(text).how_much.target_agreement
    assert field.status == FieldStatus.stated and field.value == target


@pytest.mark.parametrize(
    ("text", "amount"), [("钱的话 你们报 别超过三千块就行", 3000.0), ("Funds are thin - we can do $650 total, or lend a volunteer.", 650.0)]
)
def test_budgets_said_in_passing(text, amount):
    field = _read(text).how_much.budget
    assert field.status == FieldStatus.stated and field.value["amount"] == amount


def test_a_rate_one_can_pay_is_no_budget():
    assert _read("We can pay $12 an hour for this.").how_much.budget.status != FieldStatus.stated
