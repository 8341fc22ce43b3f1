"""The Actor's ownership predicates: the one statement of "owner or admin"."""

from __future__ import annotations

import uuid

import pytest

from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.domain import Scope

ME = "00000000-0000-0000-0000-0000000000aa"
OTHER = "00000000-0000-0000-0000-0000000000bb"


def actor(*, is_admin: bool = False, multiuser: bool = True) -> Actor:
    return Actor(user_id=ME, display_name="me", is_admin=is_admin, multiuser=multiuser)


@pytest.mark.parametrize(
    ("is_admin", "multiuser", "sees_all"),
    [(False, True, False), (True, True, True), (False, False, True), (True, False, True)],
)
def test_sees_all_is_admins_and_single_user_mode(
    is_admin: bool, multiuser: bool, sees_all: bool
) -> None:
    assert actor(is_admin=is_admin, multiuser=multiuser).sees_all is sees_all


def test_the_system_actor_sees_all_in_either_mode() -> None:
    assert system_actor(multiuser=False).sees_all
    assert system_actor(multiuser=True).sees_all


def test_owns_compares_ids_as_strings() -> None:
    # Rows carry UUIDs, snapshots and loaders carry strings: both must match.
    assert actor().owns(ME)
    assert actor().owns(uuid.UUID(ME))
    assert not actor().owns(OTHER)
    assert not actor().owns(None)


def test_admins_own_only_their_own_rows() -> None:
    assert not actor(is_admin=True).owns(OTHER)


@pytest.mark.parametrize(
    ("is_admin", "multiuser", "owner", "allowed"),
    [
        (False, True, ME, True),
        (False, True, OTHER, False),
        (True, True, OTHER, True),
        (False, False, OTHER, True),
    ],
)
def test_owns_or_admin(is_admin: bool, multiuser: bool, owner: str, allowed: bool) -> None:
    assert actor(is_admin=is_admin, multiuser=multiuser).owns_or_admin(owner) is allowed


def test_has_scope_admin_implies_every_scope_and_sessions_have_all() -> None:
    assert actor().has_scope(Scope.MANAGE)  # an interactive session: no token scopes
    token = Actor(ME, "me", False, True, scopes=frozenset({"read"}))
    assert token.has_scope(Scope.READ) and token.has_scope("read")
    assert not token.has_scope(Scope.GENERATE)
    admin_token = Actor(ME, "me", True, True, scopes=frozenset({"admin"}))
    assert all(admin_token.has_scope(s) for s in Scope)
