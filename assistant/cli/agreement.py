"""CLI commands of the evaluation step, listed in `assistant.cli.registry`:
    rulebook agree --a A --b B [--c C ...]   (agree_command)
    rulebook qa sample / rulebook qa check   (qa_app)

The module is imported only when one of them runs. User mistakes raise :class:`assistant.core.errors.InputError` (the CLI prints one line).
Status lines go to stderr, results to stdout (so ``--json`` output is clean).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from assistant.cli.options import HEADER_ROW_OPTION, SHEET_OPTION
from assistant.cli.common import catalogue_language
from assistant.core.errors import InputError, RulebookError
from assistant.core.settings import get_settings
from assistant.core.messages import Items, Message, normalize, text
from assistant.core.text_table import text_table
from assistant.integrations.datafiles import read_records, write_records
from assistant.llm.factory import get_llm
from assistant.rulebook.export import load_rulebook
from assistant.service.agreement_report import write_report
from assistant.service.projects import record_agreement
from assistant.service.workspace import Workspace
from evaluation.agreement import RAW_AGREEMENT_BAND, metric_name
from evaluation.label_sources import parse_field_maps
from evaluation.qa import (
    REVIEW_COLUMNS,
    allocate,
    draw_sample,
    qa_check,
    sample_size,
    stratum_sizes,
)
from evaluation.report import to_json
from evaluation.suggestions import suggest_with_llm
from evaluation.trial import evaluate_files

__all__ = ["agree_command", "qa_app", "qa_check_command", "qa_sample_command"]

qa_app = typer.Typer(
    help="QA by sampling: how many items to review, and whether a batch passes.",
    no_args_is_help=True,
)


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _language(value: Optional[str], default: str) -> str:
    """--language: a language with a message catalogue (en, zh, or one added with RULEBOOK_LOCALES_DIR)."""
    if value is None:
        return default
    return catalogue_language(value)


def _metric_row(key: str, metric: Any, language: str, target_key: str) -> list[str]:
    """One metric as table cells: name, value, confidence interval, band (or why it is undefined)."""

    name = metric_name(key, language) + (" *" if key == target_key else "")
    if not metric.defined:
        return [name, text("cli.agree.undefined", language), "", metric.explanation]
    ci = f"[{metric.ci_low:.3f}–{metric.ci_high:.3f}]" if metric.ci_low is not None else ""
    # the band in English and in the reader's language (Chinese beside English)
    second = "zh" if normalize(language) == "en" else language
    if key.startswith("percent_agreement"):
        band_en, band_other = text(RAW_AGREEMENT_BAND, "en"), text(RAW_AGREEMENT_BAND, second)
    else:
        band_en, band_other = metric.band_text("en") or "", metric.band_text(second) or ""
    return [name, f"{metric.value:.3f}", ci, text("cli.agree.band", language, band_en=band_en, band_zh=band_other)]


def agree_command(
    a: Path = typer.Option(..., "--a", help="first label file: CSV, JSONL, JSON, XLSX, or pre-label output JSONL"),
    b: Optional[Path] = typer.Option(None, "--b", help="second label file (optional when --a has an 'annotator' column)"),
    c: list[Path] = typer.Option([], "--c", help="more label files, one per extra annotator (repeatable)"),
    rulebook: Optional[Path] = typer.Option(
        None, "--rulebook", help="rulebook JSON: checks labels, gives the ordinal order and the agreement target"
    ),
    label_field: str = typer.Option("label", "--label-field", help="column holding the label"),
    id_field: str = typer.Option("id", "--id-field", help="column holding the item id"),
    normalise: bool = typer.Option(
        False, "--normalise", "--normalize", help="map case/width/space variants and aliases to the rulebook label (reported)"
    ),
    as_json: bool = typer.Option(False, "--json", help="print the full report as JSON"),
    report: Optional[Path] = typer.Option(None, "--report", help="write a Markdown report here, with PNG charts beside it"),
    texts: Optional[Path] = typer.Option(None, "--texts", help="file with id and text columns, shown in the disagreement review"),
    reference: Optional[str] = typer.Option(None, "--reference", help="name of the reference set for per-label scores"),
    bootstrap: int = typer.Option(1000, "--bootstrap", help="bootstrap resamples for the CIs (0: none)"),
    seed: int = typer.Option(0, "--seed", help="random seed of the bootstrap"),
    language: Optional[str] = typer.Option(None, "--language", help="en or zh (default: the rulebook's language)"),
    project: Optional[str] = typer.Option(None, "--project", help="record this round's results in the project (used by `rulebook deliver`)"),
    round_name: Optional[str] = typer.Option(None, "--round", help="name of the round, e.g. 'trial 1' (with --project)"),
    field_map: list[str] = typer.Option(
        [], "--map", help="one file's own columns: FILE:id=序号,label=标注结果[,text=…,annotator=…,sheet=…,header=N] (repeatable)"
    ),
    sheet: Optional[str] = SHEET_OPTION,
    header_row: Optional[int] = HEADER_ROW_OPTION,
) -> None:
    """Agreement between annotators (and the model): figures, PASS/FAIL against the target, disagreements."""

    book = load_rulebook(rulebook) if rulebook is not None else None
    files = [a, *([b] if b is not None else []), *c]
    settings = get_settings()
    try:
        # The agreement report never depends on the optional LLM step: it is computed (with the
        # offline suggestions) and written first; LLM suggestions replace those only if they succeed.
        trial = evaluate_files(
            files, book, label_field=label_field, id_field=id_field, texts_path=texts,
            reference=reference, bootstrap=bootstrap, seed=seed, normalise=normalise, llm=None,
            field_maps=parse_field_maps(field_map), sheet=sheet, header_row=header_row,
        )
    except InputError as error:
        if str(error).startswith("only one label set"):
            raise InputError(Message("error.agreement.one_label_set", path=str(a), error=error.message if error.message is not None else str(error))) from error
        raise
    lang = _language(language, trial.report.language)

    for note in trial.notes_in(lang):
        _say(text("cli.agree.read", lang, note=note))
    files_written: dict[str, str] = {}
    if report is not None:
        files_written = write_report(trial, report, language=lang)
    suggestions_note = None
    llm = get_llm(settings) if book is not None and trial.review.groups else None
    if llm is not None and book is not None:
        try:
            trial.suggestions = suggest_with_llm(trial.review, book, llm)
        except RulebookError as error:
            suggestions_note = f"LLM rule suggestions failed, the offline ones are shown: {error}"
            _say(f"note: {suggestions_note}")
        else:
            if report is not None:
                files_written = write_report(trial, report, language=lang)
    result, review, suggestions = trial.report, trial.review, trial.suggestions

    if as_json:
        data = to_json(result, review, suggestions)
        data["files"] = files_written
        data["comparisons"] = trial.comparisons
        data["read"] = trial.notes
        if suggestions_note:
            data["suggestions_note"] = suggestions_note
        _print_json(data)
    else:
        typer.echo(result.verdict.verdict_text(lang))
        for note in result.verdict.notes_text(lang):
            typer.echo(f"  {note}")
        roles = []
        for name in result.sets:
            tag = text("cli.agree.role.reference", lang) if name == result.reference else ""
            tag += text("cli.agree.role.model", lang) if name in result.model_sets else ""
            roles.append(name + tag)
        typer.echo(text(
            "cli.agree.sets", lang, roles=Items(roles, plain=True), items=result.n_items, complete=result.n_complete,
            missing=result.missing_share,
        ))
        metric_rows = [_metric_row(key, metric, lang, result.verdict.metric) for key, metric in result.metrics.items()]
        if metric_rows:
            typer.echo(text_table(metric_rows, justify="lr"))
        for note in result.notes_text(lang):
            typer.echo("  " + text("cli.agree.note", lang, note=note))
        if trial.comparisons:
            typer.echo(text("cli.agree.one_by_one", lang))
        for row in trial.comparisons:
            share = "—" if row["share"] is None else f"{row['share']:.1%}"
            typer.echo("  " + text("cli.agree.comparison", lang, one=row["set"], other=row["against"], agree=row["agree"],
                                   n=row["n"], share=share))
        messages = result.problems.messages(lang)
        if messages:
            typer.echo(text("cli.agree.data_problems", lang))
            for message in messages:
                typer.echo(f"  - {message}")
        if review.groups:
            typer.echo(text("cli.agree.top_disagreements", lang, count=review.n_disagreements))
            for number, group in enumerate(review.groups[:5], 1):
                ids = ", ".join(item.id for item in group.items[:8]) + (" …" if group.count > 8 else "")
                typer.echo(f"  {number}. {group.pair[0]} ↔ {group.pair[1]}: {group.count} ({ids})")
        if suggestions:
            typer.echo(text("cli.agree.suggestions", lang))
        for number, suggestion in enumerate(suggestions, 1):
            typer.echo(f"  {number}. {suggestion.message}")
            for edit in suggestion.proposed_edits:
                typer.echo(f"     · {edit}")
        if any(suggestion.edits for suggestion in suggestions):
            typer.echo(text("cli.agree.accept_hint", lang))
    if files_written:
        _say("wrote " + ", ".join(files_written.values()))
    if project:
        saved = record_agreement(Workspace(), project, trial.to_json(), round_name=round_name)
        _say(f"recorded as {saved} of project {project}")


@qa_app.command("sample")
def qa_sample_command(
    input: Path = typer.Option(..., "--input", help="the labeled batch: CSV, JSONL, JSON or XLSX"),
    out: Path = typer.Option(..., "--out", help="where to write the sample (CSV, JSONL, JSON or XLSX)"),
    margin: float = typer.Option(0.03, "--margin", help="margin of error, e.g. 0.03 for ±3%"),
    confidence: float = typer.Option(0.95, "--confidence", help="confidence level, e.g. 0.95"),
    stratify: Optional[str] = typer.Option(None, "--stratify", help="label or annotator: proportional allocation"),
    seed: int = typer.Option(0, "--seed", help="random seed (same seed, same sample)"),
    size: Optional[int] = typer.Option(None, "--size", help="sample exactly this many instead of computing the size"),
    label_field: str = typer.Option("label", "--label-field", help="column holding the label"),
) -> None:
    """Draw a QA review sample: Cochran sample size with finite-population correction, optionally stratified."""

    if stratify is not None and stratify not in ("label", "annotator"):
        raise InputError(Message("error.agreement.bad_stratify", stratify=stratify))
    if out.resolve() == input.resolve():
        raise InputError(Message("error.agreement.out_is_input", out=str(out)))
    records = read_records(input)
    population = len(records)
    if size is not None:
        if size < 1:
            raise InputError(Message("error.agreement.bad_size", size=size))
        n = min(size, population)
        how = "as given with --size"
    else:
        n = sample_size(population, margin=margin, confidence=confidence)
        how = f"±{margin:.1%} at {confidence:.0%} confidence; Cochran with finite-population correction"
    sample = draw_sample(records, n, stratify, seed, label_field=label_field)  # type: ignore[arg-type]
    for record in sample:
        for column in REVIEW_COLUMNS:
            record.setdefault(column, "")
    write_records(out, sample)
    typer.echo(f"population: {population} records in {input}")
    typer.echo(f"sample size: {len(sample)} ({how})")
    if stratify is not None:
        alloc = allocate(stratum_sizes(records, stratify, label_field=label_field), n)  # type: ignore[arg-type]
        typer.echo(f"stratified by {stratify}: " + ", ".join(f"{k} {v}" for k, v in alloc.items()))
        empty = [k for k, v in alloc.items() if v == 0]
        if empty:
            typer.echo(f"  note: {len(empty)} stratum/strata got no item (the sample is smaller than the number of strata)")
    typer.echo(f"wrote {out} (seed {seed})")
    _say(f"next: fill in 'correct' (yes/no) or 'reviewed_label' in {out}, then run `rulebook qa check --sample {out}`")


@qa_app.command("check")
def qa_check_command(
    sample: Path = typer.Option(..., "--sample", help="the reviewed sample (CSV, JSONL, JSON or XLSX)"),
    threshold: Optional[float] = typer.Option(
        None, "--threshold", help="accuracy the batch must reach (default: the rulebook's acceptance_accuracy, else 0.95)"
    ),
    rulebook: Optional[Path] = typer.Option(None, "--rulebook", help="rulebook JSON, for its acceptance_accuracy"),
    as_json: bool = typer.Option(False, "--json", help="print the result as JSON"),
    label_field: str = typer.Option("label", "--label-field", help="column holding the label under review"),
    reviewed_field: str = typer.Option("correct", "--reviewed-field", help="column with yes/no (true/false, 1/0, 对/错)"),
    gold_field: Optional[str] = typer.Option(
        None, "--gold-field", help="column with the reviewer's label (default: reviewed_label or gold when present)"
    ),
    confidence: float = typer.Option(0.95, "--confidence", help="confidence level of the Wilson CI"),
    language: str = typer.Option("en", "--language", help="en or zh"),
) -> None:
    """Accept or reject a batch from its reviewed QA sample (exit code 1 when rejected)."""

    lang = _language(language, "en")
    if threshold is None:
        threshold = load_rulebook(rulebook).quality.acceptance_accuracy if rulebook is not None else 0.95
    records = read_records(sample)
    result = qa_check(
        records,
        threshold,
        label_field=label_field,
        reviewed_field=reviewed_field,
        gold_field=gold_field,
        confidence=confidence,
        source=str(sample),
    )
    if as_json:
        _print_json(result.model_dump(mode="json"))
    else:
        typer.echo(result.verdict_text(lang))
        for note in result.notes_text(lang):
            typer.echo(f"  {note}")
        titles = (text("cli.qa.per_annotator", lang), text("cli.qa.per_label", lang))
        for title, groups in zip(titles, (result.per_annotator, result.per_label)):
            if groups:
                typer.echo(title)
                rows = []
                for g in groups:
                    acc = "—" if g.accuracy is None else f"{g.accuracy:.3f}"
                    ci = "" if g.ci_low is None else f"[{g.ci_low:.3f}–{g.ci_high:.3f}]"
                    rows.append([g.name, acc, f"({g.correct}/{g.n})", ci])
                typer.echo(text_table(rows, justify="lrr"))
        if result.wrong:
            shown = ", ".join(
                (w.id or "?") + (f" ({w.label}→{w.reviewed_label})" if w.reviewed_label else "") for w in result.wrong[:20]
            )
            typer.echo(text("cli.qa.wrong", lang, items=shown + (" …" if len(result.wrong) > 20 else "")))
    if not result.accepted:
        raise typer.Exit(1)
