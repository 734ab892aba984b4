"""Sign-in and roles in the app: every page and action tried as each role and as nobody (AppTest)."""

from __future__ import annotations

import pytest

from assistant.service import accounts as accounts_module
from assistant.service.access import ADMIN, PRODUCT_OWNER, TRAINER, User
from tests.ui.conftest import REQUEST, assert_clean, labels, open_app, texts

ACCOUNTS = {
    "ada": (ADMIN, "ada-password-1"),
    "tom": (TRAINER, "tom-password-1"),
    "pat": (PRODUCT_OWNER, "pat-password-1"),
    "quinn": (PRODUCT_OWNER, "quinn-password-1"),
}
PAGES = {  # page file -> its title in English, as the page itself shows it
    "assistant": "Assistant",
    "submit": "Submit a request",
    "projects": "Projects",
    "prelabel": "Pre-label",
    "agreement": "Agreement",
    "trial": "Trial",
    "production": "Production",
    "knowledge": "Knowledge base",
    "admin": "Accounts",
}
ALLOWED = {
    PRODUCT_OWNER: {"assistant", "submit"},
    TRAINER: set(PAGES) - {"admin"},
    ADMIN: set(PAGES),
}


@pytest.fixture
def store(isolated, monkeypatch):
    from assistant.service.accounts import AccountStore
    from assistant.core.settings import get_settings

    monkeypatch.setattr(accounts_module, "BCRYPT_ROUNDS", 4)  # the same bcrypt, cheaper for tests
    accounts = AccountStore.from_settings(get_settings())
    for name, (role, password) in ACCOUNTS.items():
        accounts.add(name, role, password)
    return accounts


@pytest.fixture
def owned(seeded, store):
    """Two projects: one submitted by pat, one by quinn."""
    from assistant.core.actor import acting_as
    from assistant.service.projects import start_project

    with acting_as("pat"):
        pat = start_project(seeded, REQUEST, name="pat's complaints").project_id
    with acting_as("quinn"):
        quinn = start_project(seeded, "we need better search results for our shop", name="quinn's search").project_id
    return pat, quinn


def sign_in(name: str, password: str | None = None, language: str = "en", **query: str):
    app = open_app(language, **query)
    assert app.title[0].value == ("Sign in" if language == "en" else "登录")
    app.text_input[0].set_value(name)
    app.text_input[1].set_value(ACCOUNTS[name][1] if password is None else password)
    next(button for button in app.button if button.label in ("Sign in", "登录")).click().run()
    return app


def go(app, page: str):
    app.switch_page(f"ui/pages/{page}.py")
    return app.run()


def offered(app, page: str) -> bool:
    """Whether the page is in this session's navigation (AppTest refuses to switch to a page that is not)."""
    try:
        app.switch_page(f"ui/pages/{page}.py")
    except ValueError as error:
        assert "Could not find a navigation page" in str(error)
        return False
    return True


def test_nobody_sees_only_the_sign_in_form(store, owned):
    for language, title in (("en", "Sign in"), ("zh", "登录")):
        app = open_app(language)
        assert_clean(app)
        assert [element.value for element in app.title] == [title]
        assert len(app.text_input) == 2 and not app.chat_input
        for page in PAGES:
            assert not offered(app, page), page
        shown = texts(app.markdown) + texts(app.caption) + texts(app.sidebar.markdown)
        assert "pat's complaints" not in shown and "quinn" not in shown
    app = open_app("en", project=owned[0])  # a project link does not get past the form either
    assert [element.value for element in app.title] == ["Sign in"] and REQUEST not in texts(app.markdown)


def test_a_wrong_password_is_refused(store):
    app = sign_in("tom", "not-the-password")
    assert_clean(app)
    assert app.title[0].value == "Sign in" and "Wrong name or password." in texts(app.error)
    app.text_input[0].set_value("nobody")
    app.text_input[1].set_value("tom-password-1")
    next(button for button in app.button if button.label == "Sign in").click().run()
    assert app.title[0].value == "Sign in" and "Wrong name or password." in texts(app.error)


@pytest.mark.parametrize("name", ["pat", "tom", "ada"])
def test_each_role_opens_exactly_its_pages(store, owned, name):
    role = ACCOUNTS[name][0]
    app = sign_in(name)
    assert_clean(app)
    assert app.title[0].value == "Assistant"
    assert f"Signed in as **{name}**" in texts(app.sidebar.markdown)
    for page, title in PAGES.items():
        assert offered(app, page) == (page in ALLOWED[role]), (name, page)
        if page in ALLOWED[role]:
            app.run()
            assert_clean(app)
            assert app.title[0].value == title, (name, page)


@pytest.mark.parametrize("page", [page for page in PAGES if page not in ("assistant", "submit")])
@pytest.mark.parametrize("who", [None, User("pat", PRODUCT_OWNER)])
def test_every_restricted_page_checks_the_role_itself(store, page, who):
    """Run a page on its own (as if the menu let it through): the page refuses before reading anything."""
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import ROOT

    app = AppTest.from_file(str(ROOT / "ui" / "pages" / f"{page}.py"), default_timeout=120)
    app.session_state["_user"] = who
    app.run()
    assert_clean(app)
    refusal = texts(app.error)
    assert ("Sign in to" if who is None else "Not allowed: as product owner, pat may not") in refusal
    assert not app.text_input and not app.selectbox and not app.button and not app.markdown


def test_a_product_owner_sees_only_their_own_requests(owned):
    pat_project, quinn_project = owned
    app = sign_in("pat")
    assert_clean(app)
    picker = app.selectbox(key="project_picker")
    assert pat_project in picker.options[1] or any(pat_project in option for option in picker.options)
    assert not any(quinn_project in option for option in picker.options)
    go(app, "submit")
    assert_clean(app)
    shown = texts(app.markdown)
    assert pat_project in shown and quinn_project not in shown and "quinn's search" not in shown


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_product_owner_opening_another_owners_project_is_refused(owned, language):
    pat_project, quinn_project = owned
    app = sign_in("pat", language=language, project=quinn_project)
    assert_clean(app)
    refusal = texts(app.error)
    assert quinn_project in refusal
    assert ("submitted by someone else" if language == "en" else "由其他人提交") in refusal
    assert "we need better search results for our shop" not in texts(app.markdown)
    assert app.query_params.get("project") in (None, "")


def test_a_product_owner_answers_their_questions_but_cannot_draft(owned, seeded):
    pat_project, _ = owned
    app = sign_in("pat", project=pat_project)
    assert_clean(app)
    assert "Draft the rulebook" not in labels(app.button)
    app.chat_input[0].set_value("每条大约30秒，一致率80%").run()
    assert_clean(app)
    assert "Updated to version 2" in texts(app.markdown)
    assert [row.actor for row in seeded.store.artifacts(pat_project, "breakdown")] == ["pat", "pat"]

    app.chat_input[0].set_value("起草规则").run()  # "draft the rulebook": the trainers' step
    assert_clean(app)
    assert "Not allowed: as product owner, pat may not work on projects" in texts(app.error)
    assert seeded.store.artifacts(pat_project, "rulebook") == []


def test_a_product_owners_submission_is_theirs(store, seeded):
    app = sign_in("pat")
    go(app, "submit")
    app.text_area[0].set_value("我们想让客服机器人更懂用户的投诉")
    app.text_input[1].set_value("pat@example.com")
    next(button for button in app.button if button.label == "Submit request").click().run()
    assert_clean(app)
    (row,) = seeded.store.projects()
    assert row.meta["owner"] == "pat"
    assert seeded.store.artifacts(row.id, "breakdown")[0].actor == "pat"


def test_a_trainer_works_on_every_project_but_does_not_change_the_knowledge_base(owned, seeded):
    pat_project, quinn_project = owned
    app = sign_in("tom", project=quinn_project)
    assert_clean(app)
    assert not app.error and app.selectbox(key="project_picker").value == quinn_project
    next(button for button in app.button if button.label == "Draft the rulebook").click().run()
    assert_clean(app)
    assert seeded.store.artifacts(quinn_project, "rulebook")[0].actor == "tom"
    go(app, "projects")
    assert_clean(app)
    table = texts(app.markdown)
    assert pat_project in table and quinn_project in table
    assert any("by tom" in option for box in app.selectbox for option in box.options)  # the version history names who
    go(app, "knowledge")
    assert_clean(app)
    assert "Importing into the knowledge base is for admins." in texts(app.info)
    assert "Import the files" not in labels(app.button) and "Import the document" not in labels(app.button)


def test_an_admin_manages_accounts_in_the_app(store):
    app = sign_in("ada")
    go(app, "admin")
    assert_clean(app)
    assert "| tom | trainer | password |" in texts(app.markdown)
    form = app.text_input
    form[0].set_value("newbie")
    app.selectbox[0].set_value(TRAINER)
    form[1].set_value("newbie-password")
    form[2].set_value("newbie-password")
    next(button for button in app.button if button.label == "Add the account").click().run()
    assert_clean(app)
    assert "Added newbie (trainer)." in texts(app.success)
    assert store.verify("newbie", "newbie-password") == User("newbie", TRAINER)
    assert "newbie-password" not in store.path.read_text(encoding="utf-8")

    app.selectbox(key="role_account").set_value("newbie")
    app.selectbox(key="role_new").set_value(ADMIN)
    next(button for button in app.button if button.label == "Change the role").click().run()
    assert_clean(app)
    assert store.get("newbie").role == ADMIN

    app.selectbox(key="remove_account").set_value("newbie")
    app.checkbox[-1].check()
    next(button for button in app.button if button.label == "Remove").click().run()
    assert_clean(app)
    assert "newbie" not in store.load()


def test_a_removed_account_is_signed_out_and_a_new_role_applies_at_once(store):
    app = sign_in("tom")
    go(app, "projects")
    assert app.title[0].value == "Projects"
    store.set_role("tom", PRODUCT_OWNER)
    app.run()  # the next click: the menu no longer offers the page, the default one shows
    assert_clean(app)
    assert app.title[0].value == "Assistant" and "· product owner" in texts(app.sidebar.markdown)
    assert not offered(app, "projects")
    store.remove("tom")
    app.run()
    assert [element.value for element in app.title] == ["Sign in"]


def test_sign_out(store):
    app = sign_in("ada")
    next(button for button in app.sidebar.button if button.label == "Sign out").click().run()
    assert [element.value for element in app.title] == ["Sign in"]


def test_without_accounts_the_app_is_single_user_and_says_so(isolated):
    for language, note in (("en", "Single-user mode"), ("zh", "单用户模式")):
        app = open_app(language)
        assert_clean(app)
        assert note in texts(app.sidebar.info)
        assert app.title[0].value in ("Assistant", "需求助手")


def test_without_accounts_a_non_loopback_server_address_is_refused(isolated):
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        app = open_app("en")
    finally:
        config.set_option("server.address", before)
    assert "Refused: the app listens on 0.0.0.0 but has no accounts" in texts(app.error)
    assert [element.value for element in app.title] == []


def test_a_failed_sign_in_never_logs_the_password(store, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="rulebook.app"):
        sign_in("tom", "my-wrong-Secret-9")
        sign_in("tom")
    logged = caplog.text
    assert "failed sign-in for 'tom'" in logged and "signed in: tom (trainer)" in logged
    assert "my-wrong-Secret-9" not in logged and ACCOUNTS["tom"][1] not in logged


def test_with_an_identity_provider_configured_the_sign_in_offers_it(store):
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import APP

    app = AppTest.from_file(str(APP), default_timeout=120)
    app.secrets["auth"] = {"client_id": "x", "client_secret": "y", "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
                           "redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "z"}
    app.query_params["lang"] = "en"
    app.run()
    assert_clean(app)
    assert app.title[0].value == "Sign in"
    assert "Sign in with your organisation's account" in labels(app.button)


def test_an_identity_is_matched_to_its_account_by_e_mail(store):
    store.add("Pat@Example.com", PRODUCT_OWNER, None)  # signs in only through the identity provider
    assert store.identity("pat@example.com") == User("Pat@Example.com", PRODUCT_OWNER)
    assert store.identity("someone@example.com") is None and store.identity(None) is None
    assert store.verify("Pat@Example.com", "") is None  # no password: never by the form


def test_a_trainer_running_the_accounts_page_is_refused(store):
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import ROOT

    app = AppTest.from_file(str(ROOT / "ui" / "pages" / "admin.py"), default_timeout=120)
    app.session_state["_user"] = User("tom", TRAINER)
    app.run()
    assert_clean(app)
    assert "Not allowed: as trainer, tom may not manage accounts" in texts(app.error)
    assert not app.text_input and not app.button and "ada" not in texts(app.markdown)


def test_only_an_admin_may_seed_the_knowledge_base(store):
    app = sign_in("tom")
    go(app, "knowledge")
    assert_clean(app)
    assert "Seed the knowledge base" not in labels(app.button)
    assert "An admin seeds and imports the knowledge base." in texts(app.caption)
    app = sign_in("ada")
    go(app, "knowledge")
    next(button for button in app.button if button.label == "Seed the knowledge base").click().run()
    assert_clean(app)
    from assistant.core.settings import get_settings
    from assistant.service.workspace import Workspace

    assert Workspace(get_settings()).store.count_past_projects() == 10
