"""The generation queue: enqueue, cancel, retry, clear, prune.

What a request may ask is checked by queue_spec; reads (lists, positions, counts,
events) are in queue_view; the worker's state transitions (claim, finish, crash
recovery) in queue_jobs; pausing, resuming and the policy in queue_processor.
Owners act on their own items, admins on any; everyone signed in may look
(sanitized).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import QueueItem, User
from gql_invoke.domain import ACTIVE_STATUSES, FINISHED_STATUSES, QueueItemStatus
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.generation.settings_check import SEED_LIMIT, check
from gql_invoke.services import audit, boards, field_rules, models, queue_sources, queue_view
from gql_invoke.services.queue_spec import MAX_RUNS, RUNS, GenerationSpec, cost_of, validate_spec
from gql_invoke.services.queue_view import ItemSnapshot, get_item, parse_item_id, wake_worker
from gql_invoke.services.scope import lock_owner, parse_uuid, require_admin


async def _check_pending_quota(owner_id: str, adding: int) -> None:
    """The owner's maxPendingJobs quota, else the site's default_max_pending_jobs.

    The default applies to everyone without a quota of their own, admins too (an
    admin who needs more sets their own quota); it is no cap in single-user mode
    unless configured. Without one, a script queues 10,000 jobs in seconds.
    """
    user = await User.filter(id=owner_id).only("id", "max_pending_jobs").first()
    own = user.max_pending_jobs if user is not None else None
    limit = own if own is not None else runtime.current().settings.effective_max_pending_jobs
    if limit is None:
        return
    pending = await QueueItem.filter(owner_id=owner_id, status=QueueItemStatus.PENDING).count()
    if pending + adding > limit:
        source = (
            "your maxPendingJobs quota"
            if own is not None
            else ("the site default for users without a quota (default_max_pending_jobs)")
        )
        raise Conflict(
            f"maxPendingJobs quota exceeded: {pending} pending + {adding} new > "
            f"{limit} allowed by {source}",
            field="maxPendingJobs",
        )


async def enqueue(
    actor: Actor, spec: GenerationSpec, runs: int = 1, prepend: bool = False
) -> tuple[str, list[QueueItem]]:
    """Any signed-in actor (prepend: admins only, Forbidden otherwise); Invalid for runs,
    the model or a setting, what boards.require raises for boardId (Invalid, NotFound,
    Forbidden without WRITE), NotFound for an init/mask image the caller cannot read or an
    unknown LoRA/VAE (queue_sources), Conflict past maxPendingJobs.

    Validate everything, then store one PENDING item per run in one transaction."""
    with field_rules.settings_errors():
        check("runs", runs, RUNS)
    if prepend:
        require_admin(actor, "only admins can prepend to the queue (prepend)", field="prepend")
    rec = await models.resolve_model(spec.model)
    defaults = models.model_defaults(rec)
    if spec.init_image_id is not None:
        # Image-to-image draws at the init image's size unless the request says.
        init = await queue_sources.readable_image(actor, spec.init_image_id, "initImageId")
        width, height = queue_sources.size_from(init)
        defaults = defaults | {"width": width, "height": height}
    params = validate_spec(spec, defaults)
    await queue_sources.check_sources(actor, params, rec.base)
    board_id = None
    if spec.board_id is not None:
        board, _level = await boards.require(
            actor, spec.board_id, boards.Access.WRITE, "generate into it", field="boardId"
        )
        board_id = str(board.id)
    params |= {"model": rec.key, "boardId": board_id}
    batch_id = uuid.uuid4()
    first_seed = params["seed"]
    rows = [
        QueueItem(
            batch_id=batch_id,
            owner_id=actor.user_id,
            status=QueueItemStatus.PENDING,
            priority=1 if prepend else 0,
            model_key=rec.key,
            cost=cost_of(params),
            params={**params, "seed": (first_seed + i) % SEED_LIMIT},
        )
        for i in range(runs)
    ]
    async with in_transaction():
        # Inside the transaction, so two concurrent enqueues cannot both slip under it.
        await lock_owner(actor.user_id)
        await _check_pending_quota(actor.user_id, runs)
        await QueueItem.bulk_create(rows)
    stored = await QueueItem.filter(batch_id=batch_id).order_by("id")
    queue_view.publish_batch(str(batch_id), len(stored))
    wake_worker()
    return str(batch_id), stored


# --- acting on items ----------------------------------------------------------------


def _require_owner(actor: Actor, row: QueueItem, doing: str) -> None:
    if not actor.owns_or_admin(row.owner_id):
        raise Forbidden(f"only the owner or an admin can {doing} this queue item")


async def _cancel_rows(rows: Iterable[QueueItem], reason: str) -> list[ItemSnapshot]:
    """Cancel pending and running items; returns what changed. No events published."""
    now = datetime.now(UTC)
    worker = runtime.current().worker
    changed: list[ItemSnapshot] = []
    for row in rows:
        # Twice: the worker may claim a pending item between our read and our update.
        for _ in range(2):
            if (
                row.status == QueueItemStatus.IN_PROGRESS
                and worker is not None
                and not worker.request_cancel(row.id)
            ):
                break  # its image is being saved: too late to cancel
            if await QueueItem.filter(id=row.id, status=row.status).update(
                status=QueueItemStatus.CANCELED, error=reason, completed_at=now
            ):
                if row.status == QueueItemStatus.IN_PROGRESS and worker is None:
                    # Run by a worker process: it stops at its next step (and, were
                    # the message lost, finds the row CANCELED before saving the image).
                    runtime.current().bus.publish(
                        events.CONTROL, events.CancelRequested(item_id=row.id)
                    )
                row.status, row.error, row.completed_at = QueueItemStatus.CANCELED, reason, now
                changed.append(queue_view.snapshot(row))
                break
            fresh = await QueueItem.get_or_none(id=row.id)
            if fresh is None or fresh.status not in ACTIVE_STATUSES:
                break
            row.status = fresh.status
    return changed


async def cancel_item(actor: Actor, item_id: str) -> QueueItem:
    """The item's owner or an admin (Forbidden otherwise); Invalid for a bad id, NotFound
    when missing, Conflict when it has finished or its image is being saved.

    Cancels a pending or running item."""
    row = await get_item(actor, item_id)
    _require_owner(actor, row, "cancel")
    if row.status not in ACTIVE_STATUSES:
        raise Conflict(f"queue item {row.id} is already {row.status}", field="id")
    changed = await _cancel_rows([row], f"canceled by {actor.display_name}")
    if not changed:
        fresh = await get_item(actor, item_id)
        if fresh.status == QueueItemStatus.IN_PROGRESS:
            raise Conflict(
                f"queue item {row.id} has finished generating and its image is "
                "being saved: too late to cancel",
                field="id",
            )
        if fresh.status != QueueItemStatus.CANCELED:
            raise Conflict(
                f"queue item {row.id} finished before it could be canceled ({fresh.status})",
                field="id",
            )
        return fresh
    queue_view.publish_status(changed[0])
    return row


async def cancel_batch(actor: Actor, batch_id: str) -> int:
    """The owner of every item of the batch, or an admin (Forbidden otherwise); Invalid for
    a bad id, NotFound for an unknown batch.

    Cancels its pending and running items; returns how many."""
    bid = parse_uuid(batch_id, "batchId")
    rows = await QueueItem.filter(batch_id=bid).order_by("id")
    if not rows:
        raise NotFound(f"batch {batch_id} not found", field="batchId")
    for row in rows:
        _require_owner(actor, row, "cancel")
    active = [r for r in rows if r.status in ACTIVE_STATUSES]
    changed = await _cancel_rows(active, f"canceled by {actor.display_name}")
    for snap in changed:
        queue_view.publish_status(snap)
    return len(changed)


async def retry_items(actor: Actor, item_ids: list[str]) -> list[QueueItem]:
    """Each item's owner or an admin (Forbidden otherwise); Invalid for no, too many or bad
    ids, NotFound for a missing item, Conflict for one not FAILED or CANCELED or past
    maxPendingJobs.

    FAILED or CANCELED items come back as new PENDING items (same owner and params)."""
    if not item_ids:
        raise Invalid("ids must not be empty", field="ids")
    if len(item_ids) > MAX_RUNS:
        raise Invalid(f"ids: at most {MAX_RUNS} items at a time", field="ids")
    wanted = list(dict.fromkeys(parse_item_id(i, "ids") for i in item_ids))
    found = {r.id: r for r in await QueueItem.filter(id__in=wanted)}
    for item_id in wanted:
        row = found.get(item_id)
        if row is None:
            raise NotFound(f"queue item {item_id} not found", field="ids")
        _require_owner(actor, row, "retry")
        if row.status not in (QueueItemStatus.FAILED, QueueItemStatus.CANCELED):
            raise Conflict(
                f"queue item {item_id} is {row.status}: only FAILED or CANCELED "
                "items can be retried",
                field="ids",
            )
    by_owner: dict[str, list[QueueItem]] = {}
    for item_id in wanted:
        by_owner.setdefault(str(found[item_id].owner_id), []).append(found[item_id])
    batches: list[tuple[uuid.UUID, int]] = []
    async with in_transaction():
        for owner_id, originals in sorted(by_owner.items()):  # one lock order: no deadlock
            await lock_owner(owner_id)
            await _check_pending_quota(owner_id, len(originals))
            batch_id = uuid.uuid4()
            await QueueItem.bulk_create(
                [
                    QueueItem(
                        batch_id=batch_id,
                        owner_id=owner_id,
                        status=QueueItemStatus.PENDING,
                        priority=0,
                        params=o.params,
                        model_key=o.model_key,
                        cost=o.cost,
                    )
                    for o in originals
                ]
            )
            batches.append((batch_id, len(originals)))
    created = await QueueItem.filter(batch_id__in=[b for b, _ in batches]).order_by("id")
    for batch_id, count in batches:
        queue_view.publish_batch(str(batch_id), count)
    wake_worker()
    return created


async def clear_queue(actor: Actor) -> int:
    """Any signed-in actor; raises nothing.

    Admins: every pending item and the running one; others: their own pending items."""
    if actor.sees_all:
        rows = await QueueItem.filter(status__in=list(ACTIVE_STATUSES))
    else:
        rows = await QueueItem.filter(owner_id=actor.user_id, status=QueueItemStatus.PENDING)
    changed = await _cancel_rows(rows, f"queue cleared by {actor.display_name}")
    if changed:
        queue_view.publish_cleared()
        await audit.record(actor, "queue.clear", "queue", None, {"canceled": len(changed)})
    return len(changed)


async def prune_queue(actor: Actor) -> int:
    """Any signed-in actor; raises nothing.

    Delete finished items (COMPLETED, FAILED, CANCELED): own, or every one for admins."""
    query = QueueItem.filter(status__in=list(FINISHED_STATUSES))
    if not actor.sees_all:
        query = query.filter(owner_id=actor.user_id)
    count = await query.delete()
    if count:
        queue_view.publish_cleared()
    return count


async def cancel_pending_of_owner(actor: Actor, user_id: str, reason: str) -> int:  # noqa: ARG001 - every service takes the Actor first; any actor may call it
    """Internal: cascade, after users' admin check (any actor); raises nothing.

    A deactivated or deleted user's jobs must not use the GPU (running one included)."""
    rows = await QueueItem.filter(owner_id=user_id, status__in=list(ACTIVE_STATUSES))
    changed = await _cancel_rows(rows, reason)
    if changed:
        queue_view.publish_cleared()
    return len(changed)
