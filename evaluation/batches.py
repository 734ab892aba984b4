"""Quality over time: record each production batch, then watch accuracy and drift batch by batch.

:func:`record_batch` reads one delivered batch (CSV, JSONL, XLSX or a Label Studio JSON export),
optionally with the reviewed QA sample and the model's pre-labels, computes a
:class:`BatchRecord` and stores it as a project artifact of kind ``batch`` (the project moves to
``production`` when it was at ``rulebook`` or ``trial``). A record holds:

* size: items (distinct ids), annotations, cancelled annotations (Label Studio), unlabeled rows;
* the label distribution (share of labeled annotations per label; labels are matched to the
  rulebook's names and aliases ignoring case and width) and annotations per annotator;
* lead time (seconds) median and mean, when the file has a ``lead_time`` column;
* with a reviewed sample: QA accuracy with a Wilson CI (see :func:`evaluation.qa.qa_check`), per
  annotator and per label (the label the annotator gave), and the **rules most often broken**:
  for each wrong item whose reviewed label is known, the label that should have been given and
  that label's first criterion in the rulebook (its definition when it has no criteria), counted;
* with pre-labels: model-vs-human percent agreement and Cohen's kappa over the annotations whose
  item id the model labeled (every annotation is paired with the model's label for its item).

:func:`batch_report` lines the records up and raises flags:

* ``batch_below_threshold``: a batch's QA accuracy is below ``threshold``;
* ``annotator_below_threshold``: an annotator's QA accuracy in a batch is below ``threshold``, with
  the rules they broke most;
* ``label_drift``: the label distribution moved by more than ``tolerance`` between consecutive
  batches, measured by the total variation distance TVD = ½ Σ |p(label) − q(label)| (0 = same
  distribution, 1 = no label in common; 0.1 means a tenth of the annotations would have to change
  label to turn one distribution into the other), naming the labels that moved most;
* ``agreement_drift``: model-vs-human percent agreement moved by more than ``tolerance``
  (absolute, e.g. 0.1 = 10 points) between consecutive batches that both have pre-labels.

Comparisons are strict (a TVD of exactly the tolerance is not flagged; an accuracy of exactly the
threshold passes). Every flag keeps its text as message references (``message_refs``) and renders in any
catalogue language with ``Flag.text(language)``; its JSON still carries ``message`` and ``message_zh``.

The step is split by job; this module gathers their public names:

* :mod:`evaluation.batch_models`: the contracts (BatchRecord, BatchQA, BatchReport, Flag, ...);
* :mod:`evaluation.batch_compute`: one batch's record from records in memory;
* :mod:`evaluation.batch_store`: recording a batch in a project and reading the project's batches back;
* :mod:`evaluation.batch_trend`: the report over batches and its flags;
* :mod:`evaluation.batch_chart`: the PNG trend chart;
* :mod:`evaluation.batch_report`: the Markdown report (template ``evaluation/templates/batch_report.md.j2``).
"""

from __future__ import annotations

from evaluation.batch_chart import trend_chart
from evaluation.batch_compute import LEAD_TIME_FIELDS, batch_record_from_records
from evaluation.batch_models import (
    BATCH_KIND,
    DEFAULT_THRESHOLD,
    DEFAULT_TOLERANCE,
    BatchQA,
    BatchRecord,
    BatchReport,
    BatchRow,
    BrokenRule,
    DistributionRow,
    Flag,
    LabelShift,
    ModelAgreement,
    TrendRow,
)
from evaluation.batch_report import report_markdown
from evaluation.batch_store import MOVABLE_STATUSES, project_batches, record_batch
from evaluation.batch_trend import batch_report, total_variation

__all__ = [
    "BATCH_KIND",
    "DEFAULT_THRESHOLD",
    "DEFAULT_TOLERANCE",
    "LEAD_TIME_FIELDS",
    "MOVABLE_STATUSES",
    "BatchQA",
    "BatchRecord",
    "BatchReport",
    "BatchRow",
    "BrokenRule",
    "DistributionRow",
    "Flag",
    "LabelShift",
    "ModelAgreement",
    "TrendRow",
    "batch_record_from_records",
    "batch_report",
    "project_batches",
    "record_batch",
    "report_markdown",
    "total_variation",
    "trend_chart",
]
