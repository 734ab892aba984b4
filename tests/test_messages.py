"""The message catalogue: one file per language, same ids and fields everywhere, every id used, English fallback."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.core import messages
from assistant.core.messages import Items, Message, text

ROOT = Path(__file__).resolve().parents[1]
CODE = [ROOT / "assistant", ROOT / "evaluation", ROOT / "knowledge", ROOT / "ui", ROOT / "app.py"]
ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
# Functions whose first argument is a message id.
CALLERS = {"t", "text", "message_text", "Message", "in_languages", "say", "_say", "_named", "tell", "show"}
# Functions whose first argument is an id prefix ("rulebook.doc."): every id under it counts as used.
PREFIX_CALLERS = {"words"}
# Ids the loader itself uses.
BUILT_IN = {"language.name", "list.item", "list.separator"}


def _python_files() -> list[Path]:
    files: list[Path] = []
    for path in CODE:
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _scan() -> tuple[set[str], set[str], set[str]]:
    """(ids called by literal, every id-shaped string constant, prefixes of f-string ids like f"lifecycle.{x}")."""
    called, constants, prefixes = set(), set(), set()
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and ID.match(node.value):
                constants.add(node.value)
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            first = node.args[0]
            if name in PREFIX_CALLERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                prefixes.add(first.value)
            if name not in CALLERS:
                continue
            for arg in node.args[:2]:  # the id comes first, or after the language (`_say(language, id)`)
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and ID.match(arg.value):
                    called.add(arg.value)
                elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                    prefixes.add(arg.values[0].value)
    return called, constants, prefixes


def test_every_catalogue_has_the_ids_and_fields_of_english():
    found = messages.catalogues()
    english = found["en"]
    assert len(english) > 600 and "zh" in found
    for language, catalogue in found.items():
        assert set(catalogue) == set(english), f"{language}: ids differ from en.yaml"
        for key, value in english.items():
            assert messages.fields(catalogue[key]) == messages.fields(value), f"{language}.yaml {key}: fields differ"


def test_every_id_called_in_code_is_in_the_catalogue():
    called, _, _ = _scan()
    missing = sorted(key for key in called if not messages.has(key))
    assert not missing, f"ids used in code but not in en.yaml: {missing[:20]}"


def test_every_catalogue_id_is_used_in_code():
    _, constants, prefixes = _scan()
    unused = sorted(
        key
        for key in messages.catalogues()["en"]
        if key not in constants and key not in BUILT_IN and not any(key.startswith(prefix) for prefix in prefixes)
    )
    assert not unused, f"ids in en.yaml that no code uses: {unused[:20]}"


def test_no_app_text_is_left_as_a_pair_of_texts():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "extract_messages.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_a_third_language_is_one_file_with_english_fallback(tmp_path, monkeypatch):
    (tmp_path / "ja.yaml").write_text(
        "language.name: 日本語\nlist.separator: '、'\nlist.item: '「{item}」'\n"
        "check.verdict.passed: 'OK：エラーなし'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(messages.LOCALES_ENV, str(tmp_path))
    messages.reload()
    try:
        assert "ja" in messages.languages()
        assert messages.normalize("ja-JP") == "ja"
        assert text("check.verdict.passed", "ja") == "OK：エラーなし"
        # not in ja.yaml: English
        assert text("check.verdict.failed", "ja") == text("check.verdict.failed", "en") == "FAILED"
        assert text("check.summary", "ja", errors=1, warnings=2) == "1 error(s), 2 warning(s)"
        # ja.yaml lacks the finding but has its own list style: the English text with Japanese list joining
        assert Message("check.not_a_label", value="C", labels=Items(["A", "B"])).render("ja") == (
            "'C' is not a label of this rulebook (labels: 「A」、「B」)"
        )

        from ui.i18n import languages

        assert languages()["ja"] == "日本語"
        assert list(languages())[:2] == ["zh", "en"]
    finally:
        monkeypatch.delenv(messages.LOCALES_ENV)
        messages.reload()
    assert "ja" not in messages.languages()


def test_unknown_language_and_variants_fall_back():
    assert messages.normalize("zh-CN") == messages.normalize("ZH_hans") == "zh"
    assert messages.normalize("xx") == messages.normalize(None) == "en"
    with pytest.raises(KeyError, match="no.such.id"):
        text("no.such.id", "zh")


def test_values_render_in_the_same_language():
    labels = Items(["正面", "负面"])
    assert text("check.not_a_label", "zh", value="中性", labels=labels) == "「中性」不是本规则书的标签（标签：正面、负面）"
    assert text("check.not_a_label", "en", value="中性", labels=labels) == (
        "'中性' is not a label of this rulebook (labels: '正面', '负面')"
    )
    assert text("check.unsupported_figure", "zh", figures=Items(["23%", "0.85"], plain=True)).startswith("目的中的数字 23%、0.85 ")
    nested = Message("check.summary", errors=2, warnings=0)
    assert Message("check.verdict_line", verdict=Message("check.verdict.failed"), summary=nested).render("zh") == (
        "未通过 · 2 个错误，0 个警告"
    )
