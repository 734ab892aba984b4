"""The training pack: the rules in the order an annotator needs them, as Markdown or a Word document.

What the task is, each label (definition, criteria, its clearest positive example and its most
confusable negative example), the decision procedure, the edge cases, then a one-page cheat sheet.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from assistant.core.errors import InputError
from assistant.core.messages import Message
from assistant.core.markdown_safe import safe_markdown
from assistant.core.markdown_templates import render
from assistant.core.words import words
from assistant.core.models import RuleExample, Rulebook
from assistant.integrations.datafiles import atomic_writer
from assistant.training.similarity import (
    _canonical,
    _language,
    _short,
    _Vectors,
    clearest_positive,
    confusable_pairs,
    most_confusable_negative,
)

TEMPLATES = Path(__file__).with_name("templates")


def _words(rulebook: Rulebook) -> dict[str, str]:
    """The pack's words (catalogue ids training.pack.*) in the rulebook's language, unformatted."""
    return words("training.pack.", _language(rulebook))


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


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
    """The training pack as Markdown, in the rulebook's language: layout templates/pack.md.j2, words training.pack.*."""
    words_ = _words(rulebook)
    teaching = _teaching(rulebook)

    def t(key: str, **values: object) -> str:
        return words_[key].format(**values) if values else words_[key]

    taught = [
        (
            label,
            {
                "clearest": item.clearest,
                "confusable": item.confusable,
                "correct": (_canonical(rulebook, item.confusable.correct_label) or item.confusable.correct_label)
                if item.confusable
                else None,
            },
        )
        for label, item in zip(rulebook.labels, teaching)
    ]
    page = render(
        TEMPLATES,
        "pack.md.j2",
        {"short": _short, "cell": _md_cell},
        rb=rulebook,
        t=t,
        colon=words_["colon"],
        mode=" ".join(_mode_lines(rulebook, words_)),
        teaching=taught,
        edge_rows=[[edge.case, edge.resolution] for edge in rulebook.edge_cases],
        cheat_rows=_cheat_rows(rulebook, teaching, words_),
    )
    return safe_markdown(page)  # user text stays text (issue 14)


def training_pack_docx(rulebook: Rulebook, path: str | Path) -> Path:
    """The training pack as a Word document (python-docx), written atomically; returns the path."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    t = _words(rulebook)
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
        raise InputError(Message("error.pack.out_is_directory", path=str(path)))
    with atomic_writer(path, "wb") as stream:
        document.save(stream)
    return path
