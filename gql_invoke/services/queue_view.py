"""What everyone sees of the queue: snapshots, the pending line, ETAs, counts, events.

Every signed-in user sees every item's status and place in line; only the
owner and admins see what it is (params, error, images, owner name). That rule
is ``can_see_details`` and the GraphQL types apply it per viewer, for queries
and for subscription events alike: events carry an ItemSnapshot (with the
owner id), never text rendered for one viewer.

The line (order, positions, ETAs, counts) is computed once per queue change
and shared by every reader in the process: with a hundred clients watching,
one status change costs one recomputation, not a hundred.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.functions import Count, Max, Sum

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import AppSetting, QueueItem
from gql_invoke.errors import Invalid
from gql_invoke.services import scheduler
from gql_invoke.services.scheduler import Pending, Running, Usage

TOPIC = "queue"
PAUSED_KEY = "queue_paused"
POLICY_KEY = "queue_policy"
STATUSES = ("PENDING", "IN_PROGRESS", "COMPLETED", "FAILED", "CANCELED")
FINISHED = ("COMPLETED", "FAILED", "CANCELED")
# Changes made by another process (the CLI) show up after at most this long.
CACHE_TTL_S = 2.0
RATE_SAMPLE = 20
RATE_TTL_S = 10.0


@dataclass(frozen=True)
class ItemSnapshot:
    id: int
    batch_id: str
    owner_id: str
    status: str
    priority: int
    params: dict[str, Any]
    model_key: str
    cost: float
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None


def snapshot(row: QueueItem) -> ItemSnapshot:
    return ItemSnapshot(
        id=row.id, batch_id=str(row.batch_id), owner_id=str(row.owner_id),  # type: ignore[attr-defined]
        status=row.status, priority=row.priority, params=dict(row.params or {}),
        model_key=row.model_key, cost=row.cost, error=row.error, attempts=row.attempts,
        created_at=row.created_at, started_at=row.started_at, completed_at=row.completed_at)


def can_see_details(actor: Actor, owner_id: str) -> bool:
    """Params, error, images and the owner's name: the owner and admins only."""
    return actor.is_admin or actor.user_id == owner_id


def parse_item_id(value: Any, field: str = "id") -> int:
    text = str(value).strip()
    # isascii: str.isdigit accepts "²" and other digits int() refuses.
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise Invalid(f"{field} is not a valid queue item id", field=field)
    return int(text)


@dataclass(frozen=True)
class Line:
    paused: bool
    policy: str
    positions: dict[int, int]
    starts: dict[int, datetime | None]
    counts: dict[str, int]
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


@dataclass
class _State:
    """Per runtime (tests run many servers in one process)."""

    version: int = 0
    line: Line | None = None
    line_version: int = -1
    line_at: float = 0.0
    processor: tuple[bool, str] | None = None
    processor_at: float = 0.0
    rate: float | None = None
    rate_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _state() -> _State:
    extras = runtime.current().extras
    state = extras.get("queue_view")
    if state is None:
        state = extras["queue_view"] = _State()
    return state  # type: ignore[no-any-return]


def invalidate(processor: bool = False) -> None:
    """Something in the queue changed: the next reader recomputes the line."""
    state = _state()
    state.version += 1
    if processor:
        state.processor = None


# --- processor state (paused, policy) -------------------------------------------------


async def processor_state() -> tuple[bool, str]:
    state = _state()
    now = time.monotonic()
    if state.processor is None or now - state.processor_at > CACHE_TTL_S:
        rows = {r.key: r.value for r in await AppSetting.filter(key__in=[PAUSED_KEY, POLICY_KEY])}
        policy = rows.get(POLICY_KEY)
        if policy not in scheduler.POLICIES:
            policy = runtime.current().settings.effective_queue_policy
        state.processor = (rows.get(PAUSED_KEY) == "1", policy)
        state.processor_at = now
    return state.processor


# --- the line ---------------------------------------------------------------------------


async def ordered_pending(policy: str) -> list[Pending]:
    """The pending items in start order, read fresh (the worker's claim uses this)."""
    rows = await QueueItem.filter(status="PENDING").values_list(
        "id", "owner_id", "priority", "cost")
    return await _order(policy, [Pending(id=r[0], owner_id=str(r[1]), priority=r[2], cost=r[3])
                                 for r in rows])


async def _order(policy: str, items: list[Pending]) -> list[Pending]:
    if policy == "FIFO" or len({i.owner_id for i in items}) < 2:
        # One owner (or FIFO): every policy gives the same order, no usage needed.
        return scheduler.order("FIFO", items, {})
    return scheduler.order(policy, items, await _usage(policy, {i.owner_id for i in items}))


async def _usage(policy: str, owners: set[str]) -> dict[str, Usage]:
    if policy == "ROUND_ROBIN":
        rows = await QueueItem.filter(owner_id__in=list(owners), started_at__isnull=False).annotate(
            last=Max("started_at")).group_by("owner_id").values("owner_id", "last")
        return {str(r["owner_id"]): Usage(last_started_at=_aware(r["last"])) for r in rows}
    window = runtime.current().settings.fair_share_window_minutes
    since = datetime.now(UTC) - timedelta(minutes=window)
    rows = await QueueItem.filter(owner_id__in=list(owners), started_at__gte=since).annotate(
        total=Sum("cost")).group_by("owner_id").values("owner_id", "total")
    return {str(r["owner_id"]): Usage(recent_cost=float(r["total"] or 0.0)) for r in rows}


def _aware(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # aggregates come back as text on SQLite
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def line() -> Line:
    state = _state()
    if _fresh(state):
        return state.line  # type: ignore[return-value]
    async with state.lock:  # one recomputation however many readers are waiting
        if _fresh(state):
            return state.line  # type: ignore[return-value]
        version = state.version
        computed = await _compute_line()
        state.line, state.line_version, state.line_at = computed, version, time.monotonic()
        return computed


def _fresh(state: _State) -> bool:
    return (state.line is not None and state.line_version == state.version
            and time.monotonic() - state.line_at < CACHE_TTL_S)


async def _compute_line() -> Line:
    paused, policy = await processor_state()
    active = await QueueItem.filter(status__in=["PENDING", "IN_PROGRESS"]).values_list(
        "id", "owner_id", "priority", "cost", "status", "started_at")
    ordered = await _order(policy, [Pending(id=r[0], owner_id=str(r[1]), priority=r[2],
                                            cost=r[3]) for r in active if r[4] == "PENDING"])
    running = [Running(started_at=_aware(r[5]), cost=r[3]) for r in active
               if r[4] == "IN_PROGRESS"]
    grouped = await QueueItem.annotate(n=Count("id")).group_by("status", "owner_id").values(
        "status", "owner_id", "n")
    counts = dict.fromkeys(STATUSES, 0)
    by_owner: dict[tuple[str, str], int] = {}
    for r in grouped:
        counts[r["status"]] = counts.get(r["status"], 0) + r["n"]
        if r["status"] in ("PENDING", "IN_PROGRESS"):
            by_owner[(str(r["owner_id"]), r["status"])] = r["n"]
    starts = scheduler.estimated_starts(ordered, running, datetime.now(UTC), await _rate(),
                                        paused)
    return Line(paused=paused, policy=policy,
                positions={item.id: n for n, item in enumerate(ordered)},
                starts=starts, counts=counts, active=by_owner)


async def _rate() -> float:
    """Seconds per cost unit over the recent jobs; it drifts slowly, so kept a while."""
    state = _state()
    now = time.monotonic()
    if state.rate is None or now - state.rate_at > RATE_TTL_S:
        state.rate = scheduler.seconds_per_cost(await _recent_durations())
        state.rate_at = now
    return state.rate


async def _recent_durations() -> list[tuple[float, float]]:
    rows = await QueueItem.filter(status="COMPLETED", started_at__isnull=False,
                                  completed_at__isnull=False).order_by("-completed_at").limit(
        RATE_SAMPLE).values_list("started_at", "completed_at", "cost")
    out = []
    for started, completed, cost in rows:
        start, end = _aware(started), _aware(completed)
        if start and end:
            out.append(((end - start).total_seconds(), float(cost)))
    return out


async def status_for(actor: Actor) -> StatusView:
    current = await line()
    counts, mine = current.counts, actor.user_id
    return StatusView(
        paused=current.paused, policy=current.policy, pending=counts["PENDING"],
        in_progress=counts["IN_PROGRESS"], completed=counts["COMPLETED"],
        failed=counts["FAILED"], canceled=counts["CANCELED"],
        my_pending=current.active.get((mine, "PENDING"), 0),
        my_in_progress=current.active.get((mine, "IN_PROGRESS"), 0))


# --- reading items ----------------------------------------------------------------------


MAX_PAGE = 500


def encode_after(item_id: int) -> str:
    return str(item_id)


async def list_items(actor: Actor, status: str | None = None, first: int = 100,
                     after: str | None = None) -> list[QueueItem]:
    """Every item, oldest first (each viewer sees them sanitized); ``after`` is an item id."""
    if not 1 <= first <= MAX_PAGE:
        raise Invalid(f"first must be from 1 to {MAX_PAGE}", field="first")
    if status is not None and status not in STATUSES:
        raise Invalid(f"status must be one of {', '.join(STATUSES)}", field="status")
    query = QueueItem.all()
    if status is not None:
        query = query.filter(status=status)
    if after:
        query = query.filter(id__gt=parse_item_id(after, "after"))
    return await query.order_by("id").limit(first)


async def get_item(actor: Actor, item_id: Any, field: str = "id") -> QueueItem:
    from gql_invoke.errors import NotFound

    row = await QueueItem.get_or_none(id=parse_item_id(item_id, field))
    if row is None:
        raise NotFound(f"queue item {item_id} not found", field=field)
    return row


# --- events -----------------------------------------------------------------------------


def publish_status(row: QueueItem | ItemSnapshot) -> None:
    snap = row if isinstance(row, ItemSnapshot) else snapshot(row)
    invalidate()
    runtime.current().bus.publish(TOPIC, {"kind": "status", "item": snap})


def publish_batch(batch_id: str, count: int) -> None:
    invalidate()
    runtime.current().bus.publish(TOPIC, {"kind": "batch", "batch_id": batch_id,
                                          "item_count": count})


def publish_cleared() -> None:
    invalidate()
    runtime.current().bus.publish(TOPIC, {"kind": "cleared"})


def publish_processor() -> None:
    invalidate(processor=True)
    runtime.current().bus.publish(TOPIC, {"kind": "processor"})
