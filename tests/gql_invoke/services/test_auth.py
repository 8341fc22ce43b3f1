"""Setup, login, sessions and turning tokens into Actors (service level)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import bcrypt
import pytest

from gql_invoke import runtime
from gql_invoke.auth import passwords, tokens
from gql_invoke.config import Settings
from gql_invoke.db.models import (
    SYSTEM_USER_EMAIL,
    AuditEvent,
    User,
)
from gql_invoke.errors import (
    Conflict,
    Forbidden,
    Invalid,
    RateLimited,
    Unauthenticated,
)
from gql_invoke.services import (
    app_settings,
    auth,
    users,
)
from tests.helpers import PASSWORD, new_user

pytestmark = pytest.mark.usefixtures("db")

EMAIL = "admin@example.local"


async def setup_admin() -> auth.Session:
    return await auth.setup(EMAIL, "Admin", PASSWORD, ip="10.0.0.1")


async def test_setup_creates_the_first_admin_and_a_session() -> None:
    assert await auth.setup_status() == (True, True)
    session = await setup_admin()
    assert session.user.is_admin and session.user.email == EMAIL
    assert await auth.setup_status() == (False, True)
    actor = await auth.authenticate(session.token)
    assert actor.user_id == str(session.user.id) and actor.is_admin


async def test_setup_runs_only_once() -> None:
    await setup_admin()
    with pytest.raises(Conflict):
        await auth.setup("second@example.local", "Second", PASSWORD)


async def test_setup_validates_its_input() -> None:
    with pytest.raises(Invalid, match="email"):
        await auth.setup("not-an-email", "Admin", PASSWORD)
    with pytest.raises(Invalid, match="password"):
        await auth.setup(EMAIL, "Admin", "short")
    with pytest.raises(Invalid, match="displayName"):
        await auth.setup(EMAIL, "  ", PASSWORD)
    assert await User.filter(is_system=False).count() == 0


async def test_setup_and_login_are_forbidden_in_single_user_mode(db: Settings) -> None:
    db.multiuser = False
    with pytest.raises(Forbidden, match="multiuser mode is disabled"):
        await setup_admin()
    with pytest.raises(Forbidden, match="multiuser mode is disabled"):
        await auth.login(EMAIL, PASSWORD, False, None)
    assert await auth.setup_status() == (False, False)


async def test_single_user_mode_acts_as_system_without_a_token(db: Settings) -> None:
    db.multiuser = False
    actor = await auth.authenticate(None)
    assert actor.is_system and actor.is_admin and not actor.multiuser


@pytest.mark.parametrize("email", ["ADMIN@Example.LOCAL", " admin@example.local "])
async def test_login_email_is_case_and_space_insensitive(email: str) -> None:
    await setup_admin()
    session = await auth.login(email, PASSWORD, False, "10.0.0.2")
    assert session.user.email == EMAIL


@pytest.mark.parametrize("email", ["a@localhost", "a.b+c@host.local", "x@sub.example.org"])
async def test_login_accepts_local_and_normal_domains(email: str) -> None:
    await users.create_user(await new_user("boss@example.local", True), email, "N", PASSWORD)
    assert (await auth.login(email, PASSWORD, False, None)).user.email == email


@pytest.mark.parametrize("email", ["no-at-sign", "a@", "@b.local", "a@nodot", "a b@c.local"])
async def test_login_with_a_malformed_email_names_the_field(email: str) -> None:
    with pytest.raises(Invalid, match="email"):
        await auth.login(email, PASSWORD, False, None)


async def test_unknown_email_and_wrong_password_get_the_same_answer() -> None:
    await setup_admin()
    with pytest.raises(Unauthenticated) as unknown:
        await auth.login("nobody@example.local", PASSWORD, False, None)
    with pytest.raises(Unauthenticated) as wrong:
        await auth.login(EMAIL, "Wrong-Horse-9", False, None)
    assert unknown.value.message == wrong.value.message == auth.BAD_CREDENTIALS


async def test_disabled_account_with_right_password_is_forbidden() -> None:
    await setup_admin()
    actor = await new_user("bob@example.local")
    await users.update_user(
        await new_user("boss@example.local", True), actor.user_id, is_active=False
    )
    with pytest.raises(Forbidden, match="account is disabled"):
        await auth.login("bob@example.local", PASSWORD, False, None)
    with pytest.raises(Unauthenticated):
        await auth.login("bob@example.local", "Wrong-Horse-9", False, None)


async def test_system_user_can_never_log_in() -> None:
    # Even with a password hash planted on the row.
    await User.filter(is_system=True).update(
        password_hash=bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    )
    with pytest.raises(Unauthenticated):
        await auth.login(SYSTEM_USER_EMAIL, PASSWORD, False, None)


async def test_token_lifetime_follows_remember_me() -> None:
    await setup_admin()
    short = await auth.login(EMAIL, PASSWORD, False, None)
    long = await auth.login(EMAIL, PASSWORD, True, None)
    now = datetime.now(UTC)
    assert abs((short.expires_at - now) - timedelta(hours=24)) < timedelta(minutes=1)
    assert abs((long.expires_at - now) - timedelta(days=7)) < timedelta(minutes=1)
    assert tokens.decode(await app_settings.jwt_secret(), long.token).expires_at == int(
        long.expires_at.timestamp()
    )


async def test_login_records_the_time_and_audits() -> None:
    admin = await setup_admin()
    await auth.login(EMAIL, PASSWORD, False, "10.0.0.9")
    row = await User.get(id=admin.user.id)
    assert row.last_login_at is not None
    event = await AuditEvent.filter(action="login").first()
    assert event is not None and str(event.actor_id) == str(admin.user.id)
    assert event.ip == "10.0.0.9"


async def test_legacy_bcrypt_hash_is_upgraded_on_login() -> None:
    actor = await new_user("old@example.local")
    legacy = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    await User.filter(id=actor.user_id).update(password_hash=legacy)
    await auth.login("old@example.local", PASSWORD, False, None)
    upgraded = (await User.get(id=actor.user_id)).password_hash
    assert upgraded is not None and upgraded.startswith("$argon2id$")
    await auth.login("old@example.local", PASSWORD, False, None)  # the new hash works


async def test_login_is_rate_limited_per_account_and_client(db: Settings) -> None:
    runtime.start(Settings(multiuser=True, login_max_failures_per_account=2, root=db.root))
    await setup_admin()
    for _ in range(2):
        with pytest.raises(Unauthenticated):
            await auth.login(EMAIL, "Wrong-Horse-9", False, "1.1.1.1")
    with pytest.raises(RateLimited) as exc:
        await auth.login(EMAIL, PASSWORD, False, "1.1.1.1")
    assert isinstance(exc.value.retry_after, int) and exc.value.retry_after > 0
    assert exc.value.extensions == {"retryAfter": exc.value.retry_after}
    # The owner, elsewhere, is not locked out by someone else's guesses.
    await auth.login(EMAIL, PASSWORD, False, "2.2.2.2")
    with pytest.raises(RateLimited):
        await auth.login(EMAIL, PASSWORD, False, "1.1.1.1")


async def test_setup_after_setup_is_refused_without_hashing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await setup_admin()
    hashed: list[str] = []
    monkeypatch.setattr(passwords, "hash_password", _counting(hashed))
    for _ in range(5):
        with pytest.raises(Conflict):
            await auth.setup("second@example.local", "Second", PASSWORD, ip="3.3.3.3")
    assert hashed == []


def _counting(seen: list[str]) -> Any:
    original = passwords.hash_password

    async def hash_password(password: str) -> str:
        seen.append(password)
        return await original(password)

    return hash_password


async def test_setup_counts_against_the_client_limit(db: Settings) -> None:
    runtime.start(Settings(multiuser=True, login_max_failures_per_ip=2, root=db.root))
    await setup_admin()  # a successful setup is not counted
    for _ in range(2):
        with pytest.raises(Conflict):
            await auth.setup("x@example.local", "X", PASSWORD, ip="10.0.0.1")
    with pytest.raises(RateLimited) as exc:
        await auth.setup("x@example.local", "X", PASSWORD, ip="10.0.0.1")
    assert exc.value.retry_after > 0
    with pytest.raises(Conflict):
        await auth.setup("x@example.local", "X", PASSWORD, ip="10.0.0.2")
    row = await AuditEvent.get(action="setup_rate_limited")
    assert row.detail["count"] == 1 and row.detail["limit"] == "ip" and row.ip == "10.0.0.1"


async def test_two_racing_first_setups_make_one_admin() -> None:
    results = await asyncio.gather(
        auth.setup("one@example.local", "One", PASSWORD),
        auth.setup("two@example.local", "Two", PASSWORD),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Session"]
    assert await User.filter(is_admin=True, is_system=False).count() == 1


async def test_success_resets_the_account_counter(db: Settings) -> None:
    runtime.start(Settings(multiuser=True, login_max_failures_per_account=2, root=db.root))
    await setup_admin()
    with pytest.raises(Unauthenticated):
        await auth.login(EMAIL, "Wrong-Horse-9", False, "1.1.1.1")
    await auth.login(EMAIL, PASSWORD, False, "1.1.1.1")
    with pytest.raises(Unauthenticated):
        await auth.login(EMAIL, "Wrong-Horse-9", False, "1.1.1.1")
    await auth.login(EMAIL, PASSWORD, False, "1.1.1.1")


async def test_authenticate_refuses_missing_and_garbage_tokens() -> None:
    for token in (None, "", "garbage", "gqi_not-a-real-token", "gqi_\ud800", "eyJ\ud800.x.y"):
        with pytest.raises(Unauthenticated):
            await auth.authenticate(token)


async def test_logout_revokes_only_that_session() -> None:
    await setup_admin()
    one = await auth.login(EMAIL, PASSWORD, False, None)
    two = await auth.login(EMAIL, PASSWORD, False, None)
    assert await auth.logout(await auth.authenticate(one.token)) is True
    with pytest.raises(Unauthenticated):
        await auth.authenticate(one.token)
    await auth.authenticate(two.token)


async def test_logout_everywhere_revokes_every_session() -> None:
    await setup_admin()
    sessions = [await auth.login(EMAIL, PASSWORD, False, None) for _ in range(3)]
    assert await auth.logout_everywhere(await auth.authenticate(sessions[0].token))
    for session in sessions:
        with pytest.raises(Unauthenticated):
            await auth.authenticate(session.token)


async def test_token_of_deleted_user_is_refused() -> None:
    await new_user("boss@example.local", True)
    await new_user("bob@example.local")
    session = await auth.login("bob@example.local", PASSWORD, False, None)
    await User.filter(id=session.user.id).delete()
    with pytest.raises(Unauthenticated):
        await auth.authenticate(session.token)


async def test_token_with_an_old_version_is_refused() -> None:
    await setup_admin()
    session = await auth.login(EMAIL, PASSWORD, False, None)
    # What a password change or demotion does (users.update_user), without also
    # revoking the session: only the version check can refuse the token.
    user = await User.get(id=session.user.id)
    user.token_version += 1
    await user.save(update_fields=["token_version"])
    with pytest.raises(Unauthenticated, match="sign in again"):
        await auth.authenticate(session.token)
