"""The pre-labelling options are declared once (assistant.prelabel.options.PrelabelOptions): the CLI,
the Python API and the Batch API job take their defaults, bounds and help from it (the app: tests/ui)."""

from __future__ import annotations

import inspect

import pytest
import typer
from typer.testing import CliRunner

from assistant.core.errors import InputError
from assistant.prelabel.api import plan, prelabel
from assistant.prelabel.batch_state import JobState, start_job
from assistant.prelabel.job import run_job
from assistant.prelabel.options import PrelabelOptions, bounds, check, default
from assistant.prelabel.prelabeler import Prelabeler

def _cli_params() -> dict:
    from assistant.cli.prelabel import prelabel_command

    app = typer.Typer()
    app.command("prelabel")(prelabel_command)
    app.command("other")(lambda: None)
    command = typer.main.get_command(app).commands["prelabel"]
    return {param.name: param for param in command.params}


def test_every_cli_option_has_the_models_flag_default_bounds_and_help():
    params = _cli_params()
    for name, field in PrelabelOptions.model_fields.items():
        flags = (field.json_schema_extra or {}).get("flags")
        if not flags:
            continue  # API-only options (shots, logprobs)
        param = params[name]  # the command's parameters are the model's fields
        if name == "cache":
            assert param.default is (not field.default) and "--no-cache" in param.opts
            continue
        assert param.default == field.default, name
        assert flags[0].split("/")[0] in param.opts, name
        assert param.help == field.description, name


def test_cli_help_shows_the_models_defaults():
    from assistant.cli.prelabel import prelabel_command

    app = typer.Typer()
    app.command("prelabel")(prelabel_command)
    app.command("other")(lambda: None)
    result = CliRunner().invoke(app, ["prelabel", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.replace("│", " ").split())
    assert "LLM requests in flight" in text and "below this confidence an item is 'abstain'" in text
    for name in ("concurrency", "fmt", "poll_interval", "max_rounds"):
        assert f"[default: {default(name)}]" in text, name


@pytest.mark.parametrize(
    "name, value", [("concurrency", "0"), ("min_confidence", "1.5"), ("batch_size", "501"), ("max_rounds", "0")]
)
def test_cli_refuses_values_outside_the_models_bounds(tmp_path, name, value):
    from assistant.cli.prelabel import prelabel_command

    low, high = bounds(name)
    assert float(value) < low or (high is not None and float(value) > high)  # the value is outside the model's bounds
    app = typer.Typer()
    app.command("prelabel")(prelabel_command)
    app.command("other")(lambda: None)
    flag = PrelabelOptions.model_fields[name].json_schema_extra["flags"][0]
    args = ["prelabel", "-r", str(tmp_path / "rb.json"), "-i", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.jsonl"), flag, value]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 2 and flag in result.output
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("function", [prelabel, plan, run_job, Prelabeler, start_job])
def test_python_api_takes_the_options_model_and_shows_its_defaults(function):
    parameters = inspect.signature(function).parameters
    assert "options" in parameters  # one PrelabelOptions ...
    shown = [name for name in parameters if name in PrelabelOptions.model_fields]  # ... or keyword overrides of its fields
    assert len(shown) >= 3
    for name in shown:
        assert parameters[name].default == default(name), (function.__qualname__, name)


def _rulebook():
    from pathlib import Path

    from assistant.rulebook.export import load_rulebook

    return load_rulebook(Path(__file__).parent / "data" / "rulebook_complaints_zh.json")


def test_an_options_object_and_keyword_overrides_configure_the_same_run(tmp_path, monkeypatch):
    monkeypatch.setenv("RULEBOOK_DATA_DIR", str(tmp_path))
    rulebook = _rulebook()
    texts = ["都五天了物流还没更新", "请问能开发票吗", "东西坏了我要退款"]
    given = PrelabelOptions(offline=True, min_confidence=0.99, cache=False)
    by_object = [(p.id, p.status, p.label) for p in prelabel(rulebook, texts, given, ordered=True)]
    by_keywords = [(p.id, p.status, p.label) for p in prelabel(rulebook, texts, offline=True, min_confidence=0.99, cache=False, ordered=True)]
    assert by_object == by_keywords
    assert {status for _, status, _ in by_object} == {"abstain"}  # min_confidence 0.99 took effect
    overridden = [p.status for p in prelabel(rulebook, texts, given, min_confidence=0.0, ordered=True)]  # a keyword beats the object
    assert "labeled" in overridden
    labeler = Prelabeler(rulebook, given, concurrency=7)
    assert (labeler.engine, labeler.min_confidence, labeler.use_cache, labeler.concurrency) == ("offline", 0.99, False, 7)
    assert given.concurrency == default("concurrency")  # the caller's object is not changed


def test_a_misspelt_or_misplaced_option_is_one_clear_error_naming_it():
    rulebook = _rulebook()
    with pytest.raises(TypeError, match="unknown pre-label option 'concurency'; did you mean 'concurrency'"):
        list(prelabel(rulebook, ["x"], concurency=8))
    with pytest.raises(InputError, match="run_job\(\): unknown pre-label option 'min_confidance'"):
        run_job(rulebook, "in.csv", "out.jsonl", min_confidance=0.5)
    with pytest.raises(InputError, match="plan\(\): option 'resume' does not apply here"):
        plan(rulebook, ["x"], resume=True)
    with pytest.raises(InputError, match="options must be a PrelabelOptions, got dict"):
        plan(rulebook, ["x"], {"concurrency": 2})


def test_cli_flags_map_onto_the_model():
    from assistant.cli.prelabel import CLI_OPTIONS, to_options

    parsed = {name: default(name) for name in CLI_OPTIONS} | {"cache": True, "concurrency": 9}  # `--no-cache -c 9`
    options = to_options(parsed)
    assert options.cache is False and options.concurrency == 9
    assert to_options({name: default(name) for name in CLI_OPTIONS} | {"cache": False}) == PrelabelOptions()


def test_batch_job_state_defaults_are_the_models():
    for name in ("fmt", "text_field", "batch_size", "min_confidence", "cache", "max_rounds", "poll_interval"):
        assert JobState.model_fields[name].default == default(name), name


def test_out_of_bounds_options_are_one_clear_line_naming_the_option(tmp_path):
    from pathlib import Path

    from assistant.rulebook.export import load_rulebook

    with pytest.raises(InputError, match="concurrency"):
        check(concurrency=0)
    with pytest.raises(InputError, match="min_confidence"):
        check(min_confidence=1.5)
    with pytest.raises(InputError, match="batch_size"):
        check(batch_size=501)
    with pytest.raises(InputError, match="rpm"):
        check(rpm=0)
    rulebook = load_rulebook(Path(__file__).parent / "data" / "rulebook_complaints_zh.json")
    with pytest.raises(InputError, match="concurrency"):
        list(prelabel(rulebook, ["x"], engine="offline", concurrency=0))
    with pytest.raises(InputError, match="min_confidence"):
        plan(rulebook, ["x"], engine="offline", min_confidence=2)


def test_the_catalogues_english_option_help_is_the_models():
    from assistant.core.messages import has, text

    for name, field in PrelabelOptions.model_fields.items():
        assert text(f"prelabel.option.{name}", "en") == field.description, name  # the CLI and the app say the same
        assert has(f"prelabel.option.{name}") and text(f"prelabel.option.{name}", "zh") != field.description, name
