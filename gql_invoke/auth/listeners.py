"""Who is listening: shared credential re-checks and per-user stream caps.

The state behind services/live.py, one ``Listeners`` per runtime
(``runtime.current().listeners``, a fresh one per server start, like the login
rate limiter beside it):

- ``Credentials``: the streams of one token from one address share a credential
  check for a while, and the streams one event wakes at once share the check
  under way, so a hundred tabs of one user cost one query, not a hundred.
- ``Registry``: each user's open websockets and in-flight websocket operations,
  so one user cannot hold thousands of them and slow everyone else down (each
  stream renders every event it is offered). Past ``max_connections_per_user`` /
  ``max_subscriptions_per_user`` the caller gets RateLimited naming the key.
  Counting is per user id; in single-user mode that is the system user, with the
  same (generous) caps.

No runtime, no database, no services here: the runtime holds these objects and
services/live.py drives them (it passes the authenticate function in).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.errors import RateLimited

# What a capped client is told to wait: slots free up when the user's own streams
# end, so this is a hint against tight retry loops, not a window that resets.
CAP_RETRY_AFTER_S = 5
# A check is shared by the streams of one token from one address.
Key = tuple[str | None, str | None]
Authenticate = Callable[[str | None, str | None], Awaitable[Actor]]


class Credentials:
    """Recent credential checks per (token, ip), and the ones under way."""

    MAX_ENTRIES = 10_000

    def __init__(self) -> None:
        self._checked: dict[Key, tuple[float, Actor]] = {}
        self._inflight: dict[Key, asyncio.Future[Actor]] = {}

    async def check(self, key: Key, max_age: float, authenticate: Authenticate) -> Actor:
        """The Actor for ``key``: a check younger than ``max_age`` seconds is reused,
        0 always asks ``authenticate`` (which raises when the session has ended)."""
        now = time.monotonic()
        hit = self._checked.get(key)
        if hit is not None and now - hit[0] < max_age:
            return hit[1]
        if max_age <= 0:
            # Its own check, never one already under way: that one may have read the
            # user before the change this caller must not miss.
            return await self._check(key, now, authenticate)
        # One event reaches all of a user's streams at once; they share one check
        # instead of each asking the database (200 streams, 200 identical queries).
        shared = self._inflight.get(key)
        if shared is None:
            shared = self._inflight[key] = asyncio.ensure_future(
                self._check(key, now, authenticate)
            )
            shared.add_done_callback(lambda done: self._forget(key, done))
        # Shielded: a stream that ends while waiting must not cancel the others' check.
        return await asyncio.shield(shared)

    async def _check(self, key: Key, now: float, authenticate: Authenticate) -> Actor:
        try:
            actor = await authenticate(*key)
        except Exception:
            self._checked.pop(key, None)  # nobody may reuse a check that now fails
            raise
        if len(self._checked) >= self.MAX_ENTRIES:  # forget stale tokens now and then
            self._checked.clear()
        self._checked[key] = (now, actor)
        return actor

    def _forget(self, key: Key, done: asyncio.Future[Actor]) -> None:
        if self._inflight.get(key) is done:
            del self._inflight[key]
        if not done.cancelled():
            done.exception()  # retrieved, even when every waiter went away


class Lease:
    """One held slot; ``release`` gives it back (idempotent, so every exit path may call it)."""

    __slots__ = ("_counts", "_user_id", "released")

    def __init__(self, counts: dict[str, int], user_id: str) -> None:
        self._counts = counts
        self._user_id = user_id
        self.released = False
        counts[user_id] = counts.get(user_id, 0) + 1

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        left = self._counts.get(self._user_id, 0) - 1
        if left > 0:
            self._counts[self._user_id] = left
        else:
            self._counts.pop(self._user_id, None)


class Registry:
    """Open websockets and in-flight websocket operations per user id (this process)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings  # read at each open: the caps may be changed live
        self.connections: dict[str, int] = {}
        self.subscriptions: dict[str, int] = {}

    def open_connection(self, actor: Actor) -> Lease:
        limit = self._settings.max_connections_per_user
        return self._take(
            self.connections, actor, limit, "max_connections_per_user", "open connections"
        )

    def open_subscription(self, actor: Actor) -> Lease:
        limit = self._settings.max_subscriptions_per_user
        return self._take(
            self.subscriptions, actor, limit, "max_subscriptions_per_user", "running subscriptions"
        )

    @staticmethod
    def _take(counts: dict[str, int], actor: Actor, limit: int, key: str, what: str) -> Lease:
        # Checked and taken with no await in between: concurrent opens cannot both
        # slip under the cap.
        if counts.get(actor.user_id, 0) >= limit:
            exc = RateLimited(
                f"too many {what} for this user ({key} is {limit}); end one first",
                CAP_RETRY_AFTER_S,
            )
            exc.extensions["limit"] = key
            raise exc
        return Lease(counts, actor.user_id)

    def counts(self, user_id: str) -> dict[str, Any]:
        return {
            "connections": self.connections.get(user_id, 0),
            "subscriptions": self.subscriptions.get(user_id, 0),
        }


class Listeners:
    """This runtime's live-stream state (held by gql_invoke.runtime.Runtime)."""

    def __init__(self, settings: Settings) -> None:
        self.credentials = Credentials()
        self.registry = Registry(settings)
