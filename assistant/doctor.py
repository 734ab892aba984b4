"""`rulebook doctor`: what is in use, and does it work. Secrets are masked."""

from __future__ import annotations

from typing import Any

from .errors import RulebookError
from .llm import engine_description
from .settings import get_settings


def run_checks() -> dict[str, Any]:
    settings = get_settings()
    checks: list[dict[str, Any]] = []

    def check(name: str, ok: bool, detail: str) -> None:
        checks.append({"name": name, "ok": ok, "detail": detail})

    # The LLM: offline is a valid, usable state; a configured endpoint must answer.
    if settings.llm_configured:
        from .llm import get_llm

        try:
            llm = get_llm(settings)
            assert llm is not None
            reply = llm.ping()
            check("llm", True, f"{engine_description(settings)} answers ({reply.strip()[:20]!r})")
        except RulebookError as error:
            check("llm", False, f"{engine_description(settings)} does not answer: {error}")
    else:
        check("llm", True, engine_description(settings))

    check(
        "embedder",
        True,
        f"{settings.embedding_provider}"
        + (f" ({settings.embedding_model})" if settings.embedding_provider == "openai" else f" n-gram hashing, {settings.embedding_dimensions} dimensions, no download"),
    )

    from .settings import mask_url

    try:
        from .store import Store

        store = Store.from_settings(settings)
        from .schema import describe

        described = describe(store.schema_version, store.upgraded_from)
        check("database", True, f"{mask_url(store.url)} ({store.count_past_projects()} past projects), {described}")
    except RulebookError as error:
        check("database", False, str(error))

    location = settings.chroma_url or str(settings.chroma_dir)
    if settings.chroma_url:
        check("knowledge base", True, f"Chroma server at {mask_url(settings.chroma_url)}")
    else:
        exists = (settings.chroma_dir / "chroma.sqlite3").exists()
        check("knowledge base", True, f"local Chroma index at {location}" + ("" if exists else " (not created yet: run `rulebook kb seed`)"))

    check("data directory", True, str(settings.data_dir.resolve()))
    return {
        "usable": all(item["ok"] for item in checks),
        "engine": "llm" if settings.llm_configured else "offline",
        "checks": checks,
        "settings": settings.describe(),
    }
