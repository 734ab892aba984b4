"""Writes the trainer-made fixture files beside this script (run it to rebuild them):

* ``客服留言标注_第一批.xlsx`` -- an instructions sheet first, then the labels sheet with two title
  rows, Chinese column names in row 4, each annotator's name merged down over their rows, and a
  序号 column of formulas with the values Excel saved;
* ``prelabels.jsonl`` -- the model's pre-labels for the same items, with ``id`` 1..4;
* ``客服留言标注规范.docx`` -- a rule document as trainers write it in Word/WPS: a bold title paragraph,
  numbered headings (一、二、 / 2.1), a label table, 定义：/示例：/反例： lines and rules numbered （1）.

    python tests/data/own_files/make_files.py
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ITEMS = [
    (1, "退款十天没人处理，我要打12315投诉你们！"),
    (2, "衣服颜色跟图片差太多了，有点失望"),
    (3, "请问这款有大码吗？"),
    (4, "物流很快，包装也很用心，好评"),
]
ANNOTATORS = {"王芳": ["愤怒投诉", "一般不满", "中性咨询", "正面反馈"], "赵磊": ["愤怒投诉", "愤怒投诉", "中性咨询", "正面反馈"]}
MODEL = ["愤怒投诉", "一般不满", "中性咨询", "中性咨询"]


def write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    notes = workbook.active
    notes.title = "填写说明"
    notes["A1"] = "填写说明"
    notes["A2"] = "每条留言只选一个标签；不确定的在备注里写明。"
    sheet = workbook.create_sheet("标注结果")
    sheet["A1"] = "客服留言情绪标注（第一批）"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "标签：愤怒投诉 / 一般不满 / 中性咨询 / 正面反馈。截止 3 月 15 日。"
    sheet.merge_cells("A2:F2")
    sheet.append([])
    sheet.append(["序号", "留言内容", "标注员", "标注结果", "耗时（秒）", "备注"])  # row 4
    row = 5
    for name, labels in ANNOTATORS.items():
        first = row
        for (number, text), label in zip(ITEMS, labels):
            sheet.cell(row=row, column=1, value="=ROW()-4-%d" % (first - 5))
            sheet.cell(row=row, column=2, value=text)
            sheet.cell(row=row, column=4, value=label)
            sheet.cell(row=row, column=5, value=10 + number)
            row += 1
        sheet.cell(row=first, column=3, value=name)
        sheet.merge_cells(start_row=first, start_column=3, end_row=row - 1, end_column=3)
    workbook.save(path)
    _store_formula_results(path, [number for _ in ANNOTATORS for number, _ in ITEMS], first_row=5)
    return path


def _store_formula_results(path: Path, values: list[int], first_row: int) -> None:
    """Put the values Excel would save beside the 序号 formulas (openpyxl writes formulas without them)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.xlsx"
        shutil.copy(path, copy)
        with zipfile.ZipFile(copy) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "xl/worksheets/sheet2.xml":
                    text = data.decode("utf-8")
                    for offset, value in enumerate(values):
                        cell = f"A{first_row + offset}"
                        text = re.sub(
                            rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\g<1>\g<2><v>{value}</v>", text
                        )
                    data = text.encode("utf-8")
                target.writestr(info, data)


def write_prelabels(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for (number, _), label in zip(ITEMS, MODEL):
            record = {"id": str(number), "label": label, "labels": [label], "status": "labeled", "confidence": 0.8, "rationale": ""}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    title = document.add_paragraph()
    title.add_run("客服留言情绪标注规范 V2.1").bold = True  # WPS style: a bold paragraph, not a Title style
    document.add_paragraph("编写：质检组　　更新：2026-03-01")
    document.add_heading("一、任务说明", level=1)  # the first Heading 1 is not the title
    document.add_paragraph("判断每条客服留言表达的情绪，四个标签选一个。标注结果用于训练自动分流模型。")
    document.add_heading("二、标签定义", level=1)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("标签", "定义", "示例")):
        cell.text = text
    for name, definition, example in (
        ("愤怒投诉", "情绪激烈，明确要投诉、索赔或威胁曝光", "我要打12315投诉你们"),
        ("一般不满", "表达失望或不满，但没有投诉意图", "颜色跟图片差好多，有点失望"),
        ("中性咨询", "询问信息，没有明显情绪", "请问有大码吗"),
        ("正面反馈", "表扬或满意", "物流很快，好评"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = name, definition, example
    document.add_heading("2.1 愤怒投诉", level=2)
    document.add_paragraph("定义：情绪激烈，并且明确提出投诉、索赔、退款威胁或曝光。")
    document.add_paragraph("（1）出现“投诉”“12315”“曝光”等字眼的，标愤怒投诉。")
    document.add_paragraph("（2）只有脏话但没有诉求的，也标愤怒投诉。")
    document.add_paragraph("示例：退款十天没人处理，我要打12315投诉你们！")
    document.add_paragraph("反例：颜色跟图片差好多，有点失望（应为一般不满）")
    document.add_heading("2.2 一般不满", level=2)
    document.add_paragraph("定义：表达失望或不满，但没有投诉、索赔的意图。")
    document.add_paragraph("（1）抱怨质量、物流、客服态度，但没有进一步诉求。")
    document.add_paragraph("示例：衣服颜色跟图片差太多了，有点失望")
    document.add_heading("三、判定流程", level=1)
    document.add_paragraph("1. 先看有没有投诉、索赔、曝光的诉求，有则为愤怒投诉。")
    document.add_paragraph("2. 再看是否表达不满，有则为一般不满。")
    document.add_paragraph("3. 只是提问的为中性咨询；表扬的为正面反馈。")
    heading = document.add_paragraph()
    heading.add_run("四、特殊情况").bold = True  # WPS style heading: a bold numbered paragraph
    document.add_paragraph("1. 既提问又抱怨 → 按抱怨标一般不满")
    document.add_paragraph("2. 反讽的“好评” → 按真实情绪标注")
    document.save(path)
    return path


def main() -> None:
    write_xlsx(HERE / "客服留言标注_第一批.xlsx")
    write_prelabels(HERE / "prelabels.jsonl")
    write_docx(HERE / "客服留言标注规范.docx")


if __name__ == "__main__":
    main()
