"""gql_invoke/relay.py, relay_pg.py: a bus's events reach the buses of other processes."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from gql_invoke import events, relay
from gql_invoke.config import Settings
from gql_invoke.events import Event, EventBus, Subscriber
from gql_invoke.relay import UnixRelay, make_relay, run_dir
from gql_invoke.relay_pg import PgRelay, connect_args

REPO = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("TEST_POSTGRES_URL", "")


def progress(
    step: int = 1, preview: str | None = None, item_id: int = 7
) -> events.GenerationProgress:
    return events.GenerationProgress(
        item_id=item_id,
        batch_id="b1",
        owner_id="u1",
        step=step,
        total=4,
        preview=preview,
        sent_at=1700000000.25,
    )


def status() -> events.QueueItemStatusChanged:
    return events.QueueItemStatusChanged(
        events.ItemSnapshot(
            id=7,
            batch_id="b1",
            owner_id="u1",
            status="COMPLETED",
            priority=0,
            params={"prompt": "a cat", "steps": 2, "boardId": None},
            model_key="demo",
            cost=1.0,
            error=None,
            attempts=1,
            created_at=datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
            started_at=datetime(2024, 5, 1, 12, 0, 1, tzinfo=UTC),
            completed_at=datetime(2024, 5, 1, 12, 0, 9, 250000, tzinfo=UTC),
        )
    )


async def next_event(sub: Subscriber, within: float = 5.0) -> Event:
    return await asyncio.wait_for(sub.get(), within)


async def nothing_arrives(sub: Subscriber, wait: float = 0.3) -> bool:
    await asyncio.sleep(wait)
    return sub.poll() is None


class Node:
    """A process's bus with its relay attached (two of them in one test process)."""

    def __init__(self, relay: Any) -> None:
        self.bus = EventBus()
        self.relay = relay
        self.remote: list[Event] = []
        self.bus.on_remote(self.remote.append)

    async def __aenter__(self) -> Node:
        await self.relay.start(self.bus)
        self.bus.attach(self.relay)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.relay.stop()


# --- the bus's side ------------------------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, events.LiveEvent]] = []

    def send(self, topic: str, payload: events.LiveEvent, cursor: str | None = None) -> None:
        assert cursor is None  # a bare bus numbers nothing for the others
        self.sent.append((topic, payload))


async def test_publish_hands_each_event_to_the_attached_relay() -> None:
    bus, relay = EventBus(), Recorder()
    bus.attach(relay)
    bus.publish(events.PROGRESS, progress(), "7")
    bus.publish(events.CONTROL, events.WorkerWake())
    assert relay.sent == [(events.PROGRESS, progress()), (events.CONTROL, events.WorkerWake())]


async def test_local_topics_are_not_handed_to_the_relay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "LOCAL_TOPICS", frozenset({events.SESSIONS}))
    bus, relay = EventBus(), Recorder()
    bus.attach(relay)
    bus.publish(events.SESSIONS, events.SessionsEnded(None))
    assert relay.sent == []


async def test_deliver_remote_reaches_subscribers_and_callbacks_but_is_not_sent_again() -> None:
    bus, relay = EventBus(), Recorder()
    bus.attach(relay)
    seen: list[Event] = []
    bus.on_remote(seen.append)
    sub = bus.subscribe([events.CONTROL])
    event = bus.deliver_remote(events.CONTROL, events.CancelRequested(7))
    assert relay.sent == []  # no echo between processes
    assert seen == [event] and (await next_event(sub)) is event
    bus.publish(events.CONTROL, events.WorkerWake())
    assert len(seen) == 1  # local events are not "remote"


async def test_remote_progress_is_coalesced_by_item_id_and_remote_queue_events_get_a_cursor() -> (
    None
):
    bus = EventBus()
    sub = bus.subscribe([events.PROGRESS, events.QUEUE])
    bus.deliver_remote(events.PROGRESS, progress(1))
    bus.deliver_remote(events.PROGRESS, progress(2))
    bus.deliver_remote(events.PROGRESS, progress(1, item_id=8))
    queued = bus.deliver_remote(events.QUEUE, status())
    assert [(await next_event(sub)).payload for _ in range(3)] == [
        progress(2),
        progress(1, item_id=8),
        status(),
    ]
    assert queued.cursor == events.cursor_of(1)
    assert bus.missed_since(events.cursor_of(0)) == [queued]


async def test_a_failing_remote_callback_does_not_cost_the_others_the_event() -> None:
    bus, seen = EventBus(), list[Event]()

    def boom(_event: Event) -> None:
        raise RuntimeError("boom")

    bus.on_remote(boom)
    bus.on_remote(seen.append)
    bus.deliver_remote(events.CONTROL, events.WorkerWake())
    assert len(seen) == 1


def test_a_numbered_queue_event_travels_with_its_cursor() -> None:
    data = relay.encode(events.QUEUE, status(), "o1", events.cursor_of(7))
    assert relay.decode_message(data) == (events.QUEUE, status(), "o1", "q7")
    assert relay.decode_message(relay.encode(events.QUEUE, status(), "o1"))[3] is None


# --- UnixRelay -----------------------------------------------------------------------------


@pytest.fixture
def two_nodes(tmp_path: Path) -> Callable[[], Any]:
    class Pair:
        async def __aenter__(self) -> tuple[Node, Node]:
            self.a = await Node(UnixRelay(tmp_path)).__aenter__()
            self.b = await Node(UnixRelay(tmp_path)).__aenter__()
            return self.a, self.b

        async def __aexit__(self, *exc: object) -> None:
            await self.a.__aexit__()
            await self.b.__aexit__()

    return Pair


async def test_unix_relays_on_one_root_deliver_each_others_events(two_nodes: Any) -> None:
    async with two_nodes() as (a, b):
        sub_b = b.bus.subscribe([events.QUEUE, events.PROGRESS])
        sub_a = a.bus.subscribe([events.CONTROL])
        a.bus.publish(events.QUEUE, status())
        a.bus.publish(events.PROGRESS, progress(3, preview="data:image/webp;base64,AAAA"), "7")
        b.bus.publish(events.CONTROL, events.CancelRequested(7))
        assert (await next_event(sub_b)).payload == status()
        assert (await next_event(sub_b)).payload == progress(
            3, preview="data:image/webp;base64,AAAA"
        )
        assert (await next_event(sub_a)).payload == events.CancelRequested(7)
        assert [e.payload for e in b.remote] == [
            status(),
            progress(3, "data:image/webp;base64,AAAA"),
        ]


async def test_the_socket_directory_is_private_to_the_user(two_nodes: Any, tmp_path: Path) -> None:
    async with two_nodes() as (a, _):
        assert a.relay.directory == run_dir(tmp_path)
        assert a.relay.directory.parts[-2:] == ("run", "events")
        assert a.relay.directory.stat().st_mode & 0o777 == 0o700
        assert (
            sorted(p.name.split("-")[0] for p in a.relay.directory.iterdir())
            == [str(os.getpid())] * 2
        )


async def test_a_relay_does_not_receive_its_own_messages(two_nodes: Any) -> None:
    async with two_nodes() as (a, b):
        sub_a = a.bus.subscribe([events.CONTROL])
        sub_b = b.bus.subscribe([events.CONTROL])
        a.bus.publish(events.CONTROL, events.WorkerWake())
        assert (await next_event(sub_a)).payload == events.WorkerWake()  # the local delivery
        assert (await next_event(sub_b)).payload == events.WorkerWake()
        assert await nothing_arrives(sub_a) and a.remote == []


async def test_a_stale_socket_of_a_dead_process_is_removed_and_does_not_break_send(
    two_nodes: Any,
) -> None:
    async with two_nodes() as (a, b):
        stale = a.relay.directory / "4000000-deadbeefdeadbeef.sock"
        dead = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        dead.bind(os.fspath(stale))
        dead.close()  # its file stays, as after a kill -9
        a.relay._listed_at = float("-inf")
        sub_b = b.bus.subscribe([events.CONTROL])
        a.bus.publish(events.CONTROL, events.WorkerWake())
        assert (await next_event(sub_b)).payload == events.WorkerWake()
        assert not stale.exists()


async def test_a_stopped_relay_is_left_out_and_its_socket_file_is_gone(two_nodes: Any) -> None:
    async with two_nodes() as (a, b):
        sub_b = b.bus.subscribe([events.CONTROL])
        a.bus.publish(events.CONTROL, events.WorkerWake())  # a now knows b
        await next_event(sub_b)
        await b.relay.stop()
        await b.relay.stop()  # idempotent
        assert not b.relay.path.exists()
        a.bus.publish(events.CONTROL, events.CancelRequested(1))  # refused: b is dropped
        await asyncio.sleep(0.05)
        assert a.relay._peers == {}


async def test_an_oversized_progress_event_arrives_without_its_preview(two_nodes: Any) -> None:
    async with two_nodes() as (a, b):
        sub_b = b.bus.subscribe([events.PROGRESS])
        huge = "data:image/png;base64," + "A" * a.relay.max_datagram
        a.bus.publish(events.PROGRESS, progress(2, preview=huge), "7")
        a.bus.publish(events.PROGRESS, progress(3, preview="small", item_id=8), "8")
        assert (await next_event(sub_b)).payload == progress(2, preview=None)
        assert (await next_event(sub_b)).payload == progress(3, preview="small", item_id=8)


async def test_a_burst_beyond_the_receivers_queue_arrives_whole_and_in_order(
    two_nodes: Any,
) -> None:
    async with two_nodes() as (a, b):
        sub_b = b.bus.subscribe([events.QUEUE])
        for n in range(300):  # net.unix.max_dgram_qlen is often 10: the sender must wait
            a.bus.publish(events.QUEUE, events.BatchEnqueued(str(n), n))
        got = [(await next_event(sub_b)).payload for _ in range(300)]
        assert got == [events.BatchEnqueued(str(n), n) for n in range(300)]


async def test_a_relay_started_later_is_sent_to_at_once(tmp_path: Path) -> None:
    async with Node(UnixRelay(tmp_path)) as a:
        a.bus.publish(events.CONTROL, events.WorkerWake())  # a lists the directory: alone
        async with Node(UnixRelay(tmp_path)) as b:
            sub_b = b.bus.subscribe([events.CONTROL])
            await asyncio.sleep(0.01)  # b's hello reaches a
            a.bus.publish(events.CONTROL, events.CancelRequested(2))
            assert (await next_event(sub_b)).payload == events.CancelRequested(2)


def test_the_socket_directory_moves_to_the_temp_dir_when_the_root_is_too_long(
    tmp_path: Path,
) -> None:
    deep = tmp_path / ("d" * 100)
    moved = run_dir(deep)
    assert moved.parent == Path(__import__("tempfile").gettempdir())
    assert moved == run_dir(deep) != run_dir(tmp_path / ("e" * 100))
    assert run_dir(tmp_path) == tmp_path.resolve() / "run" / "events"


async def test_a_long_root_still_relays(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 100)
    async with Node(UnixRelay(deep)) as a, Node(UnixRelay(deep)) as b:
        sub_b = b.bus.subscribe([events.CONTROL])
        a.bus.publish(events.CONTROL, events.WorkerWake())
        assert (await next_event(sub_b)).payload == events.WorkerWake()
    assert list(a.relay.directory.iterdir()) == []
    a.relay.directory.rmdir()


def test_make_relay_uses_postgres_for_postgres_urls_and_sockets_otherwise(tmp_path: Path) -> None:
    assert isinstance(make_relay(Settings(root=tmp_path)), UnixRelay)
    pg = make_relay(Settings(root=tmp_path, db_url="postgres://u:p@db:5432/app?maxsize=5"))
    assert isinstance(pg, PgRelay) and pg.dsn == "postgresql://u:p@db:5432/app"


def test_tortoise_urls_become_asyncpg_dsns() -> None:
    assert connect_args("asyncpg://u@h/db?minsize=1&sslmode=require&schema=app") == (
        "postgresql://u@h/db?sslmode=require",
        {"search_path": "app"},
    )


CHILD = """
import asyncio, json, sys
from pathlib import Path
from gql_invoke import events, relay
from gql_invoke.events import EventBus
from gql_invoke.relay import UnixRelay

async def main() -> None:
    bus = EventBus()
    relay = UnixRelay(Path(sys.argv[1]))
    cancelled = asyncio.get_running_loop().create_future()
    bus.on_remote(lambda e: cancelled.done() or cancelled.set_result(e.payload))
    await relay.start(bus)
    bus.attach(relay)
    for text in sys.argv[2:]:
        payload = events.from_dict(json.loads(text))
        bus.publish(events.PROGRESS if payload.kind == "progress" else events.QUEUE, payload)
    print(json.dumps(events.to_dict(await asyncio.wait_for(cancelled, 10))), flush=True)
    await relay.stop()

asyncio.run(main())
"""


async def test_a_second_process_delivers_a_preview_and_a_status_change(tmp_path: Path) -> None:
    async with Node(UnixRelay(tmp_path)) as parent:
        sub = parent.bus.subscribe([events.PROGRESS, events.QUEUE])
        preview = "data:image/webp;base64," + "QUJD" * 20_000  # 80 KB, as a real preview
        sent: list[events.LiveEvent] = [progress(2, preview=preview), status()]
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CHILD,
            str(tmp_path),
            *(json.dumps(events.to_dict(p)) for p in sent),
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        try:
            got = [(await next_event(sub, within=20)).payload for _ in sent]
            assert got == sent
            parent.bus.publish(events.CONTROL, events.CancelRequested(7))
            out, _ = await asyncio.wait_for(child.communicate(), 20)
        finally:
            if child.returncode is None:
                child.kill()
                await child.wait()
        assert child.returncode == 0
        assert events.from_dict(json.loads(out)) == events.CancelRequested(7)


# --- PgRelay (against TEST_POSTGRES_URL) ------------------------------------------------------

pg = pytest.mark.skipif(not PG_URL, reason="TEST_POSTGRES_URL is not set (postgres://...)")


@pytest.fixture
async def pg_nodes() -> AsyncIterator[tuple[Node, Node]]:
    async with Node(PgRelay(PG_URL)) as a, Node(PgRelay(PG_URL)) as b:
        yield a, b


@pg
async def test_pg_relays_deliver_each_others_events_in_order(pg_nodes: tuple[Node, Node]) -> None:
    a, b = pg_nodes
    sub_b = b.bus.subscribe([events.QUEUE, events.PROGRESS])
    sub_a = a.bus.subscribe([events.CONTROL])
    a.bus.publish(events.QUEUE, status())
    for step in range(1, 4):
        a.bus.publish(events.PROGRESS, progress(step, item_id=step), str(step))
    b.bus.publish(events.CONTROL, events.WorkerWake())
    assert (await next_event(sub_b)).payload == status()
    assert [(await next_event(sub_b)).payload for _ in range(3)] == [
        progress(s, item_id=s) for s in range(1, 4)
    ]
    assert (await next_event(sub_a)).payload == events.WorkerWake()
    assert [e.payload for e in a.remote] == [events.WorkerWake()]
    assert [e.payload for e in b.remote][:1] == [status()]


@pg
async def test_pg_relay_does_not_receive_its_own_messages(pg_nodes: tuple[Node, Node]) -> None:
    a, b = pg_nodes
    a.bus.publish(events.CONTROL, events.CancelRequested(3))
    sub_b = b.bus.subscribe([events.CONTROL])
    b.bus.publish(events.CONTROL, events.WorkerWake())  # after a's, on another connection
    await asyncio.sleep(0.3)
    assert [e.payload for e in b.remote] == [events.CancelRequested(3)]
    assert [e.payload for e in a.remote] == [events.WorkerWake()]
    assert (await next_event(sub_b)).payload == events.WorkerWake()  # its own, locally


@pg
async def test_pg_payload_over_8000_bytes_travels_through_relay_blobs(
    pg_nodes: tuple[Node, Node],
) -> None:
    a, b = pg_nodes
    sub_b = b.bus.subscribe([events.PROGRESS])
    conn = await asyncpg.connect(a.relay.dsn)
    try:
        before = await conn.fetchval("SELECT coalesce(max(id), 0) FROM relay_blobs")
        big = progress(2, preview="data:image/webp;base64," + "QUJD" * 5_000)  # 20 KB
        a.bus.publish(events.PROGRESS, big, "7")
        a.bus.publish(events.PROGRESS, progress(3, item_id=8), "8")
        assert (await next_event(sub_b)).payload == big
        assert (await next_event(sub_b)).payload == progress(3, item_id=8)  # kept its place
        assert await conn.fetchval("SELECT count(*) FROM relay_blobs WHERE id > $1", before) == 1
    finally:
        await conn.close()


@pg
async def test_pg_relay_stop_is_idempotent() -> None:
    relay = PgRelay(PG_URL)
    await relay.start(EventBus())
    await relay.stop()
    await relay.stop()
    relay.send(events.CONTROL, events.WorkerWake())  # after stop: ignored, no error


@pg
async def test_pg_relay_reconnects_after_its_connections_are_lost(
    pg_nodes: tuple[Node, Node],
) -> None:
    a, b = pg_nodes
    sub_b = b.bus.subscribe([events.CONTROL])
    listener, sender = b.relay._listener, a.relay._sender
    conn = await asyncpg.connect(a.relay.dsn)
    try:
        for lost in (listener, sender):
            await conn.execute("SELECT pg_terminate_backend($1)", lost.get_server_pid())
    finally:
        await conn.close()
    for _ in range(100):  # b opens a new LISTEN connection
        if b.relay._listener not in (None, listener):
            break
        await asyncio.sleep(0.05)
    a.bus.publish(events.CONTROL, events.CancelRequested(9))  # a's sender: a new one too
    assert (await next_event(sub_b)).payload == events.CancelRequested(9)
