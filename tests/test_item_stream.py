"""Large files: items are read as a stream, the job labels them in chunks, memory does not grow with the rows."""

from __future__ import annotations

import csv
import gc
import json
import tracemalloc
from pathlib import Path

import pytest

from assistant.core.errors import InputError
from assistant.prelabel.item_stream import iter_records, open_items
from assistant.prelabel.items import load_items
from assistant.prelabel.job import run_job
from assistant.prelabel.stream import CHUNK
from assistant.rulebook.export import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "退款七天了没人处理，我要打12315投诉你们",
    "物流怎么还没到，都五天了",
    "请问这件外套有M码吗",
    "谢谢客服，问题解决了，给你好评",
    "The parcel is a week late and nobody answers",
    "Thanks, the replacement arrived and works fine",
]


@pytest.fixture
def rulebook():
    return load_rulebook(ROOT / "tests" / "data" / "rulebook_complaints_zh.json")


def write_csv(path: Path, n: int, *, ids: bool = True) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"] if ids else ["text"])
        for i in range(n):
            text = f"{TEXTS[i % len(TEXTS)]} {i}"
            writer.writerow([f"row-{i}", text] if ids else [text])
    return path


def write_jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"row-{i}", "text": TEXTS[i % len(TEXTS)]}, ensure_ascii=False) + "\n")
    return path


def output_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["id"] for line in handle if line.strip()]


class Stop(Exception):
    pass


# -- the reader ------------------------------------------------------------------------------
def test_jsonl_records_before_a_malformed_line_are_given_out_before_the_error(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text('{"text": "第一条"}\n{"text": "second"}\n{"text": oops}\n{"text": "never read"}\n', encoding="utf-8")
    records = iter_records(path)
    assert next(records) == {"text": "第一条"}
    assert next(records) == {"text": "second"}
    with pytest.raises(InputError, match=r"items\.jsonl: line 3 is not valid JSON"):
        next(records)


def test_csv_rows_before_a_ragged_line_are_given_out_before_the_error(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text("id,text\n1,好评\n2,late parcel\n3,a,b\n4,never read\n", encoding="utf-8")
    records = iter_records(path)
    assert [next(records)["text"], next(records)["text"]] == ["好评", "late parcel"]
    with pytest.raises(InputError, match=r"items\.csv: line 4 has 3 fields"):
        next(records)


def test_a_malformed_line_fails_the_job_before_anything_is_written(tmp_path, rulebook):
    path = write_csv(tmp_path / "items.csv", 3000)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("row-x,too,many,fields\n")
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match="line 3002 has 4 fields"):
        run_job(rulebook, path, out)
    assert not out.exists()


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_bytes('{"text": "好"}\n'.encode() * 3 + '{"text": "坏"}\n'.encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8 text \\(line 4"):
        open_items(path)


def test_streamed_items_are_the_items_load_items_gives(tmp_path):
    """Same ids (given, generated, repeated texts), same per-row errors, same notes."""
    path = tmp_path / "items.csv"
    rows = [["编号", "内容"], ["a", "好评"], ["", "好评"], ["", "好评"], ["a", "duplicate id"], ["b", ""], ["c", "fine"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    whole = load_items(path)
    stream = open_items(path)
    assert stream.total == 6
    streamed = list(stream)
    assert streamed == whole.items
    assert stream.notes == whole.notes
    assert [item.ok for item in streamed] == [True, True, True, False, False, True]
    assert list(stream) == streamed  # a stream can be read again, with the same ids


# -- the job ---------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_a_streamed_job_labels_every_row_once_in_order_and_resumes_after_a_crash(tmp_path, rulebook, suffix):
    n = 2 * CHUNK + 500  # three chunks
    path = write_csv(tmp_path / "items.csv", n) if suffix == "csv" else write_jsonl(tmp_path / "items.jsonl", n)
    out = tmp_path / "out.jsonl"
    seen: list[str] = []

    def crash_after_some(prediction):
        seen.append(prediction.id)
        if len(seen) == CHUNK + 100:  # in the second chunk
            raise Stop

    with pytest.raises(Stop):
        run_job(rulebook, path, out, on_prediction=crash_after_some)
    assert len(set(output_ids(out))) == CHUNK + 100  # what finished before the crash is on disk

    again: list[str] = []
    summary = run_job(rulebook, path, out, resume=True, on_prediction=lambda p: again.append(p.id))
    assert summary.resumed == CHUNK + 100
    assert len(again) == n - (CHUNK + 100) and not set(again) & set(seen)  # only the rest was labelled
    assert output_ids(out) == [f"row-{i}" for i in range(n)]  # every row once, in input order
    assert summary.total == n and sum(summary.counts.values()) == n and summary.counts["error"] == 0


def test_a_torn_last_line_and_a_duplicate_id_in_a_streamed_job(tmp_path, rulebook):
    path = write_csv(tmp_path / "items.csv", 3000)
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["row-5", "same id as row 6"])
    out = tmp_path / "out.jsonl"
    run_job(rulebook, path, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[:1000]) + "\n" + lines[1000][:30], encoding="utf-8")  # killed mid-write
    summary = run_job(rulebook, path, out, resume=True)
    assert summary.resumed == 1000 and summary.input_errors == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"row-{i}" for i in range(3000)] + ["row-5#row3001"]
    assert records[-1]["status"] == "error" and "duplicate id 'row-5'" in records[-1]["error"]


@pytest.mark.parametrize("fmt", ["csv", "label-studio"])
def test_streamed_exports_follow_the_input_order(tmp_path, rulebook, fmt):
    path = write_csv(tmp_path / "items.csv", CHUNK + 10, ids=False)
    out = tmp_path / ("out.csv" if fmt == "csv" else "tasks.json")
    summary = run_job(rulebook, path, out, fmt=fmt)
    texts = [f"{TEXTS[i % len(TEXTS)]} {i}" for i in range(CHUNK + 10)]
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [row["text"] for row in rows] == texts and rows[0]["id"].startswith("r-")
    else:
        tasks = json.loads(out.read_text(encoding="utf-8"))
        assert [task["data"]["text"] for task in tasks] == texts
        assert [task["id"] for task in tasks] == list(range(1, CHUNK + 11))
    assert summary.total == CHUNK + 10


# -- memory ----------------------------------------------------------------------------------
def _peak_job_memory(tmp_path: Path, rulebook, n: int) -> int:
    path = write_jsonl(tmp_path / f"items_{n}.jsonl", n)
    run_job(rulebook, path, tmp_path / "warm.jsonl", engine="offline", cache=False)  # imports and caches outside the measure
    gc.collect()
    tracemalloc.start()
    try:
        run_job(rulebook, path, tmp_path / f"out_{n}.jsonl", engine="offline", cache=False)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_job_memory_does_not_grow_with_the_rows(tmp_path, rulebook):
    small = _peak_job_memory(tmp_path, rulebook, 5_000)
    large = _peak_job_memory(tmp_path, rulebook, 25_000)
    # Holding the items and their results costs a few kB a row (the job before streaming: ~3.5 kB).
    # What may grow is the ids seen (duplicate-id detection, ~150 bytes) and 9 bytes a row of offsets.
    assert large - small < 20_000 * 400, (small, large)
    assert large < 1.6 * small, (small, large)


def test_the_python_api_labels_a_stream_in_order_and_can_stop_early(tmp_path, rulebook):
    from assistant.prelabel.api import prelabel

    path = write_csv(tmp_path / "items.csv", CHUNK + 300)
    predictions = list(prelabel(rulebook, open_items(path), ordered=True))
    assert [p.id for p in predictions] == [f"row-{i}" for i in range(CHUNK + 300)]
    assert all(p.status in ("labeled", "abstain") for p in predictions)
    first = prelabel(rulebook, open_items(path))
    assert next(first).id == "row-0"
    first.close()  # stopping early ends the work in flight without an error
