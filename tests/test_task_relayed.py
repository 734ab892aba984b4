"""Task-type cues of relayed requests (requests written for these checks): facts "pulled from" documents are
extraction; a relayer who is "不太确定" what the boss wants leaves the type to be asked."""

from __future__ import annotations

from assistant.breakdown.task_signals import LOW_CONFIDENCE, read_task_type
from assistant.core.models import TaskType


def test_facts_pulled_from_documents_are_extraction() -> None:
    text = "Relaying for our CFO: she wants the key details pulled from the invoices: vendor, invoice number, total, and due date."
    signal = read_task_type(text, ["vendor", "invoice number", "total", "due date"])
    assert signal.task_type == TaskType.ner


def test_a_relayer_not_quite_sure_leaves_the_type_open() -> None:
    text = "组长说可能是每条回复按 好、中、差 打个分；但也可能是想新旧两版放一起比哪个好，他也不太确定。一万条，下周要。"
    signal = read_task_type(text, ["好", "中", "差"], ordinal=True)
    assert signal.confidence <= LOW_CONFIDENCE or signal.ambiguous


def test_a_boss_who_has_not_said_which_leaves_the_type_open() -> None:
    text = (
        "Our director wants the 3,000 visitor comments gone through: by topic (parking, exhibits, café) or by what to do next "
        "(reply, escalate, ignore). She hasn't said which she wants yet."
    )
    signal = read_task_type(text, ["parking", "exhibits", "café"])
    assert signal.confidence <= LOW_CONFIDENCE or signal.ambiguous
