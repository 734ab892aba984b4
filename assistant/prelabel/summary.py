"""What a run will cost (Plan), what it did (RunStats) and the summary of a job (JobSummary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core.messages import Items, Message, from_dict, text
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
    pii_masking: str = ""  # "on (why)" / "off (why)" (assistant.llm.pii), in English
    pii_masking_ref: dict[str, Any] = field(default_factory=dict)  # the same as a message reference (shown in any language)
    pii_counts: dict[str, int] = field(default_factory=dict)  # personal values in the items and examples sent, by kind
    pii_prefix_counts: dict[str, int] = field(default_factory=dict)  # in the rulebook prefix of every request

    @property
    def prompt_tokens_per_item(self) -> float:
        return self.prompt_tokens / self.to_label if self.to_label else 0.0

    def describe(self, language: str | None = "en") -> str:
        """The plan in `language` (the CLI: the rulebook's language)."""
        lines = [
            text(
                "prelabel.plan.items", language, items=self.items, errors=self.input_errors, resumed=self.resumed,
                cached=self.cached, to_label=self.to_label,
            )
        ]
        if self.engine == "offline":
            lines.append(text("prelabel.plan.offline", language))
        else:
            lines += [
                text("prelabel.plan.requests", language, requests=self.requests, batch_size=self.batch_size, prefix=self.prefix_tokens),
                text("prelabel.plan.prompt_tokens", language, tokens=self.prompt_tokens, per_item=self.prompt_tokens_per_item),
                text("prelabel.plan.completion_tokens", language, tokens=self.completion_tokens),
                text("prelabel.plan.cost", language, cost=self.cost),
            ]
            if self.pii_masking:
                state: str | Message = from_dict(self.pii_masking_ref) if self.pii_masking_ref else self.pii_masking
                on = self.pii_masking.startswith("on")
                lines.append(describe_counts(state, self.pii_counts, self.pii_prefix_counts, language, on=on))
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        shown = {key: value for key, value in self.__dict__.items() if key != "pii_masking_ref"}
        return {**shown, "prompt_tokens_per_item": round(self.prompt_tokens_per_item, 1)}


def _masking_line(llm: Any, state: Any) -> Message:
    """The masking state of the LLM that would be used: the settings' reason, unless the LLM was built otherwise."""
    on = getattr(llm, "pii", None) is not None
    why = state.why if state.on == on else Message("pii.reason.given_llm")
    return Message("pii.state.on" if on else "pii.state.off", reason=why)


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

    def describe(self, language: str | None = "en") -> str:
        """What the job did, in `language` (the CLI: the rulebook's language)."""
        if self.dry_run and self.plan is not None:
            return text("prelabel.summary.dry_run", language) + "\n" + self.plan.describe(language)
        counts = Items((text("prelabel.summary.count", language, status=text(f"prelabel.status.{status}", language), count=self.counts.get(status, 0)) for status in STATUSES), plain=True)
        lines = [text("prelabel.summary.items", language, total=self.total, counts=counts, seconds=self.elapsed)]
        extra = []
        if self.resumed:
            extra.append(text("prelabel.summary.resumed", language, count=self.resumed))
        if self.cached:
            extra.append(text("prelabel.summary.cached", language, count=self.cached))
        if self.input_errors:
            extra.append(text("prelabel.summary.input_errors", language, count=self.input_errors))
        if extra:
            lines.append(text("list.part_separator", language).join(extra))
        if self.engine == "llm":
            lines.append(
                text(
                    "prelabel.summary.tokens", language, requests=self.requests, prompt=self.prompt_tokens,
                    completion=self.completion_tokens, cost=self.cost,
                )
            )
            if self.estimated_tokens:
                lines.append(text("prelabel.summary.estimated", language, tokens=self.estimated_tokens, abandoned=self.abandoned))
        if self.journal and self.journal != self.output:
            lines.append(text("prelabel.summary.output_records", language, output=self.output, journal=self.journal))
        else:
            lines.append(text("prelabel.summary.output", language, output=self.output))
        if self.counts.get("error"):
            lines.append(text("prelabel.summary.retry_errors", language))
        return "\n".join(lines)
