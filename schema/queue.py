"""Queue types: items sanitized per viewer, status, inputs, and subscription events.

A QueueItem is built from a queue_view.ItemSnapshot (from a row, or carried by
an event) and decides per field, for whoever is asking, what they may see:
every signed-in user sees status, position and cost; only the owner and
admins see params, error, images and the owner's name.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from gql_invoke import events
from gql_invoke.domain import QueueItemStatus, QueuePolicy, Scheduler
from gql_invoke.services import images as images_service
from gql_invoke.services import queue_view
from gql_invoke.services.queue_view import ItemSnapshot, StatusView
from schema.context import Info
from schema.execution import render_once
from schema.images import Image
from schema.scalars import Long

if TYPE_CHECKING:
    from gql_invoke.db.models import QueueItem as QueueItemRow

HIDDEN_OWNER = "<hidden>"


# The domain's enums as GraphQL enums: members and their order are the domain's.
# Decorated in place (strawberry.enum returns the class), so annotations below use them.
strawberry.enum(QueueItemStatus, name="QueueItemStatus")
strawberry.enum(
    QueuePolicy, name="QueuePolicy", description="FAIR_SHARE: least recent GPU cost served first"
)
strawberry.enum(Scheduler, name="Scheduler")


@strawberry.type
class LoraParams:
    model: strawberry.ID
    weight: float


@strawberry.type
class GenerationParams:
    prompt: str
    negative_prompt: str
    model: str
    width: int
    height: int
    steps: int
    cfg_scale: float
    scheduler: Scheduler
    seed: Long
    board_id: strawberry.ID | None
    init_image_id: strawberry.ID | None
    strength: float | None
    mask_image_id: strawberry.ID | None
    loras: list[LoraParams]
    vae: strawberry.ID | None

    @classmethod
    def from_params(cls, p: dict[str, Any]) -> GenerationParams:
        board_id = p.get("boardId")
        return cls(
            prompt=p["prompt"],
            negative_prompt=p.get("negativePrompt") or "",
            model=p["model"],
            width=p["width"],
            height=p["height"],
            steps=p["steps"],
            cfg_scale=p["cfgScale"],
            scheduler=Scheduler(p["scheduler"]),
            seed=Long(p["seed"]),
            board_id=strawberry.ID(board_id) if board_id else None,
            init_image_id=_id_or_none(p.get("initImageId")),
            strength=p.get("strength"),
            mask_image_id=_id_or_none(p.get("maskImageId")),
            loras=[
                LoraParams(model=strawberry.ID(x["model"]), weight=x["weight"])
                for x in p.get("loras") or []
            ],
            vae=_id_or_none(p.get("vae")),
        )


def _id_or_none(value: Any) -> strawberry.ID | None:
    return strawberry.ID(str(value)) if value else None


@strawberry.type
class QueueItem:
    id: strawberry.ID
    batch_id: strawberry.ID
    status: QueueItemStatus
    cost: float = strawberry.field(
        description="Estimated GPU work (steps x megapixels), what fair scheduling weighs."
    )
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    _snap: strawberry.Private[ItemSnapshot]

    @classmethod
    def from_snapshot(cls, snap: ItemSnapshot) -> QueueItem:
        return cls(
            id=strawberry.ID(str(snap.id)),
            batch_id=strawberry.ID(snap.batch_id),
            status=QueueItemStatus(snap.status),
            cost=snap.cost,
            created_at=snap.created_at,
            started_at=snap.started_at,
            completed_at=snap.completed_at,
            _snap=snap,
        )

    @classmethod
    def from_row(cls, row: QueueItemRow) -> QueueItem:
        return cls.from_snapshot(queue_view.snapshot(row))

    def _visible(self, info: Info) -> bool:
        return info.context.require_actor().owns_or_admin(self._snap.owner_id)

    @strawberry.field
    def is_mine(self, info: Info) -> bool:
        return info.context.require_actor().owns(self._snap.owner_id)

    @strawberry.field(
        description="The owner's display name for the owner and admins; "
        '"<hidden>" for everyone else.'
    )
    async def owner_name(self, info: Info) -> str:
        if not self._visible(info):
            return HIDDEN_OWNER
        row = await info.context.loaders.user.load(self._snap.owner_id)
        return row.display_name if row is not None else HIDDEN_OWNER

    @strawberry.field(description="Null unless the viewer owns the item or is an admin.")
    def params(self, info: Info) -> GenerationParams | None:
        return GenerationParams.from_params(self._snap.params) if self._visible(info) else None

    @strawberry.field(description="Same visibility as params.")
    def error(self, info: Info) -> str | None:
        return self._snap.error if self._visible(info) else None

    @strawberry.field(description="Same visibility as params ([] otherwise).")
    async def images(self, info: Info) -> list[Image]:
        if not self._visible(info) or self._snap.status != QueueItemStatus.COMPLETED:
            return []
        loader = info.context.loaders.get("queue_item_images", images_service.by_queue_items)
        return [Image.from_row(r) for r in await loader.load(self._snap.id)]

    @strawberry.field(description="0-based place in the pending line; null when not PENDING.")
    async def position(self) -> int | None:
        if self._snap.status != "PENDING":
            return None
        return (await queue_view.line()).positions.get(self._snap.id)

    @strawberry.field(
        description="PENDING only: when the scheduler expects to start it "
        "(policy-aware; null while the processor is paused)."
    )
    async def estimated_start_at(self) -> datetime | None:
        if self._snap.status != "PENDING":
            return None
        return (await queue_view.line()).starts.get(self._snap.id)


@strawberry.type
class QueueStatus:
    paused: bool
    policy: QueuePolicy
    pending: int
    in_progress: int
    my_pending: int
    my_in_progress: int
    completed: int
    failed: int
    canceled: int

    @classmethod
    def from_view(cls, v: StatusView) -> QueueStatus:
        return cls(
            paused=v.paused,
            policy=QueuePolicy(v.policy),
            pending=v.pending,
            in_progress=v.in_progress,
            my_pending=v.my_pending,
            my_in_progress=v.my_in_progress,
            completed=v.completed,
            failed=v.failed,
            canceled=v.canceled,
        )


@strawberry.input
class GenerationInput:
    prompt: str
    negative_prompt: str | None = ""
    model: strawberry.ID | None = strawberry.field(
        default=None, description="null: the default model"
    )
    width: int | None = strawberry.field(
        default=None, description="null: the model's default; multiple of 8, 64..2048"
    )
    height: int | None = None
    steps: int | None = strawberry.field(default=None, description="1..150")
    cfg_scale: float | None = strawberry.field(default=None, description="0..30")
    scheduler: Scheduler | None = None
    seed: Long | None = strawberry.field(default=None, description="0..4294967295; null: random")
    board_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=("Where results go; the caller needs WRITE on it. null: Uncategorized"),
    )
    init_image_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Image-to-image / inpainting source; the caller must be able to read it",
    )
    strength: float | None = strawberry.field(
        default=None,
        description="0..1 (default 0.75): how much of the init image is redrawn",
    )
    mask_image_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Inpainting: white = repaint, black = keep; needs initImageId; "
        "readable by the caller",
    )
    loras: list[LoraInput] | None = strawberry.field(
        default_factory=list,
        description="Installed LORA models of a compatible base, applied for this job only "
        "(at most 5)",
    )
    vae: strawberry.ID | None = strawberry.field(
        default=None,
        description="An installed VAE of a compatible base instead of the model's own",
    )


@strawberry.input
class LoraInput:
    model: strawberry.ID
    weight: float | None = strawberry.field(default=1.0, description="-2..2")


@strawberry.input
class EnqueueInput:
    generation: GenerationInput
    runs: int | None = strawberry.field(
        default=1, description="1..100 images; seeds are seed, seed+1, ..."
    )
    prepend: bool | None = strawberry.field(default=False, description="Jump the line: admins only")


@strawberry.type
class EnqueueResult:
    batch_id: strawberry.ID
    items: list[QueueItem]


# --- subscription payloads ------------------------------------------------------------


@strawberry.type(
    description="Progress of one generation: the owner gets a preview, admins "
    "watching someone else's item get preview = null."
)
class GenerationProgress:
    queue_item_id: strawberry.ID
    batch_id: strawberry.ID
    step: int
    total_steps: int
    percentage: float = strawberry.field(description="0 to 100")
    preview: str | None = strawberry.field(
        description="data:image/webp (or png) URL of a small latent preview, or null"
    )

    @classmethod
    def from_event(cls, p: events.GenerationProgress, with_preview: bool) -> GenerationProgress:
        # Shared by every subscriber of this viewer class; its fields read nothing but
        # the object, so one execution result serves them all.
        return render_once(
            cls(
                queue_item_id=strawberry.ID(str(p.item_id)),
                batch_id=strawberry.ID(p.batch_id),
                step=p.step,
                total_steps=p.total,
                percentage=100.0 * p.step / max(p.total, 1),
                preview=p.preview if with_preview else None,
            )
        )


@strawberry.type
class QueueItemStatusChanged:
    cursor: str
    item: QueueItem
    queue_status: QueueStatus


@strawberry.type
class BatchEnqueued:
    cursor: str
    batch_id: strawberry.ID
    item_count: int
    queue_status: QueueStatus


@strawberry.type
class QueueCleared:
    cursor: str
    queue_status: QueueStatus


@strawberry.type
class ProcessorStateChanged:
    cursor: str
    queue_status: QueueStatus


QueueEvent = Annotated[
    QueueItemStatusChanged | BatchEnqueued | QueueCleared | ProcessorStateChanged,
    strawberry.union("QueueEvent"),
]


@strawberry.type(description="To everyone who can read the image's board.")
class ImageAdded:
    image: Image
