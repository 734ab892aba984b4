"""Revising rulebooks: structured edits, instructions, versions and history."""

import json
from pathlib import Path

import pytest

from assistant.core.errors import InputError
from assistant.llm.chat import ChatLLM
from assistant.core.models import Polarity, Rulebook
from assistant.rulebook.revise import Edit, apply_edit, parse_instruction, revise
from tests.fake_chat import ScriptedChatModel

DATA = Path(__file__).parent / "data"


@pytest.fixture
def complaints():
    return Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))


def test_merge_moves_examples_and_drops_negatives_between_the_merged_labels(complaints):
    merged = revise(complaints, instruction="合并 愤怒投诉 和 一般不满 为 投诉")
    assert merged.version == complaints.version + 1
    assert merged.label_names == ["投诉", "中性咨询", "正面反馈"]
    label = merged.label("投诉")
    assert set(label.aliases) >= {"愤怒投诉", "一般不满"}
    before = complaints.label("愤怒投诉").examples + complaints.label("一般不满").examples
    kept = [e for e in before if not (e.polarity == Polarity.negative and e.correct_label in {"愤怒投诉", "一般不满"})]
    assert len(label.examples) == len(kept)
    assert all(e.label == "投诉" for e in label.examples)
    everywhere = {e.correct_label for e in merged.examples()} | {e.label for e in merged.examples()}
    assert not everywhere & {"愤怒投诉", "一般不满"}
    assert merged.changelog[-1].change == "合并 愤怒投诉 和 一般不满 为 投诉"
    assert merged.changelog[-1].version == merged.version


@pytest.mark.parametrize(
    "instruction, op",
    [
        ("merge 投诉 and 抱怨", "merge_labels"),
        ("Merge 'A' with 'B' into 'C'", "merge_labels"),
        ("把 投诉 和 抱怨 合并为 不满", "merge_labels"),
        ("rename positive to Positive feedback", "rename_label"),
        ("把 中性咨询 改名为 咨询", "rename_label"),
        ("remove the label spam", "remove_label"),
        ("删除标签 正面反馈", "remove_label"),
        ("add label 催单", "add_label"),
    ],
)
def test_simple_instructions_are_understood_offline(instruction, op):
    edits = parse_instruction(instruction)
    assert edits and edits[0].op == op


def test_free_form_instruction_offline_names_the_alternatives(complaints):
    with pytest.raises(InputError, match="--add-edge-case"):
        revise(complaints, instruction="add an edge case for sarcasm")


def test_rename_updates_examples_and_edge_cases(complaints):
    renamed = apply_edit(complaints, Edit(op="rename_label", label="中性咨询", new_name="咨询"))
    assert "咨询" in renamed.label_names and "中性咨询" in renamed.label("咨询").aliases
    assert not any("中性咨询" in (e.label, e.correct_label) for e in renamed.examples())


def test_remove_clears_references(complaints):
    removed = apply_edit(complaints, Edit(op="remove_label", label="正面反馈"))
    assert "正面反馈" not in removed.label_names
    assert not any(e.correct_label == "正面反馈" for e in removed.examples())


def test_add_example_and_edge_case(complaints):
    revised = revise(
        complaints,
        edits=[
            Edit(op="add_example", label="一般不满", text="呵呵，你们的效率真是太高了", explanation="反讽表达不满", polarity=Polarity.positive),
            Edit(op="add_edge_case", case="反讽：字面夸奖、实际不满", resolution="按实际态度标一般不满"),
        ],
    )
    assert revised.label("一般不满").examples[-1].source == "new"
    assert revised.edge_cases[-1].labels == ["一般不满"]
    assert "add a positive example to 一般不满" in revised.changelog[-1].change


@pytest.mark.parametrize(
    "edit, message",
    [
        (Edit(op="rename_label", label="不存在", new_name="x"), "no label '不存在'"),
        (Edit(op="merge_labels", labels=["愤怒投诉"]), "at least two"),
        (Edit(op="add_example", label="一般不满", text="x"), "--explanation"),
        (Edit(op="add_label", label="愤怒投诉"), "already exists"),
        (Edit(op="add_edge_case", case="x"), "resolution"),
    ],
)
def test_bad_edits_are_clear_errors(complaints, edit, message):
    with pytest.raises(InputError, match=message):
        apply_edit(complaints, edit)


def test_llm_revision_keeps_known_sources_only(complaints):
    data = complaints.model_dump(mode="json")
    data["edge_cases"].append({"case": "反讽", "resolution": "按实际态度判断", "labels": [], "source": "new"})
    data["labels"][0]["examples"].append({"text": "LLM 新写的例子", "label": data["labels"][0]["name"], "polarity": "positive",
                                           "explanation": "x", "source": "cs-complaint-sentiment-zh"})
    answer = {k: data[k] for k in ("title", "task_type", "task_definition", "purpose", "scope_in", "scope_out", "labels",
                                   "multi_label", "ordinal", "decision_procedure", "edge_cases", "output_format", "glossary")}
    chat = ScriptedChatModel(script=[json.dumps(answer, ensure_ascii=False)], calls=[])
    revised = revise(complaints, instruction="add an edge case for sarcasm", llm=ChatLLM(chat=chat, model="fake", sleep=lambda _: None))
    assert revised.edge_cases[-1].case == "反讽" and revised.version == complaints.version + 1
    assert next(e for e in revised.examples() if e.text == "LLM 新写的例子").source == "new"
    assert "add an edge case for sarcasm" in chat.calls[0][-1].content
