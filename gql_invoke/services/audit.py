"""The audit log: who did what to which object, when and from where."""

from __future__ import annotations

import uuid
from typing import Any

from tortoise.expressions import Q

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import AuditEvent
from gql_invoke.errors import Invalid
from gql_invoke.services.pagination import decode_cursor, encode_cursor
from gql_invoke.services.scope import parse_uuid, require_admin


async def record(
    actor: Actor | None,
    action: str,
    target_type: str,
    target_id: str | None = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
    actor_id: str | None = None,
) -> None:
    """Internal: every service that audits an action (it checks nothing itself); raises
    nothing.

    ``actor_id`` names the actor when there is no Actor yet (a login, the setup)."""
    await AuditEvent.create(
        actor_id=actor.user_id if actor else actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail or {},
        ip=ip if ip is not None else (actor.ip if actor else None),
    )


async def _position(after: str) -> tuple[Any, str]:
    """(at, id) to continue after: a cursor, or the id of the last event seen."""
    try:
        event_id = uuid.UUID(after)
    except ValueError:
        return decode_cursor(after)
    row = await AuditEvent.get_or_none(id=event_id)
    if row is None:
        raise Invalid("after names no audit event", field="after")
    return row.at, str(row.id)


async def list_events(
    actor: Actor,
    first: int = 100,
    after: str | None = None,
    actor_id: str | None = None,
    action: str | None = None,
) -> list[AuditEvent]:
    """Admins only (Forbidden otherwise); Invalid for ``first`` outside 1..1000, a bad
    actorId or ``after``.

    Newest first; ``after`` continues below the given event."""
    require_admin(actor, "only admins can read the audit log")
    if not 1 <= first <= 1000:
        raise Invalid("first must be between 1 and 1000", field="first")
    query = AuditEvent.all()
    if actor_id:
        query = query.filter(actor_id=parse_uuid(actor_id, "actorId"))
    if action:
        query = query.filter(action=action)
    if after:
        at, event_id = await _position(after)
        # Strictly after in (-at, -id) order: older, or as old with a smaller id.
        # (Not .exclude(at=..., id__gte=...): Tortoise negates each term separately.)
        query = query.filter(Q(at__lt=at) | Q(at=at, id__lt=event_id))
    return await query.order_by("-at", "-id").limit(first)


def cursor_of(event: AuditEvent) -> str:
    """Internal: the audit log's edges (schema/users); raises nothing.

    The cursor ``after`` accepts to continue below ``event``."""
    return encode_cursor(event.at, str(event.id))
