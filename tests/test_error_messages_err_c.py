"""Errors of the steps, the service and the CLI come from the message catalogue: English for logs and
tests (`str(error)`, wording unchanged), the reader's language on the CLI's error line and in the app.

Also: `rulebook doctor --language` with a language that has no catalogue says so instead of quietly
reading English.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.core import messages
from assistant.core.errors import InputError
from assistant.core.models import Rulebook
from assistant.core.settings import reset_settings

DATA = Path(__file__).parent / "data"


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RULEBOOK_LANGUAGE", "zh")
    reset_settings()


def english_words(text: str, *keep: str) -> list[str]:
    """English words left in a Chinese text, once paths, options, `code`, quoted values and `keep` are taken out."""
    for value in keep:
        text = text.replace(value, " ")
    text = re.sub(r"`[^`]*`", " ", text)  # command examples
    text = re.sub(r"'[^']*'", " ", text)  # quoted values (repr)
    text = re.sub(r"--[a-z][a-z-]*", " ", text)  # option names
    return re.findall(r"[A-Za-z]{3,}", text)


# -- doctor --language ---------------------------------------------------------------------------------
def test_doctor_with_a_language_without_catalogue_says_so_and_names_the_languages(cli):
    code, out, err = cli("doctor", "--language", "klingon")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "'klingon'" in lines[0] and "en, zh" in lines[0] and lines[0].startswith("error: --language")


def test_doctor_language_error_reads_in_the_readers_language_and_lists_a_language_added_as_a_file(
    cli, zh, tmp_path, monkeypatch
):
    extra = tmp_path / "locales"
    extra.mkdir()
    (extra / "fr.yaml").write_text("cli.error: 'erreur : {error}'\n", encoding="utf-8")
    monkeypatch.setenv("RULEBOOK_LOCALES_DIR", str(extra))
    messages.reload()
    try:
        code, _, err = cli("doctor", "--language", "pt-BR")
        assert code == 2
        assert err.strip().startswith("错误：--language 必须是 en, fr, zh 之一"), err
        assert "'pt-BR'" in err and not english_words(err, "pt-BR")
    finally:
        monkeypatch.delenv("RULEBOOK_LOCALES_DIR")
        messages.reload()


def test_doctor_accepts_a_regional_variant_of_a_catalogue_language(cli):
    code, out, _ = cli("doctor", "--language", "zh-TW")
    assert code == 0 and "] 数据库" in out


# -- errors of the steps, in Chinese -------------------------------------------------------------------
def test_a_breakdown_answer_that_cannot_be_read_is_explained_in_chinese(cli, zh):
    code, out, err = cli("breakdown", "我们想给外卖评论打上口味、包装、配送三类标签", "--file", "需求.txt")
    assert code == 2
    assert err.strip().splitlines()[-1] == "错误：请用 TEXT 或 --file 给出需求，不要两者都给"
    code, _, err = cli("answer", "p-0000", "--set", "how_much.volume")
    last = err.strip().splitlines()[-1]
    assert code == 2 and last.startswith("错误：--set 的格式是 FIELD=VALUE") and "'how_much.volume'" in last
    assert not english_words(last, "FIELD=VALUE", "how_much.volume")


def test_rulebook_edits_refused_read_in_english_and_in_chinese():
    from assistant.rulebook.revise import Edit, apply_edit

    book = Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))
    first = book.label_names[0]
    with pytest.raises(InputError) as caught:
        apply_edit(book, Edit(op="merge_labels", labels=[first, first], into="合并后"))
    assert str(caught.value) == "merge_labels names the same label twice"
    assert caught.value.render("zh") == "merge_labels 把同一个标签写了两次"
    with pytest.raises(InputError) as caught:
        apply_edit(book, Edit(op="rename_label", label="不存在的标签", new_name="新名字"))
    assert str(caught.value).startswith("no label '不存在的标签' in the rulebook; labels are: ")
    shown = caught.value.render("zh")
    assert shown.startswith("规则手册中没有标签 '不存在的标签'；现有标签：") and first in shown
    assert not english_words(shown)


def test_a_rulebook_json_with_missing_fields_names_them_in_chinese(tmp_path):
    from assistant.rulebook.export import from_json

    path = tmp_path / "规则.json"
    path.write_text(json.dumps({"title": 7}), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        from_json(path)
    english = str(caught.value)
    assert english.startswith(f"{path}: field title: ") and "; field labels: " in english
    shown = caught.value.render("zh")
    assert shown.startswith(f"{path}：字段 title：") and "；字段 labels：" in shown


def test_a_plan_with_impossible_inputs_is_refused_in_chinese():
    from assistant.planning.plan import effort_plan

    with pytest.raises(InputError) as caught:
        effort_plan(volume=5000, seconds_per_item=20, annotators=3, today="2026-02-30")
    assert str(caught.value) == "today: '2026-02-30' is not an ISO date (YYYY-MM-DD)"
    assert caught.value.render("zh") == "today：'2026-02-30' 不是 ISO 日期（YYYY-MM-DD）"
    with pytest.raises(InputError) as caught:
        effort_plan(volume=5000, seconds_per_item=20, annotators=3, hours_per_day=30, today="2026-03-02")
    assert str(caught.value) == "hours_per_day (--hours-per-day) must be > 0 and <= 24, got 30"
    shown = caught.value.render("zh")
    assert shown == "hours_per_day（--hours-per-day）必须 > 0 且 <= 24，实际为 30"
    assert not english_words(shown, "hours_per_day")


def test_an_account_refusal_reads_in_chinese(tmp_path):
    from assistant.service.accounts import AccountStore

    store = AccountStore(tmp_path / "accounts.yaml")
    with pytest.raises(InputError) as caught:
        store.add("bob smith", "trainer", "a long enough password")
    shown = caught.value.render("zh")
    assert "'bob smith'" in shown and not english_words(shown)
