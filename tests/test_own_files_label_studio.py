"""A trainer's real Label Studio 1.23 export: two annotators, a ground truth, a skipped task, a
multi-choice item and predictions, in the three formats Label Studio exports (JSON, JSON_MIN, CSV).

The JSON_MIN and CSV files are made from the JSON export by label-studio-sdk's own converter, so
they have exactly the shape Label Studio writes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.core.models import Rulebook
from evaluation.label_sources import GROUND_TRUTH, load_sets
from evaluation.labels import join
from assistant.integrations.label_studio_export import load_batch_file, load_label_studio_file
from evaluation.trial import evaluate_files

OWN = Path(__file__).resolve().parent / "data" / "own_files"
EXPORT = OWN / "label_studio_1.23_export.json"
CONFIG = OWN / "label_studio_config.xml"
DATA = Path(__file__).resolve().parent / "data"
ZHANG, LI, REVIEWER = "zhang.wei@example.com", "li.na@example.com", "annotator-3"
MODEL = "model gpt-4o-mini@rulebook-v2"


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def flat_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """JSON_MIN and CSV of the same export, written by Label Studio's converter."""
    converter_module = pytest.importorskip("label_studio_sdk.converter")
    folder = tmp_path_factory.mktemp("ls")
    converter = converter_module.Converter(CONFIG.read_text(encoding="utf-8"), str(folder), download_resources=False)
    converter.convert_to_json_min(str(EXPORT), str(folder / "min"), is_dir=False)
    converter.convert_to_csv(str(EXPORT), str(folder / "csv"), is_dir=False, sep=",")
    out = {"json-min": folder / "export-min.json", "csv": folder / "export.csv"}
    shutil.move(folder / "min" / "result.json", out["json-min"])
    shutil.move(folder / "csv" / "result.csv", out["csv"])
    return out


def _by_set(sets) -> dict[str, dict[str, str]]:
    return {s.name: dict(s.labels) for s in sets}


def test_json_export_gives_annotators_ground_truth_and_the_model(rulebook: Rulebook) -> None:
    loaded = load_sets(EXPORT, rulebook=rulebook)
    names = [s.name for s in loaded.sets]
    # the reviewer who only made a ground-truth annotation is not an annotator
    assert names == [ZHANG, LI, GROUND_TRUTH, MODEL]
    assert loaded.reference == GROUND_TRUTH
    labels = _by_set(loaded.sets)
    assert labels[GROUND_TRUTH] == {"c002": "一般不满", "c006": "中性咨询"}
    # predictions are ids in `predictions`; their content comes from annotations[].prediction
    assert labels[MODEL] == {"c001": "愤怒投诉", "c002": "一般不满", "c003": "中性咨询", "c004": "正面反馈", "c006": "中性咨询"}
    model = next(s for s in loaded.sets if s.name == MODEL)
    assert model.is_model
    # li.na clicked `urgency` before `label` on c001: the label is still the `label` control
    assert labels[LI]["c001"] == "愤怒投诉"
    # the skipped annotation is left out, counted and named
    assert "c004" not in labels[ZHANG]
    assert any("cancelled" in n and "c004" in n for n in loaded.notes)
    assert any("1 task(s) without a submitted annotation" in n for n in loaded.notes)


def test_multi_choice_is_a_data_problem_on_a_single_label_rulebook(rulebook: Rulebook) -> None:
    loaded = load_sets(EXPORT, rulebook=rulebook)
    joined = join(loaded.sets, rulebook)
    zhang = next(p for p in joined.problems.sets if p.name == ZHANG)
    assert zhang.multiple_ids == ["c003"]
    assert "一般不满|中性咨询" not in joined.label_order
    assert not any("|" in label for label in joined.label_order)
    assert any("several labels" in m and "c003" in m for m in joined.problems.messages())


def test_multi_choice_is_a_list_of_labels_on_a_multi_label_rulebook(rulebook: Rulebook) -> None:
    multi = rulebook.model_copy(update={"multi_label": True})
    loaded = load_sets(EXPORT, rulebook=multi)
    zhang = next(s for s in loaded.sets if s.name == ZHANG)
    assert zhang.multi == ["c003"]
    joined = join(loaded.sets, multi)
    row = joined.ids.index("c003")
    assert joined.table[ZHANG][row] == "一般不满|中性咨询"  # rulebook order, both labels
    assert not next(p for p in joined.problems.sets if p.name == ZHANG).unknown_labels


@pytest.mark.parametrize("fmt", ["json-min", "csv"])
def test_flat_exports_read_like_the_json_export(flat_exports: dict[str, Path], fmt: str, rulebook: Rulebook) -> None:
    imported = load_label_studio_file(flat_exports[fmt])
    assert imported is not None and imported.format == fmt
    full = load_label_studio_file(EXPORT)
    key = lambda r: (r["id"], r["annotator"])  # noqa: E731
    # one person, one name across formats; same labels; multi-choice is a list, not Python text
    assert sorted((key(r), r["labels"]) for r in imported.records) == sorted((key(r), r["labels"]) for r in full.records)
    multi = next(r for r in imported.records if r["id"] == "c003" and r["annotator"] == ZHANG)
    assert multi["labels"] == ["一般不满", "中性咨询"]
    assert not any("{" in (r["label"] or "") for r in imported.records)
    assert imported.n_unannotated_tasks == 1 and imported.n_multi == 1
    sets = load_sets(flat_exports[fmt], rulebook=rulebook).sets
    # these formats drop the ground-truth flag: the reviewer shows up as an annotator
    assert {s.name for s in sets} == {ZHANG, LI, REVIEWER}


def test_agree_reads_the_export_and_prints_model_and_reference_lines(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["agree", "--a", str(EXPORT), "--rulebook", str(DATA / "rulebook_complaints_zh.json"), "--bootstrap", "0", "--language", "en"]
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"sets: {ZHANG} (reference), {LI}" in out  # the annotators are what the target judges
    assert f"{LI} vs ground truth: 1/2 agree (50.0%)" in out
    assert f"{MODEL} vs {LI}: 4/5 agree (80.0%)" in out
    assert "gave several labels to 1 item of a single-label task" in out
    assert "Label Studio JSON export, 6 tasks, 10 annotations" in out


def test_plan_trial_does_not_count_skipped_time(flat_exports: dict[str, Path]) -> None:
    from assistant.cli.train import read_trial_durations

    durations = read_trial_durations(EXPORT)
    assert 41.0 not in durations  # the skipped annotation's time
    assert sorted(durations) == sorted([14.2, 19.8, 9.5, 12.0, 30.1, 22.4, 8.3, 6.1, 7.7, 9.0])
    assert sorted(read_trial_durations(flat_exports["csv"])) == sorted(durations)


def test_batches_read_flat_exports_as_label_studio(flat_exports: dict[str, Path]) -> None:
    records, imported = load_batch_file(flat_exports["csv"])
    assert imported is not None and len(records) == 10
    assert {r["annotator"] for r in records} == {ZHANG, LI, REVIEWER}


def test_evaluate_files_compares_the_model_outside_the_annotator_pool(rulebook: Rulebook) -> None:
    trial = evaluate_files([EXPORT], rulebook, bootstrap=0)
    assert trial.report.sets == [ZHANG, LI]
    pairs = {(row["set"], row["against"]): (row["agree"], row["n"]) for row in trial.comparisons}
    assert pairs[(MODEL, GROUND_TRUTH)] == (2, 2)
    assert pairs[(ZHANG, GROUND_TRUTH)] == (2, 2)


def test_a_json_list_of_plain_records_is_not_taken_for_label_studio(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps([{"id": "1", "label": "x"}, {"id": "2", "label": "y"}]), encoding="utf-8")
    assert load_label_studio_file(path) is None


def test_the_label_control_is_the_rulebooks_not_the_first_clicked(tmp_path: Path, rulebook: Rulebook) -> None:
    """An export made with someone else's config: controls `urgency` (clicked first) and `sentiment`."""
    text = EXPORT.read_text(encoding="utf-8").replace('"from_name": "label"', '"from_name": "sentiment"')
    path = tmp_path / "other-config.json"
    path.write_text(text, encoding="utf-8")
    with_rulebook = load_label_studio_file(path, label_names=rulebook.label_names)
    assert with_rulebook.control == "sentiment"
    assert "its answers are the rulebook's labels" in with_rulebook.control_note
    li = next(r for r in with_rulebook.records if r["id"] == "c001" and r["annotator"] == LI)
    assert li["label"] == "愤怒投诉" and li["urgency"] == "高"
    # without a rulebook: the control most annotations use, said so
    plain = load_label_studio_file(path)
    assert plain.control == "sentiment" and "used by the most annotations" in plain.control_note
    # asked for by name
    asked = load_label_studio_file(path, control="urgency")
    assert [r["label"] for r in asked.records if r["label"]] == ["高"]


def test_flat_export_tells_a_short_data_field_from_the_answer(tmp_path: Path) -> None:
    """JSON_MIN of a config whose control is `sentiment`, with a short task field `channel` beside it."""
    rows = []
    for task, (a, b) in enumerate([("正面", "负面"), ("负面", "负面"), ("正面", "正面")], 1):
        for number, (who, label) in enumerate(((1, a), (2, b)), 1):
            rows.append({"text": f"第{task}条", "channel": "app", "id": task, "sentiment": label, "annotator": who,
                         "annotation_id": task * 10 + number, "created_at": "2026-03-01T00:00:00Z",
                         "updated_at": "2026-03-01T00:00:00Z", "lead_time": 3.0})
    path = tmp_path / "min.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    imported = load_label_studio_file(path)
    assert imported.control == "sentiment"
    assert [r["label"] for r in imported.records] == ["正面", "负面", "负面", "负面", "正面", "正面"]
    assert {r["annotator"] for r in imported.records} == {"annotator-1", "annotator-2"}
