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


def _zh(language: str) -> bool:
    return (language or "").startswith("zh")


def _field_changes(before: "Breakdown", after: "Breakdown", language: str) -> list[str]:
    from assistant.core.fields import BY_PATH
    from assistant.breakdown.render import format_value

    changes = []
    for path, new in after.fields():
        old = before.field(path)
        if (old.value, old.status) != (new.value, new.status):
            label = BY_PATH[path].label("zh" if _zh(language) else "en")
            changes.append(f"{label} → {format_value(new.value, 'zh' if _zh(language) else 'en')}")
    return changes


def _counts(breakdown: "Breakdown") -> dict[str, int]:
    counts = {"stated": 0, "inferred": 0, "from_past_project": 0, "missing": 0}
    for _, item in breakdown.fields():
        counts[item.status.value] += 1
    return counts


def breakdown_summary(breakdown: "Breakdown", language: str, changes: list[str] | None = None) -> str:
    """A short reply about a breakdown (the view of its fields is drawn by the app)."""
    zh = _zh(language)
    counts = _counts(breakdown)
    sources = sorted({item.source for _, item in breakdown.fields() if item.source})
    lines = []
    if changes is None:
        if zh:
            lines.append(
                f"我把需求拆成了 5W2H（第 {breakdown.version} 版）：需求明确 {counts['stated']} 项，推断 {counts['inferred']} 项，"
                f"参考历史项目 {counts['from_past_project']} 项{('（' + '、'.join(sources) + '）') if sources else ''}，"
                f"还缺 {counts['missing']} 项。"
            )
        else:
            lines.append(
                f"Here is the 5W2H breakdown (version {breakdown.version}): {counts['stated']} fields stated, "
                f"{counts['inferred']} inferred, {counts['from_past_project']} from past projects"
                f"{(' (' + ', '.join(sources) + ')') if sources else ''}, {counts['missing']} missing."
            )
    elif changes:
        shown = "；".join(changes[:8]) if zh else "; ".join(changes[:8])
        more = len(changes) - 8
        if zh:
            lines.append(f"已更新为第 {breakdown.version} 版：{shown}" + (f"，另有 {more} 项" if more > 0 else "") + "。")
        else:
            lines.append(f"Updated to version {breakdown.version}: {shown}" + (f" and {more} more" if more > 0 else "") + ".")
    else:
        lines.append(
            f"第 {breakdown.version} 版没有新信息：离线引擎只识别明确写出的数量、日期、预算、一致率、人数、渠道和标签（例如“3万条，12月20日前，预算2万元”）。"
            if zh
            else f"Version {breakdown.version} has no new facts: the offline engine reads only what is stated plainly — volumes, "
            "dates, budgets, agreement targets, head counts, channels and labels (e.g. \"30k items by 20 December, budget $3,000\")."
        )
    if breakdown.questions:
        top = breakdown.questions[0]
        lines.append(
            f"还有 {len(breakdown.questions)} 个待确认问题，最重要的是：{top.question}"
            if zh
            else f"{len(breakdown.questions)} questions are open; the most important: {top.question}"
        )
    lines.append(
        "直接回答问题，或说“起草规则”生成规则书。" if zh else "Answer in your own words, or say \"draft the rulebook\" to draft it."
    )
    return "\n\n".join(lines)


def rulebook_summary(rulebook: "Rulebook", language: str, *, errors: int, warnings: int) -> str:
    zh = _zh(language)
    examples = len(rulebook.examples())
    undefined = [label.name for label in rulebook.labels if label.needs_definition or not label.definition.strip()]
    size = f"{rulebook.token_count:,}" if rulebook.token_count else "?"
    if zh:
        text = (
            f"规则书第 {rulebook.version} 版已起草：{len(rulebook.labels)} 个标签，{examples} 个示例，约 {size} tokens。"
            f"检查结果：{errors} 个错误，{warnings} 个警告。"
        )
        if undefined:
            text += f"\n\n待定义的标签：{'、'.join(undefined)}。"
        text += "\n\n发送修改指令即可修订，例如“把 A 和 B 合并为 C”“新增标签 D”“删除标签 E”。"
    else:
        text = (
            f"Rulebook version {rulebook.version} is drafted: {len(rulebook.labels)} labels, {examples} examples, "
            f"about {size} tokens. Check: {errors} error(s), {warnings} warning(s)."
        )
        if undefined:
            text += f"\n\nLabels that still need a definition: {', '.join(undefined)}."
        text += "\n\nSend an instruction to revise it, e.g. \"merge A and B into C\", \"add label D\", \"remove the label E\"."
    return text


def revision_summary(previous: "Rulebook", new: "Rulebook", language: str) -> str:
    change = new.changelog[-1].change if new.changelog else ""
    labels = "、".join(new.label_names) if _zh(language) else ", ".join(new.label_names)
    if _zh(language):
        return f"已生成第 {new.version} 版（上一版 {previous.version}）：{change}。\n\n现在的标签：{labels}。下面是与上一版的差异。"
    return f"Version {new.version} is saved (was {previous.version}): {change}.\n\nLabels now: {labels}. The diff against the previous version is below."


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
    from assistant.service.projects import (
        answer_project,
        draft_for_project,
        latest_breakdown,
        revise_project,
        start_project,
    )
    from assistant.rulebook.check import check_rulebook

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
            from assistant.service.rulebook_edit import chat_revision

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
    from assistant.llm.prompts import load_prompt

    prompt = load_prompt("chat_reply")
    yield from ws.llm.stream(
        prompt,
        {
            "language": "Chinese (简体中文)" if _zh(language) else "English",
            "step": turn.kind,
            "message": message.strip()[:2000],
            "result": turn.summary,
        },
        step="chat reply",
    )
