"""Trial tab 4: the effort plan, its inputs and where they come from, the deadline check and what fixes it."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from assistant.planning.plan import effort_plan, format_plan, note_text
from assistant.core.words import words
from assistant.service.projects import latest_breakdown
from ui.components import attempt, badge, escape_md, guard, safe_name
from ui.i18n import language, t
from ui.trial.common import num, pct


# The plan's words are the catalogue's plan.* texts (the ones the plan as text uses); where this page words
# something its own way (a field label with its unit, "given here", no trial durations to offer) the catalogue's
# ui.trial.plan_words.* text comes first. The page adds only the badge colours.
SOURCE_COLORS = {"argument": "blue", "breakdown": "green", "trial": "green", "default": "gray", "assumed": "gray", "missing": "orange"}


def _word(kind: str, key: str) -> str:
    """The page's text for plan.<kind>.<key> (kind: name, source or needed), in the UI language."""
    lang = language()
    page = words("ui.trial.plan_words.", lang).get(f"{kind}.{key}")
    return page if page is not None else words(f"plan.{kind}.", lang).get(key, key)


def _name(key: str) -> str:
    """An input's name as a field label."""
    name = _word("name", key)
    return name[:1].upper() + name[1:]


def _needed_for(english: str) -> str:
    """What a missing input is needed for (the plan stores the English text of a plan.needed.* message)."""
    key = {text: key for key, text in words("plan.needed.", "en").items()}.get(english)
    return english if key is None else _word("needed", key)


def _source_badge(source: str) -> str:
    return badge(_word("source", source), SOURCE_COLORS.get(source, "gray"))


def _input_text(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if key in ("review_rate", "prelabel_share", "prelabel_accuracy", "accept_prelabels_above"):
        return pct(float(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return num(float(value))
    return str(value)


def _hint(base: Any, key: str) -> str:
    """The placeholder of an empty input: what the plan uses without it."""
    item = base.inputs.get(key) if base is not None else None
    if item is None or item.source == "missing" or item.value is None:
        return t("ui.trial.not_given")
    return _input_text(key, item.value)


def _why_not(plan: Any, fix: Any) -> str:
    """Why a fix cannot work, in the UI language (the plan's own detail is English)."""
    hours = {"l": num(plan.labeling_hours), "r": num(plan.review_hours), "k": num(plan.capacity_hours)}
    if fix.kind == "annotators":
        return t("ui.trial.no_working_day_is_left_before")
    if fix.kind == "prelabel_acceptance":
        accuracy = plan.inputs.get("prelabel_accuracy")
        if accuracy is None or not accuracy.value:
            return t("ui.trial.it_needs_the_pre_labels_accuracy")
        if fix.value is not None and fix.value > 1:
            return t("ui.trial.it_would_take_more_than_every", v=pct(fix.value))
        return t("ui.trial.review_alone_needs_person_hours_capacity", **hours)
    if plan.labeling_hours is not None and plan.capacity_hours is not None and plan.labeling_hours > plan.capacity_hours:
        return t("ui.trial.labeling_alone_needs_person_hours_capacity", **hours)
    return t("ui.trial.there_is_no_review_to_cut")


def _fix_text(plan: Any, fix: Any) -> str:
    if not fix.feasible:
        what = {
            "annotators": t("ui.trial.more_annotators"),
            "prelabel_acceptance": t("ui.trial.accepting_more_pre_labels"),
            "review_rate": t("ui.trial.reviewing_less"),
        }[fix.kind]
        return f"{what}: :gray[{t('ui.trial.not_possible')}, {escape_md(_why_not(plan, fix))}]"
    if fix.kind == "annotators":
        return t("ui.trial.annotators_instead_of", v=fix.value, n=plan.inputs["annotators"].value)
    if fix.kind == "prelabel_acceptance":
        now = plan.inputs.get("prelabel_share")
        return t(
            "ui.trial.accept_pre_labels_on_at_least",
            v=pct(fix.value), n=pct(now.value) if now else t("ui.trial.none"),
        )
    text = t("ui.trial.review_at_most_of_items", v=pct(fix.value))
    if fix.value is not None and fix.value < 0.05:
        text += " " + t("ui.trial.orange_qa_would_see_too_few")
    return text


def render_plan(ws: Any, project_id: str, lang: str) -> None:
    """The plan tab, in `lang` (the UI language)."""
    breakdown = None
    if ws.store.artifacts(project_id, "breakdown"):
        breakdown = attempt(latest_breakdown, ws, project_id)
    st.caption(
        t(
            "ui.trial.every_input_comes_from_the_project",
        )
    )
    today_value = st.session_state.get("plan_today") or date.today()
    try:  # what the plan uses without overrides, for the grey hints (an error shows once, below, from the real plan)
        base = effort_plan(breakdown, today=today_value)
    except Exception:  # noqa: BLE001
        base = None

    r1 = st.columns(4)
    volume = r1[0].number_input(_name("volume"), min_value=0, value=None, step=1000, placeholder=_hint(base, "volume"), key="plan_volume")
    seconds = r1[1].number_input(
        _name("seconds_per_item"), min_value=0.1, value=None, step=5.0, format="%.1f", placeholder=_hint(base, "seconds_per_item"), key="plan_seconds"
    )
    people = r1[2].number_input(_name("annotators"), min_value=1, value=None, step=1, placeholder=_hint(base, "annotators"), key="plan_annotators")
    hours = r1[3].number_input(_name("hours_per_day"), min_value=0.5, max_value=24.0, value=6.0, step=0.5, format="%.1f", key="plan_hours")
    r2 = st.columns(4)
    review_pct = r2[0].number_input(
        _name("review_rate") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f", placeholder=_hint(base, "review_rate"),
        key="plan_review",
    )
    rate = r2[1].number_input(_name("hourly_rate"), min_value=0.0, value=None, step=5.0, placeholder=_hint(base, "hourly_rate"), key="plan_rate")
    currency = r2[2].text_input(_name("currency"), value="", placeholder=_hint(base, "currency"), key="plan_currency").strip() or None
    stated_deadline = base.inputs.get("deadline") if base is not None else None
    deadline_label = _name("deadline")
    if stated_deadline is not None and stated_deadline.value is not None:
        deadline_label += t("ui.trial.breakdown", d=_input_text("deadline", stated_deadline.value))
    deadline = r2[3].date_input(deadline_label, value=None, key="plan_deadline")
    r3 = st.columns(4)
    share_pct = r3[0].number_input(
        _name("prelabel_share") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f",
        placeholder=t("ui.trial.no_pre_labels"), key="plan_share",
        help=t("ui.trial.share_of_items_whose_pre_label"),
    )
    accuracy_pct = r3[1].number_input(
        _name("prelabel_accuracy") + " (%)", min_value=0.0, max_value=100.0, value=None, step=5.0, format="%.1f",
        placeholder=t("ui.trial.from_the_trial_round"), key="plan_accuracy",
        help=t("ui.trial.accuracy_of_those_pre_labels_measured"),
    )
    r3[2].date_input(t("ui.trial.start_date"), value=date.today(), key="plan_today",
                     help=t("ui.trial.working_days_are_counted_from_this"))
    r3[3].caption(t("ui.trial.weekends_are_skipped_public_holidays_are"))

    plan = None
    with guard():
        plan = effort_plan(
            breakdown,
            volume=int(volume) if volume is not None else None,
            seconds_per_item=seconds,
            annotators=int(people) if people is not None else None,
            hours_per_day=float(hours),
            review_rate=review_pct / 100 if review_pct is not None else None,
            deadline=deadline,
            today=st.session_state.get("plan_today") or date.today(),
            hourly_rate=rate,
            currency=currency,
            prelabel_share=share_pct / 100 if share_pct is not None else None,
            prelabel_accuracy=accuracy_pct / 100 if accuracy_pct is not None else None,
        )
    if plan is not None:
        required = [m for m in plan.missing if not m.optional]
        optional = [m for m in plan.missing if m.optional]

        def _missing_line(item: Any) -> str:
            return f"- **{_name(item.name)}**: " + t("ui.trial.needed_for", w=_needed_for(item.needed_for))

        if required:
            st.warning(
                t("ui.trial.missing_inputs_not_guessed_give_them")
                + "\n" + "\n".join(_missing_line(m) for m in required),
                icon=":material/edit_note:",
            )

        if plan.person_hours is not None:
            currency_text = f" {plan.currency}" if plan.currency else ""
            metrics = st.columns([1, 1, 1.3, 1.3])
            metrics[0].metric(
                t("ui.trial.person_days"), num(plan.person_days),
                help=t("ui.trial.person_hours_at_h_a_day", p=num(plan.person_hours), h=num(float(hours))),
            )
            metrics[1].metric(
                t("ui.trial.working_days"), plan.working_days if plan.working_days is not None else "–",
                help=t("ui.trial.with_annotators_in_parallel", n=plan.inputs["annotators"].value) if plan.working_days is not None else None,
            )
            metrics[2].metric(t("ui.trial.finish"), plan.finish_date.isoformat() if plan.finish_date else "–")
            metrics[3].metric(
                t("ui.trial.cost"), f"{num(plan.cost)}{currency_text}" if plan.cost is not None else "–",
                help=t("ui.trial.person_hours_hourly_rate"),
            )
            saved_text = (
                t("ui.trial.of_items_pre_labeled_correctly_and", s=pct(plan.saved_share))
                if plan.saved_share else ""
            )
            st.caption(
                t("ui.trial.labeling_h_review_h_person_hours",
                  l=num(plan.labeling_hours), s=saved_text, r=num(plan.review_hours), p=num(plan.person_hours))
            )
            if plan.budget_total is not None and plan.within_budget is not None:
                budget = f"{num(plan.budget_total)}{currency_text}"
                if plan.within_budget:
                    st.caption("✅ " + t("ui.trial.within_the_budget_of", b=budget))
                else:
                    st.error(t("ui.trial.over_the_budget_of", b=budget), icon=":material/payments:")

        if plan.deadline is not None and plan.working_days_available is not None:
            if plan.deadline_holds:
                st.success(
                    t(
                        "ui.trial.the_deadline_holds_working_days_give",
                        d=plan.deadline.isoformat(), w=plan.working_days_available, k=num(plan.capacity_hours), p=num(plan.person_hours),
                    ),
                    icon=":material/event_available:",
                )
            elif plan.deadline_holds is False:
                st.error(
                    t(
                        "ui.trial.the_deadline_does_not_hold_working",
                        d=plan.deadline.isoformat(), w=plan.working_days_available, k=num(plan.capacity_hours), p=num(plan.person_hours),
                    )
                    + "\n\n"
                    + t("ui.trial.any_one_of_these_makes_it")
                    + "\n"
                    + "\n".join(f"- {_fix_text(plan, fix)}" for fix in plan.fixes),
                    icon=":material/event_busy:",
                )
            elif plan.annotators_needed is not None:
                st.info(
                    t("ui.trial.deadline_working_days_it_needs_annotators",
                      d=plan.deadline.isoformat(), w=plan.working_days_available, n=plan.annotators_needed),
                    icon=":material/event:",
                )

        with st.expander(t("ui.trial.inputs_and_where_they_come_from"), icon=":material/input:", expanded=bool(required)):
            lines = [f"| {t('ui.trial.input')} | {t('ui.trial.value')} | {t('ui.trial.source')} |", "| --- | ---: | --- |"]
            for key, item in plan.inputs.items():
                if item.source == "missing" and key not in {m.name for m in plan.missing}:
                    continue
                lines.append(f"| {_name(key)} | {escape_md(_input_text(key, item.value))} | {_source_badge(item.source)} |")
            st.markdown("\n".join(lines))
            for item in optional:
                st.caption(_missing_line(item).lstrip("- ") + t("ui.trial.optional"))
            for note in plan.notes:
                st.caption("ℹ️ " + escape_md(note_text(note, lang)))
        text = format_plan(plan, lang)
        with st.expander(t("ui.trial.the_plan_as_text"), icon=":material/description:"):
            st.code(text, language=None, wrap_lines=True)
            st.download_button(
                t("ui.trial.download_txt"), text.encode("utf-8"), file_name=safe_name(f"{project_id}_plan.txt"),
                mime="text/plain", icon=":material/download:", on_click="ignore",
            )
