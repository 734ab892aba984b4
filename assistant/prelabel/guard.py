"""Checks around a pre-labeling job that keep it honest and bounded.

- a label named with a reserved status word (`abstain`, `error`, `弃权`...) is refused;
- a rulebook over its token budget is never sent to an LLM as it is: refused with the figure;
- two jobs writing one output: the second is refused (a lock file next to the output);
- a job whose records ended in error says how many and how to retry them, and exits non-zero.
The per-item size limit lives with the items (`assistant.prelabel.items`): an over-long item becomes an
error record before any request is made.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.messages import text as message_text
from assistant.core.reserved import reserved_names
from assistant.rulebook.prefix import measure

if TYPE_CHECKING:
    from assistant.core.models import Rulebook
    from assistant.core.settings import Settings


def _source(source: str | None) -> "str | Message":
    return Message("error.guard.the_rulebook") if source is None else source


def refuse_reserved_labels(rulebook: "Rulebook", source: str | None = None) -> None:
    reserved = reserved_names(rulebook.label_names)
    if reserved:
        names = ", ".join(repr(name) for name in reserved)
        raise InputError(Message("error.guard.reserved_label", source=_source(source), names=names))


def check_token_budget(rulebook: "Rulebook", settings: "Settings", engine: str, source: str | None = None) -> int:
    """Refuse to send a rulebook over its token budget to an LLM; returns its size in tokens."""

    tokens = measure(rulebook, settings).token_count or 0
    budget = settings.rulebook_token_budget
    if engine == "llm" and tokens > budget:
        raise InputError(Message("error.guard.over_token_budget", source=_source(source), tokens=tokens, budget=budget))
    return tokens


def check_job(rulebook: "Rulebook", labeler: Any, source: str | None = None) -> None:
    """Everything to refuse before a job starts (called by `prelabel.run_job`)."""
    refuse_reserved_labels(rulebook, source)
    check_token_budget(rulebook, labeler.settings, labeler.engine, source)


def lock_path(out: Path | str) -> Path:
    out = Path(out)
    return out.with_name(out.name + ".lock")


@contextmanager
def output_lock(out: Path | str) -> Iterator[Path]:
    """Hold `OUT.lock` while a job writes OUT; a second job on the same output is refused at once."""
    from filelock import FileLock, Timeout

    path = lock_path(out)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout as error:
        raise InputError(Message("error.guard.locked", out=str(out), path=str(path))) from error
    except OSError as error:
        raise InputError(Message("error.guard.cannot_lock", path=str(path), reason=str(error.strerror))) from error
    try:
        yield path
    finally:
        lock.release()
        path.unlink(missing_ok=True)


def error_summary(counts: dict[str, int], total: int, language: str | None = "en") -> str | None:
    """The line to print when records ended in error (the job then exits non-zero), in `language`."""
    errors = counts.get("error", 0)
    if not errors:
        return None
    return message_text("prelabel.error_summary", language, errors=errors, total=total)
