"""Personal API tokens: scoped, expiring, hashed at rest, revocable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import ApiToken
from gql_invoke.errors import Forbidden, Invalid, NotFound, Unauthenticated
from gql_invoke.services import api_tokens, auth, users
from tests.helpers import PASSWORD, new_user

pytestmark = pytest.mark.usefixtures("db")


async def signed_in(email: str, is_admin: bool = False) -> Actor:
    await new_user(email, is_admin)
    return await auth.authenticate((await auth.login(email, PASSWORD, False, None)).token)


async def test_token_is_shown_once_and_stored_hashed() -> None:
    bob = await signed_in("bob@example.local")
    secret, row = await api_tokens.create(bob, " ci bot ", ["read", "generate"], 30)
    assert secret.startswith(auth.API_TOKEN_PREFIX)
    assert row.name == "ci bot" and row.scopes == ["generate", "read"]
    stored = await ApiToken.get(id=row.id)
    assert stored.token_hash == auth.hash_api_token(secret) and secret not in stored.token_hash
    actor = await auth.authenticate(secret)
    assert actor.user_id == bob.user_id and actor.scopes == frozenset({"read", "generate"})
    assert actor.api_token_id == str(row.id) and actor.token_id is None
    assert (await ApiToken.get(id=row.id)).last_used_at is not None


@pytest.mark.parametrize(
    ("name", "scopes", "days", "field"),
    [
        ("", ["read"], 30, "name"),
        ("x", [], 30, "scopes"),
        ("x", ["read", "root"], 30, "scopes"),
        ("x", ["read"], 0, "expiresInDays"),
        ("x", ["read"], 5000, "expiresInDays"),
    ],
)
async def test_bad_input_names_the_field(
    name: str, scopes: list[str], days: int, field: str
) -> None:
    bob = await signed_in("bob@example.local")
    with pytest.raises(Invalid, match=field):
        await api_tokens.create(bob, name, scopes, days)


async def test_admin_scope_is_for_admins_only() -> None:
    bob = await signed_in("bob@example.local")
    with pytest.raises(Forbidden, match="admin"):
        await api_tokens.create(bob, "x", ["admin"], 30)
    amy = await signed_in("amy@example.local", is_admin=True)
    secret, _ = await api_tokens.create(amy, "x", ["admin"], 30)
    assert (await auth.authenticate(secret)).is_admin


async def test_admin_rights_need_the_admin_scope() -> None:
    amy = await signed_in("amy@example.local", is_admin=True)
    secret, _ = await api_tokens.create(amy, "x", ["read", "manage"], 30)
    assert not (await auth.authenticate(secret)).is_admin


async def test_token_with_admin_scope_loses_admin_when_its_owner_is_demoted(system: Actor) -> None:
    amy = await signed_in("amy@example.local", is_admin=True)
    await new_user("ann@example.local", is_admin=True)
    secret, row = await api_tokens.create(amy, "x", ["admin"], 30)
    await users.update_user(system, amy.user_id, is_admin=False)
    with pytest.raises(Unauthenticated):  # demotion revokes the token outright
        await auth.authenticate(secret)
    await ApiToken.filter(id=row.id).update(revoked=False)  # were it kept: no admin
    assert not (await auth.authenticate(secret)).is_admin


async def test_api_token_cannot_create_tokens() -> None:
    bob = await signed_in("bob@example.local")
    secret, _ = await api_tokens.create(bob, "x", ["manage"], 30)
    with pytest.raises(Forbidden):
        await api_tokens.create(await auth.authenticate(secret), "y", ["read"], 30)


async def test_expired_or_revoked_token_is_refused() -> None:
    bob = await signed_in("bob@example.local")
    expired, row = await api_tokens.create(bob, "old", ["read"], 1)
    await ApiToken.filter(id=row.id).update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(Unauthenticated):
        await auth.authenticate(expired)
    revoked, row2 = await api_tokens.create(bob, "gone", ["read"], None)
    assert row2.expires_at is None
    assert await api_tokens.revoke(bob, str(row2.id))
    with pytest.raises(Unauthenticated):
        await auth.authenticate(revoked)


async def test_list_own_shows_only_live_tokens_of_the_caller() -> None:
    bob = await signed_in("bob@example.local")
    amy = await signed_in("amy@example.local")
    await api_tokens.create(bob, "keep", ["read"], 30)
    _, gone = await api_tokens.create(bob, "gone", ["read"], 30)
    await api_tokens.create(amy, "amys", ["read"], 30)
    await api_tokens.revoke(bob, str(gone.id))
    assert [t.name for t in await api_tokens.list_own(bob)] == ["keep"]


async def test_cannot_revoke_someone_elses_token_unless_admin(system: Actor) -> None:
    bob = await signed_in("bob@example.local")
    amy = await signed_in("amy@example.local")
    _, row = await api_tokens.create(bob, "x", ["read"], 30)
    with pytest.raises(NotFound):  # as absent as a missing one: the id confirms nothing
        await api_tokens.revoke(amy, str(row.id))
    with pytest.raises(NotFound):
        await api_tokens.revoke(amy, "00000000-0000-0000-0000-00000000abcd")
    with pytest.raises(Invalid):
        await api_tokens.revoke(amy, "nope")
    assert await api_tokens.revoke(system, str(row.id))


async def test_logout_with_an_api_token_revokes_it() -> None:
    bob = await signed_in("bob@example.local")
    secret, _ = await api_tokens.create(bob, "x", ["read"], 30)
    assert await auth.logout(await auth.authenticate(secret))
    with pytest.raises(Unauthenticated):
        await auth.authenticate(secret)


async def test_deactivated_owner_makes_the_token_useless(system: Actor) -> None:
    bob = await signed_in("bob@example.local")
    secret, row = await api_tokens.create(bob, "x", ["read"], 30)
    await users.update_user(system, bob.user_id, is_active=False)
    await ApiToken.filter(id=row.id).update(revoked=False)  # even if it had survived
    with pytest.raises(Unauthenticated, match="disabled"):
        await auth.authenticate(secret)
