import pytest
import yaml

from assistant.errors import InputError
from assistant.models import PastProject
from assistant.settings import Settings
from assistant.store import Store
from knowledge.loader import seed_files


@pytest.fixture
def store(settings):
    return Store.from_settings(settings)


@pytest.fixture
def past_project():
    return PastProject.model_validate(yaml.safe_load(seed_files()[0].read_text(encoding="utf-8")))


def test_sqlite_database_is_created_under_the_data_dir(settings, store):
    assert (settings.data_dir / "rulebook.db").exists()


def test_past_project_upsert_reports_what_changed(store, past_project):
    assert store.upsert_past_project(past_project) == "added"
    assert store.upsert_past_project(past_project) == "unchanged"
    changed = past_project.model_copy(update={"lessons": [*past_project.lessons, "a new lesson"]})
    assert store.upsert_past_project(changed) == "updated"
    assert store.count_past_projects() == 1
    assert store.past_project(past_project.id).lessons[-1] == "a new lesson"


def test_store_survives_reopening(settings, store, past_project):
    store.upsert_past_project(past_project)
    assert Store.from_settings(Settings()).past_project(past_project.id) == past_project


def test_artifacts_are_versioned_and_kept(store):
    project = store.create_project("complaints", "我们想让客服机器人更懂用户的投诉")
    first = store.add_artifact(project.id, "breakdown", {"v": 1})
    second = store.add_artifact(project.id, "breakdown", {"v": 2})
    assert (first.version, second.version) == (1, 2)
    assert [row.payload for row in store.artifacts(project.id, "breakdown")] == [{"v": 1}, {"v": 2}]
    assert store.artifact(project.id, "breakdown").payload == {"v": 2}
    assert store.artifact(project.id, "breakdown", 1).payload == {"v": 1}
    with pytest.raises(InputError, match="no breakdown version 3"):
        store.artifact(project.id, "breakdown", 3)


def test_unknown_ids_and_statuses_are_clear_errors(store):
    with pytest.raises(InputError, match="no project with id 'p-missing'"):
        store.project("p-missing")
    project = store.create_project("x", "y")
    with pytest.raises(InputError, match="unknown project status"):
        store.set_status(project.id, "finished")
    store.set_status(project.id, "rulebook")
    assert store.project(project.id).status == "rulebook"
