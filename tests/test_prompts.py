import pytest

from assistant.core.errors import ConfigurationError
from assistant.llm.prompts import PROMPTS_DIR, load_prompt, load_prompt_file


def write(tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_prompt_renders_declared_variables(tmp_path):
    prompt = load_prompt_file(write(tmp_path, "name: p\nversion: '3'\nvariables: [request]\nsystem: You help.\nuser: 'Request: {{ request }}'\n"))
    assert prompt.id == "p@3"
    assert prompt.render({"request": "投诉"}) == [("system", "You help."), ("user", "Request: 投诉")]


def test_undeclared_variable_is_an_error_at_load_time(tmp_path):
    with pytest.raises(ConfigurationError, match="undeclared variables: \\['reqest'\\]"):
        load_prompt_file(write(tmp_path, "name: p\nversion: '1'\nvariables: [request]\nsystem: s {{ request }}\nuser: '{{ reqest }}'\n"))


def test_unused_declared_variable_is_an_error(tmp_path):
    with pytest.raises(ConfigurationError, match="never used"):
        load_prompt_file(write(tmp_path, "name: p\nversion: '1'\nvariables: [a, b]\nsystem: s\nuser: '{{ a }}'\n"))


def test_missing_value_at_render_is_an_error(tmp_path):
    prompt = load_prompt_file(write(tmp_path, "name: p\nversion: '1'\nvariables: [a]\nsystem: s\nuser: '{{ a }}'\n"))
    with pytest.raises(ConfigurationError, match="needs variables \\['a'\\]"):
        prompt.render({})


def test_every_shipped_prompt_loads():
    for path in PROMPTS_DIR.glob("*.yaml"):
        assert load_prompt(path.stem).version
