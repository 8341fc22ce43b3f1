"""The workers registry: one row per running GPU task loop, on any machine.

A worker registers when it starts (STARTING), reports its state and current item
with every heartbeat (which also renews its item's lease, queue_jobs.renew_lease),
and removes its row when it exits cleanly. A worker whose last heartbeat is older
than its own ``worker_lease_seconds`` (stored when it registers) is reported LOST (its
lease has run out too, so its item is reaped: queue_jobs.reap_expired_leases, which
also stores LOST).

Admins list the workers (the ``workers`` query); the rest is the workers' own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import QueueItem, Worker
from gql_invoke.domain import QueueItemStatus, WorkerStatus
from gql_invoke.services import queue_jobs
from gql_invoke.services.scope import require_admin

log = logging.getLogger("gql_invoke.workers")


@dataclass(frozen=True)
class WorkerInfo:
    """A worker as admins see it: ``status`` is LOST once it has been silent too long."""

    id: str
    device: str
    host: str
    pid: int
    status: WorkerStatus
    current_item_id: int | None
    started_at: datetime
    last_heartbeat_at: datetime


async def register(worker_id: str, device: str, host: str, pid: int) -> None:
    """Internal: a worker process at start (no actor); raises nothing.

    Store (or, for an id seen before, replace) the worker's row as STARTING, with no
    current item, a first heartbeat now and this process's ``worker_lease_seconds``
    (others judge its silence by it)."""
    now = datetime.now(UTC)
    await Worker.update_or_create(
        id=worker_id,
        defaults={
            "device": device,
            "host": host,
            "pid": pid,
            "status": WorkerStatus.STARTING,
            "current_item_id": None,
            "started_at": now,
            "last_heartbeat_at": now,
            "lease_seconds": runtime.current().settings.worker_lease_seconds,
        },
    )


async def heartbeat(
    worker_id: str, status: WorkerStatus | str, current_item_id: int | None
) -> bool:
    """Internal: a registered worker, every third of ``worker_lease_seconds``; raises
    nothing.

    Store the worker's state and current item, stamp its heartbeat, and renew the lease of
    ``current_item_id`` if the worker still holds it (queue_jobs.renew_lease; an item
    canceled or reaped meanwhile is not renewed: the worker learns it from
    queue_jobs.still_running). Returns False for a worker with no row (never registered,
    or forgotten after a day of silence: suspended that long), which should register
    again."""
    status = WorkerStatus(status)
    found = await Worker.filter(id=worker_id).update(
        status=status, current_item_id=current_item_id, last_heartbeat_at=datetime.now(UTC)
    )
    if current_item_id is not None:
        await queue_jobs.renew_lease(worker_id, [current_item_id])
    return bool(found)


async def set_status(worker_id: str, status: WorkerStatus | str) -> None:
    """Internal: a registered worker, when its state changes between heartbeats; raises
    nothing (ValueError, not a domain error, for an unknown status).

    Store the new state; it counts as a heartbeat (the worker is evidently alive)."""
    await Worker.filter(id=worker_id).update(
        status=WorkerStatus(status), last_heartbeat_at=datetime.now(UTC)
    )


async def set_device(worker_id: str, device: str) -> None:
    """Internal: a worker that registered as "auto" says which device that turned out to
    be (cuda, mps, cpu) once torch is imported; raises nothing."""
    await Worker.filter(id=worker_id).update(device=device)


async def deregister(worker_id: str) -> None:
    """Internal: a worker exiting cleanly (after it gave its item back); raises nothing.

    Mark the worker STOPPING, then remove its row: the registry lists running workers
    only (a worker that vanishes without this shows as LOST instead)."""
    await set_status(worker_id, WorkerStatus.STOPPING)
    await Worker.filter(id=worker_id).delete()


async def list_workers(actor: Actor) -> list[WorkerInfo]:
    """Admins only; Forbidden for anyone else.

    Every registered worker by host, device and id; one silent for longer than its own
    ``worker_lease_seconds`` is reported LOST whatever it last said. Its current item
    (and so BUSY or IDLE) is read from the queue, not from its last heartbeat, which
    is up to a third of a lease old: the item it holds IN_PROGRESS now, the last one
    claimed if it is still saving the one before. Two statements, whatever the count."""
    require_admin(actor)
    now = datetime.now(UTC)
    rows = await Worker.all().order_by("host", "device", "id")
    held: dict[str, int] = {}
    if rows:
        # Oldest claim first, so the newest one (started_at is set at every claim; ids
        # follow enqueueing, not the policy's order) is what each worker keeps.
        claimed = (
            await QueueItem.filter(
                status=QueueItemStatus.IN_PROGRESS, worker_id__in=[row.id for row in rows]
            )
            .order_by("started_at", "id")
            .values_list("worker_id", "id")
        )
        for worker_id, item_id in claimed:
            held[worker_id] = item_id
    return [_info(row, now, held.get(row.id)) for row in rows]


def _info(row: Worker, now: datetime, item_id: int | None) -> WorkerInfo:
    status = WorkerStatus(row.status)
    if queue_jobs.lost_after(row.last_heartbeat_at, row.lease_seconds) < now:
        status = WorkerStatus.LOST
    elif status in (WorkerStatus.IDLE, WorkerStatus.BUSY):
        status = WorkerStatus.BUSY if item_id is not None else WorkerStatus.IDLE
    return WorkerInfo(
        id=row.id,
        device=row.device,
        host=row.host,
        pid=row.pid,
        status=status,
        current_item_id=item_id,
        started_at=row.started_at,
        last_heartbeat_at=row.last_heartbeat_at,
    )
