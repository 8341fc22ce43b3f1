"""Sliding-window counters of login attempts, per account and per client IP.

An attempt is counted the moment it starts, under a lock, and forgiven only when
it succeeds: aliased or batched logins in one request run concurrently, and a
check-then-count-after-verify scheme would let all of them through.

In memory, per process: a restart forgetting the counters only gives an
attacker one more window.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections import deque

# Above this many tracked keys, forget those with no attempt left in the window,
# so a spray of made-up addresses cannot grow the tables without bound.
PRUNE_ABOVE = 10_000


class LoginRateLimiter:
    def __init__(self, per_account: int, per_ip: int, window_minutes: int) -> None:
        self.per_account = per_account
        self.per_ip = per_ip
        self.window_s = window_minutes * 60
        self._accounts: dict[str, deque[float]] = {}
        self._ips: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, table: dict[str, deque[float]], now: float) -> None:
        if len(table) <= PRUNE_ABOVE:
            return
        for key in [k for k, ev in table.items() if not ev or ev[-1] <= now - self.window_s]:
            del table[key]

    def _trim(self, table: dict[str, deque[float]], key: str, now: float) -> deque[float]:
        if key not in table:
            self._prune(table, now)
        events = table.setdefault(key, deque())
        while events and events[0] <= now - self.window_s:
            events.popleft()
        return events

    def _wait(self, events: deque[float], limit: int, now: float) -> int | None:
        if len(events) < limit:
            return None
        return max(1, math.ceil(events[-limit] + self.window_s - now))

    def begin(self, email: str, ip: str | None, now: float | None = None
              ) -> tuple[int | None, float]:
        """Count an attempt. Returns (retry_after, stamp); retry_after set means refused."""
        now = time.monotonic() if now is None else now
        with self._lock:
            account = self._trim(self._accounts, email, now)
            waits = [self._wait(account, self.per_account, now)]
            ip_events = self._trim(self._ips, ip, now) if ip else None
            if ip_events is not None:
                waits.append(self._wait(ip_events, self.per_ip, now))
            limited = [w for w in waits if w is not None]
            if limited:
                return max(limited), now
            account.append(now)
            if ip_events is not None:
                ip_events.append(now)
            return None, now

    def succeeded(self, email: str, ip: str | None, stamp: float) -> None:
        """A successful login clears the account's failures and un-counts itself for the IP."""
        with self._lock:
            self._accounts.pop(email, None)
            events = self._ips.get(ip) if ip else None
            if events is not None:
                with contextlib.suppress(ValueError):  # already aged out
                    events.remove(stamp)
