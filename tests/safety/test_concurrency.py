"""Concurrent writers lose nothing (issue 14): real processes writing one project at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIELDS = ["who.requester", "who.annotator_profile", "who.reviewers", "who.end_users", "where.data_source",
          "where.channel", "where.domain", "how.qa_plan", "why.business_goal", "why.success_measure"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _rulebook(*args: str, cwd: Path, extra: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "assistant.cli.main", *args], cwd=cwd, env={**_env(), **(extra or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_parallel_answers_all_land_in_the_newest_version(cli, tmp_path):
    code, _, err = cli("breakdown", "我们想让客服机器人更懂用户的投诉")
    assert code == 0, err
    project = err.split("saved as project ")[1].split(",")[0]
    start = tmp_path / "go"
    # 10 real processes, released together, each answering a different question of one project
    script = (
        "import os, sys, time\n"
        f"while not os.path.exists({str(start)!r}): time.sleep(0.005)\n"
        "from assistant.cli.main import main\n"
        "sys.argv = ['rulebook', *sys.argv[1:]]\n"
        "main()\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, "answer", project, "--set", f"{field}=answer {field}"],
                              cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for field in FIELDS]
    time.sleep(1.0)
    start.touch()
    results = [(proc.wait(timeout=300), proc.stderr.read()) for proc in procs]
    for code, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "IntegrityError" not in err
    saved_versions = sorted(int(err.split("saved breakdown version ")[1].split()[0]) for _, err in results)
    assert saved_versions == list(range(2, 2 + len(FIELDS)))  # every answer got its own version
    code, out, _ = cli("projects", "show", project, "--json")
    newest = json.loads(out)["breakdown"]
    for field in FIELDS:
        group, name = field.split(".")
        assert newest[group][name]["value"] == f"answer {field}", field  # none was lost
    assert newest["version"] == 1 + len(FIELDS)


def test_a_second_prelabel_on_the_same_output_is_refused(tmp_path, stub):
    """Two real `rulebook prelabel` processes on one output: the second is refused, the first finishes."""
    import shutil

    shutil.copy(ROOT / "tests" / "data" / "rulebook_complaints_zh.json", tmp_path / "rb.json")
    lines = ["id,text"] + [f"i{n},第{n}次联系你们了！退款申请提交十天没人审核" for n in range(8)]
    (tmp_path / "items.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stub.latency = 0.5  # a slow endpoint: the first job is still running when the second starts
    env = {"OPENAI_BASE_URL": stub.base_url, "OPENAI_API_KEY": "sk-test-key-123456", "RULEBOOK_MODEL": "stub-model",
           "RULEBOOK_MAX_RETRIES": "0", "RULEBOOK_STRUCTURED_METHOD": "json_mode"}
    args = ("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre.jsonl", "--no-progress", "--no-cache",
            "--batch-size", "1", "--concurrency", "1")
    first = _rulebook(*args, cwd=tmp_path, extra=env)
    lock = tmp_path / "pre.jsonl.lock"
    deadline = time.time() + 120
    while not stub.requests and first.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    assert first.poll() is None and lock.exists(), first.communicate()
    second = _rulebook(*args, cwd=tmp_path, extra=env)
    second_out, second_err = second.communicate(timeout=120)
    first.communicate(timeout=300)
    assert second.returncode == 2, second_err
    assert "another rulebook prelabel is writing pre.jsonl" in second_err and "Traceback" not in second_err
    records = [json.loads(line) for line in (tmp_path / "pre.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == sorted(f"i{n}" for n in range(8))  # the first run's output is whole
    assert second_out == ""  # refused before it labeled anything
    assert not lock.exists()  # released when the first finished
