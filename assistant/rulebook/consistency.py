"""`check` rules that hold a rulebook to its own label set and to the request it was drafted for.

| code | severity | what |
| --- | --- | --- |
| dangling-label | error | the rule text uses as a label a name that is not in the label set (a past project's label, or a name quoted after 标为 / "label as") |
| renamed-label-left | error | a name retired by a rename, merge or removal (see the change log) is still used in the rule text |
| label-collision | error | two labels differ only in width or case (全角/半角, upper/lower), so annotators and models cannot tell them apart |
| unsupported-figure | error | the purpose states a figure (23%, 0.85, 1.7) that neither the request nor the answers state |

"Uses as a label" means: quoted (「X」, "X"), after a labeling verb (标为, 归为, label as, →), or a
name specific enough (4+ Chinese characters, several English words) that no sentence uses it by
chance. Plain words that happen to be some past project's label ("投诉", "other") are not reported.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import combinations
from typing import Iterable, Iterator

from assistant.core.models import Rulebook
from assistant.rulebook.draft import label_key
from assistant.rulebook.request import figures_not_in, names_label

CODES = {
    "dangling-label": "error",
    "renamed-label-left": "error",
    "label-collision": "error",
    "unsupported-figure": "error",
}

_QUOTED_AFTER_VERB = re.compile(
    r"(?:应标|改标|标为|标成|标注为|归为|归入|判为|算作|选)\s*[「“\"『]([^」”\"』\n]{1,20})[」”\"』]"
    r"|\b(?:label(?:ed|led)?|tag(?:ged)?|mark(?:ed)?)\s+(?:it\s+|them\s+|the item\s+)?as\s+[\"'“‘]([^\"'”’\n]{1,30})[\"'”’]",
    re.I,
)


def rule_texts(rulebook: Rulebook) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of rule text annotators read (not the example texts: they are data)."""
    yield "task definition", rulebook.task_definition
    for label in rulebook.labels:
        yield f"definition of '{label.name}'", label.definition
        for kind in ("criteria", "cues", "counter_cues"):
            for text in getattr(label, kind):
                yield f"{kind.replace('_', '-')} of '{label.name}'", text
        for example in label.examples:
            yield f"an example explanation of '{label.name}'", example.explanation
    for number, step in enumerate(rulebook.decision_procedure, 1):
        yield f"decision step {number}", step
    for edge in rulebook.edge_cases:
        yield "an edge case", f"{edge.case} → {edge.resolution}"


def _own_names(rulebook: Rulebook) -> list[str]:
    return [name for label in rulebook.labels for name in [label.name, *label.aliases]]


def _masked(text: str, own: list[str]) -> str:
    text = re.sub(r"«[^»]*»", " ", text or "")  # the requester's quoted words
    for name in sorted(own, key=len, reverse=True):
        text = text.replace(name, " ") if re.search(r"[\u4e00-\u9fff]", name) else re.sub(
            rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])", " ", text, flags=re.I
        )
    return text


def retired_names(rulebook: Rulebook) -> dict[str, str]:
    """Names the change log renamed, merged away or removed, with what became of each."""
    from assistant.rulebook.revise import parse_instruction

    own = {label_key(name) for name in rulebook.label_names}  # a renamed label keeps its old name as an alias, but output uses the new one
    retired: dict[str, str] = {}
    for entry in rulebook.changelog:
        for part in re.split(r"\s*;\s*", entry.change):
            try:
                edits = parse_instruction(part) or []
            except Exception:  # noqa: BLE001 - a change note that is not an instruction is just a note
                edits = []
            for edit in edits:
                if edit.op == "rename_label" and edit.label and edit.new_name:
                    retired[edit.label] = f"renamed to '{edit.new_name}'"
                elif edit.op == "merge_labels":
                    into = edit.into or (edit.labels[0] if edit.labels else "")
                    for name in edit.labels:
                        if name != into:
                            retired[name] = f"merged into '{into}'"
                elif edit.op == "remove_label" and edit.label:
                    retired[edit.label] = "removed"
    return {name: fate for name, fate in retired.items() if label_key(name) not in own}


def _issue(code: str, en: str, zh: str, label: str | None = None):  # -> CheckIssue
    from assistant.rulebook.check import _issue as make

    return make(code, en, zh, label, severity=CODES[code])  # type: ignore[arg-type]


def consistency_issues(
    rulebook: Rulebook, *, request: str | None = None, known_labels: Iterable[str] = ()
) -> list:
    """The issues of this module. `request` is the request plus answers (defaults to the rulebook's own copy);
    `known_labels` are other label names to look for (e.g. every past project's labels)."""
    issues = []
    own = _own_names(rulebook)
    own_keys = {label_key(name) for name in own}

    for a, b in combinations(rulebook.labels, 2):
        if a.name != b.name and label_key(a.name) == label_key(b.name):
            kind = "width" if unicodedata.normalize("NFKC", a.name) != a.name or unicodedata.normalize("NFKC", b.name) != b.name else "case"
            issues.append(_issue(
                "label-collision",
                f"labels '{a.name}' and '{b.name}' differ only in {kind}; annotators and models cannot tell them apart — merge or rename one",
                f"标签「{a.name}」与「{b.name}」只差{'全角/半角' if kind == 'width' else '大小写'}，标注员和模型无法区分；请合并或改名",
                b.name,
            ))

    retired = retired_names(rulebook)
    reported: set[tuple[str, str]] = set()
    for where, text in rule_texts(rulebook):
        masked = _masked(text, own)
        names_only = _masked(text, rulebook.label_names)
        for name, fate in retired.items():
            if names_label(names_only, name) and (name, where) not in reported:
                reported.add((name, where))
                issues.append(_issue(
                    "renamed-label-left",
                    f"'{name}' was {fate} but {where} still uses it; rewrite it with the current label names",
                    f"「{name}」已{fate.replace('renamed to', '改名为').replace('merged into', '合并进').replace('removed', '删除')}，但{where}仍在使用；请改用现有标签名",
                    name,
                ))
        candidates = {name for name in known_labels if label_key(name) not in own_keys and name not in retired}
        candidates |= {m.group(1) or m.group(2) for m in _QUOTED_AFTER_VERB.finditer(masked)}
        for name in sorted(candidates):
            name = (name or "").strip()
            if not name or label_key(name) in own_keys or name in retired or (name, where) in reported:
                continue
            if names_label(masked, name):
                reported.add((name, where))
                issues.append(_issue(
                    "dangling-label",
                    f"{where} uses '{name}' as a label, but the rulebook has no such label (labels: {', '.join(rulebook.label_names)}); "
                    "rewrite it with this rulebook's labels or drop it",
                    f"{where}把「{name}」当作标签使用，但规则书没有这个标签（现有：{'、'.join(rulebook.label_names)}）；请改用本规则书的标签或删去",
                    name,
                ))

    sources = request if request is not None else rulebook.request
    if sources is not None and rulebook.purpose:
        stray = figures_not_in(rulebook.purpose, sources)
        if stray:
            issues.append(_issue(
                "unsupported-figure",
                f"the purpose states {', '.join(stray)}, which neither the request nor the answers state; "
                "a figure the requester never gave must not reach them — remove it or get it confirmed",
                f"目的中的数字 {'、'.join(stray)} 在需求和答复中都没有出现；需求方没给过的数字不能写进规则书，请删除或请需求方确认",
            ))
    return issues
