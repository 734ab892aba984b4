"""The options of a pre-labelling run, declared once.

`PrelabelOptions` holds every engine and job option with its default, bounds and help text. The CLI
(`rulebook prelabel`, assistant/cli/prelabel.py) builds its typer options from its fields and maps
them back onto it; the Python API (`prelabel`, `aprelabel`, `plan`, `run_job`, `Prelabeler`) and the
Batch API job (`start_job`) take `options: PrelabelOptions | None` plus keyword overrides checked
against the model (`resolve`, `takes_options`); the app (ui/pages/prelabel.py) builds its option
widgets from the fields (ui/options.py).

Each field's `json_schema_extra` may name its CLI flags (`flags`), and for a boolean whose CLI flag
is the negation of the field (`cache` → `--no-cache`, `offline`), the CLI help (`cli_help`).
"""

from __future__ import annotations

import difflib
import inspect
from pathlib import Path
from typing import Annotated, Any, Callable, Iterable, Mapping, Optional, TypeVar, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.prelabel.constants import DEFAULT_SHOTS, FORMATS
from assistant.prelabel.items import DEFAULT_TEXT_FIELD

DEFAULT_ROUNDS = 3  # Batch API rounds at most


def _gold_records(value: Any) -> Any:
    """Gold given as records (any iterable of mappings, a generator too) is kept as a list."""
    if value is None or isinstance(value, (str, Path, list)):
        return value
    if isinstance(value, Iterable) and not isinstance(value, (Mapping, bytes)):
        return list(value)
    return value


Gold = Annotated[Union[str, Path, list[Mapping[str, Any]], None], BeforeValidator(_gold_records)]


class PrelabelOptions(BaseModel):
    """Options of a pre-labelling run (engine, input file, output, Batch API)."""

    model_config = ConfigDict(extra="forbid")

    # -- the input file (the fields' order is the order of `rulebook prelabel --help`) ---------------
    fmt: str = Field(
        "jsonl", description="jsonl (records), csv, or label-studio (import tasks)",
        json_schema_extra={"flags": ["--format", "-f"], "choices": list(FORMATS)},
    )  # fmt: skip
    text_field: str = Field(DEFAULT_TEXT_FIELD, description="column holding the text to label", json_schema_extra={"flags": ["--text-field"]})
    id_field: Optional[str] = Field(
        None, description="column holding item ids (default: id, or ids generated from the text when absent)",
        json_schema_extra={"flags": ["--id-field"]},
    )  # fmt: skip
    sheet: Optional[str] = Field(
        None, description="spreadsheet sheet (name or number; default: the first sheet with a table)", json_schema_extra={"flags": ["--sheet"]}
    )
    header_row: Optional[int] = Field(
        None, ge=1, description="spreadsheet row holding the column names (default: detected)", json_schema_extra={"flags": ["--header-row"]}
    )

    # -- the engine and the run -----------------------------------------------------------------
    concurrency: int = Field(4, ge=1, description="LLM requests in flight", json_schema_extra={"flags": ["--concurrency", "-c"]})
    batch_size: Optional[int] = Field(
        None, ge=1, le=500, description="items per LLM request (default: as many as fit ~3,000 tokens of items, 1-25)",
        json_schema_extra={"flags": ["--batch-size", "-b"]},
    )  # fmt: skip
    rpm: Optional[float] = Field(None, gt=0, description="client-side limit of LLM requests per minute", json_schema_extra={"flags": ["--rpm"], "cli_min": 0.001})
    min_confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="below this confidence an item is 'abstain' (for human review)",
        json_schema_extra={"flags": ["--min-confidence"], "step": 0.05},
    )  # fmt: skip
    resume: bool = Field(
        False, description="keep finished records of --out and label only what is missing or failed", json_schema_extra={"flags": ["--resume"]}
    )
    dry_run: bool = Field(False, description="show items, requests, tokens and estimated cost; send nothing", json_schema_extra={"flags": ["--dry-run"]})
    gold: Gold = Field(
        None, description="gold labeled items (text,label) used as neighbours and few-shot examples", json_schema_extra={"flags": ["--gold"]}
    )  # a file; from Python also records (dicts with text and label)
    offline: bool = Field(False, description="use the offline engine even when an LLM is configured", json_schema_extra={"flags": ["--offline"]})
    cache: bool = Field(
        True, description="read and write the response cache (SQLite under data_dir/cache)",
        json_schema_extra={"flags": ["--no-cache"], "cli_help": "do not read or write the response cache"},
    )  # fmt: skip
    progress: Optional[bool] = Field(
        None, description="progress bar on stderr (default: on when stderr is a terminal and there are 100+ items)",
        json_schema_extra={"flags": ["--progress/--no-progress"]},
    )  # fmt: skip
    shots: int = Field(DEFAULT_SHOTS, ge=0, description="few-shot examples per LLM request")
    logprobs: bool = Field(True, description="ask the endpoint for log-probabilities (label-token confidence)")

    # -- the Batch API -------------------------------------------------------------------------
    batch_api: bool = Field(
        False, description="run as an OpenAI Batch API job (half price, within 24 h); see `rulebook jobs`", json_schema_extra={"flags": ["--batch-api"]}
    )
    poll_interval: float = Field(30.0, ge=0.0, description="--batch-api: seconds between checks of a batch", json_schema_extra={"flags": ["--poll-interval"]})
    max_rounds: int = Field(
        DEFAULT_ROUNDS, ge=1, description="--batch-api: rounds at most (failed and unusable answers are submitted again)",
        json_schema_extra={"flags": ["--batch-rounds"]},
    )  # fmt: skip


DEFAULTS = PrelabelOptions()

# which function acts on which options (a keyword override outside its set is an error naming it)
ENGINE = ("batch_size", "concurrency", "rpm", "min_confidence", "gold", "shots", "cache", "logprobs", "offline")  # Prelabeler
ITEMS = ("text_field", "id_field")  # how records become items
FILE = ("fmt", "sheet", "header_row", "resume", "dry_run", "progress")  # run_job: a data file into an output file
BATCH_API = ("batch_api", "poll_interval", "max_rounds")
BATCH_JOB = ("fmt", "resume", *ITEMS, "sheet", "header_row", "batch_size", "min_confidence", "gold", "cache", "poll_interval", "max_rounds")


def default(name: str) -> Any:
    """The default of option `name` (for function signatures: `concurrency: int = default("concurrency")`)."""
    return PrelabelOptions.model_fields[name].default


def bounds(name: str) -> tuple[float | None, float | None]:
    """(lowest, highest) allowed value of option `name` (ge or gt, le or lt); None: unbounded."""
    return _bound(name, "ge", "gt"), _bound(name, "le", "lt")


def _bound(name: str, *kinds: str) -> float | None:
    for rule in PrelabelOptions.model_fields[name].metadata:
        for kind in kinds:
            value = getattr(rule, kind, None)
            if value is not None:
                return value
    return None


def help_text(name: str) -> str:
    return PrelabelOptions.model_fields[name].description or ""


def extra(name: str) -> dict[str, Any]:
    value = PrelabelOptions.model_fields[name].json_schema_extra
    return dict(value) if isinstance(value, dict) else {}


class OptionError(InputError, TypeError):
    """A keyword option the model does not have, or that the function called does not use (a TypeError too,
    as Python raises for an unexpected keyword argument)."""


def check(**values: Any) -> PrelabelOptions:
    """Options validated against the model; a bad one raises InputError naming the option, in one line."""
    unknown = sorted(set(values) - set(PrelabelOptions.model_fields))
    if unknown:
        raise OptionError(_unknown(unknown[0], PrelabelOptions.model_fields))
    try:
        return PrelabelOptions(**values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "options"
        raise InputError(Message("error.options.bad_value", option=where, reason=str(first["msg"]), value=repr(first.get("input")))) from None


def _unknown(name: str, known: Iterable[str], where: str = "") -> Message:
    near = difflib.get_close_matches(name, list(known), n=1)
    if near:
        return Message("error.options.unknown_option_near", where=where, name=name, near=near[0])
    return Message("error.options.unknown_option", where=where, name=name, known=", ".join(sorted(known)))


def resolve(options: PrelabelOptions | None, overrides: Mapping[str, Any], *, uses: Iterable[str] = (), where: str = "") -> PrelabelOptions:
    """`options` (default: every option's default) with the keyword `overrides` applied and checked.

    An override the model lacks, or one not in `uses` (the options the caller acts on) when given, is an
    OptionError naming it; a value outside the model's bounds an InputError naming the option.
    """
    if options is not None and not isinstance(options, PrelabelOptions):
        raise OptionError(Message("error.options.not_options", where=where, kind=type(options).__name__))
    allowed = set(uses) or set(PrelabelOptions.model_fields)
    for name in overrides:
        if name not in PrelabelOptions.model_fields:
            raise OptionError(_unknown(name, allowed, where))
        if name not in allowed:
            raise OptionError(Message("error.options.does_not_apply", where=where, name=name, allowed=", ".join(sorted(allowed))))
    if not overrides:
        return options if options is not None else PrelabelOptions()
    return check(**{**(dict(options) if options is not None else {}), **overrides})


F = TypeVar("F", bound=Callable[..., Any])


def takes_options(*names: str) -> Callable[[F], F]:
    """Show the options a function acts on in its signature (help(), IDEs), with the model's defaults.

    The function itself takes `options: PrelabelOptions | None` and `**overrides`; its `__signature__`
    lists `names` as keyword-only parameters after its own, generated from the model, never retyped.
    """
    unknown = set(names) - set(PrelabelOptions.model_fields)
    if unknown:
        raise ValueError(f"not options of PrelabelOptions: {sorted(unknown)}")

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        own = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        listed = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default(name), annotation=PrelabelOptions.model_fields[name].annotation)
            for name in names if name not in signature.parameters
        ]  # fmt: skip
        function.__signature__ = signature.replace(parameters=[*own, *listed])  # type: ignore[attr-defined]
        function.__options__ = names  # type: ignore[attr-defined]
        return function

    return decorate
