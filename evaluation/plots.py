"""PNG charts for the agreement report: a confusion heatmap and per-label score bars.

Rendering uses matplotlib's Agg canvas directly (no pyplot, no display, no
global figure state), so it is safe in the CLI, tests and the Streamlit app.
Chinese label names need a CJK font: the first installed one of
:data:`CJK_FONTS` is used. When none is installed the chart is still written,
and a :class:`CJKFontWarning` says the Chinese characters may show as boxes
and how to install a font (``apt-get install fonts-noto-cjk``).
Files are written atomically.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.integrations.datafiles import atomic_writer
from assistant.core.language import reader_language
from assistant.core.messages import text

if TYPE_CHECKING:
    from evaluation.metrics import ConfusionMatrix, LabelScores

__all__ = ["CJK_FONTS", "CJKFontWarning", "confusion_heatmap", "find_cjk_font", "per_label_bars"]

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Hiragino Sans GB",
    "Arial Unicode MS",
)

_CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\uac00-\ud7af]")


class CJKFontWarning(UserWarning):
    """No CJK font is installed: Chinese text in charts may render as boxes."""


_CJK_FAMILY = re.compile(r"CJK|Source Han|WenQuanYi|Droid Sans Fallback|UMing|UKai|SimSun|SimHei|YaHei|Hiragino")
_CJK_FILE = re.compile(r"cjk|sourcehan|wqy|wenquanyi|droidsansfallback|uming|ukai|simsun|simhei|msyh|pingfang|hiragino", re.I)


def _known_cjk_family(names: set[str]) -> str | None:
    for name in CJK_FONTS:
        if name in names:
            return name
    return next((name for name in sorted(names) if _CJK_FAMILY.search(name)), None)


@lru_cache(maxsize=1)
def find_cjk_font() -> str | None:
    """The family name of an installed CJK font, or None.

    Looks in matplotlib's font list first; when the font was installed after
    matplotlib built its cache, finds the font file on the system and
    registers it, so no cache needs deleting.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    found = _known_cjk_family({font.name for font in manager.ttflist})
    if found:
        return found
    try:
        files = [f for f in font_manager.findSystemFonts() if _CJK_FILE.search(Path(f).name.replace("-", ""))]
    except Exception:  # noqa: BLE001 - font discovery must never break a report
        return None
    for file in sorted(files, key=lambda f: ("sans" not in f.lower(), "bold" in f.lower(), f)):
        try:
            manager.addfont(file)
        except Exception:  # noqa: BLE001 - an unreadable font file is skipped
            continue
    return _known_cjk_family({font.name for font in manager.ttflist})


def _needs_cjk(texts: Sequence[str]) -> bool:
    return any(_CJK.search(t or "") for t in texts)


def _rc(texts: Sequence[str]) -> dict[Any, Any]:
    font = find_cjk_font()
    rc: dict[str, Any] = {"font.family": "sans-serif", "axes.unicode_minus": False}
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    elif _needs_cjk(texts):
        warnings.warn(
            text("chart.no_cjk_font", reader_language()),
            CJKFontWarning,
            stacklevel=3,
        )
    return rc


def _save(figure: Any, path: Path | str) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
        figure.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    path = Path(path)
    with atomic_writer(path, "wb") as stream:
        stream.write(buffer.getvalue())
    return path


def _text(label: Any) -> str:
    return str(label)


def confusion_heatmap(
    confusion: "ConfusionMatrix",
    path: Path | str,
    title: str,
    *,
    reference_name: str = "reference",
    compared_name: str = "compared",
) -> Path:
    """A heatmap of the confusion matrix (rows: reference, columns: compared), counts in each cell."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    labels = [_text(x) for x in confusion.labels]
    matrix = confusion.matrix
    k = max(len(labels), 1)
    with rc_context(_rc([title, reference_name, compared_name, *labels])):
        size = min(2.0 + 0.9 * k, 16.0)
        figure = Figure(figsize=(size + 1.5, size))
        ax = figure.add_subplot(1, 1, 1)
        data = matrix if labels else [[0]]
        image = ax.imshow(data, cmap="Blues", vmin=0)
        figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
        peak = max((max(row) for row in matrix if row), default=0)
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                ax.text(
                    j, i, str(value), ha="center", va="center",
                    color="white" if peak and value > peak / 2 else "black",
                    fontweight="bold" if i == j else "normal",
                )
        ax.set_xticks(range(len(labels)), labels, rotation=45 if k > 4 else 0, ha="right" if k > 4 else "center")
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel(compared_name)
        ax.set_ylabel(reference_name)
        ax.set_title(title)
        return _save(figure, path)


def per_label_bars(
    scores: Sequence["LabelScores"] | Mapping[str, float | None],
    path: Path | str,
    title: str,
    *,
    value_name: str = "agreement",
    language: str = "en",
) -> Path:
    """Grouped bars of precision/recall/F1 per label (LabelScores), or one bar per label (a mapping);
    the legend and axis words in `language` (catalogue ids agreement.chart.*)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    def words(key: str) -> str:
        return text(f"agreement.chart.{key}", language)

    if isinstance(scores, Mapping):
        labels = [_text(x) for x in scores]
        series = {value_name: [v if v is not None else 0.0 for v in scores.values()]}
    else:
        labels = [_text(s.label) for s in scores]
        series = {
            words("precision"): [s.precision for s in scores],
            words("recall"): [s.recall for s in scores],
            words("f1"): [s.f1 for s in scores],
        }
    k = max(len(labels), 1)
    with rc_context(_rc([title, *labels])):
        figure = Figure(figsize=(min(3.0 + 1.2 * k, 18.0), 4.2))
        ax = figure.add_subplot(1, 1, 1)
        width = 0.8 / len(series)
        for index, (name, values) in enumerate(series.items()):
            offsets = [x - 0.4 + width * (index + 0.5) for x in range(len(labels))]
            bars = ax.bar(offsets, values, width=width, label=name)
            ax.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=7, padding=1)
        ax.set_xticks(range(len(labels)), labels, rotation=30 if k > 5 else 0, ha="right" if k > 5 else "center")
        ax.set_ylim(0, 1.22)
        ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        ax.set_ylabel(words("score"))
        ax.set_title(title)
        if len(series) > 1:
            ax.legend(loc="upper center", ncol=len(series), fontsize=8, frameon=False)
        ax.grid(axis="y", alpha=0.3)
        return _save(figure, path)
