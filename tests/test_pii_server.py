"""Personal data stays home, end to end through the loopback OpenAI-compatible server.

The server records every request body. Masking is forced on (the server is loopback, where it is off
by default); breakdown, draft, pre-labeling (labels and spans), the streamed chat reply, plain text
and embeddings run with planted personal values. No planted value may appear in any request; where
the model echoes a placeholder, the user sees the original value.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest

import tests.openai_server as stub_module
from assistant.breakdown.five_w2h import break_down
from assistant.llm.factory import get_llm
from assistant.core.models import BreakdownDraft, BreakdownField, Rulebook
from assistant.prelabel.job import run_job
from assistant.rulebook.draft import draft_rulebook
from assistant.core.settings import Settings, reset_settings
from tests.openai_server import Reply

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 27)
PLANTED = {
    "CN_ID": "11010519491231002X",
    "BANK_CARD": "6222 0212 3456 7890 128",
    "PHONE_CN": "+86 138-1234-5678",
    "PHONE_INTL": "+44 20 7946 0958",
    "EMAIL": "li.lei@example.cn",
    "IPV4": "203.0.113.45",
    "IPV6": "2001:db8:85a3::8a2e:370:7334",
    "EMPLOYEE_ID": "EMP-204817",
}
# the same values in other spellings must not leak either
VARIANTS = ["6222021234567890128", "13812345678", "138-1234-5678", "2079460958", "li.lei", "203.0.113", "8a2e:370:7334", "204817"]
PLANTED_TEXT = (
    "联系人李雷，身份证11010519491231002X，银行卡 6222 0212 3456 7890 128，手机+86 138-1234-5678，"
    "海外 +44 20 7946 0958，邮箱 li.lei@example.cn，登录IP 203.0.113.45 / 2001:db8:85a3::8a2e:370:7334，工号EMP-204817"
)
PLACEHOLDER = re.compile(r"⟦[A-Z][A-Z0-9_]*_\d+⟧")
ITEM = re.compile(r'<item id="([^"]*)">(.*?)</item>', re.S)


@pytest.fixture(autouse=True)
def _no_nagle(monkeypatch):
    monkeypatch.setattr(stub_module._Handler, "disable_nagle_algorithm", True)


@pytest.fixture
def masked(llm_env, monkeypatch):
    """The loopback server, with masking forced on and one custom pattern."""
    monkeypatch.setenv("RULEBOOK_MASK_PII", "on")
    monkeypatch.setenv("RULEBOOK_PII_PATTERNS", json.dumps({"EMPLOYEE_ID": r"EMP-\d{6}"}))
    reset_settings()
    return llm_env


def assert_nothing_leaked(server) -> None:
    assert server.requests, "no request reached the server"
    log = json.dumps([request["body"] for request in server.requests], ensure_ascii=False)
    for value in [*PLANTED.values(), *VARIANTS]:
        assert value not in log, f"{value!r} reached the LLM server"


def placeholders(body: dict) -> list[str]:
    text = "\n".join(str(message.get("content") or "") for message in body["messages"])
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def assert_restored(text: str) -> None:
    for value in PLANTED.values():
        assert value in text, f"{value!r} not restored in {text[:300]!r}"
    assert "⟦" not in text


def make_llm():
    llm = get_llm(Settings())
    assert llm is not None and llm.pii is not None
    llm.sleep = lambda _: None

    async def no_wait(_seconds: float) -> None:
        return None

    llm.async_sleep = no_wait
    return llm


# -- breakdown and draft ---------------------------------------------------------------------
def breakdown_answer(body: dict) -> Reply:
    draft = BreakdownDraft()
    draft.what.task_type = BreakdownField(value="sentiment", status="inferred", confidence=0.7)
    data = draft.model_dump(mode="json")
    data["questions"] = [{"rank": 1, "field": "how_much.volume", "question": "需要标注多少条？", "reason": "未提及"}]
    data["assumptions"] = ["需求里的联系方式：" + "、".join(placeholders(body))]
    return Reply.json(data)


def test_breakdown_sends_no_planted_value_and_shows_the_originals(masked, seeded_workspace):
    masked.responder = breakdown_answer
    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    request = "我们想让客服机器人更懂用户的投诉。" + PLANTED_TEXT
    result = break_down(request, seeded_workspace.kb, past, make_llm(), today=TODAY)
    assert_nothing_leaked(masked)
    assert len(placeholders(masked.chat_requests[0]["body"])) == len(PLANTED)  # each value its own placeholder
    assert_restored(" ".join(result.assumptions))
    assert result.request == request


def test_draft_sends_no_planted_value_and_restores_examples(masked, seeded_workspace):
    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    breakdown = break_down("我们想让客服机器人更懂用户的投诉。" + PLANTED_TEXT, seeded_workspace.kb, past, None, today=TODAY)
    source = past["cs-complaint-sentiment-zh"]

    def rulebook_answer(body: dict) -> Reply:
        seen = "、".join(placeholders(body))
        labels = [
            {"name": label.name, "definition": label.definition, "criteria": label.criteria,
             "examples": [{"text": f"用户留下 {seen}，要求处理", "label": label.name, "polarity": "positive",
                           "explanation": f"含 {seen}", "source": "new"}]}
            for label in source.rules.labels
        ]
        return Reply.json({"title": "投诉情绪标注规则", "task_type": "sentiment", "task_definition": "判断每条消息的投诉情绪",
                           "labels": labels, "decision_procedure": ["先看硬信号"]})

    masked.responder = rulebook_answer
    rulebook = draft_rulebook(breakdown, past, seeded_workspace.kb, seeded_workspace.embedder, Settings(), make_llm())
    assert_nothing_leaked(masked)
    assert rulebook.engine == "llm"
    for example in rulebook.examples():
        assert_restored(example.text)
        assert_restored(example.explanation)


# -- pre-labeling --------------------------------------------------------------------------------
def write_items(path: Path, rows: list[tuple[str, str]]) -> None:
    path.write_text("\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in rows) + "\n", encoding="utf-8")


def read_out(path: Path) -> dict[str, dict]:
    return {record["id"]: record for record in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_prelabel_sends_no_planted_value_and_restores_ids_and_rationales(masked, tmp_path):
    rulebook = Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))
    rows = [("m1", "我要投诉！" + PLANTED_TEXT), (PLANTED["EMAIL"], "谢谢客服，问题解决了"), ("m3", "物流怎么还没到")]
    write_items(tmp_path / "items.jsonl", rows)

    def label(body: dict) -> Reply:
        answers = []
        user = [m for m in body["messages"] if m["role"] == "user"][-1]["content"]
        for item_id, text in ITEM.findall(user):
            seen = "、".join(PLACEHOLDER.findall(html.unescape(text)))
            answers.append({"id": html.unescape(item_id), "label": "愤怒投诉" if "投诉" in text else "中性咨询",
                            "confidence": 0.9, "rationale": f"提到 {seen}" if seen else "无", "rule": "r"})
        return Reply.json({"items": answers})

    masked.responder = label
    summary = run_job(rulebook, tmp_path / "items.jsonl", tmp_path / "pre.jsonl", llm=make_llm(), concurrency=1)
    assert summary.counts["error"] == 0
    assert_nothing_leaked(masked)
    records = read_out(tmp_path / "pre.jsonl")
    assert set(records) == {"m1", PLANTED["EMAIL"], "m3"}  # an e-mail used as an item id is masked and restored
    assert records["m1"]["label"] == "愤怒投诉"
    assert_restored(records["m1"]["rationale"])


def test_prelabel_spans_map_back_to_the_original_offsets(masked, tmp_path):
    rulebook = Rulebook.model_validate_json((DATA / "rulebook_medical_ner_zh.json").read_text(encoding="utf-8"))
    email = "li.lei.longname@example-hospital.cn"  # much longer than its placeholder
    text = f"头痛，邮箱 {email} 仍头痛"
    write_items(tmp_path / "items.jsonl", [("n1", text)])

    def spans(body: dict) -> Reply:
        user = [m for m in body["messages"] if m["role"] == "user"][-1]["content"]
        item_id, shown = ITEM.findall(user)[0]
        shown = html.unescape(shown)
        second = shown.rfind("头痛")  # the second occurrence, by offsets over the masked text
        mark = PLACEHOLDER.search(shown)
        return Reply.json({"items": [{"id": item_id, "label": "症状", "confidence": 0.9, "rationale": "r", "rule": "r", "spans": [
            {"start": second, "end": second + 2, "text": "头痛", "label": "症状"},
            {"start": mark.start(), "end": mark.end(), "text": mark.group(), "label": "检查"},
        ]}]})

    masked.responder = spans
    run_job(rulebook, tmp_path / "items.jsonl", tmp_path / "pre.jsonl", llm=make_llm(), concurrency=1)
    assert email not in json.dumps([r["body"] for r in masked.requests], ensure_ascii=False)
    record = read_out(tmp_path / "pre.jsonl")["n1"]
    by_label = {span["label"]: span for span in record["spans"]}
    assert (by_label["症状"]["start"], by_label["症状"]["end"]) == (text.rfind("头痛"), text.rfind("头痛") + 2)
    value = by_label["检查"]
    assert (value["start"], value["end"], value["text"]) == (text.index(email), text.index(email) + len(email), email)


def test_prelabel_dry_run_reports_what_would_be_masked(llm_env, cli, tmp_path, monkeypatch):
    rulebook = tmp_path / "rb.json"
    rulebook.write_text((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"), encoding="utf-8")
    write_items(tmp_path / "items.jsonl", [("m1", PLANTED_TEXT), ("m2", "邮件 li.lei@example.cn 又来了")])
    code, out, _ = cli("prelabel", "-r", str(rulebook), "-i", str(tmp_path / "items.jsonl"), "--out", str(tmp_path / "pre.jsonl"), "--dry-run")
    assert code == 0
    # the plan is in the rulebook's language (zh), the masking line with it
    assert "个人信息：脱敏关闭（接口 127.0.0.1" in out  # loopback: off by default
    assert "会以明文发送" in out and "EMAIL 2" in out and "CN_ID 1" in out and "PHONE 2" in out
    assert "personal data" not in out and "would be" not in out
    monkeypatch.setenv("RULEBOOK_PII_PATTERNS", json.dumps({"EMPLOYEE_ID": r"EMP-\d{6}"}))
    code, out, _ = cli("--mask-pii", "on", "prelabel", "-r", str(rulebook), "-i", str(tmp_path / "items.jsonl"), "--out", str(tmp_path / "pre.jsonl"), "--dry-run")
    assert code == 0 and "个人信息：脱敏开启（RULEBOOK_MASK_PII=on）；条目和示例中有 9 个值会被脱敏" in out
    assert "EMPLOYEE_ID 1" in out and "BANK_CARD 1" in out and "IPV4 1" in out and "IPV6 1" in out
    assert not llm_env.chat_requests  # a dry run sends nothing


# -- text, stream, embeddings, doctor --------------------------------------------------------
def test_streamed_and_plain_text_answers_are_masked_and_restored(masked):
    from assistant.llm.prompts import load_prompt

    prompt = load_prompt("chat_reply")
    variables = {"language": "zh", "step": "breakdown", "message": PLANTED_TEXT, "result": "ok"}
    masked.responder = lambda body: Reply.text("已记录：" + "、".join(placeholders(body)))
    llm = make_llm()
    assert_restored("".join(llm.stream(prompt, variables, step="chat reply")))
    assert_restored(llm.text(prompt, variables, step="chat reply"))
    assert_nothing_leaked(masked)


def test_embeddings_requests_are_masked(masked, monkeypatch):
    from assistant.llm.embeddings import OpenAIEmbedder

    monkeypatch.setenv("RULEBOOK_EMBEDDING_PROVIDER", "openai")
    reset_settings()
    vectors = OpenAIEmbedder(Settings()).embed([PLANTED_TEXT, "普通文本"])
    assert vectors.shape[0] == 2
    assert [r["path"] for r in masked.requests] == ["/v1/embeddings"]
    assert_nothing_leaked(masked)


def test_doctor_and_the_engine_line_show_the_masking_state(llm_env, cli):
    code, out, _ = cli("doctor")
    line = next(line for line in out.splitlines() if "] personal data" in line)
    assert "not masked: off (the endpoint 127.0.0.1" in line and "EMAIL" in line
    code, out, _ = cli("--mask-pii", "on", "doctor")
    line = next(line for line in out.splitlines() if "] personal data" in line)
    assert "masked before sending: on (RULEBOOK_MASK_PII=on)" in line
    code, _, err = cli("--mask-pii", "maybe", "doctor")
    assert code == 2 and "--mask-pii must be auto, on or off" in err


def test_the_rulebook_prefix_is_masked_the_same_in_every_request(masked, tmp_path):
    """Placeholders of the rulebook prefix are numbered first, so the prefix stays byte-identical
    across requests (a provider's prompt cache keeps working), whatever personal data the items hold."""
    rulebook = Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))
    rulebook.labels[0].examples[0].text += " 请联系 kefu@example.com"
    write_items(tmp_path / "items.jsonl", [("wang@example.org", "我要投诉"), ("zhao@example.org", "谢谢"), ("m3", "物流慢 13812345678")])

    def label(body: dict) -> Reply:
        user = [m for m in body["messages"] if m["role"] == "user"][-1]["content"]
        return Reply.json({"items": [{"id": html.unescape(i), "label": "中性咨询", "confidence": 0.9, "rationale": "r", "rule": "r"}
                                     for i, _ in ITEM.findall(user)]})

    masked.responder = label
    summary = run_job(rulebook, tmp_path / "items.jsonl", tmp_path / "pre.jsonl", llm=make_llm(), concurrency=1, batch_size=1)
    assert summary.counts["error"] == 0 and set(read_out(tmp_path / "pre.jsonl")) == {"wang@example.org", "zhao@example.org", "m3"}
    systems = [r["body"]["messages"][0]["content"] for r in masked.chat_requests]
    assert len(systems) == 3 and len(set(systems)) == 1 and "⟦EMAIL_1⟧" in systems[0]
    log = json.dumps([r["body"] for r in masked.requests], ensure_ascii=False)
    assert not any(value in log for value in ("kefu@example.com", "wang@example.org", "zhao@example.org", "13812345678"))
