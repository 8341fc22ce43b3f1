"""Shared guards: id parsing, the admin check, and the owner-row lock."""

from __future__ import annotations

import uuid

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import User
from gql_invoke.errors import Forbidden, Invalid


def parse_uuid(value: str, field: str = "id") -> uuid.UUID:
    """Internal: every service's id fields; Invalid naming ``field`` for a malformed id."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Invalid(f"{field} is not a valid id", field=field) from None


def require_admin(
    actor: Actor, message: str = "admin rights required", field: str | None = None
) -> None:
    """Internal: the guard of every admin-only service; Forbidden (``message``, ``field``)
    unless ``actor.is_admin``.

    Site-admin actions. ``is_admin`` itself, not ``Actor.sees_all``: the two agree for
    every real caller (single-user requests and the CLI are the system actor, an admin),
    but an actor built for a non-admin owner in single-user mode must not pass."""
    if not actor.is_admin:
        raise Forbidden(message, **({"field": field} if field else {}))


async def lock_owner(user_id: object) -> None:
    """Internal: quota checks (boards, queue, image_store, client_state, workflows); raises
    nothing.

    Inside a transaction: hold the user's row until it ends, so concurrent quota
    checks of one user run one after the other. PostgreSQL's READ COMMITTED would let
    two count-then-insert transactions both pass; SQLite already serialises writers
    (Tortoise ignores FOR UPDATE there)."""
    await User.select_for_update().filter(id=user_id).only("id").first()
