"""Reading past-project files (YAML or JSON) and putting them into the knowledge base."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import yaml
from pydantic import ValidationError

from assistant.core.errors import InputError
from assistant.core.messages import Items, Message
from assistant.core.models import PastProject

if TYPE_CHECKING:
    from assistant.core.store import Store

    from knowledge.base import KnowledgeBase

SEED_DIR = Path(__file__).resolve().parent / "seed"
SUFFIXES = {".yaml", ".yml", ".json"}


def seed_files() -> list[Path]:
    return sorted(path for path in SEED_DIR.iterdir() if path.suffix in SUFFIXES)


def describe_validation_error(error: ValidationError) -> Message:
    """The first problems of a validation error (pydantic's own words), one part each."""
    parts: list[Message] = []
    for problem in error.errors()[:5]:
        location: str | Message = ".".join(str(part) for part in problem["loc"]) or Message("error.loader.top_level")
        parts.append(Message("error.loader.field", location=location, reason=str(problem["msg"])))
    more = len(error.errors()) - 5
    if more > 0:
        parts.append(Message("error.loader.more", count=more))
    return Message("error.loader.problems", parts=Items(parts, plain=True, separator="list.part_separator"))


def load_project_file(path: Path) -> PastProject:
    """Read and validate one past-project file; errors name the file and the field."""
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(Message("error.loader.not_a_project_file", path=str(path)))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(Message("error.loader.not_found", path=str(path))) from error
    except UnicodeDecodeError as error:
        raise InputError(Message("error.loader.not_utf8", path=str(path), byte=error.start)) from error
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise InputError(Message("error.loader.cannot_parse", path=str(path), reason=str(error))) from error
    if not isinstance(data, dict):
        raise InputError(Message("error.loader.not_a_mapping", path=str(path)))
    try:
        return PastProject.model_validate(data)
    except ValidationError as error:
        raise InputError(Message("error.loader.invalid", path=str(path), problems=describe_validation_error(error))) from error


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    documents: int = 0

    @property
    def projects(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)


def import_project_files(paths: Iterable[Path], store: "Store", kb: "KnowledgeBase") -> ImportReport:
    """Validate every file first; write nothing unless all are valid."""
    paths = list(paths)
    if not paths:
        raise InputError(Message("error.loader.no_files"))
    projects: list[tuple[PastProject, Path]] = []
    problems: list[str | Message] = []
    for path in paths:
        try:
            projects.append((load_project_file(path), path))
        except InputError as error:
            problems.append(error.message or str(error))
    seen: dict[str, Path] = {}
    for project, path in projects:
        if project.id in seen:
            problems.append(Message("error.loader.id_used_twice", path=str(path), project=project.id, other=str(seen[project.id])))
        seen[project.id] = path
    if problems:
        raise InputError(
            Message("error.loader.nothing_imported", problems=Items(problems, plain=True, separator="error.loader.problem_separator"))
        )
    return store_and_index(projects, store, kb)


def store_and_index(projects: Sequence[tuple[PastProject, Path | str]], store: "Store", kb: "KnowledgeBase") -> ImportReport:
    report = ImportReport()
    changed: list[PastProject] = []
    for project, source in projects:
        outcome = store.upsert_past_project(project, source=str(source))
        getattr(report, outcome).append(project.id)
        if outcome != "unchanged":
            changed.append(project)
    report.documents = kb.index(changed)
    # Any past project of the store missing from the index (a fresh index, a delivery killed before
    # it was indexed) is indexed too, and documents of projects the store does not have are dropped.
    report.documents += kb.repair(store)["documents"]
    return report


def seed(store: "Store", kb: "KnowledgeBase") -> ImportReport:
    """Load the bundled past projects; running it again changes nothing."""
    files = seed_files()
    return store_and_index([(load_project_file(path), f"seed:{path.name}") for path in files], store, kb)
