"""The queue's per-runtime cache, shared by every reader in the process.

queue_view's counts and queue_line's line are each computed once per queue version
(however many readers wait for them) and kept at most CACHE_TTL_S: changes in this
process invalidate them at once (``invalidate``), changes made by another process
(the CLI) show up after at most CACHE_TTL_S. The processor's state (paused, policy)
is kept the same way. ``raw_rows`` and ``aware`` are the cheap reads both use.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tortoise.queryset import ValuesListQuery

from gql_invoke import runtime
from gql_invoke.db.models import AppSetting
from gql_invoke.services import scheduler

if TYPE_CHECKING:
    from gql_invoke.services.queue_line import Line

PAUSED_KEY = "queue_paused"
POLICY_KEY = "queue_policy"
CACHE_TTL_S = 2.0

T = TypeVar("T")


@dataclass
class Cached(Generic[T]):
    """One value computed per queue version, at most CACHE_TTL_S old."""

    value: T | None = None
    version: int = -1
    at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class _State:
    """Per runtime (tests run many servers in one process)."""

    version: int = 0
    line: Cached[Line] = field(default_factory=Cached)
    counts: Cached[Any] = field(default_factory=Cached)
    processor: tuple[bool, str] | None = None
    processor_at: float = 0.0
    rate: float | None = None
    rate_at: float = 0.0


def state() -> _State:
    """Internal: the queue's cached reads (queue_line, queue_view); raises nothing.

    This runtime's cache state, made on first use."""
    extras = runtime.current().extras
    found = extras.get("queue_view")
    if found is None:
        found = extras["queue_view"] = _State()
    return found


def invalidate(processor: bool = False) -> None:
    """Internal: every queue change (queue_view's publish_*, queue_jobs); raises nothing.

    Something in the queue changed: the next reader recomputes."""
    current = state()
    current.version += 1
    if processor:
        current.processor = None


async def cached(slot: Cached[T], compute: Callable[[T | None], Awaitable[T]]) -> T:
    """Internal: queue_view's counts and line(); raises what ``compute`` raises (no domain
    error).

    ``slot``'s value, computed once however many readers are waiting.

    ``compute`` gets the stale value (or None), which it may reuse.
    """
    if _fresh(slot):
        return slot.value  # type: ignore[return-value]
    async with slot.lock:
        if _fresh(slot):
            return slot.value  # type: ignore[return-value]
        version = state().version
        value = await compute(slot.value)
        slot.value, slot.version, slot.at = value, version, time.monotonic()
        return value


def _fresh(slot: Cached[Any]) -> bool:
    return (
        slot.value is not None
        and slot.version == state().version
        and time.monotonic() - slot.at < CACHE_TTL_S
    )


async def raw_rows(query: ValuesListQuery[Any]) -> list[Any]:
    """Internal: queue_line's and queue_view's reads; raises nothing.

    A values_list query's rows as the driver returns them, in the listed order.

    Tortoise converts every value (UUIDs, timestamps, JSON) in Python, ~40 us a
    row: most of the cost of reading a long line or a page of items. Callers
    convert only what they use (text on SQLite, native types on PostgreSQL).
    """
    query._choose_db_if_not_chosen()
    query._make_query()
    sql, params = query.query.get_parameterized_sql()
    _, rows = await query._db.execute_query(sql, params)
    # Columns are aliased "0", "1", ... by listed position, but not selected in that
    # order when there are annotations.
    keys = list(query.fields)
    if len(keys) == 1:
        return [(r[keys[0]],) for r in rows]
    return list(map(itemgetter(*keys), rows))


def aware(value: Any) -> datetime | None:
    """Internal: queue_line's and queue_view's reads; raises nothing.

    A stored timestamp as an aware UTC datetime (SQLite gives text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


# --- processor state (paused, policy) -------------------------------------------------


async def processor_state() -> tuple[bool, str]:
    """Internal: status reads, claim_next and the line; raises nothing.

    (paused, policy) from the app settings, kept CACHE_TTL_S; an unknown policy reads as the
    configured one."""
    current = state()
    now = time.monotonic()
    if current.processor is None or now - current.processor_at > CACHE_TTL_S:
        rows = {r.key: r.value for r in await AppSetting.filter(key__in=[PAUSED_KEY, POLICY_KEY])}
        policy = rows.get(POLICY_KEY)
        if policy not in scheduler.POLICIES:
            policy = runtime.current().settings.effective_queue_policy
        current.processor = (rows.get(PAUSED_KEY) == "1", policy)
        current.processor_at = now
    return current.processor
