"""The durable sequence of QUEUE events: one ``queue_events`` row per event, its id the
event's cursor (``events.cursor_of``) in every process of the deployment.

The process that publishes an event writes its row (never a receiver of the relay:
``deliver_remote`` hands a numbered event over with its cursor) and only then delivers it,
here and through the relay. One task per bus (``DbSequencer``) does this in order, so the
publisher (the GPU loop's status events too) never waits for the database, and every
process delivers the rows in increasing id order: when a number arrives that is not the
next one after the last delivered, the rows between are read first (another process's
events whose relay message is late or lost; the late message is then dropped as seen).
For that, rows must become visible in id order: SQLite has one writer at a time, and on
PostgreSQL the insert takes a transaction-level advisory lock first, so no row with a
lower id commits after a higher one.

A stream resuming with ``since`` replays from the bus's buffer when it reaches back so
far, else from here (``replay``): at most REPLAY_LIMIT of the newest rows after it, after
a ``QueueCleared`` (events.resync) when some are gone (pruned, beyond the limit) or the
cursor is not of this form (an old ``<boot>-<n>`` one): the client re-reads the queue.
Rows are pruned now and then (PRUNE_EVERY writes or PRUNE_EVERY_SECONDS): older than
KEEP_FOR or beyond the newest KEEP_ROWS.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from gql_invoke import events
from gql_invoke.db.models import QueueEventRow
from gql_invoke.events import Event, EventBus, LiveEvent

log = logging.getLogger(__name__)

REPLAY_LIMIT = 500
KEEP_FOR = timedelta(hours=24)
KEEP_ROWS = 100_000
PRUNE_EVERY = 1000
PRUNE_EVERY_SECONDS = 300.0
_ADVISORY_KEY = 0x67717165  # "gqqe": the insert lock on PostgreSQL


async def append(*payloads: LiveEvent) -> list[int]:
    """Internal: DbSequencer, for the process publishing the events; raises the
    database's errors.

    Stores QUEUE events (one transaction) and returns their row ids, in order."""
    async with in_transaction() as conn:
        if conn.capabilities.dialect == "postgres":
            await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [_ADVISORY_KEY])
        ids = []
        for payload in payloads:
            body = json.dumps(events.to_dict(payload), separators=(",", ":"))
            row = await QueueEventRow.create(body=body, using_db=conn)
            ids.append(int(row.id))
    return ids


async def rows_between(after: int, before: int) -> list[Event]:
    """Internal: DbSequencer's gap filling; raises the database's errors.

    The stored events numbered after ``after`` and before ``before``, in order."""
    rows = await QueueEventRow.filter(id__gt=after, id__lt=before).order_by("id")
    return [_event(row) for row in rows]


async def replay(after: int | None, limit: int = REPLAY_LIMIT) -> list[Event]:
    """Internal: a stream resuming with ``since`` (DbSequencer.replay); raises the
    database's errors.

    The newest ``limit`` stored events after ``after`` (None: a cursor not of this form),
    in order; first a resync event (QueueCleared) when the client missed some that are
    not among them (pruned, beyond the limit)."""
    query = QueueEventRow.all() if after is None else QueueEventRow.filter(id__gt=after)
    rows = list(reversed(await query.order_by("-id").limit(limit)))
    replayed = [_event(row) for row in rows]
    # Rows between ``after`` and the first replayed one: beyond the limit, or pruned (ids
    # are never reused; an id that never was a row costs a spurious resync).
    missed = after is None or (bool(rows) and int(rows[0].id) > after + 1)
    if not missed:
        return replayed
    return [events.resync(int(rows[0].id) - 1 if rows else after), *replayed]


async def flush(bus: EventBus) -> None:
    """Internal: tests (and callers that must know the events are out); raises nothing.

    Waits until the QUEUE events published on ``bus`` are written and delivered."""
    if isinstance(bus.sequencer, DbSequencer):
        await bus.sequencer.flush()


async def started(bus: EventBus) -> None:
    """Internal: tests; raises nothing. Waits until ``bus``'s sequencer has started."""
    if isinstance(bus.sequencer, DbSequencer):
        await bus.sequencer.started()


async def prune(
    now: datetime | None = None, keep_for: timedelta = KEEP_FOR, keep_rows: int = KEEP_ROWS
) -> int:
    """Internal: DbSequencer (now and then) and tests; raises the database's errors.

    Deletes the rows older than ``keep_for`` or beyond the newest ``keep_rows``; returns
    how many went."""
    cutoff = (now or datetime.now(UTC)) - keep_for
    newest = await QueueEventRow.all().order_by("-id").first().values_list("id", flat=True)
    condition = Q(created_at__lt=cutoff)
    if isinstance(newest, int):
        condition |= Q(id__lte=newest - keep_rows)
    return int(await QueueEventRow.filter(condition).delete())


def _event(row: QueueEventRow) -> Event:
    payload = events.from_dict(json.loads(row.body))
    return Event(events.QUEUE, payload, cursor=events.cursor_of(int(row.id)))


class DbSequencer:
    """Numbers one bus's QUEUE events by their queue_events rows (events.Sequencer)."""

    def __init__(self, bus: EventBus) -> None:
        self.bus = bus
        self._inbox: asyncio.Queue[tuple[str, LiveEvent, int | None]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._baseline: int | None = None  # the newest row when this bus began
        self._last: int | None = None  # the newest number delivered here
        self._started = asyncio.Event()
        with contextlib.suppress(RuntimeError):  # no loop yet: the first event starts it
            self._start()
        self._writes = 0
        self._pruned_at = time.monotonic()

    def publish(self, topic: str, payload: LiveEvent) -> None:
        """Internal: EventBus.publish; raises nothing. Written, then delivered."""
        self._put((topic, payload, None))

    def remote(self, topic: str, payload: LiveEvent, cursor: str) -> None:
        """Internal: EventBus.deliver_remote; raises nothing. Delivered in its place."""
        seq = events.cursor_seq(cursor)
        if seq is None:  # a process of an older version: keep its cursor, unordered
            self.bus.deliver_numbered(topic, payload, cursor, remote=True)
            return
        self._put((topic, payload, seq))

    async def replay(self, after: int | None) -> list[Event]:
        """Internal: a subscriber resuming with ``since``; raises nothing (logs, and gives
        a resync event, when the database cannot be read).

        See the module's replay()."""
        try:
            return await replay(after, min(REPLAY_LIMIT, self.bus.subscriber_capacity - 1))
        except Exception:
            log.warning("queue events: could not replay from the database", exc_info=True)
            return [events.resync(after)]

    def close(self) -> None:
        """Internal: EventBus.close; raises nothing. What waits is not delivered."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _put(self, item: tuple[str, LiveEvent, int | None]) -> None:
        self._inbox.put_nowait(item)
        self._start()

    def _start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="queue-events")

    async def started(self) -> None:
        """Internal: tests; raises nothing. Waits until the newest row at start is known
        (from there on every row is delivered here, in order)."""
        await self._started.wait()

    async def flush(self) -> None:
        """Internal: tests, and whoever must know the events were delivered; raises
        nothing. Waits until what was handed over is delivered."""
        await self._inbox.join()

    async def _run(self) -> None:
        if not self._started.is_set():
            try:
                newest = (
                    await QueueEventRow.all().order_by("-id").first().values_list("id", flat=True)
                )
                self._baseline = int(newest) if isinstance(newest, int) else 0
            except Exception:
                log.warning("queue events: could not read the newest row", exc_info=True)
            self._started.set()
        while True:
            # What waits goes together: one transaction for all the local ones.
            batch = [await self._inbox.get()]
            while not self._inbox.empty():
                batch.append(self._inbox.get_nowait())
            try:
                await self._number(batch)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("queue events: could not number %d events", len(batch), exc_info=True)
                for topic, payload, seq in batch:  # delivered, without a cursor to resume from
                    if seq is None:
                        self.bus.deliver_numbered(topic, payload, None, remote=False)
            finally:
                for _ in batch:
                    self._inbox.task_done()

    async def _number(self, batch: list[tuple[str, LiveEvent, int | None]]) -> None:
        local = [payload for _topic, payload, seq in batch if seq is None]
        ids = iter(await append(*local) if local else [])
        for topic, payload, seq in batch:
            await self._handle(topic, payload, next(ids) if seq is None else seq, seq is not None)
        if local:
            await self._maybe_prune(len(local))

    async def _handle(self, topic: str, payload: LiveEvent, seq: int, remote: bool) -> None:
        last = self._last
        start = last if last is not None else self._baseline
        if last is not None and seq <= last:
            if remote:
                return  # delivered already, read from the database to fill a gap
        elif start is not None and seq > start + 1:
            for event in await rows_between(start, seq):
                self.bus.deliver_numbered(event.topic, event.payload, event.cursor, remote=True)
        self.bus.deliver_numbered(topic, payload, events.cursor_of(seq), remote=remote)
        self._last = seq if last is None else max(last, seq)

    async def _maybe_prune(self, written: int) -> None:
        self._writes += written
        if self._writes < PRUNE_EVERY and time.monotonic() - self._pruned_at < PRUNE_EVERY_SECONDS:
            return
        self._writes, self._pruned_at = 0, time.monotonic()
        with contextlib.suppress(Exception):
            gone = await prune()
            if gone:
                log.info("queue events: pruned %d rows", gone)


def bind(bus: EventBus) -> EventBus:
    """Internal: the services publishing or following QUEUE events; raises nothing.

    ``bus`` with a DbSequencer (the first call gives it one)."""
    if not isinstance(bus.sequencer, DbSequencer):
        bus.use_sequencer(DbSequencer(bus))
    return bus
