"""Step 1: a vague request becomes a 5W2H breakdown with ranked clarifying questions.

Two engines, one contract (`Breakdown`):
- offline: the extractors keep what the request states (volume, deadline, budget, ...), the
  nearest past projects in the knowledge base suggest task type, labels and domain (marked
  `from_past_project`), and every other field is `missing` with a question. Nothing is invented.
- LLM: the `breakdown` prompt with the nearest past projects and the extracted facts as context,
  structured output into `BreakdownDraft`; stated numbers must quote the request.

Answers to the questions (`apply_answers`) produce a new breakdown; nothing earlier is lost.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from assistant.core.errors import InputError
from assistant.breakdown.extract import (
    Fact,
    extract_budget,
    extract_deadline,
    extract_facts,
    extract_target_agreement,
    extract_volume,
    request_language,
)
from assistant.core.fields import BY_PATH, FIELDS
from assistant.core.models import (
    Breakdown,
    BreakdownDraft,
    BreakdownField,
    FieldStatus,
    PastProject,
    Question,
    SimilarProject,
    TaskType,
)
from assistant.llm.prompts import load_prompt
from assistant.breakdown.past_figures import hold_past_figures
from assistant.breakdown.request_facts import (
    _fill_deadline_forms,
    _fill_volume_forms,
    _inferred,
    _set_task_type,
    _stated,
    fill_budget_forms,
    fill_target_forms,
    fill_team_forms,
    hold_to_request,
)
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.breakdown.volume_scope import scope_volume

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

    from assistant.llm.chat import LLM

MAX_REQUEST_CHARS = 20_000
MIN_SIMILARITY = 0.12  # below this a past project is not similar enough to borrow from
NUMERIC_FIELDS = ("how_much.volume", "how_much.budget", "when.deadline", "how_much.time_per_item", "how_much.target_agreement")


# ---------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------
def validate_request(text: str | None) -> str:
    """The request, stripped; empty, blank and over-long requests are refused."""
    if text is None or not text.strip():
        raise InputError("the request is empty: describe what data you need (e.g. 我们想让客服机器人更懂用户的投诉)")
    text = text.strip()
    if len(text) > MAX_REQUEST_CHARS:
        raise InputError(
            f"the request is {len(text):,} characters; the limit is {MAX_REQUEST_CHARS:,}. "
            "Summarise it, and attach sample data as a file instead of pasting it"
        )
    return text


def output_language(language: str) -> str:
    """Breakdowns of mixed Chinese-English requests are written in Chinese."""
    return "en" if language == "en" else "zh"


# ---------------------------------------------------------------------------------------------
# Knowledge
# ---------------------------------------------------------------------------------------------
def find_similar_projects(kb: "KnowledgeBase", request: str, k: int = 3) -> list[SimilarProject]:
    hits = kb.search(request, k, kind="project")
    return [SimilarProject(id=h.project, name=h.project_name, task_type=h.task_type, score=h.score) for h in hits]


# ---------------------------------------------------------------------------------------------
# Keyword cues the offline engine reads (explicit words only)
# ---------------------------------------------------------------------------------------------
TASK_TYPE_CUES: dict[TaskType, str] = {
    TaskType.sentiment: r"情绪|情感|满意度|正负面|sentiment|emotion|satisfaction|\btone\b",
    TaskType.intent_classification: r"意图|分流|intent|routing",
    TaskType.topic_classification: r"主题分类|话题分类|topic|categor(?:y|ies|ise|ize)",
    TaskType.content_safety: r"审核|违规|有害|涉黄|辱骂|moderation|toxic|harmful|unsafe|abusive",
    TaskType.ner: r"实体|命名实体|NER\b|entit(?:y|ies)",
    TaskType.search_relevance: r"相关性|搜索结果|relevance|search results?",
    TaskType.response_preference: r"偏好|哪个回答更好|回答对比|preference|which (?:answer|response) is better|RLHF|DPO",
    TaskType.summarization_quality: r"摘要|总结质量|summar(?:y|ies|isation|ization)",
    TaskType.image_description: r"图片描述|图像描述|配文|caption|image description",
}
DOMAIN_CUES: dict[str, str] = {
    "e-commerce": r"电商|商城|网店|淘宝|购物|e-?commerce|online (?:shop|store)|\bshop\b|\bstore\b",
    "banking": r"银行|金融|信用卡|\bbank(?:ing)?\b|fintech",
    "healthcare": r"医疗|病历|医院|患者|medical|clinical|patient|health",
    "news": r"新闻|\bnews\b",
    "social media": r"社交|评论区|微博|social media|comments section",
    "mobile apps": r"应用商店|\bapp store\b|\bapps?\b",
    "customer service": r"客服|售后|customer (?:service|support)|support (?:bot|team|tickets?)|help ?desk",
}
USAGE_CUES: dict[str, str] = {
    "training data": r"训练|微调|fine-?tun|\btrain(?:ing)?\b",
    "evaluation set": r"评测|评估|测试集|\bevaluat|benchmark|test set",
}
GOAL_PATTERNS = (
    re.compile(r"(?:想让|希望|为了|目的是|以便|好让|便于|用来|用于)(?P<goal>[^，。,；;！!？?\n]{2,60})"),
    re.compile(r"(?:so that|so|in order to)\s+(?P<goal>(?:we|the|our|they|recruiters|adjusters|agents|users|it|people)\b[^,.;!?\n]{3,100})", re.I),
    re.compile(r"\b(?:for an?|for our)\s+(?P<goal>[\w -]{3,40}?\b(?:tool|model|system|index|dashboard|report|app|product|engine|bot))\b", re.I),
    re.compile(r"(?:so that|in order to|to help|to make|we want to|we'd like to|we need to|aim(?:ing)? to)\s+(?P<goal>[^,.;!?\n]{3,100})", re.I),
    re.compile(r"(?:we need|we want|need)\s+(?P<goal>better [^,.;!?\n]{3,80})", re.I),
)
LABEL_PATTERNS = (
    re.compile(r"(?:标签(?:分为|分成|为|是|有|包括)?|分为|分成|类别(?:为|有|包括)?)[:：]?\s*(?P<labels>[^，。；;,\n]{2,120})"),
    re.compile(r"\b(?:labels?|categories|classes)\s*(?:are|:|like|such as|would be)\s*(?P<labels>[^.;\n]{2,160})", re.I),
)
LABEL_SPLIT = re.compile(r"\s*(?:、|，|,|/|；|\bor\b|\band\b|和|或|以及)\s*")


def _first(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, re.I)


def stated_labels(text: str) -> tuple[list[str], str] | None:
    """Labels the request lists explicitly ("分为正面、负面、中性", "labels: spam, ham")."""
    for pattern in LABEL_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        labels = [part.strip(" \"'“”‘’。.") for part in LABEL_SPLIT.split(match.group("labels"))]
        labels = [label for label in labels if label and len(label) <= 30]
        if len(labels) >= 2:
            return labels, match.group(0)
    return None


# ---------------------------------------------------------------------------------------------
# Offline engine
# ---------------------------------------------------------------------------------------------
def _borrowed(value: Any, project: SimilarProject) -> BreakdownField:
    return BreakdownField(
        value=value,
        status=FieldStatus.from_past_project,
        confidence=round(min(0.85, 0.3 + project.score), 2),
        source=project.id,
        evidence=f"{project.name} (similarity {project.score:.2f})",
    )


METHOD_BY_TASK = {
    TaskType.sentiment: "single-label classification per item",
    TaskType.intent_classification: "single-label classification per item",
    TaskType.topic_classification: "single-label classification per item",
    TaskType.content_safety: "single-label classification per item (policy violation type)",
    TaskType.ner: "span annotation: mark each entity's characters and type",
    TaskType.search_relevance: "ordinal rating of each query–result pair",
    TaskType.response_preference: "pairwise comparison of two responses",
    TaskType.summarization_quality: "ordinal rating of each summary against its source",
    TaskType.image_description: "rating each image description against the image",
}
METHOD_BY_TASK_ZH = {
    TaskType.sentiment: "单标签分类（每条一个标签）",
    TaskType.intent_classification: "单标签分类（每条一个标签）",
    TaskType.topic_classification: "单标签分类（每条一个标签）",
    TaskType.content_safety: "单标签分类（违规类型）",
    TaskType.ner: "片段标注：标出每个实体的位置和类型",
    TaskType.search_relevance: "对每个“查询-结果”对做等级打分",
    TaskType.response_preference: "两个回答的成对比较",
    TaskType.summarization_quality: "对照原文给摘要做等级打分",
    TaskType.image_description: "对照图片给描述打分",
}


def _facts_by_kind(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    grouped: dict[str, list[Fact]] = {}
    for fact in facts:
        grouped.setdefault(fact.kind, []).append(fact)
    return grouped


def _fill_from_facts(draft: BreakdownDraft, facts: dict[str, list[Fact]], language: str) -> None:
    """Put stated facts where they belong (used for requests and for free-text answers)."""
    if "volume" in facts:
        fact = facts["volume"][0]
        draft.how_much.volume = _stated(fact.value, fact)
    if "deadline" in facts:
        fact = facts["deadline"][0]
        draft.when.deadline = _stated(fact.value, fact, 0.85 if fact.relative else 0.95)
    if "budget" in facts:
        fact = facts["budget"][0]
        draft.how_much.budget = _stated(fact.value, fact)
    elif "unit_price" in facts:
        fact = facts["unit_price"][0]
        draft.how_much.budget = _stated({**fact.value, "per": "item"}, fact)  # type: ignore[dict-item]  # a unit price is a dict
    if "overlap" in facts:
        fact = facts["overlap"][0]
        draft.how.steps = _stated({"annotators_per_item": fact.value}, fact)
    if "time_per_item" in facts:
        fact = facts["time_per_item"][0]
        draft.how_much.time_per_item = _stated(fact.value, fact)
    if "target_agreement" in facts:
        fact = facts["target_agreement"][0]
        draft.how_much.target_agreement = _stated(fact.value, fact)
    if "annotators" in facts:
        fact = facts["annotators"][0]
        draft.who.annotator_profile = _stated({"count": fact.value}, fact)
    if "qa_rate" in facts:
        fact = facts["qa_rate"][0]
        draft.how.qa_plan = _stated({"sample_rate": fact.value}, fact)
    if "language" in facts:
        codes = list(dict.fromkeys(str(f.value) for f in facts["language"]))
        draft.where.language = _stated(codes, " / ".join(f.evidence for f in facts["language"]))
    if "channel" in facts:
        channels = list(dict.fromkeys(str(f.value) for f in facts["channel"]))
        draft.where.channel = _stated(channels[0] if len(channels) == 1 else channels, facts["channel"][0])
    if "modality" in facts:
        modalities = list(dict.fromkeys(str(f.value) for f in facts["modality"]))
        draft.what.data_modality = _stated(modalities[0] if len(modalities) == 1 else modalities, facts["modality"][0])


def first_clause(request: str, limit: int = 80) -> str:
    """The request's first sentence, or its first clause when that sentence is long."""
    sentence = re.split(r"(?<=[。！？!?])|(?<=[.;])\s|\n", request.strip())[0].strip() or request.strip()
    if len(sentence) > limit:
        sentence = re.split(r"[,，;；]", sentence)[0].strip() or sentence
    return sentence[:300]


def offline_draft(
    request: str, similar: list[SimilarProject], past: dict[str, PastProject], today: date
) -> tuple[BreakdownDraft, list[str]]:
    """The offline breakdown of a request, and the assumptions it made."""
    language = output_language(request_language(request))
    zh = language == "zh"
    draft = BreakdownDraft()
    assumptions: list[str] = []
    _fill_from_facts(draft, _facts_by_kind(extract_facts(request, today)), language)
    _fill_volume_forms(draft, request, zh)
    scope_volume(draft, request, zh)  # containers, corpus totals and sizes are not the item volume
    _fill_deadline_forms(draft, request, today)
    fill_target_forms(draft, request)
    fill_budget_forms(draft, request)
    fill_team_forms(draft, request)
    hold_past_figures(draft, request)  # "last year we only reached 72%" is history, not the target

    draft.what.task_statement = _stated(first_clause(request), first_clause(request), 0.6)

    # Labels the request names are the candidate labels; past projects only suggest when it names none.
    named = find_labels(request)
    candidates = [p for p in similar if p.score >= MIN_SIMILARITY]
    prior_project = candidates[0] if candidates else None
    prior = TaskType(prior_project.task_type) if prior_project and prior_project.task_type in TaskType._value2member_map_ else None
    # Task type: the request's own words, weighted; the nearest past project is only a prior.
    signal = read_task_type(request, named.labels if named else None, prior, ordinal=bool(named and named.ordinal))
    _set_task_type(draft, signal, prior_project, zh, assumptions)
    if signal.task_type is not None:
        candidates = [p for p in candidates if p.task_type == signal.task_type.value]
    nearest = candidates[0] if candidates else None

    if named:
        draft.what.candidate_labels = _stated(named.labels, named.quote, 0.9)
    elif nearest and nearest.id in past:
        project = past[nearest.id]
        draft.what.candidate_labels = _borrowed([label.name for label in project.rules.labels], nearest)
        assumptions.append(
            f"候选标签仅为建议：取自历史项目 {nearest.id} 的标签集，需要按本次业务调整"
            if zh
            else f"Candidate labels are only a suggestion: the label set of past project {nearest.id}; adapt them to this request"
        )

    task_type = draft.what.task_type.value
    if task_type and draft.what.data_modality.status == FieldStatus.missing:
        modality = "image" if task_type == TaskType.image_description.value else "text"
        draft.what.data_modality = _inferred(modality, None, 0.5)
    if task_type:
        method = (METHOD_BY_TASK_ZH if zh else METHOD_BY_TASK).get(TaskType(task_type))
        if method:
            draft.how.method = _inferred(method, None, 0.6)

    for domain, pattern in DOMAIN_CUES.items():
        match = _first(pattern, request)
        if match:
            draft.where.domain = _stated(domain, match.group(0), 0.7)
            break
    else:
        if nearest and nearest.id in past:
            draft.where.domain = _borrowed(past[nearest.id].domain, nearest)

    if draft.where.language.status == FieldStatus.missing:
        script = request_language(request)
        codes = ["zh", "en"] if script == "mixed" else [script]
        draft.where.language = _inferred(codes, None, 0.5)
        assumptions.append("数据语言按需求本身的语言推断" if zh else "The data is assumed to be in the request's language")

    for goal_pattern in GOAL_PATTERNS:
        match = goal_pattern.search(request)
        if match:
            draft.why.business_goal = _stated(match.group("goal").strip(), match.group(0).strip(), 0.7)
            break
    for usage, pattern in USAGE_CUES.items():
        match = _first(pattern, request)
        if match:
            draft.why.data_usage = _stated(usage, match.group(0), 0.8)
            break

    if draft.how_much.target_agreement.status == FieldStatus.missing:
        assumptions.append(
            "试标一致率目标暂按常用的 80% 规划，待需求方确认" if zh else "Trial-round agreement is planned at the usual 80% until the requester sets a target"
        )
    return draft, assumptions


# ---------------------------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------------------------
def rank_questions(draft: BreakdownDraft, language: str, proposed: Iterable[Question] = ()) -> list[Question]:
    """Questions for missing fields and for borrowed or uncertain answers, most decision-relevant first.

    Questions an LLM proposed are kept (their wording), placed by the weight of the field they settle.
    """
    zh = output_language(language) == "zh"
    by_field: dict[str, Question] = {}
    for question in proposed:
        if question.field in BY_PATH and draft.field(question.field).status == FieldStatus.stated:
            continue  # already answered
        by_field.setdefault(question.field, question)
    for spec in FIELDS:
        current = draft.field(spec.path)
        if spec.path in by_field:
            continue
        if current.status == FieldStatus.missing:
            reason = "需求中未提及" if zh else "not stated in the request"
            by_field[spec.path] = Question(rank=1, field=spec.path, question=spec.question(language), reason=reason)
        elif current.status == FieldStatus.from_past_project and spec.weight >= 60:
            shown = "、".join(current.value) if zh and isinstance(current.value, list) else (
                ", ".join(current.value) if isinstance(current.value, list) else str(current.value)
            )
            question = (
                f"{spec.question(language)}（参考历史项目 {current.source}：{shown}）"
                if zh
                else f"{spec.question(language)} (past project {current.source} used: {shown})"
            )
            reason = "取自相似历史项目，需确认" if zh else "borrowed from a similar past project; confirm"
            by_field[spec.path] = Question(rank=1, field=spec.path, question=question, reason=reason)

    def weight(question: Question) -> tuple[int, str]:
        spec = BY_PATH.get(question.field)
        return (-(spec.weight if spec else 50), question.field)

    ordered = sorted(by_field.values(), key=weight)
    return [question.model_copy(update={"rank": rank}) for rank, question in enumerate(ordered, 1)]


# ---------------------------------------------------------------------------------------------
# LLM engine
# ---------------------------------------------------------------------------------------------
def _describe_past(project: PastProject, score: float) -> str:
    labels = "; ".join(f"{label.name}: {label.definition}" for label in project.rules.labels)
    w = project.five_w2h
    return (
        f"- id: {project.id} (similarity {score:.2f}); task type {project.task_type.value}; domain {project.domain}; "
        f"language {project.language.value}\n  what: {w.what}\n  how much: {w.how_much}\n  labels: {labels}"
    )


def _describe_facts(facts: list[Fact]) -> str:
    if not facts:
        return "(none found)"
    return "\n".join(f"- {fact.kind}: {fact.value!r} from «{fact.evidence}»" for fact in facts)


def _normalised(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def guard_stated(draft: BreakdownDraft, sources: str, previous: BreakdownDraft | None = None) -> list[str]:
    """A `stated` number, date or budget must quote the request (or answer); otherwise it is dropped, and said so.

    Fields equal to the `previous` breakdown's were checked before and are left alone.
    """
    notes = []
    haystack = _normalised(sources)
    for path in NUMERIC_FIELDS:
        current = draft.field(path)
        if current.status != FieldStatus.stated:
            continue
        if previous is not None and previous.field(path) == current:
            continue
        if current.evidence and _normalised(current.evidence) in haystack:
            continue
        dimension, name = path.split(".")
        setattr(getattr(draft, dimension), name, BreakdownField())
        notes.append(f"dropped {path}={current.value!r}: the model gave no quote from the request for it")
    return notes


def llm_draft(
    request: str,
    llm: "LLM",
    similar: list[SimilarProject],
    past: dict[str, PastProject],
    today: date,
) -> tuple[BreakdownDraft, list[str], str, str]:
    """The LLM breakdown; returns draft, notes, model and prompt version."""
    prompt = load_prompt("breakdown")
    language = output_language(request_language(request))
    context = "\n".join(_describe_past(past[p.id], p.score) for p in similar if p.id in past) or "(no similar past projects)"
    result = llm.structured(
        prompt,
        {
            "request": request,
            "today": today.isoformat(),
            "language": "Chinese (简体中文)" if language == "zh" else "English",
            "similar_projects": context,
            "facts": _describe_facts(extract_facts(request, today)),
        },
        BreakdownDraft,
        step="breakdown",
    )
    draft = result.value
    notes = [*getattr(result, "repairs", []), *guard_stated(draft, request)]
    notes += hold_to_request(draft, request, output_language(request_language(request)) == "zh")
    known = {p.id for p in similar}
    for path, current in draft.fields():
        if current.status == FieldStatus.from_past_project and current.source not in known:
            dimension, name = path.split(".")
            setattr(getattr(draft, dimension), name, current.model_copy(update={"status": FieldStatus.inferred, "source": None}))
    return draft, notes, result.model, prompt.version


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
    named = find_labels(request)
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


# ---------------------------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------------------------
def _coerce_answer(path: str, raw: Any, today: date) -> tuple[Any, str]:
    """Turn an answer into the field's value; numbers, dates and money are parsed, never guessed."""
    text = str(raw).strip()
    if not text:
        raise InputError(f"the answer for {path} is empty")
    if path == "how_much.volume":
        if isinstance(raw, int) or text.isdigit():
            return int(text), text
        found = extract_volume(text if re.search(r"条|个|张|份|件|item|sample|row|record", text, re.I) else f"{text}条")
        if found:
            return found[0].value, text
        raise InputError(f"cannot read a volume from {text!r} for {path}: give a number such as 30000 or 3万")
    if path == "when.deadline":
        try:
            return date.fromisoformat(text).isoformat(), text
        except ValueError:
            found = extract_deadline(text if re.search(r"前|by|before|within|内", text) else f"{text}前", today)
            if found:
                return found[0].value, text
        raise InputError(f"cannot read a date from {text!r} for {path}: give a date such as 2026-12-31 or 12月31日")
    if path == "how_much.budget":
        found = extract_budget(text if re.search(r"预算|budget", text, re.I) else f"预算{text}")
        if found:
            return found[0].value, text
        raise InputError(f"cannot read an amount from {text!r} for {path}: give an amount such as 20000元 or $3,000")
    if path == "how_much.target_agreement":
        try:
            value = float(text.rstrip("%")) / (100 if text.endswith("%") or float(text.rstrip("%")) > 1 else 1)
            if 0 <= value <= 1:
                return value, text
        except ValueError:
            found = extract_target_agreement(text)
            if found:
                return found[0].value, text
        raise InputError(f"cannot read a target from {text!r} for {path}: give a share such as 0.8 or 80%")
    if path == "how_much.time_per_item":
        try:
            return float(text), text
        except ValueError:
            from assistant.breakdown.extract import extract_time_per_item

            found = extract_time_per_item(text if re.search(r"每|per", text) else f"每条{text}")
            if found:
                return found[0].value, text
        raise InputError(f"cannot read a duration from {text!r} for {path}: give seconds such as 30")
    if path in ("what.candidate_labels", "where.language"):
        if isinstance(raw, list):
            return [str(item).strip() for item in raw if str(item).strip()], text
        named = find_labels(text) if path == "what.candidate_labels" else None
        if named:
            return named.labels, text
        return [part for part in LABEL_SPLIT.split(text) if part], text
    if path == "what.task_type" and text not in TaskType._value2member_map_:
        signal = read_task_type(text)
        if signal.task_type is not None and not signal.ambiguous:
            return signal.task_type.value, text
        raise InputError(f"cannot read a task type from {text!r} for {path}: use one of {', '.join(t.value for t in TaskType)}")
    return (raw if isinstance(raw, (int, float, list, dict)) else text), text


RETIRED_BY_TARGET = (
    "试标一致率目标暂按常用的 80% 规划，待需求方确认",
    "Trial-round agreement is planned at the usual 80% until the requester sets a target",
)


def apply_answers(
    breakdown: Breakdown,
    answers: dict[str, Any] | None = None,
    *,
    text: str | None = None,
    llm: "LLM | None" = None,
    today: date | None = None,
) -> Breakdown:
    """A new breakdown with the requester's answers applied; unanswered questions stay open.

    `answers` maps field paths (``how_much.volume``) to values. `text` is a free-text answer: the
    LLM, when given, applies it to the whole breakdown; offline, the stated facts are extracted
    from it as from a request.
    """
    today = today or date.today()
    answers = dict(answers or {})
    unknown = [path for path in answers if path not in BY_PATH]
    if unknown:
        raise InputError(f"unknown breakdown field(s) {unknown}; fields are: {', '.join(BY_PATH)}")
    if not answers and not (text and text.strip()):
        raise InputError("no answers given")
    if text and len(text) > MAX_REQUEST_CHARS:
        raise InputError(f"the answer is {len(text):,} characters; the limit is {MAX_REQUEST_CHARS:,}")
    draft = BreakdownDraft.model_validate(breakdown.model_dump(include=set(BreakdownDraft.model_fields)))
    notes: list[str] = []
    ordinal = breakdown.ordinal
    if text and text.strip() and llm is not None:
        import json

        prompt = load_prompt("breakdown_update")
        result = llm.structured(
            prompt,
            {
                "request": breakdown.request,
                "breakdown": json.dumps(draft.model_dump(mode="json"), ensure_ascii=False),
                "answer": text.strip(),
                "today": today.isoformat(),
                "language": "Chinese (简体中文)" if output_language(breakdown.language) == "zh" else "English",
            },
            BreakdownDraft,
            step="answer",
        )
        previous, draft = draft, result.value
        notes = [*getattr(result, "repairs", []), *guard_stated(draft, breakdown.request + "\n" + text, previous)]
    elif text and text.strip():
        facts = _facts_by_kind(extract_facts(text, today))
        zh = output_language(breakdown.language) == "zh"
        _fill_from_facts(draft, facts, output_language(breakdown.language))
        _fill_volume_forms(draft, text, zh, answer=True)
        if "deadline" not in facts:
            _fill_deadline_forms(draft, text, today, answer=True)
        if "target_agreement" not in facts:
            fill_target_forms(draft, text)
        if "annotators" not in facts:
            fill_team_forms(draft, text, answer=True)
        named = find_labels(text)
        if named:
            draft.what.candidate_labels = _stated(named.labels, named.quote, 0.95)
            ordinal = named.ordinal
        else:
            labels = stated_labels(text)
            if labels:
                draft.what.candidate_labels = _stated(labels[0], labels[1], 0.95)
        signal = read_task_type(text, named.labels if named else None, ordinal=bool(named and named.ordinal))
        if signal.task_type is not None and not signal.ambiguous:
            draft.what.task_type = _stated(signal.task_type.value, f"answer: {signal.evidence or text.strip()[:80]}", 0.95)
    for path, raw in answers.items():
        value, evidence = _coerce_answer(path, raw, today)
        dimension, name = path.split(".")
        setattr(getattr(draft, dimension), name, _stated(value, f"answer: {evidence}", 1.0))
        if path == "what.candidate_labels":
            named = find_labels(str(raw)) if not isinstance(raw, list) else None
            ordinal = named.ordinal if named else (False if ordinal else ordinal)
    assumptions = list(breakdown.assumptions)
    if draft.how_much.target_agreement.status == FieldStatus.stated:
        # the requester set a target: the planning assumption it settles is retired
        assumptions = [a for a in assumptions if a not in RETIRED_BY_TARGET]
    if draft.what.task_type.status == FieldStatus.stated:
        assumptions = [a for a in assumptions if not a.startswith(("任务类型", "Task type"))]
    if draft.what.candidate_labels.status == FieldStatus.stated:
        assumptions = [a for a in assumptions if not a.startswith(("候选标签", "Candidate labels"))]
    given = [*(f"{path}={raw}" for path, raw in answers.items()), *([text.strip()] if text and text.strip() else [])]
    # Earlier questions stay open while their field is unchanged; answered ones drop out.
    open_questions = [
        q for q in breakdown.questions if q.field not in BY_PATH or draft.field(q.field) == breakdown.field(q.field)
    ]
    questions = rank_questions(draft, breakdown.language, open_questions)
    return breakdown.model_copy(
        update={
            **{dimension: getattr(draft, dimension) for dimension in ("what", "why", "when", "who", "where", "how", "how_much")},
            "questions": questions,
            "assumptions": [*assumptions, *notes],
            "answers": [*breakdown.answers, *given],
            "ordinal": ordinal,
            "version": None,
            "created": None,
        }
    )
