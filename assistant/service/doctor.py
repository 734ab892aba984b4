"""`rulebook doctor`: what is in use, and does it work. Secrets are masked.

Every detail is a catalogue text (`doctor.*`) in the reader's language: `--language`, else RULEBOOK_LANGUAGE.
The check names in the JSON stay the English keys (`llm`, `personal data`, …); `name_text` shows them.
"""

from __future__ import annotations

from typing import Any

from assistant.core.errors import RulebookError
from assistant.core.language import reader_language
from assistant.core.messages import Items, Message, text
from assistant.llm.factory import engine_description, get_llm, server_slots
from assistant.core.settings import get_settings, mask_url
from knowledge.base import KnowledgeBase
from assistant.llm.pii import detector_for, masking_state
from assistant.core.secrets_mask import mask_text
from assistant.core.store import Store
from assistant.core.schema import describe


def name_text(name: str, language: str | None) -> str:
    """A check's name (`llm model name`) in `language`."""
    return text(f"doctor.name.{name.replace(' ', '_')}", language)


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:200]


def _knowledge_base(settings: Any, store: Any, language: str) -> tuple[bool, str]:
    """Is the index readable, and does it hold what the store holds (counts and ids)?"""

    def say(message_id: str, **values: Any) -> str:
        return text(message_id, language, where=where, **values)

    if settings.chroma_url:
        where = text("doctor.kb.server", language, url=mask_url(settings.chroma_url))
    else:
        where = text("doctor.kb.local", language, path=settings.chroma_dir)
    if not settings.chroma_url and not (settings.chroma_dir / "chroma.sqlite3").exists():
        if store is not None and store.count_past_projects():  # e.g. a shared store on a new machine
            return True, say("doctor.kb.not_created_reindex", count=store.count_past_projects())
        return True, say("doctor.kb.not_created_seed")
    try:

        kb = KnowledgeBase(settings)
        documents = kb.collection.count()
        if documents:
            kb.search("test 测试", 1)  # reads the vector files too, not only the catalogue
    except RulebookError as error:
        return False, str(error)
    except Exception as error:  # noqa: BLE001 - a damaged index fails in many ways
        return False, say("doctor.kb.broken", error=_short(error))
    if store is None:
        return True, say("doctor.kb.not_compared", documents=documents)
    try:
        status = kb.sync_status(store)
    except Exception as error:  # noqa: BLE001
        return False, say("doctor.kb.broken", error=_short(error))
    figures = text(
        "doctor.kb.figures", language, documents=status["documents_indexed"], index_projects=status["index_projects"],
        store_projects=status["store_projects"],
    )
    if status["in_sync"]:
        return True, say("doctor.kb.in_step", figures=figures)
    parts = []
    if status["missing_projects"]:
        parts.append(Message("doctor.kb.missing", projects=Items(status["missing_projects"][:10], plain=True)))
    if status["extra_projects"]:
        parts.append(Message("doctor.kb.extra", projects=Items(status["extra_projects"][:10], plain=True)))
    return False, say("doctor.kb.differ", figures=figures, parts=Items(parts, plain=True, separator="list.part_separator"))


def _pii_check(settings: Any, language: str) -> tuple[bool, str]:
    """Whether requests are masked (assistant.llm.pii), why, and which kinds."""

    try:
        detector = detector_for(settings)
    except RulebookError as error:
        return False, str(error)
    state = masking_state(settings)
    if not settings.llm_configured and settings.embedding_provider != "openai":
        return True, text("doctor.pii.offline", language, state=state.describe(language))
    kinds = Items(detector.kinds, plain=True)
    return True, text("doctor.pii.on" if state.on else "doctor.pii.off", language, reason=state.why, kinds=kinds)


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


def _model_name_check(llm: Any, settings: Any, language: str) -> str:
    """Whether the server checks model names: some (llama-cpp-python, a one-model server) answer any name,
    so a mistyped RULEBOOK_MODEL would go unnoticed there."""

    try:
        llm.ping(model=UNLIKELY_MODEL)
    except RulebookError:
        verdict = text("doctor.model.known", language, model=settings.model)
    else:
        served = _served_models(settings)
        listed = text("doctor.model.serves", language, models=Items(served[:3], plain=True)) if served else ""
        verdict = text("doctor.model.unverified", language, model=settings.model, probe=UNLIKELY_MODEL, listed=listed)
    slots, how = server_slots(settings)
    if slots is not None:
        verdict += text("doctor.model.slots", language, slots=slots, how=how)
    return verdict


def run_checks(language: str | None = None) -> dict[str, Any]:
    """Every check, its details in `language` (default: RULEBOOK_LANGUAGE)."""
    settings = get_settings()
    language = reader_language(language)
    checks: list[dict[str, Any]] = []

    def check(name: str, ok: bool, detail: str) -> None:
        checks.append({"name": name, "ok": ok, "detail": detail})

    engine = engine_description(settings, language)
    # The LLM: offline is a valid, usable state; a configured endpoint must answer.
    if settings.llm_configured:

        try:
            llm = get_llm(settings)
            assert llm is not None
            reply = llm.ping()
            check("llm", True, text("doctor.llm.answers", language, engine=engine, reply=reply.strip()[:20]))
        except RulebookError as error:
            check("llm", False, text("doctor.llm.no_answer", language, engine=engine, error=error))
        else:
            check("llm model name", True, _model_name_check(llm, settings, language))
    else:
        check("llm", True, engine)

    if settings.embedding_provider == "openai":
        embedder = text("doctor.embedder.openai", language, provider=settings.embedding_provider, model=settings.embedding_model)
    else:
        embedder = text("doctor.embedder.hashing", language, provider=settings.embedding_provider, dimensions=settings.embedding_dimensions)
    check("embedder", True, embedder)

    check("personal data", *_pii_check(settings, language))


    store = None
    try:

        store = Store.from_settings(settings)

        described = describe(store.schema_version, store.upgraded_from, language)
        check("database", True, text(
            "doctor.database.ok", language, url=mask_url(store.url), past=store.count_past_projects(),
            projects=len(store.projects()), schema=described,
        ))
    except RulebookError as error:
        check("database", False, str(error))
    except Exception as error:  # noqa: BLE001 - a damaged database fails in many ways
        check("database", False, text("doctor.database.unreadable", language, error=_short(error)))

    check("knowledge base", *_knowledge_base(settings, store, language))

    check("data directory", True, str(settings.data_dir.resolve()))

    for item in checks:
        item["detail"] = mask_text(item["detail"], settings)
    return {
        "usable": all(item["ok"] for item in checks),
        "engine": "llm" if settings.llm_configured else "offline",
        "checks": checks,
        "settings": settings.describe(),
    }
