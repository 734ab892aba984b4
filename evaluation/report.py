"""The agreement report for machines (:func:`to_json`) and for people (:func:`to_markdown`).

The Markdown report, in English or Chinese, has: the verdict and the headline
table (value, CI, band in both languages, items, missing share), the data
problems, the pairwise matrix (three or more sets), the per-label table, the
confusion matrix, links to the PNG charts, the top disagreement groups with
both labels' definitions and criteria, and the rule suggestions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.core.markdown_safe import safe_markdown
from evaluation.agreement import RAW_AGREEMENT_BAND, AgreementReport, metric_name
from evaluation.metrics import Metric
from evaluation.review import Review, RuleSuggestion

__all__ = ["to_json", "to_markdown"]

_T: dict[str, dict[str, str]] = {
    "en": {
        "title": "Agreement report",
        "sets": "Label sets",
        "model": "model pre-labels",
        "reference": "reference",
        "rulebook": "Rulebook",
        "items": "Items",
        "items_line": "{n} items in any set, {c} labeled by every set; missing share {m:.1%}",
        "headline": "Headline figures",
        "metric": "Metric",
        "value": "Value",
        "ci": "95% CI",
        "band": "Interpretation",
        "n": "Items",
        "missing": "Missing",
        "undefined": "undefined",
        "notes": "Notes",
        "problems": "Data problems",
        "no_problems": "No data problems found: every set has every item, with labels from the rulebook.",
        "no_problems_no_rb": "No data problems found (labels were not checked: no rulebook given).",
        "pairwise": "Pairwise agreement",
        "pairwise_pa": "Percent agreement",
        "pairwise_kappa": "Cohen's kappa",
        "per_label": "Per label",
        "per_label_intro": "'{c}' scored against '{r}' (reference).",
        "label": "Label",
        "precision": "Precision",
        "recall": "Recall",
        "support": "Support",
        "specific": "Specific agreement",
        "specific_intro": "How often a label, when one rater uses it, is matched by another rater on the same item.",
        "confusion": "Confusion matrix",
        "confusion_intro": "Rows: '{r}' (reference); columns: '{c}'.",
        "charts": "Charts",
        "chart_confusion": "confusion matrix",
        "chart_per_label": "per-label scores",
        "groups": "Top disagreements",
        "groups_intro": "{d} of {n} compared items have differing labels; grouped by label pair, most frequent first.",
        "no_groups": "No disagreements: every item compared has the same label in every set.",
        "group": "{a} ↔ {b}: {k} items ({s:.0%} of disagreements)",
        "definition": "Definition",
        "criteria": "Criteria",
        "not_in_rulebook": "not a rulebook label",
        "variant_of": "spelling variant of rulebook label '{x}'",
        "no_definition": "(no definition yet)",
        "id": "ID",
        "text": "Text",
        "rationale": "Model rationale",
        "more": "… and {k} more",
        "suggestions": "Rule suggestions",
        "examples": "Examples on the boundary",
        "boundary": "negative example: looks like '{l}', is '{c}'",
        "positive": "positive example of '{l}'",
        "similar": "similarity to disputed items {s:.2f} (nearest {i})",
        "colon": ": ",
        "open": " (",
        "close": ")",
        "semi": "; ",
    },
    "zh": {
        "title": "一致性报告",
        "sets": "标注集",
        "model": "模型预标注",
        "reference": "参照",
        "rulebook": "规则书",
        "items": "数据量",
        "items_line": "共 {n} 条（任一标注集中出现），{c} 条被所有标注集标注；缺失占比 {m:.1%}",
        "headline": "核心指标",
        "metric": "指标",
        "value": "数值",
        "ci": "95% 置信区间",
        "band": "解读",
        "n": "条数",
        "missing": "缺失",
        "undefined": "无定义",
        "notes": "说明",
        "problems": "数据问题",
        "no_problems": "未发现数据问题：每个标注集都覆盖了全部数据，标签都来自规则书。",
        "no_problems_no_rb": "未发现数据问题（未提供规则书，未检查标签）。",
        "pairwise": "两两一致性",
        "pairwise_pa": "一致率",
        "pairwise_kappa": "Cohen's kappa",
        "per_label": "各标签指标",
        "per_label_intro": "以「{r}」为参照，评估「{c}」。",
        "label": "标签",
        "precision": "精确率",
        "recall": "召回率",
        "support": "参照条数",
        "specific": "标签一致率",
        "specific_intro": "某个标签被一名标注员使用时，另一名标注员在同一条数据上也用它的比例。",
        "confusion": "混淆矩阵",
        "confusion_intro": "行：「{r}」（参照）；列：「{c}」。",
        "charts": "图表",
        "chart_confusion": "混淆矩阵",
        "chart_per_label": "各标签指标",
        "groups": "主要分歧",
        "groups_intro": "比较的 {n} 条中有 {d} 条标签不一致；按标签对分组，分歧多的在前。",
        "no_groups": "没有分歧：比较的每条数据在各标注集中标签相同。",
        "group": "{a} ↔ {b}：{k} 条（占分歧的 {s:.0%}）",
        "definition": "定义",
        "criteria": "判定标准",
        "not_in_rulebook": "不是规则书中的标签",
        "variant_of": "规则书标签「{x}」的另一种写法",
        "no_definition": "（尚无定义）",
        "id": "ID",
        "text": "文本",
        "rationale": "模型理由",
        "more": "……另有 {k} 条",
        "suggestions": "规则修改建议",
        "examples": "边界示例",
        "boundary": "负例：看起来像「{l}」，实为「{c}」",
        "positive": "「{l}」的正例",
        "similar": "与争议数据的相似度 {s:.2f}，最接近 {i}",
        "colon": "：",
        "open": "（",
        "close": "）",
        "semi": "；",
    },
}


def to_json(
    report: AgreementReport,
    review: Review | None = None,
    suggestions: Sequence[RuleSuggestion] | None = None,
) -> dict[str, Any]:
    """The report as plain JSON data (plus the review and suggestions when given).

    Keys: every field of :class:`AgreementReport`, ``problem_messages`` (en and
    zh sentences), ``review`` (or None) and ``suggestions`` (a list).
    """
    data = report.model_dump(mode="json")
    data["problem_messages"] = {
        "en": report.problems.messages("en"),
        "zh": report.problems.messages("zh"),
    }
    data["review"] = review.model_dump(mode="json") if review is not None else None
    data["suggestions"] = [s.model_dump(mode="json") for s in suggestions or []]
    return data


# --------------------------------------------------------------------------------------------- #
# Markdown
# --------------------------------------------------------------------------------------------- #


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _band(metric: Metric, language: str) -> str:
    if metric.name.startswith("percent_agreement"):
        en, zh = RAW_AGREEMENT_BAND
    elif metric.band is None:
        return "—"
    else:
        en, zh = metric.band, metric.band_zh or ""
    return f"{zh}（{en}）" if language == "zh" else f"{en} ({zh})"


def _headline(report: AgreementReport, t: Mapping[str, str], language: str) -> list[str]:
    rows = []
    for key, metric in report.metrics.items():
        name = metric_name(key, language)
        if key == report.verdict.metric:
            name = f"**{name}**"
        ci = "—" if metric.ci_low is None else f"{metric.ci_low:.3f}–{metric.ci_high:.3f}"
        value = _num(metric.value) if metric.defined else t["undefined"]
        rows.append([name, value, ci, _band(metric, language) if metric.defined else "—", metric.n_items, f"{metric.missing_share:.1%}"])
    lines = _table([t["metric"], t["value"], t["ci"], t["band"], t["n"], t["missing"]], rows)
    undefined = [(k, m) for k, m in report.metrics.items() if not m.defined]
    if undefined:
        lines.append("")
        lines.extend(f"- {metric_name(k, language)}: {m.explanation}" for k, m in undefined)
    return lines


def _definition_lines(group: Any, t: Mapping[str, str]) -> list[str]:
    lines = []
    for d in group.definitions:
        if d.in_rulebook:
            head = f"- **{d.label}**{t['colon']}{d.definition or t['no_definition']}"
        elif d.rulebook_label:
            variant = t["variant_of"].format(x=d.rulebook_label)
            head = f"- **{d.label}**{t['open']}{variant}{t['close']}{t['colon']}{d.definition or t['no_definition']}"
        else:
            head = f"- **{d.label}**{t['open']}{t['not_in_rulebook']}{t['close']}"
        lines.append(head)
        for criterion in d.criteria:
            lines.append(f"  - {criterion}")
    return lines


def to_markdown(
    report: AgreementReport,
    review: Review | None = None,
    language: str | None = None,
    *,
    suggestions: Sequence[RuleSuggestion] | None = None,
    charts: Mapping[str, str | Path] | None = None,
    max_groups: int = 10,
    max_items: int = 10,
) -> str:
    """The report as Markdown for people, in ``language`` ('en' or 'zh'; default: the rulebook's).

    ``charts`` maps 'confusion' and/or 'per_label' to image paths (written as
    given, so pass paths relative to the Markdown file).
    """
    language = language or report.language
    if language not in _T:
        language = "en"
    t = _T[language]
    out: list[str] = [f"# {t['title']}", ""]

    sets = []
    for name in report.sets:
        tags = []
        if name in report.model_sets:
            tags.append(t["model"])
        if name == report.reference:
            tags.append(t["reference"])
        sets.append(f"`{name}`" + (t["open"] + ", ".join(tags) + t["close"] if tags else ""))
    out.append(f"- {t['sets']}{t['colon']}" + ", ".join(sets))
    if report.rulebook_title:
        out.append(f"- {t['rulebook']}{t['colon']}{report.rulebook_title} (v{report.rulebook_version})")
    out.append(
        f"- {t['items']}{t['colon']}" + t["items_line"].format(n=report.n_items, c=report.n_complete, m=report.missing_share)
    )
    out += ["", f"**{report.verdict.verdict_text(language)}**", ""]
    verdict_notes = report.verdict.notes_text(language)
    out.extend(f"- {note}" for note in verdict_notes)
    if verdict_notes:
        out.append("")

    out += [f"## {t['headline']}", ""]
    out += _headline(report, t, language)
    if report.notes:
        out += ["", *(f"- {note}" for note in report.notes)]

    out += ["", f"## {t['problems']}", ""]
    messages = report.problems.messages(language)
    if messages:
        out.extend(f"- {m}" for m in messages)
    else:
        out.append(t["no_problems"] if report.problems.rulebook_checked else t["no_problems_no_rb"])

    if report.pairwise:
        names = list(dict.fromkeys([p.a for p in report.pairwise] + [p.b for p in report.pairwise]))
        lookup = {}
        for p in report.pairwise:
            lookup[(p.a, p.b)] = lookup[(p.b, p.a)] = p
        out += ["", f"## {t['pairwise']}"]
        for title, attr in ((t["pairwise_pa"], "percent_agreement"), (t["pairwise_kappa"], "cohen_kappa")):
            rows = []
            for x in names:
                row: list[Any] = [f"**{x}**"]
                for y in names:
                    row.append("—" if x == y else _num(getattr(lookup[(x, y)], attr).value))
                rows.append(row)
            out += ["", f"### {title}", ""]
            out += _table(["", *names], rows)

    if report.per_label:
        out += ["", f"## {t['per_label']}", "", t["per_label_intro"].format(r=report.reference, c=report.compared), ""]
        out += _table(
            [t["label"], t["precision"], t["recall"], "F1", t["support"]],
            [[s.label, _num(s.precision), _num(s.recall), _num(s.f1), s.support] for s in report.per_label],
        )
    elif report.label_agreement:
        out += ["", f"## {t['per_label']}", "", t["specific_intro"], ""]
        out += _table([t["label"], t["specific"]], [[k, _num(v)] for k, v in report.label_agreement.items()])

    if report.confusion is not None and report.confusion.labels:
        out += ["", f"## {t['confusion']}", "", t["confusion_intro"].format(r=report.reference, c=report.compared), ""]
        labels = [str(x) for x in report.confusion.labels]
        out += _table(
            ["", *labels],
            [[f"**{labels[i]}**", *row] for i, row in enumerate(report.confusion.matrix)],
        )

    if charts:
        out += ["", f"## {t['charts']}", ""]
        for key, path in charts.items():
            caption = t.get(f"chart_{key}", key)
            out.append(f"![{caption}]({Path(path).as_posix()})")

    if review is not None:
        out += ["", f"## {t['groups']}", ""]
        if not review.groups:
            out.append(t["no_groups"])
        else:
            out.append(t["groups_intro"].format(d=review.n_disagreements, n=review.n_compared))
            show_rationale = any(item.rationale for g in review.groups for item in g.items)
            for number, group in enumerate(review.groups[:max_groups], 1):
                a, b = group.pair
                out += ["", f"### {number}. " + t["group"].format(a=a, b=b, k=group.count, s=group.share), ""]
                out += _definition_lines(group, t)
                header = [t["id"], t["text"], *review.sets] + ([t["rationale"]] if show_rationale else [])
                rows = []
                for item in group.items[:max_items]:
                    row = [item.id, item.text or ""]
                    row += [item.labels.get(name) or "—" for name in review.sets]
                    if show_rationale:
                        row.append(item.rationale or "")
                    rows.append(row)
                out.append("")
                out += _table(header, rows)
                if len(group.items) > max_items:
                    out += ["", t["more"].format(k=len(group.items) - max_items)]
            if len(review.groups) > max_groups:
                out += ["", t["more"].format(k=len(review.groups) - max_groups)]

    if suggestions:
        out += ["", f"## {t['suggestions']}", ""]
        for number, suggestion in enumerate(suggestions, 1):
            out.append(f"{number}. {suggestion.message}")
            for edit in suggestion.proposed_edits:
                out.append(f"   - {edit}")
            if suggestion.examples:
                out.append(f"   - {t['examples']}{t['colon'].rstrip()}")
                for e in suggestion.examples:
                    if e.kind == "boundary":
                        what = t["boundary"].format(l=e.label, c=e.correct_label)
                    else:
                        what = t["positive"].format(l=e.label)
                    sim = ""
                    if e.similarity_to_items is not None:
                        sim = t["semi"] + t["similar"].format(s=e.similarity_to_items, i=e.nearest_item)
                    out.append(f"     - «{_cell(e.text)}»{t['open']}{what}{sim}{t['close']}")
    out.append("")
    return safe_markdown("\n".join(out))  # user text stays text (issue 14)
