"""Workers: the GPU task loops the queue runs on (admins only, like the root field)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from gql_invoke.domain import WorkerStatus
from gql_invoke.services import queue_view
from gql_invoke.services.workers import WorkerInfo
from schema.context import Info
from schema.loaders import by_key
from schema.queue import QueueItem

# The domain's enum as a GraphQL enum: members and their order are the domain's.
strawberry.enum(
    WorkerStatus, name="WorkerStatus", description="LOST: silent for longer than a lease"
)


@strawberry.type(description="One GPU task loop (one per device, on any machine).")
class Worker:
    id: strawberry.ID
    device: str = strawberry.field(description="cuda:0, cuda:1, cpu, mps ...")
    host: str
    status: WorkerStatus
    started_at: datetime
    last_heartbeat_at: datetime
    _current_item_id: strawberry.Private[int | None]

    @classmethod
    def from_info(cls, info: WorkerInfo) -> Worker:
        return cls(
            id=strawberry.ID(info.id),
            device=info.device,
            host=info.host,
            status=info.status,
            started_at=info.started_at,
            last_heartbeat_at=info.last_heartbeat_at,
            _current_item_id=info.current_item_id,
        )

    @strawberry.field(description="What it generates now, as it last reported; null when idle.")
    async def current_item(self, info: Info) -> QueueItem | None:
        if self._current_item_id is None:
            return None
        actor = info.context.require_actor()

        async def fetch(ids: list[int]) -> dict[Any, Any]:
            return await queue_view.items_by_ids(actor, ids)

        loader = info.context.loaders.get("queue_item", by_key(fetch))
        snap = await loader.load(self._current_item_id)
        return QueueItem.from_snapshot(snap) if snap is not None else None
