"""A recognisable secret in every URL variable and the key never appears in any output, file,
export, log or rendered app page (issue 14)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from assistant.core.settings import reset_settings

SECRET = "Zq9SECRETpw7"
KEY = "sk-KEYSECRET0123456789"
ROOT = Path(__file__).resolve().parents[2]


def _leaks(tmp_path: Path, texts: list[str]) -> list[str]:
    found = [f"output #{index}: {text[max(0, text.find(SECRET) - 60):text.find(SECRET) + 20]!r}"
             for index, text in enumerate(texts) if SECRET in text or KEY in text]
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if SECRET.encode() in data or KEY.encode() in data:
                found.append(f"file {path.relative_to(tmp_path)}")
    return found


def test_llm_url_password_and_key_appear_nowhere(cli, stub, monkeypatch, tmp_path, caplog):
    host = stub.base_url.split("://", 1)[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://trainer:{SECRET}@{host}")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("RULEBOOK_MODEL", "stub-model")
    monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "2")
    monkeypatch.setenv("RULEBOOK_MAX_RETRIES", "0")
    caplog.set_level(logging.DEBUG)
    shutil.copy(ROOT / "tests" / "data" / "rulebook_complaints_zh.json", tmp_path / "rb.json")
    shutil.copy(ROOT / "evaluation" / "samples" / "items.csv", tmp_path / "items.csv")
    outputs = []
    for args in (
        ("doctor",), ("doctor", "--json"), ("kb", "seed"), ("kb", "stats", "--json"),
        ("breakdown", "我们想让客服机器人更懂用户的投诉", "--json"),
        ("draft", "--request", "识别投诉", "--out", "d.md", "--json", "d.json", "--docx", "d.docx"),
        ("projects", "list", "--json"), ("check", "rb.json"),
        ("export", "rb.json", "--format", "label-studio", "--out", "ls.xml"),
        ("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "pre.csv", "-f", "csv", "--no-cache"),
        ("train", "pack", "rb.json", "--out", "pack.md"),
    ):
        code, out, err = cli(*args)
        outputs += [out, err]
    outputs.append(caplog.text)
    assert any("127.0.0.1" in text for text in outputs)  # the engine line names the host...
    assert _leaks(tmp_path, outputs) == []                  # ...never the password or the key


@pytest.mark.parametrize("variable,url", [
    ("RULEBOOK_DATABASE_URL", f"postgresql+psycopg://trainer:{SECRET}@127.0.0.1:9/rulebook"),
    ("RULEBOOK_DATABASE_URL", f"sqlite:///nowhere/x.db?password={SECRET}"),
    ("RULEBOOK_CHROMA_URL", f"http://trainer:{SECRET}@127.0.0.1:9"),
    ("OPENAI_BASE_URL", f"http://trainer:{SECRET}@127.0.0.1:9/v1"),
])
def test_url_passwords_are_masked_in_errors_and_doctor(cli, monkeypatch, tmp_path, caplog, variable, url):
    monkeypatch.setenv(variable, url)
    monkeypatch.setenv("RULEBOOK_REQUEST_TIMEOUT", "1")
    monkeypatch.setenv("RULEBOOK_MAX_RETRIES", "0")
    caplog.set_level(logging.DEBUG)
    outputs = []
    for args in (("doctor",), ("doctor", "--json"), ("projects", "list"), ("kb", "search", "投诉"), ("kb", "stats")):
        code, out, err = cli(*args)
        outputs += [out, err]
        assert "Traceback" not in err
    outputs.append(caplog.text)
    assert any("****" in text for text in outputs)
    assert _leaks(tmp_path, outputs) == []


def test_masking_functions():
    from assistant.core.secrets_mask import host_of, mask_text, mask_url

    assert mask_url(f"postgresql://u:{SECRET}@db:5432/x") == "postgresql://u:****@db:5432/x"
    assert mask_url(f"http://h/v1?api_key={SECRET}&a=1") == "http://h/v1?api_key=****&a=1"
    assert host_of(f"http://u:{SECRET}@h.example:8000/v1") == "h.example:8000"
    assert SECRET not in mask_text(f"failed: connect http://u:{SECRET}@h/ then {SECRET}",
                                   secrets=[SECRET])


def test_the_app_never_shows_a_secret(isolated, monkeypatch):
    """Every app page rendered with secrets in all three URLs and the key."""
    from tests.ui.conftest import open_page

    monkeypatch.setenv("OPENAI_BASE_URL", f"http://trainer:{SECRET}@127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("RULEBOOK_CHROMA_URL", f"http://trainer:{SECRET}@127.0.0.1:9")
    monkeypatch.setenv("RULEBOOK_DATABASE_URL", f"postgresql+psycopg://trainer:{SECRET}@127.0.0.1:9/rulebook")
    reset_settings()
    shown = []
    for page in ("assistant", "submit", "projects", "prelabel", "agreement", "trial", "production", "knowledge"):
        app = open_page(page)
        for kind in ("markdown", "caption", "error", "warning", "success", "info", "exception", "code", "text", "json"):
            for element in getattr(app, kind, []):
                shown.append(str(getattr(element, "value", "")) + str(getattr(element, "body", "")))
        shown.append(str(app.sidebar))
    assert any("127.0.0.1" in text for text in shown)
    assert [text for text in shown if SECRET in text or KEY in text] == []
