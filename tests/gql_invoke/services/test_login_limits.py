"""Sign-in limits: admins' unlocks and refusals audited as one row per key and window
(service level)."""

from __future__ import annotations

import pytest

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import SYSTEM_USER_ID, AuditEvent
from gql_invoke.errors import Forbidden, Invalid, NotFound, RateLimited, Unauthenticated
from gql_invoke.services import auth, login_limits
from tests.helpers import PASSWORD, new_user

pytestmark = pytest.mark.usefixtures("db")

EMAIL = "admin@example.local"


async def setup_admin() -> auth.Session:
    return await auth.setup(EMAIL, "Admin", PASSWORD, ip="10.0.0.1")


async def test_unlock_user_clears_every_client_and_is_audited(db: Settings, system: Actor) -> None:
    runtime.start(Settings(multiuser=True, login_max_failures_per_account=1, root=db.root))
    admin = await setup_admin()
    for ip in ("1.1.1.1", "2.2.2.2"):
        with pytest.raises(Unauthenticated):
            await auth.login(EMAIL, "Wrong-Horse-9", False, ip)
        with pytest.raises(RateLimited):
            await auth.login(EMAIL, PASSWORD, False, ip)
    row = await login_limits.unlock_user(system, str(admin.user.id))
    assert row.login_unlocked_at is not None
    for ip in ("1.1.1.1", "2.2.2.2"):
        await auth.login(EMAIL, PASSWORD, False, ip)
    event = await AuditEvent.get(action="user_unlocked")
    assert event.target_id == str(admin.user.id) and event.detail == {"email": EMAIL}


async def test_unlock_user_refuses_non_admins_and_bad_ids(system: Actor) -> None:
    bob = await new_user("bob@example.local")
    with pytest.raises(Forbidden):
        await login_limits.unlock_user(bob, bob.user_id)
    with pytest.raises(Invalid):
        await login_limits.unlock_user(system, "nope")
    with pytest.raises(NotFound):
        await login_limits.unlock_user(system, "00000000-0000-0000-0000-000000000009")
    with pytest.raises(NotFound):  # the system user has no sign-in to unlock
        await login_limits.unlock_user(system, SYSTEM_USER_ID)


async def test_refused_logins_are_audited_as_one_row_per_window(db: Settings) -> None:
    runtime.start(Settings(multiuser=True, login_max_failures_per_account=1, root=db.root))
    await setup_admin()
    with pytest.raises(Unauthenticated):
        await auth.login(EMAIL, "Wrong-Horse-9", False, "1.1.1.1")
    for _ in range(7):
        with pytest.raises(RateLimited):
            await auth.login(EMAIL, PASSWORD, False, "1.1.1.1")
    rows = await AuditEvent.filter(action="login_rate_limited")
    assert len(rows) == 1
    assert rows[0].detail["count"] == 7 and rows[0].detail["email"] == EMAIL
    assert rows[0].detail["limit"] == "account" and rows[0].ip == "1.1.1.1"
    # A new window starts a new row.
    refusals = runtime.current().login_refusals
    entry, _ = refusals.note(("login_rate_limited", EMAIL, "1.1.1.1"))
    entry.started -= refusals.window_s
    with pytest.raises(RateLimited):
        await auth.login(EMAIL, PASSWORD, False, "1.1.1.1")
    assert await AuditEvent.filter(action="login_rate_limited").count() == 2
