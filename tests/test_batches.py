"""Quality over time: batch records, the report over batches, its flags, chart, Markdown and commands."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from assistant.core.errors import InputError
from assistant.core.models import Rulebook
from assistant.service.workspace import Workspace
from assistant.cli.batches import batches_app
from evaluation.batches import (
    BATCH_KIND,
    BatchReport,
    batch_record_from_records,
    batch_report,
    project_batches,
    record_batch,
    report_markdown,
    total_variation,
    trend_chart,
)

ROOT = Path(__file__).resolve().parents[1]
RULEBOOK_PATH = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"
SAMPLE_EXPORT = ROOT / "evaluation" / "samples" / "label_studio_export.json"

ANGRY, MILD, NEUTRAL, POSITIVE = "愤怒投诉", "一般不满", "中性咨询", "正面反馈"


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return Rulebook.model_validate_json(RULEBOOK_PATH.read_text(encoding="utf-8"))


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# A batch of 10 items: ann_a labels c01–c05, ann_b labels c06–c10.
BATCH = [
    ("c01", ANGRY, "ann_a", 10), ("c02", MILD, "ann_a", 12), ("c03", NEUTRAL, "ann_a", 5), ("c04", NEUTRAL, "ann_a", 7),
    ("c05", POSITIVE, "ann_a", 6), ("c06", ANGRY, "ann_b", 20), ("c07", MILD, "ann_b", 9), ("c08", MILD, "ann_b", 11),
    ("c09", NEUTRAL, "ann_b", 4), ("c10", POSITIVE, "ann_b", 8),
]
# The review: ann_a all right (5/5); ann_b wrong on c07, c08 (should be 愤怒投诉) and c09 (should be 一般不满): 2/5.
REVIEW = [
    ("c01", "ann_a", "yes", ""), ("c02", "ann_a", "yes", ""), ("c03", "ann_a", "对", ""), ("c04", "ann_a", "1", ""),
    ("c05", "ann_a", "yes", ""), ("c06", "ann_b", "yes", ""), ("c07", "ann_b", "no", ANGRY),
    ("c08", "ann_b", "no", "angry_complaint"),  # an alias of 愤怒投诉 in the rulebook
    ("c09", "ann_b", "错", MILD), ("c10", "ann_b", "yes", ""),
]


def _batch_records() -> list[dict[str, Any]]:
    return [{"id": i, "label": label, "annotator": who, "lead_time": t} for i, label, who, t in BATCH]


def _review_records(with_labels: bool = False) -> list[dict[str, Any]]:
    labels = {i: label for i, label, _, _ in BATCH}
    out = []
    for i, who, correct, gold in REVIEW:
        record = {"id": i, "annotator": who, "correct": correct, "reviewed_label": gold}
        if with_labels:
            record["label"] = labels[i]
        out.append(record)
    return out


def _labels(counts: dict[str, int], prefix: str) -> list[dict[str, Any]]:
    records, n = [], 0
    for label, count in counts.items():
        for _ in range(count):
            n += 1
            records.append({"id": f"{prefix}{n:03d}", "label": label, "annotator": "ann_a" if n % 2 else "ann_b"})
    return records


def _dist_batch(name: str, counts: dict[str, int]) -> Any:
    return batch_record_from_records(_labels(counts, name), name=name)


# --------------------------------------------------------------------------------------------- #
# One batch
# --------------------------------------------------------------------------------------------- #


def test_batch_record_accuracy_per_batch_annotator_and_label(rulebook: Rulebook) -> None:
    record = batch_record_from_records(_batch_records(), name="w1", reviewed=_review_records(), rulebook=rulebook)
    assert record.n_items == 10 and record.n_annotations == 10
    assert record.label_counts == {ANGRY: 2, MILD: 3, NEUTRAL: 3, POSITIVE: 2}
    assert record.label_distribution == pytest.approx({ANGRY: 0.2, MILD: 0.3, NEUTRAL: 0.3, POSITIVE: 0.2})
    assert record.annotators == {"ann_a": 5, "ann_b": 5}
    assert record.lead_time_median == pytest.approx(8.5)  # 4 5 6 7 8 | 9 10 11 12 20
    assert record.lead_time_mean == pytest.approx(9.2)
    qa = record.qa
    assert qa is not None
    assert (qa.n_reviewed, qa.n_correct) == (10, 7) and qa.accuracy == pytest.approx(0.7)
    # Wilson 95%: centre (0.7 + z²/20) / (1 + z²/10), half-width z·sqrt(0.021 + z²/400) / (1 + z²/10)
    assert qa.ci_low == pytest.approx(0.3968, abs=1e-4) and qa.ci_high == pytest.approx(0.8922, abs=1e-4)
    assert qa.threshold == 0.95 and not qa.accepted  # the rulebook's acceptance accuracy
    per_annotator = {g.name: (g.correct, g.n) for g in qa.per_annotator}
    assert per_annotator == {"ann_a": (5, 5), "ann_b": (2, 5)}
    per_label = {g.name: (g.correct, g.n) for g in qa.per_label}
    assert per_label == {ANGRY: (2, 2), MILD: (1, 3), NEUTRAL: (2, 3), POSITIVE: (2, 2)}
    # rules most often broken: the label that should have been given, with its first criterion
    first = qa.broken_rules[0]
    assert (first.label, first.count, first.given) == (ANGRY, 2, {MILD: 2})
    assert first.rule == rulebook.label(ANGRY).criteria[0] and first.rule_kind == "criterion"
    assert sorted(first.ids) == ["c07", "c08"]
    second = qa.broken_rules[1]
    assert (second.label, second.count, second.given) == (MILD, 1, {NEUTRAL: 1})
    assert second.rule == rulebook.label(MILD).criteria[0]
    assert [r.label for r in qa.broken_rules_by_annotator["ann_b"]] == [ANGRY, MILD]
    assert "ann_a" not in qa.broken_rules_by_annotator


def test_review_without_label_columns_is_completed_from_the_batch(rulebook: Rulebook) -> None:
    review = [{"id": r["id"], "correct": r["correct"], "reviewed_label": r["reviewed_label"]} for r in _review_records()]
    record = batch_record_from_records(_batch_records(), name="w1", reviewed=review, rulebook=rulebook)
    assert record.qa is not None and record.qa.n_correct == 7
    assert {g.name: g.correct for g in record.qa.per_annotator} == {"ann_a": 5, "ann_b": 2}


def test_wrong_items_without_reviewed_label_are_counted_not_guessed() -> None:
    review = [{"id": "c07", "annotator": "ann_b", "correct": "no"}, {"id": "c01", "annotator": "ann_a", "correct": "yes"}]
    record = batch_record_from_records(_batch_records(), name="w1", reviewed=review)
    assert record.qa is not None
    assert record.qa.broken_rules == [] and record.qa.n_wrong_without_reviewed_label == 1
    assert any("reviewed_label" in note for note in record.qa.notes)


def test_model_agreement_percent_and_kappa(rulebook: Rulebook) -> None:
    prelabels = [{"id": i, "label": label, "status": "labeled"} for i, label, _, _ in BATCH]
    prelabels[0]["label"] = MILD  # c01: model disagrees
    prelabels[1] = {"id": "c02", "label": None, "status": "abstain"}  # left out
    record = batch_record_from_records(_batch_records(), name="w1", prelabels=prelabels, rulebook=rulebook)
    agreement = record.model_agreement
    assert agreement is not None
    assert (agreement.n_items, agreement.n_pairs, agreement.n_model_missing, agreement.n_unmatched) == (9, 9, 1, 1)
    assert agreement.percent_agreement == pytest.approx(8 / 9)
    # human: A M M N N N P P ... over c01,c03..c10; model the same but c01 = M
    human = [ANGRY, NEUTRAL, NEUTRAL, POSITIVE, ANGRY, MILD, MILD, NEUTRAL, POSITIVE]
    model = [MILD, NEUTRAL, NEUTRAL, POSITIVE, ANGRY, MILD, MILD, NEUTRAL, POSITIVE]
    po = 8 / 9
    labels = set(human) | set(model)
    pe = sum(human.count(label) * model.count(label) for label in labels) / 81
    assert agreement.cohen_kappa == pytest.approx((po - pe) / (1 - pe))
    assert agreement.per_annotator == {"ann_a": pytest.approx(3 / 4), "ann_b": pytest.approx(1.0)}


def test_prelabels_for_another_batch_are_refused() -> None:
    with pytest.raises(InputError, match="share no item id"):
        batch_record_from_records(_batch_records(), name="w1", prelabels=[{"id": "x1", "label": ANGRY}])


def test_missing_label_column_names_the_option() -> None:
    with pytest.raises(InputError, match=r"labels.csv: missing column\(s\) \['label'\].*--label-field"):
        batch_record_from_records([{"id": "c1", "sentiment": ANGRY}], name="w1", source="labels.csv")
    record = batch_record_from_records([{"id": "c1", "sentiment": ANGRY}], name="w1", label_field="sentiment")
    assert record.label_distribution == {ANGRY: 1.0}


def test_labels_are_matched_to_the_rulebook_names(rulebook: Rulebook) -> None:
    records = [{"id": "1", "label": "angry_complaint"}, {"id": "2", "label": ANGRY}, {"id": "3", "label": "spam"}]
    record = batch_record_from_records(records, name="w1", rulebook=rulebook)
    assert record.label_counts == {ANGRY: 2, "spam": 1}
    assert any("spam" in note for note in record.notes)


# --------------------------------------------------------------------------------------------- #
# The report: accuracy over time and flags
# --------------------------------------------------------------------------------------------- #


def test_accuracy_over_time_tables(rulebook: Rulebook) -> None:
    first = batch_record_from_records(_batch_records(), name="w1", reviewed=_review_records(), rulebook=rulebook)
    review2 = [{**r, "correct": "yes", "reviewed_label": ""} for r in _review_records()]
    review2[0]["correct"] = "no"  # ann_a wrong once: 4/5; ann_b 5/5
    second = batch_record_from_records(_batch_records(), name="w2", reviewed=review2, rulebook=rulebook)
    third = batch_record_from_records(_batch_records(), name="w3")  # no review
    report = batch_report([first, second, third], threshold=0.8)
    assert report.batches == ["w1", "w2", "w3"]
    assert [r.accuracy for r in report.rows] == [pytest.approx(0.7), pytest.approx(0.9), None]
    assert [r.below_threshold for r in report.rows] == [True, False, None]
    trend = {row.name: [c.accuracy if c else None for c in row.cells] for row in report.per_annotator}
    assert trend == {"ann_a": [1.0, 0.8, None], "ann_b": [pytest.approx(0.4), 1.0, None]}
    by_label = {row.name: [c.accuracy if c else None for c in row.cells] for row in report.per_label}
    assert by_label[MILD] == [pytest.approx(1 / 3), 1.0, None]
    assert by_label[ANGRY] == [1.0, 0.5, None]  # c01 (ann_a, 愤怒投诉) wrong in w2
    assert [row.name for row in report.per_label] == [ANGRY, MILD, NEUTRAL, POSITIVE]  # rulebook order
    assert [r.label_drift for r in report.rows] == [None, 0.0, 0.0]


def test_batch_and_annotator_below_threshold_are_flagged_with_the_rules_broken(rulebook: Rulebook) -> None:
    record = batch_record_from_records(_batch_records(), name="w1", reviewed=_review_records(), rulebook=rulebook)
    report = batch_report([record], threshold=0.95)
    kinds = [(f.kind, f.annotator) for f in report.flags]
    assert kinds == [("batch_below_threshold", None), ("annotator_below_threshold", "ann_b")]
    batch_flag, annotator_flag = report.flags
    assert batch_flag.value == pytest.approx(0.7) and batch_flag.limit == 0.95
    assert "70%" in batch_flag.message and "below the threshold 95%" in batch_flag.message
    assert "低于阈值" in batch_flag.message_zh
    assert annotator_flag.value == pytest.approx(0.4)
    assert [(r.label, r.count) for r in annotator_flag.rules] == [(ANGRY, 2), (MILD, 1)]
    assert "ann_b" in annotator_flag.message and "Rules they broke most" in annotator_flag.message
    assert rulebook.label(ANGRY).criteria[0][:20] in annotator_flag.message
    assert "标注员 ann_b" in annotator_flag.message_zh and "最常违反的规则" in annotator_flag.message_zh
    # ann_a (5/5) is not flagged; at a threshold of 0.4 nobody is (equal to the threshold passes)
    assert not [f for f in batch_report([record], threshold=0.4).flags if f.kind != "label_drift"]


def test_label_drift_beyond_tolerance_is_flagged_and_within_is_not() -> None:
    b1 = _dist_batch("b1", {"A": 50, "B": 50})
    b2 = _dist_batch("b2", {"A": 55, "B": 45})  # TVD 0.05: within
    b3 = _dist_batch("b3", {"A": 80, "B": 20})  # TVD 0.25 from b2: flagged
    b4 = _dist_batch("b4", {"A": 70, "B": 30})  # TVD 0.10 from b3: exactly the tolerance, not flagged
    b5 = _dist_batch("b5", {"A": 50, "B": 30, "C": 20})  # TVD 0.20: flagged, C is new
    report = batch_report([b1, b2, b3, b4, b5], tolerance=0.1)
    assert [r.label_drift for r in report.rows] == [None, pytest.approx(0.05), pytest.approx(0.25), pytest.approx(0.1), pytest.approx(0.2)]
    drift = [f for f in report.flags if f.kind == "label_drift"]
    assert [(f.previous_batch, f.batch) for f in drift] == [("b2", "b3"), ("b4", "b5")]
    flag = drift[0]
    assert flag.value == pytest.approx(0.25) and flag.limit == 0.1
    assert [(s.label, round(s.change, 2)) for s in flag.shifts] == [("A", 0.25), ("B", -0.25)]
    assert "total variation distance 0.25 > tolerance 0.10" in flag.message
    assert "A 55% → 80% (+25 pts)" in flag.message
    assert "总变差距离 0.25" in flag.message_zh
    assert [(s.label, round(s.change, 2)) for s in drift[1].shifts][:2] == [("A", -0.2), ("C", 0.2)]
    # a wider tolerance flags nothing
    assert not [f for f in batch_report([b1, b2, b3, b4, b5], tolerance=0.3).flags if f.kind == "label_drift"]


def test_total_variation() -> None:
    assert total_variation({"A": 0.5, "B": 0.5}, {"A": 0.5, "B": 0.5}) == 0
    assert total_variation({"A": 1.0}, {"B": 1.0}) == pytest.approx(1.0)
    assert total_variation({"A": 0.6, "B": 0.4}, {"a": 0.5, "B": 0.5}) == pytest.approx(0.1)  # labels compared by label_key


def _agreement_batch(name: str, agree: int, of: int = 10) -> Any:
    records = [{"id": f"{name}-{i}", "label": "A" if i % 2 else "B", "annotator": "ann_a"} for i in range(of)]
    prelabels = [
        {"id": r["id"], "label": r["label"] if i < agree else ("B" if r["label"] == "A" else "A")} for i, r in enumerate(records)
    ]
    return batch_record_from_records(records, name=name, prelabels=prelabels)


def test_model_agreement_drop_and_rise_are_flagged() -> None:
    b1, b2, b3, b4 = (_agreement_batch("b1", 9), _agreement_batch("b2", 9), _agreement_batch("b3", 6), _agreement_batch("b4", 10))
    report = batch_report([b1, b2, b3, b4], tolerance=0.1)
    assert [r.model_agreement for r in report.rows] == [pytest.approx(0.9), pytest.approx(0.9), pytest.approx(0.6), 1.0]
    flags = [f for f in report.flags if f.kind == "agreement_drift"]
    assert [(f.previous_batch, f.batch) for f in flags] == [("b2", "b3"), ("b3", "b4")]
    drop, rise = flags
    assert (drop.previous_value, drop.value) == (pytest.approx(0.9), pytest.approx(0.6))
    assert "fell from 90% in 'b2' to 60% in 'b3' (−30 pts" in drop.message
    assert "降到" in drop.message_zh
    assert "rose" in rise.message and "pre-labels" in rise.message and "升到" in rise.message_zh
    # a move within the tolerance is not flagged
    assert not [f for f in batch_report([b1, b2], tolerance=0.1).flags if f.kind == "agreement_drift"]
    # batches without pre-labels in between are skipped: b1 → b3 is compared
    plain = batch_record_from_records([{"id": "x", "label": "A"}], name="plain")
    skipped = batch_report([b1, plain, b3], tolerance=0.1)
    assert [(f.previous_batch, f.batch) for f in skipped.flags if f.kind == "agreement_drift"] == [("b1", "b3")]


def test_report_arguments_are_checked() -> None:
    b1 = _dist_batch("b1", {"A": 1})
    with pytest.raises(InputError, match="threshold"):
        batch_report([b1], threshold=95)
    with pytest.raises(InputError, match="tolerance"):
        batch_report([b1], tolerance=-0.1)
    with pytest.raises(InputError, match="appear twice"):
        batch_report([b1, b1])


def test_markdown_and_chart(tmp_path: Path, rulebook: Rulebook) -> None:
    first = batch_record_from_records(_batch_records(), name="第1批", reviewed=_review_records(), rulebook=rulebook)
    second = _dist_batch("第2批", {ANGRY: 8, NEUTRAL: 2})
    report = batch_report([first, second])
    english = report_markdown(report, "en")
    assert "## Flags (3)" in english and "annotator below threshold" in english and "label drift" in english
    assert "| ann_b | 40% (2/5) ⚠ | — |" in english
    assert "Rules most often broken" in english and rulebook.label(ANGRY).criteria[0][:20] in english
    chinese = report_markdown(report, "zh")
    assert "## 预警（3）" in chinese and "标注员低于阈值" in chinese and "各批次准确率" in chinese
    with pytest.raises(InputError):
        report_markdown(report, "fr")
    path = trend_chart(report, tmp_path / "charts" / "trend.png", language="zh")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(path.parent.glob("*.partial"))
    with pytest.raises(InputError, match="no batch has a reviewed"):
        trend_chart(batch_report([second]), tmp_path / "none.png")
    assert isinstance(BatchReport.model_validate(report.model_dump(mode="json")), BatchReport)


# --------------------------------------------------------------------------------------------- #
# Recording batches in a project
# --------------------------------------------------------------------------------------------- #


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    labels = _write_csv(tmp_path / "labels.csv", ["id", "label", "annotator", "lead_time"], [list(r) for r in BATCH])
    review = _write_csv(
        tmp_path / "reviewed.csv", ["id", "annotator", "correct", "reviewed_label"], [list(r) for r in REVIEW]
    )
    pre = tmp_path / "pre.jsonl"
    pre.write_text(
        "".join(json.dumps({"id": i, "label": label, "status": "labeled", "confidence": 0.9, "engine": "offline"}, ensure_ascii=False) + "\n" for i, label, _, _ in BATCH),
        encoding="utf-8",
    )
    return {"labels": labels, "reviewed": review, "prelabels": pre}


def test_record_batch_stores_an_artifact_and_moves_the_project_to_production(files: dict[str, Path]) -> None:
    ws = Workspace()
    project = ws.store.create_project("complaints", "客服投诉情绪", language="zh")
    ws.store.set_status(project.id, "trial")
    record = record_batch(
        ws, project.id, files["labels"], name="week 1", reviewed_path=files["reviewed"],
        prelabels_path=files["prelabels"], rulebook=RULEBOOK_PATH,
    )
    assert record.version == 1 and record.project_id == project.id and record.rulebook_version is not None
    assert record.qa is not None and record.qa.accuracy == pytest.approx(0.7)
    assert record.model_agreement is not None and record.model_agreement.percent_agreement == 1.0
    assert ws.store.project(project.id).status == "production"
    rows = ws.store.artifacts(project.id, BATCH_KIND)
    assert len(rows) == 1 and rows[0].payload["name"] == "week 1"
    # default names stay unique; an explicit name already used replaces that batch in reports
    second = record_batch(ws, project.id, files["labels"])
    third = record_batch(ws, project.id, files["labels"])
    assert (second.name, third.name) == ("labels", "labels #3")
    again = record_batch(ws, project.id, files["labels"], name="week 1", reviewed_path=files["reviewed"])
    assert any("replaces" in note for note in again.notes)
    batches = project_batches(ws, project.id)
    assert [(b.name, b.version) for b in batches] == [("week 1", 4), ("labels", 2), ("labels #3", 3)]
    assert len(ws.store.artifacts(project.id, BATCH_KIND)) == 4  # earlier records are kept


def test_record_batch_uses_the_project_rulebook_and_leaves_other_statuses(files: dict[str, Path], rulebook: Rulebook) -> None:
    ws = Workspace()
    project = ws.store.create_project("complaints", "客服投诉情绪")
    ws.store.set_status(project.id, "breakdown")
    ws.store.add_artifact(project.id, "rulebook", rulebook.model_dump(mode="json"))
    ws.store.set_status(project.id, "breakdown")
    record = record_batch(ws, project.id, files["labels"], reviewed_path=files["reviewed"])
    assert record.qa is not None and record.qa.broken_rules[0].rule == rulebook.label(ANGRY).criteria[0]
    assert ws.store.project(project.id).status == "breakdown"


def test_record_batch_from_a_label_studio_export_uses_its_predictions() -> None:
    ws = Workspace()
    project = ws.store.create_project("complaints", "客服投诉情绪")
    record = record_batch(ws, project.id, SAMPLE_EXPORT)
    assert record.source_format == "label-studio"
    assert (record.n_items, record.n_annotations, record.n_cancelled) == (10, 19, 1)
    assert set(record.annotators) == {"zhang.wei@example.com", "li.na@example.com"}
    assert record.lead_time_median is not None
    assert record.model_agreement is not None and "Label Studio predictions" in record.model_agreement.source
    assert any("cancelled" in note for note in record.notes)


def test_record_batch_errors_name_the_problem(tmp_path: Path, files: dict[str, Path]) -> None:
    ws = Workspace()
    with pytest.raises(InputError, match="no project with id"):
        record_batch(ws, "p-missing", files["labels"])
    project = ws.store.create_project("x", "y")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with pytest.raises(InputError, match="bad.json: neither a JSON list of records nor a Label Studio export"):
        record_batch(ws, project.id, bad)
    assert ws.store.artifacts(project.id, BATCH_KIND) == []


# --------------------------------------------------------------------------------------------- #
# Commands
# --------------------------------------------------------------------------------------------- #


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """rulebook"""

    app.add_typer(batches_app, name="batches")
    return app


def test_commands_add_and_report(tmp_path: Path, files: dict[str, Path]) -> None:
    project = Workspace().store.create_project("complaints", "客服投诉情绪")
    Workspace().store.set_status(project.id, "trial")
    runner = CliRunner()
    app = _app()

    result = runner.invoke(
        app,
        ["batches", "add", "--project", project.id, "--file", str(files["labels"]), "--name", "w1",
         "--reviewed", str(files["reviewed"]), "--rulebook", str(RULEBOOK_PATH), "--prelabels", str(files["prelabels"])],
    )
    assert result.exit_code == 0, result.output
    assert "recorded batch 'w1' (version 1)" in result.output
    assert "REJECT: accuracy 0.70" in result.output
    assert "⚠ 2 flag(s) for this batch" in result.output and "annotator ann_b" in result.output
    assert Workspace().store.project(project.id).status == "production"

    drifted = _write_csv(tmp_path / "w2.csv", ["id", "label", "annotator"], [[f"d{i}", ANGRY, "ann_a"] for i in range(10)])
    result = runner.invoke(app, ["batches", "add", "--project", project.id, "--file", str(drifted), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["name"] == "w2" and payload["label_distribution"] == {ANGRY: 1.0}
    assert [f["kind"] for f in payload["flags"]] == ["label_drift"]

    chart, out = tmp_path / "trend.png", tmp_path / "report.md"
    result = runner.invoke(
        app, ["batches", "report", "--project", project.id, "--chart", str(chart), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output  # flags are printed, not an error
    assert "⚠ 3 flag(s)" in result.output
    assert "[label_drift]" in result.output and "[batch_below_threshold]" in result.output
    assert "ann_b: 40% → —" in result.output
    assert chart.read_bytes()[:4] == b"\x89PNG"
    assert "## Flags (3)" in out.read_text(encoding="utf-8")

    result = runner.invoke(app, ["batches", "report", "--project", project.id, "--json", "--threshold", "0.6", "--tolerance", "0.9"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["threshold"] == 0.6 and report["batches"] == ["w1", "w2"]
    assert [f["kind"] for f in report["flags"]] == ["annotator_below_threshold"]

    result = runner.invoke(app, ["batches", "report", "--project", project.id, "--language", "zh"])
    assert "条预警" in result.output and "批次" in result.output


def test_commands_label_studio_export_and_errors() -> None:
    project = Workspace().store.create_project("complaints", "客服投诉情绪", language="zh")
    runner = CliRunner()
    app = _app()
    result = runner.invoke(app, ["batches", "report", "--project", project.id])
    assert isinstance(result.exception, InputError) and "no batches yet" in str(result.exception)
    result = runner.invoke(app, ["batches", "add", "--project", project.id, "--file", str(SAMPLE_EXPORT)])
    assert result.exit_code == 0, result.output
    assert "已记录项目" in result.output and "跳过 1 条已取消的标注" in result.output
    assert "模型与人工" in result.output
    result = runner.invoke(app, ["batches", "report", "--project", project.id, "--chart", "trend.png"])
    assert result.exit_code == 0 and "no chart" in result.output
    result = runner.invoke(app, ["batches", "add", "--project", "p-nope", "--file", str(SAMPLE_EXPORT)])
    assert isinstance(result.exception, InputError) and "no project with id" in str(result.exception)
