"""Rotating server secrets (`gql-invoke rotate-secret`): the JWT secret, and on request
every API token and the image URL key."""

from __future__ import annotations

from dataclasses import dataclass

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import ApiToken, AuthSession
from gql_invoke.services import app_settings, audit, session_end
from gql_invoke.services.scope import require_admin


@dataclass(frozen=True)
class Rotation:
    """What a rotation did (the CLI prints it)."""

    sessions_ended: int
    api_tokens_revoked: int | None = None  # None: API tokens were left alone
    image_url_key_replaced: bool = False


async def rotate_jwt_secret(actor: Actor) -> int:
    """Admins only (Forbidden otherwise); raises nothing else.

    Every token signed with the old secret stops working; returns the sessions ended."""
    require_admin(actor, "only admins can rotate the secret")
    await app_settings.set_value(
        app_settings.JWT_SECRET, app_settings.fresh_value(app_settings.JWT_SECRET)
    )
    ended = await AuthSession.filter(revoked=False).update(revoked=True)
    session_end.announce(None)
    await audit.record(
        actor, "secret_rotated", "app_settings", app_settings.JWT_SECRET, {"sessionsEnded": ended}
    )
    return ended


async def revoke_all_api_tokens(actor: Actor) -> int:
    """Admins only (Forbidden otherwise); raises nothing else.

    API tokens are random secrets checked by hash, not signed with the JWT secret, so
    rotating that secret leaves them working: this ends them all."""
    require_admin(actor, "only admins can revoke every API token")
    revoked = await ApiToken.filter(revoked=False).update(revoked=True)
    session_end.announce(None)
    await audit.record(actor, "api_tokens_revoked", "api_token", None, {"count": revoked})
    return revoked


async def rotate_image_url_key(actor: Actor) -> None:
    """Admins only (Forbidden otherwise); raises nothing else.

    Signed image URLs are bearer links until they expire; a new key ends them all at
    once (the server reads the key on every request, so this reaches it at once)."""
    require_admin(actor, "only admins can rotate the image URL key")
    await app_settings.set_value(
        app_settings.IMAGE_URL_KEY, app_settings.fresh_value(app_settings.IMAGE_URL_KEY)
    )
    await audit.record(actor, "secret_rotated", "app_settings", app_settings.IMAGE_URL_KEY)


async def rotate(actor: Actor, *, api_tokens: bool = False, image_urls: bool = False) -> Rotation:
    """Admins only, the CLI's system actor (Forbidden otherwise); raises nothing else.

    The JWT secret always; the flags add API tokens and the image URL key."""
    require_admin(actor, "only admins can rotate the secret")
    ended = await rotate_jwt_secret(actor)
    revoked = await revoke_all_api_tokens(actor) if api_tokens else None
    if image_urls:
        await rotate_image_url_key(actor)
    return Rotation(
        sessions_ended=ended, api_tokens_revoked=revoked, image_url_key_replaced=image_urls
    )
