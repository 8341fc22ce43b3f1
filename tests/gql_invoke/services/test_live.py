"""services/live.py: the one credential re-check every stream uses, the per-user caps, and
who sees what of each event."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings
from gql_invoke.db.models import QueueItem, User
from gql_invoke.errors import Forbidden, Invalid, NotFound, RateLimited, Unauthenticated
from gql_invoke.services import auth, boards, live
from tests.helpers import PASSWORD, new_user
from tests.image_helpers import store

IP = "10.0.0.7"
ADMIN_ONLY = "admins only"
FIRST = events.BatchEnqueued("b1", 1)
SECOND = events.BatchEnqueued("b2", 2)


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


@pytest.mark.usefixtures("db")
async def test_streams_of_one_token_share_a_check_for_a_second_then_ask_again(
    db_checks: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, token = await signed_in("a@x.local")
    db_checks.clear()
    for _ in range(5):
        await live.recheck(token, IP)
    assert db_checks == [token]
    monkeypatch.setattr(live, "REAUTH_INTERVAL_S", 0.0)
    await live.recheck(token, IP)
    assert db_checks == [token, token]


@pytest.mark.usefixtures("db")
async def test_streams_woken_by_one_event_share_one_database_check(
    db_checks: list[str | None],
) -> None:
    _, token = await signed_in("a@x.local")
    db_checks.clear()
    actors = await asyncio.gather(*(live.recheck(token, IP) for _ in range(50)))
    assert db_checks == [token] and len({a.user_id for a in actors}) == 1
    db_checks.clear()
    await asyncio.gather(*(live.recheck(token, IP, max_age=0) for _ in range(3)))
    assert db_checks == [token] * 3  # "check now" never rides on a check under way


@pytest.mark.usefixtures("db")
async def test_a_failed_check_evicts_the_shared_one() -> None:
    actor, token = await signed_in("a@x.local")
    await live.recheck(token, IP)
    await auth.logout(actor)
    with pytest.raises(Unauthenticated):
        await live.recheck(token, IP, max_age=0)
    with pytest.raises(Unauthenticated):  # no stale success left to reuse
        await live.recheck(token, IP)


@pytest.mark.usefixtures("db")
async def test_an_admin_check_refuses_someone_who_is_no_longer_an_admin() -> None:
    actor, token = await signed_in("root@x.local", is_admin=True)
    assert (await live.recheck(token, IP, admin=ADMIN_ONLY)).is_admin
    await User.filter(id=actor.user_id).update(is_admin=False)  # session still valid
    with pytest.raises(Forbidden, match=ADMIN_ONLY):
        await live.recheck(token, IP, admin=ADMIN_ONLY, max_age=0)
    assert not (await live.recheck(token, IP)).is_admin  # still signed in, as a user


# --- Stream ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("db")
async def test_an_admin_stream_is_refused_to_a_user_before_it_listens() -> None:
    actor, token = await signed_in("a@x.local")
    with pytest.raises(Forbidden, match=ADMIN_ONLY):
        live.Stream(actor, token, ["t"], admin=ADMIN_ONLY)
    assert runtime.current().bus.subscriber_count == 0


@pytest.mark.usefixtures("db")
async def test_an_admin_stream_rechecks_before_every_event_not_once_a_second() -> None:
    actor, token = await signed_in("root@x.local", is_admin=True)
    bus = runtime.current().bus
    with live.Stream(actor, token, ["t"], admin=ADMIN_ONLY) as stream:
        bus.publish("t", FIRST)
        event, viewer = await stream.next()
        assert event.payload == FIRST and viewer.is_admin
        await User.filter(id=actor.user_id).update(is_admin=False)
        bus.publish("t", SECOND)
        with pytest.raises(Forbidden):
            await stream.next()
    assert bus.subscriber_count == 0


@pytest.mark.usefixtures("db")
async def test_a_stream_hands_out_no_event_after_logout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "REAUTH_INTERVAL_S", 0.0)
    actor, token = await signed_in("a@x.local")
    bus = runtime.current().bus
    with live.Stream(actor, token, ["t"]) as stream:
        await auth.logout(actor)
        bus.publish("t", events.ModelInstallProgress("/srv/secret", "loading", "secret"))
        with pytest.raises(Unauthenticated):
            await stream.next()


@pytest.mark.usefixtures("db")
async def test_a_quiet_stream_still_ends_when_the_session_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live, "IDLE_RECHECK_S", 0.01)
    actor, token = await signed_in("a@x.local")
    with live.Stream(actor, token, ["t"]) as stream:
        await auth.logout(actor)
        with pytest.raises(Unauthenticated):
            await stream.next()  # no event at all


@pytest.mark.usefixtures("db")
async def test_ended_sessions_are_announced_and_end_that_users_streams_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With the idle re-check an hour away, only the announcement can end the stream.
    monkeypatch.setattr(live, "IDLE_RECHECK_S", 3600.0)
    actor, token = await signed_in("a@x.local")
    other, other_token = await signed_in("b@x.local")
    with (
        live.Stream(actor, token, ["t"]) as stream,
        live.Stream(other, other_token, ["t"]) as bystander,
    ):
        await auth.end_sessions(actor.user_id)  # what deactivation and a password change do
        with pytest.raises(Unauthenticated):
            await asyncio.wait_for(stream.next(), 1.0)
        # Someone else's ended sessions are not delivered to, and do not end, this one.
        runtime.current().bus.publish("t", FIRST)
        event, _ = await asyncio.wait_for(bystander.next(), 1.0)
        assert event.payload == FIRST


@pytest.mark.usefixtures("db")
async def test_a_rotated_secret_ends_every_stream_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from gql_invoke.services import secrets_admin

    monkeypatch.setattr(live, "IDLE_RECHECK_S", 3600.0)
    actor, token = await signed_in("a@x.local")
    with live.Stream(actor, token, ["t"]) as stream:
        await secrets_admin.rotate_jwt_secret(system_actor(multiuser=True))
        with pytest.raises(Unauthenticated):
            await asyncio.wait_for(stream.next(), 1.0)


@pytest.mark.usefixtures("db")
async def test_an_announcement_for_a_live_session_is_skipped_not_delivered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live, "IDLE_RECHECK_S", 3600.0)
    actor, token = await signed_in("a@x.local")
    with live.Stream(actor, token, ["t"]) as stream:
        bus = runtime.current().bus
        bus.publish(events.SESSIONS, events.SessionsEnded(actor.user_id))  # still signed in
        bus.publish("t", SECOND)
        event, viewer = await asyncio.wait_for(stream.next(), 1.0)
        assert event.payload == SECOND and viewer.user_id == actor.user_id


# --- Registry --------------------------------------------------------------------------------


def set_caps(**caps: int) -> None:
    for key, value in caps.items():
        setattr(runtime.current().settings, key, value)


@pytest.mark.usefixtures("db")
async def test_connections_are_counted_per_user_and_refused_past_the_cap() -> None:
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


@pytest.mark.usefixtures("db")
async def test_subscriptions_are_capped_for_the_system_user_too() -> None:
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


async def test_shared_checks_belong_to_the_runtime_and_a_new_one_starts_afresh(
    db: Settings, db_checks: list[str | None]
) -> None:
    _, token = await signed_in("a@x.local")
    db_checks.clear()
    await live.recheck(token, IP)
    runtime.start(db)  # a server restart: nothing of the old runtime's checks is kept
    await live.recheck(token, IP)
    assert db_checks == [token, token]
    assert live.registry() is runtime.current().listeners.registry


# --- who sees what: progress ---------------------------------------------------------------

ALICE = Actor(user_id="alice", display_name="alice", is_admin=False, multiuser=True)
BOB = Actor(user_id="bob", display_name="bob", is_admin=False, multiuser=True)
ADMIN = Actor(user_id="root", display_name="root", is_admin=True, multiuser=True)


def progress_event(owner: str = "alice", item: int = 1, batch: str = "b1") -> events.Event:
    p = events.GenerationProgress(item, batch, owner, 1, 2, "data:image/webp;base64,AA", 0.0)
    return events.Event(events.PROGRESS, p, coalesce_key=str(item))


def render(p: events.GenerationProgress, with_preview: bool) -> tuple[str, int, str | None]:
    return (p.owner_id, p.step, p.preview if with_preview else None)


def test_progress_goes_to_its_owner_with_the_preview() -> None:
    assert live.progress_view(ALICE, progress_event(), render) == (
        "alice",
        1,
        "data:image/webp;base64,AA",
    )


def test_admins_get_everyones_progress_without_preview_and_their_own_with_it() -> None:
    assert live.progress_view(ADMIN, progress_event(), render) == ("alice", 1, None)
    own = live.progress_view(ADMIN, progress_event(owner="root"), render)
    assert own is not None and own[2] is not None


def test_other_users_get_nothing_of_someone_elses_progress() -> None:
    assert live.progress_view(BOB, progress_event(), render) is None


def test_the_single_user_sees_every_generation_with_previews() -> None:
    single = system_actor(multiuser=False)
    view = live.progress_view(single, progress_event(owner=single.user_id), render)
    assert view is not None and view[2] is not None


def test_subscribers_of_one_event_share_two_renderings_at_most() -> None:
    built: list[bool] = []

    def counted(_p: events.GenerationProgress, with_preview: bool) -> object:
        built.append(with_preview)
        return object()

    event = progress_event()
    owner_views = {id(live.progress_view(ALICE, event, counted)) for _ in range(50)}
    admin_views = {id(live.progress_view(ADMIN, event, counted)) for _ in range(50)}
    assert len(owner_views) == len(admin_views) == 1 and owner_views != admin_views
    assert built == [True, False]
    live.progress_view(ALICE, progress_event(), counted)  # the next event renders anew
    assert built == [True, False, True]


def test_a_progress_filter_keeps_only_its_item_or_batch() -> None:
    p = progress_event(item=5, batch="b9").payload
    assert isinstance(p, events.GenerationProgress)
    assert live.ProgressFilter().matches(p)
    assert live.ProgressFilter(item_id=5).matches(p)
    assert not live.ProgressFilter(item_id=6).matches(p)
    assert live.ProgressFilter(batch_id="b9").matches(p)
    assert not live.ProgressFilter(item_id=5, batch_id="b8").matches(p)


async def queued_by(owner: Actor, batch_id: uuid.UUID | None = None) -> QueueItem:
    return await QueueItem.create(
        batch_id=batch_id or uuid.uuid4(),
        owner_id=owner.user_id,
        status="PENDING",
        params={},
        model_key="demo",
        cost=1.0,
    )


@pytest.mark.usefixtures("db")
async def test_following_an_item_or_batch_needs_the_right_to_see_it() -> None:
    alice, bob = await new_user("alice@x.local"), await new_user("bob@x.local")
    admin = await new_user("root@x.local", is_admin=True)
    row = await queued_by(alice)
    item, batch = str(row.id), str(row.batch_id)
    assert await live.progress_filter(alice, item) == live.ProgressFilter(row.id)
    assert await live.progress_filter(admin, None, batch) == live.ProgressFilter(None, batch)
    with pytest.raises(Forbidden, match="this item's progress"):
        await live.progress_filter(bob, item)
    with pytest.raises(Forbidden, match="this batch's progress"):
        await live.progress_filter(bob, None, batch)


@pytest.mark.usefixtures("db")
async def test_a_batch_with_someone_elses_item_in_it_cannot_be_followed() -> None:
    alice, bob = await new_user("alice@x.local"), await new_user("bob@x.local")
    row = await queued_by(alice)
    await queued_by(bob, row.batch_id)
    with pytest.raises(Forbidden):
        await live.progress_filter(alice, None, str(row.batch_id))


@pytest.mark.usefixtures("db")
async def test_missing_or_malformed_filters_name_their_field() -> None:
    alice = await new_user("alice@x.local")
    with pytest.raises(NotFound) as missing_item:
        await live.progress_filter(alice, "99999")
    with pytest.raises(NotFound) as missing_batch:
        await live.progress_filter(alice, None, str(uuid.uuid4()))
    with pytest.raises(Invalid) as bad_batch:
        await live.progress_filter(alice, None, "not-a-uuid")
    assert missing_item.value.extensions["field"] == "queueItemId"
    assert (
        missing_batch.value.extensions["field"] == bad_batch.value.extensions["field"] == "batchId"
    )


@pytest.mark.usefixtures("db")
async def test_a_progress_stream_skips_what_its_listener_may_not_see() -> None:
    actor, token = await signed_in("a@x.local")
    bus = runtime.current().bus
    with await live.follow_progress(actor, token) as stream:
        for event in (progress_event(owner="someone else"), progress_event(owner=actor.user_id)):
            bus.publish(event.topic, event.payload, event.coalesce_key)
        assert await stream.next_view(render) == (actor.user_id, 1, "data:image/webp;base64,AA")


# --- who sees what: queue events and images --------------------------------------------------


@pytest.mark.usefixtures("db")
async def test_a_queue_stream_refuses_what_is_not_a_cursor() -> None:
    actor, token = await signed_in("a@x.local")
    with pytest.raises(Invalid) as exc:
        live.follow_queue(actor, token, since="1; DROP TABLE")
    assert exc.value.extensions["field"] == "since" and runtime.current().bus.subscriber_count == 0


def image(board: str | None, owner: str = "alice") -> events.ImageAdded:
    return events.ImageAdded(image_id="i1", board_id=board, owner_id=owner)


def test_uncategorized_images_are_announced_to_their_owner_and_admins_only() -> None:
    assert live.may_see_image_event(ALICE, image(None), None)
    assert live.may_see_image_event(ADMIN, image(None), None)
    assert not live.may_see_image_event(BOB, image(None), None)


def test_a_board_filter_keeps_that_boards_images_only() -> None:
    assert live.may_see_image_event(BOB, image("bd1"), "bd1")  # the images service decides next
    assert not live.may_see_image_event(ALICE, image("bd2"), "bd1")
    assert not live.may_see_image_event(ALICE, image(None), "bd1")


@pytest.mark.usefixtures("db")
async def test_an_image_stream_delivers_only_images_its_listener_can_read() -> None:
    actor, token = await signed_in("a@x.local")
    other = await new_user("b@x.local")
    board = await boards.create_board(other, "private")
    with await live.follow_images(actor, token) as stream:
        await store(other.user_id, str(board.id))  # on a board actor cannot read
        mine = await store(actor.user_id)
        row, viewer = await stream.next_image()
    assert str(row.id) == mine and viewer.user_id == actor.user_id


@pytest.mark.usefixtures("db")
async def test_an_image_stream_on_an_unreadable_board_is_not_found() -> None:
    actor, token = await signed_in("a@x.local")
    board = await boards.create_board(await new_user("b@x.local"), "private")
    with pytest.raises(NotFound) as exc:
        await live.follow_images(actor, token, str(board.id))
    assert exc.value.extensions["field"] == "boardId"


@pytest.mark.usefixtures("db")
async def test_a_stream_hands_out_only_the_kind_asked_for() -> None:
    actor, token = await signed_in("root@x.local", is_admin=True)
    bus = runtime.current().bus
    with live.Stream(actor, token, ["t"]) as stream:
        bus.publish("t", FIRST)
        bus.publish("t", events.ModelInstallProgress("/srv/m", "loading", "loading"))
        progress, _ = await stream.next_of(events.ModelInstallProgress)
    assert progress.stage == "loading"
