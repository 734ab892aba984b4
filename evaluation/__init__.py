"""Agreement and QA metrics.

`evaluation.metrics` holds pure functions over lists of labels: percent
agreement, Cohen's / Fleiss' kappa, Krippendorff's alpha, Gwet's AC1,
per-label precision/recall/F1, confusion matrices, span F1, bootstrap
confidence intervals and interpretation bands. See its module docstring for
input shapes and the conventions for degenerate input.
"""

from evaluation.metrics import (
    ConfusionMatrix,
    LabelScores,
    Metric,
    SpanScores,
    bootstrap_ci,
    cohen_kappa,
    confusion,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    krippendorff_band,
    krippendorff_band_zh,
    landis_koch_band,
    landis_koch_band_zh,
    per_label_prf,
    percent_agreement,
    percent_agreement_multi,
    span_f1,
)

__all__ = [
    "ConfusionMatrix",
    "LabelScores",
    "Metric",
    "SpanScores",
    "bootstrap_ci",
    "cohen_kappa",
    "confusion",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "krippendorff_band",
    "krippendorff_band_zh",
    "landis_koch_band",
    "landis_koch_band_zh",
    "per_label_prf",
    "percent_agreement",
    "percent_agreement_multi",
    "span_f1",
]
