"""Accounts and roles: the `rulebook accounts` CLI, hashed passwords, the permission checks of the
service layer, `rulebook app`'s bind refusal, and the actor recorded with every version."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from assistant.service import accounts as accounts_module
from assistant.service.access import (
    ADMIN,
    PRODUCT_OWNER,
    TRAINER,
    AccessDenied,
    User,
    can,
    open_project,
    require,
    visible_projects,
)
from assistant.service.accounts import AccountStore

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch):
    monkeypatch.setattr(accounts_module, "BCRYPT_ROUNDS", 4)  # the same bcrypt, cheaper for tests


@pytest.fixture
def stdin(monkeypatch):
    def feed(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    return feed


def accounts_file(isolated: Path) -> Path:
    return isolated / "data" / "accounts.yaml"


# ---------------------------------------------------------------------------------------------
# rulebook accounts
# ---------------------------------------------------------------------------------------------
def test_accounts_add_list_set_role_and_remove(cli, stdin, isolated):
    stdin("correct horse battery\n")
    code, out, err = cli("accounts", "add", "ada", "--role", "admin")
    assert code == 0, err
    assert "added ada (admin)" in out and "bcrypt" in out
    stdin("张三的密码很长很长\n")
    code, out, err = cli("accounts", "add", "张三", "--role", "product_owner")
    assert code == 0, err
    code, out, _ = cli("accounts", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ada", "admin", "password"]
    assert lines[1].split()[:3] == ["张三", "product_owner", "password"]
    assert "2 account(s)" in out and "$2b$" not in out  # never the hash either

    code, out, _ = cli("accounts", "set-role", "张三", "trainer")
    assert code == 0 and "张三 is now trainer" in out
    assert AccountStore(accounts_file(isolated)).get("张三").role == TRAINER

    code, out, _ = cli("accounts", "remove", "张三")
    assert code == 0 and "1 account(s) left" in out
    assert list(AccountStore(accounts_file(isolated)).load()) == ["ada"]


def test_passwords_are_stored_as_bcrypt_hashes_never_in_plain_text(cli, stdin, isolated):
    stdin("s3cret-Passw0rd\n")
    code, out, err = cli("accounts", "add", "tom", "--role", "trainer")
    assert code == 0
    stored = accounts_file(isolated).read_text(encoding="utf-8")
    assert "s3cret-Passw0rd" not in stored and "s3cret-Passw0rd" not in out + err
    assert "password_hash: $2b$" in stored
    assert oct(accounts_file(isolated).stat().st_mode & 0o777) == "0o600"
    store = AccountStore(accounts_file(isolated))
    assert store.verify("tom", "s3cret-Passw0rd") == User("tom", TRAINER)
    assert store.verify("tom", "s3cret-passw0rd") is None
    assert store.verify("nobody", "s3cret-Passw0rd") is None


def test_the_password_is_asked_hidden_and_twice_on_a_terminal(cli, monkeypatch, isolated):
    asked = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(""))

    def prompt(text, hide_input=False, confirmation_prompt=False, **_):
        asked.append((text, hide_input, confirmation_prompt))
        return "typed-at-the-prompt"

    monkeypatch.setattr("typer.prompt", prompt)
    code, _, err = cli("accounts", "add", "pat", "--role", "product_owner")
    assert code == 0, err
    assert asked == [("password for pat", True, True)]
    assert AccountStore(accounts_file(isolated)).verify("pat", "typed-at-the-prompt")


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("accounts", "add", "ada", "--role", "boss"), "long enough pw\n", "unknown role 'boss'; one of product_owner, trainer, admin"),
        (("accounts", "add", "a da", "--role", "admin"), "long enough pw\n", "without spaces"),
        (("accounts", "add", "ada", "--role", "admin"), "short\n", "at least 8 characters"),
        (("accounts", "add", "ada", "--role", "admin"), "", "no password"),
        (("accounts", "remove", "ghost"), "", "no account 'ghost'"),
        (("accounts", "set-role", "ghost", "admin"), "", "no account 'ghost'"),
    ],
)
def test_bad_account_input_is_one_clear_line_and_writes_nothing(cli, stdin, isolated, args, password, message):
    stdin(password)
    code, out, err = cli(*args)
    assert code == 2
    assert err.strip().startswith("error:") and message in err and len(err.strip().splitlines()) == 1
    assert not accounts_file(isolated).exists()


def test_the_last_admin_is_kept_and_names_are_unique(cli, stdin, isolated):
    store = AccountStore(accounts_file(isolated))
    store.add("ada", ADMIN, "ada-password")
    store.add("tom", TRAINER, "tom-password")
    code, _, err = cli("accounts", "remove", "ada")
    assert code == 2 and "would leave no admin" in err
    code, _, err = cli("accounts", "set-role", "ada", "trainer")
    assert code == 2 and "would leave no admin" in err
    stdin("another-password\n")
    code, _, err = cli("accounts", "add", "ADA", "--role", "trainer")
    assert code == 2 and "already exists" in err
    assert {name: account.role for name, account in store.load().items()} == {"ada": ADMIN, "tom": TRAINER}


def test_the_accounts_file_comes_from_rulebook_accounts(cli, stdin, isolated, monkeypatch):
    elsewhere = isolated / "conf" / "team.yaml"
    monkeypatch.setenv("RULEBOOK_ACCOUNTS", str(elsewhere))
    stdin("long enough pw\n")
    code, out, _ = cli("accounts", "add", "ada", "--role", "admin")
    assert code == 0 and str(elsewhere) in out
    assert elsewhere.exists() and not accounts_file(isolated).exists()


def test_a_damaged_accounts_file_is_named(cli, isolated):
    accounts_file(isolated).parent.mkdir(parents=True)
    accounts_file(isolated).write_text("accounts:\n  ada: {role: boss}\n", encoding="utf-8")
    code, _, err = cli("accounts", "list")
    assert code == 3 and str(accounts_file(isolated)) in err and "'ada' is not valid" in err


# ---------------------------------------------------------------------------------------------
# rulebook app: single-user on loopback, refused elsewhere without accounts
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def exec_calls(monkeypatch):
    calls = []

    class Replaced(SystemExit):
        """os.execv never returns: the process becomes the server."""

    def execv(path, argv):
        calls.append(argv)
        raise Replaced(0)

    monkeypatch.setattr(os, "execv", execv)
    return calls


def test_app_without_accounts_refuses_a_non_loopback_address(cli, exec_calls):
    for host in ("0.0.0.0", "192.168.1.20", "::", "example.org"):
        code, out, err = cli("app", "--host", host)
        assert code == 2, host
        assert err.splitlines() == [
            f"error: refusing to serve on {host} without accounts: anyone who reaches it could do everything; "
            "add an admin first (`rulebook accounts add NAME --role admin`) or use --host 127.0.0.1"
        ]
    assert exec_calls == []


def test_app_without_accounts_is_single_user_on_loopback_and_says_so(cli, exec_calls):
    for host in ("127.0.0.1", "localhost", "::1"):
        code, _, err = cli("app", "--host", host)
        assert code == 0
        assert "no accounts configured" in err and "single-user mode, only this computer can open the app" in err
    assert [argv[argv.index("--server.address") + 1] for argv in exec_calls] == ["127.0.0.1", "localhost", "::1"]


def test_app_with_accounts_serves_any_address_with_sign_in(cli, exec_calls, isolated):
    AccountStore(accounts_file(isolated)).add("ada", ADMIN, "ada-password")
    code, _, err = cli("app", "--host", "0.0.0.0", "--port", "8600")
    assert code == 0
    assert "sign-in required: 1 account(s)" in err
    (argv,) = exec_calls
    assert argv[argv.index("--server.address") + 1] == "0.0.0.0"


# ---------------------------------------------------------------------------------------------
# The permission checks of the service layer
# ---------------------------------------------------------------------------------------------
PAT, QUINN = User("pat", PRODUCT_OWNER), User("quinn", PRODUCT_OWNER)
TOM, ADA = User("tom", TRAINER), User("ada", ADMIN)


def test_the_role_matrix():
    expected = {
        "submit": {PAT, TOM, ADA},
        "work": {TOM, ADA},
        "deliver": {TOM, ADA},
        "search_knowledge": {TOM, ADA},
        "manage_knowledge": {ADA},
        "manage_accounts": {ADA},
    }
    for action, allowed in expected.items():
        assert {user for user in (PAT, TOM, ADA) if can(user, action)} == allowed, action
        assert not can(None, action)
        with pytest.raises(AccessDenied, match="^sign in to"):
            require(None, action)
    with pytest.raises(AccessDenied, match=r"^pat \(product owner\) may not work on projects .*ask an admin"):
        require(PAT, "work")


def test_a_product_owner_opening_another_owners_project_is_refused_by_the_service(isolated):
    from assistant.core.actor import acting_as
    from assistant.service.projects import start_project
    from assistant.core.settings import get_settings
    from assistant.service.workspace import Workspace

    workspace = Workspace(get_settings())
    with acting_as("pat"):
        mine = start_project(workspace, "我们想让客服机器人更懂用户的投诉").project_id
    with acting_as("quinn"):
        theirs = start_project(workspace, "we need better search results for our shop").project_id
    assert workspace.store.project(mine).meta["owner"] == "pat"

    assert open_project(workspace, PAT, mine).id == mine
    open_project(workspace, PAT, mine, "answer")
    with pytest.raises(AccessDenied, match=f"project {theirs} was submitted by someone else") as refused:
        open_project(workspace, PAT, theirs)
    assert (refused.value.action, refused.value.project_id) == ("view_project", theirs)
    with pytest.raises(AccessDenied):
        open_project(workspace, PAT, theirs, "answer")
    with pytest.raises(AccessDenied):
        open_project(workspace, PAT, mine, "work")  # drafting is the trainers'
    with pytest.raises(AccessDenied):
        open_project(workspace, None, mine)
    assert [row.id for row in visible_projects(workspace, PAT)] == [mine]
    assert [row.id for row in visible_projects(workspace, QUINN)] == [theirs]
    assert {row.id for row in visible_projects(workspace, TOM)} == {mine, theirs}
    assert open_project(workspace, TOM, theirs, "work").id == theirs


# ---------------------------------------------------------------------------------------------
# Who did it: recorded with each version
# ---------------------------------------------------------------------------------------------
def test_versions_record_who_submitted_answered_revised_accepted_and_delivered(cli, monkeypatch, tmp_path):
    from assistant.core.actor import os_user
    from assistant.core.settings import get_settings
    from assistant.service.workspace import Workspace

    import evaluation.trial
    from evaluation.review import RuleSuggestion

    def with_edits(review, rulebook, **_):  # as an LLM's suggestions: with edits to accept
        return [
            RuleSuggestion(pair=group.pair, count=group.count, message="sharpen", proposed_edits=["add an edge case"],
                           edits=[{"op": "add_edge_case", "case": f"{group.pair[0]} or {group.pair[1]}?", "resolution": "look for a threat"}],
                           engine="llm")
            for group in review.groups[:1]
        ]

    monkeypatch.setattr(evaluation.trial, "suggestions_offline", with_edits)  # patched where `agree` uses it
    samples = ROOT / "evaluation" / "samples"
    cli("kb", "seed")
    code, out, err = cli("--as", "pat", "breakdown", "我们想让客服机器人更懂用户的投诉", "--json")
    assert code == 0, err
    project = json.loads(out)["project_id"]
    monkeypatch.setenv("RULEBOOK_USER", "pat2")
    assert cli("answer", project, "--set", "how_much.volume=30000")[0] == 0
    monkeypatch.delenv("RULEBOOK_USER")
    assert cli("draft", "--project", project)[0] == 0  # nobody named: the operating-system user
    assert cli("--as", "tom", "revise", project, "merge 愤怒投诉 and 一般不满 into 投诉")[0] == 0
    code, _, err = cli("--as", "tom", "agree", "--a", str(samples / "human_a.csv"), "--b", str(samples / "human_b.csv"),
                       "--project", project, "--bootstrap", "0")
    assert code == 0, err
    ws = Workspace(get_settings())
    code, _, err = cli("--as", "ada", "accept", project, "1")
    assert code == 0, err
    code, _, err = cli("--as", "dan", "deliver", project)
    assert code == 0, err

    rulebooks = ws.store.artifacts(project, "rulebook")
    assert [row.actor for row in ws.store.artifacts(project, "breakdown")] == ["pat", "pat2"]
    assert [row.actor for row in rulebooks] == [os_user(), "tom", "ada"]
    assert [row.actor for row in ws.store.artifacts(project, "agreement")] == ["tom"]
    assert [row.actor for row in ws.store.artifacts(project, "delivery")] == ["dan"]
    assert ws.store.project(project).meta["owner"] == "pat"

    code, out, _ = cli("projects", "show", project)
    assert code == 0 and "submitted by pat" in out.splitlines()[0] and "by pat2" in out
    code, out, _ = cli("projects", "list", "--json")
    assert json.loads(out)[0]["owner"] == "pat"
    code, out, _ = cli("versions", project)
    assert code == 0
    assert "by tom" in out.splitlines()[1] and f"by {os_user()}" in out.splitlines()[0]
    assert "submitted by pat" in out and "answered by pat2" in out and "delivered by dan" in out
