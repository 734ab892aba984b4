"""The README and docs/ stay true: short README, links that resolve, commands that exist, a CLI
reference that lists every command and option, a configuration page that lists every setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from assistant.cli.main import app
from assistant.core.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
README_LIMIT = 18 * 1024  # bytes; the README teaches in about 15 KB

# Pages other helpers are writing at the same time; the README links to them before they land.
COMING = {
    "docs/batch-api.md",
    "docs/large-files.md",
    "docs/accounts.md",
    "docs/privacy.md",
    "docs/request-reading.md",
    "docs/install-and-performance.md",
}
COMMAND_GROUPS = {"kb", "projects", "qa", "batches", "train"}

FENCE = re.compile(r"^(```|~~~)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|!\[[^\]]*\]\(([^)\s]+)\)")


def markdown_files() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def split_code(text: str) -> tuple[list[str], list[str]]:
    """(prose lines, code-block lines) of a Markdown text."""
    prose, code, inside = [], [], False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            inside = not inside
            continue
        (code if inside else prose).append(line)
    return prose, code


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    prose, _ = split_code(path.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    result = set()
    for line in prose:
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not match:
            continue
        base = slug(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def registered_commands() -> dict[str, list[str]]:
    """'kb seed' -> its option strings, for every command the typer app registers."""
    commands: dict[str, list[str]] = {}

    def walk(command, path: list[str]) -> None:
        if hasattr(command, "list_commands"):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), [*path, name])
            return
        options = [opt for param in command.params if param.param_type_name == "option" for opt in param.opts + param.secondary_opts]
        commands[" ".join(path)] = [opt for opt in options if opt != "--help"]

    walk(typer.main.get_command(app), [])
    return commands


def mentioned_commands(lines: list[str]) -> set[str]:
    """`rulebook <command>` (and `rulebook <group> <command>`) as typed at a prompt in code lines."""
    found = set()
    for line in lines:
        # at the start of a command: the line's start (after a `$ ` prompt), after && ; | or .venv/bin/
        for match in re.finditer(r"(?:^\s*(?:\$\s+)?|(?:&&|;|\|)\s*|\.venv/bin/)rulebook ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?(?![\w-])", line):
            first, second = match.group(1), match.group(2)
            found.add(f"{first} {second}" if first in COMMAND_GROUPS and second else first)
    return found


def test_readme_is_short():
    size = len(README.read_bytes())
    assert size <= README_LIMIT, f"README.md is {size:,} bytes; keep it under {README_LIMIT:,} and move detail to docs/"


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(path: Path):
    prose, _ = split_code(path.read_text(encoding="utf-8"))
    broken = []
    for line in prose:
        for match in LINK.finditer(line):
            target = match.group(1) or match.group(2)
            if re.match(r"^[a-z]+:", target) or target.startswith("//"):
                continue  # http:, https:, mailto:
            file_part, _, anchor = target.partition("#")
            resolved = (path.parent / file_part).resolve() if file_part else path
            relative = resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else str(resolved)
            if not resolved.exists():
                if relative not in COMING:
                    broken.append(f"{target} (no file {relative})")
                continue
            if anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
                broken.append(f"{target} (no heading #{anchor} in {relative})")
    assert not broken, f"{path.relative_to(ROOT)}: broken links: {broken}"


def test_readme_commands_exist():
    commands = registered_commands()
    _, code = split_code(README.read_text(encoding="utf-8"))
    inline = re.findall(r"`([^`]+)`", "\n".join(split_code(README.read_text(encoding="utf-8"))[0]))
    mentioned = mentioned_commands(code + inline)
    assert {"kb seed", "breakdown", "draft", "prelabel", "agree", "deliver", "demo", "app"} <= mentioned
    unknown = sorted(mentioned - set(commands))
    assert not unknown, f"README.md mentions commands the CLI does not have: {unknown}"


def test_readme_setup_commands_are_the_ones_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    _, code = split_code(README.read_text(encoding="utf-8"))
    for command in ('python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/rulebook demo', ".venv/bin/python -m pytest -q"):
        assert command in code, f"README.md lost the set-up command {command!r}"
        assert command in ci, f".ci/run no longer runs the README's set-up command {command!r}"


def test_cli_reference_lists_every_command_and_option():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.M)
    by_command = {}
    for section in sections[1:]:
        match = re.match(r"`rulebook ([^`]+)`", section)
        if match:
            by_command[match.group(1)] = section
    missing = []
    for command, options in registered_commands().items():
        section = by_command.get(command)
        if section is None:
            missing.append(f"rulebook {command} (no section)")
            continue
        missing += [f"rulebook {command} {option}" for option in options if f"`{option}`" not in section]
    assert not missing, f"docs/cli.md is missing: {missing}"
    stale = sorted(set(by_command) - set(registered_commands()))
    assert not stale, f"docs/cli.md documents commands the CLI does not have: {stale}"


def test_configuration_page_lists_every_setting():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        env = alias.choices[0] if alias is not None and hasattr(alias, "choices") else f"RULEBOOK_{name.upper()}"
        if f"`{env}`" not in text:
            missing.append(env)
    assert not missing, f"docs/configuration.md does not document: {missing}"


def test_python_examples_import_what_exists():
    # every `from X import a, b` in a README or docs/ Python block names a module and names that exist,
    # so a module moved or split leaves no example that fails on the first line
    import ast
    import importlib

    broken = []
    for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"```python\n(.*?)```", text, flags=re.S):
            for line in block.splitlines():
                line = line.split("#")[0].rstrip()
                if not line.startswith("from ") or " import " not in line or line.endswith("("):
                    continue
                node = ast.parse(line).body[0]
                if not isinstance(node, ast.ImportFrom) or node.module is None:
                    continue
                try:
                    module = importlib.import_module(node.module)
                except ImportError as error:
                    broken.append(f"{path.name}: {line} ({error})")
                    continue
                missing = [a.name for a in node.names if not hasattr(module, a.name)]
                if missing:
                    try:  # a submodule is importable by name too
                        missing = [m for m in missing if importlib.util.find_spec(f"{node.module}.{m}") is None]
                    except ModuleNotFoundError:
                        pass
                if missing:
                    broken.append(f"{path.name}: {line} (no {missing})")
    assert not broken, "\n".join(broken)
