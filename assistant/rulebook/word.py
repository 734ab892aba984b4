"""The rulebook as a Word document (python-docx), written atomically."""

from __future__ import annotations

from pathlib import Path

from assistant.core.models import Rulebook
from assistant.integrations.datafiles import atomic_writer
from assistant.rulebook.document import (
    _change_line,
    _footer_parts,
    _label_origin,
    _negatives,
    _origin,
    _percent,
    _positives,
    _source,
    _spans,
    _t,
    _task_line,
    _undefined,
    _verdict,
    doc_language,
)


def _docx_document(rulebook: Rulebook):  # -> docx.document.Document
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    t = _t(rulebook)
    zh = doc_language(rulebook) == "zh"
    document = Document()
    if zh:  # an East Asian font so Chinese renders the same everywhere
        for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            style = document.styles[style_name]
            r_pr = style.element.get_or_add_rPr()
            r_fonts = r_pr.find(qn("w:rFonts"))
            if r_fonts is None:
                r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
                r_pr.append(r_fonts)
            r_fonts.set(qn("w:eastAsia"), "Microsoft YaHei")
    document.core_properties.title = rulebook.title
    document.core_properties.version = str(rulebook.version)
    warn = RGBColor(0xC0, 0x39, 0x2B)

    def labeled(paragraph, title: str, text: str) -> None:
        paragraph.add_run(f"{title}{t['colon']}").bold = True
        paragraph.add_run(text)

    def bullets(items: list[str], style: str = "List Bullet") -> None:
        for item in items:
            document.add_paragraph(item, style=style)

    def table(header: list[str], rows: list[list[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = text
        document.add_paragraph()

    document.add_heading(rulebook.title, level=0)
    intro = document.add_paragraph()
    intro.add_run(t["version"].format(version=rulebook.version)).bold = True
    intro.add_run(" · " + _task_line(rulebook, t))

    def origin_note(text: str | None) -> None:
        if text:
            run = document.add_paragraph().add_run(f"{t['provenance']}{t['colon']}{text}")
            run.italic = True
            run.font.size = Pt(8)

    if rulebook.provenance or any(label.definition_origin for label in rulebook.labels):
        run = document.add_paragraph().add_run(t["provenance_legend"])
        run.italic = True

    document.add_heading(t["task"], level=1)
    document.add_paragraph(rulebook.task_definition)
    origin_note(_origin(rulebook, "task_definition", t))
    if rulebook.purpose:
        tag = _origin(rulebook, "purpose", t)
        labeled(document.add_paragraph(), t["purpose"], rulebook.purpose + (f" [{tag}]" if tag else ""))
    elif "purpose" in rulebook.provenance:
        labeled(document.add_paragraph(), t["purpose"], t["purpose_missing"])

    if rulebook.scope_in or rulebook.scope_out:
        document.add_heading(t["scope"], level=1)
        for title, items in ((t["scope_in"], rulebook.scope_in), (t["scope_out"], rulebook.scope_out)):
            if items:
                document.add_paragraph().add_run(title).bold = True
                bullets(items)

    document.add_heading(t["overview"], level=1)
    if rulebook.ordinal:
        document.add_paragraph().add_run(t["ordinal"]).italic = True
    table(
        [t["label"], t["definition"], t["pos_short"], t["neg_short"]],
        [
            [
                label.name,
                t["needs_definition"] if _undefined(label) else label.definition,
                str(len(_positives(label))),
                str(len(_negatives(label))),
            ]
            for label in rulebook.labels
        ],
    )

    document.add_heading(t["labels"], level=1)
    for label in rulebook.labels:
        document.add_heading(label.name, level=2)
        origin_note(_label_origin(rulebook, label, t))
        if label.aliases:
            labeled(document.add_paragraph(), t["aliases"], t["list_sep"].join(label.aliases))
        if _undefined(label):
            run = document.add_paragraph().add_run(t["needs_definition_long"])
            run.bold = True
            run.font.color.rgb = warn
            if label.definition.strip():
                labeled(document.add_paragraph(), f"{t['definition']} {t['draft']}", label.definition)
        else:
            labeled(document.add_paragraph(), t["definition"], label.definition)
        for key, items in (("criteria", label.criteria), ("cues", label.cues), ("counter_cues", label.counter_cues)):
            if items:
                document.add_paragraph().add_run(t[key]).bold = True
                bullets(items)
        document.add_heading(t["examples"], level=3)
        if not label.examples:
            document.add_paragraph().add_run(t["no_examples"]).italic = True
        for title, examples, mark in ((t["positive"], _positives(label), "✓"), (t["negative"], _negatives(label), "✗")):
            for example in examples:
                paragraph = document.add_paragraph(style="List Bullet")
                tag = paragraph.add_run(f"{mark} {title}  ")
                tag.bold = True
                tag.font.color.rgb = RGBColor(0x2E, 0x7D, 0x32) if mark == "✓" else warn
                paragraph.add_run(f"«{example.text}» ")
                paragraph.add_run(_verdict(example, label, t).replace("**", "")).bold = True
                details = []
                if example.spans:
                    details.append(f"{t['entities']}{t['colon']}{_spans(example, t)}")
                details.append(f"{t['why']}{t['colon']}{example.explanation}")
                details.append(f"{t['source']}{t['colon']}{_source(example.source, t)}")
                note = document.add_paragraph(style="List Continue")
                for index, detail in enumerate(details):
                    run = note.add_run(("\n" if index else "") + detail)
                    run.font.size = Pt(9.5)
                    run.italic = index == len(details) - 1

    document.add_heading(t["procedure"], level=1)
    origin_note(_origin(rulebook, "decision_procedure", t))
    if rulebook.decision_procedure:
        bullets(rulebook.decision_procedure, style="List Number")
    else:
        run = document.add_paragraph().add_run(t["no_procedure"])
        run.font.color.rgb = warn

    if rulebook.edge_cases:
        document.add_heading(t["edge_cases"], level=1)
        table(
            [t["case"], t["resolution"], t["source"]],
            [[edge.case, edge.resolution, _source(edge.source, t)] for edge in rulebook.edge_cases],
        )

    if rulebook.output_format:
        document.add_heading(t["output"], level=1)
        document.add_paragraph(rulebook.output_format)

    document.add_heading(t["quality"], level=1)
    quality = rulebook.quality
    for title, value in (
        (t["target"], f"{_percent(quality.target_agreement)} ({t['metric']}{t['colon']}{quality.agreement_metric})"),
        (t["sampling"], _percent(quality.qa_sampling_rate)),
        (t["acceptance"], _percent(quality.acceptance_accuracy)),
    ):
        labeled(document.add_paragraph(style="List Bullet"), title, value)

    if rulebook.glossary:
        document.add_heading(t["glossary"], level=1)
        for term in rulebook.glossary:
            labeled(document.add_paragraph(style="List Bullet"), term.term, term.definition)

    if rulebook.changelog:
        document.add_heading(t["changelog"], level=1)
        table(
            [t["version_col"], t["date"], t["change"]],
            [[f"v{entry.version}", entry.date, _change_line(rulebook, entry.change)] for entry in rulebook.changelog],
        )

    footer = document.add_paragraph()
    run = footer.add_run(" · ".join(_footer_parts(rulebook, t)))
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    return document


def to_docx(rulebook: Rulebook, path: str | Path) -> Path:
    """Write the rulebook as a Word document (atomically); returns the path."""
    path = Path(path)
    document = _docx_document(rulebook)
    with atomic_writer(path, "wb") as stream:
        document.save(stream)
    return path
