"""Which agreement metric a rulebook's target applies to.

A rulebook names its metric as people write it ("Cohen's kappa", "QWK", "一致率"); the target then
applies to the metric the report computes for that many sets and that kind of scale, with a note
(a catalogue message) when it had to be substituted, e.g. Cohen's kappa asked for three sets.
"""

from __future__ import annotations

import re

from assistant.core.messages import Message
from assistant.rulebook.grounding import label_key

__all__ = ["DEFAULT_METRIC", "resolve_target_metric"]

DEFAULT_METRIC = "percent_agreement"


_TARGET_ALIASES: dict[str, str] = {}
for _kind, _names in {
    "percent": (
        "percent_agreement", "percentage_agreement", "percent", "agreement", "raw_agreement",
        "observed_agreement", "pairwise_agreement", "mean_pairwise_agreement", "percent_agreement_multi",
        "一致率", "一致性",
    ),
    "kappa": ("cohen_kappa", "cohens_kappa", "cohen", "kappa"),
    "kappa_linear": ("cohen_kappa_linear", "linear_weighted_kappa", "linear_kappa", "weighted_kappa_linear"),
    "kappa_quadratic": (
        "cohen_kappa_quadratic", "quadratic_weighted_kappa", "quadratic_kappa", "qwk", "weighted_kappa",
        "weighted_kappa_quadratic",
    ),
    "fleiss": ("fleiss_kappa", "fleiss", "fleisss_kappa"),
    "alpha": (
        "krippendorff_alpha", "krippendorffs_alpha", "krippendorff", "alpha",
        "krippendorff_alpha_nominal", "krippendorff_alpha_ordinal",
    ),
    "ac1": ("gwet_ac1", "gwets_ac1", "ac1", "gwet"),
}.items():
    for _name in _names:
        _TARGET_ALIASES[_name] = _kind


def _normalise_metric_name(requested: str) -> str:
    text = label_key(requested).replace("'", "").replace("’", "")
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def _resolve(requested: str, *, n_sets: int, ordinal: bool) -> tuple[str, Message | None]:
    """The metric key the target applies to, with a note when it had to be substituted."""
    kind = _TARGET_ALIASES.get(_normalise_metric_name(requested or DEFAULT_METRIC))
    two = n_sets == 2
    level = "ordinal" if ordinal else "nominal"
    if kind is None:
        return (
            "percent_agreement" if two else "percent_agreement_multi",
            Message("agreement.note.unknown_metric", requested=requested),
        )
    if kind == "percent":
        return ("percent_agreement" if two else "percent_agreement_multi"), None
    if kind == "alpha":
        return f"krippendorff_alpha_{level}", None
    if kind == "ac1":
        return "gwet_ac1", None
    if kind in ("kappa_linear", "kappa_quadratic"):
        if two and ordinal:
            return ("cohen_kappa_" + kind.split("_")[1]), None
        if two:
            return (
                "cohen_kappa",
                Message("agreement.note.needs_ordinal", requested=requested),
            )
        return (
            "fleiss_kappa",
            Message("agreement.note.two_rater", requested=requested, n_sets=n_sets),
        )
    if kind == "kappa":
        if two:
            return "cohen_kappa", None
        return (
            "fleiss_kappa",
            Message("agreement.note.cohen_two_raters", n_sets=n_sets),
        )
    # fleiss
    if two:
        return (
            "cohen_kappa",
            Message("agreement.note.fleiss_two_sets"),
        )
    return "fleiss_kappa", None


def resolve_target_metric(requested: str, *, n_sets: int, ordinal: bool) -> tuple[str, str, str]:
    """The metric key the target applies to, with a note (en, zh) when it had to be substituted."""
    key, note = _resolve(requested, n_sets=n_sets, ordinal=ordinal)
    return key, (note.render("en") if note else ""), (note.render("zh") if note else "")
