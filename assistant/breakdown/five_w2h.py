"""Step 1: a vague request becomes a 5W2H breakdown with ranked clarifying questions.

Two engines, one contract (`Breakdown`):
- offline: the extractors keep what the request states (volume, deadline, budget, ...), the
  nearest past projects in the knowledge base suggest task type, labels and domain (marked
  `from_past_project`), and every other field is `missing` with a question. Nothing is invented.
- LLM: the `breakdown` prompt with the nearest past projects and the extracted facts as context,
  structured output into `BreakdownDraft`; stated numbers must quote the request.

Answers to the questions (`apply_answers`) produce a new breakdown; nothing earlier is lost.

The engines, the questions and the answers live in `offline`, `llm_draft`, `questions` and `answers` (with
`request_input` and `cues`); their public names stay importable from here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assistant.breakdown.answers import apply_answers
from assistant.breakdown.cues import DOMAIN_CUES, GOAL_PATTERNS, LABEL_PATTERNS, LABEL_SPLIT, TASK_TYPE_CUES, USAGE_CUES, stated_labels
from assistant.breakdown.email_thread import thread_reading
from assistant.breakdown.extract import request_language
from assistant.breakdown.llm_draft import NUMERIC_FIELDS, guard_stated, llm_draft
from assistant.breakdown.offline import MIN_SIMILARITY, first_clause, offline_draft
from assistant.breakdown.questions import rank_questions
from assistant.breakdown.request_input import MAX_REQUEST_CHARS, output_language, validate_request
from assistant.breakdown.request_labels import find_labels
from assistant.core.models import Breakdown, PastProject, SimilarProject

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

    from assistant.llm.chat import LLM

__all__ = [
    "DOMAIN_CUES", "GOAL_PATTERNS", "LABEL_PATTERNS", "LABEL_SPLIT", "MAX_REQUEST_CHARS",
    "MIN_SIMILARITY", "NUMERIC_FIELDS", "TASK_TYPE_CUES", "USAGE_CUES", "apply_answers", "break_down",
    "find_similar_projects", "first_clause", "guard_stated", "llm_draft", "offline_draft", "output_language", "rank_questions",
    "stated_labels", "validate_request",
]


# ---------------------------------------------------------------------------------------------
# Knowledge
# ---------------------------------------------------------------------------------------------
def find_similar_projects(kb: "KnowledgeBase", request: str, k: int = 3) -> list[SimilarProject]:
    hits = kb.search(request, k, kind="project")
    return [SimilarProject(id=h.project, name=h.project_name, task_type=h.task_type, score=h.score) for h in hits]


# ---------------------------------------------------------------------------------------------
# The step
# ---------------------------------------------------------------------------------------------
def break_down(
    request: str,
    kb: "KnowledgeBase",
    past_projects: dict[str, PastProject],
    llm: "LLM | None" = None,
    *,
    today: date | None = None,
) -> Breakdown:
    """Break a request down with the LLM when one is given, else with the offline engine."""
    request = validate_request(request)
    today = today or date.today()
    language = request_language(request)
    similar = find_similar_projects(kb, request)
    if llm is None:
        draft, assumptions = offline_draft(request, similar, past_projects, today)
        engine, model, prompt_version = "offline", None, None
    else:
        draft, notes, model, prompt_version = llm_draft(request, llm, similar, past_projects, today)
        assumptions = [*draft.assumptions, *notes]
        engine = "llm"
    questions = rank_questions(draft, language, draft.questions)
    named = find_labels(thread_reading(request))
    return Breakdown(
        **draft.model_dump(exclude={"questions", "assumptions"}),
        questions=questions,
        assumptions=assumptions,
        request=request,
        ordinal=named.ordinal if named else None,
        language=language,
        similar_projects=similar,
        engine=engine,
        model=model,
        prompt_version=prompt_version,
    )
