"""Signed-in sessions: what is recorded, what is listed, and how often last seen is written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gql_invoke.db.models import AuthSession
from gql_invoke.services import auth, sessions
from tests.helpers import PASSWORD, new_user

pytestmark = pytest.mark.usefixtures("db")

EMAIL = "admin@example.local"


async def setup_admin() -> auth.Session:
    return await auth.setup(EMAIL, "Admin", PASSWORD, ip="10.0.0.1")


async def test_sessions_record_client_and_list_newest_first() -> None:
    await setup_admin()
    first = await auth.login(EMAIL, PASSWORD, False, "10.0.0.5", user_agent="Agent/1")
    second = await auth.login(
        EMAIL, PASSWORD, False, "10.0.0.6", user_agent="Agent/2\x00\n" + "x" * 1000
    )
    actor = await auth.authenticate(second.token)
    rows = await sessions.list_own(actor)
    assert [r.ip for r in rows[:2]] == ["10.0.0.6", "10.0.0.5"]
    assert rows[0].user_agent == ("Agent/2" + "x" * 1000)[: sessions.USER_AGENT_MAX]
    assert rows[1].user_agent == "Agent/1"
    await auth.logout(await auth.authenticate(first.token))
    assert "10.0.0.5" not in [r.ip for r in await sessions.list_own(actor)]
    assert await sessions.list_own(await new_user("bob@example.local")) == []


async def test_last_seen_is_written_at_most_once_a_minute() -> None:
    session = await setup_admin()
    row = await AuthSession.get(user_id=session.user.id)
    assert row.last_seen_at is not None
    stale = datetime.now(UTC) - timedelta(seconds=59)
    await AuthSession.filter(jti=row.jti).update(last_seen_at=stale)
    await auth.authenticate(session.token)
    assert (await AuthSession.get(jti=row.jti)).last_seen_at == stale
    await AuthSession.filter(jti=row.jti).update(last_seen_at=stale - timedelta(seconds=2))
    await auth.authenticate(session.token)
    seen = (await AuthSession.get(jti=row.jti)).last_seen_at
    assert seen is not None and seen > stale
