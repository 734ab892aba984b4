"""What a run will cost (Plan), what it did (RunStats) and the summary of a job (JobSummary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.prelabel.constants import STATUSES
from assistant.llm.pii import describe_counts


# =============================================================================================
# Plans and summaries
# =============================================================================================
@dataclass
class Plan:
    """What a run would do, without calling the LLM."""

    engine: str
    model: str | None
    items: int
    to_label: int
    input_errors: int = 0
    resumed: int = 0
    cached: int = 0
    batch_size: int | None = None
    requests: int = 0
    prefix_tokens: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    pii_masking: str = ""  # "on (why)" / "off (why)" (assistant.llm.pii)
    pii_counts: dict[str, int] = field(default_factory=dict)  # personal values in the items and examples sent, by kind
    pii_prefix_counts: dict[str, int] = field(default_factory=dict)  # in the rulebook prefix of every request

    @property
    def prompt_tokens_per_item(self) -> float:
        return self.prompt_tokens / self.to_label if self.to_label else 0.0

    def describe(self) -> str:
        lines = [
            f"items: {self.items} ({self.input_errors} input errors, {self.resumed} already done, "
            f"{self.cached} in the response cache) → {self.to_label} to label",
        ]
        if self.engine == "offline":
            lines.append("engine: offline — no requests, no cost")
        else:
            lines += [
                f"requests: {self.requests} (batch size {self.batch_size}; rulebook prefix {self.prefix_tokens:,} tokens)",
                f"prompt tokens: {self.prompt_tokens:,} ({self.prompt_tokens_per_item:,.0f} per item)",
                f"completion tokens (estimate): {self.completion_tokens:,}",
                f"estimated cost: ${self.cost:.4f} at the configured prices (before any provider prompt-cache discount)",
            ]
            if self.pii_masking:

                lines.append(describe_counts(self.pii_masking, self.pii_counts, self.pii_prefix_counts))
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "prompt_tokens_per_item": round(self.prompt_tokens_per_item, 1)}


def _masking_line(llm: Any, state: Any) -> str:
    """The masking state of the LLM that would be used: the settings' reason, unless the LLM was built otherwise."""
    on = getattr(llm, "pii", None) is not None
    return state.describe() if state.on == on else ("on" if on else "off") + " (as the given LLM was built)"


@dataclass
class RunStats:
    requests: int = 0  # HTTP requests sent, retries included
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: int = 0
    reasked: int = 0
    estimated_tokens: int = 0  # part of the tokens that is an estimate (requests given up on, no usage sent)
    abandoned: int = 0  # requests given up on (timeouts): the server may still have run (and billed) them
    notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if len(self.notes) < 200:
            self.notes.append(message)


@dataclass
class JobSummary:
    """What `run_job` did."""

    total: int
    counts: dict[str, int]
    output: Path | None
    journal: Path | None
    fmt: str
    engine: str
    model: str | None
    elapsed: float
    resumed: int = 0
    cached: int = 0
    input_errors: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    estimated_tokens: int = 0
    abandoned: int = 0
    batch_size: int | None = None
    dry_run: bool = False
    plan: Plan | None = None
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.dry_run and self.plan is not None:
            return "dry run (nothing sent, nothing written)\n" + self.plan.describe()
        counts = ", ".join(f"{status} {self.counts.get(status, 0)}" for status in STATUSES)
        lines = [f"{self.total} items: {counts} in {self.elapsed:.1f} s"]
        extra = []
        if self.resumed:
            extra.append(f"{self.resumed} kept from the previous run")
        if self.cached:
            extra.append(f"{self.cached} from the response cache")
        if self.input_errors:
            extra.append(f"{self.input_errors} input errors (empty text or duplicate id)")
        if extra:
            lines.append("; ".join(extra))
        if self.engine == "llm":
            lines.append(
                f"requests {self.requests}, tokens {self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion, "
                f"estimated cost ${self.cost:.4f}"
            )
            if self.estimated_tokens:
                lines.append(
                    f"of those tokens ~{self.estimated_tokens:,} are estimated: {self.abandoned} request(s) given up on "
                    "(the server may still run and bill them) or answers without usage figures"
                )
        lines.append(f"output: {self.output}" + (f" (records: {self.journal})" if self.journal and self.journal != self.output else ""))
        if self.counts.get("error"):
            lines.append("error records are retried by running again with --resume")
        return "\n".join(lines)
