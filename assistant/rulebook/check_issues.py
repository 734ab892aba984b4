"""The findings of `rulebook check`: the stable issue codes with their severities, an issue, the report.

`check` and `consistency` both make issues here, so neither imports the other's internals.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr

from assistant.core.messages import Message

Severity = Literal["error", "warning"]

CODES: dict[str, Severity] = {
    "missing-definition": "error",
    "too-few-positives": "error",
    "too-few-negatives": "error",
    "unknown-label": "error",
    "shared-example": "error",
    "over-token-budget": "error",
    "reserved-label": "error",
    "overlapping-definitions": "warning",
    "undefined-term": "warning",
    "no-decision-procedure": "warning",
    "dangling-label": "error",
    "renamed-label-left": "error",
    "label-collision": "error",
    "unsupported-figure": "error",
}


class CheckIssue(BaseModel):
    severity: Severity
    code: str = Field(description="stable slug, e.g. missing-definition")
    label: str | None = Field(default=None, description="the label the issue is about, if any")
    message: str = Field(description="the finding in English (the JSON output keeps it)")
    _message: Message | None = PrivateAttr(default=None)

    def text(self, language: str = "en") -> str:
        """The finding in `language` (any language with a catalogue; English for a missing text)."""
        return self._message.render(language) if self._message is not None else self.message


class CheckReport(BaseModel):
    title: str = ""
    version: int | None = None
    token_count: int | None = None
    token_budget: int | None = None
    issues: list[CheckIssue] = Field(default_factory=list)

    @property
    def errors(self) -> list[CheckIssue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def warnings(self) -> list[CheckIssue]:
        return [issue for issue in self.issues if issue.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed): `rulebook check` exits 0 exactly when this is true."""
        return not self.errors

    def codes(self) -> list[str]:
        return [issue.code for issue in self.issues]


def make_issue(code: str, message: Message, label: str | None = None, severity: Severity | None = None) -> CheckIssue:
    """An issue with its stable code, its severity (the code's unless given) and its message (kept to render in any language)."""
    issue = CheckIssue(severity=severity or CODES[code], code=code, label=label, message=message.render("en"))
    issue._message = message
    return issue
