"""Codemod: turn calls that carry two texts, English and Chinese, into catalogue ids.

For every call `t(<str>, <str>, **values)` in ui/ and app.py (and the other pair helpers in PAIR_CALLS,
e.g. `_say(language, <str>, <str>, **values)` in rulebook_edit.py), the English and Chinese texts go into
assistant/core/locales/en.yaml and zh.yaml under an id named after the file and the English words
(an existing id with the same two texts in the same file is reused), and the two texts are replaced
by the id: `t("<id>", **values)`. Re-runnable: calls already converted are left alone, so run it again
after new `t(en, zh)` calls were merged:

    .venv/bin/python tools/extract_messages.py            # rewrite ui/ + app.py, update catalogues
    .venv/bin/python tools/extract_messages.py --check    # exit 1 if any t(en, zh) call is left
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "assistant" / "core" / "locales"
MAX_WORDS = 6
# (files or folders, function name, position of the English text, id prefix or None for "ui.<file>")
PAIR_CALLS = [
    (["ui", "app.py"], "t", 0, None),
    (["assistant/service/rulebook_edit.py"], "_say", 1, "edit"),
]


def load(language: str) -> dict[str, str]:
    path = LOCALES / f"{language}.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def dump(language: str, catalogue: dict[str, str]) -> None:
    text = yaml.safe_dump(
        dict(sorted(catalogue.items())), allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False
    )
    (LOCALES / f"{language}.yaml").write_text(text, encoding="utf-8")


def scope(path: Path, prefix: str | None) -> str:
    return prefix or "ui." + ("app" if path.name == "app.py" else path.stem)


def slug(english: str) -> str:
    words = re.findall(r"[a-z0-9]+", re.sub(r"\{[^}]*\}", " ", english.lower()))
    return "_".join(words[:MAX_WORDS]) or "text"


def source_files(sources: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in sources:
        path = ROOT / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else [])
    return files


def legacy_calls(tree: ast.AST, name: str = "t", position: int = 0) -> list[tuple[ast.expr, ast.expr]]:
    """(English, Chinese) argument nodes of every `name(...)` call that still carries two texts."""
    calls = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == name
            and len(node.args) == position + 2
            and all(isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args[position:])
        ):
            calls.append((node.args[position], node.args[position + 1]))
    return calls


def offsets(source: str) -> list[int]:
    starts, total = [], 0
    for line in source.splitlines(keepends=True):
        starts.append(total)
        total += len(line.encode("utf-8"))
    return starts


def message_id(prefix: str, english: str, chinese: str, en: dict[str, str], zh: dict[str, str]) -> str:
    for key, value in en.items():
        if key.startswith(prefix + ".") and value == english and zh.get(key) == chinese:
            return key
    base = f"{prefix}.{slug(english)}"
    candidate, number = base, 2
    while candidate in en:
        candidate, number = f"{base}_{number}", number + 1
    en[candidate], zh[candidate] = english, chinese
    return candidate


def convert(path: Path, name: str, position: int, prefix: str | None, en: dict[str, str], zh: dict[str, str]) -> int:
    source = path.read_text(encoding="utf-8")
    calls = legacy_calls(ast.parse(source), name, position)
    if not calls:
        return 0
    data = source.encode("utf-8")
    starts = offsets(source)
    edits = []
    for first, second in calls:
        english, chinese = first.value, second.value  # type: ignore[attr-defined]
        key = message_id(scope(path, prefix), english, chinese, en, zh)
        begin = starts[first.lineno - 1] + first.col_offset
        end = starts[second.end_lineno - 1] + second.end_col_offset
        quote = "'" if data[begin:begin + 1] == b"'" else '"'  # inside an f-string, keep its other quote
        edits.append((begin, end, f"{quote}{key}{quote}".encode("utf-8")))
    for begin, end, replacement in sorted(edits, reverse=True):
        data = data[:begin] + replacement + data[end:]
    path.write_text(data.decode("utf-8"), encoding="utf-8")
    return len(edits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report t(en, zh) calls left; exit 1 if any")
    args = parser.parse_args(argv)
    if args.check:
        left = [
            f"{path.relative_to(ROOT)}:{first.lineno}"
            for sources, name, position, _ in PAIR_CALLS
            for path in source_files(sources)
            for first, _ in legacy_calls(ast.parse(path.read_text(encoding="utf-8")), name, position)
        ]
        print("\n".join(left) or "no call with two texts left")
        return 1 if left else 0
    en, zh = load("en"), load("zh")
    total = 0
    for sources, name, position, prefix in PAIR_CALLS:
        for path in source_files(sources):
            count = convert(path, name, position, prefix, en, zh)
            if count:
                print(f"{path.relative_to(ROOT)}: {count} {name}() call(s)")
                total += count
    dump("en", en)
    dump("zh", zh)
    print(f"{total} call(s) converted; catalogues: {len(en)} ids")
    return 0


if __name__ == "__main__":
    sys.exit(main())
