"""The LLM seam through a fake LangChain chat model (no HTTP)."""

import json

import pytest
from pydantic import BaseModel, Field

from assistant.core.errors import StructuredOutputError
from assistant.llm.answers import parse_answer
from assistant.llm.chat import ChatLLM
from assistant.llm.factory import engine_description, get_llm
from assistant.llm.prompts import Prompt
from assistant.core.settings import Settings
from tests.fake_chat import ScriptedChatModel

PROMPT = Prompt(name="t", version="7", variables=("request",), system="Extract the task.", user="{{ request }}")


class Task(BaseModel):
    task: str = Field(min_length=1)
    volume: int | None = None


def llm_for(*answers):
    chat = ScriptedChatModel(script=list(answers), calls=[])
    return ChatLLM(chat=chat, model="fake", sleep=lambda _: None), chat


def test_valid_answer_is_parsed_and_traced():
    llm, chat = llm_for(json.dumps({"task": "complaint sentiment", "volume": 30000}))
    result = llm.structured(PROMPT, {"request": "3万条投诉"}, Task, step="breakdown")
    assert result.value == Task(task="complaint sentiment", volume=30000)
    assert result.prompt_id == "t@7"
    assert result.method == "json_mode"  # the fake model has no tool calling: auto fell back
    assert result.attempts == 1
    # JSON mode describes the schema in the system prompt
    assert '"volume"' in chat.calls[0][0].content


def test_invalid_answer_is_retried_with_the_error_fed_back():
    llm, chat = llm_for("Sure! here it is: {\"task\": \"\"}", "```json\n{\"task\": \"intent\"}\n```")
    result = llm.structured(PROMPT, {"request": "x"}, Task, step="breakdown")
    assert result.value.task == "intent"
    assert result.attempts == 2
    feedback = chat.calls[1][-1].content
    assert "not valid" in feedback and "task" in feedback


def test_persistently_invalid_answer_raises_a_typed_error_with_the_raw_answer():
    llm, _ = llm_for("no json here", "still none", "{\"volume\": \"many\"}")
    with pytest.raises(StructuredOutputError) as caught:
        llm.structured(PROMPT, {"request": "x"}, Task, step="breakdown")
    assert caught.value.step == "breakdown"
    assert caught.value.raw == "{\"volume\": \"many\"}"
    assert caught.value.attempts == 3
    assert "breakdown" in str(caught.value)


def test_parse_answer_accepts_prose_around_json():
    assert parse_answer('The answer is {"task": "x"} as requested.', Task).task == "x"


def test_no_llm_configured_means_offline_engine(settings):
    assert get_llm(settings) is None
    assert "offline engine" in engine_description(settings)


def test_configured_endpoint_builds_chat_openai_without_client_retries(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "12")
    llm = get_llm(Settings())
    assert llm is not None and type(llm.chat).__name__ == "ChatOpenAI"
    assert llm.chat.max_retries == 0
    assert llm.chat.request_timeout == 12
    assert "127.0.0.1:9" in engine_description(Settings())
