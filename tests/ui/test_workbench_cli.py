"""`rulebook import-rulebook`, `rulebook reopen` and `rulebook app` (the server stops with the command)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from typer.testing import CliRunner

from tests.ui.conftest import ROOT, RULEBOOK_JSON


def _project_with_rulebook(ws):
    from assistant.service.projects import save_rulebook
    from assistant.rulebook.export import load_rulebook

    project = ws.store.create_project("投诉", "我们想让客服机器人更懂用户的投诉", language="zh")
    save_rulebook(ws, project.id, load_rulebook(RULEBOOK_JSON), note="first draft")
    return project.id


def test_import_rulebook_cli_saves_the_edited_file_prints_diff_and_check(workspace, tmp_path):
    from assistant.cli.main import app
    from assistant.service.projects import rulebook_version

    project_id = _project_with_rulebook(workspace)
    data = json.loads(RULEBOOK_JSON.read_text(encoding="utf-8"))
    data["labels"][1]["definition"] = "用户表达不满，但没有威胁或升级"
    edited = tmp_path / "rb.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["import-rulebook", project_id, str(edited)])
    assert result.exit_code == 0, result.output
    assert "+++ v2" in result.output
    assert "修改了「一般不满」的定义" in result.output  # the change line, in the rulebook's language
    assert rulebook_version(workspace, project_id).labels[1].definition == "用户表达不满，但没有威胁或升级"

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**data, "labels": [{"definition": "no name"}]}, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["import-rulebook", project_id, str(broken)])
    assert result.exit_code != 0 and "broken.json: field labels.0.name" in str(result.exception or result.output)
    assert len(workspace.store.artifacts(project_id, "rulebook")) == 2


def test_reopen_cli_makes_a_delivered_project_editable(workspace):
    from assistant.cli.main import app

    project_id = _project_with_rulebook(workspace)
    workspace.store.set_status(project_id, "delivered")
    result = CliRunner().invoke(app, ["reopen", project_id])
    assert result.exit_code == 0, result.output
    assert workspace.store.project(project_id).status == "rulebook"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_free(port: int) -> bool:
    """A new server could listen on the port (as servers do, ignoring closed connections in TIME_WAIT)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        probe.listen(1)
        return True


def test_rulebook_app_stops_the_server_on_sigterm_and_frees_the_port(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "RULEBOOK_"))}
    env.update({"RULEBOOK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)})
    process = subprocess.Popen(
        [sys.executable, "-c", "from assistant.cli.main import main; main()", "app", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, "rulebook app exited early"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                assert time.monotonic() < deadline, "the app did not come up"
                time.sleep(0.3)
        assert not _port_free(port)  # the probe sees the running server
        process.send_signal(signal.SIGTERM)  # what `kill PID` does
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while not _port_free(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _port_free(port), f"port {port} is still taken after rulebook app stopped"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
