"""Fast commands read the default store with the standard library (issue 13), and find what the `Store` finds.

`rulebook check` also compares label definitions without NumPy and counts an unchanged rulebook's tokens once;
`projects list` and `kb stats` read their rows without SQLAlchemy.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from assistant.core.schema_version import HEAD
from assistant.core.store import Store
from assistant.core.store_read import open_reader, store_file
from assistant.llm import tokens
from assistant.llm.embeddings import HashingEmbedder, sparse_dot
from knowledge.loader import load_project_file, seed_files


def _store_with_a_project(settings) -> tuple[Store, str]:
    store = Store.from_settings(settings)
    for path in seed_files()[:3]:
        store.upsert_past_project(load_project_file(path))
    project = store.create_project("complaints", "我们想让客服机器人更懂用户的投诉")
    store.add_artifact(project.id, "breakdown", {"step": 1})
    store.add_artifact(project.id, "breakdown", {"step": 2})
    return store, project.id


def test_the_reader_answers_as_the_store_does(settings):
    store, project = _store_with_a_project(settings)
    reader = open_reader(settings)
    assert reader is not None
    assert [p.model_dump() for p in reader.past_projects()] == [p.model_dump() for p in store.past_projects()]
    assert reader.latest_payload(project, "breakdown") == store.artifact(project, "breakdown").payload == {"step": 2}
    assert reader.latest_payload(project, "rulebook") is None
    assert reader.latest_payload("p-00000000", "breakdown") is None
    reader.close()


def test_the_store_is_opened_for_another_database_or_schema(settings, tmp_path):
    assert open_reader(settings) is None  # no store yet
    store, _ = _store_with_a_project(settings)
    other = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'other.db'}"})
    assert store_file(other) is None and open_reader(other) is None
    store.engine.dispose()
    for version, readable in (("0002", False), ("9999", False), (HEAD, True)):  # older: the Store upgrades it; newer: refuses
        with sqlite3.connect(store_file(settings)) as connection:
            connection.execute("UPDATE alembic_version SET version_num = ?", (version,))
        assert (open_reader(settings) is not None) is readable


def test_check_finds_the_same_through_the_reader_and_the_store(cli, tmp_path, monkeypatch):
    assert cli("kb", "seed")[0] == 0
    code, out, err = cli("breakdown", "我们想让客服机器人更懂用户的投诉，旧规则误分23%，分清很生气还是有点不满", "--json")
    assert code == 0, err
    project = json.loads(out)["project_id"]
    js = tmp_path / "rb.json"
    assert cli("draft", "--project", project, "--json", str(js))[0] == 0
    rulebook = json.loads(js.read_text(encoding="utf-8"))
    rulebook["purpose"] = "旧规则误分23%，目标把准确率从77%提到90%"  # 77% and 90% were never stated
    rulebook["labels"][0]["criteria"].append("用户要求退款时标退货退款")  # a past project's label, not this rulebook's
    js.write_text(json.dumps(rulebook, ensure_ascii=False), encoding="utf-8")

    fast = [cli("check", str(js), "--json")[1], cli("check", project, "--json")[1]]
    monkeypatch.setattr("assistant.cli.check.open_reader", lambda settings: None)  # as if RULEBOOK_DATABASE_URL were set
    slow = [cli("check", str(js), "--json")[1], cli("check", project, "--json")[1]]
    assert fast == slow
    codes = {issue["code"] for issue in json.loads(fast[0])["issues"]}
    assert "unsupported-figure" in codes  # the stored request was read
    assert "dangling-label" in codes  # the past projects' labels were read


def test_projects_list_and_kb_stats_show_the_same_through_the_reader_and_the_store(cli, settings, monkeypatch):
    store, project = _store_with_a_project(settings)
    store.add_artifact(project, "breakdown", {"questions": [{"q": 1}, {"q": 2}]})
    store.create_project("no breakdown yet", "另一个需求", language="zh", meta={"owner": "li"})
    store.engine.dispose()
    fast = [cli("projects", "list", "--json")[1], cli("projects", "list")[1]]
    assert cli("kb", "seed")[0] == 0
    cli("kb", "stats")  # counts the index once and saves the counts
    stats = cli("kb", "stats", "--json")[1]
    monkeypatch.setattr("assistant.service.project_list.open_reader", lambda settings: None)
    monkeypatch.setattr("assistant.cli.kb.open_reader", lambda settings: None)
    assert [cli("projects", "list", "--json")[1], cli("projects", "list")[1]] == fast
    assert cli("kb", "stats", "--json")[1] == stats
    listed = json.loads(fast[0])
    assert [row["name"] for row in listed] == ["no breakdown yet", "complaints"]
    assert listed[1]["breakdown_versions"] == 3 and listed[1]["open_questions"] == 2 and listed[0]["owner"] == "li"
    assert listed[0]["open_questions"] is None and listed[1]["created"]
    assert json.loads(stats)["projects_in_store"] == 10


def test_checking_a_file_creates_no_store(cli, settings):
    from tests.test_startup import EXAMPLE_RULEBOOK

    code, out, _ = cli("check", str(EXAMPLE_RULEBOOK))
    assert code in (0, 1) and "tokens" in out
    assert not store_file(settings).exists()


def test_an_unchanged_text_is_counted_once(settings, monkeypatch, tmp_path):
    text = f"按情绪给投诉打标签 {tmp_path.name}: angry, disappointed, anxious."
    expected = tokens.count_tokens(text, settings)
    assert tokens.count_tokens_kept(text, settings) == expected
    real_count = tokens.count_tokens
    monkeypatch.setattr(tokens, "count_tokens", lambda *args: pytest.fail("counted again"))
    assert tokens.count_tokens_kept(text, settings) == expected

    monkeypatch.setattr(tokens, "count_tokens", real_count)
    other = settings.model_copy(update={"token_encoding": "cl100k_base"})
    assert tokens.count_tokens_kept(text, other) == tokens.count_tokens(text, other)  # kept per encoding

    kept = tokens.tiktoken_cache_dir(settings) / tokens.TOKEN_COUNTS_FILE
    kept.write_text("{not json", encoding="utf-8")
    assert tokens.count_tokens_kept(text, settings) == expected  # a damaged file is counted again, then rewritten
    assert json.loads(kept.read_text(encoding="utf-8"))


def test_label_overlap_without_numpy_equals_the_embedders_vectors():
    texts = ["用户明确表达强烈不满并要求投诉或赔偿", "用户表达不满但语气平和，没有要求赔偿", "Refund not received after 3 weeks!!", ""]
    embedder = HashingEmbedder(1024)
    dense = embedder.embed(texts)
    sparse = [embedder.sparse(text) for text in texts]
    for i in range(len(texts)):
        for j in range(len(texts)):
            assert sparse_dot(sparse[i], sparse[j]) == pytest.approx(float(dense[i] @ dense[j]), abs=1e-6)
    assert sparse[3] == {}
