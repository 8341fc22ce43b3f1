"""Server secrets kept in the app_settings table (JWT secret, image URL key)."""

from __future__ import annotations

import secrets

from tortoise.exceptions import IntegrityError

from gql_invoke.auth.tokens import new_secret
from gql_invoke.db.models import AppSetting

JWT_SECRET = "jwt_secret"
IMAGE_URL_KEY = "image_url_key"


def fresh_value(key: str) -> str:
    """Internal: get_or_create and secrets_admin; raises nothing.

    A new random value for a secret key."""
    return new_secret() if key == JWT_SECRET else secrets.token_hex(32)


async def get_or_create(key: str) -> str:
    """Internal: jwt_secret and image_url_key (server and CLI); raises nothing.

    The stored value of ``key``, created at random the first time."""
    row = await AppSetting.get_or_none(key=key)
    if row is not None:
        return row.value
    value = fresh_value(key)
    try:
        await AppSetting.create(key=key, value=value)
    except IntegrityError:
        # Another process (server and CLI share the file) created it first.
        row = await AppSetting.get(key=key)
        return row.value
    return value


async def jwt_secret() -> str:
    """Internal: auth (issuing and checking tokens) and app start-up; raises nothing."""
    # Read on every use, not cached: `gql-invoke rotate-secret` runs in another
    # process and must end every session of the running server at once.
    return await get_or_create(JWT_SECRET)


async def image_url_key() -> bytes:
    """Internal: signed image URLs (schema/images, image_routes) and app start-up; raises
    nothing."""
    return (await get_or_create(IMAGE_URL_KEY)).encode()


async def set_value(key: str, value: str) -> None:
    """Internal: queue processor control and secrets_admin, after their admin check; raises
    nothing.

    Store ``value`` under ``key``, replacing what was there."""
    await AppSetting.update_or_create(defaults={"value": value}, key=key)
