"""`rulebook export-data PROJECT --labels FILE --out DIR`: the delivered, reviewed labels as training data."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from assistant.core.errors import InputError
from assistant.core.messages import Items, Message, text
from assistant.rulebook.export import load_rulebook
from assistant.service.projects import rulebook_version
from assistant.service.workspace import Workspace
from assistant.training.training_data import (
    final_labels,
    split_counts,
    write_training_data,
)
from evaluation.labels import read_texts

OUTPUT_NAMES = {"labels.csv", "doccano.jsonl", "openai_train.jsonl", "openai_validation.jsonl", "openai_test.jsonl"}


def export_data_command(
    project_id: Optional[str] = typer.Argument(None, help="the project whose latest rulebook gives the task and the labels"),
    labels: Path = typer.Option(..., "--labels", help="the delivered labels: CSV, JSONL, XLSX, a Label Studio export or Doccano JSONL"),
    out: Path = typer.Option(..., "--out", help="folder to write the training data into"),
    rulebook: Optional[Path] = typer.Option(None, "--rulebook", help="rulebook JSON (instead of a project's)"),
    formats: str = typer.Option("openai,csv,hf,doccano", "--format", help="any of openai, csv, hf, doccano (comma-separated)"),
    texts: Optional[Path] = typer.Option(None, "--texts", help="file with id and text columns, when the labels file has no text"),
    split: str = typer.Option("0.8,0.1,0.1", "--split", help="train,validation,test shares (stratified by label)"),
    seed: int = typer.Option(0, "--seed", help="random seed of the split"),
    label_field: str = typer.Option("label", "--label-field", help="column holding the label"),
    id_field: str = typer.Option("id", "--id-field", help="column holding the item id"),
) -> None:
    """Write the final labels as fine-tuning data: OpenAI chat JSONL, id,text,label CSV, a Hugging Face datasets folder, Doccano JSONL."""

    if (project_id is None) == (rulebook is None):
        raise InputError(Message("error.training_data.project_or_rulebook"))
    if rulebook is not None:
        book = load_rulebook(rulebook)
    else:
        assert project_id is not None  # one of the two, checked above
        book = rulebook_version(Workspace(), project_id)
    try:
        ratios = tuple(float(part) for part in split.split(","))
    except ValueError as error:
        raise InputError(Message("error.training_data.bad_split_option", split=split)) from error
    if len(ratios) != 3:
        raise InputError(Message("error.training_data.bad_split_option", split=split))
    text_map = None
    if texts is not None:
        text_map = read_texts(texts, id_field=id_field)
    resolved = out.resolve()
    for source in (labels, texts):
        if source is None:
            continue
        where = source.resolve()
        if where == resolved or (where.parent == resolved and where.name in OUTPUT_NAMES) or (resolved / "hf") in where.parents:
            raise InputError(Message("error.training_data.out_over_input", out=str(out), source=str(source)))
    final = final_labels(labels, book, label_field=label_field, id_field=id_field, texts=text_map)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    written = write_training_data(final, book, out, formats=chosen, ratios=ratios, seed=seed)  # type: ignore[arg-type]
    counts = split_counts(final, ratios, seed)  # type: ignore[arg-type]
    typer.echo(f"{len(final.examples)} labeled items from {labels} (rulebook v{book.version}, {len(book.labels)} labels)")
    for name, counter in counts.items():
        typer.echo(f"  {name:<10} {sum(counter.values()):>5}  " + ", ".join(f"{label} {n}" for label, n in sorted(counter.items())))
    for reason, ids in final.left_out.items():
        shown = ", ".join(ids[:10]) + (f", … (+{len(ids) - 10})" if len(ids) > 10 else "")
        typer.echo(f"  left out, {reason}: {len(ids)} ({shown})")
    for fmt, paths in written.items():
        typer.echo(text("cli.training_data.wrote", None, fmt=fmt, paths=Items(paths, plain=True)))
