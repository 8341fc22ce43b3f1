"""The in-process event bus behind the GraphQL subscriptions, and the events it carries.

Each subscriber has its own bounded buffer, so a slow client never slows the
publisher (the GPU loop). Progress events carry a coalescing key: a slow
client keeps only the newest one per queue item. Status events are never
dropped silently: a subscriber that falls ``capacity`` events behind is closed
with SubscriberOverflow and can resume with its last cursor.

Events on replayable topics (QUEUE) get a cursor, ``q<n>``, and are kept in a bounded
replay buffer, so a client that reconnects with ``since`` first receives what it missed.
With a ``Sequencer`` (services/queue_events.py: ``use_sequencer``) ``n`` is the event's
row id in the ``queue_events`` table, written once by the publishing process and carried
by the relay: every process hands out the same cursor for the same event, in increasing
order, and a ``since`` older than this buffer is replayed from the database. Without one
(a bare bus: tests, tools) ``n`` counts this bus's events. A cursor older than what is kept
(or of the old ``<boot>-<n>`` form) replays what is kept, after a ``QueueCleared`` that
tells the client to re-read the queue: it missed something.

An Event's payload is one of the frozen dataclasses of gql_invoke/event_kinds.py
(``LiveEvent``; re-exported here), never text rendered for one viewer: who sees what of
it is decided per subscriber (services/live.py).

Across processes (the server and its worker processes): ``attach`` a relay
(gql_invoke/relay.py) and ``publish`` also hands it each event (LOCAL_TOPICS excepted);
what the relay receives from the others comes in through ``deliver_remote``, which
delivers it here like ``publish`` but never sends it on (no echo loops), and calls the
``on_remote`` callbacks (the workers' CONTROL events: wake, cancel).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from gql_invoke.event_kinds import (
    CONTROL,
    IMAGE,
    KINDS,
    LOCAL_TOPICS,
    MODEL_INSTALL,
    PROGRESS,
    QUEUE,
    REPLAYABLE_TOPICS,
    SESSIONS,
    TOPICS,
    BatchEnqueued,
    CancelRequested,
    ControlEvent,
    GenerationProgress,
    ImageAdded,
    ItemSnapshot,
    LiveEvent,
    ModelInstallProgress,
    ProcessorStateChanged,
    QueueCleared,
    QueueEvent,
    QueueItemStatusChanged,
    SessionsEnded,
    WorkerWake,
    cursor_of,
    cursor_seq,
    from_dict,
    to_dict,
)

_log = logging.getLogger(__name__)

# What callers name as events.X (the kinds live in event_kinds.py), and the bus.
__all__ = [
    "QUEUE",
    "PROGRESS",
    "IMAGE",
    "MODEL_INSTALL",
    "SESSIONS",
    "CONTROL",
    "TOPICS",
    "REPLAYABLE_TOPICS",
    "LOCAL_TOPICS",
    "ItemSnapshot",
    "QueueItemStatusChanged",
    "BatchEnqueued",
    "QueueCleared",
    "ProcessorStateChanged",
    "GenerationProgress",
    "ImageAdded",
    "ModelInstallProgress",
    "SessionsEnded",
    "WorkerWake",
    "CancelRequested",
    "ControlEvent",
    "QueueEvent",
    "LiveEvent",
    "KINDS",
    "to_dict",
    "from_dict",
    "cursor_of",
    "cursor_seq",
]


def resync(after: int | None) -> Event:
    """What a stream gets before a replay that cannot be complete: re-read the queue."""
    return Event(QUEUE, QueueCleared(), cursor=None if after is None else cursor_of(after))


# --- the bus ------------------------------------------------------------------------------


class SubscriberOverflow(Exception):
    """The subscriber fell too far behind; it should reconnect with its last cursor."""


@dataclass(frozen=True)
class Event:
    topic: str
    payload: LiveEvent
    cursor: str | None = None
    coalesce_key: str | None = None
    # What subscribers rendered of this event, shared by all it reaches (100 streams
    # following progress build one view, not 100): see services/live.progress_view.
    renders: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class _Slot:
    """Place-holder keeping a coalesced event's position in the buffer."""

    key: str


# eq=False: subscribers are kept in a set, by identity.
@dataclass(eq=False)
class Subscriber:
    topics: frozenset[str]
    capacity: int
    _items: deque[Event | _Slot] = field(default_factory=deque)
    _latest: dict[str, Event] = field(default_factory=dict)
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    overflowed: bool = False
    closed: bool = False
    # Resumed with ``since``: replayable events up to this number were seen already.
    skip_through: int | None = None
    # A replay from the database still to read (get() reads it before anything else).
    backfill: Callable[[], Awaitable[list[Event]]] | None = None

    def offer(self, event: Event) -> None:
        if self.closed or self.overflowed:
            return
        if self.skip_through is not None and event.cursor is not None:
            seq = cursor_seq(event.cursor)
            if seq is not None and seq <= self.skip_through:
                return
        if event.coalesce_key is not None:
            if event.coalesce_key not in self._latest:
                self._items.append(_Slot(event.coalesce_key))
            self._latest[event.coalesce_key] = event
        elif len(self._items) >= self.capacity:
            self.overflowed = True
        else:
            self._items.append(event)
        self._wake.set()

    def poll(self) -> Event | None:
        """The next buffered event, or None when there is none (never waits)."""
        if self.overflowed:
            raise SubscriberOverflow("too many undelivered events; reconnect with `since`")
        if self._items and self.backfill is None:
            item = self._items.popleft()
            if isinstance(item, _Slot):
                return self._latest.pop(item.key)
            return item
        return None

    async def get(self) -> Event:
        if self.backfill is not None:
            read, self.backfill = self.backfill, None
            self._put_first(await read())
        while True:
            event = self.poll()
            if event is not None:
                return event
            self._wake.clear()
            await self._wake.wait()

    def _put_first(self, replayed: list[Event]) -> None:
        """The replay goes before what arrived meanwhile (less what the replay holds)."""
        last = max((cursor_seq(e.cursor) or 0 for e in replayed), default=0)
        self.skip_through = max(self.skip_through or 0, last)
        live = [
            item
            for item in self._items
            if isinstance(item, _Slot) or (cursor_seq(item.cursor) or last + 1) > last
        ]
        self._items = deque([*replayed, *live])
        if len(self._items) > self.capacity:
            self.overflowed = True

    def __aiter__(self) -> Subscriber:
        return self

    async def __anext__(self) -> Event:
        return await self.get()


class RelaySender(Protocol):
    """What the bus needs of a relay (gql_invoke/relay.py): hand it an event to send."""

    def send(self, topic: str, payload: LiveEvent, cursor: str | None = None) -> None: ...


class Sequencer(Protocol):
    """What numbers the bus's QUEUE events (services/queue_events.py): it calls
    ``EventBus.deliver_numbered`` for each, in increasing order."""

    def publish(self, topic: str, payload: LiveEvent) -> None: ...

    def remote(self, topic: str, payload: LiveEvent, cursor: str) -> None: ...

    async def replay(self, after: int | None) -> list[Event]: ...

    def close(self) -> None: ...


class EventBus:
    def __init__(self, replay_size: int = 1000, subscriber_capacity: int = 1000) -> None:
        self.boot_id = uuid.uuid4().hex[:8]
        self._counter = itertools.count(1)
        self._replay: deque[Event] = deque(maxlen=replay_size)
        self._subscribers: set[Subscriber] = set()
        self.subscriber_capacity = subscriber_capacity
        self._loop: asyncio.AbstractEventLoop | None = None
        self._relay: RelaySender | None = None
        self._remote_callbacks: list[Callable[[Event], None]] = []
        self.sequencer: Sequencer | None = None

    def use_sequencer(self, sequencer: Sequencer | None) -> None:
        """From now on QUEUE events are numbered by ``sequencer`` (it delivers them)."""
        self.sequencer = sequencer

    def close(self) -> None:
        """Stops the sequencer's work (runtime.stop)."""
        if self.sequencer is not None:
            self.sequencer.close()

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def attach(self, relay: RelaySender | None) -> None:
        """From now on publish() also hands (topic, payload) to ``relay.send`` (topics in
        LOCAL_TOPICS excepted); None detaches."""
        self._relay = relay

    def on_remote(self, callback: Callable[[Event], None]) -> None:
        """``callback(event)`` for every event that came from another process."""
        self._remote_callbacks.append(callback)

    def publish(self, topic: str, payload: LiveEvent, coalesce_key: str | None = None) -> Event:
        """Publish from the event loop thread (and to the other processes, when attached).

        With a sequencer, a QUEUE event is delivered once numbered (the returned Event
        has no cursor yet)."""
        if self.sequencer is not None and topic in REPLAYABLE_TOPICS:
            self.sequencer.publish(topic, payload)
            return Event(topic=topic, payload=payload)
        event = self._deliver(topic, payload, coalesce_key)
        if self._relay is not None and topic not in LOCAL_TOPICS:
            self._relay.send(topic, payload)
        return event

    def deliver_remote(self, topic: str, payload: LiveEvent, cursor: str | None = None) -> Event:
        """An event another process published: to the local subscribers as publish() would
        (the replay buffer, progress coalesced by item id), then to the on_remote callbacks;
        never back to the relay (no echo between processes). ``cursor``: the publisher's
        (its queue_events row), kept as it is; a QUEUE event without one gets this bus's."""
        if self.sequencer is not None and topic in REPLAYABLE_TOPICS:
            if cursor is None:  # its publisher could not number it: never a cursor of ours
                self.deliver_numbered(topic, payload, None, remote=True)
            else:
                self.sequencer.remote(topic, payload, cursor)
            return Event(topic=topic, payload=payload, cursor=cursor)
        key = str(payload.item_id) if isinstance(payload, GenerationProgress) else None
        return self._remote(self._deliver(topic, payload, key, cursor))

    def deliver_numbered(
        self, topic: str, payload: LiveEvent, cursor: str | None, *, remote: bool
    ) -> None:
        """The sequencer's: deliver a numbered QUEUE event here; a local one (``remote``
        False) goes to the other processes too, with its cursor. None: it could not be
        numbered (the database failed): delivered, neither buffered nor resumable."""
        if cursor is None:
            event = Event(topic=topic, payload=payload)
            for sub in list(self._subscribers):
                if topic in sub.topics:
                    sub.offer(event)
        else:
            event = self._deliver(topic, payload, None, cursor)
        if remote:
            self._remote(event)
        elif self._relay is not None and topic not in LOCAL_TOPICS:
            self._relay.send(topic, payload, cursor)

    def _remote(self, event: Event) -> Event:
        for callback in list(self._remote_callbacks):
            try:
                callback(event)
            except Exception:  # one failing callback must not cost the others the event
                _log.exception("on_remote callback failed for a %s event", event.payload.kind)
        return event

    def _deliver(
        self, topic: str, payload: LiveEvent, coalesce_key: str | None, cursor: str | None = None
    ) -> Event:
        if topic in REPLAYABLE_TOPICS and cursor is None:
            cursor = cursor_of(next(self._counter))
        event = Event(topic=topic, payload=payload, cursor=cursor, coalesce_key=coalesce_key)
        if cursor is not None:
            self._replay.append(event)
        for sub in list(self._subscribers):
            if topic in sub.topics:
                sub.offer(event)
        return event

    def publish_threadsafe(
        self, topic: str, payload: LiveEvent, coalesce_key: str | None = None
    ) -> None:
        """Publish from a worker thread (the diffusers step callback)."""
        if self._loop is None:
            raise RuntimeError("event bus has no loop bound")
        self._loop.call_soon_threadsafe(self.publish, topic, payload, coalesce_key)

    def subscribe(self, topics: Iterable[str], since: str | None = None) -> Subscriber:
        """A new subscriber; with ``since`` (a cursor) it first gets what came after it:
        from the replay buffer when that reaches back so far, else from the sequencer (the
        database: read by the subscriber's first get()), else what is buffered after a
        resync event."""
        sub = Subscriber(topics=frozenset(topics), capacity=self.subscriber_capacity)
        if since is not None and sub.topics & REPLAYABLE_TOPICS:
            after = sub.skip_through = cursor_seq(since)
            kept = self._kept_after(after)
            if kept is None and self.sequencer is not None:
                sequencer = self.sequencer
                sub.backfill = lambda: sequencer.replay(after)
                kept = []
            for event in self.missed_since(since) if kept is None else kept:
                if event.topic in sub.topics:
                    sub.offer(event)
        self._subscribers.add(sub)
        return sub

    def _kept_after(self, after: int | None) -> list[Event] | None:
        """The buffered events after ``after``; None when the buffer does not reach back."""
        if after is None or not self._replay:
            return None
        first = cursor_seq(self._replay[0].cursor) or 0
        if after < first - 1:
            return None
        return [e for e in self._replay if (cursor_seq(e.cursor) or 0) > after]

    def unsubscribe(self, sub: Subscriber) -> None:
        sub.closed = True
        self._subscribers.discard(sub)

    def missed_since(self, since: str) -> list[Event]:
        """From the replay buffer: what came after ``since``; when the buffer does not reach
        back so far (an old cursor, one from before a restart), a resync event and all
        that is buffered."""
        kept = self._kept_after(cursor_seq(since))
        if kept is not None:
            return kept
        first = cursor_seq(self._replay[0].cursor) if self._replay else None
        return [resync(None if first is None else first - 1), *self._replay]

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)
