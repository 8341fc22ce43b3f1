"""Live streams: who is still allowed to listen, and how much each user may hold open.

Every subscription reads the bus through a ``Stream``, which re-checks the
listener's credentials (``recheck``) before it hands out an event: a user who
was deactivated or logged out mid-stream gets UNAUTHENTICATED instead of the
event, and a stream that needs admin rights (model installs name server paths)
gets FORBIDDEN once the user is no longer an admin.

The ``Registry`` counts each user's open websockets and in-flight websocket
operations, so one user cannot hold thousands of them and slow everyone else
down (each stream renders every event it is offered). Past
``max_connections_per_user`` / ``max_subscriptions_per_user`` the caller gets
RateLimited naming the key. Counting is per user id; in single-user mode that
is the system user, with the same (generous) caps.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.errors import Conflict, Forbidden, RateLimited
from gql_invoke.events import Event, Subscriber, SubscriberOverflow
from gql_invoke.services import auth

# Streams of the same token share one credential check this long: a hundred tabs
# of one user cost one query a second, not a hundred.
REAUTH_INTERVAL_S = 1.0
# With no events at all, credentials are still re-checked this often, so a stream
# of a deactivated user ends (and frees its slot) even on a quiet server.
IDLE_RECHECK_S = 30.0
# What a capped client is told to wait: slots free up when the user's own streams
# end, so this is a hint against tight retry loops, not a window that resets.
CAP_RETRY_AFTER_S = 5
_CACHE_KEY = "live_auth_cache"
_INFLIGHT_KEY = "live_auth_inflight"
_REGISTRY_KEY = "live_registry"
_CACHE_MAX = 10_000
# A check is shared by the streams of one token from one address.
_Key = tuple[str | None, str | None]


async def recheck(
    token: str | None, ip: str | None, *, max_age: float | None = None, admin: str | None = None
) -> Actor:
    """The listener's Actor as the database sees them now.

    Raises Unauthenticated when the session has ended (logout, deactivation,
    revocation, expiry) and, with ``admin`` (the message), Forbidden when the
    user is no longer an admin. A check younger than ``max_age`` seconds
    (default REAUTH_INTERVAL_S) made for the same token is reused; 0 always asks.
    """
    max_age = REAUTH_INTERVAL_S if max_age is None else max_age
    now = time.monotonic()
    extras = runtime.current().extras
    cache: dict[_Key, tuple[float, Actor]] = extras.setdefault(_CACHE_KEY, {})
    key = (token, ip)
    hit = cache.get(key)
    if hit is not None and now - hit[0] < max_age:
        actor = hit[1]
    elif max_age <= 0:
        # Its own check, never one already under way: that one may have read the
        # user before the change this caller must not miss.
        actor = await _check(cache, key, now)
    else:
        # One event reaches all of a user's streams at once; they share one check
        # instead of each asking the database (200 streams, 200 identical queries).
        inflight: dict[_Key, asyncio.Future[Actor]] = extras.setdefault(_INFLIGHT_KEY, {})
        shared = inflight.get(key)
        if shared is None:
            shared = inflight[key] = asyncio.ensure_future(_check(cache, key, now))
            shared.add_done_callback(lambda done: _forget(inflight, key, done))
        # Shielded: a stream that ends while waiting must not cancel the others' check.
        actor = await asyncio.shield(shared)
    if admin is not None and not actor.is_admin:
        raise Forbidden(admin)
    return actor


async def _check(cache: dict[_Key, tuple[float, Actor]], key: _Key, now: float) -> Actor:
    try:
        actor = await auth.authenticate(*key)
    except Exception:
        cache.pop(key, None)  # nobody may reuse a check that now fails
        raise
    if len(cache) >= _CACHE_MAX:  # forget stale tokens now and then
        cache.clear()
    cache[key] = (now, actor)
    return actor


def _forget(
    inflight: dict[_Key, asyncio.Future[Actor]], key: _Key, done: asyncio.Future[Actor]
) -> None:
    if inflight.get(key) is done:
        del inflight[key]
    if not done.cancelled():
        done.exception()  # retrieved, even when every waiter went away


class Stream:
    """One subscription's bus subscriber plus its listener, re-checked before delivery.

    ``admin``: the stream needs admin rights (the Forbidden message); such streams
    re-check on every event, not once a second: their events are rare and
    sensitive. Use as a context manager so the bus subscriber always goes away.
    """

    def __init__(
        self,
        actor: Actor,
        token: str | None,
        topics: Iterable[str],
        since: str | None = None,
        *,
        admin: str | None = None,
    ) -> None:
        if admin is not None and not actor.is_admin:
            raise Forbidden(admin)
        self.actor = actor
        self.token = token
        self.admin = admin
        self.max_age = 0.0 if admin is not None else None
        self.sub: Subscriber = runtime.current().bus.subscribe(topics, since)
        self.checked_at = time.monotonic()
        self.last_cursor = since

    async def viewer(self, force: bool = False) -> Actor:
        """The listener now; raises Unauthenticated / Forbidden when they may no longer listen."""
        max_age = REAUTH_INTERVAL_S if self.max_age is None else self.max_age
        now = time.monotonic()
        if force or now - self.checked_at >= max_age:
            self.actor = await recheck(
                self.token, self.actor.ip, admin=self.admin, max_age=0.0 if force else self.max_age
            )
            self.checked_at = now
        return self.actor

    async def next(self) -> tuple[Event, Actor]:
        """The next event and who it is for; the listener is checked after the event
        arrives and before it is returned, so nothing reaches a revoked listener."""
        while True:
            try:
                # Already buffered: no timer to arm and cancel (the common case when
                # a burst of events reaches many subscribers).
                event = self.sub.poll()
                if event is None:
                    async with asyncio.timeout(IDLE_RECHECK_S):
                        event = await self.sub.get()
            except TimeoutError:
                await self.viewer(force=True)
                continue
            except SubscriberOverflow:
                raise Conflict(
                    "this subscription fell too far behind and was ended; "
                    "subscribe again with since = the last cursor you received",
                    since=self.last_cursor,
                ) from None
            viewer = await self.viewer()
            if event.cursor is not None:
                self.last_cursor = event.cursor
            return event, viewer

    def close(self) -> None:
        runtime.current().bus.unsubscribe(self.sub)

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- per-user caps ---------------------------------------------------------------------------


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

    def __init__(self) -> None:
        self.connections: dict[str, int] = {}
        self.subscriptions: dict[str, int] = {}

    def open_connection(self, actor: Actor) -> Lease:
        limit = runtime.current().settings.max_connections_per_user
        return self._take(
            self.connections, actor, limit, "max_connections_per_user", "open connections"
        )

    def open_subscription(self, actor: Actor) -> Lease:
        limit = runtime.current().settings.max_subscriptions_per_user
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


def registry() -> Registry:
    """This runtime's registry (a fresh one per server start)."""
    extras = runtime.current().extras
    reg = extras.get(_REGISTRY_KEY)
    if reg is None:
        reg = extras[_REGISTRY_KEY] = Registry()
    assert isinstance(reg, Registry)
    return reg
