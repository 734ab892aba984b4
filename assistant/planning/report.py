"""The plan as readable text (`format_plan`), in the reader's language (catalogue ids plan.*)."""

from __future__ import annotations

from typing import Any

from assistant.core.messages import localize, normalize
from assistant.core.words import words
from assistant.planning.model import Plan, _pct, note_text


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"



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
    lang = normalize(language)
    t = words("plan.", lang)
    colon, gap = t["colon"], t["gap"]
    lines = [t["title"].format(today=plan.today.isoformat()), "", f"{t['inputs']}{colon}"]
    for name, item in plan.inputs.items():
        if item.source == "missing" and name not in {m.name for m in plan.missing}:
            continue
        shown = item.detail_text(lang)
        detail = f"{t['detail_separator']}{shown}" if shown else ""
        lines.append(f"  {t.get('name.' + name, name)}{colon}{gap}{_input_value(name, item.value)} ({t['source.' + item.source]}{detail})")
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
            detail = localize(fix.detail, lang, "plan.fix.")
            if not fix.feasible:
                text = t["infeasible"].format(detail=detail)
            elif fix.kind == "annotators":
                text = t["fix_annotators"].format(value=fix.value)
            elif fix.kind == "prelabel_acceptance":
                now = plan.inputs.get("prelabel_share")
                text = t["fix_prelabel"].format(value=_pct(fix.value), now=_pct(now.value) if now else t["fix_prelabel_now"])
            else:
                text = t["fix_review"].format(value=_pct(fix.value))
            lines.append(f"  - [{fix.kind}] {text}" + (f"   ({detail})" if fix.feasible and detail else ""))
    if plan.missing:
        lines += ["", f"{t['missing']}{colon}"]
        for item in plan.missing:
            optional = f", {t['optional']}" if item.optional else ""
            needed = localize(item.needed_for, lang, "plan.needed.")
            lines.append(f"  - {t.get('name.' + item.name, item.name)} ({t['needed_for']} {needed}{optional})")
    if plan.notes:
        lines += ["", f"{t['notes']}{colon}"] + [f"  - {note_text(note, lang)}" for note in plan.notes]
    return "\n".join(lines)
