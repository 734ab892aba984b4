"""Pre-labelling constants: prompt name, batch and token budgets, offline engine tuning, formats, statuses."""

from __future__ import annotations

PROMPT_NAME = "prelabel"
ITEM_TOKEN_BUDGET = 3000  # prompt tokens of items per request, beyond the rulebook prefix
MAX_BATCH_SIZE = 25
VERBAL_SHRINK = 0.6  # confidence = 0.5 + VERBAL_SHRINK * (verbal - 0.5)
DEFAULT_SHOTS = 4  # few-shot examples per request
OFFLINE_K = 5  # neighbours that vote
OFFLINE_MIN_SIMILARITY = 0.15  # below this best similarity the offline engine abstains
CUE_WEIGHT = 0.5  # a label's cue phrase votes with half the weight of an example
MULTI_LABEL_SHARE = 0.3  # offline multi-label: labels with at least this vote share apply
SPAN_CONFIDENCE_CAP = 0.8  # offline spans: a dictionary match cannot see context
EST_ANSWER_PROSE_TOKENS = 45  # rationale + rule per item, for dry-run completion estimates
FORMATS = ("jsonl", "csv", "label-studio")
STATUSES = ("labeled", "abstain", "error")
