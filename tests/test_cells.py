"""One cell-to-text coercion: the same cell is the same text whether it came from CSV, XLSX, JSON or Label Studio."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from assistant.integrations.cells import cell_id, cell_text
from assistant.integrations.datafiles import write_records
from assistant.integrations.label_studio_export import parse_label_studio_export
from assistant.prelabel.items import items_from_records
from evaluation.labels import load_label_sets

TRICKY = [
    (None, None),
    (float("nan"), None),
    ("", None),
    ("   ", None),
    (3.0, "3"),  # an XLSX or pandas number that is an id
    (3, "3"),
    (-2.0, "-2"),
    (2.5, "2.5"),
    (Decimal("4.00"), "4"),
    ("007", "007"),  # leading zeros are kept: ids typed as text
    (" 投诉 \n", "投诉"),
    (True, "true"),
    (False, "false"),
    (dt.datetime(2026, 12, 1), "2026-12-01"),
    (dt.datetime(2026, 12, 1, 9, 30), "2026-12-01 09:30:00"),
    (dt.date(2026, 12, 1), "2026-12-01"),
    (["正面", "负面"], '["正面", "负面"]'),
    ({"a": 1}, '{"a": 1}'),
]


@pytest.mark.parametrize(("value", "text"), TRICKY)
def test_tricky_cells(value, text):
    assert cell_text(value) == text
    assert cell_id(value) == text


def test_numpy_and_pandas_cells():
    np = pytest.importorskip("numpy")
    assert cell_text(np.float64(5.0)) == "5"
    assert cell_text(np.int64(5)) == "5"
    assert cell_text(np.bool_(True)) == "true"
    assert cell_text(np.float64("nan")) is None


RECORDS = [
    {"id": 3.0, "label": 1.0, "text": "第一条"},
    {"id": "007", "label": "正面", "text": "第二条"},
    {"id": 12, "label": True, "text": "third"},
    {"id": "x9", "label": None, "text": "第四条"},
]
EXPECTED = {"3": "1", "007": "正面", "12": "true"}


@pytest.mark.parametrize("suffix", ["json", "jsonl", "xlsx"])
def test_label_files_of_every_format_read_the_same_ids_and_labels(tmp_path, suffix):
    path = tmp_path / f"labels.{suffix}"
    write_records(path, RECORDS)
    [labels] = load_label_sets(path)
    assert labels.labels == EXPECTED
    assert "x9" in labels.missing


def test_csv_cells_read_as_the_text_a_person_typed(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("id,label\n3,1\n007,正面\n12,true\nx9,\n", encoding="utf-8")
    [labels] = load_label_sets(path)
    assert labels.labels == EXPECTED


def test_label_studio_export_and_item_files_agree():
    export = [
        {"id": 3, "data": {"text": "第一条", "item_id": 3.0},
         "annotations": [{"completed_by": {"email": "a@example.com"},
                          "result": [{"type": "choices", "from_name": "label", "to_name": "text", "value": {"choices": ["正面"]}}]}]},
    ]
    [record] = parse_label_studio_export(json.loads(json.dumps(export))).records
    assert record["id"] == "3" and record["label"] == "正面"
    items = items_from_records([{"id": 3.0, "text": " 第一条 "}, {"id": "007", "text": 42.0}], source="items.xlsx")
    assert [(item.id, item.text) for item in items.items] == [("3", "第一条"), ("007", "42")]


def test_label_files_keep_a_label_as_written_so_variants_are_reported():
    assert cell_text(" Positive ", strip=False) == " Positive "
    assert cell_text("   ", strip=False) is None
    assert cell_text(3.0, strip=False) == "3"
