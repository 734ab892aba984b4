"""`rulebook doctor`: what is in use, and does it work. Secrets are masked."""

from __future__ import annotations

from typing import Any

from assistant.core.errors import RulebookError
from assistant.llm.factory import engine_description, get_llm, server_slots
from assistant.core.settings import get_settings, mask_url
from knowledge.base import KnowledgeBase
from assistant.llm.pii import detector_for, masking_state
from assistant.core.secrets_mask import mask_text
from assistant.core.store import Store
from assistant.core.schema import describe


def _knowledge_base(settings: Any, store: Any) -> tuple[bool, str]:
    """Is the index readable, and does it hold what the store holds (counts and ids)?"""

    where = f"Chroma server at {mask_url(settings.chroma_url)}" if settings.chroma_url else f"local Chroma index at {settings.chroma_dir}"
    if not settings.chroma_url and not (settings.chroma_dir / "chroma.sqlite3").exists():
        if store is not None and store.count_past_projects():  # e.g. a shared store on a new machine
            return True, f"{where} (not created yet: run `rulebook kb reindex` to index the store's {store.count_past_projects()} past projects)"
        return True, f"{where} (not created yet: run `rulebook kb seed`)"
    try:

        kb = KnowledgeBase(settings)
        documents = kb.collection.count()
        if documents:
            kb.search("test 测试", 1)  # reads the vector files too, not only the catalogue
    except RulebookError as error:
        return False, str(error)
    except Exception as error:  # noqa: BLE001 - a damaged index fails in many ways
        return False, f"{where} is broken ({' '.join(str(error).split())[:200]}); run `rulebook kb reindex` to rebuild it from the store"
    if store is None:
        return True, f"{where}: {documents} documents (not compared: the database did not open)"
    try:
        status = kb.sync_status(store)
    except Exception as error:  # noqa: BLE001
        return False, f"{where} is broken ({' '.join(str(error).split())[:200]}); run `rulebook kb reindex` to rebuild it from the store"
    figures = f"{status['documents_indexed']} documents for {status['index_projects']} projects; the store has {status['store_projects']} past projects"
    if status["in_sync"]:
        return True, f"{where}: {figures}, in step"
    parts = []
    if status["missing_projects"]:
        parts.append(f"missing or out of date in the index: {', '.join(status['missing_projects'][:10])}")
    if status["extra_projects"]:
        parts.append(f"in the index but not in the store: {', '.join(status['extra_projects'][:10])}")
    return False, f"{where}: {figures} — the index and the store differ ({'; '.join(parts)}); run `rulebook kb reindex` to rebuild the index from the store"


def _pii_check(settings: Any) -> tuple[bool, str]:
    """Whether requests are masked (assistant.llm.pii), why, and which kinds."""

    try:
        detector = detector_for(settings)
    except RulebookError as error:
        return False, str(error)
    if not settings.llm_configured and settings.embedding_provider != "openai":
        return True, f"nothing leaves this machine (offline engine); masking would be {masking_state(settings).describe()}"
    state = masking_state(settings)
    kinds = ", ".join(detector.kinds)
    if state.on:
        return True, f"masked before sending: on ({state.reason}); kinds {kinds}"
    return True, f"not masked: off ({state.reason}); kinds it would mask: {kinds}"


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

    check("personal data", *_pii_check(settings))


    store = None
    try:

        store = Store.from_settings(settings)

        described = describe(store.schema_version, store.upgraded_from)
        check("database", True, f"{mask_url(store.url)} ({store.count_past_projects()} past projects, {len(store.projects())} projects), {described}")
    except RulebookError as error:
        check("database", False, str(error))
    except Exception as error:  # noqa: BLE001 - a damaged database fails in many ways
        check("database", False, f"the project database cannot be read: {' '.join(str(error).split())[:200]}")

    check("knowledge base", *_knowledge_base(settings, store))

    check("data directory", True, str(settings.data_dir.resolve()))

    for item in checks:
        item["detail"] = mask_text(item["detail"], settings)
    return {
        "usable": all(item["ok"] for item in checks),
        "engine": "llm" if settings.llm_configured else "offline",
        "checks": checks,
        "settings": settings.describe(),
    }
