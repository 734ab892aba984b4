"""The CLI's own lines follow the reader's language (RULEBOOK_LANGUAGE, `doctor --language`): doctor, the
demo's list of outputs, `kb import-doc`'s preview of what the LLM read, the top-level error line; the masking
lines and the server-slots reason are catalogue messages too (issue 13)."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.core import messages
from assistant.core.errors import InputError
from assistant.core.messages import Items, Message, from_dict, localize, text
from assistant.core.settings import Settings, reset_settings
from assistant.service import demo as demo_service
from assistant.llm.chat import ChatLLM
from assistant.llm.factory import server_slots
from assistant.llm.pii import describe_counts, masking_state
from evaluation import message_refs
from evaluation.explain import Explanation
from tests.fake_chat import ScriptedChatModel


def english_fragments(prefix: str, least: int = 8) -> set[str]:
    """The literal parts (no fields) of every English text under `prefix`, at least `least` characters long."""
    found = set()
    for key, value in messages.catalogues()["en"].items():
        if key.startswith(prefix):
            for literal, *_ in string.Formatter().parse(value):
                literal = literal.strip(" ;:,()")
                if len(literal) >= least and re.search(r"[a-z]{3}", literal):
                    found.add(literal)
    return found


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RULEBOOK_LANGUAGE", "zh")
    reset_settings()


# -- 1. doctor -----------------------------------------------------------------------------------------
def test_doctor_in_chinese_has_no_english_sentence(cli, zh):
    code, out, err = cli("kb", "seed")
    assert code == 0 and "[离线引擎：未配置大模型" in err  # the engine line follows the setting too
    code, out, _ = cli("doctor")
    assert code == 0, out
    assert "] 个人信息" in out and "] 知识库" in out and "] 数据库" in out and "] 向量模型" in out
    assert "没有数据离开本机（离线引擎）；脱敏设置为 关闭（接口 api.openai.com 不在本机）" not in out  # offline + remote host is on
    assert "没有数据离开本机（离线引擎）；脱敏设置为 开启（接口 api.openai.com 不在本机）" in out
    assert "两者一致" in out and "数据库结构版本" in out and "n-gram 哈希" in out
    leaked = [fragment for fragment in english_fragments("doctor.") | english_fragments("pii.") | english_fragments("schema.")
              if fragment in out]
    assert not leaked, leaked


def test_doctor_language_option_wins_and_json_keeps_english_names(cli, zh):
    code, out, _ = cli("doctor", "--language", "en")
    assert "] personal data" in out and "nothing leaves this machine" in out and "个人信息" not in out
    code, out, _ = cli("doctor", "--json")
    report = json.loads(out)
    names = [check["name"] for check in report["checks"]]
    assert names[:3] == ["llm", "embedder", "personal data"]
    assert report["checks"][0]["detail"].startswith("离线引擎")
    assert "not created yet" not in out and "尚未创建" in out  # no index yet in a fresh data directory


def test_doctor_index_differs_in_chinese(cli, zh, monkeypatch):
    cli("kb", "seed")
    from knowledge.base import KnowledgeBase

    real = KnowledgeBase.sync_status
    monkeypatch.setattr(KnowledgeBase, "sync_status", lambda self, store: {
        **real(self, store), "in_sync": False, "missing_projects": ["直播弹幕", "online-clinic"], "extra_projects": []})
    code, out, _ = cli("doctor")
    assert code == 1
    line = next(line for line in out.splitlines() if "] 知识库" in line)
    assert "索引与项目库不一致（索引中缺失或过时：直播弹幕、online-clinic）" in line
    assert not [fragment for fragment in english_fragments("doctor.kb.") if fragment in line]


# -- 2. demo's list -----------------------------------------------------------------------------------
def test_demo_list_in_chinese(monkeypatch, zh, tmp_path):
    from assistant.cli import demo as demo_cli
    from assistant.cli.main import app

    outputs = {"breakdown": tmp_path / "b.txt", "prelabels": tmp_path / "p.jsonl", "agreement_model_vs_human": tmp_path / "a.md"}
    monkeypatch.setattr(demo_cli, "run_demo", lambda ws, out_dir, say, language="en": outputs)
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "输出：" in result.output and "数据目录：" in result.output and "打开应用" in result.output
    assert "一致性报告（模型对人工）" in result.output and "预标注" in result.output
    assert "data directory" not in result.output and "pre-labels" not in result.output and "open the app" not in result.output


def test_demo_steps_in_chinese(cli, zh):
    code, out, err = cli("demo")
    assert code == 0, err
    for line in ("1. 知识库：10 个历史项目", "   检索 '用户投诉 情绪识别'：", "2. 示例需求的拆解 → 项目 ", "3. 规则书 v1：",
                 "4. 预标注（offline 引擎）：40 条：", "5. 一致性报告（模型对人工）：", "6. 一致性报告（人工对人工）："):
        assert line in out, line
    leaked = [fragment for fragment in english_fragments("demo.step.") if fragment in out]
    assert not leaked and "items: labeled" not in out, leaked


def test_kb_lines_in_chinese(cli, zh):
    code, out, _ = cli("kb", "seed")
    assert code == 0 and "已载入 10 个项目：新增 10" in out and "seeded" not in out
    code, out, _ = cli("kb", "stats")
    assert code == 0 and "篇文档，位于" in out and "存储中有 10 个历史项目；按任务类型：" in out
    assert "documents at" not in out and "past projects in the store" not in out
    code, out, _ = cli("kb", "search", "直播 弹幕 辱骂", "-k", "2")
    assert code == 0 and out.startswith("1. ") and "（" in out.splitlines()[0]


def test_every_demo_output_has_a_name():
    # the keys run_demo writes are catalogue ids; a key without one would fail here rather than in a user's demo
    source = Path(demo_service.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'outputs\["(\w+)"\]', source)) | set(re.findall(r'\("(\w+)", "[\w-]+", "[\w.]+"\)', source))
    keys |= set(re.findall(r'\("[^"]+", "(agreement_\w+)"', source))
    assert {"breakdown", "prelabels", "rulebook_md", "label_studio", "agreement_humans"} <= keys
    for key in keys:
        assert messages.has(f"demo.output.{key}"), key
        assert text(f"demo.output.{key}", "zh") != text(f"demo.output.{key}", "en")


# -- 3. kb import-doc preview --------------------------------------------------------------------------
LIVESTREAM = (
    "直播弹幕审核说明\n\n"
    "弹幕分成两类。引流：把观众引到站外，例如“加我微信看更多”。"
    "正常：和直播内容有关的发言，例如“主播唱得好”。\n\n"
    "注意：提到别的直播间但没有联系方式的，算正常。\n"
)


def _answer() -> str:
    return json.dumps({
        "title": "直播弹幕审核说明",
        "task_definition": "弹幕分成两类",
        "labels": [
            {"name": "引流", "definition": "把观众引到站外", "criteria": [], "examples": ["加我微信看更多"], "counter_examples": []},
            {"name": "正常", "definition": "和直播内容有关的发言", "criteria": [], "examples": ["主播唱得好", "今晚抽奖吗"],
             "counter_examples": []},
        ],
        "decision_procedure": ["先看有没有联系方式"],
        "edge_cases": [{"case": "提到别的直播间但没有联系方式的", "resolution": "算正常"}],
    }, ensure_ascii=False)


def test_kb_import_preview_in_chinese(monkeypatch, zh, tmp_path):
    from assistant.cli.main import app

    chat = ChatLLM(chat=ScriptedChatModel(script=[_answer()], calls=[]), model="fake", sleep=lambda _: None)
    monkeypatch.setattr("assistant.llm.factory.get_llm", lambda settings: chat)
    path = tmp_path / "弹幕说明.md"
    path.write_text(LIVESTREAM, encoding="utf-8")
    result = CliRunner().invoke(app, ["kb", "import-doc", str(path), "--task-type", "content_safety", "--language", "zh"],
                                input="n\n")
    assert result.exit_code == 1, result.output
    assert "已由大模型阅读" in result.output and "  标题：直播弹幕审核说明" in result.output
    assert "  - 引流：把观众引到站外（0 条标准）" in result.output and "写入这个历史项目？" in result.output
    assert "个判定步骤" in result.output
    assert not [fragment for fragment in english_fragments("cli.kb.") if fragment in result.output]


# -- 4. the top-level error line -----------------------------------------------------------------------
def _main_raising(monkeypatch, capsys, error: BaseException) -> tuple[int, str]:
    from assistant.cli import main as main_module

    def boom() -> None:
        raise error

    monkeypatch.setattr(main_module, "app", boom)
    with pytest.raises(SystemExit) as stopped:
        main_module.main()
    return int(stopped.value.code), capsys.readouterr().err


def test_error_and_interrupted_lines_follow_the_setting(monkeypatch, capsys, zh):
    code, err = _main_raising(monkeypatch, capsys, InputError("找不到文件 评论.csv"))
    assert code == 2 and err.strip() == "错误：找不到文件 评论.csv"
    code, err = _main_raising(monkeypatch, capsys, KeyboardInterrupt())
    assert code == 130 and err.strip() == "已中断"


def test_error_line_is_english_when_the_settings_do_not_load(monkeypatch, capsys):
    monkeypatch.setenv("RULEBOOK_LANGUAGE", "zh")
    monkeypatch.setenv("RULEBOOK_TEMPERATURE", "hot")  # invalid: the settings fail to load
    reset_settings()
    code, err = _main_raising(monkeypatch, capsys, InputError("no such file reviews.csv"))
    assert err.strip() == "error: no such file reviews.csv"


def test_an_error_from_the_catalogue_reads_in_the_readers_language(monkeypatch, capsys, zh, tmp_path):
    from assistant.integrations.datafiles import read_records

    missing = tmp_path / "评论.csv"
    with pytest.raises(InputError) as caught:
        read_records(missing)
    assert str(caught.value) == f"{missing}: file not found"  # logs and tests read English
    assert caught.value.render("zh") == f"{missing}：文件不存在"
    code, err = _main_raising(monkeypatch, capsys, caught.value)
    assert code == 2 and err.strip() == f"错误：{missing}：文件不存在"


def test_an_upload_error_from_the_catalogue_names_the_file_as_the_user_knows_it(tmp_path):
    from ui.components import named_errors

    stored = tmp_path / "uploads" / "ab12" / "items.json"
    error = named_errors(stored, "我的数据.json")(InputError(Message("error.datafiles.not_a_list", path=str(stored))))
    assert isinstance(error, InputError)
    assert str(error) == "我的数据.json: expected a JSON list of objects"
    assert error.render("zh") == "我的数据.json：应为由对象组成的 JSON 列表"


def test_an_upload_error_names_the_file_inside_nested_messages_too(tmp_path):
    from ui.components import named_errors

    stored = tmp_path / "uploads" / "cd34" / "export.json"
    inner = Message("error.datafiles.not_a_list", path=str(stored))
    error = named_errors(stored, "导出.json")(InputError(Message("error.agreement.one_label_set", path=str(stored), error=inner)))
    assert str(stored) not in str(error) and str(stored) not in error.render("zh")
    assert "导出.json" in error.render("zh")


# -- 5. masking lines ----------------------------------------------------------------------------------
def test_masking_state_and_counts_in_chinese():
    remote = masking_state(Settings(_env_file=None, openai_base_url="https://llm.example.org/v1"))
    assert remote.on and remote.reason == "the endpoint llm.example.org is not on this machine"
    assert remote.describe("zh") == "开启（接口 llm.example.org 不在本机）"
    local = masking_state(Settings(_env_file=None, openai_base_url="http://127.0.0.1:9000/v1"))
    assert local.describe("en").startswith("off (the endpoint 127.0.0.1:9000 is on this machine")
    line = describe_counts(Message("pii.state.off", reason=local.why), {"PHONE": 3, "EMAIL": 1}, {"EMAIL": 2}, "zh", on=False)
    assert line == ("个人信息：脱敏关闭（接口 127.0.0.1:9000 在本机；设置 RULEBOOK_MASK_PII=on 仍会脱敏）；条目和示例中有 4 个值会以明文发送"
                    "：PHONE 3、EMAIL 1；每个请求的规则书前缀含 2 个（EMAIL 2）")
    english = describe_counts("on (RULEBOOK_MASK_PII=on)", {"CN_ID": 2}, {})
    assert english == "personal data: masking on (RULEBOOK_MASK_PII=on); 2 value(s) in the items and examples would be masked: CN_ID 2"


# -- 6. the server-slots reason ------------------------------------------------------------------------
def test_server_slots_reason_is_a_message_shown_in_the_notes_language():
    slots, how = server_slots(Settings(_env_file=None, openai_base_url="http://127.0.0.1:9000/v1", server_slots=2))
    assert slots == 2 and isinstance(how, Message) and how.id == "prelabel.note.slots.setting"
    for reason, chinese in (("prelabel.note.slots.props", "服务器的 /props"),
                            ("prelabel.note.slots.one_at_a_time", "一次只处理一个请求")):
        note = text("prelabel.note.concurrency", "en", workers=6, slots=1, how=Message(reason))  # stored in English
        shown = localize(note, "zh", "prelabel.note.", "\n")
        assert shown.startswith("并发 6 → 1") and chinese in shown
        assert "server's" not in shown and "answers one request" not in shown
    assert localize(note, "en", "prelabel.note.", "\n") == note


def test_a_value_is_only_translated_when_it_is_a_whole_catalogue_text():
    # a captured value that merely contains a reason's words stays as written
    note = text("prelabel.note.concurrency", "en", workers=3, slots=2, how="the server's /props, said twice")
    assert "the server's /props, said twice" in localize(note, "zh", "prelabel.note.", "\n")


# -- 7. references: one serialisation in core ----------------------------------------------------------
def test_core_references_round_trip_with_their_kinds():
    message = Message("doctor.kb.differ", where="本地索引", figures=Message("doctor.kb.figures", documents=3, index_projects=1,
                      store_projects=2), parts=Items([Message("doctor.kb.extra", projects=Items(["旧项目"], plain=True))],
                                                     plain=True, separator="list.part_separator"))
    ref = message.to_dict()
    assert ref["values"]["parts"]["separator"] == "list.part_separator" and ref["values"]["figures"]["id"] == "doctor.kb.figures"
    back = from_dict(json.loads(json.dumps(ref)))
    for language in ("en", "zh"):
        assert back.render(language) == message.render(language)
    assert message_refs.dump(message) == ref and message_refs.load(ref).render("zh") == message.render("zh")


def test_evaluation_kinds_keep_their_own_references():
    explanation = Explanation("3 of 4 agree.")
    note = Message("list.part_separator")
    nested = Message("pii.state.on", reason=message_refs.Written("由评审员写的原因", {"en": "a reviewer's reason"}))
    assert message_refs.dump(explanation) == {"explanation": "3 of 4 agree."}
    ref = message_refs.dump(nested)
    assert ref["values"]["reason"] == {"text": "由评审员写的原因", "texts": {"en": "a reviewer's reason"}}
    back = message_refs.load(json.loads(json.dumps(ref)))
    assert back.render("en") == "on (a reviewer's reason)" and back.render("zh") == "开启（由评审员写的原因）"
    assert message_refs.load(message_refs.dump(note)).render("zh") == "；"
