"""The main job on the embedded defaults: the whole pipeline on a bundled sample.

Seed the knowledge base, break the sample request down, draft and check the rulebook, pre-label
the sample items, compare the pre-labels and two annotators' bundled labels, and write every
output under one folder. Works offline; with an LLM configured the LLM engine is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable
from evaluation import SAMPLES_DIR
from evaluation.labels import load_label_sets
from evaluation.trial import evaluate_sets
from knowledge.loader import seed
from knowledge.samples import sample_path
from assistant.integrations.datafiles import atomic_writer
from assistant.prelabel.job import run_job
from assistant.service.projects import draft_for_project, record_agreement, start_project
from assistant.breakdown.render import breakdown_text
from assistant.rulebook.check import check_rulebook
from assistant.rulebook.export import export
from assistant.service.agreement_report import write_report
from assistant.core.messages import text

if TYPE_CHECKING:
    from assistant.service.workspace import Workspace


def run_demo(ws: "Workspace", out_dir: Path, say: Callable[[str], None], language: str = "en") -> dict[str, Path]:
    """Run the demo; the outputs written, keyed by a short name (`demo.output.<key>` names it in a language).
    Its step lines (`demo.step.*`) are said in `language`."""

    def step(message_id: str, **values: object) -> None:
        say(text(f"demo.step.{message_id}", language, **values))

    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}

    report = seed(ws.store, ws.kb)
    step("knowledge_base", projects=report.projects, documents=ws.kb.stats()["documents"])
    for query in ("用户投诉 情绪识别", "search result relevance"):
        hits = ws.kb.search(query, 3, kind="project")
        step("search", query=repr(query), hits=", ".join(f"{hit.project} ({hit.score:.2f})" for hit in hits))

    request = sample_path("complaints", "request.txt").read_text(encoding="utf-8")
    breakdown = start_project(ws, request, name="demo: complaint emotion")
    project = breakdown.project_id
    assert project is not None
    step("breakdown", project=project)
    say("   " + breakdown_text(breakdown, max_questions=5).replace("\n", "\n   "))
    outputs["breakdown"] = out_dir / "breakdown.txt"  # keys: catalogue ids demo.output.<key> name them
    with atomic_writer(outputs["breakdown"]) as stream:
        stream.write(breakdown_text(breakdown, max_questions=100) + "\n")

    rulebook = draft_for_project(ws, project)
    for key, fmt, name in (("rulebook_md", "md", "rulebook.md"), ("rulebook_json", "json", "rulebook.json"), ("rulebook_docx", "docx", "rulebook.docx"), ("label_studio", "label-studio", "label_studio_config.xml")):
        outputs[key] = export(rulebook, fmt, out_dir / name)
    lint = check_rulebook(rulebook, ws.settings)
    step("rulebook", version=rulebook.version, labels=len(rulebook.labels), examples=len(rulebook.examples()),
         tokens=rulebook.token_count, errors=len(lint.errors), warnings=len(lint.warnings))

    outputs["prelabels"] = out_dir / "prelabels.jsonl"
    summary = run_job(rulebook, SAMPLES_DIR / "items.csv", outputs["prelabels"], settings=ws.settings, llm=ws.llm, progress=False)
    step("prelabels", engine=summary.engine, summary=summary.describe(language).splitlines()[0])

    rounds = [
        ("model vs human", "agreement_model_vs_human", [outputs["prelabels"], SAMPLES_DIR / "human_a.csv"]),
        ("human vs human", "agreement_humans", [SAMPLES_DIR / "human_a.csv", SAMPLES_DIR / "human_b.csv"]),
    ]  # the round names are stored with the project (data, in English); the lines name them in `language`

    for number, (title, stem, files) in enumerate(rounds, 5):
        sets = [label_set for path in files for label_set in load_label_sets(path)]
        trial = evaluate_sets(sets, rulebook, bootstrap=200)
        record_agreement(ws, project, trial.to_json(), round_name=f"demo {title}")
        written = write_report(trial, out_dir / f"{stem}.md", language=rulebook.language)
        outputs[stem] = Path(written["report"])
        verdict = trial.report.verdict
        step("agreement", number=number, round=text(f"demo.output.{stem}", language),
             verdict=verdict.verdict_text(rulebook.language))
    return outputs
