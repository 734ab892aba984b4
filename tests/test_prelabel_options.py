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

CLI_PARAM = {"cache": "no_cache", "max_rounds": "batch_rounds"}  # parameter names that differ from the field


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
        param = params[CLI_PARAM.get(name, name)]
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


@pytest.mark.parametrize("function", [prelabel, run_job, Prelabeler.__init__, start_job])
def test_python_api_and_batch_job_defaults_are_the_models(function):
    shared = 0
    for name, parameter in inspect.signature(function).parameters.items():
        if name in PrelabelOptions.model_fields and parameter.default is not inspect.Parameter.empty:
            if name in ("progress", "id_field") and function is prelabel:
                continue  # prelabel() iterates records in memory: no bar unless asked; ids from their "id" key
            assert parameter.default == default(name), (function.__qualname__, name)
            shared += 1
    assert shared >= 3


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
