"""Fields to take out, listed between 把 and 提出来, one of them asked as a yes/no question (written for these checks)."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("物流站的司机每天在群里报车，格式很乱。想让系统把车牌、吨数、有没有超载提出来，大概八千条。", ["车牌", "吨数", "超载"]),
        ("宠物医院的预约短信，想把宠物名、品种、要不要洗澡提出来，两千条左右，月底前。", ["宠物名", "品种", "洗澡"]),
    ],
)
def test_fields_between_ba_and_ti_chulai(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels
    assert read_task_type(text, found.labels).task_type is TaskType.ner
