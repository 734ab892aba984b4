"""A third language is one catalogue file: breakdown questions, rulebook edit change lines and pre-label run
notes come out in it; a Chinese project gets them in Chinese, with no English sentence left in them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.breakdown.offline import offline_draft
from assistant.breakdown.questions import rank_questions
from assistant.breakdown.volume_scope import scope_volume
from assistant.core import messages
from assistant.core.language import prompt_name
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus, Rulebook
from assistant.service.rulebook_edit import change_line, changes_between, next_version

DATA = Path(__file__).parent / "data"
# three English words in a row: an English phrase ("Label Studio", a product's name, is no phrase)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){2,}")


@pytest.fixture
def xx(tmp_path, monkeypatch):
    """A language "xx": a copy of en.yaml with every text prefixed "XX:"."""
    english = yaml.safe_load((messages.LOCALES_DIR / "en.yaml").read_text(encoding="utf-8"))
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "xx.yaml").write_text(
        yaml.safe_dump({key: f"XX:{value}" for key, value in english.items()}, allow_unicode=True), encoding="utf-8"
    )
    monkeypatch.setenv(messages.LOCALES_ENV, str(folder))
    messages.reload()
    yield "xx"
    monkeypatch.delenv(messages.LOCALES_ENV)
    messages.reload()


def _container_draft() -> BreakdownDraft:
    draft = BreakdownDraft()
    draft.how_much.volume = BreakdownField(value=38, status=FieldStatus.stated, confidence=0.9, evidence="38 matches")
    return draft


def _zh_rulebook() -> Rulebook:
    return Rulebook.model_validate(json.loads((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8")))


def test_breakdown_questions_come_out_in_a_third_language(xx):
    draft = _container_draft()
    scope_volume(draft, "We have 38 matches split into lines, please label them.", xx)
    [question] = [q for q in draft.questions if q.field == "how_much.volume"]
    assert draft.how_much.volume.status == FieldStatus.missing  # a count of containers is not the volume
    assert question.question.startswith("XX:") and "38 matches" in question.question
    assert question.reason.startswith("XX:") and "38 matches" in question.reason

    ranked = rank_questions(BreakdownDraft(), xx)
    assert ranked and all(q.reason.startswith("XX:") for q in ranked)
    assert prompt_name(xx) == "XX:English"  # the language names itself to the LLM


def test_a_chinese_breakdown_has_no_english_in_its_questions_and_assumptions():
    request = "我们想让客服机器人更懂用户的投诉，大概几千条对话，需要标注情绪"
    draft, assumptions = offline_draft(request, [], {}, date(2026, 1, 5))
    questions = rank_questions(draft, "zh", draft.questions)
    assert questions and assumptions
    for text in [*(q.question for q in questions), *(q.reason for q in questions), *assumptions]:
        assert not ENGLISH_WORD.search(text), text


def test_rulebook_edit_change_lines_come_out_in_a_third_language_and_in_chinese(xx):
    old = _zh_rulebook()
    first, second = old.labels[0], old.labels[1]
    labels = [
        first.model_copy(update={"name": "新名字", "aliases": [*first.aliases, first.name], "definition": first.definition + "。"}),
        *old.labels[2:],
    ]
    new = old.model_copy(update={"labels": labels, "purpose": old.purpose + "（改）"})

    changes = changes_between(old, new, xx)
    assert len(changes) >= 3 and all(change.startswith("XX:") for change in changes)
    assert any(f"XX:'{second.name}'" in change for change in changes)  # quoted the language's way
    assert "XX:; " in change_line(changes, xx)  # joined the language's way

    line = next_version(old, new, language="zh").changelog[-1].change
    assert "新名字" in line and "；" in line
    assert not ENGLISH_WORD.search(line), line


def _run_prelabel(tmp_path: Path, rulebook: Rulebook) -> tuple[int, str, str]:
    import typer
    from typer.testing import CliRunner

    from assistant.cli.prelabel import prelabel_command

    app = typer.Typer()
    app.command("prelabel")(prelabel_command)
    app.command("other")(lambda: None)
    book = tmp_path / "rb.json"
    book.write_text(rulebook.model_dump_json(), encoding="utf-8")
    items = tmp_path / "items.csv"  # no "text" column: the run notes which column it read
    items.write_text("编号,留言内容\n1,快递太慢了，非常生气\n2,谢谢客服\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["prelabel", "-r", str(book), "-i", str(items), "-o", str(tmp_path / "out.jsonl"), "--offline"])
    return result.exit_code, result.stdout, result.stderr


def test_prelabel_run_notes_come_out_in_a_third_language(xx, tmp_path):
    code, out, err = _run_prelabel(tmp_path, _zh_rulebook().model_copy(update={"language": xx}))
    assert code == 0, err
    notes = [line for line in err.splitlines() if "留言内容" in line]
    assert notes and all(line.startswith("XX:") and "XX:the text column" in line for line in notes), err
    assert out.startswith("XX:2 ")  # the summary too


def test_a_chinese_prelabel_run_has_no_english_note_or_summary(tmp_path):
    code, out, err = _run_prelabel(tmp_path, _zh_rulebook())
    assert code == 0, err
    notes = [line for line in err.splitlines() if "留言内容" in line or "编号" in line]
    assert len(notes) == 2, err  # the text column and the id column it read
    paths = re.compile(r"/\S+")
    for line in [*notes, *out.splitlines()]:
        assert not ENGLISH_WORD.search(paths.sub("", line)), line
