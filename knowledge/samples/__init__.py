"""Bundled sample material for the demo: a request, items to label and human labels."""

from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent


def sample_path(*parts: str) -> Path:
    return SAMPLES_DIR.joinpath(*parts)
