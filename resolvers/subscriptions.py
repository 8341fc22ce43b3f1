"""Live subscriptions: queue events, generation progress, new images.

Thin: the streams, their re-checks of the listener's credentials and who sees
what of each event are gql_invoke/services/live.py's; here the events become
GraphQL types. The bus buffers per subscriber, so a slow client never slows the
GPU loop; one that falls too far behind is ended with an error telling it to
resume with ``since``. How many streams one user may hold is capped where
websocket operations start (gql_invoke/ws_limits.py).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from gql_invoke import events
from gql_invoke.auth.actor import Actor
from gql_invoke.services import live, queue_view
from schema.context import Context, Info
from schema.images import Image
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


def _renew(context: Context, viewer: Actor) -> None:
    """Before rendering an event that loads rows: the listener as re-checked (today's
    admin flag), and fresh loaders (a connection lives for hours, its loaders must
    not cache names and images for that long)."""
    context.actor = viewer
    context.loaders = Loaders()


def _queue_event(event: events.Event, status: QueueStatus) -> QueueEvent:
    p, cursor = event.payload, event.cursor or ""
    if isinstance(p, events.QueueItemStatusChanged):
        return QueueItemStatusChanged(
            cursor=cursor, item=QueueItem.from_snapshot(p.item), queue_status=status
        )
    if isinstance(p, events.BatchEnqueued):
        return BatchEnqueued(
            cursor=cursor,
            batch_id=strawberry.ID(p.batch_id),
            item_count=p.item_count,
            queue_status=status,
        )
    if isinstance(p, events.QueueCleared):
        return QueueCleared(cursor=cursor, queue_status=status)
    return ProcessorStateChanged(cursor=cursor, queue_status=status)


def _str(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


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
        ctx = info.context
        with live.follow_queue(ctx.require_actor(), ctx.token, since) as stream:
            while True:
                event, viewer = await stream.next()
                _renew(ctx, viewer)
                status = QueueStatus.from_view(await queue_view.status_for(viewer))
                yield _queue_event(event, status)

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
        ctx = info.context
        stream = await live.follow_progress(
            ctx.require_actor(), ctx.token, _str(queue_item_id), _str(batch_id)
        )
        # Rendered from the event alone (no context, no loaders): the hot path, 100
        # subscribers x several events a second share one rendering per event.
        with stream:
            while True:
                yield await stream.next_view(GenerationProgress.from_event)

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
        ctx = info.context
        stream = await live.follow_images(ctx.require_actor(), ctx.token, _str(board_id))
        with stream:
            while True:
                row, viewer = await stream.next_image()
                _renew(ctx, viewer)
                yield ImageAdded(image=Image.from_row(row))
