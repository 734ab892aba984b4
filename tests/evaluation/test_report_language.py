"""The evaluation reports speak one language: metric explanations, notes, suggestions and charts' words
follow the report's language (English stays exactly as the metrics write it)."""

from __future__ import annotations

import re

import pytest

from evaluation import metrics as M
from evaluation.agreement import agreement_report
from evaluation.batches import batch_record_from_records, batch_report, report_markdown
from evaluation.explain import explanation_text
from evaluation.labels import LabelSet
from evaluation.report import to_markdown

# three or more English words in a row: an English sentence left in a Chinese text
ENGLISH_RUN = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}")


def _degenerate_explanations() -> list[str]:
    a, b = ["x", "y", "x", None, "y"], ["x", "x", "x", "y", None]
    metrics = [
        M.percent_agreement(a, b),
        M.percent_agreement([], []),
        M.percent_agreement([None], ["x"]),
        M.percent_agreement(["x"], ["x"]),
        M.percent_agreement_multi([["x", "x", "y"], ["x"], ["y", "y"]]),
        M.percent_agreement_multi([["x"]]),
        M.cohen_kappa(a, b),
        M.cohen_kappa(["x", "x"], ["x", "x"]),
        M.cohen_kappa(a, b, labels=["x", "y"], weights="linear"),
        M.cohen_kappa(a, b, labels=["x", "y"], weights="quadratic"),
        M.fleiss_kappa([["x", "y", "x"], ["x", None, "x"], ["y", "y", "y"]]),
        M.fleiss_kappa([["x"]]),
        M.fleiss_kappa([["x", None]]),
        M.fleiss_kappa([["x", "x"], ["x", None]]),
        M.krippendorff_alpha([["x", "y"], ["x", "x"], ["y"]]),
        M.krippendorff_alpha([["x", "x"], ["x", "x"], ["y"]]),
        M.krippendorff_alpha([[1, 2], [2, 3], [3, 3]], level="ordinal"),
        M.krippendorff_alpha([[1, 2], [2, 3]], level="interval"),
        M.gwet_ac1([["x", "y"], ["x", "x"], ["y"], []]),
        M.gwet_ac1([["x", "x"]]),
        M.bootstrap_ci(M.cohen_kappa, ["x", "y"], ["x", "x"], n=30),
        M.bootstrap_ci(M.cohen_kappa, ["x", "x"], ["x", "x"], n=20),
        M.bootstrap_ci(M.cohen_kappa, [], [], n=20),
    ]
    spans = [M.span_f1([], []), M.span_f1([[(0, 1, "A")]], [[]]), M.span_f1([[]], [[(0, 1, "A")]])]
    return [m.explanation for m in metrics] + [s.explanation for s in spans]


@pytest.mark.parametrize("english", _degenerate_explanations())
def test_every_metric_explanation_reads_in_chinese(english):
    assert english  # each case explains itself
    chinese = explanation_text(english, "zh")
    assert not ENGLISH_RUN.search(chinese), chinese
    assert explanation_text(english, "en") == english  # English is shown exactly as the metric wrote it


def test_explanation_numbers_and_labels_survive_translation():
    english = M.percent_agreement(["x", "y", "x", None], ["x", "x", "x", "y"]).explanation
    assert english == "2 of 3 items agree. Left out 1 item with a missing rating."
    assert explanation_text(english, "zh") == "共 3 条，其中 2 条一致。有 1 条因缺少评分未计入。"
    one_label = M.cohen_kappa(["是", "是"], ["是", "是"]).explanation
    assert "'是'" in explanation_text(one_label, "zh")


def test_an_unknown_sentence_is_kept_as_written():
    text = "Computed on 3 items rated by both raters. Something the catalogue does not know."
    assert explanation_text(text, "zh") == "基于两名标注员都标注过的 3 条计算。Something the catalogue does not know."


def test_chinese_agreement_report_has_no_english_notes_or_explanations():
    same = {f"i{i}": "好评" for i in range(6)}
    report = agreement_report([LabelSet(name="甲", labels=same), LabelSet(name="乙", labels=dict(same))], None, bootstrap=20)
    english = to_markdown(report, None, "en")
    assert "No rulebook given: target 0.80 on percent agreement; labels not checked." in english
    assert "- Cohen's kappa: All ratings use one label ('好评')" in english
    chinese = to_markdown(report, None, "zh")
    assert "未提供规则书：以一致率 0.80 为目标；未检查标签。" in chinese
    assert "- Cohen's kappa：所有评分都是同一个标签（'好评'）" in chinese
    assert report.notes_zh == ["未提供规则书：以一致率 0.80 为目标；未检查标签。"]
    for line in chinese.splitlines():
        if line.startswith("- "):
            assert not ENGLISH_RUN.search(line), line


def test_undefined_verdict_explains_itself_in_chinese(search_rulebook):
    rulebook = search_rulebook.model_copy(
        update={"quality": search_rulebook.quality.model_copy(update={"agreement_metric": "cohen_kappa"}), "language": "zh"}
    )
    label = rulebook.label_names[0]
    same = {f"i{i}": label for i in range(6)}
    report = agreement_report([LabelSet(name="a", labels=same), LabelSet(name="b", labels=dict(same))], rulebook, bootstrap=0)
    assert report.verdict.passed is None
    assert "chance agreement is 1 so kappa is undefined" in report.verdict.text
    assert "机会一致率为 1，因此 kappa 无定义" in report.verdict.text_zh


def test_batch_report_is_the_same_layout_in_both_languages():
    records = [{"id": f"c{i}", "label": "A" if i % 2 else "B | C", "annotator": "ann"} for i in range(6)]
    review = [{"id": f"c{i}", "annotator": "ann", "correct": "no" if i < 3 else "yes", "reviewed_label": "A"} for i in range(6)]
    report = batch_report([batch_record_from_records(records, name="w|1", reviewed=review)], threshold=0.9)
    english, chinese = report_markdown(report, "en"), report_markdown(report, "zh")
    assert english.startswith("# Quality over time\n\n1 batch(es); threshold 90%, drift tolerance 0.10.\n\n## Flags (2)\n")
    assert chinese.startswith("# 批次质量趋势\n\n共 1 个批次；验收阈值 90%，漂移容差 0.10。\n\n## 预警（2）\n")
    assert "| w\\|1 |" in english and "| w\\|1 |" in chinese  # user text cannot break the table
    assert [line.count("|") for line in english.splitlines()] == [line.count("|") for line in chinese.splitlines()]
    with pytest.raises(Exception, match="language must be one of"):
        report_markdown(report, "fr")
