"""The generation queue: enqueue, cancel, retry, clear, prune, processor control.

Reads (lists, positions, counts, events) are in queue_view; the worker's state
transitions (claim, finish, crash recovery) in queue_jobs. Owners act on their
own items, admins on any; everyone signed in may look (sanitized).
"""

from __future__ import annotations

import importlib.util
import math
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import QueueItem, User
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.generation import limits
from gql_invoke.services import app_settings, audit, queue_view, scheduler
from gql_invoke.services.queue_view import ItemSnapshot, StatusView, get_item, parse_item_id
from gql_invoke.services.scope import lock_owner, parse_uuid, require_admin

MAX_PROMPT = 10_000
SIZE_RULE = (limits.SIZE_MIN, limits.SIZE_MAX, limits.SIZE_MULTIPLE)
MAX_RUNS = 100
# GraphQL's Int is a signed 32-bit integer, so that is the largest seed the API
# can carry both ways; seeds of later runs wrap around below it.
SEED_LIMIT = 2**31
SCHEDULERS = limits.SCHEDULER_NAMES
# Schedulers that need an optional package (diffusers falls back to a dummy class).
_SCHEDULER_NEEDS = {"LMS": "scipy"}


@dataclass(frozen=True)
class GenerationSpec:
    """A generation request as the client sent it; None means "the model's default"."""

    prompt: str
    negative_prompt: str | None = ""
    model: str | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    cfg_scale: float | None = None
    scheduler: str | None = None
    seed: int | None = None
    board_id: str | None = None


def _wake_worker() -> None:
    worker = runtime.current().worker
    if worker is not None:
        worker.wake()


def _check_text(value: Any, name: str, allow_empty: bool) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{name} must be a string", field=name)
    if len(value) > MAX_PROMPT:
        raise Invalid(f"{name} must be at most {MAX_PROMPT} characters", field=name)
    if not allow_empty and not value.strip():
        raise Invalid(f"{name} must not be empty", field=name)
    return value


def _check_int(value: Any, name: str, low: int, high: int, step: int = 1) -> int:
    if not limits.is_int(value) or not low <= value <= high or value % step:
        rule = f"an integer from {low} to {high}"
        if step > 1:
            rule = f"a multiple of {step} from {low} to {high}"
        raise Invalid(f"{name} must be {rule}, got {value!r}", field=name)
    return value


def _check_scheduler(name: Any) -> str:
    if name not in SCHEDULERS:
        raise Invalid(f"scheduler must be one of {', '.join(SCHEDULERS)}", field="scheduler")
    needs = _SCHEDULER_NEEDS.get(name)
    if needs and importlib.util.find_spec(needs) is None:
        raise Invalid(
            f"scheduler {name} is not available on this server (needs {needs})", field="scheduler"
        )
    return str(name)


def validate_spec(spec: GenerationSpec, defaults: dict[str, Any]) -> dict[str, Any]:
    """The full params of the first run, defaults filled in; raises Invalid naming the field."""
    prompt = _check_text(spec.prompt, "prompt", allow_empty=False)
    negative = _check_text(spec.negative_prompt or "", "negativePrompt", allow_empty=True)

    def pick(value: Any, key: str) -> Any:
        return defaults.get(key) if value is None else value

    width = _check_int(pick(spec.width, "width"), "width", *SIZE_RULE)
    height = _check_int(pick(spec.height, "height"), "height", *SIZE_RULE)
    steps = _check_int(pick(spec.steps, "steps"), "steps", limits.STEPS_MIN, limits.STEPS_MAX)
    cfg = pick(spec.cfg_scale, "cfgScale")
    if (
        isinstance(cfg, bool)
        or not isinstance(cfg, int | float)
        or not math.isfinite(cfg)
        or not limits.CFG_MIN <= cfg <= limits.CFG_MAX
    ):
        raise Invalid(
            f"cfgScale must be a number from {limits.CFG_MIN} to {limits.CFG_MAX}, got {cfg!r}",
            field="cfgScale",
        )
    sched = _check_scheduler(pick(spec.scheduler, "scheduler"))
    seed = spec.seed
    if seed is None:
        seed = secrets.randbelow(SEED_LIMIT)
    _check_int(seed, "seed", 0, SEED_LIMIT - 1)
    return {
        "prompt": prompt,
        "negativePrompt": negative,
        "width": width,
        "height": height,
        "steps": steps,
        "cfgScale": float(cfg),
        "scheduler": sched,
        "seed": seed,
    }


def cost_of(params: dict[str, Any]) -> float:
    """GPU work: steps x megapixels."""
    return params["steps"] * params["width"] * params["height"] / 1e6


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
    pending = await QueueItem.filter(owner_id=owner_id, status="PENDING").count()
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
    """Validate everything, then store one PENDING item per run in one transaction."""
    from gql_invoke.services import boards, models

    _check_int(runs, "runs", 1, MAX_RUNS)
    if prepend and not actor.is_admin:
        raise Forbidden("only admins can prepend to the queue (prepend)", field="prepend")
    rec = await models.resolve_model(spec.model)
    params = validate_spec(spec, models.model_defaults(rec))
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
            status="PENDING",
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
    _wake_worker()
    return str(batch_id), stored


# --- acting on items ----------------------------------------------------------------


def _require_owner(actor: Actor, row: QueueItem, doing: str) -> None:
    if not queue_view.can_see_details(actor, str(row.owner_id)):  # type: ignore[attr-defined]
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
                row.status == "IN_PROGRESS"
                and worker is not None
                and not worker.request_cancel(row.id)
            ):
                break  # its image is being saved: too late to cancel
            if await QueueItem.filter(id=row.id, status=row.status).update(
                status="CANCELED", error=reason, completed_at=now
            ):
                row.status, row.error, row.completed_at = "CANCELED", reason, now
                changed.append(queue_view.snapshot(row))
                break
            fresh = await QueueItem.get_or_none(id=row.id)
            if fresh is None or fresh.status not in ("PENDING", "IN_PROGRESS"):
                break
            row.status = fresh.status
    return changed


async def cancel_item(actor: Actor, item_id: str) -> QueueItem:
    row = await get_item(actor, item_id)
    _require_owner(actor, row, "cancel")
    if row.status not in ("PENDING", "IN_PROGRESS"):
        raise Conflict(f"queue item {row.id} is already {row.status}", field="id")
    changed = await _cancel_rows([row], f"canceled by {actor.display_name}")
    if not changed:
        fresh = await get_item(actor, item_id)
        if fresh.status == "IN_PROGRESS":
            raise Conflict(
                f"queue item {row.id} has finished generating and its image is "
                "being saved: too late to cancel",
                field="id",
            )
        if fresh.status != "CANCELED":
            raise Conflict(
                f"queue item {row.id} finished before it could be canceled ({fresh.status})",
                field="id",
            )
        return fresh
    queue_view.publish_status(changed[0])
    return row


async def cancel_batch(actor: Actor, batch_id: str) -> int:
    bid = parse_uuid(batch_id, "batchId")
    rows = await QueueItem.filter(batch_id=bid).order_by("id")
    if not rows:
        raise NotFound(f"batch {batch_id} not found", field="batchId")
    for row in rows:
        _require_owner(actor, row, "cancel")
    active = [r for r in rows if r.status in ("PENDING", "IN_PROGRESS")]
    changed = await _cancel_rows(active, f"canceled by {actor.display_name}")
    for snap in changed:
        queue_view.publish_status(snap)
    return len(changed)


async def retry_items(actor: Actor, item_ids: list[str]) -> list[QueueItem]:
    """FAILED or CANCELED items come back as new PENDING items (same owner and params)."""
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
        if row.status not in ("FAILED", "CANCELED"):
            raise Conflict(
                f"queue item {item_id} is {row.status}: only FAILED or CANCELED "
                "items can be retried",
                field="ids",
            )
    by_owner: dict[str, list[QueueItem]] = {}
    for item_id in wanted:
        by_owner.setdefault(str(found[item_id].owner_id), []).append(found[item_id])  # type: ignore[attr-defined]
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
                        status="PENDING",
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
    _wake_worker()
    return created


async def clear_queue(actor: Actor) -> int:
    """Admins: every pending item and the running one; others: their own pending items."""
    if actor.is_admin:
        rows = await QueueItem.filter(status__in=["PENDING", "IN_PROGRESS"])
    else:
        rows = await QueueItem.filter(owner_id=actor.user_id, status="PENDING")
    changed = await _cancel_rows(rows, f"queue cleared by {actor.display_name}")
    if changed:
        queue_view.publish_cleared()
        await audit.record(actor, "queue.clear", "queue", None, {"canceled": len(changed)})
    return len(changed)


async def prune_queue(actor: Actor) -> int:
    """Delete finished items (COMPLETED, FAILED, CANCELED): own, or every one for admins."""
    query = QueueItem.filter(status__in=list(queue_view.FINISHED))
    if not actor.is_admin:
        query = query.filter(owner_id=actor.user_id)
    count = await query.delete()
    if count:
        queue_view.publish_cleared()
    return count


async def cancel_pending_of_owner(actor: Actor, user_id: str, reason: str) -> int:
    """A deactivated or deleted user's jobs must not use the GPU (running one included)."""
    rows = await QueueItem.filter(owner_id=user_id, status__in=["PENDING", "IN_PROGRESS"])
    changed = await _cancel_rows(rows, reason)
    if changed:
        queue_view.publish_cleared()
    return len(changed)


# --- the processor ----------------------------------------------------------------------


async def _set_processor(actor: Actor, key: str, value: str, action: str) -> StatusView:
    require_admin(actor, "only admins can control the queue processor")
    await app_settings.set_value(key, value)
    queue_view.publish_processor()
    await audit.record(actor, action, "queue", None, {key: value})
    _wake_worker()
    return await queue_view.status_for(actor)


async def pause(actor: Actor) -> StatusView:
    return await _set_processor(actor, queue_view.PAUSED_KEY, "1", "queue.pause")


async def resume(actor: Actor) -> StatusView:
    return await _set_processor(actor, queue_view.PAUSED_KEY, "0", "queue.resume")


async def set_policy(actor: Actor, policy: str) -> StatusView:
    if policy not in scheduler.POLICIES:
        raise Invalid(f"policy must be one of {', '.join(scheduler.POLICIES)}", field="policy")
    return await _set_processor(actor, queue_view.POLICY_KEY, policy, "queue.policy")
