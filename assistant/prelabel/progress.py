"""The progress bar of a pre-labelling run (rich, on stderr)."""

from __future__ import annotations

import sys
from typing import Any


# =============================================================================================
# Progress
# =============================================================================================
class _ProgressBar:
    """A rich progress bar on stderr (items, rate, elapsed, ETA); a no-op when disabled."""

    def __init__(self, total: int, enabled: bool | None, description: str = "pre-labeling") -> None:
        if enabled is None:
            enabled = total >= 100 and sys.stderr.isatty()
        self.enabled = bool(enabled) and total > 0
        self.total = total
        self.description = description
        self._progress: Any = None
        self._task = None

    def __enter__(self) -> "_ProgressBar":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                ProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.text import Text

            class RateColumn(ProgressColumn):
                def render(self, task: Any) -> Text:
                    speed = task.finished_speed or task.speed
                    return Text(f"{speed:,.1f} items/s" if speed else "– items/s")

            self._progress = Progress(
                TextColumn(self.description),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total)
        return self

    def advance(self, count: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, count)

    def __exit__(self, *exc: Any) -> None:
        if self._progress is not None:
            self._progress.stop()
