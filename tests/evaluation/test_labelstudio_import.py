"""Label Studio JSON exports into flat annotation records."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from assistant.core.errors import InputError
from assistant.integrations.label_studio_export import (
    load_batch_file,
    load_batch_records,
    load_label_studio_export,
    looks_like_label_studio,
    read_label_studio_export,
)


def _choice(label: str | list[str], from_name: str = "label") -> dict[str, Any]:
    choices = label if isinstance(label, list) else [label]
    return {"from_name": from_name, "to_name": "text", "type": "choices", "value": {"choices": choices}}


def _annotation(who: Any, result: list[dict[str, Any]], lead_time: float | None = None, cancelled: bool = False, id_: int = 0):
    return {"id": id_, "completed_by": who, "result": result, "lead_time": lead_time, "was_cancelled": cancelled}


def _export() -> list[dict[str, Any]]:
    """3 tasks × 2 annotators; one annotation cancelled; one task without our item_id; lead times."""
    alice = {"id": 7, "email": "alice@example.com", "first_name": "Alice"}
    bob = 9  # older exports: a bare user id
    return [
        {
            "id": 101,
            "data": {"text": "退款十天没人处理，我要打12315", "item_id": "c001"},
            "annotations": [
                _annotation(alice, [_choice("愤怒投诉")], 12.5, id_=1),
                _annotation(bob, [_choice("愤怒投诉")], 20.0, id_=2),
            ],
            "predictions": [{"model_version": "v1", "score": 0.9, "result": [_choice("愤怒投诉")]}],
        },
        {
            "id": 102,
            "data": {"text": "请问有3L的吗", "item_id": "c002"},
            "annotations": [
                _annotation(alice, [_choice("中性咨询")], 4.0, id_=3),
                _annotation(bob, [], 1.5, cancelled=True, id_=4),
            ],
        },
        {
            "id": 103,
            "data": {"message": "颜色跟图片差好多", "channel": "app"},
            "annotations": [
                _annotation(alice, [_choice("一般不满")], 8.0, id_=5),
                _annotation(bob, [_choice("正面反馈")], 6.0, id_=6),
            ],
        },
    ]


@pytest.fixture
def export_path(tmp_path: Path) -> Path:
    path = tmp_path / "project-7-at-2025-03-12.json"
    path.write_text(json.dumps(_export(), ensure_ascii=False), encoding="utf-8")
    return path


def test_several_annotators_give_several_records_and_cancelled_are_counted(export_path: Path) -> None:
    imported = load_label_studio_export(export_path)
    records = imported.records
    assert imported.n_tasks == 3
    assert imported.n_cancelled == 1 and imported.cancelled == [("c002", "annotator-9")]
    assert imported.n_annotations == 5 and len(records) == 5
    assert [(r["id"], r["annotator"], r["label"]) for r in records] == [
        ("c001", "alice@example.com", "愤怒投诉"),
        ("c001", "annotator-9", "愤怒投诉"),
        ("c002", "alice@example.com", "中性咨询"),
        ("103", "alice@example.com", "一般不满"),  # no item_id: the task id, as text
        ("103", "annotator-9", "正面反馈"),
    ]
    assert [r["lead_time"] for r in records] == [12.5, 20.0, 4.0, 8.0, 6.0]
    assert records[0]["text"] == "退款十天没人处理，我要打12315"
    assert records[3]["text"] == "颜色跟图片差好多"  # the first string field of data
    assert records[0]["labels"] == ["愤怒投诉"] and records[0]["spans"] == []
    assert records[0]["task_id"] == "101"
    assert "cancelled" in imported.notes[0] and "c002" in imported.notes[0]
    assert "取消" in imported.notes_zh[0]
    assert imported.predictions == [
        {"id": "c001", "label": "愤怒投诉", "labels": ["愤怒投诉"], "confidence": 0.9, "model": "v1", "status": "labeled"}
    ]
    assert read_label_studio_export(export_path) == records


def test_multi_choice_spans_rating_and_extra_controls(tmp_path: Path) -> None:
    tasks = [
        {
            "id": 1,
            "data": {"text": "张三在协和医院做了CT"},
            "annotations": [
                {
                    "completed_by": {"id": 4},
                    "result": [
                        {"from_name": "label", "to_name": "text", "type": "labels",
                         "value": {"start": 0, "end": 2, "text": "张三", "labels": ["人名"]}},
                        {"from_name": "label", "to_name": "text", "type": "labels",
                         "value": {"start": 3, "end": 7, "text": "协和医院", "labels": ["机构"]}},
                    ],
                }
            ],
        },
        {
            "id": 2,
            "data": {"text": "slow delivery, rude support"},
            "annotations": [
                {
                    "completed_by": 4,
                    "result": [
                        _choice(["shipping", "service"]),
                        _choice("high", from_name="urgency"),
                        {"from_name": "quality", "to_name": "text", "type": "rating", "value": {"rating": 2}},
                    ],
                }
            ],
        },
        {
            "id": 3,
            "data": {"text": "ok"},
            "annotations": [{"completed_by": 4, "result": [
                {"from_name": "stars", "to_name": "text", "type": "rating", "value": {"rating": 4}}]}],
        },
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    spans, multi, rating = read_label_studio_export(path)
    assert spans["label"] is None and spans["labels"] == ["人名", "机构"]
    assert spans["spans"] == [
        {"start": 0, "end": 2, "text": "张三", "label": "人名"},
        {"start": 3, "end": 7, "text": "协和医院", "label": "机构"},
    ]
    assert spans["annotator"] == "annotator-4"
    assert multi["label"] == "shipping|service" and multi["labels"] == ["shipping", "service"]
    assert multi["urgency"] == "high" and multi["quality"] == 2.0
    # the label control is the same for the whole export ("label" here), never the one clicked first
    assert rating["label"] is None and rating["stars"] == 4.0
    only_rating = tmp_path / "rating.json"
    only_rating.write_text(json.dumps([tasks[2]]), encoding="utf-8")
    (record,) = read_label_studio_export(only_rating)
    assert record["label"] == "4" and record["rating"] == 4.0


def test_empty_result_is_a_record_without_label_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"id": 1, "data": {"text": "x"}, "annotations": [{"completed_by": 1, "result": []}]}]))
    imported = load_label_studio_export(path)
    assert imported.n_empty == 1 and imported.records[0]["label"] is None
    assert any("without a result" in note for note in imported.notes)


@pytest.mark.parametrize(
    "content, expected",
    [
        ({"tasks": []}, "top level is an object"),
        ([{"id": "c001", "label": "a"}], "no 'data' object"),
        ([], "no tasks"),
        ([1, 2], "not task objects"),
    ],
)
def test_not_a_label_studio_export_is_a_clear_error(tmp_path: Path, content: Any, expected: str) -> None:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_label_studio_export(path)
    message = str(caught.value)
    assert str(path) in message and "not a Label Studio export" in message
    assert expected in message and "list of tasks" in message


def test_broken_annotation_names_the_task(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"id": 55, "data": {"text": "x"}, "annotations": [{"completed_by": 1, "result": "愤怒投诉"}]}]))
    with pytest.raises(InputError, match=r"task 55.*'result' must be a list"):
        read_label_studio_export(path)


def test_invalid_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        read_label_studio_export(path)
    with pytest.raises(InputError, match="not found"):
        read_label_studio_export(tmp_path / "nope.json")


def test_load_batch_records_reads_every_kind(tmp_path: Path, export_path: Path) -> None:
    assert len(load_batch_records(export_path)) == 5
    records, imported = load_batch_file(export_path)
    assert imported is not None and imported.n_cancelled == 1 and records == imported.records

    table = tmp_path / "labels.csv"
    with table.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([["id", "label", "annotator"], ["c001", "愤怒投诉", "ann_zhang"]])
    assert load_batch_records(table) == [{"id": "c001", "label": "愤怒投诉", "annotator": "ann_zhang"}]
    assert load_batch_file(table)[1] is None

    plain = tmp_path / "labels.json"
    plain.write_text(json.dumps([{"id": "c001", "label": "中性咨询"}], ensure_ascii=False), encoding="utf-8")
    assert load_batch_records(plain) == [{"id": "c001", "label": "中性咨询"}]

    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"id": "c001"}), encoding="utf-8")
    with pytest.raises(InputError, match="neither a JSON list of records nor a Label Studio export"):
        load_batch_records(odd)


def test_detection() -> None:
    assert looks_like_label_studio(_export())
    assert looks_like_label_studio([{"id": 1, "data": {"text": "x"}}])  # exported before anyone annotated
    assert not looks_like_label_studio([{"id": "c001", "label": "x"}])
    assert not looks_like_label_studio({"data": {}})
    assert not looks_like_label_studio([])


def test_bundled_sample_export(samples: Path) -> None:
    imported = load_label_studio_export(samples / "label_studio_export.json")
    items = {row["id"]: row["text"] for row in csv.DictReader((samples / "items.csv").open(encoding="utf-8"))}
    assert imported.n_tasks == 10
    assert imported.n_cancelled == 1
    assert len(imported.records) == 19
    assert {r["annotator"] for r in imported.records} == {"zhang.wei@example.com", "li.na@example.com"}
    assert {r["label"] for r in imported.records} <= {"愤怒投诉", "一般不满", "中性咨询", "正面反馈"}
    assert all(r["text"] == items[r["id"]] for r in imported.records)
    assert all(isinstance(r["lead_time"], float) and r["lead_time"] > 0 for r in imported.records)
    assert len(imported.predictions) == 10
