"""One guard for every command that writes files (`--out`, `--report`, `--json FILE`, `--docx`...).

`guard_app(app)` wraps every registered command of the Typer app and its sub-apps. Before the
command runs, each output it was given is checked against every input it was given: an output
that is the same file as an input, a symbolic link, a directory or a device is refused with one
line, and nothing runs. New commands are covered without extra code when their output
parameters use the usual names below; side files a command derives from an output (the
pre-label records file, the quiz answer key, report charts) are listed in `DERIVED_OUTPUTS`.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Callable

from assistant.core.safe_paths import check_output

# Parameters (Python names) that are output files.
OUTPUT_PARAMS = {"out", "json_out", "docx_out", "docx", "report", "answer_key", "chart", "output", "report_out"}
# (command function, parameter) pairs that are output directories, not files.
DIRECTORY_OUTPUTS = {("demo", "out"), ("score", "feedback_dir"), ("export_data_command", "out")}
# (command function, parameter) inputs a command rewrites in place on purpose (`revise rb.json`).
IN_PLACE = {("revise", "target")}


def _prelabel_side_files(kwargs: dict[str, Any]) -> list[Path]:
    out, fmt = kwargs.get("out"), kwargs.get("fmt") or "jsonl"
    if out is None:
        return []
    return [Path(out).with_name(Path(out).name + ".records.jsonl")] if fmt != "jsonl" else []


def _quiz_side_files(kwargs: dict[str, Any]) -> list[Path]:
    out = kwargs.get("out")
    if out is None or kwargs.get("answer_key") is not None:
        return []
    return [Path(out).with_name(f"{Path(out).stem}_key.csv")]


def _report_side_files(kwargs: dict[str, Any]) -> list[Path]:
    report = kwargs.get("report")
    if report is None:
        return []
    stem = Path(report).stem
    return [Path(report).with_name(f"{stem}-confusion.png"), Path(report).with_name(f"{stem}-per-label.png")]


DERIVED_OUTPUTS: dict[str, Callable[[dict[str, Any]], list[Path]]] = {
    "prelabel_command": _prelabel_side_files,
    "quiz": _quiz_side_files,
    "agree_command": _report_side_files,
}


def _as_paths(value: Any) -> list[Path]:
    if isinstance(value, Path):
        return [value]
    if isinstance(value, str) and value and os.path.isfile(value):
        return [Path(value)]
    if isinstance(value, (list, tuple)):
        return [path for item in value for path in _as_paths(item)]
    return []


def check_command_paths(name: str, kwargs: dict[str, Any]) -> None:
    """Refuse outputs that are special files or the same file as an input of the command."""
    outputs: list[tuple[str, Path]] = []
    inputs: list[Path] = []
    for param, value in kwargs.items():
        if (name, param) in DIRECTORY_OUTPUTS or (name, param) in IN_PLACE:
            continue
        if param in OUTPUT_PARAMS and isinstance(value, Path):
            outputs.append(("--" + param.replace("_out", "").replace("_", "-"), value))
        else:
            inputs.extend(_as_paths(value))
    derived = DERIVED_OUTPUTS.get(name)
    if derived is not None:
        outputs.extend(("output side file", path) for path in derived(kwargs))
    for option, path in outputs:
        check_output(path, inputs, what=option)
    for index, (option, path) in enumerate(outputs):  # two outputs of one command must differ too
        check_output(path, [other for _, other in outputs[index + 1 :]], what=option)


def guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    if getattr(callback, "__rulebook_guarded__", False):
        return callback

    @functools.wraps(callback)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check_command_paths(callback.__name__, kwargs)
        return callback(*args, **kwargs)

    wrapper.__rulebook_guarded__ = True  # type: ignore[attr-defined]
    return wrapper


def guard_app(app: Any) -> None:
    """Wrap every command of a Typer app and of its sub-apps (in place)."""
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = guarded(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            guard_app(group.typer_instance)
