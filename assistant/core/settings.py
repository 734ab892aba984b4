"""Settings from the environment and an optional `.env` file.

The standard `OPENAI_API_KEY` and `OPENAI_BASE_URL` select any
OpenAI-compatible endpoint; everything else is prefixed `RULEBOOK_`.
With neither key nor base URL the built-in offline engine is used.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.core.urls import host_of
from assistant.core.urls import mask_url as _mask_url

StructuredMethod = Literal["auto", "json_schema", "function_calling", "json_mode"]
EmbeddingProvider = Literal["hashing", "openai"]
MaskMode = Literal["auto", "on", "off"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="RULEBOOK_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "RULEBOOK_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "RULEBOOK_OPENAI_BASE_URL")
    )
    model: str = Field(default="gpt-4o-mini", description="chat model name at the endpoint")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    request_timeout: float = Field(default=60.0, gt=0, description="seconds per LLM request")
    max_retries: int = Field(default=3, ge=0, le=10, description="retries of transient LLM failures")
    structured_method: StructuredMethod = "auto"
    structured_attempts: int = Field(default=3, ge=1, le=10, description="tries to get valid structured output")
    max_answer_tokens: int | None = Field(
        default=None, ge=16, description="bound on every answer's tokens; default per step (breakdown 3000, draft 6000, ...)"
    )
    server_slots: int | None = Field(
        default=None, ge=1, le=256, description="requests the LLM server handles at once; default: asked from the server"
    )

    embedding_provider: EmbeddingProvider = "hashing"
    embedding_model: str = Field(default="text-embedding-3-small", description="used when provider is openai")
    embedding_dimensions: int = Field(default=1024, ge=64, le=8192, description="hashing embedder size")

    mask_pii: MaskMode = Field(
        default="auto", description="mask personal data before requests leave: auto = on unless the endpoint is loopback"
    )
    pii_patterns: dict[str, str] = Field(default_factory=dict, description='extra kinds to mask, JSON {"NAME": "regex"}')
    pii_patterns_file: Path | None = Field(default=None, description="YAML or JSON file of NAME: regex to mask")

    language: str = Field(
        default="en", description="the language of the CLI's own lines (doctor, demo, errors): en, zh or another catalogue's"
    )

    data_dir: Path = Field(default=Path(".rulebook"), description="everything the tool writes goes here")
    chroma_url: str | None = Field(default=None, description="Chroma server, e.g. http://localhost:8000")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in data_dir")
    accounts_file: Path | None = Field(
        default=None,
        description="the app's accounts (YAML); default DATA_DIR/accounts.yaml",
        validation_alias=AliasChoices("RULEBOOK_ACCOUNTS", "RULEBOOK_ACCOUNTS_FILE", "accounts_file"),
    )

    rulebook_token_budget: int = Field(
        default=6000,
        ge=500,
        description="max tokens of a rulebook as a prompt prefix",
        validation_alias=AliasChoices("RULEBOOK_TOKEN_BUDGET", "rulebook_token_budget"),
    )
    max_item_chars: int = Field(
        default=20000, ge=100, description="longest item text pre-labeled; a longer item becomes an error record"
    )
    token_encoding: str = Field(default="o200k_base", description="tiktoken encoding for budgets and costs")
    price_prompt_per_1k: float = Field(default=0.00015, ge=0, description="USD per 1,000 prompt tokens")
    price_completion_per_1k: float = Field(default=0.0006, ge=0, description="USD per 1,000 completion tokens")

    @field_validator("openai_base_url", "chroma_url", "database_url", "accounts_file", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("mask_pii", mode="before")
    @classmethod
    def _mask_words(cls, value: object) -> object:
        if isinstance(value, str):
            word = value.strip().lower()
            return {"true": "on", "1": "on", "yes": "on", "false": "off", "0": "off", "no": "off", "": "auto"}.get(word, word)
        if isinstance(value, bool):
            return "on" if value else "off"
        return value

    @field_validator("pii_patterns_file", mode="before")
    @classmethod
    def _blank_path_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("openai_api_key", mode="before")
    @classmethod
    def _blank_key_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    # -- derived -----------------------------------------------------------------
    @property
    def llm_configured(self) -> bool:
        """An endpoint is configured when a key or a base URL is set (local servers need no key)."""
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def endpoint_host(self) -> str:
        if not self.openai_base_url:
            return "api.openai.com"
        return host_of(self.openai_base_url)  # never the user name or password of the URL

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'rulebook.db').as_posix()}"

    @property
    def resolved_accounts_file(self) -> Path:
        return self.accounts_file or self.data_dir / "accounts.yaml"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    def describe(self) -> dict[str, object]:
        """Settings as shown to users: secrets masked, never printed in full."""
        shown = self.model_dump(mode="json")
        shown["openai_api_key"] = mask_secret(self.openai_api_key)
        shown["database_url"] = mask_url(self.resolved_database_url)
        if self.chroma_url:
            shown["chroma_url"] = mask_url(self.chroma_url)
        if self.openai_base_url:
            shown["openai_base_url"] = mask_url(self.openai_base_url)
        return shown


def mask_secret(secret: SecretStr | str | None) -> str | None:
    if secret is None:
        return None
    value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
    if len(value) <= 8:
        return "****"
    return f"{value[:3]}…{value[-2:]}"


def mask_url(url: str) -> str:
    """Hide a password inside a URL (postgresql://user:secret@host/db)."""
    return _mask_url(url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget cached settings (tests and long-running apps after a config change)."""
    get_settings.cache_clear()
