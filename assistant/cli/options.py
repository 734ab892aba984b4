"""Command-line options shared by several commands, declared once so they read and behave the same.

Only typer is imported here (``rulebook --help`` stays fast).
"""

from __future__ import annotations

import typer

# Which sheet and which header row of a spreadsheet (see assistant.integrations.spreadsheets.read_xlsx).
SHEET_OPTION = typer.Option(None, "--sheet", help="spreadsheet sheet (name or number; default: the first sheet with a table)")
HEADER_ROW_OPTION = typer.Option(None, "--header-row", min=1, help="spreadsheet row holding the column names (default: detected)")
