"""The generation queue. (Grows with the generation issue.)"""

from __future__ import annotations

from datetime import UTC, datetime

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import QueueItem


async def cancel_pending_of_owner(actor: Actor, user_id: str, reason: str) -> int:
    return await QueueItem.filter(owner_id=user_id, status="PENDING").update(
        status="CANCELED", error=reason, completed_at=datetime.now(UTC))
