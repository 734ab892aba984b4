"""`rulebook check`: lint a rulebook before annotators (or a model) see it.

Errors make a rulebook unfit to ship (a label nobody defined, too few examples to learn from,
examples that name labels the rulebook does not have, a prompt prefix over the token budget).
Warnings point at what makes annotators disagree (two labels defined almost alike, jargon
without a glossary entry, no decision procedure).

Each issue has a stable `code`, so scripts and tests can rely on it:

| code | severity | what |
| --- | --- | --- |
| missing-definition | error | a label has no definition, or is marked as needing one |
| too-few-positives | error | fewer than 2 positive examples of a label |
| too-few-negatives | error | fewer than 1 negative example of a label |
| unknown-label | error | an example (or span, edge case) names a label the rulebook lacks |
| shared-example | error | the same text is a positive example of two labels (a warning for multi-label and span tasks) |
| over-token-budget | error | the rulebook as a prompt prefix exceeds RULEBOOK_TOKEN_BUDGET |
| overlapping-definitions | warning | two labels' definitions and criteria are nearly the same text |
| undefined-term | warning | an acronym or quoted term is used in the rules but not in the glossary |
| no-decision-procedure | warning | no decision procedure |
| dangling-label, renamed-label-left, label-collision, unsupported-figure | error | see `rulebook_consistency` |
"""

from __future__ import annotations

import re
import unicodedata
from itertools import combinations
from typing import TYPE_CHECKING, Iterable

from assistant.core.messages import Items, Message, text
from assistant.core.models import Polarity, RuleExample, RuleLabel, Rulebook, TaskType
from assistant.core.reserved import reserved_names
from assistant.llm.embeddings import HashingEmbedder, sparse_dot
from assistant.llm.tokens import count_tokens_kept
from assistant.rulebook.check_issues import CODES as CODES, CheckIssue, CheckReport, make_issue as _issue
from assistant.rulebook.consistency import consistency_issues
from assistant.rulebook.grounding import label_key
from assistant.rulebook.prefix import MIN_NEGATIVES, MIN_POSITIVES, prompt_prefix

if TYPE_CHECKING:
    from assistant.core.settings import Settings

# Cosine similarity (hashing n-gram embedder, 1024 dimensions) of two labels' definition +
# criteria at or above which they are reported as overlapping. Calibrated on clean rulebooks:
# the test samples' closest pairs score 0.40 (zh complaints), 0.48 (zh medical NER) and 0.60
# (en relevance grades, which share vocabulary by design); across the ten seed projects distinct
# labels reach 0.78 at most (news summary grades 3 vs 4), and short opposite definitions with the
# same wording ("the review praises / criticises the product") reach 0.74. Near-duplicates (a
# label copied and a word or two changed) score 0.82-0.96. Known limit: mirrored definitions
# (A_better vs B_better, 0.88) differ only in one letter and are reported too.
OVERLAP_THRESHOLD = 0.80
OVERLAP_DIMENSION = 1024

# Acronyms every annotator knows; they need no glossary entry.
COMMON_ACRONYMS = frozenset(
    {"ID", "IDS", "URL", "JSON", "CSV", "XML", "HTML", "API", "PDF", "FAQ", "OK", "QA", "AI", "UI", "USD", "RMB", "CNY", "TV", "PC", "APP"}
)
_ACRONYM = re.compile(r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:s)?(?![A-Za-z0-9_])")
# Quoted data ('...', "...", “...”, ‘...’) is an example of the items, not rule vocabulary.
_QUOTED_DATA = re.compile(r"(?<![A-Za-z0-9])'[^'\n]{1,200}?'(?![A-Za-z0-9])|\"[^\"\n]{1,200}?\"|“[^”\n]{1,200}?”|‘[^’\n]{1,200}?’")
_QUOTED = re.compile(r"「([^「」\n]{1,40})」|『([^『』\n]{1,40})』|`([^`\n]{1,40})`")


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "«" + (text if len(text) <= limit else text[: limit - 1] + "…") + "»"


def _describe(label: RuleLabel, index: int, example: RuleExample) -> Message:
    kind = "positive" if example.polarity == Polarity.positive else "negative"
    return Message(f"check.where.{kind}_example", text=_quote(example.text), label=label.name, number=index + 1)


def _text_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# ---------------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------------
def _definitions(rulebook: Rulebook) -> Iterable[CheckIssue]:
    for label in rulebook.labels:
        if not label.definition.strip():
            yield _issue("missing-definition", Message("check.no_definition", label=label.name), label.name)
        elif label.needs_definition:
            yield _issue("missing-definition", Message("check.needs_definition", label=label.name), label.name)
        elif label.placeholder:
            yield _issue("missing-definition", Message("check.placeholder_definition", label=label.name), label.name)


def _example_counts(rulebook: Rulebook) -> Iterable[CheckIssue]:
    for label in rulebook.labels:
        own = [example for example in label.examples if example.label == label.name]
        positives = sum(1 for example in own if example.polarity == Polarity.positive)
        negatives = sum(1 for example in own if example.polarity == Polarity.negative)
        if positives < MIN_POSITIVES:
            yield _issue(
                "too-few-positives",
                Message("check.too_few_positives", label=label.name, count=positives, minimum=MIN_POSITIVES),
                label.name,
            )
        if negatives < MIN_NEGATIVES:
            yield _issue(
                "too-few-negatives",
                Message("check.too_few_negatives", label=label.name, count=negatives, minimum=MIN_NEGATIVES),
                label.name,
            )


def _unknown_labels(rulebook: Rulebook) -> Iterable[CheckIssue]:
    names = set(rulebook.label_names)
    by_key = {label_key(name): name for name in rulebook.label_names}
    listed = Items(rulebook.label_names)

    def problem(value: str) -> Message | None:
        if value in names:
            return None
        known = by_key.get(label_key(value))
        if known is not None:
            return Message("check.label_differs_in_case", value=value, known=known)
        return Message("check.not_a_label", value=value, labels=listed)

    for label in rulebook.labels:
        for index, example in enumerate(label.examples):
            where = _describe(label, index, example)
            for field, value in (("label", example.label), ("correct_label", example.correct_label)):
                if value is not None and (why := problem(value)):
                    yield _issue("unknown-label", Message("check.unknown_label", where=where, field=field, why=why), label.name)
            for span in example.spans:
                if why := problem(span.label):
                    yield _issue(
                        "unknown-label",
                        Message("check.unknown_span_label", where=where, start=span.start, end=span.end, why=why),
                        label.name,
                    )
    for number, edge in enumerate(rulebook.edge_cases, 1):
        for value in edge.labels:
            if why := problem(value):
                yield _issue(
                    "unknown-label", Message("check.unknown_edge_label", number=number, case=_quote(edge.case), why=why)
                )


def _shared_examples(rulebook: Rulebook) -> Iterable[CheckIssue]:
    # One text may rightly carry several labels when labels can co-occur.
    lenient = rulebook.multi_label or rulebook.task_type == TaskType.ner
    seen: dict[str, list[tuple[str, str]]] = {}
    for label in rulebook.labels:
        for example in label.examples:
            if example.polarity != Polarity.positive:
                continue
            entries = seen.setdefault(_text_key(example.text), [])
            if example.label not in (name for name, _ in entries):
                entries.append((example.label, example.text))
    for entries in seen.values():
        if len(entries) < 2:
            continue
        names = [name for name, _ in entries]
        message = Message(
            "check.shared_example_co_occur" if lenient else "check.shared_example",
            text=_quote(entries[0][1]),
            count=len(names),
            labels=Items(names),
        )
        yield _issue("shared-example", message, names[0], severity="warning" if lenient else "error")


def overlap_scores(rulebook: Rulebook) -> list[tuple[str, str, float]]:
    """Pairwise similarity of the labels' definition + criteria, highest first."""
    defined = [label for label in rulebook.labels if label.definition.strip()]
    if len(defined) < 2:
        return []
    embedder = HashingEmbedder(OVERLAP_DIMENSION)
    vectors = [embedder.sparse(" ".join([label.definition, *label.criteria])) for label in defined]  # no numpy to load
    scores = [
        (first.name, second.name, sparse_dot(vectors[i], vectors[j]))
        for (i, first), (j, second) in combinations(enumerate(defined), 2)
    ]
    return sorted(scores, key=lambda item: -item[2])


def _overlaps(rulebook: Rulebook, threshold: float) -> Iterable[CheckIssue]:
    for first, second, similarity in overlap_scores(rulebook):
        if similarity < threshold:
            break
        yield _issue(
            "overlapping-definitions",
            Message("check.overlapping_definitions", first=first, second=second, similarity=similarity, threshold=threshold),
            first,
        )


def find_terms(text: str) -> list[str]:
    """Terms a reader may not know: ALL-CAPS acronyms (2+ letters, outside quoted example data)
    and terms in 「」, 『』 or backticks."""
    terms = []
    for match in _ACRONYM.finditer(_QUOTED_DATA.sub(" ", text)):
        term = match.group(0)
        if term.endswith("s") and term[:-1].isupper():  # plural "SKUs" -> "SKU"
            term = term[:-1]
        if sum(ch.isalpha() for ch in term) >= 2 and term.upper() not in COMMON_ACRONYMS:
            terms.append(term)
    for match in _QUOTED.finditer(text):
        term = next(group for group in match.groups() if group is not None).strip()
        if term:
            terms.append(term)
    return terms


def _glossary_keys(rulebook: Rulebook) -> set[str]:
    keys = set()
    for entry in rulebook.glossary:
        keys.add(label_key(entry.term))
        # "SLA (service level agreement)", "SLA / 服务等级协议", "SLA（服务等级协议）"
        for part in re.split(r"[()（）/／,，、;；]", unicodedata.normalize("NFKC", entry.term)):
            if part.strip():
                keys.add(label_key(part))
    return keys


def _undefined_terms(rulebook: Rulebook) -> Iterable[CheckIssue]:
    known = _glossary_keys(rulebook)
    for label in rulebook.labels:
        known.add(label_key(label.name))
        known.update(label_key(alias) for alias in label.aliases)
    places: list[tuple[Message, str | None, str]] = []
    for label in rulebook.labels:
        places.append((Message("check.where.definition", label=label.name), label.name, label.definition))
        places.extend(
            (Message("check.where.criteria", label=label.name), label.name, criterion) for criterion in label.criteria
        )
    places.extend(
        (Message("check.where.decision_step", number=number), None, step)
        for number, step in enumerate(rulebook.decision_procedure, 1)
    )
    for number, edge in enumerate(rulebook.edge_cases, 1):
        places.append((Message("check.where.edge_case", number=number), None, f"{edge.case}\n{edge.resolution}"))
    reported: dict[str, list] = {}
    for where, label, place_text in places:
        for term in find_terms(place_text):
            key = label_key(term)
            if key in known:
                continue
            if key in reported:
                reported[key][-1] += 1
            else:
                reported[key] = [where, term, label, 1]
    for where, term, label, count in reported.values():
        message = (
            Message("check.undefined_term_more", term=term, where=where, count=count)
            if count > 1
            else Message("check.undefined_term", term=term, where=where)
        )
        yield _issue("undefined-term", message, label)


def _token_budget(rulebook: Rulebook, settings: "Settings") -> tuple[int, list[CheckIssue]]:
    count = count_tokens_kept(prompt_prefix(rulebook), settings)  # an unchanged rulebook is not counted again
    budget = settings.rulebook_token_budget
    if count <= budget:
        return count, []
    return count, [
        _issue("over-token-budget", Message("check.over_token_budget", count=count, budget=budget))
    ]


def _reserved_labels(rulebook: Rulebook) -> list[CheckIssue]:
    """A label named like an item status (abstain, error, 弃权...) would be counted as that status."""
    return [
        _issue("reserved-label", Message("check.reserved_label", label=name), label=name)
        for name in reserved_names(rulebook.label_names)
    ]


def check_rulebook(
    rulebook: Rulebook,
    settings: "Settings",
    *,
    overlap_threshold: float = OVERLAP_THRESHOLD,
    request: str | None = None,
    known_labels: Iterable[str] = (),
) -> CheckReport:
    """Lint a rulebook; `report.ok` is false when any error was found.

    `request` (the request and the requester's answers; default: the copy the rulebook carries) lets
    the check find figures in the purpose nobody stated; `known_labels` (e.g. every past project's
    labels) are names that must not appear in the rule text unless they are labels of this rulebook.
    """
    issues: list[CheckIssue] = []
    issues += consistency_issues(rulebook, request=request, known_labels=known_labels)
    issues += _definitions(rulebook)
    issues += _reserved_labels(rulebook)
    issues += _example_counts(rulebook)
    issues += _unknown_labels(rulebook)
    issues += _shared_examples(rulebook)
    count, budget_issues = _token_budget(rulebook, settings)
    issues += budget_issues
    issues += _overlaps(rulebook, overlap_threshold)
    issues += _undefined_terms(rulebook)
    if not rulebook.decision_procedure:
        issues.append(
            _issue("no-decision-procedure", Message("check.no_decision_procedure"))
        )
    issues.sort(key=lambda issue: 0 if issue.severity == "error" else 1)  # stable: errors first
    return CheckReport(
        title=rulebook.title,
        version=rulebook.version,
        token_count=count,
        token_budget=settings.rulebook_token_budget,
        issues=issues,
    )


# ---------------------------------------------------------------------------------------------
# Text for people
# ---------------------------------------------------------------------------------------------
def format_report(report: CheckReport, language: str = "en") -> str:
    """The report as lines for a terminal, in `language`: a header, one line per issue, and a verdict."""
    lines = []
    if report.title:
        lines.append(text("check.header", language, title=report.title, version=report.version or 1))
    if report.token_count is not None and report.token_budget is not None:
        lines.append("  " + text("check.tokens", language, count=report.token_count, budget=report.token_budget))
    for issue in report.issues:
        mark = "✗" if issue.severity == "error" else "!"
        lines.append(f"{mark} {text(f'check.severity.{issue.severity}', language)} [{issue.code}] {issue.text(language)}")
    summary = Message("check.summary", errors=len(report.errors), warnings=len(report.warnings))
    verdict = Message("check.verdict.passed" if report.ok else "check.verdict.failed")
    lines.append(text("check.verdict_line", language, verdict=verdict, summary=summary))
    return "\n".join(lines)
