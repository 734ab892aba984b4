"""Recording a batch in a project: read its files, compute its record, store it (artifact kind ``batch``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import InputError
from assistant.core.messages import Message
from evaluation import message_refs as refs
from evaluation.batch_compute import batch_record_from_records
from evaluation.batch_models import BATCH_KIND, BatchRecord
from assistant.core.models import Rulebook
from assistant.integrations.label_studio_export import load_batch_file, load_batch_records
from assistant.rulebook.export import load_rulebook

if TYPE_CHECKING:
    from assistant.core.models import Rulebook
    from assistant.service.workspace import Workspace

__all__ = ["MOVABLE_STATUSES", "project_batches", "record_batch"]

MOVABLE_STATUSES = ("rulebook", "trial")  # a recorded batch moves these projects to production


def _resolve_rulebook(ws: "Workspace", project_id: str, rulebook: "Rulebook | Path | str | None") -> "Rulebook | None":
    if isinstance(rulebook, Rulebook):
        return rulebook
    if rulebook is not None:

        return load_rulebook(Path(rulebook))
    rows = ws.store.artifacts(project_id, "rulebook")
    if not rows:
        return None
    try:
        return Rulebook.model_validate(rows[-1].payload)
    except Exception:  # noqa: BLE001 - a stored rulebook that no longer validates is simply not used
        return None


def _stored_batches(ws: "Workspace", project_id: str) -> list[BatchRecord]:
    out = []
    for row in ws.store.artifacts(project_id, BATCH_KIND):
        record = BatchRecord.model_validate(row.payload)
        out.append(record.model_copy(update={"version": row.version, "project_id": project_id}))
    return out


def project_batches(ws: "Workspace", project_id: str) -> list[BatchRecord]:
    """The project's batches in the order first recorded; a batch recorded again under the same name
    counts with its latest record (earlier records stay in the store)."""
    ws.store.project(project_id)  # an unknown id is reported as such
    latest: dict[str, BatchRecord] = {}
    for record in _stored_batches(ws, project_id):
        latest[record.name] = record  # dict keeps the first insertion position, the value is the latest
    return list(latest.values())


def record_batch(
    ws: "Workspace",
    project_id: str,
    labels_path: Path | str,
    *,
    name: str | None = None,
    reviewed_path: Path | str | None = None,
    prelabels_path: Path | str | None = None,
    rulebook: "Rulebook | Path | str | None" = None,
    label_field: str = "label",
    correct_field: str = "correct",
    id_field: str = "id",
    annotator_field: str = "annotator",
    threshold: float | None = None,
    confidence: float = 0.95,
) -> BatchRecord:
    """Read a production batch (and its reviewed sample and pre-labels), store its record, return it.

    ``rulebook`` (a Rulebook or a JSON path) names the rules broken; without it the project's latest
    rulebook is used, if any. The QA threshold is ``threshold``, else the rulebook's acceptance
    accuracy, else 0.95. The project moves to ``production`` when it was at ``rulebook`` or ``trial``.
    """

    project = ws.store.project(project_id)
    labels_path = Path(labels_path)
    rb = _resolve_rulebook(ws, project_id, rulebook)
    records, imported = load_batch_file(labels_path, label_names=rb.label_names if rb is not None else None)
    if imported is not None and not records:
        cancelled = Message("error.batch_store.cancelled", count=imported.n_cancelled) if imported.n_cancelled else ""
        raise InputError(Message("error.batch_store.no_annotation", path=str(labels_path), tasks=imported.n_tasks, cancelled=cancelled))
    reviewed = None
    if reviewed_path is not None:

        reviewed = load_batch_records(reviewed_path)
    prelabels = None
    prelabels_source = str(prelabels_path) if prelabels_path is not None else ""
    if prelabels_path is not None:
        pre_records, pre_import = load_batch_file(prelabels_path)
        prelabels = pre_import.predictions if pre_import is not None else pre_records
        if pre_import is not None and not prelabels:
            raise InputError(Message("error.batch_store.no_predictions", path=str(prelabels_path)))
    elif imported is not None and imported.predictions:
        prelabels = imported.predictions
        prelabels_source = f"{labels_path} (Label Studio predictions)"

    stored = _stored_batches(ws, project_id)
    taken = {record.name for record in stored}
    replaces = None
    if name is None or not name.strip():
        base = labels_path.stem
        name, k = base, len(stored) + 1
        while name in taken:
            name, k = f"{base} #{k}", k + 1
    else:
        name = name.strip()
        replaces = next((r for r in reversed(stored) if r.name == name), None)

    record = batch_record_from_records(
        records,
        name=name,
        source=str(labels_path),
        source_format="label-studio" if imported is not None else "table",
        reviewed=reviewed,
        reviewed_source=str(reviewed_path),
        prelabels=prelabels,
        prelabels_source=prelabels_source,
        rulebook=rb,
        label_field=label_field,
        correct_field=correct_field,
        id_field=id_field,
        annotator_field=annotator_field,
        threshold=threshold,
        confidence=confidence,
        n_cancelled=imported.n_cancelled if imported is not None else 0,
    )
    note_refs = list(record.note_refs)
    if imported is not None:
        # the import renders its own notes (label_studio.note.*): kept in every catalogue language
        note_refs = refs.dump_all(refs.rendered(imported.notes_in, len(imported.notes))) + note_refs
    if replaces is not None:
        note_refs.append(refs.dump(Message("batches.note.replaces", name=name, version=replaces.version)))
    record = BatchRecord.model_validate(
        {**record.model_dump(exclude={"notes", "legacy_zh"}), "project_id": project_id, "note_refs": note_refs}
    )
    row = ws.store.add_artifact(project_id, BATCH_KIND, record.model_dump(mode="json"), note=name)
    if project.status in MOVABLE_STATUSES:
        ws.store.set_status(project_id, "production")
    return record.model_copy(update={"version": row.version})

