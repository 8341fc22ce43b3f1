"""gql_invoke/events.py: the bus's buffers, and the typed events a transport can carry."""

from __future__ import annotations

import json
import typing
from datetime import UTC, datetime

import pytest

from gql_invoke import events
from gql_invoke.events import EventBus, SubscriberOverflow


def progress(step: int, preview: str | None = None) -> events.GenerationProgress:
    return events.GenerationProgress(
        item_id=7,
        batch_id="b1",
        owner_id="u1",
        step=step,
        total=4,
        preview=preview,
        sent_at=1700000000.25,
    )


def snapshot(**changes: typing.Any) -> events.ItemSnapshot:
    values: dict[str, typing.Any] = {
        "id": 3,
        "batch_id": "0b7e6f9e-2f7b-4a53-8f0e-2d3c4b5a6978",
        "owner_id": "9a8b7c6d-0000-4000-8000-000000000001",
        "status": "IN_PROGRESS",
        "priority": 1,
        "params": {"prompt": "a cat", "steps": 2, "cfgScale": 7.5, "boardId": None},
        "model_key": "demo",
        "cost": 0.5,
        "error": None,
        "attempts": 1,
        "created_at": datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=UTC),
        "started_at": datetime(2024, 5, 1, 12, 0, 3, tzinfo=UTC),
        "completed_at": None,
    }
    values.update(changes)
    return events.ItemSnapshot(**values)


# One of each kind: the round-trip test below fails when a kind has no sample here.
SAMPLES: list[events.LiveEvent] = [
    events.QueueItemStatusChanged(snapshot()),
    events.QueueItemStatusChanged(
        snapshot(status="FAILED", error="boom", completed_at=datetime(2024, 5, 2, tzinfo=UTC))
    ),
    events.BatchEnqueued(batch_id="b1", item_count=3),
    events.QueueCleared(),
    events.ProcessorStateChanged(),
    progress(2, preview="data:image/webp;base64,AAAA"),
    progress(4),
    events.ImageAdded(image_id="i1", board_id="bd1", owner_id="u1"),
    events.ImageAdded(image_id="i2", board_id=None, owner_id="u1"),
    events.ModelInstallProgress(source="/srv/models/sd15", stage="loading", message="loading"),
    events.SessionsEnded(user_id="3f2a0c1e-0000-4000-8000-000000000001"),
    events.SessionsEnded(user_id=None),
    events.WorkerWake(),
    events.CancelRequested(item_id=7),
]


# --- the bus -----------------------------------------------------------------------------------


async def test_poll_returns_none_when_nothing_is_buffered() -> None:
    sub = EventBus().subscribe([events.PROGRESS])
    assert sub.poll() is None


async def test_poll_returns_only_the_newest_coalesced_event() -> None:
    bus = EventBus()
    sub = bus.subscribe([events.PROGRESS])
    bus.publish(events.PROGRESS, progress(1), coalesce_key="7")
    bus.publish(events.PROGRESS, progress(2), coalesce_key="7")
    event = sub.poll()
    assert event is not None and event.payload == progress(2)
    assert sub.poll() is None


async def test_poll_raises_once_the_subscriber_overflowed() -> None:
    bus = EventBus(subscriber_capacity=1)
    sub = bus.subscribe([events.QUEUE])
    bus.publish(events.QUEUE, events.BatchEnqueued("b1", 1))
    bus.publish(events.QUEUE, events.BatchEnqueued("b2", 1))
    with pytest.raises(SubscriberOverflow):
        sub.poll()


async def test_only_queue_events_get_a_cursor_and_are_replayed() -> None:
    bus = EventBus()
    first = bus.publish(events.QUEUE, events.QueueCleared())
    bus.publish(events.PROGRESS, progress(1), coalesce_key="7")
    second = bus.publish(events.QUEUE, events.ProcessorStateChanged())
    assert first.cursor and second.cursor
    assert bus.missed_since(first.cursor) == [second]


def test_what_subscribers_rendered_is_not_part_of_the_event() -> None:
    a = events.Event(events.QUEUE, events.QueueCleared(), cursor="x-1")
    b = events.Event(events.QUEUE, events.QueueCleared(), cursor="x-1")
    a.renders["view"] = object()
    assert a == b and "renders" not in repr(a)


# --- the typed events --------------------------------------------------------------------------


def test_every_event_class_has_its_own_kind_name() -> None:
    classes = typing.get_args(events.LiveEvent)
    assert len({cls.kind for cls in classes}) == len(classes)
    assert set(events.KINDS.values()) == set(classes)
    assert {type(s) for s in SAMPLES} == set(classes)


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: f"{type(e).__name__}")
def test_every_event_survives_a_json_round_trip(event: events.LiveEvent) -> None:
    wire = json.dumps(events.to_dict(event))  # plain JSON: no default= hook needed
    back = events.from_dict(json.loads(wire))
    assert back == event and type(back) is type(event)


def test_a_snapshot_travels_with_its_times_as_iso_text() -> None:
    data = events.to_dict(events.QueueItemStatusChanged(snapshot()))
    assert data["kind"] == "status"
    assert data["item"]["created_at"] == "2024-05-01T12:00:00.123456+00:00"
    assert data["item"]["completed_at"] is None
    assert data["item"]["params"] == snapshot().params


def test_kinds_are_the_names_a_receiver_dispatches_on() -> None:
    assert events.to_dict(events.QueueCleared()) == {"kind": "cleared"}
    assert events.to_dict(events.ImageAdded("i1", None, "u1")) == {
        "kind": "image",
        "image_id": "i1",
        "board_id": None,
        "owner_id": "u1",
    }
    with pytest.raises(KeyError):
        events.from_dict({"kind": "no-such-kind"})


def test_topics_are_the_known_ones_and_only_the_queue_replays() -> None:
    assert events.TOPICS == ("queue", "progress", "image", "model_install", "sessions", "control")
    assert sorted(events.REPLAYABLE_TOPICS) == ["queue"]
    assert events.LOCAL_TOPICS.issubset(events.TOPICS)


def test_the_worker_control_events_are_named_wake_and_cancel() -> None:
    assert events.to_dict(events.WorkerWake()) == {"kind": "wake"}
    assert events.to_dict(events.CancelRequested(3)) == {"kind": "cancel", "item_id": 3}
