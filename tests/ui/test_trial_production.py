"""The Trial page (training pack, quiz, scores, plan) and the Production page (batches, trend, flags) through AppTest."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.conftest import REQUEST, SAMPLES, assert_clean, labels, open_page, texts


@pytest.fixture
def drafted(seeded):
    """A project with a drafted rulebook (the bundled complaint request), made through the pipeline."""
    from assistant.service.projects import draft_for_project, start_project

    project_id = start_project(seeded, REQUEST).project_id
    draft_for_project(seeded, project_id)
    return seeded, project_id


def _click(app, label: str):
    buttons = [button for button in app.button if button.label == label]
    assert buttons, labels(app.button)
    return buttons[0].click().run()


def _answers_csv(key: list[dict], wrong: int = 0) -> bytes:
    """A filled-in quiz sheet: every answer right except the first `wrong` ones (answered with another label)."""
    answers = sorted({row["answer"] for row in key})
    lines = ["id,answer"]
    for number, row in enumerate(key):
        answer = row["answer"]
        if number < wrong:
            answer = next(label for label in answers if label != answer)
        lines.append(f"{row['id']},{answer}")
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Trial
# ---------------------------------------------------------------------------------------------
def test_trial_page_shows_the_pack_and_builds_a_quiz_with_downloads(drafted):
    ws, project_id = drafted
    app = open_page("trial", project=project_id)
    assert_clean(app)
    assert app.title[0].value == "Trial"
    assert {"Pack (Markdown)", "Pack (Word)"} <= set(labels(app.download_button))  # the training pack
    assert "No quiz for rulebook version 1 yet" in texts(app.info)

    app.number_input(key="trial_quiz_size").set_value(12)
    _click(app, "Build the quiz")
    assert_clean(app)
    assert "Quiz 1 is saved with the project." in texts(app.success)
    assert {"Quiz sheet (CSV)", "Quiz sheet (XLSX)", "Label Studio tasks", "Answer key (CSV)"} <= set(labels(app.download_button))
    assert len(app.get("vega_lite_chart")) == 1  # the label balance
    saved = ws.store.artifacts(project_id, "quiz")
    assert len(saved) == 1 and len(saved[0].payload["quiz"]["items"]) == 12

    _click(app, "Build the quiz")  # same inputs, same quiz: not saved twice
    assert "this is quiz 1" in texts(app.success)
    assert len(ws.store.artifacts(project_id, "quiz")) == 1


def test_trial_scores_uploaded_answers_with_pass_fail_and_feedback(drafted):
    ws, project_id = drafted
    app = open_page("trial", project=project_id)
    _click(app, "Build the quiz")
    key = ws.store.artifacts(project_id, "quiz")[-1].payload["quiz"]["items"]
    assert len(key) >= 10
    app.file_uploader(key="trial_answers").set_value(
        [("alice.csv", _answers_csv(key), "text/csv"), ("bob.csv", _answers_csv(key, wrong=6), "text/csv")]
    ).run()
    assert_clean(app)
    shown = texts(app.markdown)
    assert "| **alice** | :green-badge[PASS] |" in shown
    assert "| **bob** | :red-badge[FAIL] |" in shown
    assert "1 passed, 1 did not" in texts(app.warning)
    missed = [m.value for m in app.markdown if m.value.startswith("| Annotator | Correct label | The rule | Items |")]
    assert missed and "| **bob** |" in missed[0] and "alice" not in missed[0]  # the rules bob got wrong, quoted
    assert {"All feedback sheets (.zip)", "Download this sheet (Markdown)"} <= set(labels(app.download_button))
    assert any(expander.label.startswith("❌ bob") for expander in app.expander)
    assert "测验反馈：bob" in shown  # the sheet is in the rulebook's language


def test_trial_answers_without_an_answer_column_name_the_file(drafted):
    _, project_id = drafted
    app = open_page("trial", project=project_id)
    _click(app, "Build the quiz")
    app.file_uploader(key="trial_answers").set_value(("carol.csv", b"id,label\nq01,x\n", "text/csv")).run()
    assert_clean(app)
    error = texts(app.error)
    assert "carol.csv: missing column(s) ['answer']" in error and "_incoming" not in error


def test_trial_plan_says_when_the_deadline_cannot_hold_and_what_fixes_it(drafted):
    _, project_id = drafted
    app = open_page("trial", project=project_id)
    app.number_input(key="plan_volume").set_value(30000)
    app.number_input(key="plan_seconds").set_value(30.0)
    app.number_input(key="plan_annotators").set_value(3)
    app.number_input(key="plan_share").set_value(40.0)
    app.number_input(key="plan_accuracy").set_value(90.0)
    app.date_input(key="plan_today").set_value(date(2024, 6, 3))
    app.date_input(key="plan_deadline").set_value(date(2024, 6, 14)).run()
    assert_clean(app)
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Person-days"] == "30.8" and "185 person-hours" in texts(app.caption) and metrics["Working days"] == "11" and metrics["Finish"] == "2024-06-17"
    error = texts(app.error)
    assert "The deadline 2024-06-14 does not hold" in error
    assert "**4 annotators** instead of 3" in error and "42.3%" in error and "**Review at most 8% of items**" in error

    app.number_input(key="plan_annotators").set_value(5).run()
    assert "The deadline 2024-06-14 holds" in texts(app.success)


def test_trial_plan_lists_missing_inputs_instead_of_guessing(drafted):
    _, project_id = drafted
    app = open_page("trial", project=project_id)
    assert_clean(app)
    warning = texts(app.warning)
    assert "Missing inputs (not guessed)" in warning and "Seconds per item" in warning


def test_trial_and_production_without_projects_say_where_to_start(isolated):
    for page in ("trial", "production"):
        app = open_page(page, "zh")
        assert_clean(app)
        assert app.title[0].value == {"trial": "试标", "production": "正式标注"}[page]
        assert "需求助手" in texts(app.info)


# ---------------------------------------------------------------------------------------------
# Production
# ---------------------------------------------------------------------------------------------
def test_production_records_the_example_export_and_shows_flags_chart_and_tables(drafted):
    from evaluation.batches import project_batches
    from ui.workflow import DEMO_NAME

    ws, real_project = drafted
    app = open_page("production", project=real_project)
    assert_clean(app)
    assert "No batch recorded for this project yet" in texts(app.info)
    _click(app, "Use the example export")
    assert_clean(app)
    # The sample data went into the clearly named demo project, never into the real one.
    assert project_batches(ws, real_project) == [] and ws.store.project(real_project).status == "rulebook"
    demo = [row for row in ws.store.projects() if row.name == DEMO_NAME]
    assert len(demo) == 1 and (demo[0].meta or {}).get("demo") is True
    project_id = demo[0].id
    assert app.query_params.get("project") == project_id
    assert "Recorded batch “example week 1”" in texts(app.success)
    warnings = texts(app.main.warning)
    assert "**Batch below the threshold**" in warnings and "83.3%" in warnings
    assert "**Annotator below the threshold**" in warnings and "li.na@example.com" in warnings
    assert len(app.get("vega_lite_chart")) == 1  # the trend chart
    frames = [frame.value for frame in app.dataframe]
    assert frames[0]["batch"].tolist() == ["example week 1"] and frames[0]["items"].tolist() == [10]
    assert any("愤怒投诉" in frame.to_string() for frame in frames)  # the rule li.na broke
    assert {"Report (Markdown)", "Trend chart (PNG)"} <= set(labels(app.download_button))
    assert [record.name for record in project_batches(ws, project_id)] == ["example week 1"]
    assert ws.store.project(project_id).status == "production"

    # A looser threshold clears the flags.
    app.number_input(key=f"prod_threshold_{project_id}").set_value(60.0).run()
    assert_clean(app)
    assert not app.main.warning and "No flags" in texts(app.success)


def test_production_puts_the_newest_batch_flags_first_and_earlier_ones_in_an_expander(drafted, tmp_path):
    from evaluation.batches import record_batch

    ws, _ = drafted
    app = open_page("production")
    _click(app, "Use the example export")
    project_id = app.query_params.get("project")  # the demo project
    reviewed = tmp_path / "week2_reviewed.csv"
    reviewed.write_text("id,annotator,correct\nc001,zhang.wei@example.com,yes\nc005,li.na@example.com,yes\n", encoding="utf-8")
    record_batch(ws, project_id, SAMPLES / "label_studio_export.json", name="week 2", reviewed_path=reviewed)
    app.run()
    assert_clean(app)
    assert "No flags on the newest batch “week 2”." in texts(app.success)
    assert any(expander.label == "2 flag(s) on earlier batches" for expander in app.expander)
    assert app.dataframe[0].value["batch"].tolist() == ["example week 1", "week 2"]


def test_production_records_an_uploaded_label_file(drafted):
    ws, project_id = drafted
    app = open_page("production", "zh", project=project_id)
    labels_csv = (SAMPLES / "human_a.csv").read_bytes()
    app.file_uploader(key="prod_labels_0").set_value(("week2.csv", labels_csv, "text/csv")).run()
    _click(app, "记录该批次")
    assert_clean(app)
    assert "已记录批次“week2”" in texts(app.success)
    assert "还没有批次附带质检抽检结果" in texts(app.info)  # no reviewed sample: no accuracy to chart


def test_production_bad_upload_shows_an_error_and_no_traceback(drafted):
    ws, project_id = drafted
    app = open_page("production", project=project_id)
    app.file_uploader(key="prod_labels_0").set_value(("labels.json", b'{"tasks": 3}', "application/json")).run()
    _click(app, "Record the batch")
    assert_clean(app)
    error = texts(app.error)
    assert "labels.json: neither a JSON list of records nor a Label Studio export" in error
    assert "_incoming" not in error
    assert ws.store.artifacts(project_id, "batch") == []


def test_production_qa_sample_is_a_review_sheet_with_the_texts(drafted):
    ws, project_id = drafted
    app = open_page("production", "zh", project=project_id)
    app.file_uploader(key=f"qa_batch_{project_id}").set_value(("week3.csv", (SAMPLES / "human_a.csv").read_bytes(), "text/csv")).run()
    assert_clean(app)
    assert "没有原文" in texts(app.error) and "请上传数据原文文件" in texts(app.error)  # no texts yet: says what to upload
    app.file_uploader(key=f"qa_items_{project_id}").set_value(("items.csv", (SAMPLES / "items.csv").read_bytes(), "text/csv")).run()
    assert_clean(app)
    assert "均附原文" in texts(app.success)
    sheet = app.dataframe[0].value
    assert list(sheet.columns)[:3] == ["id", "text", "label"] and {"correct", "reviewed_label"} <= set(sheet.columns)
    assert sheet["text"].str.len().min() > 0 and 0 < len(sheet) <= 40
    assert "下载质检表（CSV）" in labels(app.download_button)
