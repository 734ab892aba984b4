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
from typing import TYPE_CHECKING, Iterable, Literal

from pydantic import BaseModel, Field, PrivateAttr

from assistant.core.models import Polarity, RuleExample, RuleLabel, Rulebook, TaskType
from assistant.rulebook.draft import MIN_NEGATIVES, MIN_POSITIVES, label_key, prompt_prefix

if TYPE_CHECKING:
    from assistant.core.settings import Settings

Severity = Literal["error", "warning"]

CODES: dict[str, Severity] = {
    "missing-definition": "error",
    "too-few-positives": "error",
    "too-few-negatives": "error",
    "unknown-label": "error",
    "shared-example": "error",
    "over-token-budget": "error",
    "reserved-label": "error",
    "overlapping-definitions": "warning",
    "undefined-term": "warning",
    "no-decision-procedure": "warning",
    "dangling-label": "error",
    "renamed-label-left": "error",
    "label-collision": "error",
    "unsupported-figure": "error",
}

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


class CheckIssue(BaseModel):
    severity: Severity
    code: str = Field(description="stable slug, e.g. missing-definition")
    label: str | None = Field(default=None, description="the label the issue is about, if any")
    message: str
    _message_zh: str | None = PrivateAttr(default=None)

    def text(self, language: str = "en") -> str:
        """The message in `language` (zh or en); English when no translation is kept."""
        if (language or "").lower().startswith("zh") and self._message_zh:
            return self._message_zh
        return self.message


class CheckReport(BaseModel):
    title: str = ""
    version: int | None = None
    token_count: int | None = None
    token_budget: int | None = None
    issues: list[CheckIssue] = Field(default_factory=list)

    @property
    def errors(self) -> list[CheckIssue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def warnings(self) -> list[CheckIssue]:
        return [issue for issue in self.issues if issue.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed): `rulebook check` exits 0 exactly when this is true."""
        return not self.errors

    def codes(self) -> list[str]:
        return [issue.code for issue in self.issues]


def _issue(
    code: str, en: str, zh: str | None = None, label: str | None = None, severity: Severity | None = None
) -> CheckIssue:
    issue = CheckIssue(severity=severity or CODES[code], code=code, label=label, message=en)
    issue._message_zh = zh
    return issue


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "«" + (text if len(text) <= limit else text[: limit - 1] + "…") + "»"


def _describe(label: RuleLabel, index: int, example: RuleExample) -> tuple[str, str]:
    polarity_zh = "正例" if example.polarity == Polarity.positive else "反例"
    return (
        f"{example.polarity.value} example {_quote(example.text)} (label {label.name!r}, example {index + 1})",
        f"{polarity_zh}{_quote(example.text)}（标签「{label.name}」第 {index + 1} 条示例）",
    )


def _text_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# ---------------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------------
def _definitions(rulebook: Rulebook) -> Iterable[CheckIssue]:
    for label in rulebook.labels:
        if not label.definition.strip():
            yield _issue(
                "missing-definition",
                f"label {label.name!r} has no definition; write one before annotation starts",
                f"标签「{label.name}」没有定义；标注开始前须补写定义",
                label.name,
            )
        elif label.needs_definition:
            yield _issue(
                "missing-definition",
                f"label {label.name!r} is marked as needing a definition (needs_definition is true); "
                "confirm or rewrite its definition, then set needs_definition to false",
                f"标签「{label.name}」标记为待定义（needs_definition 为 true）；确认或重写定义后把 needs_definition 改为 false",
                label.name,
            )
        elif label.placeholder:
            yield _issue(
                "missing-definition",
                f"label {label.name!r} has only a placeholder definition built from the requester's words; "
                "write its definition and criteria before annotation starts",
                f"标签「{label.name}」只有根据需求原话生成的占位定义；标注开始前须补写定义和判定标准",
                label.name,
            )


def _example_counts(rulebook: Rulebook) -> Iterable[CheckIssue]:
    for label in rulebook.labels:
        own = [example for example in label.examples if example.label == label.name]
        positives = sum(1 for example in own if example.polarity == Polarity.positive)
        negatives = sum(1 for example in own if example.polarity == Polarity.negative)
        if positives < MIN_POSITIVES:
            yield _issue(
                "too-few-positives",
                f"label {label.name!r} has {positives} positive example(s); at least {MIN_POSITIVES} are needed",
                f"标签「{label.name}」只有 {positives} 条正例，至少需要 {MIN_POSITIVES} 条",
                label.name,
            )
        if negatives < MIN_NEGATIVES:
            yield _issue(
                "too-few-negatives",
                f"label {label.name!r} has {negatives} negative example(s) (look-alikes that are something else); "
                f"at least {MIN_NEGATIVES} is needed",
                f"标签「{label.name}」只有 {negatives} 条反例（看起来像、实际是别的标签的例子），至少需要 {MIN_NEGATIVES} 条",
                label.name,
            )


def _unknown_labels(rulebook: Rulebook) -> Iterable[CheckIssue]:
    names = set(rulebook.label_names)
    by_key = {label_key(name): name for name in rulebook.label_names}
    listed = ", ".join(repr(name) for name in rulebook.label_names)
    listed_zh = "、".join(rulebook.label_names)

    def problem(value: str) -> tuple[str, str] | None:
        if value in names:
            return None
        known = by_key.get(label_key(value))
        if known is not None:
            return (
                f"{value!r} differs from label {known!r} only in case or width",
                f"「{value}」与标签「{known}」只差大小写或全半角",
            )
        return (
            f"{value!r} is not a label of this rulebook (labels: {listed})",
            f"「{value}」不是本规则书的标签（标签：{listed_zh}）",
        )

    for label in rulebook.labels:
        for index, example in enumerate(label.examples):
            where, where_zh = _describe(label, index, example)
            for field, value in (("label", example.label), ("correct_label", example.correct_label)):
                if value is not None and (why := problem(value)):
                    yield _issue("unknown-label", f"{where}: {field} {why[0]}", f"{where_zh}：{field} {why[1]}", label.name)
            for span in example.spans:
                if why := problem(span.label):
                    yield _issue(
                        "unknown-label",
                        f"{where}: span [{span.start}, {span.end}) label {why[0]}",
                        f"{where_zh}：区间 [{span.start}, {span.end}) 的标签{why[1]}",
                        label.name,
                    )
    for number, edge in enumerate(rulebook.edge_cases, 1):
        for value in edge.labels:
            if why := problem(value):
                yield _issue(
                    "unknown-label",
                    f"edge case {number} {_quote(edge.case)}: labels entry {why[0]}",
                    f"边界情况 {number} {_quote(edge.case)}：相关标签{why[1]}",
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
        en = (
            f"the same text {_quote(entries[0][1])} is a positive example of {len(names)} labels: "
            + ", ".join(repr(name) for name in names)
        )
        zh = f"同一段文本{_quote(entries[0][1])}同时是 {len(names)} 个标签的正例：" + "、".join(names)
        if lenient:
            en += " (allowed when labels co-occur, but make sure each example teaches its own label)"
            zh += "（标签可同时出现时允许，但请确认每条示例各自说明了对应的标签）"
        else:
            en += "; an item gets one label, so keep the text under the label it is"
            zh += "；每条只能有一个标签，请只保留在它真正属于的标签下"
        yield _issue("shared-example", en, zh, names[0], severity="warning" if lenient else "error")


def overlap_scores(rulebook: Rulebook) -> list[tuple[str, str, float]]:
    """Pairwise similarity of the labels' definition + criteria, highest first."""
    from assistant.llm.embeddings import HashingEmbedder

    defined = [label for label in rulebook.labels if label.definition.strip()]
    if len(defined) < 2:
        return []
    texts = [" ".join([label.definition, *label.criteria]) for label in defined]
    vectors = HashingEmbedder(OVERLAP_DIMENSION).embed(texts)
    scores = [
        (first.name, second.name, float(vectors[i] @ vectors[j]))
        for (i, first), (j, second) in combinations(enumerate(defined), 2)
    ]
    return sorted(scores, key=lambda item: -item[2])


def _overlaps(rulebook: Rulebook, threshold: float) -> Iterable[CheckIssue]:
    for first, second, similarity in overlap_scores(rulebook):
        if similarity < threshold:
            break
        yield _issue(
            "overlapping-definitions",
            f"labels {first!r} and {second!r} are defined almost alike (similarity {similarity:.2f} ≥ "
            f"{threshold:.2f}); state what tells them apart (criteria, counter-cues, or a decision-procedure step)",
            f"标签「{first}」和「{second}」的定义几乎相同（相似度 {similarity:.2f} ≥ {threshold:.2f}）；"
            "请写明二者的区分依据（判定标准、反例线索或判定流程中的一步）",
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
    places: list[tuple[str, str, str | None, str]] = []
    for label in rulebook.labels:
        places.append((f"the definition of {label.name!r}", f"标签「{label.name}」的定义", label.name, label.definition))
        places.extend(
            (f"the criteria of {label.name!r}", f"标签「{label.name}」的判定标准", label.name, criterion)
            for criterion in label.criteria
        )
    places.extend(
        (f"decision procedure step {number}", f"判定流程第 {number} 步", None, step)
        for number, step in enumerate(rulebook.decision_procedure, 1)
    )
    for number, edge in enumerate(rulebook.edge_cases, 1):
        places.append((f"edge case {number}", f"边界情况 {number}", None, f"{edge.case}\n{edge.resolution}"))
    reported: dict[str, list] = {}
    for where, where_zh, label, text in places:
        for term in find_terms(text):
            key = label_key(term)
            if key in known:
                continue
            if key in reported:
                reported[key][-1] += 1
            else:
                reported[key] = [where, where_zh, term, label, 1]
    for where, where_zh, term, label, count in reported.values():
        more = f" and {count - 1} more place(s)" if count > 1 else ""
        more_zh = f"等 {count} 处" if count > 1 else ""
        yield _issue(
            "undefined-term",
            f"term {term!r} is used in {where}{more} but is not in the glossary; "
            "add it so every annotator reads it the same way",
            f"术语「{term}」出现在{where_zh}{more_zh}，但术语表中没有；请补充，保证标注员理解一致",
            label,
        )


def _token_budget(rulebook: Rulebook, settings: "Settings") -> tuple[int, list[CheckIssue]]:
    from assistant.llm.tokens import count_tokens

    count = count_tokens(prompt_prefix(rulebook), settings)
    budget = settings.rulebook_token_budget
    if count <= budget:
        return count, []
    return count, [
        _issue(
            "over-token-budget",
            f"the rulebook is {count:,} tokens as a prompt prefix, over the budget of {budget:,} "
            "(RULEBOOK_TOKEN_BUDGET); trim examples or shorten definitions",
            f"规则书作为提示词前缀有 {count:,} tokens，超过预算 {budget:,}（RULEBOOK_TOKEN_BUDGET）；请删减示例或精简定义",
        )
    ]


def _reserved_labels(rulebook: Rulebook) -> list[CheckIssue]:
    """A label named like an item status (abstain, error, 弃权...) would be counted as that status."""
    from assistant.core.reserved import reserved_names

    return [
        _issue(
            "reserved-label",
            f"label {name!r} is a reserved word (an item status of pre-labeling); its items would be counted as "
            "abstentions or errors — rename it (e.g. `rulebook revise RB --rename OLD=NEW`)",
            f"标签 {name!r} 是保留词（预标注的条目状态），它的条目会被当作弃权或出错——请改名（如 `rulebook revise RB --rename 旧=新`）",
            label=name,
        )
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
    from assistant.rulebook.consistency import consistency_issues

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
            _issue(
                "no-decision-procedure",
                "the rulebook has no decision procedure; say in what order to test the labels, which wins "
                "when several fit, and what to do when unsure",
                "规则书没有判定流程；请写明按什么顺序判断各标签、多个标签都像时以哪个为准、拿不准时怎么办",
            )
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
_WORDS = {
    "en": {
        "error": "error",
        "warning": "warning",
        "header": "Rulebook check: {title} (v{version})",
        "tokens": "size {count:,} of {budget:,} tokens",
        "passed": "OK: no errors",
        "failed": "FAILED",
        "summary": "{errors} error(s), {warnings} warning(s)",
    },
    "zh": {
        "error": "错误",
        "warning": "警告",
        "header": "规则书检查：{title}（第 {version} 版）",
        "tokens": "长度 {count:,} / 预算 {budget:,} tokens",
        "passed": "通过：没有错误",
        "failed": "未通过",
        "summary": "{errors} 个错误，{warnings} 个警告",
    },
}


def format_report(report: CheckReport, language: str = "en") -> str:
    """The report as lines for a terminal: a header, one line per issue, and a verdict."""
    words = _WORDS["zh" if (language or "").lower().startswith("zh") else "en"]
    lines = []
    if report.title:
        lines.append(words["header"].format(title=report.title, version=report.version or 1))
    if report.token_count is not None and report.token_budget is not None:
        lines.append("  " + words["tokens"].format(count=report.token_count, budget=report.token_budget))
    for issue in report.issues:
        mark = "✗" if issue.severity == "error" else "!"
        lines.append(f"{mark} {words[issue.severity]} [{issue.code}] {issue.text(language)}")
    summary = words["summary"].format(errors=len(report.errors), warnings=len(report.warnings))
    lines.append(f"{words['passed'] if report.ok else words['failed']} · {summary}")
    return "\n".join(lines)
