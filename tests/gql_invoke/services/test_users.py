"""User administration and self-service rules (service level; the CLI uses the same)."""

from __future__ import annotations

from typing import Any

import pytest

from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import SYSTEM_USER_ID, AuditEvent, Board, QueueItem, User
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound, RateLimited, Unauthenticated
from gql_invoke.services import auth, user_stats, users
from tests.helpers import PASSWORD, new_user

pytestmark = pytest.mark.usefixtures("db")


async def test_admin_creates_a_user_with_a_normalized_email(system: Actor) -> None:
    row = await users.create_user(system, " Bob@Example.LOCAL ", " Bob ", PASSWORD)
    assert (row.email, row.display_name, row.is_admin, row.is_active) == (
        "bob@example.local",
        "Bob",
        False,
        True,
    )
    assert row.password_hash and row.password_hash.startswith("$argon2id$")
    event = await AuditEvent.get(action="user_created")
    assert event.target_id == str(row.id) and event.ip is None


async def test_cannot_create_user_if_not_admin() -> None:
    bob = await new_user("bob@example.local")
    with pytest.raises(Forbidden):
        await users.create_user(bob, "eve@example.local", "Eve", PASSWORD)


async def test_duplicate_email_is_a_conflict_whatever_the_case(system: Actor) -> None:
    await users.create_user(system, "bob@example.local", "Bob", PASSWORD)
    with pytest.raises(Conflict, match="email"):
        await users.create_user(system, "BOB@example.local", "Bob 2", PASSWORD)


@pytest.mark.parametrize(
    ("email", "name", "password", "field"),
    [
        ("bad", "Bob", PASSWORD, "email"),
        ("bob@example.local", "", PASSWORD, "displayName"),
        ("bob@example.local", "x" * 201, PASSWORD, "displayName"),
        ("bob@example.local", "Bob", "password", "password"),
    ],
)
async def test_create_user_bad_input_names_the_field(
    system: Actor, email: str, name: str, password: str, field: str
) -> None:
    with pytest.raises(Invalid, match=field):
        await users.create_user(system, email, name, password)


async def test_list_users_is_admin_only_and_hides_the_system_user(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    await new_user("amy@example.local", is_admin=True)
    assert [u.email for u in await users.list_users(system)] == [
        "bob@example.local",
        "amy@example.local",
    ]
    with pytest.raises(Forbidden):
        await users.list_users(bob)


async def test_get_user_admin_reads_anyone_others_only_themselves(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    amy = await new_user("amy@example.local")
    assert (await users.get_user(bob, bob.user_id)).email == "bob@example.local"  # type: ignore[union-attr]
    with pytest.raises(Forbidden):
        await users.get_user(bob, amy.user_id)
    assert await users.get_user(system, amy.user_id) is not None
    assert await users.get_user(system, "00000000-0000-0000-0000-00000000abcd") is None
    with pytest.raises(Invalid, match="id"):
        await users.get_user(system, "not-a-uuid")


async def test_update_user_changes_fields_and_audits(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    row = await users.update_user(system, bob.user_id, display_name="Robert", is_admin=True)
    assert row.display_name == "Robert" and row.is_admin
    event = await AuditEvent.get(action="user_updated")
    assert event.detail == {"displayName": "Robert", "isAdmin": True}


async def test_update_user_not_found_and_bad_input(system: Actor) -> None:
    with pytest.raises(NotFound):
        await users.update_user(system, "00000000-0000-0000-0000-00000000abcd", display_name="X")
    bob = await new_user("bob@example.local")
    with pytest.raises(Invalid, match="password"):
        await users.update_user(system, bob.user_id, password="weak")
    with pytest.raises(Invalid, match="displayName"):
        await users.update_user(system, bob.user_id, display_name="")


async def test_cannot_update_user_if_not_admin() -> None:
    bob = await new_user("bob@example.local")
    with pytest.raises(Forbidden):
        await users.update_user(bob, bob.user_id, is_admin=True)


@pytest.mark.parametrize("change", [{"is_admin": False}, {"is_active": False}])
async def test_last_active_admin_cannot_be_demoted_or_deactivated(
    system: Actor, change: dict[str, Any]
) -> None:
    amy = await new_user("amy@example.local", is_admin=True)
    with pytest.raises(Conflict, match="last active admin"):
        await users.update_user(system, amy.user_id, **change)
    with pytest.raises(Conflict, match="last active admin"):
        await users.delete_user(system, amy.user_id)
    # With a second active admin it is allowed.
    await new_user("ann@example.local", is_admin=True)
    await users.update_user(system, amy.user_id, **change)


async def test_inactive_admin_does_not_count_as_the_other_admin(system: Actor) -> None:
    amy = await new_user("amy@example.local", is_admin=True)
    ann = await new_user("ann@example.local", is_admin=True)
    await users.update_user(system, ann.user_id, is_active=False)
    with pytest.raises(Conflict):
        await users.update_user(system, amy.user_id, is_admin=False)


@pytest.mark.parametrize(
    "change",
    [{"is_admin": True}, {"is_admin": False}, {"password": PASSWORD}, {"is_active": False}],
)
async def test_system_user_cannot_be_promoted_demoted_or_given_a_password(
    system: Actor, change: dict[str, object]
) -> None:
    await new_user("amy@example.local", is_admin=True)
    with pytest.raises(Forbidden, match="system user"):
        await users.update_user(system, SYSTEM_USER_ID, **change)  # type: ignore[arg-type]


async def test_system_user_cannot_be_deleted(system: Actor) -> None:
    with pytest.raises(Forbidden, match="system user"):
        await users.delete_user(system, SYSTEM_USER_ID)
    assert await User.exists(id=SYSTEM_USER_ID)


async def test_deactivation_ends_sessions_and_cancels_pending_jobs(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    session = await auth.login("bob@example.local", PASSWORD, False, None)
    item = await QueueItem.create(
        batch_id="00000000-0000-0000-0000-0000000000b1",
        owner_id=bob.user_id,
        status="PENDING",
        params={},
        model_key="m",
        cost=1.0,
    )
    await users.update_user(system, bob.user_id, is_active=False)
    with pytest.raises(Unauthenticated):
        await auth.authenticate(session.token)
    assert (await QueueItem.get(id=item.id)).status == "CANCELED"
    # Re-activating does not bring the old session back.
    await users.update_user(system, bob.user_id, is_active=True)
    with pytest.raises(Unauthenticated):
        await auth.authenticate(session.token)


async def test_password_reset_by_admin_ends_sessions_and_api_tokens(system: Actor) -> None:
    from gql_invoke.services import api_tokens

    await new_user("bob@example.local")
    session = await auth.login("bob@example.local", PASSWORD, False, None)
    bob = await auth.authenticate(session.token)
    secret, _ = await api_tokens.create(bob, "bot", ["read"], 30)
    await users.update_user(system, bob.user_id, password="Another-Horse-8")
    for token in (session.token, secret):
        with pytest.raises(Unauthenticated):
            await auth.authenticate(token)
    await auth.login("bob@example.local", "Another-Horse-8", False, None)


async def test_delete_user_removes_their_rows_and_audits(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    await Board.create(owner_id=bob.user_id, name="b")
    assert await users.delete_user(system, bob.user_id) is True
    assert not await User.exists(id=bob.user_id)
    assert not await Board.exists(owner_id=bob.user_id)
    event = await AuditEvent.get(action="user_deleted")
    assert event.target_id == bob.user_id and event.detail == {"email": "bob@example.local"}


async def test_cannot_delete_user_if_not_admin_or_missing(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    with pytest.raises(Forbidden):
        await users.delete_user(bob, bob.user_id)
    with pytest.raises(NotFound):
        await users.delete_user(system, "00000000-0000-0000-0000-00000000abcd")


async def test_update_me_changes_display_name() -> None:
    bob = await new_user("bob@example.local")
    assert (await users.update_me(bob, display_name=" Bobby ")).display_name == "Bobby"
    with pytest.raises(Invalid, match="displayName"):
        await users.update_me(bob, display_name="")


async def test_update_me_password_needs_the_current_one() -> None:
    bob = await new_user("bob@example.local")
    with pytest.raises(Invalid, match="currentPassword"):
        await users.update_me(bob, new_password="Another-Horse-8")
    with pytest.raises(Invalid, match="currentPassword is incorrect"):
        await users.update_me(bob, current_password="Wrong-Horse-9", new_password="Another-Horse-8")
    with pytest.raises(Invalid, match="newPassword"):
        await users.update_me(bob, current_password=PASSWORD, new_password="weak")
    await users.update_me(bob, current_password=PASSWORD, new_password="Another-Horse-8")
    await auth.login("bob@example.local", "Another-Horse-8", False, None)


async def test_update_me_keeps_the_current_session_only() -> None:
    await new_user("bob@example.local")
    current = await auth.login("bob@example.local", PASSWORD, False, None)
    other = await auth.login("bob@example.local", PASSWORD, False, None)
    actor = await auth.authenticate(current.token)
    await users.update_me(actor, current_password=PASSWORD, new_password="Another-Horse-8")
    await auth.authenticate(current.token)
    with pytest.raises(Unauthenticated):
        await auth.authenticate(other.token)


async def test_wrong_current_passwords_are_rate_limited(db: Settings) -> None:
    bob = await new_user("bob@example.local")
    for _ in range(db.login_max_failures_per_account):
        with pytest.raises(Invalid):
            await users.update_me(
                bob, current_password="Wrong-Horse-9", new_password="Another-Horse-8"
            )
    with pytest.raises(RateLimited):
        await users.update_me(bob, current_password=PASSWORD, new_password="Another-Horse-8")


async def test_system_user_cannot_set_a_password(system: Actor) -> None:
    with pytest.raises(Forbidden):
        await users.update_me(system, current_password="x", new_password="Another-Horse-8")


async def test_set_quota_validates_and_is_admin_only(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    row = await users.set_quota(
        system, bob.user_id, max_pending_jobs=3, max_images_per_day=None, max_storage_bytes=10**10
    )
    assert (row.max_pending_jobs, row.max_storage_bytes) == (3, 10**10)
    with pytest.raises(Invalid, match="maxPendingJobs"):
        await users.set_quota(
            system,
            bob.user_id,
            max_pending_jobs=-1,
            max_images_per_day=None,
            max_storage_bytes=None,
        )
    with pytest.raises(Forbidden):
        await users.set_quota(
            bob, bob.user_id, max_pending_jobs=None, max_images_per_day=None, max_storage_bytes=None
        )


async def test_stats_for_many_users_in_one_call() -> None:
    bob = await new_user("bob@example.local")
    amy = await new_user("amy@example.local")
    await Board.create(owner_id=bob.user_id, name="b1")
    await Board.create(owner_id=bob.user_id, name="b2")
    await QueueItem.create(
        batch_id="00000000-0000-0000-0000-0000000000b1",
        owner_id=amy.user_id,
        status="PENDING",
        params={},
        model_key="m",
        cost=1.0,
    )
    stats = await user_stats.stats_for([bob.user_id, amy.user_id])
    assert (stats[bob.user_id].board_count, stats[bob.user_id].pending_jobs) == (2, 0)
    assert (stats[amy.user_id].board_count, stats[amy.user_id].pending_jobs) == (0, 1)
    assert stats[amy.user_id].storage_bytes == 0


async def test_get_by_email_is_admin_only(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    assert str((await users.get_by_email(system, "BOB@example.local")).id) == bob.user_id
    with pytest.raises(NotFound):
        await users.get_by_email(system, "nobody@example.local")
    with pytest.raises(Forbidden):
        await users.get_by_email(bob, "bob@example.local")
