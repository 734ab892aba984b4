"""The offline breakdown engine: the extractors keep what the request states, the nearest past projects in the
knowledge base suggest task type, labels and domain (marked `from_past_project`), and every other field is
`missing` with a question. Nothing is invented."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from assistant.breakdown.purpose import not_a_purpose, read_purpose, setting_purpose
from assistant.breakdown.purpose_more import KNOWING, more_purpose
from assistant.breakdown.purpose_reasons import passing_reason, when_or_how_much
from assistant.breakdown.purpose_wishes import not_a_reason, reason_after_ask
from assistant.breakdown.cues import DOMAIN_CUES, GOAL_PATTERNS, USAGE_CUES, _first
from assistant.breakdown.email_thread import restore_thread_quotes, thread_reading
from assistant.breakdown.extract import Fact, extract_facts, request_language
from assistant.breakdown.past_figures import hold_past_figures
from assistant.breakdown.deadline_choice import choose_deadline
from assistant.breakdown.deadline_said import read_said_deadlines
from assistant.breakdown.doc_fields import document_figures
from assistant.breakdown.form_figures import form_figures
from assistant.breakdown.deadline_en import restate_deadline
from assistant.breakdown.deadline_late import late_deadline
from assistant.breakdown.deadline_relayed import relayed_deadline
from assistant.breakdown.budget_more import name_the_dollar, read_more_budget
from assistant.breakdown.number_corrections import correct_numbers
from assistant.breakdown.number_forms import number_text, restore_quotes
from assistant.breakdown.team_more import more_team
from assistant.breakdown.team_en import english_team
from assistant.breakdown.figure_guards import guard_figures
from assistant.breakdown.figures_en import english_figures
from assistant.breakdown.request_facts import (
    _fill_deadline_forms,
    _fill_volume_forms,
    _inferred,
    _set_task_type,
    _stated,
    fill_budget_forms,
    fill_target_forms,
    fill_team_forms,
)
from assistant.breakdown.request_input import output_language
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.breakdown.spoken_counts import read_spoken_counts
from assistant.breakdown.team_offered import offered_team
from assistant.breakdown.volume_choice import choose_volume
from assistant.breakdown.volume_en import english_volume
from assistant.breakdown.revisions_en import apply_revisions
from assistant.breakdown.volume_field import guard_volume, read_budget_cap
from assistant.breakdown.volume_scope import scope_volume
from assistant.core.messages import text as message_text
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus, PastProject, SimilarProject, TaskType

MIN_SIMILARITY = 0.12  # below this a past project is not similar enough to borrow from


def _borrowed(value: Any, project: SimilarProject) -> BreakdownField:
    return BreakdownField(
        value=value,
        status=FieldStatus.from_past_project,
        confidence=round(min(0.85, 0.3 + project.score), 2),
        source=project.id,
        evidence=f"{project.name} (similarity {project.score:.2f})",
    )


# the method of each task type is the catalogue id `breakdown.method.<task type>`, in the request's language
METHOD_TASKS = frozenset(TaskType) - {TaskType.other}


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


# Lines that open a message but say nothing of the task: salutations, chat and mail headers, self-introductions
# cut short ("Hi Sam,", "各位老师：", "Subject: …", "【飞书】", "[voice memo transcript] ok so uh", "在吗在吗").
_HEADER_LINE = re.compile(
    r"^(?:subject|from|to|cc|re|fwd?|ticket|matter|notes?|attendees|agenda|date|priority|slack|主题|发件人|收件人|转发|需求简述|参会人)\b\s*[#:：\-—]|"
    r"^(?:slack\s*)?#[\w-]+\s*$|^[\[【（(][^\]】）)]{0,30}[\]】）)]\s*(?:[@＠]\S+\s*)*$",
    re.I,
)
_GREETING = re.compile(
    r"^(?:[@＠]\S+\s*)*(?:(?:hi|hey|hello|dear|morning|greetings|yo|ok|so|um|uh)\b|嗨|哈喽|您好|你好|大家好|各位|在吗|喂|亲[，,～~ ]|早[，,～~ 上安])",
    re.I,
)
# Words that ask for something: the sentence that holds one says what the task is.
_ASK = re.compile(
    r"想|需要|要把|要找|帮忙|帮我|请|麻烦|标注|标一|标出|分成|分为|分类|归类|抽取|找出|判断|打分|评分|核一下|审核|检查|对比|比较|"
    r"\b(?:need|needs|want|wants|looking|label|labell?(?:ing|ed)|tag|tagg?(?:ing|ed)|classif(?:y|ied)|rate|rated|rating|sort|sort(?:ing|ed)|"
    r"mark|marked|flag|flagged|pull out|extract|check|review|compare|judge|score|scored|screen|annotat\w*|categori[sz]ed?|"
    r"(?:would|'d) like)\b",
    re.I,
)


_TAGS = re.compile(r"^(?:[\[【（(][^\]】）)]{0,30}[\]】）)]\s*|[@＠]\S+\s*)+")


def _says_nothing(sentence: str) -> bool:
    """A salutation, a header or a greeting: an opening line with nothing of the task in it."""
    if _HEADER_LINE.search(sentence):
        return True
    sentence = _TAGS.sub("", sentence).strip()  # "【飞书】Hi 各位", "（语音转文字）喂小陈啊", "@标注组 张工"
    if len(sentence) <= 4 and not _ASK.search(sentence):
        return True
    if not re.search(r"[\u4e00-\u9fff]", sentence) and len(sentence.split()) <= 2 and not _ASK.search(sentence):
        return True  # "yo", "Chen, L." (a name cut by the sentence split)
    short = len(sentence) <= 40 and len(sentence.split()) <= 7
    if short and sentence.rstrip()[-1:] in ",，:：" and (_GREETING.search(sentence) or not _ASK.search(sentence)):
        return True  # "Hi 各位标注同学，", "各位老师："
    return short and bool(_GREETING.search(sentence)) and not _ASK.search(sentence)


def first_clause(request: str, limit: int = 80) -> str:
    """The request's first sentence that says what is wanted (openings such as "Hi Sam," or "主题：" are skipped),
    from its clause that asks when that sentence is long (at most about twice `limit`)."""
    sentences = [part.strip() for part in re.split(r"(?<=[。！？!?])|(?<=[.;])\s|\n", request.strip()) if part.strip()]
    if not sentences:
        return request.strip()[:300]
    opening = [sentence for sentence in sentences[:6] if not _says_nothing(sentence)]
    sentence = next((s for s in opening if _ASK.search(s)), opening[0] if opening else sentences[0])
    pieces = [piece for piece in re.split(r"(?<=[,，;；])", sentence) if piece.strip()]
    if len(sentence) > limit or (len(pieces) > 1 and _says_nothing(pieces[0].strip(" ,，;；"))):
        # a long sentence, or one that opens with a greeting: from its clause that asks ("喂小陈啊，…，我想让你们帮忙分一下类")
        said = [i for i, piece in enumerate(pieces) if not _says_nothing(piece.strip(" ,，;；"))]
        start = next((i for i in said if _ASK.search(pieces[i])), said[0] if said else 0)
        kept = ""
        for piece in pieces[start:]:
            if kept and len(kept) + len(piece) > 2 * limit:
                break
            kept += piece
        sentence = kept.strip().rstrip(",，;；").strip() or sentence
    return sentence[:300]


# "希望到80%以上", "hope to reach 0.8": a figure wished for is a target (how much), not why the work is done
_FIGURE_WISHED = re.compile(r"^\s*(?:(?:达到|到|在|有|reach|hit|get|be|at)\s*)?(?:kappa\s*)?[\d.,]+\s*(?:%|％|分|以上|以下|左右)?\s*(?:以上|以下|左右)?\s*$", re.I)


def _wished_reason(request: str, m: re.Match[str]) -> str | None:
    """The reason a wish cue's words give (the words after the ask when they open with it); None when they give none:
    a figure wished for, the ask alone ("we'd like to label our calls"), a time ("希望两周内完成", "… so we can have them
    by Friday") or whose data ("reviews for our app")."""
    goal = m.group("goal")
    if _a_figure_wished(goal) or not_a_purpose(goal) or not_a_reason(request, m.start(), goal, m.group(0)):
        return None
    if (re.search(r"[:：]", goal) or re.match(r"\s*[:：]", request[m.end() :])) and KNOWING.match(goal.lstrip()):
        return None  # "We want to know if the tutor was: helpful, OK, or not helpful": the question the labels answer
    if re.fullmatch(r"\s*\w+(?:\s+\w+)?\s*[:：]\s*", goal):
        return None  # "For each call, we want to know:" opens the questions to answer, it gives no reason
    opening = request[: m.start()].rstrip()
    if (not opening or opening[-1] in ".!?\n") and re.match(r"(?i)for\s+(?:an?|our)\b", m.group(0)) and re.search(r"(?i)\b(?:app|product|website|site|platform|shop|store)$", goal.strip()) and request[m.end() : m.end() + 2].lstrip().startswith(","):
        return None  # "For our hiking app, please tag …": whose data, said first, is no reason
    if re.match(r"(?i)\s*(?:start|begin|kick\s+off|go|continue|carry\s+on)\s+with\b", goal):
        return None  # "we'd like to start with the feedback from our spring campaign": which data first, no reason
    reason = reason_after_ask(goal)
    return None if reason is None or when_or_how_much(reason) else reason


def _a_figure_wished(goal: str) -> bool:
    return bool(_FIGURE_WISHED.match(goal))


# "know what they complain about most — waiting time, price, …": the reason ends where the list it introduces begins
_LIST_DASH = re.compile(r"\s+[—–]\s+|\s+-\s+|\s*[:：]\s*")


def _before_a_list(reason: str) -> str:
    m = _LIST_DASH.search(reason)
    return reason[: m.start()].strip() if m and m.start() >= 8 else reason


def read_figures(draft: BreakdownDraft, request: str, today: date, language: str) -> None:
    """The volume, deadline, budget, team and agreement the request states."""
    request, said = number_text(request), request  # "1.850 comments", "1 200 calls", "2.500 €": read as 1,850, 1,200, 2,500
    _fill_from_facts(draft, _facts_by_kind(extract_facts(request, today)), language)
    _fill_volume_forms(draft, request, language)
    scope_volume(draft, request, language)  # containers, corpus totals and sizes are not the item volume
    choose_volume(draft, request, language)  # of all the counts mentioned, the one that counts the items to label
    guard_volume(draft, request, language)  # "数量大概七千五", "tag the 2,400 from…"; never people or "2-3 thousand" as 1000
    _fill_deadline_forms(draft, request, today)
    choose_deadline(draft, request, today)  # of the dates given, the labels' delivery date (not a meeting's, a spec's)
    restate_deadline(draft, request, today)  # "…, which is December 23rd", "so December 30th": the restating date
    fill_target_forms(draft, request)
    fill_budget_forms(draft, request)
    read_budget_cap(draft, request)  # "钱的话……上限是2万"
    read_more_budget(draft, request)  # "¥0.6/组，封顶9,000元", "Budget's about two grand", "1.6 wan RMB"
    fill_team_forms(draft, request)
    more_team(draft, request)  # "Annotators: 2", "每条两个人背靠背标", "Three of your people is fine"
    english_team(draft, request)  # "3 reviewers per message", "no fewer than 3 per essay", "2 pax can do"
    offered_team(draft, request)  # "黄老师推荐 4 位研究生", "3 个社工也可以一起评", "Three of our pro shop kids could help"
    english_figures(draft, request)  # "need 0.8 alpha", "agreement between reviewers of at least 90 percent", "$1,100 flat"
    read_spoken_counts(draft, request)  # "send the 2,480 to the labelling team", "eight hundred of those pairs, eight hundred"
    correct_numbers(draft, request)  # "两千条，不对不对，是三千条", "sorry, I meant 1.2k": the corrected value wins
    english_volume(draft, request, language)  # "between two and three thousand", "a little over 3,100", "1,500 pairs, not 1,000"
    apply_revisions(draft, request, today)  # "budget raised from $2,000 to $3,000", "volume is now 1,500", "deadline moves to Dec 18"
    hold_past_figures(draft, request)  # "last year we only reached 72%" is history, not the target
    late_deadline(draft, request, today)  # "Target date January 15.", "KW 51", "until 18.12.", "平安夜前", "月尾前"
    read_said_deadlines(draft, request, today)  # "the day before that", "the Friday after next", "最晚 14 号", "不对 … 二十五号吧"
    relayed_deadline(draft, request, today)  # "Could we have results next Friday?", "the Tuesday after New Year's", "by Monday week"
    guard_figures(draft, request, language)  # a model's accuracy, staff who won't label, "组件9万块", "$880 — not relevant": not the job's
    name_the_dollar(draft, request)  # "$4,500 AUD all up" … "paying $4,500": the same figure's dollar
    restore_quotes(draft, said, request)  # the quotes are the request's own words


def offline_draft(
    request: str, similar: list[SimilarProject], past: dict[str, PastProject], today: date
) -> tuple[BreakdownDraft, list[str]]:
    """The offline breakdown of a request, and the assumptions it made."""
    said, request = request, thread_reading(request)  # a forwarded Chinese thread oldest message first, no signatures (email_thread.py)
    language = output_language(request_language(request))
    draft = BreakdownDraft()
    assumptions: list[str] = []
    read_figures(draft, said, today, language)  # the figures' readers weigh a thread's corrections in its own order
    document_figures(draft, said, today, language, read_figures)  # "**Budget:** $6,000 total", "Volume: ~12,000" in a document
    form_figures(draft, said)  # "Qty: 1,200" + "Qty unit: tickets", "份数：120", "Annotators: 2 SEs + 1 contractor" in a form

    draft.what.task_statement = _stated(first_clause(request), first_clause(request), 0.6)

    # Labels the request names are the candidate labels; past projects only suggest when it names none.
    named = find_labels(request)
    candidates = [p for p in similar if p.score >= MIN_SIMILARITY]
    prior_project = candidates[0] if candidates else None
    prior = TaskType(prior_project.task_type) if prior_project and prior_project.task_type in TaskType._value2member_map_ else None
    # Task type: the request's own words, weighted; the nearest past project is only a prior.
    signal = read_task_type(request, (named.main or named.labels) if named else None, prior, ordinal=bool(named and named.ordinal))
    _set_task_type(draft, signal, prior_project, language, assumptions)
    if signal.task_type is not None:
        candidates = [p for p in candidates if p.task_type == signal.task_type.value]
    nearest = candidates[0] if candidates else None

    if named:
        draft.what.candidate_labels = _stated(named.labels, named.quote, 0.9)
    elif nearest and nearest.id in past:
        project = past[nearest.id]
        draft.what.candidate_labels = _borrowed([label.name for label in project.rules.labels], nearest)
        assumptions.append(message_text("breakdown.assumption.candidate_labels", language, project=nearest.id))

    task_type = draft.what.task_type.value
    if task_type and draft.what.data_modality.status == FieldStatus.missing:
        modality = "image" if task_type == TaskType.image_description.value else "text"
        draft.what.data_modality = _inferred(modality, None, 0.5)
    if task_type:
        if TaskType(task_type) in METHOD_TASKS:
            draft.how.method = _inferred(message_text(f"breakdown.method.{task_type}", language), None, 0.6)

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
        assumptions.append(message_text("breakdown.assumption.data_language", language))

    purpose = read_purpose(request)  # "Why?: …", "Reason is …", "因为…", "我们是要…用的" (purpose.py)
    wished = ((m, _wished_reason(request, m)) for pattern in GOAL_PATTERNS for m in pattern.finditer(request))
    goal, reason = next(((m, why) for m, why in wished if why is not None), (None, None))
    setting = None if purpose or goal else setting_purpose(request)  # "背景：监管报送口径要求…"
    if not (purpose or goal or setting):
        # "The goal is to …", "想知道…" (purpose_more.py); then "so we can train the router", "给机审模型当训练数据" (purpose_reasons.py)
        purpose = more_purpose(request) or passing_reason(request)
    if purpose or setting:
        value, quote = purpose or setting  # type: ignore[misc]
        draft.why.business_goal = _stated(value, quote, 0.7)
    elif goal and reason is not None:
        # "we'd like to label our calls to figure out why people call": the reason after the ask
        draft.why.business_goal = _stated(_before_a_list(reason.strip()), goal.group(0).strip(), 0.7)
    for usage, pattern in USAGE_CUES.items():
        match = _first(pattern, request)
        if match:
            draft.why.data_usage = _stated(usage, match.group(0), 0.8)
            break

    if draft.how_much.target_agreement.status == FieldStatus.missing:
        assumptions.append(message_text("breakdown.assumption.target", language))
    restore_thread_quotes(draft, said, request)
    return draft, [*assumptions, *draft.assumptions]  # the readers note how they worked a number out (volume, budget)
