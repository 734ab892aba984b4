"""A third language is one catalogue file: stored verdicts, notes and plan details render in it.

The records keep message references (id and values), not an English text and a Chinese twin, so an
agreement report, a QA verdict, a batch's notes and flags and a plan's details read back from JSON or
from the project store render in any catalogue language. Records written before the references
(with `text` / `text_zh`, `notes` / `notes_zh` …) still load and show their stored texts.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from assistant.cli.agreement import agree_command, qa_app
from assistant.core import messages
from assistant.core.messages import text
from assistant.planning.model import Plan
from assistant.planning.plan import effort_plan
from assistant.planning.report import format_plan
from assistant.service.workspace import Workspace
from evaluation.agreement import AgreementReport, Verdict, agreement_report
from evaluation.batch_models import BatchRecord, BatchReport, Flag
from evaluation.batches import batch_record_from_records, batch_report, project_batches, record_batch
from evaluation.labels import LabelSet
from evaluation.metrics import Metric, cohen_kappa
from evaluation.qa import QACheck, qa_check
from evaluation.report import to_markdown

ROOT = Path(__file__).resolve().parents[2]
EN = ROOT / "assistant" / "core" / "locales" / "en.yaml"
SAMPLE_EXPORT = ROOT / "evaluation" / "samples" / "label_studio_export.json"
MARK = "XX:"


@pytest.fixture
def xx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A test language `xx`: every English text prefixed with XX:, in a folder named by RULEBOOK_LOCALES_DIR."""
    english = yaml.safe_load(EN.read_text(encoding="utf-8"))
    folder = tmp_path / "locales"
    folder.mkdir()
    texts = {key: MARK + value for key, value in english.items()}
    (folder / "xx.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(messages.LOCALES_ENV, str(folder))
    messages.reload()
    yield "xx"
    monkeypatch.delenv(messages.LOCALES_ENV)
    messages.reload()


def _sets() -> list[LabelSet]:
    a = {str(i): "pos" if i % 3 else "neg" for i in range(12)}
    b = dict(a, **{"1": "neg", "2": "neg", "4": "neg"})  # 9 of 12 agree: below the 0.80 target
    return [LabelSet(name="ann_a", labels=a), LabelSet(name="ann_b", labels=b)]


def _again(model, data):  # noqa: ANN001 - any pydantic model class
    """The record as a reader gets it back: through its JSON."""
    return model.model_validate(json.loads(json.dumps(data.model_dump(mode="json"))))


def test_agreement_report_read_back_from_json_renders_in_a_third_language(xx: str) -> None:
    report = _again(AgreementReport, agreement_report(_sets(), bootstrap=0))
    verdict = report.verdict.verdict_text(xx)
    assert verdict.startswith(MARK) and verdict == text("agreement.verdict.fail", xx, metric=text("metric.percent_agreement", xx), value="0.75", target="0.80")
    assert report.verdict.notes_text(xx) and all(note.startswith(MARK) for note in report.verdict.notes_text(xx))
    assert report.notes_text(xx) == [text("agreement.note.no_rulebook", xx, target="0.80")]
    kappa = report.metrics["cohen_kappa"]
    assert kappa.band_text(xx) == MARK + kappa.band_text("en")
    markdown = to_markdown(report, language=xx)
    assert verdict in markdown and report.notes_text(xx)[0] in markdown
    # English and Chinese are what they were: the JSON keys readers know are still there, from the references
    data = report.model_dump(mode="json")
    assert data["verdict"]["text"].startswith("FAIL: percent agreement 0.75 < target 0.80")
    assert data["verdict"]["text_zh"] == report.verdict.verdict_text("zh") and data["verdict"]["text_zh"].startswith("未通过")
    assert data["notes_zh"] == report.notes_text("zh") and data["metrics"]["cohen_kappa"]["band_zh"] == kappa.band_text("zh")


def test_qa_verdict_read_back_renders_in_a_third_language(xx: str) -> None:
    records = [{"id": str(i), "label": "a", "correct": "no" if i < 1 else "yes"} for i in range(10)]  # 0.90, CI reaches 0.95
    check = _again(QACheck, qa_check(records, 0.95))
    assert not check.accepted
    shown = check.verdict_text(xx)
    assert shown.startswith(MARK) and shown[len(MARK):] == check.verdict_text("en")
    assert check.notes_text(xx) and all(note.startswith(MARK) for note in check.notes_text(xx))
    assert check.model_dump(mode="json")["verdict_zh"].startswith("验收不通过")


def test_batch_notes_and_flags_from_the_store_render_in_a_third_language(xx: str, tmp_path: Path) -> None:
    ws = Workspace()
    project = ws.store.create_project("complaints", "complaints", language="en")
    recorded = record_batch(ws, project.id, SAMPLE_EXPORT, name="week 1")
    stored = project_batches(ws, project.id)[0]
    assert stored.note_refs and stored.notes == recorded.notes
    # the Label Studio import's notes and the batch's own notes, in the third language
    shown = stored.notes_text(xx)
    assert len(shown) == len(stored.notes) and all(note.startswith(MARK) for note in shown)

    records = [{"id": str(i), "label": "A" if i < 8 else "B", "annotator": "ann"} for i in range(10)]
    records.append({"id": "10", "label": "", "annotator": "ann"})
    reviewed = [{"id": str(i), "correct": "no" if i < 4 else "yes"} for i in range(10)]
    first = _again(BatchRecord, batch_record_from_records(records, name="b1", reviewed=reviewed))
    assert first.notes_text(xx) == [text("batches.note.unlabeled", xx, count=1, field="label")]
    assert first.qa is not None and first.qa.verdict_text(xx).startswith(MARK)
    second = batch_record_from_records([{"id": str(i), "label": "B"} for i in range(10)], name="b2")
    report = _again(BatchReport, batch_report([first, second], threshold=0.95))
    assert {flag.kind for flag in report.flags} >= {"batch_below_threshold", "label_drift"}
    for flag in report.flags:
        assert flag.text(xx).startswith(MARK) and flag.text("en") == flag.message
        assert flag.model_dump(mode="json")["message_zh"] == flag.text("zh") != flag.message


def test_plan_details_render_in_a_third_language(xx: str) -> None:
    plan = effort_plan(volume=3600, trial_durations=[20, 40, 30], annotators=1, today=date(2024, 6, 3))
    plan = Plan.model_validate_json(plan.model_dump_json())
    detail = plan.inputs["seconds_per_item"].detail_text(xx)
    assert detail == text("plan.detail.trial_median", xx, count=3)
    assert detail in format_plan(plan, xx)
    assert plan.inputs["review_seconds_per_item"].detail_text(xx) == text("plan.detail.assumed", xx)
    assert plan.model_dump(mode="json")["inputs"]["seconds_per_item"]["detail_zh"] == text("plan.detail.trial_median", "zh", count=3)


# --------------------------------------------------------------------------------------------- #
# Records written before the references
# --------------------------------------------------------------------------------------------- #


def test_older_agreement_verdict_with_only_text_and_text_zh_still_loads_and_shows(xx: str) -> None:
    old = {
        "metric": "percent_agreement", "requested": "percent_agreement", "target": 0.8, "value": 0.85, "passed": True,
        "text": "PASS: percent agreement 0.85 ≥ target 0.80", "text_zh": "通过：一致率 0.85 ≥ 目标 0.80",
        "notes": ["a note nobody can read back"], "notes_zh": ["一条旧的说明"],
    }
    verdict = Verdict.model_validate(old)
    assert verdict.verdict_text("en") == old["text"] and verdict.verdict_text("zh") == old["text_zh"]
    assert verdict.notes_text("en") == old["notes"] and verdict.notes_text("zh") == old["notes_zh"]
    # a third language: the English text is a catalogue text, so it is shown in that language; the rest as written
    assert verdict.verdict_text(xx) == MARK + old["text"]
    assert verdict.notes_text(xx) == old["notes"]
    assert Verdict.model_validate(verdict.model_dump(mode="json")).verdict_text("zh") == old["text_zh"]


def test_older_batch_record_qa_flag_metric_and_plan_still_load(xx: str) -> None:
    record = BatchRecord.model_validate({
        "name": "old", "recorded_at": "2024-06-03T00:00:00+00:00", "n_items": 1, "n_annotations": 1,
        "notes": ["1 annotation(s) without a label ('label') are left out of the distribution."],
        "notes_zh": ["旧的说明"],
        "qa": {
            "source": "r.csv", "n_records": 1, "n_reviewed": 1, "n_correct": 1, "accuracy": 1.0, "ci_low": 0.2,
            "ci_high": 1.0, "confidence": 0.95, "threshold": 0.95, "accepted": True, "basis": "'correct'",
            "verdict": "ACCEPT (old)", "verdict_zh": "验收通过（旧）", "notes": [], "notes_zh": [],
        },
    })
    assert record.notes_text("zh") == ["旧的说明"] and record.notes_text("en") == record.notes
    assert record.qa is not None and record.qa.verdict_text("zh") == "验收通过（旧）" and record.qa.verdict_text(xx) == "ACCEPT (old)"
    assert record.model_dump(mode="json")["qa"]["verdict_zh"] == "验收通过（旧）"
    flag = Flag.model_validate({"kind": "label_drift", "batch": "b2", "limit": 0.1, "message": "drift (old)", "message_zh": "漂移（旧）"})
    assert (flag.text("en"), flag.text("zh"), flag.text(xx)) == ("drift (old)", "漂移（旧）", "drift (old)")
    metric = cohen_kappa(["a", "b", "a"], ["a", "b", "b"]).model_dump(mode="json")
    older = Metric.model_validate({key: value for key, value in metric.items() if key != "band_id"})
    assert older.band_text("zh") == metric["band_zh"] and older.band_text(xx) == MARK + metric["band"]
    plan = effort_plan(volume=3600, trial_durations=[20, 40], annotators=1, today=date(2024, 6, 3)).model_dump(mode="json")
    for item in plan["inputs"].values():
        item.pop("detail_ref", None)
    plan["inputs"]["seconds_per_item"]["detail_zh"] = "旧的来源说明"
    older_plan = Plan.model_validate(plan)
    assert older_plan.inputs["seconds_per_item"].detail_text("zh") == "旧的来源说明"
    assert older_plan.inputs["seconds_per_item"].detail_text(xx) == text("plan.detail.trial_median", xx, count=2)


def test_cli_shows_the_verdict_and_notes_in_a_third_language(xx: str, tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("agree")(agree_command)
    app.add_typer(qa_app, name="qa")
    paths = []
    for labels in _sets():
        path = tmp_path / f"{labels.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as stream:
            csv.writer(stream).writerows([["id", "label"], *labels.labels.items()])
        paths.append(path)
    result = CliRunner().invoke(app, ["agree", "--a", str(paths[0]), "--b", str(paths[1]), "--bootstrap", "0", "--language", xx])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == text("agreement.verdict.fail", xx, metric=text("metric.percent_agreement", xx), value="0.75", target="0.80")
    assert text("agreement.note.no_rulebook", xx, target="0.80") in result.stdout
    wrong = CliRunner().invoke(app, ["agree", "--a", str(paths[0]), "--b", str(paths[1]), "--language", "fr"])
    assert wrong.exit_code != 0 and "--language must be one of en, xx, zh" in str(wrong.exception or wrong.output)
