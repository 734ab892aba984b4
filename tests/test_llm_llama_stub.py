"""What llama.cpp's Python server showed with a real model, guarded against the stub that learned it.

Each test names the defect of issue 12 it guards; the same behaviours are checked against the real
server in tests/real_model/.
"""

import json
import math

import pytest
from pydantic import BaseModel, Field

from assistant.core.errors import AnswerCutOffError, ContextLengthError
from assistant.llm.factory import get_llm
from assistant.core.models import BreakdownDraft
from assistant.llm.prompts import Prompt
from assistant.core.settings import Settings, reset_settings
from tests.openai_server import OpenAIStubServer, Reply

PROMPT = Prompt(name="t", version="1", variables=("request",), system="Extract the task.", user="{{ request }}")
GOOD = {"task": "complaint sentiment", "volume": 30000}


class Task(BaseModel):
    task: str = Field(min_length=1)
    volume: int | None = None


@pytest.fixture
def llama(monkeypatch):
    with OpenAIStubServer(llama_cpp_python=True, n_ctx=4096) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("RULEBOOK_MODEL", "smollm2")
        monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "2")
        reset_settings()
        yield server


def make_llm(**overrides):
    llm = get_llm(Settings(**overrides))
    llm.sleep = lambda _seconds: None
    return llm


def ask(llm, output=Task, step="breakdown"):
    return llm.structured(PROMPT, {"request": "3万条投诉数据"}, output, step=step)


def test_a_500_naming_response_format_is_a_refusal_and_auto_moves_on(llama):
    """Defect 1: HTTP 500 for json_schema was retried as a temporary failure; auto never moved on."""
    llama.script(Reply.json(GOOD), Reply.json(GOOD))
    llm = make_llm()
    result = ask(llm)
    assert result.value == Task(**GOOD) and result.method == "json_schema"
    formats = [r["body"]["response_format"] for r in llama.chat_requests]
    # one refused request, no retries of it; then the schema travels inside json_object (the grammar)
    assert formats[0]["type"] == "json_schema"
    assert formats[1]["type"] == "json_object" and formats[1]["schema"]["properties"]["task"]
    ask(llm)  # the working shape is remembered
    assert len(llama.chat_requests) == 3 and llama.chat_requests[2]["body"]["response_format"]["type"] == "json_object"


def test_an_unrelated_500_is_still_retried(llama):
    llama.script(Reply.error(500, "out of memory"), Reply.json(GOOD))
    llm = make_llm(structured_method="json_mode")
    assert ask(llm).value == Task(**GOOD) and len(llama.chat_requests) == 2


def test_every_request_is_bounded_in_the_field_the_server_honours(llama):
    """Defect 2: max_completion_tokens is ignored by this server; max_tokens is sent, per step."""
    llama.script(Reply.json(GOOD), Reply.json(GOOD))
    llm = make_llm(structured_method="json_mode")
    ask(llm, step="breakdown")
    ask(llm, step="rule suggestions")
    bodies = [r["body"] for r in llama.chat_requests]
    assert [b["max_tokens"] for b in bodies] == [3000, 1500]
    assert not any("max_completion_tokens" in b for b in bodies)
    assert make_llm(max_answer_tokens=64).bound("breakdown") == 64


def test_a_cut_off_answer_is_reported_as_such_not_reasked(llama):
    """Defect 2: finish_reason "length" is a cut-off answer, not "invalid JSON" to retry."""
    llama.script(Reply.text('{"task": "' + "very long " * 400 + '"}'))
    llm = make_llm(structured_method="json_mode", max_answer_tokens=50)
    with pytest.raises(AnswerCutOffError, match="cut off at its bound of 50 tokens"):
        ask(llm)
    assert len(llama.chat_requests) == 1


def test_a_prompt_longer_than_the_context_says_what_to_do(llama):
    """Defect 4: context_length_exceeded was reported as a structured-method refusal."""
    long_prompt = Prompt(name="t", version="1", variables=("request",), system="x", user="{{ request }}")
    llm = make_llm(structured_method="json_mode")
    with pytest.raises(ContextLengthError) as caught:
        llm.structured(long_prompt, {"request": "投诉 " * 20000}, Task, step="breakdown")
    message = str(caught.value)
    assert "too long for the context" in message and "--batch-size" in message and "--n_ctx" in message
    assert "RULEBOOK_STRUCTURED_METHOD" not in message
    assert len(llama.chat_requests) == 1


def test_a_bound_larger_than_the_room_left_is_shrunk_to_fit(llama):
    """The prompt fits but prompt + bound does not: ask again with the room the server named."""
    llama.script(Reply.json(GOOD))
    llm = make_llm(structured_method="json_mode")
    result = llm.structured(PROMPT, {"request": "投诉 " * 2000}, Task, step="rulebook")  # bound 6000 > n_ctx 4096
    assert result.value == Task(**GOOD)
    first, second = (r["body"]["max_tokens"] for r in llama.chat_requests)
    assert first == 6000 and second < 4096


def test_validation_feedback_carries_a_bounded_excerpt_not_the_whole_answer(llama):
    """Defect 5: the whole invalid answer was sent back, pushing the retry past the context."""
    invalid = json.dumps({"volume": 1, "notes": "blah " * 2000})
    llama.script(Reply.text(invalid), Reply.json(GOOD))
    llm = make_llm(structured_method="json_mode")
    assert ask(llm).value == Task(**GOOD)
    messages = llama.chat_requests[1]["body"]["messages"]
    assert messages[-2]["role"] == "assistant" and len(messages[-2]["content"]) < 800 < len(invalid)
    assert "task" in messages[-1]["content"] and "not valid" in messages[-1]["content"]


def test_tools_are_called_only_when_tool_choice_names_them(llama):
    """Defect 10: this server answers in prose unless tool_choice names the tool."""
    llama.script(Reply.tool_call("Task", GOOD))
    result = ask(make_llm(structured_method="function_calling"))
    assert result.value == Task(**GOOD) and result.method == "function_calling"
    assert llama.chat_requests[0]["body"]["tool_choice"] == {"type": "function", "function": {"name": "Task"}}


def test_a_missing_field_with_a_value_is_repaired_with_a_note_not_reasked(llama):
    """Issue 11.6: a schema-valid answer breaking a cross-field rule is repaired where the fix is certain."""
    answer = BreakdownDraft().model_dump(mode="json")
    answer["how_much"]["volume"] = {"value": 3000, "status": "missing", "confidence": 0.4}
    answer["what"]["task_type"] = {"value": "sentiment", "status": "from_past_project", "confidence": 0.6}
    llama.script(Reply.json(answer))
    llama.n_ctx = 32768  # a breakdown answer and its bound fit
    result = ask(make_llm(structured_method="json_mode"), output=BreakdownDraft)
    assert len(llama.chat_requests) == 1 and result.attempts == 1
    assert result.value.how_much.volume.value is None
    assert result.value.what.task_type.status.value == "inferred"
    assert any("how_much.volume" in note and "cleared" in note for note in result.repairs)


def test_an_answer_with_no_certain_fix_is_still_reasked(llama):
    llama.script(Reply.json({"volume": "lots"}), Reply.json(GOOD))
    result = ask(make_llm(structured_method="json_mode"))
    assert result.attempts == 2 and result.repairs == []


def test_streamed_answers_are_counted_though_the_server_sends_no_usage(llama):
    """Defect 8: streamed (and abandoned) requests are billed too; they are counted or estimated."""
    llama.script(Reply.text("第一段 第二段 third part"))
    llm = make_llm()
    assert "".join(llm.stream(PROMPT, {"request": "hi"}, step="chat reply")) == "第一段 第二段 third part"
    assert llm.usage.requests == 1 and llm.usage.completion_tokens > 0 and llm.usage.prompt_tokens > 0
    assert llm.usage.estimated_tokens == llm.usage.prompt_tokens + llm.usage.completion_tokens


def test_a_timed_out_request_is_counted_and_its_retry_waits_longer(llama):
    """Defect 3 and 8: the abandoned request is estimated in the usage; the retry gets a longer timeout."""
    llama.script(Reply.json(GOOD), Reply.delay(3, Reply.json(GOOD)), Reply.json(GOOD))
    llm = make_llm(structured_method="json_mode", request_timeout=1, max_answer_tokens=50)
    ask(llm)  # warm
    llm._rate = None
    assert llm._timeout_for(0) == 1 and llm._timeout_for(1) == 2
    before = llm.usage.completion_tokens
    assert ask(llm).value == Task(**GOOD)
    assert llm.usage.abandoned == 1 and llm.usage.completion_tokens - before >= 50  # the abandoned one's bound
    assert len(llama.chat_requests) == 3


def test_a_cold_server_gets_a_longer_first_timeout_and_a_slow_one_a_timeout_to_match(llama):
    llm = make_llm(request_timeout=10)
    assert llm._timeout_for(0) == 50  # cold: nothing answered yet
    llm._warm = True
    assert llm._timeout_for(0) == 10
    llm._rate = 5.0  # tokens per second, as measured on a busy CPU
    assert llm._timeout_for(0, bound=1000) == 400


def test_logprobs_requests_send_top_logprobs_and_read_this_servers_shape(llama):
    """Defect 7: logprobs without top_logprobs gets null here; with it, tokens have no bytes and
    the tokens of a Chinese label have the text ""."""
    import asyncio

    from assistant.prelabel.answers import BatchAnswer
    from assistant.prelabel.confidence import label_probabilities

    raw = '{"items": [{"id": "z1", "label": "差评", "confidence": 0.9}]}'
    start = raw.index("差评")
    tokens = [
        {"token": raw[:start], "logprob": 0.0},
        {"token": "差", "logprob": math.log(0.6)},
        {"token": "评", "logprob": math.log(0.5)},
        {"token": raw[start + 2 :], "logprob": 0.0},
    ]
    llama.script(Reply.text(raw, logprobs=tokens))
    llm = make_llm(structured_method="json_mode")
    result = asyncio.run(llm.astructured(PROMPT, {"request": "x"}, BatchAnswer, step="prelabel", logprobs=True))
    body = llama.chat_requests[0]["body"]
    assert body["logprobs"] is True and body["top_logprobs"] == 1
    assert all(entry["bytes"] is None for entry in result.logprobs)
    assert [entry["token"] for entry in result.logprobs][1:3] == ["", ""]
    assert label_probabilities(result.raw, result.logprobs, 1) == pytest.approx([0.3])
