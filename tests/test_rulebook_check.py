"""`rulebook check`: the samples pass, and each class of problem is caught with its code."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.models import EdgeCaseRule, GlossaryTerm, Polarity, RuleExample, RuleLabel, Rulebook, Span, TaskType
from assistant.rulebook.check import (
    CODES,
    OVERLAP_THRESHOLD,
    CheckReport,
    check_rulebook,
    find_terms,
    format_report,
    overlap_scores,
)
from assistant.rulebook.export import load_rulebook
from assistant.core.settings import Settings

DATA = Path(__file__).parent / "data"
SAMPLES = ["rulebook_complaints_zh.json", "rulebook_search_en.json", "rulebook_medical_ner_zh.json"]


def _example(text: str, label: str, polarity: str = "positive", correct: str | None = None, **extra) -> RuleExample:
    return RuleExample(text=text, label=label, polarity=Polarity(polarity), explanation="because", correct_label=correct, **extra)


def _label(name: str, definition: str, *, criteria: list[str] | None = None, examples: list[RuleExample] | None = None,
           **extra) -> RuleLabel:
    if examples is None:
        other = "billing" if name != "billing" else "shipping"
        examples = [
            _example(f"{name} example one", name),
            _example(f"{name} example two", name),
            _example(f"looks like {name} but is not", name, "negative", other),
        ]
    return RuleLabel(name=name, definition=definition, criteria=criteria or [], examples=examples, **extra)


def _clean(**update) -> Rulebook:
    """A small rulebook with no problems; tests break one thing at a time."""
    values = dict(
        title="Support ticket topic",
        language="en",
        task_type=TaskType.topic_classification,
        task_definition="Choose the topic of a support ticket.",
        labels=[
            _label("billing", "Questions about invoices, charges and payment methods.",
                   criteria=["Mentions an invoice, a charge or a card."]),
            _label("shipping", "Where a parcel is, when it arrives, and delivery problems.",
                   criteria=["Mentions a parcel, a courier or a delivery date."]),
        ],
        decision_procedure=["If money is mentioned, choose billing.", "Otherwise choose shipping."],
    )
    values.update(update)
    return Rulebook(**values)


def _codes(report: CheckReport) -> list[str]:
    return report.codes()


def test_clean_rulebook_has_no_issues(settings: Settings) -> None:
    report = check_rulebook(_clean(), settings)
    assert report.issues == []
    assert report.ok
    assert report.token_count and report.token_budget == settings.rulebook_token_budget


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_pass_without_errors_or_overlap(name: str, settings: Settings) -> None:
    rulebook = load_rulebook(DATA / name)
    report = check_rulebook(rulebook, settings)
    assert report.ok, format_report(report, "en")
    assert report.errors == []
    assert "overlapping-definitions" not in _codes(report)
    assert "no-decision-procedure" not in _codes(report)
    # the threshold leaves a margin above the closest pair of the clean samples
    assert overlap_scores(rulebook)[0][2] < OVERLAP_THRESHOLD - 0.1


def test_missing_definition(settings: Settings) -> None:
    empty = _label("refund", "")
    flagged = _label("returns", "Draft: sending an item back.", needs_definition=True)
    report = check_rulebook(_clean(labels=[*_clean().labels, empty, flagged]), settings)
    issues = [issue for issue in report.issues if issue.code == "missing-definition"]
    assert [issue.label for issue in issues] == ["refund", "returns"]
    assert all(issue.severity == "error" for issue in issues)
    assert "'refund' has no definition" in issues[0].message
    assert "needs_definition" in issues[1].message
    assert not report.ok


def test_too_few_positives(settings: Settings) -> None:
    billing = _label("billing", "Questions about invoices and charges.", examples=[
        _example("Why was I charged twice?", "billing"),
        _example("Where is my parcel?", "billing", "negative", "shipping"),
        # a positive filed under billing that names another label does not count for billing
        _example("My card was declined", "shipping"),
    ])
    report = check_rulebook(_clean(labels=[billing, _clean().labels[1]]), settings)
    issue = next(issue for issue in report.issues if issue.code == "too-few-positives")
    assert issue.label == "billing" and issue.severity == "error"
    assert "1 positive example" in issue.message and "at least 2" in issue.message
    assert not report.ok


def test_too_few_negatives(settings: Settings) -> None:
    shipping = _label("shipping", "Where a parcel is and when it arrives.", examples=[
        _example("Where is my parcel?", "shipping"),
        _example("When will it arrive?", "shipping"),
    ])
    report = check_rulebook(_clean(labels=[_clean().labels[0], shipping]), settings)
    issue = next(issue for issue in report.issues if issue.code == "too-few-negatives")
    assert issue.label == "shipping" and "0 negative" in issue.message
    assert "too-few-positives" not in _codes(report)
    assert not report.ok


def test_overlapping_definitions_en(settings: Settings) -> None:
    billing = _label("billing", "The customer asks about an invoice, a charge or a payment method on the account.",
                     criteria=["Mentions an invoice, a charge, a refund of a charge or a card."])
    payments = _label("payments", "The customer asks about an invoice, a charge or the payment method on their account.",
                      criteria=["Mentions an invoice, a charge or a card."])
    report = check_rulebook(_clean(labels=[billing, payments, _clean().labels[1]]), settings)
    issues = [issue for issue in report.issues if issue.code == "overlapping-definitions"]
    assert len(issues) == 1
    assert issues[0].severity == "warning"
    assert "'billing'" in issues[0].message and "'payments'" in issues[0].message
    assert report.ok  # a warning does not fail the check


def test_overlapping_definitions_zh(settings: Settings) -> None:
    rulebook = load_rulebook(DATA / "rulebook_complaints_zh.json")
    original = rulebook.label("一般不满")
    copy = _label("轻微不满", "用户对商品、物流、服务或客服表达负面评价、失望或不耐烦，没有任何愤怒投诉的硬信号。",
                  criteria=original.criteria[:4], examples=[
                      _example("快递怎么还没到", "轻微不满"), _example("有点失望", "轻微不满"),
                      _example("请问几点发货", "轻微不满", "negative", "中性咨询")])
    report = check_rulebook(rulebook.model_copy(update={"labels": [*rulebook.labels, copy]}), settings)
    issues = [issue for issue in report.issues if issue.code == "overlapping-definitions"]
    assert [(issue.label, "轻微不满" in issue.message) for issue in issues] == [("一般不满", True)]
    assert "定义几乎相同" in format_report(report, "zh")


def test_shared_example(settings: Settings) -> None:
    labels = _clean().labels
    billing = labels[0].model_copy(update={"examples": [*labels[0].examples, _example("Charged for a late parcel", "billing")]})
    shipping = labels[1].model_copy(update={"examples": [*labels[1].examples, _example("charged for a  late parcel ", "shipping")]})
    report = check_rulebook(_clean(labels=[billing, shipping]), settings)
    issue = next(issue for issue in report.issues if issue.code == "shared-example")
    assert issue.severity == "error"
    assert "Charged for a late parcel" in issue.message and "'billing'" in issue.message and "'shipping'" in issue.message
    assert not report.ok


def test_shared_example_is_a_warning_when_labels_co_occur(settings: Settings) -> None:
    labels = _clean().labels
    billing = labels[0].model_copy(update={"examples": [*labels[0].examples, _example("Charged for a late parcel", "billing")]})
    shipping = labels[1].model_copy(update={"examples": [*labels[1].examples, _example("Charged for a late parcel", "shipping")]})
    report = check_rulebook(_clean(labels=[billing, shipping], multi_label=True), settings)
    issue = next(issue for issue in report.issues if issue.code == "shared-example")
    assert issue.severity == "warning" and report.ok


def test_unknown_label(settings: Settings) -> None:
    labels = _clean().labels
    billing = labels[0].model_copy(update={"examples": [
        *labels[0].examples,
        _example("Refund my card", "refunds"),  # not a label at all
        _example("Ｂｉｌｌｉｎｇ question", "Ｂｉｌｌｉｎｇ"),  # a width/case variant
        _example("Where is it?", "billing", "negative", "Shipping"),  # variant in correct_label
    ]})
    rulebook = _clean(labels=[billing, labels[1]], edge_cases=[
        EdgeCaseRule(case="Invoice for a lost parcel", resolution="billing", labels=["billing", "lost"])])
    report = check_rulebook(rulebook, settings)
    messages = [issue.message for issue in report.issues if issue.code == "unknown-label"]
    assert len(messages) == 4
    assert any("'refunds' is not a label of this rulebook" in m for m in messages)
    assert any("'Ｂｉｌｌｉｎｇ' differs from label 'billing' only in case or width" in m for m in messages)
    assert any("correct_label 'Shipping' differs from label 'shipping' only in case or width" in m for m in messages)
    assert any(m.startswith("edge case 1") and "'lost'" in m for m in messages)
    assert all(issue.severity == "error" for issue in report.issues if issue.code == "unknown-label")
    assert not report.ok


def test_unknown_label_case_variant_message(settings: Settings) -> None:
    positive = _label("positive", "The review praises the product.", examples=[
        _example("Love it", "Positive"), _example("Great", "positive"), _example("Great", "positive"),
        _example("Fine I guess", "positive", "negative", "negative")])
    negative = _label("negative", "The review criticises the product.", examples=[
        _example("Broke in a day", "negative"), _example("Awful", "negative"),
        _example("Not bad at all", "negative", "negative", "positive")])
    report = check_rulebook(_clean(labels=[positive, negative]), settings)
    issue = next(issue for issue in report.issues if issue.code == "unknown-label")
    assert "'Positive' differs from label 'positive' only in case or width" in issue.message
    assert "«Love it»" in issue.message and issue.label == "positive"


def test_unknown_span_label(settings: Settings) -> None:
    rulebook = load_rulebook(DATA / "rulebook_medical_ner_zh.json")
    first = rulebook.labels[0]
    bad = _example("头痛三天", first.name, spans=[Span(start=0, end=2, label="症候")])
    labels = [first.model_copy(update={"examples": [*first.examples, bad]}), *rulebook.labels[1:]]
    report = check_rulebook(rulebook.model_copy(update={"labels": labels}), settings)
    issue = next(issue for issue in report.issues if issue.code == "unknown-label")
    assert "span [0, 2)" in issue.message and "'症候'" in issue.message


def test_undefined_term(settings: Settings) -> None:
    labels = _clean().labels
    billing = labels[0].model_copy(update={"criteria": ["Mentions the RMA number or a `chargeback`."]})
    rulebook = _clean(
        labels=[billing, labels[1]],
        decision_procedure=["If the SLA is breached, choose shipping.", "Ask about the SKU when 「物流异常」 appears.",
                            "Unknown JSON fields are ignored."],
        edge_cases=[EdgeCaseRule(case="Query: 'PS5 bundle'", resolution="The quoted item text is data, not a term.")],
        glossary=[GlossaryTerm(term="SLA (service level agreement)", definition="Promised delivery time.")],
    )
    report = check_rulebook(rulebook, settings)
    terms = {issue.message.split("'")[1]: issue for issue in report.issues if issue.code == "undefined-term"}
    assert set(terms) == {"RMA", "chargeback", "SKU", "物流异常"}  # SLA is in the glossary; JSON is common; PS5 is quoted data
    assert terms["RMA"].label == "billing" and terms["SKU"].label is None
    assert "decision procedure step 2" in terms["SKU"].message
    assert all(issue.severity == "warning" for issue in terms.values())
    assert report.ok


def test_find_terms() -> None:
    assert find_terms("Check SKUs, the RMA and 「硬信号」 or `hard attribute`; OK and ID are fine; a B grade.") == [
        "SKU", "RMA", "硬信号", "hard attribute"]
    assert find_terms("胸部CT和MRI检查") == ["CT", "MRI"]


def test_over_token_budget(settings: Settings) -> None:
    rulebook = load_rulebook(DATA / "rulebook_complaints_zh.json")
    tight = settings.model_copy(update={"rulebook_token_budget": 500})
    report = check_rulebook(rulebook, tight)
    issue = next(issue for issue in report.issues if issue.code == "over-token-budget")
    assert issue.severity == "error"
    assert f"{report.token_count:,} tokens" in issue.message and "budget of 500" in issue.message
    assert report.token_count > 500
    assert not report.ok
    assert check_rulebook(rulebook, settings).ok


def test_no_decision_procedure(settings: Settings) -> None:
    report = check_rulebook(_clean(decision_procedure=[]), settings)
    assert _codes(report) == ["no-decision-procedure"]
    assert report.warnings[0].severity == "warning"
    assert report.ok


def test_exit_semantics_and_report_text(settings: Settings) -> None:
    broken = _clean(labels=[_label("billing", ""), _clean().labels[1]], decision_procedure=[])
    report = check_rulebook(broken, settings)
    assert not report.ok
    assert [issue.severity for issue in report.issues] == ["error", "warning"]  # errors first
    text = format_report(report, "en")
    assert "✗ error [missing-definition]" in text and "! warning [no-decision-procedure]" in text
    assert text.splitlines()[-1] == "FAILED · 1 error(s), 1 warning(s)"
    zh = format_report(report, "zh")
    assert "错误 [missing-definition] 标签「billing」没有定义" in zh
    assert zh.splitlines()[-1] == "未通过 · 1 个错误，1 个警告"
    passed = check_rulebook(_clean(), settings)
    assert passed.ok and format_report(passed, "en").splitlines()[-1].startswith("OK: no errors")
    # the JSON form (`rulebook check --json`) round-trips and keeps the codes
    again = CheckReport.model_validate_json(report.model_dump_json())
    assert again.codes() == report.codes() and not again.ok


def test_every_code_has_a_severity() -> None:
    assert set(CODES) == {
        "missing-definition", "too-few-positives", "too-few-negatives", "unknown-label", "shared-example",
        "over-token-budget", "overlapping-definitions", "undefined-term", "no-decision-procedure",
        "dangling-label", "renamed-label-left", "label-collision", "unsupported-figure", "reserved-label",
    }
