"""The pending line: who goes next, every item's place in line and its ETA.

All of it comes from ``scheduler.order`` (what users are shown is what the GPU
will do), read three ways at three costs:

- ``head_of_line``: the worker's next job, from one GROUP BY row per owner
  (``scheduler.head_candidates``), never the whole line;
- ``line``: positions and ETAs, ordered once per queue change and shared by
  every reader in the process (a hundred clients watching cost one ordering
  per change, not a hundred), and only when someone asks for a position or an
  ETA: counts (queue_view.counts) never need it;
- ``ordered_pending``: the whole line read fresh (tests, diagnostics).

ETAs are kept as seconds of work ahead, so reading one adds the clock then. The
cache the line is kept in, shared with queue_view's counts, is queue_cache's.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.functions import Count, Max, Min, Sum

from gql_invoke import runtime
from gql_invoke.db.models import QueueItem
from gql_invoke.domain import QueuePolicy
from gql_invoke.services import scheduler
from gql_invoke.services.queue_cache import aware, cached, processor_state, raw_rows, state
from gql_invoke.services.scheduler import Pending, Running, Usage

RATE_SAMPLE = 20
RATE_TTL_S = 10.0


# --- who goes next ------------------------------------------------------------------------


async def head_of_line(policy: str) -> Pending | None:
    """Internal: queue_jobs.claim_next (the worker); raises nothing for a known policy
    (ValueError, not a domain error, for an unknown one).

    The item the worker should start next, read fresh: order(...)[0] of the whole line."""
    groups = await raw_rows(
        QueueItem.filter(status="PENDING")
        .annotate(first=Min("id"))
        .group_by("owner_id", "priority")
        .values_list("first", "owner_id", "priority")
    )
    # Costs never decide the first pick (only later ones), so they are not read.
    candidates = scheduler.head_candidates(Pending(r[0], str(r[1]), r[2], 0.0) for r in groups)
    if not candidates:
        return None
    return (await _order(policy, candidates))[0]


# A window function (SQLite >= 3.25 and PostgreSQL): the same text on both engines.
# Priority items form one partition (they go first whoever owns them), the others one
# per owner; each ordered as the scheduler orders them (priority, then oldest).
_HEAD_FEW_SQL = """SELECT "id", "owner_id", "priority", "cost" FROM (
  SELECT "id", "owner_id", "priority", "cost", row_number() OVER (
    PARTITION BY "priority" > 0, CASE WHEN "priority" > 0 THEN NULL ELSE "owner_id" END
    ORDER BY "priority" DESC, "id") AS "n"
  FROM "queue_items" WHERE "status" = 'PENDING') AS "heads"
WHERE "n" <= {n}"""


async def head_few(policy: str, n: int) -> list[Pending]:
    """Internal: queue_jobs.claim_next on PostgreSQL; raises nothing for a known policy
    (ValueError, not a domain error, for an unknown one).

    The first ``n`` items of the line (``order(...)[:n]`` of the whole line), read fresh in
    one statement from the first ``n`` priority items and the first ``n`` of each owner's
    others: the first ``n`` picks never reach further into any owner's queue, and every
    priority item goes before every other one. Several claimers try these in turn.
    """
    _, rows = await QueueItem._meta.db.execute_query(_HEAD_FEW_SQL.format(n=int(n)))
    items = [Pending(r["id"], str(r["owner_id"]), r["priority"], r["cost"]) for r in rows]
    return (await _order(policy, items))[:n] if items else []


async def ordered_pending(policy: str) -> list[Pending]:
    """Internal: tests and diagnostics; raises nothing for a known policy (ValueError, not a
    domain error, for an unknown one).

    Every pending item in start order, read fresh."""
    rows = await raw_rows(
        QueueItem.filter(status="PENDING").values_list("id", "owner_id", "priority", "cost")
    )
    return await _order(policy, [Pending(r[0], str(r[1]), r[2], r[3]) for r in rows])


async def _order(policy: str, items: list[Pending]) -> list[Pending]:
    return _ordered(policy, items, await _usage(policy, {i.owner_id for i in items}))


def _ordered(policy: str, items: list[Pending], usage: dict[str, Usage]) -> list[Pending]:
    if policy == QueuePolicy.FIFO or len({i.owner_id for i in items}) < 2:
        # One owner (or FIFO): every policy gives the same order, no usage needed.
        return scheduler.order(QueuePolicy.FIFO, items, {})
    return scheduler.order(policy, items, usage)


async def _usage(policy: str, owners: set[str] | frozenset[str]) -> dict[str, Usage]:
    if policy == QueuePolicy.FIFO or len(owners) < 2:
        return {}
    if policy == QueuePolicy.ROUND_ROBIN:
        rows = (
            await QueueItem.filter(owner_id__in=list(owners), started_at__isnull=False)
            .annotate(last=Max("started_at"))
            .group_by("owner_id")
            .values("owner_id", "last")
        )
        return {str(r["owner_id"]): Usage(last_started_at=aware(r["last"])) for r in rows}
    window = runtime.current().settings.fair_share_window_minutes
    since = datetime.now(UTC) - timedelta(minutes=window)
    rows = (
        await QueueItem.filter(owner_id__in=list(owners), started_at__gte=since)
        .annotate(total=Sum("cost"))
        .group_by("owner_id")
        .values("owner_id", "total")
    )
    return {str(r["owner_id"]): Usage(recent_cost=float(r["total"] or 0.0)) for r in rows}


# --- the line: positions and ETAs ---------------------------------------------------------


class _Starts(Mapping[int, datetime | None]):
    """Estimated starts by item id, on the clock of whoever reads them."""

    def __init__(self, line: Line) -> None:
        self._line = line

    def __getitem__(self, item_id: int) -> datetime | None:
        if item_id not in self._line.positions:
            raise KeyError(item_id)
        return self._line.start_of(item_id)

    def __iter__(self) -> Iterator[int]:
        return iter(self._line.positions)

    def __len__(self) -> int:
        return len(self._line.positions)


@dataclass(frozen=True)
class Line:
    paused: bool
    policy: str
    positions: dict[int, int]
    # Per position: seconds of pending work ahead of it (scheduler.work_ahead).
    ahead_s: list[float]
    running: tuple[Running, ...]
    rate: float
    # What the order was computed from; while it is unchanged the order holds.
    basis: tuple[Any, ...] = ()
    owners: frozenset[str] = frozenset()

    def start_of(self, item_id: int, now: datetime | None = None) -> datetime | None:
        """Internal: ``starts`` (QueueItem.estimatedStartAt); raises nothing.

        When the scheduler expects to start a pending item; None while paused."""
        position = self.positions.get(item_id)
        if position is None or self.paused:
            return None
        now = now or datetime.now(UTC)
        wait = scheduler.running_wait(self.running, now, self.rate) + self.ahead_s[position]
        return now + timedelta(seconds=wait)

    @property
    def starts(self) -> Mapping[int, datetime | None]:
        """Internal: QueueItem.estimatedStartAt (schema/queue); raises nothing.

        Estimated starts by item id, on the clock of whoever reads them."""
        return _Starts(self)


async def line() -> Line:
    """Internal: QueueItem.position and estimatedStartAt (schema/queue); raises nothing.

    The line (positions, ETAs) cached per queue change, ordered again only when what decides
    the order changed."""
    return await cached(state().line, _refresh_line)


async def _refresh_line(previous: Line | None) -> Line:
    """Order the line again only when what decides the order changed.

    After a job finishes, or when the cache merely expired, the pending set,
    usage and rate are the same: the order is kept and only what runs now (for
    ETAs) is read again. Ordering 10,000 jobs takes ~100 ms; the check ~1-10 ms.
    """
    paused, policy = await processor_state()
    running = await _running()
    if previous is not None and (previous.paused, previous.policy) == (paused, policy):
        basis = await _basis(policy, previous.owners)
        if basis == previous.basis:
            return replace(previous, running=running)
    return await _compute_line(paused, policy, running)


async def _basis(policy: str, owners: frozenset[str]) -> tuple[Any, ...]:
    """What decides the order: the pending set, the owners' usage, the rate."""
    return (await _pending_fingerprint(), *await _usage_and_rate(policy, owners))


async def _pending_fingerprint() -> tuple[Any, ...]:
    """Count, newest id and id sum of the pending items.

    Adding or removing items moves one of them; a start (the one removal that
    could keep all three if another item came back at once) also moves usage.
    """
    rows = await raw_rows(
        QueueItem.filter(status="PENDING")
        .annotate(n=Count("id"), top=Max("id"), total=Sum("id"))
        .values_list("n", "top", "total")
    )
    return tuple(rows[0]) if rows else ()


async def _usage_and_rate(policy: str, owners: frozenset[str]) -> tuple[Any, float]:
    return sorted((await _usage(policy, owners)).items()), await _rate()


async def _running() -> tuple[Running, ...]:
    rows = await raw_rows(QueueItem.filter(status="IN_PROGRESS").values_list("cost", "started_at"))
    return tuple(Running(started_at=aware(r[1]), cost=r[0]) for r in rows)


async def _compute_line(paused: bool, policy: str, running: tuple[Running, ...]) -> Line:
    # The fingerprint is read before the rows: a change in between makes the
    # next reader order again (the other way round it would keep a stale order).
    fingerprint = await _pending_fingerprint()
    rows = await raw_rows(
        QueueItem.filter(status="PENDING").values_list("id", "owner_id", "priority", "cost")
    )
    items = [Pending(r[0], str(r[1]), r[2], r[3]) for r in rows]
    owners = frozenset(i.owner_id for i in items)
    usage, rate = await _usage_and_rate(policy, owners)
    basis = (fingerprint, usage, rate)
    ordered = _ordered(policy, items, dict(usage))
    return Line(
        paused=paused,
        policy=policy,
        positions={item.id: n for n, item in enumerate(ordered)},
        ahead_s=scheduler.work_ahead(ordered, rate),
        running=running,
        rate=rate,
        basis=basis,
        owners=owners,
    )


async def _rate() -> float:
    """Seconds per cost unit over the recent jobs; it drifts slowly, so kept a while."""
    current = state()
    now = time.monotonic()
    if current.rate is None or now - current.rate_at > RATE_TTL_S:
        current.rate = scheduler.seconds_per_cost(await _recent_durations())
        current.rate_at = now
    return current.rate


async def _recent_durations() -> list[tuple[float, float]]:
    rows = (
        await QueueItem.filter(
            status="COMPLETED", started_at__isnull=False, completed_at__isnull=False
        )
        .order_by("-completed_at")
        .limit(RATE_SAMPLE)
        .values_list("started_at", "completed_at", "cost")
    )
    out = []
    for started, completed, cost in rows:
        start, end = aware(started), aware(completed)
        if start and end:
            out.append(((end - start).total_seconds(), float(cost)))
    return out
