"""Rule suggestions: LLM-proposed edits are shown, checked, and applied only when accepted."""

import json
from pathlib import Path

from assistant.llm.chat import ChatLLM
from assistant.core.models import Rulebook
from evaluation.suggestions import accept_suggestion
from evaluation.trial import evaluate_files
from tests.fake_chat import ScriptedChatModel

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "evaluation" / "samples"
RULEBOOK = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"

PROPOSAL = {
    "suggestions": [
        {
            "pair": ["愤怒投诉", "一般不满"],
            "message": "分歧集中在没有硬信号但语气很重的消息。",
            "proposed_edits": ["给一般不满加判定标准：语气再重，没有硬信号也只标一般不满"],
            "edits": [
                {"op": "add_criterion", "label": "一般不满", "text": "语气再重（感叹号、脏话以外的情绪词），只要没有硬信号，就标一般不满。"},
                {"op": "add_criterion", "label": "不存在的标签", "text": "这条会被丢掉"},
            ],
        }
    ]
}


def test_llm_suggestions_carry_checked_edits_and_accepting_makes_a_new_version():
    rulebook = Rulebook.model_validate_json(RULEBOOK.read_text(encoding="utf-8"))
    chat = ScriptedChatModel(script=[json.dumps(PROPOSAL, ensure_ascii=False)], calls=[])
    llm = ChatLLM(chat=chat, model="fake", sleep=lambda _: None)
    trial = evaluate_files([SAMPLES / "human_a.csv", SAMPLES / "human_b.csv"], rulebook, texts_path=SAMPLES / "items.csv", bootstrap=0, llm=llm)
    suggestion = trial.suggestions[0]
    assert suggestion.engine == "llm" and suggestion.count == 3
    assert len(suggestion.edits) == 1  # the edit naming an unknown label is not offered
    prompt = chat.calls[0][-1].content
    assert "愤怒投诉 vs 一般不满: 3 items" in prompt and "c005" in prompt
    new = accept_suggestion(rulebook, suggestion)
    assert new.version == rulebook.version + 1
    assert new.label("一般不满").criteria[-1].startswith("语气再重")
    assert rulebook.label("一般不满").criteria == Rulebook.model_validate_json(RULEBOOK.read_text(encoding="utf-8")).label("一般不满").criteria


def test_offline_suggestions_cannot_be_accepted_blindly(cli):
    import pytest

    from assistant.core.errors import InputError

    rulebook = Rulebook.model_validate_json(RULEBOOK.read_text(encoding="utf-8"))
    trial = evaluate_files([SAMPLES / "human_a.csv", SAMPLES / "human_b.csv"], rulebook, bootstrap=0)
    assert trial.suggestions and trial.suggestions[0].engine == "offline"
    with pytest.raises(InputError, match="rulebook revise"):
        accept_suggestion(rulebook, trial.suggestions[0])


def test_accept_from_the_command_line_through_the_local_llm_server(cli, llm_env, tmp_path, monkeypatch):
    from tests.openai_server import Reply

    # breakdown and draft run offline here; only the agreement round talks to the LLM server
    configured = {name: __import__("os").environ[name] for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY")}
    for name in configured:
        monkeypatch.delenv(name)
    cli("kb", "seed")
    code, out, _ = cli("breakdown", "我们想让客服机器人更懂用户的投诉", "--json")
    project = json.loads(out)["project_id"]
    rulebook_path = tmp_path / "rb.json"
    cli("draft", "--project", project, "--json", str(rulebook_path))
    for name, value in configured.items():
        monkeypatch.setenv(name, value)
    llm_env.script(Reply.json(PROPOSAL))
    code, out, err = cli("agree", "--a", str(SAMPLES / "human_a.csv"), "--b", str(SAMPLES / "human_b.csv"),
                         "--rulebook", str(rulebook_path), "--project", project, "--bootstrap", "0")
    assert code == 0, err
    assert "给一般不满加判定标准" in out and "rulebook accept PROJECT_ID" in out
    assert len(llm_env.chat_requests) == 1
    code, out, err = cli("accept", project, "1")
    assert code == 0, err
    assert "saved rulebook version 2" in err and "语气再重" in out
    code, _, err = cli("accept", project, "5")
    assert code == 2 and "suggestions 1–1" in err


def test_agree_keeps_its_report_when_the_llm_suggestions_fail(cli, llm_env, tmp_path):
    """Issue 12.6: the optional LLM step failing (here: answers cut off at their bound) loses nothing."""
    from tests.openai_server import Reply

    llm_env.script(*[Reply.text('{"suggestions": [{"pair": ["a", "b"], "message": "' + "x" * 9000)] * 3)
    report = tmp_path / "agreement.md"
    code, out, err = cli("agree", "--a", str(SAMPLES / "human_a.csv"), "--b", str(SAMPLES / "human_b.csv"),
                         "--rulebook", str(RULEBOOK), "--report", str(report), "--bootstrap", "0", "--json")
    assert code == 0, err
    assert report.exists() and report.stat().st_size > 500
    data = json.loads(out)
    assert "LLM rule suggestions failed" in data["suggestions_note"] and "cut off" in data["suggestions_note"]
    assert data["suggestions"]  # the offline suggestions are kept
    assert "note: LLM rule suggestions failed" in err
