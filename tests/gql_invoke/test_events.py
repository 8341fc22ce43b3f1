from __future__ import annotations

import pytest

from gql_invoke.events import EventBus, SubscriberOverflow


async def test_poll_returns_none_when_nothing_is_buffered() -> None:
    sub = EventBus().subscribe(["progress"])
    assert sub.poll() is None


async def test_poll_returns_only_the_newest_coalesced_event() -> None:
    bus = EventBus()
    sub = bus.subscribe(["progress"])
    bus.publish("progress", {"step": 1}, coalesce_key="7")
    bus.publish("progress", {"step": 2}, coalesce_key="7")
    event = sub.poll()
    assert event is not None and event.payload == {"step": 2}
    assert sub.poll() is None


async def test_poll_raises_once_the_subscriber_overflowed() -> None:
    bus = EventBus(subscriber_capacity=1)
    sub = bus.subscribe(["queue"])
    bus.publish("queue", {"n": 1})
    bus.publish("queue", {"n": 2})
    with pytest.raises(SubscriberOverflow):
        sub.poll()
