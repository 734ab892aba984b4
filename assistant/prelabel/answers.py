"""The structured answer a model returns for a batch of items, and the normalisation of its labels."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

from pydantic import BaseModel, Field, field_validator

from assistant.core.models import ABSTAIN, Rulebook
from assistant.rulebook.grounding import label_key


_ABSTAIN_WORDS = {"abstain", "abstained", "abstention", "弃权", "存疑", "无法判断", "不确定"}
_LABEL_TRIM = " \t\"'`「」『』“”‘’[]()（）《》<>.。:："


# =============================================================================================
# The structured answer
# =============================================================================================
class ItemAnswer(BaseModel):
    """The model's answer for one item."""

    id: str
    label: str = ""
    confidence: float = Field(default=0.5, description="probability 0-1 that the label is right")
    rationale: str = ""
    rule: str = ""

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @field_validator("label", "rationale", "rule", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, list):  # a label given as a one-element list
            return str(value[0]) if len(value) == 1 else json.dumps(value, ensure_ascii=False)
        return value

    @field_validator("confidence", mode="before")
    @classmethod
    def _probability(cls, value: Any) -> Any:
        """Lenient: "0.8", "80%", 80 and None are understood; the result is clamped to [0, 1]."""
        if value is None or value == "":
            return 0.5
        if isinstance(value, str):
            text = value.strip()
            percent = text.endswith("%")
            try:
                value = float(text.rstrip("%").strip())
            except ValueError:
                return 0.5
            if percent:
                value /= 100
        if isinstance(value, (int, float)):
            value = float(value)
            if value != value:
                return 0.5
            if 1 < value <= 100:
                value /= 100
            return min(1.0, max(0.0, value))
        return value


class MultiItemAnswer(ItemAnswer):
    labels: list[str] = Field(default_factory=list)

    @field_validator("labels", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return [part for part in re.split(r"[|,;，；、]", value) if part.strip()]
        return value


class SpanAnswer(BaseModel):
    start: int | None = None
    end: int | None = None
    text: str = ""
    label: str = ""

    @field_validator("text", "label", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return "" if value is None else value


class SpanItemAnswer(ItemAnswer):
    spans: list[SpanAnswer] = Field(default_factory=list)


class BatchAnswer(BaseModel):
    """The answer to one request: one entry per item id."""

    items: list[ItemAnswer]


class MultiBatchAnswer(BaseModel):
    items: list[MultiItemAnswer]


class SpanBatchAnswer(BaseModel):
    items: list[SpanItemAnswer]


ANSWER_MODELS: dict[str, type[BaseModel]] = {"single": BatchAnswer, "multi": MultiBatchAnswer, "spans": SpanBatchAnswer}


# =============================================================================================
# Labels
# =============================================================================================
class LabelSet:
    """Normalises answers to the rulebook's labels: case, width, spacing, quotes and aliases."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.names = rulebook.label_names
        self.order = {name: index for index, name in enumerate(self.names)}
        self._lookup: dict[str, str] = {}
        for label in rulebook.labels:
            self._add(label.name, label.name)
        for label in rulebook.labels:
            for alias in label.aliases:
                self._add(alias, label.name)

    def _add(self, text: str, name: str) -> None:
        key = self._key(text)
        self._lookup.setdefault(key, name)
        self._lookup.setdefault(re.sub(r"[\s_-]+", "", key), name)

    @staticmethod
    def _key(text: str) -> str:
        return re.sub(r"\s+", " ", label_key(text).strip(_LABEL_TRIM)).strip()

    def normalize(self, raw: Any) -> str | None:
        """The rulebook label `raw` means, ABSTAIN, or None when it matches nothing."""
        if raw is None:
            return None
        key = self._key(str(raw))
        if not key:
            return None
        if key == ABSTAIN:
            return ABSTAIN
        found = self._lookup.get(key) or self._lookup.get(re.sub(r"[\s_-]+", "", key))
        if found is None and key in _ABSTAIN_WORDS:
            return ABSTAIN
        return found

    def listing(self) -> str:
        return json.dumps(self.names, ensure_ascii=False)

    def sort(self, names: Iterable[str]) -> list[str]:
        return sorted(dict.fromkeys(names), key=lambda name: self.order.get(name, len(self.order)))
