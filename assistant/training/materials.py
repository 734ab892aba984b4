"""Training annotators on a rulebook before a trial round, and checking them with a quiz.

- `training_pack(rulebook)`: the rules as Markdown in the order an annotator needs them — what
  the task is, each label (definition, criteria, its clearest positive example and its most
  confusable negative example), the decision procedure, the edge cases — then a one-page cheat
  sheet. `training_pack_docx` writes the same as a Word document.
- `make_quiz(rulebook, gold=...)`: items with known answers taken from the rulebook's examples
  and from gold items, balanced across labels and weighted toward the labels that are most easily
  confused; every answer carries the rule that decides it and where it came from.
- `export_quiz` / `export_answer_key`: the sheet annotators fill in (no answers) and the key.
- `score_quiz(key, answers)`: accuracy per annotator, errors per label, the rules each annotator
  got wrong, pass/fail against a threshold. `feedback_sheet` turns one annotator's result into a
  short Markdown sheet quoting (offline) or explaining (with an LLM) the rule behind each mistake.

How "similar" is measured: texts are embedded with the offline `HashingEmbedder` (character
n-grams, no download); two labels are as confusable as the cosine similarity of the centroids of
the quiz-able examples whose answer is each label (a negative example counts for the label it
really is, its `correct_label`).

The code lives in small modules; this module keeps the public names importable from one place:
`similarity` (confusable pairs, teaching examples), `pack` (the training pack), `quiz` (the quiz and its
exports), `scoring` (scores) and `feedback` (feedback sheet, scores summary).
"""

from __future__ import annotations

from assistant.training.feedback import FEEDBACK_PROMPT, feedback_sheet, format_scores, safe_filename
from assistant.training.pack import training_pack, training_pack_docx
from assistant.training.quiz import (
    CONFUSION_BONUS,
    GOLD_SOURCE,
    KEY_COLUMNS,
    QUIZ_FORMATS,
    Quiz,
    QuizItem,
    QuizKind,
    RuleSource,
    export_answer_key,
    export_quiz,
    make_quiz,
    quiz_format,
)
from assistant.training.scoring import AnnotatorScore, Mistake, QuizScores, RuleMissed, score_quiz
from assistant.training.similarity import ConfusablePair, clearest_positive, confusable_pairs, most_confusable_negative

__all__ = [
    "AnnotatorScore", "CONFUSION_BONUS", "ConfusablePair", "FEEDBACK_PROMPT", "GOLD_SOURCE", "KEY_COLUMNS", "Mistake",
    "QUIZ_FORMATS", "Quiz", "QuizItem", "QuizKind", "QuizScores", "RuleMissed", "RuleSource",
    "clearest_positive", "confusable_pairs", "export_answer_key", "export_quiz", "feedback_sheet", "format_scores",
    "make_quiz", "most_confusable_negative", "quiz_format", "safe_filename", "score_quiz", "training_pack",
    "training_pack_docx",
]
