"""Step 2 from the command line: draft, check, export, revise, versions, restore."""

import json
import xml.etree.ElementTree as ET

from docx import Document


def _project(cli, request="我们想让客服机器人更懂用户的投诉，下个月底前要一批数据"):
    cli("kb", "seed")
    code, out, err = cli("breakdown", request, "--json")
    assert code == 0, err
    return json.loads(out)["project_id"]


def test_draft_writes_every_format_and_the_check_passes(cli, tmp_path):
    project = _project(cli)
    md, js, docx = tmp_path / "rb.md", tmp_path / "rb.json", tmp_path / "rb.docx"
    code, _, err = cli("draft", "--project", project, "--out", str(md), "--json", str(js), "--docx", str(docx))
    assert code == 0, err
    assert "rulebook v1" in err and "4 labels" in err
    rulebook = json.loads(js.read_text(encoding="utf-8"))
    assert [label["name"] for label in rulebook["labels"]] == ["愤怒投诉", "一般不满", "中性咨询", "正面反馈"]
    assert all({"text", "label", "polarity", "explanation", "source"} <= set(e) for l in rulebook["labels"] for e in l["examples"])
    assert "愤怒投诉" in md.read_text(encoding="utf-8")
    assert any("愤怒投诉" in p.text for p in Document(str(docx)).paragraphs)
    code, out, _ = cli("check", str(js))
    assert code == 0, out
    code, out, _ = cli("export", str(js), "--format", "label-studio", "--out", str(tmp_path / "config.xml"))
    assert code == 0
    choices = [c.get("value") for c in ET.parse(tmp_path / "config.xml").getroot().iter("Choice")]
    assert choices == ["愤怒投诉", "一般不满", "中性咨询", "正面反馈"]
    code, out, _ = cli("projects", "list", "--json")
    assert json.loads(out)[0]["status"] == "rulebook"


def test_draft_from_a_request_prints_markdown(cli):
    cli("kb", "seed")
    code, out, err = cli("draft", "--request", "we need better search results for our shop")
    assert code == 0, err
    assert "started project" in err and out.lstrip().startswith("#")


def test_check_fails_on_a_label_without_definition(cli, tmp_path):
    project = _project(cli)
    cli("answer", project, "--set", "what.candidate_labels=愤怒投诉,一般不满,催单")
    js = tmp_path / "rb.json"
    cli("draft", "--project", project, "--json", str(js))
    code, out, _ = cli("check", str(js))
    assert code == 1 and "missing-definition" in out and "催单" in out
    code, out, _ = cli("check", project, "--json")
    assert code == 1 and any(i["code"] == "missing-definition" for i in json.loads(out)["issues"])


def test_revise_versions_diff_and_restore(cli, tmp_path):
    project = _project(cli)
    cli("draft", "--project", project, "--json", str(tmp_path / "v1.json"))
    code, out, err = cli("revise", project, "merge 愤怒投诉 and 一般不满 into 投诉")
    assert code == 0, err
    assert "saved rulebook version 2" in err
    assert "-" in out and "+" in out and "投诉" in out  # a readable diff
    code, out, err = cli("revise", project, "--define", "投诉", "--definition", "用户明确表达不满或投诉诉求")
    assert code == 0, err
    code, out, _ = cli("versions", project)
    assert "v1" in out and "v2" in out and "v3" in out and "merge 愤怒投诉" in out
    code, out, _ = cli("restore", project, "1")
    assert code == 0 and "as version 4" in out
    code, _, _ = cli("export", project, "--format", "json", "--out", str(tmp_path / "v4.json"))
    restored = json.loads((tmp_path / "v4.json").read_text(encoding="utf-8"))
    original = json.loads((tmp_path / "v1.json").read_text(encoding="utf-8"))
    assert restored["version"] == 4 and [l["name"] for l in restored["labels"]] == [l["name"] for l in original["labels"]]
    assert restored["changelog"][-1]["change"] == "restored version 1"
    code, _, _ = cli("export", project, "--version", "2", "--format", "json", "--out", str(tmp_path / "v2.json"))
    assert [l["name"] for l in json.loads((tmp_path / "v2.json").read_text(encoding="utf-8"))["labels"]][0] == "投诉"


def test_revise_a_file_in_place_and_offline_limits(cli, tmp_path):
    project = _project(cli)
    js = tmp_path / "rb.json"
    cli("draft", "--project", project, "--json", str(js))
    code, out, err = cli("revise", str(js), "--add-edge-case", "反讽：字面夸奖、实际不满", "--resolution", "按实际态度标一般不满")
    assert code == 0, err
    assert json.loads(js.read_text(encoding="utf-8"))["version"] == 2
    code, _, err = cli("revise", str(js), "add an edge case for sarcasm")
    assert code == 2 and "offline engine" in err and "Traceback" not in err


def test_bad_rulebook_files_are_clear_errors(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x"}', encoding="utf-8")
    code, _, err = cli("check", str(bad))
    assert code == 2 and "bad.json" in err and "Traceback" not in err
    code, _, err = cli("export", str(bad), "--format", "pdf", "--out", str(tmp_path / "x.pdf"))
    assert code == 2
