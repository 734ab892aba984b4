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
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Sequence

from pydantic import BaseModel, Field

from assistant.integrations.cells import cell_text
from assistant.integrations.datafiles import atomic_writer, read_records, require_columns, write_records
from assistant.core.errors import InputError
from assistant.integrations.label_studio import TEXT_KEY
from assistant.core.markdown_safe import safe_markdown
from assistant.core.models import Polarity, RuleExample, RuleLabel, Rulebook
from assistant.rulebook.draft import label_key

if TYPE_CHECKING:
    import numpy as np

    from assistant.llm.chat import LLM

GOLD_SOURCE = "gold"
CONFUSION_BONUS = 0.5  # extra weight of a label that belongs to one of the most confusable pairs
FEEDBACK_PROMPT = "quiz_feedback"


def _language(rulebook: Rulebook | None) -> str:
    if rulebook is None:
        return "en"
    return "zh" if (rulebook.language or "").strip().lower().startswith("zh") else "en"


# =============================================================================================
# Similarity
# =============================================================================================
class _Vectors:
    """Embeds texts once with the offline hashing embedder and answers cosine similarities."""

    def __init__(self, texts: Iterable[str]) -> None:
        from assistant.llm.embeddings import HashingEmbedder

        unique = list(dict.fromkeys(t for t in texts if t))
        self._index = {text: number for number, text in enumerate(unique)}
        self._matrix = HashingEmbedder().embed(unique)

    def vector(self, text: str) -> "np.ndarray":
        return self._matrix[self._index[text]]

    def similarity(self, a: str, b: str) -> float:
        return float(self.vector(a) @ self.vector(b))

    def centroid_similarity(self, group_a: Sequence[str], group_b: Sequence[str]) -> float:
        import numpy as np

        if not group_a or not group_b:
            return 0.0
        a = np.mean([self.vector(t) for t in group_a], axis=0)
        b = np.mean([self.vector(t) for t in group_b], axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0


def _positives(label: RuleLabel) -> list[RuleExample]:
    return [example for example in label.examples if example.polarity == Polarity.positive]


def _negatives(label: RuleLabel) -> list[RuleExample]:
    return [example for example in label.examples if example.polarity == Polarity.negative]


class ConfusablePair(BaseModel):
    """Two labels and how similar their examples are (cosine of the example centroids)."""

    labels: tuple[str, str]
    similarity: float


def _pairs(groups: dict[str, list[str]], vectors: _Vectors) -> list[ConfusablePair]:
    names = [name for name, texts in groups.items() if texts]
    pairs = [
        ConfusablePair(labels=(a, b), similarity=round(vectors.centroid_similarity(groups[a], groups[b]), 4))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    ]
    order = {name: index for index, name in enumerate(names)}
    return sorted(pairs, key=lambda p: (-p.similarity, order[p.labels[0]], order[p.labels[1]]))


def _answer_of(rulebook: Rulebook, example: RuleExample) -> str | None:
    """The label an example really is: its label for a positive, `correct_label` for a negative."""
    if example.polarity == Polarity.positive:
        return _canonical(rulebook, example.label)
    return _canonical(rulebook, example.correct_label) if example.correct_label else None


def _canonical(rulebook: Rulebook, name: str | None) -> str | None:
    if not name:
        return None
    key = label_key(str(name))
    for label in rulebook.labels:
        if label_key(label.name) == key or any(label_key(alias) == key for alias in label.aliases):
            return label.name
    return None


def confusable_pairs(rulebook: Rulebook) -> list[ConfusablePair]:
    """Label pairs from most to least similar, judged by the examples whose answer each label is."""
    groups: dict[str, list[str]] = {label.name: [] for label in rulebook.labels}
    for example in rulebook.examples():
        answer = _answer_of(rulebook, example)
        if answer:
            groups[answer].append(example.text)
    return _pairs(groups, _Vectors(t for texts in groups.values() for t in texts))


def clearest_positive(rulebook: Rulebook, label: RuleLabel, vectors: _Vectors | None = None) -> RuleExample | None:
    """The positive example most similar to the label's definition (the first one without a definition)."""
    positives = _positives(label)
    if not positives:
        return None
    if not label.definition.strip() or len(positives) == 1:
        return positives[0]
    vectors = vectors or _Vectors([label.definition, *(e.text for e in positives)])
    scores = [vectors.similarity(label.definition, example.text) for example in positives]
    return positives[max(range(len(positives)), key=lambda i: (scores[i], -i))]


def most_confusable_negative(rulebook: Rulebook, label: RuleLabel, vectors: _Vectors | None = None) -> RuleExample | None:
    """The negative example most similar to another label's positives (the first one when none compare)."""
    negatives = _negatives(label)
    if not negatives:
        return None
    others = [e.text for other in rulebook.labels if other.name != label.name for e in _positives(other)]
    if not others or len(negatives) == 1:
        return negatives[0]
    vectors = vectors or _Vectors([*(e.text for e in negatives), *others])
    scores = [max(vectors.similarity(example.text, text) for text in others) for example in negatives]
    return negatives[max(range(len(negatives)), key=lambda i: (scores[i], -i))]


# =============================================================================================
# The training pack
# =============================================================================================
PACK_TEXT = {
    "en": {
        "title": "{title} — training pack",
        "intro": "Version {version}. Read this before the qualification quiz: first what the task is, then each label, "
        "then how to decide, then the edge cases. The last page is a cheat sheet to keep beside you.",
        "task": "1. What the task is",
        "purpose": "Why",
        "scope_in": "In scope",
        "scope_out": "Out of scope",
        "single": "Choose exactly one label per item.",
        "multi": "Several labels may apply to one item.",
        "ordinal": "The labels are an ordered scale, listed from highest to lowest.",
        "label_list": "The labels",
        "labels": "2. The labels, one by one",
        "definition": "Definition",
        "undefined": "⚠ This label has no definition yet: ask your annotation lead before using it.",
        "criteria": "It is this label when",
        "cues": "Typical cues",
        "counter_cues": "Not this label when",
        "clearest": "Clearest example",
        "confusable": "Easily confused: this is NOT {label}",
        "is": "→ **{label}**",
        "correct": "→ label it **{label}**",
        "why": "Why",
        "no_example": "No example yet.",
        "procedure": "3. How to decide",
        "no_procedure": "No decision procedure yet: ask your annotation lead which label wins when several seem to fit.",
        "edge_cases": "4. Edge cases",
        "case": "Case",
        "resolution": "Do this",
        "no_edge_cases": "No edge cases written yet.",
        "cheat": "5. Cheat sheet",
        "col_label": "Label",
        "col_means": "What it is",
        "col_decide": "Decide by",
        "col_cues": "Cues",
        "col_confuse": "Don't confuse with",
        "order": "Decision order",
        "sep": "; ",
        "colon": ": ",
    },
    "zh": {
        "title": "{title} — 标注培训手册",
        "intro": "第 {version} 版。资格测验前请通读：先了解任务，再逐个学习标签，然后是判定流程和边界情况。最后一页是速查表，标注时放在手边。",
        "task": "一、任务是什么",
        "purpose": "目的",
        "scope_in": "包含",
        "scope_out": "不包含",
        "single": "每条只选一个标签。",
        "multi": "一条可以选多个标签。",
        "ordinal": "标签是有序等级，从高到低排列。",
        "label_list": "标签",
        "labels": "二、逐个学习标签",
        "definition": "定义",
        "undefined": "⚠ 该标签尚无定义：使用前请先向标注负责人确认。",
        "criteria": "判定标准",
        "cues": "典型线索",
        "counter_cues": "以下情况不是该标签",
        "clearest": "最典型的正例",
        "confusable": "最易混淆的反例：这不是{label}",
        "is": "→ **{label}**",
        "correct": "→ 应标 **{label}**",
        "why": "原因",
        "no_example": "暂无示例。",
        "procedure": "三、判定流程",
        "no_procedure": "尚无判定流程：多个标签都像时以哪个为准，请先向标注负责人确认。",
        "edge_cases": "四、边界情况",
        "case": "情况",
        "resolution": "处理方式",
        "no_edge_cases": "暂无边界情况。",
        "cheat": "五、速查表",
        "col_label": "标签",
        "col_means": "含义",
        "col_decide": "判定要点",
        "col_cues": "典型线索",
        "col_confuse": "易混淆标签",
        "order": "判定顺序",
        "sep": "；",
        "colon": "：",
    },
}


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(c) for c in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


class _LabelTeaching(BaseModel):
    name: str
    clearest: RuleExample | None
    confusable: RuleExample | None
    confused_with: list[str]


def _teaching(rulebook: Rulebook) -> list[_LabelTeaching]:
    """For every label: its clearest positive, its most confusable negative, the labels it is confused with."""
    texts = [label.definition for label in rulebook.labels if label.definition.strip()]
    texts += [example.text for example in rulebook.examples()]
    vectors = _Vectors(texts)
    pairs = confusable_pairs(rulebook)
    out = []
    for label in rulebook.labels:
        confusable = most_confusable_negative(rulebook, label, vectors)
        confused: list[str] = []
        if confusable is not None:
            correct = _canonical(rulebook, confusable.correct_label)
            if correct and correct != label.name:
                confused.append(correct)
        nearest = next((p for p in pairs if label.name in p.labels and p.similarity > 0), None)
        if nearest is not None:
            other = nearest.labels[1] if nearest.labels[0] == label.name else nearest.labels[0]
            if other not in confused:
                confused.append(other)
        out.append(
            _LabelTeaching(
                name=label.name,
                clearest=clearest_positive(rulebook, label, vectors),
                confusable=confusable,
                confused_with=confused[:2],
            )
        )
    return out


def _mode_lines(rulebook: Rulebook, t: dict[str, str]) -> list[str]:
    lines = [t["multi"] if rulebook.multi_label else t["single"]]
    if rulebook.ordinal:
        lines.append(t["ordinal"])
    return lines


def _cheat_rows(rulebook: Rulebook, teaching: list[_LabelTeaching], t: dict[str, str]) -> list[list[str]]:
    """One short row per label; Chinese cells are cut shorter (a character is about two letters wide)."""
    wide, narrow = (50, 30) if _language(rulebook) == "zh" else (90, 50)
    rows = []
    for label, taught in zip(rulebook.labels, teaching):
        means = _short(label.definition, wide) if label.definition.strip() else "⚠"
        decide = _short(label.criteria[0], wide) if label.criteria else ""
        cues = _short(t["sep"].join(label.cues[:3]), narrow)
        rows.append([label.name, means, decide, cues, t["sep"].join(taught.confused_with)])
    return rows


def training_pack(rulebook: Rulebook) -> str:
    """The training pack as Markdown, in the rulebook's language (Chinese headings for zh)."""
    t = PACK_TEXT[_language(rulebook)]
    teaching = _teaching(rulebook)
    out = [f"# {t['title'].format(title=rulebook.title)}", "", f"_{t['intro'].format(version=rulebook.version)}_", ""]

    out += [f"## {t['task']}", "", rulebook.task_definition, ""]
    if rulebook.purpose:
        out += [f"**{t['purpose']}{t['colon'].rstrip()}** {rulebook.purpose}", ""]
    for title, items in ((t["scope_in"], rulebook.scope_in), (t["scope_out"], rulebook.scope_out)):
        if items:
            out += [f"**{title}**", "", *(f"- {_short(item, 400)}" for item in items), ""]
    out += [" ".join(_mode_lines(rulebook, t)), ""]
    out += [f"**{t['label_list']}{t['colon'].rstrip()}** " + t["sep"].join(label.name for label in rulebook.labels), ""]

    out += [f"## {t['labels']}", ""]
    for number, (label, taught) in enumerate(zip(rulebook.labels, teaching), 1):
        out += [f"### 2.{number} {label.name}", ""]
        if label.needs_definition or not label.definition.strip():
            out += [f"> **{t['undefined']}**", ""]
        if label.definition.strip():
            out += [f"**{t['definition']}{t['colon'].rstrip()}** {label.definition}", ""]
        for key, items in (("criteria", label.criteria), ("cues", label.cues), ("counter_cues", label.counter_cues)):
            if items:
                out += [f"**{t[key]}**", "", *(f"- {_short(item, 400)}" for item in items), ""]
        out += [f"**{t['clearest']}**", ""]
        if taught.clearest:
            out += [f"> «{_short(taught.clearest.text, 400)}» {t['is'].format(label=label.name)}",
                    ">", f"> {t['why']}{t['colon']}{_short(taught.clearest.explanation, 400)}", ""]
        else:
            out += [f"_{t['no_example']}_", ""]
        if taught.confusable:
            negative = taught.confusable
            correct = _canonical(rulebook, negative.correct_label) or negative.correct_label
            verdict = t["correct"].format(label=correct) if correct else ""
            out += [f"**{t['confusable'].format(label=label.name)}**", "",
                    f"> «{_short(negative.text, 400)}» {verdict}".rstrip(),
                    ">", f"> {t['why']}{t['colon']}{_short(negative.explanation, 400)}", ""]

    out += [f"## {t['procedure']}", ""]
    if rulebook.decision_procedure:
        out += [f"{number}. {_short(step, 600)}" for number, step in enumerate(rulebook.decision_procedure, 1)]
    else:
        out.append(f"> {t['no_procedure']}")
    out.append("")

    out += [f"## {t['edge_cases']}", ""]
    if rulebook.edge_cases:
        out += _md_table([t["case"], t["resolution"]], [[edge.case, edge.resolution] for edge in rulebook.edge_cases])
    else:
        out.append(f"_{t['no_edge_cases']}_")
    out.append("")

    out += ['<div style="page-break-before: always"></div>', "", f"## {t['cheat']}", "", f"**{rulebook.title}** · v{rulebook.version} · "
            + " ".join(_mode_lines(rulebook, t)), ""]
    out += _md_table(
        [t["col_label"], t["col_means"], t["col_decide"], t["col_cues"], t["col_confuse"]], _cheat_rows(rulebook, teaching, t)
    )
    out.append("")
    if rulebook.decision_procedure:
        out += [f"**{t['order']}**", ""]
        out += [f"{number}. {_short(step, 90)}" for number, step in enumerate(rulebook.decision_procedure[:8], 1)]
        out.append("")
    return safe_markdown("\n".join(out))  # user text stays text (issue 14)


def training_pack_docx(rulebook: Rulebook, path: str | Path) -> Path:
    """The training pack as a Word document (python-docx), written atomically; returns the path."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    t = PACK_TEXT[_language(rulebook)]
    teaching = _teaching(rulebook)
    document = Document()
    if _language(rulebook) == "zh":
        for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            r_pr = document.styles[style_name].element.get_or_add_rPr()
            fonts = r_pr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = r_pr.makeelement(qn("w:rFonts"), {})
                r_pr.append(fonts)
            fonts.set(qn("w:eastAsia"), "Microsoft YaHei")
    document.core_properties.title = t["title"].format(title=rulebook.title)

    def labeled(title: str, text: str, style: str | None = None) -> None:
        paragraph = document.add_paragraph(style=style)
        paragraph.add_run(f"{title}{t['colon']}").bold = True
        paragraph.add_run(text)

    def bullets(title: str, items: list[str]) -> None:
        if items:
            document.add_paragraph().add_run(title).bold = True
            for item in items:
                document.add_paragraph(item, style="List Bullet")

    def table(header: list[str], rows: list[list[str]], size: float | None = None) -> None:
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header):
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            if size:
                run.font.size = Pt(size)
        for row in rows:
            for cell, text in zip(grid.add_row().cells, row):
                run = cell.paragraphs[0].add_run(text)
                if size:
                    run.font.size = Pt(size)

    def example(title: str, item: RuleExample, verdict: str) -> None:
        document.add_paragraph().add_run(title).bold = True
        paragraph = document.add_paragraph(style="Intense Quote")
        paragraph.add_run(f"«{item.text}» ")
        paragraph.add_run(verdict.replace("**", "")).bold = True
        labeled(t["why"], item.explanation)

    document.add_heading(t["title"].format(title=rulebook.title), level=0)
    document.add_paragraph().add_run(t["intro"].format(version=rulebook.version)).italic = True

    document.add_heading(t["task"], level=1)
    document.add_paragraph(rulebook.task_definition)
    if rulebook.purpose:
        labeled(t["purpose"], rulebook.purpose)
    bullets(t["scope_in"], rulebook.scope_in)
    bullets(t["scope_out"], rulebook.scope_out)
    document.add_paragraph(" ".join(_mode_lines(rulebook, t)))
    labeled(t["label_list"], t["sep"].join(label.name for label in rulebook.labels))

    document.add_heading(t["labels"], level=1)
    for number, (label, taught) in enumerate(zip(rulebook.labels, teaching), 1):
        document.add_heading(f"2.{number} {label.name}", level=2)
        if label.needs_definition or not label.definition.strip():
            document.add_paragraph().add_run(t["undefined"]).bold = True
        if label.definition.strip():
            labeled(t["definition"], label.definition)
        bullets(t["criteria"], label.criteria)
        bullets(t["cues"], label.cues)
        bullets(t["counter_cues"], label.counter_cues)
        if taught.clearest:
            example(t["clearest"], taught.clearest, t["is"].format(label=label.name))
        else:
            document.add_paragraph().add_run(t["no_example"]).italic = True
        if taught.confusable:
            correct = _canonical(rulebook, taught.confusable.correct_label) or taught.confusable.correct_label
            example(t["confusable"].format(label=label.name), taught.confusable,
                    t["correct"].format(label=correct) if correct else "")

    document.add_heading(t["procedure"], level=1)
    if rulebook.decision_procedure:
        for step in rulebook.decision_procedure:
            document.add_paragraph(step, style="List Number")
    else:
        document.add_paragraph(t["no_procedure"])

    document.add_heading(t["edge_cases"], level=1)
    if rulebook.edge_cases:
        table([t["case"], t["resolution"]], [[edge.case, edge.resolution] for edge in rulebook.edge_cases])
    else:
        document.add_paragraph(t["no_edge_cases"])

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(t["cheat"], level=1)
    document.add_paragraph(f"{rulebook.title} · v{rulebook.version} · " + " ".join(_mode_lines(rulebook, t)))
    table([t["col_label"], t["col_means"], t["col_decide"], t["col_cues"], t["col_confuse"]],
          _cheat_rows(rulebook, teaching, t), size=8.5)
    if rulebook.decision_procedure:
        document.add_paragraph().add_run(t["order"]).bold = True
        for step in rulebook.decision_procedure[:8]:
            run = document.add_paragraph(style="List Number").add_run(_short(step, 90))
            run.font.size = Pt(8.5)

    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file path for the Word training pack")
    with atomic_writer(path, "wb") as stream:
        document.save(stream)
    return path


# =============================================================================================
# The quiz
# =============================================================================================
QuizKind = Literal["positive", "negative", "gold"]
RuleSource = Literal["explanation", "criterion", "definition", "gold", "none"]


class QuizItem(BaseModel):
    """One quiz question with its known answer and the rule that decides it."""

    id: str
    text: str
    answer: str = Field(description="the correct label")
    rule: str = Field(description="the rule that decides this item: the example's explanation, or the label's first criterion")
    rule_source: RuleSource
    criterion: str = Field(default="", description="the answer label's first criterion (its definition when it has none)")
    source: str = Field(description="where the item comes from: the example's source, or 'gold'")
    kind: QuizKind
    looks_like: str | None = Field(default=None, description="negative examples: the label it is easily mistaken for")
    gold_id: str | None = None


class Quiz(BaseModel):
    title: str
    language: str
    rulebook_version: int
    seed: int
    size_requested: int
    labels: list[str]
    items: list[QuizItem]
    label_counts: dict[str, int]
    available: dict[str, int] = Field(description="items with a known answer per label before selection")
    weights: dict[str, float] = Field(description="selection weight per label: 1, plus the confusion bonus")
    confusable_pairs: list[ConfusablePair]
    notes: list[str] = Field(default_factory=list)

    def key(self) -> list[dict[str, Any]]:
        return [_key_record(item) for item in self.items]


def _key_record(item: QuizItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "answer": item.answer,
        "rule": item.rule,
        "rule_source": item.rule_source,
        "criterion": item.criterion,
        "source": item.source,
        "kind": item.kind,
        "looks_like": item.looks_like or "",
    }


def _criterion(label: RuleLabel) -> tuple[str, RuleSource]:
    if label.criteria:
        return label.criteria[0], "criterion"
    if label.definition.strip():
        return label.definition, "definition"
    return "", "none"


def _candidates(rulebook: Rulebook, gold: list[dict[str, Any]] | None, notes: list[str]) -> list[QuizItem]:
    """Every item with a known answer: rulebook examples first, then gold items; duplicates dropped."""
    lang = _language(rulebook)
    out: list[QuizItem] = []
    seen: set[str] = set()
    skipped = 0
    for example in rulebook.examples():
        answer = _answer_of(rulebook, example)
        if answer is None:
            skipped += example.polarity == Polarity.negative
            continue
        key = label_key(example.text)
        if key in seen:
            continue
        seen.add(key)
        criterion, _ = _criterion(rulebook.label(answer))  # type: ignore[arg-type]
        out.append(QuizItem(
            id="", text=example.text, answer=answer, rule=example.explanation, rule_source="explanation",
            criterion=criterion, source=example.source or "new", kind=example.polarity.value,
            looks_like=_canonical(rulebook, example.label) if example.polarity == Polarity.negative else None,
        ))
    if skipped:
        notes.append(
            f"{skipped} 条反例没有写明正确标签（correct_label），未用于测验" if lang == "zh"
            else f"{skipped} negative example(s) without a correct_label were skipped (no known answer)"
        )
    for number, record in enumerate(gold or [], 1):
        text = str(record.get("text") or "").strip()
        raw_label = str(record.get("label") or "").strip()
        gold_id = str(record.get("id") or "").strip() or str(number)
        if not text or not raw_label:
            raise InputError(f"gold item {gold_id}: needs both a text and a label")
        answer = _canonical(rulebook, raw_label)
        if answer is None:
            raise InputError(
                f"gold item {gold_id}: label {raw_label!r} is not one of the rulebook's labels {rulebook.label_names}"
            )
        key = label_key(text)
        if key in seen:
            continue
        seen.add(key)
        criterion, criterion_source = _criterion(rulebook.label(answer))  # type: ignore[arg-type]
        own = str(record.get("explanation") or record.get("rule") or "").strip()
        out.append(QuizItem(
            id="", text=text, answer=answer,
            rule=own or criterion or answer,
            rule_source="gold" if own else criterion_source,
            criterion=criterion, source=str(record.get("source") or "").strip() or GOLD_SOURCE, kind="gold",
            gold_id=gold_id,
        ))
    return out


def _allocate(size: int, labels: list[str], available: dict[str, int], weights: dict[str, float]) -> dict[str, int]:
    """Counts per label, one item at a time to the label furthest below its weighted share.

    Labels with nothing left are skipped, so a label with few items gives its share to the
    others ("as equal as available"). Ties go to the heavier label, then to rulebook order.
    """
    counts = {label: 0 for label in labels}
    order = {label: index for index, label in enumerate(labels)}
    for _ in range(size):
        open_labels = [label for label in labels if counts[label] < available[label]]
        if not open_labels:
            break
        pick = min(open_labels, key=lambda l: (counts[l] / weights[l], -weights[l], order[l]))
        counts[pick] += 1
    return counts


def make_quiz(
    rulebook: Rulebook, *, gold: list[dict[str, Any]] | None = None, size: int = 20, seed: int = 0
) -> Quiz:
    """A qualification quiz with known answers, balanced across labels, weighted toward confusable pairs.

    Items come from the rulebook's examples (a positive's answer is its label; a negative's is its
    `correct_label`, negatives without one are skipped) and from `gold` records ({id, text, label},
    optional explanation/source). Every label starts with weight 1; the labels of the most
    similar pairs (the top max(1, labels // 3) pairs) get +0.5, so they receive extra items. Counts
    follow the weights as far as each label has items. Items inside a label and the final order
    are drawn with `random.Random(seed)`: the same inputs and seed give the same quiz.
    """
    if size < 1:
        raise InputError(f"quiz size must be at least 1, got {size}")
    lang = _language(rulebook)
    notes: list[str] = []
    candidates = _candidates(rulebook, gold, notes)
    labels = rulebook.label_names
    pools: dict[str, list[QuizItem]] = {label: [] for label in labels}
    for item in candidates:
        pools[item.answer].append(item)
    available = {label: len(pool) for label, pool in pools.items()}
    if not candidates:
        raise InputError(
            "no quiz items: the rulebook has no positive examples or negatives with a correct_label, and no gold items were given"
        )

    vectors = _Vectors(item.text for item in candidates)
    pairs = _pairs({label: [item.text for item in pool] for label, pool in pools.items()}, vectors)
    top = [pair for pair in pairs[: max(1, len(labels) // 3)] if pair.similarity > 0]
    weights = {label: 1.0 + (CONFUSION_BONUS if any(label in pair.labels for pair in top) else 0.0) for label in labels}

    counts = _allocate(size, labels, available, weights)
    rng = random.Random(seed)
    chosen: list[QuizItem] = []
    for label in labels:
        pool = list(pools[label])
        rng.shuffle(pool)
        chosen.extend(pool[: counts[label]])
    rng.shuffle(chosen)
    width = max(2, len(str(len(chosen))))
    items = [item.model_copy(update={"id": f"q{number:0{width}d}"}) for number, item in enumerate(chosen, 1)]

    if len(items) < size:
        notes.append(
            f"要求 {size} 题，但只有 {len(items)} 条已知答案的条目" if lang == "zh"
            else f"asked for {size} items but only {len(items)} items with known answers exist"
        )
    empty = [label for label in labels if available[label] == 0]
    if empty:
        notes.append(
            f"以下标签没有可出题的示例，未被考到：{'、'.join(empty)}" if lang == "zh"
            else f"no items with a known answer for: {', '.join(empty)} (these labels are not tested)"
        )
    if top:
        names = "; ".join(f"{p.labels[0]} / {p.labels[1]} ({p.similarity:.2f})" for p in top)
        notes.append(f"易混淆标签对加题：{names}" if lang == "zh" else f"extra items for the most confusable pair(s): {names}")
    return Quiz(
        title=rulebook.title, language=lang, rulebook_version=rulebook.version, seed=seed, size_requested=size,
        labels=labels, items=items, label_counts=counts, available=available, weights=weights,
        confusable_pairs=pairs, notes=notes,
    )


# ---------------------------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------------------------
QUIZ_FORMATS = ("csv", "xlsx", "label-studio")


def quiz_format(path: str | Path, fmt: str | None = None) -> str:
    """The quiz sheet format: the one given, or the one the file name implies."""
    key = (fmt or "").strip().lower().replace("_", "-")
    if not key:
        suffix = Path(path).suffix.lower()
        key = {".csv": "csv", ".xlsx": "xlsx", ".json": "label-studio"}.get(suffix, "")
        if not key:
            raise InputError(f"{path}: cannot tell the quiz format from {suffix or 'no suffix'}; use --format csv, xlsx or label-studio")
    if key in ("labelstudio", "ls"):
        key = "label-studio"
    if key not in QUIZ_FORMATS:
        raise InputError(f"unknown quiz format {fmt!r}; choose one of: {', '.join(QUIZ_FORMATS)}")
    return key


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    """CSV with a UTF-8 BOM so Excel shows Chinese correctly (the readers here strip it)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    with atomic_writer(path) as stream:
        stream.write("\ufeff" + buffer.getvalue())
    return path


def export_quiz(quiz: Quiz, path: str | Path, fmt: str | None = None) -> Path:
    """The sheet annotators fill in, WITHOUT answers: csv/xlsx (id, text, empty answer) or Label Studio tasks."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file path for the quiz")
    kind = quiz_format(path, fmt)
    if kind == "csv":
        return _write_csv(path, ["id", "text", "answer"], ([item.id, item.text, ""] for item in quiz.items))
    if kind == "label-studio":
        tasks = [{"id": number, "data": {TEXT_KEY: item.text, "item_id": item.id}} for number, item in enumerate(quiz.items, 1)]
        with atomic_writer(path) as stream:
            stream.write(json.dumps(tasks, ensure_ascii=False, indent=2) + "\n")
        return path
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "quiz"
    sheet.append(["id", "text", "answer"])
    for item in quiz.items:
        sheet.append([item.id, item.text, None])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["C"].width = 20
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    labels = workbook.create_sheet("labels")
    labels.append(["label"])
    for name in quiz.labels:
        labels.append([name])
    if quiz.items:  # a drop-down of the labels in the answer column
        validation = DataValidation(type="list", formula1=f"=labels!$A$2:$A${len(quiz.labels) + 1}", allow_blank=True)
        sheet.add_data_validation(validation)
        validation.add(f"C2:C{len(quiz.items) + 1}")
    with atomic_writer(path, "wb") as stream:
        workbook.save(stream)
    return path


KEY_COLUMNS = ["id", "text", "answer", "rule", "rule_source", "criterion", "source", "kind", "looks_like"]


def export_answer_key(quiz: Quiz, path: str | Path) -> Path:
    """The answer key (id, text, answer, rule, rule source, criterion, source, kind) as CSV, XLSX, JSON or JSONL."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _write_csv(path, KEY_COLUMNS, ([record[c] for c in KEY_COLUMNS] for record in quiz.key()))
    return write_records(path, quiz.key())


# =============================================================================================
# Scoring
# =============================================================================================
class Mistake(BaseModel):
    id: str
    text: str
    given: str
    expected: str
    rule: str
    rule_source: str = ""
    criterion: str = ""
    source: str = ""


class RuleMissed(BaseModel):
    """A rule an annotator got wrong, with the items where it happened."""

    label: str
    rule: str
    items: list[str]


class AnnotatorScore(BaseModel):
    annotator: str
    total: int = Field(description="items in the quiz")
    answered: int
    correct: int
    accuracy: float = Field(description="correct / items in the quiz (an unanswered item is not correct)")
    passed: bool
    mistakes: list[Mistake] = Field(default_factory=list)
    errors_by_label: dict[str, int] = Field(default_factory=dict, description="wrong answers by correct label")
    rules_missed: list[RuleMissed] = Field(default_factory=list)
    unanswered: list[str] = Field(default_factory=list)
    unknown_ids: list[str] = Field(default_factory=list)
    duplicate_ids: list[str] = Field(default_factory=list)
    not_a_label: list[str] = Field(default_factory=list, description="ids answered with something that is not a label")


class QuizScores(BaseModel):
    threshold: float
    items: int
    labels: list[str]
    annotators: list[AnnotatorScore]
    errors_by_label: dict[str, int] = Field(description="wrong answers by correct label, all annotators")
    items_by_label: dict[str, int]
    confusions: dict[str, int] = Field(description="'expected → given': count, all annotators")
    unknown_ids: list[str]
    passed: list[str]
    failed: list[str]

    def annotator(self, name: str) -> AnnotatorScore:
        for score in self.annotators:
            if score.annotator == name:
                return score
        raise InputError(f"no quiz answers from annotator {name!r}; annotators: {', '.join(s.annotator for s in self.annotators)}")


def _key_items(quiz_or_key: Quiz | Sequence[QuizItem] | Sequence[dict[str, Any]] | str | Path) -> list[QuizItem]:
    if isinstance(quiz_or_key, Quiz):
        return list(quiz_or_key.items)
    if isinstance(quiz_or_key, (str, Path)):
        path = Path(quiz_or_key)
        records = read_records(path)
        require_columns(path, records, "id", "answer")
        rows: Sequence[QuizItem | dict[str, Any]] = records
    else:
        rows = quiz_or_key
    items: list[QuizItem] = []
    seen: set[str] = set()
    for number, record in enumerate(rows, 1):
        if isinstance(record, QuizItem):
            item = record
        else:
            item_id = str(record.get("id") or "").strip()
            answer = str(record.get("answer") or "").strip()
            if not item_id or not answer:
                raise InputError(f"answer key row {number}: needs an id and an answer")
            rule_source = str(record.get("rule_source") or "").strip()
            kind = str(record.get("kind") or "").strip()
            item = QuizItem(
                id=item_id, text=str(record.get("text") or ""), answer=answer,
                rule=str(record.get("rule") or "").strip(),
                rule_source=rule_source if rule_source in RuleSource.__args__ else "none",  # type: ignore[attr-defined]
                criterion=str(record.get("criterion") or "").strip(), source=str(record.get("source") or "").strip(),
                kind=kind if kind in QuizKind.__args__ else "gold",  # type: ignore[attr-defined]
                looks_like=str(record.get("looks_like") or "").strip() or None,
            )
        if item.id in seen:
            raise InputError(f"answer key: item id {item.id!r} appears twice")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise InputError("the answer key has no items")
    return items


def score_quiz(
    quiz_or_key: Quiz | Sequence[QuizItem] | Sequence[dict[str, Any]] | str | Path,
    answers_records: Sequence[dict[str, Any]],
    *,
    threshold: float = 0.8,
    annotator_field: str = "annotator",
    id_field: str = "id",
    answer_field: str = "answer",
) -> QuizScores:
    """Score annotators' answers against the key.

    accuracy = correct answers / items in the quiz (an unanswered item counts as not correct);
    an annotator passes when accuracy >= threshold. Answers match labels ignoring case, width and
    surrounding space. Ids not in the key are reported, never scored; a repeated id keeps the
    first answer and is reported.
    """
    if not 0 <= threshold <= 1:
        raise InputError(f"threshold must be between 0 and 1, got {threshold}")
    items = _key_items(quiz_or_key)
    by_id = {item.id: item for item in items}
    labels = list(dict.fromkeys(item.answer for item in items))
    if isinstance(quiz_or_key, Quiz):
        labels = list(dict.fromkeys([*quiz_or_key.labels, *labels]))
    canonical = {label_key(label): label for label in labels}

    per_annotator: dict[str, dict[str, str]] = {}
    unknown: dict[str, list[str]] = {}
    duplicates: dict[str, list[str]] = {}
    for number, record in enumerate(answers_records, 1):
        annotator = cell_text(record.get(annotator_field)) or ""
        if not annotator:
            raise InputError(f"answers row {number}: no {annotator_field!r} (who answered?)")
        item_id = cell_text(record.get(id_field)) or ""
        if not item_id:
            raise InputError(f"answers row {number}: no {id_field!r}")
        given = per_annotator.setdefault(annotator, {})
        unknown.setdefault(annotator, [])
        duplicates.setdefault(annotator, [])
        if item_id not in by_id:
            unknown[annotator].append(item_id)
        elif item_id in given:
            duplicates[annotator].append(item_id)
        else:
            given[item_id] = cell_text(record.get(answer_field)) or ""

    scores: list[AnnotatorScore] = []
    errors_all = {label: 0 for label in labels}
    confusions: dict[str, int] = {}
    for annotator, given in per_annotator.items():
        mistakes: list[Mistake] = []
        unanswered: list[str] = []
        not_a_label: list[str] = []
        correct = 0
        for item in items:
            raw = given.get(item.id, "")
            if not raw:
                unanswered.append(item.id)
                continue
            answer = canonical.get(label_key(raw))
            if answer is None:
                not_a_label.append(item.id)
            if answer == item.answer:
                correct += 1
                continue
            mistakes.append(Mistake(
                id=item.id, text=item.text, given=answer or raw, expected=item.answer, rule=item.rule or item.criterion,
                rule_source=item.rule_source, criterion=item.criterion, source=item.source,
            ))
        errors = {label: 0 for label in labels}
        missed: dict[tuple[str, str], list[str]] = {}
        for mistake in mistakes:
            errors[mistake.expected] = errors.get(mistake.expected, 0) + 1
            errors_all[mistake.expected] = errors_all.get(mistake.expected, 0) + 1
            pair = f"{mistake.expected} → {mistake.given}"
            confusions[pair] = confusions.get(pair, 0) + 1
            missed.setdefault((mistake.expected, mistake.rule), []).append(mistake.id)
        accuracy = correct / len(items)
        scores.append(AnnotatorScore(
            annotator=annotator, total=len(items), answered=len(items) - len(unanswered), correct=correct,
            accuracy=round(accuracy, 6), passed=accuracy >= threshold - 1e-9, mistakes=mistakes,
            errors_by_label={label: count for label, count in errors.items() if count},
            rules_missed=[RuleMissed(label=label, rule=rule, items=ids) for (label, rule), ids in missed.items()],
            unanswered=unanswered, unknown_ids=unknown[annotator], duplicate_ids=duplicates[annotator],
            not_a_label=not_a_label,
        ))
    items_by_label = {label: 0 for label in labels}
    for item in items:
        items_by_label[item.answer] += 1
    return QuizScores(
        threshold=threshold, items=len(items), labels=labels, annotators=scores, errors_by_label=errors_all,
        items_by_label=items_by_label,
        confusions=dict(sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))),
        unknown_ids=sorted({i for ids in unknown.values() for i in ids}),
        passed=[s.annotator for s in scores if s.passed], failed=[s.annotator for s in scores if not s.passed],
    )


# ---------------------------------------------------------------------------------------------
# Reports and feedback
# ---------------------------------------------------------------------------------------------
SCORE_TEXT = {
    "en": {
        "feedback": "Quiz feedback: {annotator}",
        "score": "Score: {correct}/{total} ({accuracy}); pass mark {threshold}: **{verdict}**.",
        "pass": "passed",
        "fail": "not passed",
        "perfect": "Every answer was right. You are ready for the trial round.",
        "mistakes": "Your mistakes",
        "item": "Item",
        "your_answer": "Your answer",
        "correct": "Correct answer",
        "rule": "Rule",
        "criterion": "Label rule",
        "definition": "{label} means",
        "unanswered": "Not answered: {ids}. Every item counts; an empty answer is not correct.",
        "unknown": "Ids not in the quiz (ignored): {ids}.",
        "explained": "Why (explained)",
        "explained_by": "Explanations written by {model} (prompt {prompt}); the rules above are the reference.",
        "next": "Re-read the rules quoted above, then ask your annotation lead about any you are unsure of.",
        "empty": "(no answer)",
    },
    "zh": {
        "feedback": "测验反馈：{annotator}",
        "score": "得分：{correct}/{total}（{accuracy}）；及格线 {threshold}：**{verdict}**。",
        "pass": "通过",
        "fail": "未通过",
        "perfect": "全部答对，可以参加试标。",
        "mistakes": "答错的题",
        "item": "题目",
        "your_answer": "你的答案",
        "correct": "正确答案",
        "rule": "依据规则",
        "criterion": "标签判定标准",
        "definition": "{label} 的定义",
        "unanswered": "未作答：{ids}。每题都计分，空白视为答错。",
        "unknown": "测验中没有这些题号（已忽略）：{ids}。",
        "explained": "错因讲解",
        "explained_by": "讲解由 {model} 生成（提示词 {prompt}），以上方引用的规则为准。",
        "next": "请重读上面引用的规则，仍有疑问请向标注负责人确认。",
        "empty": "（未填写）",
    },
}


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
    t = SCORE_TEXT[lang]
    out = [
        f"# {t['feedback'].format(annotator=annotator)}",
        "",
        t["score"].format(
            correct=score.correct, total=score.total, accuracy=_percent(score.accuracy),
            threshold=_percent(scores.threshold), verdict=t["pass"] if score.passed else t["fail"],
        ),
        "",
    ]
    if not score.mistakes and not score.unanswered:
        out += [t["perfect"], ""]
    if score.mistakes:
        out += [f"## {t['mistakes']}", ""]
        for mistake in score.mistakes:
            out += [
                f"### {mistake.id}",
                "",
                f"- **{t['item']}**: «{_short(mistake.text, 300)}»",
                f"- **{t['your_answer']}**: {mistake.given or t['empty']}",
                f"- **{t['correct']}**: {mistake.expected}",
                f"- **{t['rule']}**:",
                "",
                f"  > {' '.join(mistake.rule.split())}",
                "",
            ]
            if mistake.criterion and mistake.criterion != mistake.rule:
                out += [f"- **{t['criterion']}** ({mistake.expected}): {' '.join(mistake.criterion.split())}", ""]
            label = rulebook.label(mistake.expected) if rulebook else None
            if label is not None and label.definition.strip() and label.definition != mistake.criterion:
                out += [f"- **{t['definition'].format(label=mistake.expected)}**: {' '.join(label.definition.split())}", ""]
    if score.unanswered:
        out += [t["unanswered"].format(ids=", ".join(score.unanswered)), ""]
    if score.unknown_ids:
        out += [t["unknown"].format(ids=", ".join(score.unknown_ids)), ""]
    if score.mistakes and llm is not None:
        from assistant.llm.prompts import load_prompt

        prompt = load_prompt(FEEDBACK_PROMPT)
        explanation = llm.text(
            prompt,
            {
                "language": "Chinese (简体中文)" if lang == "zh" else "English",
                "task": rulebook.task_definition if rulebook else "",
                "annotator": annotator,
                "mistakes": _mistakes_for_prompt(score, rulebook),
            },
            step="quiz_feedback",
        ).strip()
        if explanation:
            out += [f"## {t['explained']}", "", explanation, "",
                    f"_{t['explained_by'].format(model=getattr(llm, 'model', 'LLM'), prompt=prompt.id)}_", ""]
    if score.mistakes or score.unanswered:
        out += [t["next"], ""]
    return safe_markdown("\n".join(out))  # user text stays text (issue 14)


def format_scores(scores: QuizScores, language: str = "en") -> str:
    """A plain-text summary of a scored quiz: one line per annotator, then errors by label."""
    zh = language.startswith("zh")
    lines = [
        (f"测验 {scores.items} 题，及格线 {_percent(scores.threshold)}" if zh
         else f"quiz of {scores.items} items, pass mark {_percent(scores.threshold)}")
    ]
    for s in scores.annotators:
        verdict = ("通过" if s.passed else "未通过") if zh else ("PASS" if s.passed else "FAIL")
        extra = []
        if s.unanswered:
            extra.append(f"{'未作答' if zh else 'unanswered'} {len(s.unanswered)}")
        if s.unknown_ids:
            extra.append(f"{'未知题号' if zh else 'unknown ids'} {', '.join(s.unknown_ids)}")
        lines.append(f"  {s.annotator}: {s.correct}/{s.total} {_percent(s.accuracy)} {verdict}"
                     + (f" ({'; '.join(extra)})" if extra else ""))
        for rule in s.rules_missed:
            lines.append(f"      ✗ {rule.label} [{', '.join(rule.items)}]: {_short(rule.rule, 100)}")
    errors = {label: count for label, count in scores.errors_by_label.items() if count}
    if errors:
        lines.append("各标签错误数：" if zh else "errors by correct label:")
        for label, count in sorted(errors.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {label}: {count} / {scores.items_by_label.get(label, 0) * len(scores.annotators)}")
    if scores.confusions:
        lines.append("常见混淆：" if zh else "confusions (correct → given):")
        lines += [f"  {pair}: {count}" for pair, count in list(scores.confusions.items())[:10]]
    return "\n".join(lines)


def safe_filename(name: str, taken: set[str] | None = None) -> str:
    """A safe, capped file-name stem for an annotator; unique within `taken` when given."""
    from assistant.core.safe_paths import safe_unique_name

    return safe_unique_name(name, taken)
