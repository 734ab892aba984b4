"""Agreement and QA metrics.

`evaluation.metrics` holds pure functions over lists of labels: percent
agreement, Cohen's / Fleiss' kappa, Krippendorff's alpha, Gwet's AC1,
per-label precision/recall/F1, confusion matrices, span F1, bootstrap
confidence intervals and interpretation bands. See its module docstring for
input shapes and the conventions for degenerate input.

The evaluation step builds on them, one job per module:

* `evaluation.labels`: label files in, one aligned table out, data problems reported
  (label_models, label_load, label_join);
* `evaluation.agreement`: the agreement report with PASS/FAIL against the rulebook's target
  (target_metric: which metric the target applies to);
* `evaluation.review`: disagreements grouped by label pair, offline rule suggestions;
* `evaluation.qa`: QA sample size, stratified sampling, accept/reject of a reviewed sample;
* `evaluation.batches`: quality over time, batch by batch (batch_models, batch_compute, batch_store,
  batch_trend, batch_chart, batch_report);
* `evaluation.plots`: PNG charts (matplotlib);
* `evaluation.report`: JSON and Markdown reports (Markdown from `evaluation/templates/*.md.j2`,
  words from the message catalogue; `evaluation.explain` shows metric explanations per language);
* `assistant.cli.agreement`: the `rulebook agree` and `rulebook qa` CLI commands.

Names are imported lazily (on first access), so importing a submodule such as
`assistant.cli.agreement` for the CLI does not load numpy and pydantic up front.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
"""Bundled example files: human_a.csv, human_b.csv (two annotators, 40 items), items.csv (their texts),
label_studio_export.json and rulebook_complaints_zh.json (the example rulebook the app offers)."""

_EXPORTS: dict[str, str] = {
    # evaluation.metrics
    "ConfusionMatrix": "evaluation.metrics",
    "LabelScores": "evaluation.metrics",
    "Metric": "evaluation.metrics",
    "SpanScores": "evaluation.metrics",
    "bootstrap_ci": "evaluation.metrics",
    "cohen_kappa": "evaluation.metrics",
    "confusion": "evaluation.metrics",
    "fleiss_kappa": "evaluation.metrics",
    "gwet_ac1": "evaluation.metrics",
    "krippendorff_alpha": "evaluation.metrics",
    "krippendorff_band": "evaluation.metrics",
    "krippendorff_band_id": "evaluation.metrics",
    "landis_koch_band": "evaluation.metrics",
    "landis_koch_band_id": "evaluation.metrics",
    "per_label_prf": "evaluation.metrics",
    "percent_agreement": "evaluation.metrics",
    "percent_agreement_multi": "evaluation.metrics",
    "span_f1": "evaluation.metrics",
    # evaluation.labels
    "LabelSet": "evaluation.labels",
    "Joined": "evaluation.labels",
    "DataProblems": "evaluation.labels",
    "join": "evaluation.labels",
    "load_label_sets": "evaluation.labels",
    "load_labels": "evaluation.labels",
    "read_texts": "evaluation.labels",
    # evaluation.agreement
    "AgreementReport": "evaluation.agreement",
    "agreement_report": "evaluation.agreement",
    # evaluation.review
    "Review": "evaluation.review",
    "RuleSuggestion": "evaluation.review",
    "disagreement_review": "evaluation.review",
    "suggestions_offline": "evaluation.review",
    # evaluation.qa
    "QACheck": "evaluation.qa",
    "annotator_accuracy": "evaluation.qa",
    "draw_sample": "evaluation.qa",
    "qa_check": "evaluation.qa",
    "sample_size": "evaluation.qa",
    # evaluation.report
    "to_json": "evaluation.report",
    "to_markdown": "evaluation.report",
}

__all__ = ["SAMPLES_DIR", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evaluation' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from evaluation.agreement import AgreementReport, agreement_report
    from evaluation.labels import DataProblems, Joined, LabelSet, join, load_label_sets, load_labels, read_texts
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
        krippendorff_band_id,
        landis_koch_band,
        landis_koch_band_id,
        per_label_prf,
        percent_agreement,
        percent_agreement_multi,
        span_f1,
    )
    from evaluation.qa import QACheck, annotator_accuracy, draw_sample, qa_check, sample_size
    from evaluation.report import to_json, to_markdown
    from evaluation.review import Review, RuleSuggestion, disagreement_review, suggestions_offline
