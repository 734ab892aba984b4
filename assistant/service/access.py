"""Who may do what: roles, actions and the check every page and service call makes first.

Three roles (issue 17):
- a **product owner** submits requests, answers the clarifying questions and sees only the
  projects they submitted (the project's `meta["owner"]`);
- a **trainer** works on every project (drafts, revises, pre-labels, measures, delivers) and
  searches the knowledge base;
- an **admin** does what a trainer does and manages accounts and the knowledge base.

`require(user, action, project)` raises `AccessDenied` (a typed, one-line error) when the user may
not; the app's pages call it (through `open_project`, `visible_projects`, `require`) before they
read or write anything, so hiding a button is never the only protection. With no accounts
configured the app runs single-user on 127.0.0.1 as `local_user()`, who may do everything.
"""

from __future__ import annotations

import os

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.core.errors import RulebookError
from assistant.core.messages import Message
from assistant.core.actor import os_user

if TYPE_CHECKING:
    from assistant.core.store import ProjectRow
    from assistant.service.workspace import Workspace

PRODUCT_OWNER, TRAINER, ADMIN = "product_owner", "trainer", "admin"
ROLES = (PRODUCT_OWNER, TRAINER, ADMIN)

# action -> roles allowed; actions marked OWN are allowed to a product owner on their own projects only
ACTIONS: dict[str, frozenset[str]] = {
    "submit": frozenset(ROLES),  # start a project from a request
    "view_project": frozenset(ROLES),  # OWN for product owners
    "answer": frozenset(ROLES),  # answer the clarifying questions (OWN for product owners)
    "work": frozenset({TRAINER, ADMIN}),  # draft, revise, restore, export, pre-label, agreement, trial, production
    "deliver": frozenset({TRAINER, ADMIN}),  # deliver or reopen a project
    "search_knowledge": frozenset({TRAINER, ADMIN}),  # search and browse past projects
    "manage_knowledge": frozenset({ADMIN}),  # seed, import files and documents into the knowledge base
    "manage_accounts": frozenset({ADMIN}),
}
OWN = frozenset({"view_project", "answer"})  # a product owner may do these only on a project they own


class AccessDenied(RulebookError):
    """The signed-in user's role does not allow the action (or the project is someone else's)."""

    exit_code = 5

    def __init__(self, message: "str | Message", *, user: "User | None", action: str, project_id: str | None = None) -> None:
        super().__init__(message)
        self.user, self.action, self.project_id = user, action, project_id


@dataclass(frozen=True)
class User:
    """Someone signed in (or the local user of a single-user app)."""

    name: str
    role: str
    local: bool = False  # the single-user app on 127.0.0.1, no accounts configured

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; one of {', '.join(ROLES)}")


def local_user() -> User:
    """The one user of an app with no accounts (RULEBOOK_USER, else the operating-system user), allowed everything."""


    return User(name=(os.environ.get("RULEBOOK_USER") or "").strip() or os_user(), role=ADMIN, local=True)


def owner_of(project: "ProjectRow") -> str:
    """Who submitted the project ("" for projects made before owners were recorded)."""
    return str((project.meta or {}).get("owner") or "")


def can(user: User | None, action: str, project: "ProjectRow | None" = None) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if user is None or user.role not in ACTIONS[action]:
        return False
    if user.role == PRODUCT_OWNER and action in OWN:
        return project is not None and owner_of(project) == user.name
    return True


def require(user: User | None, action: str, project: "ProjectRow | None" = None) -> None:
    """Raise AccessDenied unless `user` may do `action` (on `project`)."""
    if can(user, action, project):
        return
    what = Message(f"action.{action}")
    project_id = getattr(project, "id", None)
    if user is None:
        message = Message("error.access.sign_in", what=what)
    elif user.role == PRODUCT_OWNER and action in OWN and project is not None:
        message = Message("error.access.not_owner", user=user.name, what=what, project_id=project_id)
    else:
        message = Message("error.access.role_may_not", user=user.name, role=Message(f"role.{user.role}"), what=what)
    raise AccessDenied(message, user=user, action=action, project_id=project_id)


# ---------------------------------------------------------------------------------------------
# Checked service calls: the pages read projects only through these
# ---------------------------------------------------------------------------------------------
def visible_projects(ws: "Workspace", user: User | None) -> list["ProjectRow"]:
    """The projects the user may see: all of them for trainers and admins, their own for a product owner."""
    require(user, "submit")  # any signed-in role
    return [row for row in ws.store.projects() if can(user, "view_project", row)]


def open_project(ws: "Workspace", user: User | None, project_id: str, action: str = "view_project") -> "ProjectRow":
    """The project, after checking the user may do `action` on it (AccessDenied otherwise)."""
    if user is None:
        require(user, action)
    row = ws.store.project(project_id)
    require(user, action, row)
    return row


def owner_meta(user: User | None, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """A new project's meta with its owner: the submitting user."""
    require(user, "submit")
    assert user is not None
    return {**(meta or {}), "owner": user.name}
