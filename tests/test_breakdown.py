"""Step 1: request -> 5W2H breakdown, both engines, answers and versions."""

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.breakdown.five_w2h import apply_answers, break_down, validate_request
from assistant.core.errors import InputError, StructuredOutputError
from assistant.llm.chat import ChatLLM
from assistant.core.models import Breakdown, BreakdownDraft, BreakdownField, FieldStatus
from tests.fake_chat import ScriptedChatModel

REQUESTS = yaml.safe_load((Path(__file__).parent / "data" / "vague_requests.yaml").read_text(encoding="utf-8"))
FIELD_OF_KIND = {
    "volume": "how_much.volume",
    "deadline": "when.deadline",
    "budget": "how_much.budget",
    "time_per_item": "how_much.time_per_item",
    "target_agreement": "how_much.target_agreement",
    "annotators": "who.annotator_profile",
    "qa_rate": "how.qa_plan",
    "language": "where.language",
    "channel": "where.channel",
    "modality": "what.data_modality",
}
NUMBER_KINDS = ("volume", "deadline", "budget", "time_per_item", "target_agreement")
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def past(seeded_workspace):
    return {project.id: project for project in seeded_workspace.store.past_projects()}


def offline(seeded_workspace, past, text, today=TODAY):
    return break_down(text, seeded_workspace.kb, past, None, today=today)


def _matches(field_value, expected):
    if isinstance(field_value, list):
        return expected in field_value
    if isinstance(field_value, dict) and isinstance(expected, dict):
        return all(field_value.get(k) == v for k, v in expected.items())
    if isinstance(field_value, dict):
        return expected in field_value.values()
    return field_value == expected


@pytest.mark.parametrize("case", REQUESTS, ids=[case["id"] for case in REQUESTS])
def test_stated_facts_are_extracted_and_unstated_numbers_stay_missing(seeded_workspace, past, case):
    result = offline(seeded_workspace, past, case["text"], date.fromisoformat(case["today"]))
    for fact in case["expected"]:
        path = FIELD_OF_KIND.get(fact["kind"])
        if path is None:
            continue
        field = result.field(path)
        assert field.status == FieldStatus.stated, (path, field)
        if fact["kind"] in ("channel", "modality", "language"):
            continue  # several may be stated; the first one is kept
        assert _matches(field.value, fact["value"]), (path, field.value, fact["value"])
        assert field.evidence and field.evidence in case["text"]
    for kind in case["absent"]:
        if kind in NUMBER_KINDS:
            field = result.field(FIELD_OF_KIND[kind])
            # a vague amount ("一批数据") is recorded as vague, never as a number
            vague = field.status == FieldStatus.inferred and isinstance(field.value, dict) and "vague" in field.value
            assert field.status == FieldStatus.missing or vague, kind


def test_complaint_request_in_chinese(seeded_workspace, past):
    result = offline(seeded_workspace, past, "我们想让客服机器人更懂用户的投诉，下个月底前要一批数据")
    assert result.language == "zh" and result.engine == "offline"
    assert result.when.deadline.value == "2026-12-31" and result.when.deadline.evidence == "下个月底前"
    labels = result.what.candidate_labels
    assert labels.status == FieldStatus.from_past_project and labels.source == "cs-complaint-sentiment-zh"
    assert "愤怒投诉" in labels.value
    # "一批数据" is a vague amount: recorded as vague, with a question, never as a number
    assert result.how_much.volume.status == FieldStatus.inferred
    assert result.how_much.volume.value == {"vague": "一批数据"}
    assert result.how_much.budget.status == FieldStatus.missing
    assert result.similar_projects[0].id == "cs-complaint-sentiment-zh"
    # questions in the request's language, the most decision-relevant first
    assert result.questions[0].field == "what.candidate_labels"
    assert "标签" in result.questions[0].question
    fields = [q.field for q in result.questions]
    assert fields.index("how_much.volume") < fields.index("where.annotation_platform")
    assert [q.rank for q in result.questions] == list(range(1, len(result.questions) + 1))
    assert any("80%" in assumption for assumption in result.assumptions)


def test_search_request_in_english(seeded_workspace, past):
    result = offline(seeded_workspace, past, "we need better search results for our shop")
    assert result.language == "en"
    assert result.what.task_type.value == "search_relevance"
    assert result.what.candidate_labels.source == "shop-search-relevance-en"
    assert result.where.domain.value == "e-commerce"
    assert result.why.business_goal.value.startswith("better search results")
    assert "How many items" in next(q.question for q in result.questions if q.field == "how_much.volume")
    for path in ("how_much.volume", "how_much.budget", "when.deadline", "how_much.target_agreement"):
        assert result.field(path).status == FieldStatus.missing


def test_offline_never_invents_numbers(seeded_workspace, past):
    text = "Top 3 issues in v2 of the app, see ticket 4521 from 2025; we have 4 labels in mind"
    result = offline(seeded_workspace, past, text)
    for path in ("how_much.volume", "how_much.budget", "when.deadline", "how_much.time_per_item", "how_much.target_agreement"):
        assert result.field(path).status == FieldStatus.missing, path


def test_stated_labels_win_over_past_projects(seeded_workspace, past):
    result = offline(seeded_workspace, past, "做评论情感分析，标签分为正面、负面、中性，大概3万条")
    assert result.what.candidate_labels.status == FieldStatus.stated
    assert result.what.candidate_labels.value == ["正面", "负面", "中性"]
    assert result.how_much.volume.value == 30000
    assert "what.candidate_labels" not in [q.field for q in result.questions]


@pytest.mark.parametrize("bad", ["", "   \n\t ", "x" * 20_001])
def test_empty_blank_and_overlong_requests_are_refused(bad):
    with pytest.raises(InputError):
        validate_request(bad)


# -- answers ----------------------------------------------------------------------------------
def test_answers_update_a_new_version_and_keep_open_questions(seeded_workspace, past):
    first = offline(seeded_workspace, past, "我们想让客服机器人更懂用户的投诉")
    updated = apply_answers(first, {"how_much.volume": "3万", "when.deadline": "2026-12-20"}, today=TODAY)
    assert updated.how_much.volume.value == 30000 and updated.how_much.volume.status == FieldStatus.stated
    assert updated.when.deadline.value == "2026-12-20"
    open_fields = [q.field for q in updated.questions]
    assert "how_much.volume" not in open_fields and "when.deadline" not in open_fields
    assert "how_much.budget" in open_fields  # not answered, still asked
    assert first.how_much.volume.status == FieldStatus.missing  # the earlier version is untouched


def test_free_text_answer_is_read_offline(seeded_workspace, past):
    first = offline(seeded_workspace, past, "we need better search results for our shop")
    updated = apply_answers(first, text="About 20k pairs, budget of $3,000, 90% agreement.", today=TODAY)
    assert updated.how_much.volume.value == 20000
    assert updated.how_much.budget.value == {"amount": 3000.0, "currency": "USD"}
    assert updated.how_much.target_agreement.value == 0.9


def test_bad_answers_are_clear_errors(seeded_workspace, past):
    first = offline(seeded_workspace, past, "we need better search results for our shop")
    with pytest.raises(InputError, match="unknown breakdown field"):
        apply_answers(first, {"how_much.volumes": 3})
    with pytest.raises(InputError, match="cannot read a volume"):
        apply_answers(first, {"how_much.volume": "lots"})
    with pytest.raises(InputError, match="no answers"):
        apply_answers(first, {})


# -- the LLM engine ----------------------------------------------------------------------------
def llm_answer(**changes):
    draft = BreakdownDraft()
    draft.what.task_type = BreakdownField(value="sentiment", status="from_past_project", confidence=0.7, source="cs-complaint-sentiment-zh")
    draft.when.deadline = BreakdownField(value="2026-12-31", status="stated", confidence=0.9, evidence="下个月底前")
    data = draft.model_dump(mode="json")
    data["questions"] = [{"rank": 1, "field": "how_much.volume", "question": "需要标注多少条？", "reason": "未提及"}]
    data["assumptions"] = ["按情绪强度区分投诉"]
    for path, value in changes.items():
        dimension, name = path.split(".")
        data[dimension][name] = value
    return json.dumps(data, ensure_ascii=False)


def test_llm_engine_through_a_fake_chat_model(seeded_workspace, past):
    chat = ScriptedChatModel(script=[llm_answer()], calls=[])
    llm = ChatLLM(chat=chat, model="fake-model", sleep=lambda _: None)
    result = break_down("我们想让客服机器人更懂用户的投诉，下个月底前要一批数据", seeded_workspace.kb, past, llm, today=TODAY)
    assert result.engine == "llm" and result.model == "fake-model" and result.prompt_version == "1"
    assert result.what.task_type.source == "cs-complaint-sentiment-zh"
    assert result.when.deadline.value == "2026-12-31"
    assert result.questions[0].question == "需要标注多少条？" or result.questions[0].field == "what.candidate_labels"
    prompt = chat.calls[0][-1].content
    assert "cs-complaint-sentiment-zh" in prompt  # similar past projects are the context
    assert "下个月底前" in prompt and "2026-11-27" in prompt


def test_llm_stated_number_without_a_quote_is_dropped(seeded_workspace, past):
    invented = {"value": 50000, "status": "stated", "confidence": 0.9, "evidence": "5万条"}
    chat = ScriptedChatModel(script=[llm_answer(**{"how_much.volume": invented})], calls=[])
    llm = ChatLLM(chat=chat, model="fake", sleep=lambda _: None)
    result = break_down("我们想让客服机器人更懂用户的投诉", seeded_workspace.kb, past, llm, today=TODAY)
    assert result.how_much.volume.status == FieldStatus.missing
    assert any("how_much.volume" in note for note in result.assumptions)


def test_llm_through_the_local_server_retries_a_malformed_answer(seeded_workspace, past, llm_env):
    from assistant.llm.factory import get_llm
    from assistant.core.settings import Settings
    from tests.openai_server import Reply

    llm_env.script(Reply.text("{\"what\": {\"task_type\": \"sentiment\"}"), Reply.text(llm_answer()))
    llm = get_llm(Settings())
    llm.sleep = lambda _: None
    result = break_down("我们想让客服机器人更懂用户的投诉，下个月底前要一批数据", seeded_workspace.kb, past, llm, today=TODAY)
    assert result.engine == "llm" and result.when.deadline.value == "2026-12-31"
    assert len(llm_env.chat_requests) == 2
    assert "not valid" in llm_env.chat_requests[1]["body"]["messages"][-1]["content"]


def test_llm_that_never_answers_validly_names_the_step(seeded_workspace, past):
    chat = ScriptedChatModel(script=["nope"] * 3, calls=[])
    llm = ChatLLM(chat=chat, model="fake", sleep=lambda _: None)
    with pytest.raises(StructuredOutputError, match="step 'breakdown'"):
        break_down("we need better search results for our shop", seeded_workspace.kb, past, llm, today=TODAY)


def test_breakdown_json_contract_keys(seeded_workspace, past):
    data = offline(seeded_workspace, past, "we need better search results for our shop").model_dump(mode="json")
    assert {"what", "why", "when", "who", "where", "how", "how_much", "questions", "assumptions", "similar_projects", "engine", "project_id"} <= set(data)
    assert set(data["how_much"]["volume"]) >= {"value", "status", "confidence"}
    assert Breakdown.model_validate(data).engine == "offline"


@pytest.mark.parametrize(
    "text, goal",
    [
        ("请帮忙看每条AI评语：准确、笼统、错误。每篇两个老师看，一致率希望到80%以上。寒假前要给校长汇报。", "要给校长汇报"),
        ("请帮忙看每条AI评语：准确、笼统、错误。每篇两个老师看，一致率希望到80%以上。", None),
        ("Tag 900 tickets as bug or question; we hope to reach 85% agreement, so that we can route them automatically.",
         "we can route them automatically"),
        ("把门店留言分成表扬、投诉、建议，希望达到0.8，为了年底评优时有数据支撑。", "年底评优时有数据支撑"),
    ],
)
def test_an_agreement_figure_wished_for_is_no_business_goal(seeded_workspace, past, text, goal):
    result = offline(seeded_workspace, past, text)
    if goal is None:
        assert result.why.business_goal.status == FieldStatus.missing
        assert any(q.field == "why.business_goal" for q in result.questions)
    else:
        assert result.why.business_goal.value == goal
    assert "%" not in str(result.why.business_goal.value or "") and "0.8" not in str(result.why.business_goal.value or "")
