"""The effort and schedule plan (assistant.planning.plan) and the `plan` command.

Every expected number below is worked by hand in the comment beside it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from assistant.integrations.datafiles import write_records
from assistant.core.errors import InputError
from assistant.core.models import Breakdown, BreakdownField, HowDimension, HowMuchDimension, WhenDimension, WhoDimension
from assistant.planning.plan import effort_plan, format_plan, nth_working_day, working_days_between
from assistant.cli.train import plan_command, train_app

MONDAY = date(2024, 6, 3)
THURSDAY = date(2024, 6, 6)


def fix(plan, kind):
    return next(f for f in plan.fixes if f.kind == kind)


def stated(value):
    return BreakdownField(value=value, status="stated", confidence=1.0)


def breakdown(**fields) -> Breakdown:
    return Breakdown(
        request="标注3万条评论",
        language="zh",
        engine="offline",
        how_much=HowMuchDimension(
            volume=stated(fields.get("volume", 30000)),
            time_per_item=stated(fields.get("time_per_item", 30)),
            budget=stated(fields.get("budget", {"amount": 20000, "currency": "CNY"})),
        ),
        when=WhenDimension(deadline=stated(fields.get("deadline", "2024-06-14"))),
        who=WhoDimension(annotator_profile=stated({"count": fields.get("annotators", 3)})),
        how=HowDimension(qa_plan=stated({"sample_rate": fields.get("sample_rate", 0.2)})),
    )


# ---------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------
def test_working_days_skip_weekends():
    assert nth_working_day(MONDAY, 5) == date(2024, 6, 7)  # Mon..Fri
    assert nth_working_day(THURSDAY, 4) == date(2024, 6, 11)  # Thu, Fri, (Sat, Sun skipped) Mon, Tue
    assert nth_working_day(date(2024, 6, 8), 1) == date(2024, 6, 10)  # from a Saturday the first working day is Monday
    assert working_days_between(MONDAY, date(2024, 6, 14)) == 10  # two full weeks
    assert working_days_between(THURSDAY, date(2024, 6, 10)) == 3  # Thu, Fri, Mon
    assert working_days_between(date(2024, 6, 8), date(2024, 6, 9)) == 0  # a weekend
    assert working_days_between(MONDAY, date(2024, 6, 1)) == 0  # deadline already passed


# ---------------------------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------------------------
def test_plan_that_holds():
    plan = effort_plan(volume=10000, seconds_per_item=30, annotators=5, deadline="2024-06-14", today=MONDAY,
                       hourly_rate=50, currency="CNY")
    # labeling 10000 × 30 / 3600 = 83.333 h; review 10000 × 0.1 × 30 / 3600 = 8.333 h; total 91.667 h
    assert plan.labeling_hours == pytest.approx(83.3333, abs=1e-3)
    assert plan.review_hours == pytest.approx(8.3333, abs=1e-3)
    assert plan.person_hours == pytest.approx(91.6667, abs=1e-3)
    # 91.667 / 6 = 15.278 person-days; / 5 annotators = 3.06 -> 4 working days: Mon..Thu
    assert plan.person_days == pytest.approx(15.2778, abs=1e-3)
    assert plan.working_days == 4 and plan.finish_date == date(2024, 6, 6)
    # cost 91.667 × 50 = 4583.33
    assert plan.cost == pytest.approx(4583.33, abs=0.01) and plan.currency == "CNY"
    # capacity 5 × 10 × 6 = 300 h >= 91.667 h
    assert plan.capacity_hours == 300 and plan.deadline_holds is True and plan.fixes == []
    assert plan.annotators_needed == 2  # ceil(15.278 / 10)


def test_weekends_are_skipped_and_said():
    plan = effort_plan(volume=10000, seconds_per_item=30, annotators=5, today=THURSDAY)
    # the same 4 working days from a Thursday: Thu, Fri, Mon, Tue
    assert plan.finish_date == date(2024, 6, 11)
    assert any(note.code == "weekends" and "weekends are skipped" in note.text for note in plan.notes)
    assert "weekends skipped" in format_plan(plan)


def test_deadline_that_cannot_hold_and_the_computed_fixes():
    plan = effort_plan(volume=30000, seconds_per_item=30, annotators=3, deadline="2024-06-14", today=MONDAY,
                       prelabel_share=0.4, prelabel_accuracy=0.9, accept_prelabels_above=0.9)
    # saved share 0.4 × 0.9 = 0.36; labeling 30000 × 0.64 × 30 / 3600 = 160 h; review 30000 × 0.1 × 30 / 3600 = 25 h
    assert plan.saved_share == pytest.approx(0.36)
    assert plan.labeling_hours == pytest.approx(160) and plan.review_hours == pytest.approx(25)
    # 185 h / 6 = 30.833 person-days; / 3 = 10.28 -> 11 working days -> Mon 2024-06-17 (after two full weeks)
    assert plan.working_days == 11 and plan.finish_date == date(2024, 6, 17)
    # capacity 3 annotators × 10 working days × 6 h = 180 h < 185 h
    assert plan.capacity_hours == 180 and plan.deadline_holds is False
    # annotators: ceil(30.833 / 10) = 4
    assert fix(plan, "annotators").value == 4 and fix(plan, "annotators").feasible
    # pre-labels: needed saving 1 − (180 − 25) / 250 = 0.38; share = 0.38 / 0.9 = 0.4222 -> 0.423 (rounded up)
    prelabel = fix(plan, "prelabel_acceptance")
    assert prelabel.feasible and prelabel.value == pytest.approx(0.423)
    # review: (180 − 160) × 3600 / (30000 × 30) = 0.08
    review = fix(plan, "review_rate")
    assert review.feasible and review.value == pytest.approx(0.08)
    text = format_plan(plan)
    assert "does NOT hold" in text and "4 annotators" in text and "42.3%" in text and "review at most 8%" in text


def test_each_fix_really_makes_the_deadline_hold():
    base = dict(volume=30000, seconds_per_item=30, deadline="2024-06-14", today=MONDAY, prelabel_accuracy=0.9)
    plan = effort_plan(annotators=3, prelabel_share=0.4, **base)
    more_people = effort_plan(annotators=fix(plan, "annotators").value, prelabel_share=0.4, **base)
    more_prelabels = effort_plan(annotators=3, prelabel_share=fix(plan, "prelabel_acceptance").value, **base)
    less_review = effort_plan(annotators=3, prelabel_share=0.4, review_rate=fix(plan, "review_rate").value, **base)
    assert more_people.deadline_holds and more_prelabels.deadline_holds and less_review.deadline_holds


def test_infeasible_fixes_are_said_and_missing_accuracy_listed():
    plan = effort_plan(volume=30000, seconds_per_item=30, annotators=3, deadline="2024-06-14", today=MONDAY)
    # labeling alone 250 h > capacity 180 h: no review rate can fix it; 275 h / 6 / 10 = 4.58 -> 5 annotators
    assert plan.person_hours == pytest.approx(275) and plan.deadline_holds is False
    assert fix(plan, "annotators").value == 5
    assert fix(plan, "review_rate").feasible is False and "250.0" in fix(plan, "review_rate").detail
    assert fix(plan, "prelabel_acceptance").feasible is False
    assert any(m.name == "prelabel_accuracy" and m.optional for m in plan.missing)


def test_prelabel_share_above_one_is_infeasible():
    plan = effort_plan(volume=30000, seconds_per_item=30, annotators=1, deadline="2024-06-07", today=MONDAY,
                       prelabel_share=0.1, prelabel_accuracy=0.5)
    # capacity 1 × 5 × 6 = 30 h; review 25 h; needed saving 1 − 5/250 = 0.98; share 0.98 / 0.5 = 1.96 > 1
    prelabel = fix(plan, "prelabel_acceptance")
    assert prelabel.feasible is False and prelabel.value == pytest.approx(1.96)


def test_trial_durations_give_the_median_and_say_so():
    plan = effort_plan(volume=3600, trial_durations=[20, 40, 30, 25, 100], annotators=1, today=MONDAY, review_rate=0)
    # median of 20, 25, 30, 40, 100 = 30 s; 3600 × 30 / 3600 = 30 h; no review
    assert plan.inputs["seconds_per_item"].value == 30 and plan.inputs["seconds_per_item"].source == "trial"
    assert plan.person_hours == pytest.approx(30)
    assert any(note.code == "trial_median" and "median of 5" in note.text for note in plan.notes)
    # 30 h / 6 = 5 person-days -> 5 working days: Mon..Fri
    assert plan.finish_date == date(2024, 6, 7)


def test_missing_inputs_are_listed_not_guessed():
    plan = effort_plan(volume=1000, today=MONDAY)
    names = {m.name: m.optional for m in plan.missing}
    assert names == {"seconds_per_item": False, "annotators": False, "deadline": True, "hourly_rate": True}
    assert plan.person_hours is None and plan.finish_date is None and plan.cost is None
    assert plan.inputs["seconds_per_item"].source == "missing"
    assert "Missing (not guessed)" in format_plan(plan)


def test_annotators_needed_without_annotators():
    plan = effort_plan(volume=30000, seconds_per_item=30, deadline="2024-06-14", today=MONDAY)
    # 275 h / 6 = 45.83 person-days over 10 working days -> 5 annotators; no deadline verdict without a team size
    assert plan.annotators_needed == 5 and plan.deadline_holds is None and plan.working_days is None
    assert any(m.name == "annotators" for m in plan.missing)


def test_values_come_from_the_breakdown_unless_given():
    plan = effort_plan(breakdown(), today=MONDAY, hourly_rate=50)
    # 30000 items × 30 s = 250 h; review at the breakdown's 20%: 50 h; 300 h × 50 = 15000 CNY
    assert {k: plan.inputs[k].source for k in ("volume", "seconds_per_item", "annotators", "deadline", "review_rate")} == {
        "volume": "breakdown", "seconds_per_item": "breakdown", "annotators": "breakdown", "deadline": "breakdown",
        "review_rate": "breakdown",
    }
    assert plan.person_hours == pytest.approx(300) and plan.cost == 15000 and plan.currency == "CNY"
    assert plan.budget_total == 20000 and plan.within_budget is True
    overridden = effort_plan(breakdown(), today=MONDAY, annotators=10, review_rate=0.1)
    assert overridden.inputs["annotators"].source == "argument" and overridden.review_hours == pytest.approx(25)
    # 275 h / 6 / 10 = 4.58 -> 5 working days -> Fri 2024-06-07, before the deadline
    assert overridden.finish_date == date(2024, 6, 7) and overridden.deadline_holds is True


def test_unit_price_budget_is_multiplied_by_volume_and_over_budget_is_flagged():
    plan = effort_plan(breakdown(budget={"amount": 0.4, "currency": "CNY", "per": "item"}), today=MONDAY, hourly_rate=50)
    # budget 0.4 × 30000 = 12000 CNY; cost 300 h × 50 = 15000 CNY
    assert plan.budget_total == 12000 and plan.within_budget is False
    assert "OVER budget" in format_plan(plan)


def test_bad_inputs_are_errors():
    with pytest.raises(InputError, match="review_rate"):
        effort_plan(volume=1, seconds_per_item=1, review_rate=1.5, today=MONDAY)
    with pytest.raises(InputError, match="deadline"):
        effort_plan(volume=1, seconds_per_item=1, deadline="next friday", today=MONDAY)


def test_format_plan_in_chinese():
    plan = effort_plan(volume=30000, seconds_per_item=30, annotators=3, deadline="2024-06-14", today=MONDAY)
    text = format_plan(plan, "zh")
    assert "无法按期完成" in text and "增加到 5 名标注员" in text and "跳过周末" in text


def test_a_chinese_plan_has_no_english_lines_and_the_english_one_keeps_its_words():
    # every fix infeasible or explained: review alone over capacity, labeling alone over capacity, pre-labels over 100%
    plan = effort_plan(volume=10**6, seconds_per_item=60, annotators=3, deadline="2024-06-10", today="2024-06-07",
                       prelabel_share=0.4, prelabel_accuracy=0.9, accept_prelabels_above=0.9, review_rate=0.2)
    zh = format_plan(plan, "zh")
    fixes = zh.split("如何按期完成：")[1].split("\n\n")[0]
    assert "仅质检就需要 3333.3 人时，产能只有 36.0 人时" in fixes and "仅标注就需要 10666.7 人时" in fixes
    assert "ceil(2333.33 人天 / 2 个工作日)" in fixes and "预标注（置信度 ≥ 0.9）覆盖 40% 的条目" in zh
    assert not any(word in zh for word in ("person-hours", "capacity", "working days", "confidence", "alone needs"))
    en = format_plan(plan, "en")
    assert "review alone needs 3333.3 person-hours, capacity is 36.0" in en and "pre-labels (confidence ≥ 0.9) cover 40%" in en
    # the JSON keeps the English detail the report is rendered from
    assert [fix.detail for fix in plan.fixes][1] == "review alone needs 3333.3 person-hours, capacity is 36.0"


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(train_app, name="train")
    app.command("plan")(plan_command)
    return app


def invoke(app, *args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_plan_command_with_flags(app):
    result = invoke(app, "plan", "--volume", 30000, "--seconds-per-item", 30, "--annotators", 3, "--deadline", "2024-06-14",
                    "--today", "2024-06-03", "--prelabel-share", 0.4, "--prelabel-accuracy", 0.9, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["person_hours"] == pytest.approx(185) and data["deadline_holds"] is False
    assert {f["kind"]: f["value"] for f in data["fixes"]} == {"annotators": 4, "prelabel_acceptance": 0.423, "review_rate": 0.08}


def test_plan_command_with_trial_file(app, tmp_path):
    trial = write_records(tmp_path / "trial.csv", [{"id": n, "label": "x", "lead_time": s} for n, s in enumerate([10, 20, 60])])
    result = invoke(app, "plan", "--volume", 360, "--trial", trial, "--annotators", 1, "--review-rate", 0, "--today", "2024-06-03")
    assert result.exit_code == 0, result.output
    # median 20 s; 360 × 20 / 3600 = 2 person-hours
    assert "seconds per item: 20 (from the trial round, median of 3 trial durations)" in result.stdout
    assert "total: 2 person-hours" in result.stdout


def test_plan_command_with_a_project(app):
    from assistant.service.workspace import Workspace

    ws = Workspace()
    project = ws.store.create_project("评论", "标注3万条评论", language="zh")
    ws.store.add_artifact(project.id, "breakdown", breakdown().model_dump(mode="json"))
    result = invoke(app, "plan", project.id, "--today", "2024-06-03")
    assert result.exit_code == 0, result.output
    # 250 h + 20% review 50 h = 300 h; 50 person-days / 3 = 16.7 -> 17 working days; capacity 180 h
    assert "合计：300 人时" in result.stdout and "无法按期完成" in result.stdout and "增加到 5 名标注员" in result.stdout


def test_plan_command_unknown_project_is_an_input_error(app):
    result = invoke(app, "plan", "p-nope")
    assert isinstance(result.exception, InputError) and "p-nope" in str(result.exception)
