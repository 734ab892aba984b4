"""Step 2: drafting a rulebook from a breakdown (both engines), budget and provenance."""

import json
from datetime import date

import pytest

from assistant.breakdown.five_w2h import apply_answers, break_down
from assistant.core.errors import InputError
from assistant.llm.chat import ChatLLM
from assistant.core.models import Polarity, Rulebook
from assistant.rulebook.draft import draft_rulebook, fit_budget, prompt_prefix, rulebook_from_past
from assistant.core.settings import Settings
from tests.fake_chat import ScriptedChatModel

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def past(seeded_workspace):
    return {project.id: project for project in seeded_workspace.store.past_projects()}


@pytest.fixture
def breakdown_of(seeded_workspace, past):
    def make(text, **answers):
        result = break_down(text, seeded_workspace.kb, past, None, today=TODAY)
        return apply_answers(result, answers, today=TODAY) if answers else result

    return make


def draft(seeded_workspace, past, breakdown, llm=None, settings=None, **kwargs):
    settings = settings or Settings()
    return draft_rulebook(breakdown, past, seeded_workspace.kb, seeded_workspace.embedder, settings, llm, **kwargs)


def test_seed_like_request_reuses_the_past_rules_with_cited_examples(seeded_workspace, past, breakdown_of):
    rulebook = draft(seeded_workspace, past, breakdown_of("我们想让客服机器人更懂用户的投诉，下个月底前要一批数据"))
    source = past["cs-complaint-sentiment-zh"]
    assert rulebook.language == "zh" and rulebook.engine == "offline"
    assert rulebook.label_names == [label.name for label in source.rules.labels]
    assert rulebook.sources == ["cs-complaint-sentiment-zh"]
    seed_texts = {example.text for example in source.examples}
    for label in rulebook.labels:
        assert label.definition == source.label(label.name).definition
        positives = [e for e in label.examples if e.polarity == Polarity.positive]
        negatives = [e for e in label.examples if e.polarity == Polarity.negative]
        assert len(positives) >= 2 and len(negatives) >= 1
        for example in label.examples:
            assert example.source == "cs-complaint-sentiment-zh" and example.text in seed_texts
            assert example.label == label.name
    assert rulebook.decision_procedure == source.rules.decision_procedure
    assert rulebook.edge_cases and all(edge.source == "cs-complaint-sentiment-zh" for edge in rulebook.edge_cases)
    assert rulebook.quality.target_agreement == 0.8
    assert rulebook.token_count and rulebook.token_count <= Settings().rulebook_token_budget


def test_labels_without_grounding_are_defined_from_the_requesters_words_for_review(seeded_workspace, past, breakdown_of):
    breakdown = breakdown_of("我们想让客服机器人更懂用户的投诉", **{"what.candidate_labels": "愤怒投诉,一般不满,催单"})
    rulebook = draft(seeded_workspace, past, breakdown)
    pending = rulebook.label("催单")
    # not blank and not borrowed: built from the answer's words, and marked for the trainer to review
    assert "催单" in pending.definition and "愤怒投诉,一般不满,催单" in pending.definition
    assert pending.definition_origin.origin.value == "answers" and pending.definition_origin.review
    assert pending.examples == [] and pending.source == "new"
    assert rulebook.label("愤怒投诉").source == "cs-complaint-sentiment-zh"
    assert "催单" in rulebook.changelog[0].change
    assert "愤怒投诉 > 一般不满 > 催单" in " ".join(rulebook.decision_procedure)


def test_renamed_labels_are_grounded_by_alias_and_examples_are_relabelled(seeded_workspace, past, breakdown_of):
    breakdown = breakdown_of("App store reviews: tell us what users feel", **{"what.candidate_labels": "Positive,Negative,Mixed"})
    rulebook = draft(seeded_workspace, past, breakdown)
    assert rulebook.label_names == ["Positive", "Negative", "Mixed"]
    grounded = rulebook.label("Negative")
    assert grounded.source == "app-review-sentiment-en" and grounded.definition
    assert all(example.label == "Negative" for example in grounded.examples)
    assert "neg" in grounded.aliases and "negative" not in grounded.aliases  # a case variant is not an alias
    names = set(rulebook.label_names)
    assert all(e.correct_label in names for e in rulebook.examples() if e.correct_label)  # 'neutral' is not a label here


def test_unseen_request_still_gets_grounded_examples(seeded_workspace, past, breakdown_of):
    rulebook = draft(seeded_workspace, past, breakdown_of("we need better search results for our shop"))
    assert rulebook.ordinal and rulebook.label_names == ["3", "2", "1", "0"]
    assert {example.source for example in rulebook.examples()} == {"shop-search-relevance-en"}


def test_sample_items_between_two_labels_become_open_edge_cases(seeded_workspace, past, breakdown_of):
    breakdown = breakdown_of("我们想让客服机器人更懂用户的投诉")
    samples = ["快递三天了还没到，你们到底什么时候发货？再不到我就投诉了", "谢谢客服，问题解决了"]
    rulebook = draft(seeded_workspace, past, breakdown, samples=samples)
    from_samples = [edge for edge in rulebook.edge_cases if edge.source == "request sample"]
    assert all(edge.case in samples and len(edge.labels) == 2 for edge in from_samples)


def test_no_labels_anywhere_is_a_clear_error(seeded_workspace, past, breakdown_of):
    from assistant.core.models import BreakdownField

    breakdown = breakdown_of("我们想让客服机器人更懂用户的投诉")
    what = breakdown.what.model_copy(update={"candidate_labels": BreakdownField(), "task_type": BreakdownField()})
    empty = breakdown.model_copy(update={"similar_projects": [], "what": what})
    with pytest.raises(InputError, match="what.candidate_labels"):
        draft(seeded_workspace, past, empty)


def test_budget_trims_examples_but_keeps_minimums(past):
    rulebook = rulebook_from_past(past["banking-intent-en"])
    full = fit_budget(rulebook, Settings())
    tight = fit_budget(rulebook, Settings(rulebook_token_budget=500))
    assert len(tight.examples()) < len(full.examples())
    for label in tight.labels:
        source_counts = {p: sum(e.polarity == p for e in rulebook.label(label.name).examples) for p in Polarity}
        kept = {p: sum(e.polarity == p for e in label.examples) for p in Polarity}
        assert kept[Polarity.positive] >= min(2, source_counts[Polarity.positive])
        assert kept[Polarity.negative] >= min(1, source_counts[Polarity.negative])
    assert tight.token_count < full.token_count


def test_prompt_prefix_is_stable_and_lists_every_label(past):
    rulebook = rulebook_from_past(past["cs-complaint-sentiment-zh"])
    assert prompt_prefix(rulebook) == prompt_prefix(Rulebook.model_validate_json(rulebook.model_dump_json()))
    for name in rulebook.label_names:
        assert f"## {name}" in prompt_prefix(rulebook)


# -- LLM engine ---------------------------------------------------------------------------------
def _llm_rulebook_answer(past):
    source = past["cs-complaint-sentiment-zh"]
    copied = source.examples[0]
    labels = []
    for label in source.rules.labels:
        labels.append({
            "name": label.name, "definition": label.definition, "criteria": label.criteria,
            "examples": [
                {"text": copied.text if label.name == copied.label else f"{label.name} 示例", "label": label.name,
                 "polarity": "positive", "explanation": "规则一", "source": "cs-complaint-sentiment-zh"},
                {"text": f"{label.name} 自己写的例子", "label": label.name, "polarity": "positive", "explanation": "规则二", "source": "new"},
            ],
        })
    return json.dumps({"title": "投诉情绪标注规则", "task_type": "sentiment", "task_definition": "判断每条消息的投诉情绪",
                       "labels": labels, "decision_procedure": ["先看硬信号"]}, ensure_ascii=False)


def test_llm_draft_is_grounded_and_cannot_fake_sources(seeded_workspace, past, breakdown_of):
    chat = ScriptedChatModel(script=[_llm_rulebook_answer(past)], calls=[])
    llm = ChatLLM(chat=chat, model="fake-model", sleep=lambda _: None)
    rulebook = draft(seeded_workspace, past, breakdown_of("我们想让客服机器人更懂用户的投诉"), llm=llm)
    assert rulebook.engine == "llm" and rulebook.model == "fake-model" and rulebook.prompt_version == "2"
    copied = past["cs-complaint-sentiment-zh"].examples[0]
    sources = {example.text: example.source for example in rulebook.examples()}
    assert sources[copied.text] == "cs-complaint-sentiment-zh"  # really retrieved: keeps its source
    assert all(source == "new" for text, source in sources.items() if text != copied.text)  # claimed, not retrieved
    prompt = chat.calls[0][-1].content
    assert "cs-complaint-sentiment-zh" in prompt and copied.text in prompt
    assert rulebook.token_count is not None


def test_llm_draft_label_and_edge_case_sources_must_be_retrieved_projects(seeded_workspace, past, breakdown_of):
    """Issue 12.10: a made-up source (a URL the model invented) is not kept."""
    answer = json.loads(_llm_rulebook_answer(past))
    answer["labels"][0]["source"] = "https://example.com/made-up-guideline"
    answer["labels"][1]["source"] = "cs-complaint-sentiment-zh"
    answer["edge_cases"] = [{"case": "反讽", "resolution": "按实际态度标", "source": "https://example.com/also-made-up"}]
    chat = ScriptedChatModel(script=[json.dumps(answer, ensure_ascii=False)], calls=[])
    rulebook = draft(seeded_workspace, past, breakdown_of("我们想让客服机器人更懂用户的投诉"), llm=ChatLLM(chat=chat, model="fake-model", sleep=lambda _: None))
    assert rulebook.labels[0].source == "new"
    assert rulebook.labels[1].source == "cs-complaint-sentiment-zh"
    assert rulebook.edge_cases[0].source == "new"
