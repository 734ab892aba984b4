"""Transport retries of the LLM seam (tenacity), through the real openai client against a local server:
a rate limit with Retry-After is waited out and retried, and exhausted retries end in the typed error."""

import asyncio
import dataclasses

import pytest
from pydantic import BaseModel, Field

from assistant.core.errors import LLMError
from assistant.core.settings import Settings
from assistant.llm.factory import get_llm
from assistant.llm.prompts import Prompt
from tests.openai_server import Reply

PROMPT = Prompt(name="t", version="1", variables=("request",), system="Extract the task.", user="{{ request }}")


class Task(BaseModel):
    task: str = Field(min_length=1)


def make_llm(**overrides):
    """The configured LLM with its waits recorded instead of slept (sync and async)."""
    llm = get_llm(Settings(**overrides))
    assert llm is not None
    waits: list[float] = []
    llm.sleep = waits.append

    async def async_sleep(seconds: float) -> None:
        waits.append(seconds)

    llm.async_sleep = async_sleep
    return llm, waits


def rate_limited(retry_after: str) -> Reply:
    reply = Reply.error(429, "Rate limit reached, slow down", type_="rate_limit_error")
    return dataclasses.replace(reply, headers={"retry-after": retry_after})


def test_a_rate_limit_waits_the_servers_retry_after_then_succeeds(llm_env):
    llm, waits = make_llm()
    llm_env.script(rate_limited("7"), Reply.json({"task": "投诉情感分类"}))
    result = llm.structured(PROMPT, {"request": "3万条投诉数据"}, Task, step="breakdown")
    assert result.value.task == "投诉情感分类"
    assert len(llm_env.chat_requests) == 2
    assert waits == [7.0]  # the server's Retry-After, longer than the first backoff (0.5-0.75 s)
    assert llm.usage.retries == 1 and llm.usage.requests == 1


def test_a_very_long_retry_after_is_capped(llm_env):
    llm, waits = make_llm()
    llm_env.script(rate_limited("3600"), Reply.json({"task": "search relevance"}))
    llm.structured(PROMPT, {"request": "rate search results"}, Task, step="breakdown")
    assert waits == [60.0]


def test_the_async_path_retries_the_same_way_and_calls_the_hook_before_every_request(llm_env):
    llm, waits = make_llm()
    llm_env.script(rate_limited("3"), Reply.error(502, "bad gateway"), Reply.json({"task": "sentiment"}))
    hooks: list[int] = []

    async def before_request() -> None:
        hooks.append(len(llm_env.chat_requests))

    async def ask():
        async with llm.async_session() as session:
            return await session.astructured(
                PROMPT, {"request": "sentiment"}, Task, step="breakdown", before_request=before_request
            )

    result = asyncio.run(ask())
    assert result.value.task == "sentiment"
    assert hooks == [0, 1, 2]
    assert waits[0] == 3.0 and 1.0 <= waits[1] <= 1.25  # Retry-After, then the second backoff (1 s + jitter)
    assert llm.usage.retries == 2  # the session's count is added to the LLM's


def test_exhausted_retries_raise_the_typed_error_naming_endpoint_and_status(llm_env):
    llm, waits = make_llm(max_retries=2)
    llm_env.script(*[Reply.error(503, "model is loading")] * 3)
    with pytest.raises(LLMError) as caught:
        llm.structured(PROMPT, {"request": "任务"}, Task, step="breakdown")
    message = str(caught.value)
    assert llm.host in message and llm.host.startswith("127.0.0.1")
    assert "kept failing after 3 tries" in message and "HTTP 503" in message and "model is loading" in message
    assert caught.value.step == "breakdown"
    assert len(llm_env.chat_requests) == 3
    assert len(waits) == 2 and waits[1] > waits[0]  # exponential backoff between the tries
    assert llm.usage.retries == 2


def test_a_configuration_error_is_not_retried(llm_env):
    llm, waits = make_llm()
    llm_env.script(Reply.error(401, "bad key", type_="invalid_request_error"))
    with pytest.raises(Exception, match="401"):
        llm.structured(PROMPT, {"request": "x"}, Task, step="breakdown")
    assert len(llm_env.chat_requests) == 1 and waits == []
