"""`rulebook prelabel --batch-api` and `rulebook jobs`, against a loopback server with the Batch API.

The fake model answers each request line by the keyword rule of `tests.test_prelabel_server`, so
the expected label of every id is known whatever rounds, expiries and failures happen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tests.openai_server as stub_module
from assistant.llm.batch_api import BatchClient
from assistant.llm.factory import get_llm
from assistant.prelabel.job import run_job
from assistant.core.settings import Settings, reset_settings
from tests.batch_server import BatchStubServer, Outcome
from tests.test_prelabel_server import DATA, Responder, items_in, keyword_label, read_out, write_items

RULEBOOK = str(DATA / "rulebook_complaints_zh.json")


@pytest.fixture(autouse=True)
def _no_nagle(monkeypatch):
    monkeypatch.setattr(stub_module._Handler, "disable_nagle_algorithm", True)


@pytest.fixture
def server(monkeypatch):
    with BatchStubServer() as stub:
        stub.responder = Responder()
        monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key-123456")
        monkeypatch.setenv("RULEBOOK_MODEL", "stub-model")
        monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "2")
        reset_settings()
        yield stub


def posts(server, path: str) -> int:
    return sum(1 for r in server.requests if r["method"] == "POST" and r["path"] == path)


def job_ids(tmp_path: Path) -> list[str]:
    return sorted(p.parent.name for p in (tmp_path / "data" / "jobs").glob("*/state.json"))


def state_of(tmp_path: Path, job_id: str) -> dict:
    return json.loads((tmp_path / "data" / "jobs" / job_id / "state.json").read_text(encoding="utf-8"))


def prelabel(cli, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    return cli("prelabel", "-r", RULEBOOK, "-i", str(tmp_path / "items.jsonl"), "-o", str(tmp_path / "pre.jsonl"),
               "--batch-api", "--poll-interval", "0", *extra)  # fmt: skip


def assert_all_labeled(path: Path, rows: list[tuple[str, str]]) -> None:
    records = read_out(path)
    assert [r["id"] for r in records] == [i for i, _ in rows]  # input order, once each
    assert [r["label"] for r in records] == [keyword_label(t) for _, t in rows]
    assert {r["status"] for r in records} == {"labeled"} and {r["engine"] for r in records} == {"llm"}


def test_a_batch_job_labels_every_item_through_files_and_batches(server, cli, tmp_path):
    server.plan(Outcome(polls=2))
    rows = write_items(tmp_path / "items.jsonl", 23)
    code, out, err = prelabel(cli, tmp_path, "-b", "5")
    assert code == 0, err
    assert_all_labeled(tmp_path / "pre.jsonl", rows)
    assert server.chat_requests == []  # nothing went online: all of it ran as one batch
    assert posts(server, "/v1/files") == 1 and posts(server, "/v1/batches") == 1
    lines = server.uploaded_lines()
    assert len(lines) == 5 and {line["url"] for line in lines} == {"/v1/chat/completions"}
    assert len({line["custom_id"] for line in lines}) == 5
    assert "23 条：已标注 23、弃权 0、错误 0" in out and "在线价格的一半" in out  # the zh rulebook's language
    assert "批处理" in err and "已完成 " in err  # progress lines, in the rulebook's language (Chinese)
    assert "[预标注引擎：大模型 stub-model@127.0.0.1" in err and "通过 Batch API]" in err  # the engine line too
    assert "prelabel engine" not in err and "through the Batch API" not in err
    [job] = job_ids(tmp_path)
    state = state_of(tmp_path, job)
    assert state["status"] == "completed" and state["counts"] == {"labeled": 23}
    code, out, _ = cli("jobs", "status", job)
    assert code == 0 and f"job {job}: completed" in out and "labeled 23" in out and "23/23 done" in out
    code, out, _ = cli("jobs", "status")
    assert job in out and "completed" in out


def test_request_lines_carry_exactly_what_the_online_path_sends(server, tmp_path):
    from assistant.rulebook.export import load_rulebook

    rows = write_items(tmp_path / "items.jsonl", 12)
    book = load_rulebook(RULEBOOK)
    run_job(book, tmp_path / "items.jsonl", tmp_path / "online.jsonl", llm=get_llm(Settings()), batch_size=4, concurrency=1, cache=False)
    online = sorted((r["body"] for r in server.chat_requests), key=lambda body: items_in(body)[0][0])
    assert len(online) == 3

    from assistant.prelabel.batch_jobs import BatchJob, start_job

    state = start_job(book, tmp_path / "items.jsonl", tmp_path / "batch.jsonl", Settings(), batch_size=4, cache=False, poll_interval=0)
    BatchJob(state, Settings()).run()
    batched = sorted((line["body"] for line in server.uploaded_lines()), key=lambda body: items_in(body)[0][0])
    assert batched == online  # the same prompt, rulebook prefix, schema, structured-output method and bound
    assert "response_format" in batched[0] and batched[0]["response_format"]["type"] == "json_schema"
    assert [r["label"] for r in read_out(tmp_path / "batch.jsonl")] == [r["label"] for r in read_out(tmp_path / "online.jsonl")]
    assert [i for i, _ in rows] == [r["id"] for r in read_out(tmp_path / "batch.jsonl")]


def test_error_lines_and_unusable_answers_are_submitted_again_until_done(server, cli, tmp_path):
    rows = write_items(tmp_path / "items.jsonl", 20)
    spoiled = {"m002": "unknown", "m007": "label"}
    seen: set[str] = set()

    def tweak(item_id, text, answer):
        if item_id in spoiled and item_id not in seen:
            seen.add(item_id)
            if spoiled[item_id] == "unknown":
                return {**answer, "id": "no-such-id"}  # an answer for an id that was not asked
            return {**answer, "label": "不存在的标签"}  # a label outside the rulebook
        return answer

    server.responder = Responder(tweak=tweak)
    server.plan(Outcome(error_lines={3}))  # the 4th request (m015-m019) fails on the server
    code, out, err = prelabel(cli, tmp_path, "-b", "5", "-f", "csv")
    assert code == 0, err
    [job] = job_ids(tmp_path)
    state = state_of(tmp_path, job)
    assert len(state["rounds"]) == 2 and state["status"] == "completed"
    second = [line["body"] for line in server.uploaded_lines()][4:]
    asked_again = sorted(i for body in second for i, _ in items_in(body))
    assert asked_again == ["m002", "m007", "m015", "m016", "m017", "m018", "m019"]
    notes = [body["messages"][-1]["content"] for body in second]
    assert any("not usable" in note and '"m007"' in note and "不存在的标签" in note for note in notes)  # the online re-ask feedback
    assert not any("not usable" in note and "m015" in note for note in notes)  # a server error is re-sent as it was
    import csv

    with (tmp_path / "pre.jsonl").open(encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert [r["id"] for r in written] == [i for i, _ in rows]
    assert [r["label"] for r in written] == [keyword_label(t) for _, t in rows]
    assert "未知 id「no-such-id」" in err  # noted, never used


def test_answers_that_stay_unusable_end_as_error_records_after_the_last_round(server, cli, tmp_path):
    write_items(tmp_path / "items.jsonl", 6)
    server.responder = Responder(tweak=lambda i, t, a: {**a, "label": "胡说"} if i == "m001" else a)
    code, out, err = prelabel(cli, tmp_path, "--batch-rounds", "2")
    assert code == 1
    record = {r["id"]: r for r in read_out(tmp_path / "pre.jsonl")}["m001"]
    assert record["status"] == "error" and "胡说" in record["error"] and "after 2 Batch API round(s)" in record["error"]
    assert "错误：" in err and "已标注 5" in out


def test_an_expired_batch_keeps_its_results_and_submits_only_the_rest(server, cli, tmp_path):
    rows = write_items(tmp_path / "items.jsonl", 20)
    server.plan(Outcome(status="expired", run=1))  # only the first of 4 requests ran within the window
    code, out, err = prelabel(cli, tmp_path, "-b", "5")
    assert code == 0, err
    assert_all_labeled(tmp_path / "pre.jsonl", rows)
    ran = [i for body in server.batch_bodies for i, _ in items_in(body)]
    assert sorted(ran) == sorted(i for i, _ in rows)  # every item answered exactly once: nothing finished ran twice
    assert posts(server, "/v1/batches") == 2
    assert "过期" in err  # said, in the rulebook's language


def test_a_failed_batch_is_one_clear_error_line(server, cli, tmp_path):
    write_items(tmp_path / "items.jsonl", 4)
    server.plan(Outcome(status="failed", failure="Invalid JSONL at line 1"))
    code, out, err = prelabel(cli, tmp_path)
    assert code != 0
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "failed: invalid_request: Invalid JSONL at line 1" in errors[0]
    [job] = job_ids(tmp_path)
    assert state_of(tmp_path, job)["status"] == "failed"
    code, out, err = cli("jobs", "resume", job, "--poll-interval", "0")  # tries the batch again, same uploaded file
    assert code == 0, err
    assert posts(server, "/v1/files") == 1 and posts(server, "/v1/batches") == 2
    assert {r["status"] for r in read_out(tmp_path / "pre.jsonl")} == {"labeled"}


def test_without_an_endpoint_batch_api_is_one_clear_error(cli, tmp_path):
    write_items(tmp_path / "items.jsonl", 3)
    code, out, err = prelabel(cli, tmp_path)
    assert code != 0 and err.strip().count("\n") == 0
    assert err.startswith("error: --batch-api needs an OpenAI-compatible endpoint")
    assert not (tmp_path / "pre.jsonl").exists()


def _die_after_create(monkeypatch):
    """The process dies right after the batch is created (before any result came back)."""
    real_wait = BatchClient.wait
    calls = {"n": 0}

    def wait(self, batch_id, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt
        return real_wait(self, batch_id, **kwargs)

    monkeypatch.setattr(BatchClient, "wait", wait)


def test_a_job_killed_after_create_resumes_by_batch_id_without_submitting_again(server, cli, tmp_path, monkeypatch):
    rows = write_items(tmp_path / "items.jsonl", 12)
    _die_after_create(monkeypatch)
    code, out, err = prelabel(cli, tmp_path, "-b", "4")
    assert code == 130 and "jobs resume" in err
    [job] = job_ids(tmp_path)
    state = state_of(tmp_path, job)
    assert state["status"] == "running" and state["rounds"][0]["parts"][0]["batch_id"]
    assert posts(server, "/v1/files") == 1 and posts(server, "/v1/batches") == 1

    code, out, err = cli("jobs", "resume", job, "--poll-interval", "0")
    assert code == 0, err
    assert posts(server, "/v1/files") == 1 and posts(server, "/v1/batches") == 1  # picked up, not re-submitted
    assert_all_labeled(tmp_path / "pre.jsonl", rows)
    assert state_of(tmp_path, job)["status"] == "completed"
    code, out, err = cli("jobs", "resume", job)  # nothing left to do: said, and the output is left alone
    assert code != 0 and f"error: job {job} is already completed" in err
    assert_all_labeled(tmp_path / "pre.jsonl", rows)


def test_a_job_killed_between_create_and_saving_the_batch_id_finds_its_batch(server, cli, tmp_path, monkeypatch):
    rows = write_items(tmp_path / "items.jsonl", 8)
    real_create = BatchClient.create

    def create_then_die(self, input_file_id, metadata=None):
        real_create(self, input_file_id, metadata)
        raise KeyboardInterrupt  # the batch exists on the server; the state does not know its id

    monkeypatch.setattr(BatchClient, "create", create_then_die)
    code, _, _ = prelabel(cli, tmp_path, "-b", "4")
    assert code == 130
    monkeypatch.setattr(BatchClient, "create", real_create)
    [job] = job_ids(tmp_path)
    assert state_of(tmp_path, job)["rounds"][0]["parts"][0]["batch_id"] is None
    code, out, err = cli("jobs", "resume", job, "--poll-interval", "0")
    assert code == 0, err
    assert posts(server, "/v1/files") == 1 and posts(server, "/v1/batches") == 1  # found by its input file, not made twice
    assert_all_labeled(tmp_path / "pre.jsonl", rows)


def test_cancel_calls_the_server_records_it_and_resume_submits_the_rest(server, cli, tmp_path, monkeypatch):
    rows = write_items(tmp_path / "items.jsonl", 8)
    _die_after_create(monkeypatch)
    prelabel(cli, tmp_path, "-b", "4")
    [job] = job_ids(tmp_path)
    batch_id = state_of(tmp_path, job)["rounds"][0]["parts"][0]["batch_id"]

    code, out, err = cli("jobs", "cancel", job)
    assert code == 0 and batch_id in out and "已取消" in out
    assert posts(server, f"/v1/batches/{batch_id}/cancel") == 1
    assert server.batches[batch_id]["status"] == "cancelling"
    assert state_of(tmp_path, job)["status"] == "cancelled"
    code, out, _ = cli("jobs", "status", job)
    assert f"job {job}: cancelled" in out and "cancelled by the user" in out

    code, out, err = cli("jobs", "resume", job, "--poll-interval", "0")
    assert code == 0, err
    assert server.batches[batch_id]["status"] == "cancelled"
    assert posts(server, "/v1/batches") == 2  # the cancelled batch's requests went into a new one
    assert_all_labeled(tmp_path / "pre.jsonl", rows)


def test_unknown_job_ids_are_one_clear_line(cli, tmp_path):
    code, out, err = cli("jobs", "resume", "no-such-job")
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code != 0 and len(errors) == 1 and errors[0].startswith("error: no Batch API job 'no-such-job'")
    code, out, err = cli("jobs", "status")
    assert code == 0 and "no Batch API jobs" in out


def test_resume_keeps_finished_records_and_submits_only_new_items(server, cli, tmp_path):
    write_items(tmp_path / "items.jsonl", 6)
    assert prelabel(cli, tmp_path, "--no-cache")[0] == 0
    first = len(server.uploaded_lines())
    rows = write_items(tmp_path / "items.jsonl", 10)
    code, out, err = prelabel(cli, tmp_path, "--no-cache", "--resume")
    assert code == 0, err
    again = [i for line in server.uploaded_lines()[first:] for i, _ in items_in(line["body"])]
    assert sorted(again) == ["m006", "m007", "m008", "m009"]
    assert_all_labeled(tmp_path / "pre.jsonl", rows)


def test_a_batch_cancelled_while_the_job_waits_ends_it_with_its_finished_records_kept(server, cli, tmp_path, monkeypatch):
    from assistant.prelabel.batch_jobs import cancel_job, load

    rows = write_items(tmp_path / "items.jsonl", 8)
    server.plan(Outcome(polls=3))
    real_retrieve = BatchClient.retrieve
    calls = {"n": 0}

    def retrieve(self, batch_id):
        calls["n"] += 1
        if calls["n"] == 2:  # meanwhile, in another shell: `rulebook jobs cancel JOB`
            [job] = job_ids(tmp_path)
            cancel_job(load(Settings(), job), Settings())
        return real_retrieve(self, batch_id)

    monkeypatch.setattr(BatchClient, "retrieve", retrieve)
    code, out, err = prelabel(cli, tmp_path, "-b", "4")
    assert code == 1 and "8 条：目前 已标注 0、弃权 0、错误 0" in out
    assert "错误：任务" in err and "已取消" in err and "jobs resume" in err
    [job] = job_ids(tmp_path)
    assert state_of(tmp_path, job)["status"] == "cancelled"
    monkeypatch.setattr(BatchClient, "retrieve", real_retrieve)
    assert cli("jobs", "resume", job, "--poll-interval", "0")[0] == 0
    assert_all_labeled(tmp_path / "pre.jsonl", rows)


def test_a_large_round_is_split_into_several_batches_and_an_english_rulebook_speaks_english(server, cli, tmp_path, monkeypatch):
    import assistant.prelabel.batch_jobs as batch_jobs

    monkeypatch.setattr(batch_jobs, "MAX_REQUESTS", 2)  # as if each file could hold 2 requests
    server.responder = Responder(tweak=lambda i, t, a: {**a, "label": str(len(t) % 4)})
    rows = write_items(tmp_path / "items.jsonl", 10)
    code, out, err = cli("prelabel", "-r", str(DATA / "rulebook_search_en.json"), "-i", str(tmp_path / "items.jsonl"),
                         "-o", str(tmp_path / "pre.json"), "-f", "label-studio", "-b", "2", "--batch-api", "--poll-interval", "0")  # fmt: skip
    assert code == 0, err
    assert posts(server, "/v1/files") == 3 and posts(server, "/v1/batches") == 3
    tasks = json.loads((tmp_path / "pre.json").read_text(encoding="utf-8"))
    assert [t["data"]["item_id"] for t in tasks] == [i for i, _ in rows]
    assert [t["predictions"][0]["result"][0]["value"]["choices"] for t in tasks] == [[str(len(t) % 4)] for _, t in rows]
    assert "round 1: 10 item(s) in 5 request(s), 3 batch file(s)" in err and "submitted batch" in err


def test_an_endpoint_without_the_batch_api_is_one_clear_error_line(llm_env, cli, tmp_path):
    write_items(tmp_path / "items.jsonl", 3)
    code, out, err = prelabel(cli, tmp_path)
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code != 0 and len(errors) == 1
    assert "HTTP 404" in errors[0] and "may not implement the Batch API" in errors[0] and "jobs resume" in errors[0]
    assert llm_env.chat_requests == []


def test_a_process_killed_while_waiting_leaves_a_job_that_resumes_by_batch_id(server, cli, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    rows = write_items(tmp_path / "items.jsonl", 9)
    server.plan(Outcome(polls=1000))  # still in progress while the first process lives
    process = subprocess.Popen(
        [sys.executable, "-c", "from assistant.cli.main import main; main()", "prelabel", "-r", RULEBOOK, "-i", str(tmp_path / "items.jsonl"),
         "-o", str(tmp_path / "pre.jsonl"), "-b", "3", "--batch-api", "--poll-interval", "0.05"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not any(b["_polls"] >= 2 for b in server.batches.values()):
            time.sleep(0.05)
        assert server.batches, "the first process never created its batch"
    finally:
        os.kill(process.pid, signal.SIGKILL)  # no handler runs: the process just dies
        process.wait()
    [job] = job_ids(tmp_path)
    [batch_id] = list(server.batches)
    assert state_of(tmp_path, job)["rounds"][0]["parts"][0]["batch_id"] == batch_id
    server.batches[batch_id]["_plan"].polls = 0  # the batch finishes meanwhile
    code, out, err = cli("jobs", "resume", job, "--poll-interval", "0")
    assert code == 0, err
    assert posts(server, "/v1/files") == 1 and posts(server, "/v1/batches") == 1
    assert_all_labeled(tmp_path / "pre.jsonl", rows)


def test_a_batch_job_masks_personal_data_in_the_uploaded_file_and_restores_it(server, cli, tmp_path, monkeypatch):
    # the Batch API path writes request files itself: it must mask exactly as the online path does
    from tests.test_pii_server import ITEM, PLACEHOLDER, PLANTED, PLANTED_TEXT, VARIANTS

    monkeypatch.setenv("RULEBOOK_MASK_PII", "on")
    monkeypatch.setenv("RULEBOOK_PII_PATTERNS", json.dumps({"EMPLOYEE_ID": r"EMP-\d{6}"}))
    reset_settings()
    import html

    from tests.openai_server import Reply

    def label(body: dict) -> Reply:
        answers = []
        user = [m for m in body["messages"] if m["role"] == "user"][-1]["content"]
        for item_id, text in ITEM.findall(user):
            seen = "、".join(PLACEHOLDER.findall(html.unescape(text)))
            answers.append({"id": html.unescape(item_id), "label": keyword_label(text), "confidence": 0.9,
                            "rationale": f"提到 {seen}" if seen else "无", "rule": "r"})  # fmt: skip
        return Reply.json({"items": answers})

    server.responder = label
    server.plan(Outcome(polls=1))
    rows = [("m1", "我要投诉！" + PLANTED_TEXT), (PLANTED["EMAIL"], "谢谢客服"), ("m3", "物流怎么还没到")]
    (tmp_path / "items.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in rows) + "\n", encoding="utf-8"
    )
    code, out, err = prelabel(cli, tmp_path)
    assert code == 0, err
    uploaded = json.dumps(server.uploaded_lines(), ensure_ascii=False)
    for value in [*PLANTED.values(), *VARIANTS]:
        assert value not in uploaded, f"{value!r} was uploaded in a batch request file"
    assert PLACEHOLDER.search(uploaded)
    records = {r["id"]: r for r in read_out(tmp_path / "pre.jsonl")}
    assert set(records) == {"m1", PLANTED["EMAIL"], "m3"}  # an e-mail used as an item id comes back as itself
    assert records["m1"]["label"] == "愤怒投诉"
    for value in PLANTED.values():
        assert value in records["m1"]["rationale"]
    assert "⟦" not in json.dumps(records, ensure_ascii=False)
