"""Rotating secrets: the JWT secret always, API tokens and the image URL key on request."""

from __future__ import annotations

import pytest

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import ApiToken, AuditEvent, AuthSession
from gql_invoke.errors import Forbidden, Unauthenticated
from gql_invoke.services import api_tokens, app_settings, auth, secrets_admin
from tests.helpers import PASSWORD, new_user

pytestmark = pytest.mark.usefixtures("db")

EMAIL = "admin@example.local"


async def setup_admin() -> auth.Session:
    return await auth.setup(EMAIL, "Admin", PASSWORD, ip="10.0.0.1")


async def test_rotating_the_secret_ends_every_session(system: Actor) -> None:
    await setup_admin()
    session = await auth.login(EMAIL, PASSWORD, False, None)
    old_secret = await app_settings.jwt_secret()
    await secrets_admin.rotate_jwt_secret(system)
    assert await app_settings.jwt_secret() != old_secret
    with pytest.raises(Unauthenticated):
        await auth.authenticate(session.token)
    assert not await AuthSession.filter(revoked=False).exists()
    assert await AuditEvent.filter(action="secret_rotated").exists()
    await auth.authenticate((await auth.login(EMAIL, PASSWORD, False, None)).token)


async def test_only_admins_rotate_the_secret() -> None:
    with pytest.raises(Forbidden):
        await secrets_admin.rotate_jwt_secret(await new_user("bob@example.local"))


async def test_rotate_with_flags_revokes_api_tokens_and_replaces_the_image_key(
    system: Actor,
) -> None:
    admin = await setup_admin()
    actor = await auth.authenticate(admin.token)
    secret, _ = await api_tokens.create(actor, "bot", ["read"], 30)
    old_key = await app_settings.image_url_key()
    plain = await secrets_admin.rotate(system)
    assert plain == secrets_admin.Rotation(sessions_ended=1)
    await auth.authenticate(secret)  # plain rotation leaves API tokens alone
    assert await app_settings.image_url_key() == old_key
    done = await secrets_admin.rotate(system, api_tokens=True, image_urls=True)
    assert done.api_tokens_revoked == 1 and done.image_url_key_replaced
    with pytest.raises(Unauthenticated):
        await auth.authenticate(secret)
    assert not await ApiToken.filter(revoked=False).exists()
    assert await app_settings.image_url_key() != old_key
    with pytest.raises(Forbidden):
        await secrets_admin.rotate(await new_user("bob@example.local"), image_urls=True)
