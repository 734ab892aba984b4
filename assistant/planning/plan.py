"""The effort and schedule plan ("How much"): person-hours, calendar days, cost, and whether the
deadline holds — and when it does not, what would make it hold.

Every number is computed from stated inputs; an input nobody gave is listed as missing, never
guessed. Inputs come from the arguments first, then from trial-round durations (time per item
only), then from the 5W2H breakdown, then from a stated default (hours per day, review rate).

The model (all times in hours; V items, T seconds per item, r review rate, R review seconds per
item, n annotators, h working hours per person per day):

    saved share   f = s × a          (s: share of pre-labels at or above the acceptance threshold,
                                      a: their accuracy measured in the trial; accepted correct
                                      pre-labels need no human labeling, wrong ones are relabeled)
    labeling      L = V × (1 − f) × T / 3600
    review        Q = V × r × R / 3600     (R defaults to T: re-checking costs about as much as labeling)
    person-hours  P = L + Q
    person-days   D = P / h
    working days  C = ceil(D / n)          (annotators work in parallel; Mon–Fri, weekends skipped)
    finish date   the C-th working day counting from today (today counts when it is a weekday)
    cost          P × hourly rate

Against a deadline with W working days from today to the deadline (inclusive), the capacity is
K = n × W × h person-hours; the deadline holds when P ≤ K. If it does not:

    annotators needed       ceil(D / W)
    pre-label share needed  x = (1 − (K − Q) / (V × T / 3600)) / a   (feasible when 0 ≤ x ≤ 1)
    review rate needed      r' = (K − L) × 3600 / (V × R)           (feasible when r' ≥ 0)
"""

from __future__ import annotations

import math
import statistics
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from assistant.core.errors import InputError
from assistant.core.messages import Message, text as message_text
from evaluation import message_refs as refs
from assistant.planning.calendar import is_working_day, nth_working_day, working_days_between
from assistant.planning.model import (
    DEFAULT_REVIEW_RATE,
    FORMULAS,
    LOW_REVIEW_RATE,
    InputSource,
    MissingInput,
    Plan,
    PlanFix,
    PlanInput,
    PlanNote,
    _note,
    _pct,
    note_text,
)
from assistant.planning.report import format_plan

if TYPE_CHECKING:
    from assistant.core.models import Breakdown

__all__ = [
    "DEFAULT_REVIEW_RATE", "FORMULAS", "LOW_REVIEW_RATE", "InputSource", "MissingInput", "Plan", "PlanFix",
    "PlanInput", "PlanNote", "effort_plan", "format_plan", "note_text", "is_working_day", "nth_working_day", "working_days_between",
]


# ---------------------------------------------------------------------------------------------
# Reading inputs
# ---------------------------------------------------------------------------------------------
def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return None
    return None


def _date(value: Any, what: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as error:
        raise InputError(Message("error.plan.not_a_date", what=what, value=value)) from error


def _from_breakdown(breakdown: "Breakdown | None") -> dict[str, Any]:
    """The plan's inputs the breakdown states (anything unreadable is left out, not guessed)."""
    if breakdown is None:
        return {}
    found: dict[str, Any] = {}
    volume = _number(breakdown.how_much.volume.value)
    if volume is not None:
        found["volume"] = volume
    seconds = _number(breakdown.how_much.time_per_item.value)
    if seconds is not None:
        found["seconds_per_item"] = seconds
    profile = breakdown.who.annotator_profile.value
    count = _number(profile.get("count")) if isinstance(profile, dict) else _number(profile)
    if count is not None:
        found["annotators"] = count
    deadline = breakdown.when.deadline.value
    if isinstance(deadline, str):
        try:
            found["deadline"] = date.fromisoformat(deadline.strip()[:10])
        except ValueError:
            pass
    qa = breakdown.how.qa_plan.value
    rate = _number(qa.get("sample_rate")) if isinstance(qa, dict) else _number(qa)
    if rate is not None and 0 <= rate <= 1:
        found["review_rate"] = rate
    budget = breakdown.how_much.budget.value
    if isinstance(budget, dict) and _number(budget.get("amount")) is not None:
        found["budget"] = {
            "amount": _number(budget.get("amount")),
            "currency": budget.get("currency") or None,
            "per": budget.get("per") or "total",
        }
        if budget.get("currency"):
            found["currency"] = str(budget["currency"])
    return found


MAX_VOLUME = 10**12  # items: far above any labeling project, far below float and date overflow
MAX_SECONDS_PER_ITEM = 7 * 24 * 3600.0
MAX_WORKING_DAYS = 100 * 261  # a plan longer than a century is a typo, not a plan


def _check(name: str, value: float | None, *, low: float, high: float | None = None, low_open: bool = False) -> None:
    if value is None:
        return
    if not math.isfinite(value):
        raise InputError(Message("error.plan.not_finite", name=name, option=name.replace('_', '-'), value=value))
    if (value <= low if low_open else value < low) or (high is not None and value > high):
        lowest = f"{'>' if low_open else '>='} {_figure(low)}"
        bound: str | Message = lowest if high is None else Message("error.plan.between", low=lowest, high=_figure(high))
        raise InputError(Message("error.plan.out_of_bounds", name=name, option=name.replace('_', '-'), bound=bound, value=_figure(value)))


def _figure(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1e6 and float(value).is_integer() else f"{value:g}"


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _ceil_to(value: float, digits: int = 3) -> float:
    scale = 10**digits
    return math.ceil(value * scale - 1e-9) / scale


def _floor_to(value: float, digits: int = 3) -> float:
    scale = 10**digits
    return math.floor(value * scale + 1e-9) / scale


# ---------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------
def effort_plan(
    breakdown: "Breakdown | None" = None,
    *,
    volume: int | None = None,
    seconds_per_item: float | None = None,
    annotators: int | None = None,
    hours_per_day: float = 6.0,
    review_rate: float | None = None,
    review_seconds_per_item: float | None = None,
    deadline: date | str | None = None,
    today: date | str,
    hourly_rate: float | None = None,
    currency: str | None = None,
    prelabel_share: float | None = None,
    prelabel_accuracy: float | None = None,
    accept_prelabels_above: float | None = None,
    trial_durations: Iterable[float] | None = None,
) -> Plan:
    """Effort, calendar, cost and deadline check (see the module docstring for the formulas).

    `review_rate` defaults to the breakdown's QA sample rate, else 0.1; `review_seconds_per_item`
    to the time per item. `trial_durations` (seconds per labeled item from a trial round) give the
    time per item as their median when `seconds_per_item` is not given.
    """
    today = _date(today, "today")
    if today is None:
        raise InputError(Message("error.plan.no_today"))
    stated = _from_breakdown(breakdown)
    inputs: dict[str, PlanInput] = {}
    missing: list[MissingInput] = []
    notes: list[PlanNote] = []

    def pick(name: str, given: Any, default: Any = None, default_source: InputSource = "default") -> Any:
        if given is not None:
            inputs[name] = PlanInput(value=given, source="argument")
            return given
        if name in stated:
            inputs[name] = PlanInput(value=stated[name], source="breakdown")
            return stated[name]
        if default is not None:
            inputs[name] = PlanInput(value=default, source=default_source)
            return default
        inputs[name] = PlanInput(source="missing")
        return None

    volume_value = pick("volume", volume)
    if volume_value is not None:
        _check("volume", float(volume_value), low=0, high=MAX_VOLUME)
        volume_value = int(round(float(volume_value)))
        inputs["volume"].value = volume_value

    # time per item: argument > trial median > breakdown
    durations = [float(d) for d in (trial_durations or []) if _number(d) is not None and float(d) > 0]
    if seconds_per_item is not None:
        seconds = float(seconds_per_item)
        inputs["seconds_per_item"] = PlanInput(value=seconds, source="argument")
    elif durations:
        seconds = float(statistics.median(durations))
        inputs["seconds_per_item"] = PlanInput(
            value=seconds, source="trial", detail_ref=refs.dump(Message("plan.detail.trial_median", count=len(durations))),
        )
        notes.append(_note("trial_median", count=len(durations), seconds=f"{seconds:g}"))
    else:
        seconds = pick("seconds_per_item", None)
        if trial_durations is not None:
            notes.append(_note("trial_empty"))
    _check("seconds_per_item", seconds, low=0, low_open=True, high=MAX_SECONDS_PER_ITEM)

    people = pick("annotators", annotators)
    if people is not None:
        _check("annotators", float(people), low=1)
        if float(people) != int(float(people)):
            raise InputError(Message("error.plan.people_not_whole", people=people))
        people = int(float(people))
        inputs["annotators"].value = people
    _check("hours_per_day", hours_per_day, low=0, low_open=True, high=24)
    inputs["hours_per_day"] = PlanInput(value=hours_per_day, source="argument" if hours_per_day != 6.0 else "default")

    rate = pick("review_rate", review_rate, DEFAULT_REVIEW_RATE)
    _check("review_rate", rate, low=0, high=1)
    if review_seconds_per_item is not None:
        review_seconds = float(review_seconds_per_item)
        inputs["review_seconds_per_item"] = PlanInput(value=review_seconds, source="argument")
        _check("review_seconds_per_item", review_seconds, low=0, low_open=True)
    elif seconds is not None:
        review_seconds = seconds
        inputs["review_seconds_per_item"] = PlanInput(value=seconds, source="assumed", detail_ref=refs.dump(Message("plan.detail.assumed")))
        if rate:
            notes.append(_note("review_assumed"))
    else:
        review_seconds = None
        inputs["review_seconds_per_item"] = PlanInput(source="missing")

    due = _date(deadline, "deadline") if deadline is not None else None
    if due is not None:
        inputs["deadline"] = PlanInput(value=due, source="argument")
    else:
        due = pick("deadline", None)

    price = hourly_rate
    _check("hourly_rate", price, low=0)
    inputs["hourly_rate"] = PlanInput(value=price, source="argument") if price is not None else PlanInput(source="missing")
    money = pick("currency", currency)
    budget = stated.get("budget")

    for name, value in (("prelabel_share", prelabel_share), ("prelabel_accuracy", prelabel_accuracy),
                        ("accept_prelabels_above", accept_prelabels_above)):
        _check(name, value, low=0, high=1)
        if value is not None:
            inputs[name] = PlanInput(value=value, source="argument")

    # --- what is missing ---------------------------------------------------------------------
    if volume_value is None:
        missing.append(MissingInput(name="volume", needed_for="effort, calendar and cost"))
    if seconds is None:
        missing.append(MissingInput(name="seconds_per_item", needed_for="effort, calendar and cost (or give trial durations)"))
    if people is None:
        missing.append(MissingInput(name="annotators", needed_for="calendar days, finish date and the deadline check"))
    if due is None:
        missing.append(MissingInput(name="deadline", needed_for="the deadline check", optional=True))
    if price is None:
        missing.append(MissingInput(name="hourly_rate", needed_for="cost", optional=True))
    saved = 0.0
    if prelabel_share is not None and prelabel_accuracy is not None:
        saved = prelabel_share * prelabel_accuracy
        above = f" ≥ {accept_prelabels_above:g}" if accept_prelabels_above is not None else ""
        notes.append(_note("prelabel", above=above, share=_pct(prelabel_share),
                           accuracy=_pct(prelabel_accuracy), saved=_pct(saved)))
    elif prelabel_share is not None:
        missing.append(MissingInput(name="prelabel_accuracy", needed_for="the effort pre-labels save (not applied)"))
    elif prelabel_accuracy is not None:
        missing.append(MissingInput(name="prelabel_share", needed_for="the effort pre-labels save (not applied)"))

    plan = Plan(today=today, inputs=inputs, deadline=due, currency=money, missing=missing, notes=notes)
    missing, notes = plan.missing, plan.notes  # pydantic copied the lists: keep adding to the plan's own
    if volume_value is None or seconds is None or review_seconds is None:
        return plan

    # --- effort --------------------------------------------------------------------------------
    full_hours = volume_value * seconds / 3600
    labeling = volume_value * (1 - saved) * seconds / 3600
    review = volume_value * rate * review_seconds / 3600
    person_hours = labeling + review
    person_days = person_hours / hours_per_day
    plan.saved_share = _r(saved)
    plan.labeling_hours, plan.review_hours = _r(labeling), _r(review)
    plan.person_hours, plan.person_days = _r(person_hours), _r(person_days)

    if price is not None:
        plan.cost = round(person_hours * price, 2)
        if money is None:
            notes.append(_note("no_currency"))
    if budget is not None:
        total = budget["amount"] * (volume_value if budget["per"] == "item" else 1)
        plan.budget_total = round(total, 2)
        if plan.cost is not None:
            if budget["currency"] and money and budget["currency"] != money:
                notes.append(_note("currency_mismatch", budget=budget["currency"], rate=money))
            else:
                plan.within_budget = plan.cost <= total + 1e-9

    if people is not None:
        days = math.ceil(person_days / people - 1e-9)
        if days > MAX_WORKING_DAYS:
            raise InputError(
                Message("error.plan.too_long", days=days, volume=volume_value, seconds=seconds, people=people)
            )
        plan.working_days = days
        plan.finish_date = nth_working_day(today, days)
        notes.append(_note("weekends"))

    if due is None:
        return plan
    available = working_days_between(today, due)
    plan.working_days_available = available
    if available > 0:
        plan.annotators_needed = max(1, math.ceil(person_days / available - 1e-9)) if person_hours > 0 else 1
    if people is None:
        if available == 0:
            notes.append(_note("no_working_day"))
        return plan
    capacity = people * available * hours_per_day
    plan.capacity_hours = _r(capacity)
    plan.deadline_holds = person_hours <= capacity + 1e-9
    if plan.deadline_holds:
        return plan

    # --- what would make it hold ------------------------------------------------------------
    fixes: list[PlanFix] = []
    if available == 0:
        fixes.append(PlanFix(kind="annotators", feasible=False, detail=message_text("plan.fix.no_working_day", "en")))
    else:
        fixes.append(PlanFix(kind="annotators", feasible=True, value=plan.annotators_needed,
                             detail=message_text("plan.fix.annotators", "en", days=f"{person_days:.2f}", available=available)))

    room_for_labeling = capacity - review
    if prelabel_accuracy is None or prelabel_accuracy == 0:
        fixes.append(PlanFix(kind="prelabel_acceptance", feasible=False,
                             detail=message_text("plan.fix.needs_accuracy", "en")))
        if prelabel_accuracy is None:
            missing.append(MissingInput(name="prelabel_accuracy", needed_for="the pre-label fix", optional=True))
    elif room_for_labeling <= 0:
        fixes.append(PlanFix(kind="prelabel_acceptance", feasible=False,
                             detail=message_text("plan.fix.review_alone", "en", hours=f"{review:.1f}", capacity=f"{capacity:.1f}")))
    else:
        needed_saving = 1 - room_for_labeling / full_hours
        share = needed_saving / prelabel_accuracy
        feasible = share <= 1 + 1e-9
        formula = f"(1 − ({capacity:.2f} − {review:.2f}) / {full_hours:.2f}) / {prelabel_accuracy:g}"
        fixes.append(PlanFix(
            kind="prelabel_acceptance", feasible=feasible, value=_ceil_to(share) if feasible else _r(share),
            detail=formula if feasible else message_text("plan.fix.more_than_every_item", "en", formula=formula),
        ))

    room_for_review = capacity - labeling
    if rate == 0 or room_for_review < 0:
        fixes.append(PlanFix(
            kind="review_rate", feasible=False, value=None,
            detail=message_text("plan.fix.labeling_alone", "en", hours=f"{labeling:.1f}", capacity=f"{capacity:.1f}")
            if room_for_review < 0
            else message_text("plan.fix.no_review", "en"),
        ))
    else:
        needed_rate = _floor_to(room_for_review * 3600 / (volume_value * review_seconds))
        fixes.append(PlanFix(kind="review_rate", feasible=True, value=needed_rate,
                             detail=f"({capacity:.2f} − {labeling:.2f}) × 3600 / ({volume_value} × {review_seconds:g})"))
        if needed_rate < LOW_REVIEW_RATE:
            notes.append(_note("low_review", rate=_pct(needed_rate), low=_pct(LOW_REVIEW_RATE)))
    plan.fixes = fixes
    return plan

