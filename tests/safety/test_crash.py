"""Crash consistency between the store and the Chroma index, and damaged files (issue 14).

Real `rulebook` processes are killed with SIGKILL at chosen points (a small wrapper makes the
process kill itself when it reaches the point), then the next command must find and repair the
state, or say clearly what to run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# python -c WRAPPER POINT ARGS...: run `rulebook ARGS` and SIGKILL itself on reaching POINT.
WRAPPER = r"""
import os, signal, sys
point, args = sys.argv[1], sys.argv[2:]

def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)

def kill_on(owner, name, after=0):
    original = getattr(owner, name)
    calls = {"n": 0}
    def wrapper(*a, **k):
        calls["n"] += 1
        if calls["n"] > after:
            die()
        return original(*a, **k)
    setattr(owner, name, wrapper)

from assistant.core.store import Store
from assistant.llm.embeddings import HashingEmbedder
from knowledge.base import KnowledgeBase

if point == "before-store":
    kill_on(Store, "record_delivery")
elif point == "inside-store-transaction":
    kill_on(Store, "_upsert_past")
elif point == "before-commit":  # the delivery transaction is complete but not committed
    from sqlalchemy.engine.base import Connection
    armed = {"on": False}
    record = Store.record_delivery
    def record_delivery(self, *a, **k):
        armed["on"] = True
        return record(self, *a, **k)
    Store.record_delivery = record_delivery
    commit = Connection._commit_impl
    def commit_impl(self, *a, **k):
        if armed["on"]:
            die()
        return commit(self, *a, **k)
    Connection._commit_impl = commit_impl
elif point == "after-store-before-index":
    kill_on(KnowledgeBase, "repair")
elif point == "while-indexing":
    original = HashingEmbedder.embed
    def embed(self, texts):
        if len(texts) > 3:  # indexing, not a one-line query
            die()
        return original(self, texts)
    HashingEmbedder.embed = embed
elif point == "reindex-after-reset":
    kill_on(KnowledgeBase, "index")
elif point == "reindex-half-way":  # after a few batches of documents were written
    import chromadb.api.models.Collection as C
    calls = {"n": 0}
    for name in ("add", "upsert"):
        original_write = getattr(C.Collection, name)
        def write(self, *a, _original=original_write, **k):
            calls["n"] += 1
            if calls["n"] > 4:
                die()
            return _original(self, *a, **k)
        setattr(C.Collection, name, write)
from assistant.cli.main import main
sys.argv = ["rulebook", *args]
main()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def killed(point: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-c", WRAPPER, point, *args], cwd=cwd, env=_env(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == -9, (point, result.returncode, result.stderr[-2000:])  # really killed
    return result


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.returncode, self.stdout, self.stderr = code, out, err


@pytest.fixture
def run(cli):
    """The next command, after the killed process (in this process, the index re-read from disk)."""

    def run(*args: str, cwd: Path) -> Result:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # another process changed the files
        return Result(*cli(*args))

    return run


@pytest.fixture
def project(cli) -> str:
    cli("kb", "seed")
    code, out, err = cli("breakdown", "我们想让火星快递的客服机器人更懂用户的投诉", "--json")
    assert code == 0, err
    project_id = json.loads(out)["project_id"]
    code, _, err = cli("draft", "--project", project_id)
    assert code == 0, err
    return project_id


def _state(cli, project_id: str) -> dict:
    from assistant.core.settings import get_settings
    from assistant.service.workspace import Workspace

    code, out, _ = cli("projects", "list", "--json")
    status = {row["id"]: row["status"] for row in json.loads(out)}[project_id]
    ws = Workspace(get_settings())
    return {"status": status, "deliveries": len(ws.store.artifacts(project_id, "delivery")),
            "in_store": project_id in {p.id for p in ws.store.past_projects()}}


@pytest.mark.parametrize("point", ["inside-store-transaction", "before-commit", "after-store-before-index", "while-indexing"])
def test_a_delivery_killed_at_any_point_is_detected_and_repaired(cli, run, project, tmp_path, point):
    killed(point, "deliver", project, cwd=tmp_path)
    state = _state(cli, project)
    # the store is all or nothing: past project, delivery record and status together
    assert state in ({"status": "rulebook", "deliveries": 0, "in_store": False},
                     {"status": "delivered", "deliveries": 1, "in_store": True}), state
    doctor = run("doctor", cwd=tmp_path)
    if state["in_store"] and point != "before-commit":
        assert doctor.returncode == 1 and "the index and the store differ" in doctor.stdout
        assert project in doctor.stdout and "rulebook kb reindex" in doctor.stdout
    # the next delivery repairs whatever is left; delivering again makes no second record
    for _ in range(2):
        again = run("deliver", project, cwd=tmp_path)
        assert again.returncode == 0, again.stderr
    assert _state(cli, project) == {"status": "delivered", "deliveries": 1, "in_store": True}
    doctor = run("doctor", cwd=tmp_path)
    assert doctor.returncode == 0 and "in step" in doctor.stdout, doctor.stdout
    hits = run("kb", "search", "火星快递", "--kind", "project", "--json", cwd=tmp_path)
    assert json.loads(hits.stdout)[0]["project"] == project


def test_kb_seed_also_repairs_a_delivery_killed_before_indexing(cli, run, project, tmp_path):
    killed("after-store-before-index", "deliver", project, cwd=tmp_path)
    seed = run("kb", "seed", cwd=tmp_path)
    assert seed.returncode == 0, seed.stderr
    assert run("doctor", cwd=tmp_path).returncode == 0
    hits = run("kb", "search", "火星快递", "--kind", "project", "--json", cwd=tmp_path)
    assert json.loads(hits.stdout)[0]["project"] == project


@pytest.mark.parametrize("point", ["reindex-after-reset", "reindex-half-way"])
def test_a_reindex_killed_half_way_is_reported_then_rebuilt(cli, run, tmp_path, point):
    cli("kb", "seed")
    killed(point, "kb", "reindex", cwd=tmp_path)
    search = run("kb", "search", "投诉", cwd=tmp_path)
    assert search.returncode == 3 and "interrupted" in search.stderr and "rulebook kb reindex" in search.stderr
    assert "Traceback" not in search.stderr
    doctor = run("doctor", cwd=tmp_path)
    assert doctor.returncode == 1 and "rulebook kb reindex" in doctor.stdout
    again = run("kb", "reindex", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert run("doctor", cwd=tmp_path).returncode == 0
    stats = json.loads(run("kb", "stats", "--json", cwd=tmp_path).stdout)
    assert stats["by_kind"]["project"] == stats["projects_in_store"] == 10


def _chroma(tmp_path: Path) -> Path:
    return tmp_path / "data" / "chroma"


@pytest.mark.parametrize("damage", ["truncate-catalogue", "garbage-catalogue"])
def test_a_damaged_index_is_reported_and_rebuilt_from_the_store(cli, run, tmp_path, damage):
    cli("kb", "seed")
    catalogue = _chroma(tmp_path) / "chroma.sqlite3"
    if damage == "truncate-catalogue":
        os.truncate(catalogue, catalogue.stat().st_size // 2)
    elif damage == "garbage-catalogue":
        catalogue.write_bytes(os.urandom(catalogue.stat().st_size))
    doctor = run("doctor", cwd=tmp_path)
    assert doctor.returncode == 1 and "broken" in doctor.stdout and "rulebook kb reindex" in doctor.stdout, doctor.stdout
    rebuilt = run("kb", "reindex", cwd=tmp_path)
    assert rebuilt.returncode == 0 and "Traceback" not in rebuilt.stderr, rebuilt.stderr
    doctor = run("doctor", cwd=tmp_path)
    assert doctor.returncode == 0 and "in step" in doctor.stdout, doctor.stdout
    hits = run("kb", "search", "用户投诉 情绪识别", "--kind", "project", "--json", cwd=tmp_path)
    assert json.loads(hits.stdout)[0]["project"] == "cs-complaint-sentiment-zh"


@pytest.mark.parametrize("content", [b"", b"this is not a database\n" * 50])
def test_an_empty_or_damaged_database_file_is_reported_never_treated_as_fresh(run, tmp_path, content):
    data = tmp_path / "data"
    data.mkdir()
    (data / "rulebook.db").write_bytes(content)
    for args in (("projects", "list"), ("kb", "seed"), ("doctor",)):
        result = run(*args, cwd=tmp_path)
        assert result.returncode != 0, (args, result.stdout)
        text = result.stdout + result.stderr
        assert "no projects yet" not in text and "Traceback" not in text
        assert f"{data / 'rulebook.db'}" in text
        assert ("empty file (0 bytes)" if not content else "not a SQLite database") in text
    assert (data / "rulebook.db").read_bytes() == content  # left as it was, for the user to recover


def test_the_app_reports_an_empty_database_file_instead_of_no_projects(isolated):
    from tests.ui.conftest import open_page, texts

    data = isolated / "data"
    data.mkdir(exist_ok=True)
    (data / "rulebook.db").write_bytes(b"")
    for page in ("projects", "assistant"):
        app = open_page(page)
        shown = texts(app.error) + texts(app.markdown) + texts(app.info) + texts(app.warning)
        assert "empty file (0 bytes)" in texts(app.error), shown
        assert "no projects yet" not in shown.lower()
        assert not app.exception
    assert (data / "rulebook.db").read_bytes() == b""
