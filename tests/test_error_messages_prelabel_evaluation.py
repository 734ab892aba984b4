"""Errors of pre-labeling and evaluation come from the catalogue: English in logs and tests, the reader's language
on the CLI's error line and in the app. The files and sentences here are made up for these tests."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.core.errors import InputError
from assistant.core.language import prompt_name
from assistant.core.models import Rulebook
from assistant.core.settings import Settings, reset_settings
from assistant.llm.prompts import load_prompt

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RULEBOOK_LANGUAGE", "zh")
    reset_settings()
    yield
    reset_settings()


def english_words(line: str, *keep: str) -> list[str]:
    """The English words left in a line once paths, quoted names, code in backticks, --options and `keep` are out."""
    for part in keep:
        line = line.replace(part, " ")
    line = re.sub(r"`[^`]*`|'[^']*'|--[a-z-]+", " ", line)
    return re.findall(r"[A-Za-z]{2,}", line)


def _rulebook(name: str) -> Rulebook:
    return Rulebook.model_validate_json((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))


def test_cli_error_line_of_a_label_file_reads_chinese(tmp_path, monkeypatch, capsys, zh):
    """`rulebook agree` on a file whose annotator column has blanks: the error line is Chinese, English in str()."""
    from assistant.cli import main as main_module

    labels = tmp_path / "第二轮标注.csv"
    labels.write_text(
        "id,label,annotator\n"
        "q1,物流延误,小王\n"
        "q2,商品破损,\n"
        "q3,物流延误,小李\n"
        "q4,退款进度,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "argv", ["rulebook", "agree", "--a", str(labels)])
    with pytest.raises(SystemExit) as stopped:
        main_module.main()
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert stopped.value.code == 2
    assert err == f"错误：{labels}：有 2 条记录的 'annotator' 为空（第 2, 4 条）；请填上标注人"
    assert english_words(err, str(labels)) == []

    from evaluation.labels import load_label_sets

    with pytest.raises(InputError) as caught:
        load_label_sets(labels)
    assert str(caught.value) == f"{labels}: 2 records with an empty 'annotator' (records 2, 4); fill in who labeled them"


def test_qa_and_prelabel_errors_render_in_chinese_with_their_values():
    from evaluation.qa import qa_check
    from assistant.prelabel.items import items_from_records
    from assistant.prelabel.options import check

    reviewed = [{"id": "r1", "label": "Billing question", "note": "looks fine"}]
    with pytest.raises(InputError) as caught:
        qa_check(reviewed, 0.9)  # no file given: the source is "the sample", in the reader's language too
    assert str(caught.value).startswith("the sample: no review column: add 'correct' (yes/no) or 'reviewed_label'")
    zh_line = caught.value.render("zh")
    assert zh_line.startswith("样本：没有复核列：请加上 'correct'（yes/no）或 'reviewed_label'")
    assert english_words(zh_line) == ["yes", "no"]  # the values to write stay as they are typed

    records = [{"编号": 7, "内容 ": None}]
    with pytest.raises(InputError) as caught:
        items_from_records(records, text_field="正文", source="工单导出.jsonl")
    assert str(caught.value).startswith("工单导出.jsonl: no text column '正文'")
    assert caught.value.render("zh").startswith("工单导出.jsonl：没有文本列 '正文'")
    assert english_words(caught.value.render("zh"), "工单导出.jsonl") == []

    with pytest.raises(InputError) as caught:
        check(min_confidance=0.5)
    assert str(caught.value) == "unknown pre-label option 'min_confidance'; did you mean 'min_confidence'?"
    assert caught.value.render("zh") == "未知的预标注选项 'min_confidance'；是不是指 'min_confidence'？"


def test_a_rulebook_over_its_token_budget_is_named_in_the_readers_language():
    from assistant.prelabel.guard import check_token_budget

    rulebook = _rulebook("rulebook_complaints_zh.json")
    settings = Settings(_env_file=None).model_copy(update={"rulebook_token_budget": 10})  # below the setting's floor
    with pytest.raises(InputError) as caught:
        check_token_budget(rulebook, settings, "llm")
    assert str(caught.value).startswith("the rulebook is ")
    assert ", over the token budget of 10 (RULEBOOK_TOKEN_BUDGET)" in str(caught.value)
    zh_line = caught.value.render("zh")
    assert zh_line.startswith("规则书有 ") and "超过了 token 预算 10（RULEBOOK_TOKEN_BUDGET）" in zh_line
    assert english_words(zh_line, "RULEBOOK_TOKEN_BUDGET") == ["token", "token"]


class _RecordingLLM:
    """Records what the rule-suggestion step asks for and proposes nothing."""

    def __init__(self) -> None:
        self.variables: dict[str, Any] = {}

    def structured(self, prompt: Any, variables: dict[str, Any], output: Any, *, step: str) -> Any:
        self.variables = dict(variables)
        self.rendered = prompt.render(variables)
        return SimpleNamespace(value=output())


@pytest.mark.parametrize(
    ("rulebook_file", "labels"),
    [("rulebook_complaints_zh.json", ("愤怒投诉", "一般不满")), ("rulebook_search_en.json", ("3", "2"))],
)
def test_rule_suggestions_ask_the_llm_to_write_in_the_rulebooks_language(rulebook_file, labels):
    from evaluation.labels import LabelSet
    from evaluation.review import disagreement_review
    from evaluation.suggestions import suggest_with_llm

    rulebook = _rulebook(rulebook_file)
    first, second = labels
    a = LabelSet(name="甲", labels={"t1": first, "t2": first, "t3": second, "t4": first})
    b = LabelSet(name="乙", labels={"t1": second, "t2": first, "t3": first, "t4": second})
    review = disagreement_review([a, b], rulebook)
    llm = _RecordingLLM()
    assert suggest_with_llm(review, rulebook, llm) == []
    assert llm.variables["language"] == prompt_name(rulebook.language)
    wanted = "Chinese" if rulebook.language == "zh" else "English"
    assert wanted in llm.variables["language"]
    system = dict(llm.rendered)["system"]
    assert system.endswith(f"Write in {prompt_name(rulebook.language)}.")
    assert list(load_prompt("rule_suggestions").variables) == ["rulebook", "disagreements", "language"]
