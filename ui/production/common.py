"""What the production page's sections share."""

from __future__ import annotations


def pct(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"

