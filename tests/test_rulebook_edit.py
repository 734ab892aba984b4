"""Hand edits of a rulebook (the app's editor, `rulebook import-rulebook`): new versions, change lines, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.core.errors import InputError
from assistant.service.rulebook_edit import (
    apply_edge_cases,
    apply_examples,
    apply_label_table,
    apply_sections,
    changes_between,
    next_version,
)
from assistant.rulebook.export import load_rulebook

DATA = Path(__file__).parent / "data"


@pytest.fixture
def zh_rulebook():
    return load_rulebook(DATA / "rulebook_complaints_zh.json")


def _rows(rulebook):
    return [
        {"key": label.name, "name": label.name, "definition": label.definition, "criteria": "\n".join(label.criteria),
         "cues": label.cues, "counter_cues": label.counter_cues, "aliases": label.aliases}
        for label in rulebook.labels
    ]


def test_rename_follows_into_examples_and_edge_cases_and_the_change_line_is_chinese(zh_rulebook):
    rows = _rows(zh_rulebook)
    old = rows[0]["name"]
    rows[0]["name"] = "强烈投诉"
    edited = apply_label_table(zh_rulebook, rows)
    assert edited.labels[0].name == "强烈投诉" and old in edited.labels[0].aliases
    assert all(e.label == "强烈投诉" for e in edited.labels[0].examples)
    assert not any(e.correct_label == old for e in edited.examples())
    assert not any(old in edge.labels for edge in edited.edge_cases)
    new = next_version(zh_rulebook, edited)
    assert new.version == zh_rulebook.version + 1
    assert new.changelog[-1].change == f"把标签「{old}」改名为「强烈投诉」"


def test_reorder_swap_names_define_new_label_and_remove(zh_rulebook):
    rows = _rows(zh_rulebook)
    first, second = rows[0]["name"], rows[1]["name"]
    rows[0]["name"], rows[1]["name"] = second, first  # swap the names of two labels
    rows.reverse()
    rows = [row for row in rows if row["key"] != zh_rulebook.labels[-1].name]  # remove the last label
    rows.append({"key": None, "name": "催单", "definition": "用户催促发货或配送", "criteria": "", "aliases": "催促\n催发货"})
    edited = apply_label_table(zh_rulebook, rows)
    names = edited.label_names
    assert names[-1] == "催单" and zh_rulebook.labels[-1].name not in names
    催单 = edited.labels[-1]
    assert 催单.definition == "用户催促发货或配送" and not 催单.needs_definition and 催单.aliases == ["催促", "催发货"]
    changes = changes_between(zh_rulebook, edited, "en")
    assert "added label '催单'" in changes
    assert f"removed label '{zh_rulebook.labels[-1].name}'" in changes
    assert "reordered the labels" in changes


def test_duplicate_or_empty_names_are_refused_with_the_row(zh_rulebook):
    rows = _rows(zh_rulebook)
    rows[1]["name"] = rows[0]["name"]
    with pytest.raises(InputError, match="label rows 1 and 2"):
        apply_label_table(zh_rulebook, rows)
    rows = _rows(zh_rulebook)
    rows[2]["name"] = " "
    rows[2]["key"] = zh_rulebook.labels[2].name
    with pytest.raises(InputError, match="label row 3: the name is empty"):
        apply_label_table(zh_rulebook, rows)


def test_examples_positive_and_near_miss_with_correct_label(zh_rulebook):
    label, other = zh_rulebook.labels[0].name, zh_rulebook.labels[1].name
    rows = [
        {"polarity": "positive", "text": "再不退款我就投诉到12315", "explanation": "威胁升级"},
        {"polarity": "negative", "text": "有点失望，希望改进", "explanation": "没有威胁，只是不满", "correct_label": other},
    ]
    edited = apply_examples(zh_rulebook, label, rows)
    examples = edited.labels[0].examples
    assert [e.polarity.value for e in examples] == ["positive", "negative"]
    assert examples[1].correct_label == other and examples[0].correct_label is None
    assert all(e.source == "new" for e in examples)
    with pytest.raises(InputError, match="example 1 of .*explanation"):
        apply_examples(zh_rulebook, label, [{"polarity": "positive", "text": "x", "explanation": ""}])
    with pytest.raises(InputError, match="not a label of the rulebook"):
        apply_examples(zh_rulebook, label, [{"polarity": "negative", "text": "x", "explanation": "y", "correct_label": "无此标签"}])


def test_sections_edge_cases_and_a_save_without_change(zh_rulebook):
    edited = apply_sections(zh_rulebook, purpose="让客服更快处理愤怒用户", decision_procedure="先看威胁\n再看情绪\n")
    edited = apply_edge_cases(edited, [{"case": "反讽", "resolution": "按实际态度标注"}, {"case": "", "resolution": ""}])
    assert edited.decision_procedure == ["先看威胁", "再看情绪"]
    assert [e.case for e in edited.edge_cases] == ["反讽"]
    line = next_version(zh_rulebook, edited).changelog[-1].change
    assert "修改了目的" in line and "修改了判定流程" in line and "边界情况" in line
    with pytest.raises(InputError, match="没有改动"):
        next_version(zh_rulebook, zh_rulebook)
    with pytest.raises(InputError, match="task definition cannot be empty"):
        apply_sections(zh_rulebook, task_definition="")


def test_import_rulebook_makes_the_file_the_next_version_and_delivered_is_read_only(isolated, tmp_path, zh_rulebook):
    from assistant.service.projects import rulebook_version, save_rulebook
    from assistant.service.rulebook_edit import import_rulebook, reopen_project
    from assistant.core.settings import get_settings
    from assistant.service.workspace import Workspace

    ws = Workspace(get_settings())
    project = ws.store.create_project("投诉", "我们想让客服机器人更懂用户的投诉", language="zh")
    save_rulebook(ws, project.id, zh_rulebook, note="first draft")
    data = json.loads((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))
    data["labels"][0]["definition"] = "手工改过的定义"
    path = tmp_path / "rb.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    saved = import_rulebook(ws, project.id, path)
    assert saved.new.version == 2 and rulebook_version(ws, project.id).labels[0].definition == "手工改过的定义"
    assert saved.new.changelog[-1].change == f"导入 rb.json：修改了「{zh_rulebook.labels[0].name}」的定义"
    assert "+++ v2" in saved.diff and saved.report is not None
    with pytest.raises(InputError, match="没有改动"):
        import_rulebook(ws, project.id, path)
    ws.store.set_status(project.id, "delivered")
    data["labels"][0]["definition"] = "再改一次"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="delivered and read-only"):
        import_rulebook(ws, project.id, path)
    assert len(ws.store.artifacts(project.id, "rulebook")) == 2
    assert reopen_project(ws, project.id) == "rulebook"
    assert import_rulebook(ws, project.id, path).new.version == 3
