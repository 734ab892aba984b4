"""The Python API: `prelabel`, `aprelabel` and `plan`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, AsyncIterator, Iterable, Iterator, Mapping

from assistant.core.models import Prediction, Rulebook
from assistant.prelabel.bridges import _iterate_in_thread
from assistant.prelabel.constants import VERBAL_SHRINK
from assistant.prelabel.items import Item, ItemSet, coerce_items
from assistant.prelabel.options import ENGINE, ITEMS, PrelabelOptions, resolve, takes_options
from assistant.prelabel.prelabeler import Prelabeler
from assistant.prelabel.progress import _ProgressBar
from assistant.prelabel.item_stream import ItemStream
from assistant.prelabel.stream import predict_stream
from assistant.rulebook.export import load_rulebook

if TYPE_CHECKING:
    from assistant.core.settings import Settings
    from assistant.llm.chat import ChatLLM
    from assistant.llm.embeddings import Embedder
    from assistant.prelabel.summary import Plan


# =============================================================================================
# Python API
# =============================================================================================
def _as_rulebook(rulebook: "Rulebook | str | Path") -> Rulebook:
    return rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook)


def _labeler(rulebook: "Rulebook | str | Path", options: PrelabelOptions, runtime: Mapping[str, Any]) -> Prelabeler:
    return Prelabeler(_as_rulebook(rulebook), options, **runtime)


def _items(items: Any, options: PrelabelOptions) -> ItemSet:
    return coerce_items(items, text_field=options.text_field, id_field=options.id_field or "id")


@takes_options(*ITEMS, *ENGINE)
async def aprelabel(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    options: PrelabelOptions | None = None,
    *,
    settings: "Settings | None" = None,
    llm: "ChatLLM | None" = None,
    engine: str | None = None,
    embedder: "Embedder | None" = None,
    verbal_shrink: float = VERBAL_SHRINK,
    **overrides: Any,
) -> AsyncIterator[Prediction]:
    """`prelabel` for code already running an event loop: an async iterator, in completion order."""
    options = resolve(options, overrides, uses=(*ITEMS, *ENGINE), where="aprelabel(): ")
    runtime = {"settings": settings, "llm": llm, "engine": engine, "embedder": embedder, "verbal_shrink": verbal_shrink}
    labeler = _labeler(rulebook, options, runtime)
    item_set = _items(items, options)
    async for prediction in labeler.stream(item_set.items):
        yield prediction


@takes_options(*ITEMS, *ENGINE, "progress")
def prelabel(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    options: PrelabelOptions | None = None,
    *,
    settings: "Settings | None" = None,
    llm: "ChatLLM | None" = None,
    engine: str | None = None,
    embedder: "Embedder | None" = None,
    ordered: bool = False,
    **overrides: Any,
) -> Iterator[Prediction]:
    """Label items; yields one Prediction per item (completion order, or input order if `ordered`).

    Items are strings (ids generated from the text), (id, text) pairs, dicts with `text_field`
    and `id_field` (default "id"), or `Item`s (all held in memory), or an `item_stream.open_items(path)` stream
    (read and labelled chunk by chunk, in bounded memory). `options` (a PrelabelOptions) and keyword
    overrides of its fields (`concurrency=8`, `min_confidence=0.6`, ...) configure the run; `progress`
    defaults to no bar here. The LLM engine runs when `llm` is given or an endpoint is configured
    (`engine="offline"` or `offline=True` forces the offline one). Stopping the iteration early cancels
    the requests in flight.
    """
    options = resolve(options, overrides, uses=(*ITEMS, *ENGINE, "progress"), where="prelabel(): ")
    labeler = _labeler(rulebook, options, {"settings": settings, "llm": llm, "engine": engine, "embedder": embedder})
    progress = bool(options.progress)  # a library call shows no bar unless asked

    if isinstance(items, ItemStream):  # a large file (`item_stream.open_items`): labelled chunk by chunk

        return predict_stream(labeler, items, ordered=ordered, progress=progress)
    item_set = _items(items, options)
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


@takes_options(*ITEMS, *ENGINE)
def plan(
    rulebook: "Rulebook | str | Path",
    items: "ItemSet | Iterable[Item | str | Mapping[str, Any] | tuple[str, str]]",
    options: PrelabelOptions | None = None,
    *,
    settings: "Settings | None" = None,
    llm: "ChatLLM | None" = None,
    engine: str | None = None,
    embedder: "Embedder | None" = None,
    verbal_shrink: float = VERBAL_SHRINK,
    **overrides: Any,
) -> Plan:
    """Items, requests, prompt and completion tokens and estimated cost; nothing is sent."""
    options = resolve(options, overrides, uses=(*ITEMS, *ENGINE), where="plan(): ")
    runtime = {"settings": settings, "llm": llm, "engine": engine, "embedder": embedder, "verbal_shrink": verbal_shrink}
    labeler = _labeler(rulebook, options, runtime)
    return labeler.plan(_items(items, options).items)
