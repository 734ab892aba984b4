"""Thread bridges: drive the async engine from synchronous code (and from notebooks with a running loop)."""

from __future__ import annotations

import asyncio
import queue
import threading
from typing import Any, AsyncIterator, Callable, Iterator

from assistant.core.models import Prediction


def _iterate_in_thread(make: Callable[[], AsyncIterator[Prediction]]) -> Iterator[Prediction]:
    """Drive an async iterator on a private event loop in a thread; yield its values here."""
    channel: queue.Queue = queue.Queue()
    state: dict[str, Any] = {}
    stop = threading.Event()

    async def main() -> None:
        state["loop"], state["task"] = asyncio.get_running_loop(), asyncio.current_task()
        try:
            async for value in make():
                channel.put(("item", value))
                if stop.is_set():
                    break
        except asyncio.CancelledError:
            pass
        except BaseException as error:  # noqa: BLE001 - re-raised in the consumer
            channel.put(("error", error))
            return
        channel.put(("done", None))

    def run() -> None:
        try:
            asyncio.run(main())
        except BaseException as error:  # noqa: BLE001
            channel.put(("error", error))
        channel.put(("done", None))

    thread = threading.Thread(target=run, name="prelabel", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = channel.get()
            if kind == "item":
                yield value
            elif kind == "done":
                return
            else:
                raise value
    finally:
        stop.set()
        loop, task = state.get("loop"), state.get("task")
        if thread.is_alive() and loop is not None and task is not None:
            try:
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:  # the loop already closed
                pass
        thread.join()


def _run(coroutine_factory: Callable[[], Any]) -> Any:
    """asyncio.run, or a helper thread when this thread already runs an event loop (notebooks)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine_factory())
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = asyncio.run(coroutine_factory())
        except BaseException as error:  # noqa: BLE001
            result["error"] = error

    thread = threading.Thread(target=run, name="prelabel-job")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")
