"""Shared fixtures for the evaluation tests: the sample rulebooks and small file writers."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from assistant.core.models import Rulebook

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "evaluation" / "samples"


@pytest.fixture(scope="session")
def complaints_rulebook() -> Rulebook:
    return Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def search_rulebook() -> Rulebook:
    return Rulebook.model_validate_json((DATA / "rulebook_search_en.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tiny_rulebook() -> Rulebook:
    """English nominal rulebook: positive, neutral, negative (in that order), alias pos, a few examples."""
    return Rulebook.model_validate(
        {
            "title": "Tiny",
            "language": "en",
            "task_definition": "Pick A, B or C.",
            "labels": [
                {
                    "name": "positive",
                    "definition": "The writer is pleased.",
                    "criteria": ["praise of the product or service"],
                    "aliases": ["pos"],
                    "examples": [
                        {"text": "love it, works great", "label": "positive", "polarity": "positive", "explanation": "praise"},
                        {
                            "text": "thanks, ok",
                            "label": "positive",
                            "polarity": "negative",
                            "explanation": "a closing formula, not praise",
                            "correct_label": "neutral",
                        },
                    ],
                },
                {
                    "name": "neutral",
                    "definition": "No clear feeling.",
                    "criteria": ["questions and facts"],
                    "examples": [
                        {"text": "when does it ship", "label": "neutral", "polarity": "positive", "explanation": "a question"}
                    ],
                },
                {
                    "name": "negative",
                    "definition": "The writer is unhappy.",
                    "criteria": ["complaints"],
                    "examples": [
                        {"text": "broken on arrival, awful", "label": "negative", "polarity": "positive", "explanation": "complaint"}
                    ],
                },
            ],
        }
    )


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, header: list[str], rows: list[list[Any]]) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, records: list[dict[str, Any]]) -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return path

    return write
