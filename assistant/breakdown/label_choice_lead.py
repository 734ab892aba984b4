"""The 是 that opens a choice question is no part of its first option.

"想办什么事：是咨询政策、预约办事、催办进度，还是投诉建议" -> 咨询政策 / 预约办事 / 催办进度 / 投诉建议: 是 … 还是 … asks which
one, so the 是 before the first option belongs to the question. A label that is 是 itself (是 / 否), or a list whose other
options also open with 是 (是本人 / 是家属), keeps it.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["strip_choice_lead"]


def strip_choice_lead(candidate: Candidate, text: str) -> None:
    labels = candidate.labels
    if len(labels) < 2 or not re.fullmatch(r"是[\u4e00-\u9fff]{2,}", labels[0]) or any(label.startswith("是") for label in labels[1:]):
        return
    if re.search(r"是(?:不是|否)", labels[0]):
        return
    if not re.search(r"还是\s*[\"“「『]?" + re.escape(labels[-1]), text):
        return
    labels[0] = labels[0][1:]
