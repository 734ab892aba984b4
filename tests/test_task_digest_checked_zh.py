"""A digest a system writes, checked against its source, is summarization quality (requests written for these checks)."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


@pytest.mark.parametrize(
    "text",
    [
        "我们是一家物业公司，系统每天自动把报修工单汇总成一段话发给业主。想请你们对照原始工单检查这些日报，每份评个等级：好、中、差。两千份左右。",
        "幼儿园的系统每周把老师的观察记录概括成几句话发给家长，想找人对照原始记录看看写得对不对，打个分就行，一千来份。",
    ],
)
def test_a_digest_checked_against_its_source(text: str) -> None:
    found = find_labels(text)
    assert read_task_type(text, found.labels if found else None).task_type is TaskType.summarization_quality
