"""What everyone sees of the queue: snapshots, counts, item pages, events.

Every signed-in user sees every item's status and place in line; only the
owner and admins see what it is (params, error, images, owner name). That rule
is ``Actor.owns_or_admin`` and the GraphQL types apply it per viewer, for queries
and for subscription events alike: events carry an ItemSnapshot (with the
owner id), never text rendered for one viewer.

Reads cost the same however long the queue is: counts come from one GROUP BY
per queue change (shared by every reader), pages are keyset range reads, and
the ordered line (positions, ETAs: queue_line) is only built when asked for.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from tortoise.functions import Count

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import QueueItem
from gql_invoke.domain import ACTIVE_STATUSES, QueueItemStatus
from gql_invoke.errors import Invalid, NotFound
from gql_invoke.events import ItemSnapshot
from gql_invoke.services.queue_cache import (
    CACHE_TTL_S,
    PAUSED_KEY,
    POLICY_KEY,
    aware,
    cached,
    invalidate,
    processor_state,
    raw_rows,
    state,
)
from gql_invoke.services.queue_events import bind
from gql_invoke.services.queue_line import Line, head_few, head_of_line, line, ordered_pending

__all__ = [
    "CACHE_TTL_S",
    "ItemSnapshot",
    "PAUSED_KEY",
    "POLICY_KEY",
    "Line",
    "head_few",
    "head_of_line",
    "invalidate",
    "line",
    "ordered_pending",
    "processor_state",
]

TOPIC = events.QUEUE


def snapshot(row: QueueItem) -> ItemSnapshot:
    """Internal: queue events and the QueueItem type (schema/queue); raises nothing.

    A row as the plain ItemSnapshot that events carry."""
    return ItemSnapshot(
        id=row.id,
        batch_id=str(row.batch_id),
        owner_id=str(row.owner_id),
        status=row.status,
        priority=row.priority,
        params=dict(row.params or {}),
        model_key=row.model_key,
        cost=row.cost,
        error=row.error,
        attempts=row.attempts,
        created_at=row.created_at,
        started_at=row.started_at,
        completed_at=row.completed_at,
    )


def parse_item_id(value: Any, field: str = "id") -> int:
    """Internal: the queue's id fields; Invalid naming ``field`` unless at most 18
    digits."""
    text = str(value).strip()
    # isascii: str.isdigit accepts "²" and other digits int() refuses.
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise Invalid(f"{field} is not a valid queue item id", field=field)
    return int(text)


# --- counts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    by_status: dict[str, int]
    # (owner_id, status) -> count, for PENDING and IN_PROGRESS only.
    active: dict[tuple[str, str], int]


@dataclass(frozen=True)
class StatusView:
    paused: bool
    policy: str
    pending: int
    in_progress: int
    completed: int
    failed: int
    canceled: int
    my_pending: int
    my_in_progress: int


async def counts() -> Counts:
    """Internal: status_for; raises nothing.

    Items per status and per (owner, active status): one GROUP BY per queue change."""
    return await cached(state().counts, _compute_counts)


async def _compute_counts(_previous: Counts | None) -> Counts:
    grouped = (
        await QueueItem.annotate(n=Count("id"))
        .group_by("status", "owner_id")
        .values_list("status", "owner_id", "n")
    )
    by_status = {s.value: 0 for s in QueueItemStatus}
    active: dict[tuple[str, str], int] = {}
    for status, owner_id, n in grouped:
        by_status[status] = by_status.get(status, 0) + n
        if status in ACTIVE_STATUSES:
            active[(str(owner_id), status)] = n
    return Counts(by_status=by_status, active=active)


async def status_for(actor: Actor) -> StatusView:
    """Any signed-in actor (myPending and myInProgress are theirs); raises nothing.

    Counts and the processor's state: never the ordered line."""
    paused, policy = await processor_state()
    current = await counts()
    by_status, mine = current.by_status, actor.user_id
    return StatusView(
        paused=paused,
        policy=policy,
        pending=by_status["PENDING"],
        in_progress=by_status["IN_PROGRESS"],
        completed=by_status["COMPLETED"],
        failed=by_status["FAILED"],
        canceled=by_status["CANCELED"],
        my_pending=current.active.get((mine, "PENDING"), 0),
        my_in_progress=current.active.get((mine, "IN_PROGRESS"), 0),
    )


# --- reading items ----------------------------------------------------------------------


MAX_PAGE = 500


_SNAPSHOT_FIELDS = (
    "id",
    "batch_id",
    "owner_id",
    "status",
    "priority",
    "params",
    "model_key",
    "cost",
    "error",
    "attempts",
    "created_at",
    "started_at",
    "completed_at",
)


def _params(value: Any) -> dict[str, Any]:
    if isinstance(value, str | bytes):
        value = json.loads(value)
    return dict(value or {})


def _snapshot_of(r: Any) -> ItemSnapshot:
    """From a raw row of _SNAPSHOT_FIELDS (driver types: text on SQLite)."""
    return ItemSnapshot(
        id=r[0],
        batch_id=str(r[1]),
        owner_id=str(r[2]),
        status=r[3],
        priority=r[4],
        params=_params(r[5]),
        model_key=r[6],
        cost=r[7],
        error=r[8],
        attempts=r[9],
        created_at=aware(r[10]),  # type: ignore[arg-type]
        started_at=aware(r[11]),
        completed_at=aware(r[12]),
    )


async def list_items(
    actor: Actor,  # noqa: ARG001 - every service takes the Actor first; any actor may call it
    status: str | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[ItemSnapshot]:
    """Any signed-in actor (the types sanitize others' items); Invalid for ``first``,
    ``status`` or ``after``.

    Every item, oldest first (each viewer sees them sanitized); ``after`` is an item id.

    A keyset range read on the primary key (or the status index), whatever the
    queue's length; rows skip Tortoise's per-value conversion (queue_cache.raw_rows).
    """
    if not 1 <= first <= MAX_PAGE:
        raise Invalid(f"first must be from 1 to {MAX_PAGE}", field="first")
    if status is not None and status not in tuple(QueueItemStatus):
        raise Invalid(f"status must be one of {', '.join(QueueItemStatus)}", field="status")
    query = QueueItem.all()
    if status is not None:
        query = query.filter(status=status)
    if after:
        query = query.filter(id__gt=parse_item_id(after, "after"))
    rows = await raw_rows(query.order_by("id").limit(first).values_list(*_SNAPSHOT_FIELDS))
    return [_snapshot_of(r) for r in rows]


async def get_item(actor: Actor, item_id: Any, field: str = "id") -> QueueItem:  # noqa: ARG001 - every service takes the Actor first; any actor may call it
    """Any signed-in actor (the types sanitize others' items); Invalid for a bad id,
    NotFound when missing."""
    row = await QueueItem.get_or_none(id=parse_item_id(item_id, field))
    if row is None:
        raise NotFound(f"queue item {item_id} not found", field=field)
    return row


async def items_by_ids(
    actor: Actor,  # noqa: ARG001 - every service takes the Actor first; any actor may call it
    item_ids: list[int],
) -> dict[int, ItemSnapshot]:
    """Any signed-in actor (the types sanitize others' items); raises nothing.

    The items among ``item_ids`` that exist, by id: one statement (the workers' current
    items, through a DataLoader)."""
    if not item_ids:
        return {}
    rows = await raw_rows(QueueItem.filter(id__in=item_ids).values_list(*_SNAPSHOT_FIELDS))
    return {snap.id: snap for snap in map(_snapshot_of, rows)}


async def batch_owners(batch_id: uuid.UUID) -> set[str]:
    """Internal: live.progress_filter; raises nothing.

    The owners of a batch's items (empty: no such batch)."""
    owners = await QueueItem.filter(batch_id=batch_id).values_list("owner_id", flat=True)
    return {str(o) for o in owners}


# --- events -----------------------------------------------------------------------------
# Written to queue_events first (services/queue_events.py: the cursor every process hands
# out for them), then delivered here and to the other processes; the caller never waits.


def publish_status(row: QueueItem | ItemSnapshot) -> None:
    """Internal: queue, queue_jobs and the worker, after a status change; raises nothing.

    Invalidates the cached reads and publishes QueueItemStatusChanged."""
    snap = row if isinstance(row, ItemSnapshot) else snapshot(row)
    invalidate()
    bind(runtime.current().bus).publish(TOPIC, events.QueueItemStatusChanged(snap))


def publish_batch(batch_id: str, count: int) -> None:
    """Internal: queue's enqueue and retry; raises nothing.

    Invalidates the cached reads and publishes BatchEnqueued."""
    invalidate()
    bind(runtime.current().bus).publish(TOPIC, events.BatchEnqueued(batch_id, count))


def publish_cleared() -> None:
    """Internal: queue and queue_jobs, after changing many items; raises nothing.

    Invalidates the cached reads and publishes QueueCleared."""
    invalidate()
    bind(runtime.current().bus).publish(TOPIC, events.QueueCleared())


def publish_processor() -> None:
    """Internal: queue_processor, after its admin check; raises nothing.

    Invalidates the processor state too and publishes ProcessorStateChanged."""
    invalidate(processor=True)
    bind(runtime.current().bus).publish(TOPIC, events.ProcessorStateChanged())


def wake_worker() -> None:
    """Internal: enqueue, retry_items, queue_processor and the lease sweep, after their
    changes; raises nothing.

    Wakes the workers to look at the queue again: this process's (if it runs one) and,
    through the relay, those of other processes (`serve`'s worker processes)."""
    rt = runtime.current()
    if rt.worker is not None:
        rt.worker.wake()
    rt.bus.publish(events.CONTROL, events.WorkerWake())
