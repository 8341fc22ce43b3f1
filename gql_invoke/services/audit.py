"""The audit log: who did what to which object, when and from where."""

from __future__ import annotations

from typing import Any

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import AuditEvent
from gql_invoke.errors import Forbidden, Invalid
from gql_invoke.services.pagination import decode_cursor, encode_cursor


async def record(
    actor: Actor | None,
    action: str,
    target_type: str,
    target_id: str | None = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
) -> None:
    await AuditEvent.create(
        actor_id=actor.user_id if actor else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail or {},
        ip=ip if ip is not None else (actor.ip if actor else None),
    )


async def list_events(
    actor: Actor, first: int = 100, after: str | None = None,
    actor_id: str | None = None, action: str | None = None,
) -> list[AuditEvent]:
    if not actor.is_admin:
        raise Forbidden("only admins can read the audit log")
    if not 1 <= first <= 1000:
        raise Invalid("first must be between 1 and 1000", field="first")
    query = AuditEvent.all()
    if actor_id:
        query = query.filter(actor_id=actor_id)
    if action:
        query = query.filter(action=action)
    if after:
        at, event_id = decode_cursor(after)
        query = query.filter(at__lte=at).exclude(at=at, id__gte=event_id)
    return await query.order_by("-at", "-id").limit(first)


def cursor_of(event: AuditEvent) -> str:
    return encode_cursor(event.at, str(event.id))
