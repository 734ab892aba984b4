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

from assistant.core.messages import Items, Message
from assistant.core.models import Rulebook
from assistant.rulebook.check_issues import make_issue as _issue
from assistant.rulebook.grounding import label_key
from assistant.rulebook.label_mentions import figures_not_in, names_label
from assistant.rulebook.revise import parse_instruction

_QUOTED_AFTER_VERB = re.compile(
    r"(?:应标|改标|标为|标成|标注为|归为|归入|判为|算作|选)\s*[「“\"『]([^」”\"』\n]{1,20})[」”\"』]"
    r"|\b(?:label(?:ed|led)?|tag(?:ged)?|mark(?:ed)?)\s+(?:it\s+|them\s+|the item\s+)?as\s+[\"'“‘]([^\"'”’\n]{1,30})[\"'”’]",
    re.I,
)


def rule_texts(rulebook: Rulebook) -> Iterator[tuple[Message, str]]:
    """(where, text) for every piece of rule text annotators read (not the example texts: they are data)."""
    yield Message("check.rule_where.task_definition"), rulebook.task_definition
    for label in rulebook.labels:
        yield Message("check.rule_where.definition", label=label.name), label.definition
        for kind in ("criteria", "cues", "counter_cues"):
            for text in getattr(label, kind):
                yield Message(f"check.rule_where.{kind}", label=label.name), text
        for example in label.examples:
            yield Message("check.rule_where.example_explanation", label=label.name), example.explanation
    for number, step in enumerate(rulebook.decision_procedure, 1):
        yield Message("check.rule_where.decision_step", number=number), step
    for edge in rulebook.edge_cases:
        yield Message("check.rule_where.edge_case"), f"{edge.case} → {edge.resolution}"


def _own_names(rulebook: Rulebook) -> list[str]:
    return [name for label in rulebook.labels for name in [label.name, *label.aliases]]


def _masked(text: str, own: list[str]) -> str:
    text = re.sub(r"«[^»]*»", " ", text or "")  # the requester's quoted words
    for name in sorted(own, key=len, reverse=True):
        text = text.replace(name, " ") if re.search(r"[\u4e00-\u9fff]", name) else re.sub(
            rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])", " ", text, flags=re.I
        )
    return text


def retired_names(rulebook: Rulebook) -> dict[str, Message]:
    """Names the change log renamed, merged away or removed, with what became of each."""
    own = {label_key(name) for name in rulebook.label_names}  # a renamed label keeps its old name as an alias, but output uses the new one
    retired: dict[str, Message] = {}
    for entry in rulebook.changelog:
        for part in re.split(r"\s*;\s*", entry.change):
            try:
                edits = parse_instruction(part) or []
            except Exception:  # noqa: BLE001 - a change note that is not an instruction is just a note
                edits = []
            for edit in edits:
                if edit.op == "rename_label" and edit.label and edit.new_name:
                    retired[edit.label] = Message("check.fate.renamed", new=edit.new_name)
                elif edit.op == "merge_labels":
                    into = edit.into or (edit.labels[0] if edit.labels else "")
                    for name in edit.labels:
                        if name != into:
                            retired[name] = Message("check.fate.merged", new=into)
                elif edit.op == "remove_label" and edit.label:
                    retired[edit.label] = Message("check.fate.removed")
    return {name: fate for name, fate in retired.items() if label_key(name) not in own}


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
            issues.append(_issue("label-collision", Message(f"check.label_collision.{kind}", first=a.name, second=b.name), b.name))

    retired = retired_names(rulebook)
    reported: set[tuple[str, str]] = set()
    for where_message, text in rule_texts(rulebook):
        where = where_message.render("en")
        masked = _masked(text, own)
        names_only = _masked(text, rulebook.label_names)
        for name, fate in retired.items():
            if names_label(names_only, name) and (name, where) not in reported:
                reported.add((name, where))
                issues.append(_issue(
                    "renamed-label-left", Message("check.renamed_label_left", name=name, fate=fate, where=where_message), name
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
                    Message("check.dangling_label", where=where_message, name=name, labels=Items(rulebook.label_names, plain=True)),
                    name,
                ))

    sources = request if request is not None else rulebook.request
    if sources is not None and rulebook.purpose:
        stray = figures_not_in(rulebook.purpose, sources)
        if stray:
            issues.append(_issue("unsupported-figure", Message("check.unsupported_figure", figures=Items(stray, plain=True))))
    return issues
