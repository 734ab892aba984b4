"""With an LLM configured, a rule document without a readable outline is read by the LLM, every
field is checked against the document, and nothing is written before the user confirms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.core.errors import InputError
from assistant.llm.chat import ChatLLM
from knowledge.doc_llm import read_with_llm
from tests.fake_chat import ScriptedChatModel

DOCUMENT = (
    "售后消息标注说明\n\n"
    "我们把售后消息分成两类。退款：用户要求退钱，例如“我要退款”。"
    "查询：用户询问处理进度，例如“到哪了”。\n\n"
    "注意：只问退款进度的，算查询。先看有没有退钱的要求，再看是不是在问进度。\n"
)


def answer(**changes) -> str:
    data = {
        "title": "售后消息标注说明",
        "task_definition": "我们把售后消息分成两类",
        "labels": [
            {"name": "退款", "definition": "用户要求退钱", "criteria": [], "examples": ["我要退款"],
             "counter_examples": [{"text": "只问退款进度", "correct_label": "查询"}]},
            {"name": "查询", "definition": "用户询问处理进度", "criteria": ["先看有没有退钱的要求，再看是不是在问进度"],
             "examples": ["到哪了", "我的包裹丢了吗"], "counter_examples": []},
        ],
        "decision_procedure": ["先看有没有退钱的要求", "用户满意度低于三星时标为投诉"],
        "edge_cases": [{"case": "只问退款进度", "resolution": "算查询"}],
    }
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


def llm(*answers: str) -> ChatLLM:
    return ChatLLM(chat=ScriptedChatModel(script=list(answers), calls=[]), model="fake", sleep=lambda _: None)


def test_every_field_is_checked_against_the_document() -> None:
    parsed, problems = read_with_llm(DOCUMENT, llm(answer()), source="说明.md", language="zh")
    assert [label.name for label in parsed["labels"]] == ["退款", "查询"]
    assert [e.text for e in parsed["examples"] if e.polarity.value == "positive"] == ["我要退款", "到哪了"]
    negative = next(e for e in parsed["examples"] if e.polarity.value == "negative")
    assert (negative.text, negative.correct_label) == ("只问退款进度", "查询")
    assert parsed["decision_procedure"] == ["先看有没有退钱的要求"]  # the invented step is dropped
    assert any("我的包裹丢了吗" in p for p in problems)
    assert any("用户满意度低于三星" in p for p in problems)
    assert [(c.case, c.resolution) for c in parsed["edge_cases"]] == [("只问退款进度", "算查询")]


def test_an_invented_label_stops_the_import() -> None:
    labels = [{"name": "退款"}, {"name": "投诉升级"}]
    with pytest.raises(InputError, match=r"label\(s\) \['投诉升级'\] that the document does not contain"):
        read_with_llm(DOCUMENT, llm(answer(labels=labels)), source="说明.md", language="zh")


@pytest.fixture
def with_llm(monkeypatch: pytest.MonkeyPatch):
    def install(*answers: str) -> None:
        monkeypatch.setattr("assistant.llm.factory.get_llm", lambda settings: llm(*answers))

    return install


def _import(tmp_path: Path, *extra: str, input: str | None = None):
    from assistant.cli.main import app

    path = tmp_path / "售后说明.md"
    path.write_text(DOCUMENT, encoding="utf-8")
    return CliRunner().invoke(
        app, ["kb", "import-doc", str(path), "--task-type", "intent_classification", "--language", "zh", *extra], input=input
    )


def test_cli_asks_before_writing_what_the_llm_read(with_llm, tmp_path: Path) -> None:
    from assistant.service.workspace import Workspace

    with_llm(answer())
    result = _import(tmp_path, input="n\n")
    assert result.exit_code == 1, result.output
    assert "the LLM read it (every field checked against the document)" in result.output
    assert "- 退款: 用户要求退钱" in result.output and "! dropped" in result.output
    assert "nothing written" in result.output
    with pytest.raises(InputError):
        Workspace().store.past_project("shouhoushuoming")

    with_llm(answer())
    result = _import(tmp_path, input="y\n")
    assert result.exit_code == 0, result.output
    project = Workspace().store.past_project("shouhoushuoming")
    assert [label.name for label in project.rules.labels] == ["退款", "查询"]
    assert "read-by-llm" in project.tags


def test_without_an_llm_the_error_says_what_would_help(cli, tmp_path: Path) -> None:
    path = tmp_path / "售后说明.md"
    path.write_text(DOCUMENT, encoding="utf-8")
    code, _, err = cli("kb", "import-doc", str(path), "--task-type", "intent_classification", "--language", "zh")
    assert code == 2
    assert "found no label section" in err and "configure an LLM" in err
