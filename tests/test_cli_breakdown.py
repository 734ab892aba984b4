"""`rulebook breakdown`, `answer` and `projects` as a user runs them."""

import json


def _breakdown(cli, *args):
    cli("kb", "seed")
    code, out, err = cli("breakdown", *args)
    assert code == 0, err
    return out, err


def test_breakdown_json_has_the_documented_keys_and_is_saved(cli):
    out, err = _breakdown(cli, "我们想让客服机器人更懂用户的投诉，下个月底前要一批数据", "--json", "--project", "投诉情绪")
    data = json.loads(out)
    assert {"what", "why", "when", "who", "where", "how", "how_much", "questions", "assumptions", "similar_projects", "engine", "project_id"} <= set(data)
    assert data["engine"] == "offline" and "offline engine" in err
    code, out, _ = cli("projects", "list", "--json")
    projects = json.loads(out)
    assert projects[0]["id"] == data["project_id"] and projects[0]["status"] == "breakdown"
    assert projects[0]["name"] == "投诉情绪" and projects[0]["breakdown_versions"] == 1


def test_breakdown_text_is_readable_in_the_request_language(cli):
    out, _ = _breakdown(cli, "we need better search results for our shop")
    assert "## How much" in out and "Questions for the requester" in out
    assert "[missing]" in out and "past project shop-search-relevance-en" in out
    out, _ = _breakdown(cli, "我们想让客服机器人更懂用户的投诉")
    assert "## How much · 多少" in out
    assert "待确认问题" in out and "[缺失]" in out


def test_breakdown_from_a_file(cli, tmp_path):
    request = tmp_path / "request.txt"
    request.write_text("老板说要做电商评论的情感分析，大概5万条，12月15日前交付", encoding="utf-8")
    out, _ = _breakdown(cli, "--file", str(request), "--json")
    assert json.loads(out)["how_much"]["volume"]["value"] == 50000


def test_bad_requests_are_refused_and_write_nothing(cli, tmp_path):
    cli("kb", "seed")
    for args in (["   "], ["x" * 20_001]):
        code, _, err = cli("breakdown", *args)
        assert code == 2 and "request" in err and "Traceback" not in err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 requests".encode("latin-1"))
    code, _, err = cli("breakdown", "--file", str(latin))
    assert code == 2 and "not UTF-8" in err
    code, out, _ = cli("projects", "list", "--json")
    assert json.loads(out) == []


def test_answer_with_set_file_and_text_adds_versions(cli, tmp_path):
    out, _ = _breakdown(cli, "我们想让客服机器人更懂用户的投诉", "--json")
    project_id = json.loads(out)["project_id"]
    code, out, err = cli("answer", project_id, "--set", "how_much.volume=30000", "--json")
    assert code == 0, err
    second = json.loads(out)
    assert second["version"] == 2 and second["how_much"]["volume"]["value"] == 30000
    answers = tmp_path / "answers.yaml"
    answers.write_text("how_much:\n  budget: 2万元\nwhere.data_source: 近三个月的在线客服会话\n", encoding="utf-8")
    code, out, _ = cli("answer", project_id, "--answers", str(answers), "--text", "两周内交付", "--json")
    third = json.loads(out)
    assert third["version"] == 3
    assert third["how_much"]["budget"]["value"] == {"amount": 20000.0, "currency": "CNY"}
    assert third["where"]["data_source"]["value"] == "近三个月的在线客服会话"
    assert third["when"]["deadline"]["status"] == "stated"
    assert third["how_much"]["volume"]["value"] == 30000  # earlier answers are kept
    code, out, _ = cli("projects", "show", project_id, "--version", "1", "--json")
    shown = json.loads(out)
    assert shown["breakdown_versions"] == 3 and shown["breakdown"]["how_much"]["volume"]["status"] == "missing"
    code, out, _ = cli("projects", "show", project_id)
    assert "breakdown v3" in out and "answers: how_much.budget" in out


def test_answer_errors_are_clear(cli):
    out, _ = _breakdown(cli, "we need better search results for our shop", "--json")
    project_id = json.loads(out)["project_id"]
    code, _, err = cli("answer", project_id, "--set", "volume=3")
    assert code == 2 and "unknown breakdown field" in err
    code, _, err = cli("answer", project_id, "--set", "how_much.volume")
    assert code == 2 and "FIELD=VALUE" in err
    code, _, err = cli("answer", "p-nothere", "--set", "how_much.volume=3")
    assert code == 2 and "no project with id 'p-nothere'" in err
