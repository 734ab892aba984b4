"""End to end in a real browser: `streamlit run app.py` driven by headless Chromium through Playwright.

Needs the `playwright` Python package and a Chromium at /usr/bin/chromium (Debian's `chromium`
package; Playwright's own browser download is not used), or CHROMIUM_PATH pointing at one.
Skipped with the reason when either is missing. Screenshots go to the test's tmp_path, and also to
UI_SHOTS_DIR when that is set (to look at them).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ui.conftest import APP, REQUEST, ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer at {url} within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def _settle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the app has finished its run (no Stop button, no running-status widget)."""
    page.wait_for_function(
        "() => !!document.querySelector('h1') && !Array.from(document.querySelectorAll('button'))"
        ".some(b => b.innerText.trim() === 'Stop')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(500)


def _shot(page, folder: Path, name: str) -> Path:
    """A screenshot of the whole main area (Streamlit scrolls inside it, so grow the viewport)."""
    height = page.evaluate(
        "() => { const b = document.querySelector('[data-testid=\"stMainBlockContainer\"]');"
        " return Math.max(b ? b.scrollHeight + 200 : 900, 900); }"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height), 8000)})
    page.wait_for_timeout(400)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 900})
    copies = os.environ.get("UI_SHOTS_DIR")
    if copies:
        Path(copies).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(copies) / path.name)
    return path


def test_chat_in_a_real_browser_shows_the_breakdown_and_keeps_the_conversation(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the Python package) to run the browser test")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)")

    data_dir = tmp_path / "browser-data"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "RULEBOOK_"))}
    env.update({"RULEBOOK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)})
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        env["TIKTOKEN_CACHE_DIR"] = os.environ["TIKTOKEN_CACHE_DIR"]
    seeded = subprocess.run(
        [sys.executable, "-c", "from assistant.service.workspace import Workspace; from knowledge.loader import seed; "
         "ws = Workspace(); print(seed(ws.store, ws.kb).projects)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]

    port = _free_port()
    log = tmp_path / "streamlit.log"
    with log.open("w") as log_stream:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(APP),
                "--server.address", "127.0.0.1", "--server.port", str(port),
                "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            ],
            cwd=tmp_path, env=env, stdout=log_stream, stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{base}/_stcore/health", server, log)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(f"{base}/?lang=en")
                _settle(page)
                assert page.get_by_role("heading", name="Assistant").first.is_visible()
                assert page.get_by_text("Offline engine").first.is_visible()
                _shot(page, tmp_path, "01_assistant_empty")

                page.get_by_test_id("stChatInputTextArea").fill(REQUEST)
                page.keyboard.press("Enter")
                page.get_by_text("Here is the 5W2H breakdown").first.wait_for(timeout=90_000)
                page.wait_for_function("() => location.search.includes('project=p-')", timeout=60_000)  # saved, then rerun
                _settle(page)
                for dimension in ("What", "How much"):
                    assert page.get_by_text(dimension).first.is_visible()
                assert page.get_by_text("Questions for the requester").first.is_visible()
                assert "project=p-" in page.url
                _shot(page, tmp_path, "02_assistant_breakdown")

                page.get_by_role("button", name="Draft the rulebook").click()
                page.get_by_text("Rulebook version 1 is drafted").first.wait_for(timeout=90_000)
                _settle(page)
                _shot(page, tmp_path, "03_assistant_rulebook")

                url = page.url  # a reload (or a second tab with this URL) brings the conversation back
                second = browser.new_page(viewport={"width": 1400, "height": 900})
                second.goto(url)
                _settle(second)
                second.get_by_text("Rulebook version 1 is drafted").first.wait_for(timeout=90_000)
                assert second.get_by_text("Here is the 5W2H breakdown").first.is_visible()
                second.close()

                page.goto(f"{base}/projects?lang=zh")
                _settle(page)
                page.get_by_role("tab", name="导出").click()
                page.get_by_role("button", name="Word 文档").wait_for(timeout=90_000)
                _shot(page, tmp_path, "04_projects_zh")
            finally:
                browser.close()
        assert (tmp_path / "02_assistant_breakdown.png").stat().st_size > 10_000
        assert "Traceback" not in log.read_text(errors="replace")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


# ---------------------------------------------------------------------------------------------
# The whole path, offline, on a request from a domain the seed projects do not cover
# ---------------------------------------------------------------------------------------------
HOSPITAL_REQUEST = "我们是互联网医院，想把患者的咨询分成 病情症状、用药、挂号 三类，两周内要5000条，一致率85%"
HOSPITAL_ITEMS = [
    ("h01", "这两天一直发烧38度5，还咳嗽，需要去医院吗", "病情症状", "病情症状"),
    ("h02", "头疼得厉害，晚上睡不着，是怎么回事", "病情症状", "病情症状"),
    ("h03", "孩子拉肚子三天了，精神也不太好", "病情症状", "病情症状"),
    ("h04", "布洛芬一天最多吃几次", "用药", "用药"),
    ("h05", "阿莫西林和头孢能一起吃吗", "用药", "用药"),
    ("h06", "降压药漏吃了一顿要补吗", "用药", "病情症状"),
    ("h07", "明天上午的皮肤科还能挂号吗", "挂号", "挂号"),
    ("h08", "我想预约王医生下周三的专家号", "挂号", "挂号"),
    ("h09", "挂错科室了怎么退号", "挂号", "挂号"),
    ("h10", "吃了感冒药以后身上起红疹子", "用药", "病情症状"),
    ("h11", "复诊需要重新挂号吗", "挂号", "挂号"),
    ("h12", "胃痛吃什么药好", "用药", "用药"),
]
HOSPITAL_LABELS = {
    "病情症状": ("患者描述身体不适、症状或病情变化，想知道原因或是否需要就医", ["描述症状、体温、疼痛或持续时间"],
             [("这两天一直发烧38度5，还咳嗽", "描述症状和体温"), ("孩子拉肚子三天了", "描述症状和持续时间")],
             ("吃了感冒药以后起红疹子", "问的是药物反应，应标用药", "用药")),
    "用药": ("询问药物的用法、用量、禁忌、相互作用或不良反应", ["提到具体药名或吃药、用药"],
           [("布洛芬一天最多吃几次", "问用量"), ("阿莫西林和头孢能一起吃吗", "问药物相互作用")],
           ("胃痛去哪个科室挂号", "问的是挂号，不是用药", "挂号")),
    "挂号": ("预约、挂号、退号、改约或询问号源和科室", ["提到挂号、预约、号源、科室或医生排班"],
           [("明天上午的皮肤科还能挂号吗", "问号源"), ("挂错科室了怎么退号", "退号")],
           ("头疼得厉害是怎么回事", "描述症状，不是挂号", "病情症状")),
}


def _hospital_files(folder: Path) -> dict[str, Path]:
    import csv

    files = {}

    def write(name: str, header: list[str], rows: list[tuple]) -> None:
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            writer.writerows(rows)
        files[name] = path

    write("items.csv", ["id", "text"], [(i, text) for i, text, _, _ in HOSPITAL_ITEMS])
    write("annotator_a.csv", ["id", "label"], [(i, a) for i, _, a, _ in HOSPITAL_ITEMS])
    write("annotator_b.csv", ["id", "label"], [(i, b) for i, _, _, b in HOSPITAL_ITEMS])
    write("batch.csv", ["id", "label", "annotator"], [(i, a, "annotator_a") for i, _, a, _ in HOSPITAL_ITEMS])
    write("reviewed.csv", ["id", "annotator", "correct", "reviewed_label"],
          [(i, "annotator_a", "yes" if a == b else "no", "" if a == b else b) for i, _, a, b in HOSPITAL_ITEMS[:8]])
    return files


def _hand_edited_rulebook(data_dir: Path, project_id: str, out: Path) -> Path:
    """What a trainer writes into the exported JSON: every label defined, with examples."""
    import json

    from assistant.service.projects import rulebook_version
    from assistant.core.settings import Settings
    from assistant.service.workspace import Workspace

    rulebook = rulebook_version(Workspace(Settings(data_dir=data_dir)), project_id)
    data = json.loads(rulebook.model_dump_json())
    labels = []
    for label in data["labels"]:
        name = label["name"]
        definition, criteria, positives, negative = HOSPITAL_LABELS[name]
        examples = [{"text": text, "label": name, "polarity": "positive", "explanation": why, "source": "new"} for text, why in positives]
        examples.append({"text": negative[0], "label": name, "polarity": "negative", "explanation": negative[1],
                         "correct_label": negative[2], "source": "new"})
        labels.append({**label, "definition": definition, "criteria": criteria, "examples": examples, "needs_definition": False})
    data.update(labels=labels, decision_procedure=["先看是否在约号或退号：挂号", "再看是否问药：用药", "其余描述身体情况的：病情症状"])
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return out


def test_the_whole_path_in_a_real_browser_on_an_online_hospital_request(tmp_path):
    """request → answers → draft → edits → quiz → pre-labels → agreement → QA sample → deliver, then every page in English."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the Python package) to run the browser test")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)")

    shots = Path(os.environ.get("UI_SHOTS_DIR") or ROOT / "tmp" / "artifacts" / "browser")
    shots.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "browser-data"
    files = _hospital_files(tmp_path)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "RULEBOOK_"))}
    env.update({"RULEBOOK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)})
    seeded = subprocess.run(
        [sys.executable, "-c", "from assistant.service.workspace import Workspace; from knowledge.loader import seed; "
         "ws = Workspace(); print(seed(ws.store, ws.kb).projects)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    port = _free_port()
    log = tmp_path / "streamlit.log"
    with log.open("w") as log_stream:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=tmp_path, env=env, stdout=log_stream, stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{base}/_stcore/health", server, log)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})

                def wait_text(text: str, timeout: int = 90_000) -> None:
                    page.get_by_text(text).first.wait_for(timeout=timeout)
                    _settle(page)

                def chat(message: str, expected: str) -> None:
                    before = page.get_by_text(expected).count()
                    page.get_by_test_id("stChatInputTextArea").fill(message)
                    page.keyboard.press("Enter")
                    page.wait_for_function(
                        "([text, n]) => document.body.innerText.split(text).length - 1 > n", arg=[expected, before], timeout=90_000
                    )
                    page.wait_for_timeout(1500)  # the reply is saved, then the page reruns
                    _settle(page)

                def upload(key: str, *paths: Path) -> None:
                    page.locator(f'.st-key-{key} input[type="file"]').set_input_files([str(p) for p in paths])
                    page.wait_for_timeout(800)
                    _settle(page)

                # 1. request → 5W2H breakdown
                page.goto(f"{base}/?lang=zh")
                _settle(page)
                chat(HOSPITAL_REQUEST, "我把需求拆成了 5W2H")
                page.wait_for_function("() => location.search.includes('project=p-')", timeout=60_000)
                _settle(page)
                project_id = page.url.split("project=")[1].split("&")[0]
                _shot(page, shots, "zh_01_breakdown")
                # 2. answers
                chat("每条大约20秒，3个标注员", "已更新为第 2 版")
                _shot(page, shots, "zh_02_answers")
                # 3. draft
                page.get_by_role("button", name="起草规则书").click()
                wait_text("规则书第 1 版已起草")
                _shot(page, shots, "zh_03_draft")
                # 4. edits: a label name fixed and a definition given by chat, then the editor
                from assistant.service.projects import rulebook_version
                from assistant.core.settings import Settings
                from assistant.service.workspace import Workspace

                names = rulebook_version(Workspace(Settings(data_dir=data_dir)), project_id).label_names
                version = 1
                for name in names:
                    wanted = next((w for w in HOSPITAL_LABELS if w in name), None)
                    if wanted and wanted != name:  # a label the request's wording left untidy
                        version += 1
                        chat(f"把「{name}」改名为「{wanted}」", f"已生成第 {version} 版")
                version += 1
                chat("病情症状的定义是：患者描述身体不适、症状或病情变化", f"已生成第 {version} 版")
                chat("给用药加几个例子", "请在规则书编辑器中完成")
                assert not page.get_by_text("--add-label").count()
                _shot(page, shots, "zh_04_chat_points_to_the_editor")
                page.get_by_role("button", name="打开规则书编辑器：用药").click()
                wait_text("请在这里修改：用药 · 示例")
                _shot(page, shots, "zh_05_editor")
                page.get_by_text("导入手工编辑过的规则书 JSON").click()
                edited = _hand_edited_rulebook(data_dir, project_id, tmp_path / "rulebook_edited.json")
                upload(f"ed_{project_id}_{version}_import", edited)
                page.get_by_role("button", name=f"导入为第 {version + 1} 版").click()
                wait_text(f"已保存为第 {version + 1} 版")
                _shot(page, shots, "zh_06_editor_saved")
                wait_text("下一步：培训标注员")
                # 5. quiz
                page.get_by_role("link", name="试标").first.click()
                _settle(page)
                page.get_by_role("tab", name="资格测验").click()
                page.get_by_role("button", name="生成测验").click()
                wait_text("已保存到项目")
                _shot(page, shots, "zh_07_quiz")
                # 6. pre-labels
                page.goto(f"{base}/prelabel?lang=zh&project={project_id}")
                _settle(page)
                upload("prelabel_items", files["items.csv"])
                page.get_by_role("button", name="开始预标注").click()
                wait_text("完成：12 条")
                _shot(page, shots, "zh_08_prelabels")
                # 7. agreement with the annotators' files, recorded with the project
                page.goto(f"{base}/agreement?lang=zh&project={project_id}")
                _settle(page)
                upload("agree_files", files["annotator_a.csv"], files["annotator_b.csv"])
                upload("agree_texts", files["items.csv"])
                page.get_by_role("button", name="计算一致性").click()
                wait_text("3 · 结果")
                page.get_by_role("button", name=f"将本轮结果记录到项目 {project_id}").click()
                wait_text("已记录为项目")
                _shot(page, shots, "zh_09_agreement")
                # 8. QA sample with texts, then the reviewed batch
                page.goto(f"{base}/production?lang=zh&project={project_id}")
                _settle(page)
                upload(f"qa_batch_{project_id}", files["batch.csv"])
                upload(f"qa_items_{project_id}", files["items.csv"])
                wait_text("均附原文")
                upload("prod_labels_0", files["batch.csv"])
                upload("prod_reviewed_0", files["reviewed.csv"])
                page.get_by_role("button", name="记录该批次").click()
                wait_text("已记录批次")
                _shot(page, shots, "zh_10_qa_and_batch")
                # 9. deliver; the project is then read-only
                page.goto(f"{base}/knowledge?lang=zh&project={project_id}")
                _settle(page)
                page.get_by_role("tab", name="交付项目").click()
                page.get_by_role("textbox", name="经验教训（每行或每个要点一条）").fill("- 用药和病情症状在药物反应上容易混淆")
                page.get_by_role("button", name="交付").click()
                wait_text("已交付：项目")
                page.goto(f"{base}/projects?lang=zh&project={project_id}")
                wait_text("该项目已交付，规则书只读")
                _shot(page, shots, "zh_11_delivered_read_only")

                # Every step's page again, in English
                for number, name in enumerate(["assistant", "projects", "trial", "prelabel", "agreement", "production", "knowledge"], 1):
                    page.goto(f"{base}/{name}?lang=en&project={project_id}")
                    _settle(page)
                    _shot(page, shots, f"en_{number:02d}_{name}")
                    if name == "projects":
                        assert page.get_by_text("This project is delivered, so its rulebook is read-only").first.is_visible()
            finally:
                browser.close()
        assert (shots / "zh_06_editor_saved.png").stat().st_size > 10_000
        assert "Traceback" not in log.read_text(errors="replace")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
