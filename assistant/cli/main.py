"""`rulebook`: the command line. Thin: parse, call the pipeline, print.

This module is the typer app, the global callback and the registration of the command groups; each group
lives in its own module beside it (kb, projects, breakdown, rulebook, delivery, housekeeping, and the
steps' own: prelabel, jobs, agreement, batches, train, training_data, workbench, accounts).

Heavy libraries are imported inside the commands that use them, so
`rulebook --help` and `rulebook doctor` start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from assistant.cli.common import say as _say
from assistant.core.errors import InputError, RulebookError

app = typer.Typer(
    help="Rulebook: turn vague annotation requests into precise labeling rulebooks, and measure how well they are followed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register_commands() -> None:
    """Every command group, in the order `rulebook --help` lists them (light modules: heavy imports happen inside)."""
    from assistant.cli import breakdown, delivery, housekeeping, rulebook
    from assistant.cli.kb import kb_app
    from assistant.cli.projects import projects_app
    from assistant.cli.batches import batches_app
    from assistant.cli.agreement import agree_command, qa_app

    from assistant.cli.jobs import jobs_app
    from assistant.cli.accounts import accounts_app
    from assistant.cli.prelabel import prelabel_command
    from assistant.cli.train import plan_command, train_app
    from assistant.cli.training_data import export_data_command
    from assistant.cli.workbench import register as register_workbench

    app.add_typer(kb_app, name="kb")
    app.add_typer(projects_app, name="projects")
    app.command("prelabel")(prelabel_command)
    app.add_typer(jobs_app, name="jobs")
    app.command("agree")(agree_command)
    app.add_typer(qa_app, name="qa", help="QA by sampling: how many items to review, and whether a batch passes.")
    app.add_typer(batches_app, name="batches", help="Production batches: quality over time, drift and flags.")
    app.add_typer(train_app, name="train", help="Annotator training: pack, qualification quiz, scoring.")
    app.command("plan")(plan_command)
    app.command("export-data")(export_data_command)
    register_workbench(app)  # import-rulebook, reopen, app
    app.add_typer(accounts_app, name="accounts")
    breakdown.register(app)  # breakdown, answer
    rulebook.register(app)  # draft, revise, check, export, versions, restore, accept
    delivery.register(app)  # deliver
    housekeeping.register(app)  # doctor, demo


_register_commands()


def _announce_engine() -> None:
    from assistant.llm.factory import engine_description
    from assistant.core.settings import get_settings

    _say(f"[{engine_description(get_settings())}]")


# Commands that say which engine they use themselves (or have no use for one).
_OWN_ENGINE_LINE = {"doctor", "prelabel", "app", "accounts"}


@app.callback()
def _before_every_command(
    ctx: typer.Context,
    mask_pii: Optional[str] = typer.Option(
        None, "--mask-pii", help="auto|on|off: mask personal data before requests leave (default auto: on unless the endpoint is loopback)"
    ),
    acting_as: Optional[str] = typer.Option(
        None, "--as", envvar="RULEBOOK_USER", metavar="NAME",
        help="the name recorded with the versions this command saves (default: the operating-system user)",
    ),
) -> None:
    """Every command says plainly, on stderr, whether the LLM or the offline engine is in use."""
    if mask_pii is not None:
        if mask_pii.strip().lower() not in ("auto", "on", "off"):
            raise InputError(f"--mask-pii must be auto, on or off, got {mask_pii!r}")
        os.environ["RULEBOOK_MASK_PII"] = mask_pii.strip().lower()
        from assistant.core.settings import reset_settings

        reset_settings()
    if acting_as is not None and acting_as.strip():
        from assistant.core.actor import reset_actor, set_actor

        token = set_actor(acting_as)
        ctx.call_on_close(lambda: reset_actor(token))
    if ctx.resilient_parsing or ctx.invoked_subcommand in _OWN_ENGINE_LINE or {"--help", "-h"} & set(sys.argv[1:]):
        return
    _announce_engine()


def _guard_outputs() -> None:
    """Every command's outputs are checked against its inputs before it runs (see cli_guard)."""
    from assistant.cli.guard import guard_app

    guard_app(app)


_guard_outputs()


def main() -> None:
    """Console entry point: typed errors become one clear line, never a traceback."""
    from assistant.core.secrets_mask import install, mask_text

    install()  # secrets are masked in logs and tracebacks too
    try:
        app()
    except RulebookError as error:
        typer.echo(f"error: {mask_text(error)}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
