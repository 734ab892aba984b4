"""The CLI commands (`agree`, `qa sample`, `qa check`) on a small Typer app that registers them."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from assistant.core.errors import InputError
from assistant.cli.agreement import agree_command, qa_app

DATA = Path(__file__).resolve().parent.parent / "data"
COMPLAINTS = DATA / "rulebook_complaints_zh.json"

app = typer.Typer()
app.command("agree")(agree_command)
app.add_typer(qa_app, name="qa")

runner = CliRunner()


def _agree(samples, *extra):
    return runner.invoke(
        app,
        ["agree", "--a", str(samples / "human_a.csv"), "--b", str(samples / "human_b.csv"), "--bootstrap", "200", *extra],
    )


def test_agree_prints_the_verdict_figures_and_groups(samples):
    result = _agree(samples, "--rulebook", str(COMPLAINTS))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "通过：一致率 0.85 ≥ 目标 0.80"
    assert "Cohen's kappa" in result.stdout and "高度一致（substantial）" in result.stdout
    assert "1. 愤怒投诉 ↔ 一般不满: 3 (c005, c012, c027)" in result.stdout
    english = _agree(samples, "--rulebook", str(COMPLAINTS), "--language", "en")
    assert english.stdout.splitlines()[0] == "PASS: percent agreement 0.85 ≥ target 0.80"


def test_agree_writes_markdown_and_pngs_beside_it(samples, tmp_path):
    report = tmp_path / "reports" / "trial1.md"
    result = _agree(samples, "--rulebook", str(COMPLAINTS), "--texts", str(samples / "items.csv"), "--report", str(report))
    assert result.exit_code == 0, result.output
    markdown = report.read_text(encoding="utf-8")
    assert "**通过：一致率 0.85 ≥ 目标 0.80**" in markdown
    assert "## 核心指标" in markdown and "| **一致率** | 0.850 |" in markdown
    assert "### 1. 愤怒投诉 ↔ 一般不满：3 条（占分歧的 50%）" in markdown
    assert "| c005 | 气死我了！说好48小时发货，四天了还没动静！！ | 愤怒投诉 | 一般不满 |" in markdown
    assert "用户带着强烈负面情绪" in markdown  # the definition of the disputed label
    assert "## 规则修改建议" in markdown and "明确「愤怒投诉」和「一般不满」的边界" in markdown
    for name in ("trial1-confusion.png", "trial1-per-label.png"):
        png = report.with_name(name)
        assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 1000
        assert f"]({name})" in markdown
    assert str(report) in result.stderr


def test_agree_json(samples):
    result = _agree(samples, "--rulebook", str(COMPLAINTS), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"]["passed"] is True
    assert data["metrics"]["percent_agreement"]["value"] == 0.85
    assert data["review"]["groups"][0]["pair"] == ["愤怒投诉", "一般不满"]
    assert data["suggestions"][0]["proposed_edits"] == []
    assert data["files"] == {}


def test_agree_reports_data_problems_and_normalises_on_request(tmp_path):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.jsonl"
    a.write_text("id,label\n1,愤怒投诉\n2,愤怒投诉\n3,中性咨询\n4,正面反馈\n", encoding="utf-8")
    b.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {"id": "1", "label": "愤怒投诉", "status": "labeled", "confidence": 0.9, "rationale": "12315"},
                {"id": "2", "label": "angry_complaint", "status": "labeled", "confidence": 0.6, "rationale": "alias"},
                {"id": "3", "label": "abstain", "status": "abstain", "confidence": 0.1, "rationale": "?"},
                {"id": "5", "label": "正面反馈", "status": "labeled", "confidence": 0.8, "rationale": "praise"},
            ]
        ),
        encoding="utf-8",
    )
    plain = runner.invoke(app, ["agree", "--a", str(a), "--b", str(b), "--rulebook", str(COMPLAINTS), "--bootstrap", "0", "--language", "en"])
    assert plain.exit_code == 0, plain.output
    assert "'b' abstained on 1 item, counted as missing: 3" in plain.stdout
    assert "'a' lacks 1 id that other sets have: 5" in plain.stdout
    assert "'b' lacks 1 id that other sets have: 4" in plain.stdout
    assert "'angry_complaint' (1×) is an alias of '愤怒投诉'; NOT merged" in plain.stdout
    assert "sets: a (reference), b (model)" in plain.stdout
    merged = runner.invoke(
        app, ["agree", "--a", str(a), "--b", str(b), "--rulebook", str(COMPLAINTS), "--bootstrap", "0", "--normalise", "--json"]
    )
    data = json.loads(merged.stdout)
    assert data["metrics"]["percent_agreement"]["value"] == 1.0
    assert any("mapped to '愤怒投诉'" in m for m in data["problem_messages"]["en"])


def test_agree_one_file_with_two_annotators(tmp_path):
    path = tmp_path / "round.csv"
    path.write_text("id,label,annotator\n1,x,p\n2,y,p\n1,x,q\n2,x,q\n", encoding="utf-8")
    result = runner.invoke(app, ["agree", "--a", str(path), "--bootstrap", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("FAIL: percent agreement 0.50 < target 0.80")


def test_agree_errors_are_input_errors(samples, tmp_path):
    single = tmp_path / "one.csv"
    single.write_text("id,label\n1,x\n", encoding="utf-8")
    result = runner.invoke(app, ["agree", "--a", str(single)])
    assert isinstance(result.exception, InputError) and "only one label set" in str(result.exception)
    bad = tmp_path / "rulebook.json"
    bad.write_text('{"title": "x"}', encoding="utf-8")
    result = _agree(samples, "--rulebook", str(bad))
    assert isinstance(result.exception, InputError)
    assert "rulebook.json: field task_definition: Field required" in str(result.exception)
    result = _agree(samples, "--rulebook", str(tmp_path / "missing.json"))
    assert isinstance(result.exception, InputError) and "not found" in str(result.exception)


def _batch(tmp_path, n=2_000):
    path = tmp_path / "labels.jsonl"
    labels = ["愤怒投诉"] * (n // 10) + ["一般不满"] * (3 * n // 10) + ["中性咨询"] * (n // 2) + ["正面反馈"] * (n // 10)
    path.write_text(
        "".join(
            json.dumps({"id": f"b{i:05d}", "label": label, "annotator": f"ann{i % 4}"}, ensure_ascii=False) + "\n"
            for i, label in enumerate(labels)
        ),
        encoding="utf-8",
    )
    return path


def test_qa_sample_prints_population_size_and_where(tmp_path):
    batch = _batch(tmp_path)
    out = tmp_path / "sample.csv"
    result = runner.invoke(app, ["qa", "sample", "--input", str(batch), "--out", str(out), "--stratify", "label"])
    assert result.exit_code == 0, result.output
    assert f"population: 2000 records in {batch}" in result.stdout
    assert "sample size: 697 (±3.0% at 95% confidence" in result.stdout  # 1067.07 / (1 + 1066.07 / 2000) = 696.05
    assert f"wrote {out}" in result.stdout
    with out.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 697
    assert "stratified by label: 一般不满 209, 中性咨询 348, 愤怒投诉 70, 正面反馈 70" in result.stdout
    assert set(rows[0]) >= {"id", "label", "annotator", "correct", "reviewed_label"}
    again = tmp_path / "again.csv"
    runner.invoke(app, ["qa", "sample", "--input", str(batch), "--out", str(again), "--stratify", "label"])
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_qa_sample_refuses_to_overwrite_its_input(tmp_path):
    batch = _batch(tmp_path, 100)
    result = runner.invoke(app, ["qa", "sample", "--input", str(batch), "--out", str(batch)])
    assert isinstance(result.exception, InputError)


def _reviewed(tmp_path, n_ok, n_bad):
    path = tmp_path / "reviewed.csv"
    rows = ["id,label,annotator,correct"]
    rows += [f"ok{i},中性咨询,ann1,yes" for i in range(n_ok)]
    rows += [f"bad{i},一般不满,ann2,no" for i in range(n_bad)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_qa_check_accepts_with_exit_0_and_rejects_with_exit_1(tmp_path):
    accepted = runner.invoke(app, ["qa", "check", "--sample", str(_reviewed(tmp_path, 97, 3)), "--threshold", "0.95"])
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stdout.startswith("ACCEPT: accuracy 0.97 ≥ threshold 0.95 (97 of 100 reviewed correct")
    assert "ann2" in accepted.stdout and "(0/3)" in accepted.stdout
    rejected = runner.invoke(app, ["qa", "check", "--sample", str(_reviewed(tmp_path, 90, 10)), "--threshold", "0.95"])
    assert rejected.exit_code == 1
    assert rejected.stdout.startswith("REJECT: accuracy 0.90 < threshold 0.95")
    as_json = runner.invoke(
        app, ["qa", "check", "--sample", str(_reviewed(tmp_path, 90, 10)), "--threshold", "0.8", "--json"]
    )
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["accepted"] is True


def test_qa_check_threshold_from_the_rulebook(tmp_path):
    result = runner.invoke(app, ["qa", "check", "--sample", str(_reviewed(tmp_path, 96, 4)), "--rulebook", str(COMPLAINTS)])
    assert result.exit_code == 0 and "threshold 0.95" in result.stdout


def test_the_commands_are_imported_only_when_run_and_load_no_chart_or_scientific_library():
    # `rulebook --help` does not import this module (cli.registry imports a command's module when it runs);
    # running one imports the metrics, but charts (matplotlib) only when a report is written
    code = (
        "import sys, assistant.cli.main; early = 'assistant.cli.agreement' in sys.modules; import assistant.cli.agreement; "
        "heavy = [m for m in ('matplotlib', 'sklearn', 'scipy', 'pandas') if m in sys.modules]; "
        "print(early, ','.join(heavy))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
