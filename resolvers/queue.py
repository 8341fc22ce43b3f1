"""The generation queue: list and inspect (everyone, sanitized), enqueue and control."""

from __future__ import annotations

import strawberry

from gql_invoke.services import queue, queue_processor, queue_spec, queue_view
from schema.context import Info
from schema.permissions import ADMIN, GENERATOR, SIGNED_IN
from schema.queue import (
    EnqueueInput,
    EnqueueResult,
    QueueItem,
    QueueItemStatus,
    QueuePolicy,
    QueueStatus,
)


@strawberry.type
class QueueQuery:
    @strawberry.field(
        permission_classes=SIGNED_IN,
        description=(
            "Every item, oldest first; items of others are sanitized. after: an item id. "
            "first: 1..500."
        ),
    )
    async def queue_items(
        self,
        info: Info,
        status: QueueItemStatus | None = None,
        first: int | None = 100,
        after: str | None = None,
    ) -> list[QueueItem]:
        snaps = await queue_view.list_items(
            info.context.require_actor(),
            status.value if status else None,
            100 if first is None else first,
            after,
        )
        return [QueueItem.from_snapshot(s) for s in snaps]

    @strawberry.field(permission_classes=SIGNED_IN)
    async def queue_item(self, info: Info, id: strawberry.ID) -> QueueItem | None:
        return QueueItem.from_row(await queue_view.get_item(info.context.require_actor(), id))

    @strawberry.field(permission_classes=SIGNED_IN)
    async def queue_status(self, info: Info) -> QueueStatus:
        return QueueStatus.from_view(await queue_view.status_for(info.context.require_actor()))


@strawberry.type
class QueueMutation:
    @strawberry.mutation(
        permission_classes=GENERATOR,
        description=(
            "CONFLICT (field maxPendingJobs) past the owner's maxPendingJobs quota or, without "
            "one, the site's default_max_pending_jobs (500 in multiuser mode)."
        ),
    )
    async def enqueue(self, info: Info, input: EnqueueInput) -> EnqueueResult:
        g = input.generation
        spec = queue_spec.GenerationSpec(
            prompt=g.prompt,
            negative_prompt=g.negative_prompt,
            model=str(g.model) if g.model is not None else None,
            width=g.width,
            height=g.height,
            steps=g.steps,
            cfg_scale=g.cfg_scale,
            scheduler=g.scheduler.value if g.scheduler is not None else None,
            seed=g.seed,
            board_id=str(g.board_id) if g.board_id is not None else None,
            init_image_id=_str_or_none(g.init_image_id),
            strength=g.strength,
            mask_image_id=_str_or_none(g.mask_image_id),
            loras=tuple(
                queue_spec.LoraSpec(model=str(x.model), weight=x.weight) for x in g.loras or []
            ),
            vae=_str_or_none(g.vae),
        )
        batch_id, rows = await queue.enqueue(
            info.context.require_actor(),
            spec,
            runs=1 if input.runs is None else input.runs,
            prepend=bool(input.prepend),
        )
        return EnqueueResult(
            batch_id=strawberry.ID(batch_id), items=[QueueItem.from_row(r) for r in rows]
        )

    @strawberry.mutation(permission_classes=GENERATOR)
    async def cancel_queue_item(self, info: Info, id: strawberry.ID) -> QueueItem:
        return QueueItem.from_row(await queue.cancel_item(info.context.require_actor(), id))

    @strawberry.mutation(permission_classes=GENERATOR)
    async def cancel_batch(self, info: Info, batch_id: strawberry.ID) -> int:
        return await queue.cancel_batch(info.context.require_actor(), batch_id)

    @strawberry.mutation(
        permission_classes=GENERATOR,
        description="New PENDING copies; the same pending cap as enqueue.",
    )
    async def retry_queue_items(self, info: Info, ids: list[strawberry.ID]) -> list[QueueItem]:
        rows = await queue.retry_items(info.context.require_actor(), [str(i) for i in ids])
        return [QueueItem.from_row(r) for r in rows]

    @strawberry.mutation(
        permission_classes=GENERATOR,
        description=(
            "Admins: every pending item and the running one; others: their own pending items."
        ),
    )
    async def clear_queue(self, info: Info) -> int:
        return await queue.clear_queue(info.context.require_actor())

    @strawberry.mutation(
        permission_classes=GENERATOR, description="Removes finished items (own; admin: all)."
    )
    async def prune_queue(self, info: Info) -> int:
        return await queue.prune_queue(info.context.require_actor())

    @strawberry.mutation(permission_classes=ADMIN)
    async def pause_processor(self, info: Info) -> QueueStatus:
        return QueueStatus.from_view(await queue_processor.pause(info.context.require_actor()))

    @strawberry.mutation(permission_classes=ADMIN)
    async def resume_processor(self, info: Info) -> QueueStatus:
        return QueueStatus.from_view(await queue_processor.resume(info.context.require_actor()))

    @strawberry.mutation(permission_classes=ADMIN)
    async def set_queue_policy(self, info: Info, policy: QueuePolicy) -> QueueStatus:
        return QueueStatus.from_view(
            await queue_processor.set_policy(info.context.require_actor(), policy.value)
        )


def _str_or_none(value: strawberry.ID | None) -> str | None:
    return str(value) if value is not None else None
