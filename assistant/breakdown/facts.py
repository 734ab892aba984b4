"""The :class:`Fact` contract every extractor returns, and the helpers they share: clauses around a match, qualifiers (约, at least, ...), ranges, building and de-duplicating facts.

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal, Union

from pydantic import Field, StrictFloat, StrictInt, StrictStr, model_validator

from assistant.breakdown.numbers import _AR, _CN_CHARS, _rx
from assistant.core.models import Contract

FactKind = Literal[
    "volume",
    "deadline",
    "budget",
    "unit_price",
    "time_per_item",
    "target_agreement",
    "annotators",
    "overlap",
    "qa_rate",
    "language",
    "channel",
    "modality",
]
Qualifier = Literal["approx", "at_least", "more_than", "at_most", "less_than"]

_MONEY_KINDS = {"budget", "unit_price"}


class Fact(Contract):
    """One fact a request states, with the exact words it came from."""

    kind: FactKind
    value: Union[StrictInt, StrictFloat, StrictStr, dict[str, Any]]
    unit: str | None = Field(default=None, description="what a count counts, e.g. 'items', 'dialogues'")
    evidence: str = Field(min_length=1, description="exact substring of the request")
    start: int = Field(ge=0, description="offset of evidence in the request")
    end: int = Field(gt=0, description="end offset (exclusive) of evidence")
    raw: str | None = Field(default=None, description="deadlines: the phrase as written")
    relative: bool = Field(default=False, description="deadlines: resolved against today")
    qualifier: Qualifier | None = Field(default=None, description="hedge on the number, if stated")
    metric: str | None = Field(default=None, description="target_agreement: which measure")

    @model_validator(mode="after")
    def _consistent(self) -> "Fact":
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        if self.end - self.start != len(self.evidence):
            raise ValueError("evidence length does not match its offsets")
        if self.kind in _MONEY_KINDS:
            if not isinstance(self.value, dict) or not isinstance(self.value.get("amount"), float):
                raise ValueError(f"{self.kind} value must be {{'amount': float, 'currency': str | None}}")
        elif self.kind in {"volume", "annotators", "overlap"}:
            if not isinstance(self.value, int):
                raise ValueError(f"{self.kind} value must be an int")
        elif self.kind in {"qa_rate", "time_per_item", "target_agreement"}:
            if not isinstance(self.value, float):
                raise ValueError(f"{self.kind} value must be a float")
        elif not isinstance(self.value, str):
            raise ValueError(f"{self.kind} value must be a string")
        if self.kind == "deadline":
            date.fromisoformat(self.value)  # type: ignore[arg-type]
        return self

# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

_CLAUSE_BREAK = _rx.compile(r"[，,。；;！!？?\n]")
_SENTENCE_BREAK = _rx.compile(r"[。；;！!？?\n]|\.(?:\s|$)")


def _clause_before(text: str, start: int, limit: int = 20) -> str:
    """Text before `start` back to the last clause break, at most `limit` characters."""
    left = text[max(0, start - limit):start]
    parts = _CLAUSE_BREAK.split(left)
    return parts[-1]


def _sentence_around(text: str, start: int, end: int, limit: int = 60) -> str:
    left = text[max(0, start - limit):start]
    right = text[end:end + limit]
    left = _SENTENCE_BREAK.split(left)[-1]
    right = _SENTENCE_BREAK.split(right)[0]
    return left + text[start:end] + right


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _make(kind: str, value: Any, text: str, start: int, end: int, **extra: Any) -> Fact:
    start, end = _trim(text, start, end)
    evidence = text[start:end]
    if kind == "deadline":
        extra.setdefault("raw", evidence)
    return Fact(kind=kind, value=value, evidence=evidence, start=start, end=end, **extra)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """Drop facts of the same kind that overlap a longer (or earlier) one; order by position."""
    chosen: list[Fact] = []
    for fact in sorted(facts, key=lambda f: (-(f.end - f.start), f.start)):
        if any(f.kind == fact.kind and f.start < fact.end and fact.start < f.end for f in chosen):
            continue
        chosen.append(fact)
    return sorted(chosen, key=lambda f: (f.start, f.end))


_QUALIFIERS_BEFORE = [
    (r"不少于|不低于|至少|最少|起码|at\s+least|a\s+minimum\s+of|minimum\s+of|min\.?|no\s+less\s+than|no\s+fewer\s+than|≥|>=", "at_least"),
    (r"不超过|不高于|最多|至多|up\s+to|at\s+most|no\s+more\s+than|maximum\s+of|max\.?|≤|<=", "at_most"),
    (r"超过|多于|高于|大于|over|more\s+than|upwards\s+of|above|greater\s+than|higher\s+than|exceeding|(?<![-=])>", "more_than"),
    (r"fewer\s+than|less\s+than|under|below|低于|小于|<", "less_than"),
    (r"大约|大概|约莫|约|将近|接近|差不多|近|about|around|approximately|approx\.?|roughly|nearly|almost|close\s+to|some|~|≈|±", "approx"),
]
_QUALIFIERS_AFTER = [
    (r"及以上|或以上|以上|or\s+more|or\s+higher|or\s+better|or\s+above|at\s+least|minimum|\+", "at_least"),
    (r"以内|以下|之内|内|封顶|or\s+less|or\s+fewer|at\s+most|max(?:imum)?|tops|or\s+below", "at_most"),
    (r"多|余", "more_than"),
    (r"左右|上下|or\s+so|ish", "approx"),
]
_QUAL_BEFORE_RE = [(_rx.compile(rf"(?<![A-Za-z])(?:{p})\s*$", re.I), q) for p, q in _QUALIFIERS_BEFORE]
_QUAL_AFTER_RE = [(_rx.compile(rf"^\s*(?:{p})(?![A-Za-z])", re.I), q) for p, q in _QUALIFIERS_AFTER]


def _qualify(text: str, start: int, end: int, before: bool = True, after: bool = True) -> tuple[int, int, str | None]:
    """Widen [start, end) over an adjacent hedge ("约", "左右", "at least") and name it."""
    qualifier = None
    if before:
        left = text[max(0, start - 24):start]
        for regex, name in _QUAL_BEFORE_RE:
            m = regex.search(left)
            if m:
                # "最近30条" is "the latest 30", not "about 30"
                if name == "approx" and m.group(0).strip() == "近" and left[: m.start()].endswith(("最", "附")):
                    continue
                start = start - (len(left) - m.start())
                qualifier = name
                break
    if after:
        right = text[end:end + 12]
        for regex, name in _QUAL_AFTER_RE:
            m = regex.search(right)
            if not m:
                continue
            token = m.group(0).strip()
            following = right[m.end():]
            if len(token) == 1 and _rx.match(r"[\u4e00-\u9fff]", following) and not following.startswith(
                ("完成", "交付", "标完", "搞定")
            ):
                continue  # "内容", "多语种", "余额": not a hedge
            end = end + m.end()
            qualifier = qualifier or name
            break
    return start, end, qualifier


def _ends_with(pattern: str, text: str, flags: int = 0) -> re.Match[str] | None:
    return _rx.search(rf"(?:{pattern})\s*$", text, flags)


_RANGE_BEFORE = rf"(?:{_AR}|[{_CN_CHARS}]+)\s*(?:到|至|~|-|—|–|to)\s*$"
_RANGE_AFTER = rf"^\s*(?:到|至|~|-|—|–|to)\s*(?:{_AR}|[{_CN_CHARS}])"


def _is_range(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12):start]
    return bool(_rx.search(_RANGE_BEFORE, before, re.I)) or bool(_rx.match(_RANGE_AFTER, text[end:end + 12], re.I))




def _qualifier_in(fragment: str) -> str | None:
    for pattern, name in _QUALIFIERS_BEFORE:
        if _rx.search(rf"(?:{pattern})", fragment, re.I):
            return name
    return None


def _qualifier_after_in(fragment: str) -> str | None:
    """A hedge written after the number inside a match ("95%以上的准确率", "0.8 or higher kappa")."""
    for pattern, name in _QUALIFIERS_AFTER:
        if name == "more_than":
            continue  # a bare 多/余 inside a match is not a hedge
        if _rx.search(rf"^\s*(?:{pattern})", fragment, re.I):
            return name
    return None
