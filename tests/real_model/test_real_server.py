"""The CLI's own commands against a real model behind a real server (llama.cpp's Python server).

What is asserted is the integration, not the tiny model's wisdom: every command ends with a valid
output or one clear error (never a traceback or a hang); `auto` settles on a method the server
accepts; constrained decoding keeps every pre-label inside the label set and the batch's ids;
every item appears exactly once, labeled or as an error record that --resume retries; confidence
comes from the logprobs the server sent; token accounting matches the server's usage figures.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.real_model

DATA = Path(__file__).parent / "data"
REQUEST_ZH = "我们想让客服机器人更懂用户的投诉，分成愤怒投诉、一般不满、中性咨询三类，下个月底前要3000条"
REQUEST_EN = "We need to tag 2,000 support emails as refund, complaint or other by next Friday"


def clean(code: int, out: str, err: str) -> None:
    """A valid output (exit 0) or one clear error line, never a traceback."""
    assert "Traceback" not in out + err, err[-2000:]
    if code != 0:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        assert last.startswith("error:") and len(last) < 2000, err[-2000:]


def bodies(proxy) -> list[dict]:
    return [record["body"] for record in proxy.chat]


def settled_on_one_accepted_way(proxy) -> None:
    """`auto`: at most one refused request (json_schema, HTTP 500 here), then one accepted shape only."""
    refused = [r for r in proxy.chat if r["status"] == 500]
    assert len(refused) <= 1
    accepted = {json.dumps(r["body"].get("response_format", {}).get("type")) + str(bool(r["body"].get("tools"))) for r in proxy.chat if r["status"] == 200}
    assert len(accepted) == 1, accepted


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ids_of(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["id"] for row in csv.DictReader(handle)]


def test_doctor_says_the_server_answers_and_that_it_cannot_verify_the_model_name(cli, real_env):
    code, out, err = cli("doctor", "--json")
    clean(code, out, err)
    report = json.loads(out)
    checks = {check["name"]: check for check in report["checks"]}
    assert code == 0 and checks["llm"]["ok"]
    assert "cannot verify 'smollm2-135m'" in checks["llm model name"]["detail"]
    assert "1 request(s) at once" in checks["llm model name"]["detail"]
    assert all(body["max_tokens"] == 5 for body in bodies(real_env))


@pytest.mark.parametrize(
    ("request_text", "method"),
    [(REQUEST_ZH, "auto"), (REQUEST_EN, "function_calling")],
    ids=["zh-auto", "en-function_calling"],
)
def test_breakdown(cli, real_env, monkeypatch, request_text, method):
    monkeypatch.setenv("RULEBOOK_STRUCTURED_METHOD", method)
    monkeypatch.setenv("RULEBOOK_MAX_ANSWER_TOKENS", "500")
    code, out, err = cli("breakdown", request_text, "--json")  # no past projects: a short prompt
    clean(code, out, err)
    if code == 0:
        data = json.loads(out)
        assert data["engine"] == "llm" and data["project_id"].startswith("p-")
    sent = bodies(real_env)
    assert sent and all(body["max_tokens"] <= 500 and "max_completion_tokens" not in body for body in sent)
    if method == "auto":
        settled_on_one_accepted_way(real_env)
    else:
        assert all(body["tool_choice"]["function"]["name"] == "BreakdownDraft" for body in sent)


def test_draft_then_check(cli, real_env, monkeypatch, tmp_path):
    monkeypatch.setenv("RULEBOOK_STRUCTURED_METHOD", "json_mode")
    monkeypatch.setenv("RULEBOOK_MAX_ANSWER_TOKENS", "600")
    code, out, err = cli("draft", "--request", REQUEST_EN, "--json", str(tmp_path / "rb.json"))
    clean(code, out, err)
    assert all(body["response_format"] == {"type": "json_object"} for body in bodies(real_env))
    if code == 0:
        code, out, err = cli("check", str(tmp_path / "rb.json"), "--json")
        clean(code, out, err)
        assert code in (0, 1) and "issues" in json.loads(out)
    else:
        assert not (tmp_path / "rb.json").exists()  # nothing half-written


def prelabel(cli, tmp_path, rulebook, items, *args):
    out = tmp_path / "pre.jsonl"
    code, stdout, err = cli("prelabel", "--rulebook", str(DATA / rulebook), "--input", str(DATA / items), "--out", str(out), "--no-cache", *args)
    clean(code, stdout, err)
    return code, stdout, err, out


def usage_reported(stdout: str) -> tuple[int, int]:
    # the summary follows the rulebook's language: "tokens 1,234 prompt + 56 completion" / "token：提示 1,234 + 生成 56"
    match = re.search(r"tokens ([\d,]+) prompt \+ ([\d,]+) completion|提示 ([\d,]+) \+ 生成 ([\d,]+)", stdout)
    assert match, stdout
    prompt, completion = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    return int(prompt.replace(",", "")), int(completion.replace(",", ""))


def inside_the_label_set(records: list[dict], rulebook: str) -> None:
    names = {label["name"] for label in json.loads((DATA / rulebook).read_text(encoding="utf-8"))["labels"]} | {"abstain"}
    for record in records:
        if record["status"] != "error":
            assert record["label"] in names and set(record["labels"]) <= names, record


@pytest.mark.parametrize(
    ("rulebook", "items", "count", "batch", "concurrency", "method"),
    [
        ("rulebook_en.json", "items_en.csv", 8, 8, 1, "auto"),
        ("rulebook_zh.json", "items_zh.csv", 3, 1, 4, "json_schema"),
        ("rulebook_en_multi.json", "items_en.csv", 4, 4, 1, "json_mode"),
        ("rulebook_zh.json", "items_zh.csv", 4, 4, 1, "function_calling"),
    ],
    ids=["en-single-b8-c1-auto", "zh-single-b1-c4-json_schema", "en-multi-b4-c1-json_mode", "zh-single-b4-c1-function_calling"],
)
def test_prelabel(cli, real_env, monkeypatch, tmp_path, rulebook, items, count, batch, concurrency, method):
    monkeypatch.setenv("RULEBOOK_STRUCTURED_METHOD", method)
    rows = list(csv.DictReader(open(DATA / items, newline="", encoding="utf-8")))[:count]
    with open(tmp_path / "items.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerows(rows)
    items = str(tmp_path / "items.csv")
    code, stdout, err, out = prelabel(cli, tmp_path, rulebook, items, "--batch-size", str(batch), "--concurrency", str(concurrency))
    wanted = ids_of(DATA / items)
    records = read_jsonl(out)
    assert sorted(record["id"] for record in records) == sorted(wanted)  # every item exactly once
    inside_the_label_set(records, rulebook)
    sent = bodies(real_env)
    answered = [r for r in real_env.chat if r["status"] == 200]
    # constrained decoding: every answer's ids are the batch's ids, every label in the label set
    for body in sent:
        schema = (body.get("response_format") or {}).get("schema") or (body.get("response_format") or {}).get("json_schema", {}).get("schema")
        if body.get("tools"):
            schema = body["tools"][0]["function"]["parameters"]
        if schema is not None:
            entry = schema["properties"]["items"]["items"]["properties"]
            assert entry["id"]["enum"] and entry["label"]["enum"][-1] == "abstain"
    if method == "auto":
        settled_on_one_accepted_way(real_env)
    if concurrency > 1 and count > batch:
        workers = min(concurrency, -(-count // batch))
        assert f"concurrency {workers} → 1" in err or f"并发 {workers} → 1" in err  # this server handles one request at a time
    # token accounting matches what the server reported; a request given up on (a timeout on a very
    # busy machine) is estimated at its bound, which is at least what the server then generated
    prompt, completion = usage_reported(stdout)
    if "are estimated" in stdout or "是估计值" in stdout:
        assert prompt >= real_env.usage()[0] * 0.8 and completion >= real_env.usage()[1]
    else:
        assert (prompt, completion) == real_env.usage()
    # confidence comes from the logprobs the server sent (single-label answers)
    if not rulebook.endswith("_multi.json") and method != "function_calling":
        from assistant.prelabel.confidence import label_probabilities

        assert all(body.get("top_logprobs") == 1 for body in sent if body.get("logprobs"))
        expected: dict[str, float] = {}
        for record in answered:
            choice = record["response"]["choices"][0]
            raw = choice["message"]["content"] or ""
            try:
                answer = json.loads(raw)["items"]
            except (ValueError, KeyError, TypeError):
                continue
            probabilities = label_probabilities(raw, (choice.get("logprobs") or {}).get("content"), len(answer))
            seen: set[str] = set()
            for entry, probability in zip(answer, probabilities):
                if entry.get("id") in seen:
                    continue  # a repeated answer for an id is ignored; the first one counts
                seen.add(entry.get("id"))
                if probability is not None:
                    expected[entry.get("id")] = round(probability, 4)
        checked = [r for r in records if r["status"] == "labeled" and r["id"] in expected]
        assert checked, "no labeled item's confidence could be read from the logprobs"
        assert all(r["confidence"] == pytest.approx(expected[r["id"]], abs=1e-4) for r in checked)
    # error records are retried by --resume, which keeps every item exactly once
    if any(record["status"] == "error" for record in records):
        code, stdout, err, out = prelabel(cli, tmp_path, rulebook, items, "--batch-size", str(batch), "--resume")
        assert sorted(record["id"] for record in read_jsonl(out)) == sorted(wanted)


def test_agree_writes_its_report_and_adds_rule_suggestions(cli, real_env, tmp_path):
    human = {"e1": "negative", "e2": "positive", "e3": "neutral", "e4": "positive", "e5": "negative", "e6": "neutral", "e7": "positive", "e8": "negative"}
    # a second annotator who disagrees with the first on purpose, so there are confusions to suggest rules for
    flipped = {"e1": "neutral", "e2": "positive", "e3": "negative", "e4": "positive", "e5": "neutral", "e6": "negative", "e7": "positive", "e8": "neutral"}
    for name, labels in (("a.csv", human), ("b.csv", flipped)):
        with open(tmp_path / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "label"])
            writer.writerows(labels.items())
    report = tmp_path / "agreement.md"
    code, stdout, err = cli(
        "agree", "--a", str(tmp_path / "a.csv"), "--b", str(tmp_path / "b.csv"), "--rulebook", str(DATA / "rulebook_en.json"),
        "--texts", str(DATA / "items_en.csv"), "--report", str(report), "--bootstrap", "0",
    )
    clean(code, stdout, err)
    assert code == 0 and report.exists() and report.stat().st_size > 0
    assert len(real_env.chat) >= 1  # the LLM suggestions step ran
    assert "suggestions:" in stdout or "LLM rule suggestions failed" in err
