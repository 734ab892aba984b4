"""Label files in, one aligned table out, with every data problem reported.

A *label set* is one rater's labels: a human annotator's file, one annotator of
a file with an ``annotator`` column, or the model's pre-label output (JSONL
records with ``id``, ``label``, ``status``, ``confidence``, ``rationale``).
:func:`join` aligns several sets by item id into a :class:`Joined` table and
reports, per set, what would otherwise distort agreement silently:

* ids some sets have and others lack;
* labels outside the rulebook (with counts);
* spelling variants of rulebook labels ("Positive " vs "positive", full-width,
  aliases): reported, and mapped to the rulebook label only with
  ``normalise=True`` (the mapping is then reported too);
* empty labels, the model's abstentions and error records: counted as missing;
* duplicate ids within a set.

Nothing is dropped or merged without a line in :class:`DataProblems`.

The step is split by job; this module gathers their names:

* :mod:`evaluation.label_models`: the contracts (LabelSet, Joined, DataProblems, ...);
* :mod:`evaluation.label_load`: label files and records in, label sets out;
* :mod:`evaluation.label_join`: label sets aligned into one table, data problems reported.
"""

from __future__ import annotations

from evaluation.label_join import join
from evaluation.label_load import (
    _label_parts,
    label_sets_from_records,
    load_label_sets,
    load_labels,
    read_texts,
    unique_names,
)
from evaluation.label_models import MULTI, DataProblems, Joined, LabelSet, LabelVariant, MissingReason, SetProblems

__all__ = [
    "MULTI",
    "DataProblems",
    "Joined",
    "LabelSet",
    "LabelVariant",
    "MissingReason",
    "SetProblems",
    "_label_parts",
    "join",
    "label_sets_from_records",
    "load_label_sets",
    "load_labels",
    "read_texts",
    "unique_names",
]
