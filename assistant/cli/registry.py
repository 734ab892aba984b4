"""The table of `rulebook` commands, and the group that imports a command's module only when it runs.

`rulebook kb stats` imports `assistant.cli.kb` and what it imports, not the modules of the other
twenty-odd commands; `rulebook --help` imports none of them and lists every command from the table
below. Each command module imports what it needs at its top (our own modules and light libraries);
only the heavy third-party libraries named in `assistant.core.lazy.HEAVY` are imported on first use.

Adding a command: write it in a module of this package (a function, or a `typer.Typer` for a group),
add a line to `COMMANDS` in the place `rulebook --help` should list it, with the first line of its
help. `tests/test_cli_registry.py` checks that every line loads and that its help is the command's own.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from assistant.cli.guard import guard_app


@dataclass(frozen=True)
class Entry:
    """One top-level command: its name, the module and attribute that define it, its one-line help."""

    name: str
    module: str
    attribute: str
    help: str


_CLI = "assistant.cli."

# In the order `rulebook --help` lists them: single commands first, then the groups.
COMMANDS: tuple[Entry, ...] = (
    Entry("prelabel", _CLI + "prelabel", "prelabel_command",
          "Pre-label every item of a data file with the rulebook's labels (LLM, or offline without one)."),
    Entry("agree", _CLI + "agreement", "agree_command",
          "Agreement between annotators (and the model): figures, PASS/FAIL against the target, disagreements."),
    Entry("plan", _CLI + "train", "plan_command",
          "How much: person-hours, working days, finish date, cost, and whether the deadline holds "
          "(and what would make it hold)."),
    Entry("export-data", _CLI + "training_data", "export_data_command",
          "Write the final labels as fine-tuning data: OpenAI chat JSONL, id,text,label CSV, "
          "a Hugging Face datasets folder, Doccano JSONL."),
    Entry("import-rulebook", _CLI + "workbench", "import_rulebook_command",
          "Make a hand-edited rulebook JSON the project's next version; prints the diff and the check."),
    Entry("reopen", _CLI + "workbench", "reopen_command",
          "Reopen a delivered project so it can be edited again (it is read-only once delivered)."),
    Entry("app", _CLI + "workbench", "app_command",
          "Start the Streamlit app. Stopping this command (Ctrl-C, or SIGTERM to its pid) stops the server "
          "and frees the port."),
    Entry("breakdown", _CLI + "breakdown", "breakdown",
          "Break a vague request down into 5W2H with ranked questions, saved as a new project."),
    Entry("answer", _CLI + "breakdown", "answer",
          "Apply the requester's answers; prints the new breakdown version (earlier versions are kept)."),
    Entry("draft", _CLI + "rulebook", "draft",
          "Draft the annotation rulebook from a breakdown, grounded in past projects; saved as a new version."),
    Entry("revise", _CLI + "rulebook", "revise",
          "Revise a rulebook: a new version with a readable diff against the previous one."),
    Entry("check", _CLI + "check", "check",
          "Lint a rulebook: undefined labels, too few examples, overlapping labels, unknown labels, "
          "undefined terms, token size. Exit 1 on errors."),
    Entry("export", _CLI + "rulebook", "export_command",
          "Export a rulebook as Markdown, JSON, Word or a Label Studio labeling config."),
    Entry("versions", _CLI + "rulebook", "versions",
          "A project's rulebook versions with their change notes, and who saved each "
          "(and who submitted, answered, delivered)."),
    Entry("restore", _CLI + "rulebook", "restore",
          "Make an earlier rulebook version current again (saved as a new version)."),
    Entry("accept", _CLI + "rulebook", "accept",
          "Accept a rule suggestion from a recorded agreement round: its edits become a new rulebook version."),
    Entry("deliver", _CLI + "delivery", "deliver",
          "Deliver a project: record its final rulebook, agreement and lessons, and add it to the knowledge base."),
    Entry("doctor", _CLI + "housekeeping", "doctor",
          "Show the LLM (or offline engine), embedder, knowledge base and database in use; "
          "check the endpoint answers."),
    Entry("demo", _CLI + "demo", "demo",
          "The main job on the embedded defaults: the whole pipeline on a bundled sample request and data."),
    Entry("kb", _CLI + "kb", "kb_app", "The knowledge base of past projects (rules and examples)."),
    Entry("projects", _CLI + "projects", "projects_app", "Projects: requests and every version made from them."),
    Entry("jobs", _CLI + "jobs", "jobs_app", "Batch API pre-labeling jobs: status, resume after the process stopped, cancel."),
    Entry("qa", _CLI + "agreement", "qa_app", "QA by sampling: how many items to review, and whether a batch passes."),
    Entry("batches", _CLI + "batches", "batches_app", "Production batches: quality over time, drift and flags."),
    Entry("train", _CLI + "train", "train_app", "Annotator training: pack, qualification quiz, scoring."),
    Entry("accounts", _CLI + "accounts", "accounts_app",
          "Accounts of the app: sign-in names, roles (product_owner, trainer, admin), passwords."),
)

@cache
def load(entry: Entry) -> Any:
    """The click command of an entry: its module imported, its outputs guarded (see cli.guard)."""
    defined = getattr(importlib.import_module(entry.module), entry.attribute)
    holder = typer.Typer()
    if isinstance(defined, typer.Typer):
        holder.add_typer(defined, name=entry.name)
    else:
        holder.command(entry.name)(defined)
    guard_app(holder)
    return typer.main.get_group(holder).commands[entry.name]


class LazyGroup(TyperGroup):
    """A group that lists every command of its table and imports one only when it is invoked.

    While the group's help is written, a command not yet loaded stands in as its name and one-line help.
    The root `rulebook` group uses `COMMANDS`; a command group whose commands need modules of very
    different weight uses its own table (`lazy_group`), e.g. `projects list` apart from `projects show`.
    """

    table: tuple[Entry, ...] = COMMANDS
    _listing = False

    def _entry(self, name: str) -> Entry | None:
        return next((entry for entry in self.table if entry.name == name), None)

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(entry.name for entry in self.table if entry.name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        entry = self._entry(cmd_name) if command is None else None
        if entry is None:
            return command
        if self._listing:
            return TyperCommand(cmd_name, help=entry.help)
        return load(entry)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def lazy_group(table: tuple[Entry, ...]) -> type[LazyGroup]:
    """A `LazyGroup` class over `table`, for `typer.Typer(cls=lazy_group(...))` of a command group."""
    return type("LazyGroup", (LazyGroup,), {"table": table})
