"""Personal API tokens for scripts and bots: scoped, expiring, shown once."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import ApiToken
from gql_invoke.domain import Scope
from gql_invoke.errors import Forbidden, Invalid, NotFound
from gql_invoke.services import audit, field_rules
from gql_invoke.services.auth import API_TOKEN_PREFIX, hash_api_token
from gql_invoke.services.scope import parse_uuid, require_admin


async def create(
    actor: Actor, name: str, scopes: list[str], expires_in_days: int | None
) -> tuple[str, ApiToken]:
    """Signed-in actors on an interactive session (Forbidden for an API token, and for the
    admin scope unless an admin); Invalid for the name, scopes or expiresInDays.

    Returns the secret (shown once) and the row; the token is the caller's own."""
    if actor.scopes is not None:
        raise Forbidden("API tokens cannot create other API tokens; sign in interactively")
    name = field_rules.name(name, max_len=field_rules.MAX_SHORT_NAME)
    unknown = sorted(set(scopes) - set(Scope))
    if unknown or not scopes:
        raise Invalid(f"scopes must be a non-empty subset of {', '.join(Scope)}", field="scopes")
    if Scope.ADMIN in scopes:
        require_admin(actor, "only admins can create tokens with the admin scope")
    if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
        raise Invalid(
            "expiresInDays must be 1..3650 (or null for no expiry)", field="expiresInDays"
        )
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = (
        datetime.now(UTC) + timedelta(days=expires_in_days) if expires_in_days is not None else None
    )
    row = await ApiToken.create(
        user_id=actor.user_id,
        name=name,
        token_hash=hash_api_token(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    await audit.record(
        actor, "api_token_created", "api_token", str(row.id), {"name": name, "scopes": row.scopes}
    )
    return secret, row


async def list_own(actor: Actor) -> list[ApiToken]:
    """Any signed-in actor (their own tokens only); raises nothing.

    The caller's tokens not revoked, newest first (expired ones included)."""
    return await ApiToken.filter(user_id=actor.user_id, revoked=False).order_by("-created_at")


async def revoke(actor: Actor, token_id: str) -> bool:
    """The token's owner or an admin; Invalid for a bad id, NotFound when missing,
    revoked or another user's (so its existence is not confirmed, as for sessions)."""
    row = await ApiToken.get_or_none(id=parse_uuid(token_id), revoked=False)
    if row is None or not actor.owns_or_admin(row.user_id):
        raise NotFound("API token not found")
    row.revoked = True
    await row.save(update_fields=["revoked"])
    await audit.record(actor, "api_token_revoked", "api_token", str(row.id))
    return True
