"""Rotating the JWT secret: every token signed with the old one stops working."""

from __future__ import annotations

from gql_invoke.auth.actor import Actor
from gql_invoke.auth.tokens import new_secret
from gql_invoke.db.models import AuthSession
from gql_invoke.services import app_settings, audit
from gql_invoke.services.scope import require_admin


async def rotate_jwt_secret(actor: Actor) -> None:
    require_admin(actor, "only admins can rotate the secret")
    await app_settings.set_value(app_settings.JWT_SECRET, new_secret())
    await AuthSession.filter(revoked=False).update(revoked=True)
    await audit.record(actor, "secret_rotated", "app_settings", app_settings.JWT_SECRET)
