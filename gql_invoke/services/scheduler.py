"""Which pending job goes next: pure functions, no database.

The worker's claim, every item's ``position`` and its ``estimatedStartAt`` all
come from ``order``, so what users are shown is what the GPU will do.

Priority (prepend) items always go first, oldest first. The rest follow the
policy:

- FIFO: oldest first.
- ROUND_ROBIN: the user served least recently goes next (never served counts
  as longest ago); "served" is the latest start of one of their jobs.
- FAIR_SHARE: the user who used the least GPU cost in the recent window goes
  next, ties to the oldest job. One user's hundred large images then cannot
  hold back another user's single small one.

The line is built by simulating the policy: each pick updates the chosen
user's virtual usage (served now, or cost added), so positions further down
the line reflect how the scheduler will really interleave the users.
"""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import NamedTuple

from gql_invoke.domain import QueuePolicy

# The policy names as stored in app settings and configured (domain.QueuePolicy).
POLICIES = tuple(QueuePolicy)
# Seconds of GPU time per cost unit (steps x megapixels) before any job was timed.
DEFAULT_SECONDS_PER_COST = 1.0


class Pending(NamedTuple):
    # A tuple, not a dataclass: the line makes one per pending job (10,000 in
    # ~3 ms, where a frozen dataclass takes ~25 ms).
    id: int
    owner_id: str
    priority: int
    cost: float


@dataclass(frozen=True)
class Usage:
    """What the scheduler knows about one user's recent use of the GPU."""

    last_started_at: datetime | None = None
    recent_cost: float = 0.0


@dataclass(frozen=True)
class Running:
    started_at: datetime | None
    cost: float


def order(policy: str, items: Iterable[Pending], usage: Mapping[str, Usage]) -> list[Pending]:
    """Internal: queue_line; raises ValueError (not a domain error) for an unknown policy.

    The pending items in the order the worker will start them."""
    if policy not in POLICIES:
        raise ValueError(f"unknown queue policy {policy!r}")
    items = list(items)
    first = _by_priority_then_age([i for i in items if i.priority > 0])
    rest = _by_priority_then_age([i for i in items if i.priority <= 0])
    if policy == QueuePolicy.FIFO:
        return first + rest
    return first + _interleave(policy, rest, usage, first)


def _by_priority_then_age(items: list[Pending]) -> list[Pending]:
    # Two stable single-key sorts: several times faster than one on a tuple key
    # (reverse=True keeps equal priorities in id order).
    items.sort(key=attrgetter("id"))
    items.sort(key=attrgetter("priority"), reverse=True)
    return items


def _interleave(
    policy: str, items: list[Pending], usage: Mapping[str, Usage], served_first: Sequence[Pending]
) -> list[Pending]:
    by_owner: dict[str, deque[Pending]] = defaultdict(deque)
    for item in items:  # already oldest first
        by_owner[item.owner_id].append(item)

    # Virtual clock for ROUND_ROBIN: picks made during the simulation are later
    # than any real start, and later picks later still.
    tick = 0
    cost: dict[str, float] = {o: usage.get(o, Usage()).recent_cost for o in by_owner}
    served: dict[str, tuple[int, float]] = {}
    for owner in by_owner:
        started = usage.get(owner, Usage()).last_started_at
        served[owner] = (0, 0.0) if started is None else (1, started.timestamp())
    for item in served_first:  # priority jobs run first and count as service
        tick += 1
        cost[item.owner_id] = cost.get(item.owner_id, 0.0) + item.cost
        served[item.owner_id] = (2, float(tick))

    def key(owner: str) -> tuple[object, ...]:
        head = by_owner[owner][0].id
        if policy == QueuePolicy.FAIR_SHARE:
            return (cost[owner], head)
        return (*served[owner], head)

    heap = [(key(owner), owner) for owner in by_owner]
    heapq.heapify(heap)
    line: list[Pending] = []
    while heap:
        _, owner = heapq.heappop(heap)
        item = by_owner[owner].popleft()
        line.append(item)
        tick += 1
        cost[owner] += item.cost
        served[owner] = (2, float(tick))
        if by_owner[owner]:
            heapq.heappush(heap, (key(owner), owner))
    return line


def head_candidates(items: Iterable[Pending]) -> list[Pending]:
    """Internal: queue_line.head_of_line; raises nothing.

    The few items that decide ``order(...)[0]`` under every policy.

    The first item is the best priority item when there is one (highest
    priority, oldest); otherwise the policy picks between the owners by their
    usage and the head of each owner's queue (highest priority, oldest). So the
    worker's next job needs one item per owner, not the whole line (the queue
    reads these with one GROUP BY): ``order(p, head_candidates(xs), u)[0] ==
    order(p, xs, u)[0]``.
    """
    best: Pending | None = None
    heads: dict[str, Pending] = {}
    for item in items:
        rank = (-item.priority, item.id)
        if item.priority > 0:
            if best is None or rank < (-best.priority, best.id):
                best = item
            continue
        head = heads.get(item.owner_id)
        if head is None or rank < (-head.priority, head.id):
            heads[item.owner_id] = item
    return [best] if best is not None else list(heads.values())


def seconds_per_cost(samples: Iterable[tuple[float, float]]) -> float:
    """Internal: queue_line's rate; raises nothing.

    GPU seconds per cost unit from recent (duration_s, cost) samples.

    Cost-weighted (total time / total cost), so a few tiny jobs with fixed
    overheads do not swamp the estimate for the large ones.
    """
    total_s = total_cost = 0.0
    for duration, cost in samples:
        if duration >= 0 and cost > 0:
            total_s += duration
            total_cost += cost
    if total_cost <= 0 or total_s <= 0:
        return DEFAULT_SECONDS_PER_COST
    return total_s / total_cost


def running_wait(running: Iterable[Running], now: datetime, rate: float) -> float:
    """Internal: queue_line's Line.start_of; raises nothing.

    Seconds until what runs now is expected to finish."""
    wait = 0.0
    for job in running:
        elapsed = (now - job.started_at).total_seconds() if job.started_at else 0.0
        wait += max(0.0, job.cost * rate - elapsed)
    return wait


def work_ahead(line: Sequence[Pending], rate: float) -> list[float]:
    """Internal: queue_line's line; raises nothing.

    Per place in the line, the seconds of pending work before it starts.

    Independent of the clock: kept with the line, so an ETA costs one addition
    when it is read (start = now + running_wait + work_ahead[position]).
    """
    out: list[float] = []
    wait = 0.0
    for item in line:
        out.append(wait)
        wait += item.cost * rate
    return out
