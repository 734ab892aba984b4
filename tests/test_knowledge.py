"""The knowledge base: seed data quality, seeding, search filters, imports and the embedder guard."""

import json
from collections import Counter

import pytest
import yaml

from assistant.llm.embeddings import HashingEmbedder
from assistant.core.errors import EmbedderMismatchError, InputError
from assistant.core.models import Polarity
from assistant.service.workspace import Workspace
from knowledge.base import KnowledgeBase
from knowledge.loader import import_project_files, load_project_file, seed, seed_files


# -- the bundled seed projects ---------------------------------------------------------------------
SEEDS = [load_project_file(path) for path in seed_files()]


def test_seed_covers_languages_and_task_types():
    assert len(SEEDS) >= 8
    assert len({project.task_type for project in SEEDS}) >= 6
    assert {project.language.value for project in SEEDS} >= {"zh", "en"}
    assert len({project.id for project in SEEDS}) == len(SEEDS)


@pytest.mark.parametrize("project", SEEDS, ids=lambda p: p.id)
def test_each_seed_project_has_enough_grounded_examples(project):
    polarity = Counter(example.polarity for example in project.examples)
    assert polarity[Polarity.positive] >= 6 and polarity[Polarity.negative] >= 4
    for label in project.rules.labels:
        assert label.definition and label.criteria, f"{label.name} needs a definition and decision criteria"
    assert all(example.explanation for example in project.examples)
    assert project.lessons and project.agreement and project.rules.edge_cases


@pytest.mark.parametrize("project", [p for p in SEEDS if p.task_type.value == "ner"], ids=lambda p: p.id)
def test_ner_seed_spans_point_at_their_text(project):
    for example in project.examples:
        for span in example.spans:
            assert example.text[span.start : span.end] == span.text


# -- seeding and searching -------------------------------------------------------------------------
def test_seeding_twice_leaves_the_same_counts(chroma_url, settings):
    workspace = Workspace(settings)
    first = seed(workspace.store, workspace.kb)
    stats_first = workspace.kb.stats()
    second = seed(workspace.store, workspace.kb)
    assert len(first.added) == len(SEEDS) and second.unchanged == first.added
    assert second.documents == 0
    assert workspace.kb.stats() == stats_first
    expected_docs = sum(1 + len(p.rules.labels) + len(p.rules.edge_cases) + len(p.examples) for p in SEEDS)
    assert stats_first["documents"] == expected_docs


def test_chinese_complaint_query_finds_the_complaint_project_first(seeded_workspace):
    hits = seeded_workspace.kb.search("用户投诉 情绪识别", 3, kind="project")
    assert hits[0].project == "cs-complaint-sentiment-zh"
    assert hits[0].score > hits[-1].score


def test_english_relevance_query_finds_the_search_project_first(seeded_workspace):
    hits = seeded_workspace.kb.search("search result relevance", 3, kind="project")
    assert hits[0].project == "shop-search-relevance-en"


def test_filters_restrict_hits(seeded_workspace):
    kb = seeded_workspace.kb
    hits = kb.search("refund request", 10, task_type="intent_classification", kind="example")
    assert hits and all(h.task_type == "intent_classification" and h.kind == "example" for h in hits)
    negatives = kb.search("投诉", 10, kind="example", polarity="negative", language="zh")
    assert negatives and all(h.polarity == "negative" and h.language == "zh" for h in negatives)
    rules = kb.search("sarcasm", 5, kind="rule")
    assert all(h.kind == "rule" for h in rules)


def test_bad_search_arguments_are_clear(seeded_workspace):
    with pytest.raises(InputError, match="empty"):
        seeded_workspace.kb.search("   ")
    with pytest.raises(InputError, match="unknown kind"):
        seeded_workspace.kb.search("x", kind="projects")


def test_index_refuses_a_different_embedder_and_reindex_rebuilds(chroma_url, settings):
    workspace = Workspace(settings)
    seed(workspace.store, workspace.kb)
    del workspace.kb
    with pytest.raises(EmbedderMismatchError, match="rulebook kb reindex"):
        KnowledgeBase(settings, embedder=HashingEmbedder(256))
    kb, documents = KnowledgeBase.rebuild(settings, workspace.store, HashingEmbedder(256))
    assert documents == kb.stats()["documents"] > 0
    assert kb.search("search result relevance", 1, kind="project")[0].project == "shop-search-relevance-en"


# -- importing past projects -----------------------------------------------------------------------
def _project_data(**changes):
    data = yaml.safe_load(seed_files()[0].read_text(encoding="utf-8"))
    data.update(changes)
    return data


def test_import_adds_a_searchable_project(chroma_url, settings, tmp_path):
    workspace = Workspace(settings)
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(_project_data(id="my-project", name="Unique zebra project")), encoding="utf-8")
    report = import_project_files([path], workspace.store, workspace.kb)
    assert report.added == ["my-project"]
    assert workspace.kb.search("zebra", 1, kind="project")[0].project == "my-project"


def test_invalid_file_names_file_and_field_and_writes_nothing(chroma_url, settings, tmp_path):
    workspace = Workspace(settings)
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(_project_data(id="good-one"), allow_unicode=True), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(_project_data(id="bad-one", task_type="dancing"), allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_project_files([good, bad], workspace.store, workspace.kb)
    message = str(caught.value)
    assert "bad.yaml" in message and "task_type" in message and "good.yaml" not in message
    assert workspace.store.count_past_projects() == 0
    assert workspace.kb.stats()["documents"] == 0


def test_example_with_unknown_label_is_rejected(tmp_path):
    data = _project_data()
    data["examples"][0]["label"] = "not-a-label"
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=r"p.yaml: .*examples\[0\]\.label 'not-a-label'"):
        load_project_file(path)


def test_non_utf8_and_unparsable_files_are_clear_errors(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="latin.yaml: not UTF-8"):
        load_project_file(latin)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="broken.json: cannot parse"):
        load_project_file(broken)
