"""What a request (or an answer) says beyond the extractor's facts, put into a breakdown draft.

The breakdown's offline engine and its LLM post-processing share these: the task type read from
the request's own words (a question when the words are unclear), volumes in the forms the
extractor's noun list misses, vague amounts kept as vague with their range, deadline forms
("End of January", "deadline是12/18"), and an LLM breakdown held to the labels the request names.
"""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace
from typing import Any

from assistant.breakdown.extract import Fact, extract_budget, extract_deadline, extract_volume, request_language
from assistant.breakdown.request_input import output_language
from assistant.breakdown.field_values import inferred as _inferred, stated as _stated
from assistant.breakdown.holiday_dates import corrected, holiday_deadlines
from assistant.breakdown.past_figures import figure_in_past
from assistant.breakdown.quoted_examples import in_quoted_example
from assistant.breakdown.loose_deadlines import loose_deadlines
from assistant.breakdown.relative_dates import passed, relative_deadlines
from assistant.breakdown.team_size import role_list, team_size
from assistant.breakdown.team_zh import role_sum
from assistant.breakdown.bare_counts import bare_counts
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus, Question, SimilarProject
from assistant.core.messages import Items
from assistant.core.messages import text as message_text
from assistant.breakdown.more_dates import more_deadlines, more_explicit
from assistant.breakdown.quantities import is_rate, more_volumes, vague_from_fact, vague_volume
from assistant.breakdown.request_labels import find_labels


def _set_task_type(draft: BreakdownDraft, signal: Any, prior: SimilarProject | None, language: str, assumptions: list[str]) -> None:
    """The task type as the request's words say it; unclear signals stay low-confidence with a question."""
    if signal.task_type is None:
        return  # missing: the question is asked
    draft.what.task_type = _inferred(signal.task_type.value, signal.evidence, signal.confidence)
    if signal.ambiguous:
        if signal.from_prior and prior:
            why = message_text("breakdown.task_type.unclear_prior", language, project=prior.id)
        else:
            why = message_text("breakdown.task_type.unclear", language)
        if getattr(signal, "from_examples", False):  # a guess from similar example requests (task_examples.py)
            why = message_text("breakdown.task_type_from_examples", language, words=signal.evidence or "—")
        question = message_text("breakdown.task_type.question", language)
        draft.questions.append(Question(rank=1, field="what.task_type", question=question, reason=why))
        assumptions.append(message_text("breakdown.assumption.task_type", language, task_type=signal.task_type.value))


_PAST_WORK = re.compile(r"(?:之前|以前|去年|上次|上一次|曾经)[^，。；]{0,15}?(?:了|过)|已经标|已标|\b(?:previously|last (?:year|time|round)|already (?:labell?ed|annotated|did))\b", re.I)


def _past_work(text: str, start: int) -> bool:
    """"之前找外包做了1000多条": a count of work done before is not this project's volume; nor is a count inside a
    quoted example of the data ('counts where feasible ("approximately 12 storage tanks")')."""
    clause_start = max(text.rfind(c, 0, start) for c in "，,。.;；!！?？\n") + 1
    return bool(_PAST_WORK.search(text[clause_start:start])) or in_quoted_example(text, start, start + 1)


def _fill_volume_forms(draft: BreakdownDraft, text: str, language: str, *, answer: bool = False) -> None:
    """Volumes the extractor's noun list misses ("900 contracts", "2万对"), else a vague amount with its range.

    A count that is really a range ("8千多条", "900 contracts? maybe more") is recorded as vague too.
    """
    stated = draft.how_much.volume.status == FieldStatus.stated and not (answer and False)
    extracted = [fact for fact in extract_volume(text) if not is_rate(text, fact) and not _past_work(text, fact.start)]
    found = extracted or [fact for fact in more_volumes(text) if not is_rate(text, fact) and not _past_work(text, fact.start)]
    found = found or [fact for fact in bare_counts(text) if not is_rate(text, fact) and not _past_work(text, fact.start)]
    if stated and any(
        fact.evidence == draft.how_much.volume.evidence and (is_rate(text, fact) or _past_work(text, fact.start))
        for fact in [*extract_volume(text), *more_volumes(text)]
    ):
        # "each week we get 2000 tickets" is a rate; "之前外包做了1000多条" is past work: neither is the volume
        draft.how_much.volume = BreakdownField()
        stated = False
    if found and (not stated or answer or draft.how_much.volume.evidence == found[0].evidence):
        fact = found[0]
        ranged = vague_from_fact(text, fact)
        if ranged:
            _set_vague(draft, ranged, ranged["vague"], language)
        else:
            draft.how_much.volume = _stated(fact.value, fact, 1.0 if answer else 0.85 if fact not in extract_volume(text) else 0.9)
        return
    if stated:
        return
    set_vague_volume(draft, text, language)


def set_vague_volume(draft: BreakdownDraft, text: str, language: str) -> None:
    """Record the request's vague amount ("几百份", "a few thousand") as vague, unless it is a rate."""
    vague = vague_volume(text)
    if vague and text.find(vague[1]) >= 0:
        start = text.find(vague[1])
        if is_rate(text, SimpleNamespace(start=start, end=start + len(vague[1]))):
            return  # "每天几百条" is how fast data arrives, not how much to label
    if vague:
        _set_vague(draft, vague[0], vague[1], language)


def _fill_deadline_forms(draft: BreakdownDraft, text: str, today: date, *, answer: bool = False) -> None:
    """Deadlines the extractor's cue rules miss ("End of January", "deadline是12/18")."""
    if draft.when.deadline.status == FieldStatus.stated and not answer:
        explicit = more_explicit(text, today)
        if explicit and explicit[0].value != draft.when.deadline.value:
            # "done by Friday 18 December", "EOD Friday": the written-out date wins over the weekday read first
            draft.when.deadline = _stated(explicit[0].value, explicit[0], 0.85)
    else:
        found = more_deadlines(text, today)
        if found:
            draft.when.deadline = _stated(found[0].value, found[0], 0.8)
    holidays = holiday_deadlines(text, today)
    current = draft.when.deadline
    if holidays:
        # "元旦前" is the eve of the holiday; the holiday reading replaces any other reading of the same words
        holiday = holidays[0]
        evidence = current.evidence or ""
        if current.status != FieldStatus.stated or holiday.evidence in evidence or (evidence and evidence in holiday.evidence):
            draft.when.deadline = _stated(holiday.value, holiday, 0.8)
    # a date inside a pasted table row is data ("Due date\t2027-01-10"), not the deadline
    current = draft.when.deadline
    if current.status == FieldStatus.stated and current.evidence and any(current.evidence in row for _, row in table_rows(text)):
        draft.when.deadline = BreakdownField()
    # "12月底前？哦不对，1月15号前吧": the corrected date wins
    relative = relative_deadlines(text, today)
    if draft.when.deadline.status != FieldStatus.stated and relative:
        draft.when.deadline = _stated(relative[0].value, relative[0], 0.8)  # "下个月10号前", "in 2 wks"
    if draft.when.deadline.status != FieldStatus.stated:
        loose = [f for f in loose_deadlines(text, today) if not passed(f.value, today)]
        if loose:
            draft.when.deadline = _stated(loose[0].value, loose[0], 0.7)  # "Deadline 下周五", "…，两周。", "by the 15th"
    every = [*extract_deadline(text, today), *more_deadlines(text, today), *holidays, *relative]
    fix = corrected(every, text)
    if fix is not None:
        draft.when.deadline = _stated(fix.value, fix, 0.8)
    current = draft.when.deadline
    if current.status == FieldStatus.stated and passed(current.value, today) and current.evidence:
        # "月底前……哦今天就月底了，那就12月20号前吧": a date already reached gives way to a later one written after it
        at = text.find(current.evidence)
        later = sorted((f for f in every if f.start > at and not passed(f.value, today)), key=lambda f: f.start)
        if at >= 0 and later:
            draft.when.deadline = _stated(later[0].value, later[0], 0.8)


_CHENG = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TARGET_CHENG = re.compile(r"(?:一致率|一致性|一致的|准确率|正确率|合格率|对得上|agreement|accuracy)[^，。；,;]{0,10}?(?P<n>[一二两三四五六七八九])成(?P<half>五|半)?")
# agreement statistics by name: "QWK要到0.75以上", "kappa ≥ .7", "Krippendorff's alpha of 0.8"; said plainly: "两个人标的结果能
# 对得上 85% 以上", "we'd want you and them to agree most of the time - 80% or so" (and "意见一致的能到七成" above)
_TARGET_METRIC = re.compile(
    r"(?<![A-Za-z])(?:QWK|kappa|κ|IAA|alpha|α|F1|一致率|一致性|一致的|对得上|agreement|agree\b)(?:\s*(?:值|系数|score))?[^，。；,;\d]{0,20}?(?P<v>0?\.\d{1,3}|\d{2}(?:\.\d)?\s*%)",
    re.I,
)


def table_rows(text: str) -> list[tuple[tuple[int, int], str]]:
    """Rows of a pasted table: two or more consecutive lines whose cells are joined by tabs or pipes."""
    rows = [(m.span(), m.group(0)) for m in re.finditer(r"^[^\n]*(?:\t|[|｜])[^\n]*$", text, re.M)]
    kept = []
    for index, (span, row) in enumerate(rows):
        near = [other for other in (rows[index - 1] if index else None, rows[index + 1] if index + 1 < len(rows) else None) if other]
        if any(not text[min(span[1], o[0][1]) : max(span[0], o[0][0])].strip() for o in near):
            kept.append((span, row))
    return kept


_QUOTED_SPAN = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"\n]*\"")
_BUDGET_WORD = re.compile(r"预算|经费|费用|报价|budget|cost|spend|pay", re.I)


# the request itself ties a price per item to the whole spend: "$0.50/caption (that's the budget, do the math)"
_TOTAL_SPEND = re.compile(r"预算|经费|总共|一共|合计|总价|算下来|总费用|\b(?:budget|total|in all|altogether|do the math|all in|overall)\b", re.I)


def _unit_price_total(draft: BreakdownDraft, text: str) -> None:
    """A price per item times the stated volume is the budget when the request says the price is the budget."""
    budget, volume = draft.how_much.budget, draft.how_much.volume
    value = budget.value
    if not isinstance(value, dict) or value.get("per") != "item" or not budget.evidence:
        return
    if volume.status != FieldStatus.stated or not isinstance(volume.value, int) or isinstance(volume.value, bool):
        return
    at = text.find(budget.evidence)
    if at < 0:
        return
    stops = [m.end() for m in re.finditer(r"[。！？\n]|[.!?](?=\s|$)", text)]
    sentence_end = min([i for i in stops if i > at + len(budget.evidence)] or [len(text)])
    sentence_start = max([i for i in stops if i <= at] or [0])
    if not _TOTAL_SPEND.search(text[sentence_start:at] + " " + text[at + len(budget.evidence) : sentence_end]):
        return  # a rate stays a rate ("paid $0.50/caption"); the planner multiplies it by the volume
    total = round(float(value["amount"]) * volume.value, 2)
    draft.assumptions.append(
        message_text(
            "breakdown.budget_arithmetic", output_language(request_language(text)),
            total=f"{total:,.2f}".rstrip("0").rstrip("."), currency=value.get("currency") or "", price=f"{float(value['amount']):g}", items=volume.value,
        )
    )
    draft.how_much.budget = _stated(
        {"amount": total, "currency": value.get("currency"), "unit_price": value["amount"], "items": volume.value},
        text[sentence_start:sentence_end].strip(),
        0.75,
    )


_RANGE_TAIL = re.compile(r"^\s*(?:-|–|—|~|～|to|到|至)\s*(?:[$¥€£]|US\$)?\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?P<mag>[kK万千]|thousand)?")


def _budget_range(draft: BreakdownDraft, text: str) -> None:
    """"Budget: $2.5k–$3k", "预算3到5万": a range is recorded as vague, never as its first number."""
    budget = draft.how_much.budget
    if budget.status != FieldStatus.stated or not isinstance(budget.value, dict) or not budget.evidence:
        return
    at = text.find(budget.evidence)
    m = _RANGE_TAIL.match(text[at + len(budget.evidence) :]) if at >= 0 else None
    low = budget.value.get("amount")
    if m is None or not isinstance(low, (int, float)):
        return
    scale = {"k": 1000, "thousand": 1000, "万": 10000, "千": 1000}.get((m.group("mag") or "").lower(), 1)
    high = float(m.group("n").replace(",", "")) * scale
    if high <= low:
        return
    quote = budget.evidence + m.group(0)
    draft.how_much.budget = _inferred({"vague": quote.strip(), "low": low, "high": high, "currency": budget.value.get("currency")}, quote.strip(), 0.3)


# "if you need tooling we can find ~£2k", "如果需要买工具，可以再批五千": money on a condition, not the job's budget
_IF_NEEDED = re.compile(
    r"\bif\s+(?:you|we|they)\s+(?:really\s+)?(?:need|want|require)\b|\bif\s+(?:needed|necessary|required)\b|(?:如果|要是|假如)[^，。；;\n]{0,4}(?:需要|要买|要用)|必要的话|需要的话",
    re.I,
)


def _conditional_budget(draft: BreakdownDraft, text: str) -> None:
    """An amount offered only on a condition is recorded as vague, from nothing up to that amount."""
    budget = draft.how_much.budget
    if budget.status != FieldStatus.stated or not isinstance(budget.value, dict) or not budget.evidence or budget.value.get("per"):
        return
    at = text.find(budget.evidence)
    if at < 0:
        return
    stops = [m.end() for m in re.finditer(r"[。！？；;\n]|[.!?](?=\s|$)", text[:at])]
    sentence = text[(stops[-1] if stops else 0) : at]
    amount = budget.value.get("amount")
    if not _IF_NEEDED.search(sentence) or not isinstance(amount, (int, float)):
        return
    quote = (sentence + budget.evidence).strip()
    draft.how_much.budget = _inferred({"vague": quote, "low": 0, "high": amount, "currency": budget.value.get("currency")}, quote, 0.3)


def fill_budget_forms(draft: BreakdownDraft, text: str) -> None:
    """An amount inside quoted data ("示例：“中标金额368.5万元”", a pasted table row) is the data, not the budget, when
    the request states its budget elsewhere ("预算3万以内"); a price per item the request calls the budget is
    multiplied by the stated volume."""
    _unit_price_total(draft, text)
    _budget_range(draft, text)
    _conditional_budget(draft, text)
    budget = draft.how_much.budget
    if budget.status != FieldStatus.stated:
        return
    # a quote of several sentences is a message relayed in the requester's words ("他发的语音，我转成文字了：“…”"), not data
    quoted = [m.span() for m in _QUOTED_SPAN.finditer(text) if len(re.findall(r"[。！？!?]|\.\s", m.group(0))) < 3]
    # rows of a pasted table (cells joined by tabs or pipes) are data or examples, never the budget
    # (a row that names the budget, "Budget | $14,000", is the request's own field, not data)
    quoted += [span for span, row in table_rows(text) if not re.match(r"[\s|｜*]*(?:budget|预算|费用|cost)\s*[|｜\t]", row, re.I)]
    facts = extract_budget(text)

    def inside(fact: Fact) -> bool:
        return any(a <= fact.start < b for a, b in quoted)

    current = next((fact for fact in facts if fact.evidence == budget.evidence), None)
    if current is None or not inside(current):
        return
    better = [fact for fact in facts if not inside(fact) and _BUDGET_WORD.search(text[max(0, fact.start - 8) : fact.end])]
    draft.how_much.budget = _stated(better[0].value, better[0]) if better else BreakdownField()


def fill_team_forms(draft: BreakdownDraft, text: str, *, answer: bool = False) -> None:
    """"a team of 4", "Two of our analysts can help label", "3位teacher可以标": the number of annotators."""
    listed = role_list(text)
    current = draft.who.annotator_profile
    if listed is not None and current.status == FieldStatus.stated and current.evidence and current.evidence in listed.evidence:
        # "标注人员：两个律师加一个实习生" is three, not the two read from its first words
        draft.who.annotator_profile = _stated({"count": listed.value}, listed, 0.8)
        return
    summed = role_sum(text)  # "一个人标 + 一个人抽检" is two, not the one read from its first words
    if summed is not None and current.status == FieldStatus.stated and current.evidence and current.evidence in summed[1]:
        draft.who.annotator_profile = _stated({"count": summed[0]}, Fact(kind="annotators", value=summed[0], evidence=summed[1], start=summed[2], end=summed[3], raw=summed[1]), 0.8)
        return
    if draft.who.annotator_profile.status == FieldStatus.stated and not answer:
        return
    fact = team_size(text)
    if fact is not None:
        draft.who.annotator_profile = _stated({"count": fact.value}, fact, 0.8)


def fill_target_forms(draft: BreakdownDraft, text: str) -> None:
    """"准确率要到九成" is a target of 0.9 (the extractor reads percentages and fractions)."""
    if draft.how_much.target_agreement.status == FieldStatus.stated:
        return
    # every target the request writes, in order; one in a clause about the past ("去年准确率才六成多") is history
    found: list[tuple[int, float, str]] = []
    for m in _TARGET_CHENG.finditer(text):
        found.append((m.start(), round(_CHENG[m.group("n")] / 10 + (0.05 if m.group("half") else 0.0), 2), m.group(0)))
    for m in _TARGET_METRIC.finditer(text):
        token = m.group("v").replace(" ", "")
        value = float(token[:-1]) / 100 if token.endswith("%") else float(token)
        if 0 < value <= 1:
            found.append((m.start(), round(value, 3), m.group(0)))
    ordered = sorted(found)
    # the first figure not about the past; when all are, the first (hold_past_figures then looks for "希望到85%")
    for _, value, quote in [*(f for f in ordered if not figure_in_past(text, f[2])), *ordered[:1]]:
        draft.how_much.target_agreement = _stated(value, quote, 0.85 if "成" in quote else 0.8)
        return


def _set_vague(draft: BreakdownDraft, value: dict, quote: str, language: str) -> None:
    draft.how_much.volume = _inferred(value, quote, 0.3)
    draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
    draft.questions.append(
        Question(rank=1, field="how_much.volume", question=message_text("breakdown.volume.vague_question", language, quote=quote),
                 reason=message_text("breakdown.volume.vague_reason", language))
    )


def hold_to_request(draft: BreakdownDraft, request: str, language: str) -> list[str]:
    """An LLM breakdown keeps the labels the request names, and never states a vague amount as a number."""
    notes = []
    named = find_labels(request)
    current = draft.what.candidate_labels
    if named and (
        current.status != FieldStatus.stated
        or not isinstance(current.value, list)
        or [str(v).strip().casefold() for v in current.value] != [label.casefold() for label in named.labels]
    ):
        draft.what.candidate_labels = _stated(named.labels, named.quote, 0.9)
        notes.append(message_text("breakdown.note.labels_from_request", language, labels=Items(named.labels, plain=True)))
    volume = draft.how_much.volume
    vague = vague_volume(request)
    if volume.status == FieldStatus.stated and vague and not (extract_volume(request) or more_volumes(request)):
        _set_vague(draft, vague[0], vague[1], language)
        notes.append(message_text("breakdown.note.vague_volume", language, value=repr(volume.value), vague=vague[1]))
    return notes
