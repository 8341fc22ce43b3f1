"""Per-user key/value storage for clients (UI layout, last-used settings, ...).

Bounded per user (see storage): at most MAX_KEYS keys, values of at most
MAX_VALUE_BYTES, and key + value bytes count toward maxStorageBytes.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import ClientState
from gql_invoke.services import field_rules, storage
from gql_invoke.services.scope import lock_owner

MAX_KEY_CHARS = 255
MAX_VALUE_BYTES = 256 * 1024
MAX_KEYS = 200
VALUE_LIMIT = "clientState value bytes"
KEYS_LIMIT = "clientState keys"


def _key(key: str) -> str:
    # Not trimmed: a client's keys are its own, spaces included.
    return field_rules.between(key, "key", 1, MAX_KEY_CHARS)


async def get_value(actor: Actor, key: str) -> str | None:
    """Any signed-in actor (their own values only); Invalid for a key outside 1..255
    characters.

    The value stored under ``key``, or None."""
    row = await ClientState.get_or_none(user_id=actor.user_id, key=_key(key))
    return row.value if row else None


async def set_value(actor: Actor, key: str, value: str) -> bool:
    """Any signed-in actor (their own values only); Invalid for the key, Conflict past the
    value size, the key count or the storage quota."""
    key = _key(key)
    size = storage.text_bytes(value)
    storage.check_item_size("value", size, MAX_VALUE_BYTES, VALUE_LIMIT)
    # One transaction: two concurrent saves cannot both slip under a limit.
    async with in_transaction():
        await lock_owner(actor.user_id)
        row = await ClientState.get_or_none(user_id=actor.user_id, key=key)
        if row is None:
            await storage.check_count(ClientState, actor.user_id, MAX_KEYS, KEYS_LIMIT)
        old = storage.text_bytes(key, row.value) if row is not None else 0
        await storage.check_quota(actor.user_id, "value", storage.text_bytes(key) + size, old)
        if row is None:
            await ClientState.create(user_id=actor.user_id, key=key, value=value)
        else:
            row.value = value
            await row.save()
    return True


async def delete_value(actor: Actor, key: str) -> bool:
    """Any signed-in actor (their own values only); Invalid for the key.

    True when a value was removed, False when there was none."""
    return await ClientState.filter(user_id=actor.user_id, key=_key(key)).delete() > 0
