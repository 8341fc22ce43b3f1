"""The workers registry (admins)."""

from __future__ import annotations

import strawberry

from gql_invoke.services import workers
from schema.context import Info
from schema.permissions import ADMIN
from schema.workers import Worker


@strawberry.type
class WorkersQuery:
    @strawberry.field(
        permission_classes=ADMIN,
        description=(
            "The running GPU workers, by host and device; one silent for longer than a lease "
            "is LOST."
        ),
    )
    async def workers(self, info: Info) -> list[Worker]:
        return [
            Worker.from_info(w) for w in await workers.list_workers(info.context.require_actor())
        ]
