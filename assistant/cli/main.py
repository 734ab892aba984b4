"""`rulebook`: the command line. Thin: parse, call the pipeline, print.

This module is the typer app, the global options and the entry point. The commands live one module per
group beside it (kb, projects, breakdown, rulebook, check, delivery, housekeeping, and the steps' own:
prelabel, jobs, agreement, batches, train, training_data, workbench, accounts); `assistant.cli.registry`
lists them and imports only the module of the command that runs, so `rulebook --help` imports none.
"""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from assistant.cli.registry import LazyGroup
from assistant.core.actor import reset_actor, set_actor
from assistant.core.errors import InputError, RulebookError
from assistant.core.language import reader_language
from assistant.core.messages import Message, text
from assistant.core.secrets_mask import install, mask_text
from assistant.core.settings import get_settings, reset_settings
from assistant.llm.engine import engine_description

app = typer.Typer(
    cls=LazyGroup,
    help="Rulebook: turn vague annotation requests into precise labeling rulebooks, and measure how well they are followed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

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
            raise InputError(Message("error.main.bad_mask_pii", mask_pii=mask_pii))
        os.environ["RULEBOOK_MASK_PII"] = mask_pii.strip().lower()
        reset_settings()
    if acting_as is not None and acting_as.strip():
        token = set_actor(acting_as)
        ctx.call_on_close(lambda: reset_actor(token))
    if ctx.resilient_parsing or ctx.invoked_subcommand in _OWN_ENGINE_LINE or {"--help", "-h"} & set(sys.argv[1:]):
        return
    typer.echo(f"[{engine_description(get_settings(), reader_language())}]", err=True)  # on stderr: stdout stays clean for --json


def main() -> None:
    """Console entry point: typed errors become one clear line, never a traceback; the line is in the reader's
    language (RULEBOOK_LANGUAGE; English when the settings themselves are what failed)."""
    install()  # secrets are masked in logs and tracebacks too
    try:
        app()
    except RulebookError as error:
        language = reader_language()
        typer.echo(text("cli.error", language, error=mask_text(error.render(language))), err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo(text("cli.interrupted", reader_language()), err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
