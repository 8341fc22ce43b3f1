"""The in-process event bus behind the GraphQL subscriptions.

Each subscriber has its own bounded buffer, so a slow client never slows the
publisher (the GPU loop). Progress events carry a coalescing key: a slow
client keeps only the newest one per queue item. Status events are never
dropped silently: a subscriber that falls ``capacity`` events behind is closed
with SubscriberOverflow and can resume with its last cursor.

Events on replayable topics get a cursor and are kept in a bounded replay
buffer, so a client that reconnects with ``since`` first receives what it missed.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

REPLAYABLE_TOPICS = frozenset({"queue"})


class SubscriberOverflow(Exception):
    """The subscriber fell too far behind; it should reconnect with its last cursor."""


@dataclass(frozen=True)
class Event:
    topic: str
    payload: Any
    cursor: str | None = None
    coalesce_key: str | None = None


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

    def offer(self, event: Event) -> None:
        if self.closed or self.overflowed:
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
        if self._items:
            item = self._items.popleft()
            if isinstance(item, _Slot):
                return self._latest.pop(item.key)
            return item
        return None

    async def get(self) -> Event:
        while True:
            event = self.poll()
            if event is not None:
                return event
            self._wake.clear()
            await self._wake.wait()

    def __aiter__(self) -> Subscriber:
        return self

    async def __anext__(self) -> Event:
        return await self.get()


class EventBus:
    def __init__(self, replay_size: int = 1000, subscriber_capacity: int = 1000) -> None:
        self.boot_id = uuid.uuid4().hex[:8]
        self._counter = itertools.count(1)
        self._replay: deque[Event] = deque(maxlen=replay_size)
        self._subscribers: set[Subscriber] = set()
        self.subscriber_capacity = subscriber_capacity
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def publish(self, topic: str, payload: Any, coalesce_key: str | None = None) -> Event:
        """Publish from the event loop thread."""
        cursor = None
        if topic in REPLAYABLE_TOPICS:
            cursor = f"{self.boot_id}-{next(self._counter)}"
        event = Event(topic=topic, payload=payload, cursor=cursor, coalesce_key=coalesce_key)
        if cursor is not None:
            self._replay.append(event)
        for sub in list(self._subscribers):
            if topic in sub.topics:
                sub.offer(event)
        return event

    def publish_threadsafe(self, topic: str, payload: Any, coalesce_key: str | None = None) -> None:
        """Publish from a worker thread (the diffusers step callback)."""
        if self._loop is None:
            raise RuntimeError("event bus has no loop bound")
        self._loop.call_soon_threadsafe(self.publish, topic, payload, coalesce_key)

    def subscribe(self, topics: Iterable[str], since: str | None = None) -> Subscriber:
        sub = Subscriber(topics=frozenset(topics), capacity=self.subscriber_capacity)
        if since is not None:
            for event in self.missed_since(since):
                if event.topic in sub.topics:
                    sub.offer(event)
        self._subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        sub.closed = True
        self._subscribers.discard(sub)

    def missed_since(self, since: str) -> list[Event]:
        boot, _, number = since.partition("-")
        if boot != self.boot_id or not number.isdigit():
            # A cursor from before a restart: everything still buffered is new to it.
            return list(self._replay)
        after = int(number)
        return [e for e in self._replay if e.cursor and int(e.cursor.split("-")[1]) > after]

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)
