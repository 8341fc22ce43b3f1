"""services/live.py: the one credential re-check every stream uses, and the per-user caps."""

from __future__ import annotations

import asyncio

import pytest

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings
from gql_invoke.db.models import User
from gql_invoke.errors import Forbidden, RateLimited, Unauthenticated
from gql_invoke.services import auth, live
from tests.helpers import PASSWORD, new_user

IP = "10.0.0.7"
ADMIN_ONLY = "admins only"


async def signed_in(email: str, is_admin: bool = False) -> tuple[Actor, str]:
    await new_user(email, is_admin=is_admin)
    token = (await auth.login(email, PASSWORD, False, IP)).token
    return await auth.authenticate(token, IP), token


@pytest.fixture
def db_checks(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The tokens auth.authenticate was asked about (the database checks made)."""
    asked: list[str | None] = []
    real = auth.authenticate

    async def counted(token: str | None, ip: str | None = None) -> Actor:
        asked.append(token)
        return await real(token, ip)

    monkeypatch.setattr(auth, "authenticate", counted)
    return asked


# --- recheck ---------------------------------------------------------------------------------


async def test_streams_of_one_token_share_a_check_for_a_second_then_ask_again(
    db: Settings, db_checks: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, token = await signed_in("a@x.local")
    db_checks.clear()
    for _ in range(5):
        await live.recheck(token, IP)
    assert db_checks == [token]
    monkeypatch.setattr(live, "REAUTH_INTERVAL_S", 0.0)
    await live.recheck(token, IP)
    assert db_checks == [token, token]


async def test_streams_woken_by_one_event_share_one_database_check(
    db: Settings, db_checks: list[str | None]
) -> None:
    _, token = await signed_in("a@x.local")
    db_checks.clear()
    actors = await asyncio.gather(*(live.recheck(token, IP) for _ in range(50)))
    assert db_checks == [token] and len({a.user_id for a in actors}) == 1
    db_checks.clear()
    await asyncio.gather(*(live.recheck(token, IP, max_age=0) for _ in range(3)))
    assert db_checks == [token] * 3  # "check now" never rides on a check under way


async def test_a_failed_check_evicts_the_shared_one(db: Settings) -> None:
    actor, token = await signed_in("a@x.local")
    await live.recheck(token, IP)
    await auth.logout(actor)
    with pytest.raises(Unauthenticated):
        await live.recheck(token, IP, max_age=0)
    with pytest.raises(Unauthenticated):  # no stale success left to reuse
        await live.recheck(token, IP)


async def test_an_admin_check_refuses_someone_who_is_no_longer_an_admin(db: Settings) -> None:
    actor, token = await signed_in("root@x.local", is_admin=True)
    assert (await live.recheck(token, IP, admin=ADMIN_ONLY)).is_admin
    await User.filter(id=actor.user_id).update(is_admin=False)  # session still valid
    with pytest.raises(Forbidden, match=ADMIN_ONLY):
        await live.recheck(token, IP, admin=ADMIN_ONLY, max_age=0)
    assert not (await live.recheck(token, IP)).is_admin  # still signed in, as a user


# --- Stream ----------------------------------------------------------------------------------


async def test_an_admin_stream_is_refused_to_a_user_before_it_listens(db: Settings) -> None:
    actor, token = await signed_in("a@x.local")
    with pytest.raises(Forbidden, match=ADMIN_ONLY):
        live.Stream(actor, token, ["t"], admin=ADMIN_ONLY)
    assert runtime.current().bus.subscriber_count == 0


async def test_an_admin_stream_rechecks_before_every_event_not_once_a_second(db: Settings) -> None:
    actor, token = await signed_in("root@x.local", is_admin=True)
    bus = runtime.current().bus
    with live.Stream(actor, token, ["t"], admin=ADMIN_ONLY) as stream:
        bus.publish("t", 1)
        event, viewer = await stream.next()
        assert event.payload == 1 and viewer.is_admin
        await User.filter(id=actor.user_id).update(is_admin=False)
        bus.publish("t", 2)
        with pytest.raises(Forbidden):
            await stream.next()
    assert bus.subscriber_count == 0


async def test_a_stream_hands_out_no_event_after_logout(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "REAUTH_INTERVAL_S", 0.0)
    actor, token = await signed_in("a@x.local")
    bus = runtime.current().bus
    with live.Stream(actor, token, ["t"]) as stream:
        await auth.logout(actor)
        bus.publish("t", "secret")
        with pytest.raises(Unauthenticated):
            await stream.next()


async def test_a_quiet_stream_still_ends_when_the_session_does(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "IDLE_RECHECK_S", 0.01)
    actor, token = await signed_in("a@x.local")
    with live.Stream(actor, token, ["t"]) as stream:
        await auth.logout(actor)
        with pytest.raises(Unauthenticated):
            await stream.next()  # no event at all


# --- Registry --------------------------------------------------------------------------------


def set_caps(**caps: int) -> None:
    for key, value in caps.items():
        setattr(runtime.current().settings, key, value)


async def test_connections_are_counted_per_user_and_refused_past_the_cap(db: Settings) -> None:
    set_caps(max_connections_per_user=2)
    reg = live.registry()
    alice = Actor(user_id="a", display_name="a", is_admin=False, multiuser=True)
    bob = Actor(user_id="b", display_name="b", is_admin=False, multiuser=True)
    leases = [reg.open_connection(alice), reg.open_connection(alice)]
    with pytest.raises(RateLimited, match="max_connections_per_user is 2") as exc:
        reg.open_connection(alice)
    assert exc.value.extensions["limit"] == "max_connections_per_user"
    reg.open_connection(bob)  # bob has his own count
    leases[0].release()
    leases[0].release()  # twice gives back one slot, not two
    reg.open_connection(alice)
    with pytest.raises(RateLimited):
        reg.open_connection(alice)
    assert reg.counts("a") == {"connections": 2, "subscriptions": 0}


async def test_subscriptions_are_capped_for_the_system_user_too(db: Settings) -> None:
    set_caps(max_subscriptions_per_user=3)
    reg = live.registry()
    system = system_actor()
    leases = [reg.open_subscription(system) for _ in range(3)]
    with pytest.raises(RateLimited, match="max_subscriptions_per_user is 3") as exc:
        reg.open_subscription(system)
    assert exc.value.code == "RATE_LIMITED" and exc.value.retry_after > 0
    for lease in leases:
        lease.release()
    assert reg.counts(system.user_id) == {"connections": 0, "subscriptions": 0}
    assert reg.subscriptions == {}  # no empty entries pile up, one per user ever seen
