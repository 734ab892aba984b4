"""Words Rulebook itself uses for an item's status; no label may be named with one of them.

A label named `abstain` (or `error`, `弃权`...) would be indistinguishable from the pre-labeler's
"the rules do not decide" answer: its items would silently be counted as abstentions.
"""

from __future__ import annotations

from typing import Iterable

# The statuses of a pre-label record, and the words the pre-labeler reads as "abstain".
RESERVED_LABELS = frozenset(
    {"abstain", "abstained", "abstention", "error", "labeled", "弃权", "存疑", "无法判断", "不确定"}
)
_TRIM = " \t\"'`「」『』“”‘’[]()（）《》<>.。:："


def is_reserved(name: str) -> bool:
    return str(name).strip(_TRIM).casefold() in RESERVED_LABELS


def reserved_names(names: Iterable[str]) -> list[str]:
    return [name for name in names if is_reserved(name)]
