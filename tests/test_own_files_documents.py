"""Other people's rule documents (Word and Markdown) import without hand editing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from assistant.core.errors import InputError
from knowledge.documents import default_document_id, docx_to_markdown, parse_rule_document, past_project_from_document

OWN = Path(__file__).resolve().parent / "data" / "own_files"
DOCX = OWN / "客服留言标注规范.docx"


def test_committed_docx_is_what_the_generator_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(OWN))
    try:
        import make_files
    finally:
        sys.path.remove(str(OWN))
    fresh = make_files.write_docx(tmp_path / DOCX.name)
    assert docx_to_markdown(fresh) == docx_to_markdown(DOCX)


def test_word_document_with_numbered_headings_and_a_label_table() -> None:
    parsed = parse_rule_document(docx_to_markdown(DOCX), source=str(DOCX))
    assert parsed["title"] == "客服留言情绪标注规范 V2.1"  # the bold first paragraph, not "一、任务说明"
    assert parsed["task_definition"].startswith("判断每条客服留言表达的情绪")
    labels = {rule.name: rule for rule in parsed["labels"]}
    assert list(labels) == ["愤怒投诉", "一般不满", "中性咨询", "正面反馈"]  # table order, names whole
    # the sub-section (2.1) says more than the table row: its definition and its rules numbered （1）
    assert labels["愤怒投诉"].definition == "情绪激烈，并且明确提出投诉、索赔、退款威胁或曝光。"
    assert labels["愤怒投诉"].criteria == ["出现“投诉”“12315”“曝光”等字眼的，标愤怒投诉。", "只有脏话但没有诉求的，也标愤怒投诉。"]
    assert labels["正面反馈"].definition == "表扬或满意"  # from the table only
    negatives = [e for e in parsed["examples"] if e.polarity.value == "negative"]
    assert [(e.text, e.label, e.correct_label) for e in negatives] == [("颜色跟图片差好多，有点失望", "愤怒投诉", "一般不满")]
    assert ("请问有大码吗", "中性咨询") in [(e.text, e.label) for e in parsed["examples"]]
    assert len(parsed["decision_procedure"]) == 3
    # "四、特殊情况" is a bold paragraph (WPS), still a heading: its lines are edge cases, not procedure
    assert [(c.case, c.resolution) for c in parsed["edge_cases"]] == [
        ("既提问又抱怨", "按抱怨标一般不满"),
        ("反讽的“好评”", "按真实情绪标注"),
    ]


def test_markdown_with_dotted_numbers_keeps_label_names_whole() -> None:
    markdown = (
        "# 一、任务定义\n\n判断用户诉求。\n\n# 二、标签定义\n\n## 2.1 退款退货\n\n定义：要求退款或退货。\n\n"
        "## 2.2 物流查询\n\n定义：询问物流进度。\n\n示例：我的快递到哪了；什么时候发货\n"
    )
    parsed = parse_rule_document(markdown, source="rules.md")
    assert [rule.name for rule in parsed["labels"]] == ["退款退货", "物流查询"]
    assert parsed["title"] == ""  # the first heading is a section, not the title
    assert [e.text for e in parsed["examples"]] == ["我的快递到哪了", "什么时候发货"]


def test_plain_numbered_lines_work_as_headings() -> None:
    markdown = (
        "售后意图标注说明\n\n一、任务说明\n\n判断售后消息的意图。\n\n二、标签定义\n\n"
        "| 标签名称 | 含义 | 示例 | 反例 |\n| --- | --- | --- | --- |\n"
        "| 退款 | 要求退钱 | 我要退款 | 退款到账了吗（应为 查询） |\n| 查询 | 询问进度 | 到哪了 | |\n"
    )
    parsed = parse_rule_document(markdown, source="说明.md")
    assert parsed["title"] == "售后意图标注说明"
    assert [(r.name, r.definition) for r in parsed["labels"]] == [("退款", "要求退钱"), ("查询", "询问进度")]
    negative = next(e for e in parsed["examples"] if e.polarity.value == "negative")
    assert (negative.text, negative.correct_label) == ("退款到账了吗", "查询")


def test_a_label_defined_twice_is_reported() -> None:
    markdown = "# 规则\n\n## 标签定义\n\n### 退款\n\n定义：a\n\n### 1. 退款\n\n定义：b\n"
    with pytest.raises(InputError, match=r"the label\(s\) \['退款'\] are defined twice"):
        parse_rule_document(markdown, source="x.md")


def test_ids_are_pinyin_slugs_and_distinct_for_distinct_chinese_names() -> None:
    assert default_document_id("退款规则 v2.docx") == "tuikuanguize-v2"
    assert default_document_id("客服规则.docx") != default_document_id("售后规则.docx")
    assert default_document_id("🙂.md", b"one").startswith("doc-")
    assert default_document_id("🙂.md", b"one") != default_document_id("🙂.md", b"two")


def test_past_project_from_the_word_document() -> None:
    project = past_project_from_document(DOCX, project_id=default_document_id(DOCX.name), task_type="sentiment", language="zh")
    assert project.id == "kefuliuyanbiaozhuguifan"
    assert project.name == "客服留言情绪标注规范 V2.1"
    assert len(project.rules.labels) == 4 and len(project.rules.edge_cases) == 2


def test_cli_never_silently_replaces_a_past_project(cli, tmp_path: Path) -> None:
    first, second = tmp_path / "客服规则.md", tmp_path / "售后规则.md"
    for path, label in ((first, "投诉"), (second, "退货")):
        path.write_text(f"# {path.stem}\n\n## 标签定义\n\n### {label}\n\n定义：{label}。\n", encoding="utf-8")
    code, out_a, err = cli("kb", "import-doc", str(first), "--task-type", "sentiment", "--language", "zh")
    assert code == 0, err
    code, out_b, err = cli("kb", "import-doc", str(second), "--task-type", "sentiment", "--language", "zh")
    assert code == 0, err
    assert "past project kefuguize" in out_a and "past project shouhouguize" in out_b
    code, _, err = cli("kb", "import-doc", str(second), "--task-type", "sentiment", "--language", "zh", "--id", "kefuguize")
    assert code == 2 and "already exists; pass --replace" in err
    code, out, err = cli("kb", "import-doc", str(second), "--task-type", "sentiment", "--language", "zh", "--id", "kefuguize", "--replace")
    assert code == 0 and "(updated)" in out, err


def test_a_first_heading_1_that_is_the_title(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("退款意图标注规范", level=1)
    document.add_heading("一、任务说明", level=1)
    document.add_paragraph("判断用户是否要退款。")
    document.add_heading("二、标签定义", level=1)
    document.add_heading("2.1 退款退货", level=2)
    document.add_paragraph("定义：用户要求退款或退货。")
    document.add_heading("2.2 其他", level=2)
    document.add_paragraph("定义：其他消息。")
    path = tmp_path / "规范.docx"
    document.save(path)
    parsed = parse_rule_document(docx_to_markdown(path), source=str(path))
    assert parsed["title"] == "退款意图标注规范"
    assert [rule.name for rule in parsed["labels"]] == ["退款退货", "其他"]
    assert parsed["task_definition"] == "判断用户是否要退款。"
