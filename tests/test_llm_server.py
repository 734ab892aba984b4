"""The LLM seam end to end through the real openai client against a local OpenAI-compatible server."""

import pytest
from pydantic import BaseModel, Field

from assistant.core.errors import ConfigurationError, LLMError, StructuredOutputError
from assistant.llm.factory import get_llm
from assistant.llm.prompts import Prompt
from assistant.core.settings import Settings
from tests.openai_server import OpenAIStubServer, Reply

PROMPT = Prompt(name="t", version="1", variables=("request",), system="Extract the task.", user="{{ request }}")
GOOD = {"task": "complaint sentiment", "volume": 30000}


class Task(BaseModel):
    task: str = Field(min_length=1)
    volume: int | None = None


def make_llm(**overrides):
    llm = get_llm(Settings(**overrides))
    assert llm is not None
    llm.sleep = lambda _seconds: None  # no real backoff waits in tests
    return llm


def ask(llm):
    return llm.structured(PROMPT, {"request": "3万条投诉数据"}, Task, step="breakdown")


def test_json_schema_output_when_the_server_supports_it(llm_env):
    llm_env.script(Reply.json(GOOD))
    result = ask(make_llm())
    assert result.value == Task(**GOOD)
    assert result.method == "json_schema"
    assert llm_env.chat_requests[0]["body"]["response_format"]["type"] == "json_schema"
    assert llm_env.chat_requests[0]["headers"]["authorization"] == "Bearer sk-test-key-123456"


def test_auto_falls_back_to_function_calling_and_remembers(monkeypatch, llm_env):
    llm_env.reject_response_format = {"json_schema"}
    llm_env.script(Reply.tool_call("Task", GOOD), Reply.tool_call("Task", {"task": "again"}))
    llm = make_llm()
    assert ask(llm).method == "function_calling"
    assert ask(llm).value.task == "again"
    # one refused request, then two tool-calling requests: the working method is remembered
    assert [("tools" in r["body"]) for r in llm_env.chat_requests] == [False, True, True]


def test_servers_without_schema_or_tools_use_json_mode(llm_env):
    llm_env.reject_response_format = {"json_schema"}
    llm_env.reject_tools = True
    llm_env.script(Reply.json(GOOD))
    result = ask(make_llm())
    assert result.method == "json_mode"
    last = llm_env.chat_requests[-1]["body"]
    assert last["response_format"] == {"type": "json_object"}
    assert "JSON Schema" in last["messages"][0]["content"]


def test_a_server_refusing_every_method_is_a_configuration_error(llm_env):
    llm_env.reject_response_format = {"json_schema", "json_object"}
    llm_env.reject_tools = True
    with pytest.raises(ConfigurationError, match="RULEBOOK_STRUCTURED_METHOD"):
        ask(make_llm())


def test_transient_failures_are_retried_by_one_layer(llm_env):
    llm = make_llm(max_retries=4)
    llm_env.script(Reply.json(GOOD))
    ask(llm)  # a warm server: the first request's longer cold-start timeout is past
    llm_env.reset()
    llm._rate = None
    llm_env.script(
        Reply.error(429, "slow down"),
        Reply.error(500, "boom"),
        Reply.malformed(),
        Reply.delay(3, Reply.json(GOOD)),  # longer than the 2 s request timeout
        Reply.json(GOOD),
    )
    result = ask(llm)
    assert result.value == Task(**GOOD)
    assert len(llm_env.chat_requests) == 5  # no hidden client retries multiplied on top


def test_retries_are_bounded(llm_env):
    llm_env.script(*[Reply.error(503, "unavailable")] * 3)
    with pytest.raises(LLMError, match="kept failing after 3 tries"):
        ask(make_llm(max_retries=2))
    assert len(llm_env.chat_requests) == 3


def test_malformed_answer_is_retried_with_feedback(llm_env):
    llm_env.script(Reply.text("I think the task is sentiment"), Reply.json(GOOD))
    result = ask(make_llm())
    assert result.attempts == 2
    feedback = llm_env.chat_requests[1]["body"]["messages"][-1]["content"]
    assert "not valid" in feedback


def test_persistently_invalid_answers_name_the_step(llm_env):
    llm_env.script(*[Reply.json({"volume": "lots"})] * 3)
    with pytest.raises(StructuredOutputError, match="step 'breakdown'") as caught:
        ask(make_llm())
    assert '"lots"' in caught.value.raw


def test_bad_key_is_reported_at_once_with_the_fix(monkeypatch):
    with OpenAIStubServer(require_key="right-key") as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "wrong-key")
        with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
            ask(make_llm())
        assert len(server.chat_requests) == 1


def test_unknown_model_is_a_configuration_error(llm_env):
    llm_env.script(Reply.error(404, "model not found", type_="invalid_request_error"))
    with pytest.raises(ConfigurationError, match="RULEBOOK_MODEL"):
        ask(make_llm())
    assert len(llm_env.chat_requests) == 1


def test_ping_and_streaming(llm_env):
    llm = make_llm()
    llm_env.script(Reply.text("OK"), Reply.text("第一段 第二段 third part"))
    assert llm.ping() == "OK"
    pieces = list(llm.stream(PROMPT, {"request": "hi"}, step="chat"))
    assert len(pieces) > 1 and "".join(pieces) == "第一段 第二段 third part"
