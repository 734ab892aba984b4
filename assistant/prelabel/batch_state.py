"""Batch API jobs on disk: the job state, its folder, starting and cancelling a job.

A job is a folder `DATA_DIR/jobs/JOB_ID/` with `state.json` (written atomically after every step:
batch ids, uploaded file ids, rounds, the request → item-id map, counts, tokens), a copy of the
rulebook it runs with, and the request files of each round. `assistant.prelabel.batch_jobs` runs it.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from pydantic import BaseModel, Field

from assistant.llm.batch_api import BatchClient
from assistant.core.errors import InputError
from assistant.core.messages import Message, text
from assistant.prelabel.options import BATCH_JOB, PrelabelOptions, default, resolve, takes_options
from assistant.core.safe_paths import write_text
from assistant.llm.batch_api import TERMINAL, require_endpoint
from assistant.prelabel.constants import FORMATS

if TYPE_CHECKING:
    from assistant.core.models import Rulebook
    from assistant.core.settings import Settings



def say(message_id: str, language: str, /, **values: Any) -> str:
    """A status line in the rulebook's language (Chinese rulebooks get Chinese lines), from the catalogue."""
    return text(message_id, language, **values)


# =============================================================================================
# State
# =============================================================================================
class BatchPart(BaseModel):
    """One request file and the batch made from it."""

    file: str  # request file name inside the job folder
    requests: dict[str, list[str]]  # custom_id -> item ids
    # custom_id -> placeholder -> value of the personal data masked in that request (kept on this machine)
    masks: dict[str, dict[str, str]] = Field(default_factory=dict)
    input_file_id: Optional[str] = None
    batch_id: Optional[str] = None
    status: str = "prepared"  # prepared | uploaded | a batch status | collected
    total: int = 0
    completed: int = 0
    failed: int = 0
    batch_status: str = ""  # the batch's final status once collected


class Round(BaseModel):
    number: int
    parts: list[BatchPart] = Field(default_factory=list)

    @property
    def collected(self) -> bool:
        return all(part.status == "collected" for part in self.parts)


class JobState(BaseModel):
    id: str
    status: str = "running"  # running | completed | failed | cancelled
    created: float = Field(default_factory=time.time)
    updated: float = Field(default_factory=time.time)
    input: str
    out: str
    fmt: str = default("fmt")
    text_field: str = default("text_field")
    id_field: Optional[str] = None
    sheet: Optional[str] = None
    header_row: Optional[int] = None
    batch_size: Optional[int] = default("batch_size")
    min_confidence: float = default("min_confidence")
    gold: Optional[str] = None
    cache: bool = default("cache")
    max_rounds: int = default("max_rounds")
    keep_previous: bool = False  # `--resume`: keep the finished records already in the output
    output_started: bool = False  # the output was (re)started from the kept records
    poll_interval: float = default("poll_interval")
    language: str = "en"
    model: str = ""
    total: int = 0
    counts: dict[str, int] = Field(default_factory=dict)
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    problems: dict[str, str] = Field(default_factory=dict)  # item id -> why its last answer was not usable
    failures: dict[str, str] = Field(default_factory=dict)  # item id -> the error line of its last request
    rounds: list[Round] = Field(default_factory=list)
    message: str = ""

    @property
    def done(self) -> int:
        return sum(self.counts.get(status, 0) for status in ("labeled", "abstain"))

    def in_flight(self) -> list[BatchPart]:
        return [part for r in self.rounds for part in r.parts if part.batch_id and part.status != "collected"]

    def batch_ids(self) -> list[str]:
        return [part.batch_id for r in self.rounds for part in r.parts if part.batch_id]


def jobs_dir(settings: "Settings") -> Path:
    return Path(settings.data_dir) / "jobs"


def job_dir(settings: "Settings", job_id: str) -> Path:
    if not job_id or "/" in job_id or "\\" in job_id or job_id.startswith("."):
        raise InputError(Message("error.batch_state.not_a_job_id", job_id=job_id))
    return jobs_dir(settings) / job_id


def save(state: JobState, settings: "Settings") -> None:
    state.updated = time.time()
    write_text(job_dir(settings, state.id) / "state.json", state.model_dump_json(indent=1))


def load(settings: "Settings", job_id: str) -> JobState:
    path = job_dir(settings, job_id) / "state.json"
    if not path.is_file():
        raise InputError(Message("error.batch_state.no_such_job", job_id=job_id, folder=str(jobs_dir(settings))))
    try:
        return JobState.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise InputError(Message("error.batch_state.unreadable_state", path=str(path), reason=str(error).splitlines()[0])) from error


def list_jobs(settings: "Settings") -> list[JobState]:
    folder = jobs_dir(settings)
    states = []
    for path in sorted(folder.glob("*/state.json")) if folder.is_dir() else []:
        try:
            states.append(JobState.model_validate_json(path.read_text(encoding="utf-8")))
        except ValueError:
            continue
    return sorted(states, key=lambda state: state.created)


def new_job_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)


# =============================================================================================
# Starting, cancelling
# =============================================================================================
@takes_options(*BATCH_JOB)
def start_job(
    rulebook: "Rulebook",
    input_path: Path | str,
    out_path: Path | str,
    settings: "Settings",
    options: PrelabelOptions | None = None,
    **overrides: Any,
) -> JobState:
    """A new job's state and folder (nothing sent, the output untouched). When the job first runs, its
    output starts from the records kept by `resume` (like `prelabel --resume`), else empty.

    `options` (a PrelabelOptions) and keyword overrides of its fields configure the job."""

    options = resolve(options, overrides, uses=BATCH_JOB, where="start_job(): ")
    if options.gold is not None and not isinstance(options.gold, (str, Path)):
        raise InputError(Message("error.batch_state.gold_not_a_file"))
    require_endpoint(settings)
    if options.fmt not in FORMATS:
        raise InputError(Message("error.exports.unknown_format", fmt=options.fmt, formats=", ".join(FORMATS)))
    input_path, out_path = Path(input_path).resolve(), Path(out_path).resolve()
    if not input_path.is_file():
        raise InputError(Message("error.batch_state.no_such_file", path=str(input_path)))
    if out_path.is_dir():
        raise InputError(Message("error.job.output_is_directory", path=str(out_path)))
    if out_path == input_path:
        raise InputError(Message("error.job.output_overwrites_input", path=str(out_path)))
    kept = {name: getattr(options, name) for name in BATCH_JOB if name in JobState.model_fields and name != "gold"}
    state = JobState(
        id=new_job_id(), input=str(input_path), out=str(out_path), **kept,
        gold=str(Path(options.gold).resolve()) if options.gold else None,
        language="zh" if str(getattr(rulebook.language, "value", rulebook.language)) == "zh" else "en",
    )  # fmt: skip
    folder = job_dir(settings, state.id)

    write_text(folder / "rulebook.json", rulebook.model_dump_json(indent=1))
    state.keep_previous = options.resume
    save(state, settings)
    return state


def cancel_job(state: JobState, settings: "Settings", *, client: BatchClient | None = None) -> list[str]:
    """Ask the server to cancel every batch of the job still in flight; records the cancellation."""
    if state.status in ("completed", "failed"):
        raise InputError(Message("error.batch_state.nothing_to_cancel", job=state.id, status=str(state.status)))
    client = client or BatchClient(settings)
    cancelled = []

    for part in state.in_flight():
        assert part.batch_id is not None  # in_flight() keeps the submitted parts
        batch = client.retrieve(part.batch_id)
        if batch.get("status") not in TERMINAL:  # a batch that already ended cannot be cancelled; resume collects it
            batch = client.cancel(part.batch_id)
            cancelled.append(part.batch_id)
        part.status = str(batch.get("status") or "cancelling")
    state.status = "cancelled"
    state.message = f"cancelled by the user at {time.strftime('%Y-%m-%d %H:%M:%S')}"
    save(state, settings)
    return cancelled
