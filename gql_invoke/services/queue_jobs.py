"""The worker's side of the queue: claim, finish, fail, give back, recover.

Every transition is a conditional UPDATE (``WHERE id = ? AND status = ?``) whose
row count says whether it happened, so two workers, or a worker and a user's
cancel, can never both win. On PostgreSQL, ``SELECT ... FOR UPDATE SKIP LOCKED``
would let several workers pick different rows without retrying; the conditional
UPDATE is what keeps it correct on every engine.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from tortoise.expressions import F

from gql_invoke.db.models import QueueItem
from gql_invoke.services import queue_view

log = logging.getLogger("gql_invoke.queue")
MAX_ATTEMPTS = 2
INTERRUPTED_TWICE = "interrupted twice (the server stopped while generating it); retry it"
# How often to look again when another worker wins the race for the head of the line.
_CLAIM_TRIES = 5


async def claim_next(publish: bool = True) -> QueueItem | None:
    """Internal: the worker (no actor); raises nothing.

    Mark the next item per policy IN_PROGRESS and return it; None if none or paused.

    ``publish=False``: the caller publishes the status event itself (the worker
    does, once the job is on the GPU).
    """
    paused, policy = await queue_view.processor_state()
    if paused:
        return None
    for _ in range(_CLAIM_TRIES):
        # Read fresh each time (only the head, never the whole line: 10,000
        # pending jobs would cost ~100 ms before every job otherwise).
        candidate = await queue_view.head_of_line(policy)
        if candidate is None:
            return None
        claimed = await QueueItem.filter(id=candidate.id, status="PENDING").update(
            status="IN_PROGRESS", started_at=datetime.now(UTC), attempts=F("attempts") + 1
        )
        if claimed:
            row = await QueueItem.get(id=candidate.id)
            if publish:
                queue_view.publish_status(row)
            else:
                queue_view.invalidate()
            return row
    return None


async def _transition(item_id: int, **changes: object) -> QueueItem | None:
    """IN_PROGRESS -> something, only if it still is IN_PROGRESS (not canceled meanwhile)."""
    n = await QueueItem.filter(id=item_id, status="IN_PROGRESS").update(**changes)
    if not n:
        return None
    row = await QueueItem.get_or_none(id=item_id)
    if row is not None:
        queue_view.publish_status(row)
    return row


async def still_running(item_id: int) -> bool:
    """Internal: the worker, before it stores an image; raises nothing.

    Whether the item is still IN_PROGRESS (not canceled from another process)."""
    return await QueueItem.filter(id=item_id, status="IN_PROGRESS").exists()


async def complete(item_id: int) -> bool:
    """Internal: the worker; raises nothing.

    IN_PROGRESS -> COMPLETED; False when it no longer was IN_PROGRESS."""
    return (
        await _transition(item_id, status="COMPLETED", completed_at=datetime.now(UTC), error=None)
        is not None
    )


async def fail(item_id: int, error: str) -> bool:
    """Internal: the worker; raises nothing.

    IN_PROGRESS -> FAILED with ``error`` (cut to 2000 characters); False as complete."""
    return (
        await _transition(
            item_id, status="FAILED", completed_at=datetime.now(UTC), error=error[:2000]
        )
        is not None
    )


async def canceled(item_id: int, reason: str = "canceled") -> bool:
    """Internal: the worker; raises nothing.

    IN_PROGRESS -> CANCELED with ``reason``; False as complete."""
    return (
        await _transition(item_id, status="CANCELED", completed_at=datetime.now(UTC), error=reason)
        is not None
    )


async def give_back(item_id: int) -> bool:
    """Internal: the worker at shutdown; raises nothing.

    Shutdown stopped it: PENDING again, and this run does not count as an attempt."""
    return (
        await _transition(item_id, status="PENDING", started_at=None, attempts=F("attempts") - 1)
        is not None
    )


async def recover_interrupted() -> tuple[int, int]:
    """Internal: the worker's start (no actor); raises nothing.

    At start-up: items a crash left IN_PROGRESS are re-queued once, then failed.

    Returns (re-queued, failed). Nothing a user asked for silently vanishes.
    """
    now = datetime.now(UTC)
    failed = await QueueItem.filter(status="IN_PROGRESS", attempts__gte=MAX_ATTEMPTS).update(
        status="FAILED", error=INTERRUPTED_TWICE, completed_at=now
    )
    requeued = await QueueItem.filter(status="IN_PROGRESS").update(
        status="PENDING", started_at=None
    )
    if requeued or failed:
        log.warning(
            "crash recovery: %d interrupted job(s) re-queued, %d failed (interrupted twice)",
            requeued,
            failed,
        )
        queue_view.publish_cleared()
    return requeued, failed
