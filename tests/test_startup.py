"""The everyday commands start without the heavy libraries they do not need (issue 13, item 8).

Behaviour, not timing: which modules a fresh `rulebook` process has imported when it is done.
The figures are in benchmarks/bench_startup.py.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core import lazy
from knowledge.index_stats import STATS_FILE, fingerprint, save_stats, saved_stats

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_RULEBOOK = ROOT / "tests" / "data" / "rulebook_complaints_zh.json"

# Libraries none of the fast commands may load (the app's, the LLM client's, scientific Python, Office files).
NEVER_AT_STARTUP = {
    "chromadb", "pandas", "scipy", "sklearn", "openai", "langchain_core", "langchain_openai",
    "docx", "openpyxl", "matplotlib", "streamlit", "altair",
}

_PROBE = """
import json, sys
out, args = sys.argv[1], sys.argv[2:]
sys.argv = ["rulebook", *args]
from assistant.cli.main import main
code = 0
try:
    main()
except SystemExit as exit_:
    code = exit_.code if isinstance(exit_.code, int) else 0
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def run_cli(tmp_path: Path, *args: str) -> tuple[int, str, set[str]]:
    """`rulebook ARGS` in a fresh Python process: (exit code, stdout, modules imported by the end)."""
    record = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(record), *args], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert record.exists(), done.stderr[-3000:]
    result = json.loads(record.read_text(encoding="utf-8"))
    return result["code"], done.stdout, set(result["modules"])


def tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_imports_no_heavy_library(tmp_path):
    code, out, modules = run_cli(tmp_path, "--help")
    assert code == 0
    assert "kb" in out and "check" in out and "projects" in out
    assert tops(modules) & (NEVER_AT_STARTUP | {"numpy", "tiktoken", "sqlalchemy"}) == set()


def test_check_of_a_file_loads_neither_chroma_nor_the_breakdown_step(tmp_path):
    rulebook = tmp_path / "规则书.json"
    rulebook.write_bytes(EXAMPLE_RULEBOOK.read_bytes())
    code, out, modules = run_cli(tmp_path, "check", str(rulebook))
    assert code in (0, 1) and "tokens" in out  # the report, with the token size
    assert tops(modules) & NEVER_AT_STARTUP == set()
    assert {"assistant.breakdown.five_w2h", "assistant.service.projects"} & modules == set()  # the file is checked, no step runs


def test_projects_list_and_kb_search_load_no_app_or_llm_library(tmp_path, cli):
    assert cli("kb", "seed")[0] == 0
    code, out, modules = run_cli(tmp_path, "projects", "list")
    assert code == 0
    assert tops(modules) & (NEVER_AT_STARTUP | {"sqlalchemy"}) == set()  # the default store, read with sqlite3
    assert "assistant.breakdown.five_w2h" not in modules  # listing reads the store; no pipeline step is loaded
    code, first, modules = run_cli(tmp_path, "kb", "search", "退款 refund", "--k", "2")
    assert code == 0 and first.startswith("1. ")
    assert tops(modules) & (NEVER_AT_STARTUP - {"chromadb"}) == set()  # search needs the vectors, nothing else
    code, second, modules = run_cli(tmp_path, "kb", "search", "退款 refund", "--k", "2")
    assert code == 0 and second == first
    assert tops(modules) & NEVER_AT_STARTUP == set()  # the index unchanged: its flat copy answers, Chroma stays closed


def test_check_of_a_counted_rulebook_loads_no_database_vector_or_token_library(tmp_path, cli):
    assert cli("kb", "seed")[0] == 0  # a store with past projects, whose label names check reads
    rulebook = tmp_path / "rulebook.json"
    rulebook.write_bytes(EXAMPLE_RULEBOOK.read_bytes())
    code, first, modules = run_cli(tmp_path, "check", str(rulebook))
    assert code in (0, 1) and tops(modules) & {"sqlalchemy", "numpy"} == set()
    code, second, modules = run_cli(tmp_path, "check", str(rulebook))
    assert second == first
    assert tops(modules) & {"sqlalchemy", "numpy", "tiktoken"} == set()  # the same text: its token count was kept


def test_kb_stats_answers_from_saved_counts_until_the_index_changes(tmp_path, cli):
    assert cli("kb", "seed")[0] == 0
    code, first, modules = run_cli(tmp_path, "kb", "stats", "--json")
    assert code == 0 and "chromadb" in tops(modules)  # counted in the index, then saved beside it
    assert run_cli(tmp_path, "kb", "search", "退款")[0] == 0  # reading the index (Chroma rewrites its files)
    code, second, modules = run_cli(tmp_path, "kb", "stats", "--json")
    assert code == 0 and "chromadb" not in tops(modules)
    assert json.loads(second) == json.loads(first)

    # a new past project changes the index: the saved counts are not used, the new ones are right
    project = (ROOT / "knowledge" / "seed" / "cs-intent-zh.yaml").read_text(encoding="utf-8")
    added = tmp_path / "copy.yaml"
    added.write_text(project.replace("id: cs-intent-zh", "id: cs-intent-zh-copy", 1), encoding="utf-8")
    assert cli("kb", "add", str(added))[0] == 0
    code, third, modules = run_cli(tmp_path, "kb", "stats", "--json")
    assert "chromadb" in tops(modules)
    before, after = json.loads(first), json.loads(third)
    assert after["projects_in_store"] == before["projects_in_store"] + 1
    assert after["projects_by_task_type"]["intent_classification"] == before["projects_by_task_type"]["intent_classification"] + 1
    assert after["documents"] > before["documents"]


def test_saved_counts_are_ignored_for_another_embedder_or_a_touched_index(settings):
    settings.chroma_dir.mkdir(parents=True)
    index_file = settings.chroma_dir / "chroma.sqlite3"
    index_file.write_bytes(b"index")
    stats = {"documents": 3, "by_kind": {"rule": 3}, "projects_by_task_type": {}, "embedder": "hashing-ngram-v1-1024"}
    save_stats(settings, stats)
    assert (settings.chroma_dir / STATS_FILE).exists()
    assert saved_stats(settings, "hashing-ngram-v1-1024")["documents"] == 3
    assert saved_stats(settings, "openai-text-embedding-3-small") is None
    index_file.write_bytes(b"index, one more document")  # another index folder put in its place
    assert saved_stats(settings, "hashing-ngram-v1-1024") is None
    assert all(entry[0] != STATS_FILE for entry in fingerprint(settings.chroma_dir))


def test_every_write_to_the_index_drops_the_saved_counts(settings):
    from knowledge.base import KnowledgeBase

    kb = KnowledgeBase(settings)
    save_stats(settings, kb.stats())
    assert saved_stats(settings, kb.embedder.name) is not None
    with kb.writing():
        assert not (settings.chroma_dir / STATS_FILE).exists()


def test_saved_counts_are_not_used_for_a_chroma_server(settings):
    settings.chroma_dir.mkdir(parents=True)
    save_stats(settings, {"documents": 1, "embedder": "hashing-ngram-v1-1024"})
    server = settings.model_copy(update={"chroma_url": "http://127.0.0.1:9"})
    assert saved_stats(server, "hashing-ngram-v1-1024") is None


def test_token_counts_from_the_kept_merges_equal_tiktokens_own(settings, tmp_path, monkeypatch):
    import tiktoken

    from assistant.llm import tokens

    cache = tmp_path / "tiktoken"
    text = "Label each complaint by its emotion. 按情绪给投诉打标签：愤怒、失望、焦虑。"
    fresh = tokens._shipped_encoding("o200k_base", cache)  # parses and keeps the merges
    kept = list(cache.glob("o200k_base.tiktoken-*.marshal"))
    assert len(kept) == 1
    again = tokens._shipped_encoding("o200k_base", cache)  # from the kept copy
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    reference = tiktoken.get_encoding("o200k_base")
    assert fresh.encode(text) == again.encode(text) == reference.encode(text)
    assert again.encode("<|endoftext|>", allowed_special="all") == reference.encode("<|endoftext|>", allowed_special="all")

    kept[0].write_bytes(b"not marshal data")  # a damaged copy is parsed again, not trusted
    assert tokens._shipped_encoding("o200k_base", cache).encode(text) == reference.encode(text)


def _function_local_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in inner.names)
                elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                    names.add(inner.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["assistant", "knowledge", "evaluation"])
def test_deferred_imports_are_only_the_listed_heavy_ones(package):
    """A function-local import is a listed heavy library (lazy.HEAVY), or one of ours in a file lazy.DEFERRED_OWN names;
    the standard library and everything else are imported at the top of the module."""
    ours = {"assistant", "knowledge", "evaluation", "prompts", "ui", "app", "tests", "benchmarks"}
    unlisted = set()
    for path in (ROOT / package).rglob("*.py"):
        where = path.relative_to(ROOT).as_posix()
        for name in _function_local_imports(path):
            allowed = name in lazy.HEAVY if name not in ours else where in lazy.DEFERRED_OWN
            if not allowed:
                unlisted.add(f"{where}: {name}")
    assert not unlisted, "import these at the top, or name them in assistant.core.lazy: " + ", ".join(sorted(unlisted))


def test_lazy_stand_in_imports_on_first_use_and_only_listed_libraries():
    numpy = lazy.module("numpy")
    assert numpy.zeros(3).shape == (3,)
    with pytest.raises(ValueError, match="not a heavy dependency"):
        lazy.module("json")
