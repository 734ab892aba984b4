"""The Python API: `prelabel`, `aprelabel` and `plan`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, AsyncIterator, Iterable, Iterator, Mapping

from assistant.core.models import Prediction, Rulebook
from assistant.prelabel.bridges import _iterate_in_thread
from assistant.prelabel.options import default
from assistant.prelabel.items import Item, ItemSet, coerce_items
from assistant.prelabel.prelabeler import Prelabeler
from assistant.prelabel.progress import _ProgressBar

if TYPE_CHECKING:
    from assistant.core.settings import Settings
    from assistant.llm.chat import ChatLLM
    from assistant.prelabel.summary import Plan


# =============================================================================================
# Python API
# =============================================================================================
def _as_rulebook(rulebook: "Rulebook | str | Path") -> Rulebook:
    from assistant.rulebook.export import load_rulebook

    return rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook)


_ENGINE_OPTIONS = (
    "settings", "llm", "engine", "batch_size", "concurrency", "rpm", "min_confidence", "gold", "shots", "cache", "logprobs",
    "verbal_shrink", "embedder",
)  # fmt: skip


async def aprelabel(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    *,
    text_field: str = default("text_field"),
    id_field: str = "id",
    **options: Any,
) -> AsyncIterator[Prediction]:
    """`prelabel` for code already running an event loop: an async iterator, in completion order."""
    unknown = set(options) - set(_ENGINE_OPTIONS)
    if unknown:
        raise TypeError(f"unknown options {sorted(unknown)}")
    labeler = Prelabeler(_as_rulebook(rulebook), **options)
    item_set = coerce_items(items, text_field=text_field, id_field=id_field)
    async for prediction in labeler.stream(item_set.items):
        yield prediction


def prelabel(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    *,
    settings: "Settings | None" = None,
    llm: "ChatLLM | None" = None,
    batch_size: int | None = default("batch_size"),
    concurrency: int = default("concurrency"),
    rpm: float | None = default("rpm"),
    min_confidence: float = default("min_confidence"),
    gold: "str | Path | Iterable[Mapping[str, Any]] | None" = None,
    engine: str | None = None,
    shots: int = default("shots"),
    cache: bool = default("cache"),
    logprobs: bool = default("logprobs"),
    ordered: bool = False,
    progress: bool = False,
    text_field: str = default("text_field"),
    id_field: str = "id",
) -> Iterator[Prediction]:
    """Label items; yields one Prediction per item (completion order, or input order if `ordered`).

    Items are strings (ids generated from the text), (id, text) pairs, dicts with `text_field`
    and `id_field`, or `Item`s (all held in memory), or an `item_stream.open_items(path)` stream
    (read and labelled chunk by chunk, in bounded memory). The LLM engine runs when `llm` is given or an endpoint is
    configured (`engine="offline"` forces the offline one). Stopping the iteration early cancels
    the requests in flight.
    """
    labeler = Prelabeler(
        _as_rulebook(rulebook),
        settings=settings,
        llm=llm,
        engine=engine,
        batch_size=batch_size,
        concurrency=concurrency,
        rpm=rpm,
        min_confidence=min_confidence,
        gold=gold,
        shots=shots,
        cache=cache,
        logprobs=logprobs,
    )
    from assistant.prelabel.item_stream import ItemStream

    if isinstance(items, ItemStream):  # a large file (`item_stream.open_items`): labelled chunk by chunk
        from assistant.prelabel.stream import predict_stream

        return predict_stream(labeler, items, ordered=ordered, progress=progress)
    item_set = coerce_items(items, text_field=text_field, id_field=id_field)
    order = [item.id for item in item_set.items]

    def generate() -> Iterator[Prediction]:
        with _ProgressBar(len(order), progress) as bar:
            if not ordered:
                for prediction in _iterate_in_thread(lambda: labeler.stream(item_set.items)):
                    bar.advance()
                    yield prediction
                return
            waiting: dict[str, Prediction] = {}
            position = 0
            for prediction in _iterate_in_thread(lambda: labeler.stream(item_set.items)):
                bar.advance()
                waiting[prediction.id] = prediction
                while position < len(order) and order[position] in waiting:
                    yield waiting.pop(order[position])
                    position += 1

    return generate()


def plan(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    *,
    text_field: str = default("text_field"),
    id_field: str = "id",
    **options: Any,
) -> Plan:
    """Items, requests, prompt and completion tokens and estimated cost; nothing is sent."""
    labeler = Prelabeler(_as_rulebook(rulebook), **options)
    return labeler.plan(coerce_items(items, text_field=text_field, id_field=id_field).items)
