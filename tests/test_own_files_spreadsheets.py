"""Spreadsheets as people make them, and Doccano JSONL: read without hand editing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.integrations.datafiles import read_records
from assistant.core.errors import InputError
from evaluation.label_sources import load_sets, parse_field_maps

OWN = Path(__file__).resolve().parent / "data" / "own_files"
SHEET = OWN / "客服留言标注_第一批.xlsx"
PRELABELS = OWN / "prelabels.jsonl"


def test_committed_fixtures_are_what_the_generator_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(OWN))
    try:
        import make_files
    finally:
        sys.path.remove(str(OWN))
    fresh = make_files.write_xlsx(tmp_path / SHEET.name)
    assert read_records(fresh) == read_records(SHEET)


def test_title_rows_instructions_sheet_merged_cells_and_formulas() -> None:
    records = read_records(SHEET)
    assert len(records) == 8  # the two title rows and the blank row are not data
    assert list(records[0]) == ["序号", "留言内容", "标注员", "标注结果", "耗时（秒）", "备注"]
    # the annotator's name is merged down over their rows: every row has it
    assert [r["标注员"] for r in records] == ["王芳"] * 4 + ["赵磊"] * 4
    # 序号 is a formula: its saved value is read
    assert [r["序号"] for r in records] == [1, 2, 3, 4, 1, 2, 3, 4]


def test_sheet_and_header_row_can_be_chosen() -> None:
    assert read_records(SHEET, sheet="标注结果", header_row=4) == read_records(SHEET)
    assert read_records(SHEET, sheet="2") == read_records(SHEET)
    with pytest.raises(InputError, match=r"no sheet 'Sheet9'; the sheets are \['填写说明', '标注结果'\]"):
        read_records(SHEET, sheet="Sheet9")
    title_as_header = read_records(SHEET, sheet="标注结果", header_row=2)
    assert list(title_as_header[0]) == ["标签：愤怒投诉 / 一般不满 / 中性咨询 / 正面反馈。截止 3 月 15 日。"]


def test_a_file_that_is_not_a_workbook_is_one_clear_line(tmp_path: Path) -> None:
    fake = tmp_path / "labels.xlsx"
    fake.write_text("id,label\n1,a\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.xlsx: not an Excel workbook \(\.xlsx\)") as caught:
        read_records(fake)
    assert "\n" not in str(caught.value)


def test_a_formula_without_a_saved_value_names_the_cell(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "label", "score"])
    sheet.append([1, "a", "=1+1"])  # written by a script: no value saved with the formula
    path = tmp_path / "scripted.xlsx"
    workbook.save(path)
    with pytest.raises(InputError, match=r"cell C2 is a formula \(=1\+1\) without a saved value") as caught:
        read_records(path)
    assert "\n" not in str(caught.value)


def test_a_sheet_without_a_table_is_reported(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active["A1"] = "只有一句说明"
    path = tmp_path / "notes.xlsx"
    workbook.save(path)
    with pytest.raises(InputError, match="no sheet holds a table"):
        read_records(path)


def test_chinese_columns_are_found_and_reported() -> None:
    loaded = load_sets(SHEET)
    assert [s.name for s in loaded.sets] == ["王芳", "赵磊"]
    assert loaded.sets[1].labels == {"1": "愤怒投诉", "2": "愤怒投诉", "3": "中性咨询", "4": "正面反馈"}
    assert any("the id column is '序号'" in n for n in loaded.notes)
    assert any("the label column is '标注结果'" in n for n in loaded.notes)


def test_field_map_per_file() -> None:
    maps = parse_field_maps([f"{SHEET.name}:id=序号,label=标注结果,sheet=标注结果,header=4"])
    fmap = maps[SHEET.name]
    assert (fmap.id, fmap.label, fmap.sheet, fmap.header) == ("序号", "标注结果", "标注结果", 4)
    with pytest.raises(InputError, match="KEY=VALUE"):
        parse_field_maps(["a.xlsx:colour=red"])
    with pytest.raises(InputError, match="no column '结果列'"):
        load_sets(SHEET, fmap=parse_field_maps([f"{SHEET.name}:label=结果列"])[SHEET.name])


def test_agree_compares_prelabels_with_id_against_a_sheet_with_序号(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["agree", "--a", str(PRELABELS), "--b", str(SHEET), "--map", f"{SHEET.name}:id=序号,label=标注结果",
         "--bootstrap", "0", "--language", "en"],
    )
    assert result.exit_code == 0, result.output
    assert "sets: 王芳 (reference), 赵磊 · 4 items, 4 labeled by every set" in result.output
    assert "prelabels vs 王芳: 3/4 agree (75.0%)" in result.output
    assert "prelabels vs 赵磊: 2/4 agree (50.0%)" in result.output


def test_doccano_jsonl_list_labels_are_labels(tmp_path: Path) -> None:
    a = tmp_path / "doccano_a.jsonl"
    b = tmp_path / "doccano_b.jsonl"
    rows_a = [{"id": 1, "text": "好评", "label": ["正面反馈"]}, {"id": 2, "text": "慢", "label": ["一般不满"]}]
    rows_b = [{"id": 1, "text": "好评", "label": ["正面反馈"]}, {"id": 2, "text": "慢", "label": ["一般不满", "愤怒投诉"]}]
    a.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows_a), encoding="utf-8")
    b.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows_b), encoding="utf-8")
    (set_a,) = load_sets(a).sets
    (set_b,) = load_sets(b).sets
    assert set_a.labels == {"1": "正面反馈", "2": "一般不满"}
    assert set_b.multi == ["2"] and set_b.labels["2"] == "一般不满|愤怒投诉"
    assert "['" not in json.dumps(set_a.labels, ensure_ascii=False)


def test_items_to_prelabel_are_found_under_chinese_column_names(tmp_path: Path) -> None:
    from assistant.prelabel.items import load_items

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["待标注数据（第二批）"])
    sheet.append(["编号", "留言内容", "渠道"])
    sheet.append([101, "物流太慢了", "app"])
    sheet.append([102, "请问有发票吗", "web"])
    path = tmp_path / "待标注.xlsx"
    workbook.save(path)
    items = load_items(path)
    assert [(item.id, item.text) for item in items] == [("101", "物流太慢了"), ("102", "请问有发票吗")]
    assert items.notes == ["the text column is '留言内容'", "the id column is '编号'"]
