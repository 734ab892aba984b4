"""The `rulebook` command as a user runs it."""

import json

import yaml

from knowledge.loader import seed_files


def test_kb_seed_is_idempotent_and_prints_counts(chroma_url, cli):
    code, out, _ = cli("kb", "seed")
    assert code == 0
    assert f"seeded {len(seed_files())} projects: {len(seed_files())} added" in out
    code, out, _ = cli("kb", "seed")
    assert code == 0 and "0 added, 0 updated" in out
    assert "0 documents indexed now" in out


def test_kb_search_json_has_the_documented_fields(chroma_url, cli):
    cli("kb", "seed")
    code, out, err = cli("kb", "search", "用户投诉 情绪识别", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits[0]["project"] == "cs-complaint-sentiment-zh"
    assert {"id", "kind", "project", "task_type", "score", "text"} <= set(hits[0])
    code, out, _ = cli("kb", "search", "search result relevance", "--json", "--kind", "project", "--k", "2")
    hits = json.loads(out)
    assert len(hits) == 2 and hits[0]["project"] == "shop-search-relevance-en"
    assert all(hit["kind"] == "project" for hit in hits)


def test_kb_search_rejects_an_unknown_task_type(cli):
    code, _, err = cli("kb", "search", "x", "--task-type", "dance")
    assert code == 1 and "unknown --task-type 'dance'" in err and "Traceback" not in err


def test_kb_stats_counts_by_kind_and_task_type(servers, cli):
    cli("kb", "seed")
    code, out, _ = cli("kb", "stats", "--json")
    stats = json.loads(out)
    assert stats["by_kind"]["project"] == len(seed_files()) == stats["projects_in_store"]
    assert sum(stats["projects_by_task_type"].values()) == len(seed_files())


def test_kb_add_reports_the_bad_file_and_field(cli, tmp_path):
    data = yaml.safe_load(seed_files()[0].read_text(encoding="utf-8"))
    del data["rules"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = cli("kb", "add", str(bad))
    assert code == 2
    assert "bad.yaml" in err and "field rules: Field required" in err and "Traceback" not in err


def test_kb_reindex_rebuilds_from_the_store(servers, cli):
    cli("kb", "seed")
    code, out, _ = cli("kb", "reindex")
    assert code == 0 and f"from {len(seed_files())} past projects" in out


def test_doctor_offline_is_usable_and_says_so(cli):
    code, out, _ = cli("doctor")
    assert code == 0
    assert "offline engine" in out and "sqlite" in out


def test_doctor_masks_the_key_and_checks_the_endpoint(cli, llm_env):
    from tests.openai_server import Reply

    llm_env.script(Reply.text("OK"))
    code, out, _ = cli("doctor", "--json")
    report = json.loads(out)
    assert code == 0 and report["usable"] and report["engine"] == "llm"
    assert "sk-test-key-123456" not in out
    # the second request asks for a made-up model: this stub answers any name, so doctor says it cannot verify it
    assert [r["body"]["model"] for r in llm_env.chat_requests] == ["stub-model", "rulebook-doctor-no-such-model"]
    name_check = next(check for check in report["checks"] if check["name"] == "llm model name")
    assert "cannot verify 'stub-model'" in name_check["detail"]


def test_doctor_trusts_the_model_name_on_a_server_that_refuses_unknown_ones(cli, llm_env):
    from tests.openai_server import Reply

    llm_env.script(Reply.text("OK"), Reply.error(404, "model not found", type_="invalid_request_error"))
    code, out, _ = cli("doctor", "--json")
    name_check = next(check for check in json.loads(out)["checks"] if check["name"] == "llm model name")
    assert code == 0 and "is known to the server" in name_check["detail"]


def test_doctor_fails_when_the_endpoint_does_not_answer(cli, llm_env):
    from tests.openai_server import Reply

    llm_env.script(Reply.error(401, "bad key", type_="invalid_request_error"))
    code, out, _ = cli("doctor")
    assert code == 1 and "[ERR] llm" in out and "OPENAI_API_KEY" in out


def test_demo_runs_the_whole_pipeline_offline(servers, cli, isolated):
    code, out, err = cli("demo")
    assert code == 0, err
    assert "offline engine" in err
    assert "cs-complaint-sentiment-zh" in out and "shop-search-relevance-en" in out
    demo = isolated / "data" / "demo"
    for name in ("breakdown.txt", "rulebook.md", "rulebook.json", "rulebook.docx", "label_studio_config.xml",
                 "prelabels.jsonl", "agreement_model_vs_human.md", "agreement_humans.md"):
        assert (demo / name).stat().st_size > 0, name
        assert name in out
    assert "通过：一致率 0.85" in out  # the bundled human pair
    lines = (demo / "prelabels.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 40
    code, out, _ = cli("projects", "list", "--json")
    assert json.loads(out)[0]["status"] == "trial"


def test_every_command_says_which_engine_it_uses(cli):
    for args in (["kb", "seed"], ["kb", "stats"], ["projects", "list"]):
        code, _, err = cli(*args)
        assert code == 0 and "[offline engine: no LLM configured" in err, args
