"""The worker's side of the queue: claim, lease, finish, fail, give back, recover.

Every transition is a conditional UPDATE (``WHERE id = ? AND status = ?``) whose
row count says whether it happened, so two workers, or a worker and a user's
cancel, can never both win.

Claims: on PostgreSQL the next item is locked with ``SELECT ... FOR UPDATE SKIP
LOCKED`` inside a transaction, trying the first few items of the line in the
policy's order (queue_line.head_few), so concurrent claimers take different items
at once, each the best one nobody else is taking; on SQLite (one writer at a time)
the head of the line is taken by the conditional UPDATE, looking again when
another claimer won it.

Leases: a claim by a named worker holds the item until ``lease_expires_at`` (now +
``worker_lease_seconds``); the worker renews it while it generates
(``renew_lease``, services/workers.heartbeat). Any process may reap expired
leases (``reap_expired_leases``): the item is re-queued once, then failed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.db.models import QueueItem, Worker
from gql_invoke.domain import QueueItemStatus, QueuePolicy, WorkerStatus
from gql_invoke.services import queue_view

log = logging.getLogger("gql_invoke.queue")
MAX_ATTEMPTS = 2
INTERRUPTED_TWICE = "interrupted twice (the server stopped while generating it); retry it"
LOST_TWICE = (
    "its worker was lost twice (it stopped or went silent past its lease while generating "
    "it); retry it"
)
# How often to look again when other claimers win the race for the head of the line.
_CLAIM_TRIES = 5
# On PostgreSQL: how many items of the line a claim tries (SKIP LOCKED) before it looks
# again; more claimers at once than this wait a moment for the others to commit.
HEAD_FEW = 8


def _lease_seconds() -> int:
    return runtime.current().settings.worker_lease_seconds


def _claim_changes(worker_id: str | None) -> dict[str, Any]:
    now = datetime.now(UTC)
    lease = None if worker_id is None else now + timedelta(seconds=_lease_seconds())
    return {
        "status": QueueItemStatus.IN_PROGRESS,
        "started_at": now,
        "attempts": F("attempts") + 1,
        "worker_id": worker_id,
        "lease_expires_at": lease,
    }


def _on_postgres() -> bool:
    return bool(QueueItem._meta.db.capabilities.dialect == "postgres")


async def claim_next(worker_id: str | None = None, publish: bool = True) -> QueueItem | None:
    """Internal: a worker (no actor); raises nothing.

    Mark the next item per policy IN_PROGRESS and return it; None if none or paused.

    ``worker_id``: the claimer (services/workers), stored on the row with a lease of
    ``worker_lease_seconds`` it must renew (``renew_lease``); None (a worker that does not
    register) stores neither, and such a claim is recovered only by ``recover_interrupted``.
    Two claimers at once never get the same item.

    ``publish=False``: the caller publishes the status event itself (the worker
    does, once the job is on the GPU).
    """
    paused, policy = await queue_view.processor_state()
    if paused:
        return None
    claim = _claim_skip_locked if _on_postgres() else _claim_head
    item_id = await claim(policy, worker_id)
    if item_id is None:
        return None
    row = await QueueItem.get(id=item_id)
    if publish:
        queue_view.publish_status(row)
    else:
        queue_view.invalidate()
    return row


async def _claim_head(policy: str, worker_id: str | None) -> int | None:
    """SQLite: the head of the line by conditional UPDATE, looking again on a lost race."""
    for _ in range(_CLAIM_TRIES):
        # Read fresh each time (only the head, never the whole line: 10,000
        # pending jobs would cost ~100 ms before every job otherwise).
        candidate = await queue_view.head_of_line(policy)
        if candidate is None:
            return None
        claimed = await QueueItem.filter(id=candidate.id, status="PENDING").update(
            **_claim_changes(worker_id)
        )
        if claimed:
            return candidate.id
    return None


async def _claim_skip_locked(policy: str, worker_id: str | None) -> int | None:
    """PostgreSQL: lock the best item nobody else is claiming, then take it."""
    for attempt in range(_CLAIM_TRIES):
        async with in_transaction() as conn:
            if policy == QueuePolicy.FIFO:
                ids = await _fifo_head(conn)
            else:
                ids = [p.id for p in await queue_view.head_few(policy, HEAD_FEW)]
            if not ids:
                return None
            for item_id in ids:
                if await _lock_and_claim(conn, item_id, worker_id):
                    return item_id
        # Every one of the first few is being claimed right now: let those commit.
        await asyncio.sleep(0.005 * (attempt + 1))
    return None


async def _fifo_head(conn: BaseDBAsyncClient) -> list[int]:
    """FIFO's order is one ORDER BY: the first unlocked pending item, locked."""
    # A model query: Tortoise leaves FOR UPDATE out of values()/values_list() queries.
    rows = (
        await QueueItem.filter(status="PENDING")
        .order_by("-priority", "id")
        .limit(1)
        .select_for_update(skip_locked=True)
        .using_db(conn)
        .only("id")
    )
    return [r.id for r in rows]


async def _lock_and_claim(conn: BaseDBAsyncClient, item_id: int, worker_id: str | None) -> bool:
    """Lock one pending item unless another claimer holds it, and claim it."""
    locked = (
        await QueueItem.filter(id=item_id, status="PENDING")
        .select_for_update(skip_locked=True)
        .using_db(conn)
        .only("id")
        .first()
    )
    if locked is None:
        return False
    changed = (
        await QueueItem.filter(id=item_id, status="PENDING")
        .using_db(conn)
        .update(**_claim_changes(worker_id))
    )
    return bool(changed)


async def renew_lease(worker_id: str, item_ids: Sequence[int]) -> int:
    """Internal: the worker (services/workers.heartbeat); raises nothing.

    Push the lease of ``worker_id``'s items still IN_PROGRESS under it to now +
    ``worker_lease_seconds``; returns how many were renewed (an item canceled, finished
    or reaped meanwhile is not, and stays so)."""
    if not item_ids:
        return 0
    until = datetime.now(UTC) + timedelta(seconds=_lease_seconds())
    return await QueueItem.filter(
        id__in=list(item_ids), status="IN_PROGRESS", worker_id=worker_id
    ).update(lease_expires_at=until)


def _running(item_id: int, worker_id: str | None) -> Any:
    # With a worker id: only while that worker still holds it. A worker whose lease ran
    # out (it stalled) may find its item re-queued and claimed by another: its late
    # result must neither finish that run nor store a second image.
    query = QueueItem.filter(id=item_id, status="IN_PROGRESS")
    return query if worker_id is None else query.filter(worker_id=worker_id)


async def _transition(
    item_id: int, worker_id: str | None = None, **changes: object
) -> QueueItem | None:
    """IN_PROGRESS -> something, only if it still is IN_PROGRESS (not canceled meanwhile)
    and, given ``worker_id``, still that worker's; the item leaves its worker (worker_id
    and lease cleared)."""
    n = await _running(item_id, worker_id).update(**changes, worker_id=None, lease_expires_at=None)
    if not n:
        return None
    row = await QueueItem.get_or_none(id=item_id)
    if row is not None:
        queue_view.publish_status(row)
    return row


async def still_running(
    item_id: int, worker_id: str | None = None, attempts: int | None = None
) -> bool:
    """Internal: the worker, before it stores an image; raises nothing.

    Whether the item is still IN_PROGRESS (not canceled from another process) and, given
    ``worker_id``, still held by that worker (not re-queued after its lease expired);
    given ``attempts`` (the claim's), still under that claim: a worker that stalled past
    its lease and then claimed its own re-queued item again must not store the stale
    run's result under the new claim (which runs the job again)."""
    query = _running(item_id, worker_id)
    if attempts is not None:
        query = query.filter(attempts=attempts)
    return bool(await query.exists())


async def complete(
    item_id: int, worker_id: str | None = None, params: dict[str, Any] | None = None
) -> bool:
    """Internal: the worker; raises nothing.

    IN_PROGRESS -> COMPLETED; False when it no longer was IN_PROGRESS. ``params``, if
    given, replaces the item's (the worker adds what it measured: promptTokens)."""
    extra: dict[str, Any] = {} if params is None else {"params": params}
    return (
        await _transition(
            item_id,
            worker_id,
            status="COMPLETED",
            completed_at=datetime.now(UTC),
            error=None,
            **extra,
        )
        is not None
    )


async def fail(item_id: int, error: str, worker_id: str | None = None) -> bool:
    """Internal: the worker; raises nothing.

    IN_PROGRESS -> FAILED with ``error`` (cut to 2000 characters); False as complete."""
    return (
        await _transition(
            item_id, worker_id, status="FAILED", completed_at=datetime.now(UTC), error=error[:2000]
        )
        is not None
    )


async def canceled(item_id: int, reason: str = "canceled", worker_id: str | None = None) -> bool:
    """Internal: the worker; raises nothing.

    IN_PROGRESS -> CANCELED with ``reason``; False as complete."""
    return (
        await _transition(
            item_id, worker_id, status="CANCELED", completed_at=datetime.now(UTC), error=reason
        )
        is not None
    )


async def give_back(item_id: int, worker_id: str | None = None) -> bool:
    """Internal: the worker at shutdown; raises nothing.

    Shutdown stopped it: PENDING again, and this run does not count as an attempt."""
    return (
        await _transition(
            item_id, worker_id, status="PENDING", started_at=None, attempts=F("attempts") - 1
        )
        is not None
    )


async def reap_expired_leases() -> tuple[int, int]:
    """Internal: any process (workers, the server, the CLI), as often as it likes; raises
    nothing.

    Items whose worker let the lease run out (crashed, hung, cut off): re-queued once, then
    FAILED (``LOST_TWICE``), each with a status event; workers silent for longer than a
    lease are marked LOST. Returns (re-queued, failed).

    Idempotent and safe to run in several processes at once: each change is a conditional
    UPDATE on the lease it found expired, so a renewal or another reaper in between wins.
    """
    now = datetime.now(UTC)
    expired = await QueueItem.filter(status="IN_PROGRESS", lease_expires_at__lt=now).values_list(
        "id", "attempts"
    )
    counts = (0, 0)
    for item_id, attempts in expired:
        # Still expired when changed: a renewal in between keeps the item with its worker.
        counts = _add(
            counts, await _recover(item_id, attempts, LOST_TWICE, lease_expires_at__lt=now)
        )
    await _mark_silent_workers_lost(now)
    if counts[0]:
        queue_view.wake_worker()  # an idle worker takes it now, not at its next beat
    if any(counts):
        log.warning(
            "lost workers: %d job(s) re-queued, %d failed (lost twice)", counts[0], counts[1]
        )
    return counts


async def recover_interrupted() -> tuple[int, int]:
    """Internal: a worker's or the server's start (no actor); raises nothing.

    Items a crash left IN_PROGRESS are re-queued once, then failed: those whose lease
    expired (``reap_expired_leases``) and those claimed without a lease (by a worker
    without an id, or before leases existed). Items under a live lease belong to a running
    worker and are left alone: it renews them, or they expire and are reaped then.

    Returns (re-queued, failed). Nothing a user asked for silently vanishes.
    """
    counts = await reap_expired_leases()
    unleased = await QueueItem.filter(
        status="IN_PROGRESS", lease_expires_at__isnull=True
    ).values_list("id", "attempts")
    legacy = (0, 0)
    for item_id, attempts in unleased:
        legacy = _add(
            legacy,
            await _recover(item_id, attempts, INTERRUPTED_TWICE, lease_expires_at__isnull=True),
        )
    if any(legacy):
        log.warning(
            "crash recovery: %d interrupted job(s) re-queued, %d failed (interrupted twice)",
            *legacy,
        )
    return _add(counts, legacy)


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] + b[0], a[1] + b[1]


async def _recover(item_id: int, attempts: int, error: str, **still: Any) -> tuple[int, int]:
    """One stranded item back to PENDING, or FAILED after MAX_ATTEMPTS, if it is still as
    it was found (``still``: the lease condition it was found by); (re-queued, failed)."""
    query = QueueItem.filter(id=item_id, status="IN_PROGRESS", attempts=attempts, **still)
    cleared = {"worker_id": None, "lease_expires_at": None}
    if attempts >= MAX_ATTEMPTS:
        changed = await query.update(
            status="FAILED", error=error, completed_at=datetime.now(UTC), **cleared
        )
        result = (0, 1) if changed else (0, 0)
    else:
        changed = await query.update(status="PENDING", started_at=None, **cleared)
        result = (1, 0) if changed else (0, 0)
    if changed:
        row = await QueueItem.get_or_none(id=item_id)
        if row is not None:
            queue_view.publish_status(row)
    return result


# How long a LOST worker stays listed (admins see what went away, then the row goes):
# every crash or kill -9 leaves one, and worker ids are new at each start.
LOST_KEPT = timedelta(days=1)


def lost_after(last_heartbeat_at: datetime, lease_seconds: int) -> datetime:
    """Internal: any process judging a worker (the reaper, the admin list); raises
    nothing.

    When a worker that last beat at ``last_heartbeat_at`` became LOST: a lease after it,
    by its own lease (a worker machine may be configured otherwise than the reader)."""
    return last_heartbeat_at + timedelta(seconds=lease_seconds)


async def _mark_silent_workers_lost(now: datetime) -> int:
    # A handful of rows: the rule is read in Python, each change conditional on the beat
    # it judged (a beat in between wins).
    rows = await Worker.all().values_list("id", "status", "last_heartbeat_at", "lease_seconds")
    lost = 0
    for worker_id, status, beat, lease in rows:
        lost_at = lost_after(beat, lease)
        if lost_at + LOST_KEPT < now:  # a day after it became LOST
            await Worker.filter(id=worker_id, last_heartbeat_at=beat).delete()
        elif lost_at < now and status != WorkerStatus.LOST:
            lost += await Worker.filter(id=worker_id, last_heartbeat_at=beat).update(
                status=WorkerStatus.LOST
            )
    return lost
