"""Step 5: delivering a project into the knowledge base, and importing rule documents."""

import json
from pathlib import Path

import pytest

from assistant.delivery.past_project import lessons_from_markdown
from assistant.rulebook.export import export, load_rulebook
from knowledge.documents import past_project_from_document


def test_lessons_are_read_from_bullets_and_paragraphs():
    text = "# 复盘\n\n- 反讽最难判断\n- 转人工标准要先和业务确认\n\nA paragraph lesson\nthat spans lines.\n"
    assert lessons_from_markdown(text) == ["反讽最难判断", "转人工标准要先和业务确认", "A paragraph lesson that spans lines."]


def test_delivered_project_is_found_by_search(servers, cli, tmp_path):
    cli("kb", "seed")
    code, out, _ = cli("breakdown", "我们想让火星快递的客服机器人更懂用户的投诉", "--project", "火星快递投诉情绪", "--json")
    project = json.loads(out)["project_id"]
    cli("draft", "--project", project)
    cli("revise", project, "merge 愤怒投诉 and 一般不满 into 投诉")
    lessons = tmp_path / "lessons.md"
    lessons.write_text("- 合并后一致率明显提高\n- 反讽需要单独的边界规则\n", encoding="utf-8")
    samples = Path(__file__).resolve().parent.parent / "evaluation" / "samples"
    code, _, err = cli("agree", "--a", str(samples / "human_a.csv"), "--b", str(samples / "human_b.csv"),
                       "--project", project, "--round", "trial 1", "--bootstrap", "0")
    assert code == 0 and "recorded as agreement round 1" in err
    code, out, _ = cli("projects", "list", "--json")
    assert json.loads(out)[0]["status"] == "trial"
    code, out, _ = cli("agree", "--a", str(samples / "human_a.csv"), "--b", str(samples / "human_b.csv"), "--json", "--bootstrap", "0")
    report = tmp_path / "report.json"
    report.write_text(out, encoding="utf-8")
    code, out, err = cli("deliver", project, "--lessons", str(lessons), "--agreement", str(report))
    assert code == 0, err
    assert "2 agreement results" in out
    code, out, _ = cli("kb", "search", "火星快递投诉情绪", "--kind", "project", "--json")
    delivered_text = json.loads(out)[0]["text"]
    assert "火星快递投诉情绪" in delivered_text
    code, out, _ = cli("projects", "list", "--json")
    assert json.loads(out)[0]["status"] == "delivered"
    code, out, _ = cli("kb", "search", "火星快递投诉情绪", "--kind", "project", "--json")
    hits = json.loads(out)
    assert hits[0]["project"] == project
    code, out, _ = cli("kb", "search", "投诉", "--kind", "rule", "--json", "--k", "20")
    assert any(hit["project"] == project and hit["label"] == "投诉" for hit in json.loads(out))


def test_delivery_refuses_undefined_labels(cli):
    cli("kb", "seed")
    code, out, _ = cli("breakdown", "我们想让客服机器人更懂用户的投诉", "--json")
    project = json.loads(out)["project_id"]
    cli("answer", project, "--set", "what.candidate_labels=愤怒投诉,催单")
    cli("draft", "--project", project)
    code, _, err = cli("deliver", project)
    assert code == 2 and "define these labels before delivering: 催单" in err
    code, out, _ = cli("projects", "list", "--json")
    assert json.loads(out)[0]["status"] == "rulebook"  # nothing half-done


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_rule_documents_round_trip_through_import(tmp_path, fmt):
    from pathlib import Path

    rulebook = load_rulebook(Path(__file__).parent / "data" / "rulebook_search_en.json")
    document = tmp_path / f"rules.{fmt}"
    export(rulebook, fmt, document)
    project = past_project_from_document(document, project_id="imported-search", task_type="search_relevance", language="en")
    assert [label.name for label in project.rules.labels] == rulebook.label_names
    for imported, original in zip(project.rules.labels, rulebook.labels):
        assert imported.definition == original.definition and imported.criteria == original.criteria
        assert imported.counter_cues == original.counter_cues
    assert [e.text for e in project.examples] == [e.text for e in rulebook.examples()]
    assert [e.correct_label for e in project.examples] == [e.correct_label for e in rulebook.examples()]
    assert len(project.rules.edge_cases) == len(rulebook.edge_cases)
    assert project.rules.decision_procedure == rulebook.decision_procedure


def test_a_hand_written_markdown_document_imports(cli, tmp_path):
    document = tmp_path / "退款意图规则.md"
    document.write_text(
        "# 退款意图标注规则\n\n## 任务定义\n\n判断用户消息是否在申请退款。\n\n## 标签定义\n\n"
        "### 退款\n\n定义：用户明确要求退钱。\n\n- 出现“退款”“退钱”等诉求\n\n- 例：«我要退款» → 退款\n\n"
        "### 其他\n\n定义：不是退款诉求的其他消息。\n\n## 边界情况\n\n- 只问退款进度 → 其他\n",
        encoding="utf-8",
    )
    cli("kb", "seed")
    code, out, err = cli("kb", "import-doc", str(document), "--task-type", "intent_classification", "--language", "zh", "--id", "refund-rules")
    assert code == 0, err
    assert "2 labels, 1 examples, 1 edge cases" in out
    code, out, _ = cli("kb", "search", "退款意图标注规则", "--kind", "project", "--json")
    assert json.loads(out)[0]["project"] == "refund-rules"


def test_a_document_without_labels_is_a_clear_error(cli, tmp_path):
    document = tmp_path / "notes.md"
    document.write_text("# Notes\n\nJust some text.\n", encoding="utf-8")
    code, _, err = cli("kb", "import-doc", str(document), "--task-type", "sentiment", "--language", "en")
    assert code == 2 and "found no label section" in err
