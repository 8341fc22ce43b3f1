"""Sliding-window counters of sign-in attempts, per (account, client IP) and per client IP.

An attempt is counted the moment it starts, under a lock, and forgiven only when
it succeeds: aliased or batched logins in one request run concurrently, and a
check-then-count-after-verify scheme would let all of them through.

The account limit is kept per (account, client IP), not per account: counted per
account alone, five wrong passwords sent from anywhere lock the owner out as
well. Keyed by client too, the guessing client is refused and the owner signs in
from elsewhere; the per-IP limit still bounds what one client tries across all
accounts, and anonymous setup calls count against it too.

Times are wall-clock seconds (not monotonic): an admin's unlock is a timestamp in
the database, written by whichever process ran it, and must compare with these.

In memory, per process: a restart forgetting the counters only gives an
attacker one more window.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

# Above this many tracked keys, forget those with no attempt left in the window,
# so a spray of made-up addresses cannot grow the tables without bound.
PRUNE_ABOVE = 10_000

ACCOUNT = "account"
CLIENT = "ip"

Pair = tuple[str, str | None]


@dataclass(frozen=True)
class Verdict:
    """One counted attempt. retry_after set means refused; limit says by which limit."""

    retry_after: int | None
    stamp: float
    limit: str | None = None


class LoginRateLimiter:
    def __init__(self, per_account: int, per_ip: int, window_minutes: int) -> None:
        self.per_account = per_account
        self.per_ip = per_ip
        self.window_s = window_minutes * 60
        self._accounts: dict[Pair, deque[float]] = {}
        self._ips: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self.refusals = RefusalLog(self.window_s)

    def _prune(self, table: dict[Any, deque[float]], now: float) -> None:
        if len(table) <= PRUNE_ABOVE:
            return
        for key in [k for k, ev in table.items() if not ev or ev[-1] <= now - self.window_s]:
            del table[key]

    def _trim(self, table: dict[Any, deque[float]], key: Any, now: float) -> deque[float]:
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

    def check(self, email: str, ip: str | None, now: float | None = None) -> Verdict:
        """Count a sign-in attempt on (email, ip) and on ip, unless a limit refuses it."""
        now = time.time() if now is None else now
        with self._lock:
            account = self._trim(self._accounts, (email, ip), now)
            account_wait = self._wait(account, self.per_account, now)
            ip_events = self._trim(self._ips, ip, now) if ip else None
            ip_wait = self._wait(ip_events, self.per_ip, now) if ip_events is not None else None
            if ip_wait is not None:
                # Named first: an unlock of the account cannot lift this one.
                return Verdict(max(ip_wait, account_wait or 0), now, CLIENT)
            if account_wait is not None:
                return Verdict(account_wait, now, ACCOUNT)
            account.append(now)
            if ip_events is not None:
                ip_events.append(now)
            return Verdict(None, now)

    def begin(
        self, email: str, ip: str | None, now: float | None = None
    ) -> tuple[int | None, float]:
        """Count an attempt. Returns (retry_after, stamp); retry_after set means refused."""
        verdict = self.check(email, ip, now)
        return verdict.retry_after, verdict.stamp

    def begin_client(self, ip: str | None, now: float | None = None) -> Verdict:
        """Count an attempt against the client only (anonymous setup names no account)."""
        now = time.time() if now is None else now
        if not ip:
            return Verdict(None, now)
        with self._lock:
            events = self._trim(self._ips, ip, now)
            wait = self._wait(events, self.per_ip, now)
            if wait is not None:
                return Verdict(wait, now, CLIENT)
            events.append(now)
            return Verdict(None, now)

    def forgive_client(self, ip: str | None, stamp: float) -> None:
        """Un-count one attempt of the client (it succeeded)."""
        with self._lock:
            events = self._ips.get(ip) if ip else None
            if events is not None:
                with contextlib.suppress(ValueError):  # already aged out
                    events.remove(stamp)

    def succeeded(self, email: str, ip: str | None, stamp: float) -> None:
        """A successful login clears the failures of (account, this client) and
        un-counts itself for the client. Other clients' failures on the account stay:
        the owner signing in must not hand a guesser a fresh budget."""
        with self._lock:
            self._accounts.pop((email, ip), None)
        self.forgive_client(ip, stamp)

    def unlock(self, email: str, before: float | None = None) -> bool:
        """Forget the account's failures from every client, those up to ``before``
        (all when None). True when anything was forgotten."""
        forgot = False
        with self._lock:
            for key in [k for k in self._accounts if k[0] == email]:
                events = self._accounts[key]
                kept = deque(t for t in events if before is not None and t > before)
                forgot = forgot or len(kept) != len(events)
                if kept:
                    self._accounts[key] = kept
                else:
                    del self._accounts[key]
        return forgot


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
