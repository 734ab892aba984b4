"""The pre-label page's option widgets, built from the fields of PrelabelOptions (assistant/prelabel/options.py).

Each widget's kind, default, bounds, step and choices come from the field; its label is the catalogue id
`ui.prelabel.option.<field>` and its help `prelabel.option.<field>` (the English text is the field's
description, the CLI's help; tests/test_prelabel_options.py keeps them equal), so both languages get help.
"""

from __future__ import annotations

import typing
from typing import Any, Callable

import streamlit as st

from assistant.prelabel.options import PrelabelOptions, bounds, extra
from ui.i18n import t

# the options the page offers, in this order (the rest keep the model's defaults)
APP_OPTIONS = ("min_confidence", "concurrency", "batch_size", "rpm", "cache")
KEY_PREFIX = "prelabel_"


def _kind(name: str) -> type:
    """The field's type without Optional (int, float, bool or str)."""
    annotation = PrelabelOptions.model_fields[name].annotation
    kinds = [kind for kind in typing.get_args(annotation) if kind is not type(None)] or [annotation]
    kind = kinds[0]
    return kind if isinstance(kind, type) else str


def option_widget(name: str, *, container: Any = st, highest: float | None = None) -> Any:
    """One widget for option `name` (key `prelabel_<name>`); returns its value. `highest` caps the model's bound."""
    field = PrelabelOptions.model_fields[name]
    more = extra(name)
    label, help_text = t(f"ui.prelabel.option.{name}"), t(f"prelabel.option.{name}")
    key = KEY_PREFIX + name
    kind = _kind(name)
    low, high = bounds(name)
    if highest is not None:
        high = highest if high is None else min(high, highest)
    default = field.default
    if kind is bool:
        return container.checkbox(label, value=bool(default), key=key, help=help_text)
    if "choices" in more:
        choices = list(more["choices"])
        return container.selectbox(label, choices, index=choices.index(default), key=key, help=help_text)
    if kind is float and low is not None and high is not None and default is not None:
        step = float(more.get("step", (high - low) / 20))
        return container.slider(label, float(low), float(high), float(default), step, key=key, help=help_text)
    if kind in (int, float):
        cast: Callable[[Any], Any] = int if kind is int else float
        low = more.get("cli_min", low)  # a strict bound (rpm > 0) as the smallest value a widget can take
        return container.number_input(
            label, min_value=None if low is None else cast(low), max_value=None if high is None else cast(high),
            value=None if default is None else cast(default), step=cast(more.get("step", 1)), key=key, help=help_text,
        )  # fmt: skip
    value = container.text_input(label, value=default or "", key=key, help=help_text)
    return value or default


def option_widgets(names: tuple[str, ...] = APP_OPTIONS, *, caps: dict[str, float] | None = None) -> PrelabelOptions:
    """The widgets of `names`, two to a row; their values as PrelabelOptions (the others at their defaults)."""
    caps = caps or {}
    values: dict[str, Any] = {}
    for start in range(0, len(names), 2):
        row = names[start : start + 2]
        for column, name in zip(st.columns(2), row):
            values[name] = option_widget(name, container=column, highest=caps.get(name))
    return PrelabelOptions(**values)
