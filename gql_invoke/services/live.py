"""Live streams: who is still allowed to listen, and who sees what of each event.

Every subscription reads the bus through a ``Stream``, which re-checks the
listener's credentials (``recheck``) before it hands out an event: a user who
was deactivated or logged out mid-stream gets UNAUTHENTICATED instead of the
event, and a stream that needs admin rights (model installs name server paths)
gets FORBIDDEN once the user is no longer an admin. The decisions per event are
taken for the listener as they are now (the Actor the re-check returned):

- queue events reach every signed-in user (the GraphQL types sanitize the item);
- progress: the owner's own generations with previews, everyone's for admins
  without preview; filters on an item or a batch need the right to see it;
- new images: the board asked for, Uncategorized for its owner and admins, and
  then the images service's read rule, as for queries.

The state of the shared credential checks and the per-user caps on streams is
gql_invoke/auth/listeners.py's, held by the runtime (``registry()``, ``Lease`` and
``Registry`` are re-exported here for ws_limits).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Self, TypeVar

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.auth.listeners import Lease as Lease
from gql_invoke.auth.listeners import Registry
from gql_invoke.db.models import Image
from gql_invoke.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from gql_invoke.events import Event, Subscriber, SubscriberOverflow
from gql_invoke.services import auth, boards, images, queue_events, queue_view
from gql_invoke.services.scope import parse_uuid

# Streams of the same token share one credential check this long: a hundred tabs
# of one user cost one query a second, not a hundred.
REAUTH_INTERVAL_S = 1.0
# With no events at all, credentials are still re-checked this often, so a stream
# of a deactivated user ends (and frees its slot) even on a quiet server.
IDLE_RECHECK_S = 30.0
# A queue_events row (``q<id>``: events.cursor_of); the old per-process ``<boot>-<n>`` form
# is still accepted, as a cursor too old to resume from (what is kept is replayed, after a
# QueueCleared: re-read the queue).
_CURSOR = re.compile(r"q[0-9]{1,19}|[0-9a-f]{1,32}-[0-9]{1,18}")
P = TypeVar("P", bound=events.LiveEvent)
T = TypeVar("T")


async def recheck(
    token: str | None, ip: str | None, *, max_age: float | None = None, admin: str | None = None
) -> Actor:
    """Internal: Stream.viewer, for every subscription; Unauthenticated when the session has
    ended, Forbidden (with ``admin``, the message) once the user is no admin.

    The listener's Actor as the database sees them now. Ended means logout, deactivation,
    revocation or expiry. A check younger than ``max_age`` seconds (default
    REAUTH_INTERVAL_S) made for the same token is reused; 0 always asks."""
    max_age = REAUTH_INTERVAL_S if max_age is None else max_age
    credentials = runtime.current().listeners.credentials
    actor = await credentials.check((token, ip), max_age, auth.authenticate)
    if admin is not None and not actor.is_admin:
        raise Forbidden(admin)
    return actor


def registry() -> Registry:
    """Internal: ws_limits (socket and subscription caps); raises nothing.

    This runtime's per-user caps (a fresh one per server start)."""
    return runtime.current().listeners.registry


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
        # SESSIONS too: ended sessions are announced, so the stream re-checks at once.
        self.sub: Subscriber = runtime.current().bus.subscribe([*topics, events.SESSIONS], since)
        self.checked_at = time.monotonic()
        self.last_cursor = since

    async def viewer(self, force: bool = False) -> Actor:
        """Internal: the stream's own reads; Unauthenticated / Forbidden when the listener
        may no longer listen.

        The listener now, re-checked once ``max_age`` has passed (``force``: at once)."""
        max_age = REAUTH_INTERVAL_S if self.max_age is None else self.max_age
        now = time.monotonic()
        if force or now - self.checked_at >= max_age:
            self.actor = await recheck(
                self.token, self.actor.ip, admin=self.admin, max_age=0.0 if force else self.max_age
            )
            self.checked_at = now
        return self.actor

    async def next(self) -> tuple[Event, Actor]:
        """Internal: the subscription resolvers, for the stream's actor as they are now;
        Unauthenticated / Forbidden once they may no longer listen, Conflict when the stream
        fell too far behind.

        The next event and who it is for; the listener is checked after the event arrives
        and before it is returned, so nothing reaches a revoked listener."""
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
            if isinstance(event.payload, events.SessionsEnded):
                if event.payload.user_id in (None, self.actor.user_id):
                    await self.viewer(force=True)  # Unauthenticated if it was this one
                continue
            viewer = await self.viewer()
            if event.cursor is not None:
                self.last_cursor = event.cursor
            return event, viewer

    async def next_of(self, kind: type[P]) -> tuple[P, Actor]:
        """Internal: modelInstallProgress and the streams below, for the stream's actor;
        raises what next() raises (Unauthenticated, Forbidden, Conflict).

        The next event of ``kind`` (a topic carries only its own kinds; anything else is not
        for this stream)."""
        while True:
            event, viewer = await self.next()
            if isinstance(event.payload, kind):
                return event.payload, viewer

    def close(self) -> None:
        """Internal: the stream's context manager, any caller; raises nothing.

        Unsubscribes from the bus."""
        runtime.current().bus.unsubscribe(self.sub)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- queue events ----------------------------------------------------------------------------


def follow_queue(actor: Actor, token: str | None, since: str | None = None) -> Stream:
    """Any signed-in actor; Invalid for a malformed ``since``.

    Every queue event, after what ``since`` (a cursor) saw when it is given: from any API
    process of the deployment, or from before a restart (services/queue_events.py)."""
    if since is not None and not _CURSOR.fullmatch(since):
        raise Invalid("since is not a cursor from queueEvents", field="since")
    queue_events.bind(runtime.current().bus)
    return Stream(actor, token, [events.QUEUE], since)


# --- generation progress ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressFilter:
    """The item or batch one progress stream asked for (None: any)."""

    item_id: int | None = None
    batch_id: str | None = None

    def matches(self, p: events.GenerationProgress) -> bool:
        """Internal: ProgressStream.next_view; raises nothing.

        Whether ``p`` is of the item and the batch asked for."""
        return (self.item_id is None or p.item_id == self.item_id) and (
            self.batch_id is None or p.batch_id == self.batch_id
        )


async def progress_filter(
    actor: Actor, item_id: str | None = None, batch_id: str | None = None
) -> ProgressFilter:
    """Any signed-in actor owning the item or batch, or an admin (Forbidden otherwise);
    Invalid for a bad id, NotFound for a missing item or batch.

    Watching a given item or batch needs the right to see it (owner or admin)."""
    wanted_item = wanted_batch = None
    if item_id is not None:
        row = await queue_view.get_item(actor, item_id, "queueItemId")
        if not actor.owns_or_admin(row.owner_id):
            raise Forbidden("only the owner or an admin can follow this item's progress")
        wanted_item = row.id
    if batch_id is not None:
        bid = parse_uuid(batch_id, "batchId")
        owners = await queue_view.batch_owners(bid)
        if not owners:
            raise NotFound(f"batch {batch_id} not found", field="batchId")
        if not all(actor.owns_or_admin(o) for o in owners):
            raise Forbidden("only the owner or an admin can follow this batch's progress")
        wanted_batch = str(bid)
    return ProgressFilter(wanted_item, wanted_batch)


def progress_view(
    viewer: Actor, event: Event, render: Callable[[events.GenerationProgress, bool], T]
) -> T | None:
    """Internal: ProgressStream.next_view, per subscriber; raises nothing.

    What ``viewer`` gets of a progress event: None when it is neither theirs nor
    are they an admin; else ``render(progress, with_preview)`` (the preview is the
    owner's only). Every subscriber handles the same event right after the other,
    so the renderings are kept on the event and shared (two at most: with and
    without preview) instead of built once per subscriber."""
    p = event.payload
    if not isinstance(p, events.GenerationProgress) or not viewer.owns_or_admin(p.owner_id):
        return None
    with_preview = viewer.owns(p.owner_id)
    key = (render, with_preview)
    view = event.renders.get(key)
    if view is None:
        view = event.renders[key] = render(p, with_preview)
    return view


class ProgressStream(Stream):
    def __init__(self, actor: Actor, token: str | None, wanted: ProgressFilter) -> None:
        super().__init__(actor, token, [events.PROGRESS])
        self.wanted = wanted

    async def next_view(self, render: Callable[[events.GenerationProgress, bool], T]) -> T:
        """Internal: the generationProgress resolver, for the stream's actor; raises what
        Stream.next raises (Unauthenticated, Forbidden, Conflict).

        The next progress event this listener may see, rendered (see progress_view)."""
        while True:
            event, viewer = await self.next()
            p = event.payload
            if isinstance(p, events.GenerationProgress) and self.wanted.matches(p):
                view = progress_view(viewer, event, render)
                if view is not None:
                    return view


# Set by a caller that shares one progress stream among several subscribers
# (gql_invoke/ws_shared.py) to a list: each progress stream opened in its context adds
# the filters it was opened with, so that a later joiner is checked against the same.
OPENED_WITH: ContextVar[list[tuple[str | None, str | None]] | None] = ContextVar(
    "progress_opened_with", default=None
)


async def follow_progress(
    actor: Actor, token: str | None, item_id: str | None = None, batch_id: str | None = None
) -> ProgressStream:
    """Any signed-in actor; raises what progress_filter raises (Invalid, NotFound,
    Forbidden).

    Generation progress; the filters are checked before the stream starts."""
    stream = ProgressStream(actor, token, await progress_filter(actor, item_id, batch_id))
    opened = OPENED_WITH.get()
    if opened is not None:
        opened.append((item_id, batch_id))
    return stream


async def may_follow_progress(
    token: str | None, ip: str | None, item_id: str | None, batch_id: str | None
) -> None:
    """Internal: ws_shared, for a subscriber joining a stream that is already open; raises
    what recheck and progress_filter raise (Unauthenticated, Invalid, NotFound, Forbidden).

    Everything a progress subscription checks when it starts, without starting one: the
    credentials now (not a cached check), then the filters."""
    actor = await recheck(token, ip, max_age=0.0)
    await progress_filter(actor, item_id, batch_id)


# --- new images ------------------------------------------------------------------------------


def may_see_image_event(viewer: Actor, p: events.ImageAdded, board_id: str | None) -> bool:
    """Internal: ImageStream.next_image, for any viewer; raises nothing.

    The cheap checks before the images service's: the board the stream asked for,
    and Uncategorized images are their owner's (and admins')."""
    if board_id is not None and p.board_id != board_id:
        return False
    return p.board_id is not None or viewer.owns_or_admin(p.owner_id)


class ImageStream(Stream):
    def __init__(self, actor: Actor, token: str | None, board_id: str | None) -> None:
        super().__init__(actor, token, [events.IMAGE])
        self.board_id = board_id

    async def next_image(self) -> tuple[Image, Actor]:
        """Internal: the imageAdded resolver, for the stream's actor; raises what
        Stream.next raises (Unauthenticated, Forbidden, Conflict), never the images
        service's errors (those images are skipped).

        The next new image this listener can read, and the listener now."""
        while True:
            p, viewer = await self.next_of(events.ImageAdded)
            if not may_see_image_event(viewer, p, self.board_id):
                continue
            try:
                # The images service decides who may read it, as for queries.
                return await images.get_image(viewer, p.image_id), viewer
            except DomainError:
                continue  # not readable by this viewer, or deleted since


async def follow_images(
    actor: Actor, token: str | None, board_id: str | None = None
) -> ImageStream:
    """Any signed-in actor; Invalid for a bad boardId, NotFound for a board they cannot
    read.

    New images, as they are stored."""
    wanted = None
    if board_id is not None:
        board, _level = await boards.readable(actor, board_id, field="boardId")
        wanted = str(board.id)
    return ImageStream(actor, token, wanted)
