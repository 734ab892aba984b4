"""Pieces every page uses: safe actions, badges, the breakdown and rulebook views, uploads."""

from __future__ import annotations

import logging
import re
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

import streamlit as st

from assistant.core.errors import RulebookError
from assistant.core.messages import Items, Message

from ui.i18n import LIFECYCLE, LIFECYCLE_COLORS, STATUS_COLORS, joined, lifecycle_name, status_name, t, task_type_name
from ui.i18n import language as ui_language
from assistant.breakdown.render import format_value
from assistant.core.fields import BY_PATH, dimension_name
from assistant.core.models import DIMENSIONS
from assistant.core.secrets_mask import mask_text
from assistant.integrations.datafiles import read_records
from assistant.rulebook.export import to_markdown
from assistant.service.access import AccessDenied
from ui.auth import denied_text
from ui.i18n import localize_note
from ui.state import current_project, set_current_project

if TYPE_CHECKING:
    from assistant.core.models import Breakdown, Rulebook
    from assistant.rulebook.check import CheckReport
    from assistant.service.workspace import Workspace

log = logging.getLogger("rulebook.app")
T = TypeVar("T")

DATA_TYPES = ["csv", "jsonl", "json", "xlsx"]


# ---------------------------------------------------------------------------------------------
# Errors: a message that says what to fix, never a traceback
# ---------------------------------------------------------------------------------------------
def show_error(error: BaseException) -> None:
    if isinstance(error, AccessDenied):

        st.error(denied_text(error), icon=":material/block:")
        return
    if isinstance(error, RulebookError):
        st.error(mask_text(error.render(ui_language())), icon=":material/error:")
        return
    log.exception("unexpected error in the app", exc_info=error)
    st.error(
        t(
            "ui.components.something_went_wrong_nothing_was_changed",
            kind=type(error).__name__,
            message=mask_text(error)[:300] or "-",
        ),
        icon=":material/error:",
    )


@contextmanager
def guard() -> Iterator[None]:
    """Run a block; a RulebookError becomes st.error(str(error)), anything else a friendly, logged error.

    Streamlit's own control flow (st.rerun, st.stop) derives from BaseException and passes through.
    """
    try:
        yield
    except Exception as error:  # noqa: BLE001 - every error is shown, none escapes as a traceback
        show_error(error)


def attempt(action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """`action(*args, **kwargs)`, or None after showing the error."""
    try:
        return action(*args, **kwargs)
    except Exception as error:  # noqa: BLE001
        show_error(error)
        return None


# ---------------------------------------------------------------------------------------------
# Small pieces
# ---------------------------------------------------------------------------------------------
def escape_md(text: Any) -> str:
    """Text safe inside Markdown (and inside a table cell)."""
    value = "" if text is None else str(text)
    value = value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return re.sub(r"([*_`#\[\]<>~$])", r"\\\1", value)


def badge(text: str, color: str) -> str:
    text = str(text).replace("[", "(").replace("]", ")")
    return f":{color}-badge[{text}]"


def status_badge(status: str, source: str | None = None) -> str:
    text = status_name(status)
    if status == "from_past_project" and source:
        text = f"{text} {source}"
    return badge(text, STATUS_COLORS.get(status, "gray"))


def lifecycle_badge(status: str) -> str:
    return badge(lifecycle_name(status), LIFECYCLE_COLORS.get(status, "gray"))


def lifecycle_line(status: str) -> str:
    """submitted → breakdown → … with the current stage as a badge and the rest greyed."""
    parts = []
    reached = status in LIFECYCLE
    for stage in LIFECYCLE:
        if stage == status:
            parts.append(lifecycle_badge(stage))
            reached = False
        elif reached:
            parts.append(f":green[✓] :gray[{lifecycle_name(stage)}]")
        else:
            parts.append(f":gray[{lifecycle_name(stage)}]")
    return " :gray[→] ".join(parts)


def page_header(title: str, helper: str) -> None:
    st.title(title)
    st.caption(helper)


def project_label(row: Any) -> str:
    """A project as a picker shows it: stable across status and language changes (pickers match by label)."""
    name = row.name if len(row.name) <= 40 else row.name[:39] + "…"
    return f"{name} · {row.id}"


def require_projects(rows: list[Any], message_id: str) -> None:
    """Stop the page with a pointer to the assistant (the catalogue text `message_id`) when there is no project."""
    if not rows:
        st.info(t(message_id), icon=":material/info:")
        st.page_link("ui/pages/assistant.py", label=t("ui.components.open_the_assistant"), icon=":material/chat:")
        st.stop()


def project_picker(rows: list[Any], *, key: str, widget: Callable[..., Any] | None = None) -> str:
    """A project selectbox that opens on the current project and makes the choice current."""

    by_id = {row.id: row for row in rows}
    chosen = current_project()
    if chosen not in by_id:
        chosen = rows[0].id
    if st.session_state.get(key) != chosen:
        st.session_state[key] = chosen
    return select(
        widget or st.selectbox,
        t("ui.components.project"),
        list(by_id),
        format_func=lambda item: project_label(by_id[item]),
        key=key,
        on_change=lambda: set_current_project(st.session_state[key]),
    )


def select(widget: Callable[..., T], label: str, options: Any, *, key: str, default: Any = None, **kwargs: Any) -> T:
    """A keyed selectbox/radio whose stored value is always one of `options`.

    Streamlit matches a stored choice by its formatted label; after a language switch (or a label
    that changed) the stored value is no longer an option, so it is reset to `default` (or the first).
    """
    options = list(options)
    format_func = kwargs.pop("format_func", None)
    if format_func is not None:  # labels fixed now, in this run's language (not looked up lazily later)
        shown = {option: str(format_func(option)) for option in options}
        kwargs["format_func"] = lambda option, shown=shown: shown.get(option, str(option))
    if key in st.session_state and st.session_state[key] not in options:
        if default in options:
            st.session_state[key] = default
        else:
            del st.session_state[key]
    if key in st.session_state:
        kwargs.pop("index", None)
    return widget(label, options, key=key, **kwargs)


# ---------------------------------------------------------------------------------------------
# The breakdown
# ---------------------------------------------------------------------------------------------
def _format_value(value: Any) -> str:
    return format_value(value, ui_language())


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def breakdown_counts(breakdown: "Breakdown") -> dict[str, int]:
    counts = {"stated": 0, "inferred": 0, "from_past_project": 0, "missing": 0}
    for _, item in breakdown.fields():
        counts[item.status.value] += 1
    return counts


def render_breakdown(breakdown: "Breakdown", *, questions: int = 8) -> None:
    """Each dimension with each field's value and a coloured status badge; then questions and assumptions."""

    language = ui_language()
    counts = breakdown_counts(breakdown)
    engine = t("ui.components.offline_engine") if breakdown.engine == "offline" else f"LLM {breakdown.model}"
    st.markdown(
        " ".join(badge(f"{status_name(key)} {value}", STATUS_COLORS[key]) for key, value in counts.items())
        + "  \n:gray[" + t("ui.components.project_version_engine", p=breakdown.project_id, v=breakdown.version, e=engine) + "]"
    )
    columns = st.columns(2, gap="small")
    heights = [0, 0]
    for dimension in DIMENSIONS:
        group = getattr(breakdown, dimension)
        lines, missing = [], []
        for name in type(group).model_fields:
            field = getattr(group, name)
            label = BY_PATH[f"{dimension}.{name}"].label(language)
            if field.status.value == "missing":
                missing.append(label)
                continue
            value = _short(task_type_name(str(field.value)) if name == "task_type" else _format_value(field.value), 80)
            line = f"**{escape_md(label)}**{'：' if language == 'zh' else ': '}{escape_md(value)}  "
            line += status_badge(field.status.value, field.source) + f" :gray[{field.confidence:.0%}]"
            if field.evidence and field.status.value in ("stated", "inferred") and field.evidence.strip() != str(field.value).strip():
                line += f" :gray[«{escape_md(_short(field.evidence, 30))}»]"
            lines.append(line)
        if missing:
            lines.append(status_badge("missing") + " :gray[" + escape_md(joined(missing)) + "]")
        column = 0 if heights[0] <= heights[1] else 1
        heights[column] += 2 + len(lines) + sum(len(line) // 90 for line in lines)
        with columns[column].container(border=True):
            st.markdown(f"**{dimension_name(dimension, language)}**")
            st.markdown("  \n".join(lines))
    if breakdown.questions:
        st.markdown(f"**{t('ui.components.questions_for_the_requester')}** :gray[({len(breakdown.questions)})]")
        lines = []
        for question in breakdown.questions[:questions]:
            spec = BY_PATH.get(question.field)
            where = badge(spec.label(language), "gray") + " " if spec else ""
            lines.append(f"{question.rank}. {where}{escape_md(question.question)}")
        st.markdown("\n".join(lines))
        if len(breakdown.questions) > questions:
            with st.expander(t("ui.components.more_questions", n=len(breakdown.questions) - questions)):
                st.markdown(
                    "\n".join(f"{q.rank}. {escape_md(q.question)}" for q in breakdown.questions[questions:])
                )
    if breakdown.assumptions:
        st.markdown(f"**{t('ui.components.assumptions')}**")
        st.markdown("\n".join(f"- {escape_md(item)}" for item in breakdown.assumptions))
    shown = similar_suggestions(breakdown.similar_projects)
    if shown:
        similar = joined(t("ui.components.similar_project", name=p.name, score=f"{p.score:.2f}") for p in shown)
        st.caption(t("ui.components.past_projects_that_may_help_suggestions", p=similar))


SIMILAR_MIN_SCORE = 0.2  # the offline embedder gives unrelated Chinese texts about 0.1-0.17
SIMILAR_MIN_SHARE = 0.85  # and a suggestion must be close to the best match


def similar_suggestions(similar: list[Any]) -> list[Any]:
    """The past projects worth suggesting: a sensible score, and not far below the best one."""
    if not similar:
        return []
    top = max(p.score for p in similar)
    return [p for p in similar if p.score >= SIMILAR_MIN_SCORE and p.score >= SIMILAR_MIN_SHARE * top]


# ---------------------------------------------------------------------------------------------
# Rulebooks
# ---------------------------------------------------------------------------------------------
def rulebook_markdown(rulebook: "Rulebook") -> str:
    """The rulebook's Markdown export for display: headings two levels down (it sits inside a page),
    the footer's <sub> tags dropped (no raw HTML is rendered)."""

    log = [entry.model_copy(update={"change": localize_note(entry.change)}) for entry in rulebook.changelog]
    text = re.sub(r"</?sub>", "", to_markdown(rulebook.model_copy(update={"changelog": log})))
    return re.sub(r"(?m)^(#{1,4}) ", lambda m: "#" * min(6, len(m.group(1)) + 2) + " ", text)


def render_label_overview(rulebook: "Rulebook") -> None:
    """The labels at a glance (a wrapping table): definition, example counts, where it came from."""
    rows = [
        f"| {t('ui.components.label')} | {t('ui.components.definition')} | {t('ui.components.pos')} | {t('ui.components.neg')} | {t('ui.components.source')} |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for label in rulebook.labels:
        undefined = label.needs_definition or not label.definition.strip()
        definition = badge(t("ui.components.needs_a_definition"), "orange") if undefined else escape_md(_short(label.definition, 160))
        positives = sum(1 for e in label.examples if e.polarity.value == "positive")
        negatives = sum(1 for e in label.examples if e.polarity.value == "negative")
        source = t("ui.components.new") if label.source == "new" else f":gray[{escape_md(label.source)}]"
        rows.append(f"| **{escape_md(label.name)}** | {definition} | {positives} | {negatives} | {source} |")
    st.markdown("\n".join(rows))


def rulebook_stats(rulebook: "Rulebook") -> str:
    examples = len(rulebook.examples())
    undefined = sum(1 for label in rulebook.labels if label.needs_definition or not label.definition.strip())
    parts = [
        t("ui.components.labels", n=len(rulebook.labels)),
        t("ui.components.examples", n=examples),
    ]
    if rulebook.token_count:
        parts.append(t("ui.components.tokens", n=rulebook.token_count))
    text = " · ".join(parts)
    if undefined:
        text += " " + badge(t("ui.components.need_a_definition", n=undefined), "orange")
    return text


def render_rulebook(rulebook: "Rulebook", *, overview: bool = False, expanded: bool = False, title: str | None = None) -> None:
    """Optionally the label overview, then the whole rulebook (Markdown) in a collapsible section."""
    if overview:
        st.markdown(f"**{escape_md(rulebook.title)}** · v{rulebook.version} · " + rulebook_stats(rulebook))
        render_label_overview(rulebook)
    heading = title or t("ui.components.the_rulebook_version", v=rulebook.version)
    with st.expander(heading, expanded=expanded, icon=":material/menu_book:"):
        st.markdown(rulebook_markdown(rulebook))


def render_check(report: "CheckReport") -> None:
    language = ui_language()
    if report.ok and not report.issues:
        st.success(t("ui.components.check_passed_no_errors_no_warnings"), icon=":material/check_circle:")
    elif report.ok:
        st.success(
            t("ui.components.check_passed_no_errors_warning_s", w=len(report.warnings)),
            icon=":material/check_circle:",
        )
    else:
        st.error(
            t(
                "ui.components.check_failed_error_s_warning_s",
                e=len(report.errors),
                w=len(report.warnings),
            ),
            icon=":material/error:",
        )
    if report.token_count is not None and report.token_budget:
        st.progress(
            min(1.0, report.token_count / report.token_budget),
            text=t("ui.components.size_of_tokens", c=report.token_count, b=report.token_budget),
        )
    for issue in report.issues:
        color = "red" if issue.severity == "error" else "orange"
        name = t("ui.components.error") if issue.severity == "error" else t("ui.components.warning")
        st.markdown(f"{badge(name, color)} `{issue.code}` {escape_md(issue.text(language))}")


def render_diff(diff: str) -> None:
    if not diff.strip():
        st.info(t("ui.components.no_differences_between_these_versions"))
        return
    lines = diff.count("\n") + 1
    st.code(diff, language="diff", wrap_lines=True, height=480 if lines > 24 else "content")


# ---------------------------------------------------------------------------------------------
# Uploads
# ---------------------------------------------------------------------------------------------
_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def safe_name(name: str) -> str:
    cleaned = _SAFE_NAME.sub("_", Path(name).name).strip("._") or "upload"
    return cleaned[:120]


def save_upload(ws: "Workspace", uploaded: Any, *parts: str) -> Path:
    """Write an uploaded file under data_dir/uploads/<parts…>/<name>; returns its path."""
    folder = ws.settings.data_dir / "uploads"
    for part in parts:
        folder = folder / safe_name(part)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_name(uploaded.name)
    path.write_bytes(uploaded.getvalue())
    return path


def staging_dir(ws: "Workspace") -> str:
    """A folder name for this session's uploads (kept in session state)."""
    if "upload_session" not in st.session_state:
        st.session_state["upload_session"] = uuid.uuid4().hex[:12]
    return st.session_state["upload_session"]


def _renamed(value: Any, path: str, name: str) -> Any:
    """A message value with the server path replaced by the upload's name, inside nested messages and lists too."""
    if isinstance(value, str):
        return value.replace(path, name)
    if isinstance(value, Message):
        return Message(value.id, **{key: _renamed(item, path, name) for key, item in value.values.items()})
    if isinstance(value, Items):
        return Items([_renamed(item, path, name) for item in value], plain=value.plain, separator=value.separator)
    if isinstance(value, (list, tuple)):
        return type(value)(_renamed(item, path, name) for item in value)
    return value


def named_errors(path: Path, name: str) -> Callable[[BaseException], BaseException]:
    """An InputError whose message names the uploaded file instead of the server path."""

    def rename(error: BaseException) -> BaseException:
        if isinstance(error, RulebookError):
            if error.message is not None:  # a catalogue message: the path is one of its values, maybe nested
                return type(error)(_renamed(error.message, str(path), name))
            return type(error)(str(error).replace(str(path), name))
        return error

    return rename


def call_on_upload(path: Path, name: str, action: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`action(...)` with errors naming the upload as the user knows it."""
    try:
        return action(*args, **kwargs)
    except RulebookError as error:
        raise named_errors(path, name)(error) from None


def read_upload(ws: "Workspace", uploaded: Any, *parts: str) -> tuple[Path, list[dict[str, Any]]]:
    """Save an upload and read its records (CSV/JSONL/JSON/XLSX) with errors that name the file."""

    path = save_upload(ws, uploaded, *parts)
    return path, call_on_upload(path, uploaded.name, read_records, path)
