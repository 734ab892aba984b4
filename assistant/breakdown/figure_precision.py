"""How precise a Chinese "N多 / N余" figure is.

"八千多条", "六百余件", "两万多" name only an order of magnitude: the amount is a range (8000-8999) and stays vague,
with a question. "两千五百余条", "一万二千余条", "2600多个" give two or more significant figures: the 余/多 only
rounds a specific number, the way "三千来条" and "约八千条" do, so the figure is the stated amount, hedged.

"一万出头", "十万+条", "两千挂零" are a little over the figure: a range up to what "一万多" would cover (10000-19999).
"""

from __future__ import annotations

import re

__all__ = ["open_high", "specific_figure"]


def specific_figure(value: int) -> bool:
    """The figure has two or more significant digits (2500, 12000, 2600), not one (8000, 600, 20000)."""
    digits = str(abs(int(value))).rstrip("0")
    return len(digits) >= 2


# "一万出头", "十万+条", "两千挂零": a little over the figure, at most what "一万多" would be
_A_LITTLE_OVER = re.compile(r"[\u4e00-\u9fff][^\n]{0,4}(?:\+|＋)|(?:\+|＋)\s*[\u4e00-\u9fff]|出头|挂零|多一点")


def open_high(quote: str, low: int) -> dict[str, int]:
    """The upper bound of a Chinese "a little over N" ({"high": ...}), or nothing for other at-least forms ("至少", "800+")."""
    if not _A_LITTLE_OVER.search(quote) or low < 10:
        return {}
    digits = str(low)
    step = 10 ** (len(digits) - len(digits.rstrip("0"))) if digits.endswith("0") else 10
    return {"high": low + step - 1}
