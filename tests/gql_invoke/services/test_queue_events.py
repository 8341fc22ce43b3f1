"""The durable QUEUE event sequence: one cursor per event for every process, replay from
the database (another process, a restart), pruning, old cursors."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from gql_invoke import events
from gql_invoke.db.models import QueueEventRow
from gql_invoke.events import Event, EventBus, LiveEvent, Subscriber
from gql_invoke.services import queue_events


@pytest.fixture(params=["db", "on_postgres"])
def database(request: pytest.FixtureRequest) -> None:
    """Each test on SQLite and on PostgreSQL (skipped without TEST_POSTGRES_URL)."""
    request.getfixturevalue(request.param)


pytestmark = pytest.mark.usefixtures("database")


class Loopback:
    """A relay between two buses of one test (two processes' worth), in order."""

    def __init__(self, peer: EventBus) -> None:
        self.peer = peer
        self.held: list[tuple[str, LiveEvent, str | None]] = []
        self.hold = False

    def send(self, topic: str, payload: LiveEvent, cursor: str | None = None) -> None:
        if self.hold:
            self.held.append((topic, payload, cursor))
        else:
            asyncio.get_running_loop().call_soon(self.peer.deliver_remote, topic, payload, cursor)

    def release(self) -> None:
        for topic, payload, cursor in self.held:
            self.peer.deliver_remote(topic, payload, cursor)
        self.held.clear()


def pair() -> tuple[EventBus, EventBus, Loopback, Loopback]:
    a, b = queue_events.bind(EventBus()), queue_events.bind(EventBus())
    to_b, to_a = Loopback(b), Loopback(a)
    a.attach(to_b)
    b.attach(to_a)
    return a, b, to_b, to_a


async def take(sub: Subscriber, n: int) -> list[Event]:
    return [await asyncio.wait_for(sub.get(), 5) for _ in range(n)]


def batch(n: int) -> events.BatchEnqueued:
    return events.BatchEnqueued(f"b{n}", n)


async def test_two_processes_hand_out_the_same_cursor_for_the_same_event() -> None:
    a, b, _, _ = pair()
    await queue_events.started(a)
    await queue_events.started(b)
    on_a, on_b = a.subscribe([events.QUEUE]), b.subscribe([events.QUEUE])
    a.publish(events.QUEUE, batch(1))
    b.publish(events.QUEUE, batch(2))
    a.publish(events.QUEUE, batch(3))
    seen_a, seen_b = await take(on_a, 3), await take(on_b, 3)
    assert [e.cursor for e in seen_a] == [e.cursor for e in seen_b]
    assert [e.payload for e in seen_a] == [e.payload for e in seen_b]
    numbers = [events.cursor_seq(e.cursor) or 0 for e in seen_a]
    assert numbers == sorted(numbers) and len(set(numbers)) == 3
    assert await QueueEventRow.all().count() == 3  # written once, by the publisher


async def test_a_since_from_one_process_replays_on_the_other() -> None:
    a, b, _, _ = pair()
    on_a = a.subscribe([events.QUEUE])
    for n in range(1, 4):
        a.publish(events.QUEUE, batch(n))
    first, *_ = await take(on_a, 3)
    await queue_events.flush(b)
    resumed = b.subscribe([events.QUEUE], since=first.cursor)
    assert [e.payload for e in await take(resumed, 2)] == [batch(2), batch(3)]


async def test_a_restart_replays_from_a_cursor_out_of_the_database() -> None:
    before = queue_events.bind(EventBus())
    sub = before.subscribe([events.QUEUE])
    for n in range(1, 4):
        before.publish(events.QUEUE, batch(n))
    first, second, third = await take(sub, 3)
    before.close()
    after = queue_events.bind(EventBus())  # a new process: nothing buffered
    resumed = after.subscribe([events.QUEUE], since=first.cursor)
    assert resumed.poll() is None  # the replay is read by get(), before any live event
    after.publish(events.QUEUE, batch(4))
    replayed = await take(resumed, 3)
    assert [e.cursor for e in replayed[:2]] == [second.cursor, third.cursor]
    assert replayed[2].payload == batch(4)


async def test_a_late_relayed_event_is_delivered_in_order_and_only_once() -> None:
    a, b, to_b, _ = pair()
    await queue_events.started(b)
    on_b = b.subscribe([events.QUEUE])
    to_b.hold = True  # a's message to b is late
    a.publish(events.QUEUE, batch(1))
    await queue_events.flush(a)
    b.publish(events.QUEUE, batch(2))
    seen = await take(on_b, 2)
    assert [e.payload for e in seen] == [batch(1), batch(2)]  # read from the database first
    to_b.release()
    await asyncio.sleep(0.05)
    assert on_b.poll() is None  # the late message was seen already


async def test_pruning_drops_old_rows_and_rows_beyond_the_newest_kept() -> None:
    bus = queue_events.bind(EventBus())
    for n in range(1, 6):
        bus.publish(events.QUEUE, batch(n))
    await queue_events.flush(bus)
    await QueueEventRow.filter(id__lte=1).update(created_at=datetime.now(UTC) - timedelta(days=2))
    assert await queue_events.prune(keep_rows=3) == 2
    ids = [row.id for row in await QueueEventRow.all().order_by("id")]
    assert len(ids) == 3
    # A cursor older than what is kept: a resync (re-read the queue), then what is kept.
    replayed = await queue_events.replay(0)
    assert isinstance(replayed[0].payload, events.QueueCleared)
    assert [e.payload for e in replayed[1:]] == [batch(3), batch(4), batch(5)]
    assert replayed[0].cursor == events.cursor_of(int(ids[0]) - 1)


async def test_a_cursor_of_the_old_form_gets_a_resync_then_what_is_kept() -> None:
    bus = queue_events.bind(EventBus())
    bus.publish(events.QUEUE, batch(1))
    await queue_events.flush(bus)
    fresh = queue_events.bind(EventBus())
    sub = fresh.subscribe([events.QUEUE], since="0fe47a34-12")
    resync, kept = await take(sub, 2)
    assert isinstance(resync.payload, events.QueueCleared) and kept.payload == batch(1)


async def test_a_replay_within_the_limit_has_no_resync_and_skips_what_was_seen() -> None:
    bus = queue_events.bind(EventBus())
    for n in range(1, 4):
        bus.publish(events.QUEUE, batch(n))
    await queue_events.flush(bus)
    first = min(row.id for row in await QueueEventRow.all())
    replayed = await queue_events.replay(first)
    assert [e.payload for e in replayed] == [batch(2), batch(3)]
    assert await queue_events.replay(first + 2) == []
