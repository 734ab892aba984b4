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
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterable, Literal

from pydantic import BaseModel, Field

from assistant.core.errors import InputError

if TYPE_CHECKING:
    from assistant.core.models import Breakdown

DEFAULT_REVIEW_RATE = 0.1
LOW_REVIEW_RATE = 0.05
InputSource = Literal["argument", "breakdown", "trial", "default", "assumed", "missing"]

FORMULAS = [
    "saved share f = prelabel_share × prelabel_accuracy (accepted correct pre-labels need no labeling; 0 without pre-labels)",
    "labeling hours L = volume × (1 − f) × seconds_per_item / 3600",
    "review hours Q = volume × review_rate × review_seconds_per_item / 3600",
    "person-hours P = L + Q",
    "person-days D = P / hours_per_day",
    "working days C = ceil(D / annotators), Monday–Friday (weekends skipped)",
    "finish date = the C-th working day counting from today",
    "cost = P × hourly_rate",
    "capacity K = annotators × working days until the deadline × hours_per_day; the deadline holds when P ≤ K",
    "annotators needed = ceil(D / working days until the deadline)",
    "pre-label share needed = (1 − (K − Q) / (volume × seconds_per_item / 3600)) / prelabel_accuracy",
    "review rate needed = (K − L) × 3600 / (volume × review_seconds_per_item)",
]


class PlanInput(BaseModel):
    value: Any = None
    source: InputSource
    detail: str = ""
    detail_zh: str = ""


class MissingInput(BaseModel):
    name: str
    needed_for: str
    optional: bool = False


class PlanNote(BaseModel):
    """Something the reader should know about the numbers; `text` is English, `values` fill other languages."""

    code: str
    text: str
    values: dict[str, Any] = Field(default_factory=dict)


NOTE_TEXT = {
    "en": {
        "trial_median": "time per item is the median of {count} trial-round durations: {seconds} s",
        "trial_empty": "the trial durations held no positive numbers; not used",
        "review_assumed": "review time per item assumed equal to the labeling time per item (give the review seconds to change it)",
        "prelabel": "pre-labels{threshold} cover {share} of items at {accuracy} accuracy: {saved} of items need no labeling "
        "(wrong accepted pre-labels are relabeled at full time)",
        "no_currency": "the cost has no currency (give one)",
        "currency_mismatch": "the budget is in {budget} but the rate in {rate}: not compared",
        "weekends": "calendar days count working days Monday to Friday; weekends are skipped (public holidays are not: add them yourself)",
        "no_working_day": "the deadline leaves no working day from today",
        "low_review": "a review rate of {rate} is below {low}: QA would see too few items to catch drift",
    },
    "zh": {
        "trial_median": "单条耗时取 {count} 条试标耗时的中位数：{seconds} 秒",
        "trial_empty": "试标耗时中没有正数，未使用",
        "review_assumed": "质检单条耗时按标注单条耗时计（可单独指定）",
        "prelabel": "预标注{threshold_zh}覆盖 {share} 的条目，准确率 {accuracy}：{saved} 的条目无需人工标注（采纳后发现错误的按全量耗时重标）",
        "no_currency": "费用未指定币种",
        "currency_mismatch": "预算币种为 {budget}，时薪币种为 {rate}：未做比较",
        "weekends": "日历天数只计周一至周五的工作日，跳过周末（法定节假日未计入，请自行留出余量）",
        "no_working_day": "从今天到截止日期没有工作日",
        "low_review": "质检抽检比例 {rate} 低于 {low}：质检样本太少，难以发现标注漂移",
    },
}


def _note(code: str, **values: Any) -> PlanNote:
    return PlanNote(code=code, text=NOTE_TEXT["en"][code].format(**values), values=values)


class PlanFix(BaseModel):
    """One way to make the deadline hold, computed."""

    kind: Literal["annotators", "prelabel_acceptance", "review_rate"]
    feasible: bool
    value: float | int | None = None
    detail: str = ""


class Plan(BaseModel):
    today: date
    inputs: dict[str, PlanInput]
    saved_share: float | None = None
    labeling_hours: float | None = None
    review_hours: float | None = None
    person_hours: float | None = None
    person_days: float | None = None
    working_days: int | None = Field(default=None, description="calendar working days with the given annotators")
    finish_date: date | None = None
    cost: float | None = None
    currency: str | None = None
    budget_total: float | None = None
    within_budget: bool | None = None
    deadline: date | None = None
    working_days_available: int | None = None
    capacity_hours: float | None = None
    deadline_holds: bool | None = None
    annotators_needed: int | None = Field(default=None, description="fewest annotators that meet the deadline")
    fixes: list[PlanFix] = Field(default_factory=list)
    missing: list[MissingInput] = Field(default_factory=list)
    notes: list[PlanNote] = Field(default_factory=list)
    formulas: list[str] = Field(default_factory=lambda: list(FORMULAS))


# ---------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------
def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def nth_working_day(start: date, count: int) -> date:
    """The date of the `count`-th working day counting from `start` (start counts when a weekday)."""
    if count <= 0:
        return start
    day, seen = start, 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen == count:
                return day
        day += timedelta(days=1)


def working_days_between(start: date, end: date) -> int:
    """Working days from `start` to `end`, both included (0 when end is before start)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if is_working_day(start + timedelta(days=full_weeks * 7 + offset)):
            count += 1
    return count


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
        raise InputError(f"{what}: {value!r} is not an ISO date (YYYY-MM-DD)") from error


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
        raise InputError(f"{name} (--{name.replace('_', '-')}) must be a finite number, got {value}")
    if (value <= low if low_open else value < low) or (high is not None and value > high):
        bound = f"{'>' if low_open else '>='} {_figure(low)}" + (f" and <= {_figure(high)}" if high is not None else "")
        raise InputError(f"{name} (--{name.replace('_', '-')}) must be {bound}, got {_figure(value)}")


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
        raise InputError("today is required (the plan counts working days from it)")
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
            value=seconds, source="trial", detail=f"median of {len(durations)} trial durations",
            detail_zh=f"{len(durations)} 条试标耗时的中位数",
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
            raise InputError(f"annotators must be a whole number, got {people}")
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
        inputs["review_seconds_per_item"] = PlanInput(value=seconds, source="assumed", detail="same as the time per item",
                                                         detail_zh="同单条标注耗时")
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
        notes.append(_note("prelabel", threshold=f" (confidence{above})" if above else "",
                           threshold_zh=f"（置信度{above}）" if above else "", share=_pct(prelabel_share),
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
                f"this plan needs {days:,} working days (over 100 years) for {volume_value:,} items at "
                f"{seconds:g} s each with {people} annotator(s); check --volume, --seconds-per-item and --annotators"
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
        fixes.append(PlanFix(kind="annotators", feasible=False, detail="no working day left before the deadline"))
    else:
        fixes.append(PlanFix(kind="annotators", feasible=True, value=plan.annotators_needed,
                             detail=f"ceil({person_days:.2f} person-days / {available} working days)"))

    room_for_labeling = capacity - review
    if prelabel_accuracy is None or prelabel_accuracy == 0:
        fixes.append(PlanFix(kind="prelabel_acceptance", feasible=False,
                             detail="needs the pre-labels' accuracy from a trial round"))
        if prelabel_accuracy is None:
            missing.append(MissingInput(name="prelabel_accuracy", needed_for="the pre-label fix", optional=True))
    elif room_for_labeling <= 0:
        fixes.append(PlanFix(kind="prelabel_acceptance", feasible=False,
                             detail=f"review alone needs {review:.1f} person-hours, capacity is {capacity:.1f}"))
    else:
        needed_saving = 1 - room_for_labeling / full_hours
        share = needed_saving / prelabel_accuracy
        feasible = share <= 1 + 1e-9
        fixes.append(PlanFix(
            kind="prelabel_acceptance", feasible=feasible, value=_ceil_to(share) if feasible else _r(share),
            detail=f"(1 − ({capacity:.2f} − {review:.2f}) / {full_hours:.2f}) / {prelabel_accuracy:g}"
            + ("" if feasible else ": more than every item"),
        ))

    room_for_review = capacity - labeling
    if rate == 0 or room_for_review < 0:
        fixes.append(PlanFix(
            kind="review_rate", feasible=False, value=None,
            detail=f"labeling alone needs {labeling:.1f} person-hours, capacity is {capacity:.1f}" if room_for_review < 0
            else "there is no review to cut",
        ))
    else:
        needed_rate = _floor_to(room_for_review * 3600 / (volume_value * review_seconds))
        fixes.append(PlanFix(kind="review_rate", feasible=True, value=needed_rate,
                             detail=f"({capacity:.2f} − {labeling:.2f}) × 3600 / ({volume_value} × {review_seconds:g})"))
        if needed_rate < LOW_REVIEW_RATE:
            notes.append(_note("low_review", rate=_pct(needed_rate), low=_pct(LOW_REVIEW_RATE)))
    plan.fixes = fixes
    return plan


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------
_TEXT: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Effort plan (as of {today})",
        "inputs": "Inputs",
        "sources": {"argument": "given", "breakdown": "from the breakdown", "trial": "from the trial round",
                    "default": "default", "assumed": "assumed", "missing": "MISSING"},
        "names": {"volume": "volume", "seconds_per_item": "seconds per item", "annotators": "annotators",
                  "hours_per_day": "hours per day", "review_rate": "review rate",
                  "review_seconds_per_item": "review seconds per item", "deadline": "deadline",
                  "hourly_rate": "hourly rate", "currency": "currency", "prelabel_share": "pre-label share above threshold",
                  "prelabel_accuracy": "pre-label accuracy", "accept_prelabels_above": "accept pre-labels at confidence ≥"},
        "effort": "Effort",
        "labeling": "labeling: {hours} person-hours",
        "saved": " ({share} of items pre-labeled correctly and accepted)",
        "review": "review: {hours} person-hours",
        "total": "total: {hours} person-hours = {days} person-days at {per_day} h/day",
        "calendar": "Calendar",
        "days": "{days} working days with {people} annotators (weekends skipped): finish {finish}",
        "cost": "Cost: {cost}",
        "budget": "budget {total}: {verdict}",
        "within": "within budget",
        "over": "OVER budget",
        "deadline": "Deadline {deadline}: {available} working days, capacity {capacity} person-hours",
        "holds": "the deadline holds",
        "fails": "the deadline does NOT hold",
        "needed_only": "Deadline {deadline}: {available} working days; annotators needed: {needed}",
        "fixes": "What would make it hold",
        "fix_annotators": "{value} annotators",
        "fix_prelabel": "accept pre-labels on at least {value} of items (now {now}); lower the acceptance threshold and "
        "re-measure accuracy there, since accuracy usually drops",
        "fix_prelabel_now": "unknown",
        "fix_review": "review at most {value} of items",
        "infeasible": "not possible: {detail}",
        "missing": "Missing (not guessed)",
        "optional": "optional",
        "needed_for": "needed for",
        "notes": "Notes",
        "na": "–",
    },
    "zh": {
        "title": "工作量与排期（{today}）",
        "inputs": "输入",
        "sources": {"argument": "指定", "breakdown": "来自需求拆解", "trial": "来自试标", "default": "默认",
                    "assumed": "假设", "missing": "缺失"},
        "names": {"volume": "数据量", "seconds_per_item": "单条耗时（秒）", "annotators": "标注人数",
                  "hours_per_day": "每人每天工时", "review_rate": "质检抽检比例", "review_seconds_per_item": "质检单条耗时（秒）",
                  "deadline": "截止日期", "hourly_rate": "时薪", "currency": "币种", "prelabel_share": "预标注置信度达标比例",
                  "prelabel_accuracy": "预标注准确率", "accept_prelabels_above": "预标注采纳置信度阈值"},
        "effort": "工作量",
        "labeling": "标注：{hours} 人时",
        "saved": "（{share} 的条目预标注正确并被采纳）",
        "review": "质检：{hours} 人时",
        "total": "合计：{hours} 人时 = {days} 人天（每天 {per_day} 小时）",
        "calendar": "日历",
        "days": "{people} 名标注员需 {days} 个工作日（跳过周末）：{finish} 完成",
        "cost": "费用：{cost}",
        "budget": "预算 {total}：{verdict}",
        "within": "未超预算",
        "over": "超出预算",
        "deadline": "截止 {deadline}：可用 {available} 个工作日，产能 {capacity} 人时",
        "holds": "可以按期完成",
        "fails": "无法按期完成",
        "needed_only": "截止 {deadline}：可用 {available} 个工作日；需要标注员 {needed} 名",
        "fixes": "如何按期完成",
        "fix_annotators": "增加到 {value} 名标注员",
        "fix_prelabel": "至少 {value} 的条目采纳预标注（当前 {now}）；需降低采纳阈值，并在新阈值下重新测准确率（通常会下降）",
        "fix_prelabel_now": "未知",
        "fix_review": "质检抽检比例降到 {value} 以下",
        "infeasible": "不可行：{detail}",
        "missing": "缺少的输入（未做猜测）",
        "optional": "可选",
        "needed_for": "用于",
        "notes": "说明",
        "na": "–",
    },
}


_NEEDED_ZH = {
    "effort, calendar and cost": "工作量、排期和费用",
    "effort, calendar and cost (or give trial durations)": "工作量、排期和费用（也可提供试标耗时）",
    "calendar days, finish date and the deadline check": "工作日数、完成日期和截止检查",
    "the deadline check": "截止检查",
    "cost": "费用",
    "the effort pre-labels save (not applied)": "预标注节省的工作量（未计入）",
    "the pre-label fix": "用预标注赶工期的测算",
}


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


def _input_value(name: str, value: Any) -> str:
    if value is None:
        return "–"
    if name in ("review_rate", "prelabel_share", "prelabel_accuracy"):
        return _pct(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _num(float(value))
    return str(value)


def format_plan(plan: Plan, language: str = "en") -> str:
    """The plan as readable text in English or Chinese."""
    t = _TEXT["zh" if (language or "").lower().startswith("zh") else "en"]
    zh = t is _TEXT["zh"]
    colon = "：" if zh else ":"
    gap = "" if zh else " "
    lines = [t["title"].format(today=plan.today.isoformat()), "", f"{t['inputs']}{colon}"]
    for name, item in plan.inputs.items():
        if item.source == "missing" and name not in {m.name for m in plan.missing}:
            continue
        shown = (item.detail_zh or item.detail) if zh else item.detail
        detail = f"{'，' if zh else ', '}{shown}" if shown else ""
        lines.append(f"  {t['names'].get(name, name)}{colon}{gap}{_input_value(name, item.value)} ({t['sources'][item.source]}{detail})")
    if plan.person_hours is not None:
        lines += ["", f"{t['effort']}{colon}"]
        saved = t["saved"].format(share=_pct(plan.saved_share)) if plan.saved_share else ""
        lines.append(f"  {t['labeling'].format(hours=_num(plan.labeling_hours))}{saved}")
        lines.append(f"  {t['review'].format(hours=_num(plan.review_hours))}")
        per_day = plan.inputs["hours_per_day"].value
        lines.append(f"  {t['total'].format(hours=_num(plan.person_hours), days=_num(plan.person_days), per_day=_num(float(per_day)))}")
    if plan.working_days is not None:
        lines += ["", f"{t['calendar']}{colon}", "  " + t["days"].format(
            days=plan.working_days, people=plan.inputs["annotators"].value, finish=plan.finish_date.isoformat() if plan.finish_date else "–")]
    if plan.cost is not None:
        cost = f"{_num(plan.cost)} {plan.currency or ''}".strip()
        line = t["cost"].format(cost=cost)
        if plan.budget_total is not None and plan.within_budget is not None:
            total = f"{_num(plan.budget_total)} {plan.currency or ''}".strip()
            line += "; " + t["budget"].format(total=total, verdict=t["within"] if plan.within_budget else t["over"])
        lines += ["", line]
    if plan.deadline is not None and plan.working_days_available is not None:
        lines.append("")
        if plan.deadline_holds is None:
            lines.append(t["needed_only"].format(deadline=plan.deadline.isoformat(), available=plan.working_days_available,
                                                 needed=plan.annotators_needed if plan.annotators_needed is not None else "–"))
        else:
            lines.append(t["deadline"].format(deadline=plan.deadline.isoformat(), available=plan.working_days_available,
                                              capacity=_num(plan.capacity_hours)))
            lines.append("  → " + (t["holds"] if plan.deadline_holds else t["fails"]))
    if plan.fixes:
        lines += ["", f"{t['fixes']}{colon}"]
        for fix in plan.fixes:
            if not fix.feasible:
                text = t["infeasible"].format(detail=fix.detail)
            elif fix.kind == "annotators":
                text = t["fix_annotators"].format(value=fix.value)
            elif fix.kind == "prelabel_acceptance":
                now = plan.inputs.get("prelabel_share")
                text = t["fix_prelabel"].format(value=_pct(fix.value), now=_pct(now.value) if now else t["fix_prelabel_now"])
            else:
                text = t["fix_review"].format(value=_pct(fix.value))
            lines.append(f"  - [{fix.kind}] {text}" + (f"   ({fix.detail})" if fix.feasible and fix.detail else ""))
    if plan.missing:
        lines += ["", f"{t['missing']}{colon}"]
        for item in plan.missing:
            optional = f", {t['optional']}" if item.optional else ""
            needed = item.needed_for if not zh else _NEEDED_ZH.get(item.needed_for, item.needed_for)
            lines.append(f"  - {t['names'].get(item.name, item.name)} ({t['needed_for']} {needed}{optional})")
    if plan.notes:
        lang = "zh" if zh else "en"
        lines += ["", f"{t['notes']}{colon}"] + [f"  - {NOTE_TEXT[lang][note.code].format(**note.values)}" for note in plan.notes]
    return "\n".join(lines)
