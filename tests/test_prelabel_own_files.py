"""`rulebook prelabel` on files as people make them: a chosen sheet and header row, a preference file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.core.errors import InputError
from assistant.prelabel.items import load_items
from assistant.core.models import Prediction, Rulebook
from assistant.prelabel.exports import label_studio_tasks
from assistant.prelabel.job import run_job
from assistant.rulebook.export import to_label_studio_config

DATA = Path(__file__).resolve().parent / "data"
RULEBOOK = DATA / "rulebook_complaints_zh.json"
SHEET = DATA / "own_files" / "客服留言标注_第一批.xlsx"  # made by tests/data/own_files/make_files.py


def _prelabel(*args: str):
    return CliRunner().invoke(app, ["prelabel", "--rulebook", str(RULEBOOK), "--input", str(SHEET), "--offline", *args])


def test_prelabel_reads_the_chosen_sheet_and_header_row(tmp_path: Path) -> None:
    out = tmp_path / "pre.csv"
    result = _prelabel("--out", str(out), "--format", "csv", "--sheet", "标注结果", "--header-row", "4", "--text-field", "留言内容")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    # the title rows are not items; each annotator's copy of the four messages is (ids 1..4 repeat: errors)
    assert [row["text"] for row in rows][:4] == [
        "退款十天没人处理，我要打12315投诉你们！",
        "衣服颜色跟图片差太多了，有点失望",
        "请问这款有大码吗？",
        "物流很快，包装也很用心，好评",
    ]
    assert len(rows) == 8 and [row["status"] for row in rows[:4]] == ["labeled"] * 4, result.output
    # the sheet by number, and a header row that is not the table's, are honoured too
    assert load_items(SHEET, sheet="2", header_row=4, text_field="留言内容").items[0].text == rows[0]["text"]
    with pytest.raises(InputError, match=r"no text column '留言内容'; the file has columns \['标签："):
        load_items(SHEET, sheet="标注结果", header_row=2, text_field="留言内容")


def test_a_wrong_sheet_name_is_one_line_naming_the_file_and_its_sheets(tmp_path: Path) -> None:
    out = tmp_path / "pre.jsonl"
    result = _prelabel("--out", str(out), "--sheet", "Sheet9")
    assert isinstance(result.exception, InputError)
    message = str(result.exception)
    assert "\n" not in message and SHEET.name in message
    assert "no sheet 'Sheet9'; the sheets are ['填写说明', '标注结果']" in message
    assert not out.exists()


PAIRS = [
    ("怎么申请退款？", "在订单页点“申请退款”，选择原因后提交即可。", "不知道。"),
    ("How do I reset my password?", "Click 'Forgot password' on the sign-in page.", "Use the settings page, Security tab, then Reset."),
]


@pytest.mark.parametrize(
    "header",
    [("id", "prompt", "answer_a", "answer_b"), ("id", "question", "response_a", "response_b"), ("序号", "问题", "回答A", "回答B")],
)
def test_preference_file_becomes_pairwise_label_studio_tasks(tmp_path: Path, header: tuple[str, ...]) -> None:
    interface = pytest.importorskip("label_studio_sdk.label_interface")
    book = Rulebook.model_validate(
        {
            "title": "回答偏好",
            "version": 2,
            "task_definition": "比较两个回答，选出更好的一个。",
            "task_type": "response_preference",
            "labels": [{"name": n, "definition": f"{n}：按有用性判断"} for n in ("A更好", "B更好", "一样好")],
        }
    )
    source = tmp_path / "pairs.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows([(f"p{n}", *pair) for n, pair in enumerate(PAIRS, 1)])

    items = load_items(source).items
    assert [item.id for item in items] == ["p1", "p2"]
    text = items[0].text  # what the model sees: all three, each under its own heading
    assert text.index("### Prompt") < text.index(PAIRS[0][0]) < text.index("### Answer A") < text.index(PAIRS[0][1])
    assert text.index("### Answer B") < text.index(PAIRS[0][2])

    out = tmp_path / "tasks.json"
    summary = run_job(book, source, out, fmt="label-studio", engine="offline")
    assert summary.counts.get("error", 0) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    li = interface.LabelInterface(to_label_studio_config(book))
    li.validate()
    for task, (prompt, answer_a, answer_b) in zip(tasks, PAIRS):
        assert {k: task["data"][k] for k in ("prompt", "answer_a", "answer_b")} == {"prompt": prompt, "answer_a": answer_a, "answer_b": answer_b}
        assert li.validate_task({"data": task["data"]})
    # the offline engine abstains here (no examples): check a model's pre-label on the same tasks
    predictions = {item.id: Prediction(id=item.id, label="A更好", confidence=0.8, engine="llm", model="m", rulebook_version=2) for item in items}
    [prediction] = label_studio_tasks(items, predictions, book)[0]["predictions"]
    assert li.validate_prediction(prediction), prediction
    assert not li.validate_prediction({**prediction, "result": [{**prediction["result"][0], "to_name": "text"}]})


def test_a_preference_row_without_both_answers_is_an_item_error(tmp_path: Path) -> None:
    source = tmp_path / "pairs.jsonl"
    source.write_text(json.dumps({"question": "q", "response_a": "a", "response_b": ""}) + "\n", encoding="utf-8")
    [item] = load_items(source).items
    assert item.error is not None and "'response_b'" in item.error
