"""Pre-labeling stays honest and bounded (issue 14): exit codes, reserved labels, size limits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULEBOOK = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"


def _items(tmp_path: Path, texts: list[str]) -> Path:
    import csv

    path = tmp_path / "items.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text"])
        writer.writerows([(f"i{n}", text) for n, text in enumerate(texts)])
    return path


def test_prelabel_exits_non_zero_when_records_end_in_error_and_says_how_to_retry(cli, tmp_path):
    shutil.copy(RULEBOOK, tmp_path / "rb.json")
    _items(tmp_path, ["退款十天没人审核，我要投诉", "", "请问有3L的吗", "", "谢谢客服很耐心", ""])
    code, out, err = cli("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre.jsonl")
    assert code == 1, (out, err)
    assert "6 条中有 3 条出错" in err and "--resume" in err  # in the zh rulebook's language
    records = [json.loads(line) for line in (tmp_path / "pre.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum(r["status"] == "error" for r in records) == 3 and len(records) == 6
    _items(tmp_path, ["退款十天没人审核，我要投诉", "请问有3L的吗"])
    code, _, err = cli("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre2.jsonl")
    assert code == 0, err


def test_an_over_long_item_becomes_an_error_record(cli, tmp_path, monkeypatch):
    shutil.copy(RULEBOOK, tmp_path / "rb.json")
    huge = "退款" * 60_000
    _items(tmp_path, ["请问有3L的吗", huge])
    code, _, err = cli("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre.jsonl")
    assert code == 1
    records = {r["id"]: r for r in map(json.loads, (tmp_path / "pre.jsonl").read_text(encoding="utf-8").splitlines())}
    assert records["i0"]["status"] != "error"
    assert records["i1"]["status"] == "error" and "over the per-item limit of 20,000" in records["i1"]["error"]
    monkeypatch.setenv("RULEBOOK_MAX_ITEM_CHARS", "200000")
    code, _, err = cli("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre3.jsonl")
    assert code == 0, err


def test_an_over_long_item_is_never_sent_to_the_llm(cli, tmp_path, llm_env):
    shutil.copy(RULEBOOK, tmp_path / "rb.json")
    _items(tmp_path, ["投诉" * 30_000])
    code, _, err = cli("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre.jsonl")
    assert code == 1 and "1 条中有 1 条出错" in err  # the zh rulebook's language
    assert llm_env.chat_requests == []


def test_a_rulebook_over_its_token_budget_is_not_sent_to_an_llm(cli, tmp_path, llm_env, monkeypatch):
    shutil.copy(RULEBOOK, tmp_path / "rb.json")
    _items(tmp_path, ["退款十天没人审核，我要投诉"])
    monkeypatch.setenv("RULEBOOK_TOKEN_BUDGET", "500")
    code, _, err = cli("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre.jsonl")
    assert code == 2 and "over the token budget of 500" in err and "Traceback" not in err
    figure = err.split("the rulebook is ")[1].split(" tokens")[0]
    assert int(figure.replace(",", "")) > 500
    assert llm_env.requests == [] and not (tmp_path / "pre.jsonl").exists()
    # the offline engine sends nothing anywhere: the same rulebook is fine there
    code, _, err = cli("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre.jsonl", "--offline")
    assert code == 0, err


def _with_label_renamed(tmp_path: Path, new: str) -> Path:
    data = json.loads(RULEBOOK.read_text(encoding="utf-8"))
    old = data["labels"][0]["name"]
    text = json.dumps(data, ensure_ascii=False).replace(f'"{old}"', json.dumps(new, ensure_ascii=False))
    path = tmp_path / "reserved.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_label_named_abstain_is_refused_by_check_and_prelabel(cli, tmp_path):
    for word in ("abstain", "Abstain", "弃权", "error"):
        path = _with_label_renamed(tmp_path, word)
        code, out, err = cli("check", str(path))
        assert code == 1 and "reserved" in out, (word, out)
        _items(tmp_path, ["退款十天没人审核，我要投诉"])
        code, _, err = cli("prelabel", "-r", str(path), "-i", "items.csv", "-o", "pre.jsonl")
        assert code == 2 and f"label {word!r} is a reserved word" in err, err
        assert not (tmp_path / "pre.jsonl").exists()
    code, out, _ = cli("check", str(RULEBOOK))
    assert "reserved" not in out
