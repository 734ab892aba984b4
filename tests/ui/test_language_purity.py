"""One language per screen: every page, in each language, shows no text of the other language outside user data.

Each page is rendered through AppTest on a project that has gone the whole way (breakdown, answers,
rulebook, edits, quiz, agreement round, batch), and every string the app sends to the browser is
collected from the element protos (titles, markdown, alerts, widget labels, help, placeholders,
options, tabs, expanders, metrics). User data (the request, the rulebook, file names, ids) is
removed first; what is left must be Chinese on a Chinese screen and English on an English one.
Widget texts Streamlit draws itself (the file uploader's button and size line) are set by the
app's CSS and checked in the browser test's screenshots.
"""

from __future__ import annotations

import json
import re

import pytest
from google.protobuf.message import Message

from tests.ui.conftest import REQUEST, RULEBOOK_JSON, SAMPLES, assert_clean, open_app

PAGES = ["assistant", "submit", "projects", "prelabel", "agreement", "trial", "production", "knowledge"]
SKIP_FIELDS = {"id", "form_id", "icon", "key", "element_id", "columns", "data", "arrow_data", "spec", "url", "page_script_hash",
               "type", "format", "page_name", "url_path", "anchor", "mime", "theme", "min", "max", "step", "default", "value",
               "column_order", "selection_mode", "widths", "vertical_alignment", "gap", "width_config", "height_config",
               "text_alignment", "page", "body_html", "name", "avatar", "autocomplete", "accept_file", "file_type", "editing_mode", "color", "background_color",
               "language", "start_date", "end_date", "date_format", "time_format", "placeholder_format"}
# Words that are the same in both languages: product and format names, metric symbols, units.
SHARED = {
    "中文",  # the language switch names each language in itself
    "rulebook", "json", "csv", "jsonl", "xlsx", "markdown", "word", "label", "studio", "llm", "tokens", "token", "kappa",
    "cohen", "fleiss", "krippendorff", "alpha", "id", "text", "annotator", "answer", "correct", "reviewed_label", "lead_time",
    "tvd", "openai_api_key", "openai_base_url", "png", "txt", "docx", "utc", "api", "gold", "yes", "no", "md", "xml",
    "yaml", "yml", "ner", "english", "cohen's", "gwet", "ac1", "scott's", "pi",  # names of statistics "offline", "knn", "hashing", "chroma", "sqlite", "qa", "sla", "rma", "sku",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_']{2,}")
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")


def _strings(message: Message, field_name: str = "") -> list[str]:
    out: list[str] = []
    for field, value in message.ListFields():
        if field.name in SKIP_FIELDS:
            continue
        values = list(value) if isinstance(value, (list, tuple)) or type(value).__name__.startswith('Repeated') else [value]
        for item in values:
            if isinstance(item, Message):
                out += _strings(item, field.name)
            elif isinstance(item, str) and "<style" not in item:
                out.append(item)
    return out


def _walk(node) -> list[str]:
    out = []
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message):
        out += _strings(proto)
    for child in getattr(node, "children", {}).values():
        out += _walk(child)
    return out


def _screen_text(app) -> str:
    return "\n".join(_walk(app._tree))


def _user_data(ws, project_id: str) -> list[str]:
    """Every string the user (or the bundled samples) put in: removed before checking the language."""
    values: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    from ui.components import project_label

    for row in ws.store.projects():
        values += [row.id, row.name, row.request, project_label(row), *[str(v) for v in (row.meta or {}).values()]]
        for kind in ("breakdown", "rulebook", "agreement", "quiz", "batch", "chat"):
            for artifact in ws.store.artifacts(row.id, kind):
                collect(artifact.payload)
    for past in ws.store.past_projects():
        collect(past.model_dump(mode="json"))
    collect(json.loads(RULEBOOK_JSON.read_text(encoding="utf-8")))
    for path in SAMPLES.iterdir():
        values.append(path.name)
        if path.suffix in (".csv",):
            values += [cell for line in path.read_text(encoding="utf-8").splitlines() for cell in line.split(",")]
    return sorted({value.strip() for value in values if value and value.strip()}, key=len, reverse=True)


def _documents(ws) -> str:
    """The rule documents, written in the rulebook's language whatever the screen's: user data too."""
    from assistant.rulebook.export import diff_text, to_markdown
    from assistant.training.materials import training_pack
    from ui.components import rulebook_markdown  # noqa: F401 - same text, headings moved

    parts = []
    for row in ws.store.projects():
        previous = None
        for artifact in ws.store.artifacts(row.id, "rulebook"):
            from assistant.core.models import Rulebook

            rulebook = Rulebook.model_validate(artifact.payload)
            parts += [to_markdown(rulebook), training_pack(rulebook)]
            if previous is not None:
                parts.append(diff_text(previous, rulebook))
            previous = rulebook
    return re.sub(r"</?sub>", "", "\n".join(parts))


def _core(line: str) -> str:
    return re.sub(r"</?[a-z][a-z0-9]*>", "", line).strip().lstrip("+-#> ").strip()


def _without_documents(text: str, documents: str) -> str:
    lines = {_core(line) for line in documents.splitlines() if _core(line)}
    return "\n".join(line for line in text.splitlines() if _core(line) not in lines)


def _without(text: str, data: list[str]) -> str:
    text = re.sub(r":material/\w+:|:\w+-badge\[|:(?:gray|green|orange|red|blue|violet|rainbow|primary)\[", " ", text)  # Markdown directives
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    text = re.sub(r"</?[a-z][a-z0-9]*>", " ", text)  # HTML tags of the rule document (e.g. <sub> in a diff)
    for value in data:
        if value.lower() in SHARED:
            continue
        if value.isascii():  # whole words only, so "en" does not eat "tokens"
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])", " ", text)
        elif len(value) >= 2:
            text = text.replace(value, " ")
    text = re.sub(r"`[^`]*`", " ", text)  # code spans: paths, ids, commands
    text = re.sub(r"p-[0-9a-f]{8}", " ", text)
    text = re.sub(r"[\w.*-]*/[\w.*/-]+", " ", text)  # paths (the data directory, bundled samples)
    return text


def _foreign(text: str, language: str) -> list[str]:
    """The other language's words, each with a little context to find it."""
    if language == "en":
        return sorted({line.strip()[:120] for line in text.splitlines() if CJK.search(line) and line.strip() not in SHARED})
    found = {}
    for match in LATIN_WORD.finditer(text):
        if match.group().lower() not in SHARED and match.group() not in found:
            found[match.group()] = " ".join(text[max(0, match.start() - 30) : match.end() + 30].split())
    return [f"{word}: …{context}…" for word, context in sorted(found.items())]


def _click(app, english: str, chinese: str, language: str) -> None:
    wanted = chinese if language == "zh" else english
    buttons = [button for button in app.button if button.label == wanted]
    assert buttons, (wanted, [button.label for button in app.button])
    buttons[0].click().run()
    assert_clean(app)


def _use(app, page: str, language: str) -> None:
    """Produce the results a page shows after its main action (verdicts, rationales, advice)."""
    if page == "agreement":
        a = (SAMPLES / "human_a.csv").read_bytes()
        b = (SAMPLES / "human_b.csv").read_text(encoding="utf-8").replace(",愤怒投诉", ",angry_complaint", 1).encode()
        app.file_uploader(key="agree_files").set_value([("a.csv", a, "text/csv"), ("b.csv", b, "text/csv")]).run()
        app.file_uploader(key="agree_texts").set_value(("items.csv", (SAMPLES / "items.csv").read_bytes(), "text/csv")).run()
        app.radio(key="agree_rulebook_source").set_value("project").run()
        _click(app, "Compute agreement", "计算一致性", language)
    elif page == "prelabel":
        app.file_uploader(key="prelabel_items").set_value(("items.csv", (SAMPLES / "items.csv").read_bytes(), "text/csv")).run()
        _click(app, "Run pre-labeling", "开始预标注", language)
        frame = app.dataframe[-1].value
        assert len(frame) == 40


@pytest.fixture
def whole_project(seeded):
    """A project that went the whole way: breakdown, answer, draft, edit, quiz, agreement round, batch."""
    from assistant.service.conversation import save_message
    from assistant.service.projects import answer_project, draft_for_project, record_agreement, start_project
    from assistant.service.rulebook_edit import apply_sections, save_edited
    from assistant.training.materials import make_quiz
    from evaluation.batches import record_batch
    from evaluation.trial import evaluate_files

    ws = seeded
    breakdown = start_project(ws, REQUEST)
    project_id = breakdown.project_id
    save_message(ws, project_id, "user", REQUEST)
    save_message(ws, project_id, "assistant", "拆解完成", type="breakdown", ref=1)
    answer_project(ws, project_id, text="3万条，一致率80%")
    rulebook = draft_for_project(ws, project_id)
    save_edited(ws, project_id, apply_sections(rulebook, purpose="尽快识别愤怒用户"))
    quiz = make_quiz(rulebook, size=10, seed=0)
    ws.store.add_artifact(project_id, "quiz", {"quiz": quiz.model_dump(mode="json"), "gold_file": None}, note="quiz")
    result = evaluate_files([SAMPLES / "human_a.csv", SAMPLES / "human_b.csv"], rulebook, texts_path=SAMPLES / "items.csv", bootstrap=0)
    record_agreement(ws, project_id, result.to_json())
    record_batch(ws, project_id, SAMPLES / "label_studio_export.json", name="week 1")
    return ws, project_id


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_page_speaks_one_language_outside_user_data(whole_project, language):
    ws, project_id = whole_project
    data = _user_data(ws, project_id)
    documents = _documents(ws)
    app = open_app(language, project=project_id)
    problems = {}
    for page in PAGES:
        app.switch_page(f"ui/pages/{page}.py").run()
        assert_clean(app)
        _use(app, page, language)
        shown = _screen_text(app)
        if language == "en":  # the rule documents are in the rulebook's language (here Chinese) on every screen
            shown = _without_documents(shown, documents)
        foreign = _foreign(_without(shown, data), language)
        if foreign:
            problems[page] = foreign
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
