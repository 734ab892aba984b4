"""Errors from core, integrations, llm and knowledge read in the reader's language (issue 13, point 3).

Each test triggers a real error through the CLI or the public API and checks that the Chinese text has no
English words left apart from paths, option names, JSON keys and other code-ish tokens, while `str(error)`
stays the English text.
"""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import Workbook

from assistant.core.errors import ConfigurationError, InputError
from assistant.core.settings import reset_settings

# Tokens that stay as written in a Chinese message: option names, settings, JSON keys, product names.
CODE = re.compile(r"--[\w-]+|RULEBOOK_\w+|OPENAI_\w+|'[^']*'|`[^`]*`|Label Studio|Rulebook|JSON|Export|UTF-8|CSV|id\b")


def english_words(text: str, *keep: str) -> list[str]:
    """English words left in `text` once the values in `keep` (paths, ids) and code-ish tokens are taken out."""
    for value in keep:
        text = text.replace(value, " ")
    return re.findall(r"[A-Za-z]{2,}", CODE.sub(" ", text))


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RULEBOOK_LANGUAGE", "zh")
    reset_settings()


def test_cli_error_lines_of_the_store_and_the_search_are_chinese(cli, zh):
    code, _, err = cli("projects", "show", "p-missing42")
    line = err.strip().splitlines()[-1]
    assert code == 2 and line.startswith("错误：") and "p-missing42" in line
    assert english_words(line, "p-missing42") == [], line
    code, _, err = cli("kb", "search", "退货 物流慢", "--kind", "recipe")
    line = err.strip().splitlines()[-1]
    assert code == 2 and "未知的类型 'recipe'" in line
    assert english_words(line, "project, rule, example") == [], line
    code, _, err = cli("kb", "search", "late delivery refund", "--k", "0")
    line = err.strip().splitlines()[-1]
    assert code == 2 and line == "错误：--k 至少为 1，实际是 0"


def test_cli_kb_add_lists_every_bad_file_in_chinese(cli, zh, tmp_path):
    wrong_suffix = tmp_path / "旧项目.txt"
    wrong_suffix.write_text("id: old-one\n", encoding="utf-8")
    not_mapping = tmp_path / "list.yaml"
    not_mapping.write_text("- just\n- a list\n", encoding="utf-8")
    code, _, err = cli("kb", "add", str(wrong_suffix), str(not_mapping))
    assert code == 2
    assert "没有导入任何内容" in err and "不是历史项目文件" in err and "顶层应为项目字段的映射" in err
    assert english_words(err.split("错误：", 1)[1], str(wrong_suffix), str(not_mapping), ".yaml", ".yml", ".json") == [], err


def test_spreadsheet_and_label_studio_errors_render_in_chinese(tmp_path):
    from assistant.integrations.datafiles import read_records
    from assistant.integrations.label_studio_export import parse_label_studio_export

    book = tmp_path / "reviews.xlsx"
    workbook = Workbook()
    workbook.active.title = "评论"
    workbook.active.append(["text", "label"])
    workbook.active.append(["the parcel came two weeks late", "complaint"])
    workbook.save(book)
    with pytest.raises(InputError) as caught:
        read_records(book, sheet="Sheet9")
    assert str(caught.value) == f"{book}: no sheet 'Sheet9'; the sheets are ['评论']"
    assert caught.value.render("zh") == f"{book}：没有工作表 'Sheet9'；现有工作表为 ['评论']"

    export = [{"id": 7, "data": {"text": "快递员态度很差"}, "annotations": [{"id": 3, "result": [{"type": "choices"}]}]}]
    with pytest.raises(InputError) as caught:
        parse_label_studio_export(export, "导出.json")
    english = str(caught.value)
    assert english.startswith("导出.json: task 7, annotation 3: result 1 has no 'value' object; expected a Label Studio")
    chinese = caught.value.render("zh")
    assert chinese.startswith("导出.json：任务 7，标注 3：第 1 个结果没有 'value' 对象；应为 Label Studio 的 JSON 导出")
    assert english_words(chinese, "导出.json", "completed_by", '{"text": …}') == [], chinese


def test_llm_and_index_configuration_errors_render_in_chinese(tmp_path):
    from assistant.core.settings import Settings
    from assistant.llm.pii import detector_for
    from knowledge.hits import search_where

    with pytest.raises(ConfigurationError) as caught:
        detector_for(Settings(_env_file=None, pii_patterns={"工号 id": r"EMP-\d+"}))
    assert "must be letters, digits and _" in str(caught.value)
    chinese = caught.value.render("zh")
    assert "只能由字母、数字和 _ 组成" in chinese
    assert english_words(chinese, "EMPLOYEE_ID", "RULEBOOK_PII_PATTERNS") == [], chinese

    patterns = tmp_path / "patterns.json"
    patterns.write_text(json.dumps(["EMP-1"]), encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        detector_for(Settings(_env_file=None, pii_patterns_file=patterns))
    chinese = caught.value.render("zh")
    assert chinese.startswith(f"{patterns}：应为“规则名 → 正则表达式”的映射")
    assert english_words(chinese, str(patterns), "EMPLOYEE_ID", "EMP") == [], chinese

    with pytest.raises(InputError) as caught:
        search_where("   ", 5)
    assert str(caught.value) == "the search query is empty" and caught.value.render("zh") == "搜索内容为空"
