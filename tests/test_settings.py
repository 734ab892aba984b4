from pathlib import Path

from assistant.core.settings import Settings, mask_url


def test_defaults_are_offline_with_local_data_dir(monkeypatch):
    monkeypatch.delenv("RULEBOOK_DATA_DIR")
    settings = Settings()
    assert not settings.llm_configured
    assert settings.data_dir == Path(".rulebook")
    assert settings.resolved_database_url == "sqlite:///.rulebook/rulebook.db"
    assert settings.chroma_url is None


def test_standard_openai_variables_configure_the_llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abcdefghijklmnop")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.deepseek.com/v1")
    monkeypatch.setenv("RULEBOOK_MODEL", "deepseek-chat")
    settings = Settings()
    assert settings.llm_configured
    assert settings.endpoint_host == "api.deepseek.com"
    assert settings.model == "deepseek-chat"


def test_base_url_alone_is_enough_for_local_servers(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    assert Settings().llm_configured


def test_blank_values_mean_unset(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "  ")
    monkeypatch.setenv("OPENAI_BASE_URL", "")
    assert not Settings().llm_configured


def test_dotenv_file_is_read(isolated):
    (isolated / ".env").write_text("RULEBOOK_MODEL=qwen-plus\nRULEBOOK_TEMPERATURE=0.3\n", encoding="utf-8")
    settings = Settings()
    assert settings.model == "qwen-plus"
    assert settings.temperature == 0.3


def test_secrets_are_masked_when_described(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-verysecretvalue123")
    monkeypatch.setenv("RULEBOOK_DATABASE_URL", "postgresql://rb:hunter2@db.local/rulebook")
    described = str(Settings().describe())
    assert "verysecretvalue" not in described
    assert "hunter2" not in described
    assert "sk-…23" in described
    assert "postgresql://rb:****@db.local/rulebook" in described
    assert "verysecret" not in repr(Settings())


def test_mask_url_leaves_passwordless_urls_alone():
    assert mask_url("http://localhost:8000") == "http://localhost:8000"
