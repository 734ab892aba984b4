"""The agreement report for machines (:func:`to_json`) and for people (:func:`to_markdown`).

The Markdown report, in any catalogue language, has: the verdict and the headline
table (value, CI, band in English and the report's language, items, missing share), the data
problems, the pairwise matrix (three or more sets), the per-label table, the
confusion matrix, links to the PNG charts, the top disagreement groups with
both labels' definitions and criteria, and the rule suggestions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.core.markdown_safe import safe_markdown
from assistant.core.messages import FALLBACK, normalize
from assistant.core.messages import text as message_text
from evaluation.agreement import RAW_AGREEMENT_BAND, AgreementReport, metric_name
from evaluation.metrics import Metric
from evaluation.review import Review, RuleSuggestion
from evaluation.templating import md_cell, render

__all__ = ["to_json", "to_markdown"]

def to_json(
    report: AgreementReport,
    review: Review | None = None,
    suggestions: Sequence[RuleSuggestion] | None = None,
) -> dict[str, Any]:
    """The report as plain JSON data (plus the review and suggestions when given).

    Keys: every field of :class:`AgreementReport`, ``problem_messages`` (en and
    zh sentences), ``review`` (or None) and ``suggestions`` (a list).
    """
    data = report.model_dump(mode="json")
    data["problem_messages"] = {
        "en": report.problems.messages("en"),
        "zh": report.problems.messages("zh"),
    }
    data["review"] = review.model_dump(mode="json") if review is not None else None
    data["suggestions"] = [s.model_dump(mode="json") for s in suggestions or []]
    return data


# --------------------------------------------------------------------------------------------- #
# Markdown (template evaluation/templates/agreement_report.md.j2, words from the catalogue: agreement.md.*)
# --------------------------------------------------------------------------------------------- #


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _band(metric: Metric, language: str) -> str:
    """The band in English and in the report's language (Chinese beside an English report)."""
    second = "zh" if normalize(language) == FALLBACK else language
    if metric.name.startswith("percent_agreement"):
        en, other = message_text(RAW_AGREEMENT_BAND, FALLBACK), message_text(RAW_AGREEMENT_BAND, second)
    elif metric.band is None:
        return "—"
    else:
        en, other = metric.band_text(FALLBACK) or "", metric.band_text(second) or ""
    return message_text("agreement.md.band_both", language, en=en, zh=other)


def _headline(report: AgreementReport, t: Callable[..., str], language: str) -> dict[str, Any]:
    rows = []
    for key, metric in report.metrics.items():
        name = metric_name(key, language)
        if key == report.verdict.metric:
            name = f"**{name}**"
        ci = "—" if metric.ci_low is None else f"{metric.ci_low:.3f}–{metric.ci_high:.3f}"
        value = _num(metric.value) if metric.defined else t("undefined")
        rows.append([name, value, ci, _band(metric, language) if metric.defined else "—", metric.n_items, f"{metric.missing_share:.1%}"])
    return {
        "header": [t("metric"), t("value"), t("ci"), t("band"), t("n"), t("missing")],
        "rows": rows,
        "undefined": [(metric_name(k, language), m.explanation_text(language)) for k, m in report.metrics.items() if not m.defined],
    }


def _definitions(group: Any, t: Callable[..., str]) -> list[tuple[str, list[str]]]:
    out = []
    for d in group.definitions:
        if d.in_rulebook:
            head = t("definition_line", label=d.label, definition=d.definition or t("no_definition"))
        elif d.rulebook_label:
            head = t("variant_line", label=d.label, x=d.rulebook_label, definition=d.definition or t("no_definition"))
        else:
            head = t("not_in_rulebook_line", label=d.label)
        out.append((head, list(d.criteria)))
    return out


def _pairwise(report: AgreementReport, t: Callable[..., str]) -> list[dict[str, Any]]:
    if not report.pairwise:
        return []
    names = list(dict.fromkeys([p.a for p in report.pairwise] + [p.b for p in report.pairwise]))
    lookup = {}
    for p in report.pairwise:
        lookup[(p.a, p.b)] = lookup[(p.b, p.a)] = p
    sections = []
    for title, attr in ((t("pairwise_pa"), "percent_agreement"), (t("pairwise_kappa"), "cohen_kappa")):
        rows = []
        for x in names:
            row: list[Any] = [f"**{x}**"]
            for y in names:
                row.append("—" if x == y else _num(getattr(lookup[(x, y)], attr).value))
            rows.append(row)
        sections.append({"title": title, "header": ["", *names], "rows": rows})
    return sections


def _per_label(report: AgreementReport, t: Callable[..., str]) -> dict[str, Any] | None:
    if report.per_label:
        return {
            "intro": t("per_label_intro", r=report.reference, c=report.compared),
            "header": [t("label"), t("precision"), t("recall"), "F1", t("support")],
            "rows": [[s.label, _num(s.precision), _num(s.recall), _num(s.f1), s.support] for s in report.per_label],
        }
    if report.label_agreement:
        return {
            "intro": t("specific_intro"),
            "header": [t("label"), t("specific")],
            "rows": [[k, _num(v)] for k, v in report.label_agreement.items()],
        }
    return None


def _review(review: Review, t: Callable[..., str], max_groups: int, max_items: int) -> dict[str, Any]:
    show_rationale = any(item.rationale for g in review.groups for item in g.items)
    groups = []
    for group in review.groups[:max_groups]:
        a, b = group.pair
        rows = []
        for item in group.items[:max_items]:
            row = [item.id, item.text or ""]
            row += [item.labels.get(name) or "—" for name in review.sets]
            if show_rationale:
                row.append(item.rationale or "")
            rows.append(row)
        groups.append(
            {
                "a": a,
                "b": b,
                "count": group.count,
                "share": group.share,
                "definitions": _definitions(group, t),
                "header": [t("id"), t("text"), *review.sets] + ([t("rationale")] if show_rationale else []),
                "rows": rows,
                "more": max(len(group.items) - max_items, 0),
            }
        )
    return {
        "groups": groups,
        "n_disagreements": review.n_disagreements,
        "n_compared": review.n_compared,
        "more": max(len(review.groups) - max_groups, 0),
    }


def _example(e: Any, t: Callable[..., str]) -> str:
    if e.kind == "boundary":
        what = t("boundary", l=e.label, c=e.correct_label)
    else:
        what = t("positive", l=e.label)
    similarity = ""
    if e.similarity_to_items is not None:
        similarity = t("similar", s=e.similarity_to_items, i=e.nearest_item)
    return t("example", text=md_cell(e.text), what=what, similarity=similarity)


def to_markdown(
    report: AgreementReport,
    review: Review | None = None,
    language: str | None = None,
    *,
    suggestions: Sequence[RuleSuggestion] | None = None,
    charts: Mapping[str, str | Path] | None = None,
    max_groups: int = 10,
    max_items: int = 10,
) -> str:
    """The report as Markdown for people, in ``language`` (a catalogue language, e.g. 'en' or 'zh';
    default: the rulebook's).

    ``charts`` maps 'confusion' and/or 'per_label' to image paths (written as
    given, so pass paths relative to the Markdown file).
    """
    language = normalize(language or report.language)

    def t(key: str, **values: Any) -> str:
        return message_text(f"agreement.md.{key}", language, **values)

    sets = []
    for name in report.sets:
        tags = []
        if name in report.model_sets:
            tags.append(t("model"))
        if name == report.reference:
            tags.append(t("reference"))
        sets.append(t("set_tagged", name=f"`{name}`", tags=", ".join(tags)) if tags else f"`{name}`")
    confusion = None
    if report.confusion is not None and report.confusion.labels:
        labels = [str(x) for x in report.confusion.labels]
        confusion = {"header": ["", *labels], "rows": [[f"**{labels[i]}**", *row] for i, row in enumerate(report.confusion.matrix)]}
    chart_keys = {"confusion", "per_label"}
    markdown = render(
        "agreement_report.md.j2",
        t=t,
        sets=", ".join(sets),
        rulebook={"title": report.rulebook_title, "version": report.rulebook_version} if report.rulebook_title else None,
        items={"n": report.n_items, "complete": report.n_complete, "missing": report.missing_share},
        verdict=report.verdict.verdict_text(language),
        verdict_notes=report.verdict.notes_text(language),
        headline=_headline(report, t, language),
        notes=report.notes_text(language),
        problems=report.problems.messages(language),
        no_problems=t("no_problems") if report.problems.rulebook_checked else t("no_problems_no_rb"),
        pairwise=_pairwise(report, t),
        per_label=_per_label(report, t),
        confusion=confusion,
        reference=report.reference,
        compared=report.compared,
        charts=[(t(f"chart_{key}") if key in chart_keys else key, Path(path).as_posix()) for key, path in (charts or {}).items()],
        review=_review(review, t, max_groups, max_items) if review is not None else None,
        suggestions=[
            {"message": s.message, "edits": s.proposed_edits, "examples": [_example(e, t) for e in s.examples]}
            for s in suggestions or []
        ],
    )
    return safe_markdown(markdown)  # user text stays text (issue 14)
