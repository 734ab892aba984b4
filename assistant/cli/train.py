"""CLI commands for annotator training (`rulebook train pack|quiz|score`) and the effort plan
(`rulebook plan`): `train_app` and `plan_command`, listed in `assistant.cli.registry` and imported
only when one of them runs.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, List, Optional

import typer

from assistant.core.errors import InputError
from assistant.core.messages import Message, text as message_text
from assistant.core.safe_paths import require_regular_target, safe_unique_name
from assistant.core.settings import get_settings
from assistant.integrations.datafiles import (
    atomic_writer,
    read_records,
    require_columns,
)
from assistant.integrations.label_studio_export import load_label_studio_file
from assistant.llm.factory import get_llm
from assistant.planning.plan import effort_plan, format_plan
from assistant.rulebook.export import load_rulebook
from assistant.service.projects import latest_breakdown
from assistant.service.workspace import Workspace
from assistant.training.materials import (
    export_answer_key,
    export_quiz,
    feedback_sheet,
    format_scores,
    make_quiz,
    quiz_format,
    score_quiz,
    training_pack,
    training_pack_docx,
)

train_app = typer.Typer(
    help="Annotator training: pack, qualification quiz, scoring.",
    no_args_is_help=True,
)

DURATION_COLUMNS = ("duration", "lead_time", "duration_seconds", "seconds", "time_spent")


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# ---------------------------------------------------------------------------------------------
# train pack
# ---------------------------------------------------------------------------------------------
@train_app.command("pack")
def pack(
    rulebook_path: Path = typer.Argument(..., metavar="RULEBOOK.json", help="the rulebook JSON file"),
    out: Optional[Path] = typer.Option(None, "--out", help="write the Markdown training pack here (stdout without it)"),
    docx: Optional[Path] = typer.Option(None, "--docx", help="also write it as a Word document"),
) -> None:
    """The training pack: the task, each label with its clearest and most confusable example, the decision procedure, edge cases, a cheat sheet."""

    rulebook = load_rulebook(rulebook_path)
    text = training_pack(rulebook)
    if out is None:
        typer.echo(text)
    else:
        with atomic_writer(out) as stream:
            stream.write(text)
        _say(message_text("cli.train.wrote_pack", None, path=out))
    if docx is not None:
        training_pack_docx(rulebook, docx)
        _say(message_text("cli.train.wrote_word_pack", None, path=docx))


# ---------------------------------------------------------------------------------------------
# train quiz
# ---------------------------------------------------------------------------------------------
def _default_key_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}_key.csv")


@train_app.command("quiz")
def quiz(
    rulebook_path: Path = typer.Argument(..., metavar="RULEBOOK.json", help="the rulebook JSON file"),
    out: Path = typer.Option(..., "--out", help="the sheet for annotators (no answers)"),
    answer_key: Optional[Path] = typer.Option(None, "--answer-key", help="where to write the answer key (default: OUT_key.csv beside --out)"),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv, xlsx or label-studio (default: from the --out suffix)"),
    size: int = typer.Option(20, "--size", min=1, help="number of items"),
    gold: Optional[Path] = typer.Option(None, "--gold", help="gold items (CSV/JSONL/XLSX with id, text, label)"),
    seed: int = typer.Option(0, "--seed", help="same seed, same quiz"),
) -> None:
    """A qualification quiz with known answers, balanced across labels and weighted toward confusable ones."""

    rulebook = load_rulebook(rulebook_path)
    kind = quiz_format(out, fmt)
    gold_records = None
    if gold is not None:
        gold_records = read_records(gold)
        require_columns(gold, gold_records, "text", "label")
    made = make_quiz(rulebook, gold=gold_records, size=size, seed=seed)
    key_path = answer_key or _default_key_path(out)
    if key_path.resolve() == out.resolve():
        raise InputError(Message("error.train.key_over_sheet", key_path=str(key_path)))
    export_quiz(made, out, kind)
    export_answer_key(made, key_path)
    counts = ", ".join(f"{label}: {count}" for label, count in made.label_counts.items())
    typer.echo(message_text("cli.train.wrote_quiz", None, count=len(made.items), kind=kind, path=out, key=key_path))
    typer.echo(message_text("cli.train.items_per_label", None, counts=counts))
    for note in made.notes:
        _say(message_text("cli.note", None, note=note))


# ---------------------------------------------------------------------------------------------
# train score
# ---------------------------------------------------------------------------------------------
@train_app.command("score")
def score(
    key: Path = typer.Option(..., "--key", help="the answer key written by `train quiz`"),
    answers: List[Path] = typer.Option(..., "--answers", help="answers (id, answer, annotator); repeat for one file per annotator (the file name is the annotator when there is no annotator column)"),
    threshold: float = typer.Option(0.8, "--threshold", min=0.0, max=1.0, help="pass mark (fraction of items right)"),
    rulebook_path: Optional[Path] = typer.Option(None, "--rulebook", help="the rulebook JSON (for feedback sheets: language and definitions)"),
    feedback_dir: Optional[Path] = typer.Option(None, "--feedback-dir", help="write one Markdown feedback sheet per annotator here"),
    as_json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
) -> None:
    """Score quiz answers: accuracy per annotator, errors per label, the rules each got wrong, pass/fail."""

    records: list[dict[str, Any]] = []
    for path in answers:
        rows = read_records(path)
        require_columns(path, rows, "id", "answer")
        for row in rows:
            if not str(row.get("annotator") or "").strip():
                row = {**row, "annotator": path.stem}
            records.append(row)
    scores = score_quiz(key, records, threshold=threshold)
    rulebook = load_rulebook(rulebook_path) if rulebook_path else None
    language = "zh" if rulebook is not None and str(rulebook.language).lower().startswith("zh") else "en"
    if as_json:
        _print_json(scores.model_dump(mode="json"))
    else:
        typer.echo(format_scores(scores, language))
    if feedback_dir is not None:
        llm = get_llm(get_settings())

        # one sheet per annotator: safe, capped, unique names ('a_b', 'a/b', 'a b' are three files);
        # every path is checked before the first sheet is written
        taken: set[str] = set()
        paths = [(result.annotator, feedback_dir / f"{safe_unique_name(result.annotator, taken)}.md") for result in scores.annotators]
        if feedback_dir.exists() and not feedback_dir.is_dir():
            raise InputError(Message("error.train.feedback_dir_is_file", feedback_dir=str(feedback_dir)))
        for _, path in paths:
            require_regular_target(path, "feedback sheet")
        sheets = [(path, feedback_sheet(scores, annotator, rulebook, llm=llm)) for annotator, path in paths]
        for path, text in sheets:
            with atomic_writer(path) as stream:
                stream.write(text)
        engine = message_text("cli.train.engine_llm" if llm is not None else "cli.train.engine_offline", None)
        _say(message_text("cli.train.wrote_feedback", None, count=len(sheets), path=feedback_dir, engine=engine))


# ---------------------------------------------------------------------------------------------
# plan
# ---------------------------------------------------------------------------------------------
def _number_cell(value: Any, path: Path, row: int, column: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError as error:
        raise InputError(Message("error.train.not_seconds", path=str(path), row=row, column=column, value=value)) from error


def read_trial_durations(path: Path) -> list[float]:
    """Seconds per labeled item from a trial file: a duration/lead_time column, or Label Studio annotations' lead_time."""

    imported = load_label_studio_file(path)
    if imported is not None:  # a Label Studio export (JSON, JSON_MIN or CSV): submitted annotations only
        durations: list[float] = [r["lead_time"] for r in imported.records if r.get("lead_time") is not None and r["lead_time"] > 0]
        if not durations:
            raise InputError(Message("error.train.no_lead_time", path=str(path)))
        return durations
    records = read_records(path)
    durations = []
    for number, record in enumerate(records, 1):
        column = next((c for c in DURATION_COLUMNS if c in record), None)
        if column is None:
            continue
        value = _number_cell(record[column], path, number, column)
        if value is not None:
            durations.append(value)
    if not durations:
        raise InputError(Message("error.train.no_durations", path=str(path), columns=list(DURATION_COLUMNS)))
    return durations


def plan_command(
    project_id: Optional[str] = typer.Argument(None, help="a project id: inputs not given as flags come from its latest breakdown"),
    volume: Optional[int] = typer.Option(None, "--volume", min=0, help="items to label"),
    seconds_per_item: Optional[float] = typer.Option(None, "--seconds-per-item", help="labeling seconds per item"),
    annotators: Optional[int] = typer.Option(None, "--annotators", min=1, help="annotators working in parallel"),
    hours_per_day: float = typer.Option(6.0, "--hours-per-day", help="productive labeling hours per person per day"),
    review_rate: Optional[float] = typer.Option(None, "--review-rate", min=0.0, max=1.0, help="share of items reviewed by QA (default: breakdown, else 0.1)"),
    review_seconds_per_item: Optional[float] = typer.Option(None, "--review-seconds-per-item", help="QA seconds per reviewed item (default: the labeling time)"),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="YYYY-MM-DD"),
    hourly_rate: Optional[float] = typer.Option(None, "--hourly-rate", min=0.0, help="cost per person-hour"),
    currency: Optional[str] = typer.Option(None, "--currency", help="e.g. CNY, USD"),
    prelabel_share: Optional[float] = typer.Option(None, "--prelabel-share", min=0.0, max=1.0, help="share of items whose pre-label is at/above the acceptance threshold"),
    prelabel_accuracy: Optional[float] = typer.Option(None, "--prelabel-accuracy", min=0.0, max=1.0, help="accuracy of those pre-labels in the trial"),
    accept_above: Optional[float] = typer.Option(None, "--accept-above", min=0.0, max=1.0, help="the confidence threshold the share and accuracy refer to"),
    trial: Optional[Path] = typer.Option(None, "--trial", help="trial labels with a duration/lead_time column (seconds): time per item = their median"),
    today: Optional[str] = typer.Option(None, "--today", help="plan from this date (YYYY-MM-DD; default today)"),
    language: Optional[str] = typer.Option(None, "--language", help="zh or en (default: the breakdown's language, else en)"),
    as_json: bool = typer.Option(False, "--json", help="print the plan as JSON"),
) -> None:
    """How much: person-hours, working days, finish date, cost, and whether the deadline holds (and what would make it hold)."""

    breakdown = None
    if project_id:
        breakdown = latest_breakdown(Workspace(), project_id)
    try:
        start = date.fromisoformat(today) if today else date.today()
    except ValueError as error:
        raise InputError(Message("error.train.bad_today", today=today)) from error
    durations = read_trial_durations(trial) if trial else None
    plan = effort_plan(
        breakdown,
        volume=volume,
        seconds_per_item=seconds_per_item,
        annotators=annotators,
        hours_per_day=hours_per_day,
        review_rate=review_rate,
        review_seconds_per_item=review_seconds_per_item,
        deadline=deadline,
        today=start,
        hourly_rate=hourly_rate,
        currency=currency,
        prelabel_share=prelabel_share,
        prelabel_accuracy=prelabel_accuracy,
        accept_prelabels_above=accept_above,
        trial_durations=durations,
    )
    if as_json:
        _print_json(plan.model_dump(mode="json"))
        return
    lang = language or (breakdown.language if breakdown is not None else "en")
    typer.echo(format_plan(plan, "zh" if str(lang).lower().startswith("zh") else "en"))
