"""Setup, login, sessions and API tokens."""

from __future__ import annotations

import strawberry

from gql_invoke.auth.passwords import POLICY_TEXT
from gql_invoke.db.models import ApiToken as ApiTokenRow
from gql_invoke.services import api_tokens, auth
from schema.context import Info
from schema.permissions import PUBLIC, SIGNED_IN
from schema.users import (
    ApiToken,
    AuthPayload,
    LoginInput,
    NewApiToken,
    SetupInput,
    SetupStatus,
    User,
)


def _payload(session: auth.Session) -> AuthPayload:
    return AuthPayload(token=session.token, expires_at=session.expires_at,
                       user=User.from_row(session.user))


def _api_token(row: ApiTokenRow) -> ApiToken:
    return ApiToken(id=strawberry.ID(str(row.id)), name=row.name, scopes=list(row.scopes),
                    created_at=row.created_at, expires_at=row.expires_at,
                    last_used_at=row.last_used_at)


@strawberry.type
class AuthQuery:
    @strawberry.field(permission_classes=PUBLIC)
    async def setup_status(self) -> SetupStatus:
        required, multiuser = await auth.setup_status()
        return SetupStatus(setup_required=required, multiuser_enabled=multiuser,
                           password_policy=POLICY_TEXT)

    @strawberry.field(permission_classes=SIGNED_IN)
    async def api_tokens(self, info: Info) -> list[ApiToken]:
        rows = await api_tokens.list_own(info.context.require_actor())
        return [_api_token(r) for r in rows]


@strawberry.type
class AuthMutation:
    @strawberry.mutation(permission_classes=PUBLIC)
    async def setup(self, info: Info, input: SetupInput) -> AuthPayload:
        session = await auth.setup(input.email, input.display_name, input.password,
                                   ip=info.context.ip)
        info.context.loaders.user.clear_all()
        return _payload(session)

    @strawberry.mutation(permission_classes=PUBLIC)
    async def login(self, info: Info, input: LoginInput) -> AuthPayload:
        session = await auth.login(input.email, input.password, input.remember_me,
                                   ip=info.context.ip)
        return _payload(session)

    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def logout(self, info: Info) -> bool:
        return await auth.logout(info.context.require_actor())

    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def logout_everywhere(self, info: Info) -> bool:
        return await auth.logout_everywhere(info.context.require_actor())

    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def create_api_token(self, info: Info, name: str, scopes: list[str] | None = None,
                               expires_in_days: int | None = 90) -> NewApiToken:
        secret, row = await api_tokens.create(info.context.require_actor(), name,
                                              scopes if scopes is not None else ["read"],
                                              expires_in_days)
        return NewApiToken(token=secret, api_token=_api_token(row))

    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def revoke_api_token(self, info: Info, id: strawberry.ID) -> bool:
        return await api_tokens.revoke(info.context.require_actor(), id)
