"""Tests proving tests/openai_server.py works with the real openai and LangChain clients.

Everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import math
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import openai
import pytest
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from tests.openai_server import OpenAIStubServer, Reply, start_stub

MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture
def stub():
    server = start_stub()
    yield server
    server.stop()


def make_client(server: OpenAIStubServer, **kwargs) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="test", max_retries=0, **kwargs)


def make_llm(server: OpenAIStubServer, **kwargs) -> ChatOpenAI:
    return ChatOpenAI(base_url=server.base_url, api_key="test", model="stub-model",
                      max_retries=0, **kwargs)


def http(method: str, url: str, body: dict | None = None, headers: dict | None = None):
    """Raw request helper: returns (status, headers, parsed-or-raw body)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            status, hdrs, raw = resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        status, hdrs, raw = exc.code, exc.headers, exc.read()
    return status, hdrs, json.loads(raw)


# --------------------------------------------------------------------------- #
# (1) scripted text reply, request recording
# --------------------------------------------------------------------------- #
def test_text_reply_and_recording(stub):
    assert stub.base_url.startswith("http://127.0.0.1:") and stub.base_url.endswith("/v1")
    stub.script(Reply.text("hello from stub"))
    resp = make_client(stub).chat.completions.create(model="my-model", messages=MESSAGES)

    assert resp.object == "chat.completion"
    assert resp.id.startswith("chatcmpl-")
    assert resp.model == "my-model"
    choice = resp.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == "hello from stub"
    assert choice.message.tool_calls is None
    assert choice.finish_reason == "stop"
    assert resp.usage.completion_tokens == len("hello from stub") // 4
    assert resp.usage.prompt_tokens >= 1
    assert resp.usage.total_tokens == resp.usage.prompt_tokens + resp.usage.completion_tokens

    [req] = stub.chat_requests
    assert req["method"] == "POST"
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "my-model"
    assert req["body"]["messages"] == MESSAGES
    assert req["headers"]["authorization"] == "Bearer test"
    assert stub.pending == 0


def test_default_responder_custom_responder_and_auto():
    seen = []

    def responder(body):
        seen.append(body["messages"][-1]["content"])
        return Reply.text("echo:" + body["messages"][-1]["content"])

    with OpenAIStubServer() as default:
        out = make_client(default).chat.completions.create(model="m", messages=MESSAGES)
        assert out.choices[0].message.content == "ok"

    with OpenAIStubServer(responder=responder) as server:
        server.script(Reply.text("scripted"), Reply.auto())
        client = make_client(server)
        contents = [client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": f"q{i}"}]).choices[0].message.content
            for i in range(3)]
    assert contents == ["scripted", "echo:q1", "echo:q2"]
    assert seen == ["q1", "q2"]


# --------------------------------------------------------------------------- #
# (2) HTTP errors map to the right openai exceptions
# --------------------------------------------------------------------------- #
def test_scripted_errors(stub):
    stub.script(Reply.error(500, "kaboom"),
                Reply.error(429, "slow down", type_="rate_limit_error", code="rate_limit_exceeded"),
                Reply.text("recovered"))
    client = make_client(stub)

    with pytest.raises(openai.InternalServerError) as exc500:
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert exc500.value.status_code == 500
    assert "kaboom" in exc500.value.message
    assert exc500.value.body == {"message": "kaboom", "type": "server_error",
                                 "param": None, "code": None}

    with pytest.raises(openai.RateLimitError) as exc429:
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert exc429.value.status_code == 429
    assert exc429.value.response.headers["retry-after"] == "0"
    assert exc429.value.code == "rate_limit_exceeded"

    assert client.chat.completions.create(
        model="m", messages=MESSAGES).choices[0].message.content == "recovered"
    assert len(stub.chat_requests) == 3


def test_require_key():
    with OpenAIStubServer(require_key="secret") as server:
        server.script(Reply.text("authorised"))
        with pytest.raises(openai.AuthenticationError) as exc:
            make_client(server).chat.completions.create(model="m", messages=MESSAGES)
        assert exc.value.status_code == 401

        status, _, body = http("GET", server.base_url + "/models")  # no Authorization at all
        assert status == 401 and "error" in body

        good = openai.OpenAI(base_url=server.base_url, api_key="secret", max_retries=0)
        assert server.pending == 1  # rejections do not consume the script
        out = good.chat.completions.create(model="m", messages=MESSAGES)
        assert out.choices[0].message.content == "authorised"


def test_reject_response_format_json_schema():
    with OpenAIStubServer(reject_response_format={"json_schema"}) as server:
        client = make_client(server)
        schema = {"type": "json_schema", "json_schema": {
            "name": "x", "schema": {"type": "object", "properties": {}}}}
        with pytest.raises(openai.BadRequestError) as exc:
            client.chat.completions.create(model="m", messages=MESSAGES, response_format=schema)
        assert exc.value.status_code == 400
        assert "json_schema" in exc.value.message and "not supported" in exc.value.message

        server.script(Reply.json({"a": 1}))
        out = client.chat.completions.create(model="m", messages=MESSAGES,
                                             response_format={"type": "json_object"})
        assert json.loads(out.choices[0].message.content) == {"a": 1}
        assert len(server.chat_requests) == 2


def test_reject_tools_and_invalid_options():
    with OpenAIStubServer(reject_tools=True) as server:
        tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
        with pytest.raises(openai.BadRequestError, match="tools are not supported"):
            make_client(server).chat.completions.create(model="m", messages=MESSAGES, tools=tools)
    with pytest.raises(ValueError):
        OpenAIStubServer(reject_response_format={"text"})


# --------------------------------------------------------------------------- #
# (3) malformed body
# --------------------------------------------------------------------------- #
def test_malformed_body_raises_json_decode_error(stub):
    # Observed with openai 2.x: a 200 whose body is not JSON surfaces as the raw
    # json.JSONDecodeError from response.json(), not as an openai.APIError.
    stub.script(Reply.malformed(), Reply.malformed())
    client = make_client(stub)
    with pytest.raises(json.JSONDecodeError) as exc:
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert not isinstance(exc.value, openai.APIError)

    with pytest.raises(json.JSONDecodeError):
        list(client.chat.completions.create(model="m", messages=MESSAGES, stream=True))


# --------------------------------------------------------------------------- #
# (4) streaming
# --------------------------------------------------------------------------- #
def test_streaming_concatenates(stub):
    text = "The quick brown fox jumps over the lazy dog"
    stub.script(Reply.text(text), Reply.text(text))
    client = make_client(stub)

    chunks = list(client.chat.completions.create(model="m", messages=MESSAGES, stream=True))
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) >= 2
    assert "".join(pieces) == text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.object == "chat.completion.chunk" and c.model == "m" for c in chunks)
    assert all(c.usage is None for c in chunks)

    chunks = list(client.chat.completions.create(
        model="m", messages=MESSAGES, stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].choices == []
    assert chunks[-1].usage.completion_tokens == len(text) // 4
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == text
    assert [r["body"]["stream"] for r in stub.chat_requests] == [True, True]


def test_langchain_streaming_text_and_tool_call(stub):
    class Person(BaseModel):
        name: str

    stub.script(Reply.text("streamed answer"), Reply.tool_call("Person", {"name": "Zoe"}))
    llm = make_llm(stub, streaming=True)
    assert "".join(chunk.content for chunk in llm.stream("hi")) == "streamed answer"
    assert llm.with_structured_output(Person, method="function_calling").invoke("x") == \
        Person(name="Zoe")


# --------------------------------------------------------------------------- #
# (5) LangChain ChatOpenAI
# --------------------------------------------------------------------------- #
def test_chatopenai_invoke(stub):
    stub.script(Reply.text("from langchain"))
    msg = make_llm(stub).invoke("hi")
    assert msg.content == "from langchain"
    assert msg.response_metadata["model_name"] == "stub-model"
    assert msg.response_metadata["finish_reason"] == "stop"
    assert msg.usage_metadata["output_tokens"] == len("from langchain") // 4
    [req] = stub.chat_requests
    assert req["body"]["messages"] == [{"role": "user", "content": "hi"}]
    assert req["body"]["model"] == "stub-model"


def test_chatopenai_structured_output_function_calling(stub):
    class Verdict(BaseModel):
        label: str
        score: float

    stub.script(Reply.tool_call("Verdict", {"label": "spam", "score": 0.75}))
    result = make_llm(stub).with_structured_output(Verdict, method="function_calling").invoke("x")
    assert result == Verdict(label="spam", score=0.75)

    body = stub.chat_requests[0]["body"]
    assert body["tools"][0]["function"]["name"] == "Verdict"
    assert body["tool_choice"]["function"]["name"] == "Verdict"


def test_tool_call_wire_format(stub):
    stub.script(Reply.tool_call("lookup", {"q": "café"}))
    resp = make_client(stub).chat.completions.create(model="m", messages=MESSAGES)
    choice = resp.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    [call] = choice.message.tool_calls
    assert call.type == "function" and call.id
    assert call.function.name == "lookup"
    assert json.loads(call.function.arguments) == {"q": "café"}


# --------------------------------------------------------------------------- #
# (6) timeouts
# --------------------------------------------------------------------------- #
def test_delay_triggers_client_timeout(stub):
    stub.script(Reply.delay(2, Reply.text("too late")), Reply.text("fast"))
    client = make_client(stub, timeout=0.5)
    start = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert time.monotonic() - start < 1.5
    # the server is not wedged by the sleeping handler
    assert client.chat.completions.create(
        model="m", messages=MESSAGES).choices[0].message.content == "fast"


def test_latency_option():
    with OpenAIStubServer(latency=0.2) as server:
        client = make_client(server)
        start = time.monotonic()
        client.chat.completions.create(model="m", messages=MESSAGES)
        assert time.monotonic() - start >= 0.2


# --------------------------------------------------------------------------- #
# (7) embeddings
# --------------------------------------------------------------------------- #
def test_embeddings(stub):
    client = make_client(stub)
    out = client.embeddings.create(model="emb", input=["alpha", "beta", "alpha"])
    assert len(out.data) == 3
    assert [d.index for d in out.data] == [0, 1, 2]
    vectors = [d.embedding for d in out.data]
    assert all(len(v) == 8 for v in vectors)
    assert all(math.isclose(math.sqrt(sum(x * x for x in v)), 1.0, rel_tol=1e-5) for v in vectors)
    assert vectors[0] == vectors[2] and vectors[0] != vectors[1]
    assert out.usage.total_tokens >= 3
    assert stub.requests[-1]["body"]["encoding_format"] == "base64"  # the client's default

    wide = client.embeddings.create(model="emb", input="alpha", dimensions=32,
                                    encoding_format="float")
    assert len(wide.data) == 1 and len(wide.data[0].embedding) == 32
    assert math.isclose(sum(x * x for x in wide.data[0].embedding), 1.0, rel_tol=1e-9)

    tokens = client.embeddings.create(model="emb", input=[[1, 2, 3], [4, 5]])
    assert len(tokens.data) == 2 and tokens.usage.prompt_tokens == 5
    assert stub.chat_requests == []


# --------------------------------------------------------------------------- #
# (8) logprobs
# --------------------------------------------------------------------------- #
def test_logprobs_openai_client(stub):
    stub.script(
        Reply.text("Yes", logprobs=[("Yes", -0.01)]),
        Reply.text("No", logprobs=[{"token": "No", "logprob": -0.5,
                                    "top_logprobs": [{"token": "No", "logprob": -0.5},
                                                     {"token": "Yes", "logprob": -1.2}]}]),
        Reply.text("plain"),
    )
    client = make_client(stub)
    first = client.chat.completions.create(model="m", messages=MESSAGES, logprobs=True)
    [tok] = first.choices[0].logprobs.content
    assert (tok.token, tok.logprob, tok.bytes, tok.top_logprobs) == ("Yes", -0.01, list(b"Yes"), [])

    second = client.chat.completions.create(model="m", messages=MESSAGES, logprobs=True,
                                            top_logprobs=2)
    [tok] = second.choices[0].logprobs.content
    assert [(t.token, t.logprob) for t in tok.top_logprobs] == [("No", -0.5), ("Yes", -1.2)]

    assert client.chat.completions.create(model="m", messages=MESSAGES).choices[0].logprobs is None


def test_logprobs_chatopenai(stub):
    stub.script(Reply.text("Hello world", logprobs=[("Hello", -0.1), (" world", -0.2)]),
                Reply.text("none"))
    llm = make_llm(stub, logprobs=True)
    msg = llm.invoke("hi")
    assert msg.content == "Hello world"
    content = msg.response_metadata["logprobs"]["content"]
    assert [(c["token"], c["logprob"]) for c in content] == [("Hello", -0.1), (" world", -0.2)]
    assert stub.chat_requests[0]["body"]["logprobs"] is True
    # observed: without scripted logprobs, the key is present but None
    assert llm.invoke("hi").response_metadata["logprobs"] is None


# --------------------------------------------------------------------------- #
# other endpoints, concurrency, lifecycle
# --------------------------------------------------------------------------- #
def test_models_and_unknown_paths(stub):
    assert [m.id for m in make_client(stub).models.list()] == ["stub-model"]
    status, _, body = http("GET", stub.base_url + "/nope")
    assert status == 404 and body["error"]["type"] == "invalid_request_error"
    status, _, body = http("POST", stub.base_url + "/completions", {"prompt": "x"})
    assert status == 404 and "message" in body["error"]
    assert [(r["method"], r["path"]) for r in stub.requests] == [
        ("GET", "/v1/models"), ("GET", "/v1/nope"), ("POST", "/v1/completions")]
    assert stub.request_count == 3


def test_concurrent_requests_consume_script_once_each(stub):
    n = 24
    stub.script(*[Reply.text(f"r{i}") for i in range(n)])
    client = make_client(stub)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(
            lambda _: client.chat.completions.create(
                model="m", messages=MESSAGES).choices[0].message.content, range(n)))
    assert sorted(results) == sorted(f"r{i}" for i in range(n))
    assert stub.pending == 0
    assert len(stub.chat_requests) == n


def test_stop_leaves_no_threads():
    before = set(threading.enumerate())
    server = OpenAIStubServer()
    server.start()
    client = make_client(server, timeout=0.3)
    client.chat.completions.create(model="m", messages=MESSAGES)  # keep-alive connection
    server.script(Reply.delay(30, Reply.text("never")))
    with pytest.raises(openai.APITimeoutError):
        client.chat.completions.create(model="m", messages=MESSAGES)
    port = server.port
    start = time.monotonic()
    server.stop()
    assert time.monotonic() - start < 2  # sleeping handler is woken, idle conns closed
    assert set(threading.enumerate()) - before == set()
    server.stop()  # idempotent
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=1)
