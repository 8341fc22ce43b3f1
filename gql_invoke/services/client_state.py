"""Per-user key/value storage for clients (UI layout, last-used settings, ...)."""

from __future__ import annotations

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import ClientState
from gql_invoke.errors import Invalid

MAX_KEY_CHARS = 255
MAX_VALUE_BYTES = 1_048_576


def _key(key: str) -> str:
    if not 1 <= len(key) <= MAX_KEY_CHARS:
        raise Invalid(f"key must be 1 to {MAX_KEY_CHARS} characters", field="key")
    return key


async def get_value(actor: Actor, key: str) -> str | None:
    row = await ClientState.get_or_none(user_id=actor.user_id, key=_key(key))
    return row.value if row else None


async def set_value(actor: Actor, key: str, value: str) -> bool:
    key = _key(key)
    if len(value.encode("utf-8")) > MAX_VALUE_BYTES:
        raise Invalid(f"value must be at most {MAX_VALUE_BYTES} bytes (UTF-8)", field="value")
    await ClientState.update_or_create(defaults={"value": value}, user_id=actor.user_id, key=key)
    return True


async def delete_value(actor: Actor, key: str) -> bool:
    """True when a value was removed, False when there was none."""
    return await ClientState.filter(user_id=actor.user_id, key=_key(key)).delete() > 0
