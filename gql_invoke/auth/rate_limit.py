"""What a counted sign-in attempt looks like, and the aggregation of refused ones.

The counters themselves are rows in the database (services/login_counters.py), shared
by every process. Refusals are aggregated here, in memory per process, so a flood
writes one audit row per key and window (per process) instead of one per request.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

# Above this many tracked keys, forget finished windows, so a spray of made-up
# addresses cannot grow the refusal log without bound.
PRUNE_ABOVE = 10_000

ACCOUNT = "account"
CLIENT = "ip"


@dataclass(frozen=True)
class Verdict:
    """One counted attempt. retry_after set means refused; limit says by which limit;
    row_ids: the counter rows it added (forgiven by deleting them)."""

    retry_after: int | None
    stamp: float
    limit: str | None = None
    row_ids: tuple[int, ...] = ()


@dataclass
class Refusals:
    """Refused attempts of one limited key within one window (one audit row)."""

    started: float
    count: int = 0
    last: float = 0.0
    row_id: Any = None


class RefusalLog:
    """Aggregates refused attempts so a flood writes one audit row per key and window.

    Bounded like the limiter: above PRUNE_ABOVE keys, finished windows are dropped,
    then the oldest (a dropped key only starts a new row on its next refusal).
    """

    def __init__(self, window_s: int) -> None:
        self.window_s = window_s
        self._entries: dict[Any, Refusals] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def note(self, key: Any, now: float | None = None) -> tuple[Refusals, bool]:
        """Count one refusal; (its window's entry, whether it is the first of that window)."""
        now = time.time() if now is None else now
        with self._lock:
            entry = self._entries.get(key)
            first = entry is None or entry.started + self.window_s <= now
            if first:
                if key not in self._entries:
                    self._prune(now)
                entry = self._entries[key] = Refusals(started=now)
            assert entry is not None
            entry.count += 1
            entry.last = now
            return entry, first

    def _prune(self, now: float) -> None:
        if len(self._entries) < PRUNE_ABOVE:
            return
        for key in [k for k, e in self._entries.items() if e.started + self.window_s <= now]:
            del self._entries[key]
        if len(self._entries) >= PRUNE_ABOVE:
            oldest = sorted(self._entries, key=lambda k: self._entries[k].last)
            for key in oldest[: len(oldest) // 2 + 1]:
                del self._entries[key]
