"""Project text follows the project's (rulebook's) language: zh rulebooks get Chinese findings,
change-log lines and rationales, English ones English (docs/messages.md)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.core.language import language_for, project_language
from assistant.core.messages import localize, text
from assistant.core.models import Rulebook
from assistant.prelabel import prelabel
from assistant.rulebook.check import check_rulebook, format_report
from assistant.rulebook.export import load_rulebook, to_markdown
from assistant.rulebook.revise import Edit, revise

DATA = Path(__file__).parent / "data"
# An English sentence: three or more Latin words in a row (label names and codes are single words).
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){3,}")


def _zh() -> Rulebook:
    return load_rulebook(DATA / "rulebook_complaints_zh.json")


def test_the_rules_in_one_place():
    assert language_for("chrome", ui="en", project="zh") == "en"
    assert language_for("rationale", ui="en", project="zh") == "zh"
    assert language_for("check_finding", ui="zh", project="en") == "en"
    assert language_for("qa_verdict", ui="zh") == "zh"  # no project known: the reader's language
    assert project_language(_zh()) == "zh" and project_language("mixed") == "zh" and project_language("fr") == "en"


def test_check_findings_of_a_zh_rulebook_read_in_chinese(settings):
    rulebook = _zh()
    broken = rulebook.model_copy(
        update={
            "decision_procedure": [],
            "labels": [rulebook.labels[0].model_copy(update={"definition": ""}), *rulebook.labels[1:]],
        }
    )
    report = check_rulebook(broken, settings)
    assert {"missing-definition", "no-decision-procedure"} <= set(report.codes())
    zh = format_report(report, project_language(broken))
    assert "规则书没有判定流程" in zh and "没有定义" in zh and "未通过" in zh
    for line in zh.splitlines():
        assert not ENGLISH_SENTENCE.search(line.split("]", 1)[-1]), line
    # the JSON keeps its English message
    assert report.issues[0].message == report.issues[0].text("en") and report.issues[0].text("en") != report.issues[0].text("zh")


def test_change_log_of_a_zh_rulebook_is_chinese_in_the_export():
    rulebook = _zh()
    first = rulebook.labels[0].name
    revised = revise(rulebook, edits=[Edit(op="rename_label", label=first, new_name="新名字")])
    stored = revised.changelog[-1].change
    assert stored == f"rename {first} to 新名字"  # stored in English (JSON and `versions` unchanged)
    markdown = to_markdown(revised)
    assert f"把 {first} 改名为 新名字" in markdown and stored not in markdown
    assert localize(f"restored version 2; {stored}", "zh", "note.") == f"恢复第 2 版；把 {first} 改名为 新名字"
    assert localize("a note nobody wrote a text for", "zh", "note.") == "a note nobody wrote a text for"


def test_offline_rationales_follow_the_rulebook_language():
    zh_rulebook = _zh()
    [zh] = list(prelabel(zh_rulebook, [("1", "物流怎么还没到，太慢了")]))
    assert "最相近的" in zh.rationale and "nearest" not in zh.rationale
    en_rulebook = zh_rulebook.model_copy(update={"language": "en"})
    [en] = list(prelabel(en_rulebook, [("1", "物流怎么还没到，太慢了")]))
    assert "nearest rulebook examples" in en.rationale


def test_qa_flags_render_in_each_catalogue_language():
    line = text("batches.flag.batch_ci_reaches", "zh")
    assert line == "置信区间上限达到阈值：扩大抽检量后再决定是否退回。"
    assert text("batches.flag.batch_ci_reaches", "en").startswith(" The CI reaches")
