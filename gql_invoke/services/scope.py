"""Shared guards: id parsing, the admin check, and the owned-rows query scope."""

from __future__ import annotations

import uuid
from typing import TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import User
from gql_invoke.errors import Forbidden, Invalid

M = TypeVar("M", bound=Model)


def parse_uuid(value: str, field: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Invalid(f"{field} is not a valid id", field=field) from None


def require_admin(actor: Actor, message: str = "admin rights required") -> None:
    if not actor.is_admin:
        raise Forbidden(message)


async def lock_owner(user_id: object) -> None:
    """Inside a transaction: hold the user's row until it ends, so concurrent quota
    checks of one user run one after the other. PostgreSQL's READ COMMITTED would let
    two count-then-insert transactions both pass; SQLite already serialises writers
    (Tortoise ignores FOR UPDATE there)."""
    await User.select_for_update().filter(id=user_id).only("id").first()


def owned(actor: Actor, model: type[M], owner_field: str = "owner_id") -> QuerySet[M]:
    """Rows the actor owns; admins (and single-user mode) see every row."""
    if actor.is_admin or not actor.multiuser:
        return model.all()
    return model.filter(**{owner_field: actor.user_id})
