"""User text stays text (issue 14): Markdown exports escape raw HTML, and the app never loads a
remote image from a request, a label or a round name."""

from __future__ import annotations

import re

import pytest

from tests.ui.conftest import seeded, seeded_template, workspace  # noqa: F401 - the app tests' fixtures

IMAGE = "![px](https://evil.example/track.png)"
HTML = '<img src="https://evil.example/pixel.gif"><script>alert(1)</script>'
REMOTE_IMAGE = re.compile(r"(?<!\\)!\[[^\]\n]*\]\(\s*(?:https?:)?//")
RAW_HTML = re.compile(r"<\s*(img|script|iframe)\b", re.I)


def _hostile_project(ws) -> str:
    from assistant.service.projects import draft_for_project, record_agreement, revise_project, start_project
    from assistant.rulebook.revise import Edit

    project = start_project(ws, f"我们想让客服机器人更懂用户的投诉 {IMAGE} {HTML}", name=f"投诉 {IMAGE} {HTML}").project_id
    draft_for_project(ws, project)
    revise_project(ws, project, edits=[Edit(op="add_label", label=f"催单{IMAGE}", definition=f"用户催促发货 {HTML} {IMAGE}")])
    record_agreement(ws, project, {"verdict": {"text": "ok", "value": 0.9, "metric": "percent_agreement"}},
                     round_name=f"trial {IMAGE} {HTML}")
    return project


def _markdown_texts(app) -> list[str]:
    shown = []
    for kind in ("markdown", "caption", "error", "warning", "success", "info", "title", "header", "subheader"):
        shown += [str(getattr(element, "value", "")) for element in getattr(app, kind, [])]
    for kind in ("expander", "tabs", "button", "download_button", "selectbox", "radio", "checkbox", "toggle"):
        shown += [str(getattr(element, "label", "")) for element in getattr(app, kind, [])]
    return shown


def test_markdown_exports_escape_raw_html_and_remote_images(seeded, tmp_path):
    from assistant.service.projects import rulebook_version
    from assistant.rulebook.export import export
    from assistant.training.materials import training_pack

    project = _hostile_project(seeded)
    rulebook = rulebook_version(seeded, project)
    export(rulebook, "md", tmp_path / "rb.md")
    for text in ((tmp_path / "rb.md").read_text(encoding="utf-8"), training_pack(rulebook)):
        assert "催单" in text and "evil.example" in text  # the user's text is kept, as text
        assert not RAW_HTML.search(text), text
        assert not REMOTE_IMAGE.search(text)


def test_agreement_report_markdown_escapes_round_names_and_labels(tmp_path, cli):
    import csv

    rows_a = [("1", f"催单{HTML}"), ("2", "ok"), ("3", "ok")]
    rows_b = [("1", f"催单{HTML}"), ("2", f"{IMAGE}"), ("3", "ok")]
    for name, rows in (("a.csv", rows_a), ("b.csv", rows_b)):
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows([("id", "label"), *rows])
    code, _, err = cli("agree", "--a", "a.csv", "--b", "b.csv", "--report", "report.md", "--bootstrap", "0")
    assert code == 0, err
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "催单" in text and not RAW_HTML.search(text) and not REMOTE_IMAGE.search(text)


@pytest.mark.parametrize("page", ["assistant", "submit", "projects", "agreement", "trial", "production", "prelabel", "knowledge"])
def test_the_app_never_renders_user_markdown_images_or_html(seeded, page):
    from tests.ui.conftest import assert_clean, open_page

    project = _hostile_project(seeded)
    app = open_page(page, project=project)
    assert_clean(app)
    shown = _markdown_texts(app)
    leaks = [text for text in shown if REMOTE_IMAGE.search(text)]
    assert leaks == []
    html = [element.value for element in app.markdown if getattr(element, "allow_html", False) and RAW_HTML.search(element.value)]
    assert html == []
