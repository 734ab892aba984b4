"""The assistant's conversation: chat messages kept with the project, and what a message does.

Every message is one `chat` artifact of the project (`ws.store.add_artifact(kind="chat")`), so a
conversation survives a reload, a second browser tab and a restart, and any project's conversation
can be reopened. A message payload is::

    {"role": "user" | "assistant", "content": "text shown", "type": "text" | "breakdown" |
     "answer" | "draft" | "revision" | "error", "ref": <artifact version it shows, or null>}

`respond` turns one message of the trainer into one pipeline call (no logic of its own beyond
choosing the call):

- no project yet: the message is the request → `start_project` (a 5W2H breakdown);
- "draft the rulebook" / "起草规则" (or the app's button) → `draft_for_project`;
- before a rulebook exists, any other message answers the questions → `answer_project(text=...)`;
- once a rulebook exists, a message is a revision instruction → `revise_project` (or an answer,
  when the trainer says so with `mode="answer"`).

`reply_stream` gives the assistant's short reply as text chunks: streamed from the LLM through the
`chat_reply` prompt when one is configured, else the reply written from the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Literal

from assistant.breakdown.render import format_value
from assistant.core.fields import BY_PATH
from assistant.core.messages import Items, normalize
from assistant.core.messages import text as message_text
from assistant.llm.prompts import load_prompt
from assistant.rulebook.check import check_rulebook
from assistant.service.projects import answer_project, draft_for_project, latest_breakdown, revise_project, start_project
from assistant.service.rulebook_edit import chat_revision

if TYPE_CHECKING:
    from assistant.core.models import Breakdown, Rulebook
    from assistant.service.workspace import Workspace

CHAT_KIND = "chat"
Mode = Literal["auto", "answer", "revise", "draft"]
TurnKind = Literal["breakdown", "answer", "draft", "revision"]

DRAFT_COMMAND = re.compile(
    r"^\s*(?:please\s+)?(?:(?:re-?)?draft|write|generate|create|make)\s+(?:(?:the|a|my|our)\s+)?"
    r"(?:labeling\s+|annotation\s+)?(?:rulebook|rule\s*book|rules|guidelines?)\s*(?:now|please)?\s*[.!。！]?\s*$"
    r"|^\s*(?:请|帮我|麻烦)?\s*(?:重新)?(?:起草|生成|撰写|写|出)(?:一版|一份)?\s*(?:标注)?(?:规则书?|规范|指南)\s*(?:吧|了)?\s*[。.!！]?\s*$",
    re.IGNORECASE,
)


def is_draft_command(text: str) -> bool:
    """True for "draft the rulebook", "起草规则", "生成规则书" and the like."""
    return bool(DRAFT_COMMAND.match(text or ""))


# ---------------------------------------------------------------------------------------------
# Storage
# ---------------------------------------------------------------------------------------------
def save_message(
    ws: "Workspace", project_id: str, role: str, content: str, *, type: str = "text", ref: int | None = None
) -> dict[str, Any]:
    """Append a message to the project's conversation; returns the stored message."""
    if role not in ("user", "assistant"):
        raise ValueError(f"role must be 'user' or 'assistant', not {role!r}")
    payload = {"role": role, "content": content, "type": type, "ref": ref}
    row = ws.store.add_artifact(project_id, CHAT_KIND, payload, note=f"{role}: {content[:80]}")
    return {**row.payload, "number": row.version, "created": row.created_at.isoformat() if row.created_at else None}


def messages(ws: "Workspace", project_id: str) -> list[dict[str, Any]]:
    """The project's conversation, oldest first."""
    out = []
    for row in ws.store.artifacts(project_id, CHAT_KIND):
        out.append({**row.payload, "number": row.version, "created": row.created_at.isoformat() if row.created_at else None})
    return out


# ---------------------------------------------------------------------------------------------
# Turns
# ---------------------------------------------------------------------------------------------
@dataclass
class Turn:
    """What one message did: the project, the kind of step, the artifact version it made."""

    project_id: str
    kind: TurnKind
    ref: int
    summary: str
    changes: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)


def _field_changes(before: "Breakdown", after: "Breakdown", language: str) -> list[str]:
    language = normalize(language)
    changes = []
    for path, new in after.fields():
        old = before.field(path)
        if (old.value, old.status) != (new.value, new.status):
            changes.append(f"{BY_PATH[path].label(language)} → {format_value(new.value, language)}")
    return changes


def _counts(breakdown: "Breakdown") -> dict[str, int]:
    counts = {"stated": 0, "inferred": 0, "from_past_project": 0, "missing": 0}
    for _, item in breakdown.fields():
        counts[item.status.value] += 1
    return counts


SHOWN_CHANGES = 8


def breakdown_summary(breakdown: "Breakdown", language: str, changes: list[str] | None = None) -> str:
    """A short reply about a breakdown (the view of its fields is drawn by the app), in the trainer's language."""
    counts = _counts(breakdown)
    sources = sorted({item.source for _, item in breakdown.fields() if item.source})
    lines = []
    if changes is None:
        found = {
            "version": breakdown.version, "stated": counts["stated"], "inferred": counts["inferred"],
            "past": counts["from_past_project"], "missing": counts["missing"],
        }  # fmt: skip
        if sources:
            lines.append(message_text("chat.breakdown_made_sources", language, sources=Items(sources, plain=True), **found))
        else:
            lines.append(message_text("chat.breakdown_made", language, **found))
    elif changes:
        shown = Items(changes[:SHOWN_CHANGES], plain=True, separator="list.part_separator")
        more = len(changes) - SHOWN_CHANGES
        if more > 0:
            lines.append(message_text("chat.updated_more", language, version=breakdown.version, changes=shown, more=more))
        else:
            lines.append(message_text("chat.updated", language, version=breakdown.version, changes=shown))
    else:
        lines.append(message_text("chat.no_new_facts", language, version=breakdown.version))
    if breakdown.questions:
        lines.append(message_text("chat.open_questions", language, count=len(breakdown.questions), question=breakdown.questions[0].question))
    lines.append(message_text("chat.answer_or_draft", language))
    return "\n\n".join(lines)


def rulebook_summary(rulebook: "Rulebook", language: str, *, errors: int, warnings: int) -> str:
    examples = len(rulebook.examples())
    undefined = [label.name for label in rulebook.labels if label.needs_definition or not label.definition.strip()]
    size = f"{rulebook.token_count:,}" if rulebook.token_count else "?"
    reply = message_text(
        "chat.rulebook_drafted", language, version=rulebook.version, labels=len(rulebook.labels), examples=examples, size=size,
        errors=errors, warnings=warnings,
    )  # fmt: skip
    if undefined:
        reply += "\n\n" + message_text("chat.labels_undefined", language, labels=Items(undefined, plain=True))
    return reply + "\n\n" + message_text("chat.revise_hint", language)


def revision_summary(previous: "Rulebook", new: "Rulebook", language: str) -> str:
    change = new.changelog[-1].change if new.changelog else ""
    return message_text(
        "chat.revision_saved", language, version=new.version, previous=previous.version, change=change,
        labels=Items(new.label_names, plain=True),
    )  # fmt: skip


def has_rulebook(ws: "Workspace", project_id: str) -> bool:
    return bool(ws.store.artifacts(project_id, "rulebook"))


def next_step(ws: "Workspace", project_id: str | None, text: str, *, mode: Mode = "auto") -> TurnKind:
    """Which pipeline step a message runs (see the module docstring)."""
    if project_id is None:
        return "breakdown"
    if mode == "draft" or (mode == "auto" and is_draft_command(text)):
        return "draft"
    if mode == "revise" or (mode == "auto" and has_rulebook(ws, project_id)):
        return "revision"
    return "answer"


def respond(ws: "Workspace", project_id: str | None, text: str, *, mode: Mode = "auto", language: str = "en") -> Turn:
    """Apply one message of the trainer through the pipeline; saves nothing of the chat itself."""
    step = next_step(ws, project_id, text, mode=mode)
    if project_id is None:
        breakdown = start_project(ws, text)
        return Turn(breakdown.project_id or "", "breakdown", breakdown.version or 1, breakdown_summary(breakdown, language))
    if step == "draft":
        rulebook = draft_for_project(ws, project_id)
        report = check_rulebook(rulebook, ws.settings)
        summary = rulebook_summary(rulebook, language, errors=len(report.errors), warnings=len(report.warnings))
        return Turn(project_id, "draft", rulebook.version, summary, facts={"errors": len(report.errors), "warnings": len(report.warnings)})
    if step == "revision":
        if ws.llm is None:  # offline: simple instructions are edits; anything else raises NeedsEditor (the app opens the editor)
            saved = chat_revision(ws, project_id, text, language)
            return Turn(project_id, "revision", saved.new.version, revision_summary(saved.previous, saved.new, language))
        previous, new = revise_project(ws, project_id, instruction=text)
        return Turn(project_id, "revision", new.version, revision_summary(previous, new, language))
    before = latest_breakdown(ws, project_id)
    after = answer_project(ws, project_id, text=text)
    changes = _field_changes(before, after, language)
    return Turn(project_id, "answer", after.version or 1, breakdown_summary(after, language, changes), changes=changes)


# ---------------------------------------------------------------------------------------------
# The reply
# ---------------------------------------------------------------------------------------------
def _chunks(text: str, size: int = 12) -> Iterator[str]:
    """The text in small pieces (words, or runs of Chinese characters) for a typewriter effect."""
    for piece in re.findall(r"\s*\S+|\s+", text):
        if len(piece) <= size:
            yield piece
        else:
            for start in range(0, len(piece), size):
                yield piece[start : start + size]


def reply_stream(ws: "Workspace", turn: Turn, message: str, *, language: str = "en") -> Iterator[str]:
    """The assistant's reply: streamed by the LLM (prompt `chat_reply`) when configured, else the summary."""
    if ws.llm is None:
        yield from _chunks(turn.summary)
        return
    prompt = load_prompt("chat_reply")
    yield from ws.llm.stream(
        prompt,
        {
            "language": message_text("chat.reply_language", language),
            "step": turn.kind,
            "message": message.strip()[:2000],
            "result": turn.summary,
        },
        step="chat reply",
    )
