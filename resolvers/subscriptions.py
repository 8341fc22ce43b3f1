"""Live subscriptions: queue events, generation progress, new images.

Each subscriber renders every event for itself, with the same visibility
rules as the queries. Every stream (these and modelInstallProgress) reads the
bus through gql_invoke.services.live.Stream, which re-checks the listener's
credentials before delivering: a user deactivated or logged out mid-stream
stops receiving and the stream ends with UNAUTHENTICATED; a demoted admin
stops seeing what only admins may see. The bus buffers per subscriber, so a
slow client never slows the GPU loop; one that falls too far behind is ended
with an error telling it to resume with ``since``. How many streams one user
may hold is capped where websocket operations start (gql_invoke/ws_limits.py).
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Iterable
from typing import Any

import strawberry

from gql_invoke.auth.actor import Actor
from gql_invoke.errors import DomainError, Forbidden, Invalid, NotFound
from gql_invoke.events import Event
from gql_invoke.services import live, queue_view
from gql_invoke.services.scope import parse_uuid
from schema.context import Info
from schema.loaders import Loaders
from schema.permissions import SIGNED_IN
from schema.queue import (
    BatchEnqueued,
    GenerationProgress,
    ImageAdded,
    ProcessorStateChanged,
    QueueCleared,
    QueueEvent,
    QueueItem,
    QueueItemStatusChanged,
    QueueStatus,
)

_CURSOR = re.compile(r"[0-9a-f]{1,32}-[0-9]{1,18}")


class _Stream(live.Stream):
    """live.Stream that keeps the connection's context current for the rendering."""

    def __init__(
        self, info: Info, topics: Iterable[str], since: str | None = None, loads_rows: bool = True
    ) -> None:
        self.context = info.context
        super().__init__(self.context.require_actor(), self.context.token, topics, since)
        # Progress events are rendered from their payload alone: no loaders to renew
        # on the hot path (100 subscribers x several events a second).
        self.loads_rows = loads_rows

    async def next(self) -> tuple[Event, Actor]:
        event, viewer = await super().next()
        # The fresh Actor carries today's admin flag for what the resolvers render.
        self.context.actor = viewer
        if self.loads_rows:
            # Fresh per event: a connection lives for hours, its loaders must not
            # cache rows (names, images) for that long.
            self.context.loaders = Loaders()
        return event, viewer


# The last progress event rendered, as the owner sees it (preview) and as
# admins do (none): every subscriber handles the same event right after the
# other, so they share two immutable objects instead of building one each.
_rendered_progress: tuple[Event | None, dict[bool, GenerationProgress]] = (None, {})


def _progress_for(event: Event, mine: bool) -> GenerationProgress:
    global _rendered_progress
    last, views = _rendered_progress
    if last is not event:
        views = {}
        _rendered_progress = (event, views)
    view = views.get(mine)
    if view is None:
        p = event.payload
        view = views[mine] = GenerationProgress(
            queue_item_id=strawberry.ID(str(p["item_id"])),
            batch_id=strawberry.ID(p["batch_id"]),
            step=p["step"],
            total_steps=p["total"],
            percentage=100.0 * p["step"] / max(p["total"], 1),
            preview=p["preview"] if mine else None,
        )
    return view


def _render_queue_event(event: Event, status: QueueStatus) -> Any:
    payload, cursor = event.payload, event.cursor or ""
    kind = payload["kind"]
    if kind == "status":
        return QueueItemStatusChanged(
            cursor=cursor, item=QueueItem.from_snapshot(payload["item"]), queue_status=status
        )
    if kind == "batch":
        return BatchEnqueued(
            cursor=cursor,
            batch_id=strawberry.ID(payload["batch_id"]),
            item_count=payload["item_count"],
            queue_status=status,
        )
    if kind == "cleared":
        return QueueCleared(cursor=cursor, queue_status=status)
    return ProcessorStateChanged(cursor=cursor, queue_status=status)


async def _check_progress_filters(
    actor: Actor, item_id: str | None, batch_id: str | None
) -> tuple[int | None, str | None]:
    """Watching a given item or batch needs the right to see it (owner or admin)."""
    from gql_invoke.db.models import QueueItem as Row

    wanted_item = wanted_batch = None
    if item_id is not None:
        row = await queue_view.get_item(actor, item_id, "queueItemId")
        if not queue_view.can_see_details(actor, str(row.owner_id)):  # type: ignore[attr-defined]
            raise Forbidden("only the owner or an admin can follow this item's progress")
        wanted_item = row.id
    if batch_id is not None:
        bid = parse_uuid(batch_id, "batchId")
        owners = set(await Row.filter(batch_id=bid).values_list("owner_id", flat=True))
        if not owners:
            raise NotFound(f"batch {batch_id} not found", field="batchId")
        if not all(queue_view.can_see_details(actor, str(o)) for o in owners):
            raise Forbidden("only the owner or an admin can follow this batch's progress")
        wanted_batch = str(bid)
    return wanted_item, wanted_batch


@strawberry.type
class QueueSubscription:
    @strawberry.subscription(
        permission_classes=SIGNED_IN,
        description=(
            "Queue changes for every signed-in user, sanitized like queueItems. Pass the last "
            "cursor you saw as since to first receive what you missed (bounded replay)."
        ),
    )
    async def queue_events(
        self, info: Info, since: str | None = None
    ) -> AsyncGenerator[QueueEvent, None]:
        info.context.require_actor()
        if since is not None and not _CURSOR.fullmatch(since):
            raise Invalid("since is not a cursor from queueEvents", field="since")
        with _Stream(info, [queue_view.TOPIC], since) as stream:
            while True:
                event, viewer = await stream.next()
                status = QueueStatus.from_view(await queue_view.status_for(viewer))
                yield _render_queue_event(event, status)

    @strawberry.subscription(
        permission_classes=SIGNED_IN,
        description=(
            "Your generations' progress with previews; admins also get everyone else's, "
            "without preview. Filter by queueItemId or batchId (owner or admin only)."
        ),
    )
    async def generation_progress(
        self,
        info: Info,
        queue_item_id: strawberry.ID | None = None,
        batch_id: strawberry.ID | None = None,
    ) -> AsyncGenerator[GenerationProgress, None]:
        from gql_invoke.worker import PROGRESS_TOPIC

        actor = info.context.require_actor()
        wanted_item, wanted_batch = await _check_progress_filters(
            actor,
            str(queue_item_id) if queue_item_id is not None else None,
            str(batch_id) if batch_id is not None else None,
        )
        with _Stream(info, [PROGRESS_TOPIC], loads_rows=False) as stream:
            while True:
                event, viewer = await stream.next()
                p = event.payload
                if (wanted_item is not None and p["item_id"] != wanted_item) or (
                    wanted_batch is not None and p["batch_id"] != wanted_batch
                ):
                    continue
                mine = p["owner_id"] == viewer.user_id
                if not (mine or viewer.is_admin):
                    continue
                yield _progress_for(event, mine)

    @strawberry.subscription(
        permission_classes=SIGNED_IN,
        description=(
            "New images on boards you can read (Uncategorized: the owner's and, for admins, "
            "everyone's)."
        ),
    )
    async def image_added(
        self, info: Info, board_id: strawberry.ID | None = None
    ) -> AsyncGenerator[ImageAdded, None]:
        from gql_invoke.services import boards, images
        from schema.images import Image

        actor = info.context.require_actor()
        wanted = None
        if board_id is not None:
            board, _level = await boards.readable(actor, str(board_id), field="boardId")
            wanted = str(board.id)
        with _Stream(info, ["image"]) as stream:
            while True:
                event, viewer = await stream.next()
                p = event.payload
                if wanted is not None and p.get("board_id") != wanted:
                    continue
                if p.get("board_id") is None and not (
                    viewer.is_admin or p.get("owner_id") == viewer.user_id
                ):
                    continue
                try:
                    # The images service decides who may read it, as for queries.
                    row = await images.get_image(viewer, p["image_id"])
                except DomainError:
                    continue  # not readable by this viewer, or deleted since
                yield ImageAdded(image=Image.from_row(row))
