"""Rulebook exports: Markdown, JSON, Word, Label Studio config, and the version diff."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.core.errors import InputError
from assistant.integrations.label_studio import FROM_NAME, TEXT_KEY, TO_NAME
from assistant.core.models import (
    REQUEST_SAMPLE_SOURCE,
    ChangeLogEntry,
    EdgeCaseRule,
    GlossaryTerm,
    Polarity,
    RuleExample,
    RuleLabel,
    Rulebook,
)
from assistant.rulebook.export import (
    FORMATS,
    diff_text,
    export,
    from_json,
    load_rulebook,
    to_docx,
    to_json,
    to_label_studio_config,
    to_markdown,
)

DATA = Path(__file__).parent / "data"
SAMPLES = ["rulebook_complaints_zh.json", "rulebook_search_en.json", "rulebook_medical_ner_zh.json"]


@pytest.fixture(params=SAMPLES)
def sample(request) -> Rulebook:
    return load_rulebook(DATA / request.param)


def _crafted(**update) -> Rulebook:
    """A small English rulebook with one undefined label, pipes in table cells and every section."""
    refund = RuleLabel(
        name="refund_request",
        definition="The customer asks for their money back for an order.",
        criteria=["Explicit request for a refund or return of payment."],
        cues=["refund", "money back"],
        counter_cues=["Asks about an exchange, not money."],
        aliases=["refund"],
        examples=[
            RuleExample(text="I want my money back", label="refund_request", polarity=Polarity.positive,
                        explanation="Direct refund request.", source="cs-intent-en"),
            RuleExample(text="Please refund order 123", label="refund_request", polarity=Polarity.positive,
                        explanation="Names the refund.", source=REQUEST_SAMPLE_SOURCE),
            RuleExample(text="Can I swap the size?", label="refund_request", polarity=Polarity.negative,
                        explanation="An exchange, no money back.", correct_label="other"),
        ],
    )
    other = RuleLabel(name="other", needs_definition=True)
    values = dict(
        title="Refund intent",
        language="en",
        task_definition="Decide whether a message asks for a refund.",
        purpose="Route refunds to the payments team.",
        scope_in=["customer messages"],
        scope_out=["agent messages"],
        labels=[refund, other],
        decision_procedure=["Look for a refund request first.", "Otherwise choose other."],
        edge_cases=[EdgeCaseRule(case="Refund | exchange in one message", resolution="refund_request wins", source="new")],
        output_format="One label per message.",
        glossary=[GlossaryTerm(term="RMA", definition="Return merchandise authorization.")],
        changelog=[ChangeLogEntry(version=1, date="2024-05-01", change="First version")],
        sources=["cs-intent-en"],
        token_count=321,
    )
    values.update(update)
    return Rulebook(**values)


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SAMPLES)
def test_json_round_trips_exactly(name: str, tmp_path: Path) -> None:
    rulebook = load_rulebook(DATA / name)
    text = to_json(rulebook)
    assert from_json(text) == rulebook
    path = export(rulebook, "json", tmp_path / "out" / "rulebook.json")
    assert load_rulebook(path) == rulebook
    assert json.loads(path.read_text(encoding="utf-8")) == rulebook.model_dump(mode="json")


def test_json_keeps_chinese_readable() -> None:
    rulebook = load_rulebook(DATA / "rulebook_complaints_zh.json")
    text = to_json(rulebook)
    assert "愤怒投诉" in text and "\\u" not in text
    assert text.startswith("{\n  ")


def test_from_json_names_file_and_field(tmp_path: Path) -> None:
    data = json.loads((DATA / "rulebook_search_en.json").read_text(encoding="utf-8"))
    del data["labels"][0]["name"]
    path = tmp_path / "rulebook.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        from_json(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert "field labels.0.name: Field required" in str(caught.value)


def test_from_json_text_names_the_field() -> None:
    with pytest.raises(InputError, match=r"rulebook JSON: field title: Field required"):
        from_json('{"task_definition": "x", "labels": [{"name": "a"}]}')


def test_from_json_unknown_field_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "extra.json"
    path.write_text(to_json(_crafted())[:-2] + ', "colour": "red"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"extra\.json: field colour: Extra inputs are not permitted"):
        load_rulebook(path)


def test_from_json_rejects_bad_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"title": "caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.json: not UTF-8"):
        load_rulebook(latin)

    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x",\n  "labels": [}', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.json: invalid JSON at line 2"):
        load_rulebook(broken)

    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match=r"list\.json: expected a JSON object"):
        load_rulebook(listed)

    empty = tmp_path / "empty.json"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.json: the file is empty"):
        load_rulebook(empty)

    with pytest.raises(InputError, match=r"missing\.json: file not found"):
        load_rulebook(tmp_path / "missing.json")


def test_from_json_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    rulebook = _crafted()
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + to_json(rulebook).encode("utf-8"))
    assert load_rulebook(path) == rulebook


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------
def test_markdown_has_every_label_and_example_source(sample: Rulebook) -> None:
    markdown = to_markdown(sample)
    assert markdown.startswith(f"# {sample.title}\n")
    for label in sample.labels:
        assert f"### {label.name}\n" in markdown
        for example in label.examples:
            assert example.text.split("\n")[0] in markdown
    for source in {example.source for example in sample.examples()}:
        assert source in markdown
    for step in sample.decision_procedure:
        assert step in markdown


def test_markdown_chinese_headings_for_zh() -> None:
    markdown = to_markdown(load_rulebook(DATA / "rulebook_complaints_zh.json"))
    for heading in ("任务定义", "标签一览", "标签定义", "判定标准", "典型线索", "反例线索", "判定流程", "边界情况",
                    "示例", "正例", "反例", "输出格式", "质量标准"):
        assert heading in markdown, heading
    assert "Task definition" not in markdown
    # negatives say what they really are
    assert "不是愤怒投诉，应标 **一般不满**" in markdown
    assert "历史项目 cs-complaint-sentiment-zh" in markdown
    assert "80%" in markdown and "3,178 tokens" in markdown


def test_markdown_english_sections_and_markers() -> None:
    markdown = to_markdown(_crafted())
    for heading in ("Task definition", "Scope", "Label overview", "Label definitions", "Decision procedure",
                    "Edge cases", "Output format", "Quality standards", "Glossary", "Change log"):
        assert heading in markdown, heading
    assert "⚠ needs a definition" in markdown
    # sources: past project, request sample, new
    assert "past project cs-intent-en" in markdown
    assert "request sample" in markdown
    assert "new (written for this rulebook)" in markdown
    # negative examples show the correct label
    assert "not refund_request, actually **other**" in markdown
    # pipes inside table cells are escaped, so the row keeps its columns
    row = next(line for line in markdown.splitlines() if line.startswith("| Refund"))
    assert "Refund \\| exchange" in row
    assert row.replace("\\|", "").count("|") == 4
    # overview counts: 2 positives, 1 negative for refund_request; 0 and 0 for other
    assert "| refund_request | The customer asks for their money back for an order. | 2 | 1 |" in markdown
    assert "| other | ⚠ needs a definition | 0 | 0 |" in markdown
    assert "1. Look for a refund request first." in markdown
    assert "80%" in markdown and "10%" in markdown and "95%" in markdown
    assert "**RMA**" in markdown and "First version" in markdown
    assert "321 tokens" in markdown


def test_markdown_zh_undefined_marker() -> None:
    rulebook = load_rulebook(DATA / "rulebook_complaints_zh.json")
    labels = list(rulebook.labels) + [RuleLabel(name="其他", needs_definition=True)]
    markdown = to_markdown(rulebook.model_copy(update={"labels": labels}))
    assert "| 其他 | ⚠ 待定义 | 0 | 0 |" in markdown
    assert "⚠ 待定义：" in markdown


def test_markdown_shows_entities_for_ner() -> None:
    markdown = to_markdown(load_rulebook(DATA / "rulebook_medical_ner_zh.json"))
    assert "2型糖尿病 [疾病]" in markdown and "二甲双胍 [药物]" in markdown


# ---------------------------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------------------------
def test_docx_opens_and_has_every_label(sample: Rulebook, tmp_path: Path) -> None:
    from docx import Document

    path = to_docx(sample, tmp_path / "rulebook.docx")
    assert not list(tmp_path.glob("*.partial"))
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for label in sample.labels:
        assert label.name in headings
    zh = sample.language == "zh"
    assert ("标签定义" if zh else "Label definitions") in headings
    assert ("判定流程" if zh else "Decision procedure") in headings
    # the label overview table and the edge-case table
    overview = document.tables[0]
    assert [row.cells[0].text for row in overview.rows[1:]] == sample.label_names
    if sample.edge_cases:
        assert len(document.tables[1].rows) == len(sample.edge_cases) + 1
    text = "\n".join(p.text for p in document.paragraphs)
    assert ("正例" if zh else "Positive") in text and ("反例" if zh else "Negative") in text
    assert any(p.style.name == "List Number" for p in document.paragraphs)


def test_docx_marks_undefined_label(tmp_path: Path) -> None:
    from docx import Document

    document = Document(str(export(_crafted(), "docx", tmp_path / "crafted.docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "⚠ needs a definition" in text
    assert "request sample" in text


# ---------------------------------------------------------------------------------------------
# Label Studio
# ---------------------------------------------------------------------------------------------
def test_label_studio_config_parses_and_names_every_label_once(sample: Rulebook) -> None:
    root = ET.fromstring(to_label_studio_config(sample))
    assert root.tag == "View"
    assert root.find("Header").get("value").startswith(sample.title)
    texts = root.findall("Text")
    assert len(texts) == 1 and texts[0].get("name") == TO_NAME and texts[0].get("value") == f"${TEXT_KEY}"
    ner = sample.task_type.value == "ner"
    control = root.find("Labels" if ner else "Choices")
    assert control is not None
    assert root.find("Choices" if ner else "Labels") is None
    assert control.get("name") == FROM_NAME and control.get("toName") == TO_NAME
    values = [item.get("value") for item in control.findall("Label" if ner else "Choice")]
    assert values == sample.label_names
    assert len(set(values)) == len(values)
    children = [child.tag for child in root]
    if ner:
        assert children.index("Labels") < children.index("Text")
    else:
        assert control.get("choice") == "single-radio"


def test_label_studio_escapes_and_multi_label() -> None:
    rulebook = _crafted(
        multi_label=True,
        labels=[
            RuleLabel(name='a<b & "c"', definition="Uses <tags> & \"quotes\"."),
            RuleLabel(name="普通", definition="中文定义"),
        ],
    )
    root = ET.fromstring(to_label_studio_config(rulebook))
    choices = root.find("Choices")
    assert choices.get("choice") == "multiple"
    values = [choice.get("value") for choice in choices.findall("Choice")]
    assert values == ['a<b & "c"', "普通"]
    assert choices.findall("Choice")[0].get("hint") == 'Uses <tags> & "quotes".'


# ---------------------------------------------------------------------------------------------
# Dispatch and diff
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt, name", [("md", "rb.md"), ("json", "rb.json"), ("docx", "rb.docx"), ("label-studio", "rb.xml")])
def test_export_writes_each_format(fmt: str, name: str, tmp_path: Path) -> None:
    rulebook = load_rulebook(DATA / "rulebook_complaints_zh.json")
    path = export(rulebook, fmt, tmp_path / "exports" / name)
    assert path.exists() and path.stat().st_size > 0
    assert sorted(p.name for p in path.parent.iterdir()) == [name]  # no temporary file left behind
    if fmt == "md":
        assert path.read_text(encoding="utf-8") == to_markdown(rulebook)
    if fmt == "label-studio":
        ET.fromstring(path.read_text(encoding="utf-8"))
    assert set(FORMATS) == {"md", "json", "docx", "label-studio"}


def test_export_unknown_format_lists_formats(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        export(_crafted(), "pdf", tmp_path / "x.pdf")
    message = str(caught.value)
    assert "'pdf'" in message
    for fmt in FORMATS:
        assert fmt in message
    assert not (tmp_path / "x.pdf").exists()


def test_diff_text_between_versions() -> None:
    old = _crafted()
    assert diff_text(old, old) == ""
    labels = [old.labels[0], old.labels[1].model_copy(update={"definition": "Anything that is not a refund request.",
                                                               "needs_definition": False})]
    new = old.model_copy(update={"version": 2, "labels": labels})
    diff = diff_text(old, new)
    assert diff.startswith("--- v1\n+++ v2\n")
    assert "+**Definition:** Anything that is not a refund request." in diff
    assert "-> **⚠ needs a definition:" in diff


def test_a_third_language_catalogue_words_the_documents(tmp_path, monkeypatch):
    """A rulebook in a language that has a catalogue gets its documents' words from it; missing words are English."""
    from assistant.core import messages
    from assistant.training.materials import training_pack

    (tmp_path / "ja.yaml").write_text(
        "language.name: 日本語\nrulebook.doc.procedure: 判断手順\nrulebook.doc.version: 第{version}版\n"
        "training.pack.procedure: '3. 判断の手順'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(messages.LOCALES_ENV, str(tmp_path))
    messages.reload()
    try:
        rulebook = load_rulebook(DATA / "rulebook_search_en.json").model_copy(update={"language": "ja"})
        markdown = to_markdown(rulebook)
        assert f"**第{rulebook.version}版**" in markdown and ". 判断手順\n" in markdown
        assert "Label definitions" in markdown  # not in ja.yaml: English
        assert "## 3. 判断の手順" in training_pack(rulebook)
    finally:
        monkeypatch.delenv(messages.LOCALES_ENV)
        messages.reload()
    assert "判断手順" not in to_markdown(rulebook) and "Decision procedure" in to_markdown(rulebook)
