"""The project store, on SQLite and on PostgreSQL (`database_url` runs each test on both)."""

import pytest
import yaml

from assistant.core.errors import InputError
from assistant.core.models import PastProject
from assistant.core.settings import Settings
from assistant.core.store import Store
from knowledge.loader import seed_files


@pytest.fixture
def store(database_url):
    return Store.from_settings(Settings())


@pytest.fixture
def past_project():
    return PastProject.model_validate(yaml.safe_load(seed_files()[0].read_text(encoding="utf-8")))


def test_sqlite_database_is_created_under_the_data_dir(settings):
    Store.from_settings(settings)
    assert (settings.data_dir / "rulebook.db").exists()


def test_the_store_uses_the_configured_database(database_url, store):
    assert store.url == database_url


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


def test_long_names_and_chinese_text_are_stored_whole(store):
    name = "投诉情绪识别 complaint emotion " * 40  # 1,000+ characters: PostgreSQL once refused over 300
    project = store.create_project(name, "客服机器人要更懂用户的投诉：😡 还是 🙂？", language="zh", meta={"负责人": "王五"})
    store.add_artifact(project.id, "rulebook", {"labels": ["愤怒", "失望"]}, engine="LLM engine: " + "m" * 300, note="初稿")
    again = store.project(project.id)
    assert (again.name, again.request, again.meta) == (name, "客服机器人要更懂用户的投诉：😡 还是 🙂？", {"负责人": "王五"})
    row = store.artifact(project.id, "rulebook")
    assert row.payload == {"labels": ["愤怒", "失望"]} and row.engine.endswith("m" * 300) and row.note == "初稿"


def test_projects_are_listed_newest_first(store):
    first = store.create_project("first", "a")
    second = store.create_project("second", "b")
    assert [row.id for row in store.projects()][:2] == [second.id, first.id]


def test_a_second_versioned_writer_waits_for_the_first_and_gets_the_next_version(store):
    import threading

    from assistant.core.db import write_transaction
    from assistant.core.store import ArtifactRow

    project = store.create_project("x", "y")
    written = []
    second = threading.Thread(target=lambda: written.append(store.add_artifact(project.id, "rulebook", {"by": "second"})))
    with store.session() as session, session.begin():
        write_transaction(session, f"project:{project.id}")
        session.add(ArtifactRow(project_id=project.id, kind="rulebook", version=1, payload={"by": "first"}))
        session.flush()
        second.start()
        second.join(timeout=1.5)
        assert second.is_alive() and not written  # it waits for the first writer's transaction
    second.join(timeout=30)
    assert [(row.version, row.payload["by"]) for row in store.artifacts(project.id, "rulebook")] == [(1, "first"), (2, "second")]


def test_a_postgresql_url_without_the_driver_is_one_clear_line(monkeypatch, cli):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if `pip install ".[postgres]"` had not been run
    monkeypatch.setenv("RULEBOOK_DATABASE_URL", "postgresql://team:s3cret-pw@127.0.0.1/rulebook")
    code, _, err = cli("projects", "list")
    assert code == 3 and "the PostgreSQL driver is not installed" in err and 'pip install "rulebook[postgres]"' in err
    assert "s3cret-pw" not in err and "Traceback" not in err


def test_an_unreachable_database_server_is_one_clear_line(monkeypatch, cli):
    import socket

    with socket.socket() as probe:  # a loopback port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("RULEBOOK_DATABASE_URL", f"postgresql://team:s3cret-pw@127.0.0.1:{port}/rulebook")
    code, _, err = cli("projects", "list")
    message = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 3 and len(message) == 1 and f"cannot open the project database postgresql+psycopg://team:****@127.0.0.1:{port}/rulebook" in message[0]
    assert "Connection refused" in message[0] and "s3cret-pw" not in err and "Traceback" not in err


@pytest.mark.parametrize("url", ["postgresql://team:pw@db-host/rulebook", "postgres://team:pw@db-host/rulebook"])
def test_a_plain_postgresql_url_uses_the_driver_the_extra_installs(url):
    from assistant.core.db import open_engine

    engine = open_engine(url)  # no connection is made until the store is used
    assert (engine.dialect.name, engine.dialect.driver, engine.url.host) == ("postgresql", "psycopg", "db-host")
