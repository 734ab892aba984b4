"""`rulebook export-data`: training data each consumer's own library loads."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.core.models import Rulebook
from assistant.training.training_data import final_labels, split_stratified, write_training_data

DATA = Path(__file__).resolve().parent / "data"
RULEBOOK = DATA / "rulebook_complaints_zh.json"
EXPORT = DATA / "own_files" / "label_studio_1.23_export.json"
LABELS = ["愤怒投诉", "一般不满", "中性咨询", "正面反馈"]


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return Rulebook.model_validate_json(RULEBOOK.read_text(encoding="utf-8"))


@pytest.fixture
def delivered(tmp_path: Path) -> Path:
    """40 reviewed items: 10 per label; item 7's label corrected by the reviewer; one label outside the rulebook."""
    path = tmp_path / "delivered.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text", "label", "reviewed_label"])
        for number in range(40):
            label = LABELS[number % 4]
            reviewed = "一般不满" if number == 7 else ""
            writer.writerow([f"m{number:02d}", f"第{number}条留言", label, reviewed])
        writer.writerow(["m99", "无关内容", "其他", ""])
    return path


def test_final_labels_take_the_review_and_leave_out_what_is_not_decided(delivered: Path, rulebook: Rulebook) -> None:
    final = final_labels(delivered, rulebook)
    by_id = {e.id: e.label for e in final.examples}
    assert by_id["m07"] == "一般不满"  # the reviewer's correction, not 正面反馈
    assert "m99" not in by_id and final.left_out == {"label outside the rulebook": ["m99"]}


def test_label_studio_export_gives_ground_truth_and_consensus(rulebook: Rulebook) -> None:
    final = final_labels(EXPORT, rulebook)
    assert {e.id: e.label for e in final.examples} == {"c001": "愤怒投诉", "c002": "一般不满", "c004": "正面反馈", "c006": "中性咨询"}
    assert final.left_out == {"annotators disagree": ["c003"]}


def test_split_is_stratified_by_label(delivered: Path, rulebook: Rulebook) -> None:
    final = final_labels(delivered, rulebook)
    splits = split_stratified(final.examples, (0.8, 0.1, 0.1), seed=3)
    counts = {name: Counter(e.label for e in rows) for name, rows in splits.items()}
    assert sum(len(rows) for rows in splits.values()) == 40
    assert counts["validation"] == Counter({label: 1 for label in LABELS})
    assert counts["test"] == Counter({label: 1 for label in LABELS})
    assert split_stratified(final.examples, (0.8, 0.1, 0.1), seed=3) == splits  # same seed, same split


def test_outputs_load_with_their_consumers_libraries(
    delivered: Path, rulebook: Rulebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    final = final_labels(delivered, rulebook)
    out = tmp_path / "training"
    written = write_training_data(final, rulebook, out)
    assert set(written) == {"openai", "csv", "hf", "doccano"}

    # OpenAI chat fine-tuning: system = the rulebook's task, user = the item, assistant = the label
    lines = [json.loads(line) for line in (out / "openai_train.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 32
    roles = [[m["role"] for m in line["messages"]] for line in lines]
    assert roles == [["system", "user", "assistant"]] * 32
    assert lines[0]["messages"][0]["content"].startswith(rulebook.task_definition.strip())
    assert all(line["messages"][2]["content"] in LABELS for line in lines)

    with (out / "labels.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == ["id", "text", "label"] and len(rows) == 40

    doccano = [json.loads(line) for line in (out / "doccano.jsonl").read_text(encoding="utf-8").splitlines()]
    assert doccano[0] == {"id": "m00", "text": "第0条留言", "label": ["愤怒投诉"]}

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    datasets = pytest.importorskip("datasets")
    loaded = datasets.load_dataset(str(out / "hf"), cache_dir=str(tmp_path / "hf-cache"))
    assert {name: loaded[name].num_rows for name in loaded} == {"train": 32, "validation": 4, "test": 4}
    assert sorted(loaded["test"]["label"]) == sorted(LABELS)
    assert loaded["train"].column_names == ["id", "text", "label"]


def test_cli_export_data(cli, delivered: Path, tmp_path: Path) -> None:
    out = tmp_path / "training"
    code, stdout, err = cli("export-data", "--rulebook", str(RULEBOOK), "--labels", str(delivered), "--out", str(out), "--format", "csv,doccano")
    assert code == 0, err
    assert "40 labeled items" in stdout and "left out, label outside the rulebook: 1 (m99)" in stdout
    assert sorted(p.name for p in out.iterdir()) == ["doccano.jsonl", "labels.csv"]
    code, _, err = cli("export-data", "--rulebook", str(RULEBOOK), "--labels", str(delivered), "--out", str(out), "--format", "parquet")
    assert code == 2 and "unknown training-data format" in err
    code, _, err = cli("export-data", "--labels", str(delivered), "--out", str(out))
    assert code == 2 and "give a project id or --rulebook" in err


def test_cli_export_data_takes_the_projects_latest_rulebook(cli, tmp_path: Path) -> None:
    cli("kb", "seed")
    code, out, _ = cli("breakdown", "我们想让客服机器人更懂用户的投诉情绪", "--project", "投诉情绪", "--json")
    project = json.loads(out)["project_id"]
    code, _, err = cli("draft", "--project", project)
    assert code == 0, err
    from assistant.service.projects import rulebook_version
    from assistant.service.workspace import Workspace

    book = rulebook_version(Workspace(), project)
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        "\n".join(json.dumps({"id": f"x{i}", "text": f"第{i}条", "label": book.label_names[i % len(book.label_names)]}, ensure_ascii=False)
                  for i in range(12)),
        encoding="utf-8",
    )
    code, out, err = cli("export-data", project, "--labels", str(labels), "--out", str(tmp_path / "td"), "--format", "openai")
    assert code == 0, err
    assert f"12 labeled items from {labels} (rulebook v{book.version}" in out
    first = json.loads((tmp_path / "td" / "openai_train.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["messages"][0]["content"].startswith(book.task_definition.strip())


def test_export_data_never_writes_over_its_input(cli, tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text("id,text,label\n1,好评,正面反馈\n", encoding="utf-8")
    before = labels.read_text(encoding="utf-8")
    code, _, err = cli("export-data", "--rulebook", str(RULEBOOK), "--labels", str(labels), "--out", str(tmp_path))
    assert code == 2 and "would write over the input" in err
    assert labels.read_text(encoding="utf-8") == before
