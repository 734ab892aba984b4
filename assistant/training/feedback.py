"""What an annotator and a trainer read after a quiz: one annotator's feedback sheet, the scores summary.

Offline the sheet quotes the rule behind each mistake; with an LLM, the `quiz_feedback` prompt also explains it.
The sheet's layout is templates/feedback.md.j2, its words the catalogue's training.feedback.* texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.language import prompt_name
from assistant.core.markdown_safe import safe_markdown
from assistant.core.markdown_templates import render
from assistant.core.messages import normalize, text
from assistant.core.words import words
from assistant.core.models import Rulebook
from assistant.training.scoring import AnnotatorScore, QuizScores
from assistant.training.similarity import _language, _short
from assistant.core.safe_paths import safe_unique_name
from assistant.llm.prompts import load_prompt

if TYPE_CHECKING:
    from assistant.llm.chat import LLM

FEEDBACK_PROMPT = "quiz_feedback"
TEMPLATES = Path(__file__).with_name("templates")


def _percent(value: float) -> str:
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


def _mistakes_for_prompt(score: AnnotatorScore, rulebook: Rulebook | None) -> str:
    blocks = []
    for mistake in score.mistakes:
        lines = [f"- item {mistake.id}: «{mistake.text}»", f"  annotator answered: {mistake.given}",
                 f"  correct answer: {mistake.expected}", f"  deciding rule: {mistake.rule}"]
        if mistake.criterion and mistake.criterion != mistake.rule:
            lines.append(f"  first criterion of {mistake.expected}: {mistake.criterion}")
        for name in (mistake.expected, mistake.given):
            label = rulebook.label(name) if rulebook else None
            if label is not None and label.definition.strip():
                lines.append(f"  definition of {name}: {label.definition}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def feedback_sheet(scores: QuizScores, annotator: str, rulebook: Rulebook | None, llm: "LLM | None" = None) -> str:
    """A short Markdown sheet for one annotator: score, each mistake with the rule that decides it.

    Offline the sheet quotes the rule (and the correct label's definition). With an LLM, the
    `quiz_feedback` prompt also explains each mistake by its rule (one `llm.text` call; none when
    there is nothing to explain).
    """
    score = scores.annotator(annotator)
    lang = _language(rulebook)
    words_ = words("training.feedback.", lang)

    def t(key: str, **values: object) -> str:
        return words_[key].format(**values) if values else words_[key]

    def definition_of(name: str) -> str:
        label = rulebook.label(name) if rulebook else None
        return label.definition if label is not None and label.definition.strip() else ""

    explanation, model, prompt_id = "", "", ""
    if score.mistakes and llm is not None:

        prompt = load_prompt(FEEDBACK_PROMPT)
        explanation = llm.text(
            prompt,
            {
                "language": prompt_name(lang),
                "task": rulebook.task_definition if rulebook else "",
                "annotator": annotator,
                "mistakes": _mistakes_for_prompt(score, rulebook),
            },
            step="quiz_feedback",
        ).strip()
        model, prompt_id = getattr(llm, "model", "LLM"), prompt.id
    page = render(
        TEMPLATES,
        "feedback.md.j2",
        {"short": _short, "one_line": lambda text: " ".join(str(text).split())},
        t=t,
        annotator=annotator,
        score=score,
        accuracy=_percent(score.accuracy),
        threshold=_percent(scores.threshold),
        definition_of=definition_of,
        explanation=explanation,
        model=model,
        prompt_id=prompt_id,
    )
    return safe_markdown(page.rstrip("\n") + "\n")  # one final newline; user text stays text (issue 14)


def format_scores(scores: QuizScores, language: str = "en") -> str:
    """A plain-text summary of a scored quiz: one line per annotator, then errors by label."""
    lang = normalize(language)
    lines = [text("training.scores.header", lang, items=scores.items, threshold=_percent(scores.threshold))]
    for s in scores.annotators:
        verdict = text("training.scores.pass" if s.passed else "training.scores.fail", lang)
        extra = []
        if s.unanswered:
            extra.append(text("training.scores.unanswered", lang, count=len(s.unanswered)))
        if s.unknown_ids:
            extra.append(text("training.scores.unknown_ids", lang, ids=", ".join(s.unknown_ids)))
        lines.append(f"  {s.annotator}: {s.correct}/{s.total} {_percent(s.accuracy)} {verdict}"
                     + (f" ({'; '.join(extra)})" if extra else ""))
        for rule in s.rules_missed:
            lines.append(f"      ✗ {rule.label} [{', '.join(rule.items)}]: {_short(rule.rule, 100)}")
    errors = {label: count for label, count in scores.errors_by_label.items() if count}
    if errors:
        lines.append(text("training.scores.errors_by_label", lang))
        for label, count in sorted(errors.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {label}: {count} / {scores.items_by_label.get(label, 0) * len(scores.annotators)}")
    if scores.confusions:
        lines.append(text("training.scores.confusions", lang))
        lines += [f"  {pair}: {count}" for pair, count in list(scores.confusions.items())[:10]]
    return "\n".join(lines)


def safe_filename(name: str, taken: set[str] | None = None) -> str:
    """A safe, capped file-name stem for an annotator; unique within `taken` when given."""

    return safe_unique_name(name, taken)