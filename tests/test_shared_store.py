"""Several real processes at once on one store and one knowledge base: the embedded pair (SQLite and the
local Chroma index) and the server pair (PostgreSQL and a Chroma server), through the CLI as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from assistant.core.settings import Settings
from assistant.core.store import Store
from knowledge.base import project_documents
from knowledge.loader import load_project_file, seed_files

TIMEOUT = 240


def start(*args: str) -> subprocess.Popen:
    """`rulebook ARGS...` in a new process, with this test's settings (data dir, database, Chroma)."""
    return subprocess.Popen(
        [sys.executable, "-m", "assistant.cli.main", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
    )


def finish(processes: list[subprocess.Popen]) -> list[str]:
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, f"{process.args[3:]} failed ({process.returncode}): {err}"
        outputs.append(out)
    return outputs


def fresh_knowledge_base():
    """The knowledge base as a new process would see it (the embedded client caches its files per process)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    from assistant.service.workspace import Workspace

    SharedSystemClient.clear_system_cache()
    return Workspace(Settings()).kb


def test_answering_and_delivering_at_once(servers, cli, tmp_path):
    assert cli("kb", "seed")[0] == 0
    code, out, err = cli("breakdown", "我们想让客服机器人更懂用户的投诉，识别愤怒和失望", "--project", "投诉情绪", "--json")
    assert code == 0, err
    answered = json.loads(out)["project_id"]
    delivered = []
    for name, request in (
        ("火星快递投诉", "我们想让火星快递的客服机器人更懂用户的投诉"),
        ("Mars app reviews", "We want to classify the sentiment of Mars app store reviews"),
    ):
        code, out, err = cli("breakdown", request, "--project", name, "--json")
        project = json.loads(out)["project_id"]
        code, _, err = cli("draft", "--project", project)
        assert code == 0, err
        delivered.append((project, name))

    volumes = [1000, 2000, 3000]
    processes = [start("answer", answered, "--set", f"how_much.volume={volume}") for volume in volumes]
    processes += [start("deliver", project) for project, _ in delivered]
    finish(processes)

    store = Store.from_settings(Settings())
    versions = store.artifacts(answered, "breakdown")
    assert [row.version for row in versions] == [1, 2, 3, 4]  # one version per answer, none lost or doubled
    assert sorted(row.payload["how_much"]["volume"]["value"] for row in versions[1:]) == volumes
    assert all(row.payload["version"] == row.version for row in versions)
    kb = fresh_knowledge_base()
    for project, name in delivered:
        assert store.project(project).status == "delivered"
        assert [row.version for row in store.artifacts(project, "delivery")] == [1]
        assert store.past_project(project).name == name
        hits = kb.search(name, 1, kind="project", project=project)
        assert hits and hits[0].project == project
    assert kb.stats()["projects_by_task_type"] and sum(kb.stats()["projects_by_task_type"].values()) == 10 + 2


def _past_project_file(folder: Path, project_id: str, name: str) -> Path:
    data = yaml.safe_load(seed_files()[0].read_text(encoding="utf-8"))
    data.update(id=project_id, name=name)
    path = folder / f"{project_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_two_knowledge_base_writers_at_once_and_reindex(chroma_url, cli, tmp_path):
    first = _past_project_file(tmp_path, "zebra-crossing-zh", "斑马线 zebra crossing project")
    second = _past_project_file(tmp_path, "yak-shaving-en", "Yak shaving project")
    code, _, err = cli("kb", "seed")
    assert code == 0, err
    seeded = fresh_knowledge_base().stats()["documents"]

    finish([start("kb", "add", str(first)), start("kb", "add", str(second))])

    kb = fresh_knowledge_base()
    per_project = len(project_documents(load_project_file(first)))
    assert kb.stats()["documents"] == seeded + 2 * per_project  # both writers' documents, none lost
    for project_id, query in (("zebra-crossing-zh", "斑马线 zebra crossing"), ("yak-shaving-en", "Yak shaving")):
        assert kb.search(query, 1, kind="project")[0].project == project_id
    before = kb.stats()
    del kb

    code, out, err = cli("kb", "reindex")
    assert code == 0, err
    after = fresh_knowledge_base()
    assert after.stats() == before
    assert after.search("Yak shaving", 1, kind="project")[0].project == "yak-shaving-en"
    location = chroma_url or str(Settings().chroma_dir)
    assert after.stats()["location"] == location


def test_the_server_pair_is_what_doctor_reports(servers, cli):
    code, out, _ = cli("doctor", "--json")
    checks = {check["name"]: check["detail"] for check in json.loads(out)["checks"]}
    assert code == 0
    if servers == "servers":
        assert checks["database"].startswith("postgresql+psycopg://rulebook:****@127.0.0.1")
        assert checks["knowledge base"].startswith("Chroma server at http://127.0.0.1:")
    else:
        assert checks["database"].startswith("sqlite:///") and checks["knowledge base"].startswith("local Chroma index")
