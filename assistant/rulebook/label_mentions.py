"""Where a text names a label or a figure: the light checks `check` and the draft share.

Kept apart from `rulebook.request` (which reads requests with the breakdown's readers) so that
`rulebook check` does not load the request readers to ask whether a rule names a label.
"""

from __future__ import annotations

import re

__all__ = ["figures_not_in", "mentions", "names_label", "specific"]


def figures_not_in(text: str, sources: str) -> list[str]:
    """Numbers in `text` (23%, 0.85, 12315) that `sources` never states."""
    have = {m.replace(",", "") for m in re.findall(r"\d[\d,]*(?:\.\d+)?", sources or "")}
    found = []
    for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text or ""):
        number = m.replace(",", "").rstrip(".")
        if number and number not in have and number not in found:
            found.append(number)
    return found


_ZH_LABEL_VERB = r"(?:标|标为|标成|标注为|标记为|归为|归入|归到|判为|判定为|算作|算|选|应标|改标|改为|视为|当作|即|属于|→|->|=>)"


_EN_LABEL_VERB = r"(?:label(?:ed|led)?|tag(?:ged)?|mark(?:ed)?|classif(?:y|ied)|choose|pick|select|use|→|->|=>)"


def specific(name: str) -> bool:
    """A label name unlikely to be a plain word of a sentence ("退货退款", "A_better", "near miss")."""
    if re.search(r"[\u4e00-\u9fff]", name):
        return len(name) >= 4
    return bool(re.search(r"[\s_/-]", name.strip()))


def names_label(text: str, name: str) -> bool:
    """`text` uses `name` as a label: quoted, after a labeling verb, or a name no sentence uses by chance."""
    if not mentions(text, name):
        return False
    if specific(name):
        return True
    escaped = re.escape(name)
    if re.search(r"[\u4e00-\u9fff]", name):
        # "属于投诉诉求" is a longer word, not the label 投诉; "标为正常即可" is the label
        after = r"(?![\u4e00-\u9fff])|(?=即|就|吧|了|的|也|都|便|或|和|与)"
        return re.search(rf"{_ZH_LABEL_VERB}\s*(?:[「“\"'『《]{escaped}[」”\"'』》]|{escaped}(?:{after}))|[「“\"'『《]{escaped}[」”\"'』》]", text) is not None
    return re.search(
        rf"\b{_EN_LABEL_VERB}\s+(?:(?:it|them|this|that|the item|these)\s+)?(?:as\s+)?[\"'“‘]?{escaped}(?![A-Za-z0-9_])|[\"'“‘]{escaped}[\"'”’]|(?<![A-Za-z0-9_.,]){escaped}\s+label",
        text,
        re.I,
    ) is not None


def mentions(text: str, name: str) -> bool:
    if not text or not name:
        return False
    if re.search(r"[\u4e00-\u9fff]", name):
        return name in text
    # a label "0" is not mentioned by "2010", nor "1" by "1.5"
    return re.search(rf"(?<![A-Za-z0-9_])(?<!\d[.,]){re.escape(name)}(?![A-Za-z0-9_]|[.,]\d)", text, re.I) is not None
