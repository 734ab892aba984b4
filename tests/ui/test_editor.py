"""The rulebook editor on the Projects page: define, add examples, rename, reorder, save; read-only when delivered."""

from __future__ import annotations

import pytest

from tests.ui.conftest import REQUEST, assert_clean, labels, open_page, texts


@pytest.fixture
def drafted_zh(seeded):
    from assistant.service.projects import draft_for_project, start_project

    project_id = start_project(seeded, REQUEST).project_id
    draft_for_project(seeded, project_id)
    return seeded, project_id


def _save(app, version: int, language: str = "zh"):
    wanted = f"保存为第 {version} 版" if language == "zh" else f"Save as version {version}"
    buttons = [button for button in app.button if button.label == wanted]
    assert buttons, labels(app.button)
    buttons[0].click().run()
    assert_clean(app)
    return app


def test_a_trainer_defines_a_label_adds_examples_renames_and_reorders_without_leaving_the_app(drafted_zh):
    from assistant.service.projects import rulebook_version

    ws, project_id = drafted_zh
    app = open_page("projects", "zh", project=project_id)
    assert_clean(app)
    first = rulebook_version(ws, project_id)
    names = first.label_names

    # 1. a new label with its definition, criteria and aliases; the second label renamed; the first moved last
    app.session_state[f"ed_{project_id}_1_labels"] = {
        "edited_rows": {0: {"order": 9}, 1: {"name": "轻度不满"}},
        "added_rows": [{"name": "催单", "definition": "用户催促发货或配送进度", "criteria": "提到发货、物流、几天没到；问什么时候到", "aliases": "催促"}],
        "deleted_rows": [],
    }
    _save(app, 2)
    second = rulebook_version(ws, project_id)
    assert second.version == 2
    assert second.label_names == ["轻度不满", names[2], names[3], names[0], "催单"]  # by "order"; the new row last
    assert "轻度不满" in second.label_names and names[1] not in second.label_names
    assert all(e.label == "轻度不满" for e in second.labels[second.label_names.index("轻度不满")].examples)
    催单 = second.labels[second.label_names.index("催单")]
    assert 催单.definition == "用户催促发货或配送进度" and 催单.criteria == ["提到发货、物流、几天没到", "问什么时候到"]
    change = second.changelog[-1].change
    assert f"把标签「{names[1]}」改名为「轻度不满」" in change and "新增标签「催单」" in change and "调整了标签顺序" in change
    success = texts(app.success)
    assert "已保存为第 2 版" in success
    assert any(expander.label == "第 1 版 → 第 2 版的改动" for expander in app.expander)
    assert any("+++ v2" in block.value for block in app.code)
    # the check's findings sit beside the label they concern: 催单 has no examples yet
    assert any(expander.label.startswith("催单 · 正例 0 条，反例 0 条 · ✗") for expander in app.expander)
    assert "**催单** · " in texts(app.markdown)

    # 2. examples for the new label: two positives and a near miss that is really another label
    index = second.label_names.index("催单")
    app.session_state[f"ed_{project_id}_2_examples_{index}"] = {
        "edited_rows": {},
        "added_rows": [
            {"polarity": "正例", "text": "我的快递三天了还没发货，什么时候发？", "explanation": "催促发货"},
            {"polarity": "正例", "text": "能不能快点送到，急用", "explanation": "催促配送"},
            {"polarity": "反例", "text": "都一周了还没到，再不到我就投诉", "explanation": "有维权威胁，不只是催单",
             "correct_label": names[0]},
        ],
        "deleted_rows": [],
    }
    _save(app, 3)
    third = rulebook_version(ws, project_id)
    examples = third.labels[third.label_names.index("催单")].examples
    assert [e.polarity.value for e in examples] == ["positive", "positive", "negative"]
    assert examples[2].correct_label == names[0] and all(e.source == "new" for e in examples)
    assert third.changelog[-1].change == "「催单」的示例：新增 3 条"
    assert not [issue for issue in texts(app.markdown).splitlines() if issue.startswith("**催单** · ")]  # its findings are fixed

    # 3. a save without a change makes no version
    _save(app, 4)
    assert "没有改动" in texts(app.error) and rulebook_version(ws, project_id).version == 3


def test_editor_edge_cases_procedure_and_purpose_and_english_change_line(seeded):
    from assistant.service.projects import draft_for_project, rulebook_version, start_project

    project_id = start_project(seeded, "we need better search results for our shop").project_id
    draft_for_project(seeded, project_id)
    app = open_page("projects", "en", project=project_id)
    app.session_state[f"ed_{project_id}_1_edges"] = {
        "edited_rows": {}, "added_rows": [{"case": "query in two languages", "resolution": "judge by the main intent"}], "deleted_rows": [],
    }
    app.text_area(key=f"ed_{project_id}_1_procedure").input("Is the product the one asked for?\nIs it in stock?")
    app.text_area(key=f"ed_{project_id}_1_purpose").input("rank shop search results")
    _save(app, 2, "en")
    latest = rulebook_version(seeded, project_id)
    assert latest.decision_procedure == ["Is the product the one asked for?", "Is it in stock?"]
    assert latest.purpose == "rank shop search results" and latest.edge_cases[-1].case == "query in two languages"
    change = latest.changelog[-1].change
    assert "edge cases: 1 added" in change and "edited the decision procedure" in change and "edited the purpose" in change


def test_a_delivered_project_is_read_only_until_reopened(drafted_zh):
    ws, project_id = drafted_zh
    ws.store.set_status(project_id, "delivered")
    app = open_page("projects", "zh", project=project_id)
    assert_clean(app)
    assert "该项目已交付，规则书只读" in texts(app.info)
    assert not [b for b in app.button if b.label.startswith("保存为第")]
    assert app.data_editor and all(editor.proto.disabled for editor in app.data_editor)
    assert app.text_area(key=f"ed_{project_id}_1_procedure").disabled
    assistant = open_page("assistant", "zh", project=project_id)
    assert assistant.chat_input[0].disabled  # no answers or revisions by chat either

    [b for b in app.button if b.label == "重新打开项目"][0].click().run()
    assert_clean(app)
    assert ws.store.project(project_id).status == "rulebook"
    assert [b for b in app.button if b.label == "保存为第 2 版"]


def test_editor_upload_of_a_hand_edited_json_becomes_the_next_version(drafted_zh):
    import json

    from assistant.service.projects import rulebook_version
    from assistant.rulebook.export import to_json

    ws, project_id = drafted_zh
    data = json.loads(to_json(rulebook_version(ws, project_id)))
    data["labels"][0]["definition"] = "手工改过的定义"
    app = open_page("projects", "zh", project=project_id)
    app.file_uploader(key=f"ed_{project_id}_1_import").set_value(("rb.json", json.dumps(data, ensure_ascii=False).encode(), "application/json")).run()
    [b for b in app.button if b.label == "导入为第 2 版"][0].click().run()
    assert_clean(app)
    latest = rulebook_version(ws, project_id)
    assert latest.version == 2 and latest.labels[0].definition == "手工改过的定义"
    assert latest.changelog[-1].change.startswith("导入 rb.json：修改了")


def test_each_step_shows_what_comes_next(drafted_zh):
    from assistant.training.materials import make_quiz
    from assistant.service.projects import rulebook_version

    ws, project_id = drafted_zh
    app = open_page("projects", "zh", project=project_id)
    assert "下一步：培训标注员" in texts(app.info)
    quiz = make_quiz(rulebook_version(ws, project_id), size=10, seed=0)
    ws.store.add_artifact(project_id, "quiz", {"quiz": quiz.model_dump(mode="json"), "gold_file": None}, note="quiz")
    app.switch_page("ui/pages/trial.py").run()
    assert_clean(app)
    assert "下一步：对试标数据做预标注" in texts(app.info)
    ws.store.set_status(project_id, "delivered")
    app.switch_page("ui/pages/production.py").run()
    assert "已交付：项目只读" in texts(app.info)
    assert [b for b in app.button if b.label == "记录该批次"][0].disabled
