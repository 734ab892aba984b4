"""`rulebook doctor`: what is in use, and does it work. Secrets are masked."""

from __future__ import annotations

from typing import Any

from .errors import RulebookError
from .llm import engine_description
from .settings import get_settings


UNLIKELY_MODEL = "rulebook-doctor-no-such-model"


def _served_models(settings: Any) -> list[str]:
    import httpx

    headers = {"Authorization": f"Bearer {settings.openai_api_key.get_secret_value()}"} if settings.openai_api_key else {}
    base = (settings.openai_base_url or "https://api.openai.com/v1").rstrip("/")
    try:
        response = httpx.get(f"{base}/models", headers=headers, timeout=5.0)
        return [str(entry.get("id")) for entry in response.json().get("data") or []] if response.status_code == 200 else []
    except (httpx.HTTPError, ValueError, AttributeError):
        return []


def _model_name_check(llm: Any, settings: Any) -> str:
    """Whether the server checks model names: some (llama-cpp-python, a one-model server) answer any name,
    so a mistyped RULEBOOK_MODEL would go unnoticed there."""
    from .llm import server_slots

    try:
        llm.ping(model=UNLIKELY_MODEL)
    except RulebookError:
        verdict = f"{settings.model!r} is known to the server (it refuses unknown model names)"
    else:
        served = _served_models(settings)
        listed = f"; it serves {', '.join(served[:3])}" if served else ""
        verdict = (
            f"cannot verify {settings.model!r}: the server answers for any model name, even {UNLIKELY_MODEL!r}{listed}"
        )
    slots, how = server_slots(settings)
    if slots is not None:
        verdict += f"; {slots} request(s) at once ({how})"
    return verdict


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
            check("llm model name", True, _model_name_check(llm, settings))
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
        check("database", True, f"{mask_url(store.url)} ({store.count_past_projects()} past projects)")
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
