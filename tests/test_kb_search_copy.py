"""`rulebook kb search` reads a flat copy of the local index instead of opening Chroma (issue 13: fast commands).

The copy must find what Chroma finds, and must never be used once the index has changed.
"""

from __future__ import annotations

import pytest

from assistant.service.workspace import Workspace
from knowledge.hits import search_where
from knowledge.index_copy import COPY_LIMIT, forget_copy, save_copy, saved_copy_holds, search_copy
from knowledge.index_stats import COPY_FILE, REBUILD_MARKER
from knowledge.loader import seed

QUERIES = [
    "退款 refund", "用户投诉 情绪识别", "search result relevance", "很生气 要投诉", "the app keeps crashing",
    "医疗 症状", "toxic comment insult", "物流太慢了", "a", "不知道",
]
FILTERS = [
    {}, {"kind": "example"}, {"kind": "project"}, {"task_type": "sentiment"},
    {"task_type": "intent_classification", "kind": "rule"}, {"language": "en", "polarity": "negative"},
    {"project": "cs-intent-zh"}, {"task_type": "no-such-type"},
]


@pytest.fixture
def kb(settings):
    ws = Workspace(settings)
    seed(ws.store, ws.kb)
    return ws.kb


def test_the_copy_finds_what_chroma_finds(kb, settings):
    kb.search("warm up", 1)  # opening Chroma through a search keeps the copy
    assert saved_copy_holds(settings, kb.embedder.name)
    compared = 0
    for query in QUERIES:
        for filters in FILTERS:
            for k in (1, 5, 12):
                from_chroma = kb.search(query, k, **filters)
                from_copy = search_copy(settings, kb.embedder, query, k, search_where(query, k, **filters))
                assert from_copy is not None
                assert _ranked(from_copy) == _ranked(from_chroma), (query, filters, k)
                compared += len(from_chroma)
    assert compared > 500


def _ranked(hits):
    """The hits as printed, best first; documents of equal score (equal to ~1e-7: Chroma's float32 sums and
    NumPy's round differently there) in id order, and those tied with the last one only by their score."""
    runs: dict[float, list[dict]] = {}
    for hit in hits:
        runs.setdefault(hit.score, []).append(hit.model_dump())
    last = hits[-1].score if hits else None
    return [
        (score, len(run), sorted(run, key=lambda hit: hit["id"]) if score != last else None) for score, run in runs.items()
    ]


def test_every_write_drops_the_copy_and_a_changed_index_is_not_trusted(kb, settings):
    kb.search("退款", 3)
    copy = settings.chroma_dir / COPY_FILE
    assert copy.exists()
    with kb.writing():
        assert not copy.exists()

    kb.search("退款", 3)
    assert saved_copy_holds(settings, kb.embedder.name)
    with kb.locked():  # what `kb stats` holds while it counts: a read, the copy stays
        kb.stats()
    assert saved_copy_holds(settings, kb.embedder.name)
    assert not saved_copy_holds(settings, "openai-text-embedding-3-small")  # another embedder: Chroma reports it
    (settings.data_dir / REBUILD_MARKER).write_text("a rebuild did not finish", encoding="utf-8")
    assert search_copy(settings, kb.embedder, "退款", 3, None) is None  # Chroma reports the unfinished rebuild
    (settings.data_dir / REBUILD_MARKER).unlink()
    (settings.chroma_dir / "chroma.sqlite3").open("ab").write(b"\0" * 16)  # the index is not what was copied
    assert search_copy(settings, kb.embedder, "退款", 3, None) is None

    server = settings.model_copy(update={"chroma_url": "http://127.0.0.1:9"})
    assert search_copy(server, kb.embedder, "退款", 3, None) is None  # a server's index changes unseen
    forget_copy(settings)
    copy.write_bytes(b"not a copy")
    assert search_copy(settings, kb.embedder, "退款", 3, None) is None
    copy.write_bytes(b"PK\x03\x04 a damaged zip")
    assert search_copy(settings, kb.embedder, "退款", 3, None) is None


def test_a_large_index_gets_no_copy(settings):
    class Large:
        def count(self) -> int:
            return COPY_LIMIT + 1

    settings.chroma_dir.mkdir(parents=True)
    assert save_copy(settings, Large(), "hashing-ngram-v1-1024") is False
    assert not (settings.chroma_dir / COPY_FILE).exists()


def test_kb_search_answers_the_same_from_the_copy(cli, settings):
    assert cli("kb", "seed")[0] == 0
    first = cli("kb", "search", "退款 refund", "--kind", "example", "--json")
    assert first[0] == 0 and (settings.chroma_dir / COPY_FILE).exists()
    second = cli("kb", "search", "退款 refund", "--kind", "example", "--json")
    assert second[1] == first[1] and '"kind": "example"' in second[1]
    assert cli("kb", "search", "退款", "--kind", "nothing")[0] != 0  # the request is checked before either is read
